#!/usr/bin/env python3
"""Throughput of the dossier API: gunicorn + PostgreSQL 15 with generated households, load by wrk.

    make bench                      (or: PATH=.venv/bin:$PATH .venv/bin/python bench/run.py)

First bench/regels_bench.py (the rules engine in-process) and bench/budget_bench.py (1,000
concurrent go's on one budget, its own PostgreSQL) run (and the other parts, among them
bench/precedenten_bench.py: searching 100,000 precedents); then the dossier API:

What it does, all in throw-away places that it removes afterwards:
  1. starts PostgreSQL 15 with scripts/pg.sh (temp dir, random port) and creates the database;
  2. `doorbraak migrate`, `doorbraak genereer --huishoudens N --gemeenten G --processen P
     --seed 42` (COPY), `doorbraak collectstatic`, with production settings (not demo mode);
  3. starts gunicorn (sync workers) for the project and, with the same settings, for a bare
     Django view (bench/kaal.py: no middleware, no database: the framework's ceiling);
  4. gets an API token for the generated user `bench` (POST /api/v1/auth/tokens) and one for the
     regisseur of every other generated gemeente;
  5. runs wrk against the bare view, GET /gezondheid/leeft and GET /api/v1/casussen/{random id}
     (random dossiers across all gemeenten, each with its gemeente's token), at 8 and 32
     connections after a warm-up, then pgbench TPC-B-like on the same server (bench/pg_meting.py),
     and prints the ratios dossier / bare view and dossier / pgbench;
  6. restarts the same PostgreSQL with production durability (fsync, synchronous_commit,
     full_page_writes on) and measures step 5 again (BENCH_DUURZAAM=0 skips this);
  7. checks the processing log (one entry per dossier read, `doorbraak audit verifieer`);
  8. writes bench/results/dossier-api.json and dossier-api.md, and prints the table.
Gunicorn and PostgreSQL are always stopped.

Settings (environment): BENCH_HUISHOUDENS (200000), BENCH_GEMEENTEN (21),
BENCH_GENEREER_PROCESSEN (cores), BENCH_IDS (50000 dossiers in the wrk script), BENCH_SECONDEN
(20), BENCH_OPWARMEN (5), BENCH_WORKERS (2 x cores + 1), BENCH_VERBINDINGEN ("8,32"),
BENCH_WRK_THREADS (2), BENCH_DUURZAAM (1), BENCH_PGBENCH_SECONDEN (20), BENCH_PGBENCH_CLIENTS (8),
BENCH_PGBENCH_SCHAAL (10); for the go's BENCH_BUDGET_GOS (1000), BENCH_BUDGET_THREADS (50),
BENCH_BUDGET_PROCESSEN (2 x cores + 1). A short run on a busy machine, for instance:
  BENCH_HUISHOUDENS=2000 BENCH_GEMEENTEN=3 BENCH_SECONDEN=5 BENCH_OPWARMEN=2 make bench
Only the standard library plus what the project installs (psycopg); wrk is installed with
apt-get when it is missing and we run as root.
"""

# A developer tool that runs fixed local commands (pg.sh, doorbraak, gunicorn, wrk, git) and only
# talks HTTP to the 127.0.0.1 server it started itself:
# ruff: noqa: S603, S607, S310

from __future__ import annotations

import base64
import contextlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pagina_bench  # bench/pagina_bench.py: the worklist and dossier page
import pg_meting  # bench/pg_meting.py: pgbench and the durability settings

ROOT = Path(__file__).resolve().parent.parent
RESULTATEN = ROOT / "bench" / "results"
PG_SH = ROOT / "scripts" / "pg.sh"
PY = sys.executable
GEMEENTE_CODE = "GM9990"
GEBRUIKER = "bench"
SEED = 42


def _getal(naam: str, standaard: int) -> int:
    waarde = os.environ.get(naam, "").strip()
    if not waarde:
        return standaard
    try:
        getal = int(waarde)
    except ValueError:
        raise SystemExit(f"{naam} moet een geheel getal zijn, niet {waarde!r}.") from None
    if getal < 1:
        raise SystemExit(f"{naam} moet minstens 1 zijn.")
    return getal


CORES = os.cpu_count() or 1
HUISHOUDENS = _getal("BENCH_HUISHOUDENS", 200_000)
GEMEENTEN = _getal("BENCH_GEMEENTEN", 21)
GENEREER_PROCESSEN = _getal("BENCH_GENEREER_PROCESSEN", CORES)
MAX_IDS = _getal("BENCH_IDS", 50_000)  # dossier ids in the wrk script, spread over the gemeenten
DUURZAAM = os.environ.get("BENCH_DUURZAAM", "1") != "0"
SECONDEN = _getal("BENCH_SECONDEN", 20)
OPWARMEN = _getal("BENCH_OPWARMEN", 5)
WORKERS = _getal("BENCH_WORKERS", 2 * CORES + 1)
WRK_THREADS = _getal("BENCH_WRK_THREADS", 2)
VERBINDINGEN = tuple(
    int(v) for v in os.environ.get("BENCH_VERBINDINGEN", "8,32").split(",") if v.strip()
)

