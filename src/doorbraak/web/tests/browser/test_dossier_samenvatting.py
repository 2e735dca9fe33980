"""The dossier says what is next and can be edited (issue 17), in a real browser on the demo: the
regisseur opens Gezin Jansen from the worklist, reads the summary (next step, loan arrears),
records a contact moment (an error first: the input stays), corrects the household's phone
number and hands the case over. axe-core on every page; the summary at 1366 and 375 px in
`screenshots/` (`dossier-samenvatting-1366.png`, `dossier-samenvatting-375.png`)."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from doorbraak.casussen.models import Casus, Contactmoment
from doorbraak.web.tests.browser.conftest import SCHERMAFDRUKKEN, inloggen, toegankelijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WACHTWOORD = "doorbraak-demo"


def _samenvatting_vastleggen(page, breedte: int) -> None:
    page.set_viewport_size({"width": breedte, "height": 900 if breedte > 400 else 800})
    breed = page.evaluate("document.documentElement.scrollWidth")
    assert breed <= breedte, f"het dossier scrolt opzij op {breedte} px ({breed} px breed)"
    toegankelijk(page, f"dossier {breedte}")
    SCHERMAFDRUKKEN.mkdir(parents=True, exist_ok=True)
    page.locator("#samenvatting").screenshot(
        path=str(SCHERMAFDRUKKEN / f"dossier-samenvatting-{breedte}.png")
    )


def test_dossier_zegt_wat_nu_en_is_te_bewerken(pagina):
    call_command("demo")
    page = pagina
    inloggen(page, "regisseur", WACHTWOORD)
    page.goto("/casussen")
    page.get_by_role("link", name="Gezin Jansen").first.click()
    expect(page.get_by_role("heading", level=1, name="Gezin Jansen")).to_be_visible()
    samenvatting = page.get_by_role("region", name="Wat nu")
    expect(samenvatting.get_by_text("Volgende stap")).to_be_visible()
    expect(samenvatting.get_by_text("Achterstand:")).to_be_visible()
    expect(samenvatting.get_by_text("Lopende aanvragen", exact=True)).to_be_visible()
    _samenvatting_vastleggen(page, 375)
    _samenvatting_vastleggen(page, 1366)
    casus_id = page.url.rstrip("/").split("/")[-1].split("#")[0]

    # A contact moment: without "met wie" first; the error sits beside the field, input stays.
    page.get_by_role("link", name="Contactmoment vastleggen").click()
    toegankelijk(page, "contactmomenten")
    page.get_by_label("Soort contact").select_option("telefoon")
    page.get_by_label("Korte notitie").fill("Afspraak met Enexis doorgesproken.")
    page.get_by_role("button", name="Contactmoment vastleggen").click()
    expect(page.get_by_text("Controleer de gemarkeerde velden")).to_be_visible()
    expect(page.get_by_label("Korte notitie")).to_have_value("Afspraak met Enexis doorgesproken.")
    toegankelijk(page, "contactmoment fout")
    page.get_by_label("Met wie").fill("Demi Jansen")
    page.get_by_role("button", name="Contactmoment vastleggen").click()
    expect(page.get_by_text("Het contactmoment is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("region", name="Wat nu").get_by_text("Demi Jansen")).to_be_visible()
    assert Contactmoment.objects.filter(casus_id=casus_id, met_wie="Demi Jansen").exists()

    # The household's phone number, an error first.
    page.get_by_role("link", name="Huishouden wijzigen").click()
    toegankelijk(page, "huishouden wijzigen")
    page.get_by_label("Telefoon").fill("bel de buren")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_label("Telefoon")).to_have_value("bel de buren")
    expect(page.locator("#id_telefoon-fout")).to_be_visible()
    page.get_by_label("Telefoon").fill("0492 765432")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("0492 765432")).to_be_visible()

    # A new member's form, and the hand-over to the coach.
    page.get_by_role("link", name="Gezinslid toevoegen").click()
    toegankelijk(page, "gezinslid toevoegen")
    page.go_back()
    page.get_by_role("link", name="Regie overdragen").click()
    toegankelijk(page, "regie overdragen")
    page.get_by_label("Nieuwe regisseur").select_option(index=1)
    page.get_by_label("Reden van de overdracht").fill("Coach neemt de schulden over.")
    page.get_by_role("button", name="Regie overdragen").click()
    expect(page.get_by_text("De regie is overgedragen.")).to_be_visible()
    assert Casus.objects.get(pk=casus_id).regisseur.username != "regisseur"
