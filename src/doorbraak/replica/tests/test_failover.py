"""Failover under load against real processes: clients doing go's, payments and dossier reads
(each read writes a processing-log entry) on a primary with a synchronous replica; the primary
crashes (`pg_ctl stop -m immediate`), the replica is promoted by hand (`pg_ctl promote`, what
Patroni does in production), and the same clients carry on through the libpq multi-host string.
Nothing a client saw committed is lost: every go, payment and log entry is on the promoted
server, the ledger reconciles with the requests, and the sealed processing log verifies."""

import time

import pytest

from doorbraak.replica.tests.conftest import Belasting
from doorbraak.replica.tests.scenario import BEDRAG

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
CENTEN = int(BEDRAG * 100)


def test_failover_verliest_geen_gecommitte_go_betaling_of_verwerking(
    cluster_voor_failover, tmp_path
):
    cluster = cluster_voor_failover
    belasting = Belasting(cluster.omgeving(), cluster.gegevens, tmp_path)
    try:
        # Load, and part of the log sealed (its head exported) before the crash.
        belasting.wacht(go=5, betaling=3, lezen=8, verzegeling=1)
        cluster.script("stop-primair")  # a crash: no shutdown checkpoint, clients mid-transaction
        voor_crash = len(belasting.regels())
        time.sleep(0.5)
        cluster.script("promote")
        # The clients reconnect by themselves and commit on the promoted server.
        belasting.wacht(vanaf=voor_crash, go=3, betaling=2, lezen=3, verzegeling=1)
    finally:
        belasting.stop()
    regels = belasting.regels()
    gos, betalingen, lezingen = (belasting.gezien(op) for op in ("go", "betaling", "lezen"))
    assert any("fout" in r for r in regels[voor_crash:]), "de crash moet de clients raken"

    nieuw = cluster.replica_url  # the promoted server
    assert cluster.sql(nieuw, "SELECT pg_is_in_recovery()")[0][0] is False
    toegekend = {
        str(pk): status
        for pk, status in cluster.sql(
            nieuw, "SELECT id, status FROM budget_aanvraag WHERE id = ANY(%s::uuid[])", gos
        )
    }
    assert set(gos) <= set(toegekend), "een go die de client zag is weg"
    assert set(toegekend.values()) <= {"toegekend", "betaald"}
    betaald = {
        str(pk)
        for (pk,) in cluster.sql(
            nieuw,
            "SELECT aanvraag_id FROM budget_boeking WHERE soort = 'betaling' "
            "AND aanvraag_id = ANY(%s::uuid[])",
            betalingen,
        )
    }
    assert set(betalingen) <= betaald, "een betaling die de client zag is weg"
    gelogd = {
        r
        for (r,) in cluster.sql(
            nieuw,
            "SELECT request_id FROM audit_verwerking WHERE request_id = ANY(%s)",
            lezingen,
        )
    }
    assert set(lezingen) <= gelogd, "een verwerking die de client zag is weg"

    # The ledger reconciles: one commitment per granted request, one payment per paid one, each
    # of the request's amount, and the budget's ceiling holds.
    per_soort = {
        soort: (n, som)
        for soort, n, som in cluster.sql(
            nieuw, "SELECT soort, count(*), sum(centen) FROM budget_boeking GROUP BY soort"
        )
    }
    statussen = dict(
        cluster.sql(nieuw, "SELECT status, count(*) FROM budget_aanvraag GROUP BY status")
    )
    n_toegezegd = statussen.get("toegekend", 0) + statussen.get("betaald", 0)
    assert per_soort["toezegging"] == (n_toegezegd, n_toegezegd * CENTEN)
    assert per_soort["betaling"] == (statussen["betaald"], statussen["betaald"] * CENTEN)
    assert set(per_soort) == {"toezegging", "betaling"}
    plafond = cluster.sql(nieuw, "SELECT plafond FROM budget_budget")[0][0]
    assert n_toegezegd * BEDRAG <= plafond

    # The processing log, sealed before and after the crash, verifies on the promoted server.
    verificatie = cluster.doorbraak("audit", "verifieer")
    assert verificatie.returncode == 0, verificatie.stdout + verificatie.stderr
    assert "in orde" in verificatie.stdout
    print(  # the figures for the report (pytest -s)
        f"\nfailover: gezien gecommit {len(gos)} go's, {len(betalingen)} betalingen, "
        f"{len(lezingen)} gelogde lezingen ({voor_crash} regels voor de crash); op de "
        f"gepromoveerde server {n_toegezegd} toezeggingen, {statussen.get('betaald', 0)} betaald"
    )
