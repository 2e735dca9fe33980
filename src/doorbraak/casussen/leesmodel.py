"""The dossier's read model: `GET /casussen/{id}` from one row instead of a dozen queries.

Kept current without a list of writers to remember: every change of a household or case writes
a processing-log entry in the writer's transaction (invariant 6), and `audit.services.leg_vast`
calls `dossiers_gewijzigd` for those entries. Changes that are not about one household (a
renamed life domain, doelgroep or fund, a medewerker's username) reach it through the signals
below. A change raises `versie` and empties `inhoud` with an upsert, so a row always exists after
a change; a read stores what it built only while `versie` is still the one it read. Whatever the
interleaving, a copy built before a change committed is either not stored or cleared after.
"""

import json
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple
from uuid import UUID

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save, pre_delete

from doorbraak import bsn, vaste_sql
from doorbraak.casussen.models import Casus, DossierLeesmodel, Leefgebied

# The SQLite default allows 999 parameters in older builds; stay well below it.
_BLOK = 500


def dossiers_gewijzigd(
    *, casus_ids: Iterable[Any] = (), huishouden_ids: Iterable[Any] = ()
) -> None:
    """The dossiers of these cases, and of every case of these households, are out of date."""
    casus_ids = sorted({str(c) for c in casus_ids if c})
    huishouden_ids = sorted({str(h) for h in huishouden_ids if h})
    pk = Casus._meta.pk
    for i in range(0, len(casus_ids), _BLOK):
        # The ids as they are, without compiling a queryset: the one statement of every write.
        blok = [pk.get_db_prep_value(c, connection) for c in casus_ids[i : i + _BLOK]]
        _verouder_waar(", ".join(["%s"] * len(blok)), blok)
    for i in range(0, len(huishouden_ids), _BLOK):
        _verouder(Casus.objects.filter(huishouden_id__in=huishouden_ids[i : i + _BLOK]))


def _verouder(casussen: QuerySet[Casus]) -> None:
    """One statement: raise the version and empty the copy of each case, creating the row where
    there is none yet (a read racing with this change then finds the raised version)."""
    selectie, params = casussen.order_by().values("pk").query.sql_with_params()
    _verouder_waar(selectie, params)


@lru_cache(maxsize=64)  # a list of ids per number of cases (up to a block), and a few subqueries
def _verouder_sql(selectie: str) -> str:
    tabel = connection.ops.quote_name(DossierLeesmodel._meta.db_table)
    casus = connection.ops.quote_name(Casus._meta.db_table)
    return (
        f"INSERT INTO {tabel} (casus_id, gemeente_id, versie, inhoud) "  # noqa: S608
        f"SELECT c.id, c.gemeente_id, 1, '' FROM {casus} c WHERE c.id IN ({selectie}) "
        f"ORDER BY c.id "  # the same lock order in every writer
        f"ON CONFLICT (casus_id) DO UPDATE SET versie = {tabel}.versie + 1, inhoud = ''"
    )


def _verouder_waar(selectie: str, params) -> None:
    """`_verouder` for the cases whose id is IN (`selectie`): a subquery or a list of ids."""
    with connection.cursor() as cursor:
        cursor.execute(_verouder_sql(selectie), params)


def verouderen_als_deel(
    *, casus_ids: Iterable[Any] = (), huishouden_ids: Iterable[Any] = ()
) -> tuple[str, list] | None:
    """`dossiers_gewijzigd` as a statement for a writer to send as a data-modifying CTE of its
    own (PostgreSQL: the processing log's INSERT, `audit.services.leg_vast`), so that marking the
    dossier costs no round trip of its own: (sql, params), or None when the change is not that
    simple (households, more cases than one block) or nothing changed; then the writer calls
    `dossiers_gewijzigd` as before. The same statement, so the same rows, locks and lock order."""
    casus_ids = sorted({str(c) for c in casus_ids if c})
    verbinding = vaste_sql.db()  # not the proxy, asked once per case
    if (
        verbinding.vendor != "postgresql"
        or not casus_ids
        or len(casus_ids) > _BLOK
        or any(h for h in huishouden_ids)
    ):
        return None
    pk = Casus._meta.pk
    return (
        _verouder_sql(", ".join(["%s"] * len(casus_ids))),
        [pk.get_db_prep_value(c, verbinding) for c in casus_ids],
    )


