import pytest

from doorbraak.conftest import GELDIG_BSN, ONGELDIG_BSN

pytestmark = pytest.mark.django_db


def huishouden_body(**lid):
    return {
        "naam": "Familie Janssen",
        "postcode": "5701 AB",
        "gezinsleden": [
            {
                "voornaam": "Piet",
                "achternaam": "Janssen",
                "geboortedatum": "1954-02-01",
                "rol": "ouder",
                **lid,
            },
            {
                "voornaam": "Sanne",
                "achternaam": "Janssen",
                "geboortedatum": "2019-06-01",
                "rol": "kind",
            },
        ],
    }


def test_huishouden_registreren_geeft_bsn_alleen_gemaskeerd_terug(api):
    antwoord = api.post("/api/v1/huishoudens", huishouden_body(bsn=GELDIG_BSN), format="json")
    assert antwoord.status_code == 201, antwoord.content
    assert GELDIG_BSN not in antwoord.content.decode()
    leden = antwoord.json()["gezinsleden"]
    assert {lid["bsn_masked"] for lid in leden} == {"*****2333", None}


def test_ongeldig_bsn_wordt_geweigerd_met_veldnaam(api):
    antwoord = api.post("/api/v1/huishoudens", huishouden_body(bsn=ONGELDIG_BSN), format="json")
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    assert antwoord.json()["invalid_params"] == [
        {"name": "gezinsleden[0].bsn", "reason": "Dit BSN voldoet niet aan de elfproef."}
    ]
    assert ONGELDIG_BSN not in antwoord.content.decode()


def test_een_tweeling_staat_bij_elke_lezing_in_dezelfde_volgorde(api):
    """Members are ordered by birth date; twins by first name, whatever order they were entered
    in (without it, the database's own order decided, and pages could swap them)."""
    body = huishouden_body()
    tweeling = {"achternaam": "Janssen", "geboortedatum": "2021-05-05", "rol": "kind"}
    body["gezinsleden"] += [{"voornaam": "Zoë", **tweeling}, {"voornaam": "Anna", **tweeling}]
    antwoord = api.post("/api/v1/huishoudens", body, format="json")
    assert antwoord.status_code == 201, antwoord.content
    gelezen = api.get(f"/api/v1/huishoudens/{antwoord.json()['id']}").json()
    namen = [lid["voornaam"] for lid in gelezen["gezinsleden"]]
    assert namen == ["Piet", "Sanne", "Anna", "Zoë"]
