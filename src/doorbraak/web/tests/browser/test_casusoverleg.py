"""The casusoverleg in a real browser: the regisseur puts a case on the agenda → the chair opens the
meeting and the brief → records a decision → the action is in the doorbraakplan; the verslag is
drawn up; a partner member sees the brief pseudonymised. Every page is checked with axe-core."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from doorbraak.casussen import services as casus_services
from doorbraak.casussen.models import Actie
from doorbraak.organisaties.models import Rol
from doorbraak.organisaties.tests.factories import GemeenteFactory, MedewerkerFactory
from doorbraak.overleg import services
from doorbraak.web.tests.browser.conftest import inloggen, schermafdruk, toegankelijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def opzet():
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
    overleg = services.overleg_aanmaken(
        door=manager,
        naam="Overleg Passende Hulp",
        soort="passende_hulp",
        voorzitter=ilse,
        ritme="Wekelijks op dinsdag",
    )
    services.lid_toevoegen(
        door=ilse, overleg_id=overleg.pk, medewerker=partner, organisatie="Woonstichting De Peel"
    )
    datum = timezone.localdate() + datetime.timedelta(days=2)
    bijeenkomst = services.bijeenkomst_plannen(door=ilse, overleg_id=overleg.pk, datum=datum)
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
        doelgroep_code="passende_hulp",
        aanleiding="Huurachterstand; Sanne Testers dreigt uit huis gezet te worden.",
        urgentie="hoog",
    )
    return {"casus": casus, "bijeenkomst": bijeenkomst, "datum": datum}


def test_van_agenda_tot_actie_in_het_plan(pagina, opzet):
    page = pagina
    casus = opzet["casus"]
    inloggen(page, "ilse", WACHTWOORD)

    # From the dossier to the case's Casusoverleg page; put the case on the agenda.
    page.goto(f"/casussen/{casus.pk}")
    page.get_by_role("link", name="Casusoverleg", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Casusoverleg")).to_be_visible()
    toegankelijk(page, "casusoverleg leeg")
    page.get_by_role("button", name="Agenderen").click()
    fout = page.get_by_role("alert")
    expect(fout).to_contain_text("Vraag aan de tafel")
    toegankelijk(page, "casusoverleg met fout")
    page.get_by_label("Vraag aan de tafel").fill(
        "Kan de corporatie de ontruiming van Sanne Testers opschorten?"
    )
    page.get_by_role("button", name="Agenderen").click()
    expect(page.get_by_text("De casus staat op de agenda.")).to_be_visible()
    toegankelijk(page, "casusoverleg geagendeerd")
    schermafdruk(page, "casusoverleg")

    # The chair: Overleggen → the coming meeting → the brief (pseudonymised: no ground).
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overleggen").click()
    expect(page.get_by_role("heading", level=1, name="Overleggen")).to_be_visible()
    toegankelijk(page, "overleggen")
    page.get_by_role("row", name=re.compile("Overleg Passende Hulp")).get_by_role(
        "link"
    ).last.click()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    toegankelijk(page, "bijeenkomst")
    page.get_by_role("link", name="Huishouden A").click()
    expect(page.get_by_role("heading", level=1, name="Casusbrief: Huishouden A")).to_be_visible()
    expect(page.get_by_text("Testers")).to_have_count(0)
    toegankelijk(page, "casusbrief")
    schermafdruk(page, "casusbrief")

    # What the partner will see: a selection per category, and the partner's brief beneath it.
    page.get_by_role("link", name="Wat ziet elke partner?").click()
    expect(page.get_by_role("heading", level=1, name="Wat ziet elke partner?")).to_be_visible()
    page.get_by_label("Wonen").fill("Huurachterstand van Sanne Testers; € 1.200.")
    page.get_by_role("button", name="Selectie opslaan").click()
    expect(page.get_by_text("De selectie voor deze partner is opgeslagen.")).to_be_visible()
    expect(page.locator(".doorbraak-voorbeeld")).to_contain_text("Huurachterstand van […]; […].")
    toegankelijk(page, "brief per partner")
    page.get_by_role("link", name="Casusbrief").click()

    # The decision: a conclusion and one afspraak.
    page.get_by_label("Conclusie van de tafel").fill("Corporatie schort de ontruiming op.")
    afspraak = page.get_by_role("group", name="Afspraak 1")
    afspraak.get_by_label("Wat").fill("Ontruiming zes weken opschorten")
    afspraak.get_by_label("Wie").fill("Woonstichting De Peel")
    afspraak.get_by_label("Uiterlijk").fill(f"{opzet['datum'] + datetime.timedelta(days=7)}")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd")).to_be_visible()
    expect(page.get_by_text("Corporatie schort de ontruiming op.")).to_be_visible()

    # The verslag, drawn up from the items.
    page.get_by_role("button", name="Verslag opstellen uit de agenda").click()
    expect(page.get_by_role("textbox", name="Verslag")).to_have_value(
        re.compile(r"1\. Huishouden A")
    )
    expect(page.get_by_role("link", name="Verslag als PDF")).to_be_visible()
    toegankelijk(page, "bijeenkomst met verslag")
    schermafdruk(page, "bijeenkomst")

    # The action in the case's plan, and the conclusion on its timeline.
    page.goto(f"/casussen/{casus.pk}")
    plan = page.locator("#plan")
    expect(
        plan.get_by_role("cell", name=re.compile("Ontruiming zes weken opschorten"))
    ).to_be_visible()
    expect(plan.get_by_role("cell", name="Woonstichting De Peel")).to_be_visible()
    expect(page.locator("#tijdlijn")).to_contain_text("Conclusie: Corporatie schort")
    toegankelijk(page, "dossier na besluit")
    assert Actie.objects.filter(plan__casus=casus, eigenaar="Woonstichting De Peel").exists()


def test_partner_ziet_alleen_de_gepseudonimiseerde_brief(pagina, opzet):
    page = pagina
    services.agendapunt_toevoegen(
        door=opzet["casus"].regisseur,
        bijeenkomst_id=opzet["bijeenkomst"].pk,
        casus_id=opzet["casus"].pk,
        vraag="Kan Sanne Testers blijven wonen?",
    )
    inloggen(page, "corporatie", WACHTWOORD)
    # A partner lands on Mijn taken; the tables are one click away in the menu.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overleggen").click()
    expect(page.get_by_role("heading", level=1, name="Overleggen")).to_be_visible()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(nav.get_by_role("link", name="Mijn casussen")).to_have_count(0)
    page.get_by_role("row", name=re.compile("Overleg Passende Hulp")).get_by_role(
        "link"
    ).last.click()
    page.get_by_role("link", name="Huishouden A").click()
    expect(page.get_by_text("Kan […] blijven wonen?")).to_be_visible()
    expect(page.get_by_text("Testers")).to_have_count(0)
    expect(page.get_by_role("button", name="Besluit vastleggen")).to_have_count(0)
    toegankelijk(page, "casusbrief partner")
    response = page.goto(f"/casussen/{opzet['casus'].pk}")
    assert response.status == 403
