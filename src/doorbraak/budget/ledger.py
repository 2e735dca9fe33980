"""The ledger: booking entries and deriving every balance from them (invariants 1–3)."""

import contextlib
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

import psycopg
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from doorbraak import opmaak, vaste_sql
from doorbraak.budget.geld import naar_centen, uit_centen
from doorbraak.budget.models import Aanvraag, Boeking, Budget, Fonds, Lening, Soort
from doorbraak.fouten import Conflict
from doorbraak.organisaties.models import Medewerker

NUL = Decimal("0.00")


class PlafondOverschreden(Conflict):
    titel = "Budgetplafond overschreden"

    def __init__(self, melding: str, *, beschikbaar: Decimal):
        super().__init__(melding, veld="bedrag")
        self.extra = {"beschikbaar": f"{beschikbaar:.2f}"}


@dataclass(frozen=True)
class Saldi:
    """A budget's balances, all derived from its entries."""

    plafond: Decimal
    bijdragen: Decimal
    toegezegd: Decimal  # commitments net of releases and carry-overs (paid or not)
    betaald: Decimal
    afgelost: Decimal
    afgeschreven: Decimal
    revolverend: bool

    @property
    def gecommitteerd(self) -> Decimal:
        """Committed and not yet paid."""
        return self.toegezegd - self.betaald

    @property
    def terugontvangen(self) -> Decimal:
        return self.afgelost

    @property
    def ruimte(self) -> Decimal:
        return self.plafond + self.bijdragen + (self.afgelost if self.revolverend else NUL)

    @property
    def beschikbaar(self) -> Decimal:
        return self.ruimte - self.toegezegd

    @property
    def uitstaand(self) -> Decimal:
        return self.betaald_leningen - self.afgelost - self.afgeschreven

    betaald_leningen: Decimal = NUL


def _per_soort(rijen: Iterable[dict], sleutel: str) -> dict[object, dict[str, Decimal]]:
    uit: dict[object, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: NUL))
    for rij in rijen:
        uit[rij[sleutel]][rij["soort"]] = uit_centen(rij["totaal"])
    return uit


def _toegezegd(s: dict[str, Decimal]) -> Decimal:
    return (
        s[Soort.TOEZEGGING] + s[Soort.OVERBOEKING_IN] - s[Soort.VRIJVAL] - s[Soort.OVERBOEKING_UIT]
    )


def saldi_van(budgetten: Iterable[Budget]) -> dict[UUID, Saldi]:
    """Balances of several budgets in two queries (needs budget.periode.fonds loaded)."""
    budgetten = list(budgetten)
    ids = [b.pk for b in budgetten]
    per = _per_soort(
        Boeking.objects.filter(budget_id__in=ids)
        .values("budget_id", "soort")
        .annotate(totaal=Sum("centen"))
        .order_by(),
        "budget_id",
    )
    leningen = dict(
        Boeking.objects.filter(budget_id__in=ids, soort=Soort.BETALING, aanvraag__vorm="lening")
        .values("budget_id")
        .annotate(totaal=Sum("centen"))
        .order_by()
        .values_list("budget_id", "totaal")
    )
    return {
        b.pk: Saldi(
            plafond=b.plafond,
            bijdragen=per[b.pk][Soort.BIJDRAGE],
            toegezegd=_toegezegd(per[b.pk]),
            betaald=per[b.pk][Soort.BETALING],
            afgelost=per[b.pk][Soort.AFLOSSING],
            afgeschreven=per[b.pk][Soort.AFSCHRIJVING],
            revolverend=b.periode.fonds.revolverend,
            betaald_leningen=uit_centen(leningen.get(b.pk)),
        )
        for b in budgetten
    }


def saldi(budget: Budget) -> Saldi:
    return saldi_van([budget])[budget.pk]


@dataclass(frozen=True)
class AanvraagSaldi:
    toegekend: Decimal
    betaald: Decimal

    @property
    def open(self) -> Decimal:
        return self.toegekend - self.betaald


