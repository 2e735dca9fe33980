"""A gemeente with the three funds and their people (the budget tests' fixtures), a case whose
plan carries planted identifiers, and helpers to decide requests and to make precedents."""

from datetime import date
from decimal import Decimal

import pytest

from doorbraak.budget import services as budget_services
from doorbraak.budget.tests import conftest as budget_fixtures
from doorbraak.casussen import services as casus_services
from doorbraak.precedenten import demo as precedenten_demo
from doorbraak.precedenten import services

# The budget tests' fixtures, shared (the funds, their people, a case with a rules check).
api_als = budget_fixtures.api_als
mensen = budget_fixtures.mensen
fondsen = budget_fixtures.fondsen
casus = budget_fixtures.casus
maak_aanvraag = budget_fixtures.maak_aanvraag

#: Identifiers planted in free text: none may reach a precedent.
GEPLANT = {
    "naam": "Anna",
    "achternaam": "de Vries",
    "bsn": "111222333",
    "adres": "Dorpsstraat 12",
    "postcode": "5701 AB",
    "geboortedatum": "01-05-1988",
    "telefoon": "06-12345678",
    "email": "anna.devries@example.nl",
    "huishouden": "Familie De Vries",
}
VRIJE_TEKST = (
    "Anna de Vries (BSN 111222333, geboren 01-05-1988) van Familie De Vries, Dorpsstraat 12, "
    "5701 AB Peelstad, bel 06-12345678 of mail anna.devries@example.nl. "
)


def plan_met_knelpunt(door, casus_id, omschrijving, regeling="PW", artikel="art. 35"):
    return casus_services.doorbraakplan_opslaan(
        door=door,
        casus_id=casus_id,
        invoer=casus_services.PlanInvoer(
            situatie=VRIJE_TEKST + "Huurachterstand na schade aan de woning.",
            doorbraak=VRIJE_TEKST + "Herstel van de schade direct aan de verhuurder betalen.",
            acties=[{"omschrijving": "Herstel laten uitvoeren", "eigenaar": "Regieteam"}],
            knelpunten=[
                {
                    "omschrijving": omschrijving,
                    "soort": "financieel",
                    "regeling": regeling,
                    "artikel": artikel,
                }
            ],
        ),
    )


def scores(door, casus_id, **waarden):
    return casus_services.domeinscores_vastleggen(
        door=door,
        casus_id=casus_id,
        scores=[casus_services.Score(k, v) for k, v in waarden.items()],
    )


@pytest.fixture
def beslis(mensen):
    def beslis(
        aanvraag, besluit="go", motivering="Voorkomt huisuitzetting.", advies_afwijking="", **anders
    ):
        budget_services.aanvraag_indienen(door=aanvraag.aanvrager, aanvraag_id=aanvraag.pk)
        budget_services.aanvraag_beoordelen(
            door=mensen["collega"],
            aanvraag_id=aanvraag.pk,
            advies="positief",
            toelichting="",
            afwijking_motivering=advies_afwijking,
        )
        return budget_services.aanvraag_besluiten(
            door=mensen["manager"],
            aanvraag_id=aanvraag.pk,
            besluit=besluit,
            motivering=motivering,
            **anders,
        )

    return beslis


@pytest.fixture
def besliste_casus(mensen, fondsen, casus, maak_aanvraag, beslis):
    """The case's plan names the household's identifiers; a request decided (go)."""
    plan_met_knelpunt(
        mensen["regisseur"],
        casus.pk,
        VRIJE_TEKST + "Dreigende huisuitzetting na waterschade aan de woning.",
    )
    scores(mensen["regisseur"], casus.pk, huisvesting=1, financien=2)
    aanvraag = maak_aanvraag(
        mensen["regisseur"],
        bedrag="1850.00",
        motivering=VRIJE_TEKST + "Zonder herstel volgt ontruiming.",
    )
    beslis(aanvraag, motivering=VRIJE_TEKST + "Akkoord; voorkomt huisuitzetting.")
    return casus, aanvraag


@pytest.fixture
def voorbeelden(gemeente):
    """The demo's earlier doorbraken (no decided requests yet)."""
    precedenten_demo.demo(gemeente)
    return gemeente


def precedent_van(aanvraag):
    return services.precedent_vastleggen(aanvraag_id=aanvraag.pk)


__all__ = ["GEPLANT", "Decimal", "date"]
