"""The router against real processes: gunicorn on a primary with a synchronous streaming
replica. Lists go to the replica; whoever just wrote reads from the primary until the replica
has replayed their write; a replica that lags too far is left alone; /gezondheid and /metrics
report it. `X-Doorbraak-Lezen` says where a request's routable reads went."""

import re
import time

import pytest

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

MAX_VERTRAGING = 1.5  # s, the server's DOORBRAAK_REPLICA_MAX_VERTRAGING here
HUISHOUDEN = {
    "naam": "Familie Replica",
    "postcode": "5701 AB",
    "gezinsleden": [
        {"voornaam": "Ria", "achternaam": "Jansen", "geboortedatum": "1980-02-03", "rol": "ouder"}
    ],
}


@pytest.fixture(scope="module")
def server(cluster, start_server):
    s = start_server(
        cluster.omgeving(
            DATABASE_REPLICA_URL=cluster.replica_url,
            DOORBRAAK_REPLICA_MAX_VERTRAGING=str(MAX_VERTRAGING),
            DOORBRAAK_METRICS_TOKEN="meet-token",
        )
    )
    for naam in ("regisseur", "lezer"):
        s.log_in(naam, cluster.gegevens["wachtwoord"])
    return s


def _ids(body) -> set[str]:
    rijen = body["results"] if isinstance(body, dict) and "results" in body else body
    return {r["id"] for r in rijen}


def _nieuwe_casus(server, naam: str) -> tuple[str, dict]:
    """A household and its case, registered by the regisseur through the API; (id, headers)."""
    status, koppen, body = server.verzoek(
        "POST", "/api/v1/huishoudens", als="regisseur", body={**HUISHOUDEN, "naam": naam}
    )
    assert status == 201, body
    assert koppen["X-Doorbraak-Lezen"] == "default"
    status, koppen, body = server.verzoek(
        "POST",
        "/api/v1/casussen",
        als="regisseur",
        body={
            "huishouden": body["id"],
            "doelgroep": "mph",
            "aanleiding": "Schulden",
            "urgentie": "normaal",
        },
    )
    assert status == 201, body
    return body["id"], koppen


def _wacht_tot(voorwaarde, wat: str, tijd: float = 20):
    einde = time.monotonic() + tijd
    while time.monotonic() < einde:
        if uitkomst := voorwaarde():
            return uitkomst
        time.sleep(0.1)
    pytest.fail(f"Niet binnen {tijd} s: {wat}")


def _replay(cluster, aan: bool) -> None:
    functie = "pg_wal_replay_resume" if aan else "pg_wal_replay_pause"
    cluster.sql(cluster.replica_url, f"SELECT {functie}()")