def aanvraag_saldi(aanvraag: Aanvraag) -> AanvraagSaldi:
    s = _per_soort(
        Boeking.objects.filter(aanvraag=aanvraag)
        .values("aanvraag_id", "soort")
        .annotate(totaal=Sum("centen"))
        .order_by(),
        "aanvraag_id",
    )[aanvraag.pk]
    return AanvraagSaldi(toegekend=_toegezegd(s), betaald=s[Soort.BETALING])


@dataclass(frozen=True)
class LeningSaldi:
    uitbetaald: Decimal
    afgelost: Decimal
    afgeschreven: Decimal

    @property
    def uitstaand(self) -> Decimal:
        return self.uitbetaald - self.afgelost - self.afgeschreven


def lening_saldi(lening: Lening) -> LeningSaldi:
    rijen = (
        Boeking.objects.filter(aanvraag_id=lening.aanvraag_id)
        .values("soort")
        .annotate(totaal=Sum("centen"))
        .order_by()
    )
    s = {r["soort"]: uit_centen(r["totaal"]) for r in rijen}
    return LeningSaldi(
        uitbetaald=s.get(Soort.BETALING, NUL),
        afgelost=s.get(Soort.AFLOSSING, NUL),
        afgeschreven=s.get(Soort.AFSCHRIJVING, NUL),
    )


# --- the maintained balance -----------------------------------------------------------------
#
# Every budget row carries `ruimte_centen` (plafond + bijdragen + aflossingen when the fund
# revolves) and `vastgelegd_centen` (commitments net of releases and carry-overs). `boek` keeps
# both right for every entry it writes, in the caller's transaction; `committeer` checks and
# raises `vastgelegd` in one conditional UPDATE, which takes the budget's row lock and holds it
# only until the commit that follows the ledger insert. The ledger remains the truth:
# `herbereken_saldi` derives both columns from it and the tests reconcile them.

# Set to a list by bench/budget_bench.py: (wait, hold) seconds of every go's budget row lock.
LOCKMETING: list[tuple[float, float]] | None = None

_VASTGELEGD_PLUS = (Soort.TOEZEGGING, Soort.OVERBOEKING_IN)
_VASTGELEGD_MIN = (Soort.VRIJVAL, Soort.OVERBOEKING_UIT)


def saldo_bijwerken(*, budget_id: UUID, soort: str, centen: int) -> None:
    """Move the maintained balance of a budget for one entry of this soort (called by `boek`;
    a path that books outside `boek` calls it itself). Payments and write-offs leave it alone."""
    qs = Budget.objects.filter(pk=budget_id)
    if soort in _VASTGELEGD_PLUS:
        qs.update(vastgelegd_centen=F("vastgelegd_centen") + centen)
    elif soort in _VASTGELEGD_MIN:
        qs.update(vastgelegd_centen=F("vastgelegd_centen") - centen)
    elif soort == Soort.BIJDRAGE or (
        soort == Soort.AFLOSSING
        and Fonds.objects.filter(perioden__budgetten=budget_id, revolverend=True).exists()
    ):
        qs.update(ruimte_centen=F("ruimte_centen") + centen)


def herbereken_saldi(budget_ids: Iterable[UUID]) -> None:
    """Derive the maintained balance of these budgets from their ceiling and the ledger again
    (after a fund starts or stops revolving, or a ceiling is changed). Locks the rows, so no
    entry moves them meanwhile; runs inside the caller's transaction (or its own)."""
    with transaction.atomic():
        budgetten = list(
            Budget.objects.filter(pk__in=list(budget_ids))
            .select_related("periode__fonds")
            .select_for_update(of=("self",), no_key=True)
            .order_by("pk")
        )
        _herbereken(budgetten)


def _herbereken(budgetten: list[Budget]) -> None:
    for budget_id, s in saldi_van(budgetten).items():
        Budget.objects.filter(pk=budget_id).update(
            ruimte_centen=naar_centen(s.ruimte), vastgelegd_centen=naar_centen(s.toegezegd)
        )


