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
    v, k = vaste_sql, vaste_sql.kolom
    sql = (
        f"SELECT {k(Fondsmandaat, 'max_bedrag')} FROM {v.tabel(Fondsmandaat)} "  # noqa: S608
        f"WHERE {k(Fondsmandaat, 'fonds')} = %s AND {k(Fondsmandaat, 'medewerker')} = %s "
        f"AND {k(Fondsmandaat, 'rol')} = %s AND ({k(Fondsmandaat, 'doelgroep')} = %s "
        f"OR {k(Fondsmandaat, 'doelgroep')} IS NULL)"
    )
    if standaard:
        sql += (
            f" UNION ALL SELECT {k(Mandaat, 'max_bedrag')} FROM {v.tabel(Mandaat)} "  # noqa: S608
            f"WHERE {k(Mandaat, 'medewerker')} = %s AND {k(Mandaat, 'rol')} = %s "
            f"AND {k(Mandaat, 'doelgroep')} = %s"
        )
    return sql


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
    return vaste_sql.kolom_omzetten(Fondsmandaat, "max_bedrag", [r[0] for r in rijen])


def heeft_mandaat(
    medewerker: Medewerker, fonds: Fonds, doelgroep: Doelgroep, rol: str, bedrag: Decimal
) -> bool:
    return any(m is None or bedrag <= m for m in limieten(medewerker, fonds, doelgroep, rol))


def vereis_mandaat(
    medewerker: Medewerker, fonds: Fonds, doelgroep: Doelgroep, rol: str, bedrag: Decimal
) -> None:
    gevonden = limieten(medewerker, fonds, doelgroep, rol)
    wat = f"{WOORDEN[rol]} {fonds.naam} voor {doelgroep.naam}"
    if not gevonden:
        raise GeenToegang(f"U heeft geen mandaat om {wat}.")
    if not any(m is None or bedrag <= m for m in gevonden):
        hoogste = max(gevonden)
        raise GeenToegang(f"Uw mandaat om {wat} reikt tot {opmaak.euro(hoogste)}.", veld="bedrag")
