"""Property tests over the shipped knowledge base (hypothesis).

- Monotone: adding facts never turns a decided outcome into onbekend, nor into the opposite.
- The trace justifies the outcome: re-evaluating with only the facts its steps name gives the
  same decision; onbekend lists exactly facts that are absent.
- 'Niet snel genoeg' is exactly: possible or unknown, and lead time beyond the household's time.
"""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doorbraak.regels import engine, kennisbank

KB = kennisbank.laad([kennisbank.STANDAARD_MAP]).kennisbank
KB_GEMEENTE = kennisbank.laad(
    [kennisbank.STANDAARD_MAP, kennisbank.STANDAARD_MAP / "gemeenten" / "GM9991"]
).kennisbank


def _waarde(d: engine.Feitdefinitie) -> st.SearchStrategy:
    if d.type == "ja_nee":
        return st.booleans()
    if d.type == "keuze":
        return st.sampled_from(d.keuzes)
    if d.type == "bedrag":
        return st.one_of(
            st.sampled_from([0, 1000, 1401.50, 1419.46, 2027.79, 8000, 16000, 67500, 70000]),
            st.decimals(min_value=0, max_value=200_000, places=2),
        ).map(lambda w: Decimal(str(w)).quantize(Decimal("0.01")))
    return st.integers(min_value=0, max_value=90).map(Decimal)


def feiten(kb: engine.Kennisbank) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({}, optional={naam: _waarde(d) for naam, d in kb.feiten.items()})


PEILDATUM = st.dates(min_value=date(2025, 7, 1), max_value=date(2028, 12, 31))


def _beslist(r: engine.Checkresultaat) -> dict[str, str]:
    uit = {u.voorziening.code: u.waarde for u in r.voorzieningen if u.waarde != "onbekend"}
    uit.update(
        {g.grond.code: g.toepasbaar for g in r.uitzonderingsgronden if g.toepasbaar != "onbekend"}
    )
    return uit


@pytest.mark.parametrize("kb", [KB, KB_GEMEENTE], ids=["standaard", "GM9991"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_een_feit_erbij_maakt_een_beslissing_nooit_onbekend(kb, data):
    basis = data.draw(feiten(kb))
    extra = data.draw(feiten(kb))
    peildatum = data.draw(PEILDATUM)
    voor = _beslist(engine.beoordeel_alles(kb, basis, peildatum))
    na = _beslist(engine.beoordeel_alles(kb, {**extra, **basis}, peildatum))
    for code, uitkomst in voor.items():
        assert na.get(code) == uitkomst, (code, uitkomst, na.get(code))


@settings(max_examples=200, deadline=None)
@given(f=feiten(KB), peildatum=PEILDATUM)
def test_de_trace_rechtvaardigt_de_uitkomst(f, peildatum):
    resultaat = engine.beoordeel_alles(KB, f, peildatum)
    for u in resultaat.voorzieningen:
        assert u.redenen and u.redenen[0].split(":")[0] in {"Mogelijk", "Niet mogelijk", "Onbekend"}
        assert all(
            s.bron.artikel and (s.bron.bwb_id or s.bron.cvdr_id or s.bron.controle)
            for s in u.stappen
        )
        if u.waarde == "onbekend":
            # onbekend names the facts to ask, or says why there is none (not coded)
            assert u.ontbrekende_feiten or u.lacune
            assert not (u.ontbrekende_namen & set(f))
            continue
        assert not u.ontbrekende_feiten
        alleen = {k: v for k, v in f.items() if k in u.gebruikte_feiten}
        opnieuw = engine.beoordeel_alles(KB, alleen, peildatum).uitkomst(u.voorziening.code)
        assert opnieuw.waarde == u.waarde
        # a decided outcome rests on decided steps, and at least one step points its way
        verwacht = {"mogelijk": True, "niet_mogelijk": False}[u.waarde]
        assert all(s.voldaan is not None for s in u.stappen)
        assert any(s.voldaan is verwacht for s in u.stappen)
    for g in resultaat.uitzonderingsgronden:
        if g.toepasbaar == "onbekend":
            assert g.ontbrekende_feiten or g.lacune
            assert not (g.ontbrekende_namen & set(f))
            continue
        alleen = {k: v for k, v in f.items() if k in g.gebruikte_feiten}
        assert (
            engine.beoordeel_alles(KB, alleen, peildatum).grond(g.grond.code).toepasbaar
            == g.toepasbaar
        )
        assert "toegekend" not in " ".join(g.redenen).replace("geen toekenning", "")


@settings(max_examples=150, deadline=None)
@given(f=feiten(KB), peildatum=PEILDATUM)
def test_niet_snel_genoeg_volgt_doorlooptijd_en_termijn(f, peildatum):
    resultaat = engine.beoordeel_alles(KB, f, peildatum)
    for u in resultaat.voorzieningen:
        t = u.tijdigheid
        if u.waarde == "niet_mogelijk" or resultaat.termijn_dagen is None:
            assert t.niet_snel_genoeg is None
        else:
            assert t.niet_snel_genoeg == (t.doorlooptijd_dagen > resultaat.termijn_dagen)
