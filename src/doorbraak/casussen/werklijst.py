"""The worklist's reads (`GET /casussen`) in SQL written here instead of compiled by the ORM on
every page (issue 19): building and compiling its querysets and filters was half of the page's
CPU, the database's own work a fraction of it.

The meaning stays the ORM's: the scope is `selectors._casussen`, the filters are those of
`CasusFilterSet` (validated by its own form) and the order is `URGENTIE_RANG`, age, id, as the
indexes `casus_werklijst_*` hold it. `casussen/tests/test_werklijst_sql.py` holds both reads to
the ORM's answer for every kind of medewerker and every combination of filters, on SQLite and
PostgreSQL; a filter added to `CasusFilterSet` fails that test until it is added here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple
from uuid import UUID

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.forms import Form

from doorbraak import vaste_sql
from doorbraak.audit.services import lijst_gelezen_en_vastgelegd
from doorbraak.casussen import statustellers, toegang
from doorbraak.casussen.filters import CasusFilterSet
from doorbraak.casussen.models import Casus, Huishouden, Statusteller, Urgentie
from doorbraak.casussen.selectors import LIJSTINZAGE, _hele_gemeente, registreer_lijstinzage
from doorbraak.organisaties.models import Doelgroep, Gemeente, Medewerker


class Werklijstrij(NamedTuple):
    """One row of the worklist: the case and its household (for the processing log), then what
    the row shows; only the columns a row shows (not the aanleiding, nor the regisseur's
    password hash and roles)."""

    pk: UUID
    huishouden_id: UUID
    urgentie: str
    status: str
    aangemeld_op: datetime
    huishouden__naam: str
    doelgroep__naam: str
    regisseur_id: int | None
    regisseur__username: str | None
    regisseur__first_name: str | None
    regisseur__last_name: str | None


# The filters this module writes as SQL: CasusFilterSet's fields, in its order.
FILTERS = ("status", "doelgroep", "medewerker", "urgentie", "zoek")


@dataclass(frozen=True)
class Keuze:
    """What the list is filtered on: `alle` (the gemeente's cases, not only the own regie) and
    the cleaned values of CasusFilterSet's form ("" is not filtered on). `fouten`: the fields
    whose value was invalid; the list is then empty and the counts too, unless only the status
    was invalid (the counts are of everything but the status)."""

    alle: bool
    status: str = ""
    doelgroep: str = ""
    medewerker: str = ""
    urgentie: str = ""
    zoek: str = ""
    fouten: frozenset[str] = frozenset()

    @property
    def geldig(self) -> bool:
        return not self.fouten


@cache
def _formulierklasse() -> type[Form]:
    """CasusFilterSet's form class, made once (a FilterSet makes its filters, fields and form
    class again for every instance)."""
    return type(CasusFilterSet(queryset=Casus.objects.none()).form)


def keuze_uit(gegevens, *, alle: bool) -> Keuze:
    """Validate the query string's filters as CasusFilterSet validates them (none given: all
    empty, which its form accepts)."""
    if not any(naam in gegevens for naam in FILTERS):
        return Keuze(alle=alle)
    formulier = _formulierklasse()(gegevens)
    formulier.is_valid()
    schoon = formulier.cleaned_data
    return Keuze(
        alle=alle,
        **{naam: schoon.get(naam) or "" for naam in FILTERS},
        fouten=frozenset(formulier.errors),
    )


@dataclass(frozen=True)
class _Delen:
    waar: tuple[str, ...]
    parameters: tuple[Any, ...]


def _rang_sql() -> str:
    """`URGENTIE_RANG` as the indexes have it, its values as literals (a parameter would not
    match the index expression in a generic plan)."""
    return (
        f"CASE WHEN c.{vaste_sql.kolom(Casus, 'urgentie')} = '{Urgentie.CRISIS.value}' THEN 0 "
        f"WHEN c.{vaste_sql.kolom(Casus, 'urgentie')} = '{Urgentie.HOOG.value}' THEN 1 ELSE 2 END"
    )


def _delen(medewerker: Medewerker, keuze: Keuze, *, met_status: bool, verbinding) -> _Delen:
    """The conditions and parameters of the cases in scope with the chosen filters."""
    q = verbinding.ops.quote_name
    waar = [f"c.{q('gemeente_id')} = %s"]
    parameters: list[Any] = [vaste_sql.param(Casus, "gemeente", medewerker.gemeente_id)]
    if not _hele_gemeente(medewerker):  # invariant 5, as selectors._casussen
        # Whether the gemeente scopes per team, asked once per statement (a subquery without a
        # reference to the row: PostgreSQL's InitPlan), not joined to each case: the join's
        # filter on every one of a regisseur's 9,524 cases was half of the counts' time.
        per_team = (
            f"(SELECT g.{q('casussen_per_team')} FROM {vaste_sql.tabel(Gemeente)} g"  # noqa: S608
            f" WHERE g.{q('id')} = %s)"
        )
        binnen = [f"NOT {per_team}", f"c.{q('regisseur_id')} = %s"]
        parameters.append(vaste_sql.param(Gemeente, "id", medewerker.gemeente_id))
        parameters.append(vaste_sql.param(Casus, "regisseur", medewerker.pk))
        if medewerker.team_id is not None:
            binnen.append(f"c.{q('team_id')} = %s")
            parameters.append(vaste_sql.param(Casus, "team", medewerker.team_id))
        waar.append(f"({' OR '.join(binnen)})")
    if not keuze.alle:
        waar.append(f"c.{q('regisseur_id')} = %s")
        parameters.append(vaste_sql.param(Casus, "regisseur", medewerker.pk))
    if met_status and keuze.status:
        waar.append(f"c.{q('status')} = %s")
        parameters.append(keuze.status)
    if keuze.urgentie:
        waar.append(f"c.{q('urgentie')} = %s")
        parameters.append(keuze.urgentie)
    if keuze.doelgroep:
        waar.append(f"d.{q('code')} = %s")
        parameters.append(keuze.doelgroep)
    if keuze.medewerker:
        waar.append(f"m.{q('username')} = %s")
        parameters.append(keuze.medewerker)
    if keuze.zoek:  # `icontains`, written and escaped as the ORM writes it for this database
        naam = verbinding.ops.lookup_cast("icontains", "CharField") % f"h.{q('naam')}"
        waar.append(f"{naam} {verbinding.operators['icontains'] % '%s'}")
        parameters.append(f"%{verbinding.ops.prep_for_like_query(keuze.zoek)}%")
    return _Delen(tuple(waar), tuple(parameters))


def _van(delen: _Delen, *, rijen: bool, keuze: Keuze, verbinding) -> str:
    q = verbinding.ops.quote_name
    joins: list[str] = []
    if rijen or keuze.zoek:
        joins.append(
            f"JOIN {vaste_sql.tabel(Huishouden)} h ON h.{q('id')} = c.{q('huishouden_id')}"
        )
    if rijen or keuze.doelgroep:
        joins.append(f"JOIN {vaste_sql.tabel(Doelgroep)} d ON d.{q('id')} = c.{q('doelgroep_id')}")
    if rijen or keuze.medewerker:
        joins.append(_medewerker_join(verbinding))
    return f"FROM {vaste_sql.tabel(Casus)} c {' '.join(joins)} WHERE {' AND '.join(delen.waar)}"


def _medewerker_join(verbinding) -> str:
    q = verbinding.ops.quote_name
    return f"LEFT JOIN {vaste_sql.tabel(Medewerker)} m ON m.{q('id')} = c.{q('regisseur_id')}"


def _alias() -> str:
    """Where the list is read: the replica when the router sends this request's reads there
    (replica.router); its log entries are written on the primary either way."""
    return router.db_for_read(Casus) or DEFAULT_DB_ALIAS


def per_status(*, medewerker: Medewerker, keuze: Keuze) -> dict[str, int]:
    """The number of cases per status, over every filter but the status; none when another
    filter is invalid. On PostgreSQL, without a filter on urgency, doelgroep or name, from the
    counters it keeps (`casussen.statustellers`); otherwise counted, COUNT(*): from an index
    alone (casussen.models.Casus indexes), COUNT(id) would read every row."""
    toegang.vereis_inzage(medewerker)
    if keuze.fouten - {"status"}:
        return {}
    alias = _alias()
    verbinding = connections[alias]
    delen = _delen(medewerker, keuze, met_status=False, verbinding=verbinding)
    status = f"c.{verbinding.ops.quote_name('status')}"
    if statustellers.bijgehouden(alias) and not (keuze.urgentie or keuze.doelgroep or keuze.zoek):
        # Scope and the filter on regisseur (`medewerker`) are columns of the counters: their
        # rows summed, with the cases' own conditions (`_delen` names the same columns).
        van = (
            f"FROM {vaste_sql.tabel(Statusteller)} c"
            f" {_medewerker_join(verbinding) if keuze.medewerker else ''}"
            f" WHERE {' AND '.join(delen.waar)}"
        )
        sql = f"SELECT {status}, SUM(c.aantal) {van} GROUP BY {status} HAVING SUM(c.aantal) > 0"
    else:
        van = _van(delen, rijen=False, keuze=keuze, verbinding=verbinding)
        sql = f"SELECT {status}, COUNT(*) {van} GROUP BY {status}"
    with verbinding.cursor() as cursor:
        cursor.execute(sql, delen.parameters)
        return dict(cursor.fetchall())


def totaal(keuze: Keuze, per_status: dict[str, int]) -> int:
    """The number of cases in the list: the chosen status's count, or all counts together; none
    when a filter is invalid (`per_status` already holds every filter but the status)."""
    if not keuze.geldig:
        return 0
    return per_status.get(keuze.status, 0) if keuze.status else sum(per_status.values())


def pagina_lezen(*, medewerker: Medewerker, keuze: Keuze, vanaf: int, aantal: int) -> list:
    """Rows `vanaf` up to `vanaf + aantal` of the list, as `Werklijstrij`s, each logged as a
    read of its case (`selectors.registreer_lijstinzage`); on PostgreSQL's primary the read and
    its entries are one statement (`audit.services.lijst_gelezen_en_vastgelegd`)."""
    toegang.vereis_inzage(medewerker)
    if not keuze.geldig or aantal <= 0:
        return []
    alias = _alias()
    verbinding = connections[alias]
    delen = _delen(medewerker, keuze, met_status=True, verbinding=verbinding)
    sql = _rijen_sql(alias) + (
        f" {_van(delen, rijen=True, keuze=keuze, verbinding=verbinding)}"
        f" ORDER BY {_rang_sql()}, c.{verbinding.ops.quote_name('aangemeld_op')},"
        # The page's bounds as numbers in the text, not parameters: with an unknown LIMIT and
        # OFFSET PostgreSQL's generic plan assumes a tenth of the rows skipped, so a prepared
        # list was planned again on every page (1.1 ms, more than reading it).
        f" c.{verbinding.ops.quote_name('id')} LIMIT {int(aantal)} OFFSET {int(vanaf)}"
    )
    parameters = list(delen.parameters)
    if verbinding.vendor == "postgresql" and alias == DEFAULT_DB_ALIAS:
        rijen = lijst_gelezen_en_vastgelegd(
            sql,
            parameters,
            gemeente_id=medewerker.gemeente_id,
            door=medewerker,
            omschrijving=LIJSTINZAGE,
        )
        return [Werklijstrij(*rij) for rij in rijen]
    with verbinding.cursor() as cursor:
        cursor.execute(sql, parameters)
        rijen = _omgezet(cursor.fetchall())
    gelezen = [Werklijstrij(*rij) for rij in rijen]
    registreer_lijstinzage(medewerker=medewerker, casussen=gelezen)
    return gelezen


# The columns of `Werklijstrij`, in its order: (table alias, model, field, name in the row).
_KOLOMMEN = (
    ("c", Casus, "id", "pk"),
    ("c", Casus, "huishouden", "huishouden_id"),
    ("c", Casus, "urgentie", "urgentie"),
    ("c", Casus, "status", "status"),
    ("c", Casus, "aangemeld_op", "aangemeld_op"),
    ("h", Huishouden, "naam", "huishouden__naam"),
    ("d", Doelgroep, "naam", "doelgroep__naam"),
    ("c", Casus, "regisseur", "regisseur_id"),
    ("m", Medewerker, "username", "regisseur__username"),
    ("m", Medewerker, "first_name", "regisseur__first_name"),
    ("m", Medewerker, "last_name", "regisseur__last_name"),
)


@cache
def _rijen_sql(alias: str) -> str:
    """SELECT with the row's columns, named as `lijst_gelezen_en_vastgelegd` reads them."""
    q = connections[alias].ops.quote_name
    return "SELECT " + ", ".join(
        f"{tabel}.{q(model._meta.get_field(veld).column)} AS {q(naam)}"
        for tabel, model, veld, naam in _KOLOMMEN
    )


def _omgezet(rijen: list[tuple]) -> list[tuple]:
    """The values as the ORM gives them (SQLite: UUIDs and moments from text)."""
    if not rijen:
        return rijen
    kolommen = list(zip(*rijen, strict=True))
    for i, (_tabel, model, veld, _naam) in enumerate(_KOLOMMEN):
        kolommen[i] = vaste_sql.kolom_omzetten(model, veld, kolommen[i])
    return list(zip(*kolommen, strict=True))
