"""The queue without a worker: placing jobs, the registry, planning, the retry wait, the
dead-letter list and its actions, health and metrics."""

import importlib
import uuid
from datetime import timedelta

import pytest
from django.db import OperationalError, transaction
from django.test import override_settings
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import Failure, OrmQ, Schedule, Task
from hypothesis import given
from hypothesis import strategies as st

from doorbraak.audit.models import Verwerking
from doorbraak.fouten import Validatiefout
from doorbraak.organisaties.models import Rol
from doorbraak.taken import services
from doorbraak.taken.models import Achtergrondtaak
from doorbraak.taken.planning import plan_periodieke_taken
from doorbraak.taken.register import PERIODIEKE_TAKEN, PeriodiekeTaak
from doorbraak.taken.signalen import wachttijd

pytestmark = pytest.mark.django_db
T = "doorbraak.taken.tests.taken_voor_test."


def test_dezelfde_sleutel_twee_keer_geplaatst_staat_een_keer_in_de_wachtrij():
    a = services.plaats_taak(functie=T + "tel_op", args=[1, 2], sleutel="x")
    b = services.plaats_taak(functie=T + "tel_op", args=[1, 2], sleutel="x")
    assert a.pk == b.pk and a.task_id
    assert OrmQ.objects.count() == 1 and Achtergrondtaak.objects.count() == 1
    # the job on the queue is the first placement's, whose task id its row carries (the second
    # placement enqueued its own and took it off again)
    (rij,) = OrmQ.objects.all()
    assert rij.task_id() == a.task_id == Achtergrondtaak.objects.get(sleutel="x").task_id
    services.plaats_taak(functie=T + "tel_op", args=[1, 2], sleutel="y")
    assert OrmQ.objects.count() == 2


@pytest.mark.parametrize(
    ("functie", "args", "sleutel", "veld"),
    [
        ("doorbraak.bestaat.niet", [], "a", "functie"),
        (T + "bestaat_niet", [], "a", "functie"),
        ("zonderpunt", [], "a", "functie"),
        (T + "tel_op", [object()], "a", "args"),
        (T + "tel_op", [1, 2], "", "sleutel"),
        (T + "tel_op", [1, 2], "s" * 201, "sleutel"),
    ],
)
def test_ongeldige_taak_wordt_geweigerd_en_laat_niets_achter(functie, args, sleutel, veld):
    with pytest.raises(Validatiefout) as fout:
        services.plaats_taak(functie=functie, args=args, sleutel=sleutel)
    assert fout.value.veld == veld
    assert not OrmQ.objects.exists() and not Achtergrondtaak.objects.exists()


def test_teruggedraaide_transactie_neemt_de_taak_mee_van_de_wachtrij():
    with pytest.raises(RuntimeError), transaction.atomic():
        services.plaats_taak(functie=T + "tel_op", args=[1, 2], sleutel="terug")
        raise RuntimeError("de wijziging zelf mislukt")
    assert not OrmQ.objects.exists() and not Achtergrondtaak.objects.exists()


def test_elke_geregistreerde_taak_importeert_en_heeft_een_unieke_naam():
    assert len({t.naam for t in PERIODIEKE_TAKEN}) == len(PERIODIEKE_TAKEN)
    for taak in PERIODIEKE_TAKEN:
        module, _, naam = taak.functie.rpartition(".")
        assert callable(getattr(importlib.import_module(module), naam)), taak.functie
        assert taak.minuten > 0


