"""Every read of funds, budgets, requests and loans: scoped to the caller's gemeente."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache, partial
from typing import NamedTuple
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import QuerySet

from doorbraak import vaste_sql
from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_lezen_vast
from doorbraak.budget import mandaten
from doorbraak.budget.models import Aanvraag, Budget, Draagkrachtnorm, Fonds, Lening
from doorbraak.casussen import toegang
from doorbraak.fouten import NietGevonden, Validatiefout
from doorbraak.organisaties.models import Doelgroep, MandaatRol, Medewerker


def fondsen_voor(*, medewerker: Medewerker) -> QuerySet[Fonds]:
    return Fonds.objects.filter(gemeente_id=medewerker.gemeente_id, actief=True)


def fonds_voor(*, medewerker: Medewerker, code: str | None = None, veld: str = "fonds") -> Fonds:
    """A fund by code, or the gemeente's standard fund (the regulation's doorbraakbudget)."""
    qs = fondsen_voor(medewerker=medewerker)
    fonds = qs.filter(code=code).first() if code else qs.filter(standaard=True).first()
    if fonds is None:
        raise Validatiefout("Onbekend fonds voor deze gemeente.", veld=veld)
    return fonds


@cache
def _budget_sql(periode_delen: bool, fonds: str = "%s", doelgroep: str = "%s") -> str:
    """`budget_voor`'s SQL; `fonds` and `doelgroep`: their parameters, or the columns of a
    statement it is part of (`_aanvraag_sql(budget=True)`: the go's request)."""
    from doorbraak.budget.models import Periode

    v, k = vaste_sql, vaste_sql.kolom
    b_doelgroep = f"b.{k(Budget, 'doelgroep')}"
    slot = " FOR SHARE OF p" if periode_delen and connection.vendor == "postgresql" else ""
    return (
        f"SELECT {v.kolommen(Budget, 'b')}, {v.kolommen(Periode, 'p')} "  # noqa: S608
        f"FROM {v.tabel(Budget)} b JOIN {v.tabel(Periode)} p ON p.id = b.{k(Budget, 'periode')} "
        f"WHERE p.{k(Periode, 'fonds')} = {fonds} AND p.{k(Periode, 'van')} <= %s "
        f"AND p.{k(Periode, 'tot')} >= %s AND NOT p.{k(Periode, 'afgesloten')} "
        f"AND ({b_doelgroep} = {doelgroep} OR {b_doelgroep} IS NULL) "
        f"ORDER BY ({b_doelgroep} IS NULL), p.{k(Periode, 'van')} LIMIT 1{slot}"
    )


def budget_voor(
    *, fonds: Fonds, doelgroep: Doelgroep, datum: date, periode_delen: bool = False
) -> Budget | None:
    """The budget of the fund's open period containing the date: the doelgroep's own, else the
    one for all doelgroepen; with its period. SQL written once (`doorbraak.vaste_sql`): every go
    asks this. `periode_delen` (the go): the period found is share-locked (FOR SHARE OF it, held
    until the commit) in the same statement, so a close (FOR NO KEY UPDATE of the period) waits
    for the go, or the go for the close; a period closed meanwhile is then read again as closed
    and passed over (PostgreSQL's recheck of a locked row), so none is found. SQLite: the
    transaction holds the write lock from BEGIN, a plain read is enough."""
    from doorbraak.budget.models import Periode

    dag = vaste_sql.param(Periode, "van", datum)
    with vaste_sql.db().cursor() as cursor:
        cursor.execute(
            _budget_sql(periode_delen),
            [
                vaste_sql.param(Periode, "fonds", fonds.pk),
                dag,
                dag,
                vaste_sql.param(Budget, "doelgroep", doelgroep.pk),
            ],
        )
        rij = cursor.fetchone()
    return None if rij is None else _budget_met_periode(rij)


def _budget_met_periode(rij) -> Budget:
    from doorbraak.budget.models import Periode

    budget, periode = vaste_sql.instanties((Budget, Periode), rij)
    budget._state.fields_cache["periode"] = periode
    return budget


def budgetten_voor(*, medewerker: Medewerker, jaar: int | None = None) -> QuerySet[Budget]:
    qs = Budget.objects.filter(gemeente_id=medewerker.gemeente_id).select_related(
        "periode__fonds", "doelgroep"
    )
    if jaar is not None:
        qs = qs.filter(periode__van__year__lte=jaar, periode__tot__year__gte=jaar)
    return qs.order_by("periode__fonds__naam", "periode__van", "doelgroep__naam")


def budget_ophalen(*, medewerker: Medewerker, budget_id: UUID) -> Budget:
    qs = Budget.objects.filter(gemeente_id=medewerker.gemeente_id).select_related("periode__fonds")
    try:
        return qs.get(pk=budget_id)
    except (Budget.DoesNotExist, ValueError):
        raise NietGevonden("Budget niet gevonden.") from None


def _aanvragen(medewerker: Medewerker) -> QuerySet[Aanvraag]:
    return Aanvraag.objects.filter(gemeente_id=medewerker.gemeente_id)


@cache
def _aanvraag_sql(
    lock: bool, voor_besluit: bool = False, go: bool = False, budget: bool = False
) -> str:
    """The request with its fund, doelgroep and case, in the caller's gemeente: what
    `_aanvragen(…).select_related("fonds", "doelgroep", "casus")` (FOR NO KEY UPDATE OF the
    request when locking) gives, written once per process (`doorbraak.vaste_sql`): every go,
    advice and payment reads it, and compiling it was their largest single cost (issue 19).
    `voor_besluit` (PostgreSQL): two columns more (`go`: three), composed from the SQL of the
    apps that own the rules (`aanvraag_voor_besluit`); `budget` (the go, locking): and after
    them the columns of `budget_voor(periode_delen=True)`'s row for the request's fund and
    doelgroep (NULLs when there is none; `aanvraag_voor_go`)."""
    from doorbraak.casussen.models import Casus

    v, k = vaste_sql, vaste_sql.kolom
    a_fonds, a_doelgroep = f"a.{k(Aanvraag, 'fonds')}", f"a.{k(Aanvraag, 'doelgroep')}"
    extra = ""
    if voor_besluit:  # the caller's go mandates and the quick precedent check, as columns
        from doorbraak.precedenten import selectors as precedenten

        a_gemeente, a_casus = f"a.{k(Aanvraag, 'gemeente')}", f"a.{k(Aanvraag, 'casus')}"
        standaard = f"f.{k(Fonds, 'standaard')}"
        extra = (
            f", {mandaten.limieten_als_kolom(a_fonds, a_doelgroep, standaard)}"
            f", {precedenten.laagste_als_kolom(a_gemeente, a_casus)}"
        )
        if go:  # who the go's notification goes to (mijntaken's rule)
            from doorbraak.mijntaken import ontvangers

            extra += f", {ontvangers.financien_als_kolom(a_gemeente)}"
    bron, budget_deel = f"{v.tabel(Aanvraag)} a", ""
    waar = f" WHERE a.id = %s AND a.{k(Aanvraag, 'gemeente')} = %s"
    slot = ""
    if lock and connection.features.has_select_for_update_of:
        slot = " FOR NO KEY UPDATE OF a"
    if budget:
        # The request locked in a subquery of its own: PostgreSQL locks its row before the
        # budget's subquery can run on its fund and doelgroep, so the one statement takes the
        # locks in doorbraak.vergrendeling's order (the request, then the budget's period).
        bron, waar, slot = f"(SELECT a.* FROM {bron}{waar}{slot}) a", "", ""  # noqa: S608
        extra += ", bp.*"
        budget_deel = f" LEFT JOIN LATERAL ({_budget_sql(True, a_fonds, a_doelgroep)}) bp ON true"
    return (
        f"SELECT {v.kolommen(Aanvraag, 'a')}, {v.kolommen(Fonds, 'f')}, "  # noqa: S608
        f"{v.kolommen(Doelgroep, 'd')}, {v.kolommen(Casus, 'c')}{extra} "
        f"FROM {bron} "
        f"JOIN {v.tabel(Fonds)} f ON f.id = {a_fonds} "
        f"JOIN {v.tabel(Doelgroep)} d ON d.id = {a_doelgroep} "
        f"JOIN {v.tabel(Casus)} c ON c.id = a.{k(Aanvraag, 'casus')}{budget_deel}{waar}{slot}"
    )


def aanvraag_ophalen(*, medewerker: Medewerker, aanvraag_id: UUID, lock: bool = False) -> Aanvraag:
    """For services: the request (404 outside the caller's gemeente), not logged as a read,
    with its fund, doelgroep and case; `lock`: its row locked FOR NO KEY UPDATE."""
    return _aanvraag_lezen(medewerker, aanvraag_id, lock, samen=False)[0].aanvraag


class VoorBesluit(NamedTuple):
    aanvraag: Aanvraag
    limieten: list | None  # the decider's go mandates (`mandaten.limieten`)
    laagste: list | None  # the two lowest visible grants (`precedenten.selectors`)
    ontvangers: list | None = None  # the go's notification (`mijntaken.ontvangers.financien`)


def aanvraag_voor_besluit(
    *, medewerker: Medewerker, aanvraag_id: UUID, go: bool = False
) -> VoorBesluit:
    """For the go: the request locked as `aanvraag_ophalen(lock=True)` gives it, with what the
    decision's checks read about it in the same statement on PostgreSQL (issue 19): the limits
    of the caller's mandates to give the go for its fund and doelgroep (`mandaten.limieten`'s
    SQL) and the two lowest granted precedents visible to its gemeente (`precedenten`'s quick
    check, its SQL); `go`: also the recipients of the go's notification (`mijntaken`'s SQL).
    Elsewhere all None: the checks and the notification then read them themselves."""
    samen = vaste_sql.db().vendor == "postgresql"
    return _aanvraag_lezen(medewerker, aanvraag_id, True, samen=samen, go=go and samen)[0]


def aanvraag_voor_go(
    *, medewerker: Medewerker, aanvraag_id: UUID, datum: date
) -> tuple[VoorBesluit, Callable[[], Budget | None]]:
    """`aanvraag_voor_besluit(go=True)` and a function that gives the go's budget: what
    `budget_voor(periode_delen=True)` finds for the request's fund and doelgroep on `datum`.
    On PostgreSQL that budget is read in the same statement (issue 19: one statement and round
    trip less per go), after the request's row lock (`_aanvraag_sql(budget=True)`), from the
    statement's snapshot: a release committed while the go waited for that lock is not seen, as
    it was not when it committed between two statements; the period's share lock still passes
    over a period closed meanwhile. Elsewhere the function reads it, after the decision's
    checks as before."""
    if vaste_sql.db().vendor != "postgresql":
        gelezen = aanvraag_voor_besluit(medewerker=medewerker, aanvraag_id=aanvraag_id, go=True)
        fonds, doelgroep = gelezen.aanvraag.fonds, gelezen.aanvraag.doelgroep
        return gelezen, partial(
            budget_voor, fonds=fonds, doelgroep=doelgroep, datum=datum, periode_delen=True
        )
    gelezen, budget = _aanvraag_lezen(
        medewerker, aanvraag_id, True, samen=True, go=True, budget_op=datum
    )
    return gelezen, lambda: budget


def _aanvraag_lezen(
    medewerker: Medewerker,
    aanvraag_id: UUID,
    lock: bool,
    *,
    samen: bool,
    go: bool = False,
    budget_op: date | None = None,
) -> tuple[VoorBesluit, Budget | None]:
    from doorbraak.budget.models import Periode
    from doorbraak.casussen.models import Casus
    from doorbraak.mijntaken import ontvangers
    from doorbraak.precedenten import selectors as precedenten

    try:
        pk = vaste_sql.param(Aanvraag, "id", aanvraag_id)
    except (ValueError, ValidationError):
        raise NietGevonden("Aanvraag niet gevonden.") from None
    params = [pk, vaste_sql.param(Aanvraag, "gemeente", medewerker.gemeente_id)]
    if samen:  # the columns' parameters come before the WHERE's
        params = [
            *mandaten.limieten_parameters(medewerker, MandaatRol.GO),
            *precedenten.laagste_parameters(),
            *(ontvangers.financien_parameters() if go else ()),
            *params,
        ]
    met_budget = budget_op is not None
    if met_budget:  # the budget's subquery comes after the request's
        dag = vaste_sql.param(Periode, "van", budget_op)
        params += [dag, dag]
    with vaste_sql.db().cursor() as cursor:
        cursor.execute(_aanvraag_sql(lock, samen, go, met_budget), params)
        rij = cursor.fetchone()
    if rij is None:
        raise NietGevonden("Aanvraag niet gevonden.")
    limieten = laagste = gelezen = budget = None
    if met_budget:
        n = vaste_sql.aantal(Budget) + vaste_sql.aantal(Periode)
        rij, budget_rij = rij[:-n], rij[-n:]
        budget = None if budget_rij[0] is None else _budget_met_periode(budget_rij)
    if go:
        rij, gelezen = rij[:-1], ontvangers.financien_omgezet(rij[-1])
    if samen:
        rij, limieten, laagste = rij[:-2], mandaten.omgezet(rij[-2]), rij[-1]
        laagste = precedenten.laagste_omgezet(laagste)
    aanvraag, fonds, doelgroep, casus = vaste_sql.instanties(
        (Aanvraag, Fonds, Doelgroep, Casus), rij
    )
    aanvraag._state.fields_cache.update(fonds=fonds, doelgroep=doelgroep, casus=casus)
    return VoorBesluit(aanvraag, limieten, laagste, gelezen), budget


def aanvragen_van_casus(*, casus) -> list[Aanvraag]:
    """The requests of a case already read by the caller (the dossier page), oldest first, each
    with its fund: what `casus.aanvragen.select_related("fonds").order_by("aangemaakt_op", "pk")`
    gives, in SQL written once (`vaste_sql.met_gerelateerde`) instead of compiled on every page."""
    waar = {"gemeente": casus.gemeente_id, "casus": casus.pk}
    return vaste_sql.met_gerelateerde(Aanvraag, "fonds", orde=("aangemaakt_op", "id"), **waar)


def aanvragen_voor(
    *,
    medewerker: Medewerker,
    status: str | None = None,
    fonds: str | None = None,
    casus_id: UUID | None = None,
) -> QuerySet[Aanvraag]:
    toegang.vereis_geldinzage(medewerker)
    qs = _aanvragen(medewerker).select_related(
        "fonds", "doelgroep", "casus__huishouden", "aanvrager", "beoordelaar", "besluit_door"
    )
    if status:
        qs = qs.filter(status=status)
    if fonds:
        qs = qs.filter(fonds__code=fonds)
    if casus_id:
        qs = qs.filter(casus_id=casus_id)
    return qs.order_by("-aangemaakt_op")


def registreer_inzage(*, medewerker: Medewerker, aanvragen: list[Aanvraag]) -> None:
    leg_lezen_vast(
        gemeente_id=medewerker.gemeente_id,
        door=medewerker,
        objecten=[
            Vastlegging(Handeling.LEZEN, "aanvraag", a.pk, a.casus.huishouden_id, a.casus_id)
            for a in aanvragen
        ],
    )


def aanvraag_inzien(*, medewerker: Medewerker, aanvraag_id: UUID) -> Aanvraag:
    toegang.vereis_geldinzage(medewerker)
    try:
        aanvraag = (
            _aanvragen(medewerker)
            .select_related(
                "fonds", "doelgroep", "casus", "aanvrager", "beoordelaar", "besluit_door", "lening"
            )
            .prefetch_related("stappen__door")
            .get(pk=aanvraag_id)
        )
    except (Aanvraag.DoesNotExist, ValueError):
        raise NietGevonden("Aanvraag niet gevonden.") from None
    registreer_inzage(medewerker=medewerker, aanvragen=[aanvraag])
    return aanvraag


def lening_ophalen(*, medewerker: Medewerker, lening_id: UUID, lock: bool = False) -> Lening:
    qs = Lening.objects.filter(gemeente_id=medewerker.gemeente_id).select_related(
        "aanvraag__casus", "aanvraag__budget", "aanvraag__fonds"
    )
    if lock:
        qs = qs.select_for_update(of=("self",), no_key=True)
    try:
        return qs.get(pk=lening_id)
    except (Lening.DoesNotExist, ValueError):
        raise NietGevonden("Lening niet gevonden.") from None


def lening_inzien(*, medewerker: Medewerker, lening_id: UUID) -> Lening:
    toegang.vereis_geldinzage(medewerker)
    lening = lening_ophalen(medewerker=medewerker, lening_id=lening_id)
    registreer_inzage(medewerker=medewerker, aanvragen=[lening.aanvraag])
    return lening


def draagkrachtnormen(*, gemeente_id: UUID) -> list[Draagkrachtnorm]:
    return list(Draagkrachtnorm.objects.filter(gemeente_id=gemeente_id))


def leningoverzicht(*, leningen: list[Lening], peildatum: date) -> list[dict]:
    """Paid out, repaid, outstanding and arrears for a page of loans, in one query."""
    from django.db.models import Sum

    from doorbraak.budget import aflosschema
    from doorbraak.budget.geld import uit_centen
    from doorbraak.budget.models import Boeking

    sommen: dict = {}
    for rij in (
        Boeking.objects.filter(aanvraag_id__in=[lening.aanvraag_id for lening in leningen])
        .values("aanvraag_id", "soort")
        .annotate(totaal=Sum("centen"))
        .order_by()
    ):
        sommen.setdefault(rij["aanvraag_id"], {})[rij["soort"]] = uit_centen(rij["totaal"])
    uit = []
    for lening in leningen:
        s = sommen.get(lening.aanvraag_id, {})
        nul = uit_centen(0)
        uitbetaald, afgelost = s.get("betaling", nul), s.get("aflossing", nul)
        afgeschreven = s.get("afschrijving", nul)
        uitstaand = uitbetaald - afgelost - afgeschreven
        termijnen = aflosschema.schema(
            hoofdsom=lening.hoofdsom,
            termijnbedrag=lening.termijnbedrag,
            startdatum=lening.startdatum,
        )
        achterstand = aflosschema.achterstand(
            termijnen, afgelost=afgelost + afgeschreven, peildatum=peildatum
        )
        uit.append(
            {
                "lening": lening,
                "uitbetaald": uitbetaald,
                "afgelost": afgelost,
                "uitstaand": uitstaand,
                "achterstand": min(achterstand, uitstaand),
            }
        )
    return uit


def budgetpositie(*, medewerker: Medewerker, fondsen: list, doelgroep, datum: date) -> list[dict]:
    """Per fund: what is still available today for the doelgroep and the caller's own mandate
    to request (None: no limit; absent: no mandate). Shown beside a request, before the go."""
    from doorbraak.budget import ledger, mandaten
    from doorbraak.organisaties.models import MandaatRol

    uit = []
    for fonds in fondsen:
        budget = budget_voor(fonds=fonds, doelgroep=doelgroep, datum=datum)
        if budget is not None:
            budget = Budget.objects.select_related("periode__fonds").get(pk=budget.pk)
        limieten = mandaten.limieten(medewerker, fonds, doelgroep, MandaatRol.AANVRAGEN)
        uit.append(
            {
                "fonds": fonds,
                "periode": budget.periode.naam if budget else None,
                "beschikbaar": ledger.saldi(budget).beschikbaar if budget else None,
                "mandaat": limieten != [],
                "mandaat_tot": None if not limieten or None in limieten else max(limieten),
            }
        )
    return uit


def eerdere_toekenningen(*, casus, behalve: UUID | None = None) -> list[Aanvraag]:
    """What this household already received (granted or paid) from any fund, newest first."""
    from doorbraak.budget.models import AanvraagStatus

    return list(
        Aanvraag.objects.filter(
            gemeente_id=casus.gemeente_id,
            casus__huishouden_id=casus.huishouden_id,
            status__in=[AanvraagStatus.TOEGEKEND, AanvraagStatus.BETAALD],
        )
        .exclude(pk=behalve)
        .select_related("fonds")
        .order_by("-besloten_op")
    )


def leningschema(*, lening: Lening, peildatum: date) -> dict:
    """The loan's schedule (aflossingsschema) with per instalment what has been covered by
    repayments and write-offs so far (first instalments first), plus the loan's balances."""
    from doorbraak.budget import aflosschema, ledger

    s = ledger.lening_saldi(lening)
    termijnen = aflosschema.schema(
        hoofdsom=lening.hoofdsom, termijnbedrag=lening.termijnbedrag, startdatum=lening.startdatum
    )
    gedekt = s.afgelost + s.afgeschreven
    rijen = []
    for t in termijnen:
        deel = min(max(gedekt, Decimal(0)), t.bedrag)
        gedekt -= deel
        rijen.append(
            {
                "termijn": t,
                "voldaan": deel,
                "open": t.bedrag - deel,
                "verlopen": t.vervaldatum <= peildatum and deel < t.bedrag,
            }
        )
    return {
        "saldi": s,
        "rijen": rijen,
        "achterstand": min(
            aflosschema.achterstand(termijnen, afgelost=s.afgelost + s.afgeschreven,
                                    peildatum=peildatum),
            max(s.uitstaand, Decimal(0)),
        ),
    }  # fmt: skip
