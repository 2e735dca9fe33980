"""A loan's schedule and its arrears (plain Python, Decimal)."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

MAXIMAAL_TERMIJNEN = 120  # ten years of monthly instalments


def aantal_termijnen(hoofdsom: Decimal, termijnbedrag: Decimal) -> int:
    return int((hoofdsom / termijnbedrag).to_integral_value(ROUND_CEILING))


@dataclass(frozen=True)
class Termijn:
    nummer: int
    vervaldatum: date
    bedrag: Decimal


def _plus_maanden(d: date, maanden: int) -> date:
    jaar, maand = divmod(d.month - 1 + maanden, 12)
    dag = min(d.day, 28)  # a due date that exists in every month
    return date(d.year + jaar, maand + 1, dag)


def schema(*, hoofdsom: Decimal, termijnbedrag: Decimal, startdatum: date) -> list[Termijn]:
    """Monthly instalments of termijnbedrag; the last one is the remainder. Sums to hoofdsom."""
    if termijnbedrag <= 0 or hoofdsom <= 0:
        return []
    if aantal_termijnen(hoofdsom, termijnbedrag) > MAXIMAAL_TERMIJNEN:
        raise ValueError(f"Meer dan {MAXIMAAL_TERMIJNEN} termijnen.")
    termijnen, rest, nummer = [], hoofdsom, 0
    while rest > 0:
        bedrag = min(termijnbedrag, rest)
        termijnen.append(Termijn(nummer + 1, _plus_maanden(startdatum, nummer), bedrag))
        rest -= bedrag
        nummer += 1
    return termijnen


def verschuldigd_op(termijnen: list[Termijn], peildatum: date) -> Decimal:
    return sum((t.bedrag for t in termijnen if t.vervaldatum <= peildatum), Decimal("0.00"))


def achterstand(termijnen: list[Termijn], *, afgelost: Decimal, peildatum: date) -> Decimal:
    """What should have been repaid by the peildatum and was not (never negative)."""
    return max(verschuldigd_op(termijnen, peildatum) - afgelost, Decimal("0.00"))
