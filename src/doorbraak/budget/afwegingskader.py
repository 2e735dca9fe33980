"""The afwegingskader of a fund as data: criteria and how they combine (plain Python).

A rule is a criterion code, or {"alle": [...]} (EN), or {"een_van": [...]} (EN/OF). The pilot's
(seed 001, Bijlage 1): noodzakelijk EN (schade bij niet-inzet EN/OF hogere kosten op termijn) EN
regulier niet mogelijk.
"""

from collections.abc import Mapping
from typing import Any

CRITERIA: dict[str, str] = {
    "voorliggend_onvoldoende": (
        "Voorliggende voorzieningen zijn onvoldoende, niet snel genoeg of geven te hoge "
        "administratieve lasten"
    ),
    "noodzakelijk": "De inzet is noodzakelijk",
    "ernst": "De ernst van de situatie rechtvaardigt de inzet",
    "schade_bij_niet_inzet": (
        "Niet inzetten levert onverantwoorde schade op (bijv. onveilige situaties voor kinderen)"
    ),
    "hogere_kosten_op_termijn": "Niet inzetten leidt tot hogere kosten op termijn",
    "regulier_niet_mogelijk": "Regulier niet mogelijk door wet- of regelgeving",
}


class OngeldigKader(ValueError):
    pass


def codes_in(regel: Any) -> set[str]:
    """Every criterion a rule mentions; raises OngeldigKader on an unknown code or shape."""
    if isinstance(regel, str):
        if regel not in CRITERIA:
            raise OngeldigKader(f"Onbekend criterium '{regel}'.")
        return {regel}
    if isinstance(regel, Mapping) and len(regel) == 1:
        (soort, delen), *_ = regel.items()
        if soort in ("alle", "een_van") and isinstance(delen, list) and delen:
            return set().union(*(codes_in(d) for d in delen))
    raise OngeldigKader('Een regel is een criterium, {"alle": [...]} of {"een_van": [...]}.')


def voldaan(regel: Any, criteria: Mapping[str, bool]) -> bool:
    if isinstance(regel, str):
        return criteria.get(regel) is True
    (soort, delen), *_ = regel.items()
    uitkomsten = (voldaan(d, criteria) for d in delen)
    return all(uitkomsten) if soort == "alle" else any(uitkomsten)


def omschrijving(regel: Any) -> str:
    """The rule in words: 'noodzakelijk EN (schade_bij_niet_inzet EN/OF ...)'."""
    if isinstance(regel, str):
        return regel
    (soort, delen), *_ = regel.items()
    woord = " EN " if soort == "alle" else " EN/OF "
    tekst = woord.join(omschrijving(d) for d in delen)
    return f"({tekst})" if len(delen) > 1 else tekst


def in_woorden(regel: Any) -> str:
    """The rule as a reader wants it: the criteria's texts joined by 'en' / 'en/of'."""
    if isinstance(regel, str):
        tekst = CRITERIA.get(regel, regel)
        return tekst[:1].lower() + tekst[1:]
    (soort, delen), *_ = regel.items()
    woord = " en " if soort == "alle" else " en/of "
    tekst = woord.join(in_woorden(d) for d in delen)
    return f"({tekst})" if len(delen) > 1 and soort == "een_van" else tekst


def ontbrekend(regel: Any, criteria: Mapping[str, bool]) -> list[str]:
    """The criteria not met that would make the rule hold (for a clear refusal)."""
    if voldaan(regel, criteria):
        return []
    if isinstance(regel, str):
        return [regel]
    (soort, delen), *_ = regel.items()
    if soort == "alle":
        return [c for d in delen for c in ontbrekend(d, criteria)]
    return sorted(codes_in(regel) - {c for c, v in criteria.items() if v})
