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
    assert ontbrekend["inkomen"].artikelen == ("Testwet, art. 3 (BWBR0000001, versie 01-01-2026)",)
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
    assert all("art." in r and "versie 01-01-2026" in r for r in steun.redenen[1:])


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


# --- issue 13: discretion from its source, emergency routes, versions by peildatum -----------

VERORDENING = """
uitbreiding_van: TST
naam: Verordening Testgemeente
soort: verordening
bron: {cvdr_id: CVDR123456, url: "https://lokaleregelgeving.overheid.nl/CVDR123456"}
voorzieningen:
  - code: lokaal
    naam: Lokale steun
    artikel: "4"
    voorwaarden:
      all:
        - {feit: woont_hier, is: true, wettelijk: true, tekst: "De aanvrager woont hier"}
        - {feit: leeftijd, ten_minste: 65, tekst: "De aanvrager is 65 of ouder"}
    doorlooptijd_dagen: 28
    administratieve_last: laag
uitzonderingsgronden:
  - code: lokale_clausule
    naam: Hardheidsclausule Testgemeente
    soort: hardheidsclausule
    artikel: "12"
    wanneer:
      all:
        - {uitkomst_van: lokaal, is: niet_mogelijk}
        - {feit: nood, is: true, tekst: "Bijzondere omstandigheden"}
    afweging: Weeg de onbillijkheid.
"""

WETTELIJK = """
uitbreiding_van: TST
naam: Verordening Testgemeente
soort: verordening
bron: {cvdr_id: CVDR123456}
uitzonderingsgronden:
  - code: lokale_clausule
    naam: Hardheidsclausule Testgemeente
    soort: hardheidsclausule
    artikel: "12"
    wanneer:
      all:
        - {uitkomst_van: steun, is: niet_mogelijk}
        - {feit: nood, is: true, tekst: "Bijzondere omstandigheden"}
    afweging: Weeg de onbillijkheid.
"""


def test_clausule_van_een_verordening_zet_alleen_haar_eigen_voorwaarde_opzij(tmp_path):
    kb = laad(tmp_path, **{"verordening.yaml": VERORDENING}).kennisbank
    # blocked by the verordening's own age condition (the statutory 'woont hier' holds): ja
    ja = check(kb, woont_hier=True, leeftijd=40, nood=True).grond("lokale_clausule")
    assert ja.toepasbaar == "ja"
    assert "voorwaarde van de verordening zelf" in ja.redenen[1]
    # the same clausule never sets aside a statutory condition: nee
    nee = check(kb, woont_hier=False, leeftijd=40, nood=True).grond("lokale_clausule")
    assert nee.toepasbaar == "nee"
    assert "wettelijke voorwaarde" in nee.redenen[1]
    # still unknown whether the statutory condition holds: onbekend, asking for it
    open_ = check(kb, leeftijd=40, nood=True).grond("lokale_clausule")
    assert open_.toepasbaar == "onbekend"
    assert "woont_hier" in open_.ontbrekende_namen


def test_clausule_van_een_verordening_tegen_een_wettelijke_blokkade_is_nee(tmp_path):
    kb = laad(tmp_path, **{"verordening.yaml": WETTELIJK}).kennisbank
    # 'steun' is blocked by the Testwet's own conditions (age, income): no verordening can help
    grond = check(kb, woont_hier=True, leeftijd=16, inkomen=0, nood=True).grond("lokale_clausule")
    assert grond.toepasbaar == "nee"


def test_clausule_zonder_cvdr_id_is_niet_ingesteld(tmp_path):
    zonder = VERORDENING.replace(
        'bron: {cvdr_id: CVDR123456, url: "https://lokaleregelgeving.overheid.nl/CVDR123456"}',
        "bron: {bwb_id: BWBR0000001}",
    )
    kb = laad(tmp_path, **{"verordening.yaml": zonder}).kennisbank
    grond = check(kb, woont_hier=True, leeftijd=40, nood=True).grond("lokale_clausule")
    assert grond.toepasbaar == "onbekend"
    assert grond.lacune == engine.NIET_INGESTELD
    assert "niet ingesteld" in grond.redenen[0]


@pytest.mark.parametrize(
    ("aanvraag", "dagen"),
    [
        (date(2026, 12, 24), 6),  # Thu: Christmas, weekend -> Mon 28, Tue 29, Wed 30
        (date(2026, 11, 28), 4),  # Sat -> Mon 30, Tue 1, Wed 2
        (date(2026, 11, 23), 3),  # Mon -> Thu
        (date(2027, 5, 4), 7),  # Tue; 5 May (Atw) and Ascension Thu 6 May -> Fri 7, Mon, Tue 11
    ],
)
def test_werkdagen_slaan_weekend_en_feestdagen_over(aanvraag, dagen):
    assert engine.werkdagen_tot(aanvraag, 3) == dagen


