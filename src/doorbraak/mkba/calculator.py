"""The cost-benefit calculator: "doormodderen versus doorbreken" for one household.

Plain Python: no Django import anywhere in this module (a test guards that), so it is fast,
property-testable and usable from the command line.

Two scenarios over a horizon of whole years: the *huidig pad* (what happens if nothing breaks
through) and the *doorbraak*. Each is a list of lines, a line being a unit cost (kengetal) times a
quantity times a probability in one year of the horizon; the doorbraak also carries its own costs
(the requested amount as a gift or a loan, extra support). Money is `Decimal`, every line is
rounded half up to the cent, and every total is the sum of rounded lines, so totals per payer, per
year and per value type always add up to the scenario total exactly.

Uncertainty first. The *central* estimate (the headline) corrects every line for optimism bias,
as HM Treasury's Green Book does: the weaker the source of a unit cost, and the weaker the ground
for a probability, the fewer avoided costs count and the more the doorbraak's own risks count. The
*optimistic* reading (every line at face value) is the side figure. The band varies unit costs
and probabilities and always contains both readings. The *switching value* says at which
probability of the key event (e.g. the eviction) the doorbraak stops paying for itself.

Three perspectives: the gemeente's budget (a loan counts as its expected default plus
administration, repayments as income), per organisation (the gemeente's budgets together, and
payments between organisations booked on both sides), and welfare (transfers netted out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Literal

CENT = Decimal("0.01")
NUL = Decimal("0")
EEN = Decimal("1")
MAANDEN_PER_JAAR = 12
MAX_HORIZON_JAREN = 30
OMSLAG_STAPPEN = 60  # bisection steps for the switching value: 2**-60 is far below a cent

Scenario = Literal["huidig_pad", "doorbraak"]
HUIDIG_PAD: Scenario = "huidig_pad"
DOORBRAAK: Scenario = "doorbraak"

WAARDETYPEN = ("fiscaal", "economisch", "sociaal")
BETROUWBAARHEDEN = ("A", "B", "C", "D")
BETROUWBAARHEIDEN = BETROUWBAARHEDEN  # old spelling, kept for callers
VORMEN = ("gift", "lening")
GEMEENTE = "gemeente"
HUISHOUDEN = "huishouden"

# Programme evidence a single case is held against (see data/instellingen.yaml for sources).
PROGRAMMA_VERHOUDING = Decimal("1.90")  # Van Overleven naar Leven: 1 : 1,90


class Invoerfout(ValueError):
    """Invalid input, with the field it concerns (e.g. `huidig_pad[2].kans`)."""

    def __init__(self, melding: str, *, veld: str):
        super().__init__(melding)
        self.melding = melding
        self.veld = veld


def organisatie(betaler: str) -> str:
    """The organisation behind a payer: the gemeente's own budgets are one organisation."""
    return GEMEENTE if betaler.startswith("gemeente_") else betaler


# --- input ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kengetal:
    """A unit cost as the calculator uses it: already brought to the calculation's price level."""

    code: str
    omschrijving: str
    bedrag: Decimal
    betaler: str
    waardetype: str = "fiscaal"
    betrouwbaarheid: str = "D"
    eenheid: str = "per_keer"
    laag: Decimal | None = None
    hoog: Decimal | None = None
    in_geld: bool = True
    # A transfer (e.g. the bijstand benefit): money moves from the payer to this party; no
    # resources are used, so the welfare view nets it out.
    overdracht_aan: str = ""


@dataclass(frozen=True)
class Regel:
    """kengetal x aantal x kans, in one year of the horizon (year 1 is the first year).

    `kans_betrouwbaarheid` grades the ground for the probability (A measured or decided, B a
    national reference class, C regional figures or the team's judgement, D one professional's
    guess); empty means A for a certain line (kans 1) and D otherwise. A `sleutel` line happens
    only if the key event happens: its kans is the chance given that event.
    """

    kengetal: Kengetal
    aantal: Decimal = EEN
    kans: Decimal = EEN
    jaar: int = 1
    deadweight: Decimal = NUL  # dropped: it duplicated the kans; only 0 is accepted
    toelichting: str = ""
    veld: str = ""  # where the line came from in the input, for error messages
    kans_betrouwbaarheid: str = ""
    sleutel: bool = False


@dataclass(frozen=True)
class Sleutelkans:
    """The key event the case turns on (e.g. "uithuiszetting"), with its probability in each
    scenario; the doorbraak's probability is the residual risk."""

    omschrijving: str
    huidig_pad: Decimal
    doorbraak: Decimal = NUL
    betrouwbaarheid: str = "D"


@dataclass(frozen=True)
class EigenKosten:
    """A cost of the doorbraak itself (the requested amount, extra support), paid up front.

    A payment to another party (`ontvanger`, e.g. the corporation's bill) is a transfer: that
    party gains what the gemeente pays. A loan (`vorm` "lening") is repaid for the expected share
    `terugbetaald`, evenly over `aflossingsjaren` from its year (within the horizon only), and
    costs `administratiekosten` to run.
    """

    omschrijving: str
    bedrag: Decimal
    jaar: int = 1
    betaler: str = "gemeente_doorbraakbudget"
    betrouwbaarheid: str = "A"
    waardetype: str = "fiscaal"
    veld: str = ""
    vorm: str = "gift"
    ontvanger: str = ""
    terugbetaald: Decimal = NUL
    terugbetaling_betrouwbaarheid: str = "C"
    aflossingsjaren: int = 1
    administratiekosten: Decimal = NUL


def _standaard_opslag() -> dict[str, Decimal]:
    return {"A": Decimal("0"), "B": Decimal("0.10"), "C": Decimal("0.25"), "D": Decimal("0.50")}


def _standaard_kansopslag() -> dict[str, Decimal]:
    return {"A": Decimal("0"), "B": Decimal("0.10"), "C": Decimal("0.25"), "D": Decimal("0.40")}


@dataclass(frozen=True)
class Instellingen:
    horizon_jaren: int = 3
    discontovoet: Decimal = Decimal("0.0225")
    optimisme_opslag: Mapping[str, Decimal] = field(default_factory=_standaard_opslag)
    kans_opslag: Mapping[str, Decimal] = field(default_factory=_standaard_kansopslag)


@dataclass(frozen=True)
class Invoer:
    huidig_pad: Sequence[Regel]
    doorbraak: Sequence[Regel]
    eigen_kosten: Sequence[EigenKosten] = ()
    instellingen: Instellingen = field(default_factory=Instellingen)
    sleutelkans: Sleutelkans | None = None


# --- output --------------------------------------------------------------------------------


Soort = Literal["regel", "eigen_kosten", "aflossing", "administratie"]


@dataclass(frozen=True)
class Post:
    """One computed line of a scenario."""

    scenario: Scenario
    soort: Soort
    code: str
    omschrijving: str
    betaler: str
    waardetype: str
    betrouwbaarheid: str
    jaar: int
    aantal: Decimal
    kans: Decimal  # the probability used: the line's own times the key event's, if it hangs on it
    eenheidsbedrag: Decimal
    bedrag: Decimal  # optimistic reading (face value)
    voorzichtig: Decimal  # central estimate: corrected for optimism bias
    laag: Decimal  # least favourable for the doorbraak (unit cost and probability)
    hoog: Decimal  # most favourable
    contante_waarde: Decimal  # of `bedrag`
    deadweight: Decimal
    in_geld: bool
    toelichting: str = ""
    prijssleutel: tuple = ()  # lines with the same key share one unit cost
    # amount at (low price, low kans), (low price, high kans), (high price, low kans), (high, high)
    band: tuple[Decimal, ...] = ()
    kans_betrouwbaarheid: str = "A"
    sleutel: bool = False
    overdracht_aan: str = ""  # a transfer to this party ("" = resources used)


