"""Rows to model instances for the few reads on every request (token, dossier), without the ORM
compiling the same query again each time: on the dossier read path that compilation cost more
CPU than the database's work (issue 19). The SQL is written once per process from the models'
own column lists; values pass through the same converters the ORM applies, so an instance is
the one `QuerySet.get` would give. Everything else uses the ORM."""

import inspect
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, router
from django.db.models import Model, signals
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.utils import create_namedtuple_class


def db():
    """The default connection itself. `django.db.connection` is a proxy that looks the
    connection up again (asgiref's context-local storage) on every attribute it is asked for,
    and preparing one row's values asks it once per field: the writes here look it up once."""
    return connections[DEFAULT_DB_ALIAS]


def _velden(model: type[Model], velden: tuple[str, ...] | None) -> list:
    """The concrete fields of `model` in `_meta` order; `velden`: only those (and the key)."""
    alle = model._meta.concrete_fields
    if velden is None:
        return list(alle)
    return [f for f in alle if f.primary_key or f.name in velden or f.attname in velden]


def kolommen(model: type[Model], alias: str, velden: tuple[str, ...] | None = None) -> str:
    """`alias.col, …` for every concrete field of `model` (or only `velden` and the primary key:
    the other fields are deferred on the instance), in `_meta` order."""
    q = connection.ops.quote_name
    return ", ".join(f"{alias}.{q(f.column)}" for f in _velden(model, velden))


@cache
def _omzetters(
    model: type[Model], velden: tuple[str, ...] | None = None
) -> tuple[list[str], list[tuple[int, Any, tuple]]]:
    """The attribute names in column order, and (position, column, converters) of the columns
    that have converters (most have none: their value is taken as the database gives it)."""
    namen, omzetters = [], []
    for positie, veld in enumerate(_velden(model, velden)):
        kolom = veld.get_col(model._meta.db_table)
        namen.append(veld.attname)
        functies = (*connection.ops.get_db_converters(kolom), *kolom.get_db_converters(connection))
        if functies:
            omzetters.append((positie, kolom, functies))
    return namen, omzetters


def instantie(
    model: type[Model], waarden: Sequence[Any], velden: tuple[str, ...] | None = None
) -> Model:
    """An instance from the values of `kolommen(model, …, velden)`, converted as the ORM converts
    them (with `velden`: the other fields deferred, as `QuerySet.only` gives them).

    Where `Model.from_db` would only store the values (`_alleen_opslaan`) and no pre_init or
    post_init receiver is connected at all, a full instance is filled directly: the same attributes
    and state, without `Model.__init__`'s general path (the token read: three per request)."""
    verbinding = db()  # as the ORM passes it: not the proxy
    namen, omzetters = _omzetters(model, velden)
    if len(waarden) != len(namen):
        raise ValueError(f"{model.__name__}: {len(waarden)} waarden voor {len(namen)} kolommen")
    omgezet = list(waarden)
    for positie, kolom, functies in omzetters:
        waarde = omgezet[positie]
        for functie in functies:
            waarde = functie(waarde, kolom, verbinding)
        omgezet[positie] = waarde
    if (
        velden is not None
        or not _alleen_opslaan(model)
        or signals.pre_init.receivers
        or signals.post_init.receivers
    ):
        return model.from_db(verbinding.alias, namen, omgezet)  # Model.__init__, signals sent
    nieuw = model.__new__(model)
    staat = ModelState()
    staat.adding, staat.db = False, verbinding.alias
    nieuw._state = staat
    nieuw.__dict__.update(zip(namen, omgezet, strict=True))
    return nieuw


# Field descriptors that, on a new instance, only store the value in its __dict__ (exactly these
# types: an image field's descriptor, a subclass, also works out the image's dimensions).
_OPSLAAND = (DeferredAttribute, ForeignKeyDeferredAttribute, FileDescriptor)


@cache
def _alleen_opslaan(model: type[Model]) -> bool:
    """`model.from_db(…)` with every concrete field does nothing but store the values: no
    from_db or __init__ of the model's own (or of a class it inherits from), and every field's
    attribute a plain one (not, e.g., a file field's descriptor)."""
    eigen_init = any(
        "__init__" in vars(klasse) for klasse in model.__mro__ if klasse not in (Model, object)
    )
    return (
        not eigen_init
        and model.from_db.__func__ is Model.from_db.__func__
        and all(
            type(inspect.getattr_static(model, veld.attname, None)) in _OPSLAAND
            for veld in model._meta.concrete_fields
        )
    )


