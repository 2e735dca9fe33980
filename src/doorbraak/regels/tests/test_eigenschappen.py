"""Property tests over the shipped knowledge base (hypothesis).

- Monotone: adding facts never turns a decided outcome into onbekend, nor into the opposite.
- The trace justifies the outcome: re-evaluating with only the facts its steps name gives the
  same decision; onbekend lists exactly facts that are absent.
- 'Niet snel genoeg' is exactly: possible or unknown, and lead time beyond the household's time.
- A hardheidsclausule never sets aside a statutory condition; a voorziening not coded for the
  peildatum is onbekend, never niet mogelijk; a kan-bepaling never decides a voorziening.
"""

import dataclasses
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

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
        # only this voorziening is evaluated again (not the whole knowledge base): cheaper,
        # and the same claim, since a voorziening's outcome depends on its own conditions only
        opnieuw = engine.beoordeel(
            u.voorziening,
            alleen,
            peildatum,
            definities=KB.feiten,
            termijn_per_urgentie=KB.termijn_per_urgentie,
        )
        assert opnieuw.waarde == u.waarde
        # a decided outcome rests on decided steps, and at least one step points its way
        verwacht = {"mogelijk": True, "niet_mogelijk": False}[u.waarde]
        assert all(s.voldaan is not None for s in u.stappen)
        assert any(s.voldaan is verwacht for s in u.stappen)
    opnieuw_per_feiten: dict[frozenset, engine.Checkresultaat] = {}
    for g in resultaat.uitzonderingsgronden:
        if g.toepasbaar == "onbekend":
            assert g.ontbrekende_feiten or g.lacune
            assert not (g.ontbrekende_namen & set(f))
            continue
        alleen = {k: v for k, v in f.items() if k in g.gebruikte_feiten}
        # a grond depends on other outcomes: the whole check again, once per set of facts
        sleutel = frozenset(alleen.items())
        if sleutel not in opnieuw_per_feiten:
            opnieuw_per_feiten[sleutel] = engine.beoordeel_alles(KB, alleen, peildatum)
        assert opnieuw_per_feiten[sleutel].grond(g.grond.code).toepasbaar == g.toepasbaar
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


# --- issue 13: discretion from its source, coding gaps ---------------------------------------

_CLAUSULES = {
    "wmo.yaml": (
        "WMO",
        "wmo_hardheidsclausule",
        "bijzondere_omstandigheden_wmo",
        "wmo_woonvoorziening",
    ),
    "jw.yaml": ("JW", "jw_hardheidsclausule", "bijzondere_omstandigheden_jeugd", "jw_jeugdhulp"),
    "lv.yaml": (
        "LV",
        "lv_hardheidsclausule",
        "bijzondere_omstandigheden_lv",
        "lv_vervoersvoorziening",
    ),
}


def _kb_met_clausules() -> engine.Kennisbank:
    """The shipped rules plus a gemeente that has set each hardheidsclausule (CVDR id)."""
    map_ = Path(tempfile.mkdtemp()) / "GM0001"
    map_.mkdir()
    for naam, (regeling, code, feit, voorziening) in _CLAUSULES.items():
        (map_ / naam).write_text(
            f"""
uitbreiding_van: {regeling}
naam: Verordening Testgemeente
soort: verordening
bron: {{cvdr_id: CVDR1234{len(naam)}}}
uitzonderingsgronden:
  - code: {code}
    naam: Hardheidsclausule
    soort: hardheidsclausule
    artikel: "30"
    wanneer:
      all:
        - {{uitkomst_van: {voorziening}, is: niet_mogelijk}}
        - {{feit: {feit}, is: true}}
    afweging: Weeg de onbillijkheid van overwegende aard.
""",
            encoding="utf-8",
        )
    return kennisbank.laad([kennisbank.STANDAARD_MAP, map_]).kennisbank


KB_CLAUSULES = _kb_met_clausules()


