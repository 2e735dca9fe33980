"""The code lists of the cost catalogue: payers, value types, reliability grades, units.

Plain Python (no Django), shared by the catalogue schema, the calculator and the API.
"""

from typing import Literal

BETALERS: dict[str, str] = {
    "gemeente_wmo": "Gemeente (Wmo)",
    "gemeente_jeugd": "Gemeente (Jeugdwet)",
    "gemeente_participatiewet": "Gemeente (Participatiewet)",
    "gemeente_schuldhulp": "Gemeente (schuldhulpverlening)",
    "gemeente_doorbraakbudget": "Gemeente (doorbraakbudget)",
    "woningcorporatie": "Woningcorporatie",
    "zorgverzekeraar": "Zorgverzekeraar",
    "rijk": "Rijk",
    "politie_justitie": "Politie en justitie",
    "werkgever": "Werkgever",
    "huishouden": "Huishouden",
    "meerdere": "Meerdere betalers",
}

WAARDETYPEN: dict[str, str] = {
    "fiscaal": "Fiscaal (overheidsbudgetten en collectief gefinancierde zorg)",
    "economisch": "Economisch (inkomen, productie, kosten van bedrijven en corporaties)",
    "sociaal": "Sociaal (welzijn; in geld gewaardeerd of alleen beschreven)",
}

BETROUWBAARHEID: dict[str, str] = {
    "A": "A - officiële prijslijst of regelgeving",
    "B": "B - landelijke statistiek of gezaghebbend onderzoek, betrouwbaar geciteerd",
    "C": "C - onderzoek via een secundaire bron, of een regionaal tarief",
    "D": "D - enkele lokale schatting, nieuwsbericht of indicatieve waarde",
}

EENHEDEN: dict[str, str] = {
    "per_keer": "per keer",
    "per_uur": "per uur",
    "per_dag": "per dag",
    "per_etmaal": "per etmaal",
    "per_nacht": "per nacht",
    "per_maand": "per maand",
    "per_jaar": "per jaar",
    "per_traject": "per traject",
}

PER: dict[str, str] = {
    "persoon": "per persoon",
    "gezin": "per gezin",
    "huishouden": "per huishouden",
    "kind": "per kind",
    "zaak": "per zaak",
}

STATUSSEN: dict[str, str] = {
    "checked": "Bedrag in de genoemde bron nagegaan",
    "verify": "Nog niet aan een goede bron getoetst",
    "aanname": "Aanname of beschreven effect",
}

Betaler = Literal[
    "gemeente_wmo",
    "gemeente_jeugd",
    "gemeente_participatiewet",
    "gemeente_schuldhulp",
    "gemeente_doorbraakbudget",
    "woningcorporatie",
    "zorgverzekeraar",
    "rijk",
    "politie_justitie",
    "werkgever",
    "huishouden",
    "meerdere",
]
Waardetype = Literal["fiscaal", "economisch", "sociaal"]
Betrouwbaarheid = Literal["A", "B", "C", "D"]
Eenheid = Literal[
    "per_keer",
    "per_uur",
    "per_dag",
    "per_etmaal",
    "per_nacht",
    "per_maand",
    "per_jaar",
    "per_traject",
]
Status = Literal["checked", "verify", "aanname"]
Per = Literal["persoon", "gezin", "huishouden", "kind", "zaak"]
