"""Every read of the cost catalogue and of stored calculations, scoped to the caller's gemeente."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from uuid import UUID

from django.db.models import Exists, OuterRef, QuerySet

from doorbraak import vaste_sql
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen.models import Casus
from doorbraak.fouten import NietGevonden
from doorbraak.mkba import catalogus, opbouw, prijsindex, standaardkansen, toegang
from doorbraak.mkba.catalogus import Catalogusitem
from doorbraak.mkba.models import KengetalAanpassing, KengetalWijziging, Mkba, Nameting
from doorbraak.organisaties.models import Medewerker


def catalogus_van_gemeente(*, gemeente_id: UUID) -> dict[str, Catalogusitem]:
    """The national catalogue with the gemeente's changes on top, at the price level (1 query)."""
    aanpassingen = KengetalAanpassing.objects.filter(gemeente_id=gemeente_id).values_list(
        "code", "gegevens"
    )
    return catalogus.samenvoegen(list(aanpassingen))


def kengetallen_voor(*, medewerker: Medewerker) -> list[Catalogusitem]:
    toegang.vereis_gemeente(medewerker)
    return list(catalogus_van_gemeente(gemeente_id=medewerker.gemeente_id).values())


def kengetal_voor(*, medewerker: Medewerker, code: str) -> Catalogusitem:
    toegang.vereis_gemeente(medewerker)
    try:
        return catalogus_van_gemeente(gemeente_id=medewerker.gemeente_id)[code]
    except KeyError:
        raise NietGevonden(f"Kengetal '{code}' bestaat niet.") from None


def kengetalwijzigingen_voor(*, medewerker: Medewerker) -> QuerySet[KengetalWijziging]:
    toegang.vereis_catalogusbeheer(medewerker)
    return KengetalWijziging.objects.filter(gemeente_id=medewerker.gemeente_id).order_by(
        "-op", "-pk"
    )


_NIEUWSTE_EERST = ("-aangemaakt_op", "-pk")


def _mkbas(casus: Casus) -> QuerySet[Mkba]:
    return (
        Mkba.objects.filter(gemeente_id=casus.gemeente_id, casus=casus)
        .select_related("door")
        .order_by(*_NIEUWSTE_EERST)
    )


def mkbas_van_casus(*, medewerker: Medewerker, casus_id: UUID) -> QuerySet[Mkba]:
    """The calculations of a case, newest first; logged as a read of the case's MKBA's."""
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=medewerker, casus_id=casus_id, onderdeel="mkbas"
    )
    return _mkbas(casus)


def mkba_inzien(*, medewerker: Medewerker, casus_id: UUID, mkba_id: UUID) -> Mkba:
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=medewerker, casus_id=casus_id, onderdeel="mkba"
    )
    try:
        return _mkbas(casus).get(pk=mkba_id)
    except (Mkba.DoesNotExist, ValueError):
        raise NietGevonden("MKBA niet gevonden bij deze casus.") from None


def laatste_mkba(*, casus: Casus) -> Mkba | None:
    """The newest calculation of a case (shown with a request to the reviewer and the manager).

    The caller has already fetched the case through a scoped, logged selector.
    """
    return _mkbas(casus).first()


def laatste_mkba_kop(*, casus: Casus) -> dict | None:
    """The headline of the newest calculation (the dossier's summary panel): its saldo, horizon,
    date and switching point, without loading the stored input and outcome (tens of kilobytes
    of JSON on a large calculation). Same scope and order as `laatste_mkba`."""
    gelezen = vaste_sql.rijen(
        Mkba,
        ("saldo", "horizon_jaren", "aangemaakt_op", "uitkomst__omslagpunt"),
        orde=_NIEUWSTE_EERST,
        limiet=1,
        gemeente_id=casus.gemeente_id,
        casus_id=casus.pk,
    )
    return gelezen[0]._asdict() if gelezen else None


