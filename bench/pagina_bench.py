"""The pages professionals live on, measured like the dossier API: the worklist (`GET /casussen`)
and the dossier page (`GET /casussen/{id}`), by wrk with a signed-in session.

Used by `bench/run.py` after the API runs (so the API's processing-log count stays its own):
it signs in through the login page as the generated user, checks that a page answers 200 with
that session (not a redirect to the login page), writes a wrk script per page and measures
each at the same connection counts. Goal (issue 19): p95 < 150 ms at 32 connections.

Beside wrk's figures, `cpu_per_pagina` measures each page in-process (Django's test client, no
HTTP, no waiting on other requests): CPU ms and queries per page, the figure that stays put on
a shared machine. The dossier page is measured read from the database tier (its content rendered
ahead, as the background job keeps it: web.paginabouw), on a true first read (kept nowhere; its
content built from the case's read model), again (kept in the process), and on a first read
after a change (the read model emptied as every change empties it, so the page builds it again).

    python bench/pagina_bench.py     (a short local run; see `main` for its settings)
"""

# A developer tool that talks HTTP only to the 127.0.0.1 server the bench started itself:

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import gereedschap  # bench/gereedschap.py: servers, sign-in and wrk, shared by the benches
from gereedschap import BenchFout

DOEL_P95_MS = 150.0


def pagina_controleren(basis: str, pad: str, cookie: str) -> int:
    """The page answers 200 with this session (a 302 would be the login page: not measured)."""
    status, _, inhoud = gereedschap.ophalen(basis, pad, Cookie=cookie)
    if status != 200:
        raise BenchFout(f"{pad} gaf {status} met de sessie, geen 200.")
    return len(inhoud)


def lua_pagina(pad: str, cookie: str, ids: list[str], seed: int, resultaat: str) -> str:
    """A wrk script for `pad`; `{id}` in it becomes a random case id per request."""
    lijst = ",\n".join(f'"{i}"' for i in ids) if "{id}" in pad else ""
    voor, _, na = pad.partition("{id}")
    verzoek = (
        f'wrk.format("GET", "{voor}" .. ids[math.random(#ids)] .. "{na}")'
        if "{id}" in pad
        else f'wrk.format("GET", "{pad}")'
    )
    return (
        f"local ids = {{\n{lijst}\n}}\n"
        f'wrk.headers["Cookie"] = "{cookie}"\n'
        'wrk.headers["Accept"] = "text/html"\n'
        "local teller = 0\n"
        "function setup(thread)\n"
        "  teller = teller + 1\n"
        "  thread:set('draad', teller)\n"
        "end\n"
        "function init(args)\n"
        f"  math.randomseed({seed} + (draad or 0))\n"
        "end\n"
        f"request = function()\n  return {verzoek}\nend\n" + resultaat
    )


PAGINAS = {
    "werklijst": "/casussen",
    "dossierpagina": "/casussen/{id}",
}


def meten(
    *,
    basis: str,
    werkmap: Path,
    ids: list[str],
    gebruiker: str,
    wachtwoord: str,
    seed: int,
    lua_resultaat: str,
    wrk: Callable[[Path, str, int, int], dict],
    verbindingen: tuple[int, ...],
    seconden: int,
    opwarmen: int,
    meld: Callable[[str], None],
) -> dict[str, dict]:
    """Each page: warm up, then measure at every connection count. `wrk(script, url, c, s)`
    is the API bench's own runner, so the figures are comparable."""
    eindpunten: dict[str, dict] = {}
    try:
        cookie = gereedschap.sessie_cookie(basis, wachtwoord, gebruiker)
        for pad in PAGINAS.values():
            voorbeeld = pad.replace("{id}", ids[0])
            meld(f"pagina {voorbeeld}: {pagina_controleren(basis, voorbeeld, cookie)} bytes")
    except (BenchFout, OSError) as fout:
        meld(f"LET OP: pagina's niet gemeten: {fout}")
        return eindpunten
    for naam, pad in PAGINAS.items():
        script = werkmap / f"{naam}.lua"
        script.write_text(lua_pagina(pad, cookie, ids, seed, lua_resultaat), encoding="utf-8")
        meld(f"opwarmen GET {pad} ({opwarmen} s)...")
        wrk(script, basis, min(verbindingen), opwarmen)
        runs = {}
        for c in verbindingen:
            meld(f"meten GET {pad} met {c} verbindingen ({seconden} s)...")
            m = wrk(script, basis, c, seconden)
            m["doel_p95_ms"] = DOEL_P95_MS
            runs[str(c)] = m
            meld(
                f"  {m['rps']:.0f} req/s, p50 {m['p50_ms']:.1f} ms, p95 {m['p95_ms']:.1f} ms "
                f"(doel < {DOEL_P95_MS:.0f}), non-2xx {m['non_2xx']}"
            )
        eindpunten[naam] = {"path": f"GET {pad} (pagina)", "runs": runs}
    return eindpunten


