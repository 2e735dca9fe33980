"""Amounts as Dutch readers expect them: € 1.234,56. One place, for pages, files and texts."""

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
