"""Writing the processing log. Every read or change of a household or case goes through here."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from operator import itemgetter
from uuid import UUID

from django.db import connection, transaction
from django.utils import timezone

from doorbraak import vaste_sql
from doorbraak.audit.activiteiten import CASUSREGIE, Verwerkingsactiviteit
from doorbraak.audit.models import Handeling, Verwerking
from doorbraak.config.middleware import huidige_request_id


@dataclass(frozen=True)
class Vastlegging:
    """What happened to which object of which household (never the personal data itself)."""

    handeling: str
    object_type: str
    object_id: str | UUID | None
    huishouden_id: UUID | None
    casus_id: UUID | None = None
    omschrijving: str = ""


ONBEKENDE_ACTOR = "onbekend"


def actor_van(door: object) -> str:
    if isinstance(door, str):
        return door
    return getattr(door, "username", "") or ONBEKENDE_ACTOR


def actor_sql(gebruikersnaam: str) -> str:
    """`actor_van` of a medewerker whose username is the SQL expression `gebruikersnaam`."""
    return f"COALESCE(NULLIF({gebruikersnaam}, ''), '{ONBEKENDE_ACTOR}')"


def _velden(
    gemeente_id: UUID,
    door: object,
    vastleggingen: list[Vastlegging],
    activiteit: Verwerkingsactiviteit,
) -> list[dict]:
    """The entries' values as both ways of writing them store them (one mapping, not two)."""
    tijdstip = timezone.now()
    request_id = huidige_request_id()
    actor = actor_van(door)
    return [
        {
            "gemeente_id": gemeente_id,
            "tijdstip": tijdstip,
            "actor": actor,
            "huishouden_id": v.huishouden_id,
            "casus_id": v.casus_id,
            "handeling": v.handeling,
            "object_type": v.object_type,
            "object_id": str(v.object_id or ""),
            "activiteit": activiteit.code,
            "omschrijving": v.omschrijving[:200],
            "request_id": "" if request_id == "-" else request_id,
        }
        for v in vastleggingen
    ]


def _entries(
    gemeente_id: UUID,
    door: object,
    vastleggingen: list[Vastlegging],
    activiteit: Verwerkingsactiviteit,
) -> list[Verwerking]:
    return [Verwerking(**v) for v in _velden(gemeente_id, door, vastleggingen, activiteit)]


def leg_vast(
    *,
    gemeente_id: UUID,
    door: object,
    vastleggingen: Iterable[Vastlegging],
    activiteit: Verwerkingsactiviteit = CASUSREGIE,
    mee: list[vaste_sql.Deel] | None = None,
) -> list[Verwerking]:
    """Append entries to the gemeente's log: one INSERT however many entries, no lock.

    The request neither reads nor locks the chain head; the entries are ordered by the database
    sequence and sealed shortly after by `audit.taken.verzegel` (invariant 6). Runs inside the
    caller's transaction when there is one, so a change and its log entry land together or not
    at all.

    `mee`: the parts (`vaste_sql.Deel`) of a statement the caller sends next in its
    transaction. One entry whose dossier mark is one simple statement (PostgreSQL) is added to
    it, the same INSERT with the transaction's id first and the mark as its CTEs, instead of
    being written here (then nothing is returned: the entry is written with that statement).
    """
    vastleggingen = list(vastleggingen)
    if not vastleggingen:
        return []
    deel = _als_deel(gemeente_id, door, vastleggingen, activiteit) if mee is not None else None
    if deel is not None:
        mee.append(deel)
        return []
    entries = _entries(gemeente_id, door, vastleggingen, activiteit)
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            # The transaction gets its id before the entry gets its number, so the sealer, which
            # waits for every transaction running once it has read the sequence, cannot miss an
            # entry that commits late (audit.taken.veilige_grens): the statement of the reads,
            # whose materialised CTE does that in the same round trip, returning the numbers.
            # The dossiers' mark travels with it as a data-modifying CTE when it is one simple
            # statement (casussen.leesmodel.verouderen_als_deel; issue 19: a round trip less on
            # every write), else it follows as its own statements.
            deel = _dossiers_als_deel(vastleggingen) if len(entries) <= BLOK else None
            met, voor = deel if deel is not None else ("", [])
            with connection.cursor() as cursor:
                for blok in _blokken(entries):
                    waarden = [getattr(e, kolom) for e in blok for kolom, _soort in _KOLOMMEN]
                    cursor.execute(
                        _invoeg_sql(len(blok), met) + " RETURNING volgnummer", [*voor, *waarden]
                    )
                    for entry, (volgnummer,) in zip(blok, cursor.fetchall(), strict=True):
                        entry.volgnummer = volgnummer
                        entry._state.adding, entry._state.db = False, connection.alias
            if deel is None:
                _dossiers_verouderen(vastleggingen)
            return entries
        vastgelegd = Verwerking.objects.bulk_create(entries)
        _dossiers_verouderen(vastleggingen)
        return vastgelegd