def aantal(model: type[Model]) -> int:
    return len(model._meta.concrete_fields)


def instanties(modellen: Sequence[type[Model]], rij: Sequence[Any]) -> list[Model | None]:
    """One instance per model from a row of `kolommen(m1, …), kolommen(m2, …), …`; None for a
    model whose key is NULL (a LEFT JOIN that found no row)."""
    uit, begin = [], 0
    for model in modellen:
        eind = begin + aantal(model)
        leeg = rij[begin + _sleutelplaats(model)] is None
        uit.append(None if leeg else instantie(model, rij[begin:eind]))
        begin = eind
    return uit


@cache
def _sleutelplaats(model: type[Model]) -> int:
    return [f.primary_key for f in _velden(model, None)].index(True)


def met_gerelateerde(
    model: type[Model], veld: str, *, orde: tuple[str, ...], **waar: Any
) -> list[Model]:
    """`model.objects.filter(**waar).select_related(veld).order_by(*orde)` for equalities on
    `model`'s own fields (values, not None), in SQL written once per shape: the instances, each
    with the one its foreign key `veld` points to (or None) cached as `select_related` leaves
    it, without the ORM compiling the query on every call."""
    gerelateerd = model._meta.get_field(veld).related_model
    sql = _met_gerelateerde_sql(model, veld, tuple(waar), orde)
    with db().cursor() as cursor:
        cursor.execute(sql, [param(model, naam, w) for naam, w in waar.items()])
        rijen = cursor.fetchall()
    uit = []
    for rij in rijen:
        gelezen, ander = instanties((model, gerelateerd), rij)
        gelezen._state.fields_cache[veld] = ander
        uit.append(gelezen)
    return uit


@cache
def _met_gerelateerde_sql(
    model: type[Model], veld: str, waar: tuple[str, ...], orde: tuple[str, ...]
) -> str:
    """`met_gerelateerde`'s SQL: a LEFT JOIN, so a NULL key gives NULLs (instanties: None)."""
    gerelateerd = model._meta.get_field(veld).related_model
    filter_ = " AND ".join(f"a.{kolom(model, naam)} = %s" for naam in waar)
    volgorde = ", ".join(
        f"a.{kolom(model, naam.lstrip('-'))}{' DESC' if naam.startswith('-') else ''}"
        for naam in orde
    )
    return (
        f"SELECT {kolommen(model, 'a')}, {kolommen(gerelateerd, 'b')} "  # noqa: S608
        f"FROM {tabel(model)} a LEFT JOIN {tabel(gerelateerd)} b "
        f"ON b.{kolom(gerelateerd, gerelateerd._meta.pk.name)} = a.{kolom(model, veld)} "
        f"WHERE {filter_} ORDER BY {volgorde}"
    )


# Field types whose values a JSON array carries exactly (`json_rijen`): whole numbers, text,
# UUIDs, booleans and JSON itself (not decimals, floats, dates or times: JSON would round or
# reformat them).
_JSON_GETROUW = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "PositiveBigIntegerField",
        "CharField",
        "TextField",
        "UUIDField",
        "BooleanField",
        "JSONField",
    }
)


def json_rijen(model: type[Model], alias: str, velden: tuple[str, ...] | None = None) -> str:
    """PostgreSQL: the rows of `kolommen(model, alias, velden)` that a query over `alias` finds,
    as one JSON array (`[]` for none), so that they travel as one column of another statement;
    read back by `instanties_uit_json`. Only for fields whose values JSON carries exactly."""
    ongeschikt = [
        f.name
        for f in _velden(model, velden)
        if (f.target_field if f.is_relation else f).get_internal_type() not in _JSON_GETROUW
        or getattr(f, "decoder", None) is not None  # a JSONField's own decoder: not applied
    ]
    if ongeschikt:
        raise ValueError(f"{model.__name__}: niet exact als JSON: {', '.join(ongeschikt)}")
    return f"COALESCE(json_agg(json_build_array({kolommen(model, alias, velden)})), '[]'::json)"


@cache
def _json_omzetters(model: type[Model], velden: tuple[str, ...] | None) -> tuple[list, list]:
    alle = _velden(model, velden)
    return [f.attname for f in alle], [f.to_python for f in alle]


