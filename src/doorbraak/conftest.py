"""Shared fixtures: two gemeenten, medewerkers per role, API clients."""

import pytest
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from doorbraak.organisaties.models import Rol
from doorbraak.organisaties.tests.factories import GemeenteFactory, MedewerkerFactory

# No per-example deadline: database-backed properties run on shared CI machines whose speed
# varies; a slow example is not a wrong one.
hypothesis_settings.register_profile("doorbraak", deadline=None)
hypothesis_settings.load_profile("doorbraak")

# A valid test BSN (passes the 11-proef) and one that fails it.
GELDIG_BSN = "111222333"
ONGELDIG_BSN = "123456789"


@pytest.fixture(autouse=True)
def _geen_bewaarde_paginas():
    """Whole pages kept in this process (web.bewaarde_pagina) do not outlive a test: a kept page
    renders no template, so a test reading a page's context would depend on the tests before."""
    from doorbraak.web import bewaarde_pagina

    bewaarde_pagina.vergeten()


@pytest.fixture
def gemeente(db):
    return GemeenteFactory(naam="Peelstad", code="GM9901")


@pytest.fixture
def andere_gemeente(db):
    return GemeenteFactory(naam="Kempenhoven", code="GM9902")


@pytest.fixture
def maak_medewerker(db):
    def maak(gemeente, *rollen, **kwargs):
        return MedewerkerFactory(
            gemeente=gemeente, rollen=list(rollen) or [Rol.REGISSEUR], **kwargs
        )

    return maak


@pytest.fixture
def regisseur(gemeente, maak_medewerker):
    return maak_medewerker(gemeente, Rol.REGISSEUR, username="regisseur")


@pytest.fixture
def privacy(gemeente, maak_medewerker):
    return maak_medewerker(gemeente, Rol.PRIVACY, username="privacy")


@pytest.fixture
def regisseur_elders(andere_gemeente, maak_medewerker):
    return maak_medewerker(andere_gemeente, Rol.REGISSEUR, username="regisseur2")


@pytest.fixture
def api_als():
    def client(medewerker) -> APIClient:
        c = APIClient()
        c.force_authenticate(medewerker)
        return c

    return client


@pytest.fixture
def api(regisseur, api_als) -> APIClient:
    return api_als(regisseur)


@pytest.fixture
def maak_casus():
    """A household with a case, created through the services as a regisseur would."""
    import datetime

    from doorbraak.casussen import services

    def maak(medewerker, *, bsn=None, naam="Familie De Vries", doelgroep="mph"):
        huishouden = services.huishouden_registreren(
            door=medewerker,
            naam=naam,
            postcode="5701 AB",
            gezinsleden=[
                services.NieuwGezinslid(
                    "Anna", "de Vries", datetime.date(1988, 5, 1), "ouder", bsn=bsn
                )
            ],
        )
        return services.casus_aanmelden(
            door=medewerker,
            huishouden_id=huishouden.pk,
            doelgroep_code=doelgroep,
            aanleiding="Dreigende huisuitzetting",
            urgentie="hoog",
        )

    return maak


@pytest.fixture(autouse=True, scope="session")
def _flush_ondanks_alleen_toevoegen():
    """Django empties the database after a transactional test with TRUNCATE, which the
    append-only tables refuse on PostgreSQL (doorbraak.alleen_toevoegen): let only that pass.
    The `pgtrigger.ignore` setting is set in its own statement around the flush (pgtrigger's own
    `ignore()` prefixes every statement with it, which a prepared statement cannot hold)."""
    import pgtrigger
    from django.db.backends.postgresql.operations import DatabaseOperations

    from doorbraak.alleen_toevoegen import leegmaak_triggers

    origineel = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        # What the trigger functions look for: "<table>:<trigger>" and the trigger's own name.
        namen = []
        for model, trigger in pgtrigger.registered(*leegmaak_triggers()):
            pgid = trigger.get_pgid(model)
            namen += [f"{model._meta.db_table}:{pgid}", pgid]
        zet = "SELECT set_config('pgtrigger.ignore', %s, false)"
        with self.connection.cursor() as cursor:
            cursor.execute(zet, ["{" + ",".join(namen) + "}"])
        try:
            return origineel(self, sql_list)
        finally:
            with self.connection.cursor() as cursor:
                cursor.execute(zet, [None])

    DatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    DatabaseOperations.execute_sql_flush = origineel


# --- which pass runs what (scripts/test.sh: SQLite, then PostgreSQL) ------------------------

# pytest-django's fixtures through which a test reaches the database (module-scoped data sets
# such as the region's are built on django_db_setup; django_db_blocker is in every test).
_DATABASEFIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def pytest_collection_modifyitems(config, items):
    """Each test runs in the pass where it can tell something. On SQLite: not the tests marked
    `postgres` (they would only skip) nor `alleen_postgresql` (slow, and their answer does not
    depend on the database: run once, on the production database). On PostgreSQL: not the tests
    that never reach the database (engines, parsers, pure rules): the SQLite pass gave their
    answer. DOORBRAAK_ALLE_TESTS=1 runs everything in both passes."""
    import os

    from django.conf import settings

    if os.environ.get("DOORBRAAK_ALLE_TESTS") == "1":
        return
    postgresql = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

    def eruit(item) -> bool:
        if postgresql:
            return not (
                item.get_closest_marker("django_db")
                or item.get_closest_marker("postgres")
                or item.get_closest_marker("alleen_postgresql")
                or item.get_closest_marker("browser")
                or _DATABASEFIXTURES.intersection(item.fixturenames)
            )
        return bool(
            item.get_closest_marker("postgres") or item.get_closest_marker("alleen_postgresql")
        )

    weg = [item for item in items if eruit(item)]
    if weg:
        config.hook.pytest_deselected(items=weg)
        items[:] = [item for item in items if not eruit(item)]
