"""Token requests to the API through the short middleware stack (config.tokenpad): the same
answers, headers and processing-log entries as through the full stack, and everything else
(pages, a session cookie, another header) through the full stack."""

import json
import uuid

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from django.utils.http import parse_http_date
from knox.models import AuthToken

from doorbraak.audit.models import Verwerking
from doorbraak.config import tokenpad

pytestmark = pytest.mark.django_db

# Headers whose value must be the same on both stacks (X-Request-ID differs per request, and
# Expires is the moment of the response, in whole seconds: compared apart).
VASTE_KOPPEN = (
    "Content-Type",
    "Cache-Control",
    "API-Version",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Content-Security-Policy",
    "X-Doorbraak-Lezen",
)


def verzoek(app, methode, pad, *, token=None, cookie=None, data=None):
    extra = {}
    if token:
        extra["HTTP_AUTHORIZATION"] = f"Token {token}"
    if cookie:
        extra["HTTP_COOKIE"] = cookie
    inhoud = json.dumps(data) if data is not None else ""
    environ = (
        RequestFactory()
        .generic(methode, pad, inhoud, content_type="application/json", **extra)
        .environ
    )
    status, koppen = [], []

    def start_response(regel, headers, exc_info=None):
        status.append(regel)
        koppen.extend(headers)

    body = b"".join(app(environ, start_response))
    return int(status[0][:3]), dict(koppen), body


def test_de_korte_stack_laat_alleen_de_sessiemiddleware_weg():
    assert tokenpad.ALLEEN_VOOR_SESSIES.issubset(settings.MIDDLEWARE)  # a rename is noticed
    kort = tokenpad.korte_stack()
    assert kort == [m for m in settings.MIDDLEWARE if m not in tokenpad.ALLEEN_VOOR_SESSIES]
    for nodig in (
        "django.middleware.security.SecurityMiddleware",
        "doorbraak.api.middleware.ApiVersionMiddleware",
        "doorbraak.api.middleware.NulTekenMiddleware",
        "doorbraak.config.beveiliging.VastBeleidCSPMiddleware",
        "doorbraak.config.beveiliging.GeenOpslagMiddleware",
        "doorbraak.config.metrieken.MetriekenMiddleware",
    ):
        assert nodig in kort
    # the table's gate for pages lets every /api/ path through: no layer of its own here
    assert "doorbraak.organisaties.toegangspoort.TabelMiddleware" not in kort


def test_zonder_replica_geen_replicalaag(settings):
    """Without a replica the routing middleware is left out of both chains (MiddlewareNotUsed),
    not run as a layer that passes every request on."""
    from doorbraak.replica.middleware import ReplicaMiddleware

    assert "replica" not in settings.DATABASES
    for handler in (WSGIHandler(), tokenpad.TokenHandler()):
        lagen = [m.__self__ for m in handler._view_middleware]  # loaded when the handler is made
        assert not [laag for laag in lagen if isinstance(laag, ReplicaMiddleware)]


def test_welke_verzoeken_de_korte_stack_nemen():
    def environ(pad="/api/v1/casussen", **extra):
        return {"PATH_INFO": pad, **extra}

    assert tokenpad.met_token(environ(HTTP_AUTHORIZATION="Token abc"))
    assert tokenpad.met_token(environ(HTTP_AUTHORIZATION="Token abc", HTTP_COOKIE="taal=nl"))
    assert not tokenpad.met_token(environ())
    assert not tokenpad.met_token(environ(HTTP_AUTHORIZATION="Bearer abc"))
    assert not tokenpad.met_token(environ("/casussen", HTTP_AUTHORIZATION="Token abc"))
    sessie = f"{settings.SESSION_COOKIE_NAME}=xyz"
    assert not tokenpad.met_token(environ(HTTP_AUTHORIZATION="Token abc", HTTP_COOKIE=sessie))


