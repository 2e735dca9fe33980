"""The household's own plan, documents, the meldcode prompt and a partner's afspraak in a real
browser, at 1280 and at 375 px: the regisseur writes the household's words and network, adds a
document (a wrong one first), scores Veiligheid 2 and records the meldcode afweging; the partner
reports its own afspraak done. axe-core checks every page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from doorbraak.casussen import services as casus_services
from doorbraak.casussen.models import MeldcodeAfweging, Netwerklid
from doorbraak.documenten.models import Document
from doorbraak.organisaties.models import Rol
from doorbraak.organisaties.tests.factories import GemeenteFactory, MedewerkerFactory
from doorbraak.overleg import services
from doorbraak.overleg.models import Afspraak
from doorbraak.web.tests.browser.conftest import inloggen, toegankelijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WACHTWOORD = "geheim-wachtwoord-123"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def opzet(settings, tmp_path):
    settings.DOCUMENTEN_MAP = tmp_path / "documenten"
    gemeente = GemeenteFactory(naam="Peelstad", code="GM9901")
    ilse = MedewerkerFactory(
        gemeente=gemeente, username="ilse", first_name="Ilse", last_name="Verbeek",
        rollen=[Rol.REGISSEUR],
    )  # fmt: skip
    manager = MedewerkerFactory(gemeente=gemeente, username="ronald", rollen=[Rol.MANAGER])
    partner = MedewerkerFactory(
        gemeente=gemeente, username="corporatie", first_name="Karin", last_name="Bos",
        rollen=[Rol.PARTNER], organisatie="Woonstichting De Peel",
    )  # fmt: skip
    huishouden = casus_services.huishouden_registreren(
        door=ilse,
        naam="Gezin Testers",
        postcode="5701 AB",
        gezinsleden=[
            casus_services.NieuwGezinslid("Sanne", "Testers", datetime.date(1986, 3, 14), "ouder")
        ],
    )
    casus = casus_services.casus_aanmelden(
        door=ilse,
        huishouden_id=huishouden.pk,
        doelgroep_code="mph",
        aanleiding="Energieschuld; afsluiting aangekondigd.",
        urgentie="hoog",
    )
    overleg = services.overleg_aanmaken(
        door=manager, naam="Regieteam Centrum", soort="regieteam", voorzitter=ilse
    )
    services.lid_toevoegen(
        door=ilse, overleg_id=overleg.pk, medewerker=partner, organisatie="Woonstichting De Peel"
    )
    bijeenkomst = services.bijeenkomst_plannen(
        door=ilse, overleg_id=overleg.pk, datum=timezone.localdate() + datetime.timedelta(days=2)
    )
    punt = services.agendapunt_toevoegen(
        door=ilse, bijeenkomst_id=bijeenkomst.pk, casus_id=casus.pk, vraag="Kan de huur wachten?"
    )
    services.besluit_vastleggen(
        door=ilse,
        agendapunt_id=punt.pk,
        conclusie="De corporatie bevriest de achterstand.",
        afspraken=[services.AfspraakInvoer("Huurachterstand bevriezen", "Woonstichting De Peel")],
    )
    return {"casus": casus}


def past_op_het_scherm(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_eigen_plan_documenten_meldcode_en_partnerafspraak(pagina, opzet):
    page = pagina
    casus = opzet["casus"]
    inloggen(page, "ilse", WACHTWOORD)

    # The household's own words, strengths and a network member, added in place.
    page.goto(f"/casussen/{casus.pk}")
    page.get_by_role("link", name="Plan bewerken").click()
    page.get_by_label("In hun eigen woorden: wat wil het huishouden?").fill(
        "Wij willen dat het licht aan blijft."
    )
    page.get_by_label("Krachten: wat lukt al, waar is het huishouden goed in?").fill(
        "Sanne houdt alle post bij."
    )
    page.get_by_role("button", name="Netwerklid toevoegen").click()
    lid = page.get_by_role("group", name="Netwerklid 1")
    lid.get_by_label("Naam").fill("Truus Jansen")
    lid.get_by_label("Wie is dit voor het huishouden?").fill("oma")
    lid.get_by_label("Wat doet deze persoon?").fill("Past op de kinderen.")
    toegankelijk(page, "plan met eigen deel")
    page.get_by_role("button", name="Plan opslaan").click()
    expect(page.get_by_text("Het doorbraakplan is opgeslagen.")).to_be_visible()
    expect(page.locator("#eigen-plan")).to_contain_text("Truus Jansen")
    expect(page.get_by_role("link", name="Plan voor de keukentafel (PDF)")).to_be_visible()
    assert Netwerklid.objects.filter(plan__casus=casus, naam="Truus Jansen").exists()

    # A document: without a file first (the message beside the field), then a PDF.
    page.locator("#documenten").get_by_role("link", name="Document toevoegen").click()
    page.get_by_label("Soort document").select_option("factuur")
    page.get_by_label("Titel").fill("Afsluitbrief Enexis")
    page.get_by_role("button", name="Document toevoegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies het bestand dat u toevoegt.")
    toegankelijk(page, "document met fout")
    page.get_by_label("Bestand").set_input_files(
        {"name": "brief.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Document toevoegen").click()
    expect(page.get_by_text("Het document is toegevoegd.")).to_be_visible()
    expect(page.locator("#documenten")).to_contain_text("Afsluitbrief Enexis")
    assert Document.objects.filter(casus=casus).count() == 1

    # Veiligheid scores 2: the dossier asks for the meldcode; the afweging is recorded.
    page.get_by_role("link", name="Nieuwe meting").click()
    expect(page.get_by_text("Scoort u 1 of 2?")).to_be_visible()
    page.get_by_label("Veiligheid", exact=True).select_option("2")
    page.get_by_role("button", name="Meting opslaan").click()
    melding = page.locator("#meldcode")
    expect(melding).to_contain_text("Veiligheid scoort 2: volg de meldcode")
    expect(melding).to_contain_text("0800-2000")
    toegankelijk(page, "dossier met meldcode")
    melding.get_by_role("link", name="Afweging van de meldcode vastleggen").click()
    page.get_by_role("button", name="Afweging vastleggen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    toegankelijk(page, "meldcode met fout")
    page.get_by_label(re.compile("hulp geboden of georganiseerd")).check()
    page.get_by_label("Toelichting").fill("Overlegd met de aandachtsfunctionaris.")
    page.get_by_role("button", name="Afweging vastleggen").click()
    expect(page.get_by_text("De afweging van de meldcode is vastgelegd.")).to_be_visible()
    expect(page.locator("#meldcode")).to_contain_text("Afgewogen op")
    assert MeldcodeAfweging.objects.filter(casus=casus, besluit="hulp").exists()

    # At 375 px: the new pages fit and pass axe.
    page.set_viewport_size({"width": 375, "height": 800})
    for pad, naam in (
        (f"/casussen/{casus.pk}", "dossier 375"),
        (f"/casussen/{casus.pk}/documenten", "documenten 375"),
        (f"/casussen/{casus.pk}/meldcode", "meldcode 375"),
        (f"/casussen/{casus.pk}/plan", "plan 375"),
    ):
        page.goto(pad)
        toegankelijk(page, naam)
        assert past_op_het_scherm(page), naam

    # The partner reports its own afspraak done from Mijn taken.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()
    inloggen(page, "corporatie", WACHTWOORD)
    page.get_by_role("link", name="gereed melden").click()
    expect(page.get_by_role("heading", level=1, name="Afspraak gereed melden")).to_be_visible()
    toegankelijk(page, "afspraak gereed melden")
    page.get_by_label("Wat is er gedaan?").fill("Achterstand bevroren tot 1 maart.")
    page.get_by_role("button", name="Gereed melden").click()
    expect(page.get_by_text("De afspraak is gereed gemeld")).to_be_visible()
    toegankelijk(page, "bijeenkomst partner na gereed")
    assert Afspraak.objects.get().gereed_toelichting == "Achterstand bevroren tot 1 maart."
