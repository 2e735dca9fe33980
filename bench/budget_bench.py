#!/usr/bin/env python3
"""1,000 concurrent go's on one budget: throughput of the row-locked commit and zero overspend.

    .venv/bin/python bench/budget_bench.py      (also run by `make bench`)

Starts a throw-away PostgreSQL 15 (scripts/pg.sh), migrates, and sets up one gemeente with the
regulation's fund and one budget. It creates BENCH_BUDGET_GOS (1000) requests, reviewed and
waiting for the go (created in bulk: the bench is about the go), whose amounts together ask
twice the ceiling. Then BENCH_BUDGET_THREADS (50) threads, each with its own database
connection, give every go at once through the real service (`aanvraag_besluiten`: the request's
row lock, the budget's row lock, the ledger sum, the commitment, timeline and processing log).
All go's hit the same budget row: the worst case for the lock. It reports go's per second,
latency, granted/refused, and checks that nothing was committed above the ceiling and that
every refused request was larger than what was left. Writes bench/results/budget.json and .md.
"""

# A developer tool that runs fixed local commands (pg.sh, git, rm):
# ruff: noqa: S603, S607

from __future__ import annotations

import base64
import json
import os
import platform
import random
import secrets
import statistics
import subprocess
import tempfile
import threading
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTATEN = ROOT / "bench" / "results"
PG_SH = ROOT / "scripts" / "pg.sh"
GOS = int(os.environ.get("BENCH_BUDGET_GOS", "1000"))
THREADS = int(os.environ.get("BENCH_BUDGET_THREADS", "50"))
SEED = 42


def meld(tekst: str) -> None:
    print(f"[budget] {tekst}", flush=True)


def _pg_start(pgdir: str) -> str:
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
    raise SystemExit("PostgreSQL kon niet worden gestart (zie scripts/pg.sh).")


def _database_aanmaken(url: str) -> None:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    gegevens = conninfo_to_dict(url)
    naam = gegevens.pop("dbname", "doorbraak")
    with psycopg.connect(**gegevens, dbname="postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (naam,)).fetchone():
            conn.execute(f'CREATE DATABASE "{naam}"')


def _django(url: str, werkmap: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "doorbraak.config.settings",
            "DATABASE_URL": url,
            "DOORBRAAK_SECRET_KEY": secrets.token_urlsafe(50),
            "DOORBRAAK_BSN_SLEUTELS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
            "DOORBRAAK_BSN_HASH_SLEUTEL": secrets.token_urlsafe(32),
            "DOORBRAAK_AUDIT_SLEUTEL": secrets.token_urlsafe(32),
            "DOORBRAAK_ALLOWED_HOSTS": "127.0.0.1",
            "DOORBRAAK_DATA_DIR": werkmap,
            "DOORBRAAK_LOG_LEVEL": "WARNING",
        }
    )
    for sleutel in ("DOORBRAAK_DEMO", "DOORBRAAK_DEBUG"):
        os.environ.pop(sleutel, None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)


