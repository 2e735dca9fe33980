"""Rendered page parts kept by the version of what they show: the dossier page renders its
content once per change of the case instead of on every read.

How it works
------------
A view asks a cheap selector for the *stand* of what the page shows (for the dossier: the read
model's `DossierLeesmodel.versie`, raised in the writer's transaction by every change of the
case or its household, and the number of timeline entries), and builds a key from it with
`sleutel(...)`: the stand, the language, today's date and the variant the viewer sees (for the
dossier: may they work on the case, may they add notes). `ophalen(key)` answers the rendered part
or None. On a hit the view passes it as `paginadeel` and runs none of the page's other queries;
on a miss it builds its whole context as before and passes the key as `paginasleutel`. In the
template the part is wrapped in

    {% load paginacache %}{% paginadeel %} ... {% endpaginadeel %}

which prints the cached part on a hit, and on a miss renders its contents, stores them under the
key and prints them. Without a key (a form shown again with its errors, an unversioned case)
the contents are simply rendered.

Per-request content: `{% csrf_token %}` may stand inside the part: it is stored as a placeholder
and replaced by the viewer's own token on every response, so no token is ever shared. Anything
else that differs per request (messages, the menu, the viewer's name, a bound form) stays
outside the part, or goes into the key's variant.

Plugging in (a section added to the dossier page): put it inside `{% paginadeel %}`, compute its
data in the view's context builder (only run on a miss), and make sure a change of that data
raises the case's version, which it does when the writing service logs the change through
`audit.services.leg_vast` with the case or household (invariant 6), as every service does.
Data that changes without such a log entry (a list of colleagues, a time-dependent figure other
than a date) either goes into the key's variant or stays outside the part.

Two tiers: the `paginas` alias in settings.CACHES (memory per process by default, bounded;
shared between processes with DOORBRAAK_PAGINACACHE_URL: redis://, memcached://, dbcache://),
and, for a part with a `Plek`, the database (web.models.Dossierpagina: one row per case,
language and variant, shared by every process and kept across restarts). A part missing from the
first is looked up in the second by its exact key; a rendered part goes into both. The
background job `web.paginabouw.bijwerken` renders a row again once the case changed, the
release changed or the day turned, so that the next reader finds it ready.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

ALIAS = "paginas"
BEWAARTIJD = 3600  # seconds: a kept part (personal data) outlives no change by more than this


@functools.cache
def release() -> str:
    """Part of every key: the installed version and a digest of the code, templates and
    translations, so a part kept in a shared cache is never served by a release whose pages
    look different. Read once per process."""
    versie = ""
    with contextlib.suppress(metadata.PackageNotFoundError):  # always installed in practice
        versie = metadata.version("doorbraak")
    return digest_van(Path(__file__).resolve().parent.parent, versie)


def digest_van(pakket: Path, versie: str) -> str:
    """A page part is drawn from far outside the web app (summaries, formatting, the rules, the
    models), so every source file counts; tests and migrations do not render anything."""
    digest = hashlib.sha256(versie.encode())
    bestanden = [*pakket.rglob("*.py"), *pakket.rglob("*.html"), *pakket.glob("locale/**/*.mo")]
    for pad in sorted(bestanden):
        relatief = pad.relative_to(pakket)
        if {"tests", "migrations"} & set(relatief.parts[:-1]):
            continue
        digest.update(relatief.as_posix().encode() + b"\0" + pad.read_bytes())
    return digest.hexdigest()[:12]


@functools.cache
def plaatshouder() -> str:
    """Stands for the CSRF token in a stored part. Derived from the secret key, so the same in
    every process (a shared cache) and unknown to whoever types text that a page shows."""
    return _afgeleid("csrf", "paginadeel")


@functools.cache
def nonce_plaatshouder() -> str:
    """Stands for the CSP nonce in a kept whole page (web.bewaarde_pagina), as `plaatshouder`
    for the token."""
    return _afgeleid("nonce", "nonce")


def _afgeleid(voorvoegsel: str, doel: str) -> str:
    return voorvoegsel + hashlib.sha256(f"{settings.SECRET_KEY}:{doel}".encode()).hexdigest()[:32]


def sleutel(pagina: str, *stand: object, variant: tuple = ()) -> str | None:
    """The key of a page part: None (never cached) when a part of the stand is unknown."""
    if any(s is None for s in stand):
        return None
    delen = [
        pagina,
        release(),
        taal(),
        timezone.localdate().isoformat(),
        *(str(s) for s in stand),
    ]
    return ":".join([*delen, variant_tekst(variant)] if variant else delen)


def variant_tekst(variant: tuple) -> str:
    """The viewer's variant as the key and the database row write it: `(True, False)` → '1:0'."""
    return ":".join(str(int(v)) if isinstance(v, bool) else str(v) for v in variant)


