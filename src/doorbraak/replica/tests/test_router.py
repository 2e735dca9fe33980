"""The router's rules and the configuration, without a replica server (SQLite and PostgreSQL):
the probe of the replica is replaced by a fixed state. The same rules against real processes:
test_routering.py."""

import pytest
from django.db import transaction

from doorbraak.audit.models import Verwerking
from doorbraak.casussen.models import Casus
from doorbraak.config.databases import database_uit_url
from doorbraak.replica import router, status
from doorbraak.replica.models import Schrijfpositie

pytestmark = pytest.mark.django_db
# The router keeps reads inside a transaction on the primary, so its tests run outside one.
buiten_transactie = pytest.mark.django_db(transaction=True)


def test_multi_host_url_wordt_host_en_poortlijst_voor_libpq():
    d = database_uit_url(
        "postgres://app:geheim@db1:5432,%2Fvar%2Frun%2Fpg:6432/doorbraak"
        "?target_session_attrs=read-write"
    )
    assert d["HOST"] == "db1,/var/run/pg" and d["PORT"] == "5432,6432"
    assert d["USER"] == "app" and d["PASSWORD"] == "geheim" and d["NAME"] == "doorbraak"
    assert d["OPTIONS"]["target_session_attrs"] == "read-write"
    # A host without a port gets libpq's default; one host is parsed as before.
    assert database_uit_url("postgres://app@db1,db2:6000/x")["PORT"] == "5432,6000"
    enkel = database_uit_url("postgres://app@db1:5433/x")
    assert enkel["HOST"] == "db1" and enkel["PORT"] == 5433
    assert not enkel["DISABLE_SERVER_SIDE_CURSORS"]