def _schrijf(
    *,
    budget: Budget,
    soort: str,
    centen: int,
    datum: date,
    door: Medewerker | None,
    aanvraag: Aanvraag | None,
    lening: Lening | None,
    tegenpartij: str,
    omschrijving: str,
) -> Boeking:
    return Boeking.objects.create(
        gemeente_id=budget.gemeente_id,
        budget=budget,
        soort=soort,
        centen=centen,
        datum=datum,
        aanvraag=aanvraag,
        lening=lening,
        tegenpartij=tegenpartij[:160],
        omschrijving=omschrijving[:300],
        door=door,
    )


def boek(
    *,
    budget: Budget,
    soort: str,
    bedrag: Decimal,
    datum: date,
    door: Medewerker | None,
    aanvraag: Aanvraag | None = None,
    lening: Lening | None = None,
    tegenpartij: str = "",
    omschrijving: str = "",
) -> Boeking:
    """Append an entry and move the maintained balance with it (no ceiling check: a commitment
    goes through `committeer`)."""
    centen = naar_centen(bedrag)
    saldo_bijwerken(budget_id=budget.pk, soort=soort, centen=centen)
    return _schrijf(
        budget=budget,
        soort=soort,
        centen=centen,
        datum=datum,
        door=door,
        aanvraag=aanvraag,
        lening=lening,
        tegenpartij=tegenpartij,
        omschrijving=omschrijving,
    )


def _weigering(bedrag: Decimal, beschikbaar: Decimal) -> PlafondOverschreden:
    return PlafondOverschreden(
        f"Het budget heeft nog {opmaak.euro(beschikbaar)} beschikbaar; "
        f"{opmaak.euro(bedrag)} past niet onder het plafond.",
        beschikbaar=beschikbaar,
    )


def weigering_bij_lezen(*, budget: Budget, bedrag: Decimal) -> PlafondOverschreden | None:
    """The refusal of an amount that cannot fit in the balance as the caller read it (`budget`
    from a plain read: the last committed balance, no lock), or None. Room grows only when
    someone else commits a release, repayment, contribution or higher ceiling; until then it
    only shrinks, so such an amount would be refused by the check-and-commit too, after the go
    had written its request, timeline, queue entry and log entry only to roll them back. The
    refusal is the answer at the moment of reading, with what was left then (as `committeer`
    gives it). An amount that fits here is decided by `committeer` under the lock."""
    over = budget.ruimte_centen - budget.vastgelegd_centen
    if naar_centen(bedrag) > over:
        return _weigering(bedrag, uit_centen(over))
    return None


def _leg_vast_als_het_past(budget_id: UUID, centen: int) -> bool:
    """The check-and-commit in one statement: raise `vastgelegd` only when it stays within the
    room. In PostgreSQL the UPDATE takes the row lock (waiting for a concurrent go to commit, then
    re-checking its condition on the newest row); in SQLite the write lock serialises it."""
    return bool(
        Budget.objects.filter(
            pk=budget_id, ruimte_centen__gte=F("vastgelegd_centen") + centen
        ).update(vastgelegd_centen=F("vastgelegd_centen") + centen)
    )


# PostgreSQL: the check, the raise and the ledger entry in one statement. When the amount does
# not fit, the statement fails (`budget_plafond_overschreden`, migration 0009, with what was left
# as its detail), so that a COMMIT sent behind it in the same round trip never commits the rest
# of a go without its entry. The last two columns time the budget's row lock for the bench.
_VASTLEGGEN_EN_BOEKEN = """
WITH vastgelegd AS (
    UPDATE budget_budget SET vastgelegd_centen = vastgelegd_centen + %(centen)s
    WHERE id = %(budget)s AND ruimte_centen - vastgelegd_centen >= %(centen)s
    RETURNING id, gemeente_id
), geboekt AS (
    INSERT INTO budget_boeking
        (gemeente_id, budget_id, soort, centen, datum, aanvraag_id, lening_id, tegenpartij,
         omschrijving, door_id, geboekt_op)
    SELECT gemeente_id, id, %(soort)s, %(centen)s, %(datum)s, %(aanvraag)s, NULL, '',
           %(omschrijving)s, %(door)s, %(op)s
    FROM vastgelegd
    RETURNING id
)
SELECT COALESCE((SELECT id FROM geboekt), budget_plafond_overschreden(%(budget)s)),
       statement_timestamp(), clock_timestamp()
"""
_WEIGERING = "budget_binnen_plafond"
_SAVEPOINT = "budget_committeer"