@dataclass(frozen=True)
class Plek:
    """Where a part is kept in the database: its case, the viewer's variant (as in the key), the
    viewer it was rendered for (the background job renders it again as them) and the case's
    version in the key."""

    gemeente_id: Any
    casus_id: Any
    variant: tuple
    medewerker_id: Any
    versie: int

    @property
    def variant_tekst(self) -> str:
        return variant_tekst(self.variant)


def taal() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def ophalen(sleutel: str | None, plek: Plek | None = None) -> str | None:
    """The part kept under `sleutel`: from this process's cache, else (with a `plek`) from the
    database row of its case and variant when that row holds exactly this key."""
    if sleutel is None:
        return None
    inhoud = caches[ALIAS].get(sleutel)
    if inhoud is None and plek is not None:
        inhoud = _uit_database(sleutel, plek)
        if inhoud is not None:
            caches[ALIAS].set(sleutel, inhoud, BEWAARTIJD)
    return inhoud


def bewaren(sleutel: str, inhoud: str, plek: Plek | None = None) -> None:
    caches[ALIAS].set(sleutel, inhoud, BEWAARTIJD)
    if plek is not None:
        _in_database(sleutel, inhoud, plek)


@functools.cache
def _ophaal_sql() -> str:
    from doorbraak.web.models import Dossierpagina

    return (
        f"SELECT inhoud FROM {connection.ops.quote_name(Dossierpagina._meta.db_table)} "  # noqa: S608
        "WHERE gemeente_id = %s AND casus_id = %s AND taal = %s AND variant = %s AND sleutel = %s"
    )


def _uit_database(sleutel: str, plek: Plek) -> str | None:
    from doorbraak.web.models import Dossierpagina

    veld = Dossierpagina._meta.get_field
    gemeente_id = veld("gemeente").get_db_prep_value(plek.gemeente_id, connection)
    casus_id = veld("casus").get_db_prep_value(plek.casus_id, connection)
    with connection.cursor() as cursor:
        cursor.execute(_ophaal_sql(), [gemeente_id, casus_id, taal(), plek.variant_tekst, sleutel])
        rij = cursor.fetchone()
    return rij[0] if rij else None


def _in_database(sleutel: str, inhoud: str, plek: Plek) -> None:
    """One statement: the row of this case, language and variant now holds this part."""
    from doorbraak.web.models import Dossierpagina

    rij = Dossierpagina(
        gemeente_id=plek.gemeente_id,
        casus_id=plek.casus_id,
        taal=taal(),
        variant=plek.variant_tekst,
        sleutel=sleutel,
        release=release(),
        datum=timezone.localdate(),
        versie=plek.versie,
        medewerker_id=plek.medewerker_id,
        inhoud=inhoud,
        bijgewerkt_op=timezone.now(),
    )
    velden = ["sleutel", "release", "datum", "versie", "medewerker", "inhoud", "bijgewerkt_op"]
    Dossierpagina.objects.bulk_create(
        [rij],
        update_conflicts=True,
        unique_fields=["gemeente", "casus", "taal", "variant"],
        update_fields=velden,
    )


def met_token(inhoud: str, csrf_token: object) -> SafeString:
    """The stored part with the viewer's CSRF token where the placeholder stands."""
    return mark_safe(inhoud.replace(plaatshouder(), str(csrf_token)))  # noqa: S308 - rendered HTML
