"""The counting rules of the reports, without a database: suppression, pseudonymisation, groups."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from doorbraak.rapportage import analyse, privacy


@given(st.integers(min_value=0, max_value=10_000))
def test_kleine_aantallen_nooit_zichtbaar(n):
    getoond = privacy.toon(n, n)
    if 1 <= n <= 4:
        assert getoond == "<5"
    else:
        assert getoond == n


def test_pseudonimiseren_haalt_namen_en_nummers_weg():
    tekst = (
        "Gerrit van der Heijden (BSN 111222333, 5701 AB Peelstad, 06-12345678, "
        "g.heijden@example.nl, NL91ABNA0417164300) kan niet rijden."
    )
    uit = privacy.pseudonimiseer(tekst, ["Gerrit", "van der Heijden", "Heijden"])
    for geheim in ("Gerrit", "Heijden", "111222333", "5701 AB", "06-12345678", "example.nl",
                   "NL91ABNA0417164300"):  # fmt: skip
        assert geheim not in uit
    assert "kan niet rijden" in uit and "[naam]" in uit and "[BSN]" in uit


blokkades = st.lists(
    st.builds(
        analyse.Blokkade,
        huishouden=st.sampled_from([f"h{i}" for i in range(12)]),
        regeling=st.sampled_from(["PW", "LV", "WMO"]),
        artikel=st.sampled_from(["4", "15", "18 lid 2"]),
        datum=st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31)),
        herkomst=st.sampled_from(["plan", "regelcheck"]),
        omschrijving=st.text(max_size=20),
    ),
    max_size=80,
)


@given(blokkades)
def test_groepen_tellen_alles_precies_een_keer(rijen):
    groepen = analyse.knelpuntenanalyse(rijen)
    assert sum(g.aantal for g in groepen) == len(rijen)
    for g in groepen:
        eigen = [b for b in rijen if (b.regeling, b.artikel) == (g.regeling, g.artikel)]
        assert g.aantal == len(eigen) == sum(g.herkomst.values())
        assert g.huishoudens == {b.huishouden for b in eigen}
        assert set().union(*g.per_kwartaal.values()) == g.huishoudens
        assert len(g.voorbeelden) <= 3
    # Most households first.
    assert [len(g.huishoudens) for g in groepen] == sorted(
        (len(g.huishoudens) for g in groepen), reverse=True
    )


def test_domeinverandering_met_de_hand():
    verlopen = [
        analyse.Scoreverloop("a", "Financiën", 1, 3),
        analyse.Scoreverloop("b", "Financiën", 2, 2),
        analyse.Scoreverloop("c", "Financiën", 4, 3),
    ]
    (d,) = analyse.domeinveranderingen(verlopen)
    assert (d.huishoudens, d.verbeterd, d.gelijk, d.verslechterd) == (3, 1, 1, 1)
    assert str(d.gemiddeld_eerste) == "2.33" and str(d.gemiddeld_laatste) == "2.67"
    assert str(d.gemiddelde_verandering) == "0.33"


def test_kwartalen():
    assert analyse.kwartalen(date(2025, 11, 5), date(2026, 4, 1)) == [
        "2025-K4", "2026-K1", "2026-K2",
    ]  # fmt: skip
