"""The cost catalogue screen: everyone in the gemeente reads it, the beleidsadviseur changes it,
every change is in the change log, bad input is refused beside its field and stores nothing."""

import pytest

from doorbraak.mkba.models import KengetalAanpassing, KengetalWijziging
from doorbraak.mkba.selectors import catalogus_van_gemeente
from doorbraak.organisaties.models import Rol

pytestmark = pytest.mark.django_db


@pytest.fixture
def beleid(gemeente, maak_medewerker, client):
    medewerker = maak_medewerker(gemeente, Rol.BELEID, username="beleid")
    client.force_login(medewerker)
    return client


def formulier(**wijzig) -> dict:
    data = {
        "omschrijving": "Directe kosten van een huisuitzetting (Peelstad)",
        "bedrag": "9500.00",
        "laag": "",
        "hoog": "",
        "eenheid": "per_keer",
        "prijsjaar": "2025",
        "betaler": "woningcorporatie",
        "waardetype": "fiscaal",
        "betrouwbaarheid": "C",
        "bron_titel": "Opgave Peelwonen 2025",
        "bron_url": "https://peelwonen.example/kosten",
        "toelichting": "Regionaal tarief van de corporatie.",
    }
    data.update(wijzig)
    return data


def test_iedereen_in_de_gemeente_leest_de_catalogus(client, regisseur):
    client.force_login(regisseur)
    html = client.get("/kengetallen").content.decode()
    assert "deurwaarder, ontruiming" in html  # the label, not the code (issue 17)
    assert "huisuitzetting_direct" not in html
    assert "Eigen kengetal toevoegen" not in html
    # an assumption without a source stays on the to-check list, and says so
    rij = html[html.index("Gezinsopvang, een gezin") :]
    rij = rij[: rij.index("</tr>")]
    assert "(D, nog te verifiëren)" in rij and "per jaar, per gezin" in rij
    assert "Aanname van Doorbraak, geen bron gevonden" in rij
    rij = html[html.index("Kinderen blijven thuis wonen") :]
    assert "(D, aanname)" in rij[: rij.index("</tr>")]  # a described effect is an assumption
    assert "gemeente_wmo" not in html and "Gemeente (Wmo)" in html  # payers by name
    assert client.get("/kengetallen/huisuitzetting_direct").status_code == 403


def test_beleid_past_een_landelijk_kengetal_aan_en_herstelt_het(beleid, gemeente):
    antwoord = beleid.post("/kengetallen/huisuitzetting_direct", formulier())
    assert antwoord.status_code == 302
    item = catalogus_van_gemeente(gemeente_id=gemeente.pk)["huisuitzetting_direct"]
    assert item.herkomst == "aangepast" and item.kengetal.bedrag == 9500
    wijziging = KengetalWijziging.objects.get()
    assert (
        wijziging.actor == "beleid"
        and wijziging.toelichting == "Regionaal tarief van de corporatie."
    )
    assert "aangepast" in beleid.get("/kengetallen").content.decode()

    assert beleid.post("/kengetallen/huisuitzetting_direct/herstellen").status_code == 302
    assert catalogus_van_gemeente(gemeente_id=gemeente.pk)["huisuitzetting_direct"].herkomst == (
        "landelijk"
    )
    assert KengetalWijziging.objects.count() == 2


def test_eigen_kengetal_toevoegen(beleid, gemeente):
    data = formulier(code="peelstad_woonbegeleiding_uur", omschrijving="Woonbegeleiding Peelstad",
                     eenheid="per_uur", bedrag="68.50", betaler="gemeente_wmo")  # fmt: skip
    assert beleid.post("/kengetallen/nieuw", data).status_code == 302
    assert catalogus_van_gemeente(gemeente_id=gemeente.pk)[
        "peelstad_woonbegeleiding_uur"
    ].herkomst == ("eigen")


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"bedrag": "-1"}, "bedrag"),
        ({"prijsjaar": "1999"}, "prijsjaar"),
        ({"bron_url": "geen adres"}, "bron_url"),
        ({"toelichting": ""}, "toelichting"),
    ],
)
def test_foute_invoer_bij_het_veld_en_niets_opgeslagen(beleid, wijziging, veld):
    antwoord = beleid.post("/kengetallen/huisuitzetting_direct", formulier(**wijziging))
    assert antwoord.status_code == 400
    assert f'id="id_{veld}-fout"' in antwoord.content.decode()
    assert not KengetalAanpassing.objects.exists() and not KengetalWijziging.objects.exists()


def test_andere_gemeente_ziet_de_aanpassing_niet(beleid, andere_gemeente, gemeente):
    beleid.post("/kengetallen/huisuitzetting_direct", formulier())
    elders = catalogus_van_gemeente(gemeente_id=andere_gemeente.pk)["huisuitzetting_direct"]
    assert elders.herkomst == "landelijk"


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [({"betaler": "de buurman"}, "betaler"), ({"eenheid": "per eeuw"}, "eenheid")],
)
def test_eigen_kengetal_met_foute_keuze_geweigerd(beleid, wijziging, veld):
    data = formulier(code="peelstad_iets", **wijziging)
    antwoord = beleid.post("/kengetallen/nieuw", data)
    assert antwoord.status_code == 400
    assert f'id="id_{veld}-fout"' in antwoord.content.decode()
    assert not KengetalAanpassing.objects.exists()


def test_landelijke_velden_liggen_vast(beleid, gemeente):
    beleid.post("/kengetallen/huisuitzetting_direct", formulier(betaler="huishouden"))
    item = catalogus_van_gemeente(gemeente_id=gemeente.pk)["huisuitzetting_direct"]
    assert item.kengetal.betaler == "woningcorporatie"  # not changeable for a national entry
