"""The hashes of the sealed log, pure Python: an entry's keyed digest, and a seal's HMAC over its
entries' digests and the previous seal's hash (a hash chain of batches).
"""

import hashlib
import hmac
import json
from collections.abc import Sequence
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
)
DIGEST_LENGTE = 32  # hex characters kept per entry in a seal (128 bits)


def _canoniek(waarde: object) -> object:
    if isinstance(waarde, datetime):
        return waarde.astimezone(UTC).isoformat(timespec="microseconds")
    if waarde is None:
        return None
    return str(waarde) if not isinstance(waarde, int) else waarde


def _hmac(sleutel: str, inhoud: object) -> str:
    bericht = json.dumps(inhoud, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(sleutel.encode(), bericht.encode(), hashlib.sha256).hexdigest()


def verwerking_digest(sleutel: str, entry: object) -> str:
    """The keyed digest of one entry's content (any object with the attributes in VELDEN)."""
    return _hmac(sleutel, {veld: _canoniek(getattr(entry, veld)) for veld in VELDEN})[
        :DIGEST_LENGTE
    ]


def regels_van(verwerkingen: str) -> list[tuple[int, str]]:
    """A seal's "volgnummer:digest" lines as pairs (empty or malformed lines raise ValueError)."""
    paren = []
    for regel in verwerkingen.split("\n") if verwerkingen else []:
        nummer, digest = regel.split(":", 1)
        paren.append((int(nummer), digest))
    return paren


def verwerkingen_tekst(paren: Sequence[tuple[int, str]]) -> str:
    return "\n".join(f"{nummer}:{digest}" for nummer, digest in paren)


def zegel_hash(
    sleutel: str,
    *,
    gemeente_id: object,
    nummer: int,
    eerste_volgnummer: int,
    laatste_volgnummer: int,
    totaal: int,
    verwerkingen: str,
    vorige_hash: str,
    sleutel_id: str,
    tijdstip: datetime,
) -> str:
    """The HMAC-SHA256 of one seal: its place in the chain, its entries and the previous hash."""
    return _hmac(
        sleutel,
        {
            "gemeente_id": _canoniek(gemeente_id),
            "nummer": nummer,
            "eerste_volgnummer": eerste_volgnummer,
            "laatste_volgnummer": laatste_volgnummer,
            "totaal": totaal,
            "verwerkingen": verwerkingen,
            "vorige_hash": vorige_hash,
            "sleutel_id": sleutel_id,
            "tijdstip": _canoniek(tijdstip),
        },
    )
