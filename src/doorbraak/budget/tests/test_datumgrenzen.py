"""Dates within sane bounds (issue 20): payments, repayments and contributions dated 1900 or 2999,
and a birth date in the year 1, are refused with the field named, and nothing is booked."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from doorbraak.budget import ledger, services
from doorbraak.budget.models import Boeking
from doorbraak.fouten import Validatiefout

pytestmark = pytest.mark.django_db


@pytest.fixture
def toegekend(fondsen, mensen, maak_aanvraag):
    uitv = mensen["uitvoeringsregisseur"]
    a = maak_aanvraag(uitv, bedrag="1000.00", fonds="wijkbudget")
    services.aanvraag_indienen(door=uitv, aanvraag_id=a.pk)
    return services.aanvraag_besluiten(door=uitv, aanvraag_id=a.pk, besluit="go")


@pytest.mark.parametrize("datum", [date(1900, 1, 1), date(1999, 12, 31), date(2999, 1, 1)])
def test_betaling_buiten_de_grenzen_wordt_geweigerd(toegekend, mensen, datum):
    boekingen = Boeking.objects.count()
    with pytest.raises(Validatiefout) as fout:
        services.betaling_registreren(
            door=mensen["financien"], aanvraag_id=toegekend.pk, bedrag=Decimal("10"), datum=datum
        )
    assert fout.value.veld == "datum"
    assert Boeking.objects.count() == boekingen
    assert ledger.saldi(toegekend.budget).betaald == Decimal("0.00")


def test_betaling_binnen_de_grenzen_mag(toegekend, mensen):
    # The go was given today, so today is the one date a payment may carry.
    a = services.betaling_registreren(
        door=mensen["financien"],
        aanvraag_id=toegekend.pk,
        bedrag=Decimal("10"),
        datum=timezone.localdate(),
    )
    assert ledger.saldi(a.budget).betaald == Decimal("10.00")


def test_bijdrage_in_2999_geeft_400_in_de_api(toegekend, mensen, api_als):
    antwoord = api_als(mensen["financien"]).post(
        f"/api/v1/budgetten/{toegekend.budget_id}/bijdragen",
        {"partner": "Woonstichting", "bedrag": "100.00", "datum": "2999-01-01"},
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["name"] == "datum"


def test_betaling_in_1900_geeft_400_in_de_api(toegekend, mensen, api_als):
    antwoord = api_als(mensen["financien"]).post(
        f"/api/v1/aanvragen/{toegekend.pk}/betalingen",
        {"bedrag": "10.00", "datum": "1900-01-01"},
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["name"] == "datum"


def test_geboortedatum_in_het_jaar_1_geeft_400(mensen, api_als):
    antwoord = api_als(mensen["regisseur"]).post(
        "/api/v1/huishoudens",
        {
            "naam": "Familie Oud",
            "gezinsleden": [
                {"voornaam": "A", "achternaam": "B", "geboortedatum": "0001-01-01", "rol": "ouder"}
            ],
        },
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["name"] == "gezinsleden[0].geboortedatum"
