"""The lock order of doorbraak/vergrendeling.py: a payment, a go, a release, a repayment and the
case's other writers at once on one case never deadlock; a go and a period close at once either
land the go in the close or refuse it; and should PostgreSQL still abort a transaction (deadlock,
serialisation failure), the API says 409 "probeer het opnieuw" and the screen a Dutch message,
with nothing half written."""

from decimal import Decimal

import psycopg
import pytest
from django.db import OperationalError, connection
from django.test import Client

from doorbraak.audit.models import Verwerking
from doorbraak.budget import ledger, services
from doorbraak.budget.models import Aanvraag, Boeking, Budget, Lening, Periode
from doorbraak.budget.tests.test_gelijktijdig import _saldo_klopt_met_grootboek, _tegelijk
from doorbraak.casussen import services as casussen
from doorbraak.casussen.models import TijdlijnItem
from doorbraak.fouten import Conflict
from doorbraak.taken.models import Achtergrondtaak
from doorbraak.vergrendeling import gelijktijdig

RONDES = 12  # rounds of concurrent writers on one case (PostgreSQL)


@pytest.fixture
def klaar_voor_go(mensen, maak_aanvraag):
    def maak(bedrag="100.00", **anders):
        a = maak_aanvraag(mensen["regisseur"], bedrag=bedrag, **anders)
        services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
        services.aanvraag_beoordelen(door=mensen["collega"], aanvraag_id=a.pk, advies="positief")
        return a.pk

    return maak


@pytest.fixture
def toegekend(mensen, klaar_voor_go):
    def maak(bedrag="100.00", **anders):
        pk = klaar_voor_go(bedrag, **anders)
        services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=pk, besluit="go")
        return pk

    return maak


def _deadlock(*args, **kwargs):
    """What Django raises when PostgreSQL picks this transaction as a deadlock's victim."""
    try:
        raise psycopg.errors.DeadlockDetected("deadlock detected")
    except psycopg.Error as fout:
        raise OperationalError("deadlock detected") from fout


def _niets_geschreven(pk, tijdlijn: int, log: int) -> None:
    a = Aanvraag.objects.get(pk=pk)
    assert a.status == "beoordeeld" and a.budget_id is None and a.besluit_door_id is None
    assert not Boeking.objects.filter(aanvraag_id=pk).exists()
    assert not Lening.objects.filter(aanvraag_id=pk).exists()
    assert not Achtergrondtaak.objects.filter(sleutel__contains=str(pk)).exists()
    assert TijdlijnItem.objects.count() == tijdlijn
    assert Verwerking.objects.count() == log
    _saldo_klopt_met_grootboek()


# --- the safety net: 40P01 / 40001 -> 409, nothing half written ------------------------------


def test_gelijktijdig_herkent_deadlock_en_serialisatiefout_en_verder_niets():
    assert gelijktijdig(psycopg.errors.DeadlockDetected("x"))
    assert gelijktijdig(psycopg.errors.SerializationFailure("x"))
    try:
        _deadlock()
    except OperationalError as fout:
        assert gelijktijdig(fout)
    assert not gelijktijdig(OperationalError("connection refused"))
    assert not gelijktijdig(psycopg.errors.LockNotAvailable("x"))
    assert not gelijktijdig(None)


@pytest.mark.django_db
def test_een_deadlock_geeft_in_de_api_409_probeer_opnieuw_en_niets_half_geschreven(
    fondsen, mensen, klaar_voor_go, api_als, monkeypatch
):
    pk = klaar_voor_go(vorm="lening")  # a go writes a loan, a step, the timeline, a job, a log
    tijdlijn, log = TijdlijnItem.objects.count(), Verwerking.objects.count()
    monkeypatch.setattr(ledger, "committeer", _deadlock)  # aborted at its last statements
    api = api_als(mensen["manager"])
    api.raise_request_exception = False
    antwoord = api.post(f"/api/v1/aanvragen/{pk}/besluiten", {"besluit": "go"}, format="json")
    assert antwoord.status_code == 409, antwoord.content
    assert antwoord["Content-Type"] == "application/problem+json"
    body = antwoord.json()
    assert body["status"] == 409 and body["title"] == "Gelijktijdige wijziging"
    assert "niets opgeslagen" in body["detail"] and "probeer het opnieuw" in body["detail"]
    _niets_geschreven(pk, tijdlijn, log)
    monkeypatch.undo()  # trying again works
    assert api.post(f"/api/v1/aanvragen/{pk}/besluiten", {"besluit": "go"}).status_code == 201


