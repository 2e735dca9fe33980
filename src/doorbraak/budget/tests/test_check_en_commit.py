"""The go's check-and-commit and its COMMIT in one round trip (PostgreSQL, issue 19): the budget's
row lock is free the moment that round trip returns, before the go's process runs another line
of Python; a refusal and a failing COMMIT leave nothing behind, and the connection works on."""

import logging
import time

import psycopg
import pytest
from django.db import connection, transaction

from doorbraak.audit.models import Verwerking
from doorbraak.budget import ledger, services
from doorbraak.budget.models import Boeking, Budget
from doorbraak.budget.tests.test_gelijktijdig import _saldo_klopt_met_grootboek
from doorbraak.budget.tests.test_vergrendeling import _niets_geschreven
from doorbraak.casussen.models import TijdlijnItem

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _alleen_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("de COMMIT reist alleen op PostgreSQL mee")


@pytest.fixture
def klaar(mensen, maak_aanvraag):
    def maak(bedrag="400.00"):
        a = maak_aanvraag(mensen["regisseur"], bedrag=bedrag)
        services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
        services.aanvraag_beoordelen(door=mensen["collega"], aanvraag_id=a.pk, advies="positief")
        return a.pk

    return maak


def _van_buiten(sql: str, *parameters):
    """Run `sql` on a connection of its own, as another go would, without waiting for a lock."""
    connection.ensure_connection()
    with psycopg.connect(connection.connection.info.dsn, autocommit=True) as ander:
        ander.execute("SET lock_timeout = '1ms'")
        return ander.execute(sql, parameters).fetchall()


def _peil_direct_na_de_boeking(monkeypatch) -> list:
    """Look from outside at the moment the check-and-commit's round trip is back in the go's
    process (`ledger._vastleggen_en_boeken` returned)."""
    gezien = []
    echt = ledger._vastleggen_en_boeken

    def vastleggen_en_boeken(**kw):
        uit = echt(**kw)
        try:
            _van_buiten(
                "SELECT 1 FROM budget_budget WHERE id = %s FOR NO KEY UPDATE", kw["budget"].pk
            )
            gezien.append("vrij")
        except psycopg.errors.LockNotAvailable:
            gezien.append("bezet")
        gezien.append(
            _van_buiten(
                "SELECT count(*) FROM budget_boeking WHERE aanvraag_id = %s", kw["aanvraag"].pk
            )[0][0]
        )
        return uit

    monkeypatch.setattr(ledger, "_vastleggen_en_boeken", vastleggen_en_boeken)
    return gezien


def test_de_budgetlock_is_vrij_en_de_go_gecommit_zodra_de_check_en_commit_terug_is(
    fondsen, mensen, klaar, monkeypatch
):
    pk = klaar()
    gezien = _peil_direct_na_de_boeking(monkeypatch)
    a = services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=pk, besluit="go")
    assert gezien == ["vrij", 1]  # committed, and nobody waits for this process any more
    assert a.status == "toegekend"
    assert Boeking.objects.get(aanvraag_id=pk, soort="toezegging").centen == 40_000
    assert Verwerking.objects.filter(object_id=str(pk), omschrijving="toegekend (go)").count() == 1
    assert connection.get_autocommit() and not connection.in_atomic_block
    _saldo_klopt_met_grootboek()


def test_in_een_omvattende_transactie_wacht_de_commit_op_die_transactie(
    fondsen, mensen, klaar, monkeypatch
):
    """Inside a caller's own atomic block the go cannot commit for it: the lock stays until the
    caller commits, and the caller can still roll everything back."""
    pk = klaar()
    gezien = _peil_direct_na_de_boeking(monkeypatch)
    with transaction.atomic():
        services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=pk, besluit="go")
        assert gezien == ["bezet", 0]
        transaction.set_rollback(True)
    assert not Boeking.objects.filter(aanvraag_id=pk).exists()
    _saldo_klopt_met_grootboek()


def test_een_weigering_noemt_precies_wat_er_over_is_en_laat_niets_achter(
    fondsen, mensen, klaar, saldo_gelezen_voor_een_andere_go
):
    for bedrag in ("5000.00", "4900.00"):  # of the ceiling of 10,000, 100.00 is left
        services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=klaar(bedrag), besluit="go")
    pk = klaar("100.01")
    tijdlijn, log = TijdlijnItem.objects.count(), Verwerking.objects.count()
    with pytest.raises(ledger.PlafondOverschreden) as fout:
        services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=pk, besluit="go")
    assert fout.value.extra == {"beschikbaar": "100.00"}
    assert "€ 100,00" in str(fout.value)
    _niets_geschreven(pk, tijdlijn, log)
    # what is left still goes, on the same connection
    services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=klaar("100.00"), besluit="go")
    budget = Budget.objects.get(boekingen__aanvraag__isnull=False, boekingen__centen=10_000)
    assert budget.vastgelegd_centen == budget.ruimte_centen
    _saldo_klopt_met_grootboek()


