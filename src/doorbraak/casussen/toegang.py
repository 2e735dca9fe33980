"""Who may see and change case files (need-to-know by role; the gemeente scope is in selectors)."""

from doorbraak.fouten import Conflict, GeenToegang
from doorbraak.organisaties.models import Medewerker, Rol

# Finance needs the case to pay a granted request; policy, privacy and beheer see no case files.
INZAGE_ROLLEN = (Rol.REGISSEUR, Rol.COLLEGA, Rol.MANAGER, Rol.FINANCIEN)
CASUSWERK_ROLLEN = (Rol.REGISSEUR, Rol.MANAGER)


def vereis_inzage(medewerker: Medewerker) -> None:
    if medewerker.gemeente_id is None or not medewerker.heeft_rol(*INZAGE_ROLLEN):
        raise GeenToegang("Uw rol geeft geen inzage in casusdossiers.")


def vereis_casuswerk(medewerker: Medewerker) -> None:
    if medewerker.gemeente_id is None or not medewerker.heeft_rol(*CASUSWERK_ROLLEN):
        raise GeenToegang(
            "Alleen een regisseur of manager kan huishoudens en casussen registreren of wijzigen."
        )


def vereis_notitierecht(medewerker: Medewerker) -> None:
    if medewerker.gemeente_id is None or not medewerker.heeft_rol(*CASUSWERK_ROLLEN, Rol.COLLEGA):
        raise GeenToegang("Uw rol kan geen notities aan de tijdlijn toevoegen.")


def vereis_open(casus) -> None:
    """A closed case is read-only: no requests, plan or score changes, helpers or notes."""
    if casus.status == "afgesloten":
        raise Conflict("Deze casus is afgesloten en kan alleen nog worden ingezien.", veld="status")
