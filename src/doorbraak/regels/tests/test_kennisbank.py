"""The shipped knowledge base and its checker: examples, coverage, broken files, gemeente files."""

import subprocess
import sys
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command

from doorbraak.regels import kennisbank
from doorbraak.regels.tests.hulp import FEITEN, REGELING, laad, schrijf

GEMEENTEN = kennisbank.STANDAARD_MAP / "gemeenten"


@pytest.fixture(scope="module")
def standaard():
    return kennisbank.laad([kennisbank.STANDAARD_MAP])


def test_meegeleverde_kennisbank_is_geldig_en_haar_voorbeelden_kloppen(standaard):
    assert kennisbank.voer_voorbeelden_uit(standaard) == []
    codes = {r.code for r in standaard.kennisbank.regelingen}
    assert codes == {"PW", "WMO", "JW", "LV", "WGS", "AWB", "FW"}


@pytest.mark.parametrize("map_", sorted(p for p in GEMEENTEN.iterdir() if p.is_dir()))
def test_voorbeelden_van_gemeentebestanden_kloppen(map_):
    geladen = kennisbank.laad([kennisbank.STANDAARD_MAP, map_])
    assert kennisbank.voer_voorbeelden_uit(geladen, alleen_map=map_.name) == []


def test_elke_voorziening_heeft_voorbeelden_voor_alle_drie_de_uitkomsten(standaard):
    gezien = defaultdict(set)
    for vb in standaard.voorbeelden:
        for code, uitkomst in vb.voorbeeld.verwacht.items():
            gezien[code].add(uitkomst)
    for regeling in standaard.kennisbank.regelingen:
        for v in regeling.voorzieningen:
            assert gezien[v.code] >= {"mogelijk", "niet_mogelijk", "onbekend"}, v.code


def test_elke_uitzonderingsgrond_heeft_een_voorbeeld_toepasbaar_en_onbekend(standaard):
    gezien = defaultdict(set)
    for vb in standaard.voorbeelden:
        for code, uitkomst in vb.voorbeeld.verwacht.items():
            gezien[code].add(uitkomst)
    for regeling in standaard.kennisbank.regelingen:
        for g in regeling.uitzonderingsgronden:
            if g.soort == "hardheidsclausule" and g.bron.soort == "verordening":
                # exists only once a gemeente names it (CVDR id): never applicable by default
                assert not g.bron.cvdr_id and gezien[g.code] == {"onbekend"}, g.code
                continue
            assert gezien[g.code] >= {"ja", "onbekend"}, g.code


def test_elke_regel_heeft_een_bron_of_is_gemarkeerd(standaard):
    for r in standaard.kennisbank.regelingen:
        for item in (*r.voorzieningen, *r.uitzonderingsgronden):
            b = item.bron
            assert b.artikel, item.code
            assert b.bwb_id or b.cvdr_id or b.controle, item.code


def fouten(tmp_path, regeling=REGELING, **extra):
    with pytest.raises(kennisbank.KennisbankOngeldig) as fout:
        laad(tmp_path, regeling, **extra)
    return [(f.bestand, f.veld, f.melding) for f in fout.value.fouten]


def test_onbekend_feit_noemt_bestand_en_veld(tmp_path):
    kapot = REGELING.replace("{feit: leeftijd, ten_minste: 18}", "{feit: lengte, ten_minste: 18}")
    [(bestand, veld, melding)] = fouten(tmp_path, kapot)
    assert bestand == "kennisbank/tst.yaml"
    assert veld == "voorzieningen[0].voorwaarden.all[1].feit"
    assert "lengte" in melding


def test_schemafout_noemt_het_veld(tmp_path):
    kapot = REGELING.replace("administratieve_last: hoog", "administratieve_last: enorm")
    [(bestand, veld, _)] = fouten(tmp_path, kapot)
    assert (bestand, veld) == ("kennisbank/tst.yaml", "voorzieningen[0].administratieve_last")


def test_twee_operatoren_in_een_vergelijking(tmp_path):
    kapot = REGELING.replace(
        "{feit: woont_hier, is: true}", "{feit: woont_hier, is: true, in: [a]}"
    )
    gevonden = fouten(tmp_path, kapot)
    assert ("kennisbank/tst.yaml", "voorzieningen[0].voorwaarden.all[0]") in {
        (b, v) for b, v, _ in gevonden
    }


def test_operator_moet_bij_het_feittype_passen(tmp_path):
    kapot = REGELING.replace("{feit: woont_hier, is: true}", "{feit: woont_hier, ten_minste: 3}")
    gevonden = fouten(tmp_path, kapot)
    veld, melding = gevonden[0][1:]
    assert veld == "voorzieningen[0].voorwaarden.all[0].ten_minste"
    assert "past niet bij feit woont_hier (ja_nee)" in melding