def opgeslagen(*, casus_id: UUID, gemeente_id: UUID, versie: int | None, inhoud: str) -> None:
    """Keep a freshly built dossier, unless a change came in since `versie` was read."""
    if versie is None:
        DossierLeesmodel.objects.bulk_create(
            [DossierLeesmodel(casus_id=casus_id, gemeente_id=gemeente_id, versie=0, inhoud=inhoud)],
            ignore_conflicts=True,
        )
    else:
        DossierLeesmodel.objects.filter(casus_id=casus_id, versie=versie).update(inhoud=inhoud)


def alles_opbouwen(*, blok: int = 500, casus_ids: Iterable[Any] | None = None) -> int:
    """Build the copy of every case that has none (after a deploy, before a benchmark), per
    block of cases with the dossier's queries once; each copy is kept only while the version
    it was built for still holds, as with a read. Not a medewerker's read: nothing is logged.

    With `casus_ids`, only those cases, and their copies are rebuilt even when present (a
    benchmark that reads a sample of a kept database must not serve copies from older code)."""
    from doorbraak.casussen.selectors import met_dossierdelen

    basis = Casus.objects.all()
    if casus_ids is not None:
        gekozen = sorted({str(c) for c in casus_ids})
        dossiers_gewijzigd(casus_ids=gekozen)
        basis = basis.filter(pk__in=gekozen)
    gebouwd, laatste = 0, None
    while True:
        qs = basis.filter(Q(leesmodel__isnull=True) | Q(leesmodel__inhoud="")).order_by("pk")
        if laatste is not None:
            qs = qs.filter(pk__gt=laatste)
        rijen = list(qs.values_list("pk", "gemeente_id", "leesmodel__versie")[:blok])
        if not rijen:
            return gebouwd
        laatste = rijen[-1][0]
        casussen = met_dossierdelen(Casus.objects.filter(pk__in=[r[0] for r in rijen]))
        inhoud = {c.pk: opbouwen(c) for c in casussen}
        DossierLeesmodel.objects.bulk_create(
            [
                DossierLeesmodel(casus_id=pk, gemeente_id=g, versie=0, inhoud=inhoud[pk])
                for pk, g, versie in rijen
                if versie is None
            ],
            ignore_conflicts=True,
        )
        for pk, g, versie in rijen:
            if versie is not None:
                opgeslagen(casus_id=pk, gemeente_id=g, versie=versie, inhoud=inhoud[pk])
        gebouwd += len(rijen)


def opbouwen(casus: Casus) -> str:
    """The dossier exactly as the API renders it (compact JSON, UTF-8)."""
    from rest_framework.renderers import JSONRenderer

    from doorbraak.casussen.api import CasusDossierSerializer

    return JSONRenderer().render(CasusDossierSerializer(casus).data).decode()


# --- the parts the dossier page shows from the copy --------------------------------------------


class Lid(NamedTuple):
    """A household member as the dossier page shows it: the BSN only masked, as the model masks
    it (`Gezinslid.bsn_masked`), and its last digits; never the BSN itself."""

    pk: UUID
    voornaam: str
    achternaam: str
    geboortedatum: date | None
    rol: str
    bsn_masked: str | None

    @property
    def bsn_laatste_cijfers(self) -> str:
        """The digits the masked BSN shows (for the screen reader's label); '' without one."""
        return bsn.laatste_cijfers_van(self.bsn_masked)


class Hulpverlenerrij(NamedTuple):
    pk: UUID
    organisatie: str
    rol: str
    contactpersoon: str
    geschatte_jaarkosten: Decimal | None


class Actierij(NamedTuple):
    omschrijving: str
    eigenaar: str
    deadline: date | None
    gereed: bool


class Netwerkrij(NamedTuple):
    naam: str
    rol: str
    bijdrage: str


