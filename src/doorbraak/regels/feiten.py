"""Facts the case already knows, derived on the Django side (the engine takes plain values).

Only what the case file states for certain is derived: ages from dates of birth, the size of the
household, the urgency of the case, and the leefvorm when there is exactly one adult. Anything
ambiguous (two adults: partners or parent and grandparent?) stays unknown for the professional
to answer — never a silent default.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from doorbraak.casussen.models import Casus, Gezinslid
from doorbraak.regels.engine import Waarde


@dataclass(frozen=True)
class Afgeleid:
    waarde: Waarde
    herkomst: str


def leeftijd(geboortedatum: date, peildatum: date) -> int:
    """Age in whole years on the peildatum."""
    jaren = peildatum.year - geboortedatum.year
    if (peildatum.month, peildatum.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren


def feiten_uit_casus(
    casus: Casus, gezinsleden: Iterable[Gezinslid], peildatum: date
) -> dict[str, Afgeleid]:
    leden = [(lid, leeftijd(lid.geboortedatum, peildatum)) for lid in gezinsleden]
    leden = [(lid, jaren) for lid, jaren in leden if jaren >= 0]  # born after the peildatum
    volwassenen = [(lid, j) for lid, j in leden if j >= 18]
    minderjarigen = [(lid, j) for lid, j in leden if j < 18]
    huishouden = "afgeleid uit de gezinsleden in het dossier"
    uit = {
        "urgentie": Afgeleid(casus.urgentie, "urgentie van de casus"),
        "aantal_gezinsleden": Afgeleid(Decimal(len(leden)), huishouden),
        "aantal_minderjarigen": Afgeleid(Decimal(len(minderjarigen)), huishouden),
    }
    if len(volwassenen) == 1:
        (lid, jaren) = volwassenen[0]
        uit["leeftijd_aanvrager"] = Afgeleid(
            Decimal(jaren), f"geboortedatum van de enige volwassene ({lid.voornaam})"
        )
        leefvorm = "alleenstaande_ouder" if minderjarigen else "alleenstaande"
        uit["leefvorm"] = Afgeleid(leefvorm, f"{huishouden}: één volwassene")
    if len(minderjarigen) == 1:
        (lid, jaren) = minderjarigen[0]
        uit["leeftijd_jeugdige"] = Afgeleid(
            Decimal(jaren), f"geboortedatum van het enige kind ({lid.voornaam})"
        )
    return uit
