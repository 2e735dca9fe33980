"""Login through the gemeente's identity provider, in a real browser against a real OpenID
provider: a tiny django-oidc-provider project that this test starts as a separate process on
localhost. Doorbraak matches the medewerker by username and creates nobody."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from doorbraak.organisaties.models import Rol
from doorbraak.organisaties.tests.factories import GemeenteFactory, MedewerkerFactory
from doorbraak.web.tests.browser.conftest import toegankelijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def provider(live_server, tmp_path):
    """Start the provider (migrate, one user 'ilse', a client for this live server)."""
    poort = _vrije_poort()
    omgeving = os.environ | {
        "DJANGO_SETTINGS_MODULE": "doorbraak.web.tests.browser.op.settings",
        "OP_DATABASE": str(tmp_path / "op.sqlite3"),
    }
    inrichten = Path(__file__).parent / "op" / "inrichten.py"
    subprocess.run(
        [
            sys.executable,
            str(inrichten),
            f"{live_server.url}/oidc/callback/",
            "ilse",
            "idp-ww-2026",
        ],
        env=omgeving,
        check=True,
        capture_output=True,
    )
    proces = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{poort}", "--noreload"],
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", poort), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{poort}/openid"
    finally:
        proces.terminate()
        proces.wait(timeout=10)


@pytest.fixture
def oidc_aan(settings, provider):
    settings.OIDC_AAN = True
    settings.OIDC_RP_CLIENT_ID = "doorbraak"
    settings.OIDC_RP_CLIENT_SECRET = "geheim-van-de-test"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/jwks"
    settings.OIDC_CREATE_USER = False
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "doorbraak.organisaties.oidc.Gemeentelogin",
    ]
    # The provider's own login would otherwise need the second factor's exemption to be proven:
    # require TOTP for everyone, as in production, and see that OIDC is not asked for it.
    settings.TWEEDE_FACTOR_VERPLICHT = True
    return provider


def test_inloggen_via_de_identity_provider_van_de_gemeente(pagina, oidc_aan):
    gemeente = GemeenteFactory(naam="Peelstad", code="GM9901")
    MedewerkerFactory(gemeente=gemeente, username="ilse", rollen=[Rol.REGISSEUR])
    page = pagina
    page.goto("/inloggen")
    toegankelijk(page, "inloggen met gemeente-account")
    page.get_by_role("link", name="Inloggen met uw gemeente-account").click()
    expect(page.get_by_role("heading", name="Identity provider van de gemeente")).to_be_visible()
    page.get_by_label("IdP-gebruikersnaam").fill("ilse")
    page.get_by_label("IdP-wachtwoord").fill("idp-ww-2026")
    page.get_by_role("button", name="Aanmelden bij de gemeente").click()
    # Back in Doorbraak, signed in as the medewerker with that username: no second TOTP.
    expect(page).to_have_url(re.compile(r"/mijn-taken$"))
    expect(page.get_by_role("heading", level=1, name="Mijn taken")).to_be_visible()
