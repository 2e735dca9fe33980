"""Small-cell suppression that cannot be undone: for random tables with small cells, no hidden
value can be recovered by arithmetic from what is published (checked with linear algebra that
is independent of the implementation: numpy's rank over the published equations)."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from doorbraak.rapportage import privacy

aantallen = st.one_of(st.integers(0, 6), st.integers(0, 40))
tabellen = st.integers(1, 6).flatmap(
    lambda kolommen: st.lists(
        st.lists(aantallen, min_size=kolommen, max_size=kolommen), min_size=1, max_size=6
    )
)


def _vergelijkingen(tabel, rijtotalen, kolomtotalen):
    """Every published sum as (parts, total), with the cells keyed as the module keys them."""
    rijen, kolommen = len(tabel), len(tabel[0])
    waarden = {(r, k): tabel[r][k] for r in range(rijen) for k in range(kolommen)}
    sommen = []
    if rijtotalen:
        for r in range(rijen):
            waarden[(r, -1)] = sum(tabel[r])
            sommen.append(([(r, k) for k in range(kolommen)], (r, -1)))
    if kolomtotalen:
        for k in range(kolommen):
            waarden[(-1, k)] = sum(tabel[r][k] for r in range(rijen))
            sommen.append(([(r, k) for r in range(rijen)], (-1, k)))
    if rijtotalen and kolomtotalen:
        waarden[(-1, -1)] = sum(map(sum, tabel))
        sommen.append(([(r, -1) for r in range(rijen)], (-1, -1)))
    return waarden, sommen


def _herleidbaar(verborgen, sommen):
    """Hidden cells that the published equations pin down: e_j lies in the row space."""
    onbekend = sorted(verborgen)
    if not onbekend:
        return set()
    index = {c: i for i, c in enumerate(onbekend)}
    a = np.zeros((max(len(sommen), 1), len(onbekend)))
    for i, (delen, totaal) in enumerate(sommen):
        for d in delen:
            if d in index:
                a[i, index[d]] += 1
        if totaal in index:
            a[i, index[totaal]] -= 1
    rang = np.linalg.matrix_rank(a)
    uit = set()
    for cel, j in index.items():
        e = np.zeros((1, len(onbekend)))
        e[0, j] = 1
        if np.linalg.matrix_rank(np.vstack([a, e])) == rang:
            uit.add(cel)
    return uit


@given(tabellen, st.booleans(), st.booleans())
def test_geen_onderdrukte_waarde_is_terug_te_rekenen(tabel, rijtotalen, kolomtotalen):
    verborgen = privacy.kruistabel_onderdrukken(
        tabel, rijtotalen=rijtotalen, kolomtotalen=kolomtotalen
    )
    waarden, sommen = _vergelijkingen(tabel, rijtotalen, kolomtotalen)
    # Primary: every cell of 1-4 households is hidden, as "<5".
    for cel, n in waarden.items():
        if 0 < n < privacy.DREMPEL:
            assert verborgen.get(cel) == privacy.ONDERDRUKT
    # Secondary: a published sum never hides exactly one part.
    for delen, totaal in sommen:
        if totaal not in verborgen:
            assert sum(d in verborgen for d in delen) != 1
    # And exactly: no hidden non-zero value follows from the published equations.
    herleid = {c for c in _herleidbaar(set(verborgen), sommen) if waarden[c]}
    assert not herleid, (tabel, verborgen, herleid)


def test_een_enkele_kleine_rij_wordt_aangevuld_met_de_kleinste_andere():
    # Rows A=3, B=20, C=8 with a published total: without secondary suppression A = 31 - 28.
    verborgen = privacy.kruistabel_onderdrukken([[3], [20], [8]], rijtotalen=False)
    assert verborgen == {(0, 0): "<5", (2, 0): "x"}


def test_twee_blokken_verbonden_door_een_cel_worden_niet_verraden():
    # The cheap rule (two per row and column) is satisfied, yet cell (1, 2) would be
    # rows 0+1 minus columns 0+1; the exact check hides more.
    tabel = [[2, 2, 0, 0], [2, 2, 3, 0], [0, 0, 2, 2], [0, 0, 2, 2]]
    verborgen = privacy.kruistabel_onderdrukken(tabel)
    waarden, sommen = _vergelijkingen(tabel, True, True)
    assert not {c for c in _herleidbaar(set(verborgen), sommen) if waarden[c]}


def test_zonder_kleine_cellen_wordt_niets_verborgen():
    assert privacy.kruistabel_onderdrukken([[5, 0], [12, 7]]) == {}
