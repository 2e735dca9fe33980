"""The case file through the API: scores over time, the plan, helpers, timeline, processing log."""

import pytest

from doorbraak.audit.models import Verwerking
from doorbraak.casussen.models import Huishouden, Knelpunt

pytestmark = pytest.mark.django_db


def test_metingen_blijven_bewaard_en_tonen_verloop(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    url = f"/api/v1/casussen/{casus.pk}/domeinscores"
    eerste = api.put(
        url,
        [
            {"domein": "financien", "score": 1, "toelichting": "Beslag"},
            {"domein": "huisvesting", "score": 2},
        ],
        format="json",
    )
    assert eerste.status_code == 201
    api.put(url, [{"domein": "financien", "score": 3}], format="json")
    metingen = api.get(url).json()
    assert [len(m["scores"]) for m in metingen] == [2, 1]
    verloop = {
        v["domein"]: v for v in api.get(f"/api/v1/casussen/{casus.pk}").json()["domeinverloop"]
    }
    assert (verloop["financien"]["eerste"], verloop["financien"]["laatste"]) == (1, 3)
    assert verloop["financien"]["verschil"] == 2
    assert verloop["huisvesting"]["verschil"] == 0


@pytest.mark.parametrize(
    ("scores", "veld"),
    [
        ([{"domein": "financien", "score": 6}], "[0].score"),
        ([{"domein": "financien", "score": 0}], "[0].score"),
        (
            [{"domein": "financien", "score": 3}, {"domein": "sterrenkunde", "score": 3}],
            "[1].domein",
        ),
        ([{"domein": "financien", "score": 3}, {"domein": "financien", "score": 2}], "[1].domein"),
    ],
)
def test_ongeldige_score_is_400_en_schrijft_niets(api, regisseur, maak_casus, scores, veld):
    casus = maak_casus(regisseur)
    antwoord = api.put(f"/api/v1/casussen/{casus.pk}/domeinscores", scores, format="json")
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["name"] == veld
    assert not casus.metingen.exists()


def test_doorbraakplan_opslaan_bijwerken_en_verwijderen(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    url = f"/api/v1/casussen/{casus.pk}/doorbraakplan"
    plan = {
        "situatie": "Grootouders zorgen voor twee kleinkinderen",
        "perspectief": "Kinderen gaan zelfstandig naar school",
        "doorbraak": "Vervoer naar school geregeld",
        "knelpunten": [
            {
                "omschrijving": "Voldoet niet aan afstandscriterium",
                "soort": "wet_regelgeving",
                "regeling": "LV",
                "artikel": "4",
            },
            {
                "omschrijving": "Geen bijzondere bijstand door eigen woning",
                "soort": "wet_regelgeving",
                "regeling": "PW",
                "artikel": "34",
            },
        ],
        "acties": [
            {"omschrijving": "Taxi regelen", "eigenaar": "Regisseur", "deadline": "2026-12-01"}
        ],
    }
    opgeslagen = api.put(url, plan, format="json").json()
    eerste_id = opgeslagen["knelpunten"][0]["id"]
    plan["knelpunten"] = [{**opgeslagen["knelpunten"][0], "artikel": "4 lid 12"}]
    plan["acties"] = [{**opgeslagen["acties"][0], "gereed": True}]
    bijgewerkt = api.put(url, plan, format="json").json()
    assert [k["id"] for k in bijgewerkt["knelpunten"]] == [eerste_id]
    assert bijgewerkt["knelpunten"][0]["artikel"] == "4 lid 12"
    assert bijgewerkt["acties"][0]["gereed"] is True
    assert Knelpunt.objects.count() == 1


def test_plan_met_fout_laat_het_oude_plan_staan(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    url = f"/api/v1/casussen/{casus.pk}/doorbraakplan"
    api.put(url, {"doorbraak": "Eerste versie"}, format="json")
    antwoord = api.put(
        url,
        {
            "doorbraak": "Tweede",
            "acties": [
                {"omschrijving": "Goed", "eigenaar": "A"},
                {"omschrijving": "", "eigenaar": "B"},
            ],
        },
        format="json",
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["name"] == "acties[1].omschrijving"
    assert api.get(url).json()["doorbraak"] == "Eerste versie"


def test_plan_weigert_item_van_ander_plan(api, regisseur, maak_casus):
    a, b = maak_casus(regisseur), maak_casus(regisseur, naam="Familie B")
    plan_a = api.put(
        f"/api/v1/casussen/{a.pk}/doorbraakplan",
        {"knelpunten": [{"omschrijving": "x", "soort": "overig"}]},
        format="json",
    ).json()
    antwoord = api.put(
        f"/api/v1/casussen/{b.pk}/doorbraakplan",
        {
            "knelpunten": [
                {"id": plan_a["knelpunten"][0]["id"], "omschrijving": "gekaapt", "soort": "overig"}
            ]
        },
        format="json",
    )
    assert antwoord.status_code == 400
    assert Knelpunt.objects.get().omschrijving == "x"


def test_hulpverleners_en_totale_jaarkosten(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    url = f"/api/v1/casussen/{casus.pk}/hulpverleners"
    for organisatie, kosten in [("GGZ", "21000.00"), ("Wijkteam", "3500.50"), ("Kerk", None)]:
        assert (
            api.post(
                url,
                {"organisatie": organisatie, "rol": "Begeleider", "geschatte_jaarkosten": kosten},
                format="json",
            ).status_code
            == 201
        )
    dossier = api.get(f"/api/v1/casussen/{casus.pk}").json()
    assert dossier["totaal_jaarkosten_hulpverleners"] == "24500.50"
    negatief = api.post(
        url, {"organisatie": "X", "rol": "Y", "geschatte_jaarkosten": "-1"}, format="json"
    )
    assert negatief.status_code == 400
    assert negatief.json()["invalid_params"][0]["name"] == "geschatte_jaarkosten"
    eerste = dossier["hulpverleners"][0]["id"]
    assert api.delete(f"{url}/{eerste}").status_code == 204
    assert len(api.get(url).json()) == 2


def test_tijdlijn_bevat_gebeurtenissen_en_notities(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    url = f"/api/v1/casussen/{casus.pk}/tijdlijn"
    assert api.post(url, {"tekst": "Huisbezoek afgelegd"}, format="json").status_code == 201
    assert api.post(url, {"tekst": "  "}, format="json").status_code == 400
    items = api.get(url).json()["results"]
    assert [i["soort"] for i in items] == ["notitie", "gebeurtenis"]


def test_elke_inzage_en_wijziging_staat_in_het_logboek(
    api, regisseur, privacy, api_als, maak_casus
):
    casus = maak_casus(regisseur)
    api.get(f"/api/v1/casussen/{casus.pk}", HTTP_X_REQUEST_ID="verzoek-1")
    api.patch(f"/api/v1/casussen/{casus.pk}", {"urgentie": "crisis"}, format="json")
    log = api_als(privacy).get(f"/api/v1/huishoudens/{casus.huishouden_id}/verwerkingen").json()
    regels = [(r["handeling"], r["object_type"]) for r in reversed(log["results"])]
    # the PATCH answers with the dossier, which is a read too
    assert regels == [
        ("aanmaken", "huishouden"),
        ("aanmaken", "casus"),
        ("lezen", "casus"),
        ("wijzigen", "casus"),
        ("lezen", "casus"),
    ]
    assert log["results"][2]["request_id"] == "verzoek-1"
    assert log["results"][0]["actor"] == "regisseur"
    assert log["results"][0]["activiteit"] == "casusregie"
    # reading the log is itself logged, for privacy supervision
    assert Verwerking.objects.filter(object_type="verwerkingen", actor="privacy").count() == 1


def test_regisseur_kan_logboek_niet_lezen(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    assert api.get(f"/api/v1/huishoudens/{casus.huishouden_id}/verwerkingen").status_code == 403


def test_mislukte_registratie_laat_niets_achter(api):
    voor = Verwerking.objects.count()
    antwoord = api.post(
        "/api/v1/huishoudens",
        {
            "naam": "Familie Half",
            "gezinsleden": [
                {"voornaam": "A", "achternaam": "B", "geboortedatum": "1980-01-01", "rol": "ouder"},
                {
                    "voornaam": "C",
                    "achternaam": "B",
                    "geboortedatum": "1980-01-01",
                    "rol": "ouder",
                    "bsn": "123456789",
                },
            ],
        },
        format="json",
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["name"] == "gezinsleden[1].bsn"
    assert not Huishouden.objects.exists()
    assert Verwerking.objects.count() == voor


def test_casus_filters(api, regisseur, maak_casus):
    a = maak_casus(regisseur, naam="Familie Aydin")
    maak_casus(regisseur, naam="Familie Bos", doelgroep="doorbraakteam")
    api.patch(f"/api/v1/casussen/{a.pk}", {"status": "plan"}, format="json")
    assert [
        c["huishouden"]["naam"] for c in api.get("/api/v1/casussen?status=plan").json()["results"]
    ] == ["Familie Aydin"]
    assert api.get("/api/v1/casussen?doelgroep=doorbraakteam").json()["count"] == 1
    assert api.get("/api/v1/casussen?medewerker=regisseur").json()["count"] == 2
    assert api.get("/api/v1/casussen?zoek=bos").json()["count"] == 1
