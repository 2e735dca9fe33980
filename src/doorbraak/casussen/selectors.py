"""Every read of households and cases: scoped to the caller's gemeente; reads are logged."""

from dataclasses import dataclass
from functools import cache, lru_cache
from uuid import UUID

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
)
from knox.models import AuthToken

from doorbraak import bsn as bsn_bescherming
from doorbraak import vaste_sql
from doorbraak.audit.models import Handeling
from doorbraak.audit.services import (
    LEZER_UIT_DE_RIJ,
    Vastlegging,
    actor_sql,
    door_de_lezer_gelezen_en_vastgelegd,
    gelezen_en_vastgelegd,
    leg_lezen_vast,
)
from doorbraak.casussen import leesmodel, toegang
from doorbraak.casussen.models import (
    Casus,
    Contactmoment,
    Domeinscore,
    Doorbraakplan,
    DossierLeesmodel,
    Gezinslid,
    Huishouden,
    Meting,
    Statuswijziging,
    TijdlijnItem,
)
from doorbraak.fouten import NietGevonden
from doorbraak.organisaties import toegangspoort, tokens
from doorbraak.organisaties.bevoegdheden import Actie as TabelActie
from doorbraak.organisaties.models import Doelgroep, Gemeente, Medewerker, Rol
from doorbraak.organisaties.selectors import heeft_rol_sql, medewerkers_met_rol


def _huishoudens(medewerker: Medewerker) -> QuerySet[Huishouden]:
    return Huishouden.objects.filter(gemeente_id=medewerker.gemeente_id)


# A manager without a team oversees every case of the gemeente, also where cases are scoped
# per team (invariant 5).
_HELE_GEMEENTE_ROLLEN = (Rol.MANAGER.value,)


def _hele_gemeente(medewerker: Medewerker) -> bool:
    return medewerker.team_id is None and medewerker.heeft_rol(*_HELE_GEMEENTE_ROLLEN)


def _hele_gemeente_sql(alias: str) -> str:
    """`_hele_gemeente` of the medewerker `alias` of a statement (PostgreSQL)."""
    team = vaste_sql.kolom(Medewerker, "team")
    return f"({alias}.{team} IS NULL AND {heeft_rol_sql(alias, _HELE_GEMEENTE_ROLLEN)})"


def _casussen(medewerker: Medewerker) -> QuerySet[Casus]:
    """The gemeente's cases; where the gemeente scopes cases per team (invariant 5), only the
    own team's and the own regie (a manager without a team keeps the whole gemeente). Decided
    in the same query, so no extra round trip."""
    qs = Casus.objects.filter(gemeente_id=medewerker.gemeente_id)
    if _hele_gemeente(medewerker):
        return qs
    binnen = Q(gemeente__casussen_per_team=False) | Q(regisseur_id=medewerker.pk)
    if medewerker.team_id is not None:
        binnen |= Q(team_id=medewerker.team_id)
    return qs.filter(binnen)


def huishouden_ophalen(*, medewerker: Medewerker, huishouden_id: UUID, lock: bool = False):
    """For services: the household (404 outside the caller's gemeente), not logged as a read."""
    qs = _huishoudens(medewerker)
    if lock:
        qs = qs.select_for_update(no_key=True)  # doorbraak/vergrendeling.py
    try:
        return qs.get(pk=huishouden_id)
    except (Huishouden.DoesNotExist, ValueError):
        raise NietGevonden("Huishouden niet gevonden.") from None


def casus_ophalen(*, medewerker: Medewerker, casus_id: UUID, lock: bool = False) -> Casus:
    """For services: the case (404 outside the caller's gemeente), not logged as a read."""
    qs = _casussen(medewerker).select_related("doelgroep", "huishouden", "gemeente")
    if lock:
        qs = qs.select_for_update(of=("self",), no_key=True)  # see doorbraak/vergrendeling.py
    try:
        return qs.get(pk=casus_id)
    except (Casus.DoesNotExist, ValueError):
        raise NietGevonden("Casus niet gevonden.") from None


def _registreer(medewerker: Medewerker, vastleggingen: list[Vastlegging]) -> None:
    leg_lezen_vast(gemeente_id=medewerker.gemeente_id, door=medewerker, objecten=vastleggingen)


LIJSTINZAGE = "in casuslijst"  # the entries' description of a list shown


