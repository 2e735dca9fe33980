"""GET /kengetallen, and a beleidsadviseur's overrides and own entries, each change logged."""

from decimal import Decimal as D

import pytest

from doorbraak.mkba import catalogus
from doorbraak.mkba.models import AlleenToevoegen, KengetalAanpassing, KengetalWijziging
from doorbraak.organisaties.models import Rol

pytestmark = pytest.mark.django_db


@pytest.fixture
def beleid(gemeente, maak_medewerker):
    return maak_medewerker(gemeente, Rol.BELEID, username="beleid")


@pytest.fixture
def api_beleid(api_als, beleid):
    return api_als(beleid)


def kengetallen(client) -> dict[str, dict]:
    antwoord = client.get("/api/v1/kengetallen")
    assert antwoord.status_code == 200
    return {k["code"]: k for k in antwoord.json()}


def test_kengetallen_met_de_velden_van_api_md_op_een_prijspeil(api):
    lijst = kengetallen(api)
    assert len(lijst) == len(catalogus.landelijk())
    k = lijst["huisuitzetting_direct"]
    assert {"code", "omschrijving", "bedrag", "eenheid", "prijsjaar", "betaler", "bron"} <= set(k)
    assert k["prijsjaar"] == catalogus.instellingen().prijspeil
    assert (k["bron_bedrag"], k["bron_prijsjaar"]) == ("7500.00", 2014)
    assert D(k["bedrag"]) > D(k["bron_bedrag"])
    assert k["herkomst"] == "landelijk"
    assert k["betrouwbaarheid"] == "C"


def test_beleidsadviseur_past_een_bedrag_aan_met_bron(api_beleid, api, beleid):
    antwoord = api_beleid.put(
        "/api/v1/kengetallen/wmo_begeleiding_uur",
        {
            "bedrag": "68.40",
            "prijsjaar": 2025,
            "betrouwbaarheid": "A",
            "status": "checked",
            "bron": {"titel": "Contract Wmo-begeleiding Peelregio 2025"},
            "toelichting": "Nieuw regionaal contract.",
        },
        format="json",
    )
    assert antwoord.status_code == 200, antwoord.json()
    k = kengetallen(api)["wmo_begeleiding_uur"]
    assert (k["bedrag"], k["herkomst"], k["betrouwbaarheid"]) == ("68.40", "aangepast", "A")
    assert k["omschrijving"] == "Wmo ambulante begeleiding, individueel (basis)"  # stays national
    wijziging = KengetalWijziging.objects.get()
    assert (wijziging.handeling, wijziging.actor, wijziging.oud) == ("aanmaken", "beleid", None)
    assert wijziging.nieuw["bedrag"] == "68.40"
    assert wijziging.toelichting == "Nieuw regionaal contract."


def test_eigen_kengetal_toevoegen_wijzigen_en_weer_weghalen(api_beleid, api):
    eigen = {
        "omschrijving": "Peelstad: noodopvang gezin per nacht",
        "bedrag": "95.00",
        "eenheid": "per_nacht",
        "prijsjaar": 2025,
        "betaler": "gemeente_wmo",
        "waardetype": "fiscaal",
        "betrouwbaarheid": "B",
        "status": "checked",
        "bron": {"titel": "Subsidiebeschikking noodopvang 2025", "url": "https://peelstad.example"},
    }
    assert (
        api_beleid.put("/api/v1/kengetallen/peelstad_noodopvang", eigen, format="json").status_code
        == 200
    )
    assert kengetallen(api)["peelstad_noodopvang"]["herkomst"] == "eigen"
    antwoord = api_beleid.put(
        "/api/v1/kengetallen/peelstad_noodopvang", {**eigen, "bedrag": "99.00"}, format="json"
    )
    assert antwoord.json()["bedrag"] == "99.00"
    assert api_beleid.delete("/api/v1/kengetallen/peelstad_noodopvang").status_code == 204
    assert "peelstad_noodopvang" not in kengetallen(api)
    log = api_beleid.get("/api/v1/kengetalwijzigingen").json()
    assert [w["handeling"] for w in log["results"]] == ["verwijderen", "wijzigen", "aanmaken"]
    assert log["results"][1]["oud"]["bedrag"] == "95.00"
    assert log["results"][1]["nieuw"]["bedrag"] == "99.00"


