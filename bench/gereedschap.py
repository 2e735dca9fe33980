"""What every server bench needs, once: a PostgreSQL server of scripts/pg.sh, the bench
environment (production settings, fresh keys), `doorbraak` commands, gunicorn started and
stopped, an API token, a signed-in session, wrk found (or installed) and run.

Used by bench/run.py (the dossier API), bench/pagina_bench.py (the worklist and dossier page)
and bench/cluster_bench.py (PgBouncer, replica). Only the standard library plus psycopg (which
the project installs); every server is local, throw-away and stopped by the caller through the
functions here.
"""

# A developer tool that runs fixed local commands (pg.sh, doorbraak, gunicorn, wrk, apt-get) and
# only talks HTTP to the 127.0.0.1 server it started itself:
# ruff: noqa: S603, S607, S310

from __future__ import annotations

import base64
import contextlib
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SH = ROOT / "scripts" / "pg.sh"
PY = sys.executable
CORES = os.cpu_count() or 1
GEBRUIKER = "bench"  # the user `doorbraak genereer` makes in its first gemeente
WORKERS = int(os.environ.get("BENCH_WORKERS", "") or 2 * CORES + 1)
WRK_THREADS = int(os.environ.get("BENCH_WRK_THREADS", "") or 2)


class BenchFout(Exception):
    pass


# --- processes and ports -----------------------------------------------------------------------


def git_stand() -> tuple[str, bool]:
    """The commit measured and whether the code differs from it. The benches' own result files
    (bench/results/, written by the parts that ran before) do not count as a change."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        return commit or "onbekend", bool(status)
    except (OSError, subprocess.SubprocessError):
        return "onbekend", False


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nieuwe_sleutels() -> dict[str, str]:
    """Fresh keys for a throw-away bench database."""
    return {
        "DOORBRAAK_SECRET_KEY": secrets.token_urlsafe(50),
        "DOORBRAAK_BSN_SLEUTELS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "DOORBRAAK_BSN_HASH_SLEUTEL": secrets.token_urlsafe(32),
        "DOORBRAAK_AUDIT_SLEUTEL": secrets.token_urlsafe(32),
    }


def bench_omgeving(database_url: str, werkmap: Path | str, **extra: str) -> dict[str, str]:
    """The environment of `doorbraak` and gunicorn in a bench: production settings (no demo, no
    debug), fresh keys, this database, no second factor (the bench user signs in by password).
    Other DOORBRAAK_ settings of the caller's environment (DOORBRAAK_CONN_MAX_AGE, ...) pass."""
    weg = {"DOORBRAAK_DEMO", "DOORBRAAK_DEBUG", "DJANGO_SETTINGS_MODULE"}
    omgeving = {k: v for k, v in os.environ.items() if k not in weg}
    omgeving.update(
        {
            "DJANGO_SETTINGS_MODULE": "doorbraak.config.settings",
            "DATABASE_URL": database_url,
            **nieuwe_sleutels(),
            "DOORBRAAK_ALLOWED_HOSTS": "127.0.0.1",
            "DOORBRAAK_DATA_DIR": str(werkmap),
            "DOORBRAAK_LOG_LEVEL": "WARNING",
            "DOORBRAAK_TWEEDE_FACTOR": "0",
            "PYTHONUNBUFFERED": "1",
        }
    )
    omgeving.update(extra)
    return omgeving