class Leesmodeldelen(NamedTuple):
    """The members, helpers and the plan's bottlenecks (omschrijving, soort, regeling, artikel),
    actions and network, each in the order the models give them."""

    gezinsleden: list[Lid]
    hulpverleners: list[Hulpverlenerrij]
    knelpunten: list[tuple[str, str, str, str]]
    acties: list[Actierij]
    netwerk: list[Netwerkrij]


def delen_uit(inhoud: str) -> Leesmodeldelen:
    """The parts of a copy (`opbouwen`'s JSON) the dossier page shows, with the values the
    database gives: ids, dates and amounts from their JSON text, which is exact (the serializer
    writes dates in ISO form and amounts as text with both decimals)."""
    dossier = json.loads(inhoud)
    plan = dossier["doorbraakplan"] or {}
    return Leesmodeldelen(
        gezinsleden=[
            Lid(
                UUID(g["id"]),
                g["voornaam"],
                g["achternaam"],
                _datum(g["geboortedatum"]),
                g["rol"],
                g["bsn_masked"],
            )
            for g in dossier["huishouden"]["gezinsleden"]
        ],
        hulpverleners=[
            Hulpverlenerrij(
                UUID(h["id"]),
                h["organisatie"],
                h["rol"],
                h["contactpersoon"],
                None if h["geschatte_jaarkosten"] is None else Decimal(h["geschatte_jaarkosten"]),
            )
            for h in dossier["hulpverleners"]
        ],
        knelpunten=[
            (k["omschrijving"], k["soort"], k["regeling"], k["artikel"])
            for k in plan.get("knelpunten", [])
        ],
        acties=[
            Actierij(a["omschrijving"], a["eigenaar"], _datum(a["deadline"]), a["gereed"])
            for a in plan.get("acties", [])
        ],
        netwerk=[Netwerkrij(n["naam"], n["rol"], n["bijdrage"]) for n in plan.get("netwerk", [])],
    )


def _datum(tekst: str | None) -> date | None:
    return None if tekst is None else date.fromisoformat(tekst)


# --- changes that are not about one household ----------------------------------------------


def _leefgebied_gewijzigd(sender, instance: Leefgebied, raw=False, **kwargs) -> None:
    if not raw:
        _verouder(Casus.objects.filter(metingen__scores__leefgebied_id=instance.pk).distinct())


def _doelgroep_gewijzigd(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        _verouder(Casus.objects.filter(doelgroep_id=instance.pk))


def _fonds_gewijzigd(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        _verouder(Casus.objects.filter(aanvragen__fonds_id=instance.pk).distinct())


def _medewerker_gewijzigd(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """The dossier names the regisseur and who changed the status by username, the dossier page
    (web.paginacache) them and the timeline's authors by full name. A login (which saves only
    last_login) changes none of these."""
    if raw or instance.pk is None or kwargs.get("created"):
        return
    if update_fields is not None and not {"username", "first_name", "last_name"} & set(
        update_fields
    ):
        return
    _verouder(
        Casus.objects.filter(
            Q(regisseur_id=instance.pk)
            | Q(statuswijzigingen__door_id=instance.pk)
            | Q(tijdlijn__door_id=instance.pk)
        ).distinct()
    )


def verbind() -> None:
    from doorbraak.budget.models import Fonds
    from doorbraak.organisaties.models import Doelgroep, Medewerker

    for sender, ontvanger in (
        (Leefgebied, _leefgebied_gewijzigd),
        (Doelgroep, _doelgroep_gewijzigd),
        (Fonds, _fonds_gewijzigd),
    ):
        post_save.connect(ontvanger, sender=sender, dispatch_uid=f"leesmodel_{sender.__name__}")
    post_save.connect(_medewerker_gewijzigd, sender=Medewerker, dispatch_uid="leesmodel_mw")
    # Before the delete sets regisseur and door to NULL, while the cases can still be found.
    pre_delete.connect(_medewerker_gewijzigd, sender=Medewerker, dispatch_uid="leesmodel_mw_weg")
    post_delete.connect(_leefgebied_gewijzigd, sender=Leefgebied, dispatch_uid="leesmodel_lg_weg")
