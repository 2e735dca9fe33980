"""The demo: every case of the first gemeente carries a worked MKBA; the second gemeente none."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command

from doorbraak.casussen import demo
from doorbraak.mkba.models import Mkba

pytestmark = pytest.mark.django_db


@pytest.fixture
def geladen():
    call_command("demo")


def test_elke_demo_casus_van_peelstad_heeft_een_mkba(geladen):
    mkbas = Mkba.objects.select_related("casus__huishouden", "gemeente")
    per_huishouden = {m.casus.huishouden.naam: m for m in mkbas}
    assert set(per_huishouden) == {c.huishouden for c in demo.CASUSSEN}
    assert {m.gemeente.code for m in mkbas} == {demo.GEMEENTE[0]}
    for mkba in mkbas:
        assert mkba.uitkomst["aannames"]
        assert {mkba.rendement_score, mkba.legitimiteit_score, mkba.betrokkenheid_score} <= {
            -2, -1, 0, 1, 2,
        }  # fmt: skip


def test_schadebedrag_tegen_uithuiszetting_en_pleegzorg(geladen):
    """The seed 001 example: paying a damage bill of a few thousand euros is far cheaper."""
    mkba = Mkba.objects.get(casus__huishouden__naam="Gezin Peeters")
    u = mkba.uitkomst
    assert D(u["doorbraak"]["totaal"]) < D("10000")
    assert D(u["huidig_pad"]["totaal"]) > 3 * D(u["doorbraak"]["totaal"])
    assert D(u["saldo"]) > 0 and D(u["lezingen"]["voorzichtig"]["saldo"]) > 0
    assert u["terugverdientijd_maanden"] <= 6
    assert u["verkeerde_zak"]["verkeerde_zak"] is True  # the fund pays, Jeugd and others gain
    assert u["beschreven_effecten"] == ["Kinderen blijven thuis wonen en naar hun eigen school "
                                        "gaan (welzijn, niet in geld uitgedrukt) (Sem en Noor "
                                        "blijven thuis wonen)"]  # fmt: skip


def test_el_idrissi_trekt_de_hulpverleners_in_het_huidig_pad(geladen):
    mkba = Mkba.objects.get(casus__huishouden__naam="Gezin El Idrissi")
    assert mkba.invoer["hulpverleners_meenemen"] is True
    hulp = [p for p in mkba.uitkomst["posten"] if p["scenario"] == "huidig_pad"]
    assert len(hulp) == 8 * 3  # eight helpers with a cost estimate, three years