def doorbraak(omgeving: dict[str, str], *args: str, timeout: float = 600) -> str:
    """Run a `doorbraak` management command with the bench settings; return its stdout."""
    uitslag = subprocess.run(
        [PY, "-m", "doorbraak.config.cli", *args],
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    if uitslag.returncode != 0:
        raise BenchFout(
            f"'doorbraak {' '.join(args[:2])}' mislukt ({uitslag.returncode}):\n"
            f"{uitslag.stdout[-2000:]}\n{uitslag.stderr[-4000:]}"
        )
    return uitslag.stdout


def _staart(pad: Path, regels: int = 30) -> str:
    try:
        return "\n".join(pad.read_text(errors="replace").splitlines()[-regels:])
    except OSError:
        return ""


# --- PostgreSQL --------------------------------------------------------------------------------


def pg_start(pgdir: str, poort: int | str | None = None) -> str:
    """Start scripts/pg.sh's server in `pgdir` (on `poort`, or a random free-looking one, tried
    five times); returns its URL."""
    pogingen = [poort] if poort else [40_000 + secrets.randbelow(20_000) for _ in range(5)]
    fout = ""
    for p in pogingen:
        uitslag = subprocess.run(
            ["bash", str(PG_SH), "start", pgdir, str(p)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if uitslag.returncode == 0:
            return uitslag.stdout.strip().splitlines()[-1]
        fout = uitslag.stderr.strip()[-300:]
    raise BenchFout(f"PostgreSQL kon niet worden gestart (zie scripts/pg.sh): {fout}")


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


# --- gunicorn ----------------------------------------------------------------------------------


def gunicorn_start(
    omgeving: dict[str, str],
    poort: int,
    log: Path,
    app: str = "doorbraak.config.wsgi",
    workers: int = WORKERS,
) -> subprocess.Popen:
    """gunicorn with sync workers in its own process group (so `gunicorn_stop` ends it whole)."""
    opdracht = [
        PY, "-m", "gunicorn", app, "-w", str(workers), "-b", f"127.0.0.1:{poort}",
        "--timeout", "60", "--graceful-timeout", "10", "--log-level", "warning",
        "--error-logfile", str(log),
    ]  # fmt: skip
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


def wacht_op(adres: str, proces: subprocess.Popen, log: Path, seconden: float = 90) -> None:
    """Until `adres` answers 200 (or gunicorn stops, or `seconden` pass: BenchFout)."""
    deadline = time.monotonic() + seconden
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
    raise BenchFout(f"gunicorn antwoordt niet op {adres} binnen {seconden:.0f} s:\n{_staart(log)}")


def wacht_op_gezondheid(basis: str, proces: subprocess.Popen, log: Path) -> None:
    wacht_op(f"{basis}/gezondheid/leeft", proces, log)


def gunicorn_klaar(
    omgeving: dict[str, str], log: Path, poort: int | None = None
) -> tuple[subprocess.Popen, str]:
    """The project under gunicorn, answering: (process, base URL)."""
    poort = poort or vrije_poort()
    basis = f"http://127.0.0.1:{poort}"
    proces = gunicorn_start(omgeving, poort, log)
    try:
        wacht_op_gezondheid(basis, proces, log)
    except BenchFout:
        gunicorn_stop(proces)
        raise
    return proces, basis


# --- signing in --------------------------------------------------------------------------------


def token_ophalen(basis: str, wachtwoord: str, gebruiker: str = GEBRUIKER) -> str:
    """An API token (POST /api/v1/auth/tokens with username and password)."""
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


class _GeenDoorverwijzing(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 stays a 302: the caller decides


def sessie_cookie(basis: str, wachtwoord: str, gebruiker: str = GEBRUIKER) -> str:
    """Sign in through the login form (CSRF token included); the Cookie header to send."""
    potje = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(potje), _GeenDoorverwijzing()
    )
    with opener.open(f"{basis}/inloggen", timeout=30) as antwoord:
        html = antwoord.read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not csrf:
        raise BenchFout("Geen CSRF-token op de inlogpagina.")
    data = urllib.parse.urlencode(
        {"username": gebruiker, "password": wachtwoord, "csrfmiddlewaretoken": csrf.group(1)}
    ).encode()
    # The cookies are marked Secure in production settings; the jar would not send them over
    # the bench's plain HTTP, so they go along by hand.
    koekjes = "; ".join(f"{c.name}={c.value}" for c in potje)
    verzoek = urllib.request.Request(
        f"{basis}/inloggen",
        data=data,
        headers={"Referer": f"{basis}/inloggen", "Cookie": koekjes},
    )
    try:
        opener.open(verzoek, timeout=30)
    except urllib.error.HTTPError as fout:
        if fout.code != 302:
            raise BenchFout(f"Inloggen mislukt: {fout.code}") from None
    koekjes = {c.name: c.value for c in potje}
    if "sessionid" not in koekjes:
        raise BenchFout("Inloggen gaf geen sessie (verkeerd wachtwoord of tweede factor?).")
    return "; ".join(f"{k}={v}" for k, v in sorted(koekjes.items()))


def ophalen(basis: str, pad: str, **koppen: str) -> tuple[int, dict[str, str], bytes]:
    """GET without following redirects: (status, headers, body)."""
    opener = urllib.request.build_opener(_GeenDoorverwijzing())
    verzoek = urllib.request.Request(f"{basis}{pad}", headers=koppen)
    try:
        with opener.open(verzoek, timeout=30) as antwoord:
            return antwoord.status, dict(antwoord.headers), antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, dict(fout.headers), fout.read()


# --- wrk ---------------------------------------------------------------------------------------

# Appended to every wrk script: one machine-readable line with the latency percentiles and,
# for a script with its own `request` function, the requests it sent. wrk counts only the
# responses it read; a request still in flight when the run ends is served (and, for a dossier,
# logged) all the same, so the processing-log check compares with what was sent. Each thread
# counts in its own Lua state; `done` runs in the main state and adds them up (wrk's setup/get).
# Before connecting, wrk calls `request` once in the first thread's state to check the script
# (script_verify_request): that request is never sent, so the sum starts at -1.
LUA_RESULTAAT = """
local draden = {}
local eigen_setup = setup
setup = function(thread)
  draden[#draden + 1] = thread
  if eigen_setup then eigen_setup(thread) end
end
verstuurd = 0
local eigen_request = request
if eigen_request then
  request = function()
    verstuurd = verstuurd + 1
    return eigen_request()
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  local verzonden = "null"
  if eigen_request then
    local totaal = -1
    for _, draad in ipairs(draden) do totaal = totaal + draad:get("verstuurd") end
    verzonden = tostring(totaal)
  end
  io.write(string.format(
    'BENCH_RESULTAAT {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p95_us":%d,' ..
    '"p99_us":%d,"mean_us":%.1f,"max_us":%d,"non_2xx":%d,"connect":%d,"read":%d,' ..
    '"write":%d,"timeout":%d,"sent":%s}\\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max, e.status, e.connect, e.read, e.write, e.timeout, verzonden))
end
"""


def wrk_pad() -> str:
    """wrk, installed with apt-get when it is missing and we run as root (as CI does)."""
    pad = shutil.which("wrk")
    if pad:
        return pad
    if os.geteuid() == 0 and shutil.which("apt-get"):
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


def wrk(
    pad_wrk: str,
    script: Path,
    url: str,
    verbindingen: int,
    seconden: int,
    threads: int = WRK_THREADS,
) -> dict:
    """Run wrk with `script` (which must end with LUA_RESULTAAT); the figures in ms."""
    threads = max(1, min(threads, verbindingen))
    opdracht = [
        pad_wrk, f"-t{threads}", f"-c{verbindingen}", f"-d{seconden}s", "--timeout", "10s",
        "--latency", "-s", str(script), url,
    ]  # fmt: skip
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
        # requests sent (answered + in flight at the end); None for a static request
        "sent": r["sent"],
        "seconds": round(duur, 2),
        # wrk's own summary line and its Lua counter must agree; take the larger to be safe.
        "non_2xx": max(r["non_2xx"], int(niet_2xx.group(1)) if niet_2xx else 0),
        "socket_errors": {k: r[k] for k in ("connect", "read", "write", "timeout")},
        "kb_per_response": round(r["bytes"] / r["requests"] / 1024, 2) if r["requests"] else 0,
    }


# --- CPU per request ----------------------------------------------------------------------------


def procesboom(pid: int) -> list[int]:
    """A process and its direct children (gunicorn's workers, PostgreSQL's backends)."""
    try:
        kinderen = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(int(k) for k in kinderen)]


def cpu_ms(pids: list[int]) -> float:
    """User + system CPU these processes have used so far, in ms (Linux /proc)."""
    tikken = 0
    for pid in pids:
        try:
            velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended in between: its share is lost, not invented
        tikken += int(velden[11]) + int(velden[12])  # utime, stime
    return tikken * 1000 / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU used by the app's processes and by the database's during a measurement: per request,
    a figure that other load on a shared machine hardly moves (waiting is not counted).
    `app` and `database` give the root pids (gunicorn's master, PostgreSQL's postmaster)."""

    def __init__(self, app: int, database: int | None) -> None:
        self.app, self.database = app, database

    def _stand(self) -> tuple[float, float]:
        db = cpu_ms(procesboom(self.database)) if self.database else 0.0
        return cpu_ms(procesboom(self.app)), db

    def __enter__(self) -> CpuMeter:
        self.begin = self._stand()
        return self

    def __exit__(self, *_: object) -> None:
        self.eind = self._stand()

    def per_verzoek(self, verzoeken: int) -> dict[str, float | None]:
        if not verzoeken:
            return {"app_ms": None, "postgresql_ms": None}
        app, db = (e - b for e, b in zip(self.eind, self.begin, strict=True))
        return {
            "app_ms": round(app / verzoeken, 3),
            "postgresql_ms": round(db / verzoeken, 3) if self.database else None,
        }


def postmaster_pid(pgdir: str | Path) -> int | None:
    """The PostgreSQL server's pid from scripts/pg.sh's data directory (None when unknown)."""
    try:
        return int((Path(pgdir) / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
