"""On PostgreSQL, with real threads and transactions: requests of one gemeente do not wait for each
other to log, and the sealer never seals past an entry that has yet to commit."""

import random
import threading

import pytest
from django.db import connection, transaction

from doorbraak.audit.models import Verwerking, Verzegeling
from doorbraak.audit.taken import verzegel
from doorbraak.audit.tests.test_gelezen import lees
from doorbraak.audit.tests.test_keten import schrijf
from doorbraak.audit.verificatie import verifieer
from doorbraak.casussen.tests.factories import CasusFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def alleen_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("gelijktijdigheid wordt op PostgreSQL getest")


def in_thread(doel, *args):
    fouten = []

    def draai():
        try:
            doel(*args)
        except BaseException as e:  # pragma: no cover - reported by the caller
            fouten.append(e)
        finally:
            connection.close()

    t = threading.Thread(target=draai)
    t.start()
    return t, fouten


def test_zestien_verzoeken_van_een_gemeente_loggen_tegelijk(gemeente):
    """All sixteen hold an uncommitted entry at the same moment: nobody waits for a chain lock
    (with the old locked chain head the barrier would time out)."""
    tegelijk = threading.Barrier(16, timeout=20)

    def verzoek():
        with transaction.atomic():
            schrijf(gemeente, 1)
            tegelijk.wait()

    threads = [in_thread(verzoek) for _ in range(16)]
    for t, _ in threads:
        t.join()
    assert not [f for _, fouten in threads for f in fouten]
    assert Verwerking.objects.filter(gemeente=gemeente).count() == 16


def test_later_committende_lagere_verwerking_wordt_niet_overgeslagen(gemeente):
    ingevoegd, los = threading.Event(), threading.Event()

    def traag_verzoek():
        with transaction.atomic():
            schrijf(gemeente, 1, door="traag")  # the lower number ...
            ingevoegd.set()
            assert los.wait(20)

    t, fouten = in_thread(traag_verzoek)
    assert ingevoegd.wait(20)
    schrijf(gemeente, 1, door="snel")  # ... the higher one commits first
    samenvatting = verzegel(wachttijd=0.3)
    assert samenvatting["verzegeld"] == 0 and "wacht" in samenvatting
    assert not Verzegeling.objects.exists()
    los.set()
    t.join()
    assert not fouten
    assert verzegel()["verzegeld"] == 2
    uitslag = verifieer()
    assert uitslag.in_orde and (uitslag.gecontroleerd, uitslag.onverzegeld) == (2, 0)


def test_schrijvers_terugdraaiers_en_verzegelaar_door_elkaar(gemeente, andere_gemeente):
    klaar = threading.Event()
    gecommit = [0] * 8

    def schrijver(n, g):
        kans = random.Random(n)
        for _ in range(12):
            try:
                with transaction.atomic():
                    schrijf(g, 1)
                    if kans.random() < 0.3:
                        threading.Event().wait(kans.random() / 50)  # commit a little later
                    if kans.random() < 0.2:
                        raise RuntimeError("teruggedraaid")  # leaves a gap
                gecommit[n] += 1
            except RuntimeError:
                pass

    def verzegelaar():
        while not klaar.is_set():
            verzegel(wachttijd=2)

    zegelaar, zegelfouten = in_thread(verzegelaar)
    schrijvers = [in_thread(schrijver, n, (gemeente, andere_gemeente)[n % 2]) for n in range(8)]
    for t, _ in schrijvers:
        t.join()
    klaar.set()
    zegelaar.join()
    assert not zegelfouten and not [f for _, fouten in schrijvers for f in fouten]
    verzegel()
    uitslag = verifieer()
    assert uitslag.in_orde, uitslag.breuk
    assert uitslag.onverzegeld == 0
    assert uitslag.gecontroleerd == sum(gecommit) == Verwerking.objects.count()