def hulpverlenersregels(
    *, medewerker: Medewerker, casus_id: UUID, horizon_jaren: int
) -> list[opbouw.RegelInvoer]:
    """The helpers on the case as huidig-pad lines, to pull into a calculation in one step."""
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=medewerker,
        casus_id=casus_id,
        onderdeel="hulpverleners",
        prefetch=("hulpverleners",),
    )
    return opbouw.hulpverlenersinvoer(hulpverlenerkosten(casus), horizon_jaren)


def hulpverlenerkosten(casus: Casus) -> list[opbouw.Hulpverlenerkosten]:
    return [
        opbouw.Hulpverlenerkosten(h.organisatie, h.rol, h.geschatte_jaarkosten, str(h.pk))
        for h in casus.hulpverleners.all()
        if h.geschatte_jaarkosten
    ]


def aanvragen_van_casus(*, casus: Casus):
    """The requests of a case (to take the doorbraak's cost from); the caller fetched the case
    through a scoped, logged selector."""
    from doorbraak.budget.models import Aanvraag

    return Aanvraag.objects.filter(gemeente_id=casus.gemeente_id, casus=casus).order_by(
        "-aangemaakt_op"
    )


def nametingen_van_casus(*, medewerker: Medewerker, casus_id: UUID) -> QuerySet[Nameting]:
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=medewerker, casus_id=casus_id, onderdeel="nametingen"
    )
    return (
        Nameting.objects.filter(gemeente_id=casus.gemeente_id, casus=casus)
        .select_related("mkba", "door")
        .order_by("-datum", "-aangemaakt_op")
    )


# --- ex ante against ex post ---------------------------------------------------------------

UITGEVOERD = ("betaald",)  # a doorbraak counts as executed once its request is paid
NAMETING_NA_MAANDEN = 12  # the follow-up is due this many months after the go


def nameting_grens(vandaag: date) -> date:
    """A doorbraak whose go was on or before this date is due for its follow-up: the same day
    `NAMETING_NA_MAANDEN` months earlier (the last day of a shorter month)."""
    from doorbraak.audit.bewaartermijnen import maanden_terug

    return maanden_terug(vandaag, NAMETING_NA_MAANDEN)


def nametingen_te_doen(
    *, gemeente_id: UUID, vandaag: date, casussen: QuerySet[Casus] | None = None
):
    """The executed doorbraken (a paid request) whose go lies 12 months or more back and whose
    case has no follow-up yet: one row per request, oldest go first. `casussen` narrows it to
    the cases a medewerker may see (Mijn taken); the caller scopes, this only filters."""
    from doorbraak.budget.models import Aanvraag

    nameting = Nameting.objects.filter(gemeente_id=gemeente_id, casus_id=OuterRef("casus_id"))
    qs = Aanvraag.objects.filter(
        gemeente_id=gemeente_id,
        status__in=UITGEVOERD,
        besloten_op__date__lte=nameting_grens(vandaag),
    ).filter(~Exists(nameting))
    if casussen is not None:
        qs = qs.filter(casus__in=casussen.values("pk"))
    return qs.select_related("casus__huishouden").order_by("besloten_op", "pk")


@dataclass(frozen=True)
class Verwachting:
    """The expected (ex ante) figures of the executed doorbraken, at one price level."""

    prijspeil: int
    casussen: int
    niet_meegeteld: int  # cases with a calculation but no executed doorbraak
    saldo: Decimal  # central estimate, summed
    saldo_optimistisch: Decimal
    per_betaler: list[tuple[str, Decimal, Decimal, Decimal]]