def _alleen_nog_de_commit() -> bool:
    """Whether the caller runs in the outermost atomic block, so that the COMMIT its exit would
    send may travel with the check-and-commit instead (Django then finds nothing to commit)."""
    verbinding = vaste_sql.db()  # not the proxy: it looks the connection up on every attribute
    return (
        verbinding.vendor == "postgresql"
        and verbinding.in_atomic_block
        and len(verbinding.atomic_blocks) == 1
        and not verbinding.savepoint_ids
        and not verbinding.needs_rollback
    )


def _in_een_round_trip(versturen) -> None:
    """Runs `versturen`'s statements in psycopg's pipeline mode (sent together, answered
    together) and raises the first error as itself. That error may arrive while the statements
    after it are still being sent (a busy machine): psycopg then raises it right there, and
    leaving the pipeline meets the statements it aborted, which psycopg would log as a warning
    ("error ignored terminating Pipeline") or, with the first error caught, raise in its place."""
    eerste = None
    try:
        with vaste_sql.db().connection.pipeline():
            try:
                versturen()
            except (psycopg.Error, DatabaseError) as fout:  # Django's cursors wrap them
                eerste = fout
    except psycopg.errors.PipelineAborted:
        if eerste is None:
            raise
    if eerste is not None:
        raise eerste


def _onvoorbereid(cursor, sql: str) -> None:
    """`cursor.execute(sql)` as Django runs it (its execute wrappers, its query log under
    CaptureQueriesContext), but never as a prepared statement. A statement behind the
    check-and-commit in its pipeline is skipped by PostgreSQL when the check refuses; had psycopg
    chosen that run to prepare it (its sixth on the connection), it would keep the name of a
    statement the server never made and fail the next time it uses it ("prepared statement
    … does not exist"), turning a refusal into a server error."""

    def uitvoeren(sql, params, many, context):
        with cursor.db.wrap_database_errors:
            return cursor.cursor.execute(sql, prepare=False)

    loggen = getattr(cursor, "debug_sql", None)  # CursorDebugWrapper: the query log
    with loggen(sql) if loggen else contextlib.nullcontext():
        cursor._execute_with_wrappers(sql, None, False, executor=uitvoeren)


