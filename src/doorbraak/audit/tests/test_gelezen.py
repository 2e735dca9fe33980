"""A read and its log entry in one statement (`gelezen_en_vastgelegd`): the entry is written
only when the row is found, carries the household of the row, and is sealed like any other."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorbraak.audit.models import Handeling, Verwerking
from doorbraak.audit.services import Vastlegging, gelezen_en_vastgelegd
from doorbraak.audit.taken import verzegel
from doorbraak.audit.verificatie import verifieer
from doorbraak.casussen.models import Casus
from doorbraak.casussen.tests.factories import CasusFactory

pytestmark = pytest.mark.django_db

# Any select with the household first will do; this one finds a case by its id.
ZOEK = "SELECT c.huishouden_id, c.status FROM casussen_casus c WHERE c.id = %s"


def lees(casus_id, door):
    pk = Casus._meta.pk.get_db_prep_value(casus_id, connection)
    return gelezen_en_vastgelegd(
        ZOEK,
        [pk],
        gemeente_id=door.gemeente_id,
        door=door,
        vastlegging=Vastlegging(Handeling.LEZEN, "casus", casus_id, None, casus_id, "dossier"),
    )


def test_gevonden_rij_met_zijn_verwerking(gemeente, regisseur):
    casus = CasusFactory(huishouden__gemeente=gemeente)
    voor = Verwerking.objects.count()
    with CaptureQueriesContext(connection) as ctx:
        rij = lees(casus.pk, regisseur)
    assert uuid.UUID(str(rij[0])) == casus.huishouden_id
    assert rij[1] == casus.status
    # one round trip on PostgreSQL; the select and then the entry elsewhere
    assert len(ctx.captured_queries) == (1 if connection.vendor == "postgresql" else 2)
    assert Verwerking.objects.count() == voor + 1
    entry = Verwerking.objects.latest("volgnummer")
    assert (entry.gemeente_id, entry.huishouden_id, entry.casus_id) == (
        gemeente.pk,
        casus.huishouden_id,
        casus.pk,
    )
    assert (entry.handeling, entry.object_type, entry.object_id, entry.omschrijving) == (
        Handeling.LEZEN,
        "casus",
        str(casus.pk),
        "dossier",
    )
    assert entry.actor == regisseur.username


def test_niets_gevonden_niets_vastgelegd(gemeente, regisseur):
    voor = Verwerking.objects.count()
    assert lees(uuid.uuid4(), regisseur) is None
    assert Verwerking.objects.count() == voor


def test_verzegeld_en_gecontroleerd_als_elke_verwerking(gemeente, regisseur):
    casussen = CasusFactory.create_batch(3, huishouden__gemeente=gemeente)
    for casus in casussen:
        lees(casus.pk, regisseur)
    verzegel()
    uitslag = verifieer()
    assert uitslag.in_orde
    assert uitslag.onverzegeld == 0
    assert uitslag.gecontroleerd >= 3


@pytest.mark.postgres
def test_elke_gelogde_lezing_werkt_drie_compacte_indexen_bij(regisseur):
    """What every logged read maintains besides the row: the key, the gemeente's order for the
    sealer and the household's entries for an inzage, the last keyed on (gemeente, household)
    only, so PostgreSQL can keep each key once (deduplication) and a household's entries are
    still found through it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            [Verwerking._meta.db_table],
        )
        indexen = dict(cursor.fetchall())
    assert set(indexen) == {
        "audit_verwerking_pkey",
        "verwerking_gemeente_volg",
        "verwerking_huishouden",
    }
    assert indexen["verwerking_huishouden"].endswith("(gemeente_id, huishouden_id)")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # an empty table: any index must do
    plan = (
        Verwerking.objects.filter(gemeente_id=regisseur.gemeente_id, huishouden_id=uuid.uuid4())
        .order_by()
        .explain()
    )
    assert "verwerking_huishouden" in plan
