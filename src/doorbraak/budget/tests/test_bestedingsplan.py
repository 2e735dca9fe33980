"""The seed's POK spending plan reproduced exactly, pm lines listed and never summed, and the
properties of the per-year arithmetic."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorbraak.budget import bestedingsplan as bp

# The figures as printed in the seed (002, "Begroting"): Totaal kosten, Rijksbudget, Restant.
SEED = {
    2021: ("0", "320125", "320125"),
    2022: ("63200", "243927", "180727"),
    2023: ("163000", "263302", "100302"),
    2024: ("163000", "257851", "94851"),
    2025: ("163000", "264880", "101880"),
}


def test_pok_tabel_uit_de_seed_exact():
    plan = bp.lees(bp.VOORBEELDEN / "bestedingsplan_pok.yaml")
    totalen = {t.jaar: t for t in bp.per_jaar(plan)}
    for jaar, (kosten, inkomsten, restant) in SEED.items():
        t = totalen[jaar]
        assert (t.totaal_kosten, t.totaal_inkomsten, t.restant) == (
            Decimal(kosten), Decimal(inkomsten), Decimal(restant),
        ), jaar  # fmt: skip
    assert totalen[2023].pm_posten == (
        "Versterken informatie en adviesfunctie",
        "Incidentele verhoging subsidie voor preventieve hulp- en dienstverlening",
        "Onderzoeken en organiseren aanvullende rechtsbescherming",
    )
    assert totalen[2022].pm_posten == ()
    # The seed's text: "over de periode 2021 t/m 2025 … een totaalbedrag van € 1.350.085".
    assert sum(t.totaal_inkomsten for t in totalen.values()) == Decimal("1350085")
    assert len(plan.themas) == 5


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"naam": ""}, "naam"),
        ({"jaren": [2023, 2022]}, "jaren"),
        ({"regels": [{"omschrijving": "x", "bedragen": {"2030": "5"}}]}, "regels[0].bedragen.2030"),
        (
            {"regels": [{"omschrijving": "x", "bedragen": {"2022": "-5"}}]},
            "regels[0].bedragen.2022",
        ),
        ({"regels": [{"omschrijving": "x", "bedragen": {"2022": 1.5}}]}, "regels[0].bedragen.2022"),
        (
            {"regels": [{"omschrijving": "x", "bedragen": {"2022": "1.005"}}]},
            "regels[0].bedragen.2022",
        ),
        (
            {"inkomsten": [{"omschrijving": "Rijk", "bedragen": {"2022": "pm"}}]},
            "inkomsten[0].bedragen.2022",
        ),
        ({"regels": [{"omschrijving": "", "bedragen": {}}]}, "regels[0].omschrijving"),
    ],
)
def test_foute_invoer_noemt_het_veld(wijziging, veld):
    data = {"naam": "Plan", "jaren": [2022, 2023], "regels": [], "inkomsten": [], **wijziging}
    with pytest.raises(bp.PlanFout) as fout:
        bp.maak_plan(data)
    assert fout.value.veld == veld


bedragen = st.one_of(
    st.just("pm"), st.decimals(min_value=0, max_value=10**7, places=2).map(lambda d: f"{d:.2f}")
)


@given(
    st.lists(st.dictionaries(st.sampled_from([2022, 2023, 2024]), bedragen), max_size=8),
    st.dictionaries(
        st.sampled_from([2022, 2023, 2024]),
        st.decimals(min_value=0, max_value=10**7, places=2).map(lambda d: f"{d:.2f}"),
    ),
)
def test_restant_is_inkomsten_min_kosten_en_pm_telt_niet(regels, inkomsten):
    plan = bp.maak_plan(
        {
            "naam": "P",
            "jaren": [2022, 2023, 2024],
            "regels": [{"omschrijving": f"r{i}", "bedragen": b} for i, b in enumerate(regels)],
            "inkomsten": [{"omschrijving": "Rijk", "bedragen": inkomsten}],
        }
    )
    for t in bp.per_jaar(plan):
        verwacht = sum(
            (Decimal(b[t.jaar]) for b in regels if b.get(t.jaar, "pm") != "pm"), Decimal(0)
        )
        assert t.totaal_kosten == verwacht
        assert t.restant == t.totaal_inkomsten - t.totaal_kosten
        assert len(t.pm_posten) == sum(1 for b in regels if b.get(t.jaar) == "pm")