@dataclass(frozen=True)
class Scenariototaal:
    totaal: Decimal
    contante_waarde: Decimal
    per_jaar: tuple[tuple[int, Decimal], ...]
    per_betaler: tuple[tuple[str, Decimal], ...]
    per_waardetype: tuple[tuple[str, Decimal], ...]


@dataclass(frozen=True)
class Betalersaldo:
    betaler: str
    huidig_pad: Decimal
    doorbraak: Decimal
    saldo: Decimal  # positive: this payer is better off with the doorbraak


@dataclass(frozen=True)
class Jaarsaldo:
    jaar: int
    huidig_pad: Decimal
    doorbraak: Decimal
    saldo: Decimal
    contante_waarde: Decimal


@dataclass(frozen=True)
class Waardesaldo:
    waardetype: str
    huidig_pad: Decimal
    doorbraak: Decimal
    saldo: Decimal


@dataclass(frozen=True)
class Lezing:
    """One reading (optimistic or central) of the whole calculation."""

    huidig_pad: Scenariototaal
    doorbraak: Scenariototaal
    saldo: Decimal
    contante_waarde: Decimal
    terugverdientijd_maanden: int | None
    per_betaler: tuple[Betalersaldo, ...]


@dataclass(frozen=True)
class Bandbreedte:
    """Low/high band: unit costs over their ranges and probabilities over their grade's spread;
    it always contains both readings."""

    huidig_pad_laag: Decimal
    huidig_pad_hoog: Decimal
    doorbraak_laag: Decimal
    doorbraak_hoog: Decimal
    saldo_laag: Decimal  # least favourable for the doorbraak
    saldo_hoog: Decimal  # most favourable


@dataclass(frozen=True)
class VerkeerdeZak:
    """The wrong-pocket view: which organisation pays for the doorbraak and which gains."""

    betalers: tuple[tuple[str, Decimal], ...]  # net cost to each organisation, largest first
    winnaars: tuple[tuple[str, Decimal], ...]  # net gain of each organisation, largest first
    verkeerde_zak: bool  # the biggest payer is not the biggest gainer


@dataclass(frozen=True)
class Perspectief:
    """One point of view on the central estimate, with its ratio 1 : x (x = avoided costs per
    euro the doorbraak costs in this view; None when the doorbraak costs nothing here)."""

    code: str  # "gemeente", "organisaties", "welvaart"
    huidig_pad: Decimal
    doorbraak: Decimal
    saldo: Decimal
    verhouding: Decimal | None


@dataclass(frozen=True)
class Omslagpunt:
    """The switching value: the probability of the key event (or, without one, the share of the
    avoided costs that must really occur) at which the central saldo is zero.

    `kans` is None when the doorbraak pays off even at probability 0 (`altijd`) or not even at
    probability 1 (`nooit`).
    """

    soort: Literal["sleutelkans", "aandeel"]
    omschrijving: str
    kans: Decimal | None
    altijd: bool
    nooit: bool
    saldo: Decimal  # the central saldo at `kans` (0 within a cent)
    ingevuld: Decimal | None  # the probability entered, to compare


@dataclass(frozen=True)
class Uitkomst:
    horizon_jaren: int
    discontovoet: Decimal
    huidig_pad: Scenariototaal
    doorbraak: Scenariototaal
    saldo: Decimal
    contante_waarde: Decimal
    terugverdientijd_maanden: int | None
    per_betaler: tuple[Betalersaldo, ...]
    per_jaar: tuple[Jaarsaldo, ...]
    per_waardetype: tuple[Waardesaldo, ...]
    bandbreedte: Bandbreedte
    verkeerde_zak: VerkeerdeZak
    optimistisch: Lezing
    centraal: Lezing  # the central estimate (the headline): optimism bias corrected
    posten: tuple[Post, ...]
    beschreven_effecten: tuple[str, ...]
    perspectieven: tuple[Perspectief, ...] = ()
    per_organisatie: tuple[Betalersaldo, ...] = ()
    omslagpunt: Omslagpunt | None = None
    waarschuwingen: tuple[str, ...] = ()
    sleutelkans: Sleutelkans | None = None

    @property
    def voorzichtig(self) -> Lezing:
        """Old name of `centraal` (kept for callers): there is no separate cautious reading."""
        return self.centraal


# --- validation ----------------------------------------------------------------------------


def valideer(invoer: Invoer) -> None:
    """Raise `Invoerfout` naming the field for input the calculation cannot take."""
    inst = invoer.instellingen
    if not 1 <= inst.horizon_jaren <= MAX_HORIZON_JAREN:
        raise Invoerfout(
            f"De horizon is 1 tot en met {MAX_HORIZON_JAREN} jaar.", veld="horizon_jaren"
        )
    if not NUL <= inst.discontovoet < EEN:
        raise Invoerfout(
            "De discontovoet ligt tussen 0 en 1 (0,0225 = 2,25%).", veld="discontovoet"
        )
    for naam, tabel in (
        ("optimisme_opslag", inst.optimisme_opslag),
        ("kans_opslag", inst.kans_opslag),
    ):
        for graad in sorted(set(tabel) - set(BETROUWBAARHEDEN)):
            raise Invoerfout("Kies betrouwbaarheid A, B, C of D.", veld=f"{naam}.{graad}")
        for graad in BETROUWBAARHEDEN:
            opslag = tabel.get(graad)
            if opslag is None or not NUL <= opslag <= EEN:
                raise Invoerfout(
                    f"De opslag voor betrouwbaarheid {graad} ligt tussen 0 en 1.",
                    veld=f"{naam}.{graad}",
                )
    if invoer.sleutelkans is not None:
        s = invoer.sleutelkans
        if not s.omschrijving.strip():
            raise Invoerfout(
                "Noem de gebeurtenis waar het om draait (bijvoorbeeld uithuiszetting).",
                veld="sleutelkans.omschrijving",
            )
        for veld, kans in (("huidig_pad", s.huidig_pad), ("doorbraak", s.doorbraak)):
            if not NUL <= kans <= EEN:
                raise Invoerfout(
                    "De kans ligt tussen 0 en 1 (0,6 = 60%).", veld=f"sleutelkans.{veld}"
                )
        if s.betrouwbaarheid not in BETROUWBAARHEDEN:
            raise Invoerfout(
                "Kies betrouwbaarheid A, B, C of D.", veld="sleutelkans.betrouwbaarheid"
            )
    for scenario, regels in ((HUIDIG_PAD, invoer.huidig_pad), (DOORBRAAK, invoer.doorbraak)):
        for i, regel in enumerate(regels):
            veld = regel.veld or f"{scenario}[{i}]"
            _valideer_regel(regel, veld, inst.horizon_jaren)
            if regel.sleutel and invoer.sleutelkans is None:
                raise Invoerfout(
                    "Deze regel hangt af van de sleutelgebeurtenis; vul die eerst in.",
                    veld=f"{veld}.sleutel",
                )
    for i, kosten in enumerate(invoer.eigen_kosten):
        _valideer_eigen_kosten(kosten, kosten.veld or f"doorbraak_kosten[{i}]", inst.horizon_jaren)


