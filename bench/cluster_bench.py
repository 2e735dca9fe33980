#!/usr/bin/env python3
"""The dossier API (and the case list, which the router sends to the replica) three ways:
direct to the primary, through PgBouncer in transaction mode, and with the streaming replica
beside the primary (multi-host DATABASE_URL + DATABASE_REPLICA_URL).

    python bench/cluster_bench.py          (make bench runs it; `main()` is the entry point)

Throw-away servers, removed afterwards: a primary with an asynchronous streaming replica
(scripts/pg-cluster.sh), PgBouncer (scripts/pgbouncer.sh), gunicorn. Data: `doorbraak genereer`.
Load: wrk (installed with apt-get when missing and root). Results in
bench/results/cluster.json and cluster.md. On a shared machine the figures are indicative:
compare the three paths with each other, not with other machines.

Settings (environment): BENCH_CLUSTER_HUISHOUDENS (2000), BENCH_CLUSTER_SECONDEN (10),
BENCH_CLUSTER_VERBINDINGEN (16), BENCH_WORKERS (2 x cores + 1).
"""

# A developer tool that runs fixed local commands and only talks HTTP to its own 127.0.0.1 server:
# ruff: noqa: S603

from __future__ import annotations

import json
import os
import platform
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import gereedschap  # bench/gereedschap.py: servers, sign-in and wrk, shared by the benches

ROOT = Path(__file__).resolve().parent.parent
RESULTATEN = ROOT / "bench" / "results"
GEMEENTE_CODE = "GM9990"  # doorbraak genereer's gemeente and user 'bench'
CORES = os.cpu_count() or 1
HUISHOUDENS = int(os.environ.get("BENCH_CLUSTER_HUISHOUDENS", "2000"))
SECONDEN = int(os.environ.get("BENCH_CLUSTER_SECONDEN", "10"))
VERBINDINGEN = int(os.environ.get("BENCH_CLUSTER_VERBINDINGEN", "16"))
WORKERS = gereedschap.WORKERS
BEGIN = time.monotonic()


def meld(tekst: str) -> None:
    print(f"[cluster {time.monotonic() - BEGIN:6.1f} s] {tekst}", flush=True)


def _script(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=600).stdout


def _lua(paden: list[str], token: str) -> str:
    lijst = ",\n".join(f'"{p}"' for p in paden)
    return (
        f"local paden = {{\n{lijst}\n}}\n"
        f'wrk.headers["Authorization"] = "Token {token}"\n'
        'wrk.headers["Accept"] = "application/json"\n'
        "request = function()\n"
        '  return wrk.format("GET", paden[math.random(#paden)])\n'
        "end\n" + gereedschap.LUA_RESULTAAT
    )


def _lezen_via(basis: str, token: str, pad: str) -> str:
    _, koppen, _ = gereedschap.ophalen(basis, pad, Authorization=f"Token {token}")
    return koppen.get("X-Doorbraak-Lezen", "default")