def test_plannen_staat_na_migrate_klaar_en_is_idempotent():
    # post_migrate already planned the registry into the test database.
    assert set(Schedule.objects.values_list("name", flat=True)) == {
        t.naam for t in PERIODIEKE_TAKEN
    }
    later = timezone.now() + timedelta(hours=3)
    Schedule.objects.filter(name="hartslag").update(next_run=later)
    assert plan_periodieke_taken() == {"aangemaakt": 0, "bijgewerkt": 0, "verwijderd": 0}
    assert Schedule.objects.get(name="hartslag").next_run == later  # its moment is kept
    anders = (
        PeriodiekeTaak("hartslag", "doorbraak.taken.taken.hartslag", minuten=5),
        PeriodiekeTaak("nieuw", T + "tel_op", minuten=60, args=(1, 2)),
    )
    assert plan_periodieke_taken(anders) == {
        "aangemaakt": 1,
        "bijgewerkt": 1,
        "verwijderd": len(PERIODIEKE_TAKEN) - 1,
    }
    assert Schedule.objects.get(name="hartslag").minutes == 5
    assert Schedule.objects.get(name="nieuw").args == "(1, 2)"
    with pytest.raises(ValueError, match="dezelfde naam"):
        plan_periodieke_taken((anders[0], anders[0]))


@given(poging=st.integers(min_value=1, max_value=1000))
def test_wachttijd_verdubbelt_per_poging_en_blijft_onder_het_maximum(poging):
    w = wachttijd(poging, basis=30, maximum=3600)
    assert 30 <= w <= 3600
    assert wachttijd(poging + 1, basis=30, maximum=3600) == min(3600, 2 * w)


# --- the dead-letter list ----------------------------------------------------------------


def _mislukt(*, pogingen=None, gemeente=None, huishouden_id=None, func=T + "tel_op"):
    """A job that failed in the worker, as the worker leaves it."""
    task_id = uuid.uuid4().hex
    Task.objects.create(
        id=task_id,
        name=f"taak-{task_id[:6]}",
        func=func,
        args=(1, 2),
        kwargs={},
        result="RuntimeError: kapot",
        started=timezone.now(),
        stopped=timezone.now(),
        success=False,
        attempt_count=Conf.MAX_ATTEMPTS if pogingen is None else pogingen,
    )
    if gemeente is not None:
        Achtergrondtaak.objects.create(
            sleutel=f"s-{task_id}",
            functie=func,
            task_id=task_id,
            gemeente=gemeente,
            huishouden_id=huishouden_id,
            omschrijving="Testtaak",
        )
    return task_id


@pytest.fixture
def beheerder(gemeente, maak_medewerker, client):
    b = maak_medewerker(gemeente, Rol.BEHEER)
    client.force_login(b)
    return b


def test_beheerder_ziet_eigen_en_systeemtaken_niet_die_van_een_andere_gemeente(
    beheerder, client, gemeente, andere_gemeente, django_assert_max_num_queries
):
    eigen = _mislukt(gemeente=gemeente)
    systeem = _mislukt()
    elders = _mislukt(gemeente=andere_gemeente)
    with django_assert_max_num_queries(8):
        antwoord = client.get("/achtergrondtaken")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert f"/achtergrondtaken/{eigen}/opnieuw" in html
    assert f"/achtergrondtaken/{systeem}/opnieuw" in html
    assert elders not in html and "RuntimeError: kapot" in html
    for _ in range(10):
        _mislukt(gemeente=gemeente)
    with django_assert_max_num_queries(8):
        assert client.get("/achtergrondtaken").status_code == 200
    # Another gemeente's job cannot be touched either.
    assert client.post(f"/achtergrondtaken/{elders}/opnieuw").status_code == 404
    assert client.post(f"/achtergrondtaken/{elders}/verwerpen").status_code == 404
    assert Failure.objects.filter(id=elders).exists()


def test_alleen_de_functioneel_beheerder_ziet_de_mislukte_taken(client, gemeente, maak_medewerker):
    taak = _mislukt(gemeente=gemeente)
    client.force_login(maak_medewerker(gemeente, Rol.REGISSEUR, Rol.MANAGER))
    assert client.get("/achtergrondtaken").status_code == 403
    assert client.post(f"/achtergrondtaken/{taak}/verwerpen").status_code == 403
    assert Failure.objects.filter(id=taak).exists()