def test_versie_van_de_peildatum_wordt_aangehaald():
    bron = engine.Bron(
        "PW",
        "Participatiewet",
        "wet",
        "21",
        bwb_id="BWBR0015703",
        url="https://wetten.overheid.nl/BWBR0015703/2026-07-01",
        versie=date(2026, 7, 1),
        versies=(date(2025, 1, 1), date(2025, 7, 1), date(2026, 1, 1), date(2026, 7, 1)),
    )
    oud = bron.op(date(2025, 12, 31))
    assert oud.versie == date(2025, 7, 1)
    assert oud.url.endswith("/2025-07-01")
    assert "versie 01-07-2025" in oud.aanhaling()
    assert bron.op(date(2027, 1, 1)).versie == date(2026, 7, 1)


def test_niet_gecodeerd_is_onbekend_nooit_niet_mogelijk(tmp_path):
    regeling = laad(tmp_path).kennisbank  # noqa: F841 (the Testwet as shipped)
    gecodeerd = __import__("doorbraak.regels.tests.hulp", fromlist=["REGELING"]).REGELING.replace(
        "    spoed: {dagen: 3", "    gecodeerd_van: 2026-01-01\n    spoed: {dagen: 3"
    )
    kb = laad(tmp_path / "b", gecodeerd).kennisbank
    steun = check(kb, date(2025, 6, 1), woont_hier=False).uitkomst("steun")
    assert steun.waarde == "onbekend"
    assert steun.lacune == engine.NIET_GECODEERD
    # the clausule referring to it is not triggered by a coding gap either
    assert check(kb, date(2025, 6, 1), nood=True).grond("hardheid").toepasbaar == "onbekend"


def test_verouderd_bedrag_geeft_een_waarschuwing_in_de_check(tmp_path):
    met_herziening = __import__(
        "doorbraak.regels.tests.hulp", fromlist=["REGELING"]
    ).REGELING.replace(
        "    type: bedrag\n    waarden:", "    type: bedrag\n    herzien: jaarlijks\n    waarden:"
    )
    kb = laad(tmp_path, met_herziening).kennisbank
    feiten = {"woont_hier": True, "leeftijd": 30, "inkomen": 100}
    assert check(kb, date(2026, 6, 1), **feiten).waarschuwingen == ()
    laat = check(kb, date(2027, 2, 1), **feiten)
    assert len(laat.waarschuwingen) == 1
    assert "jaarlijks herzien" in laat.waarschuwingen[0]
    assert laat.waarschuwingen[0] in " ".join(laat.uitkomst("steun").redenen)


def test_vragen_gerangschikt_naar_hoeveel_uitkomsten_ze_beslissen(kb):
    r = check(kb, nood=True)
    tellingen = [o.beslist for o in r.ontbrekende_feiten]
    assert tellingen == sorted(tellingen, reverse=True)
    # woont_hier decides 'steun' and, through it, the clausule: more than 'leeftijd' alone
    assert r.ontbrekende_feiten[0].beslist >= 2


def test_keuzes_en_verwijzingen_lezen_als_tekst_niet_als_code(tmp_path):
    feiten = __import__("doorbraak.regels.tests.hulp", fromlist=["FEITEN"]).FEITEN.replace(
        "leefvorm: {type: keuze, keuzes: [alleen, samen],",
        "leefvorm: {type: keuze, keuzes: [alleen, samen], labels: {samen: met partner},",
    )
    regeling = __import__("doorbraak.regels.tests.hulp", fromlist=["REGELING"]).REGELING.replace(
        "        - {feit: leeftijd, ten_minste: 18}",
        "        - {feit: leeftijd, ten_minste: 18}\n        - {feit: leefvorm, in: [samen]}",
    )
    from doorbraak.regels import kennisbank
    from doorbraak.regels.tests.hulp import schrijf

    map_ = schrijf(tmp_path / "kb", {"feiten.yaml": feiten, "tst.yaml": regeling})
    kb = kennisbank.laad([map_]).kennisbank
    r = check(kb, woont_hier=True, leeftijd=30, leefvorm="samen", inkomen=0, nood=True)
    tekst = " ".join(r.uitkomst("steun").redenen + r.grond("hardheid").redenen)
    assert "met partner" in tekst and "samen" not in tekst.replace("met partner", "")
    assert "Steun" in " ".join(r.grond("hardheid").redenen)