def verwachting_uitgevoerd(*, gemeente_id: UUID, casussen: QuerySet[Casus]) -> Verwachting:
    """Per case with an executed doorbraak its latest calculation, re-indexed to the price level
    of today's settings; the central estimate (2 queries)."""
    from doorbraak.budget.models import Aanvraag

    uitgevoerd = set(
        Aanvraag.objects.filter(
            gemeente_id=gemeente_id, casus__in=casussen, status__in=UITGEVOERD
        ).values_list("casus_id", flat=True)
    )
    rijen = (
        Mkba.objects.filter(gemeente_id=gemeente_id, casus__in=casussen)
        .order_by("casus_id", "-aangemaakt_op", "-pk")
        .values_list("casus_id", "prijspeil", "saldo", "saldo_optimistisch", "uitkomst")
    )
    laatste: dict = {}
    for casus_id, *rest in rijen:
        laatste.setdefault(casus_id, rest)
    peil = catalogus.instellingen().prijspeil
    index = prijsindex.standaard()
    saldo = optimistisch = Decimal("0.00")
    betalers: dict[str, list[Decimal]] = {}
    for casus_id, (prijspeil, centraal, opt, uitkomst) in laatste.items():
        if casus_id not in uitgevoerd:
            continue
        factor = index.factor(prijspeil, peil) if prijspeil != peil else Decimal(1)
        saldo += _cent(centraal * factor)
        optimistisch += _cent((opt if opt is not None else centraal) * factor)
        for b in uitkomst.get("per_betaler", []):
            rij = betalers.setdefault(b["betaler"], [Decimal("0.00")] * 3)
            for i, veld in enumerate(("huidig_pad", "doorbraak", "saldo")):
                rij[i] += _cent(Decimal(b[veld]) * factor)
    meegeteld = len([c for c in laatste if c in uitgevoerd])
    return Verwachting(
        prijspeil=peil,
        casussen=meegeteld,
        niet_meegeteld=len(laatste) - meegeteld,
        saldo=saldo,
        saldo_optimistisch=optimistisch,
        per_betaler=[(b, *w) for b, w in sorted(betalers.items())],
    )


def _cent(bedrag: Decimal) -> Decimal:
    return bedrag.quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True)
class VoorspeldGerealiseerd:
    """One case: what the calculation expected against what the follow-up found."""

    casus_id: UUID
    datum: date
    gebeurtenis: str  # e.g. "uithuiszetting"
    restrisico: Decimal | None  # expected chance of the key event despite the doorbraak
    gebeurd: bool | None
    gestopt_verwacht: int | None  # helpers expected to stop within the first year
    gestopt: int | None
    kosten_verwacht: Decimal  # the doorbraak's own costs in year 1 (central), for the budget
    kosten_werkelijk: Decimal | None


@dataclass(frozen=True)
class Kalibratie:
    rijen: list[VoorspeldGerealiseerd]
    verwacht_aandeel: Decimal | None  # mean expected residual chance
    waargenomen: int  # key events that happened
    waarnemingen: int  # follow-ups that said yes or no
    gestopt_verwacht: int
    gestopt: int
    kosten_verwacht: Decimal
    kosten_werkelijk: Decimal


def voorspeld_tegen_gerealiseerd(*, gemeente_id: UUID, casussen: QuerySet[Casus]) -> Kalibratie:
    """The latest follow-up per case against the calculation it names (1 query)."""
    nametingen = (
        Nameting.objects.filter(gemeente_id=gemeente_id, casus__in=casussen)
        .select_related("mkba")
        .order_by("casus_id", "-datum", "-aangemaakt_op")
    )
    per_casus: dict = {}
    for n in nametingen:
        per_casus.setdefault(n.casus_id, n)
    rijen = [voorspeld(n) for n in per_casus.values()]
    restrisico = [r.restrisico for r in rijen if r.restrisico is not None]
    waargenomen = [r.gebeurd for r in rijen if r.gebeurd is not None]
    return Kalibratie(
        rijen=sorted(rijen, key=lambda r: r.datum),
        verwacht_aandeel=(
            _cent(sum(restrisico, Decimal(0)) / len(restrisico) * 100) / 100 if restrisico else None
        ),
        waargenomen=sum(1 for g in waargenomen if g),
        waarnemingen=len(waargenomen),
        gestopt_verwacht=sum(r.gestopt_verwacht or 0 for r in rijen),
        gestopt=sum(r.gestopt or 0 for r in rijen),
        kosten_verwacht=sum((r.kosten_verwacht for r in rijen), Decimal("0.00")),
        kosten_werkelijk=sum(
            (r.kosten_werkelijk for r in rijen if r.kosten_werkelijk is not None), Decimal("0.00")
        ),
    )


