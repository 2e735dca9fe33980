"""TOTP as second factor: required outside demo mode or per medewerker; without it a session
reaches only the second-factor pages and the API gives no token."""

from unittest import mock

import pyotp
import pytest
from django.db.models.sql.compiler import SQLCompiler
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from doorbraak.organisaties.tests.factories import MedewerkerFactory

WACHTWOORD = "geheim-wachtwoord-123"


def _totp(apparaat: TOTPDevice, verschuiving: int = 0) -> str:
    import time

    return pyotp.TOTP(_b32(apparaat)).at(time.time() + verschuiving)


def _b32(apparaat: TOTPDevice) -> str:
    from base64 import b32encode

    return b32encode(apparaat.bin_key).decode()


@pytest.fixture
def verplicht(regisseur):
    regisseur.tweede_factor_verplicht = True
    regisseur.save()
    return regisseur


def _inloggen(browser: Client) -> None:
    antwoord = browser.post("/inloggen", {"username": "regisseur", "password": WACHTWOORD})
    assert antwoord.status_code == 302


def test_zonder_tweede_factor_alleen_de_instelpagina(verplicht):
    browser = Client()
    _inloggen(browser)
    antwoord = browser.get("/casussen")
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith("/tweede-factor/instellen?next=/casussen")
    assert browser.get("/api/v1/casussen").status_code == 401
    assert browser.get("/beheer/").status_code == 302


