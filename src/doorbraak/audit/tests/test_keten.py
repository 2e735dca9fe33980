"""The processing log is append-only and tamper-evident; verifying names the first broken entry."""

import threading
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from doorbraak.audit.models import AlleenToevoegen, Handeling, Verwerking, Verwerkingsketen
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.audit.verificatie import verifieer

pytestmark = pytest.mark.django_db


def schrijf(gemeente, aantal=5, door="tester"):
    huishouden = uuid.uuid4()
    for i in range(aantal):
        leg_vast(
            gemeente_id=gemeente.pk,
            door=door,
            vastleggingen=[Vastlegging(Handeling.LEZEN, "casus", i, huishouden)],
        )
    return huishouden


def sql(query, params=()):
    """Tamper as a database administrator would: around the app, past the append-only trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(query, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def test_ongeschonden_keten_is_in_orde(gemeente, andere_gemeente):
    schrijf(gemeente, 4)
    schrijf(andere_gemeente, 3)
    uitslag = verifieer()
    assert uitslag.in_orde
    assert uitslag.gecontroleerd == 7
    call_command("audit", "verifieer")


def test_keten_is_per_gemeente_genummerd(gemeente, andere_gemeente):
    schrijf(gemeente, 2)
    schrijf(andere_gemeente, 2)
    nummers = sorted(Verwerking.objects.values_list("gemeente_id", "volgnummer"))
    assert sorted(n for g, n in nummers if g == gemeente.pk) == [1, 2]
    assert sorted(n for g, n in nummers if g == andere_gemeente.pk) == [1, 2]


def test_gewijzigde_verwerking_wordt_ontdekt_en_genoemd(gemeente):
    schrijf(gemeente, 5)
    sql("UPDATE audit_verwerking SET actor = 'iemand-anders' WHERE volgnummer = 3")
    uitslag = verifieer()
    assert uitslag.breuk.volgnummer == 3
    assert "gewijzigd" in uitslag.breuk.reden
    with pytest.raises(CommandError, match="verwerking 3"):
        call_command("audit", "verifieer")


def test_verwijderde_verwerking_wordt_ontdekt(gemeente):
    schrijf(gemeente, 5)
    sql("DELETE FROM audit_verwerking WHERE volgnummer = 2")
    uitslag = verifieer()
    assert uitslag.breuk.volgnummer == 2
    assert "ontbreekt" in uitslag.breuk.reden


def test_afgeknipte_staart_wordt_ontdekt(gemeente):
    schrijf(gemeente, 5)
    sql("DELETE FROM audit_verwerking WHERE volgnummer >= 4")
    uitslag = verifieer()
    assert uitslag.breuk.volgnummer == 4
    assert "eindigt bij 3" in uitslag.breuk.reden


def test_herberekende_hash_zonder_sleutel_valt_op(gemeente, settings):
    """Rewriting an entry and its hash without the audit key still breaks the chain."""
    schrijf(gemeente, 3)
    entry = Verwerking.objects.get(gemeente=gemeente, volgnummer=2)
    entry.actor = "vervalst"
    from doorbraak.audit.keten import bereken_hash

    vervalste_hash = bereken_hash("verkeerde-sleutel", entry)
    sql(
        "UPDATE audit_verwerking SET actor = 'vervalst', hash = %s WHERE id = %s",
        (vervalste_hash, entry.pk),
    )
    assert verifieer().breuk.volgnummer == 2


def test_app_kan_verwerking_niet_wijzigen_of_verwijderen(gemeente):
    schrijf(gemeente, 1)
    entry = Verwerking.objects.get()
    entry.actor = "ander"
    with pytest.raises(AlleenToevoegen):
        entry.save()
    with pytest.raises(AlleenToevoegen):
        entry.delete()


@pytest.mark.postgres
def test_database_weigert_update_en_delete_op_postgres(gemeente):
    if connection.vendor != "postgresql":
        pytest.skip("trigger bestaat alleen op PostgreSQL")
    schrijf(gemeente, 1)
    for query in ("UPDATE audit_verwerking SET actor = 'x'", "DELETE FROM audit_verwerking"):
        with (
            pytest.raises(Exception, match="alleen-toevoegen"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(query)
    assert Verwerking.objects.get().actor == "tester"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_schrijvers_houden_de_keten_heel(gemeente, andere_gemeente):
    """Real threads and transactions on PostgreSQL: no duplicate numbers, the chain verifies."""
    if connection.vendor != "postgresql":
        pytest.skip("gelijktijdigheid wordt op PostgreSQL getest")
    fouten = []
    start = threading.Barrier(8)

    def schrijver(g):
        try:
            start.wait()
            for _ in range(15):
                schrijf(g, 1)
        except Exception as e:  # pragma: no cover - reported below
            fouten.append(e)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=schrijver, args=(g,)) for g in (gemeente, andere_gemeente) * 4
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten
    assert Verwerking.objects.filter(gemeente=gemeente).count() == 60
    assert Verwerkingsketen.objects.get(gemeente=gemeente).laatste_volgnummer == 60
    assert verifieer().in_orde
