"""The pages professionals live on, measured like the dossier API: the worklist (`GET /casussen`)
and the dossier page (`GET /casussen/{id}`), by wrk with a signed-in session.

Used by `bench/run.py` after the API runs (so the API's processing-log count stays its own):
it signs in through the login page as the generated user, checks that a page answers 200 with
that session (not a redirect to the login page), writes a wrk script per page and measures
each at the same connection counts. Goal (issue 19): p95 < 150 ms at 32 connections.
"""

# A developer tool that talks HTTP only to the 127.0.0.1 server the bench started itself:
# ruff: noqa: S310, S603, S607

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

DOEL_P95_MS = 150.0


class PaginaFout(Exception):
    pass


class _GeenDoorverwijzing(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 stays a 302: the caller decides


def sessie_cookie(basis: str, gebruiker: str, wachtwoord: str) -> str:
    """Sign in through the login form (CSRF token included); the Cookie header to send."""
    potje = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(potje), _GeenDoorverwijzing()
    )
    with opener.open(f"{basis}/inloggen", timeout=30) as antwoord:
        html = antwoord.read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not csrf:
        raise PaginaFout("Geen CSRF-token op de inlogpagina.")
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
            raise PaginaFout(f"Inloggen mislukt: {fout.code}") from None
    koekjes = {c.name: c.value for c in potje}
    if "sessionid" not in koekjes:
        raise PaginaFout("Inloggen gaf geen sessie (verkeerd wachtwoord of tweede factor?).")
    return "; ".join(f"{k}={v}" for k, v in sorted(koekjes.items()))


def pagina_controleren(basis: str, pad: str, cookie: str) -> int:
    """The page answers 200 with this session (a 302 would be the login page: not measured)."""
    opener = urllib.request.build_opener(_GeenDoorverwijzing())
    verzoek = urllib.request.Request(f"{basis}{pad}", headers={"Cookie": cookie})
    try:
        with opener.open(verzoek, timeout=30) as antwoord:
            inhoud = antwoord.read()
    except urllib.error.HTTPError as fout:
        raise PaginaFout(f"{pad} gaf {fout.code} met de sessie, geen 200.") from None
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
        cookie = sessie_cookie(basis, gebruiker, wachtwoord)
        for pad in PAGINAS.values():
            voorbeeld = pad.replace("{id}", ids[0])
            meld(f"pagina {voorbeeld}: {pagina_controleren(basis, voorbeeld, cookie)} bytes")
    except (PaginaFout, OSError) as fout:
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


def main() -> int:
    """A short local run of the dossier API, the bare view and both pages (small data, a few
    seconds each): the direction, not the figures of `make bench`. Environment as run.py's
    (BENCH_HUISHOUDENS, BENCH_SECONDEN, ...); defaults here are small."""
    import base64
    import os
    import secrets
    import shutil
    import subprocess
    import tempfile

    os.environ.setdefault("BENCH_HUISHOUDENS", "2000")
    os.environ.setdefault("BENCH_SECONDEN", "5")
    os.environ.setdefault("BENCH_OPWARMEN", "2")
    import run  # bench/run.py: the same server, data and wrk runner

    pad_wrk = run.wrk_pad()
    werkmap = Path(tempfile.mkdtemp(prefix="doorbraak-pagina-"))
    pgdir = tempfile.mkdtemp(prefix="doorbraak-pagina-pg-")
    wachtwoord = secrets.token_urlsafe(18)
    gunicorn = None
    try:
        poort_pg = os.environ.get("BENCH_PGPORT")  # a fixed port on a shared machine
        if poort_pg:
            url = subprocess.run(
                ["bash", str(run.PG_SH), "start", pgdir, poort_pg],
                capture_output=True, text=True, timeout=600, check=True,
            ).stdout.strip().splitlines()[-1]  # fmt: skip
        else:
            url = run.pg_start(pgdir)
        run.database_aanmaken(url)
        omgeving = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DOORBRAAK_", "DJANGO_"))},
            "DJANGO_SETTINGS_MODULE": "doorbraak.config.settings",
            "DATABASE_URL": url,
            "DOORBRAAK_SECRET_KEY": secrets.token_urlsafe(50),
            "DOORBRAAK_BSN_SLEUTELS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
            "DOORBRAAK_BSN_HASH_SLEUTEL": secrets.token_urlsafe(32),
            "DOORBRAAK_AUDIT_SLEUTEL": secrets.token_urlsafe(32),
            "DOORBRAAK_ALLOWED_HOSTS": "127.0.0.1",
            "DOORBRAAK_DATA_DIR": str(werkmap),
            "DOORBRAAK_LOG_LEVEL": "WARNING",
            "DOORBRAAK_TWEEDE_FACTOR": "0",
        }
        run.doorbraak(omgeving, "migrate", "--noinput", "-v0")
        run.doorbraak(
            omgeving, "genereer", "--huishoudens", str(run.HUISHOUDENS), "--seed", str(run.SEED),
            "--wachtwoord", wachtwoord, timeout=1800,
        )  # fmt: skip
        run.doorbraak(omgeving, "collectstatic", "--noinput", "-v0")
        run.doorbraak(omgeving, "leesmodel", timeout=1800)
        with run.verbind(url) as conn:
            ids = [str(r[0]) for r in conn.execute("SELECT id FROM casussen_casus ORDER BY id")]
        poort = run.vrije_poort()
        basis = f"http://127.0.0.1:{poort}"
        gunicorn = run.gunicorn_start(omgeving, poort, werkmap / "gunicorn.log")
        run.wacht_op_gezondheid(basis, gunicorn, werkmap / "gunicorn.log")
        token = run.token_ophalen(basis, wachtwoord)
        dossier = werkmap / "dossier.lua"
        dossier.write_text(run.lua_dossier(ids, token), encoding="utf-8")
        kaal = werkmap / "kaal.lua"
        kaal.write_text(run.LUA_RESULTAAT, encoding="utf-8")

        def meet(script: Path, u: str, c: int, s: int) -> dict:
            return run.wrk(pad_wrk, script, u, c, s)

        uitslag = {}
        for naam, script, u in (
            ("kaal", kaal, f"{basis}/gezondheid/leeft"),
            ("dossier-api", dossier, basis),
        ):
            meet(script, u, min(run.VERBINDINGEN), run.OPWARMEN)
            uitslag[naam] = {str(c): meet(script, u, c, run.SECONDEN) for c in run.VERBINDINGEN}
        for naam, ep in meten(
            basis=basis, werkmap=werkmap, ids=ids, gebruiker=run.GEBRUIKER, wachtwoord=wachtwoord,
            seed=run.SEED, lua_resultaat=run.LUA_RESULTAAT, wrk=meet,
            verbindingen=run.VERBINDINGEN, seconden=run.SECONDEN, opwarmen=run.OPWARMEN,
            meld=run.meld,
        ).items():  # fmt: skip
            uitslag[naam] = ep["runs"]
        print(f"\nIndicatief ({run.HUISHOUDENS} huishoudens, {run.SECONDEN} s per meting):")
        for naam, runs in uitslag.items():
            for c, m in runs.items():
                print(
                    f"  {naam:14} c={c:>3}: {m['rps']:7.0f} req/s  p50 {m['p50_ms']:6.1f} ms  "
                    f"p95 {m['p95_ms']:6.1f} ms  non-2xx {m['non_2xx']}"
                )
        return 0
    finally:
        if gunicorn is not None:
            run.gunicorn_stop(gunicorn)
        run.pg_stop(pgdir)
        shutil.rmtree(pgdir, ignore_errors=True)
        shutil.rmtree(werkmap, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
