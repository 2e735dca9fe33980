"""The small charts of the dossier: the score per life domain over every measurement, as inline
SVG on a 1–5 axis (one small panel per domain, all on the same time axis).

Drawn server-side so it needs no script, scales with zoom and prints; the same figures are in a
table next to it for screen readers. Plain Python: no Django import.
"""

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from doorbraak import opmaak
from doorbraak.casussen.verloop import ScoreRegel

SCHAAL_MAX = 5


# --- the trend: every measurement per life domain, on a 1–5 axis (issue 17) ------------------

PANEEL_BREEDTE, PANEEL_HOOGTE = 240, 132
MARGE_LINKS, MARGE_RECHTS, MARGE_BOVEN, MARGE_ONDER = 30, 14, 26, 24
SCHAAL_MIN = 1
# The scale's end labels of the Zelfredzaamheid-Matrix (its detailed criteria are copyrighted:
# organisaties/standaard.py).
ANKERS = {1: "acute problematiek", 5: "volledig zelfredzaam"}


@dataclass(frozen=True)
class Trend:
    domein: str
    naam: str
    scores: list[tuple[date, int]]  # (date of the measurement, score), oldest first
    svg: str  # an <svg> element with role="img" and an accessible name


def _kort(d: date) -> str:
    return opmaak.datum(d)  # the one date style (dd-mm-jjjj)


def trendgrafieken(regels: Iterable[ScoreRegel]) -> list[Trend]:
    """One small chart per life domain, all on the same time axis (the case's first to last
    measurement) and the same 1–5 scale, so the panels can be compared at a glance."""
    per_domein: dict[str, list] = {}
    for r in regels:
        per_domein.setdefault(r.domein, []).append(r)
    if not per_domein:
        return []
    alle_data = [r.datum for rs in per_domein.values() for r in rs]
    begin, eind = min(alle_data), max(alle_data)
    breedte = PANEEL_BREEDTE - MARGE_LINKS - MARGE_RECHTS
    hoogte = PANEEL_HOOGTE - MARGE_BOVEN - MARGE_ONDER
    stap = hoogte / (SCHAAL_MAX - SCHAAL_MIN)

    def x(d: date) -> float:
        if eind == begin:
            return MARGE_LINKS + breedte / 2
        return MARGE_LINKS + breedte * (d - begin).days / (eind - begin).days

    def y(score: int) -> float:
        return MARGE_BOVEN + (SCHAAL_MAX - score) * stap

    raster = "".join(
        f'<line x1="{MARGE_LINKS}" x2="{MARGE_LINKS + breedte}" y1="{y(s):.1f}" y2="{y(s):.1f}" '
        f'class="doorbraak-trend__raster"/><text x="{MARGE_LINKS - 8}" y="{y(s) + 4:.1f}" '
        f'text-anchor="end" class="doorbraak-trend__as">{s}</text>'
        for s in range(SCHAAL_MIN, SCHAAL_MAX + 1)
    )
    as_x = (
        f'<text x="{MARGE_LINKS}" y="{PANEEL_HOOGTE - 6}" class="doorbraak-trend__as">'
        f"{_kort(begin)}</text>"
    )
    if eind != begin:
        as_x += (
            f'<text x="{MARGE_LINKS + breedte}" y="{PANEEL_HOOGTE - 6}" text-anchor="end" '
            f'class="doorbraak-trend__as">{_kort(eind)}</text>'
        )
    uit = []
    for domein, rs in per_domein.items():
        rs = sorted(rs, key=lambda r: r.datum)
        naam = rs[0].naam
        punten = " ".join(f"{x(r.datum):.1f},{y(r.score):.1f}" for r in rs)
        stippen = "".join(
            f'<circle cx="{x(r.datum):.1f}" cy="{y(r.score):.1f}" r="4" '
            f'class="doorbraak-trend__punt"/>'
            for r in rs
        )
        laatste = rs[-1]
        beschrijving = (
            f"{naam}: "
            + ", ".join(f"{r.score} op {_kort(r.datum)}" for r in rs)
            + f". Schaal 1 ({ANKERS[1]}) tot 5 ({ANKERS[5]})."
        )
        svg = (
            f'<svg viewBox="0 0 {PANEEL_BREEDTE} {PANEEL_HOOGTE}" role="img" '
            f'aria-label="{html.escape(beschrijving)}" class="doorbraak-trend__svg">'
            f'<text x="0" y="16" class="doorbraak-trend__titel">{html.escape(naam)}</text>'
            f'<text x="{PANEEL_BREEDTE}" y="16" text-anchor="end" class="doorbraak-trend__laatste">'
            f"{laatste.score}</text>"
            f"{raster}{as_x}"
            f'<polyline points="{punten}" class="doorbraak-trend__lijn"/>{stippen}</svg>'
        )
        uit.append(Trend(domein, naam, [(r.datum, r.score) for r in rs], svg))
    return uit