def _inrichten(bedragen: list[Decimal], plafond: Decimal):
    from datetime import date

    from django.utils import timezone

    from doorbraak.budget.models import Aanvraag, AanvraagStatus, Budget, Fonds, Periode
    from doorbraak.casussen import services as casus_services
    from doorbraak.organisaties.models import Doelgroep, Mandaat, MandaatRol, Medewerker, Rol
    from doorbraak.organisaties.services import gemeente_aanmaken

    gemeente = gemeente_aanmaken(code="GM9980", naam="Benchstad")
    mph = Doelgroep.objects.get(gemeente=gemeente, code="mph")
    mensen = {}
    for naam, rol in (
        ("regisseur", Rol.REGISSEUR),
        ("collega", Rol.COLLEGA),
        ("manager", Rol.MANAGER),
    ):
        mensen[naam] = Medewerker.objects.create(
            username=f"bench-{naam}", gemeente=gemeente, rollen=[rol]
        )
    Mandaat.objects.create(medewerker=mensen["manager"], doelgroep=mph, rol=MandaatRol.GO)
    fonds = Fonds.objects.create(
        gemeente=gemeente, code="doorbraakbudget", naam="Doorbraakbudget", standaard=True
    )
    jaar = timezone.localdate().year
    periode = Periode.objects.create(
        fonds=fonds, naam=str(jaar), van=date(jaar, 1, 1), tot=date(jaar, 12, 31)
    )
    budget = Budget.objects.create(
        gemeente=gemeente, periode=periode, doelgroep=mph, plafond=plafond
    )
    huishouden = casus_services.huishouden_registreren(
        door=mensen["regisseur"],
        naam="Familie Bench",
        gezinsleden=[casus_services.NieuwGezinslid("A", "B", date(1990, 1, 1), "ouder")],
    )
    casus = casus_services.casus_aanmelden(
        door=mensen["regisseur"],
        huishouden_id=huishouden.pk,
        doelgroep_code="mph",
        aanleiding="Bench",
    )
    aanvragen = Aanvraag.objects.bulk_create(
        Aanvraag(
            gemeente=gemeente,
            casus=casus,
            fonds=fonds,
            doelgroep=mph,
            bedrag=bedrag,
            vorm="om_niet",
            ontvanger_naam="Instelling",
            ontvanger_iban="NL91ABNA0417164300",
            motivering="Bench",
            status=AanvraagStatus.BEOORDEELD,
            aanvrager=mensen["regisseur"],
            beoordelaar=mensen["collega"],
            advies="positief",
        )
        for bedrag in bedragen
    )
    return budget, mensen["manager"], [a.pk for a in aanvragen]