def _valideer_regel(regel: Regel, veld: str, horizon: int) -> None:
    k = regel.kengetal
    if k.bedrag < 0:
        raise Invoerfout("Een bedrag kan niet negatief zijn.", veld=f"{veld}.bedrag")
    if regel.aantal < 0:
        raise Invoerfout("Het aantal kan niet negatief zijn.", veld=f"{veld}.aantal")
    if not NUL <= regel.kans <= EEN:
        raise Invoerfout("De kans ligt tussen 0 en 1 (0,6 = 60%).", veld=f"{veld}.kans")
    _valideer_jaar(regel.jaar, f"{veld}.jaar", horizon)
    if regel.deadweight:
        raise Invoerfout(
            "Deadweight is vervallen: het viel samen met de kans. Verwerk wat ook zonder "
            "doorbraak niet was gebeurd in de kans van de regel.",
            veld=f"{veld}.deadweight",
        )
    if k.waardetype not in WAARDETYPEN:
        raise Invoerfout("Kies fiscaal, economisch of sociaal.", veld=f"{veld}.waardetype")
    if k.betrouwbaarheid not in BETROUWBAARHEDEN:
        raise Invoerfout("Kies betrouwbaarheid A, B, C of D.", veld=f"{veld}.betrouwbaarheid")
    if regel.kans_betrouwbaarheid not in ("", *BETROUWBAARHEDEN):
        raise Invoerfout("Kies betrouwbaarheid A, B, C of D.", veld=f"{veld}.kans_betrouwbaarheid")


def _valideer_eigen_kosten(kosten: EigenKosten, veld: str, horizon: int) -> None:
    if kosten.bedrag < 0:
        raise Invoerfout("Een bedrag kan niet negatief zijn.", veld=f"{veld}.bedrag")
    _valideer_jaar(kosten.jaar, f"{veld}.jaar", horizon)
    if kosten.betrouwbaarheid not in BETROUWBAARHEDEN:
        raise Invoerfout("Kies betrouwbaarheid A, B, C of D.", veld=f"{veld}.betrouwbaarheid")
    if kosten.vorm not in VORMEN:
        raise Invoerfout("Kies gift of lening.", veld=f"{veld}.vorm")
    if kosten.vorm == "gift" and kosten.terugbetaald:
        raise Invoerfout("Alleen een lening wordt terugbetaald.", veld=f"{veld}.terugbetaald")
    if not NUL <= kosten.terugbetaald <= EEN:
        raise Invoerfout(
            "Het deel dat naar verwachting terugkomt ligt tussen 0 en 1.",
            veld=f"{veld}.terugbetaald",
        )
    if kosten.terugbetaling_betrouwbaarheid not in BETROUWBAARHEDEN:
        raise Invoerfout(
            "Kies betrouwbaarheid A, B, C of D.", veld=f"{veld}.terugbetaling_betrouwbaarheid"
        )
    if not 1 <= kosten.aflossingsjaren <= MAX_HORIZON_JAREN:
        raise Invoerfout(
            f"De lening wordt in 1 tot en met {MAX_HORIZON_JAREN} jaar afgelost.",
            veld=f"{veld}.aflossingsjaren",
        )
    if kosten.administratiekosten < 0:
        raise Invoerfout("Een bedrag kan niet negatief zijn.", veld=f"{veld}.administratiekosten")


def _valideer_jaar(jaar: int, veld: str, horizon: int) -> None:
    if not 1 <= jaar <= horizon:
        raise Invoerfout(
            f"Kies een jaar binnen de horizon: 1 tot en met {horizon}.",
            veld=veld,
        )


# --- calculation ---------------------------------------------------------------------------


def bereken(invoer: Invoer) -> Uitkomst:
    """Validate the input and compute both readings, the band, the perspectives and the
    switching value."""
    valideer(invoer)
    inst = invoer.instellingen
    posten = _posten(invoer)
    optimistisch = _lezing(posten, inst, lambda p: p.bedrag)
    centraal = _lezing(posten, inst, lambda p: p.voorzichtig)
    huidig = centraal.huidig_pad
    doorbraak = centraal.doorbraak
    per_organisatie = _per_organisatie(posten, lambda p: p.voorzichtig)
    return Uitkomst(
        horizon_jaren=inst.horizon_jaren,
        discontovoet=inst.discontovoet,
        huidig_pad=huidig,
        doorbraak=doorbraak,
        saldo=centraal.saldo,
        contante_waarde=centraal.contante_waarde,
        terugverdientijd_maanden=centraal.terugverdientijd_maanden,
        per_betaler=centraal.per_betaler,
        per_jaar=_per_jaar(posten, inst),
        per_waardetype=_per_waardetype(huidig, doorbraak),
        bandbreedte=_bandbreedte(posten, optimistisch, centraal),
        verkeerde_zak=_verkeerde_zak(per_organisatie),
        optimistisch=optimistisch,
        centraal=centraal,
        posten=posten,
        beschreven_effecten=tuple(
            f"{p.omschrijving}{f' ({p.toelichting})' if p.toelichting else ''}"
            for p in posten
            if not p.in_geld
        ),
        perspectieven=_perspectieven(posten, per_organisatie),
        per_organisatie=per_organisatie,
        omslagpunt=omslagpunt(invoer),
        waarschuwingen=_waarschuwingen(invoer, centraal),
        sleutelkans=invoer.sleutelkans,
    )


def rond(bedrag: Decimal) -> Decimal:
    """Round half up to the cent (the one rounding rule of the project)."""
    return bedrag.quantize(CENT, ROUND_HALF_UP)


def disconteer(bedrag: Decimal, jaar: int, discontovoet: Decimal) -> Decimal:
    """Present value of an amount in year `jaar`: year 1 as is, year n divided by (1+r)^(n-1)."""
    return rond(bedrag / (EEN + discontovoet) ** (jaar - 1))


def verhouding(huidig_pad: Decimal, doorbraak: Decimal) -> Decimal | None:
    """x in "1 : x": avoided costs per euro of the doorbraak, to two decimals (half up)."""
    if doorbraak <= 0:
        return None
    return (huidig_pad / doorbraak).quantize(CENT, ROUND_HALF_UP)