def test_een_lezing_buiten_een_transactie_is_een_statement(gemeente):
    """The read path (dossier API, pages): one autocommitted INSERT, no BEGIN, no separate
    transaction-id query, no COMMIT; the entries are complete and seal and verify as others."""
    import uuid

    from django.test.utils import CaptureQueriesContext

    from doorbraak.audit.models import Handeling
    from doorbraak.audit.services import Vastlegging, leg_lezen_vast

    huishouden, casus = uuid.uuid4(), uuid.uuid4()
    schrijf(gemeente, 1)  # an entry through the writers' path, before
    with CaptureQueriesContext(connection) as ctx:
        leg_lezen_vast(
            gemeente_id=gemeente.pk,
            door="lezer",
            objecten=[
                Vastlegging(Handeling.LEZEN, "casus", casus, huishouden, casus, "dossier"),
                Vastlegging(Handeling.LEZEN, "plan", None, huishouden, casus),
            ],
        )
    assert len(ctx.captured_queries) == 1
    assert "pg_current_xact_id()" in ctx.captured_queries[0]["sql"]
    rijen = list(
        Verwerking.objects.filter(gemeente=gemeente, actor="lezer").values_list(
            "huishouden_id",
            "casus_id",
            "handeling",
            "object_type",
            "object_id",
            "omschrijving",
            "activiteit",
        )
    )
    assert sorted(rijen) == sorted(
        [
            (huishouden, casus, "lezen", "casus", str(casus), "dossier", "casusregie"),
            (huishouden, casus, "lezen", "plan", "", "", "casusregie"),
        ]
    )
    assert verzegel()["verzegeld"] == 3
    uitslag = verifieer()
    assert uitslag.in_orde and uitslag.gecontroleerd == 3


def test_in_een_transactie_of_bij_een_wijziging_het_gewone_pad(gemeente):
    """Inside a writer's transaction the entry joins it (and rolls back with it)."""
    import uuid

    from doorbraak.audit.models import Handeling
    from doorbraak.audit.services import Vastlegging, leg_lezen_vast

    class Terug(Exception):
        pass

    with pytest.raises(Terug), transaction.atomic():
        leg_lezen_vast(
            gemeente_id=gemeente.pk,
            door="lezer",
            objecten=[Vastlegging(Handeling.LEZEN, "casus", None, uuid.uuid4())],
        )
        raise Terug
    assert not Verwerking.objects.filter(gemeente=gemeente).exists()


def test_de_snelle_lezing_schrijft_elke_kolom_van_het_logboek():
    """The one-statement read path names every column of an entry (but its number): a column
    added to the log without it would be caught here, not by a chain that no longer verifies."""
    from doorbraak.audit import services

    assert [kolom for kolom, _soort in services._KOLOMMEN] == [
        f.column for f in Verwerking._meta.concrete_fields if not f.primary_key
    ]


def test_een_wijziging_via_leg_lezen_vast_veroudert_het_dossier(regisseur, maak_casus):
    """Only reads take the one-statement path: a change passed to it still marks the case's
    dossier read model out of date (outside a transaction, as under gunicorn)."""
    from doorbraak.audit.models import Handeling
    from doorbraak.audit.services import Vastlegging, leg_lezen_vast
    from doorbraak.casussen.models import DossierLeesmodel

    casus = maak_casus(regisseur)
    voor = DossierLeesmodel.objects.get(casus=casus).versie
    leg_lezen_vast(
        gemeente_id=casus.gemeente_id,
        door=regisseur,
        objecten=[
            Vastlegging(Handeling.WIJZIGEN, "casus", casus.pk, casus.huishouden_id, casus.pk)
        ],
    )
    assert DossierLeesmodel.objects.get(casus=casus).versie == voor + 1


