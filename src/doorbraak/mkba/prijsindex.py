"""The consumer price index (CPI) series shipped as data, to bring amounts to one price level.

Plain Python (no Django).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

import yaml

CENT = Decimal("0.01")
PAD = Path(__file__).resolve().parent / "data" / "prijsindex.yaml"


class PrijsjaarOnbekend(ValueError):
    """The price index has no figure for this year."""


@dataclass(frozen=True)
class Prijsindex:
    naam: str
    bron_titel: str
    bron_url: str
    reeks: dict[int, Decimal]

    @property
    def eerste_jaar(self) -> int:
        return min(self.reeks)

    @property
    def laatste_jaar(self) -> int:
        return max(self.reeks)

    def kent(self, jaar: int) -> bool:
        return jaar in self.reeks

    def factor(self, van: int, naar: int) -> Decimal:
        """How many euros of `naar` one euro of `van` is worth."""
        for jaar in (van, naar):
            if jaar not in self.reeks:
                raise PrijsjaarOnbekend(
                    f"Geen prijsindex voor {jaar}; de reeks loopt van {self.eerste_jaar} tot "
                    f"en met {self.laatste_jaar}."
                )
        return self.reeks[naar] / self.reeks[van]

    def indexeer(self, bedrag: Decimal, van: int, naar: int) -> Decimal:
        """The amount of year `van` in euros of year `naar`, rounded half up to the cent."""
        self.factor(van, naar)  # both years must be known
        return (bedrag * self.reeks[naar] / self.reeks[van]).quantize(CENT, ROUND_HALF_UP)


def uit_gegevens(gegevens: dict) -> Prijsindex:
    reeks: dict[int, Decimal] = {}
    for rij in gegevens["reeks"]:
        jaar, index = int(rij["jaar"]), Decimal(str(rij["index"]))
        if index <= 0:
            raise ValueError(f"De prijsindex van {jaar} moet positief zijn.")
        if jaar in reeks:
            raise ValueError(f"Het jaar {jaar} staat twee keer in de prijsindex.")
        reeks[jaar] = index
    jaren = sorted(reeks)
    if jaren != list(range(jaren[0], jaren[-1] + 1)):
        raise ValueError("De prijsindex moet een aaneengesloten reeks jaren zijn.")
    return Prijsindex(
        naam=gegevens["naam"],
        bron_titel=gegevens["bron"]["titel"],
        bron_url=gegevens["bron"].get("url", ""),
        reeks=reeks,
    )


@lru_cache(maxsize=1)
def standaard() -> Prijsindex:
    """The shipped CPI series (read once per process)."""
    with PAD.open(encoding="utf-8") as f:
        return uit_gegevens(yaml.safe_load(f))
