"""The hash of one log entry: HMAC-SHA256 over its canonical content and the previous hash."""

import hashlib
import hmac
import json
from datetime import UTC, datetime

VELDEN = (
    "gemeente_id",
    "volgnummer",
    "tijdstip",
    "actor",
    "huishouden_id",
    "casus_id",
    "handeling",
    "object_type",
    "object_id",
    "activiteit",
    "omschrijving",
    "request_id",
    "vorige_hash",
)


def _canoniek(waarde: object) -> object:
    if isinstance(waarde, datetime):
        return waarde.astimezone(UTC).isoformat(timespec="microseconds")
    if waarde is None:
        return None
    return str(waarde) if not isinstance(waarde, int) else waarde


def bereken_hash(sleutel: str, entry: object) -> str:
    inhoud = {veld: _canoniek(getattr(entry, veld)) for veld in VELDEN}
    bericht = json.dumps(inhoud, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(sleutel.encode(), bericht.encode(), hashlib.sha256).hexdigest()
