#!/usr/bin/env python3
"""Searching 100,000 precedents by situation, on PostgreSQL.

    .venv/bin/python bench/precedenten_bench.py      (also a step of `make bench`)

Starts a throw-away PostgreSQL 15 (scripts/pg.sh), migrates, and generates BENCH_PRECEDENTEN
(100,000) precedents in one gemeente with `precedenten.demo.genereer` (the public bulk service
`precedenten.services.precedenten_in_bulk`: COPY, the 'dutch' tsvector computed on the way in),
then VACUUM ANALYZE (the state autovacuum keeps a table in). It times
`precedenten.selectors.precedenten_zoeken` for a set of Dutch questions (median over
BENCH_RONDES (7) rounds after a warm-up), times the "vergelijkbare doorbraken" of a case, and
records EXPLAIN (ANALYZE, BUFFERS) of the selector's own queries (a question, a typo and the
case), checking that none scans the precedents and that the words go through the composite GIN
index (a typo through the vocabulary). Writes
bench/results/precedenten.json and .md. Figures on a shared machine are indicative.
"""

# A developer tool that runs fixed local commands (pg.sh, git):
# ruff: noqa: S603, S607

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import budget_bench
import gereedschap

ROOT = Path(__file__).resolve().parent.parent
RESULTATEN = ROOT / "bench" / "results"
AANTAL = int(os.environ.get("BENCH_PRECEDENTEN", "100000"))
RONDES = int(os.environ.get("BENCH_RONDES", "7"))
DOEL_MS = 100
VRAGEN = (
    "dreigende huisuitzetting door schade aan de woning",
    "afsluiting energie",
    "leerlingenvervoer afstand",
    "wachtlijst dagbesteding",
    "schuldeiser saneringskrediet",
    "ontruimng",  # a typo: no word matches, trigrams do
)


def meld(tekst: str) -> None:
    print(f"[precedenten] {tekst}", flush=True)


def _inrichten():
    from django.db import connection

    from doorbraak.casussen import services as casus_services
    from doorbraak.organisaties.models import Medewerker, Rol
    from doorbraak.organisaties.services import gemeente_aanmaken
    from doorbraak.precedenten import demo

    gemeente = gemeente_aanmaken(code="GM9971", naam="Precedentstad")
    regisseur = Medewerker.objects.create(
        username="pb-regisseur", gemeente=gemeente, rollen=[Rol.REGISSEUR]
    )
    demo.genereer(gemeente, AANTAL)
    huishouden = casus_services.huishouden_registreren(
        door=regisseur,
        naam="Familie Bench",
        gezinsleden=[casus_services.NieuwGezinslid("A", "B", date(1990, 1, 1), "ouder")],
    )
    casus = casus_services.casus_aanmelden(
        door=regisseur, huishouden_id=huishouden.pk, doelgroep_code="mph", aanleiding="Bench"
    )
    casus_services.doorbraakplan_opslaan(
        door=regisseur,
        casus_id=casus.pk,
        invoer=casus_services.PlanInvoer(
            knelpunten=[
                {
                    "omschrijving": "Dreigende huisuitzetting door schade aan de woning.",
                    "soort": "financieel",
                    "regeling": "PW",
                    "artikel": "art. 35",
                }
            ]
        ),
    )
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE")
    return regisseur, casus


#: CPU time of this process per call (ms), beside the wall time: on a shared, loaded machine
#: the wall time mostly measures waiting for a core.
CPU: list[float] = []


def _meet(functie) -> list[float]:
    functie()  # warm-up
    tijden = []
    for _ in range(RONDES):
        t, c = time.perf_counter(), time.process_time()
        functie()
        tijden.append((time.perf_counter() - t) * 1000)
        CPU.append((time.process_time() - c) * 1000)
    return tijden


