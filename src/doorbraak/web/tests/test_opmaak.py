"""One formatting module for every screen, PDF and text: Dutch amounts, numbers, percentages and
one date style (dd-mm-jjjj), also through the template filters."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from doorbraak import opmaak


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        (Decimal("46394.86"), "€ 46.394,86"),
        (Decimal("5000"), "€ 5.000,00"),
        (Decimal("0.005"), "€ 0,01"),  # ROUND_HALF_UP, not banker's rounding
        (Decimal("-1226.585"), "€ -1.226,59"),
        (None, "—"),
        ("<5", "<5"),
    ],
)
def test_euro(waarde, verwacht):
    assert opmaak.euro(waarde) == verwacht


@pytest.mark.parametrize(
    ("waarde", "plaatsen", "verwacht"),
    [
        (Decimal("0.5"), None, "0,5"),
        (Decimal("40"), None, "40"),
        (Decimal("12500"), None, "12.500"),
        (Decimal("2.25"), None, "2,25"),
        (Decimal("3.14159"), None, "3,14"),
        (Decimal("7"), 1, "7,0"),
        (12.25, 1, "12,3"),
        (None, None, "—"),
    ],
)
def test_getal(waarde, plaatsen, verwacht):
    assert opmaak.getal(waarde, plaatsen) == verwacht


@pytest.mark.parametrize(
    ("fractie", "verwacht"),
    [(Decimal("0.0225"), "2,25%"), (Decimal("0.5"), "50%"), (Decimal("1"), "100%"), (None, "—")],
)
def test_procent(fractie, verwacht):
    assert opmaak.procent(fractie) == verwacht


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2))
def test_decimaal_leest_terug_als_hetzelfde_getal(waarde):
    tekst = opmaak.decimaal(waarde)
    assert Decimal(tekst.replace(".", "").replace(",", ".")) == waarde
    geheel = tekst.lstrip("-").split(",")[0]
    assert all(len(groep) == 3 for groep in geheel.split(".")[1:])


def test_een_datumstijl_ook_voor_momenten_in_de_lokale_tijd(settings):
    moment = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)  # 1 dec, 00:30 NL
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert opmaak.datum(datetime.date(2026, 12, 1)) == "01-12-2026"
    assert opmaak.datum(moment) == "01-12-2026"
    assert opmaak.datumtijd(moment) == "01-12-2026 00:30"
    assert opmaak.datumtijd(moment, seconden=True) == "01-12-2026 00:30:00"
    assert opmaak.tijd(moment) == "00:30"
    assert opmaak.uit_iso("2026-12-01") == "01-12-2026"
    assert opmaak.uit_iso(moment.isoformat()) == "01-12-2026 00:30"
    assert opmaak.uit_iso("geen datum") == "geen datum"
    assert opmaak.datum(None) == "—"
    with translation.override("nl"):
        assert opmaak.dagdatum(datetime.date(2026, 12, 1)) == "dinsdag 01-12-2026"
        assert opmaak.maand(datetime.date(2026, 11, 28)) == "november 2026"
    with translation.override("en"):
        assert opmaak.dagdatum(datetime.date(2026, 12, 1)) == "Tuesday 01-12-2026"


def test_filters_in_een_sjabloon():
    sjabloon = engines["django"].from_string(
        "{% load velden %}{{ d|datum }}|{{ m|datumtijd }}|{{ d|dagdatum }}|{{ d|maand }}|"
        "{{ f|procent }}|{{ g|getal:1 }}|{{ b|euro }}|{{ m|tijd }}"
    )
    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    with translation.override("nl"):
        tekst = sjabloon.render(
            {
                "d": datetime.date(2026, 12, 1),
                "m": datetime.datetime(2026, 12, 1, 14, 5, tzinfo=amsterdam),
                "f": Decimal("0.0225"),
                "g": Decimal("3.25"),
                "b": Decimal("1350"),
            }
        )
    assert tekst == (
        "01-12-2026|01-12-2026 14:05|dinsdag 01-12-2026|december 2026|2,25%|3,3|€ 1.350,00|14:05"
    )


def test_keuze_geeft_het_label_in_kleine_letters_in_het_nederlands_ook_in_een_engelse_sessie():
    from doorbraak.budget.models import Vorm
    from doorbraak.organisaties.models import MandaatRol
    from doorbraak.overleg.models import Categorie

    with translation.override("en"):
        assert opmaak.keuze(Vorm, "om_niet") == "om niet"
        assert opmaak.keuze(Categorie, "financien") == "financiën"
        assert opmaak.keuze(MandaatRol, "go") == "formele go geven"
    assert opmaak.keuze(Vorm, "onbekend") == "onbekend"  # an unknown value stays as it is


def test_labels_van_per_taal_en_alleen_lezen():
    """Kept per process, but per language: an English page after a Dutch one gets English
    labels, and the Dutch ones stay Dutch; the shared mapping cannot be changed by a caller."""
    from doorbraak.casussen.status import CasusStatus

    with translation.override("nl"):
        nl = opmaak.labels_van(CasusStatus)
    with translation.override("en"):
        en = opmaak.labels_van(CasusStatus)
    with translation.override("nl"):
        assert opmaak.labels_van(CasusStatus) == nl == opmaak.labels(CasusStatus.choices)
    assert nl["aangemeld"] == "Aangemeld"
    assert en["aangemeld"] != nl["aangemeld"]
    with translation.override("en"):
        assert en == opmaak.labels(CasusStatus.choices)
    with pytest.raises(TypeError):
        nl["aangemeld"] = "Gewijzigd"
