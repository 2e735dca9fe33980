"""What /gezondheid checks: the database answers, and the background queue is being worked
(the worker's heartbeat schedule moves on, nothing waits too long)."""

from django.conf import settings
from django.db import DatabaseError, connection


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
    return onderdelen


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
