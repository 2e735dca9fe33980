"""Reads for organisations, scoped to the caller's gemeente."""

import functools
import json
from functools import cache

from django.db import DEFAULT_DB_ALIAS, connection, connections, router
from django.db.models import QuerySet

from doorbraak import vaste_sql
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


def doelgroepkeuzes_voor(*, medewerker: Medewerker) -> tuple[tuple[str, str], ...]:
    """(code, naam) of `doelgroepen_voor` in their order: the worklist's filter choices, on
    every worklist page, so written once instead of compiled each time. Read where the router
    reads doelgroepen (replica.router)."""
    alias = router.db_for_read(Doelgroep) or DEFAULT_DB_ALIAS
    parameter = vaste_sql.param(Doelgroep, "gemeente", medewerker.gemeente_id)
    with connections[alias].cursor() as cursor:
        cursor.execute(_doelgroepkeuzes_sql(), [parameter])
        return tuple((code, naam) for code, naam in cursor.fetchall())


@cache
def _doelgroepkeuzes_sql() -> str:
    kolom = functools.partial(vaste_sql.kolom, Doelgroep)
    return (
        f"SELECT {kolom('code')}, {kolom('naam')} FROM {vaste_sql.tabel(Doelgroep)} "  # noqa: S608
        f"WHERE {kolom('gemeente')} = %s AND {kolom('actief')} "
        f"ORDER BY {', '.join(kolom(v) for v in Doelgroep._meta.ordering)}"
    )


def leefgebieden_voor(*, medewerker: Medewerker) -> QuerySet[Leefgebied]:
    return Leefgebied.objects.filter(gemeente_id=medewerker.gemeente_id, actief=True)


def medewerker_met_mandaten(*, medewerker: Medewerker) -> Medewerker:
    return (
        Medewerker.objects.select_related("gemeente", "team")
        .prefetch_related("mandaten__doelgroep")
        .get(pk=medewerker.pk)
    )


def _met_rol_waar(gemeente: str) -> str:
    """The FROM and WHERE of the active medewerkers with a role in the gemeente that the SQL
    expression `gemeente` names (a placeholder, or a column of the statement it is part of)."""
    k = vaste_sql.kolom
    sql = (
        f"FROM {vaste_sql.tabel(Medewerker)} m "
        f"WHERE m.{k(Medewerker, 'gemeente')} = {gemeente} AND m.{k(Medewerker, 'is_active')}"
    )
    if connection.vendor == "postgresql":
        sql += f" AND m.{k(Medewerker, 'rollen')} @> %s::jsonb"
    return sql


@cache
def _met_rol_sql(op_naam: bool, velden: tuple[str, ...] | None) -> str:
    k = vaste_sql.kolom
    sql = f"SELECT {vaste_sql.kolommen(Medewerker, 'm', velden)} {_met_rol_waar('%s')}"
    if op_naam:
        namen = ("first_name", "last_name", "username")
        sql += " ORDER BY " + ", ".join(f"m.{k(Medewerker, n)}" for n in namen)
    return sql


def _met_rol_velden(velden: tuple[str, ...] | None) -> tuple[str, ...] | None:
    return None if velden is None else tuple(sorted({*velden, "gemeente", "rollen"}))


def medewerkers_met_rol(
    *, gemeente_id, rol: str, op_naam: bool = True, velden: tuple[str, ...] | None = None
) -> list[Medewerker]:
    """The active medewerkers of the gemeente with this role, by name (`op_naam=False`: in no
    particular order, for who needs the set only; `velden`: only these fields are read, the
    others deferred, as `QuerySet.only`). SQL written once (`doorbraak.vaste_sql`): every go
    asks it for its notification to finance. Roles are a JSON list: PostgreSQL filters it in
    the query (a go asks for finance: not the whole staff); SQLite has no JSON containment, so
    there the list is filtered here."""
    velden = _met_rol_velden(velden)  # with the filter's own
    params = [vaste_sql.param(Medewerker, "gemeente", gemeente_id)]
    if connection.vendor == "postgresql":
        params.append(json.dumps([rol]))
    with connection.cursor() as cursor:
        cursor.execute(_met_rol_sql(op_naam, velden), params)
        rijen = cursor.fetchall()
    medewerkers = [vaste_sql.instantie(Medewerker, rij, velden) for rij in rijen]
    return [m for m in medewerkers if m.heeft_rol(rol)]


def heeft_rol_sql(alias: str, rollen) -> str:
    """PostgreSQL: `Medewerker.heeft_rol(*rollen)` of the medewerker `alias` of a statement (any
    of the roles in its JSON list), the roles written into the SQL: known roles only, whose
    values are plain words."""
    onbekend = set(rollen) - set(Rol.values)
    if onbekend:
        raise ValueError(f"Onbekende rol(len): {sorted(onbekend)}")
    lijst = ", ".join(f"'{rol}'" for rol in sorted(rollen))
    return f"{alias}.{vaste_sql.kolom(Medewerker, 'rollen')} ?| ARRAY[{lijst}]::text[]"


@cache
def medewerkers_met_rol_als_kolom(gemeente: str, velden: tuple[str, ...]) -> str | None:
    """`medewerkers_met_rol(op_naam=False, velden=velden)` as one column of another statement
    (PostgreSQL: a JSON array of the rows, `vaste_sql.json_rijen`) for the gemeente its SQL
    expression names (the go's read of its request: the recipients of its notification cost no
    statement of their own); None elsewhere. Parameters: `medewerkers_met_rol_parameters`; the
    medewerkers through `medewerkers_met_rol_omgezet`."""
    if connection.vendor != "postgresql":
        return None
    rij = vaste_sql.json_rijen(Medewerker, "m", _met_rol_velden(velden))
    return f"(SELECT {rij} {_met_rol_waar(gemeente)})"


def medewerkers_met_rol_parameters(rol: str) -> list:
    return [json.dumps([rol])]


def medewerkers_met_rol_omgezet(rijen: list, velden: tuple[str, ...]) -> list[Medewerker]:
    """The column's rows as medewerkers (the role is filtered in its SQL: PostgreSQL only)."""
    return vaste_sql.instanties_uit_json(Medewerker, rijen, _met_rol_velden(velden))


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
