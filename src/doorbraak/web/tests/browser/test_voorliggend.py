"""The outcome of a voorliggend check on one screen at 1366 px (issue 13): what is possible and
in time, what is blocked and by which article, what is to be weighed; axe-core on the page and
a screenshot in `screenshots/`."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from doorbraak.casussen import services as casus_services
from doorbraak.organisaties.models import Rol
from doorbraak.organisaties.tests.factories import GemeenteFactory, MedewerkerFactory
from doorbraak.regels.tests.test_seeds import SCHADE
from doorbraak.web.tests.browser.conftest import SCHERMAFDRUKKEN, inloggen, toegankelijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WACHTWOORD = "geheim-wachtwoord-123"
BREEDTE, HOOGTE = 1366, 768


@pytest.fixture
def regisseur():
    gemeente = GemeenteFactory(naam="Peelstad", code="GM9902")
    return MedewerkerFactory(
        gemeente=gemeente, username="ilse", first_name="Ilse", last_name="Verbeek",
        rollen=[Rol.REGISSEUR],
    )  # fmt: skip


def test_uitkomst_op_een_scherm(browser, live_server, regisseur, api_als):
    huishouden = casus_services.huishouden_registreren(
        door=regisseur,
        naam="Gezin El Amrani",
        postcode="5701 AB",
        gezinsleden=[
            casus_services.NieuwGezinslid(
                "Karim", "El Amrani", datetime.date(1992, 1, 10), "ouder"
            ),
            casus_services.NieuwGezinslid("Nora", "El Amrani", datetime.date(2019, 8, 3), "kind"),
        ],
    )
    casus = casus_services.casus_aanmelden(
        door=regisseur,
        huishouden_id=huishouden.pk,
        doelgroep_code="mph",
        aanleiding="Schade aan de huurwoning, ontruiming dreigt",
        urgentie="crisis",
    )
    antwoord = api_als(regisseur).post(
        f"/api/v1/casussen/{casus.pk}/regelchecks", {"feiten": SCHADE}, format="json"
    )
    assert antwoord.status_code == 201
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": BREEDTE, "height": HOOGTE}, locale="nl-NL"
    )
    page = context.new_page()
    try:
        inloggen(page, "ilse", WACHTWOORD)
        page.goto(f"/casussen/{casus.pk}/voorliggend")
        samenvatting = page.locator("section.doorbraak-samenvatting")
        for kop in ("Mogelijk", "Niet mogelijk", "Af te wegen door u", "Nog onbekend"):
            expect(
                samenvatting.get_by_role("heading", name=re.compile(rf"^{kop} \d+$"))
            ).to_be_in_viewport()
        # blocked by which article, and the grounds to weigh, are readable without scrolling
        expect(samenvatting.get_by_text("Participatiewet, art. 14").first).to_be_in_viewport()
        expect(samenvatting.get_by_role("link", name="Moratorium")).to_be_in_viewport()
        onder = samenvatting.bounding_box()
        assert onder["y"] + onder["height"] <= HOOGTE, "de samenvatting past niet op één scherm"
        # the details are folded: the trace of a voorziening opens on request
        details = page.locator("#v-pw_bijzondere_bijstand")
        expect(details.get_by_text("Voldaan", exact=False).first).not_to_be_visible()
        details.locator("summary").click()
        expect(details.get_by_text("Niet voldaan", exact=False).first).to_be_visible()
        details.locator("summary").click()
        toegankelijk(page, "voorliggend uitkomst")
        page.evaluate("window.scrollTo(0, 0)")
        SCHERMAFDRUKKEN.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCHERMAFDRUKKEN / "voorliggend-uitkomst-1366.png"))
    finally:
        context.close()