@pytest.mark.django_db
def test_een_deadlock_geeft_op_het_scherm_een_nederlandse_melding_en_niets_half_geschreven(
    fondsen, mensen, klaar_voor_go, monkeypatch
):
    pk = klaar_voor_go()
    client = Client(raise_request_exception=False)
    client.force_login(mensen["manager"])
    tijdlijn, log = TijdlijnItem.objects.count(), Verwerking.objects.count()
    monkeypatch.setattr(ledger, "committeer", _deadlock)
    antwoord = client.post(f"/aanvragen/{pk}/besluiten", {"besluit": "go", "motivering": "Ja."})
    assert antwoord.status_code == 409
    html = antwoord.content.decode()
    assert "Tegelijk gewijzigd" in html and "Er is niets opgeslagen" in html
    assert "utrecht-" in html  # the NL Design System error page
    _niets_geschreven(pk, tijdlijn, log)


@pytest.mark.django_db
def test_een_andere_databasefout_blijft_503(fondsen, mensen, klaar_voor_go, api_als, monkeypatch):
    pk = klaar_voor_go()

    def weg(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(ledger, "committeer", weg)
    api = api_als(mensen["manager"])
    api.raise_request_exception = False
    antwoord = api.post(f"/api/v1/aanvragen/{pk}/besluiten", {"besluit": "go"}, format="json")
    assert antwoord.status_code == 503


# --- a go against a period close -------------------------------------------------------------


@pytest.mark.django_db
def test_een_go_op_een_intussen_afgesloten_periode_wordt_geweigerd_en_laat_niets_achter(
    fondsen, mensen, klaar_voor_go
):
    """The close committed before the go read its budget: the go's read, which share-locks the
    period it finds (the same statement), finds no open period and refuses. (Concurrently, on
    PostgreSQL: the next test.)"""
    pk = klaar_voor_go()
    budget = Budget.objects.select_related("periode").get(
        periode__fonds=fondsen["regeling"], doelgroep__code="mph"
    )
    services.periode_afsluiten(
        door=mensen["financien"], periode_id=budget.periode_id, wijze="vrijgeven"
    )
    tijdlijn, log = TijdlijnItem.objects.count(), Verwerking.objects.count()
    with pytest.raises(Conflict, match="zojuist afgesloten") as fout:
        services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=pk, besluit="go")
    assert fout.value.veld == "budget"
    _niets_geschreven(pk, tijdlijn, log)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_go_en_periodeafsluiting_tegelijk_de_go_zit_in_de_afsluiting_of_wordt_geweigerd(
    fondsen, mensen, klaar_voor_go, toegekend
):
    """Close and go at once, many times: either the go landed before the close and the close
    released it with the other grants, or it was refused with a clear message. Never a grant
    left open on a closed period."""
    if connection.vendor != "postgresql":
        pytest.skip("gelijktijdigheid wordt op PostgreSQL getest")
    periode = Periode.objects.get(fonds=fondsen["regeling"])
    uitkomsten = {"in_afsluiting": 0, "geweigerd": 0}
    for _ in range(RONDES):
        Periode.objects.filter(pk=periode.pk).update(afgesloten=False)  # a new round
        eerder, pk = toegekend(), klaar_voor_go()
        geweigerd, fouten = _tegelijk(
            lambda taak: taak(),
            [
                lambda pk=pk: services.aanvraag_besluiten(
                    door=mensen["manager"], aanvraag_id=pk, besluit="go"
                ),
                lambda: services.periode_afsluiten(
                    door=mensen["financien"], periode_id=periode.pk, wijze="vrijgeven"
                ),
            ],
            Conflict,
        )
        assert not fouten, fouten
        a = Aanvraag.objects.get(pk=pk)
        soorten = sorted(Boeking.objects.filter(aanvraag_id=pk).values_list("soort", "centen"))
        if geweigerd:
            (fout,) = geweigerd
            assert "afgesloten" in fout.melding or "geen budget" in fout.melding, fout.melding
            assert a.status == "beoordeeld" and soorten == []
            uitkomsten["geweigerd"] += 1
        else:
            assert a.status == "vervallen", a.status
            assert soorten == [("toezegging", 10000), ("vrijval", 10000)]
            uitkomsten["in_afsluiting"] += 1
        assert Aanvraag.objects.get(pk=eerder).status == "vervallen"
        assert not Aanvraag.objects.filter(status="toegekend").exists()
        for budget in Budget.objects.filter(periode=periode):
            assert ledger.saldi(budget).gecommitteerd == Decimal("0.00")
    assert sum(uitkomsten.values()) == RONDES
    _saldo_klopt_met_grootboek()