def _posten(
    invoer: Invoer, *, sleutel_huidig: Decimal | None = None, schaal: Decimal | None = None
) -> tuple[Post, ...]:
    """Every line of both scenarios. `sleutel_huidig` replaces the key event's probability on
    the current path and takes it at face value; `schaal` multiplies the avoided part of every
    cost on the current path (both are used only to find the switching value).

    What a line *is* comes from the estimate as entered, whatever is varied: whether it is
    certain, and so which share of it the other scenario has too (made anyway) and whether its
    probability is corrected for optimism. Varying a probability only moves the amounts, so the
    saldo moves smoothly with it and the estimate itself is one point on that line."""
    inst = invoer.instellingen
    regels = [
        *((HUIDIG_PAD, r) for r in invoer.huidig_pad),
        *((DOORBRAAK, r) for r in invoer.doorbraak),
    ]
    sleutel = invoer.sleutelkans
    geschat: list[Decimal] = []
    kansen: list[tuple[Decimal, tuple[str, ...]]] = []
    for scenario, r in regels:
        kans, grades = r.kans, [_kansgraad(r)]
        if r.sleutel and sleutel is not None:
            geschat.append(
                kans * (sleutel.huidig_pad if scenario == HUIDIG_PAD else sleutel.doorbraak)
            )
            if scenario == HUIDIG_PAD and sleutel_huidig is not None:
                kans *= sleutel_huidig
            else:
                kans = geschat[-1]
                grades.append(sleutel.betrouwbaarheid)
        else:
            geschat.append(kans)
        kansen.append((kans, tuple(grades)))
    gedeeld = _gedeelde_aandelen(regels, geschat)
    posten = [
        _post(scenario, r, inst, kans, grades, deel, zeker=schatting == EEN,
              vermeden=schaal if scenario == HUIDIG_PAD else None)
        for (scenario, r), (kans, grades), deel, schatting
        in zip(regels, kansen, gedeeld, geschat, strict=True)
    ]  # fmt: skip
    for k in invoer.eigen_kosten:
        posten.extend(_eigen_posten(k, inst))
    return tuple(posten)


def _kansgraad(r: Regel) -> str:
    if r.kans_betrouwbaarheid:
        return r.kans_betrouwbaarheid
    return "A" if r.kans == EEN else "D"


def _prijssleutel(k: Kengetal) -> tuple:
    """Lines with this key use the same unit cost (and range) for the same payer."""
    return ("regel", k.code, k.omschrijving, k.betaler, k.bedrag, k.laag, k.hoog)


def _gedeelde_aandelen(
    regels: Sequence[tuple[Scenario, Regel]], kansen: Sequence[Decimal]
) -> list[Decimal]:
    """Per certain line (kans 1), the share of its amount that the other scenario has too (same
    unit cost, payer and year): such costs are made whatever happens (a helper who stays), so the
    corrections for optimism leave them be."""
    totaal: dict[tuple, Decimal] = {}
    for (scenario, r), kans in zip(regels, kansen, strict=True):
        if kans != EEN:  # an uncertain line (a risk, a residual risk) is never "made anyway"
            continue
        sleutel = (scenario, *_prijssleutel(r.kengetal), r.jaar)
        totaal[sleutel] = totaal.get(sleutel, NUL) + r.kengetal.bedrag * r.aantal
    aandelen = []
    for (scenario, r), kans in zip(regels, kansen, strict=True):
        if kans != EEN:
            aandelen.append(NUL)
            continue
        ander = DOORBRAAK if scenario == HUIDIG_PAD else HUIDIG_PAD
        eigen = totaal[(scenario, *_prijssleutel(r.kengetal), r.jaar)]
        gedeeld = min(eigen, totaal.get((ander, *_prijssleutel(r.kengetal), r.jaar), NUL))
        aandelen.append(gedeeld / eigen if eigen else NUL)
    return aandelen


def _factor(scenario: Scenario, opslagen: Iterable[Decimal]) -> Decimal:
    """Central correction: avoided costs (huidig pad) shrink, the doorbraak's costs grow."""
    factor = EEN
    for opslag in opslagen:
        factor *= (EEN - opslag) if scenario == HUIDIG_PAD else (EEN + opslag)
    return factor


def _spreiding(kans: Decimal, opslag: Decimal, omhoog: bool) -> Decimal:
    """A probability at the edge of its grade's spread (relative), kept within 0..1."""
    if kans in (EEN, NUL):
        return kans
    return min(EEN, kans * (EEN + opslag)) if omhoog else kans * (EEN - opslag)


def _post(
    scenario: Scenario,
    regel: Regel,
    inst: Instellingen,
    kans: Decimal,
    grades: tuple[str, ...],
    gedeeld: Decimal,
    *,
    zeker: bool,
    vermeden: Decimal | None = None,
) -> Post:
    """One line. `zeker`: the line is certain as estimated (no correction of its probability);
    `vermeden` multiplies the part of its central amount that the other scenario does not
    have (the switching value's share of the avoided costs)."""
    k = regel.kengetal
    volume = regel.aantal * kans
    # One correction per input: the unit cost, and the probability (a chain of probabilities,
    # the line's own and the key event's, is as weak as its weakest ground).
    kansopslag = [] if zeker else [max(inst.kans_opslag[g] for g in grades)]
    factor = _factor(scenario, [inst.optimisme_opslag[k.betrouwbaarheid], *kansopslag])
    if vermeden is not None:
        factor *= vermeden
    centraal = k.bedrag * volume * (gedeeld + (EEN - gedeeld) * factor)
    # The band: probabilities at the edge of their spread, unit costs at the edge of their range.
    spreid = max([NUL, *kansopslag])
    kansen = (_spreiding(kans, spreid, omhoog=False), _spreiding(kans, spreid, omhoog=True))
    prijzen = (
        k.laag if k.laag is not None else k.bedrag,
        k.hoog if k.hoog is not None else k.bedrag,
    )
    band = tuple(rond(prijs * regel.aantal * kk) for prijs in prijzen for kk in kansen)
    bedrag = rond(k.bedrag * volume)
    return Post(
        scenario=scenario,
        soort="regel",
        code=k.code,
        omschrijving=k.omschrijving,
        betaler=k.betaler,
        waardetype=k.waardetype,
        betrouwbaarheid=k.betrouwbaarheid,
        jaar=regel.jaar,
        aantal=regel.aantal,
        kans=kans,
        eenheidsbedrag=k.bedrag,
        bedrag=bedrag,
        voorzichtig=rond(centraal),
        laag=min(band),
        hoog=max(band),
        contante_waarde=disconteer(bedrag, regel.jaar, inst.discontovoet),
        deadweight=NUL,
        in_geld=k.in_geld,
        toelichting=regel.toelichting,
        prijssleutel=_prijssleutel(k),
        band=band,
        kans_betrouwbaarheid=grades[0],
        sleutel=regel.sleutel,
        overdracht_aan=k.overdracht_aan,
    )


def _eigen_posten(kosten: EigenKosten, inst: Instellingen) -> list[Post]:
    """The doorbraak's own cost; for a loan also the expected repayments (income) and the
    administration."""
    bedrag = rond(kosten.bedrag)
    opslag = inst.optimisme_opslag[kosten.betrouwbaarheid]
    lening = kosten.vorm == "lening"
    overdracht = kosten.ontvanger or (HUISHOUDEN if lening else "")

    def post(soort: Soort, omschrijving: str, jaar: int, optimistisch: Decimal, centraal: Decimal,
             betrouwbaarheid: str, naar: str) -> Post:  # fmt: skip
        return Post(
            scenario=DOORBRAAK,
            soort=soort,
            code="doorbraak_kosten",
            omschrijving=omschrijving,
            betaler=kosten.betaler,
            waardetype=kosten.waardetype,
            betrouwbaarheid=betrouwbaarheid,
            jaar=jaar,
            aantal=EEN,
            kans=EEN,
            eenheidsbedrag=optimistisch,
            bedrag=optimistisch,
            voorzichtig=centraal,
            laag=min(centraal, optimistisch),
            hoog=max(centraal, optimistisch),
            contante_waarde=disconteer(optimistisch, jaar, inst.discontovoet),
            deadweight=NUL,
            in_geld=True,
            prijssleutel=(soort, omschrijving, kosten.betaler, jaar, optimistisch),
            overdracht_aan=naar,
        )

    posten = [
        post("eigen_kosten", kosten.omschrijving, kosten.jaar, bedrag,
             rond(bedrag * (EEN + opslag)), kosten.betrouwbaarheid, overdracht)
    ]  # fmt: skip
    if not lening:
        return posten
    if kosten.administratiekosten:
        admin = rond(kosten.administratiekosten)
        posten.append(
            post("administratie", f"Administratie van de lening: {kosten.omschrijving}",
                 kosten.jaar, admin, admin, "A", "")
        )  # fmt: skip
    laatste = min(kosten.jaar + kosten.aflossingsjaren - 1, inst.horizon_jaren)
    per_jaar = kosten.bedrag * kosten.terugbetaald / kosten.aflossingsjaren
    afslag = EEN - inst.kans_opslag[kosten.terugbetaling_betrouwbaarheid]
    for jaar in range(kosten.jaar, laatste + 1):
        if per_jaar:
            posten.append(
                post("aflossing", f"Verwachte aflossing: {kosten.omschrijving}", jaar,
                     -rond(per_jaar), -rond(per_jaar * afslag),
                     kosten.terugbetaling_betrouwbaarheid, HUISHOUDEN)
            )  # fmt: skip
    return posten


