"""List and dossier endpoints use a fixed number of queries, however many records there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorbraak.casussen.tests.factories import CasusFactory

pytestmark = pytest.mark.django_db


def aantal_queries(client, pad):
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(pad)
    assert antwoord.status_code == 200
    return len(ctx.captured_queries)


def test_casuslijst_groeit_niet_mee(api, gemeente):
    CasusFactory.create_batch(3, huishouden__gemeente=gemeente)
    weinig = aantal_queries(api, "/api/v1/casussen?page_size=100")
    CasusFactory.create_batch(30, huishouden__gemeente=gemeente)
    veel = aantal_queries(api, "/api/v1/casussen?page_size=100")
    assert weinig == veel
    assert veel <= 10


def test_dossier_groeit_niet_mee(api, gemeente, regisseur):
    from doorbraak.casussen import services

    klein = CasusFactory(huishouden__gemeente=gemeente)
    groot = CasusFactory(huishouden__gemeente=gemeente)
    for i in range(20):
        services.hulpverlener_toevoegen(
            door=regisseur, casus_id=groot.pk, invoer=services.HulpverlenerInvoer(f"Org {i}", "Rol")
        )
    for _ in range(3):
        services.domeinscores_vastleggen(
            door=regisseur,
            casus_id=groot.pk,
            scores=[services.Score("financien", 2), services.Score("huisvesting", 1)],
        )
    services.domeinscores_vastleggen(
        door=regisseur, casus_id=klein.pk, scores=[services.Score("financien", 3)]
    )
    # The first read builds the read model's copy (a fixed number of queries, see
    # test_leesmodel); every read after it: the case in scope with its copy and the log entry,
    # in one statement on PostgreSQL (audit.services.gelezen_en_vastgelegd), two on SQLite.
    for casus in (klein, groot):
        assert aantal_queries(api, f"/api/v1/casussen/{casus.pk}") <= 16
    verwacht = 1 if connection.vendor == "postgresql" else 2
    assert aantal_queries(api, f"/api/v1/casussen/{klein.pk}") == verwacht
    assert aantal_queries(api, f"/api/v1/casussen/{groot.pk}") == verwacht


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dossier_zoals_in_productie_een_statement(api, gemeente):
    """Outside the test's wrapping transaction, as under gunicorn: the case in scope with its
    stored copy and the log entry in one autocommitted statement (this client is signed in
    without a token; the token's one query comes on top, as `make bench` shows)."""
    if connection.vendor != "postgresql":
        pytest.skip("het pad zonder transactie is dat van PostgreSQL")
    casus = CasusFactory(huishouden__gemeente=gemeente)
    aantal_queries(api, f"/api/v1/casussen/{casus.pk}")  # builds the copy
    with CaptureQueriesContext(connection) as ctx:
        assert api.get(f"/api/v1/casussen/{casus.pk}").status_code == 200
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert len(sqls) == 1, sqls
    assert sqls[0].startswith("WITH gelezen AS MATERIALIZED")
    assert "casussen_dossierleesmodel" in sqls[0]
    assert 'INSERT INTO "audit_verwerking"' in sqls[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dossier_statements_worden_voorbereid(api, gemeente):
    """A statement the connection has run five times is prepared (config.databases): the server
    no longer parses and plans the dossier's read with its log entry on every request."""
    if connection.vendor != "postgresql":
        pytest.skip("voorbereide statements zijn van PostgreSQL")
    casus = CasusFactory(huishouden__gemeente=gemeente)
    for _ in range(6):
        assert api.get(f"/api/v1/casussen/{casus.pk}").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        voorbereid = [r[0] for r in cursor.fetchall()]
    assert any(
        s.startswith("WITH gelezen AS MATERIALIZED") and "casussen_dossierleesmodel" in s
        for s in voorbereid
    ), voorbereid
