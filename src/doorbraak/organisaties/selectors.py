"""Reads for organisations, scoped to the caller's gemeente."""

from django.db.models import QuerySet

from doorbraak.organisaties.models import Doelgroep, Leefgebied, Medewerker


def doelgroepen_voor(*, medewerker: Medewerker) -> QuerySet[Doelgroep]:
    return Doelgroep.objects.filter(gemeente_id=medewerker.gemeente_id, actief=True)


def leefgebieden_voor(*, medewerker: Medewerker) -> QuerySet[Leefgebied]:
    return Leefgebied.objects.filter(gemeente_id=medewerker.gemeente_id, actief=True)


def medewerker_met_mandaten(*, medewerker: Medewerker) -> Medewerker:
    return (
        Medewerker.objects.select_related("gemeente", "team")
        .prefetch_related("mandaten__doelgroep")
        .get(pk=medewerker.pk)
    )
