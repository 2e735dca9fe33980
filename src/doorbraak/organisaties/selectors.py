"""Reads for organisations, scoped to the caller's gemeente."""

from django.db import connection
from django.db.models import QuerySet

from doorbraak.fouten import GeenToegang, NietGevonden
from doorbraak.organisaties.models import (
    Doelgroep,
    Leefgebied,
    Medewerker,
    Rol,
    Wijzigingsvoorstel,
)


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


def medewerkers_met_rol(*, gemeente_id, rol: str, op_naam: bool = True) -> list[Medewerker]:
    """The active medewerkers of the gemeente with this role, by name (`op_naam=False`: in no
    particular order, for who needs the set only: the ordering is half the cost of compiling
    this query, which every go pays for its notification). Roles are a JSON list: PostgreSQL
    filters it in the query (a go asks for finance: not the whole staff); SQLite has no JSON
    containment, so there the list is filtered here."""
    voorwaarden: dict = {"gemeente_id": gemeente_id, "is_active": True}
    if connection.vendor == "postgresql":
        voorwaarden["rollen__contains"] = [rol]
    actief = Medewerker.objects.filter(**voorwaarden)
    if op_naam:
        actief = actief.order_by("first_name", "last_name", "username")
    if connection.vendor == "postgresql":
        return list(actief)
    return [m for m in actief if m.heeft_rol(rol)]


def wijzigingsvoorstel_inzien(*, medewerker: Medewerker, voorstel_id) -> Wijzigingsvoorstel:
    """One proposal of the own gemeente, for a beheerder (another gemeente's: not found)."""
    if not medewerker.heeft_rol(Rol.BEHEER):
        raise GeenToegang("Alleen een functioneel beheerder ziet wijzigingsvoorstellen.")
    try:
        return Wijzigingsvoorstel.objects.select_related("voorgesteld_door", "beoordeeld_door").get(
            gemeente_id=medewerker.gemeente_id, pk=voorstel_id
        )
    except Wijzigingsvoorstel.DoesNotExist:
        raise NietGevonden("Wijzigingsvoorstel niet gevonden.") from None
