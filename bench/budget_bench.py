#!/usr/bin/env python3
"""1,000 concurrent go's on one budget: throughput of the check-and-commit, zero overspend, the
budget lock's wait and hold times, and pgbench on the same server as the ceiling.

    .venv/bin/python bench/budget_bench.py      (also run by `make bench`)

Starts a throw-away PostgreSQL 15 (scripts/pg.sh), migrates, and sets up one gemeente with the
regulation's fund and one budget. It creates BENCH_BUDGET_GOS (1000) requests, reviewed and
waiting for the go (created in bulk: the bench is about the go), spread over
BENCH_BUDGET_CASUSSEN (50) cases, whose amounts together ask twice the ceiling. Then
BENCH_BUDGET_PROCESSEN (2 x cores + 1) processes like gunicorn's workers give every go at once
through the real service (`aanvraag_besluiten`: the request's row lock, mandate and route,
request, timeline, queued precedent and processing log, and last the budget's
check-and-commit). All go's hit the same budget row: the worst case for the lock. It reports
go's per second, latency, granted/refused, the budget row lock's wait and hold per go (timed in
`ledger.committeer` with PostgreSQL's clock inside the round trip that carries the UPDATE and
the COMMIT: wait = from the UPDATE's start to the lock taken and the check done, hold = from
there to the end of the COMMIT), and
checks that nothing was committed above the ceiling, that every refused request was larger than
what was left and that the maintained balance equals the ledger. Then pgbench TPC-B-like on the
same server (bench/pg_meting.py) and the ratio go's/s / pgbench tps.

The go's run in two shapes, each on a gemeente and budget of its own (BENCH_BUDGET_THREADS, the
connections in all, "5,50" on 2 cores): one connection per process, as gunicorn's sync workers
(the project's server, scripts/draaien.sh) give the database one request per worker, so the
1,000 go's wait in the queue as HTTP requests would; and 50 connections at once (ten threads per
process), a heavier load than that server puts on the database (every concurrent go also
share-locks the period row and waits for the budget row: PostgreSQL spends more CPU per go).

The ceiling moves on a shared machine as much as the go's do (one pgbench run gave 6,103 tps
and another in the same `make bench` 4,716), so the two are measured in alternating rounds,
as the dossier API is against the bare view: BENCH_BUDGET_RONDES (BENCH_RONDES, 3) rounds of
every shape's go's (1,000 fresh requests each) directly followed by pgbench
(BENCH_BUDGET_PGBENCH_SECONDEN, 10 s); per round the ratio go's/s / that round's tps, and per
shape the round with the median ratio is reported, with every round listed beside it. Zero
overspend and every refusal larger than what was left are checked in every round.

The whole measurement runs twice: with the fast settings of scripts/pg.sh and, after a restart
of the same server, with PostgreSQL's production durability (fsync, synchronous_commit and
full_page_writes on); BENCH_DUURZAAM=0 skips the second. Writes bench/results/budget.json and .md.
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

import gereedschap  # bench/gereedschap.py: shared by the benches

ROOT = Path(__file__).resolve().parent.parent
RESULTATEN = ROOT / "bench" / "results"
PG_SH = ROOT / "scripts" / "pg.sh"
GOS = int(os.environ.get("BENCH_BUDGET_GOS", "1000"))
PROCESSEN = int(os.environ.get("BENCH_BUDGET_PROCESSEN", str(2 * (os.cpu_count() or 1) + 1)))
VERBINDINGEN = [
    int(v) for v in os.environ.get("BENCH_BUDGET_THREADS", f"{PROCESSEN},50").split(",") if v
]
# The requests belong to this many cases (round robin): go's on one budget come from many
# households, and go's on one case also share the case's dossier row (BENCH_BUDGET_CASUSSEN=1:
# every go on one case, as this bench did before issue 19's lock order).
CASUSSEN = int(os.environ.get("BENCH_BUDGET_CASUSSEN", "50"))
RONDES = int(os.environ.get("BENCH_BUDGET_RONDES", os.environ.get("BENCH_RONDES", "3")))
PGBENCH_SECONDEN = int(os.environ.get("BENCH_BUDGET_PGBENCH_SECONDEN", "10"))
SEED = 42
PG_MAP: str | None = None  # the server's data directory, set by main (its postmaster.pid)


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


def _inrichten(bedragen: list[Decimal], plafond: Decimal, nummer: int = 0):
    from datetime import date

    from django.db import connection
    from django.utils import timezone

    from doorbraak.budget.models import Aanvraag, AanvraagStatus, Budget, Fonds, Periode
    from doorbraak.casussen import services as casus_services
    from doorbraak.organisaties.models import Doelgroep, Mandaat, MandaatRol, Medewerker, Rol
    from doorbraak.organisaties.services import gemeente_aanmaken

    gemeente = gemeente_aanmaken(code=f"GM{9000 + nummer:04d}", naam=f"Benchstad {nummer + 1}")
    mph = Doelgroep.objects.get(gemeente=gemeente, code="mph")
    mensen = {}
    for naam, rol in (
        ("regisseur", Rol.REGISSEUR),
        ("collega", Rol.COLLEGA),
        ("manager", Rol.MANAGER),
    ):
        mensen[naam] = Medewerker.objects.create(
            username=f"bench-{naam}-{nummer}", gemeente=gemeente, rollen=[rol]
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
    casussen = []
    for i in range(min(CASUSSEN, len(bedragen)) or 1):
        huishouden = casus_services.huishouden_registreren(
            door=mensen["regisseur"],
            naam=f"Familie Bench {nummer}-{i}",
            gezinsleden=[casus_services.NieuwGezinslid("A", "B", date(1990, 1, 1), "ouder")],
        )
        casus = casus_services.casus_aanmelden(
            door=mensen["regisseur"],
            huishouden_id=huishouden.pk,
            doelgroep_code="mph",
            aanleiding="Bench",
        )
        casussen.append(casus)
    aanvragen = Aanvraag.objects.bulk_create(
        Aanvraag(
            gemeente=gemeente,
            casus=casussen[j % len(casussen)],
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
        for j, bedrag in enumerate(bedragen)
    )
    # The state autovacuum keeps the tables in (it analyses a table once 50 rows and a tenth
    # of it have changed, within a minute): statistics for the rows just bulk-created. Without
    # them, PostgreSQL's generic plan for the go's locking read of its request scanned every
    # request of the gemeente through the gemeente's index, filtering on the key (EXPLAIN: 422
    # rows removed, 45 instead of 9 buffers at 420 requests), a cost no analysed table has.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return budget, mensen["manager"], [a.pk for a in aanvragen]


def _proces(manager, ids: list, threads: int, gereed, uitslagen) -> None:
    """One worker process (like a gunicorn worker): `threads` threads with their own database
    connection give the go's in `ids`; reports times, outcomes and the lock timings. The
    process is forked from the set-up parent (Django set up, nothing to import) and every
    thread opens its connection before it says it is ready: the measured window starts when
    every thread of every process is ready, so neither process start-up nor the 50
    connections' start-up fall inside it."""
    from django.db import connection

    from doorbraak.budget import ledger, services

    ledger.LOCKMETING = []
    bij_lezen = []  # refusals already known from the balance as read (no lock taken)
    echt = ledger.weigering_bij_lezen

    def tellend(**kwargs):
        weigering = echt(**kwargs)
        if weigering is not None:
            bij_lezen.append(1)
        return weigering

    ledger.weigering_bij_lezen = tellend
    wachtrij = list(ids)
    slot = threading.Lock()
    start = threading.Event()
    tijden: list[float] = []
    uitkomsten: dict[str, list] = {"toegekend": [], "geweigerd": [], "fout": []}

    klaar = threading.Barrier(threads + 1)

    def werker():
        try:
            try:
                connection.ensure_connection()  # before the measured window, not in it
            finally:
                klaar.wait()
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

    draden = [threading.Thread(target=werker) for _ in range(threads)]
    for t in draden:
        t.start()
    klaar.wait()  # every thread has its database connection
    gereed.wait()
    cpu = time.process_time()  # every thread of this process
    start.set()
    for t in draden:
        t.join()
    uitslagen.put(
        {
            "tijden": tijden,
            "locks": list(ledger.LOCKMETING),
            "bij_lezen": [len(bij_lezen)],
            "app_cpu": [time.process_time() - cpu],
            **uitkomsten,
        }
    )


