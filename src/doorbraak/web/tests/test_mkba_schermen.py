"""The MKBA screens: the doorbraak scenario in full (own amounts with toelichting, helpers who
stay, residual risk, a loan), the one sentence on top, plain words, and the follow-up form."""

from decimal import Decimal as D

import pytest
from django.utils import timezone

from doorbraak.casussen import services as casus_services
from doorbraak.mkba.models import Mkba, Nameting

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(client, regisseur):
    client.force_login(regisseur)
    return client


def _formulier(**extra) -> dict:
    data = {
        "mkba-horizon_jaren": "2",
        "mkba-sleutel_omschrijving": "uithuiszetting",
        "mkba-sleutelkans_huidig_pad": "0.6",
        "mkba-sleutelkans_doorbraak": "0.05",
        "mkba-sleutelkans_betrouwbaarheid": "C",
        "mkba-hulpverleners_meenemen": "on",
        "huidig_pad-TOTAL_FORMS": "1",
        "huidig_pad-INITIAL_FORMS": "0",
        "huidig_pad-0-omschrijving": "Ontruiming en nasleep",
        "huidig_pad-0-bedrag": "10000",
        "huidig_pad-0-betaler": "woningcorporatie",
        "huidig_pad-0-betrouwbaarheid": "A",
        "huidig_pad-0-aantal": "1",
        "huidig_pad-0-kans": "1",
        "huidig_pad-0-sleutel": "on",
        "huidig_pad-0-jaar": "1",
        "huidig_pad-0-toelichting": "opgave van de corporatie",
        "doorbraak-TOTAL_FORMS": "1",
        "doorbraak-INITIAL_FORMS": "0",
        "doorbraak-0-omschrijving": "Restrisico ontruiming",
        "doorbraak-0-bedrag": "10000",
        "doorbraak-0-betaler": "woningcorporatie",
        "doorbraak-0-betrouwbaarheid": "A",
        "doorbraak-0-aantal": "1",
        "doorbraak-0-kans": "1",
        "doorbraak-0-sleutel": "on",
        "doorbraak-0-jaar": "1",
        "doorbraak-0-toelichting": "kleine kans dat het toch misgaat",
        "doorbraak_kosten-TOTAL_FORMS": "1",
        "doorbraak_kosten-INITIAL_FORMS": "0",
        "doorbraak_kosten-0-omschrijving": "Herstelrekening als lening",
        "doorbraak_kosten-0-bedrag": "2000",
        "doorbraak_kosten-0-jaar": "1",
        "doorbraak_kosten-0-vorm": "lening",
        "doorbraak_kosten-0-ontvanger": "woningcorporatie",
        "doorbraak_kosten-0-terugbetaald": "0.5",
        "doorbraak_kosten-0-aflossingsjaren": "1",
    }
    data.update(extra)
    return data


def test_volledige_doorbraak_in_het_scherm(web, casus, regisseur):
    casus_services.hulpverlener_toevoegen(
        door=regisseur,
        casus_id=casus.pk,
        invoer=casus_services.HulpverlenerInvoer(
            "Kredietbank", "Schuldhulpverlener", geschatte_jaarkosten=D("2800")
        ),
    )
    hulp = casus.hulpverleners.get()
    pad = f"/casussen/{casus.pk}/kosten-en-baten/berekenen"
    html = web.get(pad).content.decode()
    assert f'name="mkba-blijft_{hulp.pk}"' in html
    antwoord = web.post(pad, _formulier(**{f"mkba-blijft_{hulp.pk}": "1"}))
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    u = Mkba.objects.get().uitkomst
    # huidig: 10000 x 0.6 (C: -25%) = 4500; helper 2 x 2800, year 2 avoided (D: -50%) = 4200
    # doorbraak: 10000 x 0.05 x 1.25 = 625; helper year 1 = 2800; loan 2000 - 1000 x 0.75
    assert D(u["huidig_pad"]["totaal"]) == D("4500") + D("2800") + D("1400")
    assert D(u["doorbraak"]["totaal"]) == D("625") + D("2800") + D("2000") - D("750")
    assert u["posten"][0]["toelichting"] == "opgave van de corporatie"
    pagina = web.get(f"/casussen/{casus.pk}/kosten-en-baten").content.decode()
    assert u["omslagpunt"]["zin"] in pagina
    assert "Woningcorporatie" in pagina and "woningcorporatie;" not in pagina
    assert "Gemeente (alle budgetten samen)" in pagina
    assert "1 : " in pagina  # the ratios
    # two readings under two names (central, optimistic), never a third name for the same figure
    assert "voorzichtig" not in pagina.lower()
    assert "Centrale schatting" in pagina and "optimistisch" in pagina
    pdf = web.get(f"/casussen/{casus.pk}/kosten-en-baten/pdf")  # same content as the page
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # the form opens again with the own amounts, the key event and the helper's choice
    html = web.get(pad).content.decode()
    assert "opgave van de corporatie" in html and 'value="uithuiszetting"' in html
    assert '<option value="1" selected>' in html


def test_eigen_bedrag_zonder_toelichting_wordt_geweigerd(web, casus):
    antwoord = web.post(
        f"/casussen/{casus.pk}/kosten-en-baten/berekenen",
        _formulier(**{"huidig_pad-0-toelichting": ""}),
    )
    assert antwoord.status_code == 400
    assert 'id="id_huidig_pad-0-toelichting-fout"' in antwoord.content.decode()
    assert not Mkba.objects.exists()


def test_waarschuwing_als_de_doorbraak_geen_restrisico_heeft(web, casus):
    antwoord = web.post(
        f"/casussen/{casus.pk}/kosten-en-baten/berekenen",
        _formulier(**{"mkba-sleutelkans_doorbraak": "0"}),
    )
    assert antwoord.status_code == 302
    pagina = web.get(f"/casussen/{casus.pk}/kosten-en-baten").content.decode()
    assert "zonder restrisico" in pagina


def test_nameting_in_het_scherm(web, casus):
    web.post(f"/casussen/{casus.pk}/kosten-en-baten/berekenen", _formulier())
    pad = f"/casussen/{casus.pk}/kosten-en-baten/nameting"
    assert web.get(pad).status_code == 200
    fout = web.post(pad, {"datum": "2999-01-01"})
    assert fout.status_code == 400 and 'id="id_datum-fout"' in fout.content.decode()
    antwoord = web.post(
        pad,
        {"datum": timezone.localdate().isoformat(), "sleutelgebeurtenis": "nee",
         "hulpverleners_gestopt": "0", "werkelijke_kosten": "1000"},
    )  # fmt: skip
    assert antwoord.status_code == 302
    n = Nameting.objects.get()
    assert n.sleutelgebeurtenis is False and n.werkelijke_kosten == D("1000")
    pagina = web.get(f"/casussen/{casus.pk}/kosten-en-baten").content.decode()
    assert "Voorspeld tegen gerealiseerd" in pagina and "uithuiszetting: 5%" in pagina
