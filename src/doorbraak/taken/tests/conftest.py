import contextlib
import os
import signal
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
from django.db import connection

WACHTEN = 90  # seconds at most for a job in a real worker on a busy CI machine


def database_url() -> str:
    """The test database as a URL, for a process outside the test run."""
    d = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{d['NAME']}"
    gebruiker = quote(d.get("USER") or "", safe="")
    wachtwoord = f":{quote(d['PASSWORD'], safe='')}" if d.get("PASSWORD") else ""
    host = quote(d.get("HOST") or "", safe="")
    return f"postgres://{gebruiker}{wachtwoord}@{host}:{d.get('PORT') or 5432}/{d['NAME']}"


@pytest.fixture
def werker(tmp_path, monkeypatch):
    """Start `doorbraak qcluster` as a separate process on the test database; yields a function
    that waits (bounded) for a condition; stops the worker afterwards."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "MAX_ATTEMPTS", 2)
    log = tmp_path / "werker.log"
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "doorbraak.config.settings_test",
        "DATABASE_URL": database_url(),
        "DOORBRAAK_WACHTRIJ_WERKERS": "1",
        "DOORBRAAK_WACHTRIJ_POGINGEN": "2",
        "DOORBRAAK_WACHTRIJ_WACHTTIJD": "1",
        "DOORBRAAK_WACHTRIJ_POLL": "0.1",
        "DOORBRAAK_WACHTRIJ_CYCLUS": "0.1",
        "DOORBRAAK_WACHTRIJ_TIMEOUT": "60",
    }
    processen = []

    def start():
        with log.open("ab") as uit:
            processen.append(
                subprocess.Popen(
                    [sys.executable, "-m", "doorbraak.config.cli", "qcluster"],
                    env=omgeving,
                    stdout=uit,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

    def wacht_tot(voorwaarde, wat: str):
        einde = time.monotonic() + WACHTEN
        while time.monotonic() < einde:
            uitkomst = voorwaarde()
            if uitkomst:
                return uitkomst
            if processen and processen[-1].poll() is not None:
                break
            time.sleep(0.2)
        pytest.fail(f"Niet binnen {WACHTEN} s: {wat}.\nWerkerlog:\n{log.read_text()[-4000:]}")

    wacht_tot.start = start
    wacht_tot.log = log
    yield wacht_tot
    for proces in processen:
        if proces.poll() is None:
            proces.terminate()  # the cluster stops its own worker processes
            with contextlib.suppress(subprocess.TimeoutExpired):
                proces.wait(timeout=15)
        with contextlib.suppress(ProcessLookupError):  # nothing of it may outlive the test
            os.killpg(proces.pid, signal.SIGKILL)
        proces.wait()