def _als_deel(
    gemeente_id: UUID,
    door: object,
    vastleggingen: list[Vastlegging],
    activiteit: Verwerkingsactiviteit,
) -> vaste_sql.Deel | None:
    """`leg_vast`'s statement for one entry whose dossier mark is one simple statement, as CTEs
    of another statement (PostgreSQL): the same CTEs as `_invoeg_sql`'s, the INSERT the last of
    them. None for more entries, another mark, or SQLite."""
    if len(vastleggingen) != 1 or vaste_sql.db().vendor != "postgresql":
        return None
    deel = _dossiers_als_deel(vastleggingen)
    if deel is None:
        return None
    met, voor = deel
    (entry,) = _velden(gemeente_id, door, vastleggingen, activiteit)
    return vaste_sql.Deel(
        _deel_sql(met),
        [*voor, *(entry[kolom] for kolom, _soort in _KOLOMMEN)],
        (),
        lambda _uitkomst: None,  # nothing comes back: nobody reads the entry
    )


def _gewijzigde_dossiers(vastleggingen: list[Vastlegging]) -> tuple[list, list]:
    """The cases and households whose dossier a write of these entries makes out of date."""
    wijzigingen = [v for v in vastleggingen if v.handeling != Handeling.LEZEN]
    return (
        [v.casus_id for v in wijzigingen if v.casus_id],
        [
            v.huishouden_id
            for v in wijzigingen
            if not v.casus_id or v.object_type in ("huishouden", "gezinslid")
        ],
    )


def _dossiers_als_deel(vastleggingen: list[Vastlegging]) -> tuple[str, list] | None:
    from doorbraak.casussen.leesmodel import verouderen_als_deel

    casus_ids, huishouden_ids = _gewijzigde_dossiers(vastleggingen)
    return verouderen_als_deel(casus_ids=casus_ids, huishouden_ids=huishouden_ids)


def _dossiers_verouderen(vastleggingen: list[Vastlegging]) -> None:
    """Every change of a household or case passes here, in the writer's transaction: the
    dossier read model of those cases is out of date from this moment (casussen.leesmodel)."""
    casus_ids, huishouden_ids = _gewijzigde_dossiers(vastleggingen)
    if not casus_ids and not huishouden_ids:
        return
    from doorbraak.casussen.leesmodel import dossiers_gewijzigd

    dossiers_gewijzigd(casus_ids=casus_ids, huishouden_ids=huishouden_ids)


