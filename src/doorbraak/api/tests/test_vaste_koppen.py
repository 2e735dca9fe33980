"""Headers worked out once per process (issue 19) are the ones the libraries would have given:
the CSP of django-csp, Django's never-cache headers, the request metrics' series."""

import re

import pytest
from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import path, resolve
from django.utils.cache import add_never_cache_headers
from prometheus_client import REGISTRY

from doorbraak.config.beveiliging import GeenOpslagMiddleware, VastBeleidCSPMiddleware

pytestmark = pytest.mark.django_db


def test_api_antwoord_draagt_het_beleid_van_django_csp(api):
    antwoord = api.get("/api/v1/casussen")
    assert antwoord.status_code == 200
    assert antwoord[HEADER] == build_policy()
    assert "nonce-" not in antwoord[HEADER]


def test_antwoord_met_nonce_krijgt_zijn_eigen_beleid():
    """A response whose page used the nonce (the layout's style tokens) goes through django-csp:
    its header names that nonce, a new one per request."""

    def pagina(verzoek):
        return HttpResponse(f'<style nonce="{verzoek.csp_nonce}"></style>')

    middleware = VastBeleidCSPMiddleware(pagina)
    koppen = []
    for _ in range(2):
        verzoek = RequestFactory().get("/casussen")
        antwoord = middleware(verzoek)
        nonce = re.search(r"'nonce-([^']+)'", antwoord[HEADER]).group(1)
        assert f'nonce="{nonce}"' in antwoord.content.decode()
        koppen.append(antwoord[HEADER])
    assert koppen[0] != koppen[1]


@pytest.mark.parametrize("kenmerk", ["_csp_update", "_csp_replace", "_csp_config"])
def test_eigen_beleid_van_een_view_gaat_via_django_csp(kenmerk):
    """A view's own policy (django-csp's decorators) is built by django-csp, as before."""
    eigen = {"img-src": ["https://kaart.example"]}
    verzoek = RequestFactory().get("/api/v1/casussen")
    antwoorden = []
    for klasse in (VastBeleidCSPMiddleware, CSPMiddleware):
        antwoord = HttpResponse()
        setattr(antwoord, kenmerk, eigen)
        antwoorden.append(klasse(lambda r, a=antwoord: a)(verzoek))
    assert antwoorden[0][HEADER] == antwoorden[1][HEADER]
    assert "https://kaart.example" in antwoorden[0][HEADER]


def test_uitgezonderd_antwoord_zonder_beleid():
    antwoord = HttpResponse()
    antwoord._csp_exempt = True
    uit = VastBeleidCSPMiddleware(lambda r: antwoord)(RequestFactory().get("/api/v1/casussen"))
    assert HEADER not in uit


def test_gewijzigd_beleid_in_de_instellingen_geldt_meteen(api, settings):
    api.get("/api/v1/casussen")  # the policy kept
    beleid = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**beleid["DIRECTIVES"], "img-src": ["'self'", "https://kaart.example"]}
    }
    assert "https://kaart.example" in api.get("/api/v1/casussen")[HEADER]


def test_nooit_bewaren_zoals_django_het_schrijft():
    """Without headers of its own: exactly Django's add_never_cache_headers; with a
    Cache-Control of the view's: merged by Django, max-age brought to 0."""
    verzoek = RequestFactory().get("/api/v1/casussen")
    eigen, django = HttpResponse(), HttpResponse()
    GeenOpslagMiddleware(lambda r: eigen)(verzoek)
    add_never_cache_headers(django)
    assert eigen["Cache-Control"] == django["Cache-Control"]
    assert "no-store" in eigen["Cache-Control"] and "private" in eigen["Cache-Control"]
    assert eigen["Expires"]
    bewaard = HttpResponse()
    bewaard["Cache-Control"] = "public, max-age=600"
    uit = GeenOpslagMiddleware(lambda r: bewaard)(verzoek)["Cache-Control"]
    assert "no-store" in uit and "max-age=0" in uit and "max-age=600" not in uit


def test_expires_is_de_datum_van_deze_seconde_een_keer_per_seconde_opgemaakt(monkeypatch):
    """Expires is Django's http_date of now; within one second every response carries the same
    date, written once; the next second gets its own."""
    from django.utils.http import http_date

    from doorbraak.config import beveiliging

    nu, opgemaakt = [1_800_000_000.25], []
    monkeypatch.setattr(beveiliging.time, "time", lambda: nu[0])
    monkeypatch.setattr(beveiliging, "http_date", lambda t: opgemaakt.append(t) or http_date(t))
    beveiliging._http_datum.cache_clear()
    verzoek = RequestFactory().get("/api/v1/casussen")
    middleware = GeenOpslagMiddleware(lambda r: HttpResponse())
    eerste = [middleware(verzoek)["Expires"] for nu[0] in (1_800_000_000.25, 1_800_000_000.9)]
    nu[0] = 1_800_000_001.1
    volgende = middleware(verzoek)["Expires"]
    assert eerste == [http_date(1_800_000_000)] * 2
    assert volgende == http_date(1_800_000_001)
    assert len(opgemaakt) == 2  # once per second


