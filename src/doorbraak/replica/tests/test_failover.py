"""Failover under load against real processes: clients doing go's, payments and dossier reads
(each read writes a processing-log entry) on a primary with a synchronous replica; the primary
crashes (`pg_ctl stop -m immediate`), the replica is promoted by hand (`pg_ctl promote`, what
Patroni does in production), and the same clients carry on through the libpq multi-host string.
Nothing a client saw committed is lost: every go, payment and log entry is on the promoted
server, the ledger reconciles with the requests, and the sealed processing log verifies."""

import json
import subprocess
import sys
import time

import pytest

from doorbraak.replica.tests.scenario import BEDRAG

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
CENTEN = int(BEDRAG * 100)


def _regels(pad) -> list[dict]:
    if not pad.exists():
        return []
    return [json.loads(r) for r in pad.read_text().splitlines() if r.strip().startswith("{")]


def _gezien(regels, op: str) -> list[str]:
    return [r["id"] for r in regels if r.get("op") == op]


def _wacht_tot(voorwaarde, wat: str, proces, log, tijd: float = 40):
    einde = time.monotonic() + tijd
    while time.monotonic() < einde:
        if voorwaarde():
            return
        if proces.poll() is not None:
            break
        time.sleep(0.1)
    pytest.fail(f"Niet binnen {tijd} s: {wat}\n{log.read_text()[-3000:]}")


def test_failover_verliest_geen_gecommitte_go_betaling_of_verwerking(cluster, tmp_path):
    gegevens, stop, uitvoer = tmp_path / "gegevens.json", tmp_path / "stop", tmp_path / "uit"
    gegevens.write_text(json.dumps(cluster.gegevens))
    with uitvoer.open("wb") as uit:
        clients = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "doorbraak.replica.tests.scenario",
                "belast",
                str(stop),
                str(gegevens),
            ],
            env=cluster.omgeving(),
            stdout=uit,
            stderr=subprocess.STDOUT,
        )
    try:

        def genoeg(go: int, betaling: int, lezen: int, verzegeling: int, vanaf: int = 0):
            def voorwaarde():
                r = _regels(uitvoer)[vanaf:]
                return (
                    len(_gezien(r, "go")) >= go
                    and len(_gezien(r, "betaling")) >= betaling
                    and len(_gezien(r, "lezen")) >= lezen
                    and len(_gezien(r, "verzegeling")) >= verzegeling
                )

            return voorwaarde

        # Load, and part of the log sealed (its head exported) before the crash.
        _wacht_tot(genoeg(5, 3, 8, verzegeling=1), "belasting op de primaire", clients, uitvoer)

        cluster.script("stop-primair")  # a crash: no shutdown checkpoint, clients mid-transaction
        voor_crash = len(_regels(uitvoer))
        time.sleep(0.5)
        cluster.script("promote")
        # The clients reconnect by themselves and commit on the promoted server.
        _wacht_tot(
            genoeg(3, 2, 3, verzegeling=1, vanaf=voor_crash),
            "belasting na de failover",
            clients,
            uitvoer,
        )
    finally:
        stop.touch()
        try:
            clients.wait(timeout=60)
        except subprocess.TimeoutExpired:
            clients.kill()
            clients.wait()
    regels = _regels(uitvoer)
    gos, betalingen, lezingen = (_gezien(regels, op) for op in ("go", "betaling", "lezen"))
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
