"""Invariant 2: money is exact, rounding is explicit and half up, floats are refused."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorbraak.budget import geld
from doorbraak.mkba.calculator import rond


@pytest.mark.parametrize(
    ("bedrag", "verwacht"),
    [("0.005", "0.01"), ("2.345", "2.35"), ("2.344", "2.34"), ("-0.005", "-0.01"), ("7", "7.00")],
)
def test_half_up_op_de_cent(bedrag, verwacht):
    # Banker's rounding (Python's default) would give 0.00 and 2.34 for the first two.
    assert geld.euro(Decimal(bedrag)) == Decimal(verwacht)
    assert rond(Decimal(bedrag)) == Decimal(verwacht)


def test_float_geweigerd():
    with pytest.raises(TypeError):
        geld.euro(0.1)
    with pytest.raises(TypeError):
        geld.naar_centen(0.1)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_centen_heen_en_terug_exact(centen):
    assert geld.naar_centen(geld.uit_centen(centen)) == centen