def test_bron_zonder_bwb_of_cvdr_moet_gemarkeerd_zijn(tmp_path):
    kapot = REGELING.replace("bwb_id: BWBR0000001, ", "")
    gevonden = fouten(tmp_path, kapot)
    assert any("geen BWB- of CVDR-id" in m for _, _, m in gevonden)
    gemarkeerd = kapot.replace(
        "doel: Testen.", "doel: Testen.\nzekerheid: te_controleren\ncontrole: id opzoeken"
    )
    assert laad(tmp_path / "b", gemarkeerd).kennisbank.regelingen


def test_parameterwaarden_moeten_aansluiten(tmp_path):
    kapot = REGELING.replace("geldig_tot: 2025-12-31", "geldig_tot: 2025-11-30")
    [(_, veld, melding)] = fouten(tmp_path, kapot)
    assert veld == "parameters.grens.waarden[0]"
    assert "sluiten niet aan" in melding


def test_ongeldige_yaml_noemt_de_regel(tmp_path):
    [(bestand, veld, _)] = fouten(tmp_path, "code: [TST\n")
    assert bestand == "kennisbank/tst.yaml"
    assert veld.startswith("regel ")


def test_verkeerd_voorbeeld_wordt_gemeld(tmp_path):
    kapot = REGELING.replace("verwacht: {steun: mogelijk", "verwacht: {steun: niet_mogelijk")
    geladen = laad(tmp_path, kapot)
    [fout] = kennisbank.voer_voorbeelden_uit(geladen)
    assert (fout.bestand, fout.veld) == ("kennisbank/tst.yaml", "voorbeelden[0].verwacht.steun")
    assert "verwacht niet_mogelijk, uitkomst mogelijk" in fout.melding


def test_gemeente_breidt_uit_en_vervangt_per_code(tmp_path):
    basis = schrijf(tmp_path / "kennisbank", {"feiten.yaml": FEITEN, "tst.yaml": REGELING})
    gemeente = schrijf(
        tmp_path / "GM0001",
        {
            "eigen.yaml": """
                uitbreiding_van: TST
                naam: Verordening Testgemeente
                soort: verordening
                bron: {cvdr_id: CVDR123456, url: "https://lokaleregelgeving.overheid.nl/CVDR123456"}
                parameters:
                  grens:
                    omschrijving: de eigen grens
                    type: bedrag
                    waarden: [{waarde: 2000, geldig_van: 2020-01-01, artikel: "5"}]
                uitzonderingsgronden:
                  - code: hardheid
                    naam: Eigen hardheidsclausule
                    soort: hardheidsclausule
                    artikel: "12"
                    wanneer: {feit: nood, is: true}
                    afweging: Weeg het bijzondere van dit geval.
                voorbeelden:
                  - naam: inkomen 1500 kan hier
                    peildatum: 2026-03-01
                    feiten: {woont_hier: true, leeftijd: 30, inkomen: 1500}
                    verwacht: {steun: mogelijk}
            """
        },
    )
    geladen = kennisbank.laad([basis, gemeente])
    assert kennisbank.voer_voorbeelden_uit(geladen, alleen_map="GM0001") == []
    [tst] = geladen.kennisbank.regelingen
    [grond] = tst.uitzonderingsgronden
    assert grond.naam == "Eigen hardheidsclausule"
    assert grond.bron.cvdr_id == "CVDR123456"
    assert grond.bron.aanhaling() == "Verordening Testgemeente, art. 12 (CVDR123456)"
    assert tst.bestanden == ("kennisbank/tst.yaml", "GM0001/eigen.yaml")
    assert geladen.kennisbank.versie != kennisbank.laad([basis]).kennisbank.versie


def test_commando_valideer_slaagt_op_de_meegeleverde_bestanden(capsys):
    call_command("regels", "valideer")
    uit = capsys.readouterr().out
    assert "Kennisbank in orde." in uit
    assert "standaard: 7 regelingen" in uit


def test_commando_valideer_faalt_op_kapot_bestand_met_bestand_en_veld(tmp_path):
    kapot = REGELING.replace("administratieve_last: hoog", "administratieve_last: enorm")
    map_ = schrijf(tmp_path / "kennisbank", {"feiten.yaml": FEITEN, "tst.yaml": kapot})
    with pytest.raises(CommandError) as fout:
        call_command("regels", "valideer", "--standaard", str(map_), "--gemeente", str(tmp_path))
    assert "kennisbank/tst.yaml: voorzieningen[0].administratieve_last" in str(fout.value)


def test_commando_geeft_niet_nul_exitcode(tmp_path):
    kapot = REGELING.replace("{feit: leeftijd, ten_minste: 18}", "{feit: lengte, ten_minste: 18}")
    map_ = schrijf(tmp_path / "kennisbank", {"feiten.yaml": FEITEN, "tst.yaml": kapot})
    uitslag = subprocess.run(
        [
            sys.executable,
            "-m",
            "doorbraak.config.cli",
            "regels",
            "valideer",
            "--standaard",
            str(map_),
        ],
        capture_output=True,
        text=True,
        env={"DOORBRAAK_DEMO": "1", "PATH": "/usr/bin:/bin"},
    )
    assert uitslag.returncode != 0
    assert "kennisbank/tst.yaml: voorzieningen[0].voorwaarden.all[1].feit" in uitslag.stderr
