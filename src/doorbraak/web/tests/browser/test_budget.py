"""The doorbraakbudget screens in a real browser, on the demo data, checked with axe-core:
the request page, the new request form, the worklists and the budget page."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from doorbraak.budget.models import Aanvraag
from doorbraak.web.tests.browser.conftest import inloggen, schermafdruk, toegankelijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_budgetschermen_zijn_toegankelijk(pagina):
    call_command("demo")
    page = pagina
    inloggen(page, "collega", "doorbraak-demo")
    page.goto("/aanvragen?lijst=te_beoordelen")
    expect(page.get_by_role("heading", name="Aanvragen doorbraakbudget")).to_be_visible()
    toegankelijk(page, "te beoordelen")
    page.get_by_role("link", name="Huishouden De Wit").first.click()
    expect(page.get_by_role("button", name="Meekijken vastleggen")).to_be_visible()
    toegankelijk(page, "aanvraag meekijken")
    schermafdruk(page, "aanvraag-meekijken")

    page.context.clear_cookies()
    inloggen(page, "regisseur", "doorbraak-demo")
    casus = Aanvraag.objects.filter(aanvrager__username="regisseur").first().casus
    page.goto(f"/casussen/{casus.pk}/aanvragen/nieuw")
    expect(page.get_by_role("heading", name="Nieuwe aanvraag doorbraakbudget")).to_be_visible()
    toegankelijk(page, "nieuwe aanvraag")
    page.get_by_label("Bedrag (euro)").fill("300.00")
    page.get_by_label("Ontvanger", exact=True).fill("Woningcorporatie Peelwonen")
    page.get_by_label("IBAN van de ontvanger").fill("NL00")
    page.get_by_label("Motivering").fill("Huurachterstand.")
    page.get_by_label("Netto maandinkomen van het huishouden").fill("2150.00")
    page.get_by_label("Vaste lasten per maand").fill("780.00")
    page.get_by_role("button", name="Bereken draagkrachtvoorstel").click()
    expect(page.get_by_text("Aflosruimte € 110.00 per maand")).to_be_visible()
    toegankelijk(page, "draagkrachtvoorstel")
    page.get_by_role("button", name="Opslaan als concept").click()
    expect(page.get_by_text("Dit is geen geldig IBAN.").first).to_be_visible()
    toegankelijk(page, "nieuwe aanvraag met fout")

    page.context.clear_cookies()
    inloggen(page, "financien", "doorbraak-demo")
    page.goto("/aanvragen?lijst=aflossingen")
    expect(page.get_by_role("table")).to_be_visible()
    toegankelijk(page, "aflossingen")
    page.goto("/budget")
    expect(page.get_by_text("Samenloopbudget pilot").first).to_be_visible()
    toegankelijk(page, "budget")
    schermafdruk(page, "budget")
