"""The regisseur's day in a real browser: login → worklist → new household and case → domain
scores → plan → status; a refused status change with its reason; the lockout message. Every page
is checked with axe-core, and screenshots land in `screenshots/`."""

import re

import pytest
from playwright.sync_api import expect

from doorbraak.casussen.models import Casus, Domeinscore
from doorbraak.conftest import GELDIG_BSN, ONGELDIG_BSN
from doorbraak.organisaties.models import Rol
from doorbraak.organisaties.tests.factories import GemeenteFactory, MedewerkerFactory
from doorbraak.web.tests.browser.conftest import inloggen, schermafdruk, toegankelijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def regisseur():
    gemeente = GemeenteFactory(naam="Peelstad", code="GM9901")
    return MedewerkerFactory(
        gemeente=gemeente, username="ilse", first_name="Ilse", last_name="Verbeek",
        rollen=[Rol.REGISSEUR],
    )  # fmt: skip


def test_van_aanmelding_tot_plan(pagina, regisseur):
    page = pagina
    page.goto("/inloggen")
    toegankelijk(page, "inloggen")
    page.keyboard.press("Tab")  # the first stop is the skip link, and it becomes visible
    skiplink = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skiplink).to_be_focused()
    expect(skiplink).to_be_in_viewport()
    inloggen(page, "ilse", WACHTWOORD)
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Mijn casussen").click()

    # An empty worklist says what to do.
    expect(page.get_by_role("heading", name="U heeft nog geen casussen")).to_be_visible()
    toegankelijk(page, "werklijst leeg")
    page.get_by_role("link", name="Eerste casus aanmelden").click()

    # New household and case; a second member is added in place (htmx) with a wrong BSN.
    expect(page.get_by_role("heading", name="Nieuwe casus aanmelden")).to_be_visible()
    toegankelijk(page, "aanmelden")
    page.get_by_label("Naam van het huishouden").fill("Gezin Testers")
    page.get_by_label("Postcode").fill("5701 AB")
    lid1 = page.get_by_role("group", name="Gezinslid 1")
    lid1.get_by_label("Voornaam").fill("Sanne")
    lid1.get_by_label("Achternaam").fill("Testers")
    lid1.get_by_label("Geboortedatum").fill("1986-03-14")
    lid1.get_by_label("Rol").select_option("ouder")
    page.get_by_role("button", name="Gezinslid toevoegen").click()
    lid2 = page.get_by_role("group", name="Gezinslid 2")
    expect(lid2.get_by_label("Voornaam")).to_be_focused()
    lid2.get_by_label("Voornaam").fill("Noor")
    lid2.get_by_label("Achternaam").fill("Testers")
    lid2.get_by_label("Geboortedatum").fill("2015-09-01")
    lid2.get_by_label("Rol").select_option("kind")
    lid2.get_by_label("BSN").fill(ONGELDIG_BSN)
    page.get_by_label("Doelgroep").select_option("mph")
    page.get_by_label("Aanleiding").fill("Huurachterstand en schooluitval; hulp loopt vast.")
    page.get_by_label("Urgentie").select_option("hoog")
    page.get_by_role("button", name="Aanmelden").click()

    # Refused: the message sits beside the field, focus on the summary, nothing stored.
    fout = page.get_by_role("alert")
    expect(fout).to_be_focused()
    expect(fout).to_contain_text("elfproef")
    lid2 = page.get_by_role("group", name="Gezinslid 2")
    expect(lid2.get_by_label("BSN")).to_have_attribute("aria-invalid", "true")
    expect(lid2).to_contain_text("Dit BSN voldoet niet aan de elfproef.")
    assert not Casus.objects.exists()
    toegankelijk(page, "aanmelden met fout")
    lid2.get_by_label("BSN").fill(GELDIG_BSN)
    page.get_by_role("button", name="Aanmelden").click()

    # The dossier, with the BSN masked.
    expect(page.get_by_role("heading", level=1, name="Gezin Testers")).to_be_visible()
    expect(page.get_by_text("*****2333")).to_be_visible()
    expect(page.get_by_text(GELDIG_BSN)).to_have_count(0)
    toegankelijk(page, "dossier nieuw")

    # Domain scores: a first measurement.
    page.get_by_role("link", name="Nieuwe meting").click()
    toegankelijk(page, "domeinscores")
    page.get_by_label("Financiën", exact=True).select_option("2")
    page.get_by_label("Huisvesting", exact=True).select_option("1")
    page.get_by_label("Onderwijs", exact=True).select_option("2")
    page.get_by_role("button", name="Meting opslaan").click()
    expect(page.get_by_text("De domeinscores zijn vastgelegd.")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("^Financiën: 2 op"))).to_be_visible()
    assert Domeinscore.objects.count() == 3

    # The plan: text, a knelpunt and an action added in place.
    page.get_by_role("link", name="Plan bewerken").click()
    toegankelijk(page, "plan")
    page.get_by_label("Situatie").fill(
        "Huurachterstand van drie maanden; Noor gaat niet naar school."
    )
    page.get_by_label("Perspectief").fill(
        "Over een jaar wonen ze nog in hun huis en gaat Noor naar school."
    )
    page.get_by_label("Doorbraak:").fill("Huurachterstand direct aan de corporatie betalen.")
    page.get_by_role("button", name="Knelpunt toevoegen").click()
    knelpunt = page.get_by_role("group", name="Knelpunt 1")
    knelpunt.get_by_label("Knelpunt").fill("Bijzondere bijstand voor huurschuld is afgewezen.")
    knelpunt.get_by_label("Soort").select_option("wet_regelgeving")
    knelpunt.get_by_label("Regeling").fill("PW")
    knelpunt.get_by_label("Artikel").fill("art. 35")
    page.get_by_role("button", name="Actie toevoegen").click()
    actie = page.get_by_role("group", name="Actie 1")
    actie.get_by_label("Actie", exact=True).fill("Afspraak met de corporatie maken")
    actie.get_by_label("Eigenaar").fill("Ilse")
    toegankelijk(page, "plan ingevuld")
    page.get_by_role("button", name="Plan opslaan").click()
    expect(page.get_by_text("Het doorbraakplan is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Bijzondere bijstand voor huurschuld is afgewezen.")).to_be_visible()

    # Status to "plan", after a confirmation step.
    page.get_by_label("Nieuwe status").select_option("plan")
    page.get_by_role("button", name="Status wijzigen…").click()
    expect(page.get_by_role("heading", name="Status wijzigen")).to_be_visible()
    toegankelijk(page, "status bevestigen")
    page.get_by_role("button", name=re.compile("Ja, wijzig naar")).click()
    expect(page.get_by_text("De status is gewijzigd naar 'Plan'.")).to_be_visible()
    assert Casus.objects.get().status == "plan"

    # Screenshots for a reviewer: dossier and worklist, desktop and narrow.
    schermafdruk(page, "dossier-desktop")
    page.set_viewport_size({"width": 375, "height": 800})
    _past_zonder_horizontaal_scrollen(page)
    schermafdruk(page, "dossier-smal")
    page.get_by_role("link", name="Mijn casussen").first.click()
    expect(page.get_by_role("link", name="Gezin Testers")).to_be_visible()
    toegankelijk(page, "werklijst")
    _past_zonder_horizontaal_scrollen(page)
    schermafdruk(page, "werklijst-smal")
    page.set_viewport_size({"width": 1280, "height": 900})
    schermafdruk(page, "werklijst-desktop")


