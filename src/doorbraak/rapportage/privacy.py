"""Privacy in reports: small cells suppressed, free text pseudonymised. Plain Python.

A cell that describes fewer than `DREMPEL` households could point at one family in a small
gemeente, so every format shows "<5" instead of the number (and the sums built from it stay
correct because suppression happens only at presentation).

Primary suppression alone is not enough: when a total is published, a single hidden cell in it
is the total minus the others. `te_onderdrukken` therefore adds secondary (complementary)
suppression until every published sum that contains a hidden cell contains at least two, or its
total is hidden too. A secondarily hidden cell is shown as "x", not as "<5", because it may well
describe five households or more.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction

DREMPEL = 5
ONDERDRUKT = "<5"
AANVULLEND_ONDERDRUKT = "x"
MARKERINGEN = (ONDERDRUKT, AANVULLEND_ONDERDRUKT)

_BSN = re.compile(r"\b\d{9}\b")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2}\b")
_IBAN = re.compile(r"\bNL\d{2}[A-Z]{4}\d{10}\b", re.IGNORECASE)
_TELEFOON = re.compile(r"\b0\d{1,3}[- ]?\d{6,8}\b")
_EMAIL = re.compile(r"\b\S+@\S+\.\w+\b")


def onderdrukt(aantal_huishoudens: int) -> bool:
    return 0 < aantal_huishoudens < DREMPEL


def toon(waarde: object, aantal_huishoudens: int) -> object:
    """The value, or "<5" when it describes fewer than five households (zero stays zero)."""
    return ONDERDRUKT if onderdrukt(aantal_huishoudens) else waarde


def te_onderdrukken(
    aantallen: Mapping[Hashable, int],
    optellingen: Iterable[tuple[Sequence[Hashable], Hashable]] = (),
) -> dict[Hashable, str]:
    """Which cells to hide, and how: {cel: "<5" (primary) or "x" (secondary)}.

    `aantallen` gives per cell the number of households it describes; `optellingen` the published
    sums: (the cells that add up, the cell holding their total). Primary: 0 < n < DREMPEL. Then,
    until nothing changes: a sum whose total is shown and that hides exactly one of its parts
    hides one more part (the smallest non-zero one, so as little as possible is lost), or, when
    no such part is left, its total; and a hidden non-zero cell that the published equations
    still pin down (`bepaalbare_cellen`) gets one more hidden cell in a sum around it.
    """
    verborgen: dict[Hashable, str] = {
        cel: ONDERDRUKT for cel, n in aantallen.items() if onderdrukt(n)
    }
    optellingen = [(tuple(delen), totaal) for delen, totaal in optellingen]

    def verberg_erbij(delen: tuple, totaal: Hashable) -> None:
        """Hide the smallest visible non-zero part, else the total, else a visible zero."""
        kandidaten = sorted(
            (aantallen.get(d, 0) == 0, aantallen.get(d, 0), i)
            for i, d in enumerate(delen)
            if d not in verborgen
        )
        if kandidaten and (not kandidaten[0][0] or totaal in verborgen):
            extra = delen[kandidaten[0][2]]
        else:
            extra = totaal
        n = aantallen.get(extra, 0)
        verborgen[extra] = ONDERDRUKT if onderdrukt(n) else AANVULLEND_ONDERDRUKT

    while True:
        # Cheap rule first: no published sum hides exactly one of its parts.
        enkel = next(
            (
                (delen, totaal)
                for delen, totaal in optellingen
                if totaal not in verborgen and sum(d in verborgen for d in delen) == 1
            ),
            None,
        )
        if enkel:
            verberg_erbij(*enkel)
            continue
        # Then the exact rule: no hidden value follows from the equations (e.g. two blocks of
        # hidden cells joined by one cell: that cell is a difference of published sums).
        bepaald = {c for c in bepaalbare_cellen(set(verborgen), optellingen) if aantallen.get(c, 0)}
        if not bepaald:
            return verborgen
        cel = min(bepaald, key=repr)
        rond_cel = next(
            (
                (delen, totaal)
                for delen, totaal in optellingen
                if (cel in delen or cel == totaal)
                and any(c not in verborgen for c in (*delen, totaal))
            ),
            None,
        )
        if rond_cel is None:  # pragma: no cover - a determined cell lies in an open sum
            return verborgen
        verberg_erbij(*rond_cel)


def bepaalbare_cellen(
    verborgen: set[Hashable], optellingen: Iterable[tuple[Sequence[Hashable], Hashable]]
) -> set[Hashable]:
    """The hidden cells whose value follows exactly from the published cells and the sums.

    Each sum gives one linear equation in the hidden cells; a hidden cell is determined when
    every solution of the homogeneous system has it zero, i.e. when it is a pivot whose row in
    the reduced echelon form has no free variable. Exact arithmetic (Fraction), small tables.
    """
    onbekend = sorted(verborgen, key=repr)
    index = {cel: i for i, cel in enumerate(onbekend)}
    matrix: list[list[Fraction]] = []
    for delen, totaal in optellingen:
        rij = [Fraction(0)] * len(onbekend)
        for d in delen:
            if d in index:
                rij[index[d]] += 1
        if totaal in index:
            rij[index[totaal]] -= 1
        if any(rij):
            matrix.append(rij)
    pivots: list[int] = []
    r = 0
    for k in range(len(onbekend)):
        rij = next((i for i in range(r, len(matrix)) if matrix[i][k] != 0), None)
        if rij is None:
            continue
        matrix[r], matrix[rij] = matrix[rij], matrix[r]
        deler = matrix[r][k]
        matrix[r] = [w / deler for w in matrix[r]]
        for i in range(len(matrix)):
            if i != r and matrix[i][k] != 0:
                factor = matrix[i][k]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        pivots.append(k)
        r += 1
    vrij = set(range(len(onbekend))) - set(pivots)
    return {onbekend[k] for i, k in enumerate(pivots) if not any(matrix[i][j] != 0 for j in vrij)}


def kruistabel_onderdrukken(
    aantallen: Sequence[Sequence[int]], *, rijtotalen: bool = True, kolomtotalen: bool = True
) -> dict[tuple[int, int], str]:
    """A table of counts with its row totals (column index -1), column totals (row index -1)
    and grand total (-1, -1) as published beside it: the cells to hide, keyed (row, column)."""
    rijen = len(aantallen)
    kolommen = len(aantallen[0]) if rijen else 0
    cellen: dict[Hashable, int] = {
        (r, k): aantallen[r][k] for r in range(rijen) for k in range(kolommen)
    }
    optellingen: list[tuple[list[Hashable], Hashable]] = []
    if rijtotalen:
        for r in range(rijen):
            cellen[(r, -1)] = sum(aantallen[r])
            optellingen.append(([(r, k) for k in range(kolommen)], (r, -1)))
    if kolomtotalen:
        for k in range(kolommen):
            cellen[(-1, k)] = sum(aantallen[r][k] for r in range(rijen))
            optellingen.append(([(r, k) for r in range(rijen)], (-1, k)))
    if rijtotalen and kolomtotalen:
        cellen[(-1, -1)] = sum(map(sum, aantallen))
        optellingen.append(([(r, -1) for r in range(rijen)], (-1, -1)))
        optellingen.append(([(-1, k) for k in range(kolommen)], (-1, -1)))
    return te_onderdrukken(cellen, optellingen)  # type: ignore[return-value]


def pseudonimiseer(tekst: str, namen: Iterable[str] = ()) -> str:
    """Replace the household's known names and anything that identifies a person by a tag."""
    uit = _BSN.sub("[BSN]", tekst)
    uit = _IBAN.sub("[IBAN]", uit)
    uit = _POSTCODE.sub("[postcode]", uit)
    uit = _EMAIL.sub("[e-mail]", uit)
    uit = _TELEFOON.sub("[telefoon]", uit)
    # Longest first, so "van der Heijden" goes before "Heijden".
    for naam in sorted(
        {n.strip() for n in namen if n and len(n.strip()) > 1}, key=len, reverse=True
    ):
        uit = re.sub(rf"\b{re.escape(naam)}\b", "[naam]", uit, flags=re.IGNORECASE)
    return uit
