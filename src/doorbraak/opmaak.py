"""How numbers, amounts, percentages and dates look for Dutch readers — one place, for pages,
PDFs, files and texts (timeline entries, messages). Templates use these through the filters of
`web/templatetags/velden.py` (`|euro`, `|getal`, `|procent`, `|datum`, `|datumtijd`,
`|dagdatum`, `|maand`); no ad-hoc `floatformat` or `date` formats in templates.

- amounts: € 1.234,56 (ROUND_HALF_UP, explicit);
- numbers: 1.234,5 — thousands with a dot, decimals with a comma;
- percentages: 2,25% from a fraction (0.0225);
- dates: one style, dd-mm-jjjj (28-11-2026), with the time as 28-11-2026 14:05 and the weekday
  in front where a meeting day matters (dinsdag 01-12-2026); a month as "november 2026".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from types import MappingProxyType

LEEG = "—"


def decimaal(waarde: object, plaatsen: int = 2) -> str:
    """1234.5 → '1.234,50'."""
    getal_ = Decimal(str(waarde)).quantize(Decimal(1).scaleb(-plaatsen), rounding=ROUND_HALF_UP)
    tekst = f"{getal_:,.{plaatsen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def euro(bedrag: object) -> str:
    """€ 1.234,56; '—' for nothing; text that is no amount (e.g. '<5') stays as it is."""
    if bedrag is None or bedrag == "":
        return LEEG
    try:
        return f"€ {decimaal(bedrag)}"
    except (InvalidOperation, ValueError):
        return str(bedrag)


def getal(waarde: object, plaatsen: int | None = None) -> str:
    """A number the Dutch way: 1.234 for a whole number, 1.234,5 otherwise (at most `plaatsen`
    decimals, 2 by default, trailing zeros dropped); with `plaatsen` given, exactly that many."""
    if waarde is None or waarde == "":
        return LEEG
    try:
        d = Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        return str(waarde)
    if plaatsen is not None:
        return decimaal(d, plaatsen)
    tekst = decimaal(d, 2)
    return tekst.rstrip("0").rstrip(",") if "," in tekst else tekst


def procent(fractie: object, plaatsen: int | None = None) -> str:
    """0.0225 → '2,25%'; 0.5 → '50%'."""
    if fractie is None or fractie == "":
        return LEEG
    try:
        d = Decimal(str(fractie)) * 100
    except (InvalidOperation, ValueError):
        return str(fractie)
    return f"{getal(d, plaatsen)}%"


def _lokaal(waarde: date | datetime | str) -> date | datetime:
    if isinstance(waarde, str):  # ISO 8601 text, e.g. from a data file or a JSON field
        waarde = date.fromisoformat(waarde) if len(waarde) == 10 else datetime.fromisoformat(waarde)
    if isinstance(waarde, datetime) and waarde.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(waarde)
    return waarde


def datum(waarde: date | datetime | None) -> str:
    """28-11-2026; a moment in the local time zone."""
    if waarde is None or waarde == "":
        return LEEG
    return f"{_lokaal(waarde):%d-%m-%Y}"


def datumtijd(waarde: datetime | None, seconden: bool = False) -> str:
    """28-11-2026 14:05 in the local time zone (with seconds for a log: 14:05:09)."""
    if waarde is None or waarde == "":
        return LEEG
    return (
        f"{_lokaal(waarde):%d-%m-%Y %H:%M:%S}" if seconden else f"{_lokaal(waarde):%d-%m-%Y %H:%M}"
    )


def tijd(waarde: datetime | None) -> str:
    """14:05."""
    if waarde is None or waarde == "":
        return LEEG
    return f"{_lokaal(waarde):%H:%M}"


def dagdatum(waarde: date | datetime | None) -> str:
    """dinsdag 01-12-2026: the weekday in the active language, then the date."""
    if waarde is None or waarde == "":
        return LEEG
    from django.utils.dates import WEEKDAYS

    waarde = _lokaal(waarde)
    return f"{WEEKDAYS[waarde.weekday()]} {waarde:%d-%m-%Y}"


def maand(waarde: date | datetime | None) -> str:
    """november 2026: a month, in the active language."""
    if waarde is None or waarde == "":
        return LEEG
    from django.utils.dates import MONTHS

    waarde = _lokaal(waarde)
    return f"{MONTHS[waarde.month]} {waarde.year}"


def uit_iso(tekst: object) -> str:
    """A date or moment stored as ISO 8601 text (an export, a JSON field) in the house style;
    any other text stays as it is."""
    if not isinstance(tekst, str) or not 10 <= len(tekst) <= 32 or tekst[4:5] != "-":
        return "" if tekst is None else str(tekst)
    try:
        if len(tekst) == 10:
            return datum(date.fromisoformat(tekst))
        return datumtijd(datetime.fromisoformat(tekst))
    except ValueError:
        return tekst


# --- ages beside dates (issue 17: the dossier) ------------------------------------------------


def leeftijd(geboortedatum: date, op: date) -> int:
    """Whole years on `op` (a birthday on 29 February counts from 1 March in other years)."""
    eerder = (op.month, op.day) < (geboortedatum.month, geboortedatum.day)
    return op.year - geboortedatum.year - eerder


def relatief(datum: date | datetime, vandaag: date) -> str:
    """How far a date lies from today, in Dutch: 'vandaag', 'gisteren', 'over 3 dagen',
    '2 weken geleden', 'over 4 maanden', '2 jaar geleden' (in the active language)."""
    from django.utils.translation import get_language

    if isinstance(datum, datetime):
        datum = datum.date()
    return _relatief((datum - vandaag).days, get_language())


@lru_cache(maxsize=4096)  # a few thousand distances × languages; a list page shows 20 ages
def _relatief(dagen: int, taal: str | None) -> str:
    """The words for a distance of `dagen` days in `taal` (the active language, passed so that
    it is part of the key): worked out once per process, not per row of every page."""
    from django.utils.translation import gettext, ngettext

    if dagen == 0:
        return gettext("vandaag")
    if dagen == -1:
        return gettext("gisteren")
    if dagen == 1:
        return gettext("morgen")
    n = abs(dagen)
    if n < 14:
        aantal, tekst = n, ngettext("%(n)d dag", "%(n)d dagen", n)
    elif n < 61:
        aantal = n // 7
        tekst = ngettext("%(n)d week", "%(n)d weken", aantal)
    elif n < 365:
        aantal = n // 30
        tekst = ngettext("%(n)d maand", "%(n)d maanden", aantal)
    else:
        aantal = n // 365
        tekst = ngettext("%(n)d jaar", "%(n)d jaar", aantal)
    duur = tekst % {"n": aantal}
    if dagen < 0:
        return gettext("%(duur)s geleden") % {"duur": duur}
    return gettext("over %(duur)s") % {"duur": duur}


def labels(keuzes: list[tuple[str, object]]) -> dict[str, str]:
    """Choices (`Urgentie.choices`) as value → label in the active language, translated once: for
    a page that shows many of them (a lazy label is translated again at every use)."""
    return {code: str(label) for code, label in keuzes}


def labels_van(klasse: type) -> Mapping[str, str]:
    """`labels` of a choices class (`Urgentie`), kept per process and language: a page that
    shows the same few labels on every request (the worklist's statuses and urgencies) does
    not translate them again each time. Read-only: the mapping is shared."""
    from django.utils.translation import get_language

    return _labels_in(klasse, get_language())


@lru_cache(maxsize=128)  # a few choices classes × languages
def _labels_in(klasse: type, taal: str | None) -> Mapping[str, str]:
    """The labels in `taal`, the active language (passed so that each language is kept apart)."""
    return MappingProxyType(labels(klasse.choices))


def keuze(keuzes: type, waarde: object) -> str:
    """A stored choice (a value of a Django TextChoices class) as its label in the site's
    language, lower case, for inside a sentence that is stored (timeline, log, task text):
    `keuze(Urgentie, "crisis")` → "crisis", `keuze(Vorm, "om_niet")` → "om niet". A value the
    class does not know stays as it is."""
    from django.conf import settings
    from django.utils import translation

    try:
        label = keuzes(waarde).label
    except ValueError:
        return str(waarde)
    with translation.override(settings.LANGUAGE_CODE):
        return str(label).lower()
