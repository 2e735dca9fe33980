"""The headers of a response, pinned name by name and in their order, through the short stack
of a token request and the full stack of a session (config.tokenpad): a dossier read, an API
404, 401, 400 and 500, a page, a page 404, with and without a language of the client's. The
middleware produces them for every request; a change in a layer that drops, adds, reorders or
rewrites one shows here (issue 19: the layers made cheaper, not different)."""

import re
import time

import pytest
from csp.utils import build_policy
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client, RequestFactory
from django.utils.http import parse_http_date
from knox.models import AuthToken

pytestmark = pytest.mark.django_db

# What every API response carries from Django's SecurityMiddleware, in the order it comes last.
BEVEILIGING = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
]
GEEN_OPSLAG = [
    ("Expires", "<datum>"),
    ("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private"),
]
ALLOW = ("Allow", "GET, PATCH, HEAD, OPTIONS")


def _api(inhoud: str, taal: str, vary: str, *, allow=True, opslag=True, extra=()) -> list:
    return [
        ("Content-Type", inhoud),
        *extra,
        *([ALLOW] if allow else []),
        *(GEEN_OPSLAG if opslag else []),
        *([("Content-Security-Policy", "<beleid>")] if opslag else []),
        ("API-Version", "1.0.0"),
        ("X-Frame-Options", "DENY"),
        ("Content-Length", "<lengte>"),
        ("Vary", vary),
        ("Content-Language", taal),
        ("X-Request-ID", "<id>"),
        *BEVEILIGING,
    ]


def _pagina(*, ingelogd: bool, nietgevonden: bool = False) -> list:
    vary = [("Vary", "Cookie, Accept-Language")]
    return [
        ("Content-Type", "text/html; charset=utf-8"),
        *(vary if nietgevonden else []),
        *(GEEN_OPSLAG if ingelogd else []),
        ("Content-Security-Policy", "<beleid>"),
        ("X-Frame-Options", "DENY"),
        *([] if nietgevonden else vary),
        ("Content-Length", "<lengte>"),
        ("Content-Language", "nl"),
        ("X-Request-ID", "<id>"),
        *BEVEILIGING,
        ("Set-Cookie", "<csrftoken>; Max-Age=31449600; Path=/; SameSite=Lax"),
    ]


JSON, PROBLEM = "application/json", "application/problem+json"
VERWACHT = {
    "dossier met token": (200, _api(JSON, "nl", "Accept-Language")),
    "dossier met token, Engels": (200, _api(JSON, "en", "Accept-Language")),
    "dossier met sessie": (200, _api(JSON, "nl", "Accept-Language, Cookie")),
    "dossier met sessie, taalcookie": (200, _api(JSON, "en", "Accept-Language, Cookie")),
    "API 404 met token": (404, _api(PROBLEM, "nl", "Accept-Language")),
    "API 404 met sessie": (404, _api(PROBLEM, "nl", "Accept-Language, Cookie")),
    "API 401": (
        401,
        _api(PROBLEM, "nl", "Accept-Language", extra=[("WWW-Authenticate", "Token")]),
    ),
    # refused by the NUL check, which comes before the CSP and no-store layers
    "API 400 NUL-teken": (400, _api(PROBLEM, "nl", "Accept-Language", allow=False, opslag=False)),
    "pagina": (200, _pagina(ingelogd=True)),
    "pagina anoniem": (200, _pagina(ingelogd=False)),
    "pagina 404": (404, _pagina(ingelogd=True, nietgevonden=True)),
    "pagina 404 anoniem": (404, _pagina(ingelogd=False, nietgevonden=True)),
    "API 500 met token": (500, _api(PROBLEM, "nl", "Accept-Language", allow=False)),
    "API 500 met sessie": (500, _api(PROBLEM, "nl", "Accept-Language, Cookie", allow=False)),
}