def registreer_lijstinzage(*, medewerker: Medewerker, casussen: list[Casus]) -> None:
    """A list shows households' names: each case on the page counts as read. `casussen` are
    cases or rows with their `pk` and `huishouden_id` (`werklijst.Werklijstrij`)."""
    _registreer(
        medewerker,
        [
            Vastlegging(Handeling.LEZEN, "casus", c.pk, c.huishouden_id, c.pk, LIJSTINZAGE)
            for c in casussen
        ],
    )


def huishouden_inzien(*, medewerker: Medewerker, huishouden_id: UUID) -> Huishouden:
    toegang.vereis_inzage(medewerker)
    try:
        huishouden = _huishoudens(medewerker).prefetch_related("gezinsleden").get(pk=huishouden_id)
    except (Huishouden.DoesNotExist, ValueError):
        raise NietGevonden("Huishouden niet gevonden.") from None
    _registreer(
        medewerker,
        [Vastlegging(Handeling.LEZEN, "huishouden", huishouden.pk, huishouden.pk)],
    )
    return huishouden


def huishoudens_zoeken_op_bsn(*, medewerker: Medewerker, bsn: str) -> list[Huishouden]:
    """Find households by BSN through its keyed hash (the BSN never travels in a URL)."""
    toegang.vereis_inzage(medewerker)
    zoekhashes = bsn_bescherming.zoekhashes(bsn_bescherming.valideer(bsn))
    huishoudens = list(
        _huishoudens(medewerker)
        .filter(gezinsleden__bsn_zoekhash__in=zoekhashes)
        .distinct()
        .prefetch_related("gezinsleden")
    )
    _registreer(
        medewerker,
        [
            Vastlegging(Handeling.LEZEN, "huishouden", h.pk, h.pk, omschrijving="gezocht op BSN")
            for h in huishoudens
        ],
    )
    return huishoudens


def casussen_zoeken_op_bsn(*, medewerker: Medewerker, bsn: str) -> list[Casus]:
    """The worklist's search by BSN: the cases of the household(s) holding it, found through
    the keyed hash under every configured key (never by decrypting), each read logged."""
    toegang.vereis_inzage(medewerker)
    zoekhashes = bsn_bescherming.zoekhashes(bsn_bescherming.valideer(bsn))
    casussen = list(
        _casussen(medewerker)
        .filter(
            huishouden__in=_huishoudens(medewerker).filter(gezinsleden__bsn_zoekhash__in=zoekhashes)
        )
        .select_related("huishouden", "doelgroep", "regisseur")
        .order_by("-aangemeld_op", "pk")
    )
    _registreer(
        medewerker,
        [
            Vastlegging(Handeling.LEZEN, "casus", c.pk, c.huishouden_id, c.pk, "gezocht op BSN")
            for c in casussen
        ],
    )
    return casussen


def casussen_voor(*, medewerker: Medewerker) -> QuerySet[Casus]:
    toegang.vereis_inzage(medewerker)
    return (
        _casussen(medewerker)
        .select_related("huishouden", "doelgroep", "regisseur")
        .order_by("-aangemeld_op", "pk")
    )


def _dossier_queryset(medewerker: Medewerker) -> QuerySet[Casus]:
    return met_dossierdelen(_casussen(medewerker))


def met_dossierdelen(casussen: QuerySet[Casus]) -> QuerySet[Casus]:
    """Everything the dossier shows, in a fixed number of queries however many cases."""
    return (
        _met_paginadelen(casussen)
        .select_related("team")
        .prefetch_related(
            Prefetch(
                "metingen",
                queryset=Meting.objects.prefetch_related(
                    Prefetch("scores", queryset=Domeinscore.objects.select_related("leefgebied"))
                ),
            ),
            Prefetch("contactmomenten", queryset=Contactmoment.objects.select_related("door")),
            "huishouden__gezinsleden",
            "hulpverleners",
            "doorbraakplan__knelpunten",
            "doorbraakplan__acties",
            "doorbraakplan__netwerk",
            Prefetch("statuswijzigingen", queryset=Statuswijziging.objects.select_related("door")),
        )
    )


