"""Bounds on what a caller may ask for: years, dates and report spans, and text without NUL.

One place for the limits, so the API (400 problem+json naming the field) and the web pages (a
message beside the field) refuse the same inputs. Plain Python: no Django import.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from doorbraak.fouten import Validatiefout

# Years and dates the software works with: budgets, reports, payments, evaluations.
JAAR_MIN, JAAR_MAX = 2000, 2100
DATUM_MIN, DATUM_MAX = date(JAAR_MIN, 1, 1), date(JAAR_MAX, 12, 31)
# The same bounds as a schema, for a query parameter in the OpenAPI document.
JAAR_SCHEMA = {"type": "integer", "minimum": JAAR_MIN, "maximum": JAAR_MAX}
# A report over a longer span is refused: its PDF would keep a worker busy for minutes.
MAX_PERIODE_JAREN = 10
# Free text a professional writes in one field (an aanleiding, a note, a situation): a page of
# text. The form, the API and the service refuse longer text, with the same message.
MAX_TEKST = 5000


def jaar(waarde: object, *, veld: str = "jaar") -> int:
    """A year as an int within JAAR_MIN..JAAR_MAX, from an int or a query-string value."""
    if isinstance(waarde, bool):
        waarde = None
    if isinstance(waarde, str):
        waarde = waarde.strip()
        getal = waarde.removeprefix("-")  # "-5" is a number too: out of range, not "no number"
        waarde = int(waarde) if getal.isascii() and getal.isdigit() and len(getal) < 12 else None
    if not isinstance(waarde, int):
        raise Validatiefout("Geef het jaar als getal, bijv. 2026.", veld=veld)
    if not JAAR_MIN <= waarde <= JAAR_MAX:
        raise Validatiefout(f"Geef een jaar tussen {JAAR_MIN} en {JAAR_MAX}.", veld=veld)
    return waarde


def datum(waarde: date | str, *, veld: str) -> date:
    """A date within DATUM_MIN..DATUM_MAX, from a date or an ISO string (JJJJ-MM-DD)."""
    if isinstance(waarde, str):
        try:
            waarde = date.fromisoformat(waarde.strip()) if waarde.isascii() else None
        except ValueError:
            waarde = None
        if waarde is None:
            raise Validatiefout("Geef een datum als JJJJ-MM-DD.", veld=veld)
    if not DATUM_MIN <= waarde <= DATUM_MAX:
        raise Validatiefout(
            f"Geef een datum tussen {DATUM_MIN:%d-%m-%Y} en {DATUM_MAX:%d-%m-%Y}.", veld=veld
        )
    return waarde


def periode(van: date, tot: date) -> tuple[date, date]:
    """A report span: both ends within bounds, the end not before the start, at most
    MAX_PERIODE_JAREN long."""
    van, tot = datum(van, veld="van"), datum(tot, veld="tot")
    if van > tot:
        raise Validatiefout("De einddatum ligt voor de begindatum.", veld="tot")
    try:
        grens = van.replace(year=van.year + MAX_PERIODE_JAREN)
    except ValueError:  # 29 February
        grens = date(van.year + MAX_PERIODE_JAREN, 3, 1)
    if tot >= grens:
        raise Validatiefout(
            f"Een periode beslaat hoogstens {MAX_PERIODE_JAREN} jaar; kies een latere begindatum "
            "of een eerdere einddatum.",
            veld="van",
        )
    return van, tot


def kenmerk(waarde: str | None, *, veld: str) -> UUID | None:
    """An optional id filter: empty means no filter; anything but a UUID is refused."""
    if waarde is None or waarde == "":
        return None
    try:
        return UUID(waarde)
    except (ValueError, AttributeError, TypeError):
        raise Validatiefout("Geef een geldig kenmerk (UUID).", veld=veld) from None


def zonder_nul(tekst: str, *, veld: str) -> str:
    """PostgreSQL cannot store a NUL character in text: refuse it with the field's name."""
    if "\x00" in tekst:
        raise Validatiefout("Tekst mag geen NUL-teken (\\u0000) bevatten.", veld=veld)
    return tekst


def te_lange_tekst(maximum: int = MAX_TEKST) -> str:
    """The one message for text over its bound (form, API and service say the same)."""
    return f"Maak de tekst korter: hoogstens {maximum:,} tekens.".replace(",", ".")


def tekst(waarde: str, *, veld: str, maximum: int = MAX_TEKST) -> str:
    """Free text within its bound; longer text is refused with the field's name."""
    if len(waarde) > maximum:
        raise Validatiefout(te_lange_tekst(maximum), veld=veld)
    return waarde
