#!/usr/bin/env python3
"""Throughput of the dossier API: gunicorn + PostgreSQL 15 with generated households, load by wrk.

    make bench                      (or: PATH=.venv/bin:$PATH .venv/bin/python bench/run.py)

First bench/regels_bench.py (the rules engine in-process) and bench/budget_bench.py (1,000
concurrent go's on one budget, its own PostgreSQL) run (and the other parts, among them
bench/precedenten_bench.py: searching 100,000 precedents); then the dossier API:

What it does, all in throw-away places that it removes afterwards:
  1. starts PostgreSQL 15 with scripts/pg.sh (temp dir, random port) and creates the database;
  2. `doorbraak migrate`, `doorbraak genereer --huishoudens N --gemeenten G --processen P
     --seed 42` (COPY), `doorbraak collectstatic`, with production settings (not demo mode);
  3. starts gunicorn (sync workers) for the project and, with the same settings, for a bare
     Django view (bench/kaal.py: no middleware, no database: the framework's ceiling);
  4. gets an API token for the generated user `bench` (POST /api/v1/auth/tokens) and one for the
     regisseur of every other generated gemeente;
  5. runs wrk against the bare view, GET /gezondheid/leeft and GET /api/v1/casussen/{random id}
     (random dossiers across all gemeenten, each with its gemeente's token), at 8 and 32
     connections after a warm-up, then the bare view and the dossier API in turn (BENCH_RONDES
     pairs of half the measuring time at 32 connections: their median ratio), then pgbench
     TPC-B-like on the same server (bench/pg_meting.py), and prints the ratios dossier / bare
     view and dossier / pgbench;
  6. restarts the same PostgreSQL with production durability (fsync, synchronous_commit,
     full_page_writes on) and measures step 5 again (BENCH_DUURZAAM=0 skips this);
  7. checks the processing log: exactly one entry per dossier request wrk sent (its Lua counts
     them, including those still in flight when a run ends), then `doorbraak audit verifieer`;
  8. writes bench/results/dossier-api.json and dossier-api.md, and prints the table.
Gunicorn and PostgreSQL are always stopped.

Settings (environment): BENCH_HUISHOUDENS (200000), BENCH_GEMEENTEN (21),
BENCH_GENEREER_PROCESSEN (cores), BENCH_IDS (20000 dossiers in the wrk script), BENCH_SECONDEN
(20), BENCH_OPWARMEN (5), BENCH_RONDES (3), BENCH_WORKERS (2 x cores + 1),
BENCH_VERBINDINGEN ("8,32"),
BENCH_WRK_THREADS (2), BENCH_DUURZAAM (1), BENCH_PGBENCH_SECONDEN (20), BENCH_PGBENCH_CLIENTS (8),
BENCH_PGBENCH_SCHAAL (10); for the go's BENCH_BUDGET_GOS (1000), BENCH_BUDGET_PROCESSEN
(2 x cores + 1), BENCH_BUDGET_THREADS (connections per measurement: "5,50"),
BENCH_BUDGET_RONDES (rounds of go's and pgbench in turn: BENCH_RONDES),
BENCH_BUDGET_PGBENCH_SECONDEN (10); BENCH_DELEN
(which parts run: regels,budget,verantwoording,cluster,precedenten,dossier).
BENCH_DATABASE=<dir> keeps the generated database (and the keys and password it was made with)
in that directory: a later run with the same size and seed migrates it and skips the
generation; BENCH_ALLEEN_VOORBEREIDEN=1 stops after generating it, so the slow part can run
while the machine is busy and the measurement when it is quiet. The read model is (re)built for
the dossiers in the wrk script only: the others are never read by the bench.
A short run on a busy machine, for instance:
  BENCH_HUISHOUDENS=2000 BENCH_GEMEENTEN=3 BENCH_SECONDEN=5 BENCH_OPWARMEN=2 make bench
Only the standard library plus what the project installs (psycopg); wrk is installed with
apt-get when it is missing and we run as root.
"""

# A developer tool that runs fixed local commands (pg.sh, doorbraak, gunicorn, wrk, git) and only
# talks HTTP to the 127.0.0.1 server it started itself:
# ruff: noqa: S603, S310

from __future__ import annotations

import json
import os
import platform
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pagina_bench  # bench/pagina_bench.py: the worklist and dossier page
import pg_meting  # bench/pg_meting.py: pgbench and the durability settings
from gereedschap import (  # bench/gereedschap.py: servers, sign-in and wrk, shared by the benches
    GEBRUIKER,
    LUA_RESULTAAT,
    PY,
    ROOT,
    BenchFout,
    CpuMeter,
    bench_omgeving,
    database_aanmaken,
    doorbraak,
    git_stand,
    gunicorn_start,
    gunicorn_stop,
    nieuwe_sleutels,
    pg_start,
    pg_stop,
    postmaster_pid,
    token_ophalen,
    verbind,
    vrije_poort,
    wacht_op,
    wacht_op_gezondheid,
    wrk,
    wrk_pad,
)

RESULTATEN = ROOT / "bench" / "results"
GEMEENTE_CODE = "GM9990"
SEED = 42


def _getal(naam: str, standaard: int) -> int:
    waarde = os.environ.get(naam, "").strip()
    if not waarde:
        return standaard
    try:
        getal = int(waarde)
    except ValueError:
        raise SystemExit(f"{naam} moet een geheel getal zijn, niet {waarde!r}.") from None
    if getal < 1:
        raise SystemExit(f"{naam} moet minstens 1 zijn.")
    return getal