def _meet(manager, ids: list) -> dict:
    from django.db import connection

    from doorbraak.budget import ledger, services

    wachtrij = list(ids)
    slot = threading.Lock()
    tijden: list[float] = []
    uitkomsten: dict[str, list] = {"toegekend": [], "geweigerd": [], "fout": []}
    start = threading.Barrier(THREADS)

    def werker():
        try:
            start.wait()
            while True:
                with slot:
                    if not wachtrij:
                        return
                    aanvraag_id = wachtrij.pop()
                t0 = time.perf_counter()
                try:
                    services.aanvraag_besluiten(door=manager, aanvraag_id=aanvraag_id, besluit="go")
                    soort = "toegekend"
                except ledger.PlafondOverschreden:
                    soort = "geweigerd"
                except Exception as e:
                    soort = "fout"
                    meld(f"fout: {e!r}")
                with slot:
                    tijden.append(time.perf_counter() - t0)
                    uitkomsten[soort].append(aanvraag_id)
        finally:
            connection.close()

    threads = [threading.Thread(target=werker) for _ in range(THREADS)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    duur = time.perf_counter() - t0
    return {"seconden": duur, "tijden": tijden, **uitkomsten}


def _git() -> tuple[str, bool]:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        vuil = bool(
            subprocess.run(
                ["git", "status", "--porcelain"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout.strip()
        )
        return commit, vuil
    except (OSError, subprocess.SubprocessError):
        return "onbekend", False


def markdown(r: dict) -> str:
    return "\n".join(
        [
            "# Doorbraakbudget: gelijktijdige go's op één budget",
            "",
            f"- datum: {r['date']}; commit `{r['git_commit'][:12]}`"
            f"{' (met lokale wijzigingen)' if r['git_dirty'] else ''}",
            f"- {r['gos']} aanvragen (wachten op go), samen € {r['gevraagd']} = 2 x het plafond "
            f"€ {r['plafond']}; {r['threads']} threads met elk een eigen databaseverbinding, "
            f"{r['cpu_cores']} cores, PostgreSQL {r['postgresql']}",
            "- elke go via de echte service: rij-lock op aanvraag en budget, grootboeksom, "
            "toezegging, tijdlijn en verwerkingenlogboek",
            "",
            "| go's/s | p50 (ms) | p95 (ms) | p99 (ms) | toegekend | geweigerd (409) | fouten |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            f"| {r['gos_per_seconde']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} "
            f"| {r['p99_ms']:.1f} | {r['toegekend']} | {r['geweigerd']} | {r['fouten']} |",
            "",
            f"- toegezegd € {r['toegezegd']} van plafond € {r['plafond']}; beschikbaar "
            f"€ {r['beschikbaar']}; **overschrijding € {r['overschrijding']}**",
            f"- elke geweigerde aanvraag was groter dan wat overbleef: {r['weigeringen_terecht']}",
            "",
        ]
    )


def main() -> int:
    pgdir = tempfile.mkdtemp(prefix="doorbraak-budgetbench-pg-")
    werkmap = tempfile.mkdtemp(prefix="doorbraak-budgetbench-")
    try:
        meld("PostgreSQL starten...")
        url = _pg_start(pgdir)
        _database_aanmaken(url)
        _django(url, werkmap)
        from django.db import connection

        from doorbraak.budget import ledger
        from doorbraak.budget.models import Aanvraag, Boeking

        rnd = random.Random(SEED)  # noqa: S311 - reproducible amounts, not security
        bedragen = [Decimal(rnd.randint(5_000, 200_000)) / 100 for _ in range(GOS)]
        gevraagd = sum(bedragen)
        plafond = (gevraagd / 2).quantize(Decimal("0.01"))
        budget, manager, ids = _inrichten(bedragen, plafond)
        meld(f"{GOS} go's met {THREADS} threads op één budget (plafond € {plafond})...")
        m = _meet(manager, ids)
        connection.close()
        s = ledger.saldi(budget)
        beschikbaar = s.beschikbaar
        geweigerd = Aanvraag.objects.filter(pk__in=m["geweigerd"])
        terecht = all(a.bedrag > beschikbaar for a in geweigerd)
        toegezegd_som = sum(
            (b.bedrag for b in Boeking.objects.filter(budget=budget, soort="toezegging")),
            Decimal("0.00"),
        )
        assert toegezegd_som == s.toegezegd
        ms = sorted(t * 1000 for t in m["tijden"])
        commit, vuil = _git()
        with connection.cursor() as c:
            c.execute("SHOW server_version")
            pg_versie = c.fetchone()[0]
        resultaat = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "git_commit": commit,
            "git_dirty": vuil,
            "cpu_cores": os.cpu_count(),
            "python": platform.python_version(),
            "postgresql": pg_versie,
            "gos": GOS,
            "threads": THREADS,
            "plafond": f"{plafond:.2f}",
            "gevraagd": f"{gevraagd:.2f}",
            "seconden": round(m["seconden"], 3),
            "gos_per_seconde": GOS / m["seconden"],
            "p50_ms": statistics.median(ms),
            "p95_ms": ms[int(len(ms) * 0.95) - 1],
            "p99_ms": ms[int(len(ms) * 0.99) - 1],
            "toegekend": len(m["toegekend"]),
            "geweigerd": len(m["geweigerd"]),
            "fouten": len(m["fout"]),
            "toegezegd": f"{s.toegezegd:.2f}",
            "beschikbaar": f"{beschikbaar:.2f}",
            "overschrijding": f"{max(s.toegezegd - s.ruimte, Decimal(0)):.2f}",
            "weigeringen_terecht": terecht,
        }
        RESULTATEN.mkdir(parents=True, exist_ok=True)
        (RESULTATEN / "budget.json").write_text(json.dumps(resultaat, indent=2) + "\n")
        tekst = markdown(resultaat)
        (RESULTATEN / "budget.md").write_text(tekst)
        print(tekst)
        goed = resultaat["overschrijding"] == "0.00" and terecht and not m["fout"]
        return 0 if goed else 1
    finally:
        subprocess.run(["bash", str(PG_SH), "stop", pgdir], timeout=90, capture_output=True)
        subprocess.run(["rm", "-rf", pgdir, werkmap], timeout=60, check=False)


if __name__ == "__main__":
    raise SystemExit(main())