# In-process, through Django's test client (no HTTP, no waiting on other requests): the CPU
# time of one page (middleware, session, queries, render) and its queries, for `aantal` first
# reads of different dossiers and the same again (a page's cache, if any, then holds them).
CPU_METING = """
import cProfile, pstats, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.core.cache import caches
from doorbraak.casussen.leesmodel import dossiers_gewijzigd
from doorbraak.web import paginacache
from doorbraak.web.models import Dossierpagina
from doorbraak.organisaties.models import Medewerker
client = Client(HTTP_HOST='127.0.0.1')
client.force_login(Medewerker.objects.get(username={gebruiker!r}))
ids = {ids!r}
n = {aantal}
def gewijzigd(i):
    dossiers_gewijzigd(casus_ids=[ids[i]])  # what every change of the case does to its read model
def niet_bewaard(i):
    # kept nowhere: not in this process, not in the database (the read renders and stores it)
    caches[paginacache.ALIAS].clear()
    Dossierpagina.objects.filter(casus_id=ids[i]).delete()
paden = {{
    'werklijst': (lambda i: '/casussen', '/casussen', None),
    # rendered ahead (the background job, `doorbraak dossierpaginas`), read first in this process
    'dossierpagina (bewaard in de database)': (
        lambda i: '/casussen/' + ids[i], '/casussen/' + ids[n], None),
    'dossierpagina (eerste keer)': (
        lambda i: '/casussen/' + ids[i], '/casussen/' + ids[1], niet_bewaard),
    'dossierpagina (opnieuw)': (lambda i: '/casussen/' + ids[i], '/casussen/' + ids[0], None),
    'dossierpagina (eerste keer na een wijziging)': (
        lambda i: '/casussen/' + ids[i], '/casussen/' + ids[1], gewijzigd),
}}
for i in range(3):
    assert client.get('/casussen').status_code == 200
    assert client.get('/casussen/' + ids[-1 - i]).status_code == 200
for naam, (pad, telpad, voor) in paden.items():
    profiel = cProfile.Profile() if {profiel!r} else None
    if profiel:
        profiel.enable()
    per_verzoek = []
    cpu = wand = 0.0
    for i in range(n):
        if voor:  # outside the measured time
            voor(i)
        begin, begin_wand = time.process_time(), time.perf_counter()
        antwoord = client.get(pad(i))
        per_verzoek.append(time.process_time() - begin)
        wand += time.perf_counter() - begin_wand
        assert antwoord.status_code == 200, (pad(i), antwoord.status_code)
    cpu = sum(per_verzoek)
    if voor:
        voor(1)
    mediaan = sorted(per_verzoek)[n // 2]
    if profiel:
        profiel.disable()
        print('PROFIEL', naam)
        pstats.Stats(profiel).sort_stats('cumulative').print_stats(40)
        pstats.Stats(profiel).sort_stats('tottime').print_stats(25)
    with CaptureQueriesContext(connection) as ctx:
        client.get(telpad)
    q = len(ctx.captured_queries)
    print(f'CPU {{naam}}|{{cpu / n * 1000:.2f}}|{{wand / n * 1000:.2f}}|{{q}}|'
          f'{{mediaan * 1000:.2f}}')
"""