def _met_paginadelen(casussen: QuerySet[Casus]) -> QuerySet[Casus]:
    """The parts the dossier page reads as instances (its other parts it reads as rows: see
    `_rijen`)."""
    return casussen.select_related("huishouden", "doelgroep", "regisseur", "doorbraakplan")


def _dossier_gelezen(medewerker: Medewerker, casus_id: UUID, huishouden_id: UUID) -> None:
    _registreer(medewerker, [_dossierlezing(casus_id, huishouden_id)])


def _dossierlezing(casus_id: UUID, huishouden_id: UUID | None = None) -> Vastlegging:
    """The log entry of a read of the whole dossier (the household's id, where the statement
    reads it, from its row)."""
    return Vastlegging(Handeling.LEZEN, "casus", casus_id, huishouden_id, casus_id, "dossier")


def casus_dossier(*, medewerker: Medewerker, casus_id: UUID) -> Casus:
    """The whole case file in a fixed number of queries, logged as one read."""
    toegang.vereis_inzage(medewerker)
    try:
        casus = _dossier_queryset(medewerker).get(pk=casus_id)
    except (Casus.DoesNotExist, ValueError):
        raise NietGevonden("Casus niet gevonden.") from None
    _dossier_gelezen(medewerker, casus.pk, casus.huishouden_id)
    return casus


@cache
def _dossier_sql() -> str:
    """The scope of `_casussen` (same gemeente; per team where the gemeente scopes per team,
    unless a manager without a team) with the stored copy, written once: on the API's hottest
    path the ORM's compilation of this query cost more than the database's work. A test holds
    it to `_casussen` for every kind of medewerker."""
    q = connection.ops.quote_name
    return (
        f"SELECT c.huishouden_id, l.versie, l.inhoud "  # noqa: S608
        f"FROM {q(Casus._meta.db_table)} c "
        f"JOIN {q(Gemeente._meta.db_table)} g ON g.id = c.gemeente_id "
        f"LEFT JOIN {q(DossierLeesmodel._meta.db_table)} l ON l.casus_id = c.id "
        f"{_bereik_sql()}"
    )


def _bereik_sql(
    gemeente: str = "%s", hele_gemeente: str = "%s", regisseur: str = "%s", team: str = "%s"
) -> str:
    """The WHERE of the hand-written dossier reads: one case (c) within the scope of
    `_casussen` (g its gemeente); parameters from `_bereik_parameters`. The medewerker's side
    (gemeente, `_hele_gemeente`, id, team) as parameters, or as SQL expressions of a statement
    that reads the medewerker itself (`_dossier_met_token_sql`)."""
    q = connection.ops.quote_name
    # quoted columns, as the ORM writes them (the scale plan's query rule reads them)
    return (
        f"WHERE c.{q('id')} = %s AND c.{q('gemeente_id')} = {gemeente} "
        f"AND ({hele_gemeente} OR NOT g.casussen_per_team OR c.regisseur_id = {regisseur} "
        f"OR c.team_id = {team})"
    )


@cache
def _bereik_velden() -> tuple:
    """The fields whose database form `_bereik_parameters` sends (looked up once)."""
    meta = Casus._meta
    return (meta.pk, *(meta.get_field(v).target_field for v in ("gemeente", "regisseur", "team")))


def _bereik_parameters(medewerker: Medewerker, casus_id: UUID) -> list:
    # a UUID for psycopg, hex text for SQLite; the connection itself, as the ORM passes it
    pk, gemeente, regisseur, team = _bereik_velden()
    verbinding = connections[DEFAULT_DB_ALIAS]
    return [
        pk.get_db_prep_value(casus_id, verbinding),
        gemeente.get_db_prep_value(medewerker.gemeente_id, verbinding),
        _hele_gemeente(medewerker),
        regisseur.get_db_prep_value(medewerker.pk, verbinding),
        team.get_db_prep_value(medewerker.team_id, verbinding),
    ]


@cache
def _dossierstand_sql() -> str:
    """`dossierstand_inzien`'s one query, written once like `_dossier_sql` (the ORM's
    compilation of the scoped query with its counting subquery was most of a kept dossier
    page's own work); held to `_casussen` by the same test."""
    q = connection.ops.quote_name
    return (
        f"SELECT c.huishouden_id, h.naam, COALESCE(l.versie, 0), (SELECT COUNT(*) "  # noqa: S608
        f"FROM {q(TijdlijnItem._meta.db_table)} t WHERE t.casus_id = c.id) "
        f"FROM {q(Casus._meta.db_table)} c "
        f"JOIN {q(Gemeente._meta.db_table)} g ON g.id = c.gemeente_id "
        f"JOIN {q(Huishouden._meta.db_table)} h ON h.id = c.huishouden_id "
        f"LEFT JOIN {q(DossierLeesmodel._meta.db_table)} l ON l.casus_id = c.id "
        f"{_bereik_sql()}"
    )


