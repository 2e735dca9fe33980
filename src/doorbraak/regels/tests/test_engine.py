"""The engine: Kleene logic, traces with sources, peildatum, lead time, discretion stays human."""

import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from doorbraak.regels import engine
from doorbraak.regels.tests.hulp import laad


def test_engine_importeert_niets_van_django():
    code = (
        "import sys; import doorbraak.regels.engine, doorbraak.regels.kennisbank, "
        "doorbraak.regels.uitvoer; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django geladen'"
    )
    uitslag = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert uitslag.returncode == 0, uitslag.stderr


@pytest.fixture
def kb(tmp_path):
    return laad(tmp_path).kennisbank


def check(kb, peildatum=date(2026, 3, 1), **feiten):
    return engine.beoordeel_alles(kb, kb.normaliseer(feiten), peildatum)


def test_zonder_feiten_onbekend_met_de_ontbrekende_feiten(kb):
    steun = check(kb).uitkomst("steun")
    assert steun.waarde == "onbekend"
    ontbrekend = {o.feit: o for o in steun.ontbrekende_feiten}
    assert set(ontbrekend) == {"woont_hier", "leeftijd", "inkomen"}
    assert ontbrekend["inkomen"].type == "bedrag"
    assert ontbrekend["inkomen"].vraag == "Wat is het inkomen?"
    assert ontbrekend["inkomen"].wie == "huishouden"
    assert ontbrekend["inkomen"].artikelen == ("Testwet, art. 3 (BWBR0000001, versie 2026-01-01)",)
    assert steun.redenen[0].startswith("Onbekend:")


def test_een_onvervulde_voorwaarde_beslist_ook_als_andere_feiten_ontbreken(kb):
    steun = check(kb, woont_hier=False).uitkomst("steun")
    assert steun.waarde == "niet_mogelijk"
    assert steun.ontbrekende_feiten == ()
    assert len(steun.stappen) == 1
    assert "Niet voldaan" in steun.redenen[1]
    assert "BWBR0000001" in steun.redenen[1]


def test_alle_voorwaarden_voldaan_is_mogelijk_met_volledige_trace(kb):
    steun = check(kb, woont_hier=True, leeftijd=30, inkomen="999.99").uitkomst("steun")
    assert steun.waarde == "mogelijk"
    assert [s.voldaan for s in steun.stappen] == [True, True, True]
    assert all("art." in r and "versie 2026-01-01" in r for r in steun.redenen[1:])


def test_parameter_volgt_de_peildatum(kb):
    feiten = {"woont_hier": True, "leeftijd": 30, "inkomen": 1100}
    assert check(kb, date(2025, 12, 31), **feiten).uitkomst("steun").waarde == "niet_mogelijk"
    nu = check(kb, date(2026, 1, 1), **feiten).uitkomst("steun")
    assert nu.waarde == "mogelijk"
    assert "€ 1.200,00 vanaf 01-01-2026" in nu.redenen[-1]


def test_peildatum_laat_alleen_geldende_regels_toe(kb):
    assert check(kb, date(2022, 6, 1)).uitkomst("oud") is not None
    assert check(kb, date(2026, 3, 1)).uitkomst("oud") is None
    assert check(kb, date(2019, 1, 1)).voorzieningen == ()


def test_uitzonderingsgrond_is_nooit_toegekend_maar_af_te_wegen(kb):
    grond = check(kb, woont_hier=False, nood=True).grond("hardheid")
    assert grond.toepasbaar == "ja"
    assert grond.redenen[0].startswith("Toepasbaar, af te wegen: Weeg de gevolgen")
    assert "geen toekenning" in grond.redenen[0]
    assert "toegekend" not in " ".join(grond.redenen)


def test_uitzonderingsgrond_onbekend_zolang_de_voorziening_onbekend_is(kb):
    grond = check(kb, nood=True).grond("hardheid")
    assert grond.toepasbaar == "onbekend"
    assert {"woont_hier", "leeftijd", "inkomen"} <= grond.ontbrekende_namen


def test_niet_snel_genoeg_bij_crisis(kb):
    steun = check(kb, woont_hier=True, leeftijd=30, inkomen=0, urgentie="crisis").uitkomst("steun")
    assert steun.tijdigheid.niet_snel_genoeg is True
    assert steun.tijdigheid.termijn_dagen == 7
    assert steun.tijdigheid.reden.startswith("Niet snel genoeg: doorlooptijd 56 dagen")


def test_spoedprocedure_is_wel_snel_genoeg(kb):
    feiten = {"woont_hier": True, "leeftijd": 30, "inkomen": 0, "urgentie": "crisis", "nood": True}
    steun = check(kb, **feiten).uitkomst("steun")
    assert steun.tijdigheid.doorlooptijd_dagen == 3
    assert steun.tijdigheid.niet_snel_genoeg is False


def test_opgegeven_dagen_gaan_voor_urgentie(kb):
    feiten = {"woont_hier": True, "leeftijd": 30, "inkomen": 0, "urgentie": "normaal"}
    assert check(kb, **feiten).uitkomst("steun").tijdigheid.niet_snel_genoeg is None
    steun = check(kb, **feiten, dagen_beschikbaar=60).uitkomst("steun")
    assert steun.tijdigheid.niet_snel_genoeg is False


def test_hoge_administratieve_last_wordt_gemeld(kb):
    assert check(kb).uitkomst("steun").hoge_administratieve_last


@pytest.mark.parametrize(
    ("naam", "waarde", "reden"),
    [
        ("leeftijd", "oud", "Geef een getal."),
        ("leeftijd", True, "Geef een getal."),
        ("inkomen", "10.555", "Een bedrag heeft ten hoogste twee decimalen."),
        ("woont_hier", "ja", "Geef ja (true) of nee (false)."),
        ("leefvorm", "los", "Kies een van: alleen, samen."),
        ("bestaat_niet", 1, "Onbekend feit"),
    ],
)
def test_verkeerd_feit_noemt_naam_en_reden(kb, naam, waarde, reden):
    with pytest.raises(engine.OngeldigFeit) as fout:
        kb.normaliseer({naam: waarde})
    assert fout.value.naam == naam
    assert fout.value.reden.startswith(reden)


def test_bedragen_zijn_decimal_zonder_float_artefacten(kb):
    assert kb.normaliseer({"inkomen": 0.1})["inkomen"] == Decimal("0.10")
    assert engine.formatteer(Decimal("1419.46"), "bedrag") == "€ 1.419,46"
