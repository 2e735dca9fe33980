"""Who may see which table, meeting and brief (need-to-know); the gemeente scope is in selectors.

Staff of the gemeente with case work (regisseur, collega, manager) see the tables of their
gemeente. A partner member (woningcorporatie, GGZ, CJG, politie) sees only the tables they are a
member of, and a case brief only while its meeting's window is open.
"""

from datetime import date

from doorbraak.fouten import GeenToegang
from doorbraak.organisaties.models import Medewerker, Rol

INTERNE_ROLLEN = (Rol.REGISSEUR, Rol.COLLEGA, Rol.MANAGER)


def is_intern(medewerker: Medewerker) -> bool:
    return medewerker.gemeente_id is not None and medewerker.heeft_rol(*INTERNE_ROLLEN)


def is_partner(medewerker: Medewerker) -> bool:
    return (
        medewerker.gemeente_id is not None
        and medewerker.heeft_rol(Rol.PARTNER)
        and not is_intern(medewerker)
    )


def vereis_overleginzage(medewerker: Medewerker) -> None:
    if not (is_intern(medewerker) or is_partner(medewerker)):
        raise GeenToegang("Uw rol geeft geen toegang tot casusoverleggen.")


def mag_voorzitten(medewerker: Medewerker, overleg) -> bool:
    """The chair runs the meeting; a manager of the gemeente may stand in."""
    if medewerker.gemeente_id != overleg.gemeente_id:
        return False
    return medewerker.pk == overleg.voorzitter_id or medewerker.heeft_rol(Rol.MANAGER)


def vereis_voorzitter(medewerker: Medewerker, overleg) -> None:
    if not mag_voorzitten(medewerker, overleg):
        raise GeenToegang("Alleen de voorzitter van dit overleg (of een manager) kan dit doen.")


def vereis_overlegbeheer(medewerker: Medewerker) -> None:
    if medewerker.gemeente_id is None or not medewerker.heeft_rol(Rol.MANAGER, Rol.BEHEER):
        raise GeenToegang("Alleen een manager of functioneel beheerder richt overleggen in.")


def venster_open(bijeenkomst, vandaag: date) -> bool:
    begin, einde = bijeenkomst.venster()
    return begin <= vandaag <= einde