def test_zelfde_antwoorden_als_de_volle_stack(
    verdeler, regisseur, regisseur_elders, maak_casus, maak_medewerker, gemeente
):
    casus = maak_casus(regisseur)
    elders = maak_casus(regisseur_elders, naam="Familie Elders")
    _, token = AuthToken.objects.create(regisseur)
    _, beleid = AuthToken.objects.create(maak_medewerker(gemeente, "beleid"))
    volledig = WSGIHandler()
    gevallen = [
        ("GET", f"/api/v1/casussen/{casus.pk}", token, None, 200),
        ("HEAD", f"/api/v1/casussen/{casus.pk}", token, None, 200),
        ("GET", "/api/v1/casussen", token, None, 200),
        ("GET", f"/api/v1/casussen/{elders.pk}", token, None, 404),  # another gemeente
        ("GET", f"/api/v1/casussen/{casus.pk}", "fout" * 20, None, 401),
        ("GET", f"/api/v1/casussen/{casus.pk}", beleid, None, 403),  # the table refuses
        ("GET", "/api/v1/casussen?status=%00", token, None, 400),  # the NUL check
        ("PATCH", f"/api/v1/casussen/{casus.pk}", token, {"urgentie": "x"}, 400),
    ]
    for methode, pad, sleutel, data, verwacht in gevallen:
        kort = verzoek(verdeler, methode, pad, token=sleutel, data=data)
        vol = verzoek(volledig, methode, pad, token=sleutel, data=data)
        assert kort[0] == vol[0] == verwacht, (methode, pad, kort[2][:300])
        assert kort[2] == vol[2], (methode, pad)
        for kop in VASTE_KOPPEN:
            assert kort[1].get(kop) == vol[1].get(kop), (methode, pad, kop)
        assert kort[1]["API-Version"] and kort[1]["X-Request-ID"]
        if "Expires" in vol[1]:
            verschil = parse_http_date(kort[1]["Expires"]) - parse_http_date(vol[1]["Expires"])
            assert abs(verschil) <= 1, (methode, pad)
        else:
            assert "Expires" not in kort[1], (methode, pad)
        if verwacht in (200, 404):
            assert "no-store" in kort[1]["Cache-Control"]