def waarde(methode: str) -> float:
    route = resolve("/api/v1/casussen").view_name
    return (
        REGISTRY.get_sample_value(
            "doorbraak_http_verzoeken_total",
            {"route": route, "methode": methode, "status": "4xx"},
        )
        or 0.0
    )


def test_verzonnen_methode_telt_als_een_reeks(api):
    voor = waarde("ANDERS")
    for methode in ("FOO", "BAR", "QUUX"):
        assert api.generic(methode, "/api/v1/casussen").status_code == 405
    assert waarde("ANDERS") == voor + 3
    assert waarde("FOO") == 0.0


urlpatterns = i18n_patterns(path("pagina", lambda r: HttpResponse("x")))  # test_taal_in_url


@pytest.mark.parametrize("pad", ["/api/v1/casussen", "/casussen", "/en/casussen", "/bestaat-niet"])
@pytest.mark.parametrize(
    "koppen",
    [
        {},
        {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"},
        {"HTTP_ACCEPT_LANGUAGE": "fr, de;q=0.5"},
        {"HTTP_ACCEPT_LANGUAGE": "nl"},
        {"HTTP_COOKIE": "django_language=en", "HTTP_ACCEPT_LANGUAGE": "nl"},
    ],
)
@pytest.mark.parametrize("status", [200, 404])
def test_taal_zoals_django_localemiddleware(pad, koppen, status):
    """config.taal gives what Django's LocaleMiddleware gives (no URL has a language prefix
    here): the active language, request.LANGUAGE_CODE, Vary and Content-Language, also beside
    a Vary and a Content-Language of the view's own."""
    from django.middleware.locale import LocaleMiddleware
    from django.utils import translation

    from doorbraak.config.taal import TaalMiddleware

    uit = []
    for klasse in (TaalMiddleware, LocaleMiddleware):
        for eigen in ({}, {"Vary": "Cookie", "Content-Language": "de"}):

            def view(verzoek, eigen=eigen):
                antwoord = HttpResponse(translation.get_language(), status=status)
                for naam, waarde in eigen.items():
                    antwoord[naam] = waarde
                return antwoord

            verzoek = RequestFactory().get(pad, **koppen)
            antwoord = klasse(view)(verzoek)
            uit.append(
                (
                    klasse is TaalMiddleware,
                    bool(eigen),
                    verzoek.LANGUAGE_CODE,
                    antwoord.status_code,
                    antwoord.content,
                    sorted(antwoord.items()),
                )
            )
            translation.deactivate()
    assert [u[1:] for u in uit[:2]] == [u[1:] for u in uit[2:]]


def test_taal_in_url_gaat_via_django():
    """With language prefixes in the URLs (i18n_patterns), Django's own code runs: its
    redirect to the prefixed path."""
    from doorbraak.config.taal import TaalMiddleware

    verzoek = RequestFactory().get("/pagina", HTTP_ACCEPT_LANGUAGE="en")
    verzoek.urlconf = __name__
    antwoord = TaalMiddleware(lambda r: HttpResponse(status=404))(verzoek)
    assert antwoord.status_code == 302 and antwoord["Location"] == "/en/pagina"


@pytest.mark.parametrize(
    "waarde",
    [
        "1.0.0",
        "no-cache, no-store, must-revalidate, private",
        build_policy(),
        "abc-123_x.Y",
        "café",  # latin-1: Django keeps it, but not printable ASCII: the long way
        "prijs €",  # MIME-encoded by Django
        "regel\nnieuw",  # refused by Django
        "",
    ],
)
def test_kop_zetten_zoals_django(waarde):
    """Where `ongewijzigde_kop` allows the short way, it stores what Django's own
    `response[naam] = waarde` stores; everything else it sends the long way."""
    from django.http import BadHeaderError

    from doorbraak.config.middleware import kop_zetten, ongewijzigde_kop

    django = HttpResponse()
    try:
        django["X-Kop"] = waarde
    except BadHeaderError:
        assert not ongewijzigde_kop(waarde)
        return
    if not ongewijzigde_kop(waarde):
        assert not waarde.isascii() or django["X-Kop"] != waarde
        return
    eigen = HttpResponse()
    kop_zetten(eigen, "X-Kop", waarde)
    assert list(eigen.items()) == list(django.items())
    assert eigen.has_header("x-kop") and eigen.serialize_headers() == django.serialize_headers()


@pytest.mark.parametrize(
    ("aangeleverd", "bewaard"),
    [("abc-123", True), ("met spatie", False), ("x" * 65, False), ("", False)],
)
def test_request_id_kop(aangeleverd, bewaard):
    from doorbraak.config.middleware import RequestIdMiddleware

    verzoek = RequestFactory().get("/api/v1/casussen", HTTP_X_REQUEST_ID=aangeleverd)
    antwoord = RequestIdMiddleware(lambda r: HttpResponse())(verzoek)
    assert (antwoord["X-Request-ID"] == aangeleverd) is bewaard
    assert re.fullmatch(r"[A-Za-z0-9._-]{1,64}", antwoord["X-Request-ID"])
    assert antwoord.serialize_headers().count(b"X-Request-ID") == 1


def test_request_id_met_regeleinde_wordt_vervangen_geen_serverfout(api):
    """A client's id with a trailing newline (which `$` in a regex lets through) is not taken
    over: before, Django refused it as a header value after the view had run, a 500 that any
    client could cause."""
    antwoord = api.get("/api/v1/casussen", HTTP_X_REQUEST_ID="abc\n")
    assert antwoord.status_code == 200
    assert re.fullmatch(r"[0-9a-f]{32}", antwoord["X-Request-ID"])


def test_api_versie_buiten_ascii_de_lange_weg(api, settings):
    settings.API_VERSION = "1.0.0-é"
    assert api.get("/api/v1/casussen")["API-Version"] == "1.0.0-é"


@pytest.mark.parametrize(
    "accept",
    [
        None,
        "",
        "application/json",
        "application/json; indent=4",
        "text/html, */*;q=0.1",
        "application/xml",
        "x" * 5000 + ",application/json",
        ",,, application/json ,",
    ],
)
def test_onderhandeling_leest_accept_zoals_drf(accept):
    """Accept from META gives DRF's own token list (its limits included) and the same renderer."""
    from rest_framework.negotiation import DefaultContentNegotiation
    from rest_framework.renderers import JSONRenderer
    from rest_framework.request import Request

    from doorbraak.api.onderhandeling import Onderhandeling

    extra = {} if accept is None else {"HTTP_ACCEPT": accept}
    uit = []
    for klasse in (Onderhandeling, DefaultContentNegotiation):
        verzoek = Request(RequestFactory().get("/api/v1/casussen", **extra))
        lijst = klasse().get_accept_list(verzoek)
        try:
            renderer, media = klasse().select_renderer(verzoek, [JSONRenderer()])
            uit.append((lijst, type(renderer), media))
        except Exception as fout:  # the same refusal on both
            uit.append((lijst, type(fout)))
    assert uit[0] == uit[1]


def test_taal_een_keer_uitgezocht_per_cookie_en_accept_language(monkeypatch, settings):
    """config.taal asks Django's get_language_from_request once per pair of language cookie and
    Accept-Language (a pure function of the two for the settings), not once per request; another
    pair, or changed LANGUAGES, is worked out anew."""
    from django.utils import translation

    from doorbraak.config import taal

    gevraagd = []
    echt = translation.get_language_from_request
    monkeypatch.setattr(
        translation,
        "get_language_from_request",
        lambda *a, **k: gevraagd.append(1) or echt(*a, **k),
    )
    taal.gevraagde_taal.cache_clear()
    middleware = taal.TaalMiddleware(lambda r: HttpResponse(translation.get_language()))

    def antwoord(**koppen):
        uit = middleware(RequestFactory().get("/api/v1/casussen", **koppen))
        translation.deactivate()
        return uit.content.decode(), uit["Content-Language"]

    for _ in range(3):
        assert antwoord(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9") == ("en", "en")
    assert len(gevraagd) == 1
    assert antwoord(HTTP_COOKIE="django_language=nl", HTTP_ACCEPT_LANGUAGE="en") == ("nl", "nl")
    assert antwoord() == ("nl", "nl")
    assert len(gevraagd) == 3
    settings.LANGUAGES = [("nl", "Nederlands")]
    assert antwoord(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9") == ("nl", "nl")


@pytest.mark.parametrize("pad", ["/api/v1/casussen", "/kaart/tegel", "/casussen"])
@pytest.mark.parametrize(
    "instellingen",
    [
        {},
        {"CONTENT_SECURITY_POLICY": {"EXCLUDE_URL_PREFIXES": ["/kaart"]}},
        {"CONTENT_SECURITY_POLICY_REPORT_ONLY": {"DIRECTIVES": {"img-src": ["'self'"]}}},
        {
            "CONTENT_SECURITY_POLICY_REPORT_ONLY": {
                "EXCLUDE_URL_PREFIXES": ["/api/"],
                "DIRECTIVES": {"default-src": ["'none'"]},
            }
        },
        {"CONTENT_SECURITY_POLICY": None},
    ],
)
def test_csp_koppen_zoals_django_csp(pad, instellingen, settings):
    """The policy kept per process gives django-csp's own headers, also with a report-only
    policy, prefixes left out or no policy, and as soon as the settings change."""
    for naam, waarde in instellingen.items():
        if naam == "CONTENT_SECURITY_POLICY" and waarde:
            waarde = {**settings.CONTENT_SECURITY_POLICY, **waarde}
        setattr(settings, naam, waarde)
    uit = []
    for klasse in (VastBeleidCSPMiddleware, CSPMiddleware):
        antwoord = klasse(lambda r: HttpResponse())(RequestFactory().get(pad))
        uit.append(sorted(antwoord.items()))
    assert uit[0] == uit[1]