CORES = os.cpu_count() or 1
ALLE_DELEN = "regels,budget,verantwoording,cluster,precedenten,dossier"
HUISHOUDENS = _getal("BENCH_HUISHOUDENS", 200_000)
GEMEENTEN = _getal("BENCH_GEMEENTEN", 21)
GENEREER_PROCESSEN = _getal("BENCH_GENEREER_PROCESSEN", CORES)
MAX_IDS = _getal("BENCH_IDS", 20_000)  # dossier ids in the wrk script, spread over the gemeenten
DUURZAAM = os.environ.get("BENCH_DUURZAAM", "1") != "0"
SECONDEN = _getal("BENCH_SECONDEN", 20)
OPWARMEN = _getal("BENCH_OPWARMEN", 5)
WORKERS = _getal("BENCH_WORKERS", 2 * CORES + 1)
WRK_THREADS = _getal("BENCH_WRK_THREADS", 2)
VERBINDINGEN = tuple(
    int(v) for v in os.environ.get("BENCH_VERBINDINGEN", "8,32").split(",") if v.strip()
)

DELEN = {d.strip() for d in os.environ.get("BENCH_DELEN", ALLE_DELEN).split(",") if d.strip()}
if DELEN - set(ALLE_DELEN.split(",")):
    raise SystemExit(f"BENCH_DELEN kent alleen {ALLE_DELEN}, niet {sorted(DELEN)}.")
DATABASE_MAP = os.environ.get("BENCH_DATABASE", "").strip()
ALLEEN_VOORBEREIDEN = os.environ.get("BENCH_ALLEEN_VOORBEREIDEN", "0") == "1"

BEGIN = time.monotonic()


def meld(tekst: str) -> None:
    print(f"[{time.monotonic() - BEGIN:6.1f} s] {tekst}", flush=True)


# --- tools -------------------------------------------------------------------------------------


# --- PostgreSQL --------------------------------------------------------------------------------


def sessies(conn) -> int:
    """Connections ever opened to this database (pg_stat_database.sessions, PostgreSQL 14+)."""
    rij = conn.execute(
        "SELECT sessions FROM pg_stat_database WHERE datname = current_database()"
    ).fetchone()
    return int(rij[0] or 0)


def waarde(url: str, query: str, params: tuple = ()) -> object:
    with verbind(url) as conn:
        return conn.execute(query, params).fetchone()[0]


class LockMeter:
    """Samples pg_stat_activity while wrk runs: how many app connections wait on a lock."""

    def __init__(self, url: str, interval: float = 0.05) -> None:
        self.url, self.interval = url, interval
        self.wachtend: list[int] = []
        self.actief: list[int] = []
        self._stop = threading.Event()
        self._draad = threading.Thread(target=self._meet, daemon=True)

    def _meet(self) -> None:
        try:
            with verbind(self.url) as conn:
                while not self._stop.is_set():
                    wachtend, actief = conn.execute(
                        "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'), "
                        "count(*) FILTER (WHERE state = 'active') "
                        "FROM pg_stat_activity WHERE datname = current_database() "
                        "AND pid <> pg_backend_pid()"
                    ).fetchone()
                    self.wachtend.append(wachtend)
                    self.actief.append(actief)
                    time.sleep(self.interval)
        except Exception as fout:  # a diagnostic only; never fail the bench on it
            meld(f"  (lockmeting gestopt: {fout})")

    def __enter__(self) -> LockMeter:
        self._draad.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._draad.join(timeout=5)

    def samenvatting(self) -> dict[str, float]:
        if not self.wachtend:
            return {}
        return {
            "gem_wachtend_op_lock": round(statistics.fmean(self.wachtend), 2),
            "max_wachtend_op_lock": max(self.wachtend),
            "gem_actieve_queries": round(statistics.fmean(self.actief), 2),
            "metingen": len(self.wachtend),
        }


# --- gunicorn and HTTP -------------------------------------------------------------------------


def dossier_controleren(basis: str, token: str, casus_id: str) -> int:
    verzoek = urllib.request.Request(
        f"{basis}/api/v1/casussen/{casus_id}", headers={"Authorization": f"Token {token}"}
    )
    with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
        inhoud = antwoord.read()
    dossier = json.loads(inhoud)
    if dossier.get("id") != casus_id:
        raise BenchFout("Het dossier hoort niet bij de gevraagde casus.")
    return len(inhoud)


# --- wrk ---------------------------------------------------------------------------------------


def lua_dossier(ids: list[tuple[str, int]], tokens: list[str]) -> str:
    """Random dossiers across the gemeenten, each read with its own gemeente's token."""
    lijst = ",\n".join(f'"{i}"' for i, _ in ids)
    gemeente = ",".join(str(g + 1) for _, g in ids)
    sleutels = ",\n".join(f'"Token {t}"' for t in tokens)
    return (
        f"local ids = {{\n{lijst}\n}}\n"
        f"local gemeente = {{{gemeente}}}\n"
        f"local tokens = {{\n{sleutels}\n}}\n"
        "local teller = 0\n"
        "function setup(thread)\n"
        "  teller = teller + 1\n"
        "  thread:set('draad', teller)\n"
        "end\n"
        "function init(args)\n"
        f"  math.randomseed({SEED} + (draad or 0))\n"
        "end\n"
        "request = function()\n"
        "  local i = math.random(#ids)\n"
        '  return wrk.format("GET", "/api/v1/casussen/" .. ids[i], '
        '{["Authorization"] = tokens[gemeente[i]], ["Accept"] = "application/json"})\n'
        "end\n" + LUA_RESULTAAT
    )


