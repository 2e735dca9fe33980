"""Draagkracht: can the household carry a loan, and what monthly repayment? (plain Python)

Monthly income minus fixed costs, less the norm the household keeps for living (a configurable
norm with validity dates), is the room for repayment. A loan is responsible when that room
repays the amount within the norm's maximum term at no less than its minimum instalment.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from doorbraak.opmaak import euro, procent

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Norm:
    geldig_van: date
    geldig_tot: date | None
    leefgeld: Decimal  # what the household keeps each month, above its fixed costs
    aflosdeel: Decimal  # share of the room above the norm used for repayment, 0..1
    minimale_termijn: Decimal
    maximale_looptijd_maanden: int

    def geldig_op(self, peildatum: date) -> bool:
        return self.geldig_van <= peildatum and (
            self.geldig_tot is None or peildatum <= self.geldig_tot
        )


@dataclass(frozen=True)
class Draagkracht:
    ruimte: Decimal  # per month, may be negative
    lening_verantwoord: bool
    termijnbedrag: Decimal | None
    aantal_termijnen: int | None
    toelichting: str


def kies_norm(normen: list[Norm], peildatum: date) -> Norm | None:
    geldig = [n for n in normen if n.geldig_op(peildatum)]
    return max(geldig, key=lambda n: n.geldig_van) if geldig else None


def bereken(
    *, maandinkomen: Decimal, vaste_lasten: Decimal, bedrag: Decimal, norm: Norm
) -> Draagkracht:
    for waarde in (maandinkomen, vaste_lasten, bedrag):
        if not isinstance(waarde, Decimal):
            raise TypeError("Draagkracht rekent alleen met Decimal.")
    ruimte = (maandinkomen - vaste_lasten - norm.leefgeld).quantize(CENT, ROUND_HALF_UP)
    aflosruimte = (max(ruimte, Decimal(0)) * norm.aflosdeel).quantize(CENT, ROUND_HALF_UP)
    # How the room was found, so the professional can explain it to the household.
    grondslag = (
        f" (inkomen min vaste lasten min het leefgeld van {euro(norm.leefgeld)} is "
        f"{euro(ruimte)}; daarvan {procent(norm.aflosdeel)} voor aflossing)"
    )
    if aflosruimte < norm.minimale_termijn or bedrag <= 0:
        return Draagkracht(
            ruimte,
            False,
            None,
            None,
            f"Aflosruimte {euro(aflosruimte)} per maand{grondslag} ligt onder de minimale "
            f"termijn {euro(norm.minimale_termijn)}: een lening is niet verantwoord.",
        )
    termijnen = int((bedrag / aflosruimte).to_integral_value(ROUND_CEILING))
    if termijnen > norm.maximale_looptijd_maanden:
        return Draagkracht(
            ruimte,
            False,
            None,
            None,
            f"Met {euro(aflosruimte)} per maand{grondslag} duurt aflossen {termijnen} maanden, "
            f"langer dan {norm.maximale_looptijd_maanden}: een lening is niet verantwoord.",
        )
    termijn = max((bedrag / termijnen).quantize(CENT, ROUND_CEILING), norm.minimale_termijn)
    termijn = min(termijn, bedrag)
    termijnen = int((bedrag / termijn).to_integral_value(ROUND_CEILING))
    return Draagkracht(
        ruimte,
        True,
        termijn,
        termijnen,
        f"Aflosruimte {euro(aflosruimte)} per maand{grondslag}: lening verantwoord, "
        f"{termijnen} termijnen van {euro(termijn)}.",
    )
