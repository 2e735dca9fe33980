"""Financial accountability per year and doelgroep, derived from the ledger (never stored).

Reads in a fixed number of queries whatever the size of the ledger: budgets of the year, their
entries summed per budget and soort (index budget+soort), the granted requests with their first
payment date. The counting is plain Python below.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median

from django.db.models import Min, Q

from doorbraak.budget.ledger import saldi_van
from doorbraak.budget.models import Aanvraag, AanvraagStatus, Boeking, Budget, Soort, Vorm
from doorbraak.organisaties.models import Medewerker
from doorbraak.rapportage import toegang

NUL = Decimal("0.00")
TOEGEKEND = (AanvraagStatus.TOEGEKEND, AanvraagStatus.BETAALD)


@dataclass
class Verantwoordingsregel:
    doelgroep: str
    plafond: Decimal = NUL
    bijdragen: Decimal = NUL
    toegezegd: Decimal = NUL
    betaald: Decimal = NUL
    afgelost: Decimal = NUL
    afgeschreven: Decimal = NUL
    uitstaand: Decimal = NUL
    beschikbaar: Decimal = NUL
    leningen: int = 0
    leningen_bedrag: Decimal = NUL
    giften: int = 0
    giften_bedrag: Decimal = NUL
    huishoudens: int = 0
    casussen: int = 0
    mediaan_bedrag: Decimal | None = None
    dagen_tot_go: Decimal | None = None  # median
    dagen_go_tot_betaling: Decimal | None = None  # median
    zelfstandig_besloten: int = 0


def _mediaan(waarden: list) -> Decimal | None:
    return Decimal(str(median(waarden))).quantize(Decimal("0.1")) if waarden else None


def verantwoording(*, medewerker: Medewerker, jaar: int) -> list[Verantwoordingsregel]:
    """One line per doelgroep (and 'alle doelgroepen' for fund-wide budgets), then the total."""
    toegang.vereis_rapportage(medewerker)
    begin, einde = date(jaar, 1, 1), date(jaar, 12, 31)
    budgetten = list(
        Budget.objects.filter(
            gemeente_id=medewerker.gemeente_id, periode__van__lte=einde, periode__tot__gte=begin
        ).select_related("periode__fonds", "doelgroep")
    )
    saldi = saldi_van(budgetten)
    aanvragen = list(
        Aanvraag.objects.filter(budget__in=budgetten, status__in=TOEGEKEND)
        .annotate(
            eerste_betaling=Min("boekingen__datum", filter=Q(boekingen__soort=Soort.BETALING))
        )
        .values_list(
            "budget_id", "casus_id", "casus__huishouden_id", "vorm", "bedrag",
            "aangemaakt_op", "besloten_op", "eerste_betaling", "zelfstandig_besloten",
        )
    )  # fmt: skip
    regels: dict[str, Verantwoordingsregel] = {}
    naam_van = {b.pk: (b.doelgroep.naam if b.doelgroep else "Alle doelgroepen") for b in budgetten}
    for b in budgetten:
        r = regels.setdefault(naam_van[b.pk], Verantwoordingsregel(naam_van[b.pk]))
        s = saldi[b.pk]
        r.plafond += s.plafond
        r.bijdragen += s.bijdragen
        r.toegezegd += s.toegezegd
        r.betaald += s.betaald
        r.afgelost += s.afgelost
        r.afgeschreven += s.afgeschreven
        r.uitstaand += s.uitstaand
        r.beschikbaar += s.beschikbaar
    per_regel: dict[str, list] = defaultdict(list)
    for rij in aanvragen:
        per_regel[naam_van[rij[0]]].append(rij)
    totaal = Verantwoordingsregel("Totaal")
    for naam, r in regels.items():
        _aanvragen_tellen(r, per_regel[naam])
        for veld in ("plafond", "bijdragen", "toegezegd", "betaald", "afgelost", "afgeschreven",
                     "uitstaand", "beschikbaar", "leningen", "leningen_bedrag", "giften",
                     "giften_bedrag", "zelfstandig_besloten"):  # fmt: skip
            setattr(totaal, veld, getattr(totaal, veld) + getattr(r, veld))
    _aanvragen_tellen(totaal, aanvragen)
    return [*sorted(regels.values(), key=lambda r: r.doelgroep), totaal]


def _aanvragen_tellen(r: Verantwoordingsregel, rijen: list) -> None:
    leningen = [rij for rij in rijen if rij[3] == Vorm.LENING]
    giften = [rij for rij in rijen if rij[3] == Vorm.OM_NIET]
    r.leningen, r.leningen_bedrag = len(leningen), sum((x[4] for x in leningen), NUL)
    r.giften, r.giften_bedrag = len(giften), sum((x[4] for x in giften), NUL)
    r.casussen = len({x[1] for x in rijen})
    r.huishoudens = len({x[2] for x in rijen})
    r.mediaan_bedrag = _mediaan([x[4] for x in rijen])
    r.dagen_tot_go = _mediaan(
        [(x[6] - x[5]).total_seconds() / 86400 for x in rijen if x[6] and x[5]]
    )
    r.dagen_go_tot_betaling = _mediaan([(x[7] - x[6].date()).days for x in rijen if x[7] and x[6]])
    r.zelfstandig_besloten = sum(1 for x in rijen if x[8])


def boekingen_tellen(*, gemeente_id, jaar: int) -> int:
    """For the benchmark and tests: how many entries the year's budgets hold."""
    return Boeking.objects.filter(
        gemeente_id=gemeente_id, budget__periode__van__lte=date(jaar, 12, 31),
        budget__periode__tot__gte=date(jaar, 1, 1),
    ).count()  # fmt: skip