def test_de_lezing_met_haar_verwerking_in_een_statement_wacht_niet_en_wordt_niet_overgeslagen(
    gemeente, regisseur
):
    """Invariant 6 for the dossier read (`gelezen_en_vastgelegd`): reads holding an uncommitted
    entry do not wait for each other, and the sealer waits for a lower entry that commits
    later, as for `leg_vast` (the same transaction id before the number)."""
    from doorbraak.audit.tests.test_gelezen import lees
    from doorbraak.casussen.tests.factories import CasusFactory

    casus = CasusFactory(huishouden__gemeente=gemeente)
    tegelijk = threading.Barrier(8, timeout=20)

    def lezing():
        with transaction.atomic():
            assert lees(casus.pk, regisseur) is not None
            tegelijk.wait()

    threads = [in_thread(lezing) for _ in range(8)]
    for t, _ in threads:
        t.join()
    assert not [f for _, fouten in threads for f in fouten]
    assert Verwerking.objects.filter(casus_id=casus.pk, omschrijving="dossier").count() == 8
    assert verzegel()["verzegeld"] == 8

    ingevoegd, los = threading.Event(), threading.Event()

    def trage_lezing():
        with transaction.atomic():
            lees(casus.pk, regisseur)  # the lower number ...
            ingevoegd.set()
            assert los.wait(20)

    t, fouten = in_thread(trage_lezing)
    assert ingevoegd.wait(20)
    lees(casus.pk, regisseur)  # ... the higher one commits first (autocommit: one statement)
    assert verzegel(wachttijd=0.3)["verzegeld"] == 0
    los.set()
    t.join()
    assert not fouten
    assert verzegel()["verzegeld"] == 2
    uitslag = verifieer()
    assert uitslag.in_orde and uitslag.onverzegeld == 0


def test_een_gelogde_lezing_schrijft_de_rij_van_de_gemeente_niet(gemeente, regisseur):
    """A read and its entry leave the gemeente's row as it was. With a foreign key in the
    database, its check at the commit locked that row (FOR KEY SHARE): every logged read of a
    gemeente wrote its xmax, concurrent ones a new MultiXact each (invariant 6)."""
    casus = CasusFactory(huishouden__gemeente=gemeente)

    def xmax() -> str:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT xmax::text FROM organisaties_gemeente WHERE id = %s", [gemeente.pk]
            )
            return cursor.fetchone()[0]

    voor, aantal = xmax(), Verwerking.objects.count()
    assert lees(casus.pk, regisseur) is not None  # autocommitted, as the dossier API reads
    assert Verwerking.objects.count() == aantal + 1
    assert xmax() == voor


def test_een_lijst_lezen_is_een_korte_vaste_statement_in_volgorde(gemeente):
    """A list page logs one entry per row: one statement whose text does not grow with the
    number of rows (psycopg keeps it, PostgreSQL prepares it), the entries in the list's order,
    each with its own household, case, object and description, also where none has a case."""
    import uuid

    from doorbraak.audit.models import Handeling
    from doorbraak.audit.services import Vastlegging, leg_lezen_vast

    def lees(objecten):
        gestuurd = []  # the statement's text as given to the driver, before its parameters

        def opvangen(execute, sql, params, many, context):
            gestuurd.append((sql, len(params)))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(opvangen):
            leg_lezen_vast(gemeente_id=gemeente.pk, door="lijst", objecten=objecten)
        assert len(gestuurd) == 1
        return gestuurd[0]

    paren = [(uuid.uuid4(), uuid.uuid4()) for _ in range(20)]
    twintig = lees(
        [
            Vastlegging(Handeling.LEZEN, "casus", c, h, c, f"rij {i}")
            for i, (h, c) in enumerate(paren)
        ]
    )
    zonder_casus = [uuid.uuid4(), uuid.uuid4()]
    twee = lees([Vastlegging(Handeling.LEZEN, "huishouden", h, h) for h in zonder_casus])
    assert twintig == twee  # same text, same 11 parameters (6 shared values, 5 arrays)
    assert twintig[1] == 11 and len(twintig[0]) < 1000
    rijen = list(
        Verwerking.objects.filter(gemeente=gemeente, actor="lijst")
        .order_by("volgnummer")
        .values_list("huishouden_id", "casus_id", "object_type", "object_id", "omschrijving")
    )
    assert rijen == [(h, c, "casus", str(c), f"rij {i}") for i, (h, c) in enumerate(paren)] + [
        (h, None, "huishouden", str(h), "") for h in zonder_casus
    ]
    assert len({v.tijdstip for v in Verwerking.objects.filter(actor="lijst")}) == 2
    assert verzegel()["verzegeld"] == 22
    assert verifieer().in_orde
