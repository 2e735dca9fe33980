"""The Precedenten page in a real browser: search by situation, a hit with its "waarom
vergelijkbaar", the precedent itself and the privacy officer's region page; axe-core on each."""

import pytest
from playwright.sync_api import expect

from doorbraak.organisaties.models import Regio, Rol
from doorbraak.organisaties.tests.factories import GemeenteFactory, MedewerkerFactory
from doorbraak.precedenten import demo
from doorbraak.web.tests.browser.conftest import inloggen, toegankelijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WACHTWOORD = "geheim-wachtwoord-123"


def test_precedenten_zoeken_en_publiceren(pagina):
    gemeente = GemeenteFactory(
        naam="Peelstad", code="GM9903", regio=Regio.objects.create(naam="Peel")
    )
    MedewerkerFactory(gemeente=gemeente, username="ilse", rollen=[Rol.REGISSEUR])
    MedewerkerFactory(gemeente=gemeente, username="pim", rollen=[Rol.PRIVACY])
    demo.demo(gemeente)
    pagina.set_default_timeout(60_000)  # a shared CI machine may be slow to serve the first page

    inloggen(pagina, "ilse", WACHTWOORD)
    pagina.goto("/precedenten")
    expect(pagina.get_by_role("heading", name="Precedenten", exact=True)).to_be_visible()
    pagina.get_by_label("Situatie of knelpunt").fill("huisuitzetting schade")
    pagina.get_by_role("button", name="Zoeken").click()
    eerste = pagina.locator(".doorbraak-precedent").first
    expect(eerste).to_contain_text("Waarom vergelijkbaar")
    toegankelijk(pagina, "precedenten zoeken")
    eerste.get_by_role("link").first.click()
    expect(pagina.get_by_role("heading", name="Knelpunten")).to_be_visible()
    toegankelijk(pagina, "precedent")

    pagina.context.clear_cookies()
    inloggen(pagina, "pim", WACHTWOORD)
    pagina.goto("/precedenten/regio")
    pagina.get_by_label("Bevindingen van de privacytoets").fill("Steekproef: geen namen.")
    pagina.get_by_role("button", name="Privacytoets vastleggen en publiceren").click()
    expect(pagina.get_by_text("Gepubliceerd na de privacytoets")).to_be_visible()
    toegankelijk(pagina, "regiopublicatie")