def _als_uuid(casus_id) -> UUID:
    try:
        return casus_id if isinstance(casus_id, UUID) else UUID(str(casus_id))
    except ValueError:
        raise NietGevonden("Casus niet gevonden.") from None


def _gelezen(sql: str, medewerker: Medewerker, casus_id: UUID) -> tuple | None:
    """The row of a hand-written dossier read within the caller's scope (`_bereik_sql`), its
    read logged as one read of the dossier in the same statement (PostgreSQL; see
    `audit.services.gelezen_en_vastgelegd`)."""
    return gelezen_en_vastgelegd(
        sql,
        _bereik_parameters(medewerker, casus_id),
        gemeente_id=medewerker.gemeente_id,
        door=medewerker,
        vastlegging=_dossierlezing(casus_id),
    )


def casus_dossier_json(*, medewerker: Medewerker, casus_id: UUID) -> str:
    """The whole case file as the API renders it, from its read model (casussen.leesmodel): one
    statement (`_dossier_sql` with its log entry, see `audit.services.gelezen_en_vastgelegd`)
    finds the case within the caller's scope together with the stored copy and logs the read.
    Only after a change is the copy built again (the queries of `casus_dossier`)."""
    toegang.vereis_inzage(medewerker)
    casus_id = _als_uuid(casus_id)
    rij = _gelezen(_dossier_sql(), medewerker, casus_id)
    if rij is None:
        raise NietGevonden("Casus niet gevonden.")
    _huishouden_id, versie, inhoud = rij
    return inhoud or _leesmodel_opgebouwd(medewerker, casus_id, versie)


def _leesmodel_opgebouwd(medewerker: Medewerker, casus_id: UUID, versie: int | None) -> str:
    """The copy of a case already found within the caller's scope, built by the queries of
    `casus_dossier` and kept only while `versie` (None: no row yet) still holds."""
    inhoud = leesmodel.opbouwen(_dossier_queryset(medewerker).get(pk=casus_id))
    leesmodel.opgeslagen(
        casus_id=casus_id, gemeente_id=medewerker.gemeente_id, versie=versie, inhoud=inhoud
    )
    return inhoud


def casus_dossier_met_token(
    *, token: str, casus_id: UUID, actie: TabelActie
) -> tuple[Medewerker, str] | None:
    """The API's dossier read in one statement (PostgreSQL): the token as `TokenAuthenticatie`
    accepts it, with its medewerker; the table's gate for the route (`actie`, as `VolgensTabel`
    checks it); `casus_dossier_json`'s inzage, scope and stored copy; and the read's log entry.
    Gives (medewerker, copy), or None where the statement does not find all of them: no log
    entry was written, and the caller goes the full way (DRF, `casus_dossier_json`), which gives
    the same answer or its reason (an invalid or expired token, a role, a case out of scope, a
    copy still to be built). Held to that way by casussen/tests/test_dossier_met_token.py."""
    if connection.vendor != "postgresql":
        return None
    token_parameters = tokens.geldig_token_parameters(token)
    if token_parameters is None:
        return None
    parameters = [*token_parameters, vaste_sql.param(Casus, "id", casus_id)]
    rij = door_de_lezer_gelezen_en_vastgelegd(
        _dossier_met_token_sql(actie), parameters, vastlegging=_dossierlezing(casus_id)
    )
    if rij is None:
        return None
    return vaste_sql.instantie(Medewerker, rij[_LEZER:]), rij[_LEZER - 1]


