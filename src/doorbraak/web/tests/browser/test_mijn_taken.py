"""Each role starts at Mijn taken and does its next task without typing a URL, on the demo:
the colleague reviews a request, the manager gives the go on it, finance registers the payment.
axe-core on every page; Mijn taken at 1366 and 375 px in `screenshots/`."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from doorbraak.budget.models import Aanvraag
from doorbraak.mijntaken import ontvangers
from doorbraak.organisaties.models import MandaatRol
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

    # The regisseur and the e-mail settings, reached from the page.
    _start(page, "regisseur", "Verlopen acties")
    _past_op_375(page, "mijn-taken-regisseur")
    page.get_by_role("link", name="E-mailmeldingen instellen").click()
    page.get_by_label("Eén dagelijks overzicht").check()
    toegankelijk(page, "meldingen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Uw keuze voor e-mailmeldingen is opgeslagen.")).to_be_visible()
