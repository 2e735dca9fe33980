"""The three fund shapes of the seeds, their people, and a case with a recorded rules check."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from doorbraak.budget import ledger, services
from doorbraak.budget.models import Budget, Draagkrachtnorm, Fonds, Fondsmandaat, Periode
from doorbraak.organisaties.models import Mandaat, MandaatRol, Rol
from doorbraak.organisaties.tests.factories import doelgroep

IBAN = "NL91ABNA0417164300"
PILOTKADER = {
    "alle": [
        "noodzakelijk",
        {"een_van": ["schade_bij_niet_inzet", "hogere_kosten_op_termijn"]},
        "regulier_niet_mogelijk",
    ]
}
ALLE_CRITERIA = {
    "voorliggend_onvoldoende": True,
    "noodzakelijk": True,
    "schade_bij_niet_inzet": True,
    "regulier_niet_mogelijk": True,
}


def _jaar(fonds: Fonds, plafonds: dict) -> list[Budget]:
    jaar = timezone.localdate().year
    periode = Periode.objects.create(
        fonds=fonds, naam=str(jaar), van=date(jaar, 1, 1), tot=date(jaar, 12, 31)
    )
    return [
        Budget.objects.create(
            gemeente=fonds.gemeente,
            periode=periode,
            doelgroep=doelgroep(fonds.gemeente, code) if code else None,
            plafond=Decimal(plafond),
        )
        for code, plafond in plafonds.items()
    ]


@pytest.fixture
def mensen(gemeente, maak_medewerker):
    m = {
        "regisseur": maak_medewerker(gemeente, Rol.REGISSEUR, username="aanvrager"),
        "collega": maak_medewerker(gemeente, Rol.COLLEGA, username="meekijker"),
        "manager": maak_medewerker(gemeente, Rol.MANAGER, username="baas"),
        "manager2": maak_medewerker(gemeente, Rol.MANAGER, username="opdrachtgever2"),
        "financien": maak_medewerker(gemeente, Rol.FINANCIEN, username="geld"),
        "uitvoeringsregisseur": maak_medewerker(gemeente, Rol.REGISSEUR, username="wijk"),
    }
    mph = doelgroep(gemeente, "mph")
    Mandaat.objects.bulk_create(
        [
            Mandaat(
                medewerker=m["regisseur"],
                doelgroep=mph,
                rol=MandaatRol.AANVRAGEN,
                max_bedrag=Decimal("5000"),
            ),
            Mandaat(medewerker=m["collega"], doelgroep=mph, rol=MandaatRol.MEEKIJKEN),
            Mandaat(medewerker=m["manager"], doelgroep=mph, rol=MandaatRol.GO),
            Mandaat(
                medewerker=m["manager2"],
                doelgroep=mph,
                rol=MandaatRol.GO,
                max_bedrag=Decimal("1000"),
            ),
        ]
    )
    return m


@pytest.fixture
def fondsen(gemeente, mensen):
    """Regulation 000 (three people), pilot 001 (opdrachtgevers), regelarm wijkbudget 002."""
    regeling = Fonds.objects.create(
        gemeente=gemeente,
        code="doorbraakbudget",
        naam="Doorbraakbudget",
        standaard=True,
        afwegingskader={"alle": ["voorliggend_onvoldoende", "noodzakelijk"]},
        grootboekrekening="4450",
        kostenplaats="SD-DOORBRAAK",
        betaalrekening_naam="Gemeente Peelstad",
        betaalrekening_iban="NL44RABO0123456789",
    )
    pilot = Fonds.objects.create(
        gemeente=gemeente,
        code="samenloopbudget",
        naam="Samenloopbudget pilot",
        meekijken_verplicht=False,
        afwegingskader=PILOTKADER,
        lening_voorkeur=False,
    )
    wijk = Fonds.objects.create(
        gemeente=gemeente,
        code="wijkbudget",
        naam="Regelarm wijkbudget",
        meekijken_verplicht=False,
        zelfstandig_tot=Decimal("2500"),
        afwegingskader={"alle": ["noodzakelijk"]},
        lening_voorkeur=False,
    )
    _jaar(regeling, {"mph": "10000", "doorbraakteam": "5000", "passende_hulp": "5000"})
    vandaag = timezone.localdate()
    pilotperiode = Periode.objects.create(
        fonds=pilot,
        naam="Pilotperiode",
        van=date(vandaag.year - 1, 1, 1),
        tot=date(vandaag.year + 1, 12, 31),
    )
    Budget.objects.create(
        gemeente=gemeente, periode=pilotperiode, doelgroep=None, plafond=Decimal("50000")
    )
    _jaar(wijk, {None: "20000"})
    pilotleider, uitv = mensen["regisseur"], mensen["uitvoeringsregisseur"]
    Fondsmandaat.objects.bulk_create(
        [
            Fondsmandaat(fonds=pilot, medewerker=pilotleider, rol=MandaatRol.AANVRAGEN),
            Fondsmandaat(fonds=pilot, medewerker=mensen["manager"], rol=MandaatRol.GO),
            Fondsmandaat(fonds=pilot, medewerker=mensen["manager2"], rol=MandaatRol.GO),
            Fondsmandaat(fonds=wijk, medewerker=uitv, rol=MandaatRol.AANVRAGEN),
            Fondsmandaat(fonds=wijk, medewerker=uitv, rol=MandaatRol.GO),
            Fondsmandaat(fonds=wijk, medewerker=mensen["manager"], rol=MandaatRol.GO),
        ]
    )
    Draagkrachtnorm.objects.create(
        gemeente=gemeente,
        naam="Norm 2025",
        geldig_van=date(2025, 1, 1),
        leefgeld=Decimal("1200.00"),
        aflosdeel=Decimal("0.500"),
    )
    return {"regeling": regeling, "pilot": pilot, "wijk": wijk}


@pytest.fixture
def casus(mensen, maak_casus):
    """A case ready for a request: a plan with a doorbraak and an action, and a voorliggend
    check with its decisive questions answered."""
    from doorbraak.budget.demo import klaar_voor_aanvraag

    c = maak_casus(mensen["regisseur"])
    klaar_voor_aanvraag(mensen["regisseur"], c)
    return c


@pytest.fixture
def maak_aanvraag(casus):
    def maak(door, *, bedrag="1000.00", fonds=None, vorm="om_niet", casus_id=None, **anders):
        waarden = {
            "casus_id": casus_id or casus.pk,
            "bedrag": Decimal(bedrag),
            "vorm": vorm,
            "ontvanger_naam": "Woningcorporatie Peelwonen",
            "ontvanger_iban": IBAN,
            "motivering": "Huurachterstand wegwerken voorkomt huisuitzetting.",
            "criteria": ALLE_CRITERIA,
            "fonds": fonds,
        }
        if vorm == "lening":
            waarden["termijnbedrag"] = Decimal("50.00")
        waarden.update(anders)
        return services.aanvraag_aanmaken(door=door, invoer=services.AanvraagInvoer(**waarden))

    return maak


@pytest.fixture
def api_als(api_als):
    """As the project's fixture, sending JSON by default."""

    def client(medewerker):
        c = api_als(medewerker)
        c.default_format = "json"
        return c

    return client


@pytest.fixture
def saldo_gelezen_voor_een_andere_go(monkeypatch):
    """The go read the balance before another go took the room (the race the check-and-commit
    decides): its refusal comes from `committeer`, not from the read (`weigering_bij_lezen`)."""
    monkeypatch.setattr(ledger, "weigering_bij_lezen", lambda **_: None)