def test_instellen_en_daarna_bij_elke_inlog_de_code(verplicht, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting after the deliberate wrong code
    browser = Client()
    _inloggen(browser)
    pagina = browser.get("/tweede-factor/instellen")
    assert pagina.status_code == 200 and "<svg" in pagina.content.decode()
    apparaat = TOTPDevice.objects.get(user=verplicht, confirmed=False)
    fout = browser.post("/tweede-factor/instellen", {"code": "000000"})
    assert fout.status_code == 200 and "klopt niet" in fout.content.decode()
    goed = browser.post("/tweede-factor/instellen", {"code": _totp(apparaat), "next": "/casussen"})
    assert goed.status_code == 302 and goed["Location"] == "/casussen"
    assert browser.get("/casussen").status_code == 200
    apparaat.refresh_from_db()
    assert apparaat.confirmed

    tweede = Client()
    _inloggen(tweede)
    assert tweede.get("/casussen")["Location"].startswith("/tweede-factor?next=")
    assert tweede.get("/tweede-factor/instellen")["Location"] == "/tweede-factor"
    hergebruikt = tweede.post("/tweede-factor", {"code": _totp(apparaat)})
    assert hergebruikt.status_code == 200  # a code is used once
    volgende = tweede.post("/tweede-factor", {"code": _totp(apparaat, 30)})
    assert volgende.status_code == 302
    assert tweede.get("/casussen").status_code == 200


def test_open_redirect_na_de_code_kan_niet(verplicht):
    apparaat = TOTPDevice.objects.create(user=verplicht, name="app", confirmed=True)
    browser = Client()
    _inloggen(browser)
    antwoord = browser.post(
        "/tweede-factor", {"code": _totp(apparaat), "next": "https://evil.example/"}
    )
    assert antwoord["Location"] == "/"


def test_api_token_vraagt_de_code(verplicht):
    apparaat = TOTPDevice.objects.create(user=verplicht, name="app", confirmed=True)
    api = APIClient()
    zonder = api.post(
        "/api/v1/auth/tokens", {"username": "regisseur", "password": WACHTWOORD}, format="json"
    )
    assert zonder.status_code == 401 and "authenticator" in zonder.json()["detail"]
    met = api.post(
        "/api/v1/auth/tokens",
        {"username": "regisseur", "password": WACHTWOORD, "code": _totp(apparaat)},
        format="json",
    )
    assert met.status_code == 201


def test_demo_zonder_verplichting_vraagt_geen_code(regisseur):
    browser = Client()
    _inloggen(browser)
    assert browser.get("/casussen").status_code == 200


def test_buiten_demo_verplicht_voor_iedereen(regisseur, settings):
    settings.TWEEDE_FACTOR_VERPLICHT = True
    browser = Client()
    _inloggen(browser)
    assert browser.get("/casussen").status_code == 302


def test_een_htmx_fragment_voor_de_code_krijgt_niets(verplicht):
    """The menu's task count (htmx) before the second factor: an empty 204, not the
    second-factor page pasted into the menu; the page itself still redirects."""
    browser = Client()
    _inloggen(browser)
    fragment = browser.get("/mijn-taken/teller", headers={"HX-Request": "true"})
    assert fragment.status_code == 204
    assert fragment.content == b""
    assert browser.get("/mijn-taken/teller").status_code == 302


# --- The session's device, read with fixed SQL (ApparaatMiddleware, issue 19) -----------------


def _met_apparaat_in_sessie(browser: Client, persistent_id: str) -> None:
    sessie = browser.session
    sessie[DEVICE_ID_SESSION_KEY] = persistent_id
    sessie.save()


def _velden(apparaat: TOTPDevice) -> dict:
    return {f.attname: getattr(apparaat, f.attname) for f in TOTPDevice._meta.concrete_fields}


def test_geverifieerde_pagina_leest_sessie_medewerker_en_apparaat_zonder_orm(verplicht):
    """A verified session's page: the session, the medewerker and its device are read with
    fixed SQL (no ORM query is compiled for them), the device as the ORM reads it, and
    `request.user` wraps the medewerker itself (one lazy proxy, not two)."""
    apparaat = TOTPDevice.objects.create(user=verplicht, name="app", confirmed=True)
    browser = Client()
    _inloggen(browser)
    _met_apparaat_in_sessie(browser, apparaat.persistent_id)
    gecompileerd = []
    as_sql = SQLCompiler.as_sql

    def tellen(compiler, *args, **kwargs):
        gecompileerd.append(compiler.query.model)
        return as_sql(compiler, *args, **kwargs)

    with mock.patch.object(SQLCompiler, "as_sql", tellen):
        antwoord = browser.get("/toegankelijkheid")
    assert antwoord.status_code == 200
    assert gecompileerd == []
    gebruiker = antwoord.wsgi_request.user
    assert gebruiker.is_verified()
    assert _velden(gebruiker.otp_device) == _velden(TOTPDevice.objects.get(pk=apparaat.pk))
    assert type(gebruiker._wrapped) is type(verplicht)
    assert browser.get("/casussen").status_code == 200


@pytest.mark.parametrize(
    "welk",
    ["van een ander", "onbevestigd", "ander soort", "onbekend", "geen getal", "te groot", "leeg"],
)
def test_een_apparaat_dat_niet_van_de_sessie_is_verifieert_niets(verplicht, gemeente, welk):
    """Whatever device id a session holds, only the medewerker's own confirmed TOTP device
    verifies it; otherwise the page asks for the code and the id leaves the session."""
    eigen = TOTPDevice.objects.create(user=verplicht, name="app", confirmed=True)
    ander = MedewerkerFactory(gemeente=gemeente, username="collega")
    persistent_id = {
        "van een ander": TOTPDevice.objects.create(user=ander, name="x", confirmed=True),
        "onbevestigd": TOTPDevice.objects.create(user=verplicht, name="nieuw", confirmed=False),
    }.get(welk, eigen).persistent_id
    persistent_id = {
        "ander soort": f"otp_static.staticdevice/{eigen.pk}",
        "onbekend": f"{TOTPDevice.model_label()}/{eigen.pk + 1000}",
        "geen getal": f"{TOTPDevice.model_label()}/{eigen.pk}x",
        "te groot": f"{TOTPDevice.model_label()}/{2**70}",
        "leeg": f"{TOTPDevice.model_label()}/",
    }.get(welk, persistent_id)
    browser = Client()
    _inloggen(browser)
    _met_apparaat_in_sessie(browser, persistent_id)
    antwoord = browser.get("/casussen")
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith("/tweede-factor?next=/casussen")
    assert DEVICE_ID_SESSION_KEY not in browser.session
    assert browser.get("/api/v1/casussen").status_code == 401
