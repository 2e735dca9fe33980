"""TOTP as second factor: required outside demo mode or per medewerker; without it a session
reaches only the second-factor pages and the API gives no token."""

import pyotp
import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

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