def instanties_uit_json(
    model: type[Model], rijen: Sequence[Sequence[Any]], velden: tuple[str, ...] | None = None
) -> list[Model]:
    """The instances of `json_rijen(model, …, velden)`'s rows as psycopg gives them (JSON
    parsed): each value through its field's `to_python` (a UUID from its text), as the ORM's
    instance has it; with `velden`, the other fields deferred, as `QuerySet.only` gives them."""
    namen, omzetters = _json_omzetters(model, velden)
    alias = db().alias
    uit = []
    for rij in rijen:
        if len(rij) != len(namen):
            raise ValueError(f"{model.__name__}: {len(rij)} waarden voor {len(namen)} kolommen")
        uit.append(model.from_db(alias, namen, [f(w) for f, w in zip(omzetters, rij, strict=True)]))
    return uit


def kolom_omzetten(model: type[Model], veldnaam: str, waarden: Sequence[Any]) -> list[Any]:
    """Values of one column, converted as the ORM converts them (e.g. SQLite's decimals)."""
    veld = model._meta.get_field(veldnaam)
    kolom = veld.get_col(model._meta.db_table)
    verbinding = db()
    functies = (*verbinding.ops.get_db_converters(kolom), *kolom.get_db_converters(verbinding))
    uit = []
    for waarde in waarden:
        for functie in functies:
            waarde = functie(waarde, kolom, verbinding)
        uit.append(waarde)
    return uit


def param(model: type[Model], veldnaam: str, waarde: Any) -> Any:
    """A value as the ORM would send it for this field (UUIDs, dates, decimals per backend)."""
    return param_van(model, veldnaam, waarde, db())


def rij_op_sleutel(model: type[Model], sql: str, veldnaam: str, waarde: Any) -> tuple | None:
    """The one row `sql` reads for `waarde` of `model`'s field `veldnaam` (its only parameter),
    or None where the ORM's `get` would find none: a value that is no value of the field, or
    beyond SQLite's integers."""
    try:
        sleutel = param(model, veldnaam, waarde)  # ValueError/TypeError as the ORM's
    except (ValueError, TypeError):
        return None
    with db().cursor() as cursor:
        try:
            cursor.execute(sql, [sleutel])
        except OverflowError:  # SQLite: beyond its integers, where the ORM finds no row
            return None
        return cursor.fetchone()


