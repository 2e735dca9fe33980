"""A concept can be corrected and withdrawn by its requester only; a repayment to a revolving
fund refills the period in which it is received (checked in the ledger)."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from doorbraak.budget import ledger, services
from doorbraak.budget.models import (
    Aanvraag,
    AanvraagStatus,
    Boeking,
    Budget,
    Lening,
    Periode,
    Soort,
)
from doorbraak.fouten import GeenToegang, OngeldigeStatusovergang, Validatiefout
from doorbraak.organisaties.tests.factories import doelgroep

from .conftest import IBAN

pytestmark = pytest.mark.django_db


def _invoer(casus, **anders):
    waarden = {
        "casus_id": casus.pk,
        "bedrag": Decimal("800.00"),
        "vorm": "om_niet",
        "ontvanger_naam": "Enexis Energie",
        "ontvanger_iban": IBAN,
        "motivering": "Afsluiting voorkomen.",
        "criteria": {"voorliggend_onvoldoende": True, "noodzakelijk": True},
        "betalingskenmerk": "KLANT 123",
    }
    waarden.update(anders)
    return services.AanvraagInvoer(**waarden)


def test_concept_zonder_afwegingskader_wordt_gewijzigd_en_ingediend(
    fondsen, mensen, casus, maak_aanvraag
):
    r = mensen["regisseur"]
    a = maak_aanvraag(r, criteria={})
    with pytest.raises(Exception, match="afwegingskader"):
        services.aanvraag_indienen(door=r, aanvraag_id=a.pk)
    a = services.aanvraag_wijzigen(door=r, aanvraag_id=a.pk, invoer=_invoer(casus))
    assert (a.bedrag, a.ontvanger_naam, a.betalingskenmerk) == (
        Decimal("800.00"),
        "Enexis Energie",
        "KLANT 123",
    )
    assert services.aanvraag_indienen(door=r, aanvraag_id=a.pk).status == "ingediend"
    # once submitted it is no concept any more
    with pytest.raises(OngeldigeStatusovergang):
        services.aanvraag_wijzigen(door=r, aanvraag_id=a.pk, invoer=_invoer(casus))
    with pytest.raises(OngeldigeStatusovergang):
        services.aanvraag_intrekken(door=r, aanvraag_id=a.pk)


def test_wijzigen_houdt_het_mandaat_en_laat_bij_een_fout_niets_achter(
    fondsen, mensen, casus, maak_aanvraag
):
    r = mensen["regisseur"]
    a = maak_aanvraag(r, bedrag="300.00")
    with pytest.raises(GeenToegang, match=r"reikt tot € 5\.000,00") as fout:
        services.aanvraag_wijzigen(
            door=r, aanvraag_id=a.pk, invoer=_invoer(casus, bedrag=Decimal("250000"))
        )
    assert fout.value.veld == "bedrag"
    with pytest.raises(Validatiefout):
        services.aanvraag_wijzigen(
            door=r, aanvraag_id=a.pk, invoer=_invoer(casus, ontvanger_iban="NL00FOUT")
        )
    a.refresh_from_db()
    assert a.bedrag == Decimal("300.00") and a.betalingskenmerk == ""
    # someone else cannot change or withdraw it
    for andere in (mensen["collega"], mensen["manager"]):
        with pytest.raises(GeenToegang):
            services.aanvraag_wijzigen(door=andere, aanvraag_id=a.pk, invoer=_invoer(casus))
        with pytest.raises(GeenToegang):
            services.aanvraag_intrekken(door=andere, aanvraag_id=a.pk)


def test_concept_intrekken_blijft_in_de_historie(fondsen, mensen, maak_aanvraag):
    r = mensen["regisseur"]
    a = maak_aanvraag(r)
    a = services.aanvraag_intrekken(door=r, aanvraag_id=a.pk, reden="Toch via de school.")
    assert a.status == AanvraagStatus.INGETROKKEN
    assert [s.naar for s in a.stappen.all()] == ["concept", "ingetrokken"]
    assert a.stappen.last().toelichting == "Toch via de school."
    with pytest.raises(OngeldigeStatusovergang):
        services.aanvraag_indienen(door=r, aanvraag_id=a.pk)
    assert not Boeking.objects.filter(aanvraag=a).exists()


def test_betalingskenmerk_hoogstens_35_tekens(fondsen, mensen, casus):
    with pytest.raises(Validatiefout) as fout:
        services.aanvraag_aanmaken(
            door=mensen["regisseur"], invoer=_invoer(casus, betalingskenmerk="x" * 36)
        )
    assert fout.value.veld == "ontvanger.betalingskenmerk"
    assert not Aanvraag.objects.exists()


def _op(monkeypatch, dag: date):
    moment = timezone.make_aware(datetime(dag.year, dag.month, dag.day, 10, 0))
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_aflossing_vult_het_revolverend_fonds_in_de_periode_van_ontvangst(
    fondsen, mensen, maak_aanvraag, monkeypatch
):
    regeling = fondsen["regeling"]
    vandaag = timezone.localdate()
    vorig = vandaag.year - 1
    periode = Periode.objects.create(
        fonds=regeling, naam=str(vorig), van=date(vorig, 1, 1), tot=date(vorig, 12, 31)
    )
    oud = Budget.objects.create(
        gemeente=regeling.gemeente,
        periode=periode,
        doelgroep=doelgroep(regeling.gemeente, "mph"),
        plafond=Decimal("5000"),
    )
    nieuw = Budget.objects.get(periode__fonds=regeling, periode__van__year=vandaag.year,
                               doelgroep__code="mph")  # fmt: skip
    fin = mensen["financien"]
    # last June: the loan is granted and paid from last year's budget, one repayment in July
    _op(monkeypatch, date(vorig, 6, 1))
    a = maak_aanvraag(mensen["regisseur"], bedrag="600.00", vorm="lening")
    services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
    services.aanvraag_beoordelen(door=mensen["collega"], aanvraag_id=a.pk, advies="positief")
    a = services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=a.pk, besluit="go")
    assert a.budget_id == oud.pk
    services.betaling_registreren(door=fin, aanvraag_id=a.pk, bedrag=Decimal("600.00"))
    lening = Lening.objects.get(aanvraag=a)
    _op(monkeypatch, date(vorig, 7, 3))
    services.aflossing_registreren(door=fin, lening_id=lening.pk, bedrag=Decimal("50.00"))
    monkeypatch.undo()
    voor = ledger.saldi(nieuw)
    # this year: the repayment refills this year's budget, not the loan's original one
    services.aflossing_registreren(door=fin, lening_id=lening.pk, bedrag=Decimal("50.00"))
    aflossingen = list(
        Boeking.objects.filter(lening=lening, soort=Soort.AFLOSSING).values_list(
            "budget_id", "datum"
        )
    )
    assert aflossingen == [(oud.pk, date(vorig, 7, 3)), (nieuw.pk, vandaag)]
    na = ledger.saldi(nieuw)
    assert na.beschikbaar - voor.beschikbaar == Decimal("50.00")
    assert ledger.saldi(oud).afgelost == Decimal("50.00")
    assert ledger.lening_saldi(lening).uitstaand == Decimal("500.00")
    # a fund that does not revolve keeps repayments on the loan's own budget
    regeling.revolverend = False
    regeling.save(update_fields=["revolverend"])
    services.aflossing_registreren(door=fin, lening_id=lening.pk, bedrag=Decimal("25.00"))
    laatste = Boeking.objects.filter(lening=lening).order_by("-id").first()
    assert laatste.budget_id == oud.pk
    assert ledger.saldi(nieuw).beschikbaar == na.beschikbaar


@pytest.mark.parametrize("jaar", [10000, 0, -5])
def test_budget_vaststellen_buiten_de_jaren_is_een_validatiefout(fondsen, mensen, jaar):
    with pytest.raises(Validatiefout, match="Geef een jaar tussen") as fout:
        services.budget_vaststellen(
            door=mensen["financien"], doelgroep="mph", plafond=Decimal("1"), jaar=jaar
        )
    assert fout.value.veld == "jaar"
