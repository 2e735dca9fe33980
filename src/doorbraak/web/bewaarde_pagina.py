"""A whole page rendered once per key and kept per process: the worklist, which a professional
opens many times a day with nothing changed. Rendering it (the layout, the context processors,
the kept parts looked up one by one) was a quarter of its CPU (issue 19); its reads and their
log entries still run on every request.

The view gives the key of what its own content shows (`sleutel`: the worklist's kept parts'
keys, which name every row, count and choice shown) or None (never kept: a name being searched
for). The page adds what the layout (`web/base.html`) shows of the request and the viewer:
the full address (the language form's `next`), the viewer's id, name, roles and gemeente, the
gemeente's huisstijl, the language and the URL configuration. A pending message (shown once)
means the page is rendered as usual. What differs per response is filled in each time: the
viewer's CSRF token and the CSP nonce (each kept as a placeholder derived from the secret key).

Whatever `base.html` comes to show of the viewer or the request belongs in `_van_de_laag`;
`web/tests/test_bewaarde_pagina.py` holds a kept page to Django's own rendering of it for
another viewer, roles, name, gemeente, huisstijl, language, address and message."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation

from doorbraak.web import paginacache
from doorbraak.web.bewaard import Voorraad
from doorbraak.web.context import huisstijl

_bewaard = Voorraad(256)  # pages kept per process


def pagina(
    request: HttpRequest, template_naam: str, context: dict, *, sleutel: tuple | None
) -> HttpResponse:
    """`render(request, template_naam, context)`, from the kept page when its key is known."""
    volledig = _sleutel(request, template_naam, sleutel)
    if volledig is None:
        return render(request, template_naam, context)
    inhoud = _bewaard.get(volledig)
    if inhoud is None:
        inhoud = _bewaard.bewaar(
            volledig,
            render_to_string(
                template_naam,
                {
                    **context,
                    # in the place of the context processors' own (csrf, csp's nonce)
                    "csrf_token": paginacache.plaatshouder(),
                    "CSP_NONCE": paginacache.nonce_plaatshouder(),
                },
                request,
            ),
        )
    return HttpResponse(_ingevuld(inhoud, request))


def vergeten() -> None:
    """Forget every kept page (tests; a page's content never goes stale, its key names it)."""
    _bewaard.clear()


def _sleutel(request: HttpRequest, template_naam: str, sleutel: tuple | None) -> tuple | None:
    if sleutel is None or len(messages.get_messages(request)):
        return None
    laag = _van_de_laag(request)
    return None if laag is None else (template_naam, sleutel, *laag)


def _van_de_laag(request: HttpRequest) -> tuple | None:
    """What the layout shows of the request and the viewer (None: not signed in)."""
    gebruiker = getattr(request, "user", None)
    if gebruiker is None or not gebruiker.is_authenticated:
        return None
    gemeente = gebruiker.gemeente
    return (
        request.get_full_path(),
        gebruiker.pk,
        gebruiker.naam,
        tuple(sorted(gebruiker.rollen or ())),
        str(gemeente) if gemeente is not None else "",
        tuple(sorted(huisstijl(request).items())),
        translation.get_language(),
        get_script_prefix(),
        str(get_urlconf()),
    )


def _ingevuld(inhoud: str, request: HttpRequest) -> str:
    """The kept page with this response's CSRF token and nonce; asking for them sets the CSRF
    cookie and the nonce in the CSP header, as rendering the page does."""
    if paginacache.plaatshouder() in inhoud:
        inhoud = paginacache.met_token(inhoud, get_token(request))
    nonce = paginacache.nonce_plaatshouder()
    if nonce in inhoud:
        inhoud = inhoud.replace(nonce, str(getattr(request, "csp_nonce", "")))
    return inhoud
