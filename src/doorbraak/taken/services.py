"""The one way the code puts work on the background queue, and the dead-letter actions."""

import importlib
import json
from functools import cache
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.brokers.orm import ORM
from django_q.conf import Conf
from django_q.models import Failure, OrmQ
from django_q.tasks import async_task

from doorbraak import vaste_sql
from doorbraak.audit.services import Handeling, Vastlegging, leg_vast
from doorbraak.fouten import NietGevonden, Validatiefout
from doorbraak.organisaties.models import Medewerker
from doorbraak.taken import selectors
from doorbraak.taken.models import Achtergrondtaak


def functie_laden(pad: str):
    """The function behind a dotted path, or a Validatiefout naming the path."""
    module, _, naam = pad.rpartition(".")
    try:
        functie = getattr(importlib.import_module(module), naam, None) if module else None
    except ImportError:
        functie = None
    if not callable(functie):
        raise Validatiefout(f"Onbekende taak: {pad}.", veld="functie")
    return functie


@cache
def _orm_broker() -> type | None:
    """The configured broker's class when it is django-q's ORM broker (its settings are read
    once per process, as django-q's own Conf reads them)."""
    klasse = type(get_broker())
    return klasse if issubclass(klasse, ORM) else None


class _Wachtrij:
    """The configured broker, remembering the queue row its enqueue made (to take it off
    again when the key turns out to be placed already). On PostgreSQL with django-q's ORM broker
    on this connection, the signed package is kept instead (`pakket`) and goes into the queue
    table in the same statement as the key's row (`_invoegen_met_wachtrij`); the broker itself
    is then made only if the key turns out to be taken."""

    def __init__(self) -> None:
        verbinding = vaste_sql.db()
        self.uitstellen = (
            verbinding.vendor == "postgresql"
            and verbinding.alias == Conf.ORM
            and _orm_broker() is not None
        )
        self._broker = None if self.uitstellen else get_broker()
        # what get_broker() names the queue (django-q logs it on every enqueue)
        self.list_key = Conf.CLUSTER_NAME if self.uitstellen else self._broker.list_key
        self.rij = None
        self.pakket = None
        self.eigen: bool | None = None  # whether the key's row went in (the key is ours)

    @property
    def broker(self):
        if self._broker is None:
            self._broker = get_broker()
        return self._broker

    def enqueue(self, pakket):
        if self.uitstellen:
            self.pakket = pakket
            return "met de sleutel"  # for django-q's log line only
        self.rij = self.broker.enqueue(pakket)
        return self.rij

    def geplaatst(self, eigen: bool) -> None:
        """The key's row went in (`eigen`), or the key was taken: then this placement's job
        comes off the queue again, in the same transaction."""
        self.eigen = eigen
        if not eigen:
            self.broker.delete(self.rij)


def _zet_in_wachtrij(
    functie: str, args: list, kwargs: dict, naam: str, wachtrij: _Wachtrij | None = None
) -> str:
    # q_options: every keyword goes to the job itself, none is taken as a queue option.
    opties: dict[str, Any] = {"task_name": naam[:100]}
    if wachtrij is not None:
        opties["broker"] = wachtrij
    return async_task(functie, *args, q_options=opties, **kwargs)


def plaats_taak(
    *,
    functie: str,
    sleutel: str,
    args: list | tuple = (),
    kwargs: dict[str, Any] | None = None,
    gemeente_id: UUID | None = None,
    huishouden_id: UUID | None = None,
    omschrijving: str = "",
    mee: list[vaste_sql.Deel] | None = None,
) -> Achtergrondtaak:
    """Put `functie(*args, **kwargs)` on the queue once per `sleutel`.

    Placing the same key again returns the first placement and queues nothing, so a double
    click or a repeated request runs the job once. The queue lives in the same database: inside
    the caller's transaction, a rollback also takes the job off the queue.

    `mee`: the parts (`vaste_sql.Deel`) of a statement the caller sends next in its
    transaction, for a caller that needs nothing back. Where the job's rows go into the queue
    table in one statement (PostgreSQL, django-q's ORM broker), they are added to it instead of
    sent here (the key's row is returned before it is written; a taken key takes the job off
    the queue again once that statement has run); elsewhere the job is placed here as usual.
    """
    if not sleutel or len(sleutel) > 200:
        raise Validatiefout("Een taak heeft een sleutel van 1 tot 200 tekens.", veld="sleutel")
    functie_laden(functie)
    args, kwargs = list(args), dict(kwargs or {})
    try:
        json.dumps([args, kwargs])
    except (TypeError, ValueError) as fout:
        raise Validatiefout(
            "De argumenten van een taak moeten JSON-serialiseerbaar zijn.", veld="args"
        ) from fout
    taak = Achtergrondtaak(
        sleutel=sleutel,
        functie=functie,
        gemeente_id=gemeente_id,
        huishouden_id=huishouden_id,
        omschrijving=omschrijving[:200],
    )
    # No savepoints (this runs inside deciding transactions). The job goes on the queue first,
    # so that its task id is in the key's row when that row is inserted: two statements, not
    # three (issue 19). The row is inserted unless the key exists (a concurrent placement of
    # the key is waited for); then the row under the key says whose placement it is, and this
    # placement takes its job off the queue again, in the same transaction: only the first
    # placement's job is ever on the queue (the queue lives in the same database).
    wachtrij = _Wachtrij()
    if mee is not None and wachtrij.uitstellen:  # nothing is sent here
        taak.task_id = _zet_in_wachtrij(functie, args, kwargs, sleutel, wachtrij)
        mee.append(_met_wachtrij(taak, wachtrij))
        return taak
    with transaction.atomic(savepoint=False):
        taak.task_id = _zet_in_wachtrij(functie, args, kwargs, sleutel, wachtrij)
        if wachtrij.pakket is not None:
            vaste_sql.uitvoeren(_met_wachtrij(taak, wachtrij))
        else:
            _invoegen_als_nieuw(taak, wachtrij)
        if not wachtrij.eigen:
            return Achtergrondtaak.objects.get(sleutel=sleutel)
        return taak