def test_een_weigering_die_aankomt_terwijl_de_commit_nog_vertrekt(
    fondsen, mensen, klaar, caplog, saldo_gelezen_voor_een_andere_go
):
    """On a busy machine the refusal can reach psycopg while the COMMIT behind it is still being
    sent, and psycopg raises it right there. The go is refused all the same with what was left,
    nothing stays behind, and no error is logged as ignored (psycopg's warning about the
    statements the refusal aborted)."""
    for bedrag in ("5000.00", "4900.00"):
        services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=klaar(bedrag), besluit="go")
    pk = klaar("100.01")
    tijdlijn, log = TijdlijnItem.objects.count(), Verwerking.objects.count()

    def commit_vertrekt_laat(execute, sql, params, many, context):
        if sql == "COMMIT":
            time.sleep(0.05)  # the refusal's answer is in by the time the COMMIT is sent
        return execute(sql, params, many, context)

    with (
        caplog.at_level(logging.WARNING, logger="psycopg"),
        connection.execute_wrapper(commit_vertrekt_laat),
        pytest.raises(ledger.PlafondOverschreden) as fout,
    ):
        services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=pk, besluit="go")
    assert fout.value.extra == {"beschikbaar": "100.00"}
    assert [r.getMessage() for r in caplog.records if r.name.startswith("psycopg")] == []
    _niets_geschreven(pk, tijdlijn, log)
    services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=klaar("100.00"), besluit="go")
    _saldo_klopt_met_grootboek()


def test_een_commit_die_faalt_geeft_409_en_laat_niets_achter(fondsen, mensen, klaar, api_als):
    """The COMMIT itself can fail (a deadlock on the foreign-key checks it runs, a
    serialisation failure): it travels in the go's last round trip, so that error comes out of
    the check-and-commit, and PostgreSQL has already rolled everything back."""
    pk = klaar()
    tijdlijn, log = TijdlijnItem.objects.count(), Verwerking.objects.count()
    with connection.cursor() as c:
        c.execute(
            """CREATE FUNCTION test_commit_faalt() RETURNS trigger AS $$ BEGIN
              RAISE EXCEPTION USING ERRCODE = '40001', MESSAGE = 'afgebroken bij de commit';
            END $$ LANGUAGE plpgsql;
            CREATE CONSTRAINT TRIGGER test_commit_faalt AFTER INSERT ON budget_boeking
              DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_commit_faalt();"""
        )
    api = api_als(mensen["manager"])
    api.raise_request_exception = False
    try:
        antwoord = api.post(f"/api/v1/aanvragen/{pk}/besluiten", {"besluit": "go"}, format="json")
    finally:
        with connection.cursor() as c:
            c.execute(
                "DROP TRIGGER test_commit_faalt ON budget_boeking; "
                "DROP FUNCTION test_commit_faalt();"
            )
    assert antwoord.status_code == 409, antwoord.content
    assert "niets opgeslagen" in antwoord.json()["detail"]
    _niets_geschreven(pk, tijdlijn, log)
    assert api.post(f"/api/v1/aanvragen/{pk}/besluiten", {"besluit": "go"}).status_code == 201
    _saldo_klopt_met_grootboek()


def test_gelijktijdige_gos_binnen_een_omvattende_transactie_blijven_onder_het_plafond(
    fondsen, mensen, klaar
):
    """Invariant 1 on the other path: each go inside a caller's own transaction, so the savepoint
    and its release travel with the check-and-commit and the caller commits. 20 go's of 1,000
    on a ceiling of 10,000 at once: exactly 10 commit, the other 10 are refused."""
    from doorbraak.budget.tests.test_gelijktijdig import _tegelijk

    ids = [klaar("1000.00") for _ in range(20)]

    def go_binnen_transactie(pk):
        with transaction.atomic():
            services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=pk, besluit="go")

    geweigerd, fouten = _tegelijk(go_binnen_transactie, ids, ledger.PlafondOverschreden)
    assert not fouten, fouten
    assert len(geweigerd) == 10
    assert all(e.extra == {"beschikbaar": "0.00"} for e in geweigerd)
    assert Boeking.objects.filter(soort="toezegging", aanvraag_id__in=ids).count() == 10
    _saldo_klopt_met_grootboek()


@pytest.mark.parametrize("eerder", [4, 5, 6])
def test_een_weigering_op_de_zesde_check_en_commit_van_een_verbinding(
    fondsen, mensen, klaar, saldo_gelezen_voor_een_andere_go, eerder
):
    """psycopg prepares a statement at its sixth run on a connection. When that run is a refused
    check-and-commit, the statement behind it in the round trip (here, inside a caller's own
    transaction, the savepoint's release) is skipped by PostgreSQL: it must not be left as a
    prepared statement the server never made, or the refusal fails with "prepared statement …
    does not exist" instead of a 409, and the caller's transaction with it."""
    connection.close()  # a new connection: psycopg counts the runs from zero
    aanvragen = [klaar(b) for b in ["4999.00", "4900.00"] + ["1.00"] * (eerder - 2)]
    te_groot, daarna = klaar("200.00"), [klaar("1.00") for _ in range(3)]
    with transaction.atomic():  # the check-and-commit releases its savepoint, no COMMIT
        for pk in aanvragen:  # of the ceiling of 10,000, 99 or less is left
            services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=pk, besluit="go")
        with pytest.raises(ledger.PlafondOverschreden):
            services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=te_groot, besluit="go")
        for pk in daarna:  # the connection and the caller's transaction work on
            services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=pk, besluit="go")
    assert not Boeking.objects.filter(aanvraag_id=te_groot).exists()
    assert Boeking.objects.filter(aanvraag_id__in=daarna, soort="toezegging").count() == 3
    _saldo_klopt_met_grootboek()
