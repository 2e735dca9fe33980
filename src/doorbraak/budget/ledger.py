"""The ledger: booking entries and deriving every balance from them (invariants 1–3)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.db.models import Sum

from doorbraak.budget.geld import naar_centen, uit_centen
from doorbraak.budget.models import Aanvraag, Boeking, Budget, Lening, Soort
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
    return Boeking.objects.create(
        gemeente_id=budget.gemeente_id,
        budget=budget,
        soort=soort,
        centen=naar_centen(bedrag),
        datum=datum,
        aanvraag=aanvraag,
        lening=lening,
        tegenpartij=tegenpartij[:160],
        omschrijving=omschrijving[:300],
        door=door,
    )


def committeer(
    *,
    budget: Budget,
    bedrag: Decimal,
    datum: date,
    door: Medewerker,
    aanvraag: Aanvraag,
    soort: str = Soort.TOEZEGGING,
    omschrijving: str = "",
) -> Boeking:
    """Commit an amount. The caller holds the budget row lock (select_for_update), so the sum
    read here cannot change before this transaction commits."""
    beschikbaar = saldi(budget).beschikbaar
    if bedrag > beschikbaar:
        raise PlafondOverschreden(
            f"Het budget heeft nog € {beschikbaar:.2f} beschikbaar; € {bedrag:.2f} past niet "
            "onder het plafond.",
            beschikbaar=beschikbaar,
        )
    return boek(
        budget=budget,
        soort=soort,
        bedrag=bedrag,
        datum=datum,
        door=door,
        aanvraag=aanvraag,
        omschrijving=omschrijving,
    )
