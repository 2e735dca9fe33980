"""The dossier read model and the request route: every step of a request, and a fund's new
code, shows in `GET /casussen/{id}` right after (casussen.leesmodel)."""

from decimal import Decimal

import pytest

from doorbraak.budget import services
from doorbraak.casussen.tests.leesmodel_hulp import toont_de_wijziging

pytestmark = pytest.mark.django_db


def _ingediend(m, maak):
    a = maak(m["regisseur"])
    return services.aanvraag_indienen(door=m["regisseur"], aanvraag_id=a.pk)


def _beoordeeld(m, maak):
    a = _ingediend(m, maak)
    return services.aanvraag_beoordelen(
        door=m["collega"], aanvraag_id=a.pk, advies="positief", toelichting="Gekeken."
    )


def _toegekend(m, maak):
    a = _beoordeeld(m, maak)
    return services.aanvraag_besluiten(
        door=m["manager"], aanvraag_id=a.pk, besluit="go", motivering="Akkoord."
    )


def _hernoem_fonds(aanvraag) -> None:
    fonds = aanvraag.fonds
    fonds.code = "doorbraakbudget-2027"
    fonds.save()


# name: (what is there before the first read, the change)
SCHRIJVERS = {
    "aanvraag_aanmaken": (lambda m, maak: None, lambda m, maak, a: maak(m["regisseur"])),
    "aanvraag_indienen": (
        lambda m, maak: maak(m["regisseur"]),
        lambda m, maak, a: services.aanvraag_indienen(door=m["regisseur"], aanvraag_id=a.pk),
    ),
    "aanvraag_beoordelen": (
        _ingediend,
        lambda m, maak, a: services.aanvraag_beoordelen(
            door=m["collega"], aanvraag_id=a.pk, advies="positief", toelichting="Gekeken."
        ),
    ),
    "aanvraag_besluiten (go)": (
        _beoordeeld,
        lambda m, maak, a: services.aanvraag_besluiten(
            door=m["manager"], aanvraag_id=a.pk, besluit="go", motivering="Akkoord."
        ),
    ),
    "aanvraag_besluiten (afgewezen)": (
        _beoordeeld,
        lambda m, maak, a: services.aanvraag_besluiten(
            door=m["manager"], aanvraag_id=a.pk, besluit="afgewezen", motivering="Voorliggend."
        ),
    ),
    "betaling_registreren": (
        _toegekend,
        lambda m, maak, a: services.betaling_registreren(
            door=m["financien"], aanvraag_id=a.pk, bedrag=Decimal("1000.00")
        ),
    ),
    "fonds hernoemd": (lambda m, maak: maak(m["regisseur"]), lambda m, maak, a: _hernoem_fonds(a)),
}


@pytest.mark.parametrize("schrijver", list(SCHRIJVERS), ids=list(SCHRIJVERS))
def test_elke_stap_van_een_aanvraag_toont_in_het_dossier(
    schrijver, fondsen, mensen, casus, maak_aanvraag, api_als
):
    regisseur = mensen["regisseur"]
    voorbereid, schrijf = SCHRIJVERS[schrijver]
    aanvraag = voorbereid(mensen, maak_aanvraag)
    toont_de_wijziging(
        api_als(regisseur),
        regisseur,
        casus.pk,
        lambda: schrijf(mensen, maak_aanvraag, aanvraag),
    )
