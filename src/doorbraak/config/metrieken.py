"""Prometheus metrics: request latency per route (the view's name, never the raw path with ids),
and, read from the database at scrape time, the go's, the queue and its failed jobs.

Under gunicorn with several workers set PROMETHEUS_MULTIPROC_DIR (scripts/draaien.sh does): each
worker writes its request metrics there and /metrics adds them up.
"""

import hmac
import os
import time
from functools import lru_cache

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count
from django.http import Http404, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

VERZOEK_DUUR = Histogram(
    "doorbraak_http_verzoek_duur_seconden",
    "Duur van HTTP-verzoeken per route (naam van de view).",
    ["route", "methode"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
VERZOEKEN = Counter(
    "doorbraak_http_verzoeken",
    "HTTP-verzoeken per route, methode en statusklasse.",
    ["route", "methode", "status"],
)


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match and match.view_name else "onbekend"


# A method a client makes up (Django answers it 405) counts as one label value, not one each.
METHODEN = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


# The labelled series, looked up once per process (routes × methods × status classes).
@lru_cache(maxsize=1024)
def _duur(route: str, methode: str):
    return VERZOEK_DUUR.labels(route, methode)


@lru_cache(maxsize=4096)
def _teller(route: str, methode: str, klasse: str):
    return VERZOEKEN.labels(route, methode, klasse)


class MetriekenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        begin = time.perf_counter()
        response = self.get_response(request)
        route = _route(request)
        if route != "metrieken":
            methode = request.method if request.method in METHODEN else "ANDERS"
            _duur(route, methode).observe(time.perf_counter() - begin)
            _teller(route, methode, f"{response.status_code // 100}xx").inc()
        return response


class DatabaseCollector:
    """Figures that live in the database, so they are right whatever process is scraped."""

    def collect(self):
        from doorbraak.audit.selectors import oudste_onverzegelde_seconden
        from doorbraak.budget.models import AanvraagStap, AanvraagStatus
        from doorbraak.taken.selectors import wachtrijstand

        try:
            gos = (
                AanvraagStap.objects.filter(naar=AanvraagStatus.TOEGEKEND)
                .values("aanvraag__gemeente__code")
                .annotate(n=Count("id"))
                .order_by()
            )
            go = CounterMetricFamily(
                "doorbraak_gos", "Gegeven go's (toekenningen) per gemeente.", labels=["gemeente"]
            )
            for rij in gos:
                go.add_metric([rij["aanvraag__gemeente__code"]], rij["n"])
            stand = wachtrijstand()
            verzegelachterstand = oudste_onverzegelde_seconden()
        except DatabaseError:
            yield GaugeMetricFamily("doorbraak_database_bereikbaar", "Database bereikbaar.", 0)
            return
        yield GaugeMetricFamily("doorbraak_database_bereikbaar", "Database bereikbaar.", 1)
        yield go
        yield GaugeMetricFamily(
            "doorbraak_wachtrij_wachtend", "Taken die klaarstaan voor de werker.", stand.wachtend
        )
        yield GaugeMetricFamily(
            "doorbraak_wachtrij_oudste_wachtend_seconden",
            "Leeftijd van de oudste wachtende taak (0 als er geen wacht).",
            stand.oudste_wachtend_seconden or 0,
        )
        yield GaugeMetricFamily(
            "doorbraak_wachtrij_mislukt",
            "Mislukte taken (nog in herhaling of in de lijst mislukte taken).",
            stand.mislukt,
        )
        yield GaugeMetricFamily(
            "doorbraak_wachtrij_dood",
            "Taken zonder pogingen meer: wachten op de functioneel beheerder.",
            stand.dood,
        )
        yield GaugeMetricFamily(
            "doorbraak_verwerkingen_onverzegeld_seconden",
            "Leeftijd van de oudste verwerking die nog niet verzegeld is (0: alles verzegeld).",
            verzegelachterstand,
        )
        yield from _replica()
        if stand.hartslag_achter_seconden is not None:
            yield GaugeMetricFamily(
                "doorbraak_wachtrij_hartslag_achter_seconden",
                "Hoe ver de hartslag van de werker achterloopt op zijn planning.",
                stand.hartslag_achter_seconden,
            )


def _replica():
    """Replay lag of the read replica (only when DATABASE_REPLICA_URL is set); NaN when it
    cannot be measured (down, or no longer a standby), with its reachability beside it."""
    from doorbraak.replica.status import replica_ingesteld
    from doorbraak.replica.status import stand as replica_stand

    if not replica_ingesteld():
        return
    stand = replica_stand(vers=True)
    yield GaugeMetricFamily(
        "doorbraak_replica_bereikbaar",
        "Leesreplica bereikbaar en standby (1) of niet (0).",
        int(stand.bereikbaar and stand.standby),
    )
    yield GaugeMetricFamily(
        "doorbraak_replica_vertraging_seconden",
        "Hoeveel seconden de leesreplica achterloopt met afspelen (0: bij).",
        stand.vertraging_seconden if stand.vertraging_seconden is not None else float("nan"),
    )


def _registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_Doorgeven(REGISTRY))
    registry.register(DatabaseCollector())
    return registry


class _Doorgeven:
    """The process's own metrics (single-process mode) beside the database collector."""

    def __init__(self, bron):
        self.bron = bron

    def collect(self):
        yield from self.bron.collect()


def metrieken(request):
    """GET /metrics with `Authorization: Bearer <DOORBRAAK_METRICS_TOKEN>`.

    Without a configured token the endpoint does not exist (404); a wrong or missing token
    gets 401, compared in constant time.
    """
    token = settings.METRICS_TOKEN
    if not token:
        raise Http404
    aangeboden = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(aangeboden.encode(), token.encode()):
        antwoord = HttpResponse("Token vereist.\n", status=401, content_type="text/plain")
        antwoord["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return antwoord
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
