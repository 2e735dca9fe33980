"""Privacy in reports: small cells suppressed, free text pseudonymised. Plain Python.

A cell that describes fewer than `DREMPEL` households could point at one family in a small
gemeente, so every format shows "<5" instead of the number (and the sums built from it stay
correct because suppression happens only at presentation).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DREMPEL = 5
ONDERDRUKT = "<5"

_BSN = re.compile(r"\b\d{9}\b")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2}\b")
_IBAN = re.compile(r"\bNL\d{2}[A-Z]{4}\d{10}\b", re.IGNORECASE)
_TELEFOON = re.compile(r"\b0\d{1,3}[- ]?\d{6,8}\b")
_EMAIL = re.compile(r"\b\S+@\S+\.\w+\b")


def onderdrukt(aantal_huishoudens: int) -> bool:
    return 0 < aantal_huishoudens < DREMPEL


def toon(waarde: object, aantal_huishoudens: int) -> object:
    """The value, or "<5" when it describes fewer than five households (zero stays zero)."""
    return ONDERDRUKT if onderdrukt(aantal_huishoudens) else waarde


def pseudonimiseer(tekst: str, namen: Iterable[str] = ()) -> str:
    """Replace the household's known names and anything that identifies a person by a tag."""
    uit = _BSN.sub("[BSN]", tekst)
    uit = _IBAN.sub("[IBAN]", uit)
    uit = _POSTCODE.sub("[postcode]", uit)
    uit = _EMAIL.sub("[e-mail]", uit)
    uit = _TELEFOON.sub("[telefoon]", uit)
    # Longest first, so "van der Heijden" goes before "Heijden".
    for naam in sorted(
        {n.strip() for n in namen if n and len(n.strip()) > 1}, key=len, reverse=True
    ):
        uit = re.sub(rf"\b{re.escape(naam)}\b", "[naam]", uit, flags=re.IGNORECASE)
    return uit