def _som(bedragen: Iterable[Decimal]) -> Decimal:
    return sum(bedragen, NUL.quantize(CENT))


def _groepeer(posten: Iterable[Post], sleutel, waarde) -> dict:
    uit: dict = {}
    for p in posten:
        uit[sleutel(p)] = uit.get(sleutel(p), NUL.quantize(CENT)) + waarde(p)
    return uit


def _scenariototaal(posten: Sequence[Post], inst: Instellingen, waarde) -> Scenariototaal:
    per_jaar = _groepeer(posten, lambda p: p.jaar, waarde)
    return Scenariototaal(
        totaal=_som(waarde(p) for p in posten),
        contante_waarde=_som(disconteer(waarde(p), p.jaar, inst.discontovoet) for p in posten),
        per_jaar=tuple(
            (jaar, per_jaar.get(jaar, NUL.quantize(CENT)))
            for jaar in range(1, inst.horizon_jaren + 1)
        ),
        per_betaler=tuple(sorted(_groepeer(posten, lambda p: p.betaler, waarde).items())),
        per_waardetype=tuple(
            (w, _som(waarde(p) for p in posten if p.waardetype == w)) for w in WAARDETYPEN
        ),
    )


def _lezing(posten: Sequence[Post], inst: Instellingen, waarde) -> Lezing:
    huidig = [p for p in posten if p.scenario == HUIDIG_PAD]
    doorbraak = [p for p in posten if p.scenario == DOORBRAAK]
    huidig_totaal = _scenariototaal(huidig, inst, waarde)
    doorbraak_totaal = _scenariototaal(doorbraak, inst, waarde)
    return Lezing(
        huidig_pad=huidig_totaal,
        doorbraak=doorbraak_totaal,
        saldo=huidig_totaal.totaal - doorbraak_totaal.totaal,
        contante_waarde=huidig_totaal.contante_waarde - doorbraak_totaal.contante_waarde,
        terugverdientijd_maanden=terugverdientijd(posten, inst.horizon_jaren, waarde),
        per_betaler=_per_betaler(huidig_totaal, doorbraak_totaal),
    )


def _per_betaler(huidig: Scenariototaal, doorbraak: Scenariototaal) -> tuple[Betalersaldo, ...]:
    h, d = dict(huidig.per_betaler), dict(doorbraak.per_betaler)
    nul = NUL.quantize(CENT)
    return tuple(
        Betalersaldo(b, h.get(b, nul), d.get(b, nul), h.get(b, nul) - d.get(b, nul))
        for b in sorted(set(h) | set(d))
    )


def _per_organisatie(posten: Sequence[Post], waarde) -> tuple[Betalersaldo, ...]:
    """Per organisation, with every transfer on both sides: what the payer pays, the receiver
    gains (in the same scenario). The rows add up to the welfare view."""
    nul = NUL.quantize(CENT)
    rijen: dict[str, list[Decimal]] = {}
    for p in posten:
        kolom = 0 if p.scenario == HUIDIG_PAD else 1
        rijen.setdefault(organisatie(p.betaler), [nul, nul])[kolom] += waarde(p)
        if p.overdracht_aan:
            rijen.setdefault(organisatie(p.overdracht_aan), [nul, nul])[kolom] -= waarde(p)
    return tuple(Betalersaldo(o, h, d, h - d) for o, (h, d) in sorted(rijen.items()) if h or d)


def _perspectieven(
    posten: Sequence[Post], per_organisatie: Sequence[Betalersaldo]
) -> tuple[Perspectief, ...]:
    """The gemeente's budget, all organisations (each paying its own bills, transfers gross) and
    welfare (transfers netted: the sum over organisations)."""

    def perspectief(code: str, huidig: Decimal, doorbraak: Decimal) -> Perspectief:
        return Perspectief(
            code, huidig, doorbraak, huidig - doorbraak, verhouding(huidig, doorbraak)
        )

    def som(scenario: Scenario, filter_: Callable[[Post], bool]) -> Decimal:
        return _som(p.voorzichtig for p in posten if p.scenario == scenario and filter_(p))

    gemeente = lambda p: organisatie(p.betaler) == GEMEENTE  # noqa: E731
    alle = lambda p: True  # noqa: E731
    welvaart_h = _som(o.huidig_pad for o in per_organisatie)
    welvaart_d = _som(o.doorbraak for o in per_organisatie)
    return (
        perspectief("gemeente", som(HUIDIG_PAD, gemeente), som(DOORBRAAK, gemeente)),
        perspectief("organisaties", som(HUIDIG_PAD, alle), som(DOORBRAAK, alle)),
        perspectief("welvaart", welvaart_h, welvaart_d),
    )


def _per_jaar(posten: Sequence[Post], inst: Instellingen) -> tuple[Jaarsaldo, ...]:
    uit = []
    for jaar in range(1, inst.horizon_jaren + 1):
        h = [p for p in posten if p.jaar == jaar and p.scenario == HUIDIG_PAD]
        d = [p for p in posten if p.jaar == jaar and p.scenario == DOORBRAAK]
        huidig, doorbraak = _som(p.voorzichtig for p in h), _som(p.voorzichtig for p in d)
        cw = _som(disconteer(p.voorzichtig, jaar, inst.discontovoet) for p in h) - _som(
            disconteer(p.voorzichtig, jaar, inst.discontovoet) for p in d
        )
        uit.append(Jaarsaldo(jaar, huidig, doorbraak, huidig - doorbraak, cw))
    return tuple(uit)


def _per_waardetype(huidig: Scenariototaal, doorbraak: Scenariototaal) -> tuple[Waardesaldo, ...]:
    h, d = dict(huidig.per_waardetype), dict(doorbraak.per_waardetype)
    return tuple(Waardesaldo(w, h[w], d[w], h[w] - d[w]) for w in WAARDETYPEN)