def test_elke_lezing_wordt_vastgelegd(verdeler, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    _, token = AuthToken.objects.create(regisseur)
    voor = Verwerking.objects.filter(casus_id=casus.pk, handeling="lezen").count()
    for _ in range(3):
        status, _, _ = verzoek(verdeler, "GET", f"/api/v1/casussen/{casus.pk}", token=token)
        assert status == 200
    lezingen = Verwerking.objects.filter(casus_id=casus.pk, handeling="lezen")
    assert lezingen.count() == voor + 3
    assert set(lezingen.values_list("actor", flat=True)) == {regisseur.username}


def test_met_sessiecookie_of_zonder_token_de_volle_stack(verdeler, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    _, token = AuthToken.objects.create(regisseur)

    def weigert(environ, start_response):
        raise AssertionError("deze stack mocht niet")

    verdeler.token = weigert
    sessie = f"{settings.SESSION_COOKIE_NAME}=onbekend"
    assert (
        verzoek(verdeler, "GET", f"/api/v1/casussen/{casus.pk}", token=token, cookie=sessie)[0]
        == 200
    )
    assert verzoek(verdeler, "GET", f"/api/v1/casussen/{casus.pk}")[0] == 401
    assert verzoek(verdeler, "GET", "/gezondheid/leeft")[0] == 200
    verdeler.token, verdeler.volledig = tokenpad.TokenHandler(), weigert
    assert verzoek(verdeler, "GET", f"/api/v1/casussen/{casus.pk}", token=token)[0] == 200


def test_foutpaden_zelfde_als_de_volle_stack(
    verdeler, regisseur, maak_casus, maak_medewerker, gemeente
):
    """The error paths of the read, through both stacks (and so through the token read's
    instances made without Model.__init__): an expired token (refused and deleted), a token of
    an inactive medewerker, a malformed header, a case that does not exist, a path the API does
    not know, a method the route does not have, another language, a request id of the client's.
    Same status, body and fixed headers as the full stack."""
    import datetime

    from django.utils import timezone

    casus = maak_casus(regisseur)
    _, token = AuthToken.objects.create(regisseur)
    inactief = maak_medewerker(gemeente, "regisseur", username="weg", is_active=False)
    _, token_inactief = AuthToken.objects.create(inactief)
    volledig = WSGIHandler()

    def verlopen():
        instance, sleutel = AuthToken.objects.create(regisseur)
        AuthToken.objects.filter(pk=instance.pk).update(
            expiry=timezone.now() - datetime.timedelta(minutes=1)
        )
        return instance.pk, sleutel

    pad = f"/api/v1/casussen/{casus.pk}"
    gevallen = [
        ("GET", pad, {"HTTP_AUTHORIZATION": "Token"}, 401),
        ("GET", pad, {"HTTP_AUTHORIZATION": "Token a b"}, 401),
        ("GET", pad, {"HTTP_AUTHORIZATION": f"Token {token_inactief}"}, 401),
        ("GET", "/api/v1/casussen/00000000-0000-0000-0000-000000000000", {}, 404),
        ("GET", "/api/v1/casussen/geen-uuid", {}, 404),
        ("GET", "/api/v1/bestaat-niet", {}, 404),
        ("DELETE", pad, {}, 405),
        ("GET", pad, {"HTTP_ACCEPT_LANGUAGE": "en"}, 200),
        ("GET", pad, {"HTTP_ACCEPT": "application/xml"}, 406),
        ("GET", pad, {"HTTP_X_REQUEST_ID": "klant-42"}, 200),
    ]
    for methode, pad_, extra, verwacht in [*gevallen, ("verlopen", pad, {}, 401)]:
        uit = []
        for app in (verdeler, volledig):
            koppen = {"HTTP_AUTHORIZATION": f"Token {token}", **extra}
            if methode == "verlopen":
                pk, sleutel = verlopen()
                koppen["HTTP_AUTHORIZATION"] = f"Token {sleutel}"
                uit.append(_verzoek_met(app, "GET", pad_, koppen))
                assert not AuthToken.objects.filter(pk=pk).exists()  # deleted, as knox does
            else:
                uit.append(_verzoek_met(app, methode, pad_, koppen))
        (ks, kk, kb), (vs, vk, vb) = uit
        assert ks == vs == verwacht, (methode, pad_, extra, kb[:300])
        assert kb == vb, (methode, pad_, extra)
        for kop in (*VASTE_KOPPEN, "Content-Language", "Allow", "WWW-Authenticate"):
            assert kk.get(kop) == vk.get(kop), (methode, pad_, extra, kop)
        # Vary: the same but for Cookie, added where the full stack's session was looked at
        assert _vary(kk) - {"cookie"} == _vary(vk) - {"cookie"}, (methode, pad_, extra)
        if "HTTP_X_REQUEST_ID" in extra:
            assert kk["X-Request-ID"] == vk["X-Request-ID"] == extra["HTTP_X_REQUEST_ID"]
        if "HTTP_ACCEPT_LANGUAGE" in extra:
            assert kk["Content-Language"] == "en"


def _vary(koppen) -> set[str]:
    return {v.strip().lower() for v in koppen.get("Vary", "").split(",") if v.strip()}


def _verzoek_met(app, methode, pad, koppen):
    environ = RequestFactory().generic(methode, pad, **koppen).environ
    status, ontvangen = [], []

    def start_response(regel, headers, exc_info=None):
        status.append(regel)
        ontvangen.extend(headers)

    body = b"".join(app(environ, start_response))
    return int(status[0][:3]), dict(ontvangen), body


# --- the dossier read without URL resolving (TokenHandler._get_response) ---------------------


def _zonder_omweg_uit() -> tokenpad.TokenHandler:
    handler = tokenpad.TokenHandler()
    handler.direct = False
    return handler


def test_dossier_zonder_url_resolven_zelfde_antwoord(verdeler, regisseur, maak_casus, monkeypatch):
    """On PostgreSQL a stored dossier is answered without Django's URL resolving and DRF's
    as_view; the response is the one Django's own way gives, header for header, and the read is
    logged once, counted in the metrics under its route. On SQLite the one statement does not
    answer, so Django's way follows (resolved)."""
    from django.db import connection

    from doorbraak.config import metrieken

    casus = maak_casus(regisseur)
    _, token = AuthToken.objects.create(regisseur)
    pad = f"/api/v1/casussen/{casus.pk}"
    assert verzoek(verdeler, "GET", pad, token=token)[0] == 200  # the copy is stored
    opgelost = []
    echt = tokenpad.TokenHandler.resolve_request
    monkeypatch.setattr(
        tokenpad.TokenHandler,
        "resolve_request",
        lambda self, request: opgelost.append(request.path) or echt(self, request),
    )
    teller = metrieken._teller("casus", "GET", "2xx")
    gelezen = Verwerking.objects.filter(casus_id=casus.pk, handeling="lezen")
    voor, geteld = gelezen.count(), teller._value.get()
    direct = _verzoek_met(verdeler, "GET", pad, {"HTTP_AUTHORIZATION": f"Token {token}"})
    assert opgelost == ([] if connection.vendor == "postgresql" else [pad])
    assert gelezen.count() == voor + 1
    assert teller._value.get() == geteld + 1
    opgelost.clear()
    omweg = _verzoek_met(_zonder_omweg_uit(), "GET", pad, {"HTTP_AUTHORIZATION": f"Token {token}"})
    assert opgelost == [pad]
    assert direct[0] == omweg[0] == 200
    assert direct[2] == omweg[2]
    per_antwoord = {"X-Request-ID", "Expires"}
    assert {k: v for k, v in direct[1].items() if k not in per_antwoord} == {
        k: v for k, v in omweg[1].items() if k not in per_antwoord
    }
    assert list(direct[1]) == list(omweg[1])  # the same headers in the same order


@pytest.mark.parametrize(
    "pad",
    [
        "/api/v1/casussen/{id}",
        "/api/v1/casussen/{ID}",  # Django's UUID converter takes lower case only
        "/api/v1/casussen/{id}/",
        "/api/v1/casussen/{id}/tijdlijn",
        "/api/v1/casussen/{id}x",
        "/api/v1/casussen/x{id}",
        "/api/v1/casussen/",
        "/api/v1/casussen",
        "/api/v1/casussen/geen-uuid",
        "/api/v2/casussen/{id}",
        "/casussen/{id}",
        "//api/v1/casussen/{id}",
    ],
)
def test_dossierroute_matcht_wat_django_matcht(pad):
    """The match made from the path is Django's: for the route's paths the same view, arguments,
    names and route; for every other path none (Django resolves it, or refuses it, itself)."""
    from django.urls import Resolver404, resolve

    route = tokenpad.Dossierroute()
    for casus_id in (uuid.uuid4(), uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)):
        echt_pad = pad.format(id=casus_id, ID=str(casus_id).upper())
        try:
            django = resolve(echt_pad)
        except Resolver404:
            django = None
        gemaakt = route.match(echt_pad)
        if django is None or django.url_name != "casus":
            assert gemaakt is None, echt_pad
            continue
        assert gemaakt is not None, echt_pad
        for veld in (
            "func", "args", "kwargs", "url_name", "route", "view_name", "namespaces",
            "app_names", "captured_kwargs", "extra_kwargs", "tried",
        ):  # fmt: skip
            assert getattr(gemaakt, veld) == getattr(django, veld), (echt_pad, veld)


class ZietDeView:
    """A middleware with process_view, as a replica's router has."""

    gezien: list = []

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        self.gezien.append(request.path)


def test_met_een_view_middleware_de_weg_van_django(
    verdeler, settings, regisseur, maak_casus, monkeypatch
):
    """A process_view, process_exception or process_template_response middleware, or views in
    a transaction: Django's _get_response does those between resolving and the view, so the
    dossier read goes that way (and the middleware sees it)."""
    from django.db import connections

    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.ZietDeView"]
    casus = maak_casus(regisseur)
    _, token = AuthToken.objects.create(regisseur)
    pad = f"/api/v1/casussen/{casus.pk}"
    handler = tokenpad.TokenHandler()
    assert handler.direct is False
    ZietDeView.gezien.clear()
    assert verzoek(handler, "GET", pad, token=token)[0] == 200
    assert verzoek(handler, "GET", pad, token=token)[0] == 200
    assert ZietDeView.gezien == [pad, pad]
    settings.MIDDLEWARE = settings.MIDDLEWARE[:-1]
    assert tokenpad.TokenHandler().direct is True
    monkeypatch.setitem(connections.settings["default"], "ATOMIC_REQUESTS", True)
    assert tokenpad.TokenHandler().direct is False