def leg_lezen_vast(*, gemeente_id: UUID, door: object, objecten: Iterable[Vastlegging]) -> None:
    """Reads. A read outside a transaction on PostgreSQL (the dossier API, every page) appends
    its entries in one autocommitted statement: no BEGIN, no separate round trip for the
    transaction id, no COMMIT. Elsewhere (SQLite, inside a writer's transaction) as `leg_vast`."""
    objecten = list(objecten)
    if not objecten:
        return
    if (
        connection.vendor != "postgresql"
        or connection.in_atomic_block
        or any(v.handeling != Handeling.LEZEN for v in objecten)
    ):
        leg_vast(gemeente_id=gemeente_id, door=door, vastleggingen=objecten)
        return
    # One short statement however many entries (a list page logs 20): what all entries share
    # once, the rest as one array per column. Its text never changes, so psycopg keeps it and
    # PostgreSQL prepares it, where 20 rows of VALUES were 8 KB of SQL parsed at every page.
    entries = _velden(gemeente_id, door, objecten, CASUSREGIE)
    eerste = entries[0]
    waarden = [eerste[kolom] for kolom, _soort in _KOLOMMEN if kolom not in _PER_ENTRY] + [
        [entry[kolom] for entry in entries] for kolom in _PER_ENTRY
    ]
    with connection.cursor() as cursor:
        cursor.execute(_lees_invoeg_sql(), waarden)


def gelezen_en_vastgelegd(
    sql: str, parameters: list, *, gemeente_id: UUID, door: object, vastlegging: Vastlegging
) -> tuple | None:
    """The one row `sql` finds (its first column the household's id), logged as read.

    On PostgreSQL the row and its entry come from one statement: the entry is appended only when
    the row is found, and a row is never answered without its entry (the same INSERT as
    `leg_vast`, the transaction id first, for the sealer). Elsewhere (SQLite): the select, then
    `leg_lezen_vast`. `vastlegging.huishouden_id` is taken from the row."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, parameters)
            rij = cursor.fetchone()
        if rij is not None:
            gelezen = replace(vastlegging, huishouden_id=_uuid(rij[0]))
            leg_lezen_vast(gemeente_id=gemeente_id, door=door, objecten=[gelezen])
        return rij
    (entry,) = _velden(gemeente_id, door, [vastlegging], CASUSREGIE)
    return _met_vastlegging(sql, parameters, entry, HUISHOUDEN_UIT_DE_RIJ)


# A read's entry takes its household from the row's column of that name (the reader is known).
HUISHOUDEN_UIT_DE_RIJ = (("huishouden_id", "huishouden_id"),)

# What the entry of a read whose reader only the statement itself knows takes from its row:
# the columns `vastlegging_gemeente_id`, `vastlegging_actor` and `vastlegging_huishouden_id`.
LEZER_UIT_DE_RIJ = tuple(
    (kolom, f"vastlegging_{kolom}") for kolom in ("gemeente_id", "actor", "huishouden_id")
)


def door_de_lezer_gelezen_en_vastgelegd(
    sql: str, parameters: list, *, vastlegging: Vastlegging
) -> tuple | None:
    """PostgreSQL: as `gelezen_en_vastgelegd`, for a read that finds its reader in the same
    statement (the dossier read with its token, `casussen.selectors.casus_dossier_met_token`):
    the entry's gemeente, actor and household are the row's columns `LEZER_UIT_DE_RIJ` names
    (the actor as `actor_van` writes it, `actor_sql`); the rest is as for every read."""
    (entry,) = _velden(None, None, [vastlegging], CASUSREGIE)
    return _met_vastlegging(sql, parameters, entry, LEZER_UIT_DE_RIJ)


def _met_vastlegging(
    sql: str, parameters: list, entry: dict, van_de_rij: tuple[tuple[str, str], ...]
) -> tuple | None:
    """The row of `sql` with its entry appended in the same statement (`_gelezen_sql`): the
    entry's columns in `van_de_rij` from the row, the others from `entry`."""
    uit_rij = dict(van_de_rij)
    waarden = [entry[kolom] for kolom, _soort in _KOLOMMEN if kolom not in uit_rij]
    with connection.cursor() as cursor:
        cursor.execute(_gelezen_sql(sql, van_de_rij), [*parameters, *waarden])
        return cursor.fetchone()


