"""Defaults that learn: the chance of a key event (e.g. "uithuiszetting") from the follow-ups.

Plain Python (no Django). A beta-binomial shrinkage estimate: the prior from the settings
(`instellingen.yaml`, `standaardkansen`) counts as `gewicht` pseudo-follow-ups with chance
`kans`; each real follow-up that says yes or no adds one observation. The estimate is the
posterior mean

    (kans x gewicht + gebeurd) / (gewicht + nametingen)

rounded half up to two decimals. It becomes a default only from `minimum` follow-ups on; below
that there is no default and the professional enters the chance. A default only fills an empty
form: it never replaces what a professional entered.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HONDERDSTE = Decimal("0.01")
SCENARIO_HUIDIG = "huidig_pad"
SCENARIO_DOORBRAAK = "doorbraak"


@dataclass(frozen=True)
class Prior:
    """A beta prior written as its mean and its weight in pseudo-follow-ups."""

    kans: Decimal
    gewicht: Decimal

    def __post_init__(self) -> None:
        if not Decimal(0) < self.kans < Decimal(1):
            raise ValueError("de kans van de prior ligt tussen 0 en 1")
        if self.gewicht <= 0:
            raise ValueError("het gewicht van de prior is positief")


@dataclass(frozen=True)
class Standaardkans:
    kans: Decimal  # the estimate (two decimals)
    gebeurd: int  # follow-ups in which the event happened
    nametingen: int  # follow-ups that said yes or no
    bruikbaar: bool  # enough follow-ups to be offered as a default

    @property
    def toelichting(self) -> str:
        return f"gebaseerd op {self.nametingen} nametingen ({self.gebeurd} keer gebeurd)"


def normaliseer(gebeurtenis: str) -> str:
    """'  Uithuiszetting ' and 'uithuiszetting' are the same key event."""
    return " ".join(gebeurtenis.split()).lower()


def schatting(prior: Prior, *, gebeurd: int, nametingen: int, minimum: int) -> Standaardkans:
    """The shrinkage estimate of the chance after `nametingen` follow-ups, `gebeurd` of them yes."""
    if nametingen < 0 or not 0 <= gebeurd <= nametingen:
        raise ValueError("gebeurd ligt tussen 0 en het aantal nametingen")
    if minimum < 1:
        raise ValueError("het minimum is ten minste één nameting")
    teller = prior.kans * prior.gewicht + gebeurd
    noemer = prior.gewicht + nametingen
    kans = (teller / noemer).quantize(HONDERDSTE, ROUND_HALF_UP)
    return Standaardkans(
        kans=kans, gebeurd=gebeurd, nametingen=nametingen, bruikbaar=nametingen >= minimum
    )


def standaarden(
    waarnemingen: dict[tuple[str, str], tuple[int, int]], prior: Prior, *, minimum: int
) -> dict[tuple[str, str], Standaardkans]:
    """Per (key event, scenario) with (gebeurd, nametingen): the usable defaults only."""
    uit = {}
    for sleutel, (gebeurd, nametingen) in waarnemingen.items():
        s = schatting(prior, gebeurd=gebeurd, nametingen=nametingen, minimum=minimum)
        if s.bruikbaar:
            uit[sleutel] = s
    return uit
