"""Who may see and change case files (need-to-know by role; the gemeente scope is in selectors)."""

from doorbraak.casussen.status import CasusStatus
from doorbraak.fouten import Conflict, GeenToegang
from doorbraak.organisaties.bevoegdheden import rollen
from doorbraak.organisaties.models import Medewerker

# From the one table of who may do what (organisaties/bevoegdheden.py). Finance sees money
# (requests, payments, loans), not case files; policy, privacy and beheer see no case files.
INZAGE_ROLLEN = tuple(rollen("casusdossier.lezen"))
CASUSWERK_ROLLEN = tuple(rollen("casus.werken"))
NOTITIE_ROLLEN = tuple(rollen("casus.notitie"))
GELD_ROLLEN = tuple(rollen("geld.lezen"))


def vereis_inzage(medewerker: Medewerker) -> None:
    if medewerker.gemeente_id is None or not medewerker.heeft_rol(*INZAGE_ROLLEN):
        raise GeenToegang("Uw rol geeft geen inzage in casusdossiers.")


def vereis_geldinzage(medewerker: Medewerker) -> None:
    """Requests and loans: the case roles and finance (who pays)."""
    if medewerker.gemeente_id is None or not medewerker.heeft_rol(*GELD_ROLLEN):
        raise GeenToegang("Uw rol geeft geen inzage in aanvragen en leningen.")


def mag_werken(medewerker: Medewerker) -> bool:
    """Whether a page offers changes to households and cases (what `vereis_casuswerk` allows)."""
    return medewerker.gemeente_id is not None and medewerker.heeft_rol(*CASUSWERK_ROLLEN)


def mag_bijwerken(medewerker: Medewerker, casus) -> bool:
    """Whether a page offers changes to this case: the medewerker may work on cases and the case
    is not closed (`vereis_casuswerk` and `vereis_open`)."""
    return mag_werken(medewerker) and casus.status != CasusStatus.AFGESLOTEN


def vereis_casuswerk(medewerker: Medewerker) -> None:
    if not mag_werken(medewerker):
        raise GeenToegang(
            "Alleen een regisseur of manager kan huishoudens en casussen registreren of wijzigen."
        )


def mag_notities(medewerker: Medewerker) -> bool:
    """Whether a page offers a note on the timeline (what `vereis_notitierecht` allows)."""
    return medewerker.gemeente_id is not None and medewerker.heeft_rol(*NOTITIE_ROLLEN)


def vereis_notitierecht(medewerker: Medewerker) -> None:
    if not mag_notities(medewerker):
        raise GeenToegang("Uw rol kan geen notities aan de tijdlijn toevoegen.")


def vereis_open(casus) -> None:
    """A closed case is read-only: no requests, plan or score changes, helpers or notes."""
    if casus.status == CasusStatus.AFGESLOTEN:
        raise Conflict("Deze casus is afgesloten en kan alleen nog worden ingezien.", veld="status")


def vereis_regie(casus, medewerker: Medewerker) -> None:
    """Where the gemeente scopes cases per team, only the case's regisseur or a manager changes
    it; a colleague of the team reads along."""
    if (
        casus.gemeente.casussen_per_team
        and casus.regisseur_id != medewerker.pk
        and not medewerker.heeft_rol("manager")
    ):
        raise GeenToegang("Alleen de regisseur van deze casus of een manager kan dit wijzigen.")