def lijst_gelezen_en_vastgelegd(
    sql: str, parameters: list, *, gemeente_id: UUID, door: object, omschrijving: str
) -> list[tuple]:
    """PostgreSQL: the rows of a list of cases (`sql`, its columns named `pk`, the case, and
    `huishouden_id` among them) in their order, each logged as a read of its case, in one
    statement as one row is in `gelezen_en_vastgelegd`: an entry per row found, the transaction
    id first. The rows come back as `sql` gives them, numbered on the way (row_number() over
    the list as it comes, which sorts nothing: the list's own plan stays as it is, e.g. read in
    index order, casussen/tests/test_werklijst_index.py)."""
    (entry,) = _velden(
        gemeente_id, door, [Vastlegging(Handeling.LEZEN, "casus", None, None)], CASUSREGIE
    )
    entry["omschrijving"] = omschrijving[:200]
    waarden = [entry[kolom] for kolom, _soort in _KOLOMMEN if kolom not in _VAN_DE_RIJ]
    with connection.cursor() as cursor:
        cursor.execute(_lijst_gelezen_sql(sql), [*parameters, *waarden])
        rijen = cursor.fetchall()
    rijen.sort(key=itemgetter(-1))  # in the list's order (here, not a Sort node in the plan)
    return [rij[:-1] for rij in rijen]  # without the row's number


# What a list read's entry takes from its row (the rest is the same for all its entries).
_VAN_DE_RIJ = {
    "huishouden_id": "gelezen.huishouden_id",
    "casus_id": "gelezen.pk",
    "object_type": "'casus'",
    "object_id": "gelezen.pk::text",
}


@lru_cache(maxsize=16)  # a handful of list shapes (filters chosen, the pages read most)
def _lijst_gelezen_sql(sql: str) -> str:
    """`sql` numbered in its order, with the INSERT of an entry per row in the same statement
    (in that order); the parameters of the entries' shared columns follow `sql`'s own."""
    tabel = connection.ops.quote_name(Verwerking._meta.db_table)
    selectie = ", ".join(_VAN_DE_RIJ.get(naam, f"%s::{soort}") for naam, soort in _KOLOMMEN)
    return (
        f"WITH gelezen AS MATERIALIZED (SELECT r.*, row_number() OVER () AS nr "  # noqa: S608
        f"FROM ({sql}) AS r), "
        "xact AS MATERIALIZED (SELECT pg_current_xact_id() AS id), "
        f"vastgelegd AS (INSERT INTO {tabel} ({', '.join(naam for naam, _ in _KOLOMMEN)}) "
        f"SELECT {selectie} FROM gelezen, xact) "
        "SELECT * FROM gelezen"
    )


def _uuid(waarde) -> UUID | None:
    return waarde if waarde is None or isinstance(waarde, UUID) else UUID(str(waarde))


@lru_cache(maxsize=16)  # a handful of fixed reads
def _gelezen_sql(sql: str, van_de_rij: tuple[tuple[str, str], ...]) -> str:
    """`sql` with the INSERT of its log entry in the same statement. The entry's columns in
    `van_de_rij` (column, the row's column) come from the row; the parameters of the others
    follow `sql`'s own."""
    tabel = connection.ops.quote_name(Verwerking._meta.db_table)
    uit_rij = dict(van_de_rij)
    eigen = [(naam, soort) for naam, soort in _KOLOMMEN if naam not in uit_rij]
    rij = "(" + ", ".join(f"%s::{soort}" for _, soort in eigen) + ")"
    selectie = ", ".join(
        f"gelezen.{uit_rij[naam]}" if naam in uit_rij else f"v.{naam}" for naam, _ in _KOLOMMEN
    )
    return (
        f"WITH gelezen AS MATERIALIZED ({sql}), "  # noqa: S608
        "xact AS MATERIALIZED (SELECT pg_current_xact_id() AS id), "
        f"vastgelegd AS (INSERT INTO {tabel} ({', '.join(naam for naam, _ in _KOLOMMEN)}) "
        f"SELECT {selectie} FROM gelezen, xact, (VALUES {rij}) AS v "
        f"({', '.join(naam for naam, _ in eigen)})) "
        "SELECT * FROM gelezen"
    )


