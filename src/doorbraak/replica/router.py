"""Database router: reads that tolerate a little lag go to the `replica` alias, the rest stays
on the primary (`default`).

A read goes to the replica only when all of these hold:
- it happens in a web or API request for a route in `LEESROUTES` (reports, knelpuntenanalyse,
  kennisbank, lists), with GET or HEAD (replica.middleware marks the request);
- the model is not one that authentication, sessions, the queue or this app keep on the primary;
- no transaction is open on the primary (a service reads what it is about to change from the
  primary, under its locks) and the request has not written yet;
- the replica is a standby that lags at most DOORBRAAK_REPLICA_MAX_VERTRAGING seconds;
- read-your-writes: the replica has replayed the WAL up to the end of this medewerker's last
  write (replica.models.Schrijfpositie), so whoever just wrote never reads an older state.
Outside a request (worker, commands, tests) every read stays on the primary. Every write goes to
the primary, the processing log included.
"""

from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connections

# Kept on the primary whatever the route: who is logged in, sessions, lockouts, tokens, the
# queue, and this app's own positions.
ALTIJD_PRIMAIR = {"sessions", "knox", "axes", "django_q", "otp_totp", "otp_static", "replica"}
# Writes that do not count as "this medewerker wrote" for read-your-writes: the processing log
# entry of a read, the session, lockouts, the queue.
GEEN_SCHRIJFACTIE = {"audit.verwerking", "sessions.session", "knox.authtoken"} | {
    f"{app}." for app in ("axes", "django_q", "replica")
}


@dataclass
class Verzoekstand:
    request: object
    replica_toegestaan: bool = False
    geschreven: bool = False
    besluit: str | None = None  # "replica" or "default", once decided for this request
    redenen: list[str] = field(default_factory=list)


huidig: ContextVar[Verzoekstand | None] = ContextVar("doorbraak_replica_verzoek", default=None)


def _label(model) -> str:
    return model._meta.label_lower


def _telt_als_schrijven(model) -> bool:
    label = _label(model)
    return not any(
        label == g or (g.endswith(".") and label.startswith(g)) for g in GEEN_SCHRIJFACTIE
    )


def _gebruiker_id(request) -> object | None:
    gebruiker = getattr(request, "user", None)
    if gebruiker is None or not getattr(gebruiker, "is_authenticated", False):
        return None
    return gebruiker.pk


def _beslis(stand: Verzoekstand) -> str:
    from doorbraak.replica import status
    from doorbraak.replica.models import Schrijfpositie

    max_vertraging = settings.REPLICA_MAX_VERTRAGING
    replica = status.stand()
    if not replica.bruikbaar(max_vertraging):
        return "default"
    gebruiker_id = _gebruiker_id(stand.request)
    if gebruiker_id is None:
        return "default"  # nobody to read for: the view will refuse anyway
    try:
        positie = (
            Schrijfpositie.objects.using("default")
            .filter(medewerker_id=gebruiker_id)
            .values_list("lsn", flat=True)
            .first()
        )
    except DatabaseError:
        return "default"
    if positie is not None and (replica.replay_lsn or 0) < positie:
        replica = status.stand(vers=True)  # it may have caught up since the last probe
        if not replica.bruikbaar(max_vertraging) or (replica.replay_lsn or 0) < positie:
            return "default"
    return "replica"


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        stand = huidig.get()
        if (
            stand is None
            or not stand.replica_toegestaan
            or stand.geschreven
            or model._meta.app_label in ALTIJD_PRIMAIR
            or connections["default"].in_atomic_block
        ):
            return "default"
        if stand.besluit is None:
            stand.besluit = _beslis(stand)
        return stand.besluit

    def db_for_write(self, model, **hints):
        stand = huidig.get()
        if stand is not None and _telt_als_schrijven(model):
            stand.geschreven = True
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