# --- no deadlock between a payment and the case's other writers ------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_betaling_go_vrijval_aflossing_en_casusschrijvers_op_een_casus_zonder_deadlock(
    fondsen, mensen, casus, maak_aanvraag, klaar_voor_go, toegekend
):
    """Per round, at once on one case: a payment, a release, a go, a repayment, a new request
    and a change of the case (both lock the case row), and a plan change. Before the lock order
    a payment (holding the dossier read model, checking its timeline item's case at COMMIT)
    deadlocked with a writer holding the case FOR UPDATE and waiting for the read model."""
    if connection.vendor != "postgresql":
        pytest.skip("gelijktijdigheid wordt op PostgreSQL getest")
    fin, manager, regisseur = mensen["financien"], mensen["manager"], mensen["regisseur"]
    lening = toegekend("1000.00", vorm="lening")
    services.betaling_registreren(door=fin, aanvraag_id=lening, bedrag=Decimal("1000.00"))
    lening = Lening.objects.get(aanvraag_id=lening).pk
    rondes = [(toegekend(), toegekend(), klaar_voor_go()) for _ in range(RONDES)]
    concepten = Aanvraag.objects.filter(status="concept").count()
    for i, (betaal, vrij, go) in enumerate(rondes):
        urgentie = ("hoog", "normaal")[i % 2]
        taken = [
            lambda pk=betaal: services.betaling_registreren(
                door=fin, aanvraag_id=pk, bedrag=Decimal("100.00")
            ),
            lambda pk=vrij: services.toezegging_vrijgeven(door=fin, aanvraag_id=pk, reden="Weg."),
            lambda pk=go: services.aanvraag_besluiten(door=manager, aanvraag_id=pk, besluit="go"),
            lambda: services.aflossing_registreren(
                door=fin, lening_id=lening, bedrag=Decimal("10.00")
            ),
            lambda: maak_aanvraag(regisseur, bedrag="50.00"),
            lambda u=urgentie: casussen.casus_wijzigen(
                door=regisseur, casus_id=casus.pk, urgentie=u
            ),
        ]
        _geweigerd, fouten = _tegelijk(lambda taak: taak(), taken, ())
        assert not fouten, fouten
    assert all(
        Aanvraag.objects.get(pk=b).status == "betaald"
        and Aanvraag.objects.get(pk=v).status == "vervallen"
        and Aanvraag.objects.get(pk=g).status == "toegekend"
        for b, v, g in rondes
    )
    assert Aanvraag.objects.filter(status="concept").count() == concepten + RONDES
    assert ledger.lening_saldi(Lening.objects.get(pk=lening)).afgelost == 10 * RONDES
    _saldo_klopt_met_grootboek()