@lru_cache(maxsize=8)  # per action of the table's gate: one in practice
def _dossier_met_token_sql(actie: TabelActie) -> str:
    """`_dossier_sql`'s case and copy, found from the token's medewerker (see
    `casus_dossier_met_token`). The token first, by its key (a CTE, so a plan cannot start from
    the medewerkers); the copy only where it is stored, as `octet_length` tells without
    unpacking it. Columns: the log entry's (`LEZER_UIT_DE_RIJ`), the copy, the medewerker."""
    q, k = connection.ops.quote_name, vaste_sql.kolom
    rechten = dict.fromkeys(  # the gate's and the inzage's roles: the same set today
        (toegangspoort.mag_sql("m", actie), heeft_rol_sql("m", toegang.INZAGE_ROLLEN))
    )
    medewerker = vaste_sql.kolommen(Medewerker, "m")
    gemeente, team = f"m.{k(Medewerker, 'gemeente')}", f"m.{k(Medewerker, 'team')}"
    naam = f"m.{k(Medewerker, Medewerker.USERNAME_FIELD)}"
    bereik = _bereik_sql(gemeente, _hele_gemeente_sql("m"), f"m.{q('id')}", team)
    return (
        f"WITH lezer AS MATERIALIZED (SELECT {medewerker} "  # noqa: S608
        f"FROM {vaste_sql.tabel(AuthToken)} t "
        f"JOIN {vaste_sql.tabel(Medewerker)} m ON m.{q('id')} = t.{k(AuthToken, 'user')} "
        f"WHERE {tokens.geldig_token_sql('t', 'm')} AND {' AND '.join(rechten)}) "
        f"SELECT c.huishouden_id AS vastlegging_huishouden_id, "
        f"{gemeente} AS vastlegging_gemeente_id, {actor_sql(naam)} AS vastlegging_actor, "
        f"l.inhoud, {medewerker} "
        f"FROM lezer m CROSS JOIN {q(Casus._meta.db_table)} c "
        f"JOIN {q(Gemeente._meta.db_table)} g ON g.id = c.gemeente_id "
        f"JOIN {q(DossierLeesmodel._meta.db_table)} l ON l.casus_id = c.id "
        f"{bereik} AND octet_length(l.inhoud) > 0"
    )


# Where the medewerker's columns begin in `_dossier_met_token_sql`'s row: after the log entry's
# columns and the copy.
_LEZER = len(LEZER_UIT_DE_RIJ) + 1


def casus_onderdeel_inzien(
    *, medewerker: Medewerker, casus_id: UUID, onderdeel: str, prefetch: tuple[str, ...] = ()
) -> Casus:
    """A part of the case file (plan, scores, helpers, timeline), logged as a read of that part."""
    toegang.vereis_inzage(medewerker)
    try:
        casus = (
            _casussen(medewerker)
            .select_related("huishouden", "doelgroep", "doorbraakplan")
            .prefetch_related(*prefetch)
            .get(pk=casus_id)
        )
    except (Casus.DoesNotExist, ValueError):
        raise NietGevonden("Casus niet gevonden.") from None
    _registreer(
        medewerker,
        [Vastlegging(Handeling.LEZEN, onderdeel, casus.pk, casus.huishouden_id, casus.pk)],
    )
    return casus


def gezinslid_bestaat_met_bsn(*, gemeente_id: UUID, zoekhashes: list[str]) -> bool:
    """Duplicate check under every configured hash key (values from before a rotation too)."""
    return Gezinslid.objects.filter(gemeente_id=gemeente_id, bsn_zoekhash__in=zoekhashes).exists()


@dataclass(frozen=True)
class Dossierstand:
    """What keys the dossier page's rendered content (web.paginacache): the read model's
    version and the number of timeline entries (an append-only list). A case without a read
    model row has version 0: the row is made by the first change, with version 1
    (`casussen.leesmodel`), or by a build, with version 0, which changes nothing."""

    casus_id: UUID
    huishouden_naam: str
    versie: int
    tijdlijn: int


def dossierstand_inzien(*, medewerker: Medewerker, casus_id: UUID) -> Dossierstand:
    """The dossier page's read, logged as one read of the dossier: in one query the case within
    the caller's scope, its stand and the household's name (the page title). The rest of the
    page comes from `dossier_delen` only when its rendered content is not kept."""
    toegang.vereis_inzage(medewerker)
    casus_id = _als_uuid(casus_id)
    rij = _gelezen(_dossierstand_sql(), medewerker, casus_id)
    if rij is None:
        raise NietGevonden("Casus niet gevonden.")
    return _stand(casus_id, rij)


