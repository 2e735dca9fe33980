#!/usr/bin/env python3
"""One go at a time, in-process, on PostgreSQL: milliseconds and queries per go, and where the
CPU goes (cProfile). The stable companion of bench/budget_bench.py, whose throughput depends on
what else the machine does.

    .venv/bin/python bench/go_profiel.py          (BENCH_GO_AANTAL go's, default 200)

Starts a throw-away PostgreSQL 15 (scripts/pg.sh) with the fast settings, sets up the budget
bench's gemeente, fund, budget and reviewed requests (a ceiling that never refuses), and gives
the go's one after another through `aanvraag_besluiten` (the first half timed, the second half
under cProfile). Reports the median and p95 time per go, the CPU per go of this process and of
its PostgreSQL backend (the stable figures on a shared machine), the statements of one go (as
CaptureQueriesContext sees them) and the functions with the most own time. Writes
bench/results/go_profiel.md.
"""

# A developer tool that runs fixed local commands (pg.sh, rm):
# ruff: noqa: S603, S607

from __future__ import annotations

import cProfile
import io
import os
import pstats
import statistics
import subprocess
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import budget_bench

AANTAL = int(os.environ.get("BENCH_GO_AANTAL", "200"))
RESULTAAT = budget_bench.RESULTATEN / "go_profiel.md"


def _cpu_van(pid: int) -> float:
    """User + system CPU seconds of a process (the database backend of this connection)."""
    velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def meet() -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from doorbraak.budget import services

    bedragen = [Decimal("100.00")] * (AANTAL + 1)
    _, manager, ids = budget_bench._inrichten(bedragen, Decimal("1000000.00"), 7)
    with CaptureQueriesContext(connection) as ctx:
        services.aanvraag_besluiten(door=manager, aanvraag_id=ids[0], besluit="go")
    statements = [" ".join(q["sql"].split())[:110] for q in ctx.captured_queries]
    tijden = []
    getimed = ids[1 : AANTAL // 2 + 1]  # timed without the profiler
    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        backend = c.fetchone()[0]
    cpu0, pg0 = time.process_time(), _cpu_van(backend)
    for pk in getimed:
        t0 = time.perf_counter()
        services.aanvraag_besluiten(door=manager, aanvraag_id=pk, besluit="go")
        tijden.append((time.perf_counter() - t0) * 1000)
    cpu_python = (time.process_time() - cpu0) * 1000 / len(getimed)
    cpu_pg = (_cpu_van(backend) - pg0) * 1000 / len(getimed)
    profiel = cProfile.Profile(time.process_time)  # CPU, not the waits of a shared machine
    for pk in ids[AANTAL // 2 + 1 :]:
        profiel.enable()
        services.aanvraag_besluiten(door=manager, aanvraag_id=pk, besluit="go")
        profiel.disable()
    uit = io.StringIO()
    stats = pstats.Stats(profiel, stream=uit)
    stats.sort_stats("tottime").print_stats(20)
    stats.sort_stats("cumulative").print_stats("doorbraak", 30)
    ms = sorted(tijden)
    regels = [
        "# Eén go tegelijk, in-process (PostgreSQL, snelle instellingen)",
        "",
        f"- {len(tijden)} go's na elkaar; per go p50 {statistics.median(ms):.2f} ms, "
        f"p95 {ms[int(len(ms) * 0.95) - 1]:.2f} ms (gedeelde machine: indicatief; gemeten "
        "zonder profiler, de profiel-cijfers komen van de tweede helft)",
        f"- CPU per go: Python {cpu_python:.2f} ms (process_time), PostgreSQL-backend "
        f"{cpu_pg:.2f} ms (/proc, in stappen van 10 ms over alle go's samen); samen "
        f"{cpu_python + cpu_pg:.2f} ms",
        f"- statements per go (zoals CaptureQueriesContext ze ziet): {len(statements)}",
        "",
        *[f"    {i + 1:2}. {q}" for i, q in enumerate(statements)],
        "",
        "CPU-profiel (cProfile met process_time, de tweede helft van de go's samen): eerst de "
        "meeste eigen tijd, dan cumulatief in doorbraak:",
        "",
        *["    " + r for r in uit.getvalue().splitlines() if r.strip()],
        "",
    ]
    return "\n".join(regels)


def main() -> int:
    pgdir = tempfile.mkdtemp(prefix="doorbraak-goprofiel-pg-")
    werkmap = tempfile.mkdtemp(prefix="doorbraak-goprofiel-")
    try:
        url = budget_bench._pg_start(pgdir)
        budget_bench._database_aanmaken(url)
        budget_bench._django(url, werkmap)
        tekst = meet()
        Path(RESULTAAT).parent.mkdir(parents=True, exist_ok=True)
        RESULTAAT.write_text(tekst, encoding="utf-8")
        print(tekst)
        return 0
    finally:
        subprocess.run(["bash", str(budget_bench.PG_SH), "stop", pgdir], timeout=90, check=False)
        subprocess.run(["rm", "-rf", pgdir, werkmap], timeout=60, check=False)


if __name__ == "__main__":
    raise SystemExit(main())
