"""Amounts as Dutch readers expect them: € 1.234,56. One place, for pages, files and texts."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation


def decimaal(waarde: object, plaatsen: int = 2) -> str:
    """1234.5 → '1.234,50'."""
    tekst = f"{Decimal(str(waarde)):,.{plaatsen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def euro(bedrag: object) -> str:
    """€ 1.234,56; '—' for nothing; text that is no amount (e.g. '<5') stays as it is."""
    if bedrag is None or bedrag == "":
        return "—"
    try:
        return f"€ {decimaal(bedrag)}"
    except (InvalidOperation, ValueError):
        return str(bedrag)


# --- ages beside dates (issue 17: the dossier) ------------------------------------------------


def leeftijd(geboortedatum: date, op: date) -> int:
    """Whole years on `op` (a birthday on 29 February counts from 1 March in other years)."""
    eerder = (op.month, op.day) < (geboortedatum.month, geboortedatum.day)
    return op.year - geboortedatum.year - eerder


def relatief(datum: date | datetime, vandaag: date) -> str:
    """How far a date lies from today, in Dutch: 'vandaag', 'gisteren', 'over 3 dagen',
    '2 weken geleden', 'over 4 maanden', '2 jaar geleden' (in the active language)."""
    from django.utils.translation import gettext, ngettext

    if isinstance(datum, datetime):
        datum = datum.date()
    dagen = (datum - vandaag).days
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
