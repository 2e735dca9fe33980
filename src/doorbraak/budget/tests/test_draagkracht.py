"""Draagkracht and the loan schedule: plain Decimal arithmetic, exact to the cent."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorbraak.budget import aflosschema, draagkracht

NORM = draagkracht.Norm(
    geldig_van=date(2025, 1, 1),
    geldig_tot=None,
    leefgeld=Decimal("1200.00"),
    aflosdeel=Decimal("0.5"),
    minimale_termijn=Decimal("10.00"),
    maximale_looptijd_maanden=36,
)


def test_ruimte_boven_de_norm_maakt_een_lening_verantwoord():
    uitkomst = draagkracht.bereken(
        maandinkomen=Decimal("2100.00"),
        vaste_lasten=Decimal("700.00"),
        bedrag=Decimal("1000.00"),
        norm=NORM,
    )
    assert uitkomst.ruimte == Decimal("200.00")
    assert uitkomst.lening_verantwoord
    assert uitkomst.termijnbedrag == Decimal("100.00")
    assert uitkomst.aantal_termijnen == 10


def test_geen_ruimte_geen_lening():
    uitkomst = draagkracht.bereken(
        maandinkomen=Decimal("1400.00"),
        vaste_lasten=Decimal("700.00"),
        bedrag=Decimal("500.00"),
        norm=NORM,
    )
    assert not uitkomst.lening_verantwoord
    assert uitkomst.ruimte == Decimal("-500.00")


def test_te_lange_looptijd_is_niet_verantwoord():
    uitkomst = draagkracht.bereken(
        maandinkomen=Decimal("1940.00"),
        vaste_lasten=Decimal("700.00"),
        bedrag=Decimal("5000.00"),
        norm=NORM,
    )
    assert not uitkomst.lening_verantwoord
    assert "langer dan 36" in uitkomst.toelichting


def test_norm_met_geldigheid():
    oud = draagkracht.Norm(
        date(2020, 1, 1), date(2024, 12, 31), Decimal("1000"), Decimal("1"), Decimal("10"), 24
    )
    assert draagkracht.kies_norm([oud, NORM], date(2024, 6, 1)) is oud
    assert draagkracht.kies_norm([oud, NORM], date(2026, 6, 1)) is NORM
    assert draagkracht.kies_norm([oud], date(2026, 6, 1)) is None


def test_float_wordt_geweigerd():
    with pytest.raises(TypeError):
        draagkracht.bereken(
            maandinkomen=2100.0, vaste_lasten=Decimal("1"), bedrag=Decimal("1"), norm=NORM
        )


centen = st.integers(min_value=1, max_value=5_000_000).map(lambda c: Decimal(c) / 100)


@given(hoofdsom=centen, termijn=centen)
def test_schema_telt_op_tot_de_hoofdsom(hoofdsom, termijn):
    if aflosschema.aantal_termijnen(hoofdsom, termijn) > aflosschema.MAXIMAAL_TERMIJNEN:
        with pytest.raises(ValueError):
            aflosschema.schema(
                hoofdsom=hoofdsom, termijnbedrag=termijn, startdatum=date(2026, 1, 31)
            )
        return
    termijnen = aflosschema.schema(
        hoofdsom=hoofdsom, termijnbedrag=termijn, startdatum=date(2026, 1, 31)
    )
    assert sum(t.bedrag for t in termijnen) == hoofdsom
    assert all(0 < t.bedrag <= termijn for t in termijnen)


@given(inkomen=centen, lasten=centen, bedrag=centen)
def test_voorgestelde_termijnen_lossen_het_bedrag_af_binnen_de_norm(inkomen, lasten, bedrag):
    uitkomst = draagkracht.bereken(
        maandinkomen=inkomen, vaste_lasten=lasten, bedrag=bedrag, norm=NORM
    )
    if uitkomst.lening_verantwoord:
        assert uitkomst.termijnbedrag * uitkomst.aantal_termijnen >= bedrag
        assert uitkomst.aantal_termijnen <= NORM.maximale_looptijd_maanden
        assert uitkomst.termijnbedrag >= min(NORM.minimale_termijn, bedrag)


def test_achterstand():
    termijnen = aflosschema.schema(
        hoofdsom=Decimal("300.00"), termijnbedrag=Decimal("100.00"), startdatum=date(2026, 1, 1)
    )
    assert aflosschema.achterstand(
        termijnen, afgelost=Decimal("100.00"), peildatum=date(2026, 2, 15)
    ) == Decimal("100.00")
    assert aflosschema.achterstand(
        termijnen, afgelost=Decimal("300.00"), peildatum=date(2026, 2, 15)
    ) == Decimal("0.00")