def main() -> int:
    pgdir = tempfile.mkdtemp(prefix="doorbraak-pbbench-pg-")
    werkmap = tempfile.mkdtemp(prefix="doorbraak-pbbench-")
    try:
        meld("PostgreSQL starten...")
        url = budget_bench._pg_start(pgdir)
        budget_bench._database_aanmaken(url)
        budget_bench._django(url, werkmap)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from doorbraak.precedenten import selectors

        meld(f"{AANTAL:,} precedenten genereren...")
        t0 = time.perf_counter()
        regisseur, casus = _inrichten()
        opbouw = time.perf_counter() - t0
        per_vraag = {}
        for vraag in VRAGEN:
            tijden = _meet(
                lambda v=vraag: selectors.precedenten_zoeken(medewerker=regisseur, zoek=v)
            )
            per_vraag[vraag] = round(statistics.median(tijden), 1)
        alle = list(per_vraag.values())
        cpu_zoeken = round(statistics.median(CPU), 1)
        belasting = os.getloadavg()[0]
        vergelijkbaar = _meet(
            lambda: selectors.vergelijkbaar_voor_casus(medewerker=regisseur, casus_id=casus.pk)
        )
        treffers = selectors.precedenten_zoeken(medewerker=regisseur, zoek=VRAGEN[0])
        plannen = []
        aanroepen = [
            (v, lambda v=v: selectors.precedenten_zoeken(medewerker=regisseur, zoek=v))
            for v in (VRAGEN[0], VRAGEN[-1])
        ] + [
            (
                "vergelijkbare doorbraken van de casus",
                lambda: selectors.vergelijkbaar_voor_casus(medewerker=regisseur, casus_id=casus.pk),
            )
        ]
        for naam, aanroep in aanroepen:  # the selector's own queries, as they run
            with CaptureQueriesContext(connection) as ctx:
                aanroep()
            for q in ctx.captured_queries:
                sql = q["sql"]
                if "precedenten_" not in sql or '"id" IN' in sql:
                    continue  # the gemeente, the case, the rank and the hits by primary key
                with connection.cursor() as c:
                    c.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                    plannen.append((naam, "\n".join(r[0] for r in c.fetchall())))
        plan = "\n\n".join(f"-- {v}\n{p}" for v, p in plannen)
        # (The vocabulary is a few hundred words here: a scan of it is the planner's right call;
        # tests/test_postgres.py shows its trigram index is used when it pays.)
        via_index = (
            all("Seq Scan on precedenten_precedent" not in p for _, p in plannen)
            and "precedent_zoekvector_gin" in plan
        )
        commit, vuil = gereedschap.git_stand()
        with connection.cursor() as c:
            c.execute("SELECT count(*) FROM precedenten_precedent")
            totaal = c.fetchone()[0]
        resultaat = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "git_commit": commit,
            "git_dirty": vuil,
            "precedenten": totaal,
            "opbouw_s": round(opbouw, 1),
            "zoeken_mediaan_ms_per_vraag": per_vraag,
            "zoeken_mediaan_ms": round(statistics.median(alle), 1),
            "zoeken_max_mediaan_ms": max(alle),
            "zoeken_cpu_mediaan_ms": cpu_zoeken,
            "belasting_1min": round(belasting, 1),
            "vergelijkbaar_mediaan_ms": round(statistics.median(vergelijkbaar), 1),
            "eerste_treffer": treffers[0].waarom if treffers else "",
            "doel_ms": DOEL_MS,
            "via_index": via_index,
            "plannen": plan,
        }
        RESULTATEN.mkdir(parents=True, exist_ok=True)
        (RESULTATEN / "precedenten.json").write_text(json.dumps(resultaat, indent=2) + "\n")
        vuil_tekst = " (met lokale wijzigingen)" if vuil else ""
        regels = [
            "# Precedenten zoeken",
            "",
            f"- datum: {resultaat['date']}; commit `{commit}`{vuil_tekst}",
            f"- {totaal:,} precedenten in één gemeente; opgebouwd in {resultaat['opbouw_s']} s",
            f"- `precedenten_zoeken`, mediaan over {RONDES} runs per vraag (doel < {DOEL_MS} ms):",
            *[f"  - \u201c{v}\u201d: {ms} ms" for v, ms in per_vraag.items()],
            f"- mediaan over de vragen: **{resultaat['zoeken_mediaan_ms']} ms** (CPU-tijd van "
            f"het Django-proces: mediaan {cpu_zoeken} ms; belasting van de machine: "
            f"{resultaat['belasting_1min']} op {os.cpu_count()} kernen)",
            f"- vergelijkbare doorbraken van een casus: mediaan "
            f"{resultaat['vergelijkbaar_mediaan_ms']} ms",
            f"- geen tabelscan op de precedenten, woorden via de samengestelde GIN-index (tikfout "
            f"via de woordenlijst): {'ja' if via_index else 'NEE'}",
            "- gedeelde machine: de cijfers zijn indicatief",
            "",
            f"```\n{plan}\n```",
            "",
        ]
        (RESULTATEN / "precedenten.md").write_text("\n".join(regels))
        meld(
            f"mediaan {resultaat['zoeken_mediaan_ms']} ms (per vraag {per_vraag}), "
            f"vergelijkbaar {resultaat['vergelijkbaar_mediaan_ms']} ms, index: {via_index}"
        )
        return 0 if via_index and resultaat["zoeken_mediaan_ms"] < DOEL_MS else 1
    finally:
        from django.db import connections

        connections.close_all()
        subprocess.run(["bash", str(budget_bench.PG_SH), "stop", pgdir], check=False)


if __name__ == "__main__":
    raise SystemExit(main())
