"""Invariant 1 under load, on PostgreSQL with real threads and transactions: 50 parallel go's
that together ask twice the ceiling commit exactly up to the ceiling, never more."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from doorbraak.budget import ledger, services
from doorbraak.budget.models import Aanvraag, Boeking, Budget

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_vijftig_gelijktijdige_gos_committeren_precies_tot_het_plafond(
    fondsen, mensen, maak_aanvraag
):
    if connection.vendor != "postgresql":
        pytest.skip("gelijktijdigheid wordt op PostgreSQL getest")
    budget = Budget.objects.get(periode__fonds=fondsen["regeling"], doelgroep__code="mph")
    assert budget.plafond == Decimal("10000.00")
    aanvragen = []
    for _ in range(50):
        a = maak_aanvraag(mensen["regisseur"], bedrag="400.00")  # 50 x 400 = 2 x plafond
        services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
        services.aanvraag_beoordelen(door=mensen["collega"], aanvraag_id=a.pk, advies="positief")
        aanvragen.append(a.pk)
    start = threading.Barrier(50)
    geweigerd, fouten = [], []

    def go(aanvraag_id):
        try:
            start.wait()
            services.aanvraag_besluiten(
                door=mensen["manager"], aanvraag_id=aanvraag_id, besluit="go"
            )
        except ledger.PlafondOverschreden as e:
            geweigerd.append(e)
        except Exception as e:  # pragma: no cover - reported below
            fouten.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=go, args=(pk,)) for pk in aanvragen]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten, fouten
    assert len(geweigerd) == 25
    assert Aanvraag.objects.filter(status="toegekend").count() == 25
    assert Aanvraag.objects.filter(status="beoordeeld", budget__isnull=True).count() == 25
    s = ledger.saldi(budget)
    assert s.toegezegd == Decimal("10000.00")
    assert s.beschikbaar == Decimal("0.00")
    assert Boeking.objects.filter(soort="toezegging").count() == 25