def _bandbreedte(posten: Sequence[Post], optimistisch: Lezing, centraal: Lezing) -> Bandbreedte:
    """Scenario totals at the least and most favourable unit costs and probabilities. A unit
    cost that appears in both scenarios takes one value in both at once (low, central or high,
    whichever is least or most favourable), and the band is widened where needed so it always
    contains the optimistic reading and the central estimate."""
    huidig = [p for p in posten if p.scenario == HUIDIG_PAD]
    doorbraak = [p for p in posten if p.scenario == DOORBRAAK]
    h_laag, h_hoog = _som(p.laag for p in huidig), _som(p.hoog for p in huidig)
    d_laag, d_hoog = _som(p.laag for p in doorbraak), _som(p.hoog for p in doorbraak)
    # per unit cost: [worst at low price, worst at high price, best at low, best at high,
    # optimistic, central]; the worst takes avoided costs at their low and the doorbraak's own
    # risks at their high probability, the best the other way round.
    per_prijs: dict[tuple, list[Decimal]] = {}
    for p in posten:
        rij = per_prijs.setdefault(p.prijssleutel, [NUL] * 6)
        band = p.band or (p.bedrag,) * 4
        ll, lh, hl, hh = band
        if p.scenario == HUIDIG_PAD:
            bijdragen = (ll, hl, lh, hh, p.bedrag, p.voorzichtig)
        else:
            bijdragen = (-lh, -hh, -ll, -hl, -p.bedrag, -p.voorzichtig)
        for i, b in enumerate(bijdragen):
            rij[i] += b
    saldo_laag = _som(min(rij) for rij in per_prijs.values())
    saldo_hoog = _som(max(rij) for rij in per_prijs.values())
    lezingen = (optimistisch, centraal)
    return Bandbreedte(
        huidig_pad_laag=min(h_laag, *(lz.huidig_pad.totaal for lz in lezingen)),
        huidig_pad_hoog=max(h_hoog, *(lz.huidig_pad.totaal for lz in lezingen)),
        doorbraak_laag=min(d_laag, *(lz.doorbraak.totaal for lz in lezingen)),
        doorbraak_hoog=max(d_hoog, *(lz.doorbraak.totaal for lz in lezingen)),
        saldo_laag=min(saldo_laag, *(lz.saldo for lz in lezingen)),
        saldo_hoog=max(saldo_hoog, *(lz.saldo for lz in lezingen)),
    )


def _verkeerde_zak(per_organisatie: Sequence[Betalersaldo]) -> VerkeerdeZak:
    rijen = per_organisatie
    betalers = sorted(((b.betaler, -b.saldo) for b in rijen if b.saldo < 0), key=_grootste)
    winnaars = sorted(((b.betaler, b.saldo) for b in rijen if b.saldo > 0), key=_grootste)
    verkeerd = bool(betalers and winnaars and betalers[0][0] != winnaars[0][0])
    return VerkeerdeZak(tuple(betalers), tuple(winnaars), verkeerd)


def _grootste(paar: tuple[str, Decimal]) -> tuple[Decimal, str]:
    return (-paar[1], paar[0])


# --- the switching value -------------------------------------------------------------------


def centraal_saldo(
    invoer: Invoer, *, sleutel_huidig: Decimal | None = None, schaal: Decimal | None = None
) -> Decimal:
    """The central saldo with the key event's probability on the current path set to
    `sleutel_huidig` (at face value), or the avoided part of every cost on the current path
    multiplied by `schaal` (a cost the doorbraak makes too is made anyway)."""
    posten = _posten(invoer, sleutel_huidig=sleutel_huidig, schaal=schaal)
    return _som(p.voorzichtig if p.scenario == HUIDIG_PAD else -p.voorzichtig for p in posten)


def omslagpunt(invoer: Invoer) -> Omslagpunt:
    """Where the central saldo turns: the key event's probability on the current path (or the
    share of the avoided costs that must occur) at which the doorbraak just pays for itself.

    The saldo rises with that probability (`_posten`: varying it only moves amounts), so
    interpolation and bisection find it. The lowest point found at which the doorbraak pays for
    itself is returned: its saldo is zero or one cent, since the saldo moves in steps of a cent.
    Only where several lines round at the very same point (a step of more than a cent) is the
    point on either side of the step closest to zero returned."""
    valideer(invoer)
    s = invoer.sleutelkans
    heeft_sleutel = s is not None and any(r.sleutel for r in invoer.huidig_pad)
    if heeft_sleutel:
        assert s is not None

        def saldo(p: Decimal) -> Decimal:
            return centraal_saldo(invoer, sleutel_huidig=p)

        soort, omschrijving, ingevuld = "sleutelkans", s.omschrijving, s.huidig_pad
    else:

        def saldo(p: Decimal) -> Decimal:
            return centraal_saldo(invoer, schaal=p)

        soort, omschrijving, ingevuld = "aandeel", "de vermeden kosten", EEN
    bij_nul, bij_een = saldo(NUL), saldo(EEN)
    if bij_nul >= 0:
        return Omslagpunt(soort, omschrijving, None, True, False, bij_nul, ingevuld)
    if bij_een < 0:
        return Omslagpunt(soort, omschrijving, None, False, True, bij_een, ingevuld)
    laag, hoog = NUL, EEN  # saldo(laag) < 0 <= saldo(hoog)
    saldo_laag, saldo_hoog = bij_nul, bij_een
    for stap in range(OMSLAG_STAPPEN):
        if saldo_hoog <= CENT:
            break
        if stap % 2 == 0:  # the saldo is almost linear: interpolate, and bisect in between
            midden = laag + (hoog - laag) * (-saldo_laag) / (saldo_hoog - saldo_laag)
        else:
            midden = (laag + hoog) / 2
        waarde = saldo(midden)
        if waarde < 0:
            laag, saldo_laag = midden, waarde
        else:
            hoog, saldo_hoog = midden, waarde
    if saldo_hoog > CENT and -saldo_laag < saldo_hoog and laag > 0:
        return Omslagpunt(soort, omschrijving, laag, False, False, saldo_laag, ingevuld)
    return Omslagpunt(soort, omschrijving, hoog, False, False, saldo_hoog, ingevuld)


def omslagzin(o: Omslagpunt | None) -> str:
    """The switching value as the one sentence a manager acts on (plain Dutch)."""
    if o is None:
        return ""
    if o.soort == "sleutelkans":
        if o.altijd:
            return (
                f"De doorbraak betaalt zich terug, zelfs als {o.omschrijving} zonder doorbraak "
                "zeker niet zou gebeuren."
            )
        if o.nooit:
            return (
                f"De doorbraak betaalt zich niet terug, ook niet als {o.omschrijving} zonder "
                "doorbraak zeker zou gebeuren."
            )
        if o.kans is not None and o.kans >= EEN:  # the turn lies at certainty itself
            return (
                f"De doorbraak betaalt zich alleen terug als {o.omschrijving} zonder doorbraak "
                f"zeker zou gebeuren (ingeschat: {procent(o.ingevuld)})."
            )
        return (
            f"De doorbraak betaalt zich terug zolang de kans op {o.omschrijving} zonder "
            f"doorbraak boven {procent(o.kans)} ligt (ingeschat: {procent(o.ingevuld)})."
        )
    if o.altijd:
        return "De doorbraak betaalt zich terug, ook als geen van de vermeden kosten optreedt."
    if o.nooit:
        return "De doorbraak betaalt zich niet terug, ook niet als alle vermeden kosten optreden."
    return (
        "De doorbraak betaalt zich terug zolang minstens "
        f"{procent(o.kans)} van de ingeschatte vermeden kosten echt optreedt."
    )


