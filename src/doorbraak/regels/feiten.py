"""Facts the case already knows, derived on the Django side (the engine takes plain values).

Only what the case file states for certain is derived: ages from dates of birth, the size of the
household, the urgency of the case, the leefvorm when there is exactly one adult, and whether the
adults have reached the AOW age (Participatiewet art. 21/22) when they all agree. Anything
ambiguous (two adults: partners or parent and grandparent?) stays unknown for the professional
to answer — never a silent default.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from doorbraak.casussen.models import Casus, Gezinslid, GezinslidRol
from doorbraak.regels.engine import Persoon, Waarde


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


# The pensioengerechtigde leeftijd (Algemene Ouderdomswet art. 7a) per calendar year, in years
# and months, as published; a year not listed is not derived (the professional answers).
AOW_LEEFTIJD: dict[int, tuple[int, int]] = {
    2022: (66, 7),
    2023: (66, 10),
    2024: (67, 0),
    2025: (67, 0),
    2026: (67, 0),
    2027: (67, 0),
    2028: (67, 3),
}


def aow_leeftijd_bereikt(geboortedatum: date, peildatum: date) -> bool | None:
    """Has this person reached the AOW age on the peildatum? None when the year is not known."""
    grens = AOW_LEEFTIJD.get(peildatum.year)
    if grens is None:
        return None
    jaren, maanden = grens
    maand = geboortedatum.month - 1 + maanden
    jaar = geboortedatum.year + jaren + maand // 12
    maand = maand % 12 + 1
    dag = min(geboortedatum.day, 28 if maand == 2 else 30 if maand in (4, 6, 9, 11) else 31)
    return peildatum >= date(jaar, maand, dag)


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
    if volwassenen:
        bereikt = {aow_leeftijd_bereikt(lid.geboortedatum, peildatum) for lid, _ in volwassenen}
        if len(bereikt) == 1 and None not in bereikt:
            uit["aow_leeftijd_bereikt"] = Afgeleid(
                bereikt.pop(), "geboortedatums van de volwassenen in het dossier"
            )
    if len(minderjarigen) == 1:
        (lid, jaren) = minderjarigen[0]
        uit["leeftijd_jeugdige"] = Afgeleid(
            Decimal(jaren), f"geboortedatum van het enige kind ({lid.voornaam})"
        )
    return uit


def _is_kind(lid: Gezinslid, jaren: int) -> bool:
    """A child for the per-person voorzieningen: the role kind (also at 19, e.g. for
    leerlingenvervoer or jeugdhulp continued after 18), or anyone under 18."""
    return lid.rol == GezinslidRol.KIND or jaren < 18


def personen_uit_casus(
    gezinsleden: Iterable[Gezinslid],
    peildatum: date,
    ingevoerd: Mapping[str, Mapping[str, Waarde]] | None = None,
) -> list[Persoon]:
    """Each member as a person for the per-person voorzieningen: a child (see `_is_kind`) with its
    age, an adult with age and whether the AOW age is reached, plus what was entered for that
    member (keyed by the gezinslid's id; what is entered wins). Named by first name only."""
    leden = [(lid, leeftijd(lid.geboortedatum, peildatum)) for lid in gezinsleden]
    leden = [(lid, jaren) for lid, jaren in leden if jaren >= 0]
    volwassenen = [lid for lid, jaren in leden if not _is_kind(lid, jaren)]
    ingevoerd = ingevoerd or {}
    uit = []
    for lid, jaren in leden:
        feiten: dict[str, Waarde] = {}
        if _is_kind(lid, jaren):
            soort = "kind"
            feiten["leeftijd_jeugdige"] = Decimal(jaren)
        else:
            soort = "volwassene"
            feiten["leeftijd_aanvrager"] = Decimal(jaren)
            bereikt = aow_leeftijd_bereikt(lid.geboortedatum, peildatum)
            if bereikt is not None:
                feiten["aow_leeftijd_bereikt"] = bereikt
            # with exactly two adults the other one is the partner if they are gehuwden; the
            # AIO condition itself asks whether the leefvorm is gehuwden
            anderen = [a for a in volwassenen if a.pk != lid.pk]
            if len(volwassenen) == 2:
                partner = aow_leeftijd_bereikt(anderen[0].geboortedatum, peildatum)
                if partner is not None:
                    feiten["partner_aow_leeftijd_bereikt"] = partner
        feiten.update(ingevoerd.get(str(lid.pk), {}))
        uit.append(Persoon(lid.voornaam, soort, feiten, str(lid.pk), jaren))
    return uit
