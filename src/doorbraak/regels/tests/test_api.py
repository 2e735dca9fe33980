"""POST/GET /casussen/{id}/regelchecks, GET /regelingen, knelpunt from a blocking rule."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorbraak.audit.models import Verwerking
from doorbraak.casussen import services as casus_services
from doorbraak.casussen.models import Knelpunt
from doorbraak.organisaties.models import Rol
from doorbraak.regels import selectors
from doorbraak.regels.models import Regelcheck
from doorbraak.regels.tests.hulp import schrijf

pytestmark = pytest.mark.django_db

BIJSTAND = {
    "rechtmatig_verblijf_nederland": True,
    "gedetineerd": False,
    "inkomen_per_maand": "0.00",
    "vermogen": 250,
    "kostendelende_medebewoners": 0,
}


def pad(casus, *rest):
    return "/".join([f"/api/v1/casussen/{casus.pk}/regelchecks", *rest])


def per_code(antwoord):
    return {v["code"]: v for v in antwoord.json()["voorzieningen"]}


def test_check_zonder_feiten_is_onbekend_met_de_ontbrekende_feiten(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    antwoord = api.post(pad(casus), {}, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    data = antwoord.json()
    bijstand = per_code(antwoord)["pw_algemene_bijstand"]
    assert bijstand["uitkomst"] == "onbekend"
    namen = {o["feit"] for o in bijstand["ontbrekende_feiten"]}
    assert {"rechtmatig_verblijf_nederland", "inkomen_per_maand", "vermogen"} <= namen
    # what the case file states is not asked again: one adult, born 1988, urgency hoog
    assert not namen & {"leeftijd_aanvrager", "leefvorm"}
    assert data["feiten"]["leefvorm"] == {
        "waarde": "alleenstaande",
        "herkomst": "afgeleid uit de gezinsleden in het dossier: één volwassene",
    }
    assert data["feiten"]["urgentie"]["waarde"] == "hoog"
    assert data["termijn"]["dagen"] == 28
    ontbrekend = {o["feit"]: o for o in data["ontbrekende_feiten"]}
    assert ontbrekend["vermogen"]["vraag"].startswith("Hoeveel vermogen")
    assert ontbrekend["vermogen"]["wie"] == "huishouden"
    assert any("BWBR0015703" in a for a in ontbrekend["vermogen"]["artikelen"])
    assert Regelcheck.objects.filter(casus=casus).count() == 1


def test_antwoorden_veranderen_de_uitkomst_en_blijven_bewaard(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    api.post(pad(casus), {}, format="json")
    antwoord = api.post(pad(casus), {"feiten": BIJSTAND}, format="json")
    bijstand = per_code(antwoord)["pw_algemene_bijstand"]
    assert bijstand["uitkomst"] == "mogelijk"
    # the voorschot within four weeks is a duty (Pw art. 52 lid 1): 28 days, urgency hoog gives 28
    assert bijstand["niet_snel_genoeg"] is False
    assert any("BWBR0015703" in r and "art. 19 lid 1 onder a" in r for r in bijstand["redenen"])
    # the next check knows what was answered; null forgets an answer
    volgende = api.post(pad(casus), {}, format="json")
    assert per_code(volgende)["pw_algemene_bijstand"]["uitkomst"] == "mogelijk"
    assert volgende.json()["feiten"]["vermogen"] == {
        "waarde": "250.00",
        "herkomst": "eerder ingevoerd",
    }
    vergeten = api.post(pad(casus), {"feiten": {"vermogen": None}}, format="json")
    assert per_code(vergeten)["pw_algemene_bijstand"]["uitkomst"] == "onbekend"


def test_peildatum_kiest_de_geldende_norm(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    feiten = {**BIJSTAND, "inkomen_per_maand": "1410.00"}
    voor = api.post(pad(casus), {"peildatum": "2026-06-30", "feiten": feiten}, format="json")
    na = api.post(pad(casus), {"peildatum": "2026-07-01", "feiten": feiten}, format="json")
    assert per_code(voor)["pw_algemene_bijstand"]["uitkomst"] == "niet_mogelijk"
    assert per_code(na)["pw_algemene_bijstand"]["uitkomst"] == "mogelijk"
    assert na.json()["peildatum"] == "2026-07-01"


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ({"feiten": {"vermogen": "veel"}}, "feiten.vermogen"),
        ({"feiten": {"gedetineerd": "nee"}}, "feiten.gedetineerd"),
        ({"feiten": {"leefvorm": "kamerbewoner"}}, "feiten.leefvorm"),
        ({"feiten": {"schoenmaat": 44}}, "feiten.schoenmaat"),
        ({"feiten": ["vermogen"]}, "feiten"),
        ({"peildatum": "morgen"}, "peildatum"),
    ],
)
def test_verkeerde_invoer_noemt_het_veld_en_bewaart_niets(api, regisseur, maak_casus, body, veld):
    casus = maak_casus(regisseur)
    logregels = Verwerking.objects.count()
    antwoord = api.post(pad(casus), body, format="json")
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in antwoord.json()["invalid_params"]] == [veld]
    assert not Regelcheck.objects.exists()
    assert Verwerking.objects.count() == logregels


def test_andere_gemeente_krijgt_404_en_verandert_niets(api, api_als, regisseur_elders, maak_casus):
    vreemd = maak_casus(regisseur_elders, naam="Familie Elders")
    check = api_als(regisseur_elders).post(pad(vreemd), {"feiten": BIJSTAND}, format="json").json()
    knelpunt = {"voorziening": "pw_algemene_bijstand"}
    for methode, url, body in [
        ("post", pad(vreemd), {}),
        ("get", pad(vreemd), None),
        ("get", pad(vreemd, check["id"]), None),
        ("post", pad(vreemd, check["id"], "knelpunten"), knelpunt),
    ]:
        antwoord = getattr(api, methode)(url, body, format="json")
        assert antwoord.status_code == 404, (methode, url)
        assert "Elders" not in antwoord.content.decode()
    assert Regelcheck.objects.filter(casus=vreemd).count() == 1
    assert not Knelpunt.objects.filter(plan__casus=vreemd, regeling="PW").exists()


def test_check_van_eigen_casus_met_id_van_andere_casus_is_404(api, regisseur, maak_casus):
    a, b = maak_casus(regisseur), maak_casus(regisseur, naam="Familie B")
    check = api.post(pad(a), {}, format="json").json()
    assert api.get(pad(b, check["id"])).status_code == 404


def test_rollen(regisseur, gemeente, maak_medewerker, api_als, maak_casus):
    casus = maak_casus(regisseur)
    collega = api_als(maak_medewerker(gemeente, Rol.COLLEGA))
    privacy = api_als(maak_medewerker(gemeente, Rol.PRIVACY))
    beleid = api_als(maak_medewerker(gemeente, Rol.BELEID))
    assert collega.post(pad(casus), {}, format="json").status_code == 403
    assert privacy.post(pad(casus), {}, format="json").status_code == 403
    assert collega.get(pad(casus)).status_code == 200
    assert beleid.get(pad(casus)).status_code == 403
    assert beleid.get("/api/v1/regelingen").status_code == 200
    assert not Regelcheck.objects.exists()


def test_lijst_en_detail_en_logboek(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    gemaakt = api.post(pad(casus), {"feiten": BIJSTAND}, format="json").json()
    lijst = api.get(pad(casus)).json()
    assert lijst["count"] == 1
    assert lijst["results"][0]["id"] == gemaakt["id"]
    detail = api.get(pad(casus, gemaakt["id"])).json()
    assert detail["voorzieningen"] == gemaakt["voorzieningen"]
    soorten = set(
        Verwerking.objects.filter(casus_id=casus.pk).values_list("handeling", "object_type")
    )
    assert {("aanmaken", "regelcheck"), ("lezen", "regelchecks")} <= soorten
    assert selectors.casus_heeft_regelcheck(casus=casus)


def aantal_queries(doe):
    with CaptureQueriesContext(connection) as ctx:
        antwoord = doe()
    assert antwoord.status_code in (200, 201), antwoord.content
    return len(ctx.captured_queries)


def test_aantal_queries_groeit_niet_mee(api, regisseur, maak_casus):
    klein = maak_casus(regisseur)
    groot = maak_casus(regisseur, naam="Familie Groot")
    for i in range(6):
        casus_services.gezinslid_toevoegen(
            door=regisseur,
            huishouden_id=groot.huishouden_id,
            gezinslid=casus_services.NieuwGezinslid(
                f"Kind{i}", "Groot", datetime.date(2015, 1, i + 1), "kind"
            ),
        )
    api.post(pad(klein), {}, format="json")  # warm the knowledge base cache
    for _ in range(4):
        api.post(pad(groot), {"feiten": BIJSTAND}, format="json")
    post_klein = aantal_queries(lambda: api.post(pad(klein), {"feiten": BIJSTAND}, format="json"))
    post_groot = aantal_queries(lambda: api.post(pad(groot), {"feiten": BIJSTAND}, format="json"))
    assert post_klein == post_groot
    get_klein = aantal_queries(lambda: api.get(pad(klein)))
    get_groot = aantal_queries(lambda: api.get(pad(groot)))
    assert get_klein == get_groot
    assert post_groot <= 16 and get_groot <= 10


def test_blokkerende_regel_wordt_knelpunt_met_regeling_en_artikel(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    feiten = {
        "leerling_primair_onderwijs": True,
        "afstand_school_km": 2.5,
        "gehandicapte_leerling": False,
    }
    check = api.post(pad(casus), {"feiten": feiten}, format="json").json()
    assert {v["code"]: v["uitkomst"] for v in check["voorzieningen"]}[
        "lv_vervoersvoorziening"
    ] == "niet_mogelijk"
    antwoord = api.post(
        pad(casus, check["id"], "knelpunten"),
        {"voorziening": "lv_vervoersvoorziening"},
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    knelpunt = antwoord.json()
    assert knelpunt["regeling"] == "LV"
    assert knelpunt["soort"] == "wet_regelgeving"
    assert knelpunt["artikel"] == "4 lid 8 en de verordening"  # the rule that failed
    assert "Vervoersvoorziening leerlingenvervoer" in knelpunt["omschrijving"]
    plan = api.get(f"/api/v1/casussen/{casus.pk}/doorbraakplan").json()
    assert [k["regeling"] for k in plan["knelpunten"]] == ["LV"]


def test_niet_snel_genoeg_wordt_knelpunt_wachttijd(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    feiten = {
        "rechtmatig_verblijf_nederland": True,
        "inwoner_gemeente": True,
        "beperking_of_psychische_problemen": True,
        "eigen_kracht_netwerk_voldoende": False,
        "spoedeisend": False,  # not urgent: no Wmo 2.3.3 duty, eight weeks against 28 days
    }
    check = api.post(pad(casus), {"feiten": feiten}, format="json").json()
    antwoord = api.post(
        pad(casus, check["id"], "knelpunten"),
        {"voorziening": "wmo_begeleiding"},
        format="json",
    )
    assert antwoord.status_code == 201
    assert antwoord.json()["soort"] == "wachttijd"


def test_onbekende_of_niet_blokkerende_voorziening_geeft_geen_knelpunt(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    check = api.post(pad(casus), {}, format="json").json()
    onbekend = api.post(
        pad(casus, check["id"], "knelpunten"),
        {"voorziening": "wgs_schuldhulpverlening"},  # unknown, and on time
        format="json",
    )
    assert onbekend.status_code == 409
    bestaat_niet = api.post(
        pad(casus, check["id"], "knelpunten"), {"voorziening": "x"}, format="json"
    )
    assert bestaat_niet.status_code == 400
    assert bestaat_niet.json()["invalid_params"][0]["name"] == "voorziening"
    assert not Knelpunt.objects.filter(plan__casus=casus).exclude(regeling="").exists()


def test_regelingen_toont_de_kennisbank_met_bronnen(api):
    antwoord = api.get("/api/v1/regelingen")
    assert antwoord.status_code == 200
    regelingen = {r["code"]: r for r in antwoord.json()}
    assert set(regelingen) == {"PW", "WMO", "JW", "LV", "WGS", "AWB", "FW"}
    pw = regelingen["PW"]
    assert pw["bron"]["bwb_id"] == "BWBR0015703"
    assert pw["bron"]["url"].startswith("https://wetten.overheid.nl/BWBR0015703")
    assert pw["geldig_van"] == "2004-01-01"
    bijstand = next(v for v in pw["voorzieningen"] if v["code"] == "pw_algemene_bijstand")
    assert bijstand["voorwaarden"]["alle"][0]["tekst"].startswith("De aanvrager is Nederlander")
    assert {g["code"] for g in regelingen["AWB"]["uitzonderingsgronden"]} == {
        "awb_afwijken_beleidsregel",
        "awb_evenredigheid",
    }


def test_gemeente_eigen_bestanden_via_instelling(api, regisseur, maak_casus, settings, tmp_path):
    """A gemeente folder in DOORBRAAK_KENNISBANK_DIR extends the defaults for that gemeente."""
    schrijf(
        tmp_path / regisseur.gemeente.code,
        {
            "lv.yaml": """
                uitbreiding_van: LV
                naam: Verordening leerlingenvervoer Testgemeente
                soort: verordening
                bron: {cvdr_id: CVDR999999, url: "https://lokaleregelgeving.overheid.nl/CVDR999999"}
                parameters:
                  afstandsgrens_km:
                    omschrijving: de eigen afstandsgrens
                    type: getal
                    waarden: [{waarde: 2, geldig_van: 2015-01-01, artikel: "3"}]
            """
        },
    )
    settings.KENNISBANK_DIR = str(tmp_path)
    selectors.kennisbank_cache_legen()
    try:
        casus = maak_casus(regisseur)
        feiten = {
            "leerling_primair_onderwijs": True,
            "leerling_verblijft_in_gemeente": True,
            "afstand_school_km": 2.5,
        }
        check = api.post(pad(casus), {"feiten": feiten}, format="json")
        lv = per_code(check)["lv_vervoersvoorziening"]
        assert lv["uitkomst"] == "mogelijk"
        assert any("CVDR999999" in r for r in lv["redenen"])
        lv_regeling = next(r for r in api.get("/api/v1/regelingen").json() if r["code"] == "LV")
        assert lv_regeling["bestanden"][-1] == f"{regisseur.gemeente.code}/lv.yaml"
    finally:
        selectors.kennisbank_cache_legen()


def test_tijdlijn_noemt_de_check(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    api.post(pad(casus), {}, format="json")
    tijdlijn = api.get(f"/api/v1/casussen/{casus.pk}/tijdlijn").json()["results"]
    assert tijdlijn[0]["tekst"].startswith("Voorliggend-check (peildatum")
