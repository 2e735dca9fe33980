"""The app behind a real PgBouncer in transaction mode (scripts/pgbouncer.sh), with the settings
DOORBRAAK_PGBOUNCER=1 switches on: no prepared statements (psycopg 3 `prepare_threshold=None`:
a statement prepared on one server connection is unknown on the next) and no server-side
cursors. Go's, payments, logged dossier reads and sealing under concurrency; a dossier read and
a write through gunicorn; a job in the queue worker."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from doorbraak.replica.tests.conftest import WORTEL, Belasting, _poort

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def pgbouncer(cluster):
    map_ = Path(tempfile.mkdtemp(prefix="doorbraak-pgbouncer-"))
    map_.chmod(0o755)
    script = str(WORTEL / "scripts" / "pgbouncer.sh")
    url = subprocess.run(
        [
            script,
            "start",
            str(map_ / "b"),
            str(_poort()),
            str(cluster.map / "p"),
            str(cluster.poort_primair),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
    ).stdout.strip()
    yield url, map_ / "b"
    subprocess.run([script, "stop", str(map_ / "b")], check=False, timeout=30)
    shutil.rmtree(map_, ignore_errors=True)


def test_de_app_achter_pgbouncer_in_transactiemodus(cluster, pgbouncer, start_server, tmp_path):
    url, map_ = pgbouncer
    omgeving = cluster.omgeving(DATABASE_URL=url, DOORBRAAK_PGBOUNCER="1")
    pools = cluster.sql(url.rsplit("/", 1)[0] + "/pgbouncer", "SHOW CONFIG")
    assert ("pool_mode", "transaction") in {(r[0], r[1]) for r in pools}

    # Concurrent go's, payments, logged reads and sealing, all through the pooler.
    belasting = Belasting(omgeving, cluster.gegevens, tmp_path)
    try:
        belasting.wacht(go=4, betaling=3, lezen=10, verzegeling=1)
    finally:
        belasting.stop()
    # Nothing may fail: not because of the pooler, and no deadlock between a payment and the
    # other writers on the case (one lock order, doorbraak/vergrendeling.py).
    fouten = [r for r in belasting.regels() if "fout" in r]
    assert not fouten, fouten[:3]
    gos = belasting.gezien("go")
    assert len(
        cluster.sql(
            cluster.primair_url,
            "SELECT id FROM budget_aanvraag WHERE id = ANY(%s::uuid[]) "
            "AND status IN ('toegekend', 'betaald')",
            gos,
        )
    ) == len(gos)

    # Through gunicorn: a dossier read (logged) and a write.
    server = start_server(omgeving)
    server.log_in("regisseur", cluster.gegevens["wachtwoord"])
    casus = cluster.gegevens["casus"]
    for _ in range(8):  # more than psycopg's prepare threshold (5) on one connection
        status, _, body = server.verzoek("GET", f"/api/v1/casussen/{casus}", als="regisseur")
        assert status == 200, body
    status, _, body = server.verzoek(
        "POST",
        "/api/v1/huishoudens",
        als="regisseur",
        body={
            "naam": "Familie Pooler",
            "postcode": "5701 AB",
            "gezinsleden": [
                {
                    "voornaam": "Ria",
                    "achternaam": "Jansen",
                    "geboortedatum": "1980-02-03",
                    "rol": "ouder",
                }
            ],
        },
    )
    assert status == 201, body

    # The queue: a job placed through the pooler, run by a worker connected through it.
    geplaatst = subprocess.run(
        [sys.executable, "-m", "doorbraak.replica.tests.scenario", "taak", "pgbouncer-som"],
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert geplaatst.returncode == 0, geplaatst.stderr[-2000:]
    task_id = geplaatst.stdout.strip().splitlines()[-1]
    werker = subprocess.Popen(
        [sys.executable, "-m", "doorbraak.config.cli", "qcluster"],
        env={
            **omgeving,
            "DOORBRAAK_WACHTRIJ_WERKERS": "1",
            "DOORBRAAK_WACHTRIJ_POLL": "0.1",
            "DOORBRAAK_WACHTRIJ_CYCLUS": "0.1",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        einde = time.monotonic() + 60
        uitkomst = []
        while time.monotonic() < einde and not uitkomst:
            uitkomst = cluster.sql(
                cluster.primair_url, "SELECT success FROM django_q_task WHERE id = %s", task_id
            )
            time.sleep(0.2)
        assert uitkomst == [(True,)], "de werker achter PgBouncer voerde de taak niet uit"
    finally:
        werker.terminate()  # the cluster stops its own worker processes
        with contextlib.suppress(subprocess.TimeoutExpired):
            werker.wait(timeout=15)
        with contextlib.suppress(ProcessLookupError):  # nothing of it may outlive the test
            os.killpg(werker.pid, signal.SIGKILL)
        werker.wait()
    # No client ran into a prepared statement or cursor that another server connection held.
    log = (map_ / "pgbouncer.log").read_text()
    assert "prepared statement" not in log and "does not exist" not in log