def _meet(manager, ids: list, threads: int) -> dict:
    """All go's at once from PROCESSEN processes with `threads` threads in all: separate processes
    as in production (gunicorn workers), so one interpreter lock does not stretch the budget
    lock's hold time."""
    import multiprocessing

    from django.db import connections
    from django.urls import reverse

    # What every process would otherwise build on its first go, inside the window: the URL
    # resolver (the notification's link). Built once here, the forked children inherit it.
    reverse("aanvraag", args=[ids[0]])
    connections.close_all()  # never share a connection with a forked child
    ctx = multiprocessing.get_context("fork")
    gereed = ctx.Barrier(PROCESSEN + 1)
    uitslagen = ctx.Queue()
    per_proces = max(1, threads // PROCESSEN)
    processen = [
        ctx.Process(
            target=_proces, args=(manager, ids[i::PROCESSEN], per_proces, gereed, uitslagen)
        )
        for i in range(PROCESSEN)
    ]
    for p in processen:
        p.start()
    gereed.wait()
    t0 = time.perf_counter()
    machine, database = _machine_cpu_s(), _postgresql_cpu_s()
    sleutels = ("tijden", "locks", "toegekend", "geweigerd", "fout", "bij_lezen", "app_cpu")
    samen: dict[str, list] = {k: [] for k in sleutels}
    for _ in processen:
        uitslag = uitslagen.get(timeout=1800)
        for sleutel, waarden in uitslag.items():
            samen[sleutel].extend(waarden)
    duur = time.perf_counter() - t0
    machine = _machine_cpu_s() - machine
    for p in processen:
        p.join(timeout=60)
    time.sleep(0.2)  # the postmaster reaps the ended backends (their CPU then counts as its own)
    database = _postgresql_cpu_s() - database
    return {"seconden": duur, "machine_cpu": machine, "database_cpu": database, **samen}


def _postgresql_cpu_s() -> float:
    """CPU seconds of the PostgreSQL server so far: the postmaster with its reaped children
    (cutime, cstime: the go's backends once their connections closed) and its live children."""
    if PG_MAP is None:
        return 0.0
    postmaster = int(Path(PG_MAP, "data", "postmaster.pid").read_text().split()[0])
    velden = Path(f"/proc/{postmaster}/stat").read_text().rsplit(")", 1)[1].split()
    eigen = sum(int(v) for v in velden[11:15]) / os.sysconf("SC_CLK_TCK")
    levend = gereedschap.procesboom(postmaster)[1:]
    return eigen + gereedschap.cpu_ms(levend) / 1000


def _machine_cpu_s() -> float:
    """CPU seconds the whole machine has been busy (all cores, /proc/stat: everything but idle
    and iowait): the go's processes, PostgreSQL and whatever else runs (quiet machine: nothing)."""
    velden = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(velden) - velden[3] - velden[4]) / os.sysconf("SC_CLK_TCK")


