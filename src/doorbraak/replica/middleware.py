"""Marks a request whose reads may go to the replica, and after a request that wrote, records
where the primary's WAL stood (read-your-writes). Does nothing without DATABASE_REPLICA_URL."""

import logging

from django.core.exceptions import MiddlewareNotUsed
from django.db import DatabaseError, connections
from django.utils import timezone

from doorbraak.replica.router import Verzoekstand, _gebruiker_id, huidig
from doorbraak.replica.status import replica_ingesteld

logger = logging.getLogger(__name__)

# Routes (view names) whose GET reads tolerate a little lag: reports, knelpuntenanalyse,
# kennisbank and the lists. Web and API share several names.
LEESROUTES = frozenset(
    {
        "rapportages",
        "rapport-knelpunten",
        "rapport-evaluatie",
        "rapport-verantwoording",
        "kennisbank",
        "regelingen",
        "kengetallen",
        "kengetalwijzigingen",
        "werklijst",
        "casussen",
        "huishoudens",
        "aanvragen",
        "budgetten",
        "bestedingsplannen",
        "overleggen",
        "fondsen",
    }
)


def schrijfpositie_vastleggen(gebruiker_id) -> None:
    """Upsert the medewerker's position: the primary's WAL insert position now, which lies past
    the commit of everything this request wrote (its transactions have committed)."""
    from doorbraak.replica.models import Schrijfpositie

    tabel = Schrijfpositie._meta.db_table
    with connections["default"].cursor() as c:
        c.execute(
            f'INSERT INTO "{tabel}" (medewerker_id, lsn, tijdstip) '  # noqa: S608 - own table name
            "VALUES (%s, pg_current_wal_insert_lsn() - '0/0', %s) "
            "ON CONFLICT (medewerker_id) "
            "DO UPDATE SET lsn = excluded.lsn, tijdstip = excluded.tijdstip",
            [gebruiker_id, timezone.now()],
        )


class ReplicaMiddleware:
    def __init__(self, get_response):
        if not replica_ingesteld():
            # Django then leaves it out of the chain: no layer on every request that does nothing
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        stand = Verzoekstand(request=request)
        token = huidig.set(stand)
        try:
            response = self.get_response(request)
        finally:
            huidig.reset(token)
        gebruiker_id = _gebruiker_id(request)
        if stand.geschreven and gebruiker_id is not None:
            try:
                schrijfpositie_vastleggen(gebruiker_id)
            except DatabaseError:
                # The write stands; only if the primary fails right here may this medewerker's
                # next list come from a replica that has not replayed it yet.
                logger.warning("Schrijfpositie niet vastgelegd", exc_info=True)
        response["X-Doorbraak-Lezen"] = stand.besluit or "default"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        stand = huidig.get()
        if stand is None:
            return None
        match = request.resolver_match
        stand.replica_toegestaan = (
            request.method in ("GET", "HEAD") and match is not None and match.url_name in LEESROUTES
        )
        return None
