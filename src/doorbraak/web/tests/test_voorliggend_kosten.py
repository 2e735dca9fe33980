"""The Voorliggend page, the Kennisbank and 'Kosten en baten' with its PDF, as a user uses them."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from doorbraak.casussen.models import Knelpunt
from doorbraak.mkba.models import Mkba
from doorbraak.mkba.tests.test_api_mkba import BODY
from doorbraak.regels import kennisbank as kennisbankmodule
from doorbraak.regels.models import Regelcheck

kennisbank = kennisbankmodule.laad([kennisbankmodule.STANDAARD_MAP]).kennisbank

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(client, regisseur):
    client.force_login(regisseur)
    return client


def test_voorliggend_zonder_check_en_dan_met(web, casus):
    pagina = web.get(f"/casussen/{casus.pk}/voorliggend").content.decode()
    assert "Nog geen check uitgevoerd" in pagina
    assert web.post(f"/casussen/{casus.pk}/voorliggend").status_code == 302
    check = Regelcheck.objects.get()
    html = web.get(f"/casussen/{casus.pk}/voorliggend").content.decode()
    # Missing facts are asked as questions, each voorziening shows its outcome and sources.
    assert "Vragen die het meest beslissen" in html
    eerste = check.uitkomst["ontbrekende_feiten"][0]
    assert eerste["vraag"] in html.replace("&#x27;", "'")
    assert "wetten.overheid.nl" in html
    assert check.uitkomst["voorzieningen"][0]["naam"] in html


def test_antwoorden_veranderen_de_uitkomst(web, casus):
    web.post(f"/casussen/{casus.pk}/voorliggend")
    eerste = Regelcheck.objects.get()
    ja_nee = next(f for f in eerste.uitkomst["ontbrekende_feiten"] if f["type"] == "ja_nee")
    antwoord = web.post(f"/casussen/{casus.pk}/voorliggend", {f"feit-{ja_nee['feit']}": "ja"})
    assert antwoord.status_code == 302
    tweede = Regelcheck.objects.order_by("-aangemaakt_op").first()
    assert tweede.ingevoerde_feiten[ja_nee["feit"]] is True
    assert len(tweede.uitkomst["ontbrekende_feiten"]) < len(eerste.uitkomst["ontbrekende_feiten"])


def test_fout_feit_bij_het_veld_en_niets_opgeslagen(web, casus):
    web.post(f"/casussen/{casus.pk}/voorliggend")
    check = Regelcheck.objects.get()
    # facts about one member are asked per member, not in the household's questions
    per_persoon = {n for n, d in kennisbank.feiten.items() if d.per_persoon}
    getal = next(
        f
        for f in check.uitkomst["ontbrekende_feiten"]
        if f["type"] in ("getal", "bedrag") and f["feit"] not in per_persoon
    )
    antwoord = web.post(f"/casussen/{casus.pk}/voorliggend", {f"feit-{getal['feit']}": "veel"})
    assert antwoord.status_code == 400
    assert f'id="id_feit-{getal["feit"]}-fout"' in antwoord.content.decode()
    assert Regelcheck.objects.count() == 1


def test_blokkerende_regel_wordt_knelpunt(web, casus):
    web.post(f"/casussen/{casus.pk}/voorliggend")
    check = Regelcheck.objects.get()
    # Answer every missing fact 'nee'/0 until something blocks; then turn it into a knelpunt.
    antwoorden = {
        f"feit-{f['feit']}": "nee" if f["type"] == "ja_nee" else (f["keuzes"] or ["0"])[0]
        for f in check.uitkomst["ontbrekende_feiten"]
        if f["type"] in ("ja_nee", "keuze") or f["type"] == "getal"
    }
    web.post(f"/casussen/{casus.pk}/voorliggend", antwoorden)
    check = Regelcheck.objects.order_by("-aangemaakt_op").first()
    blokkerend = next(
        v
        for v in check.uitkomst["voorzieningen"]
        if v["uitkomst"] == "niet_mogelijk" or v["niet_snel_genoeg"]
    )
    antwoord = web.post(
        f"/casussen/{casus.pk}/voorliggend/{check.pk}/knelpunt",
        {"voorziening": blokkerend["code"]},
    )
    assert antwoord.status_code == 302
    knelpunt = Knelpunt.objects.get()
    assert knelpunt.regeling and knelpunt.plan.casus_id == casus.pk


def test_voorliggend_van_andere_gemeente_niet_gevonden(web, regisseur_elders, maak_casus):
    vreemd = maak_casus(regisseur_elders, naam="Elders")
    assert web.get(f"/casussen/{vreemd.pk}/voorliggend").status_code == 404
    assert web.post(f"/casussen/{vreemd.pk}/voorliggend").status_code == 404
    assert not Regelcheck.objects.exists()


def test_kennisbank_toont_regelingen_met_bronnen(web):
    html = web.get("/kennisbank").content.decode()
    for naam in ("Participatiewet", "Jeugdwet", "Algemene wet bestuursrecht"):
        assert naam in html
    assert "https://wetten.overheid.nl/" in html


def _mkba(api_als, regisseur, casus):
    antwoord = api_als(regisseur).post(f"/api/v1/casussen/{casus.pk}/mkbas", BODY, format="json")
    assert antwoord.status_code == 201
    return Mkba.objects.get(pk=antwoord.json()["id"])


def test_kosten_en_baten_naast_elkaar_met_pdf(web, api_als, regisseur, casus):
    assert (
        "Nog geen berekening" in web.get(f"/casussen/{casus.pk}/kosten-en-baten").content.decode()
    )
    mkba = _mkba(api_als, regisseur, casus)
    html = web.get(f"/casussen/{casus.pk}/kosten-en-baten").content.decode()
    saldo = f"{mkba.saldo:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    assert f"€ {saldo}" in html
    assert "Huidig pad: doormodderen" in html and "<svg" in html and "Waardendriehoek" in html
    assert "Veel goedkoper dan uithuisplaatsing." in html

    pdf = web.get(f"/casussen/{casus.pk}/kosten-en-baten/pdf")
    assert pdf["Content-Type"] == "application/pdf"
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Kosten en baten" in tekst and f"€ {saldo}" in tekst
    assert "Aannames" in tekst


def test_kosten_van_andere_gemeente_niet_gevonden(web, api_als, regisseur_elders, maak_casus):
    vreemd = maak_casus(regisseur_elders, naam="Elders")
    _mkba(api_als, regisseur_elders, vreemd)
    assert web.get(f"/casussen/{vreemd.pk}/kosten-en-baten").status_code == 404
    assert web.get(f"/casussen/{vreemd.pk}/kosten-en-baten/pdf").status_code == 404


def test_queries_constant(web, api_als, regisseur, casus):
    _mkba(api_als, regisseur, casus)
    web.post(f"/casussen/{casus.pk}/voorliggend")

    def tel(pad):
        with CaptureQueriesContext(connection) as ctx:
            assert web.get(pad).status_code == 200
        return len(ctx.captured_queries)

    for pad in ("/casussen/{id}/voorliggend", "/casussen/{id}/kosten-en-baten"):
        voor = tel(pad.format(id=casus.pk))
        _mkba(api_als, regisseur, casus)
        web.post(f"/casussen/{casus.pk}/voorliggend")
        assert tel(pad.format(id=casus.pk)) == voor, pad


def _berekening(**extra) -> dict:
    data = {
        "mkba-horizon_jaren": "3",
        "mkba-rendement_score": "2",
        "mkba-rendement_toelichting": "Goedkoper dan uitzetting.",
        "huidig_pad-TOTAL_FORMS": "1",
        "huidig_pad-INITIAL_FORMS": "0",
        "huidig_pad-0-kengetal": "huisuitzetting_direct",
        "huidig_pad-0-aantal": "1",
        "huidig_pad-0-kans": "0.6",
        "huidig_pad-0-jaar": "1",
        "doorbraak-TOTAL_FORMS": "0",
        "doorbraak-INITIAL_FORMS": "0",
        "doorbraak_kosten-TOTAL_FORMS": "1",
        "doorbraak_kosten-INITIAL_FORMS": "0",
        "doorbraak_kosten-0-omschrijving": "Huurachterstand betalen",
        "doorbraak_kosten-0-bedrag": "3400",
        "doorbraak_kosten-0-jaar": "1",
    }
    data.update(extra)
    return data


def test_berekening_maken_in_het_scherm(web, casus):
    pad = f"/casussen/{casus.pk}/kosten-en-baten/berekenen"
    assert web.get(pad).status_code == 200
    antwoord = web.post(pad, _berekening())
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    mkba = Mkba.objects.get()
    assert mkba.rendement_score == 2 and mkba.horizon_jaren == 3
    assert mkba.invoer["doorbraak_kosten"][0]["bedrag"] == "3400"
    # The next calculation starts from this one.
    html = web.get(pad).content.decode()
    assert 'value="huisuitzetting_direct" selected' in html and "Huurachterstand betalen" in html


@pytest.mark.parametrize(
    ("wijziging", "veld_id"),
    [
        ({"huidig_pad-0-kans": "1.5"}, "id_huidig_pad-0-kans"),
        ({"huidig_pad-0-jaar": "5"}, "id_huidig_pad-0-jaar"),
        ({"huidig_pad-0-kengetal": "bestaat_niet"}, "id_huidig_pad-0-kengetal"),
        ({"doorbraak_kosten-0-bedrag": "-5"}, "id_doorbraak_kosten-0-bedrag"),
    ],
)
def test_foute_berekening_bij_het_veld_en_niets_opgeslagen(web, casus, wijziging, veld_id):
    antwoord = web.post(f"/casussen/{casus.pk}/kosten-en-baten/berekenen", _berekening(**wijziging))
    assert antwoord.status_code == 400
    assert f'id="{veld_id}-fout"' in antwoord.content.decode()
    assert not Mkba.objects.exists()


def test_nieuwe_mkba_rij(web):
    html = web.get("/formulier/rij/huidig_pad?index=2").content.decode()
    assert 'name="huidig_pad-2-kengetal"' in html and "huisuitzetting_direct" in html
