"""How alike two situations are, why, and when a request differs strongly from its precedents.

Pure Python (no Django): the selectors fetch candidates (through the database's full-text and
trigram indexes where there are any) and this module ranks them. The ranking is structured
similarity (the same blocking articles, overlapping life domains with low scores, the same
doelgroep, the same amount band) plus the text score the database or the fallback gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

#: Upper bounds of the amount bands (euro); above the last: the top band.
BEDRAGGRENZEN: tuple[int, ...] = (500, 1500, 3000, 6000)

#: A domain with this score or lower counts as "stuck" (1 acute, 2 niet zelfredzaam).
LAGE_SCORE = 2

#: Weights of the parts of the score; the text score is already 0..1.
GEWICHT_ARTIKEL = 3.0
GEWICHT_DOMEIN = 1.0
GEWICHT_DOELGROEP = 1.0
GEWICHT_BEDRAGBAND = 0.5
GEWICHT_TEKST = 4.0

#: "Far above": more than this many times the median of the similar grants.
VEELVOUD_VER_BOVEN = Decimal("2")

#: Only precedents at least this similar count for the deviation signal.
DREMPEL_SIGNAAL = 2.0

_WOORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def bedragband(bedrag: Decimal | None) -> int | None:
    """0 for up to €500, 1 up to €1,500, 2 up to €3,000, 3 up to €6,000, 4 above."""
    if bedrag is None:
        return None
    for band, grens in enumerate(BEDRAGGRENZEN):
        if bedrag <= grens:
            return band
    return len(BEDRAGGRENZEN)


def bandnaam(band: int | None) -> str:
    if band is None:
        return "onbekend"
    if band == 0:
        return f"tot € {BEDRAGGRENZEN[0]:,}".replace(",", ".")
    if band >= len(BEDRAGGRENZEN):
        return f"boven € {BEDRAGGRENZEN[-1]:,}".replace(",", ".")
    laag, hoog = BEDRAGGRENZEN[band - 1], BEDRAGGRENZEN[band]
    return f"€ {laag:,} – € {hoog:,}".replace(",", ".")


def artikelsleutel(regeling: str, artikel: str) -> str:
    """'PW', 'art. 18 lid 4' → 'PW 18 lid 4': one key for one article, however it was typed."""
    regeling = regeling.strip().upper()
    artikel = re.sub(r"(?i)^\s*(art(ikel)?\.?)\s*", "", artikel.strip())
    artikel = re.sub(r"\s+", " ", artikel).lower()
    return f"{regeling} {artikel}".strip()


def woorden(tekst: str) -> frozenset[str]:
    """The words of a text for the fallback text score (lower case, three letters or more)."""
    return frozenset(w.casefold() for w in _WOORD.findall(tekst or ""))


def woordscore(vraag: frozenset[str], tekst: frozenset[str]) -> float:
    """0..1: the share of the question's words that the text contains (the SQLite fallback)."""
    if not vraag:
        return 0.0
    return len(vraag & tekst) / len(vraag)


@dataclass(frozen=True)
class Situatie:
    """What is known about one situation, as compared."""

    artikelen: frozenset[str] = frozenset()
    lage_domeinen: frozenset[str] = frozenset()
    doelgroep: str = ""
    band: int | None = None


@dataclass(frozen=True)
class Gelijkenis:
    score: float
    redenen: tuple[str, ...]

    @property
    def waarom(self) -> str:
        """The "waarom vergelijkbaar" line."""
        return "; ".join(self.redenen) if self.redenen else "Alleen in grote lijnen vergelijkbaar."


