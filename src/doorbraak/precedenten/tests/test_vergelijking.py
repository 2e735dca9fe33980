"""Properties of the pure similarity and deviation rules (hypothesis)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from doorbraak.precedenten import vergelijking as v

artikelen = st.frozensets(st.sampled_from(["PW 35", "WGS 4", "LV 4", "WMO 2.3.5", "JW 2.3"]))
domeinen = st.frozensets(st.sampled_from(["huisvesting", "financien", "opvoeding", "werk"]))
bedragen = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)
situaties = st.builds(
    v.Situatie,
    artikelen=artikelen,
    lage_domeinen=domeinen,
    doelgroep=st.sampled_from(["", "mph", "doorbraakteam"]),
    band=st.one_of(st.none(), st.integers(0, 4)),
)


@given(situaties, situaties, st.floats(0, 1))
def test_score_is_niet_negatief_en_elke_score_heeft_een_reden(a, b, tekst):
    g = v.vergelijk(a, b, tekstscore=tekst)
    assert g.score >= 0
    assert not g.redenen or g.score > 0  # a reason always counts
    assert g.score == 0 or g.redenen or tekst > 0  # and a score never comes from nowhere


@given(situaties, situaties, st.floats(0, 1))
def test_score_is_symmetrisch(a, b, tekst):
    assert v.vergelijk(a, b, tekstscore=tekst).score == v.vergelijk(b, a, tekstscore=tekst).score


@given(situaties, situaties, st.sampled_from(["PW 35", "XX 1"]))
def test_een_gedeeld_artikel_erbij_verlaagt_de_score_nooit(a, b, artikel):
    meer_a = v.Situatie(a.artikelen | {artikel}, a.lage_domeinen, a.doelgroep, a.band)
    meer_b = v.Situatie(b.artikelen | {artikel}, b.lage_domeinen, b.doelgroep, b.band)
    assert v.vergelijk(meer_a, meer_b).score >= v.vergelijk(a, b).score + v.GEWICHT_ARTIKEL * (
        artikel not in (a.artikelen & b.artikelen)
    )


@given(bedragen, bedragen)
def test_bedragband_is_monotoon(x, y):
    if x <= y:
        assert v.bedragband(x) <= v.bedragband(y)


@given(st.lists(st.tuples(bedragen, st.booleans()), max_size=3), bedragen)
def test_zonder_twee_vergelijkbare_toekenningen_geen_bedragsignaal(vergeleken, bedrag):
    lijst = [v.Vergeleken(5.0, t, b) for b, t in vergeleken]
    signalen = v.afwijkingen(bedrag=bedrag, besluit="go", vergelijkbaar=lijst)
    if sum(t for _, t in vergeleken) < 2:
        assert not signalen


@given(
    st.lists(st.tuples(st.floats(0, 12), st.booleans(), bedragen), max_size=8),
    bedragen,
    st.sampled_from(["go", "afgewezen", None]),
    st.lists(bedragen, max_size=4),
)
def test_de_snelle_voortoets_mist_nooit_een_signaal(vergeleken, bedrag, besluit, verder):
    """The deciding service skips the similarity search when `afwijking_mogelijk` says no:
    whatever the closest precedents are (a sample of the visible ones; `verder`, other grants
    the search could find), no signal is then missed."""
    lijst = [v.Vergeleken(score, t, b) for score, t, b in vergeleken]
    toegekend = sorted([b for _, t, b in vergeleken if t] + verder)
    mogelijk = v.afwijking_mogelijk(bedrag=bedrag, besluit=besluit, laagste=toegekend[:2])
    if v.afwijkingen(bedrag=bedrag, besluit=besluit, vergelijkbaar=lijst):
        assert mogelijk


def test_de_voortoets_slaat_over_wat_geen_signaal_kan_geven():
    laagste = [Decimal("1000.00"), Decimal("1500.00")]
    assert not v.afwijking_mogelijk(bedrag=Decimal("9999"), besluit="go", laagste=laagste[:1])
    assert not v.afwijking_mogelijk(bedrag=Decimal("2500.00"), besluit="go", laagste=laagste)
    assert v.afwijking_mogelijk(bedrag=Decimal("2500.01"), besluit="go", laagste=laagste)
    assert v.afwijking_mogelijk(bedrag=Decimal("1.00"), besluit="afgewezen", laagste=laagste)
    assert not v.afwijking_mogelijk(bedrag=Decimal("1.00"), besluit="afgewezen", laagste=[])


def test_geplante_uitschieter_geeft_signaal():
    lijst = [v.Vergeleken(6.0, True, Decimal(b)) for b in ("1200.00", "1850.00", "2400.00")]
    assert [
        s.code for s in v.afwijkingen(bedrag=Decimal("3700.01"), besluit="go", vergelijkbaar=lijst)
    ] == ["bedrag_ver_boven"]
    assert v.afwijkingen(bedrag=Decimal("3700.00"), besluit="go", vergelijkbaar=lijst) == []
    assert [
        s.code
        for s in v.afwijkingen(bedrag=Decimal("900"), besluit="afgewezen", vergelijkbaar=lijst)
    ] == ["afwijzing_waar_toegekend"]
    verre = [v.Vergeleken(0.5, True, Decimal("100.00"))] * 3  # not similar enough to count
    assert v.afwijkingen(bedrag=Decimal("9000"), besluit="go", vergelijkbaar=verre) == []


def test_artikelsleutel_is_een_sleutel_hoe_het_ook_getypt_is():
    assert v.artikelsleutel("pw", "Art. 35") == v.artikelsleutel("PW", "artikel 35") == "PW 35"
    assert v.artikelsleutel("WGS", " art.4a ") == "WGS 4a"
