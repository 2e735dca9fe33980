"""Real processes for the replica tests (PostgreSQL pass only): a primary with a synchronous
streaming replica (scripts/pg-cluster.sh), filled from the migrated test database with
pg_dump/pg_restore (seconds, where `migrate` on the cluster takes a minute), and a gunicorn
serving the app against it."""

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from doorbraak.taken.tests.conftest import database_url

WORTEL = Path(__file__).resolve().parents[4]
PGBIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))


def _poort() -> int:
    return random.randrange(50000, 59000)  # beside test.sh's server and test_backup's


class Cluster:
    def __init__(self, map_: Path, urls: dict[str, str], zegels: Path):
        self.map = map_  # the servers' directory (scripts/pg-cluster.sh)
        self.primair_url = urls["PRIMAIR_URL"]
        self.replica_url = urls["REPLICA_URL"]
        self.url = urls["DATABASE_URL"]  # multi-host, target_session_attrs=read-write
        self.zegels = zegels  # DOORBRAAK_AUDIT_EXPORT of every process on this cluster
        self.gegevens: dict = {}
        self.poort_primair = 0

    def script(self, *args: str) -> str:
        return subprocess.run(
            [str(WORTEL / "scripts" / "pg-cluster.sh"), *args, str(self.map)],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout

    def sql(self, url: str, query: str, *params):
        import psycopg

        with psycopg.connect(url, autocommit=True) as c:
            cur = c.execute(query, params or None)
            return cur.fetchall() if cur.description else None

    def omgeving(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "doorbraak.config.settings_test",
            "DATABASE_URL": self.url,
            "DOORBRAAK_AUDIT_EXPORT": str(self.zegels),
            "DOORBRAAK_LOG_LEVEL": "WARNING",
            **extra,
        }

    def doorbraak(self, *args: str, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "doorbraak.config.cli", *args],
            env=self.omgeving(**extra),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def wacht_op_replay(self, tijd: float = 30) -> None:
        """Until the replica has replayed everything the primary has flushed."""
        einde = time.monotonic() + tijd
        doel = self.sql(self.primair_url, "SELECT pg_current_wal_flush_lsn()")[0][0]
        while time.monotonic() < einde:
            stand = self.sql(self.replica_url, "SELECT pg_last_wal_replay_lsn() >= %s", doel)
            if stand[0][0]:
                return
            time.sleep(0.05)
        pytest.fail("De replica speelt de WAL niet af.")


def _cluster(django_db_blocker):
    """Primary + synchronous replica holding the migrated schema, with a gemeente, its people, a
    fund and a case (scenario.vul); stopped and removed afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-test: primaire met streaming replica")
    map_ = Path(tempfile.mkdtemp(prefix="doorbraak-cluster-"))
    map_.chmod(0o755)
    poort = _poort()
    try:
        uit = subprocess.run(
            [
                str(WORTEL / "scripts" / "pg-cluster.sh"),
                "start",
                str(map_ / "pg"),
                str(poort),
                str(poort + 1),
                "sync",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=180,
        ).stdout
        urls = dict(r.split("=", 1) for r in uit.splitlines() if "=" in r)
        c = Cluster(map_ / "pg", urls, map_ / "zegels.jsonl")
        c.poort_primair = poort
        # The migrated schema (with its triggers) from the test database, in seconds.
        with django_db_blocker.unblock():
            dump = map_ / "schema.dump"
            subprocess.run(
                [
                    str(PGBIN / "pg_dump"),
                    "-Fc",
                    "--no-owner",
                    "-f",
                    str(dump),
                    "-d",
                    database_url(),
                ],
                check=True,
                timeout=120,
            )
        subprocess.run(
            [str(PGBIN / "pg_restore"), "--no-owner", "-d", c.primair_url, str(dump)],
            check=True,
            timeout=120,
            capture_output=True,
        )
        gevuld = subprocess.run(
            [sys.executable, "-m", "doorbraak.replica.tests.scenario", "vul"],
            env=c.omgeving(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert gevuld.returncode == 0, gevuld.stderr[-3000:]
        c.gegevens = json.loads(gevuld.stdout.strip().splitlines()[-1])
        c.wacht_op_replay()
        yield c
    finally:
        subprocess.run(
            [str(WORTEL / "scripts" / "pg-cluster.sh"), "stop", str(map_ / "pg")],
            check=False,
            timeout=120,
        )
        shutil.rmtree(map_, ignore_errors=True)


@pytest.fixture(scope="package")
def cluster(django_db_setup, django_db_blocker):
    """One cluster for the routing and PgBouncer tests."""
    yield from _cluster(django_db_blocker)


@pytest.fixture
def cluster_voor_failover(django_db_setup, django_db_blocker):
    """A cluster of its own: the failover test crashes its primary."""
    yield from _cluster(django_db_blocker)


class Server:
    def __init__(self, basis: str, proces: subprocess.Popen, log: Path):
        self.basis, self.proces, self.log = basis, proces, log
        self.tokens: dict[str, str] = {}

    def verzoek(
        self,
        methode: str,
        pad: str,
        *,
        als: str | None = None,
        body=None,
        headers: dict | None = None,
    ):
        """(status, headers, parsed JSON or text) of one request."""
        kop = {"Accept": "application/json", **(headers or {})}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            kop["Content-Type"] = "application/json"
        if als:
            kop["Authorization"] = f"Token {self.tokens[als]}"
        verzoek = urllib.request.Request(self.basis + pad, data=data, headers=kop, method=methode)
        try:
            with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
                status, koppen, inhoud = antwoord.status, dict(antwoord.headers), antwoord.read()
        except urllib.error.HTTPError as fout:
            status, koppen, inhoud = fout.code, dict(fout.headers), fout.read()
        try:
            return status, koppen, json.loads(inhoud)
        except ValueError:
            return status, koppen, inhoud.decode(errors="replace")

    def log_in(self, gebruiker: str, wachtwoord: str) -> None:
        status, _, body = self.verzoek(
            "POST", "/api/v1/auth/tokens", body={"username": gebruiker, "password": wachtwoord}
        )
        assert status == 201, body
        self.tokens[gebruiker] = body["token"]


@pytest.fixture(scope="package")
def start_server(tmp_path_factory):
    """Starts gunicorn (one worker) with the given environment; all stopped afterwards."""
    processen = []

    def start(omgeving: dict[str, str]) -> Server:
        poort = _poort()
        log = tmp_path_factory.mktemp("server") / "gunicorn.log"
        with log.open("wb") as uit:
            proces = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "doorbraak.config.wsgi",
                    "-w",
                    "1",
                    "-b",
                    f"127.0.0.1:{poort}",
                    "--timeout",
                    "60",
                ],
                env=omgeving,
                stdout=uit,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        processen.append(proces)
        server = Server(f"http://127.0.0.1:{poort}", proces, log)
        einde = time.monotonic() + 60
        while time.monotonic() < einde:
            if proces.poll() is not None:
                break
            with contextlib.suppress(OSError):
                if server.verzoek("GET", "/gezondheid/leeft")[0] == 200:
                    return server
            time.sleep(0.2)
        pytest.fail(f"gunicorn start niet:\n{log.read_text()[-3000:]}")

    yield start
    for proces in processen:
        if proces.poll() is None:
            proces.send_signal(signal.SIGINT)  # gunicorn: quick shutdown (TERM waits ~15 s)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proces.wait(timeout=15)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proces.pid, signal.SIGKILL)
        proces.wait()


class Belasting:
    """The scenario's clients (go's, payments, logged reads, sealing) in their own process."""

    def __init__(self, omgeving: dict[str, str], gegevens: dict, map_: Path):
        self.stop_bestand, self.uitvoer = map_ / "stop", map_ / "uit"
        (map_ / "gegevens.json").write_text(json.dumps(gegevens))
        with self.uitvoer.open("wb") as uit:
            self.proces = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "doorbraak.replica.tests.scenario",
                    "belast",
                    str(self.stop_bestand),
                    str(map_ / "gegevens.json"),
                ],
                env=omgeving,
                stdout=uit,
                stderr=subprocess.STDOUT,
            )

    def regels(self) -> list[dict]:
        if not self.uitvoer.exists():
            return []
        return [
            json.loads(r)
            for r in self.uitvoer.read_text().splitlines()
            if r.strip().startswith("{")
        ]

    def gezien(self, op: str, vanaf: int = 0) -> list[str]:
        return [r["id"] for r in self.regels()[vanaf:] if r.get("op") == op]

    def wacht(self, *, vanaf: int = 0, tijd: float = 40, **minimum: int) -> None:
        """Until at least so many operations of each kind committed (after line `vanaf`)."""
        einde = time.monotonic() + tijd
        while time.monotonic() < einde:
            if all(len(self.gezien(op, vanaf)) >= n for op, n in minimum.items()):
                return
            if self.proces.poll() is not None:
                break
            time.sleep(0.1)
        pytest.fail(f"Niet binnen {tijd} s: {minimum}\n{self.uitvoer.read_text()[-3000:]}")

    def stop(self) -> None:
        self.stop_bestand.touch()
        try:
            self.proces.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proces.kill()
            self.proces.wait()
