"""State changes for organisations: setting up a gemeente with its defaults."""

from django.db import transaction

from doorbraak.audit.models import Verwerkingsketen
from doorbraak.casussen.leefgebieden import STANDAARD_LEEFGEBIEDEN
from doorbraak.casussen.models import Leefgebied
from doorbraak.organisaties.models import Doelgroep, Gemeente, Regio
from doorbraak.organisaties.standaard import STANDAARD_DOELGROEPEN


def gemeente_inrichten(gemeente: Gemeente) -> None:
    """Give a gemeente the default doelgroepen, leefgebieden and its processing-log chain."""
    with transaction.atomic():
        for code, naam, omschrijving in STANDAARD_DOELGROEPEN:
            Doelgroep.objects.get_or_create(
                gemeente=gemeente, code=code, defaults={"naam": naam, "omschrijving": omschrijving}
            )
        for volgorde, (code, naam) in enumerate(STANDAARD_LEEFGEBIEDEN, start=1):
            Leefgebied.objects.get_or_create(
                gemeente=gemeente, code=code, defaults={"naam": naam, "volgorde": volgorde}
            )
        Verwerkingsketen.objects.get_or_create(gemeente=gemeente)


def gemeente_aanmaken(*, code: str, naam: str, regio: Regio | None = None) -> Gemeente:
    with transaction.atomic():
        gemeente = Gemeente(code=code, naam=naam, regio=regio)
        gemeente.full_clean()
        gemeente.save()
        gemeente_inrichten(gemeente)
        return gemeente
