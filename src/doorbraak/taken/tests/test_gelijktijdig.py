"""Placing one key at once from several transactions (PostgreSQL, real threads): the job is on
the queue once, and every placement returns that one row."""

import threading

import pytest
from django.db import connection, transaction
from django_q.models import OrmQ

from doorbraak.taken import services
from doorbraak.taken.models import Achtergrondtaak

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
T = "doorbraak.taken.tests.taken_voor_test."


def test_dezelfde_sleutel_tegelijk_geplaatst_staat_een_keer_in_de_wachtrij():
    if connection.vendor != "postgresql":
        pytest.skip("gelijktijdigheid wordt op PostgreSQL getest")
    start = threading.Barrier(6)
    geplaatst, fouten = [], []

    def plaats(terugdraaien: bool):
        try:
            start.wait()
            with transaction.atomic():
                geplaatst.append(
                    services.plaats_taak(functie=T + "tel_op", args=[1, 2], sleutel="samen").pk
                )
                if terugdraaien:  # a placement that rolls back leaves the key to the others
                    raise RuntimeError
        except RuntimeError:
            pass
        except Exception as e:  # pragma: no cover - reported below
            fouten.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=plaats, args=(i == 0,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten, fouten
    taak = Achtergrondtaak.objects.get(sleutel="samen")
    assert taak.task_id
    assert OrmQ.objects.count() == 1
    blijvend = [pk for pk in geplaatst if pk == taak.pk]
    assert len(blijvend) >= 5  # every placement that committed returned the one row
