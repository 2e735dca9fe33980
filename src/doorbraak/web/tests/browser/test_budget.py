"""The doorbraakbudget screens in a real browser, on the demo data, checked with axe-core:
the request page, the new request form, the worklists and the budget page."""

from pathlib import Path

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
    page.get_by_label("Bedrag (euro)").fill("300,00")
    page.get_by_label("Ontvanger", exact=True).fill("Woningcorporatie Peelwonen")
    page.get_by_label("IBAN van de ontvanger").fill("NL00")
    page.get_by_label("Motivering").fill("Huurachterstand.")
    page.get_by_label("Netto maandinkomen van het huishouden").fill("2150.00")
    page.get_by_label("Vaste lasten per maand").fill("780.00")
    page.get_by_role("button", name="Bereken draagkrachtvoorstel").click()
    expect(page.get_by_text("Aflosruimte € 110,00 per maand")).to_be_visible()
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


def test_financien_exporteert_sepa_en_registreert_een_aflossing_in_de_schermen(pagina):
    from doorbraak.budget.models import Boeking, Exportregel, Soort

    call_command("demo")
    page = pagina
    inloggen(page, "financien", "doorbraak-demo")
    page.goto("/aanvragen?lijst=te_betalen")
    expect(page.get_by_role("heading", name="Betaalbestand (SEPA)")).to_be_visible()
    expect(page.get_by_text("nog niet geëxporteerd").first).to_be_visible()
    toegankelijk(page, "te betalen met SEPA")
    with page.expect_download() as download:
        page.get_by_role("button", name="Betaalbestand downloaden").click()
    assert download.value.suggested_filename.startswith("betaalbestand-doorbraakbudget-")
    assert "pain.001" in Path(download.value.path()).read_text(encoding="utf-8")
    assert Exportregel.objects.count() >= 1
    page.goto("/aanvragen?lijst=te_betalen")
    expect(page.get_by_text("geëxporteerd op").first).to_be_visible()
    # a second download has nothing new: said beside the fund, nothing exported twice
    page.get_by_role("button", name="Betaalbestand downloaden").click()
    expect(page.get_by_text("nog niet in een betaalbestand").first).to_be_visible()
    toegankelijk(page, "sepa nogmaals")

    page.goto("/aanvragen?lijst=aflossingen")
    page.get_by_role("link", name="Gezin Jansen").first.click()
    expect(page.get_by_role("table", name="Aflossingsschema")).to_be_visible()
    expect(page.get_by_text("achterstallig").first).to_be_visible()
    toegankelijk(page, "lening met schema")
    schermafdruk(page, "lening-aflossingsschema")
    page.get_by_label("Ontvangen aflossing (euro)").fill("75,00")
    page.get_by_role("button", name="Aflossing registreren").click()
    expect(page.get_by_text("De aflossing is geregistreerd.")).to_be_visible()
    assert Boeking.objects.filter(soort=Soort.AFLOSSING, centen=7500).count() >= 2
    toegankelijk(page, "lening na aflossing")


def test_regisseur_wijzigt_een_concept(pagina):
    call_command("demo")
    page = pagina
    inloggen(page, "regisseur", "doorbraak-demo")
    concept = Aanvraag.objects.filter(aanvrager__username="regisseur", status="concept").first()
    page.goto(f"/aanvragen/{concept.pk}")
    page.get_by_role("link", name="Concept wijzigen").click()
    expect(page.get_by_role("heading", name="Concept-aanvraag wijzigen")).to_be_visible()
    toegankelijk(page, "concept wijzigen")
    page.get_by_label("Bedrag (euro)").fill("250000")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_text("reikt tot").first).to_be_visible()
    expect(page.get_by_label("Bedrag (euro)")).to_have_value("250.000,00")
    toegankelijk(page, "concept boven mandaat")