def _ms(waarden: list[float], deel: float) -> float:
    if not waarden:
        return 0.0
    rij = sorted(waarden)
    return round(rij[min(len(rij) - 1, max(0, int(len(rij) * deel + 0.5) - 1))] * 1000, 2)


def _ronde(m: dict) -> str:
    return f", ronde {m['ronde']} (de mediane)" if "ronde" in m else ""


def markdown(r: dict) -> str:
    regels = [
        "# Doorbraakbudget: gelijktijdige go's op één budget",
        "",
        f"- datum: {r['date']}; commit `{r['git_commit'][:12]}`"
        f"{' (met lokale wijzigingen)' if r['git_dirty'] else ''}",
        f"- {r['gos']} aanvragen (wachten op go) van {r.get('casussen', 1)} casussen, samen "
        f"2 x het plafond, per meting een eigen gemeente en budget; {r['processen']} processen "
        f"(zoals gunicorn-workers), elke thread met een eigen databaseverbinding, "
        f"{r['cpu_cores']} cores (gedeelde machine: indicatief), PostgreSQL {r['postgresql']}",
        f"- verbindingen: {r['processen']} = één per proces, zoals de sync-workers van gunicorn "
        "(de server van het project) de database per worker één verzoek tegelijk geven (de "
        "overige go's wachten in de rij, zoals HTTP-verzoeken); 50 = tien threads per proces, "
        "zwaarder dan die server de database belast",
        "- de meettijd begint als elk proces draait en elke thread zijn databaseverbinding "
        "open heeft (barrière): opstarten van processen en verbindingen valt erbuiten",
        "- elke go via de echte service: rij-lock op de aanvraag, mandaat en route, aanvraag, "
        "tijdlijn en verwerkingenlogboek vóór de budgetlock; daarna alleen de check-en-commit "
        "(één voorwaardelijke UPDATE van het bijgehouden saldo met de grootboekregel, en de "
        "COMMIT, samen in één round trip naar PostgreSQL); een bedrag groter dan wat er bij "
        "het lezen van het budget over was, wordt direct na die lezing geweigerd",
        "- lock, gemeten met de klok van PostgreSQL in die round trip (`ledger.committeer`, "
        "alleen toegekende go's): wachten = van het begin van de UPDATE tot de rij-lock en de "
        "check klaar zijn; vasthouden = van daar tot en met de COMMIT",
        "- plafond van pgbench: TPC-B-achtig op dezelfde server in dezelfde run "
        f"({r['pgbench_clients']} clients, {r.get('pgbench_seconden', '?')} s), afwisselend "
        f"met de go's: {r.get('rondes', 1)} rondes van elke meting direct gevolgd door pgbench; "
        "per meting staat de ronde met de mediane verhouding in de tabel, elke ronde eronder",
        "",
        "| PostgreSQL | verbindingen | go's/s | p50 (ms) | p95 (ms) | toegekend "
        "| geweigerd (409) | fouten | lock wachten p50 / p95 (ms) "
        "| lock vasthouden p50 / p95 / max (ms) | pgbench tps | go's/s ÷ pgbench tps |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in r["runs"]:
        regels.append(
            f"| {m['modus']} | {m.get('verbindingen', '?')} | {m['gos_per_seconde']:.0f} "
            f"| {m['p50_ms']:.1f} | {m['p95_ms']:.1f} "
            f"| {m['toegekend']} | {m['geweigerd']} | {m['fouten']} "
            f"| {m['lock_wachten_p50_ms']:.2f} / {m['lock_wachten_p95_ms']:.2f} "
            f"| {m['lock_vasthouden_p50_ms']:.2f} / {m['lock_vasthouden_p95_ms']:.2f} / "
            f"{m['lock_vasthouden_max_ms']:.2f} | {m['pgbench_tps']:.0f} "
            f"| {m['ratio_gos_pgbench']:.3f} |"
        )
    regels += [
        "",
        "Per go: de CPU van de processen van de go's (alle threads), van PostgreSQL (postmaster "
        "en backends) en van de hele machine (alles, ook wat er verder draait) in de meettijd, "
        "gedeeld door het aantal go's; toegekend per seconde apart; van de weigeringen hoeveel "
        "al bij het lezen van het budget (bedrag groter dan wat er toen over was: niets "
        "geschreven, geen budgetlock) en hoeveel door de check-en-commit.",
        "",
        "| PostgreSQL | verbindingen | toegekend/s | CPU per go: app / PostgreSQL / machine (ms) "
        "| geweigerd bij lezen / bij check-en-commit |",
        "|---|---:|---:|---:|---:|",
    ]
    for m in r["runs"]:
        if "app_cpu_ms_per_go" not in m:  # a result written before these were measured
            continue
        regels.append(
            f"| {m['modus']} | {m['verbindingen']} | {m['toegekend_per_seconde']:.0f} "
            f"| {m['app_cpu_ms_per_go']:.2f} / {m['postgresql_cpu_ms_per_go']:.2f} "
            f"/ {m['machine_cpu_ms_per_go']:.2f} "
            f"| {m['geweigerd_bij_lezen']} / {m['geweigerd'] - m['geweigerd_bij_lezen']} |"
        )
    regels.append("")
    for m in r["runs"]:
        if not m.get("rondes"):  # a result written before the rounds were measured
            continue
        per_ronde = "; ".join(
            f"{x['gos_per_seconde']:.0f} ÷ {x['pgbench_tps']:.0f} = {x['ratio_gos_pgbench']:.3f}"
            f"{'' if x['overschrijding'] == '0.00' else ' (OVERSCHRIJDING)'}"
            for x in m["rondes"]
        )
        regels.append(
            f"- {m['modus']}, {m['verbindingen']} verbindingen, per ronde go's/s ÷ pgbench tps: "
            f"{per_ronde}; invarianten in elke ronde: {m['alle_rondes_in_orde']}"
        )
    regels.append("")
    for m in r["runs"]:
        regels += [
            f"**{m['label']}, {m.get('verbindingen', '?')} verbindingen{_ronde(m)}** "
            f"({m['instellingen']}): "
            f"toegezegd € {m['toegezegd']} van plafond "
            f"€ {m['plafond']}; beschikbaar € {m['beschikbaar']}; **overschrijding "
            f"€ {m['overschrijding']}**; elke geweigerde aanvraag groter dan wat overbleef: "
            f"{m['weigeringen_terecht']}; bijgehouden saldo = grootboeksom: "
            f"{m['saldo_gelijk_aan_grootboek']}; budgetlock bezet "
            f"{m['lock_bezet_fractie'] * 100:.0f}% van de meettijd.",
            "",
        ]
    regels += [
        "Doel (issue 19, te meten door de lead op een rustige machine): go's/s ≥ 10% van "
        "pgbench's tps bij de snelle instellingen; met fsync aan geen doel, het eerlijke getal.",
        "",
    ]
    return "\n".join(regels)


def _een_run(modus: str, nummer: int, url: str) -> list[dict]:
    """RONDES rounds of every shape (VERBINDINGEN) directly followed by pgbench; per shape the
    round with the median ratio, with all rounds beside it (`rondes`)."""
    import pg_meting

    per_vorm: list[list[dict]] = [[] for _ in VERBINDINGEN]  # per shape, every round
    for ronde in range(RONDES):
        eerste = nummer + ronde * len(VERBINDINGEN)  # every measurement its own gemeente
        metingen = [_gos(modus, eerste + i, threads) for i, threads in enumerate(VERBINDINGEN)]
        meld(
            f"[{modus}] ronde {ronde + 1}/{RONDES}: pgbench ({pg_meting.CLIENTS} clients, "
            f"{PGBENCH_SECONDEN} s)..."
        )
        pgb = pg_meting.pgbench_tps(url, seconden=PGBENCH_SECONDEN)
        for rondes, m in zip(per_vorm, metingen, strict=True):
            m.update(
                ronde=ronde + 1,
                pgbench=pgb,
                pgbench_tps=pgb["tps"],
                ratio_gos_pgbench=round(m["gos_per_seconde"] / pgb["tps"], 3) if pgb["tps"] else 0,
            )
            rondes.append(m)
    instellingen = pg_meting.instellingen(url)
    return [
        _mediaan_ronde(rondes)
        | {
            "label": pg_meting.label(instellingen),
            "instellingen": ", ".join(f"{k}={v}" for k, v in instellingen.items()),
        }
        for rondes in per_vorm
    ]


def _mediaan_ronde(rondes: list[dict]) -> dict:
    """The round whose ratio is the median (the lower middle one of an even number), with a
    short line per round and whether every round kept the invariants."""
    gekozen = sorted(rondes, key=lambda m: m["ratio_gos_pgbench"])[(len(rondes) - 1) // 2]
    return gekozen | {
        "rondes": [
            {
                k: m[k]
                for k in (
                    "ronde",
                    "gos_per_seconde",
                    "pgbench_tps",
                    "ratio_gos_pgbench",
                    "overschrijding",
                    "weigeringen_terecht",
                    "saldo_gelijk_aan_grootboek",
                    "fouten",
                )
            }
            for m in rondes
        ],
        "alle_rondes_in_orde": all(_in_orde(m) for m in rondes),
    }


def _in_orde(m: dict) -> bool:
    return (
        m["overschrijding"] == "0.00"
        and m["weigeringen_terecht"]
        and m["saldo_gelijk_aan_grootboek"]
        and not m["fouten"]
    )


def _gos(modus: str, nummer: int, threads: int) -> dict:
    from django.db import connection

    from doorbraak.budget import ledger
    from doorbraak.budget.geld import naar_centen
    from doorbraak.budget.models import Aanvraag, Boeking, Budget

    rnd = random.Random(SEED)  # noqa: S311 - reproducible amounts, not security
    bedragen = [Decimal(rnd.randint(5_000, 200_000)) / 100 for _ in range(GOS)]
    gevraagd = sum(bedragen)
    plafond = (gevraagd / 2).quantize(Decimal("0.01"))
    budget, manager, ids = _inrichten(bedragen, plafond, nummer)
    per_proces = max(1, threads // PROCESSEN)
    meld(
        f"[{modus}] {GOS} go's met {per_proces * PROCESSEN} verbindingen op één budget "
        f"(plafond € {plafond})..."
    )
    m = _meet(manager, ids, threads)
    locks = m["locks"]
    connection.close()
    budget = Budget.objects.select_related("periode__fonds").get(pk=budget.pk)
    s = ledger.saldi(budget)
    beschikbaar = s.beschikbaar
    geweigerd = Aanvraag.objects.filter(pk__in=m["geweigerd"])
    terecht = all(a.bedrag > beschikbaar for a in geweigerd)
    toegezegd_som = sum(
        (b.bedrag for b in Boeking.objects.filter(budget=budget, soort="toezegging")),
        Decimal("0.00"),
    )
    assert toegezegd_som == s.toegezegd
    saldo_gelijk = (budget.ruimte_centen, budget.vastgelegd_centen) == (
        naar_centen(s.ruimte),
        naar_centen(s.toegezegd),
    )
    ms = sorted(t * 1000 for t in m["tijden"])
    wachten = [w for w, _ in locks]
    vasthouden = [v for _, v in locks]
    gos_per_s = GOS / m["seconden"]
    return {
        "modus": modus,
        "verbindingen": per_proces * PROCESSEN,
        "plafond": f"{plafond:.2f}",
        "gevraagd": f"{gevraagd:.2f}",
        "seconden": round(m["seconden"], 3),
        "gos_per_seconde": gos_per_s,
        "p50_ms": statistics.median(ms),
        "p95_ms": ms[int(len(ms) * 0.95) - 1],
        "p99_ms": ms[int(len(ms) * 0.99) - 1],
        "toegekend": len(m["toegekend"]),
        "toegekend_per_seconde": len(m["toegekend"]) / m["seconden"],
        "geweigerd": len(m["geweigerd"]),
        "geweigerd_bij_lezen": sum(m["bij_lezen"]),
        "app_cpu_ms_per_go": sum(m["app_cpu"]) * 1000 / GOS,
        "machine_cpu_ms_per_go": m["machine_cpu"] * 1000 / GOS,
        "postgresql_cpu_ms_per_go": m["database_cpu"] * 1000 / GOS,
        "fouten": len(m["fout"]),
        "toegezegd": f"{s.toegezegd:.2f}",
        "beschikbaar": f"{beschikbaar:.2f}",
        "overschrijding": f"{max(s.toegezegd - s.ruimte, Decimal(0)):.2f}",
        "weigeringen_terecht": terecht,
        "saldo_gelijk_aan_grootboek": saldo_gelijk,
        "lock_metingen": len(locks),
        "lock_wachten_p50_ms": _ms(wachten, 0.5),
        "lock_wachten_p95_ms": _ms(wachten, 0.95),
        "lock_vasthouden_p50_ms": _ms(vasthouden, 0.5),
        "lock_vasthouden_p95_ms": _ms(vasthouden, 0.95),
        "lock_vasthouden_max_ms": _ms(vasthouden, 1.0),
        "lock_bezet_fractie": round(sum(vasthouden) / m["seconden"], 3) if m["seconden"] else 0,
    }


def main() -> int:
    global PG_MAP
    pgdir = PG_MAP = tempfile.mkdtemp(prefix="doorbraak-budgetbench-pg-")
    werkmap = tempfile.mkdtemp(prefix="doorbraak-budgetbench-")
    try:
        import pg_meting

        meld("PostgreSQL starten...")
        url = _pg_start(pgdir)
        _database_aanmaken(url)
        _django(url, werkmap)
        from django.db import connection

        runs = _een_run("snel", 0, url)
        if os.environ.get("BENCH_DUURZAAM", "1") != "0":
            connection.close()
            meld("PostgreSQL herstarten met fsync, synchronous_commit en full_page_writes aan...")
            pg_meting.herstarten(pgdir, url, duurzaam=True)
            runs += _een_run("duurzaam", RONDES * len(VERBINDINGEN), url)
        commit, vuil = gereedschap.git_stand()
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
            "casussen": CASUSSEN,
            "processen": PROCESSEN,
            "pgbench_clients": pg_meting.CLIENTS,
            "pgbench_seconden": PGBENCH_SECONDEN,
            "rondes": RONDES,
            "runs": runs,
        }
        RESULTATEN.mkdir(parents=True, exist_ok=True)
        (RESULTATEN / "budget.json").write_text(
            json.dumps(resultaat, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        tekst = markdown(resultaat)
        (RESULTATEN / "budget.md").write_text(tekst, encoding="utf-8")
        print(tekst)
        goed = all(m["alle_rondes_in_orde"] for m in runs)
        return 0 if goed else 1
    finally:
        subprocess.run(["bash", str(PG_SH), "stop", pgdir], timeout=90, capture_output=True)
        subprocess.run(["rm", "-rf", pgdir, werkmap], timeout=60, check=False)


if __name__ == "__main__":
    raise SystemExit(main())
