"""Real jobs in a real worker process (`doorbraak qcluster`), on SQLite and on PostgreSQL."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_q.models import Failure, OrmQ, Schedule, Task

from doorbraak.organisaties.models import Rol
from doorbraak.rapportage.models import RapportExport
from doorbraak.rapportage.services import rapportexport_aanvragen
from doorbraak.taken import selectors, services
from doorbraak.taken.models import Achtergrondtaak

T = "doorbraak.taken.tests.taken_voor_test."

pytestmark = pytest.mark.django_db(transaction=True)


def _taak(sleutel):
    return Task.objects.filter(id=Achtergrondtaak.objects.get(sleutel=sleutel).task_id).first()


def test_werker_voert_taken_uit_herhaalt_en_zet_dode_taken_apart(
    werker, tmp_path, client, gemeente, maak_medewerker
):
    beheerder = maak_medewerker(gemeente, Rol.BEHEER)
    beleid = maak_medewerker(gemeente, Rol.BELEID)
    # The first real job: a report PDF over two years, made in the background.
    export = rapportexport_aanvragen(
        medewerker=beleid, soort="evaluatie", van=date(2024, 1, 1), tot=date(2025, 12, 31)
    )
    # Placed twice under one key: queued once, run once.
    eerste = services.plaats_taak(functie=T + "tel_op", args=[2, 3], sleutel="som")
    tweede = services.plaats_taak(functie=T + "tel_op", args=[2, 3], sleutel="som")
    assert eerste.pk == tweede.pk and OrmQ.objects.count() == 2  # the PDF and the sum
    services.plaats_taak(
        functie=T + "mislukt_eerst", args=[str(tmp_path / "merk")], sleutel="herhaal"
    )
    ontbreekt = tmp_path / "ontbreekt"
    services.plaats_taak(
        functie=T + "mislukt_tenzij", args=[str(ontbreekt)], sleutel="dood", gemeente_id=gemeente.pk
    )
    # No worker has run the heartbeat for ten minutes: the health check names the queue.
    Schedule.objects.filter(name="hartslag").update(next_run=timezone.now() - timedelta(minutes=10))
    antwoord = client.get("/gezondheid")
    assert antwoord.status_code == 503
    assert antwoord.json()["onderdelen"]["database"]["status"] == "ok"
    assert antwoord.json()["onderdelen"]["wachtrij"]["status"] == "storing"

    werker.start()

    som = werker(lambda: (t := _taak("som")) and t.success and t, "de som is uitgerekend")
    assert som.result == {"som": 5}
    assert Task.objects.filter(func=T + "tel_op").count() == 1
    herhaald = werker(
        lambda: (t := _taak("herhaal")) and t.success and t, "de tweede poging is gelukt"
    )
    assert herhaald.attempt_count == 2 and herhaald.result == {"gelukt": True}
    dood = werker(
        lambda: Failure.objects.filter(attempt_count__gte=2, func=T + "mislukt_tenzij").first(),
        "de taak is na twee pogingen dood",
    )
    assert "bestand ontbreekt" in dood.result
    werker(lambda: not OrmQ.objects.filter(key="doorbraak").exists(), "de wachtrij is leeg")
    # The scheduler has run the heartbeat: healthy again.
    werker(lambda: client.get("/gezondheid").status_code == 200, "gezond na de hartslag")

    pdf = werker(
        lambda: RapportExport.objects.filter(pk=export.pk, status="klaar").first(),
        "de PDF is gemaakt",
    )
    assert bytes(pdf.inhoud).startswith(b"%PDF") and pdf.bestandsnaam.endswith(".pdf")

    # The dead-letter list shows it; after the cause is fixed, 'opnieuw' makes it succeed.
    mislukt = selectors.mislukte_taken(medewerker=beheerder)
    assert [m.id for m in mislukt if m.func.startswith(T)] == [dood.id]
    ontbreekt.write_text("er is")
    nieuw = services.mislukte_taak_opnieuw(task_id=dood.id, door=beheerder)
    assert Achtergrondtaak.objects.get(sleutel="dood").task_id == nieuw
    gelukt = werker(
        lambda: Task.objects.filter(id=nieuw, success=True).first(), "de herhaalde taak is gelukt"
    )
    assert gelukt.result == {"gelukt": True}
    assert not [m for m in selectors.mislukte_taken(medewerker=beheerder) if m.func.startswith(T)]
    # Its log lines carry the job's id as request id, one JSON object per line.
    regels = [json.loads(r) for r in werker.log.read_text().splitlines() if r.startswith("{")]
    van_taak = [r["message"] for r in regels if r["request_id"] == f"taak-{nieuw}"]
    assert "bestand gevonden" in van_taak
