"""Change over time: the first and latest score per life domain, from a case's measurements."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol


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


@dataclass(frozen=True)
class _Regel:
    datum: date
    domein: str
    naam: str
    score: int


def scoreregels(metingen: Iterable[Any]) -> list[ScoreRegel]:
    """Flatten prefetched measurements (with `scores` and their `leefgebied`) into score lines."""
    return [
        _Regel(m.datum, s.leefgebied.code, s.leefgebied.naam, s.score)
        for m in metingen
        for s in m.scores.all()
    ]


def totale_jaarkosten(hulpverleners: Iterable[Any]) -> Decimal:
    """What the helpers around a household cost per year, as far as estimated."""
    return sum((h.geschatte_jaarkosten or Decimal("0") for h in hulpverleners), Decimal("0.00"))


def per_meting(metingen: Sequence[Any], scores: Iterable[Any]) -> list[tuple[Any, Any]]:
    """(measurement, score) for the scores (rows of `selectors.domeinscores_van`) of
    `metingen` (rows with `pk`), measurement by measurement in the measurements' order."""
    plaats = {m.pk: i for i, m in enumerate(metingen)}
    return [(metingen[i], s) for i, s in _op_volgorde(plaats, scores)]


def _op_volgorde(plaats: dict, scores: Iterable[Any]) -> list[tuple[int, Any]]:
    return sorted(((plaats[s.meting_id], s) for s in scores), key=lambda p: p[0])


def scoreregels_uit_rijen(metingen: Sequence[Any], scores: Iterable[Any]) -> list[ScoreRegel]:
    """`scoreregels` of measurements and scores read as rows (the dossier page)."""
    return [
        _Regel(m.datum, s.leefgebied__code, s.leefgebied__naam, s.score)
        for m, s in per_meting(metingen, scores)
    ]


def scoretabel(metingen: Sequence[Any], scores: Iterable[Any]) -> list[dict]:
    """Every measurement per life domain (the table beside the trend): per domain its name and
    one score per measurement (None where not measured), and the change from first to last.
    Domains in the gemeente's order; measurements and scores read as rows (`pk`, `datum`;
    `selectors.domeinscores_van`)."""
    rijen: dict[str, dict] = {}
    for i, s in _op_volgorde({m.pk: i for i, m in enumerate(metingen)}, scores):
        rij = rijen.setdefault(
            s.leefgebied__code,
            {
                "domein": s.leefgebied__code,
                "naam": s.leefgebied__naam,
                "volgorde": s.leefgebied__volgorde,
                "scores": [None] * len(metingen),
            },
        )
        rij["scores"][i] = s.score
    for rij in rijen.values():
        gemeten = [s for s in rij["scores"] if s is not None]
        rij["verschil"] = gemeten[-1] - gemeten[0]
    return sorted(rijen.values(), key=lambda r: (r["volgorde"], r["naam"]))