def main() -> int:
    import psycopg

    wrk = gereedschap.wrk_pad()
    werkmap = Path(tempfile.mkdtemp(prefix="doorbraak-clusterbench-"))
    werkmap.chmod(0o755)
    clusterdir, bouncerdir = werkmap / "pg", werkmap / "pgbouncer"
    poort_p = gereedschap.vrije_poort()
    gunicorn = None
    try:
        meld("primaire + streaming replica starten (scripts/pg-cluster.sh)...")
        uit = _script(
            str(ROOT / "scripts" / "pg-cluster.sh"),
            "start",
            str(clusterdir),
            str(poort_p),
            str(poort_p + 1),
        )
        urls = dict(r.split("=", 1) for r in uit.splitlines() if "=" in r)
        bouncer = _script(
            str(ROOT / "scripts" / "pgbouncer.sh"),
            "start",
            str(bouncerdir),
            str(gereedschap.vrije_poort()),
            str(clusterdir / "p"),
            str(poort_p),
        ).strip()
        wachtwoord = secrets.token_urlsafe(18)
        basis_omgeving = gereedschap.bench_omgeving(urls["PRIMAIR_URL"], werkmap)
        meld("doorbraak migrate...")
        gereedschap.doorbraak(basis_omgeving, "migrate", "--noinput", "-v0")
        meld(f"doorbraak genereer --huishoudens {HUISHOUDENS}...")
        gereedschap.doorbraak(
            basis_omgeving, "genereer", "--huishoudens", str(HUISHOUDENS), "--seed", "42",
            "--wachtwoord", wachtwoord, timeout=3600,
        )  # fmt: skip
        # every dossier's read-model copy built first, so each path measures reads of a running
        # system (not the first path building the copies the later ones reuse)
        meld("doorbraak leesmodel...")
        gereedschap.doorbraak(basis_omgeving, "leesmodel", timeout=3600)
        with psycopg.connect(urls["PRIMAIR_URL"]) as c:
            ids = [
                str(r[0])
                for r in c.execute(
                    "SELECT c.id FROM casussen_casus c JOIN organisaties_gemeente g "
                    "ON g.id = c.gemeente_id WHERE g.code = %s",
                    (GEMEENTE_CODE,),
                )
            ]
        random.Random(42).shuffle(ids)  # noqa: S311 - a fixed sample, not a secret
        paden = {
            "dossier": [f"/api/v1/casussen/{i}" for i in ids[:2000]],
            "lijst": ["/api/v1/casussen"] + [f"/api/v1/casussen?page={n}" for n in range(2, 6)],
        }
        routes = {
            "direct": {"DATABASE_URL": urls["PRIMAIR_URL"]},
            "pgbouncer": {"DATABASE_URL": bouncer, "DOORBRAAK_PGBOUNCER": "1"},
            "replica": {
                "DATABASE_URL": urls["DATABASE_URL"],
                "DATABASE_REPLICA_URL": urls["REPLICA_URL"],
            },
        }
        uitkomst: dict[str, dict] = {}
        for route, extra in routes.items():
            gunicorn, basis = gereedschap.gunicorn_klaar(
                basis_omgeving | extra, werkmap / "gunicorn.log"
            )
            token = gereedschap.token_ophalen(basis, wachtwoord)
            uitkomst[route] = {}
            for soort, lijst in paden.items():
                script = werkmap / f"{soort}.lua"
                script.write_text(_lua(lijst, token))
                waar = _lezen_via(basis, token, lijst[0])
                _meet_kort = gereedschap.wrk(wrk, script, basis, VERBINDINGEN, SECONDEN)
                uitkomst[route][soort] = {**_meet_kort, "gelezen_van": waar}
                meld(
                    f"{route:9} {soort:7} {_meet_kort['rps']:7.0f} req/s  p50 "
                    f"{_meet_kort['p50_ms']:6.1f} ms  p99 {_meet_kort['p99_ms']:6.1f} ms  "
                    f"non-2xx {_meet_kort['non_2xx']}  (lezen: {waar})"
                )
            gereedschap.gunicorn_stop(gunicorn)
            gunicorn = None
        resultaat = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "households": HUISHOUDENS,
            "seconds": SECONDEN,
            "connections": VERBINDINGEN,
            "workers": WORKERS,
            "cpu_cores": CORES,
            "python": platform.python_version(),
            "replication": "asynchroon (streaming, slot)",
            "pgbouncer": "transaction mode",
            "load_average_1m_end": round(os.getloadavg()[0], 2),
            "routes": uitkomst,
        }
        RESULTATEN.mkdir(parents=True, exist_ok=True)
        (RESULTATEN / "cluster.json").write_text(json.dumps(resultaat, indent=2) + "\n")
        regels = [
            "# Dossier-API en casuslijst: direct, via PgBouncer, met leesreplica",
            "",
            f"{resultaat['date']}; {HUISHOUDENS} huishoudens, {WORKERS} gunicorn-workers, "
            f"{VERBINDINGEN} verbindingen, {SECONDEN} s per meting, {CORES} kernen, "
            f"belasting (1 min) aan het eind {resultaat['load_average_1m_end']}. Indicatief: "
            "vergelijk de routes onderling.",
            "",
            "| route | endpoint | req/s | p50 ms | p99 ms | non-2xx | gelezen van |",
            "|---|---|---|---|---|---|---|",
        ]
        for route, per in uitkomst.items():
            for soort, m in per.items():
                regels.append(
                    f"| {route} | {soort} | {m['rps']:.0f} | {m['p50_ms']} | "
                    f"{m['p99_ms']} | {m['non_2xx']} | {m['gelezen_van']} |"
                )
        (RESULTATEN / "cluster.md").write_text("\n".join(regels) + "\n")
        print("\n".join(regels))
        return 0 if all(m["non_2xx"] == 0 for per in uitkomst.values() for m in per.values()) else 1
    finally:
        if gunicorn is not None:
            gereedschap.gunicorn_stop(gunicorn)
        subprocess.run(
            [str(ROOT / "scripts" / "pgbouncer.sh"), "stop", str(bouncerdir)],
            check=False,
            timeout=60,
        )
        subprocess.run(
            [str(ROOT / "scripts" / "pg-cluster.sh"), "stop", str(clusterdir)],
            check=False,
            timeout=120,
        )
        shutil.rmtree(werkmap, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
