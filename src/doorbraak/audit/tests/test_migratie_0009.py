"""audit/0009 builds the household index CONCURRENTLY on PostgreSQL (outside a transaction), so
an interrupted run can leave an invalid new index, the new index built and the old one still
there, or both done but not recorded. Run again, it goes on from where it stopped and ends with
only the new, valid index."""

import importlib

import pytest
from django.db import connection

from doorbraak.audit.models import Verwerking

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

migratie = importlib.import_module(
    "doorbraak.audit.migrations.0009_verwerking_huishouden_zonder_tijdstip"
)


def _indexen() -> dict[str, bool]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, i.indisvalid FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass",
            [Verwerking._meta.db_table],
        )
        return dict(cursor.fetchall())


@pytest.mark.parametrize("ongeldig", [True, False], ids=["nieuwe-ongeldig", "nieuwe-al-klaar"])
def test_gaat_verder_waar_een_onderbroken_run_stopte(ongeldig):
    if connection.vendor != "postgresql":
        pytest.skip("CONCURRENTLY is PostgreSQL's")
    nieuw, oud = migratie.NIEUW.name, migratie.OUD.name
    with connection.schema_editor(atomic=False) as editor:
        editor.add_index(Verwerking, migratie.OUD)  # the old one still there
    if ongeldig:  # as CREATE INDEX CONCURRENTLY leaves an index it did not finish
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE pg_index SET indisvalid = false WHERE indexrelid = %s::regclass", [nieuw]
            )
    assert _indexen()[nieuw] is not ongeldig and oud in _indexen()
    with connection.schema_editor(atomic=False) as editor:
        migratie._wissel(editor, Verwerking, migratie.NIEUW, migratie.OUD)
    na = _indexen()
    assert na[nieuw] is True and oud not in na
    # interrupted after its last step, before Django recorded it: run again, nothing to do
    with connection.schema_editor(atomic=False) as editor:
        migratie._wissel(editor, Verwerking, migratie.NIEUW, migratie.OUD)
    assert _indexen() == na
    # and back: the old index again, the new one gone
    with connection.schema_editor(atomic=False) as editor:
        migratie._wissel(editor, Verwerking, migratie.OUD, migratie.NIEUW)
        assert oud in _indexen() and nieuw not in _indexen()
        migratie._wissel(editor, Verwerking, migratie.NIEUW, migratie.OUD)
    assert _indexen()[nieuw] is True and oud not in _indexen()
