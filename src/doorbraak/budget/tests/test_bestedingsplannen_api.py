"""Spending plans over the API and on screen: the seed's POK table exactly, pm listed and not
summed, actual spending from the ledger on a linked fund, clear 400s that store nothing."""

import io
from decimal import Decimal

import pytest
import yaml
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from doorbraak.budget import bestedingsplan as bp
from doorbraak.budget.models import Bestedingsplan, Boeking
from doorbraak.organisaties.models import Medewerker, Rol

pytestmark = pytest.mark.django_db
POK = yaml.safe_load((bp.VOORBEELDEN / "bestedingsplan_pok.yaml").read_text("utf-8"))
RESTANT = {"2021": "320125.00", "2022": "180727.00", "2023": "100302.00", "2024": "94851.00",
           "2025": "101880.00"}  # fmt: skip


@pytest.fixture
def financien(gemeente, maak_medewerker, api_als):
    return api_als(maak_medewerker(gemeente, Rol.FINANCIEN, username="financien"))


def _json(data):
    """YAML's int keys as the strings JSON has."""
    return {
        **data,
        "regels": [{**r, "bedragen": {str(k): v for k, v in r["bedragen"].items()}}
                   for r in data["regels"]],
        "inkomsten": [{**r, "bedragen": {str(k): v for k, v in r["bedragen"].items()}}
                      for r in data["inkomsten"]],
    }  # fmt: skip


def test_pok_plan_via_de_api(financien):
    antwoord = financien.post("/api/v1/bestedingsplannen", _json(POK), format="json")
    assert antwoord.status_code == 201
    plan = financien.get(f"/api/v1/bestedingsplannen/{antwoord.json()['id']}").json()
    assert {str(j["jaar"]): j["restant"] for j in plan["per_jaar"]} == RESTANT
    assert [j["totaal_kosten"] for j in plan["per_jaar"]] == [
        "0.00", "63200.00", "163000.00", "163000.00", "163000.00",
    ]  # fmt: skip
    assert len(plan["per_jaar"][2]["pm"]) == 3
    assert plan["regels"][4]["bedragen"]["2023"] == "pm"


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"jaren": [2022, 2022]}, "jaren"),
        (
            {"regels": [{"omschrijving": "x", "bedragen": {"2099": "1.00"}}]},
            "regels[0].bedragen.2099",
        ),
        (
            {"regels": [{"omschrijving": "x", "bedragen": {}, "fonds": "bestaat_niet"}]},
            "regels[0].fonds",
        ),
    ],
)
def test_fout_noemt_het_veld_en_slaat_niets_op(financien, wijziging, veld):
    antwoord = financien.post(
        "/api/v1/bestedingsplannen", {**_json(POK), **wijziging}, format="json"
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["name"] == veld
    assert not Bestedingsplan.objects.exists()


def test_toegang_en_isolatie(financien, api_als, regisseur, andere_gemeente, maak_medewerker):
    plan_id = financien.post("/api/v1/bestedingsplannen", _json(POK), format="json").json()["id"]
    assert api_als(regisseur).get(f"/api/v1/bestedingsplannen/{plan_id}").status_code == 403
    elders = api_als(maak_medewerker(andere_gemeente, Rol.FINANCIEN, username="fin2"))
    assert elders.get(f"/api/v1/bestedingsplannen/{plan_id}").status_code == 404


def test_demo_werkelijke_besteding_en_scherm(client):
    call_command("demo")
    financien = Medewerker.objects.get(username="financien")
    client.force_login(financien)
    jaar = timezone.localdate().year
    plan = Bestedingsplan.objects.get(naam__startswith="Doorbraakaanpak")
    betaald = sum(
        (b.bedrag for b in Boeking.objects.filter(
            soort="betaling", budget__periode__fonds__code="wijkbudget", datum__year=jaar,
            gemeente_id=financien.gemeente_id)),
        Decimal("0.00"),
    )  # fmt: skip
    boek = load_workbook(
        io.BytesIO(client.get(f"/bestedingsplannen/{plan.pk}?formaat=xlsx").content)
    )
    werkelijk = list(boek.worksheets[1].iter_rows(min_row=4, values_only=True))
    assert werkelijk[0][0] == "Regelarm wijkbudget" and werkelijk[0][2] == float(betaald)
    pok = Bestedingsplan.objects.get(naam__startswith="Bestedingsplan POK")
    html = client.get(f"/bestedingsplannen/{pok.pk}").content.decode()
    assert "€ 180.727,00" in html and "pm" in html and "Restant" in html