def _stand(casus_id: UUID, rij: tuple) -> Dossierstand:
    """A row of `_dossierstand_sql` as the stand it is."""
    _huishouden_id, naam, versie, tijdlijn = rij
    return Dossierstand(casus_id=casus_id, huishouden_naam=naam, versie=versie, tijdlijn=tijdlijn)


def dossierstand_voor_opbouw(*, medewerker: Medewerker, casus_id: UUID) -> Dossierstand:
    """The stand `dossierstand_inzien` reads, within the same scope, for rendering the page in
    the background (web.paginabouw) as `medewerker` would see it: nobody reads it then, so
    nothing is logged; the read of whoever opens the page later is."""
    toegang.vereis_inzage(medewerker)
    casus_id = _als_uuid(casus_id)
    return _stand(casus_id, _in_bereik(_dossierstand_sql(), medewerker, casus_id))


def _in_bereik(sql: str, medewerker: Medewerker, casus_id: UUID) -> tuple:
    """The row of a hand-written dossier read within the caller's scope (`_bereik_sql`), not
    logged (for reads another statement logs, or that nobody sees); NietGevonden outside it."""
    with vaste_sql.db().cursor() as cursor:
        cursor.execute(sql, _bereik_parameters(medewerker, casus_id))
        rij = cursor.fetchone()
    if rij is None:
        raise NietGevonden("Casus niet gevonden.")
    return rij


@dataclass(frozen=True)
class Dossierdelen:
    """What the dossier page builds its content from when it is not kept: the case with its
    household, doelgroep, regisseur and plan as instances (as `select_related` gives them), and
    the parts it shows from the read model (`leesmodel.Leesmodeldelen`)."""

    casus: Casus
    uit_leesmodel: leesmodel.Leesmodeldelen


# The instances `_dossierdelen_sql` reads, in its column order; the regisseur and the plan may
# be missing (LEFT JOIN: all their columns NULL).
_DELEN = (Casus, Huishouden, Doelgroep, Medewerker, Doorbraakplan)


@cache
def _dossierdelen_sql() -> str:
    """`dossier_delen`'s one query, written once: the case within the scope of `_casussen`
    (`_bereik_sql`; held to it by the same test as `_dossier_sql`) with its four parts and its
    read model's version and copy."""
    q = connection.ops.quote_name
    c, h, d, r, p = (vaste_sql.kolommen(m, a) for m, a in zip(_DELEN, "chdrp", strict=True))
    return (
        f"SELECT {c}, {h}, {d}, {r}, {p}, l.versie, l.inhoud "  # noqa: S608
        f"FROM {q(Casus._meta.db_table)} c "
        f"JOIN {q(Gemeente._meta.db_table)} g ON g.id = c.gemeente_id "
        f"JOIN {q(Huishouden._meta.db_table)} h ON h.id = c.huishouden_id "
        f"JOIN {vaste_sql.tabel(Doelgroep)} d ON d.id = c.doelgroep_id "
        f"LEFT JOIN {vaste_sql.tabel(Medewerker)} r ON r.id = c.regisseur_id "
        f"LEFT JOIN {vaste_sql.tabel(Doorbraakplan)} p ON p.casus_id = c.id "
        f"LEFT JOIN {q(DossierLeesmodel._meta.db_table)} l ON l.casus_id = c.id "
        f"{_bereik_sql()}"
    )


def dossier_delen(*, medewerker: Medewerker, casus_id: UUID) -> Dossierdelen:
    """The parts the dossier page builds its content from, for a page whose read
    `dossierstand_inzien` has already logged (not logged a second time): one statement, and the
    read model built as the API builds it when its copy is empty (after a change)."""
    casus_id = _als_uuid(casus_id)
    *rij, versie, inhoud = _in_bereik(_dossierdelen_sql(), medewerker, casus_id)
    casus, huishouden, doelgroep, regisseur, plan = vaste_sql.instanties(_DELEN, rij)
    casus._state.fields_cache.update(  # as select_related leaves them
        huishouden=huishouden, doelgroep=doelgroep, regisseur=regisseur, doorbraakplan=plan
    )
    if plan is not None:
        plan._state.fields_cache["casus"] = casus
    inhoud = inhoud or _leesmodel_opgebouwd(medewerker, casus_id, versie)
    return Dossierdelen(casus, leesmodel.delen_uit(inhoud))