def procent(fractie: Decimal | None, plaatsen: int = 0) -> str:
    """0.0712 → '8%' (rounded up: the switching value is a threshold); Dutch decimal comma."""
    if fractie is None:
        return "—"
    stap = Decimal(1).scaleb(-plaatsen)
    waarde = (fractie * 100).quantize(stap, ROUND_CEILING)
    return f"{waarde:f}%".replace(".", ",")


# --- warnings ------------------------------------------------------------------------------


def _waarschuwingen(invoer: Invoer, centraal: Lezing) -> tuple[str, ...]:
    uit = []
    s = invoer.sleutelkans
    restrisico = any(r.kans < EEN and r.kengetal.in_geld for r in invoer.doorbraak) or (
        s is not None and s.doorbraak > 0 and any(r.sleutel for r in invoer.doorbraak)
    )
    onzeker = any(r.kans < EEN for r in invoer.huidig_pad) or s is not None
    if onzeker and not restrisico:
        uit.append(
            "De doorbraak rekent zonder restrisico: alsof hij zeker slaagt. Neem in de doorbraak "
            "op wat ondanks de doorbraak nog mis kan gaan (bijvoorbeeld een kleine kans op "
            "uithuiszetting of terugval)."
        )
    if centraal.huidig_pad.totaal and not any(r.kans < EEN or r.sleutel for r in invoer.huidig_pad):
        uit.append(
            "Elke regel van het huidig pad heeft kans 1: alles zou zeker gebeuren. Dat is zelden "
            "zo; vul per regel een kans in."
        )
    return tuple(uit)


def plausibiliteit(
    u: Uitkomst,
    *,
    programma_verhouding: Decimal = PROGRAMMA_VERHOUDING,
    factor: Decimal = Decimal("2"),
    plafond_per_jaar: Decimal | None = None,
    gemeente_per_jaar: Decimal | None = None,
) -> tuple[str, ...]:
    """Flags where this case is far above the programme evidence: a ratio more than `factor`
    times the programme's, a current path above the ceiling per year, a gemeente saving per year
    above `factor` times the programme's saving per household."""
    vlaggen = []
    for p in u.perspectieven:
        if p.code == "welvaart" and p.verhouding and p.verhouding > programma_verhouding * factor:
            vlaggen.append(
                f"De verhouding 1 : {_getal_nl(p.verhouding)} is meer dan {_getal_nl(factor)} "
                f"keer de 1 : {_getal_nl(programma_verhouding)} die vergelijkbare programma's "
                "haalden. Kijk de kansen en de vermeden kosten nog eens na."
            )
    jaren = Decimal(u.horizon_jaren)
    if plafond_per_jaar is not None and u.huidig_pad.totaal / jaren > plafond_per_jaar:
        vlaggen.append(
            "Het huidig pad kost per jaar meer dan het hoogste bedrag dat voor een "
            f"multiprobleemhuishouden is genoemd (€ {_getal_nl(plafond_per_jaar)} per jaar)."
        )
    gemeente = next((p for p in u.perspectieven if p.code == "gemeente"), None)
    if (
        gemeente_per_jaar is not None
        and gemeente is not None
        and gemeente.saldo / jaren > gemeente_per_jaar * factor
    ):
        vlaggen.append(
            "De gemeente bespaart volgens deze berekening per jaar meer dan "
            f"{_getal_nl(factor)} keer de € {_getal_nl(gemeente_per_jaar)} per huishouden die "
            "het Sociaal Hospitaal gemiddeld haalde."
        )
    return tuple(vlaggen)


def _getal_nl(waarde: Decimal) -> str:
    tekst = f"{waarde:,.2f}" if waarde != waarde.to_integral() else f"{waarde:,.0f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


# --- payback -------------------------------------------------------------------------------


def terugverdientijd(posten: Sequence[Post], horizon: int, waarde=lambda p: p.bedrag) -> int | None:
    """Simple payback time in whole months, undiscounted; None when not within the horizon.

    0 when the doorbraak never costs more than the huidig pad at any moment.

    The doorbraak's own costs fall at the start of their year; every other line (avoided costs
    of the huidig pad minus the running costs of the doorbraak, repayments of a loan) is spread
    evenly over its year. Counted in twelfths of a euro, so the arithmetic stays exact.
    """
    vooraf = ("eigen_kosten", "administratie")
    eigen = _groepeer((p for p in posten if p.soort in vooraf), lambda p: p.jaar, waarde)
    netto = _groepeer(
        (p for p in posten if p.soort not in vooraf),
        lambda p: p.jaar,
        lambda p: waarde(p) if p.scenario == HUIDIG_PAD else -waarde(p),
    )
    positie = NUL  # cash position x 12
    maand = 0
    ooit_negatief = False
    for jaar in range(1, horizon + 1):
        positie -= MAANDEN_PER_JAAR * eigen.get(jaar, NUL)
        ooit_negatief = ooit_negatief or positie < 0
        for _ in range(MAANDEN_PER_JAAR):
            positie += netto.get(jaar, NUL)
            maand += 1
            if positie < 0:
                ooit_negatief = True
            elif ooit_negatief:
                return maand
    return None if ooit_negatief else 0


def met_sleutelkans(invoer: Invoer, kans: Decimal) -> Invoer:
    """The same input with another probability of the key event on the current path."""
    if invoer.sleutelkans is None:
        return invoer
    return replace(invoer, sleutelkans=replace(invoer.sleutelkans, huidig_pad=kans))


# --- plain-Dutch assumptions ---------------------------------------------------------------


def aannames(inst: Instellingen) -> tuple[str, ...]:
    """The assumptions of a calculation, in plain Dutch, for the page and the PDF."""
    opslagen = ", ".join(f"{g} {_procent(inst.optimisme_opslag[g])}" for g in BETROUWBAARHEDEN)
    kansopslagen = ", ".join(f"{g} {_procent(inst.kans_opslag[g])}" for g in BETROUWBAARHEDEN)
    return (
        f"De berekening kijkt {inst.horizon_jaren} jaar vooruit; jaar 1 is het jaar van de "
        "doorbraak. Latere effecten (bijvoorbeeld op de kinderen) vallen buiten de berekening.",
        "Elke regel is kengetal x aantal x kans, afgerond op hele centen.",
        f"Contante waarde met een discontovoet van {_procent(inst.discontovoet)}: bedragen in "
        "jaar 1 tellen volledig, latere jaren worden teruggerekend met (1 + r) tot de macht "
        "(jaar - 1).",
        "Terugverdientijd: de eigen kosten van de doorbraak vallen aan het begin van hun jaar, "
        "de vermeden en lopende kosten gelijkmatig over het jaar; niet verdisconteerd, en over "
        "alle betalers samen (niet alleen de gemeente).",
        "Centrale schatting (de hoofdlijn): vermeden kosten min een opslag voor optimisme, kosten "
        "van de doorbraak plus die opslag. De opslag hangt af van de betrouwbaarheid van het "
        f"kengetal ({opslagen}) en van de grond onder de kans ({kansopslagen}); een zekere regel "
        "(kans 1) krijgt geen kansopslag.",
        "Optimistische lezing (ter vergelijking): elke regel zoals ingevuld, zonder opslag.",
        "Kosten die in beide scenario's voorkomen (zelfde kengetal, betaler en jaar, zoals een "
        "hulpverlener die blijft) tellen aan beide kanten even zwaar; de opslag geldt alleen "
        "voor het verschil.",
        "Bandbreedte: elk kengetal tussen zijn laagste en hoogste waarde (in beide scenario's "
        "tegelijk) en elke onzekere kans binnen de spreiding van haar betrouwbaarheid; de band "
        "bevat altijd de centrale schatting en de optimistische lezing.",
        "Een lening kost de gemeente het deel dat naar verwachting niet terugkomt plus de "
        "administratie; aflossingen na de horizon tellen niet mee.",
        "Betalingen aan een andere partij (zoals een rekening van de corporatie) en uitkeringen "
        "zijn overdrachten: in de welvaartsblik vallen ze tegen elkaar weg.",
        "Een positief saldo betekent dat de doorbraak goedkoper is dan het huidig pad.",
    )


