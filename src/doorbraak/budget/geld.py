"""Money is exact: Decimal euros with two places in the domain, integer cents in the ledger."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def euro(bedrag: Decimal | int | str) -> Decimal:
    """Two places, rounded half up (explicit, per line). Floats are refused."""
    if isinstance(bedrag, float):
        raise TypeError("Geldbedragen nooit als float.")
    return Decimal(bedrag).quantize(CENT, rounding=ROUND_HALF_UP)


def naar_centen(bedrag: Decimal | int | str) -> int:
    return int(euro(bedrag) * 100)


def uit_centen(centen: int | None) -> Decimal:
    return (Decimal(centen or 0) / 100).quantize(CENT)
