"""The rest of the region of seed 004: the jeugdhulpregio Zuidoost-Brabant has 21 gemeenten.

The demo's two fictitious gemeenten (Peelstad for the Peel, Kempenhoven for the Kempen) keep their
rich data; the other 19 are set up here, each with its funds, eight users (one per role) and
three cases, entered through the services like the rest of the demo.

Names: seed 004 names seven gemeenten of the region (Helmond, Eindhoven, Asten, Deurne, Someren,
Gemert-Bakel, Laarbeek) and its seven subregions but not the other fourteen; those names come from
the public list of the 21 gemeenten of the regio Zuidoost-Brabant (21voordejeugd). Two Kempen
gemeenten (Bladel, Reusel-De Mierden) are left out, so with Peelstad and Kempenhoven the region
counts 21. Seed 004 names the seven subregions but not which gemeente is in which, so the demo
does not model them. The codes are fictitious (GM9901-GM9919, no real CBS code), and so is
every household.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify

from doorbraak.budget import demo as budget_demo
from doorbraak.casussen import demo as casussen_demo
from doorbraak.casussen.demo import DemoCasus
from doorbraak.casussen.services import PlanInvoer
from doorbraak.casussen.status import CasusStatus
from doorbraak.organisaties.demo import (
    DOORBRAAKTEAM,
    MPH,
    PASSENDE_HULP,
    DemoGebruiker,
    gebruiker_aanmaken,
)
from doorbraak.organisaties.models import Gemeente, MandaatRol, Medewerker, Regio, Rol
from doorbraak.organisaties.services import gemeente_aanmaken


@dataclass(frozen=True)
class RegioGemeente:
    code: str
    naam: str
    postcode: str  # the first four digits of a postcode in the gemeente


GEMEENTEN: tuple[RegioGemeente, ...] = (
    RegioGemeente("GM9901", "Helmond", "5701"),
    RegioGemeente("GM9902", "Eindhoven", "5611"),
    RegioGemeente("GM9903", "Asten", "5721"),
    RegioGemeente("GM9904", "Deurne", "5751"),
    RegioGemeente("GM9905", "Someren", "5711"),
    RegioGemeente("GM9906", "Gemert-Bakel", "5421"),
    RegioGemeente("GM9907", "Laarbeek", "5741"),
    RegioGemeente("GM9908", "Bergeijk", "5571"),
    RegioGemeente("GM9909", "Eersel", "5521"),
    RegioGemeente("GM9910", "Oirschot", "5688"),
    RegioGemeente("GM9911", "Best", "5683"),
    RegioGemeente("GM9912", "Veldhoven", "5501"),
    RegioGemeente("GM9913", "Cranendonck", "6021"),
    RegioGemeente("GM9914", "Heeze-Leende", "5591"),
    RegioGemeente("GM9915", "Valkenswaard", "5551"),
    RegioGemeente("GM9916", "Geldrop-Mierlo", "5664"),
    RegioGemeente("GM9917", "Nuenen", "5671"),
    RegioGemeente("GM9918", "Son en Breugel", "5691"),
    RegioGemeente("GM9919", "Waalre", "5581"),
)

ALLE = (MPH, DOORBRAAKTEAM, PASSENDE_HULP)
# role key, voornaam, achternaam, functie, rollen, team, mandaten
_MENSEN = (
    ("regisseur", "Procesregisseur Regieteam", (Rol.REGISSEUR,), True,
     tuple((d, MandaatRol.AANVRAGEN, Decimal("5000")) for d in ALLE)),
    ("collega", "Procesregisseur Regieteam", (Rol.COLLEGA,), True,
     tuple((d, MandaatRol.MEEKIJKEN, None) for d in ALLE)),
    ("manager", "Manager Regieteams", (Rol.MANAGER,), False,
     ((MPH, MandaatRol.GO, None), (DOORBRAAKTEAM, MandaatRol.GO, None))),
    ("teammanager", "Teammanager Jeugd en Onderwijs", (Rol.MANAGER,), False,
     ((PASSENDE_HULP, MandaatRol.GO, Decimal("25000")),)),
    ("financien", "Controller", (Rol.FINANCIEN,), False, ()),
    ("beleid", "Beleidsadviseur sociaal domein", (Rol.BELEID,), False, ()),
    ("privacy", "Privacyfunctionaris (FG)", (Rol.PRIVACY,), False, ()),
    ("beheer", "Functioneel beheerder", (Rol.BEHEER,), False, ()),
)  # fmt: skip
_NAMEN = (
    ("Anouk", "van Dijk"), ("Bram", "Verhoeven"), ("Chantal", "Maas"), ("Dennis", "Hendriks"),
    ("Esra", "Kaya"), ("Frank", "van den Broek"), ("Germaine", "Slegers"), ("Hans", "Vos"),
)  # fmt: skip
_HUISHOUDENS = (
    "Van Lieshout", "Aarts", "Bouwmans", "Coolen", "Donkers", "Evers", "Franssen", "Gijsbers",
    "Habraken", "Jacobs", "Kuijpers", "Leenders", "Manders", "Nooijen", "Panken", "Raaijmakers",
    "Sanders", "Timmermans", "Van Vlerken", "Wijnen", "Bekkers",
)  # fmt: skip


def gebruikersnaam(rol: str, gemeente: RegioGemeente | Gemeente) -> str:
    return f"{rol}.{slugify(gemeente.naam)}"


def _casussen(gemeente: RegioGemeente, nummer: int) -> tuple[DemoCasus, ...]:
    """Three cases in the shapes the seeds describe: debts with a threatened eviction, a young
    person who turns 18 in youth care, and a fresh signal."""

    def naam(i: int) -> str:
        return _HUISHOUDENS[(nummer * 3 + i) % len(_HUISHOUDENS)]

    return (
        DemoCasus(
            huishouden=f"Gezin {naam(0)}",
            postcode=f"{gemeente.postcode} AB",
            leden=(("Marco", naam(0), 42, "ouder", None), ("Julia", naam(0), 10, "kind", None)),
            doelgroep=MPH,
            regisseur="regisseur",
            aanleiding=(
                "Huurachterstand van drie maanden en een aangezegde ontruiming; vader is "
                "uitgevallen met een burn-out, de schuldhulp heeft een wachtlijst."
            ),
            urgentie="hoog",
            dagen_geleden=40 + nummer,
            eerste_meting={"financien": 1, "huisvesting": 2, "geestelijke_gezondheid": 2},
            laatste_meting={"financien": 2, "huisvesting": 3, "geestelijke_gezondheid": 3},
            hulpverleners=(
                (f"Gemeente {gemeente.naam}", "Schuldhulpverlener", 2800),
                ("Woningcorporatie (demo)", "Incassomedewerker", 0),
            ),
            plan=PlanInvoer(
                situatie="Ontruiming over vier weken; inkomen wel, betalingsachterstand groeit.",
                perspectief="Over een jaar woont het gezin nog in de eigen woning, zonder nieuwe "
                "schulden.",
                doorbraak="Huurachterstand aan de corporatie betalen en schuldhulp laten starten.",
                knelpunten=(
                    {
                        "omschrijving": "Wachtlijst schuldhulp; de crisisinterventie wacht op een "
                        "stabiele situatie.",
                        "soort": "wachttijd",
                        "regeling": "WGS",
                        "artikel": "art. 4",
                    },
                ),
            ),
            status=(CasusStatus.PLAN,),
        ),
        DemoCasus(
            huishouden=f"Huishouden {naam(1)}",
            postcode=f"{gemeente.postcode} CD",
            leden=(("Stijn", naam(1), 18, "overig", None),),
            doelgroep=PASSENDE_HULP,
            regisseur="regisseur",
            aanleiding=(
                "Stijn wordt 18; het verblijf in de jeugdhulp stopt, een Wmo-plek is er nog niet."
            ),
            urgentie="hoog",
            dagen_geleden=20 + nummer,
            eerste_meting={"huisvesting": 2, "werk_opleiding": 2, "sociaal_netwerk": 2},
        ),
        DemoCasus(
            huishouden=f"Huishouden {naam(2)}",
            postcode=f"{gemeente.postcode} EF",
            leden=(("Ria", naam(2), 58, "overig", None),),
            doelgroep=DOORBRAAKTEAM,
            regisseur="regisseur",
            aanleiding="Signaal van de wijkagent: vervuilde woning, overlast, geen hulp in beeld.",
            urgentie="normaal",
            dagen_geleden=2 + nummer % 5,
            eerste_meting={"huisvesting": 2, "basale_adl": 2, "sociaal_netwerk": 1},
        ),
    )


def gemeente_laden(
    gemeente: RegioGemeente, *, regio: Regio, wachtwoord_hash: str | None = None
) -> Gemeente:
    """One gemeente of the region with its funds (the budget app's demo funds), users and cases."""
    nummer = GEMEENTEN.index(gemeente)
    opgezet = gemeente_aanmaken(code=gemeente.code, naam=gemeente.naam, regio=regio)
    gebruikers = gemeente_aanvullen(opgezet, nummer=nummer, wachtwoord_hash=wachtwoord_hash)
    for demo in _casussen(gemeente, nummer):
        casussen_demo.casus_opbouwen(demo, gebruikers)
    return opgezet


def gemeente_aanvullen(
    gemeente: Gemeente, *, nummer: int, wachtwoord_hash: str | None = None
) -> dict[str, Medewerker]:
    """Give a gemeente one user per role (`regisseur.helmond`, ...) and the budget demo's funds;
    also used for the demo's second gemeente when the region is loaded."""
    gebruikers: dict[str, Medewerker] = {}
    for i, (rol, functie, rollen, in_team, mandaten) in enumerate(_MENSEN):
        voornaam, achternaam = _NAMEN[(nummer + i) % len(_NAMEN)]
        gebruikers[rol] = gebruiker_aanmaken(
            gemeente,
            DemoGebruiker(
                gebruikersnaam(rol, gemeente),
                voornaam,
                achternaam,
                functie,
                rollen,
                f"Regieteam {gemeente.naam}" if in_team else None,
                mandaten,
            ),
            wachtwoord_hash=wachtwoord_hash,
        )
    # The budget demo's funds: the regulation's fund, a pilot and a regelarm wijkbudget; in a
    # smaller gemeente the regisseur is also the pilot leader.
    budget_demo.fondsen_inrichten(gemeente, {**gebruikers, "coach": gebruikers["regisseur"]})
    return gebruikers