# --- results -----------------------------------------------------------------------------------


def markdown(resultaat: dict) -> str:
    pg = resultaat["postgresql"]
    r = [
        "# Dossier-API: doorvoer, met het plafond van Django en PostgreSQL in dezelfde run",
        "",
        f"- datum: {resultaat['date']}; commit `{resultaat['git_commit'][:12]}`"
        f"{' (met lokale wijzigingen)' if resultaat['git_dirty'] else ''}",
        f"- {resultaat['households']} gegenereerde huishoudens (seed {SEED}) in "
        f"{resultaat['gemeenten']} gemeenten, gegenereerd in {resultaat['generation_seconds']} s "
        f"({resultaat['generation_processes']} processen, COPY); de dossierlast leest "
        f"{resultaat['dossier_ids_in_script']} willekeurige dossiers verspreid over alle "
        "gemeenten, elk met het token van een regisseur van die gemeente",
        f"- gunicorn {resultaat['workers']} sync workers op {resultaat['cpu_cores']} cores "
        f"(wrk op dezelfde machine, {resultaat['wrk_threads']} threads), "
        f"{resultaat['duration_seconds']} s per meting na {resultaat['warmup_seconds']} s "
        "opwarmen; de kale Django-view draait onder dezelfde gunicorn-instellingen "
        "(bench/kaal.py: geen middleware, geen database)",
        f"- PostgreSQL {pg['version']}",
        "",
    ]
    for modus in resultaat["modes"].values():
        pgb = modus["pgbench"]
        r += [
            f"## {modus['label']}",
            "",
            "| endpoint | verbindingen | req/s | p50 (ms) | p95 (ms) | p99 (ms) | non-2xx "
            "| CPU app (ms/verzoek) | CPU PostgreSQL (ms/verzoek) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for ep in modus["endpoints"].values():
            for c, m in ep["runs"].items():
                cpu = m.get("cpu_per_request") or {}
                r.append(
                    f"| {ep['path']} | {c} | {m['rps']:.0f} | {m['p50_ms']:.1f} "
                    f"| {m['p95_ms']:.1f} | {m['p99_ms']:.1f} | {m['non_2xx']} "
                    f"| {_ms(cpu.get('app_ms'))} | {_ms(cpu.get('postgresql_ms'))} |"
                )
        r += [
            "",
            f"pgbench TPC-B-achtig op dezelfde server: **{pgb['tps']:.0f} tps** "
            f"({pgb['clients']} clients, {pgb['seconds']} s, schaal {pgb['scale']}).",
            "",
            "| verbindingen | dossier ÷ kale view | dossier ÷ /gezondheid | dossier-GET/s ÷ "
            "pgbench tps |",
            "|---:|---:|---:|---:|",
        ]
        for c in modus["ratio_dossier_bare"]:
            r.append(
                f"| {c} | {modus['ratio_dossier_bare'][c]:.3f} "
                f"| {modus['ratio_dossier_gezondheid'].get(c, 0):.3f} "
                f"| {modus['ratio_dossier_pgbench'].get(c) or 0:.3f} |"
            )
        paren = modus.get("ratio_dossier_bare_afwisselend")
        if paren and paren.get("mediaan") is not None:
            r.append(
                f"- afwisselend gemeten ({len(paren['rondes'])} rondes van {paren['seconden']} s, "
                f"{paren['verbindingen']} verbindingen, kale view en dossier direct na elkaar): "
                f"dossier ÷ kale view **mediaan {paren['mediaan']:.3f}**; per ronde "
                + ", ".join(
                    f"{p['dossier']:.0f} ÷ {p['bare']:.0f} = {p['ratio']:.3f}"
                    for p in paren["rondes"]
                )
            )
        for c, m in modus["endpoints"]["dossier"]["runs"].items():
            if m.get("locks"):
                r.append(
                    f"- dossier bij {c} verbindingen: gemiddeld "
                    f"{m['locks']['gem_wachtend_op_lock']} (max "
                    f"{m['locks']['max_wachtend_op_lock']}) databaseverbindingen wachtend op een "
                    f"lock, {m['locks']['gem_actieve_queries']} actief; "
                    f"{m.get('db_connections_opened', '?')} nieuwe databaseverbindingen"
                )
        r.append("")
    if resultaat.get("budget"):
        r += [
            "## Go's op één budget (bench/results/budget.md, dezelfde `make bench`)",
            "",
            "Go's en pgbench afwisselend gemeten; per meting de ronde met de mediane verhouding "
            "(elke ronde in budget.md).",
            "",
            "| PostgreSQL | verbindingen | go's/s | pgbench tps | go's/s ÷ pgbench tps "
            "| lock wachten p95 (ms) | lock vasthouden p50 / p95 (ms) | overschrijding |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for b in resultaat["budget"]:
            r.append(
                f"| {b['modus']} | {b.get('verbindingen') or '?'} | {b['gos_per_seconde']:.0f} "
                f"| {b['pgbench_tps']:.0f} "
                f"| {b['ratio_gos_pgbench']:.3f} | {b['lock_wachten_p95_ms']:.1f} "
                f"| {b['lock_vasthouden_p50_ms']:.1f} / {b['lock_vasthouden_p95_ms']:.1f} "
                f"| € {b['overschrijding']} |"
            )
        r.append("")
    log = resultaat["processing_log"]
    r += [
        "Verwerkingenlogboek: elke dossier-GET voegt één verwerking toe; na de bench verzegeld "
        "met `doorbraak audit verzegel` en gecontroleerd. Geschreven tijdens de bench: "
        f"{log['written']}, voor {log['expected']} verstuurde dossier-GET's "
        f"({'klopt precies' if log['written'] == log['expected'] else '**klopt niet**'}; "
        f"wrk las er {log.get('answered_by_wrk', '?')} antwoorden van, de overige "
        f"{log.get('in_flight_at_stop', '?')} waren onderweg toen wrk stopte en werden ook "
        f"bediend); keten: {log['chain']}.",
        f"Queries per dossier-GET: {resultaat['queries_per_dossier']}; Django CONN_MAX_AGE: "
        f"{resultaat['django_conn_max_age']}.",
        "Pagina's in-process (Django-testclient, zonder HTTP of wachten): "
        + "; ".join(
            f"{naam} {m['cpu_ms']:.1f} ms CPU, {m['queries']} queries"
            for naam, m in resultaat.get("pagina_cpu_in_process", {}).items()
        )
        + ".",
        _voorgebouwd_regel(resultaat.get("dossierpaginas_vooraf")),
        "",
        "Snel = scripts/pg.sh zoals de tests (fsync, synchronous_commit en full_page_writes uit); "
        "duurzaam = dezelfde server herstart met de productie-instellingen (alle drie aan), "
        "zodat elke commit op een WAL-flush wacht. Op een gedeelde machine zijn alle getallen "
        "indicatief; de verhoudingen komen uit dezelfde run.",
        "",
    ]
    return "\n".join(r)


TOKENS_MAKEN = """
from knox.models import AuthToken
from doorbraak.organisaties.models import Medewerker
for naam in {namen!r}:
    print('TOKEN', naam, AuthToken.objects.create(user=Medewerker.objects.get(username=naam))[1])
"""


def dossiers_tellen(m: dict) -> Counter:
    """The dossier reads of a wrk run for the processing-log check: the requests it sent (those
    still in flight at its end included: the server serves and logs them too) and the responses
    wrk read."""
    if m["sent"] is None:
        raise BenchFout("Het wrk-script van het dossier telt zijn verzoeken niet (geen request()).")
    return Counter(verzonden=m["sent"], beantwoord=m["requests"])


def wacht_tot_stil(url: str, stil: float = 1.0, hooguit: float = 60.0) -> int:
    """Wait until the server has served what wrk left in flight: the processing log's row count
    stays put for `stil` seconds (at most `hooguit`). Returns that count."""
    tellen = "SELECT count(*) FROM audit_verwerking"
    vorige = waarde(url, tellen)
    begin = sinds = time.monotonic()
    while time.monotonic() - sinds < stil and time.monotonic() - begin < hooguit:
        time.sleep(0.2)
        nu = waarde(url, tellen)
        if nu != vorige:
            vorige, sinds = nu, time.monotonic()
    return vorige


def meet_endpoints(
    pad_wrk: str, url: str, endpoints: dict[str, dict], postmaster: int | None = None
) -> Counter:
    """wrk against every endpoint at every connection count (after a warm-up); fills
    endpoints[...]["runs"] (with the CPU per request of the endpoint's gunicorn and of
    PostgreSQL) and returns the dossier requests sent and answered (for the log check)."""
    dossier_requests = Counter()
    diag = verbind(url)
    try:
        for naam, ep in endpoints.items():
            meld(f"opwarmen {ep['path']} ({OPWARMEN} s)...")
            opwarm = wrk(pad_wrk, ep["script"], ep["url"], min(VERBINDINGEN), OPWARMEN)
            ep["runs"] = {}
            if naam == "dossier":
                dossier_requests += dossiers_tellen(opwarm)
            for c in VERBINDINGEN:
                meld(f"meten {ep['path']} met {c} verbindingen ({SECONDEN} s)...")
                sessies_voor = sessies(diag)
                with LockMeter(url) as meter, CpuMeter(ep["proces"].pid, postmaster) as cpu:
                    m = wrk(pad_wrk, ep["script"], ep["url"], c, SECONDEN)
                m["cpu_per_request"] = cpu.per_verzoek(m["requests"])
                time.sleep(1.5)  # PostgreSQL flushes its session statistics about once a second
                if naam == "dossier":
                    dossier_requests += dossiers_tellen(m)
                    m["locks"] = meter.samenvatting()
                    # minus the lock meter's own connection
                    nieuw = max(0, sessies(diag) - sessies_voor - 1)
                    m["db_connections_opened"] = nieuw
                    m["db_connections_per_request"] = (
                        round(nieuw / m["requests"], 3) if m["requests"] else None
                    )
                ep["runs"][str(c)] = m
                meld(
                    f"  {m['rps']:.0f} req/s, p50 {m['p50_ms']:.1f} ms, p95 {m['p95_ms']:.1f} ms, "
                    f"non-2xx {m['non_2xx']}, socketfouten {m['socket_errors']}"
                )
    finally:
        diag.close()
    return dossier_requests


RONDES = _getal("BENCH_RONDES", 3)


def afwisselend(pad_wrk: str, endpoints: dict[str, dict], seconden: int) -> tuple[dict, Counter]:
    """The bare view and the dossier API in turn, RONDES times at the highest connection count:
    on a shared machine two runs a minute apart differ by a fifth or more, so the ratio of one
    pair says little; the median of pairs measured back to back says more. Returns the rounds
    with their median ratio, and the dossier requests made (for the log check)."""
    c = max(VERBINDINGEN)
    rondes, dossier_requests = [], Counter()
    for ronde in range(RONDES):
        paar = {}
        for naam in ("bare", "dossier"):
            ep = endpoints[naam]
            m = wrk(pad_wrk, ep["script"], ep["url"], c, seconden)
            paar[naam] = m["rps"]
            if naam == "dossier":
                dossier_requests += dossiers_tellen(m)
        paar["ratio"] = round(paar["dossier"] / paar["bare"], 3) if paar["bare"] else None
        meld(f"  ronde {ronde + 1}: kaal {paar['bare']:.0f}, dossier {paar['dossier']:.0f} req/s "
             f"= {paar['ratio']}")  # fmt: skip
        rondes.append(paar)
    ratios = sorted(r["ratio"] for r in rondes if r["ratio"] is not None)
    return {
        "verbindingen": c,
        "seconden": seconden,
        "rondes": rondes,
        "mediaan": ratios[len(ratios) // 2] if ratios else None,
    }, dossier_requests


def _ms(waarde: float | None) -> str:
    return "–" if waarde is None else f"{waarde:.2f}"


def _voorgebouwd_regel(voorgebouwd: dict | None) -> str:
    """The pages rendered ahead before the load (bench/pagina_bench.voorbouwen)."""
    if not voorgebouwd:
        return ""
    return (
        f"Dossierpagina's vooraf opgebouwd zoals de achtergrondtaak dat doet "
        f"(`doorbraak dossierpaginas`): {voorgebouwd['aantal']} in {voorgebouwd['seconden']} s, "
        f"{voorgebouwd['per_seconde']} per seconde op één proces; de last leest ze uit de database."
    )


def _verhouding(endpoints: dict[str, dict], teller: str, noemer: str) -> dict[str, float]:
    return {
        str(c): round(
            endpoints[teller]["runs"][str(c)]["rps"] / endpoints[noemer]["runs"][str(c)]["rps"], 3
        )
        for c in VERBINDINGEN
        if endpoints[noemer]["runs"][str(c)]["rps"]
    }


def _budget_samenvatting() -> list[dict]:
    """The go bench of this same `make bench` (bench/results/budget.json), for the summary."""
    try:
        runs = json.loads((RESULTATEN / "budget.json").read_text(encoding="utf-8"))["runs"]
    except (OSError, ValueError, KeyError):
        return []
    return [
        {
            k: m.get(k)
            for k in (
                "modus",
                "label",
                "verbindingen",
                "gos_per_seconde",
                "pgbench_tps",
                "ratio_gos_pgbench",
                "lock_wachten_p95_ms",
                "lock_vasthouden_p50_ms",
                "lock_vasthouden_p95_ms",
                "overschrijding",
            )
        }
        for m in runs
    ]


QUERY_TELLER = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
pad = '/api/v1/casussen/{casus_id}'
kop = {{'HTTP_AUTHORIZATION': 'Token {token}', 'HTTP_HOST': '127.0.0.1'}}
client.get(pad, **kop)
with CaptureQueriesContext(connection) as ctx:
    antwoord = client.get(pad, **kop)
assert antwoord.status_code == 200, antwoord.status_code
print('QUERIES', len(ctx.captured_queries))
from django.conf import settings
print('CONN_MAX_AGE', settings.DATABASES['default'].get('CONN_MAX_AGE'))
for q in ctx.captured_queries:
    print('SQL', q['sql'][:120])
"""


class Bewaard:
    """A generated database kept between runs (BENCH_DATABASE): the PostgreSQL directory and,
    beside it, the keys, password and size it was generated with. Another size or seed starts
    over; a database whose generation did not finish has no `bench.json` and starts over too."""

    def __init__(self, map_: Path) -> None:
        self.map = map_
        self.pgdir = str(map_ / "pg")
        self.bestand = map_ / "bench.json"
        self.sleutels: dict = {}
        self.klaar = False

    @classmethod
    def openen(cls, pad: str) -> Bewaard:
        bewaard = cls(Path(pad).resolve())
        bewaard.map.mkdir(parents=True, exist_ok=True)
        if bewaard.bestand.exists():
            gegevens = json.loads(bewaard.bestand.read_text(encoding="utf-8"))
            if gegevens.get("grootte") == [HUISHOUDENS, GEMEENTEN, SEED]:
                bewaard.sleutels, bewaard.klaar = gegevens, True
                return bewaard
            meld(f"{pad}: andere grootte of seed ({gegevens.get('grootte')}); opnieuw")
            bewaard.bestand.unlink()
        if Path(bewaard.pgdir).exists():
            pg_stop(bewaard.pgdir)
            shutil.rmtree(bewaard.pgdir, ignore_errors=True)
        bewaard.sleutels = {"wachtwoord": secrets.token_urlsafe(18), **nieuwe_sleutels()}
        return bewaard

    def sleutels_omgeving(self) -> dict[str, str]:
        return {k: v for k, v in self.sleutels.items() if k.startswith("DOORBRAAK_")}

    def vastleggen(self, omgeving: dict[str, str], wachtwoord: str, generatie: float) -> None:
        gegevens = {
            **{k: omgeving[k] for k in nieuwe_sleutels()},
            "wachtwoord": wachtwoord,
            "generatie_seconden": generatie,
            "grootte": [HUISHOUDENS, GEMEENTEN, SEED],
        }
        self.bestand.write_text(json.dumps(gegevens), encoding="utf-8")
        self.bestand.chmod(0o600)
        self.sleutels, self.klaar = gegevens, True


def main() -> int:
    import regels_bench  # bench/regels_bench.py: the voorliggend check in-process, no server

    if ALLEEN_VOORBEREIDEN:
        DELEN.intersection_update({"dossier"})
    if "regels" in DELEN and regels_bench.main() != 0:
        meld("LET OP: de voorliggend-check haalt het doel (mediaan < 5 ms) niet")
    for deel, script, melding in (
        # each in its own process: it sets up Django against its own server
        ("budget", "budget_bench.py", "de budgetbench meldt overschrijding of fouten"),
        ("verantwoording", "verantwoording_bench.py", "de verantwoording haalt het doel niet"),
        ("cluster", "cluster_bench.py", "de clusterbench (PgBouncer, replica) meldt fouten"),
        ("precedenten", "precedenten_bench.py", "precedenten zoeken haalt het doel niet"),
    ):
        if deel in DELEN:
            uitslag = subprocess.run([PY, str(ROOT / "bench" / script)], timeout=3600)
            if uitslag.returncode != 0:
                meld(f"LET OP: {melding} (bench/results/)")
    if "dossier" not in DELEN:
        return 0
    pad_wrk = wrk_pad()
    werkmap = Path(tempfile.mkdtemp(prefix="doorbraak-bench-"))
    bewaard = Bewaard.openen(DATABASE_MAP) if DATABASE_MAP else None
    # pg.sh gives the directory to 'postgres'
    pgdir = bewaard.pgdir if bewaard else tempfile.mkdtemp(prefix="doorbraak-bench-pg-")
    gunicorn: subprocess.Popen | None = None
    kaal: subprocess.Popen | None = None
    wachtwoord = bewaard.sleutels["wachtwoord"] if bewaard else secrets.token_urlsafe(18)
    try:
        meld(f"PostgreSQL starten in {pgdir}...")
        url = pg_start(pgdir)
        if not (bewaard and bewaard.klaar):
            database_aanmaken(url)
        pg_versie = waarde(url, "SHOW server_version")
        pg_instellingen = ", ".join(
            f"{k}={waarde(url, f'SHOW {k}')}"
            for k in ("fsync", "synchronous_commit", "full_page_writes", "shared_buffers")
        )
        # production settings; the bench user gets its token by password; a kept database
        # brings the keys it was generated with
        omgeving = bench_omgeving(url, werkmap, **(bewaard.sleutels_omgeving() if bewaard else {}))

        meld("doorbraak migrate...")
        doorbraak(omgeving, "migrate", "--noinput", "-v0")
        if bewaard and bewaard.klaar:
            generatie = bewaard.sleutels["generatie_seconden"]
            meld(f"bewaarde database uit {DATABASE_MAP} (gegenereerd in {generatie} s)")
        else:
            meld(
                f"doorbraak genereer --huishoudens {HUISHOUDENS} --gemeenten {GEMEENTEN} "
                f"--processen {GENEREER_PROCESSEN}..."
            )
            t0 = time.monotonic()
            uitvoer = doorbraak(
                omgeving,
                "genereer",
                "--huishoudens",
                str(HUISHOUDENS),
                "--gemeenten",
                str(GEMEENTEN),
                "--processen",
                str(GENEREER_PROCESSEN),
                "--seed",
                str(SEED),
                "--wachtwoord",
                wachtwoord,
                "-v0",
                timeout=3600,
            )
            wand = time.monotonic() - t0
            for regel in uitvoer.strip().splitlines()[-2:]:
                meld(f"  {regel[:300]}")
            gemeten = re.search(r"Tijd: ([\d.]+) s", uitvoer)
            generatie = float(gemeten.group(1)) if gemeten else round(wand, 1)
            if bewaard:
                bewaard.vastleggen(omgeving, wachtwoord, generatie)
        meld("doorbraak collectstatic...")
        try:
            doorbraak(omgeving, "collectstatic", "--noinput", "-v0")
        except BenchFout as fout:  # the API does not serve static files; note it and go on
            meld(f"  collectstatic mislukt, verder zonder: {str(fout)[:300]}")

        gebruikers = [GEBRUIKER] + [f"{GEBRUIKER}-{i + 1:02d}" for i in range(1, GEMEENTEN)]
        with verbind(url) as conn:
            per_gemeente = [
                [
                    str(r[0])
                    for r in conn.execute(
                        "SELECT c.id FROM casussen_casus c JOIN organisaties_medewerker m "
                        "ON m.gemeente_id = c.gemeente_id WHERE m.username = %s ORDER BY c.id",
                        (naam,),
                    )
                ]
                for naam in gebruikers
            ]
        totaal = sum(len(ids) for ids in per_gemeente)
        if totaal < HUISHOUDENS:
            raise BenchFout(f"Slechts {totaal} casussen gevonden, {HUISHOUDENS} verwacht.")
        # a sample spread evenly over the gemeenten keeps the wrk script small
        stap = max(1, totaal // MAX_IDS)
        steekproef = [(i, g) for g, ids in enumerate(per_gemeente) for i in ids[::stap]]
        ids = per_gemeente[0]
        # the read model of every dossier the load reads (the API's sample and every case of
        # the pages' first gemeente, which the dossier page reads at random), rebuilt with this
        # code, as in a running system where these were read before and not changed since; the
        # first read after a change (the copy built again) is measured in-process beside it
        gelezen = werkmap / "ids.txt"
        gelezen_ids = {i for i, _ in steekproef} | set(ids)
        gelezen.write_text("\n".join(gelezen_ids), "utf-8")
        meld(f"doorbraak leesmodel voor de {len(gelezen_ids)} dossiers van de last...")
        t0 = time.monotonic()
        doorbraak(omgeving, "leesmodel", "--ids-bestand", str(gelezen), timeout=3600)
        meld(f"  {time.monotonic() - t0:.0f} s")
        # the pages' content likewise, as the background job keeps it (web.paginabouw)
        voorgebouwd = pagina_bench.voorbouwen(omgeving, werkmap, ids, meld)
        if ALLEEN_VOORBEREIDEN:
            meld(f"voorbereid in {DATABASE_MAP or pgdir}; meten met dezelfde BENCH_DATABASE")
            return 0

        poort, poort_kaal = vrije_poort(), vrije_poort()
        basis, basis_kaal = f"http://127.0.0.1:{poort}", f"http://127.0.0.1:{poort_kaal}"
        log = werkmap / "gunicorn.log"

        def servers_starten() -> tuple[subprocess.Popen, subprocess.Popen]:
            meld(f"gunicorn starten ({WORKERS} workers): project op {basis}, kale view op "
                 f"{basis_kaal}...")  # fmt: skip
            project = gunicorn_start(omgeving, poort, log)
            kaal_omgeving = {k: v for k, v in omgeving.items() if k != "DJANGO_SETTINGS_MODULE"}
            kaal = gunicorn_start(
                {**kaal_omgeving, "PYTHONPATH": str(ROOT / "bench")},
                poort_kaal,
                log,
                app="kaal:application",
            )
            wacht_op_gezondheid(basis, project, log)
            wacht_op(f"{basis_kaal}/", kaal, log)
            return project, kaal

        gunicorn, kaal = servers_starten()
        token = token_ophalen(basis, wachtwoord)
        tokens = [token]
        if GEMEENTEN > 1:
            uit = doorbraak(
                omgeving, "shell", "-c", TOKENS_MAKEN.format(namen=gebruikers[1:]), timeout=300
            )
            gemaakt = dict(re.findall(r"^TOKEN (\S+) (\S+)$", uit, re.MULTILINE))
            tokens += [gemaakt[naam] for naam in gebruikers[1:]]
        grootte = dossier_controleren(basis, token, ids[0])
        meld(f"{len(tokens)} tokens; dossier {ids[0]} = {grootte} bytes")
        lua = werkmap / "dossier.lua"
        lua.write_text(lua_dossier(steekproef, tokens), encoding="utf-8")
        leeg = werkmap / "kaal.lua"
        leeg.write_text(LUA_RESULTAAT, encoding="utf-8")

        telling = doorbraak(
            omgeving, "shell", "-c", QUERY_TELLER.format(casus_id=ids[1], token=token), timeout=120
        )
        queries = int(re.search(r"QUERIES (\d+)", telling).group(1))
        conn_max_age = re.search(r"CONN_MAX_AGE (\S+)", telling).group(1)
        meld(f"queries per dossier-GET: {queries}; Django CONN_MAX_AGE: {conn_max_age}")
        for regel in telling.splitlines():
            if regel.startswith("SQL "):
                meld(f"    {regel[4:]}")
        # in-process, the stable figure; over dossiers whose read model was rebuilt above
        pagina_cpu = pagina_bench.cpu_per_pagina(omgeving, ids[:2000])
        for naam, m in pagina_cpu.items():
            meld(f"{naam}: {m['cpu_ms']:.1f} ms CPU in-process, {m['queries']} queries")

        verwerkingen_voor = waarde(url, "SELECT count(*) FROM audit_verwerking")
        dossier_requests, pagina_verwerkingen = Counter(), 0
        modi: dict[str, dict] = {}
        for modus in ("snel", "duurzaam") if DUURZAAM else ("snel",):
            if modus == "duurzaam":
                gunicorn_stop(gunicorn)
                gunicorn_stop(kaal)
                gunicorn = kaal = None
                meld("PostgreSQL herstarten met productie-duurzaamheid (fsync e.a. aan)...")
                pg_meting.herstarten(pgdir, url, duurzaam=True)
                gunicorn, kaal = servers_starten()
            instellingen = pg_meting.instellingen(url)
            meld(f"== {pg_meting.label(instellingen)} ==")
            endpoints = {
                "bare": {
                    "path": "GET / (kale Django-view, zelfde gunicorn)",
                    "script": leeg,
                    "url": f"{basis_kaal}/",
                    "proces": kaal,
                },
                "gezondheid": {
                    "path": "GET /gezondheid/leeft",
                    "script": leeg,
                    "url": f"{basis}/gezondheid/leeft",
                    "proces": gunicorn,
                },
                "dossier": {
                    "path": "GET /api/v1/casussen/{id}",
                    "script": lua,
                    "url": basis,
                    "proces": gunicorn,
                },
            }
            dossier_requests += meet_endpoints(pad_wrk, url, endpoints, postmaster_pid(pgdir))
            meld(f"afwisselend kaal en dossier, {RONDES} rondes van {SECONDEN // 2} s...")
            paren, gedaan = afwisselend(pad_wrk, endpoints, max(1, SECONDEN // 2))
            dossier_requests += gedaan
            # the worklist and dossier page (first gemeente), after the API; their log entries
            # are counted apart, so the API's one-entry-per-read check stays exact
            # the API's reads still in flight are logged before the pages start counting
            voor_paginas = wacht_tot_stil(url)
            endpoints |= pagina_bench.meten(
                basis=basis, werkmap=werkmap, ids=ids, gebruiker=GEBRUIKER, wachtwoord=wachtwoord,
                seed=SEED, lua_resultaat=LUA_RESULTAAT, verbindingen=VERBINDINGEN,
                seconden=SECONDEN, opwarmen=OPWARMEN, meld=meld,
                wrk=lambda s, u, c, d: wrk(pad_wrk, s, u, c, d),
            )  # fmt: skip
            na_paginas = wacht_tot_stil(url)
            pagina_verwerkingen += na_paginas - voor_paginas
            meld(f"pgbench TPC-B-achtig ({pg_meting.CLIENTS} clients, {pg_meting.SECONDEN} s)...")
            pgb = pg_meting.pgbench_tps(url)
            meld(f"  {pgb['tps']:.0f} tps")
            modi[modus] = {
                "label": pg_meting.label(instellingen),
                "settings": instellingen,
                "endpoints": {
                    naam: {"path": ep["path"], "runs": ep["runs"]} for naam, ep in endpoints.items()
                },
                "pgbench": pgb,
                "ratio_dossier_bare": _verhouding(endpoints, "dossier", "bare"),
                "ratio_dossier_bare_afwisselend": paren,
                "ratio_dossier_gezondheid": _verhouding(endpoints, "dossier", "gezondheid"),
                "ratio_dossier_pgbench": {
                    c: round(m["rps"] / pgb["tps"], 3) if pgb["tps"] else None
                    for c, m in endpoints["dossier"]["runs"].items()
                },
            }
        verwerkingen_na = waarde(url, "SELECT count(*) FROM audit_verwerking")

        gunicorn_stop(gunicorn)
        gunicorn_stop(kaal)
        gunicorn = kaal = None
        meld("doorbraak audit verzegel + verifieer...")
        try:
            doorbraak(omgeving, "audit", "verzegel", timeout=1200)
            keten = doorbraak(omgeving, "audit", "verifieer", timeout=1200).strip().rstrip(".")
            keten_ok = True
        except BenchFout as fout:
            keten, keten_ok = str(fout).strip()[:500], False

        commit, vuil = git_stand()
        resultaat = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "git_commit": commit,
            "git_dirty": vuil,
            "households": HUISHOUDENS,
            "gemeenten": GEMEENTEN,
            "generation_seconds": generatie,
            "generation_processes": GENEREER_PROCESSEN,
            "dossier_ids_in_script": len(steekproef),
            "workers": WORKERS,
            "worker_class": "sync",
            "cpu_cores": CORES,
            "wrk_threads": WRK_THREADS,
            "duration_seconds": SECONDEN,
            "warmup_seconds": OPWARMEN,
            "python": platform.python_version(),
            "postgresql": {"version": pg_versie, "settings": pg_instellingen},
            "queries_per_dossier": queries,
            "pagina_cpu_in_process": pagina_cpu,
            "dossierpaginas_vooraf": voorgebouwd,
            "django_conn_max_age": conn_max_age,
            "modes": modi,
            # the fast mode at top level as before, so earlier readers of this file still work
            "endpoints": modi["snel"]["endpoints"],
            "ratio_dossier_bare": modi["snel"]["ratio_dossier_bare"],
            "budget": _budget_samenvatting(),
            "processing_log": {
                # wrk's warm-up and runs: every dossier request sent (the requests still in
                # flight when wrk stopped are served and logged too, but wrk reads no response)
                "written": verwerkingen_na - verwerkingen_voor - pagina_verwerkingen,
                "expected": dossier_requests["verzonden"],
                "answered_by_wrk": dossier_requests["beantwoord"],
                "in_flight_at_stop": dossier_requests["verzonden"] - dossier_requests["beantwoord"],
                "written_by_pages": pagina_verwerkingen,
                "chain": keten,
                "chain_ok": keten_ok,
            },
        }
        RESULTATEN.mkdir(parents=True, exist_ok=True)
        (RESULTATEN / "dossier-api.json").write_text(
            json.dumps(resultaat, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        tekst = markdown(resultaat)
        (RESULTATEN / "dossier-api.md").write_text(tekst, encoding="utf-8")
        print()
        print(tekst)
        fouten = sum(
            m["non_2xx"]
            for modus in modi.values()
            for ep in modus["endpoints"].values()
            for m in ep["runs"].values()
        )
        log = resultaat["processing_log"]
        een_per_lezing = log["written"] == log["expected"]
        if fouten or not keten_ok or not een_per_lezing:
            meld(f"LET OP: {fouten} non-2xx-antwoorden; keten in orde: {keten_ok}; "
                 f"{log['written']} verwerkingen voor {log['expected']} dossier-GET's")  # fmt: skip
            return 1
        return 0
    finally:
        for proces in (gunicorn, kaal):
            if proces is not None:
                meld("gunicorn stoppen...")
                gunicorn_stop(proces)
        meld("PostgreSQL stoppen...")
        pg_stop(pgdir)
        if not bewaard:
            shutil.rmtree(pgdir, ignore_errors=True)
        shutil.rmtree(werkmap, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchFout as fout:
        print(f"bench mislukt: {fout}", file=sys.stderr)
        sys.exit(2)