def _koppen(app, pad: str, **koppen) -> tuple[int, list]:
    """Status and headers as the WSGI server gets them, with what differs per response (the
    request id, the date, the length of the body, the CSRF cookie's value) checked apart."""
    environ = RequestFactory().get(pad, **koppen).environ
    status, ontvangen = [], []

    def start_response(regel, headers, exc_info=None):
        status.append(regel)
        ontvangen.extend(headers)

    voor = int(time.time())
    b"".join(app(environ, start_response))
    uit = []
    for naam, waarde in ontvangen:
        if naam == "X-Request-ID":
            assert re.fullmatch(r"[0-9a-f]{32}", waarde), waarde
            waarde = "<id>"
        elif naam == "Expires":
            assert voor <= parse_http_date(waarde) <= time.time(), waarde
            waarde = "<datum>"
        elif naam == "Content-Length":
            assert waarde.isdigit()
            waarde = "<lengte>"
        elif naam == "Content-Security-Policy":
            assert waarde == build_policy()
            waarde = "<beleid>"
        elif naam == "Set-Cookie":
            waarde = re.sub(r"^ csrftoken=\w{32}; expires=[^;]+ GMT", "<csrftoken>", waarde)
        uit.append((naam, waarde))
    return int(status[0][:3]), uit


def test_koppen_van_elk_soort_antwoord_vastgelegd(verdeler, regisseur, maak_casus, monkeypatch):
    from doorbraak.casussen.api import CasusView

    casus = maak_casus(regisseur)
    _, sleutel = AuthToken.objects.create(regisseur)
    browser = Client()
    browser.force_login(regisseur)
    sessie = "; ".join(f"{naam}={c.value}" for naam, c in browser.cookies.items())
    token = {"HTTP_AUTHORIZATION": f"Token {sleutel}"}
    metsessie = {"HTTP_COOKIE": sessie}
    dossier, onbekend = (
        f"/api/v1/casussen/{casus.pk}",
        "/api/v1/casussen/00000000-0000-0000-0000-000000000000",
    )
    gevallen = {
        "dossier met token": (dossier, token),
        "dossier met token, Engels": (dossier, {**token, "HTTP_ACCEPT_LANGUAGE": "en"}),
        "dossier met sessie": (dossier, metsessie),
        "dossier met sessie, taalcookie": (
            dossier,
            {"HTTP_COOKIE": f"{sessie}; django_language=en", "HTTP_ACCEPT_LANGUAGE": "nl"},
        ),
        "API 404 met token": (onbekend, token),
        "API 404 met sessie": (onbekend, metsessie),
        "API 401": (dossier, {"HTTP_AUTHORIZATION": "Token fout"}),
        "API 400 NUL-teken": ("/api/v1/casussen?status=%00", token),
        "pagina": ("/casussen", metsessie),
        "pagina anoniem": ("/toegankelijkheid", {}),
        "pagina 404": ("/bestaat-niet", metsessie),
        "pagina 404 anoniem": ("/bestaat-niet", {}),
        "API 500 met token": (dossier, token),
        "API 500 met sessie": (dossier, metsessie),
    }
    assert gevallen.keys() == VERWACHT.keys()
    for naam, (pad, koppen) in gevallen.items():
        if naam.startswith("API 500"):
            # the view's way and the token stack's way to it (without DRF's dispatch) alike
            monkeypatch.setattr(CasusView, "dispatch", _stuk)
            monkeypatch.setattr(CasusView, "direct", _stuk)
        assert _koppen(verdeler, pad, **koppen) == VERWACHT[naam], naam
        if "HTTP_AUTHORIZATION" in koppen:  # the same request through the full stack
            status, verwacht = VERWACHT[naam]
            verwacht = [(k, _met_cookie(w) if k == "Vary" else w) for k, w in verwacht]
            assert _koppen(WSGIHandler(), pad, **koppen) == (status, verwacht), naam


def _met_cookie(vary: str) -> str:
    """The full stack's session middleware adds Cookie to Vary (the session was looked at)."""
    return f"{vary}, Cookie"


def _stuk(*_args, **_kwargs):
    raise RuntimeError("een fout in de view")