def tabel(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def kolom(model: type[Model], veldnaam: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(veldnaam).column)


def _zonder_signalen(model: type[Model]) -> bool:
    """Nothing of the model's own runs on a save: no save signal, no save() of its own."""
    return model.save is Model.save and not (
        signals.pre_save.has_listeners(model) or signals.post_save.has_listeners(model)
    )


def _voorbereiding(model: type[Model]) -> str | bool | None:
    """What the model's own save() adds to `Model.save`: None when it has none; the name of a
    method when the class that defines its save() declares that this method is all its save()
    adds (`VASTE_SQL_VOORBEREIDING`, e.g. GemeenteViaOuder's gemeente from the parent); False
    otherwise (then the ORM saves it, so nothing its save() does is skipped)."""
    if model.save is Model.save:
        return None
    eigenaar = next(k for k in model.__mro__ if "save" in vars(k))
    return vars(eigenaar).get("VASTE_SQL_VOORBEREIDING") or False


@cache
def _invoeg_sql(model: type[Model], terug: bool) -> str:
    velden = _invoegvelden(model)
    sql = (
        f"INSERT INTO {tabel(model)} ({', '.join(kolom(model, f.name) for f in velden)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(velden))})"
    )
    return f"{sql} RETURNING {kolom(model, model._meta.pk.name)}" if terug else sql


def _invoegvelden(model: type[Model]) -> list:
    """The columns an INSERT writes: all, except a primary key the database numbers."""
    pk = model._meta.pk
    return [f for f in model._meta.concrete_fields if not (f is pk and f.db_returning)]


def _zelf_invoegbaar(instantie: Model, verbinding) -> bool:
    """Whether `invoegen` writes this new row itself (else the ORM saves it): a save() of the
    model's own is declared (`_voorbereiding`), no proxy or inherited model, and a key the
    database numbers comes back from the INSERT."""
    meta = type(instantie)._meta
    terug = not meta.pk.has_default()
    return not (
        _voorbereiding(type(instantie)) is False
        or meta.proxy
        or meta.parents
        or (terug and not (meta.pk.db_returning and instantie.pk is None))
        or (terug and not verbinding.features.can_return_columns_from_insert)
    )


def _voor_invoegen(instantie: Model, verbinding) -> list:
    """Its declared preparation, the pre_save signal as the ORM sends it, then the values."""
    from django.db.models import signals

    model = type(instantie)
    voorbereiding = _voorbereiding(model)
    if voorbereiding:
        getattr(instantie, voorbereiding)()
    signals.pre_save.send(
        sender=model, instance=instantie, raw=False, using=verbinding.alias, update_fields=None
    )
    return [
        f.get_db_prep_save(f.pre_save(instantie, True), verbinding) for f in _invoegvelden(model)
    ]


def _na_invoegen(instantie: Model, verbinding, pk: Any = None) -> None:
    """The numbered key (if any), the instance saved, the post_save signal as the ORM sends it."""
    from django.db.models import signals

    model = type(instantie)
    if not model._meta.pk.has_default():
        (pk,) = kolom_omzetten(model, model._meta.pk.name, [pk])
        setattr(instantie, model._meta.pk.attname, pk)
    instantie._state.adding, instantie._state.db = False, verbinding.alias
    signals.post_save.send(
        sender=model,
        instance=instantie,
        created=True,
        update_fields=None,
        raw=False,
        using=verbinding.alias,
    )


def invoegen(instantie: Model) -> Model:
    """`instantie.save()` of a new row, in SQL written once per model: its primary key set by
    its default (a UUID) or numbered by the database (returned by the INSERT). Save signals are
    sent as the ORM sends them (pre_save, post_save with created=True); a save() of the model's
    own runs through its declared preparation (`_voorbereiding`) or the model is saved by the
    ORM, so nothing it does on a save is ever skipped (as for a proxy or an inherited model)."""
    verbinding = db()
    if not _zelf_invoegbaar(instantie, verbinding):
        instantie.save(force_insert=True)
        return instantie
    model = type(instantie)
    terug = not model._meta.pk.has_default()
    waarden = _voor_invoegen(instantie, verbinding)
    with verbinding.cursor() as cursor:
        cursor.execute(_invoeg_sql(model, terug), waarden)
        pk = cursor.fetchone()[0] if terug else None
    _na_invoegen(instantie, verbinding, pk)
    return instantie


@cache
def _bijwerk_sql(model: type[Model], velden: tuple[str, ...]) -> str:
    zet = ", ".join(f"{kolom(model, v)} = %s" for v in velden)
    return f"UPDATE {tabel(model)} SET {zet} WHERE {kolom(model, model._meta.pk.name)} = %s"  # noqa: S608


def bijwerken(instantie: Model, velden: Sequence[str]) -> None:
    """`instantie.save(update_fields=velden)` in SQL written once per model and field list (a
    model with save signals or a save() of its own is saved by the ORM)."""
    model = type(instantie)
    if not _zonder_signalen(model):
        instantie.save(update_fields=velden)
        return
    verbinding = db()
    waarden = _bijwerk_waarden(instantie, velden, verbinding)
    with verbinding.cursor() as cursor:
        cursor.execute(_bijwerk_sql(model, tuple(velden)), waarden)
        if cursor.rowcount != 1:  # as the ORM's save(update_fields=…)
            raise DatabaseError("Save with update_fields did not affect any rows.")


def _bijwerk_waarden(instantie: Model, velden: Sequence[str], verbinding) -> list:
    meta = type(instantie)._meta
    waarden = [
        meta.get_field(v).get_db_prep_save(meta.get_field(v).pre_save(instantie, False), verbinding)
        for v in velden
    ]
    waarden.append(meta.pk.get_db_prep_value(instantie.pk, verbinding))
    return waarden


@dataclass(frozen=True)
class Deel:
    """PostgreSQL: another app's write, to be sent as data-modifying CTEs of a statement that is
    sent anyway (`invoegen_en_bijwerken`), so that it costs no statement of its own. `met`: its
    CTEs (`naam AS (…), …`, names of its own); `uitkomst`: the values it needs back, as
    expressions over its CTEs (`(SELECT id FROM naam), …`); `na`: called with those values once
    the statement has run. PostgreSQL runs every data-modifying CTE exactly once, in the
    statement's snapshot, whether the rest of the statement reads it or not."""

    met: str
    parameters: list
    uitkomst: tuple[str, ...]
    na: Callable[[tuple], None]


def uitvoeren(deel: Deel) -> None:
    """`deel` in a statement of its own (no statement to travel with)."""
    uitkomst = ", ".join(deel.uitkomst) or "NULL"  # a SELECT needs a column
    with db().cursor() as cursor:
        cursor.execute(f"WITH {deel.met} SELECT {uitkomst}", deel.parameters)
        deel.na(cursor.fetchone()[: len(deel.uitkomst)])


@cache
def _invoeg_en_bijwerk_sql(
    nieuw: type[Model],
    model: type[Model],
    velden: tuple[str, ...],
    mee: tuple[type[Model], ...] = (),
    delen: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> str:
    terug = not nieuw._meta.pk.has_default()
    uit = [f"(SELECT {kolom(nieuw, nieuw._meta.pk.name)} FROM nieuw)" if terug else "1"]  # noqa: S608
    ook = "".join(f", mee{i} AS ({_invoeg_sql(m, False)})" for i, m in enumerate(mee))
    for met, uitkomst in delen:
        ook += f", {met}"
        uit.extend(uitkomst)
    return (
        f"WITH nieuw AS ({_invoeg_sql(nieuw, terug)}){ook} "
        f"{_bijwerk_sql(model, velden)} RETURNING {', '.join(uit)}"
    )


def invoegen_en_bijwerken(
    nieuw: Model,
    instantie: Model,
    velden: Sequence[str],
    mee: Sequence[Model] = (),
    delen: Sequence[Deel] = (),
) -> None:
    """`invoegen(nieuw)`, `invoegen(m)` for each of `mee` and `bijwerken(instantie, velden)` (a
    request's status step, its timeline item and the request itself) in one statement on
    PostgreSQL: the INSERTs as data-modifying CTEs of the UPDATE, and with them the writes of
    `delen` (e.g. the processing log's entry and a queued job). The signals of the new rows as
    `invoegen` sends them (pre_save before the statement, post_save after it, `nieuw` first); an
    UPDATE that finds no row fails as `bijwerken`'s. Elsewhere, or when any row would be saved
    by the ORM (or a row of `mee` needs its key numbered by the database), one after the other,
    each of `delen` last in a statement of its own."""
    verbinding = db()
    if not (
        verbinding.vendor == "postgresql"
        and _zelf_invoegbaar(nieuw, verbinding)
        and _zonder_signalen(type(instantie))
        and all(type(m)._meta.pk.has_default() and _zelf_invoegbaar(m, verbinding) for m in mee)
    ):
        invoegen(nieuw)
        for m in mee:
            invoegen(m)
        bijwerken(instantie, velden)
        for deel in delen:
            uitvoeren(deel)
        return
    velden = tuple(velden)
    waarden = _voor_invoegen(nieuw, verbinding)
    for m in mee:
        waarden.extend(_voor_invoegen(m, verbinding))
    for deel in delen:
        waarden.extend(deel.parameters)
    waarden.extend(_bijwerk_waarden(instantie, velden, verbinding))
    sql = _invoeg_en_bijwerk_sql(
        type(nieuw),
        type(instantie),
        velden,
        tuple(type(m) for m in mee),
        tuple((d.met, d.uitkomst) for d in delen),
    )
    with verbinding.cursor() as cursor:
        cursor.execute(sql, waarden)
        rijen = cursor.fetchall()
    if len(rijen) != 1:  # as the ORM's save(update_fields=…)
        raise DatabaseError("Save with update_fields did not affect any rows.")
    (rij,) = rijen
    _na_invoegen(nieuw, verbinding, rij[0])
    for m in mee:
        _na_invoegen(m, verbinding)
    begin = 1
    for deel in delen:
        deel.na(rij[begin : begin + len(deel.uitkomst)])
        begin += len(deel.uitkomst)


# --- rows of a fixed query shape ----------------------------------------------------------------


@dataclass(frozen=True)
class _Rijvorm:
    """A `values_list(named=True)` query compiled once: its SQL, the parameters of its columns
    (fixed: a JSON key), the fields whose values are its other parameters (in order), the
    converters per column and the named tuple of a row."""

    sql: str
    vast: tuple
    velden: tuple[str, ...]
    omzetters: tuple[tuple[int, tuple, Any], ...]
    rij: type


# Per connection object (one per thread), so no converter bound to another thread's connection
# is ever called; a shape the ORM compiles differently from its fields' values is None (the ORM
# then reads it every time).
_VORMEN: "weakref.WeakKeyDictionary[Any, dict[tuple, _Rijvorm | None]]" = (
    weakref.WeakKeyDictionary()
)


def rijen(
    model: type[Model],
    velden: tuple[str, ...],
    *,
    limiet: int | None = None,
    orde: tuple[str, ...] | None = None,
    **waar: Any,
) -> list[tuple]:
    """`model.objects.filter(**waar).order_by(*orde).values_list(*velden, named=True)[:limiet]`
    (`orde` by default the model's own ordering), the same rows, with the SQL compiled once per
    connection instead of on every call (the dossier page reads a dozen such parts: their
    compilation cost more CPU than reading them). `waar` are equalities on fields, the model's
    own (`casus_id=…`) or a related model's (`meting__casus_id=…`); a value None or a lookup
    (`__gte`, `__in`) goes through the ORM, as does a shape whose compiled parameters are not
    exactly its fields' values."""
    alias = router.db_for_read(model)
    if orde is None:
        orde = tuple(model._meta.ordering)

    def queryset():
        qs = model.objects.using(alias).filter(**waar).order_by(*orde)
        return qs.values_list(*velden, named=True)[:limiet]

    if any(w is None or _filterveld(model, v) is None for v, w in waar.items()):
        return list(queryset())
    verbinding = connections[alias]
    vormen = _VORMEN.setdefault(verbinding, {})
    sleutel = (model, velden, limiet, orde, *sorted(waar))
    if sleutel not in vormen:
        vormen[sleutel] = _rijvorm(queryset(), model, verbinding, waar)
    vorm = vormen[sleutel]
    if vorm is None:
        return list(queryset())
    params = [*vorm.vast, *(param_van(model, veld, waar[veld], verbinding) for veld in vorm.velden)]
    with verbinding.cursor() as cursor:
        cursor.execute(vorm.sql, params)
        gelezen = cursor.fetchall()
    nieuw, klasse = tuple.__new__, vorm.rij
    uit = []
    for waarden in gelezen:
        if vorm.omzetters:
            waarden = list(waarden)
            for positie, functies, expressie in vorm.omzetters:
                waarde = waarden[positie]
                for functie in functies:
                    waarde = functie(waarde, expressie, verbinding)
                waarden[positie] = waarde
        uit.append(nieuw(klasse, waarden))
    return uit


def param_van(model: type[Model], veldnaam: str, waarde: Any, verbinding) -> Any:
    """`param` on a given connection; `veldnaam` may be a path to a related model's field."""
    veld = _filterveld(model, veldnaam) if "__" in veldnaam else model._meta.get_field(veldnaam)
    return veld.get_db_prep_value(waarde, verbinding, prepared=False)


@cache
def _filterveld(model: type[Model], pad: str) -> Any:
    """The field that `pad` (`casus_id`, `meting__casus_id`) names, through forward relations;
    None when its last part is no field (a lookup such as `__gte`) or a part is no relation."""
    *via, naam = pad.split("__")
    for deel in via:
        try:
            veld = model._meta.get_field(deel)
        except FieldDoesNotExist:
            return None
        if not (veld.is_relation and veld.concrete and not veld.many_to_many):
            return None
        model = veld.related_model
    try:
        return model._meta.get_field(naam)
    except FieldDoesNotExist:
        return None


def _rijvorm(queryset, model: type[Model], verbinding, waar: dict[str, Any]) -> _Rijvorm | None:
    """Compile `queryset` once, as the ORM does; its parameters must be those of its columns (a
    JSON key: the same on every call), then the filter's values in the order of their names (how
    Django adds keyword filters), or it is not kept. A column's parameter equal to one of the
    filter's values could not be told from it: such a shape is not kept either."""
    compiler = queryset.query.get_compiler(connection=verbinding)
    sql, params = compiler.as_sql()
    velden = tuple(sorted(waar))
    waarden = [param_van(model, v, waar[v], verbinding) for v in velden]
    vast = [p for _kolom, (_sql, kolomparams), _alias in compiler.select for p in kolomparams]
    if list(params) != [*vast, *waarden] or any(p in waarden for p in vast):
        return None
    kolommen = [s[0] for s in compiler.select[: compiler.col_count]]
    omzetters = tuple(
        (positie, tuple(functies), expressie)
        for positie, (functies, expressie) in compiler.get_converters(kolommen).items()
    )
    query = queryset.query
    namen = [*query.extra_select, *query.values_select, *query.annotation_select]
    return _Rijvorm(sql, tuple(vast), velden, omzetters, create_namedtuple_class(*namen))
