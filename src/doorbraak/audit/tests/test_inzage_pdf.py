"""The AVG inzage as PDF reads as plain Dutch: stored structures (a rules check, an MKBA's input)
as an indented list of "label: waarde" with the labels of the knowledge base and the MKBA
catalogue, Dutch numbers and dates; the JSON file stays the literal, machine-readable copy."""

import json

import pytest

from doorbraak.audit.inzage import PDF_MAX_REGELS, Woorden, als_json, als_secties, woorden_voor
from doorbraak.web.tests.presentatie import vondsten

pytestmark = pytest.mark.django_db

INZAGE = {
    "gegevens": {
        "regelchecks": [
            {
                "vorm": "om_niet",
                "feiten": {"inwoner_gemeente": True, "leeftijd_aanvrager": 0, "leefvorm": None},
                "uitkomst": {
                    "peildatum": "2026-11-28",
                    "discontovoet": "0.0225",
                    "per_betaler": [{"betaler": "gemeente_wmo", "bedrag": "3858.84"}],
                    "bron": "standaarddiscontovoet 2,25 % vanaf 1 januari 2021",
                    "voorzieningen": ["wet_regelgeving"],
                    "leeg": {},
                },
            }
        ]
    },
    "ontvangers": [],
}


def _regels(woorden: Woorden) -> list[tuple[str, int, str]]:
    (_titel, records), _ontvangers = als_secties(INZAGE, woorden)
    return [(veld, d, r) for record in records for veld, lijnen in record for d, r in lijnen]


def test_structuren_als_ingesprongen_lijst_met_labels_en_nederlandse_getallen():
    woorden = Woorden(
        sleutels={"inwoner_gemeente": "ingeschreven in de BRP van deze gemeente"},
        waarden={"gemeente_wmo": "Gemeente (Wmo)"},
        keuzes={("vorm", "om_niet"): "Om niet"},
    )
    regels = _regels(woorden)
    assert ("Vorm", 0, "Om niet") in regels
    assert ("Feiten", 0, "Ingeschreven in de BRP van deze gemeente: ja") in regels
    assert ("Feiten", 0, "Leeftijd aanvrager: 0") in regels
    assert ("Feiten", 0, "Leefvorm: —") in regels
    uitkomst = [(d, r) for veld, d, r in regels if veld == "Uitkomst"]
    assert uitkomst == [
        (0, "Peildatum: 28-11-2026"),
        (0, "Discontovoet: 0,0225"),
        (0, "Per betaler:"),
        (1, "1."),
        (2, "Betaler: Gemeente (Wmo)"),
        (2, "Bedrag: 3.858,84"),
        (0, "Bron: standaarddiscontovoet 2,25 % vanaf 01-01-2021"),
        (0, "Voorzieningen:"),
        (1, "– wet regelgeving"),
        (0, "Leeg: —"),
    ]
    tekst = " ".join(r for _v, _d, r in regels)
    assert vondsten(tekst) == []
    # The JSON file keeps the stored structure as it is.
    literal = json.loads(als_json(INZAGE))
    assert literal["gegevens"]["regelchecks"][0]["feiten"]["inwoner_gemeente"] is True
    assert "gemeente_wmo" in als_json(INZAGE).decode()


def test_woorden_van_de_gemeente_komen_uit_kennisbank_catalogus_en_keuzelijsten(regisseur):
    woorden = woorden_voor(medewerker=regisseur)
    assert woorden.sleutel("inwoner_gemeente") == "Ingeschreven in de BRP van deze gemeente"
    assert woorden.waarde("betaler", "gemeente_doorbraakbudget") == "Gemeente (doorbraakbudget)"
    assert woorden.waarde("status", "betaald") == "Betaald"
    assert woorden.waarde("vorm", "om_niet") == "Om niet"
    assert "_" not in woorden.waarde("kengetal", "pleegvergoeding_maand")


def test_een_heel_lange_structuur_wordt_ingekort_met_een_verwijzing_naar_de_json():
    lang = {"gegevens": {"mkbas": [{"invoer": list(range(PDF_MAX_REGELS + 5))}]}, "ontvangers": []}
    (_titel, [[(_veld, regels)]]), _ = als_secties(lang, Woorden())
    assert len(regels) == PDF_MAX_REGELS + 1
    assert "volledig in het JSON-bestand" in regels[-1][1]
