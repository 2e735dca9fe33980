"""The second factor in a real browser: the first login sets up the authenticator (the test
reads the key from the page and computes the code with pyotp), the next login asks the code."""

import re
import time

import pyotp
import pytest
from playwright.sync_api import expect

from doorbraak.organisaties.models import Rol
from doorbraak.organisaties.tests.factories import GemeenteFactory, MedewerkerFactory
from doorbraak.web.tests.browser.conftest import inloggen, toegankelijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WACHTWOORD = "geheim-wachtwoord-123"


def test_totp_instellen_en_inloggen_met_code(pagina):
    gemeente = GemeenteFactory(naam="Peelstad", code="GM9901")
    MedewerkerFactory(
        gemeente=gemeente, username="ilse", rollen=[Rol.REGISSEUR], tweede_factor_verplicht=True
    )
    page = pagina
    inloggen(page, "ilse", WACHTWOORD)
    expect(page.get_by_role("heading", name="Tweede factor instellen")).to_be_visible()
    toegankelijk(page, "tweede factor instellen")
    sleutel = page.locator("#totp-sleutel").inner_text()
    totp = pyotp.TOTP(sleutel)

    page.get_by_label("Code uit uw authenticator-app").fill("123")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("Geef de zes cijfers uit uw authenticator-app.")).to_be_visible()
    page.get_by_label("Code uit uw authenticator-app").fill(totp.now())
    page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(re.compile(r"/mijn-taken$"))  # the landing page

    page.get_by_role("button", name="Uitloggen").click()
    inloggen(page, "ilse", WACHTWOORD)
    expect(page.get_by_role("heading", name="Bevestig uw inlog")).to_be_visible()
    toegankelijk(page, "tweede factor")
    page.goto("/casussen")  # not reachable without the code
    expect(page.get_by_role("heading", name="Bevestig uw inlog")).to_be_visible()
    page.get_by_label("Code uit uw authenticator-app").fill(totp.at(time.time() + 30))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(re.compile(r"/casussen$"))