def _rijen(
    model,
    casus: Casus,
    velden: tuple[str, ...],
    limiet: int | None = None,
    orde: tuple[str, ...] | None = None,
    **waar,
):
    """Rows of a part of a case already read by the caller (the dossier page's parts that it
    shows as rows, not as instances: a fraction of the work), in the model's own order (or
    `orde`): named rows, so code that reads these attributes of an instance reads them of a row
    as well. The SQL of each part is compiled once (`vaste_sql.rijen`)."""
    return vaste_sql.rijen(
        model, velden, limiet=limiet, orde=orde, gemeente_id=casus.gemeente_id, **waar
    )


# A row's author: whether there is one, and what `Medewerker.naam_uit` makes a name from.
_AUTEUR = ("door_id", "door__first_name", "door__last_name", "door__username")


def tijdlijn_van(*, casus: Casus, limiet: int) -> list[tuple]:
    """The newest timeline entries (soort, op, tekst and the author as `_AUTEUR`)."""
    velden = ("soort", "op", "tekst", *_AUTEUR)
    return _rijen(TijdlijnItem, casus, velden, limiet=limiet, casus_id=casus.pk)


def statusgeschiedenis_van(*, casus: Casus) -> list[tuple]:
    """The status changes, oldest first (op, van, naar, reden and the author as `_AUTEUR`)."""
    velden = ("op", "van", "naar", "reden", *_AUTEUR)
    return _rijen(Statuswijziging, casus, velden, casus_id=casus.pk)


def metingen_van(*, casus: Casus) -> list[tuple]:
    """The measurements (pk, datum, aangemaakt_op) in the model's order (oldest first)."""
    return _rijen(Meting, casus, ("pk", "datum", "aangemaakt_op"), casus_id=casus.pk)


def domeinscores_van(*, casus: Casus) -> list[tuple]:
    """The scores of all the case's measurements (meting_id, score and the life domain's code,
    naam, volgorde), per measurement in the order they were recorded."""
    velden = ("meting_id", "score", "leefgebied__code", "leefgebied__naam", "leefgebied__volgorde")
    return _rijen(Domeinscore, casus, velden, orde=("pk",), meting__casus_id=casus.pk)


def regisseurs_van(*, gemeente_id: UUID) -> list[Medewerker]:
    """The active regisseurs of the gemeente (a hand-over goes to one of them)."""
    return medewerkers_met_rol(gemeente_id=gemeente_id, rol=Rol.REGISSEUR)


def meldcode_afwegingen(*, casus: Casus) -> list:
    """The recorded considerations of the meldcode for a case already read by the caller, newest
    first, each with who recorded it: what `select_related("door")` gives, in SQL written once
    (`vaste_sql.met_gerelateerde`) instead of compiled on every dossier page that asks for
    them."""
    from doorbraak.casussen.models import MeldcodeAfweging

    waar = {"casus": casus.pk, "gemeente": casus.gemeente_id}
    return vaste_sql.met_gerelateerde(MeldcodeAfweging, "door", orde=("-op", "-id"), **waar)


def meldcodesignaal(*, casus: Casus, metingen: list | None = None, scores: list | None = None):
    """The meldcode prompt from the measurements loaded with the case, or from `metingen` and
    `scores` read as rows (`metingen_van`, `domeinscores_van`: the dossier page); the
    considerations are read only when Veiligheid scored 1 or 2 last time (casussen.meldcode)."""
    from doorbraak.casussen import meldcode

    def signaal(afwegingen: list):
        if metingen is None:
            return meldcode.signaal(casus.metingen.all(), afwegingen)
        return meldcode.signaal_uit_rijen(metingen, scores or [], afwegingen)

    if signaal([]) is None:
        return None
    return signaal(meldcode_afwegingen(casus=casus))


def contactmomenten_van(*, casus: Casus, limiet: int | None = None) -> list[tuple]:
    """The newest contact moments of a case already read by the caller, newest first (datum,
    soort, met_wie, notitie and the author as `_AUTEUR`); all of them without `limiet`."""
    velden = ("datum", "soort", "met_wie", "notitie", *_AUTEUR)
    return _rijen(Contactmoment, casus, velden, limiet=limiet, casus_id=casus.pk)
