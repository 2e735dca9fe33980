#!/usr/bin/env python3
"""The processing log on the read path: in-process time of a dossier GET, and lock waits.

    env -u DATABASE_URL .venv/bin/python bench/verwerkingen_meting.py         (SQLite)
    DATABASE_URL=postgres://... .venv/bin/python bench/verwerkingen_meting.py (PostgreSQL)

Creates a throw-away test database, one gemeente with MEET_CASUSSEN (40) cases and times
MEET_AANTAL (300) `GET /api/v1/casussen/{id}` through Django's test client (median and p95 wall
time and the median CPU time of this process, in ms, plus the queries per GET). On PostgreSQL it
then lets MEET_LEZERS (16) threads read dossiers of that one gemeente at once for MEET_SECONDEN
(5) s while a monitor samples pg_locks every 10 ms: reported are the reads per second and how
often a reader was waiting for a lock. Not part of `make bench`; a developer tool for invariant 6
(the log must not make requests queue). MEET_SRC=path/to/src measures another checkout.
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("MEET_SRC", str(ROOT / "src")))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorbraak.config.settings")
os.environ.setdefault("DOORBRAAK_DEMO", "1")
os.environ.setdefault("DOORBRAAK_SECRET_KEY", "meting-" + "x" * 40)

AANTAL = int(os.environ.get("MEET_AANTAL", "300"))
CASUSSEN = int(os.environ.get("MEET_CASUSSEN", "40"))
LEZERS = int(os.environ.get("MEET_LEZERS", "16"))
SECONDEN = float(os.environ.get("MEET_SECONDEN", "5"))


def _inrichten():
    import datetime

    from doorbraak.casussen import services
    from doorbraak.organisaties.models import Medewerker, Rol
    from doorbraak.organisaties.services import gemeente_aanmaken

    gemeente = gemeente_aanmaken(code="GM9980", naam="Meetstad")
    regisseur = Medewerker.objects.create(
        username="meet-regisseur", gemeente=gemeente, rollen=[Rol.REGISSEUR]
    )
    casussen = []
    for i in range(CASUSSEN):
        huishouden = services.huishouden_registreren(
            door=regisseur,
            naam=f"Familie {i}",
            postcode="5701 AB",
            gezinsleden=[
                services.NieuwGezinslid("Anna", f"Meet{i}", datetime.date(1988, 5, 1), "ouder")
            ],
        )
        casus = services.casus_aanmelden(
            door=regisseur,
            huishouden_id=huishouden.pk,
            doelgroep_code="mph",
            aanleiding="Dreigende huisuitzetting",
            urgentie="hoog",
        )
        casussen.append(casus.pk)
    return regisseur, casussen


def _client(regisseur):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(regisseur)
    return client


def meet_get(regisseur, casussen) -> dict:
    from django.db import connection

    client = _client(regisseur)
    for pk in casussen[:5]:  # warm-up
        assert client.get(f"/api/v1/casussen/{pk}").status_code == 200
    queries = []
    with connection.execute_wrapper(
        lambda uitvoer, sql, *a: queries.append(sql) or uitvoer(sql, *a)
    ):
        client.get(f"/api/v1/casussen/{casussen[0]}")
    tijden, cpu = [], []
    for i in range(AANTAL):
        pk = casussen[i % len(casussen)]
        start, start_cpu = time.perf_counter(), time.process_time()
        antwoord = client.get(f"/api/v1/casussen/{pk}")
        tijden.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert antwoord.status_code == 200
    tijden.sort()
    return {
        "mediaan_ms": round(statistics.median(tijden), 2),
        "p95_ms": round(tijden[int(len(tijden) * 0.95) - 1], 2),
        # CPU time of this process: less disturbed by other load on a shared machine (on
        # PostgreSQL it leaves out the server's own work).
        "cpu_mediaan_ms": round(statistics.median(cpu), 2),
        "queries": len(queries),
    }


def meet_gelijktijdig(regisseur, casussen) -> dict:
    from django.db import connection, connections

    stop = threading.Event()
    gelezen = [0] * LEZERS
    fouten: list[BaseException] = []

    def lezer(n: int) -> None:
        client = _client(regisseur)
        try:
            while not stop.is_set():
                pk = casussen[(n * 7 + gelezen[n]) % len(casussen)]
                assert client.get(f"/api/v1/casussen/{pk}").status_code == 200
                gelezen[n] += 1
        except BaseException as e:
            fouten.append(e)
        finally:
            connections.close_all()

    monsters, wachtend = 0, []
    threads = [threading.Thread(target=lezer, args=(n,)) for n in range(LEZERS)]
    for t in threads:
        t.start()
    einde = time.monotonic() + SECONDEN
    with connection.cursor() as cursor:
        while time.monotonic() < einde:
            cursor.execute(
                "SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted AND pid <> "
                "pg_backend_pid()"
            )
            wachtend.append(cursor.fetchone()[0])
            monsters += 1
            time.sleep(0.01)
    stop.set()
    for t in threads:
        t.join()
    if fouten:
        raise fouten[0]
    return {
        "lezers": LEZERS,
        "lezingen_per_s": round(sum(gelezen) / SECONDEN, 1),
        "monsters": monsters,
        "monsters_met_lockwacht_pct": round(100 * sum(1 for w in wachtend if w) / monsters, 1),
        "gemiddeld_wachtend": round(statistics.mean(wachtend), 2),
        "max_wachtend": max(wachtend),
    }


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    oude_naam = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        regisseur, casussen = _inrichten()
        print(f"database: {connection.vendor}")
        print("dossier-GET in-process:", meet_get(regisseur, casussen))
        if connection.vendor == "postgresql":
            print("gelijktijdig, één gemeente:", meet_gelijktijdig(regisseur, casussen))
    finally:
        connection.creation.destroy_test_db(oude_naam, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
