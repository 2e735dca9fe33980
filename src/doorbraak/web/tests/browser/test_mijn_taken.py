"""Each role starts at Mijn taken and does its next task without typing a URL, on the demo:
the colleague reviews a request, the manager gives the go on it, finance registers the payment,
the regisseur completes an overdue action, the partner reports an afspraak done and the second
beheerder approves a proposed mandate. axe-core on every page; Mijn taken at 1366 and 375 px in
`screenshots/`."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from doorbraak.budget.models import Aanvraag
from doorbraak.casussen.models import Actie
from doorbraak.mijntaken import ontvangers, selectors
from doorbraak.organisaties.models import (
    Mandaat,
    MandaatRol,
    Medewerker,
    WijzigingStatus,
    Wijzigingsvoorstel,
)
from doorbraak.web.tests.browser.conftest import inloggen, schermafdruk, toegankelijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WACHTWOORD = "doorbraak-demo"


def _kies(page, naam: str, waarde: str) -> None:
    """A choice by its value, as a select or as radio buttons (whichever the form uses; its
    label is translated, e.g. the go)."""
    radio = page.locator(f'input[type="radio"][name="{naam}"][value="{waarde}"]')
    if radio.count():
        radio.check()
    else:
        page.locator(f'select[name="{naam}"]').select_option(value=waarde)


def _past_op_375(page, naam: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    breed = page.evaluate("document.documentElement.scrollWidth")
    assert breed <= 375, f"'{naam}' scrolt opzij op 375 px ({breed} px breed)"
    toegankelijk(page, f"{naam} 375")
    schermafdruk(page, f"{naam}-375")
    page.set_viewport_size({"width": 1366, "height": 900})
    schermafdruk(page, f"{naam}-1366")


def _start(page, gebruiker: str, lijst: str):
    page.context.clear_cookies()
    inloggen(page, gebruiker, WACHTWOORD)
    expect(page).to_have_url("/mijn-taken")
    expect(page.get_by_role("heading", name="Mijn taken", level=1)).to_be_visible()
    # The count in the menu arrives after the page (htmx).
    expect(page.locator(".doorbraak-menu .doorbraak-teller")).to_be_visible()
    toegankelijk(page, f"mijn taken {gebruiker}")
    return page.get_by_role("region", name=lijst)


def test_van_mijn_taken_naar_de_volgende_stap_per_rol(pagina):
    call_command("demo")
    page = pagina
    page.set_viewport_size({"width": 1366, "height": 900})

    # The colleague: the first request to review, a positive advice.
    sectie = _start(page, "collega", "Te beoordelen")
    _past_op_375(page, "mijn-taken-collega")
    sectie.get_by_role("link").first.click()
    expect(page.get_by_text("Wacht op: meekijken door een collega (4-ogen)")).to_be_visible()
    aanvraag_id = page.url.rstrip("/").split("/")[-1]
    toegankelijk(page, "aanvraag te beoordelen")
    _kies(page, "advies", "positief")
    afwijking = page.get_by_label("Motivering van de afwijking (optioneel)")
    if afwijking.count():  # the advice weighs against the precedents too
        afwijking.fill("Hogere huurachterstand dan in de vergelijkbare gevallen.")
    page.get_by_role("button", name="Meekijken vastleggen").click()
    expect(page.get_by_text("Wacht op: de go van een manager")).to_be_visible()
    assert Aanvraag.objects.get(pk=aanvraag_id).status == "beoordeeld"

    # The manager mandated for this fund, doelgroep and amount: the request now waits for them
    # (and they are who the e-mail melding went to).
    a = Aanvraag.objects.select_related("fonds").get(pk=aanvraag_id)
    managers = [
        m.username
        for m in ontvangers.met_mandaat(a, MandaatRol.GO)
        if m.pk not in (a.aanvrager_id, a.beoordelaar_id)
    ]
    assert managers
    sectie = _start(page, managers[0], "Wacht op uw go")
    _past_op_375(page, "mijn-taken-manager")
    sectie.locator(f'a[href="/aanvragen/{aanvraag_id}"]').click()
    _kies(page, "besluit", "go")
    # The demo's precedents: this amount is far above similar grants, so the decision asks why.
    afwijking = page.get_by_label("Motivering van de afwijking (optioneel)")
    if afwijking.count():
        afwijking.fill("Hogere huurachterstand dan in de vergelijkbare gevallen.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Wacht op: de betaling door financiën")).to_be_visible()
    assert Aanvraag.objects.get(pk=aanvraag_id).status == "toegekend"
    page.get_by_role("link", name="Mijn taken").first.click()
    page.get_by_role("link", name="Teamoverzicht").click()
    expect(page.get_by_role("heading", name="Caseload per regisseur")).to_be_visible()
    toegankelijk(page, "teamoverzicht")
    schermafdruk(page, "teamoverzicht-1366")

    # Finance: pays it in full (the amount is filled in).
    sectie = _start(page, "financien", "Te betalen")
    _past_op_375(page, "mijn-taken-financien")
    sectie.locator(f'a[href="/aanvragen/{aanvraag_id}"]').click()
    page.get_by_role("button", name="Betaling registreren").click()
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()
    assert Aanvraag.objects.get(pk=aanvraag_id).status == "betaald"

    # The regisseur: the first overdue action, completed in the plan (reached from the dossier).
    regisseur = Medewerker.objects.get(username="regisseur")
    actie = selectors.verlopen_acties(regisseur, timezone.localdate()).first()
    assert actie is not None, "de demo heeft een verlopen actie voor de regisseur"
    sectie = _start(page, "regisseur", "Verlopen acties")
    _past_op_375(page, "mijn-taken-regisseur")
    sectie.get_by_role("link").first.click()
    expect(page.get_by_role("cell", name=actie.omschrijving)).to_be_visible()
    toegankelijk(page, "dossier met verlopen actie")
    page.get_by_role("link", name="Plan bewerken").click()
    toegankelijk(page, "plan bewerken")
    rij = page.locator(f'fieldset[data-rij]:has(input[type="hidden"][value="{actie.pk}"])')
    rij.get_by_label("Gereed").check()
    page.get_by_role("button", name="Plan opslaan").click()
    expect(page.get_by_role("heading", name="Doorbraakplan")).to_be_visible()
    toegankelijk(page, "dossier na het plan")
    actie.refresh_from_db()
    assert actie.gereed
    assert not selectors.verlopen_acties(regisseur, timezone.localdate()).filter(pk=actie.pk)

    # ... and the e-mail settings, reached from Mijn taken.
    page.get_by_role("link", name="Mijn taken").first.click()
    page.get_by_role("link", name="E-mailmeldingen instellen").click()
    page.get_by_label("Eén dagelijks overzicht").check()
    toegankelijk(page, "meldingen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Uw keuze voor e-mailmeldingen is opgeslagen.")).to_be_visible()

    # The partner: an open afspraak of their table, reported done with a note.
    corporatie = Medewerker.objects.get(username="corporatie")
    afspraak = selectors.open_afspraken(corporatie).first()
    assert afspraak is not None, "de demo heeft een open afspraak voor de corporatie"
    sectie = _start(page, "corporatie", "Open afspraken")
    _past_op_375(page, "mijn-taken-partner")
    sectie.locator(f'a[href="/afspraken/{afspraak.pk}/gereed"]').click()
    toegankelijk(page, "afspraak gereed melden")
    page.get_by_label("Wat is er gedaan?").fill("Huurachterstand bevroren tot 1 maart.")
    page.get_by_role("button", name="Gereed melden").click()
    expect(page.get_by_text("De afspraak is gereed gemeld bij de regisseur.")).to_be_visible()
    toegankelijk(page, "bijeenkomst na gereed melden")
    afspraak.refresh_from_db()
    assert afspraak.gereed_gemeld_door == corporatie
    assert afspraak.gereed_toelichting == "Huurachterstand bevroren tot 1 maart."
    assert Actie.objects.get(pk=afspraak.actie_id).gereed

    # Beheer: the change another beheerder proposed, approved on its own page.
    voorstel = Wijzigingsvoorstel.objects.get(status=WijzigingStatus.OPEN)
    sectie = _start(page, "beheer", "Wijzigingen die op een tweede beheerder wachten")
    _past_op_375(page, "mijn-taken-beheer")
    sectie.get_by_role("link", name=voorstel.omschrijving).click()
    toegankelijk(page, "wijzigingsvoorstel")
    page.get_by_label("Goedkeuren en toepassen").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Goedgekeurd en toegepast.")).to_be_visible()
    toegankelijk(page, "wijzigingsvoorstel na goedkeuring")
    voorstel.refresh_from_db()
    assert voorstel.status == WijzigingStatus.TOEGEPAST
    assert voorstel.beoordeeld_door.username == "beheer"
    mandaat = Mandaat.objects.get(pk=voorstel.gegevens["id"])
    assert mandaat.max_bedrag == Decimal("7500.00")
