"""Who sees reports: policy, management and finance — never names, so not the case roles alone."""

from doorbraak.fouten import GeenToegang
from doorbraak.organisaties.models import Medewerker, Rol

RAPPORTAGE = (Rol.BELEID, Rol.MANAGER, Rol.FINANCIEN)


def vereis_rapportage(medewerker: Medewerker) -> None:
    if medewerker.gemeente_id is None or not medewerker.heeft_rol(*RAPPORTAGE):
        raise GeenToegang("Rapportages zijn voor beleid, management en financiën.")


def vereis_signaalbeheer(medewerker: Medewerker) -> None:
    if medewerker.gemeente_id is None or not medewerker.heeft_rol(Rol.BELEID):
        raise GeenToegang("Alleen een beleidsadviseur maakt en behandelt signalen aan beleid.")