def vergelijk(
    vraag: Situatie,
    precedent: Situatie,
    *,
    tekstscore: float = 0.0,
    domeinnamen: dict[str, str] | None = None,
) -> Gelijkenis:
    """The similarity of a precedent to the situation asked about, with the reasons."""
    namen = domeinnamen or {}
    redenen: list[str] = []
    score = 0.0
    artikelen = sorted(vraag.artikelen & precedent.artikelen)
    if artikelen:
        score += GEWICHT_ARTIKEL * len(artikelen)
        redenen.append("zelfde knelpunt: " + ", ".join(artikelen))
    domeinen = sorted(vraag.lage_domeinen & precedent.lage_domeinen)
    if domeinen:
        score += GEWICHT_DOMEIN * len(domeinen)
        redenen.append("ook vast op " + ", ".join(namen.get(d, d) for d in domeinen))
    if vraag.doelgroep and vraag.doelgroep == precedent.doelgroep:
        score += GEWICHT_DOELGROEP
        redenen.append("zelfde doelgroep")
    if vraag.band is not None and vraag.band == precedent.band:
        score += GEWICHT_BEDRAGBAND
        redenen.append(f"bedrag in dezelfde orde ({bandnaam(vraag.band)})")
    tekstscore = min(max(tekstscore, 0.0), 1.0)
    if tekstscore > 0:
        score += GEWICHT_TEKST * tekstscore
        if tekstscore >= 0.2:
            redenen.append("knelpunt in vergelijkbare woorden beschreven")
    return Gelijkenis(round(score, 4), tuple(redenen))


@dataclass(frozen=True)
class Vergeleken:
    """One precedent as the signal sees it."""

    score: float
    toegekend: bool
    bedrag: Decimal


@dataclass(frozen=True)
class Signaal:
    code: str
    tekst: str


def afwijkingen(
    *, bedrag: Decimal, besluit: str | None, vergelijkbaar: Sequence[Vergeleken]
) -> list[Signaal]:
    """When a request differs strongly from the closest precedents: an amount far above the
    similar grants (unless it is refused), or a refusal (`besluit == "afgewezen"`) where most
    similar ones were granted. With fewer than two similar precedents there is nothing to
    differ from."""
    dichtbij = [v for v in vergelijkbaar if v.score >= DREMPEL_SIGNAAL]
    signalen: list[Signaal] = []
    toegekend = [v.bedrag for v in dichtbij if v.toegekend]
    if besluit != "afgewezen" and len(toegekend) >= 2:
        midden = Decimal(median(toegekend))
        if bedrag > midden * VEELVOUD_VER_BOVEN:
            signalen.append(
                Signaal(
                    "bedrag_ver_boven",
                    "Het bedrag ligt ver boven wat in vergelijkbare situaties werd toegekend.",
                )
            )
    if besluit == "afgewezen" and len(dichtbij) >= 2 and len(toegekend) * 2 > len(dichtbij):
        signalen.append(
            Signaal(
                "afwijzing_waar_toegekend",
                "Vergelijkbare aanvragen werden meestal toegekend; deze wordt afgewezen.",
            )
        )
    return signalen


def afwijking_mogelijk(*, bedrag: Decimal, besluit: str | None, laagste: Sequence[Decimal]) -> bool:
    """Whether `afwijkingen` could give any signal, knowing only the two lowest amounts among
    the granted precedents a search could find (`laagste`, fewer when there are fewer): the
    deciding service asks this before it runs the similarity search. Both signals need two
    similar grants; the amount signal needs the amount above twice their median, and the median
    of two or more of them is never below the mean of the two lowest. Keep it in step with
    `afwijkingen` (a property test holds the two together)."""
    if len(laagste) < 2:
        return False
    if besluit == "afgewezen":
        return True
    een, twee = sorted(laagste)[:2]
    return bedrag > (een + twee) / 2 * VEELVOUD_VER_BOVEN


def mediaan_toegekend(vergelijkbaar: Iterable[Vergeleken]) -> Decimal | None:
    bedragen = [v.bedrag for v in vergelijkbaar if v.toegekend and v.score >= DREMPEL_SIGNAAL]
    return Decimal(median(bedragen)) if bedragen else None
