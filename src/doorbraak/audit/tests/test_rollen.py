"""PostgreSQL: the app role of `doorbraak audit rollen` can read and append to the log, but cannot
change, delete or empty it, nor switch its triggers off."""

import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from doorbraak.audit import rollen

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def app_rol():
    if connection.vendor != "postgresql":
        pytest.skip("databaserollen bestaan alleen op PostgreSQL")
    achtervoegsel = uuid.uuid4().hex[:8]
    eigenaar, app = f"test_eigenaar_{achtervoegsel}", f"test_app_{achtervoegsel}"
    with connection.cursor() as cursor:
        for opdracht in rollen.rollen_sql(
            eigenaar=eigenaar, app=app, database=connection.settings_dict["NAME"]
        ):
            cursor.execute(opdracht)
        for opdracht in rollen.rechten_sql(app=app):
            cursor.execute(opdracht)
    instellingen = connection.settings_dict
    verbinding = psycopg.connect(
        host=instellingen["HOST"],
        port=instellingen["PORT"] or None,
        dbname=instellingen["NAME"],
        user=app,
        autocommit=True,
    )
    try:
        yield verbinding
    finally:
        verbinding.close()
        with connection.cursor() as cursor:
            cursor.execute(f'REASSIGN OWNED BY "{eigenaar}" TO CURRENT_USER')
            for rol in (app, eigenaar):
                cursor.execute(f'DROP OWNED BY "{rol}"')
                cursor.execute(f'DROP ROLE "{rol}"')


def geweigerd(verbinding, opdracht, params=()):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        verbinding.execute(opdracht, params)


def test_app_rol_voegt_toe_maar_wijzigt_verwijdert_en_leegt_niet(app_rol, gemeente):
    app_rol.execute(
        "INSERT INTO audit_verwerking (gemeente_id, tijdstip, actor, handeling, object_type, "
        "object_id, activiteit, omschrijving, request_id) "
        "VALUES (%s, %s, 'app', 'lezen', 'casus', '', 'casusregie', '', '')",
        [gemeente.pk, timezone.now()],
    )
    assert app_rol.execute("SELECT count(*) FROM audit_verwerking").fetchone()[0] == 1
    # What the sealer needs: the sequence's position and the chain head.
    app_rol.execute(
        "SELECT pg_sequence_last_value(pg_get_serial_sequence('audit_verwerking', 'volgnummer'))"
    )
    app_rol.execute("UPDATE audit_verwerkingsketen SET zegels = zegels")
    for tabel in ("audit_verwerking", "audit_verzegeling", "budget_boeking"):
        geweigerd(app_rol, f"UPDATE {tabel} SET gemeente_id = gemeente_id")
        geweigerd(app_rol, f"DELETE FROM {tabel}")
        geweigerd(app_rol, f"TRUNCATE {tabel}")
    # Not around the triggers either: not the owner, no superuser setting, and pgtrigger's
    # ignore setting does not give back a right the role lacks.
    geweigerd(app_rol, "ALTER TABLE audit_verwerking DISABLE TRIGGER ALL")
    geweigerd(app_rol, "SET session_replication_role = replica")
    app_rol.execute("SET pgtrigger.ignore = '{pgtrigger_alleen_toevoegen_x}'")
    geweigerd(app_rol, "DELETE FROM audit_verwerking")
    # No TRUNCATE on ordinary tables either.
    geweigerd(app_rol, "TRUNCATE casussen_casus CASCADE")
    assert app_rol.execute("SELECT count(*) FROM audit_verwerking").fetchone()[0] == 1


def test_commando_toont_de_sql(capsys):
    if connection.vendor != "postgresql":
        pytest.skip("databaserollen bestaan alleen op PostgreSQL")
    call_command("audit", "rollen", "--app", "mijn_app")
    uitvoer = capsys.readouterr().out
    assert 'REVOKE UPDATE, DELETE ON "public"."audit_verwerking"' in uitvoer
    assert '"public"."budget_boeking"' in uitvoer
    assert 'TO "mijn_app"' in uitvoer