# Entries per INSERT: PostgreSQL takes at most 65,535 parameters in one statement (11 per entry).
BLOK = 1000


def _blokken(entries: list[Verwerking]) -> Iterable[list[Verwerking]]:
    for begin in range(0, len(entries), BLOK):
        yield entries[begin : begin + BLOK]


_KOLOMMEN = (
    ("gemeente_id", "uuid"),
    ("tijdstip", "timestamptz"),
    ("actor", "text"),
    ("huishouden_id", "uuid"),
    ("casus_id", "uuid"),
    ("handeling", "text"),
    ("object_type", "text"),
    ("object_id", "text"),
    ("activiteit", "text"),
    ("omschrijving", "text"),
    ("request_id", "text"),
)


# The columns in which the entries of one read differ (the rest is the same for all of them:
# gemeente, moment, actor, handeling LEZEN, activiteit, request).
_PER_ENTRY = ("huishouden_id", "casus_id", "object_type", "object_id", "omschrijving")


@cache
def _lees_invoeg_sql() -> str:
    """The reads' INSERT on PostgreSQL: the shared values as parameters, the others unnested
    from one array per column in the entries' order (WITH ORDINALITY), the transaction id first
    as in `_invoeg_sql`."""
    tabel = connection.ops.quote_name(Verwerking._meta.db_table)
    soorten = dict(_KOLOMMEN)
    selectie = ", ".join(
        f"v.{naam}" if naam in _PER_ENTRY else f"%s::{soort}" for naam, soort in _KOLOMMEN
    )
    rijen = ", ".join(f"%s::{soorten[naam]}[]" for naam in _PER_ENTRY)
    return (
        f"WITH xact AS MATERIALIZED (SELECT pg_current_xact_id() AS id) "  # noqa: S608
        f"INSERT INTO {tabel} ({', '.join(naam for naam, _ in _KOLOMMEN)}) "
        f"SELECT {selectie} FROM xact, unnest({rijen}) WITH ORDINALITY "
        f"AS v ({', '.join(_PER_ENTRY)}, nr) ORDER BY v.nr"
    )


@lru_cache(maxsize=64)  # bounded: a writer may log thousands of entries at once
def _invoeg_sql(rijen: int, met: str = "") -> str:
    """The entries' INSERT on PostgreSQL (reads and writes): the materialised CTE hands out the
    transaction id before the INSERT draws its numbers from the sequence, the order the sealer
    relies on (audit.taken.veilige_grens), without a round trip of its own. `met`: a statement
    of another app sent along as a data-modifying CTE (PostgreSQL runs it exactly once, in the
    same snapshot; its parameters come before the entries')."""
    return f"WITH {_invoeg_ctes(met)} {_invoeg_rijen(rijen)}"


@lru_cache(maxsize=16)  # the mark of one case: one text
def _deel_sql(met: str) -> str:
    return f"{_invoeg_ctes(met)}, verwerking AS ({_invoeg_rijen(1)})"


def _invoeg_ctes(met: str) -> str:
    dossiers = f", dossiers AS ({met})" if met else ""
    return f"xact AS MATERIALIZED (SELECT pg_current_xact_id() AS id){dossiers}"


def _invoeg_rijen(rijen: int) -> str:
    tabel = connection.ops.quote_name(Verwerking._meta.db_table)
    kolommen = ", ".join(naam for naam, _ in _KOLOMMEN)
    rij = "(" + ", ".join(f"%s::{soort}" for _, soort in _KOLOMMEN) + ")"
    return (
        f"INSERT INTO {tabel} ({kolommen}) SELECT v.* FROM xact, "  # noqa: S608
        f"(VALUES {', '.join([rij] * rijen)}) AS v ({kolommen})"
    )


__all__ = [
    "Handeling",
    "Vastlegging",
    "gelezen_en_vastgelegd",
    "leg_lezen_vast",
    "leg_vast",
    "lijst_gelezen_en_vastgelegd",
]
