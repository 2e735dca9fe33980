"""Reading the processing log (privacy role only)."""

from uuid import UUID

from django.db.models import QuerySet

from doorbraak.audit.models import Verwerking
from doorbraak.casussen import selectors
from doorbraak.fouten import GeenToegang
from doorbraak.organisaties.models import Medewerker, Rol


def verwerkingen_van_huishouden(*, medewerker: Medewerker, huishouden_id: UUID) -> QuerySet:
    if not medewerker.heeft_rol(Rol.PRIVACY):
        raise GeenToegang("Alleen de privacyfunctionaris kan het verwerkingenlogboek inzien.")
    # 404 for a household outside the caller's gemeente, as everywhere else.
    selectors.huishouden_ophalen(medewerker=medewerker, huishouden_id=huishouden_id)
    return Verwerking.objects.filter(
        gemeente_id=medewerker.gemeente_id, huishouden_id=huishouden_id
    ).order_by("-volgnummer")