def test_berekening_gebruikt_het_bedrag_van_de_gemeente(api_beleid, api, maak_casus, regisseur):
    api_beleid.put(
        "/api/v1/kengetallen/politie_uur",
        {"bedrag": "100.00", "prijsjaar": 2025, "bron": {"titel": "Eigen opgave politie"}},
        format="json",
    )
    casus = maak_casus(regisseur)
    antwoord = api.post(
        f"/api/v1/casussen/{casus.pk}/mkbas",
        {"horizon_jaren": 1, "huidig_pad": [{"kengetal": "politie_uur", "aantal": "10"}]},
        format="json",
    )
    data = antwoord.json()
    assert data["lezingen"]["optimistisch"]["huidig_pad"]["totaal"] == "1000.00"
    # the central estimate takes the grade of the entry (politie_uur: D, 50% less)
    assert data["huidig_pad"]["totaal"] == "500.00"


@pytest.mark.parametrize(
    ("code", "body", "veld"),
    [
        ("politie_uur", {"bedrag": "-5", "prijsjaar": 2025, "bron": {"titel": "Bron"}}, "bedrag"),
        ("politie_uur", {"bedrag": "5", "prijsjaar": 1990, "bron": {"titel": "Bron"}}, "prijsjaar"),
        ("politie_uur", {"betaler": "rijk"}, "betaler"),
        ("eigen_ding", {"omschrijving": "Zonder bedrag", "bron": {"titel": "Bron"}}, "bedrag"),
        ("Geen-Code", {"bedrag": "5"}, "code"),
    ],
)
def test_ongeldige_aanpassing_geeft_400_en_slaat_niets_op(api_beleid, code, body, veld):
    antwoord = api_beleid.put(f"/api/v1/kengetallen/{code}", body, format="json")
    assert antwoord.status_code == 400, antwoord.json()
    assert veld in [p["name"] for p in antwoord.json()["invalid_params"]]
    assert not KengetalAanpassing.objects.exists()
    assert not KengetalWijziging.objects.exists()


def test_alleen_de_beleidsadviseur_past_de_catalogus_aan(api):
    body = {"bedrag": "1.00", "prijsjaar": 2025, "bron": {"titel": "Bron"}}
    assert api.put("/api/v1/kengetallen/politie_uur", body, format="json").status_code == 403
    assert api.get("/api/v1/kengetalwijzigingen").status_code == 403
    assert not KengetalAanpassing.objects.exists()


def test_andere_gemeente_ziet_en_raakt_de_aanpassing_niet(
    api_beleid, api_als, andere_gemeente, maak_medewerker
):
    api_beleid.put(
        "/api/v1/kengetallen/politie_uur",
        {"bedrag": "100.00", "prijsjaar": 2025, "bron": {"titel": "Eigen opgave"}},
        format="json",
    )
    beleid_elders = api_als(maak_medewerker(andere_gemeente, Rol.BELEID))
    assert kengetallen(beleid_elders)["politie_uur"]["herkomst"] == "landelijk"
    assert beleid_elders.delete("/api/v1/kengetallen/politie_uur").status_code == 404
    assert beleid_elders.get("/api/v1/kengetalwijzigingen").json()["count"] == 0
    assert KengetalAanpassing.objects.count() == 1


def test_wijzigingslog_kan_niet_veranderen(api_beleid):
    api_beleid.put(
        "/api/v1/kengetallen/politie_uur",
        {"bedrag": "100.00", "prijsjaar": 2025, "bron": {"titel": "Eigen opgave"}},
        format="json",
    )
    wijziging = KengetalWijziging.objects.get()
    wijziging.toelichting = "achteraf"
    with pytest.raises(AlleenToevoegen):
        wijziging.save()
    with pytest.raises(AlleenToevoegen):
        wijziging.delete()


def test_rekeninstellingen_met_bronnen(api):
    data = api.get("/api/v1/rekeninstellingen").json()
    assert data["discontovoet"]["waarde"] == "0.0225"
    assert data["discontovoet"]["url"].startswith("https://")
    assert data["optimisme_opslag"]["waarde"]["D"] == "0.50"
    assert data["prijsindex"]["reeks"][-1]["jaar"] == data["prijspeil"]