def voorspeld(n: Nameting) -> VoorspeldGerealiseerd:
    u = n.mkba.uitkomst
    sleutel = u.get("sleutelkans") or {}
    blijven = (n.mkba.invoer or {}).get("hulpverleners_blijven") or {}
    meegenomen = (n.mkba.invoer or {}).get("hulpverleners_meenemen")
    kosten = sum(
        (
            Decimal(p.get("centraal", p.get("voorzichtig", "0")))  # older rows: "voorzichtig"
            for p in u.get("posten", [])
            if p["jaar"] == 1 and p["soort"] in ("eigen_kosten", "administratie", "aflossing")
        ),
        Decimal("0.00"),
    )
    return VoorspeldGerealiseerd(
        casus_id=n.casus_id,
        datum=n.datum,
        gebeurtenis=sleutel.get("omschrijving", ""),
        restrisico=Decimal(sleutel["doorbraak"]) if sleutel else None,
        gebeurd=n.sleutelgebeurtenis,
        gestopt_verwacht=sum(1 for j in blijven.values() if j <= 1) if meegenomen else None,
        gestopt=n.hulpverleners_gestopt,
        kosten_verwacht=kosten,
        kosten_werkelijk=n.werkelijke_kosten,
    )


# --- defaults that learn from the follow-ups -----------------------------------------------


def waargenomen_sleutelgebeurtenissen(
    *, gemeente_id: UUID
) -> dict[tuple[str, str], tuple[int, int]]:
    """Per (key event, scenario): (times it happened, follow-ups that said yes or no), from the
    latest follow-up of each case of this gemeente (1 query). The scenario is the doorbraak when
    the case's request was paid, else the current path."""
    from doorbraak.budget.models import Aanvraag

    betaald = Aanvraag.objects.filter(
        gemeente_id=gemeente_id, casus_id=OuterRef("casus_id"), status__in=UITGEVOERD
    )
    rijen = (
        Nameting.objects.filter(gemeente_id=gemeente_id, sleutelgebeurtenis__isnull=False)
        .annotate(uitgevoerd=Exists(betaald))
        .order_by("casus_id", "-datum", "-aangemaakt_op")
        .values_list(
            "casus_id",
            "sleutelgebeurtenis",
            "uitgevoerd",
            "mkba__invoer__sleutelkans__omschrijving",
        )
    )
    gezien: set = set()
    telling: dict[tuple[str, str], list[int]] = {}
    for casus_id, gebeurd, uitgevoerd, omschrijving in rijen:
        if casus_id in gezien:
            continue
        gezien.add(casus_id)
        gebeurtenis = standaardkansen.normaliseer(omschrijving or "")
        if not gebeurtenis:
            continue
        scenario = (
            standaardkansen.SCENARIO_DOORBRAAK if uitgevoerd else standaardkansen.SCENARIO_HUIDIG
        )
        rij = telling.setdefault((gebeurtenis, scenario), [0, 0])
        rij[0] += 1 if gebeurd else 0
        rij[1] += 1
    return {k: (v[0], v[1]) for k, v in telling.items()}


def standaardkansen_van_gemeente(
    *, gemeente_id: UUID
) -> dict[tuple[str, str], standaardkansen.Standaardkans]:
    """The learned defaults with enough follow-ups behind them, per (key event, scenario)."""
    regel = catalogus.instellingen().standaardkansen
    return standaardkansen.standaarden(
        waargenomen_sleutelgebeurtenissen(gemeente_id=gemeente_id),
        regel.prior,
        minimum=regel.minimum,
    )