def _procent(fractie: Decimal) -> str:
    return f"{(fractie * 100).normalize():f}%".replace(".", ",")


# --- JSON ----------------------------------------------------------------------------------


def geld(bedrag: Decimal) -> str:
    return f"{rond(bedrag):.2f}"


def _scenario_dict(s: Scenariototaal) -> dict:
    return {
        "totaal": geld(s.totaal),
        "contante_waarde": geld(s.contante_waarde),
        "per_jaar": [{"jaar": j, "bedrag": geld(b)} for j, b in s.per_jaar],
        "per_betaler": [{"betaler": b, "bedrag": geld(v)} for b, v in s.per_betaler],
        "per_waardetype": [{"waardetype": w, "bedrag": geld(v)} for w, v in s.per_waardetype],
    }


def _betalers_dict(rijen: Sequence[Betalersaldo]) -> list[dict]:
    return [
        {
            "betaler": b.betaler,
            "huidig_pad": geld(b.huidig_pad),
            "doorbraak": geld(b.doorbraak),
            "saldo": geld(b.saldo),
        }
        for b in rijen
    ]


def _lezing_dict(lezing: Lezing) -> dict:
    return {
        "huidig_pad": {"totaal": geld(lezing.huidig_pad.totaal)},
        "doorbraak": {"totaal": geld(lezing.doorbraak.totaal)},
        "saldo": geld(lezing.saldo),
        "contante_waarde": geld(lezing.contante_waarde),
        "terugverdientijd_maanden": lezing.terugverdientijd_maanden,
        "per_betaler": _betalers_dict(lezing.per_betaler),
    }


def _getal(waarde: Decimal) -> str:
    return f"{waarde.normalize():f}"


def naar_dict(u: Uitkomst) -> dict:
    """The result as JSON-ready data: money as strings with two decimals."""
    b = u.bandbreedte
    return {
        "horizon_jaren": u.horizon_jaren,
        "discontovoet": _getal(u.discontovoet),
        "huidig_pad": _scenario_dict(u.huidig_pad),
        "doorbraak": _scenario_dict(u.doorbraak),
        "saldo": geld(u.saldo),
        "contante_waarde": geld(u.contante_waarde),
        "terugverdientijd_maanden": u.terugverdientijd_maanden,
        "per_betaler": _betalers_dict(u.per_betaler),
        "per_jaar": [
            {
                "jaar": j.jaar,
                "huidig_pad": geld(j.huidig_pad),
                "doorbraak": geld(j.doorbraak),
                "saldo": geld(j.saldo),
                "contante_waarde": geld(j.contante_waarde),
            }
            for j in u.per_jaar
        ],
        "per_waardetype": [
            {
                "waardetype": w.waardetype,
                "huidig_pad": geld(w.huidig_pad),
                "doorbraak": geld(w.doorbraak),
                "saldo": geld(w.saldo),
            }
            for w in u.per_waardetype
        ],
        "bandbreedte": {
            "huidig_pad": {"laag": geld(b.huidig_pad_laag), "hoog": geld(b.huidig_pad_hoog)},
            "doorbraak": {"laag": geld(b.doorbraak_laag), "hoog": geld(b.doorbraak_hoog)},
            "saldo": {"laag": geld(b.saldo_laag), "hoog": geld(b.saldo_hoog)},
        },
        "verkeerde_zak": {
            "betalers": [{"betaler": n, "bedrag": geld(v)} for n, v in u.verkeerde_zak.betalers],
            "winnaars": [{"betaler": n, "bedrag": geld(v)} for n, v in u.verkeerde_zak.winnaars],
            "verkeerde_zak": u.verkeerde_zak.verkeerde_zak,
        },
        "lezingen": {
            # Two readings, not three: the central estimate (the headline, also `saldo`) and
            # the optimistic side figure, plus the band around the saldo that contains both.
            "centraal": _lezing_dict(u.centraal),
            "optimistisch": _lezing_dict(u.optimistisch),
            "band": {"laag": geld(b.saldo_laag), "hoog": geld(b.saldo_hoog)},
        },
        "posten": [
            {
                "scenario": p.scenario,
                "soort": p.soort,
                "kengetal": p.code,
                "omschrijving": p.omschrijving,
                "betaler": p.betaler,
                "waardetype": p.waardetype,
                "betrouwbaarheid": p.betrouwbaarheid,
                "jaar": p.jaar,
                "aantal": _getal(p.aantal),
                "kans": _getal(p.kans),
                "eenheidsbedrag": geld(p.eenheidsbedrag),
                "bedrag": geld(p.bedrag),
                "centraal": geld(p.voorzichtig),
                "laag": geld(p.laag),
                "hoog": geld(p.hoog),
                "contante_waarde": geld(p.contante_waarde),
                "deadweight": _getal(p.deadweight),
                "in_geld": p.in_geld,
                "toelichting": p.toelichting,
                "kans_betrouwbaarheid": p.kans_betrouwbaarheid,
                "sleutel": p.sleutel,
                "overdracht_aan": p.overdracht_aan,
            }
            for p in u.posten
        ],
        "beschreven_effecten": list(u.beschreven_effecten),
        "saldo_optimistisch": geld(u.optimistisch.saldo),
        "perspectieven": [
            {
                "perspectief": p.code,
                "huidig_pad": geld(p.huidig_pad),
                "doorbraak": geld(p.doorbraak),
                "saldo": geld(p.saldo),
                "verhouding": None if p.verhouding is None else _getal(p.verhouding),
            }
            for p in u.perspectieven
        ],
        "per_organisatie": _betalers_dict(u.per_organisatie),
        "omslagpunt": _omslag_dict(u.omslagpunt),
        "sleutelkans": None
        if u.sleutelkans is None
        else {
            "omschrijving": u.sleutelkans.omschrijving,
            "huidig_pad": _getal(u.sleutelkans.huidig_pad),
            "doorbraak": _getal(u.sleutelkans.doorbraak),
            "betrouwbaarheid": u.sleutelkans.betrouwbaarheid,
        },
        "waarschuwingen": list(u.waarschuwingen),
    }


def _omslag_dict(o: Omslagpunt | None) -> dict | None:
    if o is None:
        return None
    return {
        "soort": o.soort,
        "omschrijving": o.omschrijving,
        "kans": None
        if o.kans is None
        else _getal(o.kans.quantize(Decimal("0.0001"), ROUND_CEILING)),
        "altijd": o.altijd,
        "nooit": o.nooit,
        "ingevuld": None if o.ingevuld is None else _getal(o.ingevuld),
        "zin": omslagzin(o),
    }