def _invoegen_als_nieuw(taak: Achtergrondtaak, wachtrij: _Wachtrij) -> None:
    """INSERT … ON CONFLICT (sleutel) DO NOTHING RETURNING: whether this row went in (the key
    is ours) told to `wachtrij`, in one statement; the row of an earlier placement is read only
    when there is one (PostgreSQL and SQLite 3.35+ both speak this)."""
    velden = Achtergrondtaak._meta.concrete_fields
    waarden = [f.get_db_prep_save(f.pre_save(taak, True), connection) for f in velden]
    with connection.cursor() as cursor:
        cursor.execute(_invoeg_sql(), waarden)
        eigen = cursor.fetchone() is not None
    taak._state.adding, taak._state.db = False, connection.alias
    wachtrij.geplaatst(eigen)


def _met_wachtrij(taak: Achtergrondtaak, wachtrij: _Wachtrij) -> vaste_sql.Deel:
    """The queue's row (what django-q's ORM broker inserts) and the key's row, `INSERT … ON
    CONFLICT (sleutel) DO NOTHING`, as two data-modifying CTEs of one statement (PostgreSQL),
    whether the key's row went in told to `wachtrij` once it has run. The queue's row always
    goes in; its id is remembered in `wachtrij.rij`, for the placement that finds the key taken
    to delete it again."""
    verbinding = vaste_sql.db()
    velden = Achtergrondtaak._meta.concrete_fields
    waarden = [f.get_db_prep_save(f.pre_save(taak, True), verbinding) for f in velden]
    rij = {"key": wachtrij.list_key, "payload": wachtrij.pakket}
    rij["lock"] = timezone.now()  # as django-q's ORM broker enqueues
    wachtrij_waarden = [
        OrmQ._meta.get_field(naam).get_db_prep_save(waarde, verbinding)
        for naam, waarde in rij.items()
    ]

    def gedaan(uitkomst: tuple) -> None:
        wachtrij.rij, eigen = uitkomst
        taak._state.adding, taak._state.db = False, verbinding.alias
        wachtrij.geplaatst(eigen is not None)

    return vaste_sql.Deel(
        _met_wachtrij_sql(), [*wachtrij_waarden, *waarden], _MET_WACHTRIJ_UITKOMST, gedaan
    )


_MET_WACHTRIJ_UITKOMST = ('(SELECT "id" FROM wachtrij)', '(SELECT "id" FROM taak)')


@cache
def _met_wachtrij_sql() -> str:
    q = connection.ops.quote_name
    return (
        f"wachtrij AS (INSERT INTO {q(OrmQ._meta.db_table)} "  # noqa: S608 (model names)
        f"({q('key')}, {q('payload')}, {q('lock')}) VALUES (%s, %s, %s) RETURNING {q('id')}), "
        f"taak AS ({_invoeg_sql()})"
    )


@cache
def _invoeg_sql() -> str:
    q = connection.ops.quote_name
    velden = Achtergrondtaak._meta.concrete_fields
    return (
        f"INSERT INTO {q(Achtergrondtaak._meta.db_table)} "  # noqa: S608 (the model's own names)
        f"({', '.join(q(f.column) for f in velden)}) VALUES ({', '.join(['%s'] * len(velden))}) "
        f"ON CONFLICT ({q('sleutel')}) DO NOTHING RETURNING {q('id')}"
    )


def _log_bij_persoonsgegevens(taak: Achtergrondtaak | None, door: Medewerker, wat: str) -> None:
    if taak is not None and taak.huishouden_id and taak.gemeente_id:
        leg_vast(
            gemeente_id=taak.gemeente_id,
            door=door,
            vastleggingen=[
                Vastlegging(
                    handeling=Handeling.WIJZIGEN,
                    object_type="achtergrondtaak",
                    object_id=taak.pk,
                    huishouden_id=taak.huishouden_id,
                    omschrijving=f"{wat}: {taak.omschrijving or taak.functie}",
                )
            ],
        )


def mislukte_taak_opnieuw(*, task_id: str, door: Medewerker) -> str:
    """Put a dead job back on the queue (same function and arguments); returns the new task id."""
    with transaction.atomic():
        mislukt, taak = selectors.mislukte_taak(task_id=task_id, medewerker=door)
        Failure.objects.filter(pk=mislukt.pk).delete()
        nieuw = _zet_in_wachtrij(
            mislukt.func, list(mislukt.args or ()), dict(mislukt.kwargs or {}), mislukt.name
        )
        if taak is not None:
            Achtergrondtaak.objects.filter(pk=taak.pk).update(task_id=nieuw)
        _log_bij_persoonsgegevens(taak, door, "Mislukte achtergrondtaak opnieuw geplaatst")
        return nieuw


def mislukte_taak_verwerpen(*, task_id: str, door: Medewerker) -> None:
    """Discard a dead job: it leaves the dead-letter list and is not run again."""
    with transaction.atomic():
        mislukt, taak = selectors.mislukte_taak(task_id=task_id, medewerker=door)
        if not Failure.objects.filter(pk=mislukt.pk).delete()[0]:
            raise NietGevonden("Deze mislukte taak bestaat niet (meer).")
        _log_bij_persoonsgegevens(taak, door, "Mislukte achtergrondtaak verworpen")
