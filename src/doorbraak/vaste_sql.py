"""Rows to model instances for the few reads on every request (token, dossier), without the ORM
compiling the same query again each time: on the dossier read path that compilation cost more
CPU than the database's work (issue 19). The SQL is written once per process from the models'
own column lists; values pass through the same converters the ORM applies, so an instance is
the one `QuerySet.get` would give. Everything else uses the ORM."""

import inspect
from collections.abc import Sequence
from functools import cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.db.models import Model, signals
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute


def kolommen(model: type[Model], alias: str) -> str:
    """`alias.col, …` for every concrete field of `model`, in `_meta` order."""
    q = connection.ops.quote_name
    return ", ".join(f"{alias}.{q(f.column)}" for f in model._meta.concrete_fields)


@cache
def _omzetters(model: type[Model]) -> tuple[list[str], list[tuple[int, Any, tuple]]]:
    """The attribute names in column order, and (position, column, converters) of the columns
    that have converters (most have none: their value is taken as the database gives it)."""
    namen, omzetters = [], []
    for positie, veld in enumerate(model._meta.concrete_fields):
        kolom = veld.get_col(model._meta.db_table)
        namen.append(veld.attname)
        functies = (*connection.ops.get_db_converters(kolom), *kolom.get_db_converters(connection))
        if functies:
            omzetters.append((positie, kolom, functies))
    return namen, omzetters


def instantie(model: type[Model], waarden: Sequence[Any]) -> Model:
    """An instance from the values of `kolommen(model, …)`, converted as the ORM converts them.

    Where `Model.from_db` would only store the values (`_alleen_opslaan`) and no pre_init or
    post_init receiver is connected at all, the instance is filled directly: the same attributes
    and state, without `Model.__init__`'s general path (the token read: three per request)."""
    verbinding = connections[DEFAULT_DB_ALIAS]  # as the ORM passes it: not the proxy
    namen, omzetters = _omzetters(model)
    if len(waarden) != len(namen):
        raise ValueError(f"{model.__name__}: {len(waarden)} waarden voor {len(namen)} kolommen")
    omgezet = list(waarden)
    for positie, kolom, functies in omzetters:
        waarde = omgezet[positie]
        for functie in functies:
            waarde = functie(waarde, kolom, verbinding)
        omgezet[positie] = waarde
    if not _alleen_opslaan(model) or signals.pre_init.receivers or signals.post_init.receivers:
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


def instanties(modellen: Sequence[type[Model]], rij: Sequence[Any]) -> list[Model]:
    """One instance per model from a row of `kolommen(m1, …), kolommen(m2, …), …`."""
    uit, begin = [], 0
    for model in modellen:
        eind = begin + aantal(model)
        uit.append(instantie(model, rij[begin:eind]))
        begin = eind
    return uit


def kolom_omzetten(model: type[Model], veldnaam: str, waarden: Sequence[Any]) -> list[Any]:
    """Values of one column, converted as the ORM converts them (e.g. SQLite's decimals)."""
    veld = model._meta.get_field(veldnaam)
    kolom = veld.get_col(model._meta.db_table)
    functies = (*connection.ops.get_db_converters(kolom), *kolom.get_db_converters(connection))
    uit = []
    for waarde in waarden:
        for functie in functies:
            waarde = functie(waarde, kolom, connection)
        uit.append(waarde)
    return uit


def param(model: type[Model], veldnaam: str, waarde: Any) -> Any:
    """A value as the ORM would send it for this field (UUIDs, dates, decimals per backend)."""
    return model._meta.get_field(veldnaam).get_db_prep_value(waarde, connection, prepared=False)


def tabel(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def kolom(model: type[Model], veldnaam: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(veldnaam).column)


def _zonder_signalen(model: type[Model]) -> bool:
    """Nothing of the model's own runs on a save: no save signal, no save() of its own."""
    return model.save is Model.save and not (
        signals.pre_save.has_listeners(model) or signals.post_save.has_listeners(model)
    )


@cache
def _invoeg_sql(model: type[Model]) -> str:
    velden = model._meta.concrete_fields
    return (
        f"INSERT INTO {tabel(model)} ({', '.join(kolom(model, f.name) for f in velden)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(velden))})"
    )


def invoegen(instantie: Model) -> Model:
    """`instantie.save()` of a new row with its primary key set by its default (a UUID), in
    SQL written once per model. A model with save signals or a save() of its own is saved by
    the ORM, so nothing it does on a save is ever skipped."""
    model = type(instantie)
    if not _zonder_signalen(model) or not model._meta.pk.has_default():
        instantie.save(force_insert=True)
        return instantie
    velden = model._meta.concrete_fields
    waarden = [f.get_db_prep_save(f.pre_save(instantie, True), connection) for f in velden]
    with connection.cursor() as cursor:
        cursor.execute(_invoeg_sql(model), waarden)
    instantie._state.adding, instantie._state.db = False, connection.alias
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
    meta = model._meta
    waarden = [
        meta.get_field(v).get_db_prep_save(meta.get_field(v).pre_save(instantie, False), connection)
        for v in velden
    ]
    waarden.append(meta.pk.get_db_prep_value(instantie.pk, connection))
    with connection.cursor() as cursor:
        cursor.execute(_bijwerk_sql(model, tuple(velden)), waarden)
        if cursor.rowcount != 1:  # as the ORM's save(update_fields=…)
            raise DatabaseError("Save with update_fields did not affect any rows.")
