"""Mandates per fund, doelgroep and amount. The gemeente's standard fund (the regulation's
doorbraakbudget) also honours the general mandates per doelgroep."""

from decimal import Decimal
from functools import cache

from django.db import connection

from doorbraak import opmaak, vaste_sql
from doorbraak.budget.models import Fonds, Fondsmandaat
from doorbraak.fouten import GeenToegang
from doorbraak.organisaties.models import Doelgroep, Mandaat, MandaatRol, Medewerker

WOORDEN = {
    MandaatRol.AANVRAGEN: "aanvragen",
    MandaatRol.MEEKIJKEN: "meekijken bij",
    MandaatRol.GO: "de go geven voor",
}


@cache
def _limieten_sql(standaard: bool) -> str:
    """The fund's mandates for the medewerker and role, for the doelgroep or all doelgroepen;
    for the standard fund also the general mandates for the doelgroep (`doorbraak.vaste_sql`:
    every request, advice and go asks this)."""
    return _limieten_sql_voor("%s", "%s", "TRUE" if standaard else None)


def _limieten_sql_voor(fonds: str, doelgroep: str, standaard: str | None) -> str:
    """`_limieten_sql` with the fund, the doelgroep and whether the fund is the standard one as
    SQL expressions (a placeholder, or a column of the statement it is part of); parameters in
    the order of the placeholders: the fund's, the medewerker, the role, the doelgroep's, and
    when `standaard` is given the medewerker, the role and the doelgroep's again."""
    v, k = vaste_sql, vaste_sql.kolom
    sql = (
        f"SELECT {k(Fondsmandaat, 'max_bedrag')} FROM {v.tabel(Fondsmandaat)} "  # noqa: S608
        f"WHERE {k(Fondsmandaat, 'fonds')} = {fonds} AND {k(Fondsmandaat, 'medewerker')} = %s "
        f"AND {k(Fondsmandaat, 'rol')} = %s AND ({k(Fondsmandaat, 'doelgroep')} = {doelgroep} "
        f"OR {k(Fondsmandaat, 'doelgroep')} IS NULL)"
    )
    if standaard:
        sql += (
            f" UNION ALL SELECT {k(Mandaat, 'max_bedrag')} FROM {v.tabel(Mandaat)} "  # noqa: S608
            f"WHERE {standaard} AND {k(Mandaat, 'medewerker')} = %s AND {k(Mandaat, 'rol')} = %s "
            f"AND {k(Mandaat, 'doelgroep')} = {doelgroep}"
        )
    return sql


def limieten_als_kolom(fonds: str, doelgroep: str, standaard: str) -> str | None:
    """`limieten` as one column of another statement (PostgreSQL: an ARRAY of the limits) for
    the fund, doelgroep and standard flag its expressions name (the go's read of its request):
    None elsewhere, where `limieten` reads them itself. Parameters: `limieten_parameters`."""
    if connection.vendor != "postgresql":
        return None
    return f"ARRAY({_limieten_sql_voor(fonds, doelgroep, standaard)})"


def limieten_parameters(medewerker: Medewerker, rol: str) -> list:
    wie = vaste_sql.param(Fondsmandaat, "medewerker", medewerker.pk)
    return [wie, rol, wie, rol]


def limieten(medewerker: Medewerker, fonds: Fonds, doelgroep: Doelgroep, rol: str) -> list:
    """The amount limits of every mandate that applies (None: no limit); empty: no mandate.
    One query, also for the standard fund's general mandates."""
    p = vaste_sql.param
    wie = p(Fondsmandaat, "medewerker", medewerker.pk)
    groep = p(Fondsmandaat, "doelgroep", doelgroep.pk)
    params = [p(Fondsmandaat, "fonds", fonds.pk), wie, rol, groep]
    if fonds.standaard:
        params += [wie, rol, groep]
    with connection.cursor() as cursor:
        cursor.execute(_limieten_sql(fonds.standaard), params)
        rijen = cursor.fetchall()
    return omgezet([r[0] for r in rijen])


def omgezet(waarden: list) -> list:
    """The limits as read (a row each, or `limieten_als_kolom`'s array) as `limieten` gives them."""
    return vaste_sql.kolom_omzetten(Fondsmandaat, "max_bedrag", waarden)


def heeft_mandaat(
    medewerker: Medewerker, fonds: Fonds, doelgroep: Doelgroep, rol: str, bedrag: Decimal
) -> bool:
    return any(m is None or bedrag <= m for m in limieten(medewerker, fonds, doelgroep, rol))


def vereis_mandaat(
    medewerker: Medewerker,
    fonds: Fonds,
    doelgroep: Doelgroep,
    rol: str,
    bedrag: Decimal,
    gelezen: list | None = None,
) -> None:
    """`gelezen`: the limits already read with the request (`limieten_als_kolom`)."""
    gevonden = limieten(medewerker, fonds, doelgroep, rol) if gelezen is None else gelezen
    wat = f"{WOORDEN[rol]} {fonds.naam} voor {doelgroep.naam}"
    if not gevonden:
        raise GeenToegang(f"U heeft geen mandaat om {wat}.")
    if not any(m is None or bedrag <= m for m in gevonden):
        hoogste = max(gevonden)
        raise GeenToegang(f"Uw mandaat om {wat} reikt tot {opmaak.euro(hoogste)}.", veld="bedrag")