def _vastleggen_en_boeken(
    *,
    budget: Budget,
    soort: str,
    centen: int,
    datum: date,
    door: Medewerker,
    aanvraag: Aanvraag,
    omschrijving: str,
    met_commit: bool,
) -> bool:
    """PostgreSQL: a savepoint, the conditional UPDATE with the ledger insert, and then the
    COMMIT (`met_commit`) or the savepoint's release, sent in one round trip (psycopg's pipeline
    mode). The budget's row lock is then held only while PostgreSQL runs the rest of that batch:
    never while this process waits for the CPU or the GIL. True: booked. When the amount did
    not fit (rolled back to the savepoint): refused with what was left, or False when a release
    has made room since the statement's check (the caller then looks again)."""
    op = timezone.now()
    parameters = {
        "centen": centen,
        "budget": budget.pk,
        "soort": soort,
        "datum": datum,
        "aanvraag": aanvraag.pk,
        "omschrijving": omschrijving[:300],
        "door": door.pk,
        "op": op,
    }
    meten = LOCKMETING is not None and met_commit

    def versturen() -> None:
        regie.execute(f"SAVEPOINT {_SAVEPOINT}")
        boeking_cursor.execute(_VASTLEGGEN_EN_BOEKEN, parameters)
        # what follows the check is skipped when it refuses: never prepared (_onvoorbereid)
        _onvoorbereid(regie, "COMMIT" if met_commit else f"RELEASE SAVEPOINT {_SAVEPOINT}")
        if meten:
            _onvoorbereid(regie, "SELECT clock_timestamp()")

    verbinding = vaste_sql.db()
    with verbinding.cursor() as regie, verbinding.cursor() as boeking_cursor:
        try:
            with verbinding.wrap_database_errors:
                _in_een_round_trip(versturen)
        except IntegrityError as fout:
            diag = getattr(fout.__cause__, "diag", None)
            if getattr(diag, "constraint_name", None) != _WEIGERING:
                raise
            with verbinding.wrap_database_errors, verbinding.connection.pipeline():
                regie.execute(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")
                regie.execute(f"RELEASE SAVEPOINT {_SAVEPOINT}")
            over = int(diag.message_detail)
            if centen > over:
                raise _weigering(uit_centen(centen), uit_centen(over)) from None
            return False
        if meten:
            _boeking_id, begin, na_update = boeking_cursor.fetchone()
            (na_commit,) = regie.fetchone()
            LOCKMETING.append(
                ((na_update - begin).total_seconds(), (na_commit - na_update).total_seconds())
            )
    return True


def committeer(
    *,
    budget: Budget,
    bedrag: Decimal,
    datum: date,
    door: Medewerker,
    aanvraag: Aanvraag,
    soort: str = Soort.TOEZEGGING,
    omschrijving: str = "",
    laatste: bool = False,
) -> None:
    """Commit an amount under the ceiling: the conditional UPDATE of the maintained balance, then
    the ledger entry (not returned: no caller uses it, and building it cost every go a model
    instance). Call it last in the transaction: the budget's row lock it takes is held
    until commit, so everything else (checks, request, timeline, log) belongs before it.
    `laatste`: the caller's transaction ends with this call and writes nothing after it; on
    PostgreSQL, in the outermost atomic block, its COMMIT then goes in the same round trip.
    A refusal raises PlafondOverschreden with exactly what was left; the caller's transaction
    then rolls back whatever it wrote before."""
    centen = naar_centen(bedrag)
    t0 = time.perf_counter()
    geboekt = gecommit = False
    if vaste_sql.db().vendor == "postgresql":
        gecommit = laatste and _alleen_nog_de_commit()
        geboekt = gelukt = _vastleggen_en_boeken(
            budget=budget,
            soort=soort,
            centen=centen,
            datum=datum,
            door=door,
            aanvraag=aanvraag,
            omschrijving=omschrijving,
            met_commit=gecommit,
        )
    else:
        gelukt = _leg_vast_als_het_past(budget.pk, centen)
    if not gelukt:
        # Refused, or a release committed in between: read the balance under the lock to tell
        # exactly what is left, and commit after all when it fits now. FOR NO KEY UPDATE, like
        # the UPDATE: it must not wait for the key-share locks that concurrent go's take by
        # pointing their request at this budget (two refusals would deadlock on FOR UPDATE).
        ruimte, vastgelegd = (
            Budget.objects.select_for_update(no_key=True)
            .values_list("ruimte_centen", "vastgelegd_centen")
            .get(pk=budget.pk)
        )
        if centen > ruimte - vastgelegd:
            raise _weigering(bedrag, uit_centen(ruimte - vastgelegd))
        saldo_bijwerken(budget_id=budget.pk, soort=Soort.TOEZEGGING, centen=centen)
    if LOCKMETING is not None and not gecommit:
        vast = time.perf_counter()
        meting = LOCKMETING
        transaction.on_commit(
            lambda: meting.append((vast - t0, time.perf_counter() - vast)),
            robust=True,
        )
    if not geboekt:
        _schrijf(
            budget=budget,
            soort=soort,
            centen=centen,
            datum=datum,
            door=door,
            aanvraag=aanvraag,
            lening=None,
            tegenpartij="",
            omschrijving=omschrijving,
        )
