"""Change over time: the first and latest score per life domain, from a case's measurements."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol


class ScoreRegel(Protocol):
    datum: date
    domein: str
    naam: str
    score: int


@dataclass(frozen=True)
class Verloop:
    domein: str
    naam: str
    eerste: int
    eerste_datum: date
    laatste: int
    laatste_datum: date

    @property
    def verschil(self) -> int:
        return self.laatste - self.eerste


def domeinverloop(regels: Iterable[ScoreRegel]) -> list[Verloop]:
    """Per domain, the earliest and latest score (measurements in chronological order)."""
    eerste: dict[str, ScoreRegel] = {}
    laatste: dict[str, ScoreRegel] = {}
    for regel in regels:
        eerste.setdefault(regel.domein, regel)
        laatste[regel.domein] = regel
    return [
        Verloop(d, r.naam, r.score, r.datum, laatste[d].score, laatste[d].datum)
        for d, r in eerste.items()
    ]