def cpu_per_pagina(
    omgeving: dict[str, str], ids: list[str], *, aantal: int = 50, profiel: bool = False
) -> dict[str, dict]:
    """The stable figure beside wrk's: ms CPU and wall time per page in-process, and queries,
    over a seeded random sample of `ids` (the first ids in key order are not representative:
    they held about five times the average number of helpers per case). With `profiel`
    cProfile's top functions are printed as well."""
    ids = random.Random(42).sample(ids, min(len(ids), aantal + 4))  # noqa: S311 (a sample)
    uit = gereedschap.doorbraak(
        omgeving,
        "shell",
        "-c",
        CPU_METING.format(gebruiker=gereedschap.GEBRUIKER, ids=ids, aantal=aantal, profiel=profiel),
        timeout=900,
    )
    if profiel:
        print(uit)
    metingen = {}
    for naam, cpu, wand, queries, mediaan in re.findall(
        r"^CPU (.+)\|(.+)\|(.+)\|(\d+)\|(.+)$", uit, re.M
    ):
        metingen[naam] = {
            "cpu_ms": float(cpu),
            "cpu_mediaan_ms": float(mediaan),  # steadier than the mean on a shared machine
            "wand_ms": float(wand),
            "queries": int(queries),
        }
    return metingen


def voorbouwen(
    omgeving: dict[str, str], werkmap: Path, ids: list[str], meld: Callable[[str], None]
) -> dict:
    """The dossier pages of `ids` rendered ahead as the bench user sees them (`doorbraak
    dossierpaginas`), as the background job leaves them in a running system: read before, kept
    current since. Answers the count and the time, the background job's pace."""
    bestand = werkmap / "paginas.txt"
    bestand.write_text("\n".join(ids), encoding="utf-8")
    meld(f"doorbraak dossierpaginas --als {gereedschap.GEBRUIKER} voor {len(ids)} dossiers...")
    begin = time.monotonic()
    gereedschap.doorbraak(
        omgeving, "dossierpaginas", "--als", gereedschap.GEBRUIKER, "--ids-bestand", str(bestand),
        timeout=7200,
    )  # fmt: skip
    seconden = time.monotonic() - begin
    meld(f"  {seconden:.0f} s, {len(ids) / seconden:.0f} pagina's/s")
    return {"aantal": len(ids), "seconden": round(seconden, 1),
            "per_seconde": round(len(ids) / seconden, 1)}  # fmt: skip


