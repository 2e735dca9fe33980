#!/usr/bin/env python3
"""The yearly accountability report on a ledger of 1,000,000 entries, on PostgreSQL.

    .venv/bin/python bench/verantwoording_bench.py      (also run by `make bench`)

Starts a throw-away PostgreSQL 15 (scripts/pg.sh), migrates, and builds one gemeente with a fund
over BENCH_JAREN (10) years × its three doelgroepen, BENCH_AANVRAGEN (10,000) granted requests and
BENCH_BOEKINGEN (1,000,000) ledger entries spread over those budgets (inserted with SQL, the
ledger's own checks apply). Then it times `rapportage.verantwoording` for one year (median and
max of 7 runs after a warm-up) and records the EXPLAIN of its ledger query, checking that it reads
through an index. Writes bench/results/verantwoording.json and .md.
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
BOEKINGEN = int(os.environ.get("BENCH_BOEKINGEN", "1000000"))
AANVRAGEN = int(os.environ.get("BENCH_AANVRAGEN", "10000"))
JAREN = int(os.environ.get("BENCH_JAREN", "10"))
DOEL_MS = 1000


def meld(tekst: str) -> None:
    print(f"[verantwoording] {tekst}", flush=True)


def _inrichten():
    from django.db import connection

    from doorbraak.budget.models import Aanvraag, Budget, Fonds, Periode
    from doorbraak.casussen import services as casus_services
    from doorbraak.organisaties.models import Doelgroep, Medewerker, Rol
    from doorbraak.organisaties.services import gemeente_aanmaken

    gemeente = gemeente_aanmaken(code="GM9970", naam="Verantwoordingsstad")
    regisseur = Medewerker.objects.create(
        username="vb-regisseur", gemeente=gemeente, rollen=[Rol.REGISSEUR]
    )
    financien = Medewerker.objects.create(
        username="vb-financien", gemeente=gemeente, rollen=[Rol.FINANCIEN]
    )
    fonds = Fonds.objects.create(
        gemeente=gemeente, code="db", naam="Doorbraakbudget", standaard=True
    )
    doelgroepen = list(Doelgroep.objects.filter(gemeente=gemeente))
    eerste = date.today().year - JAREN + 1
    budgetten = []
    for jaar in range(eerste, eerste + JAREN):
        periode = Periode.objects.create(
            fonds=fonds, naam=str(jaar), van=date(jaar, 1, 1), tot=date(jaar, 12, 31)
        )
        budgetten += [
            Budget.objects.create(gemeente=gemeente, periode=periode, doelgroep=d, plafond=50_000)
            for d in doelgroepen
        ]
    huishouden = casus_services.huishouden_registreren(
        door=regisseur,
        naam="Familie Verantwoording",
        gezinsleden=[casus_services.NieuwGezinslid("A", "B", date(1990, 1, 1), "ouder")],
    )
    casus = casus_services.casus_aanmelden(
        door=regisseur, huishouden_id=huishouden.pk, doelgroep_code="mph", aanleiding="Bench"
    )
    aanvragen = [
        Aanvraag(
            gemeente=gemeente,
            casus=casus,
            fonds=fonds,
            doelgroep=budgetten[i % len(budgetten)].doelgroep,
            budget=budgetten[i % len(budgetten)],
            bedrag=100 + i % 900,
            vorm="lening" if i % 3 else "om_niet",
            ontvanger_naam="Woningcorporatie",
            ontvanger_iban="NL91ABNA0417164300",
            status="betaald",
            aanvrager=regisseur,
            besloten_op=datetime(2000 + 0, 1, 1, tzinfo=UTC).replace(
                year=budgetten[i % len(budgetten)].periode.van.year, month=1 + i % 12
            ),
        )
        for i in range(AANVRAGEN)
    ]
    Aanvraag.objects.bulk_create(aanvragen, batch_size=2000)
    with connection.cursor() as c:
        # Entries spread over every budget; one in 100 linked to a request (its payment).
        c.execute(
            """
            INSERT INTO budget_boeking
                (gemeente_id, budget_id, soort, centen, datum, aanvraag_id, lening_id,
                 tegenpartij, omschrijving, door_id, geboekt_op)
            SELECT %s, b.id,
                   (ARRAY['toezegging','betaling','aflossing','bijdrage','vrijval'])[1 + g %% 5],
                   100 + (g::bigint * 7919) %% 100000,
                   p.van + ((g %% 365) || ' days')::interval,
                   CASE WHEN g %% 100 = 0 THEN a.id END, NULL, '', '', NULL, now()
            FROM generate_series(1, %s) AS g
            JOIN LATERAL (SELECT id, periode_id FROM budget_budget
                          WHERE gemeente_id = %s ORDER BY id
                          OFFSET (g %% %s) LIMIT 1) b ON true
            JOIN budget_periode p ON p.id = b.periode_id
            LEFT JOIN LATERAL (SELECT id FROM budget_aanvraag WHERE budget_id = b.id
                               ORDER BY id LIMIT 1) a ON g %% 100 = 0
            """,
            [gemeente.pk, BOEKINGEN, gemeente.pk, len(budgetten)],
        )
        c.execute("ANALYZE")
    # The entries went in by SQL, past ledger.boek: derive the maintained balances from them.
    from doorbraak.budget import ledger

    ledger.herbereken_saldi([b.pk for b in budgetten])
    return financien, eerste + JAREN - 1


def main() -> int:
    pgdir = tempfile.mkdtemp(prefix="doorbraak-vbbench-pg-")
    werkmap = tempfile.mkdtemp(prefix="doorbraak-vbbench-")
    try:
        meld("PostgreSQL starten...")
        url = budget_bench._pg_start(pgdir)
        budget_bench._database_aanmaken(url)
        budget_bench._django(url, werkmap)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from doorbraak.budget.models import Boeking
        from doorbraak.rapportage import verantwoording

        meld(f"{BOEKINGEN:,} boekingen en {AANVRAGEN:,} aanvragen aanmaken...")
        t0 = time.perf_counter()
        financien, jaar = _inrichten()
        opbouw = time.perf_counter() - t0
        totaal = Boeking.objects.count()
        in_jaar = verantwoording.boekingen_tellen(gemeente_id=financien.gemeente_id, jaar=jaar)
        verantwoording.verantwoording(medewerker=financien, jaar=jaar)  # warm-up
        tijden = []
        for _ in range(7):
            t = time.perf_counter()
            regels = verantwoording.verantwoording(medewerker=financien, jaar=jaar)
            tijden.append((time.perf_counter() - t) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            verantwoording.verantwoording(medewerker=financien, jaar=jaar)
        grootboek = next(q["sql"] for q in ctx.captured_queries if "SUM" in q["sql"].upper())
        with connection.cursor() as c:
            c.execute("EXPLAIN " + grootboek)
            plan = "\n".join(r[0] for r in c.fetchall())
        via_index = "Index" in plan
        commit, vuil = gereedschap.git_stand()
        resultaat = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "git_commit": commit,
            "git_dirty": vuil,
            "boekingen": totaal,
            "boekingen_in_jaar": in_jaar,
            "aanvragen": AANVRAGEN,
            "opbouw_s": round(opbouw, 1),
            "queries": len(ctx.captured_queries),
            "mediaan_ms": round(statistics.median(tijden), 1),
            "max_ms": round(max(tijden), 1),
            "doel_ms": DOEL_MS,
            "via_index": via_index,
            "plan": plan,
            "totaal_betaald": str(regels[-1].betaald),
        }
        RESULTATEN.mkdir(parents=True, exist_ok=True)
        (RESULTATEN / "verantwoording.json").write_text(json.dumps(resultaat, indent=2) + "\n")
        vuil_tekst = " (met lokale wijzigingen)" if vuil else ""
        regels_md = [
            "# Verantwoording op een groot grootboek",
            "",
            f"- datum: {resultaat['date']}; commit `{commit}`{vuil_tekst}",
            f"- {totaal:,} boekingen ({in_jaar:,} in het gemeten jaar {jaar}), "
            f"{AANVRAGEN:,} aanvragen; opgebouwd in {resultaat['opbouw_s']} s",
            f"- `rapportage.verantwoording` voor één jaar: mediaan "
            f"**{resultaat['mediaan_ms']} ms**, max {resultaat['max_ms']} ms over 7 runs "
            f"(doel < {DOEL_MS} ms), {resultaat['queries']} queries",
            f"- grootboekquery via een index: {'ja' if via_index else 'NEE'}",
            "",
            f"```\n{plan}\n```",
            "",
        ]
        (RESULTATEN / "verantwoording.md").write_text("\n".join(regels_md))
        meld(
            f"mediaan {resultaat['mediaan_ms']} ms, max {resultaat['max_ms']} ms, "
            f"{resultaat['queries']} queries, index: {via_index}"
        )
        return 0 if via_index and resultaat["mediaan_ms"] < DOEL_MS else 1
    finally:
        from django.db import connections

        connections.close_all()
        subprocess.run(["bash", str(budget_bench.PG_SH), "stop", pgdir], check=False)


if __name__ == "__main__":
    raise SystemExit(main())