def _past_zonder_horizontaal_scrollen(page) -> None:
    """WCAG 1.4.10 reflow: at 320 CSS px (200% zoom of 640) nothing scrolls sideways, except a
    table in its own scroll region."""
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= page.viewport_size["width"], f"de pagina is {breedte}px breed"


def test_geweigerde_statuswijziging_toont_de_reden(pagina, regisseur, maak_casus):
    from doorbraak.casussen import services

    casus = maak_casus(regisseur, naam="Familie Zonder Acties")
    services.casus_wijzigen(door=regisseur, casus_id=casus.pk, status_naar="plan")
    page = pagina
    inloggen(page, "ilse", WACHTWOORD)
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Mijn casussen").click()
    page.get_by_role("link", name="Familie Zonder Acties").click()
    page.get_by_label("Nieuwe status").select_option("uitvoering")
    page.get_by_role("button", name="Status wijzigen…").click()
    page.get_by_role("button", name=re.compile("Ja, wijzig naar")).click()

    weigering = page.get_by_role("alert")
    expect(weigering).to_contain_text("Deze statuswijziging kan niet")
    expect(weigering).to_contain_text(
        "Naar uitvoering kan pas als het doorbraakplan een doorbraak en minstens één actie"
    )
    expect(weigering).to_be_focused()
    toegankelijk(page, "status geweigerd")
    schermafdruk(page, "status-geweigerd")
    casus.refresh_from_db()
    assert casus.status == "plan"


