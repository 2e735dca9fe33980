"""Reads for the reports, scoped to the caller's gemeente, in a fixed number of queries. The
counting itself is in `analyse.py`; what leaves here carries no names (pseudonymised text)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from doorbraak import invoer
from doorbraak.casussen.models import Actie, Casus, Domeinscore, Gezinslid, Knelpunt
from doorbraak.fouten import NietGevonden
from doorbraak.mkba import selectors as mkba_selectors
from doorbraak.organisaties.models import Medewerker
from doorbraak.rapportage import analyse, privacy, toegang
from doorbraak.rapportage.models import Signaal
from doorbraak.regels import services as regelservices
from doorbraak.regels.models import Regelcheck


@dataclass(frozen=True)
class Periode:
    van: date
    tot: date  # inclusive

    @property
    def begin(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.van, time.min))

    @property
    def einde(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.tot + timedelta(days=1), time.min))


def periode(van: date | None = None, tot: date | None = None) -> Periode:
    """A report period; by default the last year up to today. The end may not precede the start."""
    vandaag = timezone.localdate()
    van = van or vandaag - timedelta(days=365)
    tot = tot or vandaag
    return Periode(*invoer.periode(van, tot))  # bounded dates and span (400 naming van/tot)


def _artikel(tekst: str) -> str:
    """'art. 4', 'artikel 4', '4' → '4' so plans and checks count together."""
    return re.sub(r"^(art(ikel)?\.?\s*)", "", (tekst or "").strip(), flags=re.IGNORECASE).strip()


def _namen_per_huishouden(huishouden_ids: set) -> dict:
    namen: dict = defaultdict(set)
    for h, voornaam, achternaam in Gezinslid.objects.filter(
        huishouden_id__in=huishouden_ids
    ).values_list("huishouden_id", "voornaam", "achternaam"):
        namen[h].update({voornaam, achternaam, *achternaam.split()})
    return namen


def knelpunten(*, medewerker: Medewerker, periode: Periode) -> list[analyse.Knelpuntgroep]:
    """Obstacles from plans (recorded in the period) and from the latest rules check per case."""
    toegang.vereis_rapportage(medewerker)
    gemeente_id = medewerker.gemeente_id
    uit_plannen = list(
        Knelpunt.objects.filter(
            gemeente_id=gemeente_id,
            aangemaakt_op__gte=periode.begin,
            aangemaakt_op__lt=periode.einde,
        ).values_list(
            "plan__casus__huishouden_id",
            "plan__casus__huishouden__naam",
            "regeling",
            "artikel",
            "aangemaakt_op",
            "omschrijving",
        )
    )
    checks = (
        Regelcheck.objects.filter(
            gemeente_id=gemeente_id,
            aangemaakt_op__gte=periode.begin,
            aangemaakt_op__lt=periode.einde,
        )
        .order_by("casus_id", "-aangemaakt_op")
        .values_list("casus_id", "casus__huishouden_id", "aangemaakt_op", "uitkomst")
    )
    laatste: dict = {}
    for casus_id, huishouden_id, op, uitkomst in checks:
        laatste.setdefault(casus_id, (huishouden_id, op, uitkomst))
    huishoudens = {r[0] for r in uit_plannen} | {h for h, _, _ in laatste.values()}
    namen = _namen_per_huishouden(huishoudens)
    for h, naam, *_ in uit_plannen:
        namen[h].add(naam)
    blokkades = [
        analyse.Blokkade(
            huishouden=str(h),
            regeling=regeling.upper(),
            artikel=_artikel(artikel),
            datum=timezone.localtime(op).date(),
            herkomst="plan",
            omschrijving=privacy.pseudonimiseer(omschrijving, namen[h]),
        )
        for h, _naam, regeling, artikel, op, omschrijving in uit_plannen
    ]
    for h, op, uitkomst in laatste.values():
        for v in uitkomst.get("voorzieningen", []):
            gevonden = regelservices.blokkade(v)
            if gevonden is None:
                continue
            blokkades.append(
                analyse.Blokkade(
                    huishouden=str(h),
                    regeling=str(v.get("regeling", "")).upper(),
                    artikel=_artikel(gevonden.artikel),
                    datum=timezone.localtime(op).date(),
                    herkomst="regelcheck",
                    omschrijving=privacy.pseudonimiseer(gevonden.omschrijving, namen[h]),
                )
            )
    return analyse.knelpuntenanalyse(blokkades)


@dataclass(frozen=True)
class Evaluatie:
    periode: Periode
    gestart: int
    afgesloten: int
    lopend: int
    huishoudens: int
    per_doelgroep: list[tuple[str, int, int]]  # naam, gestart, afgesloten
    domeinen: list[analyse.Domeinverandering]
    acties_totaal: int
    acties_gereed: int
    # MKBA: executed doorbraken only, expected (ex ante) central estimate, one price level
    mkba_casussen: int
    mkba_saldo: Decimal
    mkba_saldo_voorzichtig: Decimal  # the same central estimate (kept for callers)
    mkba_per_betaler: list[tuple[str, Decimal, Decimal, Decimal]]
    signalen: dict[str, int]
    toegekend_aantal: int = 0
    toegekend_huishoudens: int = 0
    toegekend_bedrag: Decimal = Decimal("0.00")
    betaald: Decimal = Decimal("0.00")
    afgelost: Decimal = Decimal("0.00")
    mkba_niet_meegeteld: int = 0
    mkba_prijspeil: int | None = None
    mkba_saldo_optimistisch: Decimal = Decimal("0.00")
    mkba_kalibratie: mkba_selectors.Kalibratie | None = None


def _doorbraakbudget(gemeente_id, periode: Periode) -> dict:
    """Requests granted and money paid and repaid in the period, from the ledger."""
    from doorbraak.budget.models import Aanvraag, Boeking

    toegekend = Aanvraag.objects.filter(
        gemeente_id=gemeente_id,
        status__in=("toegekend", "betaald"),
        besloten_op__gte=periode.begin,
        besloten_op__lt=periode.einde,
    ).aggregate(
        aantal=Count("pk"),
        huishoudens=Count("casus__huishouden", distinct=True),
        bedrag=Sum("bedrag"),
    )
    geld = dict(
        Boeking.objects.filter(
            gemeente_id=gemeente_id,
            soort__in=("betaling", "aflossing"),
            datum__gte=periode.van,
            datum__lte=periode.tot,
        )
        .values_list("soort")
        .annotate(totaal=Sum("centen"))
        .order_by()
    )
    return {
        "toegekend_aantal": toegekend["aantal"],
        "toegekend_huishoudens": toegekend["huishoudens"],
        "toegekend_bedrag": toegekend["bedrag"] or Decimal("0.00"),
        "betaald": Decimal(geld.get("betaling", 0)) / 100,
        "afgelost": Decimal(geld.get("aflossing", 0)) / 100,
    }


def evaluatie(*, medewerker: Medewerker, periode: Periode) -> Evaluatie:
    """The pilot's evaluation over a period: cases that ran in it and what changed."""
    toegang.vereis_rapportage(medewerker)
    gemeente_id = medewerker.gemeente_id
    in_periode = Q(aangemeld_op__lt=periode.einde) & (
        Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gte=periode.begin)
    )
    casussen: QuerySet[Casus] = Casus.objects.filter(in_periode, gemeente_id=gemeente_id)
    tellingen = casussen.aggregate(
        gestart=Count("pk", filter=Q(aangemeld_op__gte=periode.begin)),
        afgesloten=Count("pk", filter=Q(afgesloten_op__lt=periode.einde)),
        totaal=Count("pk"),
        huishoudens=Count("huishouden", distinct=True),
    )
    per_doelgroep = list(
        casussen.values_list("doelgroep__naam")
        .annotate(
            gestart=Count("pk", filter=Q(aangemeld_op__gte=periode.begin)),
            afgesloten=Count("pk", filter=Q(afgesloten_op__lt=periode.einde)),
        )
        .order_by("doelgroep__naam")
    )
    # First and last measurement per household and domain, among the cases of the period.
    scores = (
        Domeinscore.objects.filter(gemeente_id=gemeente_id, meting__casus__in=casussen)
        .order_by("meting__datum", "meting__aangemaakt_op")
        .values_list("meting__casus__huishouden_id", "leefgebied__naam", "score")
    )
    eerste: dict = {}
    laatste: dict = {}
    aantal: dict = defaultdict(int)
    for h, leefgebied, score in scores:
        eerste.setdefault((h, leefgebied), score)
        laatste[(h, leefgebied)] = score
        aantal[(h, leefgebied)] += 1
    verlopen = [
        analyse.Scoreverloop(str(h), lg, eerste[(h, lg)], laatste[(h, lg)])
        for (h, lg), n in aantal.items()
        if n >= 2
    ]
    acties = Actie.objects.filter(gemeente_id=gemeente_id, plan__casus__in=casussen).aggregate(
        totaal=Count("pk"), gereed=Count("pk", filter=Q(gereed=True))
    )
    # MKBA: only executed doorbraken, their expected (ex ante) central estimate, one price level
    verwachting = mkba_selectors.verwachting_uitgevoerd(gemeente_id=gemeente_id, casussen=casussen)
    kalibratie = mkba_selectors.voorspeld_tegen_gerealiseerd(
        gemeente_id=gemeente_id, casussen=casussen
    )
    signalen = dict(
        Signaal.objects.filter(gemeente_id=gemeente_id)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Evaluatie(
        periode=periode,
        gestart=tellingen["gestart"],
        afgesloten=tellingen["afgesloten"],
        lopend=tellingen["totaal"] - tellingen["afgesloten"],
        huishoudens=tellingen["huishoudens"],
        per_doelgroep=per_doelgroep,
        domeinen=analyse.domeinveranderingen(verlopen),
        acties_totaal=acties["totaal"],
        acties_gereed=acties["gereed"],
        mkba_casussen=verwachting.casussen,
        mkba_saldo=verwachting.saldo,
        mkba_saldo_voorzichtig=verwachting.saldo,
        mkba_per_betaler=verwachting.per_betaler,
        mkba_niet_meegeteld=verwachting.niet_meegeteld,
        mkba_prijspeil=verwachting.prijspeil,
        mkba_saldo_optimistisch=verwachting.saldo_optimistisch,
        mkba_kalibratie=kalibratie,
        signalen=signalen,
        **_doorbraakbudget(gemeente_id, periode),
    )


def signalen(*, medewerker: Medewerker) -> QuerySet[Signaal]:
    toegang.vereis_rapportage(medewerker)
    return Signaal.objects.filter(gemeente_id=medewerker.gemeente_id).prefetch_related(
        "wijzigingen__door"
    )


def rapportexports(*, medewerker: Medewerker, soort: str | None = None):
    """The user's own background report files, newest first (never someone else's)."""
    from doorbraak.rapportage.models import RapportExport

    qs = RapportExport.objects.filter(
        gemeente_id=medewerker.gemeente_id, aangevraagd_door=medewerker
    ).defer("inhoud")
    return qs.filter(soort=soort) if soort else qs


def rapportexport_downloaden(*, medewerker: Medewerker, export_id: UUID):
    """A finished file, only for the one who asked for it and may still see reports."""
    from doorbraak.rapportage.models import ExportStatus

    toegang.vereis_rapportage(medewerker)
    export = (
        rapportexports(medewerker=medewerker)
        .defer(None)
        .filter(pk=export_id, status=ExportStatus.KLAAR)
        .first()
    )
    if export is None:
        raise NietGevonden("Dit bestand bestaat niet (meer).")
    return export