@settings(max_examples=80, deadline=None)
@given(f=feiten(KB_CLAUSULES), peildatum=PEILDATUM)
def test_een_hardheidsclausule_zet_nooit_een_wettelijke_voorwaarde_opzij(f, peildatum):
    r = engine.beoordeel_alles(KB_CLAUSULES, f, peildatum)
    for _, code, _, voorziening in _CLAUSULES.values():
        u = r.uitkomst(voorziening)
        wettelijk_niet_voldaan = any(
            s.voldaan is False and s.bron.soort == "wet" for s in u.stappen
        )
        if r.grond(code).toepasbaar == "ja":
            assert u.waarde == "niet_mogelijk"
            assert not wettelijk_niet_voldaan, (code, [s.tekst for s in u.stappen])
        if u.waarde == "niet_mogelijk" and wettelijk_niet_voldaan:
            assert r.grond(code).toepasbaar == "nee"


@settings(max_examples=60, deadline=None)
@given(f=feiten(KB), peildatum=st.dates(min_value=date(2024, 1, 1), max_value=date(2025, 6, 30)))
def test_niet_gecodeerd_voor_de_peildatum_is_onbekend_nooit_niet_mogelijk(f, peildatum):
    r = engine.beoordeel_alles(KB, f, peildatum)
    for code in ("pw_algemene_bijstand", "pw_aio"):
        u = r.uitkomst(code)
        assert u.waarde == "onbekend" and u.lacune == engine.NIET_GECODEERD
    # and a coding gap never opens an exception ground (art. 16) as if it were an exclusion
    for g in r.uitzonderingsgronden:
        assert not any("geldt niet op de peildatum" in s.tekst for s in g.stappen)


def _feiten_van(node) -> set[str]:
    if isinstance(node, engine.Alle | engine.EenVan):
        return set().union(*(_feiten_van(d) for d in node.delen))
    if isinstance(node, engine.Niet):
        return _feiten_van(node.deel)
    if isinstance(node, engine.Vergelijking):
        return {node.feit.naam}
    return set()


_IN_VOORZIENINGEN = set().union(
    *(
        _feiten_van(v.voorwaarden) | (_feiten_van(v.spoed.als) if v.spoed else set())
        for r in KB.regelingen
        for v in r.voorzieningen
    )
)
_ALLEEN_AFWEGING = (
    set().union(*(_feiten_van(g.wanneer) for r in KB.regelingen for g in r.uitzonderingsgronden))
    - _IN_VOORZIENINGEN
)


@settings(max_examples=60, deadline=None)
@given(f=feiten(KB), peildatum=PEILDATUM)
def test_een_kan_bepaling_beslist_nooit_een_voorziening(f, peildatum):
    """A kan-bepaling (lening, weigeringsgrond, clausule, art. 16, 49 onder b) is an afweging:
    its facts never change whether a voorziening is possible, and 'toepasbaar' is never more
    than 'af te wegen'."""
    assert _ALLEEN_AFWEGING  # e.g. spoedig_weer_voldoende_middelen, eerder_schuldhulpverlening
    met = engine.beoordeel_alles(KB, f, peildatum)
    zonder = engine.beoordeel_alles(
        KB, {k: w for k, w in f.items() if k not in _ALLEEN_AFWEGING}, peildatum
    )
    assert [u.waarde for u in met.voorzieningen] == [u.waarde for u in zonder.voorzieningen]
    for g in met.uitzonderingsgronden:
        if g.toepasbaar == "ja":
            assert g.redenen[0].startswith("Toepasbaar, af te wegen")
            assert "geen toekenning" in g.redenen[0]


@settings(max_examples=80, deadline=None)
@given(f=feiten(KB), peildatum=PEILDATUM)
def test_het_geheugen_van_de_kennisbank_geeft_dezelfde_uitkomst_als_opnieuw_rekenen(f, peildatum):
    """The memo (an outcome per voorziening or grond by the values of the facts it names) never
    returns an outcome that evaluating afresh would not give: a fresh knowledge base without a
    memo gives the same outcomes, steps and questions."""
    eerst = engine.beoordeel_alles(KB, f, peildatum)
    vers = engine.beoordeel_alles(dataclasses.replace(KB), f, peildatum)
    assert [(u.voorziening.code, u.waarde, u.redenen) for u in eerst.voorzieningen] == [
        (u.voorziening.code, u.waarde, u.redenen) for u in vers.voorzieningen
    ]
    assert [(g.grond.code, g.toepasbaar, g.redenen) for g in eerst.uitzonderingsgronden] == [
        (g.grond.code, g.toepasbaar, g.redenen) for g in vers.uitzonderingsgronden
    ]
    assert eerst.ontbrekende_feiten == vers.ontbrekende_feiten
