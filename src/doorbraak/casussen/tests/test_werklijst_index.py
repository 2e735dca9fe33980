"""On PostgreSQL the worklist's first page is read in index order (issue 19): with 200,000
households the old plan joined and sorted all 9,524 cases of a regisseur to show 20 (50 ms per
page); `casus_werklijst_regisseur` and `casus_werklijst_gemeente` hold the order (urgency rank,
age) so the database stops after the page. The test EXPLAINs the query the page really sends,
with sorting switched off: if the index no longer matches the ordering expression, the plan
has to sort (or the index is missing from it) and the test fails."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from doorbraak.casussen.models import Casus
from doorbraak.casussen.tests.factories import CasusFactory
from doorbraak.organisaties.models import Rol

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _plan_van_de_lijst(medewerker, pad: str) -> str:
    client = Client()
    client.force_login(medewerker)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(pad).status_code == 200
    lijst = [
        q["sql"]
        for q in ctx.captured_queries
        if 'FROM "casussen_casus"' in q["sql"] and "ORDER BY" in q["sql"] and "LIMIT" in q["sql"]
    ]
    assert len(lijst) == 1, [q["sql"][:120] for q in ctx.captured_queries]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")  # a small table: show what the index can do
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {lijst[0]}")
        return "\n".join(rij[0] for rij in cursor.fetchall())


def _gevuld(gemeente, regisseur) -> None:
    for urgentie in ("normaal", "crisis", "hoog"):
        CasusFactory.create_batch(3, huishouden__gemeente=gemeente, urgentie=urgentie)
    Casus.objects.update(regisseur=regisseur)


def test_eigen_casussen_in_indexvolgorde(gemeente, regisseur):
    if connection.vendor != "postgresql":
        pytest.skip("het plan is dat van PostgreSQL")
    _gevuld(gemeente, regisseur)
    plan = _plan_van_de_lijst(regisseur, "/casussen")
    # On a few rows the planner may take the gemeente's index and filter on the regisseur: the
    # order still comes from an index (at scale it takes casus_werklijst_regisseur).
    assert "casus_werklijst_" in plan, plan
    assert "Sort" not in plan, plan


def test_hele_gemeente_in_indexvolgorde(gemeente, regisseur, maak_medewerker):
    if connection.vendor != "postgresql":
        pytest.skip("het plan is dat van PostgreSQL")
    _gevuld(gemeente, regisseur)
    manager = maak_medewerker(gemeente, Rol.MANAGER, username="manager")
    plan = _plan_van_de_lijst(manager, "/casussen?toon=alle")
    assert "casus_werklijst_gemeente" in plan, plan
    assert "Sort" not in plan, plan


def test_volgorde_blijft_urgentie_dan_leeftijd(gemeente, regisseur):
    """The order the index serves is the order the page shows (both databases)."""
    _gevuld(gemeente, regisseur)
    client = Client()
    client.force_login(regisseur)
    rijen = list(client.get("/casussen").context["pagina"].object_list)
    rangen = [{"crisis": 0, "hoog": 1, "normaal": 2}[c.urgentie] for c in rijen]
    assert rangen == sorted(rangen) and len(rijen) == 9
    for rang in set(rangen):
        binnen = [c.aangemeld_op for c, r in zip(rijen, rangen, strict=True) if r == rang]
        assert binnen == sorted(binnen)


def _plan_van_de_tellers(medewerker, pad: str) -> str:
    """The counts per status as the page sends them, EXPLAINed without sequential scans (on a
    small table the planner may prefer one): the plan shows the index it can use."""
    client = Client()
    client.force_login(medewerker)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(pad).status_code == 200
    tellers = [q["sql"] for q in ctx.captured_queries if "GROUP BY" in q["sql"]]
    assert len(tellers) == 1, [q["sql"][:120] for q in ctx.captured_queries]
    assert "casussen_casus" not in tellers[0], tellers[0]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {tellers[0]}")
        return "\n".join(rij[0] for rij in cursor.fetchall())


@pytest.mark.parametrize("wie", ["regisseur", "manager"])
def test_tellers_per_status_uit_de_statustellers(gemeente, regisseur, maak_medewerker, wie):
    """The counts per status (a regisseur with 9,524 cases at 200,000 households: 1.3 ms when
    counted from an index) are summed from the few counter rows PostgreSQL keeps per gemeente,
    regisseur, team and status (`casussen.statustellers`), found by their key's index; no case
    read for them. Nor is another table joined to them: whether the gemeente scopes per team is
    asked once per statement."""
    if connection.vendor != "postgresql":
        pytest.skip("het plan is dat van PostgreSQL")
    _gevuld(gemeente, regisseur)
    if wie == "regisseur":
        plan = _plan_van_de_tellers(regisseur, "/casussen")
    else:
        manager = maak_medewerker(gemeente, Rol.MANAGER, username="manager")
        plan = _plan_van_de_tellers(manager, "/casussen?toon=alle")
    assert "statusteller_per_sleutel" in plan, plan
    assert "Join" not in plan and "Nested Loop" not in plan, plan


def test_lijst_geprepareerd_met_een_generiek_plan(gemeente, regisseur):
    """The list (with its log entries) as psycopg prepares it on a connection that has sent it
    five times gets PostgreSQL's generic plan, planned once, not again on every page: the
    page's LIMIT and OFFSET are numbers in its text. As parameters the generic plan assumed a
    tenth of the rows skipped, cost more than a plan for the first page, and PostgreSQL kept
    planning the statement again (1.1 ms a page at 200,000 households, more than reading it)."""
    if connection.vendor != "postgresql":
        pytest.skip("psycopg's prepared statements and PostgreSQL's plan cache")
    voorbeeld = CasusFactory(huishouden__gemeente=gemeente, regisseur=regisseur)
    velden = {
        veld.attname: getattr(voorbeeld, veld.attname)
        for veld in Casus._meta.concrete_fields
        if not veld.primary_key
    }
    # Enough cases that the first page is read in index order, as at scale (on a few hundred a
    # sort of them all costs about the same for any LIMIT, and the generic plan wins anyway).
    Casus.objects.bulk_create((Casus(**velden) for _ in range(5000)), batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE casussen_casus")
    client = Client()
    client.force_login(regisseur)
    # psycopg prepares it on the sixth run; PostgreSQL weighs a generic plan after five custom.
    for _ in range(14):
        assert client.get("/casussen").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE %s",
            ["%gelezen AS MATERIALIZED%casussen_casus%"],
        )
        plannen = cursor.fetchall()
    assert len(plannen) == 1, plannen
    generiek, eigen = plannen[0]
    assert generiek >= 3 and eigen == 5, plannen
