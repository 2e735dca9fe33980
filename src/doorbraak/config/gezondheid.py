"""What /gezondheid checks: the database answers, the background queue is being worked
(the worker's heartbeat schedule moves on, nothing waits too long), and, when configured, the
read replica keeps up."""

from decimal import ROUND_CEILING, Decimal

from django.conf import settings
from django.db import DatabaseError, connection

from doorbraak import opmaak
from doorbraak.replica.status import replica_ingesteld
from doorbraak.replica.status import stand as replica_stand


def controleer() -> dict[str, dict]:
    onderdelen: dict[str, dict] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        onderdelen["database"] = {"status": "storing", "melding": "Database onbereikbaar."}
        onderdelen["wachtrij"] = {"status": "onbekend", "melding": "Database onbereikbaar."}
        return onderdelen
    onderdelen["database"] = {"status": "ok"}
    onderdelen["wachtrij"] = _wachtrij()
    if replica_ingesteld():
        onderdelen["replica"] = _replica()
    return onderdelen


def _replica() -> dict:
    """The read replica: a standby that keeps up. Not essential: without it the lists and
    reports read from the primary, so a replica that is down or lags does not make the app
    unready (`noodzakelijk: false`), but it is reported."""
    stand = replica_stand(vers=True)
    uit: dict = {"noodzakelijk": False}
    vertraging = None
    if stand.vertraging_seconden is not None:
        # Rounded up to a tenth: a lag over the limit never reads as at or under it.
        vertraging = float(
            Decimal(str(stand.vertraging_seconden)).quantize(Decimal("0.1"), ROUND_CEILING)
        )
        uit["vertraging_seconden"] = vertraging
    if not stand.bereikbaar:
        return {**uit, "status": "storing", "melding": stand.melding}
    if not stand.standby:
        return {**uit, "status": "storing", "melding": stand.melding}
    if stand.vertraging_seconden is None:
        return {**uit, "status": "onbekend", "melding": stand.melding}
    if stand.vertraging_seconden > settings.REPLICA_MAX_VERTRAGING:
        return {
            **uit,
            "status": "storing",
            "melding": f"Replica loopt {opmaak.getal(vertraging)} s achter "
            f"(grens {opmaak.getal(settings.REPLICA_MAX_VERTRAGING)} s); "
            "lezen op de primaire.",
        }
    return {**uit, "status": "ok"}


def _wachtrij() -> dict:
    from doorbraak.taken.selectors import wachtrijstand

    try:
        stand = wachtrijstand()
    except DatabaseError:
        return {"status": "storing", "melding": "Wachtrij niet leesbaar."}
    uit = {
        "wachtend": stand.wachtend,
        "oudste_wachtend_seconden": round(stand.oudste_wachtend_seconden or 0),
        "mislukt_zonder_pogingen": stand.dood,
    }
    if stand.hartslag_achter_seconden is None:
        return {**uit, "status": "storing", "melding": "Geen hartslag gepland (doorbraak migrate)."}
    if stand.hartslag_achter_seconden > settings.GEZONDHEID_HARTSLAG_GRENS:
        return {
            **uit,
            "status": "storing",
            "melding": f"Werker draait niet: hartslag {round(stand.hartslag_achter_seconden)} s "
            "achter.",
        }
    if (stand.oudste_wachtend_seconden or 0) > settings.GEZONDHEID_WACHTRIJ_GRENS:
        return {**uit, "status": "storing", "melding": "Achterstand in de wachtrij."}
    return {**uit, "status": "ok"}