def main() -> int:
    """A short local run of the bare view, the dossier API and both pages (small data, a few
    seconds each), after the in-process CPU per page: the direction, not the figures of
    `make bench`. Environment as run.py's (BENCH_HUISHOUDENS, BENCH_SECONDEN, ...), defaults
    here small; BENCH_PGPORT a fixed port on a shared machine; BENCH_PROFIEL=1 prints cProfile's
    top functions of the in-process run; BENCH_ALLEEN_CPU=1 stops after it (no gunicorn)."""
    import os
    import secrets
    import shutil
    import tempfile

    os.environ.setdefault("BENCH_HUISHOUDENS", "2000")
    os.environ.setdefault("BENCH_GEMEENTEN", "1")
    os.environ.setdefault("BENCH_SECONDEN", "5")
    os.environ.setdefault("BENCH_OPWARMEN", "2")
    import run  # bench/run.py: the same settings, data and wrk scripts

    werkmap = Path(tempfile.mkdtemp(prefix="doorbraak-pagina-"))
    pgdir = tempfile.mkdtemp(prefix="doorbraak-pagina-pg-")
    wachtwoord = secrets.token_urlsafe(18)
    gunicorn = None
    try:
        url = gereedschap.pg_start(pgdir, os.environ.get("BENCH_PGPORT"))
        gereedschap.database_aanmaken(url)
        omgeving = gereedschap.bench_omgeving(url, werkmap)
        gereedschap.doorbraak(omgeving, "migrate", "--noinput", "-v0")
        run.meld(f"doorbraak genereer --huishoudens {run.HUISHOUDENS}...")
        gereedschap.doorbraak(
            omgeving, "genereer", "--huishoudens", str(run.HUISHOUDENS), "--gemeenten",
            str(run.GEMEENTEN), "--seed", str(run.SEED), "--wachtwoord", wachtwoord, "-v0",
            timeout=1800,
        )  # fmt: skip
        gereedschap.doorbraak(omgeving, "collectstatic", "--noinput", "-v0")
        gereedschap.doorbraak(omgeving, "leesmodel", timeout=1800)
        with gereedschap.verbind(url) as conn:
            ids = [
                str(r[0])
                for r in conn.execute(
                    "SELECT c.id FROM casussen_casus c JOIN organisaties_medewerker m "
                    "ON m.gemeente_id = c.gemeente_id WHERE m.username = %s ORDER BY c.id",
                    (gereedschap.GEBRUIKER,),
                )
            ]
        voorbouwen(omgeving, werkmap, ids, run.meld)
        uitslag: dict[str, dict] = {}
        cpu = cpu_per_pagina(omgeving, ids, profiel=os.environ.get("BENCH_PROFIEL") == "1")
        print(f"\nIn-process, per pagina ({run.HUISHOUDENS} huishoudens, PostgreSQL):")
        for naam, m in cpu.items():
            print(
                f"  {naam:28} CPU {m['cpu_ms']:6.2f} ms (mediaan {m['cpu_mediaan_ms']:6.2f})  "
                f"wandtijd {m['wand_ms']:6.2f} ms  "
                f"queries {m['queries']}"
            )
        if os.environ.get("BENCH_ALLEEN_CPU") == "1":
            return 0
        pad_wrk = gereedschap.wrk_pad()
        gunicorn, basis = gereedschap.gunicorn_klaar(omgeving, werkmap / "gunicorn.log")
        token = gereedschap.token_ophalen(basis, wachtwoord)
        dossier = werkmap / "dossier.lua"
        dossier.write_text(run.lua_dossier([(i, 0) for i in ids], [token]), encoding="utf-8")
        kaal = werkmap / "kaal.lua"
        kaal.write_text(gereedschap.LUA_RESULTAAT, encoding="utf-8")

        def meet(script: Path, u: str, c: int, s: int) -> dict:
            return gereedschap.wrk(pad_wrk, script, u, c, s)

        for naam, script, u in (
            ("kaal", kaal, f"{basis}/gezondheid/leeft"),
            ("dossier-api", dossier, basis),
        ):
            meet(script, u, min(run.VERBINDINGEN), run.OPWARMEN)
            uitslag[naam] = {str(c): meet(script, u, c, run.SECONDEN) for c in run.VERBINDINGEN}
        for naam, ep in meten(
            basis=basis, werkmap=werkmap, ids=ids, gebruiker=gereedschap.GEBRUIKER,
            wachtwoord=wachtwoord, seed=run.SEED, lua_resultaat=gereedschap.LUA_RESULTAAT,
            wrk=meet, verbindingen=run.VERBINDINGEN, seconden=run.SECONDEN,
            opwarmen=run.OPWARMEN, meld=run.meld,
        ).items():  # fmt: skip
            uitslag[naam] = ep["runs"]
        regels = [
            "# Werklijst en dossierpagina: korte lokale meting (bench/pagina_bench.py)",
            "",
            f"{datetime.now(UTC).isoformat(timespec='seconds')}, commit "
            f"`{gereedschap.git_stand()[0][:12]}`; {run.HUISHOUDENS} huishoudens, "
            "PostgreSQL (snel), "
            f"gunicorn {gereedschap.WORKERS} sync workers op {gereedschap.CORES} kernen, "
            f"{run.SECONDEN} s per meting na {run.OPWARMEN} s opwarmen. Op een gedeelde machine "
            "indicatief; de CPU-tijd in-process is het stabiele getal.",
            "",
            "| pagina (in-process) | CPU ms | CPU mediaan ms | wandtijd ms | queries |",
            "|---|---:|---:|---:|---:|",
            *(
                f"| {n} | {m['cpu_ms']:.2f} | {m['cpu_mediaan_ms']:.2f} | {m['wand_ms']:.2f} "
                f"| {m['queries']} |"
                for n, m in cpu.items()
            ),
            "",
            "| endpoint | verbindingen | req/s | p50 ms | p95 ms | non-2xx |",
            "|---|---:|---:|---:|---:|---:|",
            *(
                f"| {n} | {c} | {m['rps']:.0f} | {m['p50_ms']:.1f} | {m['p95_ms']:.1f} "
                f"| {m['non_2xx']} |"
                for n, runs in uitslag.items()
                for c, m in runs.items()
            ),
            "",
        ]
        print("\n".join(regels))
        run.RESULTATEN.mkdir(parents=True, exist_ok=True)
        # its own file: paginas.md holds the measured rounds and their history, written by hand
        (run.RESULTATEN / "paginas-kort.md").write_text("\n".join(regels), encoding="utf-8")
        return 0
    finally:
        if gunicorn is not None:
            gereedschap.gunicorn_stop(gunicorn)
        gereedschap.pg_stop(pgdir)
        shutil.rmtree(pgdir, ignore_errors=True)
        shutil.rmtree(werkmap, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
