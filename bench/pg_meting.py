"""PostgreSQL's own ceiling in the same run, and the two durability settings.

- `pgbench_tps(url)`: pgbench's TPC-B-like load (`pgbench -i`, then `pgbench -c 8 -T …`) with
  the Debian binaries, in its own database on the server the bench uses, so a ratio such as
  go's per second / pgbench tps compares like with like (same server, same settings, same run).
- `herstarten(pgdir, url, duurzaam=…)`: restart that server (same data directory and port) with
  the fast settings of scripts/pg.sh (fsync, synchronous_commit and full_page_writes off) or with
  PostgreSQL's production durability (all three on).
- `instellingen(url)`: the settings that decide what a commit costs, to label the results.

Settings (environment): BENCH_PGBENCH_SECONDEN (20), BENCH_PGBENCH_CLIENTS (8),
BENCH_PGBENCH_SCHAAL (10).
"""

# A developer tool that runs fixed local commands (pg.sh, pgbench):
# ruff: noqa: S603, S607

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
PG_SH = ROOT / "scripts" / "pg.sh"
PGBIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))
SECONDEN = int(os.environ.get("BENCH_PGBENCH_SECONDEN", "20"))
CLIENTS = int(os.environ.get("BENCH_PGBENCH_CLIENTS", "8"))
SCHAAL = int(os.environ.get("BENCH_PGBENCH_SCHAAL", "10"))
DUURZAAMHEID = ("fsync", "synchronous_commit", "full_page_writes")


def _delen(url: str) -> tuple[str, str, str]:
    """(socket directory or host, port, user) of a postgres:// URL made by scripts/pg.sh."""
    m = re.match(r"postgres(?:ql)?://(?P<user>[^@]+)@(?P<host>[^:/]+):(?P<port>\d+)/", url)
    if not m:
        raise ValueError(f"Onverwachte database-URL: {url}")
    return unquote(m["host"]), m["port"], m["user"]


def instellingen(url: str) -> dict[str, str]:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    with psycopg.connect(**conninfo_to_dict(url), autocommit=True) as conn:
        return {k: conn.execute(f"SHOW {k}").fetchone()[0] for k in (*DUURZAAMHEID,)}


def label(waarden: dict[str, str]) -> str:
    if all(waarden.get(k) == "on" for k in DUURZAAMHEID):
        return "duurzaam (productie: fsync, synchronous_commit en full_page_writes aan)"
    if all(waarden.get(k) == "off" for k in DUURZAAMHEID):
        return "snel (fsync, synchronous_commit en full_page_writes uit; niet voor productie)"
    return "gemengd: " + ", ".join(f"{k}={v}" for k, v in waarden.items())


def herstarten(pgdir: str, url: str, *, duurzaam: bool) -> str:
    """Restart the server of scripts/pg.sh on its data directory and port with the chosen
    durability; returns the (same) URL."""
    _, poort, _ = _delen(url)
    subprocess.run(["bash", str(PG_SH), "stop", pgdir], timeout=120, capture_output=True)
    omgeving = {**os.environ, "PG_DUURZAAM": "1" if duurzaam else "0"}
    uitslag = subprocess.run(
        ["bash", str(PG_SH), "start", pgdir, poort],
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if uitslag.returncode != 0:
        raise RuntimeError(f"PostgreSQL herstart niet: {uitslag.stderr[-500:]}")
    return uitslag.stdout.strip().splitlines()[-1]


def pgbench_tps(url: str, *, seconden: int = SECONDEN, clients: int = CLIENTS) -> dict:
    """pgbench TPC-B-like on this server: initialise (scale SCHAAL) once, then run `clients`
    connections for `seconden`. Returns tps and mean latency."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    host, poort, gebruiker = _delen(url)
    gegevens = conninfo_to_dict(url)
    gegevens["dbname"] = "postgres"
    with psycopg.connect(**gegevens, autocommit=True) as conn:
        bestaat = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'pgbench'").fetchone()
        if not bestaat:
            conn.execute("CREATE DATABASE pgbench")
    basis = [str(PGBIN / "pgbench"), "-h", host, "-p", poort, "-U", gebruiker]
    if not bestaat:
        subprocess.run(
            [*basis, "-i", "-q", "-s", str(SCHAAL), "pgbench"],
            check=True,
            capture_output=True,
            timeout=600,
        )
    uitslag = subprocess.run(
        [*basis, "-c", str(clients), "-j", str(min(clients, 2)), "-T", str(seconden), "pgbench"],
        capture_output=True,
        text=True,
        timeout=seconden + 300,
    )
    if uitslag.returncode != 0:
        raise RuntimeError(f"pgbench mislukt: {uitslag.stderr[-800:]}")
    tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", uitslag.stdout)
    latentie = re.search(r"latency average = ([\d.]+) ms", uitslag.stdout)
    if not tps:
        raise RuntimeError(f"Geen tps in de uitvoer van pgbench:\n{uitslag.stdout[-1500:]}")
    return {
        "tps": round(float(tps.group(1)), 1),
        "latency_avg_ms": float(latentie.group(1)) if latentie else None,
        "clients": clients,
        "seconds": seconden,
        "scale": SCHAAL,
        "soort": "TPC-B-achtig (pgbench standaard)",
    }