def test_onopgeslagen_plan_waarschuwt_bij_verlaten(pagina, regisseur, maak_casus):
    casus = maak_casus(regisseur, naam="Familie Twijfel")
    page = pagina
    inloggen(page, "ilse", WACHTWOORD)
    page.goto(f"/casussen/{casus.pk}/plan")
    page.get_by_label("Situatie").fill("Nog niet opgeslagen tekst")
    dialogen = []
    page.on("dialog", lambda d: (dialogen.append(d.type), d.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(300)
    assert dialogen == ["beforeunload"]


def test_blokkade_na_te_veel_pogingen(pagina, regisseur, settings):
    page = pagina
    for _ in range(settings.AXES_FAILURE_LIMIT):
        inloggen(page, "ilse", "fout-wachtwoord")
    expect(page.get_by_role("heading", name="Account tijdelijk geblokkeerd")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Probeer het over een kwartier opnieuw")
    toegankelijk(page, "geblokkeerd")


def test_voorliggend_kennisbank_en_kosten(pagina, regisseur, maak_casus, api_als):
    from doorbraak.mkba.tests.test_api_mkba import BODY

    casus = maak_casus(regisseur, naam="Familie Check")
    api_als(regisseur).post(f"/api/v1/casussen/{casus.pk}/mkbas", BODY, format="json")
    page = pagina
    inloggen(page, "ilse", WACHTWOORD)
    page.goto(f"/casussen/{casus.pk}")
    page.get_by_role("link", name="Voorliggend").click()
    toegankelijk(page, "voorliggend leeg")
    page.get_by_role("button", name="Check uitvoeren").click()
    expect(page.get_by_text("De voorliggend-check is uitgevoerd.")).to_be_visible()
    expect(page.get_by_role("heading", name="Vragen die het meest beslissen")).to_be_visible()
    toegankelijk(page, "voorliggend")
    schermafdruk(page, "voorliggend")
    page.get_by_role("link", name="Naar de kennisbank").click()
    expect(page.get_by_role("heading", name="Participatiewet", exact=True)).to_be_visible()
    toegankelijk(page, "kennisbank")
    page.get_by_role("link", name="Kostencatalogus").click()
    expect(page.get_by_role("heading", name="Kostencatalogus (kengetallen)")).to_be_visible()
    toegankelijk(page, "kostencatalogus")
    page.goto(f"/casussen/{casus.pk}/kosten-en-baten")
    expect(page.get_by_role("img", name="Kosten per betaler")).to_be_visible()
    toegankelijk(page, "kosten en baten")
    schermafdruk(page, "kosten-en-baten")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    # Recalculate in the screen: the form starts from the last calculation; add a line in place.
    page.get_by_role("link", name="Opnieuw berekenen").click()
    toegankelijk(page, "kosten berekenen")
    page.get_by_role("button", name="Kostenpost toevoegen").click()
    nieuw = page.get_by_role("group", name="Kostenpost 2")
    nieuw.get_by_label("Omschrijving").fill("Extra begeleiding")
    nieuw.get_by_label("Bedrag").fill("1200")
    nieuw.get_by_label("In jaar").fill("1")
    page.get_by_role("button", name="Berekenen en opslaan").click()
    expect(page.get_by_text("De kosten en baten zijn berekend.")).to_be_visible()
    expect(page.get_by_text("Extra begeleiding")).to_be_visible()


def test_beleid_rapportages_en_signaal(pagina, regisseur, maak_casus):
    from doorbraak.casussen import services

    MedewerkerFactory(gemeente=regisseur.gemeente, username="sanne", rollen=[Rol.BELEID])
    casus = maak_casus(regisseur, naam="Familie Rapport")
    services.doorbraakplan_opslaan(
        door=regisseur,
        casus_id=casus.pk,
        invoer=services.PlanInvoer(
            knelpunten=[
                {
                    "omschrijving": "Bijstand afgewezen",
                    "soort": "wet_regelgeving",
                    "regeling": "PW",
                    "artikel": "15",
                }
            ]
        ),
    )
    page = pagina
    inloggen(page, "sanne", WACHTWOORD)
    expect(page.get_by_role("heading", name="Kostencatalogus (kengetallen)")).to_be_visible()
    page.get_by_role("link", name="Rapportages").click()
    toegankelijk(page, "rapportages")
    page.get_by_role("link", name="Knelpuntenanalyse").click()
    expect(page.get_by_role("heading", name="Knelpunten per regeling en artikel")).to_be_visible()
    toegankelijk(page, "knelpuntenanalyse")
    schermafdruk(page, "knelpuntenanalyse")
    page.get_by_text("Een terugkerend knelpunt als signaal aan beleid").click()
    page.get_by_role("link", name="Signaal maken over PW 15").click()
    toegankelijk(page, "signaal nieuw")
    page.get_by_label("Wat knelt").fill(
        "Bijzondere bijstand bij huurschuld wordt steeds afgewezen."
    )
    page.get_by_role("button", name="Signaal versturen").click()
    expect(page.get_by_text("Het signaal staat klaar voor beleid.")).to_be_visible()
    toegankelijk(page, "signalen")
    page.goto("/rapportages/evaluatie?soort=pilot")
    expect(page.get_by_role("heading", name="Voortgangsrapportage", exact=True)).to_be_visible()
    toegankelijk(page, "voortgangsrapportage")