BEGIN = time.monotonic()


def meld(tekst: str) -> None:
    print(f"[{time.monotonic() - BEGIN:6.1f} s] {tekst}", flush=True)


class BenchFout(Exception):
    pass


# --- tools -------------------------------------------------------------------------------------


def wrk_pad() -> str:
    pad = shutil.which("wrk")
    if pad:
        return pad
    if os.geteuid() == 0 and shutil.which("apt-get"):
        meld("wrk ontbreekt; installeren met apt-get...")
        omgeving = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for opdracht in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
            uitslag = subprocess.run(
                opdracht, env=omgeving, timeout=600, capture_output=True, text=True
            )
            if uitslag.returncode != 0:
                raise BenchFout(f"'{' '.join(opdracht)}' mislukt:\n{uitslag.stderr[-1500:]}")
        pad = shutil.which("wrk")
        if pad:
            return pad
    raise BenchFout(
        "De lastgenerator 'wrk' ontbreekt. Installeer hem (Debian/Ubuntu: "
        "'sudo apt-get install wrk', macOS: 'brew install wrk') en start opnieuw."
    )


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git_commit() -> tuple[str, bool]:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        return commit or "onbekend", bool(status)
    except (OSError, subprocess.SubprocessError):
        return "onbekend", False


def doorbraak(omgeving: dict[str, str], *args: str, timeout: float = 600) -> str:
    """Run a `doorbraak` management command with the bench settings; return its stdout."""
    opdracht = [PY, "-m", "doorbraak.config.cli", *args]
    uitslag = subprocess.run(
        opdracht, env=omgeving, capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    if uitslag.returncode != 0:
        raise BenchFout(
            f"'doorbraak {' '.join(args[:2])}' mislukt ({uitslag.returncode}):\n"
            f"{uitslag.stdout[-2000:]}\n{uitslag.stderr[-4000:]}"
        )
    return uitslag.stdout


# --- PostgreSQL --------------------------------------------------------------------------------


def pg_start(pgdir: str) -> str:
    for _ in range(5):
        poort = 40_000 + secrets.randbelow(20_000)
        uitslag = subprocess.run(
            ["bash", str(PG_SH), "start", pgdir, str(poort)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if uitslag.returncode == 0:
            return uitslag.stdout.strip().splitlines()[-1]
        meld(f"PostgreSQL start niet op poort {poort}: {uitslag.stderr.strip()[-300:]}")
    raise BenchFout("PostgreSQL kon niet worden gestart (zie scripts/pg.sh).")


def pg_stop(pgdir: str) -> None:
    with contextlib.suppress(subprocess.SubprocessError, OSError):
        subprocess.run(["bash", str(PG_SH), "stop", pgdir], timeout=90, capture_output=True)


def verbind(url: str, database: str | None = None):
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    gegevens = conninfo_to_dict(url)
    if database:
        gegevens["dbname"] = database
    return psycopg.connect(**gegevens, autocommit=True, connect_timeout=10)


def database_aanmaken(url: str) -> None:
    """Django's migrate needs the database to exist; the URL names `doorbraak`."""
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict

    naam = conninfo_to_dict(url).get("dbname", "doorbraak")
    with verbind(url, "postgres") as conn:
        bestaat = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (naam,)).fetchone()
        if not bestaat:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))


def sessies(conn) -> int:
    """Connections ever opened to this database (pg_stat_database.sessions, PostgreSQL 14+)."""
    rij = conn.execute(
        "SELECT sessions FROM pg_stat_database WHERE datname = current_database()"
    ).fetchone()
    return int(rij[0] or 0)


def waarde(url: str, query: str, params: tuple = ()) -> object:
    with verbind(url) as conn:
        return conn.execute(query, params).fetchone()[0]


class LockMeter:
    """Samples pg_stat_activity while wrk runs: how many app connections wait on a lock."""

    def __init__(self, url: str, interval: float = 0.05) -> None:
        self.url, self.interval = url, interval
        self.wachtend: list[int] = []
        self.actief: list[int] = []
        self._stop = threading.Event()
        self._draad = threading.Thread(target=self._meet, daemon=True)

    def _meet(self) -> None:
        try:
            with verbind(self.url) as conn:
                while not self._stop.is_set():
                    wachtend, actief = conn.execute(
                        "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'), "
                        "count(*) FILTER (WHERE state = 'active') "
                        "FROM pg_stat_activity WHERE datname = current_database() "
                        "AND pid <> pg_backend_pid()"
                    ).fetchone()
                    self.wachtend.append(wachtend)
                    self.actief.append(actief)
                    time.sleep(self.interval)
        except Exception as fout:  # a diagnostic only; never fail the bench on it
            meld(f"  (lockmeting gestopt: {fout})")

    def __enter__(self) -> LockMeter:
        self._draad.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._draad.join(timeout=5)

    def samenvatting(self) -> dict[str, float]:
        if not self.wachtend:
            return {}
        return {
            "gem_wachtend_op_lock": round(statistics.fmean(self.wachtend), 2),
            "max_wachtend_op_lock": max(self.wachtend),
            "gem_actieve_queries": round(statistics.fmean(self.actief), 2),
            "metingen": len(self.wachtend),
        }


