# ruff: noqa: E501  (YAML test data reads best on one line per fact)
"""Small knowledge bases written as YAML in a temporary folder, for the engine tests."""

from pathlib import Path
from textwrap import dedent

from doorbraak.regels import kennisbank

FEITEN = """
termijn_per_urgentie: {crisis: 7, hoog: 28}
feiten:
  urgentie: {type: keuze, keuzes: [normaal, hoog, crisis], omschrijving: urgentie, vraag: "Hoe urgent?", wie: casus}
  dagen_beschikbaar: {type: getal, omschrijving: dagen beschikbaar, vraag: "Hoeveel dagen?", wie: professional}
  leeftijd: {type: getal, omschrijving: leeftijd, vraag: "Hoe oud is de aanvrager?", wie: register}
  inkomen: {type: bedrag, omschrijving: inkomen per maand, vraag: "Wat is het inkomen?", wie: huishouden}
  woont_hier: {type: ja_nee, omschrijving: woont in de gemeente, vraag: "Woont de aanvrager hier?", wie: register}
  nood: {type: ja_nee, omschrijving: acute nood, vraag: "Is er acute nood?", wie: professional}
  leefvorm: {type: keuze, keuzes: [alleen, samen], omschrijving: leefvorm, vraag: "Alleen of samen?", wie: huishouden}
"""

REGELING = """
code: TST
naam: Testwet
soort: wet
bron: {bwb_id: BWBR0000001, url: "https://wetten.overheid.nl/BWBR0000001/2026-01-01", versie: 2026-01-01}
geldig_van: 2020-01-01
doel: Testen.
parameters:
  grens:
    omschrijving: de inkomensgrens
    type: bedrag
    waarden:
      - {waarde: 1000, geldig_van: 2020-01-01, geldig_tot: 2025-12-31, artikel: "3"}
      - {waarde: 1200, geldig_van: 2026-01-01, artikel: "3", versie: 2026-01-01}
voorzieningen:
  - code: steun
    naam: Steun
    artikel: "2"
    voorwaarden:
      all:
        - {feit: woont_hier, is: true}
        - {feit: leeftijd, ten_minste: 18}
        - {feit: inkomen, minder_dan: {parameter: grens}, artikel: "3"}
    doorlooptijd_dagen: 56
    spoed: {dagen: 3, als: {feit: nood, is: true}, toelichting: spoedprocedure}
    administratieve_last: hoog
  - code: oud
    naam: Oude regeling
    artikel: "9"
    geldig_tot: 2022-12-31
    voorwaarden: {feit: woont_hier, is: true}
    doorlooptijd_dagen: 10
    administratieve_last: laag
uitzonderingsgronden:
  - code: hardheid
    naam: Hardheidsclausule
    soort: hardheidsclausule
    artikel: "7"
    wanneer:
      all:
        - {uitkomst_van: steun, is: niet_mogelijk}
        - {feit: nood, is: true}
    afweging: Weeg de gevolgen voor het huishouden.
voorbeelden:
  - naam: alles goed
    peildatum: 2026-03-01
    feiten: {woont_hier: true, leeftijd: 30, inkomen: 500}
    verwacht: {steun: mogelijk, hardheid: nee}
"""


def schrijf(map_: Path, bestanden: dict[str, str]) -> Path:
    map_.mkdir(parents=True, exist_ok=True)
    for naam, inhoud in bestanden.items():
        (map_ / naam).write_text(dedent(inhoud), encoding="utf-8")
    return map_


def laad(tmp_path: Path, regeling: str = REGELING, **extra: str) -> kennisbank.Geladen:
    map_ = schrijf(tmp_path / "kennisbank", {"feiten.yaml": FEITEN, "tst.yaml": regeling, **extra})
    return kennisbank.laad([map_])
