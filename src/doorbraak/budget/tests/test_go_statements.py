"""What one go costs the database, counted exactly (issue 19: the go three times faster). A
change that adds a statement to the go shows up here; lower the count when you take one out."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorbraak.audit.models import Verwerking
from doorbraak.budget import services
from doorbraak.budget.models import Boeking
from doorbraak.casussen.models import DossierLeesmodel
from doorbraak.taken.models import Achtergrondtaak

pytestmark = pytest.mark.django_db

# The request with its fund, doelgroep and case (locked) and, on PostgreSQL in the same
# statement, the decider's go mandates, the quick precedent check, the recipients of the go's
# notification and the budget of the open period, that period share-locked after the request's
# lock (SQLite: the mandates' UNION, the precedent check, the recipients and the budget, each
# its own; a close waits for the period's share lock); the step, the timeline's event and the
# request, the queued precedent (the queue's row and its key's row carrying the task id,
# inserted if new, returning whether it went in) and the log entry with the dossier read
# model's mark (with the transaction's id): PostgreSQL one statement, SQLite three, two and
# two; the check-and-commit (PostgreSQL: one statement with the ledger insert, SQLite: two).
# COMMIT is not counted, nor, on PostgreSQL, the savepoint around the check-and-commit that
# travels with it in one round trip (with the COMMIT instead of its release when the go is the
# outermost transaction: test_check_en_commit.py).
STATEMENTS = {"postgresql": 3, "sqlite": 14}
CHECK_EN_COMMIT = ["SAVEPOINT budget_committeer", "RELEASE SAVEPOINT budget_committeer"]


def _klaar_voor_go(mensen, maak_aanvraag, **anders):
    a = maak_aanvraag(mensen["regisseur"], **anders)
    services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
    services.aanvraag_beoordelen(door=mensen["collega"], aanvraag_id=a.pk, advies="positief")
    return a


def test_een_go_kost_een_vast_aantal_statements(fondsen, mensen, maak_aanvraag):
    eerste = _klaar_voor_go(mensen, maak_aanvraag, bedrag="300.00")
    tweede = _klaar_voor_go(mensen, maak_aanvraag, bedrag="400.00")
    services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=eerste.pk, besluit="go")
    gos = tweede.casus.tijdlijn.filter(tekst__startswith="Go voor")
    voor = gos.count(), DossierLeesmodel.objects.get(casus_id=tweede.casus_id).versie
    with CaptureQueriesContext(connection) as ctx:
        services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=tweede.pk, besluit="go")
    sql = [" ".join(q["sql"].split()) for q in ctx.captured_queries]
    # The test's own transaction turns the go's transaction into one savepoint; none inside it.
    assert sql[0].startswith("SAVEPOINT") and sql[-1].startswith("RELEASE SAVEPOINT"), sql
    sql = sql[1:-1]
    if connection.vendor == "postgresql":
        assert [sql[-3], sql[-1]] == CHECK_EN_COMMIT, sql[-3:]
        assert "budget_plafond_overschreden" in sql[-2]
        del sql[-3], sql[-1]
    assert not [q for q in sql if q.upper().startswith(("SAVEPOINT", "RELEASE"))], sql
    assert len(sql) == STATEMENTS[connection.vendor], "\n".join(sql)
    # No re-reads: the queued precedent's row is not read back after its insert, and the log
    # entry takes the transaction's id inside its own INSERT (PostgreSQL).
    assert not [q for q in sql if q.startswith('SELECT "taken_achtergrondtaak"')], sql
    assert "SELECT pg_current_xact_id()" not in sql
    mandaat = [q for q in sql if '"budget_fondsmandaat"' in q]
    assert len(mandaat) == 1, mandaat
    if connection.vendor == "postgresql":  # the mandates with the request, in its statement
        assert mandaat[0] == sql[0] and "ARRAY(SELECT" in sql[0] and "FOR NO KEY UPDATE" in sql[0]
    ontvangers = [q for q in sql if 'FROM "organisaties_medewerker"' in q]
    assert len(ontvangers) == 1 and (connection.vendor != "postgresql" or ontvangers == mandaat)
    precedent = [q for q in sql if '"precedenten_precedent"' in q]
    assert len(precedent) == 1 and (connection.vendor != "postgresql" or precedent == mandaat)
    if connection.vendor == "postgresql":  # the budget with the request, in its statement,
        # after the request's lock (doorbraak.vergrendeling: the request, then the period)
        (budget,) = [q for q in sql if '"budget_budget"' in q and "FOR SHARE OF p" in q]
        assert budget == sql[0], budget
        slot, periode = budget.index("FOR NO KEY UPDATE OF a)"), budget.index("LATERAL (SELECT b.")
        assert slot < periode and budget.endswith("LIMIT 1 FOR SHARE OF p) bp ON true"), budget
    else:
        (budget,) = [q for q in sql if q.startswith('SELECT b."id"')]
    taak = [q for q in sql if 'INSERT INTO "taken_achtergrondtaak"' in q]
    assert len(taak) == 1 and "ON CONFLICT" in taak[0] and "RETURNING" in taak[0], taak
    wachtrij = [q for q in sql if 'INSERT INTO "django_q_ormq"' in q]
    tijdlijn = [q for q in sql if 'INSERT INTO "casussen_tijdlijnitem"' in q]
    if connection.vendor == "postgresql":  # the queue's row in the same statement, the step's
        assert wachtrij == taak == tijdlijn and ", wachtrij AS (INSERT" in taak[0], sql
    else:
        assert len(wachtrij) == 1 and wachtrij != taak, sql
    assert not [q for q in sql if q.startswith('UPDATE "taken_achtergrondtaak"')], sql
    log = [q for q in sql if 'INSERT INTO "audit_verwerking"' in q]
    leesmodel = [q for q in sql if 'INSERT INTO "casussen_dossierleesmodel"' in q]
    assert len(tijdlijn) == len(log) == len(leesmodel) == 1, sql
    if connection.vendor == "postgresql":  # written with the step, and with the log entry
        assert 'INSERT INTO "budget_aanvraagstap"' in tijdlijn[0], tijdlijn
        assert (
            tijdlijn[0].startswith("WITH nieuw AS (") and 'UPDATE "budget_aanvraag"' in tijdlijn[0]
        )
        assert leesmodel == log and "ON CONFLICT (casus_id)" in log[0], log
        assert log == tijdlijn and "xact AS MATERIALIZED" in log[0], log
    else:
        assert leesmodel != log and tijdlijn[0].startswith('INSERT INTO "casussen_tijdlijnitem"')
    assert Achtergrondtaak.objects.get(sleutel=f"precedent:{tweede.pk}:besluit").task_id
    # and it did everything a go does
    assert Boeking.objects.get(aanvraag=tweede, soort="toezegging").centen == 40_000
    log = Verwerking.objects.filter(object_id=str(tweede.pk), omschrijving="toegekend (go)")
    assert log.count() == 1
    # the timeline's event and the dossier's mark (its version raised, its copy emptied)
    na = gos.count(), DossierLeesmodel.objects.get(casus_id=tweede.casus_id)
    assert na[0] == voor[0] + 1 and "400" in gos.first().tekst
    assert na[1].versie > voor[1] and na[1].inhoud == ""
    assert Achtergrondtaak.objects.filter(sleutel=f"precedent:{tweede.pk}:besluit").count() == 1


def test_een_geweigerde_go_laat_niets_achter_en_noemt_wat_er_over_is(
    fondsen, mensen, maak_aanvraag
):
    """An amount larger than the balance as read is refused right after that read: nothing is
    written and the budget's row is not locked (only reads up to the refusal), with the same
    refusal the check-and-commit gives."""
    from doorbraak.budget import ledger

    for bedrag in ("5000.00", "4900.00"):  # of the ceiling of 10,000, 100 is left
        eerder = _klaar_voor_go(mensen, maak_aanvraag, bedrag=bedrag)
        services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=eerder.pk, besluit="go")
    a = _klaar_voor_go(mensen, maak_aanvraag, bedrag="100.01")
    voor = Verwerking.objects.count(), Achtergrondtaak.objects.count()
    with (
        CaptureQueriesContext(connection) as ctx,
        pytest.raises(ledger.PlafondOverschreden) as fout,
    ):
        services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=a.pk, besluit="go")
    sql = [" ".join(q["sql"].split()) for q in ctx.captured_queries]
    gedaan = [q for q in sql if not q.upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))]
    assert all(q.startswith("SELECT") for q in gedaan), gedaan
    # no lock on the budget's row: only the request's (a) and the period's share lock (p)
    sloten = {s for q in gedaan for s in re.findall(r"FOR (?:NO KEY |KEY )?\w+(?: OF \w+)?", q)}
    assert sloten <= {"FOR NO KEY UPDATE OF a", "FOR SHARE OF p"}, sloten
    # the budget's read (PostgreSQL: with the request), then the refusal
    budget = 'SELECT a."id"' if connection.vendor == "postgresql" else 'SELECT b."id"'
    assert gedaan[-1].startswith(budget) and 'FROM "budget_budget" b' in gedaan[-1], gedaan
    assert fout.value.extra == {"beschikbaar": "100.00"}
    assert "€ 100,00" in str(fout.value) and "€ 100,01" in str(fout.value)
    assert (Verwerking.objects.count(), Achtergrondtaak.objects.count()) == voor
    assert not Boeking.objects.filter(aanvraag=a).exists()
    a.refresh_from_db()
    assert a.status == "beoordeeld" and a.budget_id is None
    assert Decimal(fout.value.extra["beschikbaar"]) < a.bedrag


def test_een_weigering_bij_het_lezen_laat_de_voorbereide_statements_staan(
    fondsen, mensen, maak_aanvraag
):
    """psycopg drops every prepared statement of a connection at a ROLLBACK (also to a
    savepoint), after which each statement is parsed and planned again until it has run five
    times more. A refusal on the balance as read wrote nothing, so its transaction ends without
    one: the connection keeps its prepared statements."""
    from doorbraak.budget import ledger

    if connection.vendor != "postgresql":
        pytest.skip("voorbereide statements: PostgreSQL")
    for bedrag in ("5000.00", "4900.00"):  # of the ceiling of 10,000, 100 is left
        eerder = _klaar_voor_go(mensen, maak_aanvraag, bedrag=bedrag)
        services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=eerder.pk, besluit="go")
    te_groot = [_klaar_voor_go(mensen, maak_aanvraag, bedrag="100.01") for _ in range(2)]

    def voorbereid() -> int:
        with connection.cursor() as cursor:
            for _ in range(6):  # psycopg prepares a statement at its sixth run
                cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE %s", [True])
            return cursor.fetchone()[0]

    assert voorbereid() >= 1
    for a in te_groot:
        with pytest.raises(ledger.PlafondOverschreden):
            services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=a.pk, besluit="go")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE %s", [True])
        assert cursor.fetchone()[0] >= 1  # a ROLLBACK would have deallocated them all


def test_een_go_waarvan_het_precedent_al_in_de_wachtrij_staat_zet_het_er_niet_nog_eens_in(
    fondsen, mensen, maak_aanvraag
):
    """The queued precedent travels with the go's step (PostgreSQL: as a part of its statement,
    `taken.services.taak_als_deel`): when its key was placed already, the go's own job comes off
    the queue again in the same transaction, as `plaats_taak` does, and the first placement
    stays the one under the key."""
    from django_q.models import OrmQ

    from doorbraak.precedenten.services import na_besluit

    a = _klaar_voor_go(mensen, maak_aanvraag, bedrag="300.00")
    na_besluit(a)
    eerste = Achtergrondtaak.objects.get(sleutel=f"precedent:{a.pk}:besluit")
    jobs = OrmQ.objects.count()
    services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=a.pk, besluit="go")
    assert OrmQ.objects.count() == jobs
    assert [t.task_id for t in Achtergrondtaak.objects.filter(sleutel=eerste.sleutel)] == [
        eerste.task_id
    ]
    assert Boeking.objects.get(aanvraag=a, soort="toezegging").centen == 30_000


def test_een_go_vraagt_de_verbinding_niets_via_djangos_proxy(
    fondsen, mensen, maak_aanvraag, monkeypatch
):
    """`django.db.connection` looks the connection up again (asgiref's context-local storage,
    an AttributeError raised and caught on the way) for every attribute it is asked for: the
    go's own code asks the connection itself (`vaste_sql.db()`), so a go passes the proxy by
    (it did some twenty times per go)."""
    from django.utils.connection import ConnectionProxy

    if connection.vendor != "postgresql":
        pytest.skip("the go's own statements: PostgreSQL (SQLite reads more through the ORM)")
    eerste = _klaar_voor_go(mensen, maak_aanvraag, bedrag="300.00")
    a = _klaar_voor_go(mensen, maak_aanvraag, bedrag="400.00")
    # the first go writes the statements each process keeps (through the proxy, once)
    services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=eerste.pk, besluit="go")
    gevraagd = []
    echt = ConnectionProxy.__getattr__

    def tellend(self, naam):
        gevraagd.append(naam)
        return echt(self, naam)

    monkeypatch.setattr(ConnectionProxy, "__getattr__", tellend)
    services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=a.pk, besluit="go")
    monkeypatch.undo()
    assert gevraagd == [], gevraagd
