"""Who may maintain the cost catalogue and who may calculate (the case rules live in casussen)."""

from doorbraak.fouten import GeenToegang
from doorbraak.organisaties.models import Medewerker, Rol


def vereis_gemeente(medewerker: Medewerker) -> None:
    if medewerker.gemeente_id is None:
        raise GeenToegang("Alleen medewerkers van een gemeente zien de kostencatalogus.")


def vereis_catalogusbeheer(medewerker: Medewerker) -> None:
    if medewerker.gemeente_id is None or not medewerker.heeft_rol(Rol.BELEID):
        raise GeenToegang("Alleen een beleidsadviseur past de kostencatalogus van de gemeente aan.")
