"""The processing log is append-only and tamper-evident: a request only appends; the sealer seals
in batches; verifying names the first broken entry, also when the end is cut off."""

import json
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import ProtectedError

from doorbraak.audit.keten import zegel_hash
from doorbraak.audit.models import (
    AlleenToevoegen,
    Handeling,
    Verwerking,
    Verwerkingsketen,
    Verzegeling,
)
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.audit.taken import verzegel
from doorbraak.audit.verificatie import verifieer
from doorbraak.organisaties.models import Gemeente
from doorbraak.organisaties.tests.factories import GemeenteFactory

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


def nummers(gemeente):
    return list(Verwerking.objects.filter(gemeente=gemeente).values_list("volgnummer", flat=True))


def sql(query, params=()):
    """Tamper as a database administrator would: around the app, past the append-only trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Check this test's deferred foreign keys now, or TRUNCATE refuses to run.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(query, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def export_regels(settings):
    with open(settings.AUDIT_EXPORT, encoding="utf-8") as f:
        return [json.loads(r) for r in f]


def test_ongeschonden_log_is_in_orde(gemeente, andere_gemeente):
    schrijf(gemeente, 4)
    schrijf(andere_gemeente, 3)
    assert verzegel()["verzegeld"] == 7
    uitslag = verifieer()
    assert uitslag.in_orde
    assert (uitslag.gecontroleerd, uitslag.onverzegeld, uitslag.zegels) == (7, 0, 2)
    call_command("audit", "verifieer")


def test_een_verzoek_voegt_alleen_toe_zonder_de_kop_te_lezen(gemeente, django_assert_num_queries):
    schrijf(gemeente, 1)
    verzegel()
    kop_voor = Verwerkingsketen.objects.values().get(gemeente=gemeente)
    # PostgreSQL: the transaction's id first (for commit-order-safe sealing), in the INSERT's
    # own statement (a materialised CTE), so one round trip there as on SQLite.
    postgres = connection.vendor == "postgresql"
    with django_assert_num_queries(1) as vastgelegd:
        entries = leg_vast(
            gemeente_id=gemeente.pk,
            door="tester",
            vastleggingen=[Vastlegging(Handeling.LEZEN, "casus", i, None) for i in range(3)],
        )
    (query,) = vastgelegd.captured_queries
    if postgres:
        assert query["sql"].startswith("WITH xact AS MATERIALIZED (SELECT pg_current_xact_id()")
    assert 'INSERT INTO "audit_verwerking"' in query["sql"]
    assert "verwerkingsketen" not in query["sql"]
    assert [e.pk for e in entries] == sorted(e.pk for e in entries)
    assert all(e.pk for e in entries)
    assert Verwerkingsketen.objects.values().get(gemeente=gemeente) == kop_voor


def test_nieuwere_verwerkingen_zijn_onverzegeld_en_geen_fout(gemeente):
    schrijf(gemeente, 3)
    verzegel()
    schrijf(gemeente, 2)
    uitslag = verifieer()
    assert uitslag.in_orde
    assert (uitslag.gecontroleerd, uitslag.onverzegeld) == (3, 2)
    verzegel()
    assert verifieer().onverzegeld == 0


def test_verzegelen_is_idempotent_en_exporteert_de_kop(gemeente, settings):
    schrijf(gemeente, 3)
    eerste = verzegel()
    assert (eerste["verzegeld"], eerste["zegels"]) == (3, 1)
    assert verzegel()["verzegeld"] == 0
    assert Verzegeling.objects.count() == 1
    (regel,) = export_regels(settings)
    keten = Verwerkingsketen.objects.get(gemeente=gemeente)
    assert regel["gemeente"] == str(gemeente.pk)
    assert (regel["zegel"], regel["laatste_volgnummer"], regel["aantal"]) == (
        1,
        keten.laatste_volgnummer,
        3,
    )
    assert regel["hash"] == keten.laatste_hash
    assert regel["sleutel_id"] == "k1"
    assert regel["tijdstip"]


def test_grote_achterstand_in_meerdere_verzegelingen(gemeente):
    schrijf(gemeente, 7)
    assert verzegel(max_per_zegel=3)["zegels"] == 3
    zegels = list(Verzegeling.objects.values_list("nummer", "aantal", "totaal"))
    assert zegels == [(1, 3, 3), (2, 3, 6), (3, 1, 7)]
    assert verifieer().gecontroleerd == 7


def test_gat_door_teruggedraaide_transactie_is_geen_breuk(gemeente):
    schrijf(gemeente, 2)
    with pytest.raises(RuntimeError), transaction.atomic():
        schrijf(gemeente, 2)
        raise RuntimeError("verzoek mislukt")
    schrijf(gemeente, 2)
    rij = nummers(gemeente)
    assert len(rij) == 4
    if connection.vendor == "postgresql":
        assert rij[-1] - rij[0] == 5  # two numbers of the sequence lost in the rollback
    verzegel()
    uitslag = verifieer()
    assert uitslag.in_orde and uitslag.gecontroleerd == 4


def test_gewijzigde_verwerking_wordt_ontdekt_en_genoemd(gemeente):
    schrijf(gemeente, 5)
    verzegel()
    derde = nummers(gemeente)[2]
    sql("UPDATE audit_verwerking SET actor = 'iemand-anders' WHERE volgnummer = %s", [derde])
    uitslag = verifieer()
    assert uitslag.breuk.volgnummer == derde
    assert "gewijzigd" in uitslag.breuk.reden
    with pytest.raises(CommandError, match=f"verwerking {derde}:"):
        call_command("audit", "verifieer")


def test_verwijderde_verwerking_wordt_ontdekt(gemeente):
    schrijf(gemeente, 5)
    verzegel()
    tweede = nummers(gemeente)[1]
    sql("DELETE FROM audit_verwerking WHERE volgnummer = %s", [tweede])
    uitslag = verifieer()
    assert uitslag.breuk.volgnummer == tweede
    assert "ontbreekt" in uitslag.breuk.reden


def test_ingevoegde_verwerking_in_verzegeld_bereik_wordt_ontdekt(gemeente, andere_gemeente):
    eerste, tweede = sorted([gemeente, andere_gemeente], key=lambda g: str(g.pk))
    schrijf(eerste, 1)
    schrijf(tweede, 1)
    schrijf(eerste, 1)
    verzegel()
    ingevoegd = nummers(tweede)[0]
    # An entry slipped in between two sealed entries (here: moved over from another gemeente).
    sql(
        "UPDATE audit_verwerking SET gemeente_id = %s WHERE volgnummer = %s",
        [eerste.pk.hex if connection.vendor == "sqlite" else eerste.pk, ingevoegd],
    )
    uitslag = verifieer()
    assert uitslag.breuk.gemeente_id == str(eerste.pk)
    assert uitslag.breuk.volgnummer == ingevoegd
    assert "ingevoegd" in uitslag.breuk.reden


def test_afgeknipte_staart_met_kop_ongemoeid_wordt_ontdekt(gemeente):
    schrijf(gemeente, 5)
    verzegel()
    vierde = nummers(gemeente)[3]
    sql("DELETE FROM audit_verwerking WHERE volgnummer >= %s", [vierde])
    uitslag = verifieer()
    assert uitslag.breuk.volgnummer == vierde
    assert "ontbreekt" in uitslag.breuk.reden


def _knip_af_na_zegel(gemeente, nummer):
    """The M4 attack: remove the last entries and seals and move the head back, consistently."""
    zegel = Verzegeling.objects.get(gemeente=gemeente, nummer=nummer)
    sql("DELETE FROM audit_verwerking WHERE volgnummer > %s", [zegel.laatste_volgnummer])
    sql("DELETE FROM audit_verzegeling WHERE nummer > %s", [nummer])
    Verwerkingsketen.objects.filter(gemeente=gemeente).update(
        laatste_volgnummer=zegel.laatste_volgnummer,
        laatste_hash=zegel.hash,
        zegels=nummer,
        aantal=zegel.totaal,
    )
    return zegel


def test_afgeknipt_eind_met_kop_teruggezet_wordt_ontdekt_door_de_export(gemeente):
    schrijf(gemeente, 3)
    verzegel()
    schrijf(gemeente, 3)
    verzegel()
    zegel = _knip_af_na_zegel(gemeente, 1)
    # Inside the database everything is consistent now ...
    assert Verzegeling.objects.count() == 1 and len(nummers(gemeente)) == 3
    # ... but the head exported outside the database names seal 2.
    uitslag = verifieer()
    assert not uitslag.in_orde
    assert uitslag.breuk.volgnummer == zegel.laatste_volgnummer + 1
    assert "afgeknipt" in uitslag.breuk.reden
    with pytest.raises(CommandError, match="afgeknipt"):
        call_command("audit", "verifieer")


def test_leeggemaakt_log_wordt_ontdekt(gemeente):
    schrijf(gemeente, 4)
    verzegel()
    sql(
        "TRUNCATE audit_verwerking, audit_verzegeling"
        if connection.vendor == "postgresql"
        else "DELETE FROM audit_verwerking"
    )
    if connection.vendor != "postgresql":
        sql("DELETE FROM audit_verzegeling")
    Verwerkingsketen.objects.update(laatste_volgnummer=0, laatste_hash="", zegels=0, aantal=0)
    uitslag = verifieer()
    assert "afgeknipt" in uitslag.breuk.reden
    assert uitslag.breuk.gemeente_id == str(gemeente.pk)


def test_verwijderde_export_wordt_ontdekt(gemeente, settings):
    schrijf(gemeente, 2)
    verzegel()
    import os

    os.remove(settings.AUDIT_EXPORT)
    assert "ontbreekt" in verifieer().breuk.reden


def test_kop_in_database_teruggezet_zonder_de_verzegelingen_wordt_ontdekt(gemeente):
    schrijf(gemeente, 3)
    verzegel()
    Verwerkingsketen.objects.filter(gemeente=gemeente).update(laatste_volgnummer=1)
    assert "kop van de keten" in verifieer().breuk.reden


def test_herberekende_zegel_zonder_sleutel_valt_op(gemeente):
    """Rewriting an entry, its digest and the seal without the audit key still breaks."""
    schrijf(gemeente, 3)
    verzegel()
    zegel = Verzegeling.objects.get()
    tweede = nummers(gemeente)[1]
    vervalste_hash = zegel_hash(
        "verkeerde-sleutel",
        gemeente_id=zegel.gemeente_id,
        nummer=zegel.nummer,
        eerste_volgnummer=zegel.eerste_volgnummer,
        laatste_volgnummer=zegel.laatste_volgnummer,
        totaal=zegel.totaal,
        verwerkingen=zegel.verwerkingen,
        vorige_hash=zegel.vorige_hash,
        sleutel_id=zegel.sleutel_id,
        tijdstip=zegel.tijdstip,
    )
    sql("UPDATE audit_verzegeling SET hash = %s WHERE id = %s", [vervalste_hash, zegel.pk])
    sql("UPDATE audit_verwerking SET actor = 'vervalst' WHERE volgnummer = %s", [tweede])
    uitslag = verifieer()
    assert uitslag.breuk.volgnummer == zegel.eerste_volgnummer
    assert "verzegeling 1 is gewijzigd" in uitslag.breuk.reden


def test_na_sleutelrotatie_verifieert_het_hele_log(gemeente, settings):
    settings.AUDIT_SLEUTELS = {"2025": "oude-sleutel"}
    schrijf(gemeente, 3)
    verzegel()
    settings.AUDIT_SLEUTELS = {"2026": "nieuwe-sleutel", "2025": "oude-sleutel"}
    schrijf(gemeente, 2)
    assert verzegel()["sleutel_id"] == "2026"
    assert list(Verzegeling.objects.values_list("sleutel_id", flat=True)) == ["2025", "2026"]
    assert export_regels(settings)[-1]["sleutel_id"] == "2026"
    uitslag = verifieer()
    assert uitslag.in_orde and uitslag.gecontroleerd == 5
    # Without the old key the old seals cannot be verified, and that is said.
    settings.AUDIT_SLEUTELS = {"2026": "nieuwe-sleutel"}
    assert "sleutel '2025'" in verifieer().breuk.reden


def test_de_enkele_oude_sleutelinstelling_werkt_nog(gemeente, settings):
    settings.AUDIT_SLEUTELS = {}
    settings.AUDIT_SLEUTEL = "enkele-sleutel"
    schrijf(gemeente, 2)
    assert verzegel()["sleutel_id"] == "0"
    assert verifieer().in_orde
    settings.AUDIT_SLEUTELS = {"1": "nieuw", "0": "enkele-sleutel"}
    schrijf(gemeente, 1)
    verzegel()
    assert verifieer().in_orde


def test_commando_verzegel_geeft_een_samenvatting(gemeente, capsys):
    schrijf(gemeente, 2)
    call_command("audit", "verzegel")
    assert json.loads(capsys.readouterr().out)["verzegeld"] == 2
    call_command("audit", "verifieer")
    assert "2 verzegelde verwerkingen" in capsys.readouterr().out


def test_app_kan_verwerking_en_zegel_niet_wijzigen_of_verwijderen(gemeente):
    schrijf(gemeente, 1)
    verzegel()
    for obj in (Verwerking.objects.get(), Verzegeling.objects.get()):
        with pytest.raises(AlleenToevoegen):
            obj.save()
        with pytest.raises(AlleenToevoegen):
            obj.delete()


def _geweigerd(query):
    with (
        pytest.raises(Exception, match="alleen-toevoegen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(query)


@pytest.mark.postgres
def test_database_weigert_update_delete_en_truncate_op_postgres(gemeente):
    if connection.vendor != "postgresql":
        pytest.skip("triggers bestaan alleen op PostgreSQL")
    schrijf(gemeente, 1)
    verzegel()
    for tabel in ("audit_verwerking", "audit_verzegeling"):
        _geweigerd(f"UPDATE {tabel} SET gemeente_id = gemeente_id")
        _geweigerd(f"DELETE FROM {tabel}")
        _geweigerd(f"TRUNCATE {tabel}")
    assert Verwerking.objects.get().actor == "tester"
    assert Verzegeling.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.parametrize("tabel", ["budget_boeking", "mkba_kengetalwijziging"])
def test_ook_grootboek_en_wijzigingslog_hebben_de_triggers(db, tabel):
    if connection.vendor != "postgresql":
        pytest.skip("triggers bestaan alleen op PostgreSQL")
    _geweigerd(f"TRUNCATE {tabel}")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname, tgtype FROM pg_trigger WHERE tgrelid = %s::regclass "
            "AND NOT tgisinternal ORDER BY tgname",
            [tabel],
        )
        namen = [naam for naam, _ in cursor.fetchall()]
    assert [n.rsplit("_", 1)[0] for n in namen] == [
        "pgtrigger_alleen_toevoegen",
        "pgtrigger_niet_leegmaken",
    ]


def test_een_gemeente_met_verwerkingen_wordt_niet_verwijderd(db):
    """The entries' gemeente has no constraint in the database (see `Verwerking.gemeente`):
    the ORM's PROTECT still refuses to delete a gemeente that has them."""
    gemeente = GemeenteFactory(naam="Leegdorp", code="GM9903")
    schrijf(gemeente, 1)
    with pytest.raises(ProtectedError) as fout:
        gemeente.delete()
    assert any(isinstance(o, Verwerking) for o in fout.value.protected_objects)
    assert Gemeente.objects.filter(pk=gemeente.pk).exists()