def test_opnieuw_zet_de_taak_terug_in_de_wachtrij_en_logt_bij_persoonsgegevens(
    beheerder, client, gemeente
):
    huishouden = uuid.uuid4()
    taak = _mislukt(gemeente=gemeente, huishouden_id=huishouden)
    antwoord = client.post(f"/achtergrondtaken/{taak}/opnieuw")
    assert antwoord.status_code == 302
    assert not Failure.objects.filter(id=taak).exists()
    (rij,) = OrmQ.objects.all()
    assert Achtergrondtaak.objects.get(sleutel=f"s-{taak}").task_id == rij.task_id()
    (log,) = Verwerking.objects.filter(object_type="achtergrondtaak")
    assert log.huishouden_id == huishouden and log.actor == beheerder.username
    assert "opnieuw geplaatst" in log.omschrijving


def test_verwerpen_haalt_de_taak_weg_zonder_hem_uit_te_voeren(beheerder, client, gemeente):
    taak = _mislukt(gemeente=gemeente)
    zonder_persoonsgegevens = _mislukt()
    assert client.post(f"/achtergrondtaken/{taak}/verwerpen").status_code == 302
    assert client.post(f"/achtergrondtaken/{zonder_persoonsgegevens}/verwerpen").status_code == 302
    assert not Failure.objects.exists() and not OrmQ.objects.exists()
    assert not Verwerking.objects.filter(object_type="achtergrondtaak").exists()
    assert client.post(f"/achtergrondtaken/{taak}/verwerpen").status_code == 404


def test_een_taak_met_pogingen_over_wordt_niet_met_de_hand_herhaald(beheerder, client, gemeente):
    taak = _mislukt(gemeente=gemeente, pogingen=1)
    html = client.get("/achtergrondtaken").content.decode()
    assert "wordt automatisch opnieuw geprobeerd" in html and f"{taak}/opnieuw" not in html
    assert client.post(f"/achtergrondtaken/{taak}/opnieuw").status_code == 403
    assert client.get("/achtergrondtaken/x/opnieuw").status_code == 405
    assert Failure.objects.filter(id=taak).exists() and not OrmQ.objects.exists()


# --- health -----------------------------------------------------------------------------


def test_gezondheid_ok_met_recente_hartslag(client):
    Schedule.objects.filter(name="hartslag").update(next_run=timezone.now())
    antwoord = client.get("/gezondheid")
    assert antwoord.status_code == 200
    assert antwoord.json()["onderdelen"]["wachtrij"]["status"] == "ok"
    assert client.get("/gezondheid/leeft").json() == {"status": "ok"}


def test_gezondheid_noemt_een_achterstand_in_de_wachtrij(client):
    Schedule.objects.filter(name="hartslag").update(next_run=timezone.now())
    services.plaats_taak(functie=T + "tel_op", args=[1, 2], sleutel="oud")
    OrmQ.objects.update(lock=timezone.now() - timedelta(hours=1))
    antwoord = client.get("/gezondheid")
    assert antwoord.status_code == 503
    wachtrij = antwoord.json()["onderdelen"]["wachtrij"]
    assert wachtrij["status"] == "storing" and "Achterstand" in wachtrij["melding"]
    assert wachtrij["wachtend"] == 1 and wachtrij["oudste_wachtend_seconden"] >= 3600


def test_gezondheid_noemt_de_database_als_die_onbereikbaar_is(client, monkeypatch):
    from doorbraak.config import gezondheid

    class Kapot:
        def cursor(self):
            raise OperationalError("verbinding geweigerd")

    monkeypatch.setattr(gezondheid, "connection", Kapot())
    antwoord = client.get("/gezondheid")
    assert antwoord.status_code == 503
    assert antwoord.json()["onderdelen"]["database"]["status"] == "storing"
    assert antwoord.json()["onderdelen"]["wachtrij"]["status"] == "onbekend"


# --- metrics and request ids ------------------------------------------------------------


def test_metrics_bestaan_niet_zonder_token_en_vragen_het_juiste_token(client):
    with override_settings(METRICS_TOKEN=""):
        assert client.get("/metrics").status_code == 404
    with override_settings(METRICS_TOKEN="geheim-token"):
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer fout").status_code == 401
        assert client.get("/metrics", HTTP_AUTHORIZATION="geheim-token").status_code == 200


