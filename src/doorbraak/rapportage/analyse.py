"""The knelpuntenanalyse and the evaluation as plain aggregations over rows. No Django: the
selectors fetch the rows, these functions count, so the rules are property-testable."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import mean


def kwartaal(datum: date) -> str:
    return f"{datum.year}-K{(datum.month - 1) // 3 + 1}"


# --- knelpunten -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Blokkade:
    """One obstacle met by one household: from a plan's knelpunt or a rules check."""

    huishouden: str  # an id, only to count distinct households
    regeling: str
    artikel: str
    datum: date
    herkomst: str  # "plan" or "regelcheck"
    omschrijving: str = ""  # already pseudonymised


@dataclass
class Knelpuntgroep:
    regeling: str
    artikel: str
    aantal: int = 0  # obstacles
    huishoudens: set[str] = field(default_factory=set)
    per_kwartaal: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    herkomst: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    voorbeelden: list[str] = field(default_factory=list)


def knelpuntenanalyse(
    blokkades: Iterable[Blokkade], *, max_voorbeelden: int = 3
) -> list[Knelpuntgroep]:
    """Group by regeling and article; most households first, then most obstacles."""
    groepen: dict[tuple[str, str], Knelpuntgroep] = {}
    for b in blokkades:
        sleutel = (b.regeling.strip() or "onbekend", b.artikel.strip())
        g = groepen.setdefault(sleutel, Knelpuntgroep(*sleutel))
        g.aantal += 1
        g.huishoudens.add(b.huishouden)
        g.per_kwartaal[kwartaal(b.datum)].add(b.huishouden)
        g.herkomst[b.herkomst] += 1
        if (
            b.omschrijving
            and len(g.voorbeelden) < max_voorbeelden
            and (b.omschrijving not in g.voorbeelden)
        ):
            g.voorbeelden.append(b.omschrijving)
    return sorted(
        groepen.values(), key=lambda g: (-len(g.huishoudens), -g.aantal, g.regeling, g.artikel)
    )


def kwartalen(van: date, tot: date) -> list[str]:
    uit, jaar, k = [], van.year, (van.month - 1) // 3 + 1
    while (jaar, k) <= (tot.year, (tot.month - 1) // 3 + 1):
        uit.append(f"{jaar}-K{k}")
        jaar, k = (jaar + 1, 1) if k == 4 else (jaar, k + 1)
    return uit


# --- evaluatie ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scoreverloop:
    huishouden: str
    leefgebied: str
    eerste: int
    laatste: int


@dataclass(frozen=True)
class Domeinverandering:
    leefgebied: str
    huishoudens: int
    gemiddeld_eerste: Decimal
    gemiddeld_laatste: Decimal
    gemiddelde_verandering: Decimal
    verbeterd: int
    gelijk: int
    verslechterd: int


def _d(waarde: float) -> Decimal:
    return Decimal(str(round(waarde, 2))).quantize(Decimal("0.01"))


def domeinveranderingen(verlopen: Sequence[Scoreverloop]) -> list[Domeinverandering]:
    """Per life domain, over the households with at least two measurements of it."""
    per: dict[str, list[Scoreverloop]] = defaultdict(list)
    for v in verlopen:
        per[v.leefgebied].append(v)
    uit = []
    for leefgebied, rijen in sorted(per.items()):
        uit.append(
            Domeinverandering(
                leefgebied=leefgebied,
                huishoudens=len({r.huishouden for r in rijen}),
                gemiddeld_eerste=_d(mean(r.eerste for r in rijen)),
                gemiddeld_laatste=_d(mean(r.laatste for r in rijen)),
                gemiddelde_verandering=_d(mean(r.laatste - r.eerste for r in rijen)),
                verbeterd=sum(1 for r in rijen if r.laatste > r.eerste),
                gelijk=sum(1 for r in rijen if r.laatste == r.eerste),
                verslechterd=sum(1 for r in rijen if r.laatste < r.eerste),
            )
        )
    return uit