def test_prepared_statements_behalve_achter_pgbouncer():
    # Straight to PostgreSQL: parameters bound on the server, statements prepared once repeated.
    d = database_uit_url("postgres://app@db1:5432/x")
    assert d["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": 5}
    # PgBouncer in transaction mode: neither prepared statements nor server-side cursors.
    d = database_uit_url("postgres://app@bouncer:6432/x", pgbouncer=True)
    assert d["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert d["OPTIONS"]["prepare_threshold"] is None
    assert "server_side_binding" not in d["OPTIONS"]
    # SQLite (the demo) is left alone.
    assert "OPTIONS" not in database_uit_url("sqlite:////tmp/x.sqlite3", pgbouncer=True)


class _Verzoek:
    def __init__(self, gebruiker):
        self.user = gebruiker


@pytest.fixture
def replica_stand(monkeypatch):
    stand = {"waarde": status.Replicastand(True, True, replay_lsn=1000, vertraging_seconden=0.2)}
    monkeypatch.setattr(status, "stand", lambda vers=False: stand["waarde"])
    return stand


@pytest.fixture
def in_verzoek(regisseur):
    def maak(*, toegestaan=True):
        stand = router.Verzoekstand(request=_Verzoek(regisseur), replica_toegestaan=toegestaan)
        token = router.huidig.set(stand)
        return stand, token

    tokens = []

    def start(**kw):
        stand, token = maak(**kw)
        tokens.append(token)
        return stand

    yield start
    for token in reversed(tokens):
        router.huidig.reset(token)


@buiten_transactie
def test_buiten_een_verzoek_en_buiten_de_leesroutes_alles_op_de_primaire(replica_stand, in_verzoek):
    r = router.ReplicaRouter()
    assert r.db_for_read(Casus) == "default"  # worker, command, test: no request
    in_verzoek(toegestaan=False)  # a dossier, a form, a POST
    assert r.db_for_read(Casus) == "default"
    assert r.db_for_write(Casus) == "default"


@buiten_transactie
def test_een_lijst_leest_van_de_replica_maar_niet_binnen_een_transactie(replica_stand, in_verzoek):
    r = router.ReplicaRouter()
    stand = in_verzoek()
    with transaction.atomic():  # a service reads what it changes from the primary
        assert r.db_for_read(Casus) == "default"
    assert r.db_for_read(Casus) == "replica"
    assert stand.besluit == "replica"
    # Who is logged in, sessions, tokens and the queue always come from the primary.
    from django.contrib.sessions.models import Session
    from knox.models import AuthToken

    assert r.db_for_read(Session) == "default"
    assert r.db_for_read(AuthToken) == "default"


@buiten_transactie
def test_na_een_schrijfactie_leest_het_verzoek_van_de_primaire(replica_stand, in_verzoek):
    r = router.ReplicaRouter()
    stand = in_verzoek()
    assert r.db_for_write(Verwerking) == "default"  # the log entry of a read: not a write
    assert not stand.geschreven and r.db_for_read(Casus) == "replica"
    assert r.db_for_write(Casus) == "default"
    assert stand.geschreven and r.db_for_read(Casus) == "default"


@buiten_transactie
def test_lezen_wat_je_schreef_volgens_de_wal_positie(replica_stand, in_verzoek, regisseur):
    from django.utils import timezone

    r = router.ReplicaRouter()
    Schrijfpositie.objects.create(medewerker=regisseur, lsn=2000, tijdstip=timezone.now())
    in_verzoek()
    assert r.db_for_read(Casus) == "default"  # replayed up to 1000, wrote up to 2000
    replica_stand["waarde"] = status.Replicastand(True, True, 2000, vertraging_seconden=0.1)
    in_verzoek()
    assert r.db_for_read(Casus) == "replica"


@buiten_transactie
def test_te_veel_vertraging_of_geen_standby_of_onbereikbaar_naar_de_primaire(
    replica_stand, in_verzoek, settings
):
    r = router.ReplicaRouter()
    settings.REPLICA_MAX_VERTRAGING = 5
    for stand in (
        status.Replicastand(True, True, 1000, vertraging_seconden=5.5),
        status.Replicastand(True, False, melding="gepromoveerd"),
        status.Replicastand(False, melding="weg"),
    ):
        replica_stand["waarde"] = stand
        in_verzoek()
        assert r.db_for_read(Casus) == "default", stand
    replica_stand["waarde"] = status.Replicastand(True, True, 1000, vertraging_seconden=5.0)
    in_verzoek()
    assert r.db_for_read(Casus) == "replica"


def test_gezondheid_meldt_de_replica_zonder_de_app_onbereikbaar_te_maken(
    client, monkeypatch, settings
):
    from doorbraak.config import gezondheid

    settings.REPLICA_MAX_VERTRAGING = 5
    monkeypatch.setattr(gezondheid, "replica_ingesteld", lambda: True)
    monkeypatch.setattr(gezondheid, "_wachtrij", lambda: {"status": "ok"})
    monkeypatch.setattr(
        gezondheid,
        "replica_stand",
        lambda vers=False: status.Replicastand(True, True, 10, vertraging_seconden=12.0),
    )
    antwoord = client.get("/gezondheid")
    body = antwoord.json()
    assert antwoord.status_code == 200 and body["status"] == "verminderd"
    assert body["onderdelen"]["replica"]["status"] == "storing"
    assert body["onderdelen"]["replica"]["vertraging_seconden"] == 12.0
    assert "12 s achter (grens 5 s)" in body["onderdelen"]["replica"]["melding"]
    # Just over the limit never reads as at the limit: the lag is rounded up to a tenth.
    monkeypatch.setattr(
        gezondheid,
        "replica_stand",
        lambda vers=False: status.Replicastand(True, True, 10, vertraging_seconden=5.02),
    )
    replica = client.get("/gezondheid").json()["onderdelen"]["replica"]
    assert replica["status"] == "storing" and replica["vertraging_seconden"] == 5.1
    assert "5,1 s achter (grens 5 s)" in replica["melding"]
    monkeypatch.setattr(
        gezondheid, "replica_stand", lambda vers=False: status.Replicastand(False, melding="weg")
    )
    body = client.get("/gezondheid").json()
    assert body["status"] == "verminderd" and body["onderdelen"]["replica"]["melding"] == "weg"
    monkeypatch.setattr(
        gezondheid,
        "replica_stand",
        lambda vers=False: status.Replicastand(True, True, 10, vertraging_seconden=0.0),
    )
    antwoord = client.get("/gezondheid")
    assert antwoord.status_code == 200 and antwoord.json()["status"] == "ok"