# --- gunicorn and HTTP -------------------------------------------------------------------------


def gunicorn_start(
    omgeving: dict[str, str], poort: int, log: Path, app: str = "doorbraak.config.wsgi"
) -> subprocess.Popen:
    opdracht = [
        PY,
        "-m",
        "gunicorn",
        app,
        "-w",
        str(WORKERS),
        "-b",
        f"127.0.0.1:{poort}",
        "--timeout",
        "60",
        "--graceful-timeout",
        "10",
        "--log-level",
        "warning",
        "--error-logfile",
        str(log),
    ]
    with log.open("ab") as uit:
        return subprocess.Popen(
            opdracht,
            env=omgeving,
            cwd=omgeving["DOORBRAAK_DATA_DIR"],
            stdout=uit,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def gunicorn_stop(proces: subprocess.Popen) -> None:
    if proces.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proces.pid, signal.SIGTERM)
    try:
        proces.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proces.pid, signal.SIGKILL)
        proces.wait(timeout=10)


def _staart(pad: Path, regels: int = 30) -> str:
    try:
        return "\n".join(pad.read_text(errors="replace").splitlines()[-regels:])
    except OSError:
        return ""


def wacht_op(adres: str, proces: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proces.poll() is not None:
            raise BenchFout(f"gunicorn stopte meteen ({proces.returncode}):\n{_staart(log)}")
        try:
            with urllib.request.urlopen(adres, timeout=2) as antwoord:
                if antwoord.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    raise BenchFout(f"gunicorn antwoordt niet op {adres} binnen 90 s:\n{_staart(log)}")


def wacht_op_gezondheid(basis: str, proces: subprocess.Popen, log: Path) -> None:
    wacht_op(f"{basis}/gezondheid/leeft", proces, log)


def token_ophalen(basis: str, wachtwoord: str, gebruiker: str = GEBRUIKER) -> str:
    verzoek = urllib.request.Request(
        f"{basis}/api/v1/auth/tokens",
        data=json.dumps({"username": gebruiker, "password": wachtwoord}).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
            return json.load(antwoord)["token"]
    except urllib.error.HTTPError as fout:
        raise BenchFout(f"Geen token: {fout.code} {fout.read()[:500]!r}") from None


def dossier_controleren(basis: str, token: str, casus_id: str) -> int:
    verzoek = urllib.request.Request(
        f"{basis}/api/v1/casussen/{casus_id}", headers={"Authorization": f"Token {token}"}
    )
    with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
        inhoud = antwoord.read()
    dossier = json.loads(inhoud)
    if dossier.get("id") != casus_id:
        raise BenchFout("Het dossier hoort niet bij de gevraagde casus.")
    return len(inhoud)


# --- wrk ---------------------------------------------------------------------------------------

LUA_RESULTAAT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULTAAT {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p95_us":%d,' ..
    '"p99_us":%d,"mean_us":%.1f,"max_us":%d,"non_2xx":%d,"connect":%d,"read":%d,' ..
    '"write":%d,"timeout":%d}\\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max, e.status, e.connect, e.read, e.write, e.timeout))
end
"""


def lua_dossier(ids: list[tuple[str, int]], tokens: list[str]) -> str:
    """Random dossiers across the gemeenten, each read with its own gemeente's token."""
    lijst = ",\n".join(f'"{i}"' for i, _ in ids)
    gemeente = ",".join(str(g + 1) for _, g in ids)
    sleutels = ",\n".join(f'"Token {t}"' for t in tokens)
    return (
        f"local ids = {{\n{lijst}\n}}\n"
        f"local gemeente = {{{gemeente}}}\n"
        f"local tokens = {{\n{sleutels}\n}}\n"
        "local teller = 0\n"
        "function setup(thread)\n"
        "  teller = teller + 1\n"
        "  thread:set('draad', teller)\n"
        "end\n"
        "function init(args)\n"
        f"  math.randomseed({SEED} + (draad or 0))\n"
        "end\n"
        "request = function()\n"
        "  local i = math.random(#ids)\n"
        '  return wrk.format("GET", "/api/v1/casussen/" .. ids[i], '
        '{["Authorization"] = tokens[gemeente[i]], ["Accept"] = "application/json"})\n'
        "end\n" + LUA_RESULTAAT
    )


def wrk(pad_wrk: str, script: Path, url: str, verbindingen: int, seconden: int) -> dict:
    threads = max(1, min(WRK_THREADS, verbindingen))
    opdracht = [
        pad_wrk,
        f"-t{threads}",
        f"-c{verbindingen}",
        f"-d{seconden}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    uitslag = subprocess.run(opdracht, capture_output=True, text=True, timeout=seconden + 60)
    if uitslag.returncode != 0:
        raise BenchFout(f"wrk mislukt ({uitslag.returncode}): {uitslag.stderr[-1000:]}")
    regel = re.search(r"^BENCH_RESULTAAT (\{.*\})$", uitslag.stdout, re.MULTILINE)
    if not regel:
        raise BenchFout(f"Geen resultaatregel in de uitvoer van wrk:\n{uitslag.stdout[-2000:]}")
    r = json.loads(regel.group(1))
    niet_2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", uitslag.stdout)
    duur = r["duration_us"] / 1e6
    return {
        "rps": round(r["requests"] / duur, 1) if duur else 0.0,
        "p50_ms": round(r["p50_us"] / 1000, 2),
        "p95_ms": round(r["p95_us"] / 1000, 2),
        "p99_ms": round(r["p99_us"] / 1000, 2),
        "mean_ms": round(r["mean_us"] / 1000, 2),
        "max_ms": round(r["max_us"] / 1000, 2),
        "requests": r["requests"],
        "seconds": round(duur, 2),
        # wrk's own summary line and its Lua counter must agree; take the larger to be safe.
        "non_2xx": max(r["non_2xx"], int(niet_2xx.group(1)) if niet_2xx else 0),
        "socket_errors": {k: r[k] for k in ("connect", "read", "write", "timeout")},
        "kb_per_response": round(r["bytes"] / r["requests"] / 1024, 2) if r["requests"] else 0,
    }


# --- results -----------------------------------------------------------------------------------


def markdown(resultaat: dict) -> str:
    pg = resultaat["postgresql"]
    r = [
        "# Dossier-API: doorvoer, met het plafond van Django en PostgreSQL in dezelfde run",
        "",
        f"- datum: {resultaat['date']}; commit `{resultaat['git_commit'][:12]}`"
        f"{' (met lokale wijzigingen)' if resultaat['git_dirty'] else ''}",
        f"- {resultaat['households']} gegenereerde huishoudens (seed {SEED}) in "
        f"{resultaat['gemeenten']} gemeenten, gegenereerd in {resultaat['generation_seconds']} s "
        f"({resultaat['generation_processes']} processen, COPY); de dossierlast leest "
        f"{resultaat['dossier_ids_in_script']} willekeurige dossiers verspreid over alle "
        "gemeenten, elk met het token van een regisseur van die gemeente",
        f"- gunicorn {resultaat['workers']} sync workers op {resultaat['cpu_cores']} cores "
        f"(wrk op dezelfde machine, {resultaat['wrk_threads']} threads), "
        f"{resultaat['duration_seconds']} s per meting na {resultaat['warmup_seconds']} s "
        "opwarmen; de kale Django-view draait onder dezelfde gunicorn-instellingen "
        "(bench/kaal.py: geen middleware, geen database)",
        f"- PostgreSQL {pg['version']}",
        "",
    ]
    for modus in resultaat["modes"].values():
        pgb = modus["pgbench"]
        r += [
            f"## {modus['label']}",
            "",
            "| endpoint | verbindingen | req/s | p50 (ms) | p95 (ms) | p99 (ms) | non-2xx |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for ep in modus["endpoints"].values():
            for c, m in ep["runs"].items():
                r.append(
                    f"| {ep['path']} | {c} | {m['rps']:.0f} | {m['p50_ms']:.1f} "
                    f"| {m['p95_ms']:.1f} | {m['p99_ms']:.1f} | {m['non_2xx']} |"
                )
        r += [
            "",
            f"pgbench TPC-B-achtig op dezelfde server: **{pgb['tps']:.0f} tps** "
            f"({pgb['clients']} clients, {pgb['seconds']} s, schaal {pgb['scale']}).",
            "",
            "| verbindingen | dossier ÷ kale view | dossier ÷ /gezondheid | dossier-GET/s ÷ "
            "pgbench tps |",
            "|---:|---:|---:|---:|",
        ]
        for c in modus["ratio_dossier_bare"]:
            r.append(
                f"| {c} | {modus['ratio_dossier_bare'][c]:.3f} "
                f"| {modus['ratio_dossier_gezondheid'].get(c, 0):.3f} "
                f"| {modus['ratio_dossier_pgbench'].get(c) or 0:.3f} |"
            )
        for c, m in modus["endpoints"]["dossier"]["runs"].items():
            if m.get("locks"):
                r.append(
                    f"- dossier bij {c} verbindingen: gemiddeld "
                    f"{m['locks']['gem_wachtend_op_lock']} (max "
                    f"{m['locks']['max_wachtend_op_lock']}) databaseverbindingen wachtend op een "
                    f"lock, {m['locks']['gem_actieve_queries']} actief; "
                    f"{m.get('db_connections_opened', '?')} nieuwe databaseverbindingen"
                )
        r.append("")
    if resultaat.get("budget"):
        r += [
            "## Go's op één budget (bench/results/budget.md, dezelfde `make bench`)",
            "",
            "| PostgreSQL | go's/s | pgbench tps | go's/s ÷ pgbench tps | lock wachten p95 (ms) "
            "| lock vasthouden p50 / p95 (ms) | overschrijding |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for b in resultaat["budget"]:
            r.append(
                f"| {b['modus']} | {b['gos_per_seconde']:.0f} | {b['pgbench_tps']:.0f} "
                f"| {b['ratio_gos_pgbench']:.3f} | {b['lock_wachten_p95_ms']:.1f} "
                f"| {b['lock_vasthouden_p50_ms']:.1f} / {b['lock_vasthouden_p95_ms']:.1f} "
                f"| € {b['overschrijding']} |"
            )
        r.append("")
    log = resultaat["processing_log"]
    r += [
        "Verwerkingenlogboek: elke dossier-GET voegt één verwerking toe; na de bench verzegeld "
        "met `doorbraak audit verzegel` en gecontroleerd. Geschreven tijdens de bench: "
        f"{log['written']} (verwacht {log['expected']}); keten: {log['chain']}.",
        f"Queries per dossier-GET: {resultaat['queries_per_dossier']}; Django CONN_MAX_AGE: "
        f"{resultaat['django_conn_max_age']}.",
        "",
        "Snel = scripts/pg.sh zoals de tests (fsync, synchronous_commit en full_page_writes uit); "
        "duurzaam = dezelfde server herstart met de productie-instellingen (alle drie aan), "
        "zodat elke commit op een WAL-flush wacht. Op een gedeelde machine zijn alle getallen "
        "indicatief; de verhoudingen komen uit dezelfde run.",
        "",
    ]
    return "\n".join(r)


TOKENS_MAKEN = """
from knox.models import AuthToken
from doorbraak.organisaties.models import Medewerker
for naam in {namen!r}:
    print('TOKEN', naam, AuthToken.objects.create(user=Medewerker.objects.get(username=naam))[1])
"""


def meet_endpoints(pad_wrk: str, url: str, endpoints: dict[str, dict]) -> int:
    """wrk against every endpoint at every connection count (after a warm-up); fills
    endpoints[...]["runs"] and returns the number of dossier requests (for the log check)."""
    dossier_requests = 0
    diag = verbind(url)
    try:
        for naam, ep in endpoints.items():
            meld(f"opwarmen {ep['path']} ({OPWARMEN} s)...")
            opwarm = wrk(pad_wrk, ep["script"], ep["url"], min(VERBINDINGEN), OPWARMEN)
            ep["runs"] = {}
            if naam == "dossier":
                dossier_requests += opwarm["requests"]
            for c in VERBINDINGEN:
                meld(f"meten {ep['path']} met {c} verbindingen ({SECONDEN} s)...")
                sessies_voor = sessies(diag)
                with LockMeter(url) as meter:
                    m = wrk(pad_wrk, ep["script"], ep["url"], c, SECONDEN)
                time.sleep(1.5)  # PostgreSQL flushes its session statistics about once a second
                if naam == "dossier":
                    dossier_requests += m["requests"]
                    m["locks"] = meter.samenvatting()
                    # minus the lock meter's own connection
                    nieuw = max(0, sessies(diag) - sessies_voor - 1)
                    m["db_connections_opened"] = nieuw
                    m["db_connections_per_request"] = (
                        round(nieuw / m["requests"], 3) if m["requests"] else None
                    )
                ep["runs"][str(c)] = m
                meld(
                    f"  {m['rps']:.0f} req/s, p50 {m['p50_ms']:.1f} ms, p95 {m['p95_ms']:.1f} ms, "
                    f"non-2xx {m['non_2xx']}, socketfouten {m['socket_errors']}"
                )
    finally:
        diag.close()
    return dossier_requests


def _verhouding(endpoints: dict[str, dict], teller: str, noemer: str) -> dict[str, float]:
    return {
        str(c): round(
            endpoints[teller]["runs"][str(c)]["rps"] / endpoints[noemer]["runs"][str(c)]["rps"], 3
        )
        for c in VERBINDINGEN
        if endpoints[noemer]["runs"][str(c)]["rps"]
    }


def _budget_samenvatting() -> list[dict]:
    """The go bench of this same `make bench` (bench/results/budget.json), for the summary."""
    try:
        runs = json.loads((RESULTATEN / "budget.json").read_text(encoding="utf-8"))["runs"]
    except (OSError, ValueError, KeyError):
        return []
    return [
        {
            k: m.get(k)
            for k in (
                "modus",
                "label",
                "gos_per_seconde",
                "pgbench_tps",
                "ratio_gos_pgbench",
                "lock_wachten_p95_ms",
                "lock_vasthouden_p50_ms",
                "lock_vasthouden_p95_ms",
                "overschrijding",
            )
        }
        for m in runs
    ]


QUERY_TELLER = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
pad = '/api/v1/casussen/{casus_id}'
kop = {{'HTTP_AUTHORIZATION': 'Token {token}', 'HTTP_HOST': '127.0.0.1'}}
client.get(pad, **kop)
with CaptureQueriesContext(connection) as ctx:
    antwoord = client.get(pad, **kop)
assert antwoord.status_code == 200, antwoord.status_code
print('QUERIES', len(ctx.captured_queries))
from django.conf import settings
print('CONN_MAX_AGE', settings.DATABASES['default'].get('CONN_MAX_AGE'))
for q in ctx.captured_queries:
    print('SQL', q['sql'][:120])
"""


def main() -> int:
    import regels_bench  # bench/regels_bench.py: the voorliggend check in-process, no server

    if regels_bench.main() != 0:
        meld("LET OP: de voorliggend-check haalt het doel (mediaan < 5 ms) niet")
    uitslag = subprocess.run([PY, str(ROOT / "bench" / "budget_bench.py")], timeout=1800)
    if uitslag.returncode != 0:  # its own process: it sets up Django against its own server
        meld("LET OP: de budgetbench meldt overschrijding of fouten (bench/results/budget.md)")
    uitslag = subprocess.run([PY, str(ROOT / "bench" / "verantwoording_bench.py")], timeout=1800)
    if uitslag.returncode != 0:
        meld("LET OP: de verantwoording haalt het doel (< 1 s, via index) niet")
    uitslag = subprocess.run([PY, str(ROOT / "bench" / "cluster_bench.py")], timeout=3600)
    if uitslag.returncode != 0:  # direct, PgBouncer, replica: bench/results/cluster.md
        meld("LET OP: de clusterbench (PgBouncer, replica) meldt fouten")
    uitslag = subprocess.run([PY, str(ROOT / "bench" / "precedenten_bench.py")], timeout=1800)
    if uitslag.returncode != 0:  # 100,000 precedents: bench/results/precedenten.md
        meld("LET OP: precedenten zoeken haalt het doel (mediaan < 100 ms, via index) niet")
    pad_wrk = wrk_pad()
    werkmap = Path(tempfile.mkdtemp(prefix="doorbraak-bench-"))
    pgdir = tempfile.mkdtemp(prefix="doorbraak-bench-pg-")  # pg.sh gives it to 'postgres'
    gunicorn: subprocess.Popen | None = None
    kaal: subprocess.Popen | None = None
    wachtwoord = secrets.token_urlsafe(18)
    try:
        meld(f"PostgreSQL starten in {pgdir}...")
        url = pg_start(pgdir)
        database_aanmaken(url)
        pg_versie = waarde(url, "SHOW server_version")
        pg_instellingen = ", ".join(
            f"{k}={waarde(url, f'SHOW {k}')}"
            for k in ("fsync", "synchronous_commit", "full_page_writes", "shared_buffers")
        )
        omgeving = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DOORBRAAK_DEMO", "DOORBRAAK_DEBUG", "DJANGO_SETTINGS_MODULE"}
        }
        omgeving.update(
            {
                "DJANGO_SETTINGS_MODULE": "doorbraak.config.settings",
                "DATABASE_URL": url,
                "DOORBRAAK_SECRET_KEY": secrets.token_urlsafe(50),
                "DOORBRAAK_BSN_SLEUTELS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
                "DOORBRAAK_BSN_HASH_SLEUTEL": secrets.token_urlsafe(32),
                "DOORBRAAK_AUDIT_SLEUTEL": secrets.token_urlsafe(32),
                "DOORBRAAK_ALLOWED_HOSTS": "127.0.0.1",
                "DOORBRAAK_DATA_DIR": str(werkmap),
                "DOORBRAAK_LOG_LEVEL": "WARNING",
                "DOORBRAAK_TWEEDE_FACTOR": "0",  # the bench user gets its token by password
                "PYTHONUNBUFFERED": "1",
            }
        )

        meld("doorbraak migrate...")
        doorbraak(omgeving, "migrate", "--noinput", "-v0")
        meld(
            f"doorbraak genereer --huishoudens {HUISHOUDENS} --gemeenten {GEMEENTEN} "
            f"--processen {GENEREER_PROCESSEN}..."
        )
        t0 = time.monotonic()
        uitvoer = doorbraak(
            omgeving,
            "genereer",
            "--huishoudens",
            str(HUISHOUDENS),
            "--gemeenten",
            str(GEMEENTEN),
            "--processen",
            str(GENEREER_PROCESSEN),
            "--seed",
            str(SEED),
            "--wachtwoord",
            wachtwoord,
            "-v0",
            timeout=3600,
        )
        wand = time.monotonic() - t0
        for regel in uitvoer.strip().splitlines()[-2:]:
            meld(f"  {regel[:300]}")
        gemeten = re.search(r"Tijd: ([\d.]+) s", uitvoer)
        generatie = float(gemeten.group(1)) if gemeten else round(wand, 1)
        meld("doorbraak collectstatic...")
        try:
            doorbraak(omgeving, "collectstatic", "--noinput", "-v0")
        except BenchFout as fout:  # the API does not serve static files; note it and go on
            meld(f"  collectstatic mislukt, verder zonder: {str(fout)[:300]}")

        meld("doorbraak leesmodel (elk dossier opgebouwd, zoals in een draaiend systeem)...")
        doorbraak(omgeving, "leesmodel", timeout=3600)
        gebruikers = [GEBRUIKER] + [f"{GEBRUIKER}-{i + 1:02d}" for i in range(1, GEMEENTEN)]
        with verbind(url) as conn:
            per_gemeente = [
                [
                    str(r[0])
                    for r in conn.execute(
                        "SELECT c.id FROM casussen_casus c JOIN organisaties_medewerker m "
                        "ON m.gemeente_id = c.gemeente_id WHERE m.username = %s ORDER BY c.id",
                        (naam,),
                    )
                ]
                for naam in gebruikers
            ]
        totaal = sum(len(ids) for ids in per_gemeente)
        if totaal < HUISHOUDENS:
            raise BenchFout(f"Slechts {totaal} casussen gevonden, {HUISHOUDENS} verwacht.")
        # a sample spread evenly over the gemeenten keeps the wrk script small
        stap = max(1, totaal // MAX_IDS)
        steekproef = [(i, g) for g, ids in enumerate(per_gemeente) for i in ids[::stap]]
        ids = per_gemeente[0]

        poort, poort_kaal = vrije_poort(), vrije_poort()
        basis, basis_kaal = f"http://127.0.0.1:{poort}", f"http://127.0.0.1:{poort_kaal}"
        log = werkmap / "gunicorn.log"

        def servers_starten() -> tuple[subprocess.Popen, subprocess.Popen]:
            meld(f"gunicorn starten ({WORKERS} workers): project op {basis}, kale view op "
                 f"{basis_kaal}...")  # fmt: skip
            project = gunicorn_start(omgeving, poort, log)
            kaal_omgeving = {k: v for k, v in omgeving.items() if k != "DJANGO_SETTINGS_MODULE"}
            kaal = gunicorn_start(
                {**kaal_omgeving, "PYTHONPATH": str(ROOT / "bench")},
                poort_kaal,
                log,
                app="kaal:application",
            )
            wacht_op_gezondheid(basis, project, log)
            wacht_op(f"{basis_kaal}/", kaal, log)
            return project, kaal

        gunicorn, kaal = servers_starten()
        token = token_ophalen(basis, wachtwoord)
        tokens = [token]
        if GEMEENTEN > 1:
            uit = doorbraak(
                omgeving, "shell", "-c", TOKENS_MAKEN.format(namen=gebruikers[1:]), timeout=300
            )
            gemaakt = dict(re.findall(r"^TOKEN (\S+) (\S+)$", uit, re.MULTILINE))
            tokens += [gemaakt[naam] for naam in gebruikers[1:]]
        grootte = dossier_controleren(basis, token, ids[0])
        meld(f"{len(tokens)} tokens; dossier {ids[0]} = {grootte} bytes")
        lua = werkmap / "dossier.lua"
        lua.write_text(lua_dossier(steekproef, tokens), encoding="utf-8")
        leeg = werkmap / "kaal.lua"
        leeg.write_text(LUA_RESULTAAT, encoding="utf-8")

        telling = doorbraak(
            omgeving, "shell", "-c", QUERY_TELLER.format(casus_id=ids[1], token=token), timeout=120
        )
        queries = int(re.search(r"QUERIES (\d+)", telling).group(1))
        conn_max_age = re.search(r"CONN_MAX_AGE (\S+)", telling).group(1)
        meld(f"queries per dossier-GET: {queries}; Django CONN_MAX_AGE: {conn_max_age}")
        for regel in telling.splitlines():
            if regel.startswith("SQL "):
                meld(f"    {regel[4:]}")

        verwerkingen_voor = waarde(url, "SELECT count(*) FROM audit_verwerking")
        dossier_requests = pagina_verwerkingen = 0
        modi: dict[str, dict] = {}
        for modus in ("snel", "duurzaam") if DUURZAAM else ("snel",):
            if modus == "duurzaam":
                gunicorn_stop(gunicorn)
                gunicorn_stop(kaal)
                gunicorn = kaal = None
                meld("PostgreSQL herstarten met productie-duurzaamheid (fsync e.a. aan)...")
                pg_meting.herstarten(pgdir, url, duurzaam=True)
                gunicorn, kaal = servers_starten()
            instellingen = pg_meting.instellingen(url)
            meld(f"== {pg_meting.label(instellingen)} ==")
            endpoints = {
                "bare": {
                    "path": "GET / (kale Django-view, zelfde gunicorn)",
                    "script": leeg,
                    "url": f"{basis_kaal}/",
                },
                "gezondheid": {
                    "path": "GET /gezondheid/leeft",
                    "script": leeg,
                    "url": f"{basis}/gezondheid/leeft",
                },
                "dossier": {"path": "GET /api/v1/casussen/{id}", "script": lua, "url": basis},
            }
            dossier_requests += meet_endpoints(pad_wrk, url, endpoints)
            # the worklist and dossier page (first gemeente), after the API; their log entries
            # are counted apart, so the API's one-entry-per-read check stays exact
            voor_paginas = waarde(url, "SELECT count(*) FROM audit_verwerking")
            endpoints |= pagina_bench.meten(
                basis=basis, werkmap=werkmap, ids=ids, gebruiker=GEBRUIKER, wachtwoord=wachtwoord,
                seed=SEED, lua_resultaat=LUA_RESULTAAT, verbindingen=VERBINDINGEN,
                seconden=SECONDEN, opwarmen=OPWARMEN, meld=meld,
                wrk=lambda s, u, c, d: wrk(pad_wrk, s, u, c, d),
            )  # fmt: skip
            na_paginas = waarde(url, "SELECT count(*) FROM audit_verwerking")
            pagina_verwerkingen += na_paginas - voor_paginas
            meld(f"pgbench TPC-B-achtig ({pg_meting.CLIENTS} clients, {pg_meting.SECONDEN} s)...")
            pgb = pg_meting.pgbench_tps(url)
            meld(f"  {pgb['tps']:.0f} tps")
            modi[modus] = {
                "label": pg_meting.label(instellingen),
                "settings": instellingen,
                "endpoints": {
                    naam: {"path": ep["path"], "runs": ep["runs"]} for naam, ep in endpoints.items()
                },
                "pgbench": pgb,
                "ratio_dossier_bare": _verhouding(endpoints, "dossier", "bare"),
                "ratio_dossier_gezondheid": _verhouding(endpoints, "dossier", "gezondheid"),
                "ratio_dossier_pgbench": {
                    c: round(m["rps"] / pgb["tps"], 3) if pgb["tps"] else None
                    for c, m in endpoints["dossier"]["runs"].items()
                },
            }
        verwerkingen_na = waarde(url, "SELECT count(*) FROM audit_verwerking")

        gunicorn_stop(gunicorn)
        gunicorn_stop(kaal)
        gunicorn = kaal = None
        meld("doorbraak audit verzegel + verifieer...")
        try:
            doorbraak(omgeving, "audit", "verzegel", timeout=1200)
            keten = doorbraak(omgeving, "audit", "verifieer", timeout=1200).strip().rstrip(".")
            keten_ok = True
        except BenchFout as fout:
            keten, keten_ok = str(fout).strip()[:500], False

        commit, vuil = git_commit()
        resultaat = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "git_commit": commit,
            "git_dirty": vuil,
            "households": HUISHOUDENS,
            "gemeenten": GEMEENTEN,
            "generation_seconds": generatie,
            "generation_processes": GENEREER_PROCESSEN,
            "dossier_ids_in_script": len(steekproef),
            "workers": WORKERS,
            "worker_class": "sync",
            "cpu_cores": CORES,
            "wrk_threads": WRK_THREADS,
            "duration_seconds": SECONDEN,
            "warmup_seconds": OPWARMEN,
            "python": platform.python_version(),
            "postgresql": {"version": pg_versie, "settings": pg_instellingen},
            "queries_per_dossier": queries,
            "django_conn_max_age": conn_max_age,
            "modes": modi,
            # the fast mode at top level as before, so earlier readers of this file still work
            "endpoints": modi["snel"]["endpoints"],
            "ratio_dossier_bare": modi["snel"]["ratio_dossier_bare"],
            "budget": _budget_samenvatting(),
            "processing_log": {
                # wrk's warm-up and runs; requests still in flight when wrk stops are served but
                # not counted by wrk, so 'written' may exceed 'expected' by a few per connection
                "written": verwerkingen_na - verwerkingen_voor - pagina_verwerkingen,
                "expected": dossier_requests,
                "written_by_pages": pagina_verwerkingen,
                "chain": keten,
                "chain_ok": keten_ok,
            },
        }
        RESULTATEN.mkdir(parents=True, exist_ok=True)
        (RESULTATEN / "dossier-api.json").write_text(
            json.dumps(resultaat, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        tekst = markdown(resultaat)
        (RESULTATEN / "dossier-api.md").write_text(tekst, encoding="utf-8")
        print()
        print(tekst)
        fouten = sum(
            m["non_2xx"]
            for modus in modi.values()
            for ep in modus["endpoints"].values()
            for m in ep["runs"].values()
        )
        if fouten or not keten_ok:
            meld(f"LET OP: {fouten} non-2xx-antwoorden; keten in orde: {keten_ok}")
            return 1
        return 0
    finally:
        for proces in (gunicorn, kaal):
            if proces is not None:
                meld("gunicorn stoppen...")
                gunicorn_stop(proces)
        meld("PostgreSQL stoppen...")
        pg_stop(pgdir)
        shutil.rmtree(pgdir, ignore_errors=True)
        shutil.rmtree(werkmap, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchFout as fout:
        print(f"bench mislukt: {fout}", file=sys.stderr)
        sys.exit(2)