def test_metrics_per_route_met_viewnaam_en_de_wachtrij(client, gemeente, maak_medewerker):
    beleid = maak_medewerker(gemeente, Rol.BELEID)
    client.force_login(beleid)
    client.get(f"/signalen/{uuid.uuid4()}")  # a path with an id: counted under its view name
    _mislukt(gemeente=gemeente)
    services.plaats_taak(functie=T + "tel_op", args=[1, 2], sleutel="m")
    with override_settings(METRICS_TOKEN="geheim-token"):
        tekst = client.get("/metrics", HTTP_AUTHORIZATION="Bearer geheim-token").content.decode()
    assert 'doorbraak_http_verzoek_duur_seconden_count{methode="GET",route="signaal"}' in tekst
    assert "/signalen/" not in tekst
    assert "doorbraak_wachtrij_wachtend 1.0" in tekst
    assert "doorbraak_wachtrij_mislukt 1.0" in tekst
    assert "doorbraak_wachtrij_dood 1.0" in tekst
    assert "doorbraak_database_bereikbaar 1.0" in tekst
    assert "# TYPE doorbraak_gos_total counter" in tekst


def test_request_id_wordt_overgenomen_of_gemaakt_en_teruggegeven(client):
    assert client.get("/gezondheid/leeft", HTTP_X_REQUEST_ID="lb-123").headers["X-Request-ID"] == (
        "lb-123"
    )
    gemaakt = client.get("/gezondheid/leeft", HTTP_X_REQUEST_ID="<script>").headers["X-Request-ID"]
    assert len(gemaakt) == 32 and gemaakt.isalnum()


def test_djangos_regel_over_een_fout_draagt_het_id_van_het_verzoek(client):
    """Django logs a 4xx after the whole middleware stack has returned; that line carries the
    request's id too, and after the request the id is gone."""
    import logging

    from doorbraak.config.middleware import RequestIdLogFilter, huidige_request_id

    regels = []

    class Vanger(logging.Handler):
        def emit(self, record):
            regels.append(record)

    vanger = Vanger(level=logging.WARNING)
    vanger.addFilter(RequestIdLogFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(vanger)
    try:
        antwoord = client.get("/api/v1/bestaat-niet", HTTP_X_REQUEST_ID="lb-404")
    finally:
        logger.removeHandler(vanger)
    assert antwoord.status_code == 404
    assert [r.request_id for r in regels] == ["lb-404"]
    assert huidige_request_id() == "-"


def test_mislukte_taak_wacht_steeds_langer_tot_de_pogingen_op_zijn(settings):
    from doorbraak.taken.signalen import na_uitvoering

    settings.WACHTRIJ_WACHTTIJD, settings.WACHTRIJ_WACHTTIJD_MAX = 30, 3600
    taak = services.plaats_taak(functie=T + "tel_op", args=[1, 2], sleutel="wacht")
    # As the worker leaves it after a failed attempt: taken (locked) but not acknowledged.
    OrmQ.objects.update(lock=timezone.now() + timedelta(seconds=Conf.RETRY))
    Task.objects.create(
        id=taak.task_id,
        name="wacht",
        func=T + "tel_op",
        started=timezone.now(),
        stopped=timezone.now(),
        success=False,
        attempt_count=3,
    )
    voor = timezone.now()
    na_uitvoering("django_q", task={"id": taak.task_id, "success": False})
    wacht = (OrmQ.objects.get().lock - voor).total_seconds()
    assert 120 <= wacht < 125  # 30 s, doubled twice after the third attempt
    Task.objects.filter(id=taak.task_id).update(attempt_count=Conf.MAX_ATTEMPTS)
    vast = OrmQ.objects.get().lock
    na_uitvoering("django_q", task={"id": taak.task_id, "success": False})
    assert OrmQ.objects.get().lock == vast  # no attempts left: django-q2 acknowledges it