def test_lijsten_van_de_replica_en_de_schrijver_leest_zijn_eigen_schrijfactie(cluster, server):
    # A list of cases nobody wrote for lately: from the replica (once its probe saw it keep up).
    status, koppen, _ = _wacht_tot(
        lambda: (
            (r := server.verzoek("GET", "/api/v1/casussen", als="lezer"))[1].get(
                "X-Doorbraak-Lezen"
            )
            == "replica"
            and r
        ),
        "een lijst van de replica",
    )
    assert status == 200
    # The list's read is logged, on the primary, while the list itself came from the replica.
    status, koppen, body = server.verzoek(
        "GET", "/api/v1/casussen", als="lezer", headers={"X-Request-ID": "lijst-van-replica"}
    )
    assert koppen["X-Doorbraak-Lezen"] == "replica" and _ids(body)
    gelogd = cluster.sql(
        cluster.primair_url,
        "SELECT count(*) FROM audit_verwerking WHERE request_id = 'lijst-van-replica'",
    )[0][0]
    assert gelogd == len(_ids(body))
    # A dossier is not a list: always the primary.
    casus = cluster.gegevens["casus"]
    status, koppen, _ = server.verzoek("GET", f"/api/v1/casussen/{casus}", als="lezer")
    assert status == 200 and koppen["X-Doorbraak-Lezen"] == "default"

    # The replica stops replaying: the regisseur's new household is on the primary only.
    _replay(cluster, aan=False)
    try:
        nieuw, koppen = _nieuwe_casus(server, "Familie Replica")
        assert koppen["X-Doorbraak-Lezen"] == "default"
        # Read-your-writes: the writer's next list comes from the primary and shows it ...
        status, koppen, body = server.verzoek("GET", "/api/v1/casussen", als="regisseur")
        assert status == 200 and koppen["X-Doorbraak-Lezen"] == "default"
        assert nieuw in _ids(body)
        # ... while a colleague who did not write still reads the (slightly older) replica.
        status, koppen, body = server.verzoek("GET", "/api/v1/casussen", als="lezer")
        assert status == 200 and koppen["X-Doorbraak-Lezen"] == "replica"
        assert nieuw not in _ids(body)
    finally:
        _replay(cluster, aan=True)
    cluster.wacht_op_replay()
    # Once the replica has replayed the write, the writer reads from it again, and sees it.
    status, koppen, body = _wacht_tot(
        lambda: (
            (r := server.verzoek("GET", "/api/v1/casussen", als="regisseur"))[1].get(
                "X-Doorbraak-Lezen"
            )
            == "replica"
            and r
        ),
        "de schrijver terug op de replica",
    )
    assert nieuw in _ids(body)


def _metriek(server, naam: str) -> float:
    status, _, tekst = server.verzoek(
        "GET", "/metrics", headers={"Authorization": "Bearer meet-token", "Accept": "text/plain"}
    )
    assert status == 200
    gevonden = re.search(rf"^{naam} (\S+)$", tekst, re.MULTILINE)
    assert gevonden, tekst[-2000:]
    return float(gevonden.group(1))


def test_een_replica_die_te_ver_achterloopt_wordt_gemeden_en_gemeld(cluster, server):
    cluster.wacht_op_replay()
    assert _metriek(server, "doorbraak_replica_vertraging_seconden") <= MAX_VERTRAGING
    assert _metriek(server, "doorbraak_replica_bereikbaar") == 1
    _, _, body = server.verzoek("GET", "/gezondheid")
    assert body["onderdelen"]["replica"]["status"] == "ok"

    _replay(cluster, aan=False)
    try:
        # Something happens on the primary that the paused replica does not replay.
        later, _ = _nieuwe_casus(server, "Familie Later")
        _wacht_tot(
            lambda: _metriek(server, "doorbraak_replica_vertraging_seconden") > MAX_VERTRAGING,
            "vertraging boven de grens",
        )
        # Lists leave the lagging replica, also for whoever did not write.
        status, _, body = _wacht_tot(
            lambda: (
                (r := server.verzoek("GET", "/api/v1/casussen", als="lezer"))[1].get(
                    "X-Doorbraak-Lezen"
                )
                == "default"
                and r
            ),
            "lijsten naar de primaire",
        )
        assert status == 200 and later in _ids(body)  # the primary has it
        # /gezondheid names the replica, but the app stays ready (the primary serves it all).
        status, _, body = server.verzoek("GET", "/gezondheid")
        replica = body["onderdelen"]["replica"]
        assert replica["status"] == "storing" and "achter" in replica["melding"]
        assert replica["vertraging_seconden"] > MAX_VERTRAGING
        assert body["status"] != "ok"
        if all(o["status"] == "ok" for k, o in body["onderdelen"].items() if k != "replica"):
            assert status == 200 and body["status"] == "verminderd"
    finally:
        _replay(cluster, aan=True)
    cluster.wacht_op_replay()
    _wacht_tot(
        lambda: (
            server.verzoek("GET", "/api/v1/casussen", als="lezer")[1].get("X-Doorbraak-Lezen")
            == "replica"
        ),
        "lijsten terug op de replica",
    )
    assert _metriek(server, "doorbraak_replica_vertraging_seconden") <= MAX_VERTRAGING
