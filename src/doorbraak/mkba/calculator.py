"""The cost-benefit calculator: "doormodderen versus doorbreken" for one household.

Plain Python: no Django import anywhere in this module (a test guards that), so it is fast,
property-testable and usable from the command line.

Two scenarios over a horizon of whole years: the *huidig pad* (what happens if nothing breaks
through) and the *doorbraak*. Each is a list of lines, a line being a unit cost (kengetal) times a
quantity times a probability in one year of the horizon; the doorbraak also carries its own costs
(the requested amount, extra support). Money is `Decimal`, every line is rounded half up to the
cent, and every total is the sum of rounded lines, so totals per payer, per year and per value
type always add up to the scenario total exactly.

Two readings sit side by side: the *optimistic* reading takes every line at face value (it is the
headline figure); the *cautious* reading lowers each avoided cost of the huidig pad by its
deadweight (what would have happened anyway) and by an optimism-bias mark-up that grows as the
source of the unit cost gets weaker, and raises each cost of the doorbraak by that mark-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

CENT = Decimal("0.01")
NUL = Decimal("0")
EEN = Decimal("1")
MAANDEN_PER_JAAR = 12
MAX_HORIZON_JAREN = 30

Scenario = Literal["huidig_pad", "doorbraak"]
HUIDIG_PAD: Scenario = "huidig_pad"
DOORBRAAK: Scenario = "doorbraak"

WAARDETYPEN = ("fiscaal", "economisch", "sociaal")
BETROUWBAARHEIDEN = ("A", "B", "C", "D")


class Invoerfout(ValueError):
    """Invalid input, with the field it concerns (e.g. `huidig_pad[2].kans`)."""

    def __init__(self, melding: str, *, veld: str):
        super().__init__(melding)
        self.melding = melding
        self.veld = veld


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


@dataclass(frozen=True)
class Regel:
    """kengetal x aantal x kans, in one year of the horizon (year 1 is the first year)."""

    kengetal: Kengetal
    aantal: Decimal = EEN
    kans: Decimal = EEN
    jaar: int = 1
    deadweight: Decimal = NUL
    toelichting: str = ""
    veld: str = ""  # where the line came from in the input, for error messages


@dataclass(frozen=True)
class EigenKosten:
    """A cost of the doorbraak itself (the requested amount, extra support), paid up front."""

    omschrijving: str
    bedrag: Decimal
    jaar: int = 1
    betaler: str = "gemeente_doorbraakbudget"
    betrouwbaarheid: str = "A"
    waardetype: str = "fiscaal"
    veld: str = ""


@dataclass(frozen=True)
class Instellingen:
    horizon_jaren: int = 3
    discontovoet: Decimal = Decimal("0.0225")
    optimisme_opslag: Mapping[str, Decimal] = field(
        default_factory=lambda: {
            "A": Decimal("0"),
            "B": Decimal("0.10"),
            "C": Decimal("0.25"),
            "D": Decimal("0.50"),
        }
    )


@dataclass(frozen=True)
class Invoer:
    huidig_pad: Sequence[Regel]
    doorbraak: Sequence[Regel]
    eigen_kosten: Sequence[EigenKosten] = ()
    instellingen: Instellingen = field(default_factory=Instellingen)


# --- output --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Post:
    """One computed line of a scenario."""

    scenario: Scenario
    soort: Literal["regel", "eigen_kosten"]
    code: str
    omschrijving: str
    betaler: str
    waardetype: str
    betrouwbaarheid: str
    jaar: int
    aantal: Decimal
    kans: Decimal
    eenheidsbedrag: Decimal
    bedrag: Decimal  # optimistic reading
    voorzichtig: Decimal  # cautious reading
    laag: Decimal
    hoog: Decimal
    contante_waarde: Decimal  # of `bedrag`
    deadweight: Decimal
    in_geld: bool
    toelichting: str = ""
    prijssleutel: tuple = ()  # lines with the same key share one unit cost


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
    """One reading (optimistic or cautious) of the whole calculation."""

    huidig_pad: Scenariototaal
    doorbraak: Scenariototaal
    saldo: Decimal
    contante_waarde: Decimal
    terugverdientijd_maanden: int | None
    per_betaler: tuple[Betalersaldo, ...]


@dataclass(frozen=True)
class Bandbreedte:
    """Low/high sensitivity band from the per-line ranges of the unit costs."""

    huidig_pad_laag: Decimal
    huidig_pad_hoog: Decimal
    doorbraak_laag: Decimal
    doorbraak_hoog: Decimal
    saldo_laag: Decimal  # least favourable for the doorbraak
    saldo_hoog: Decimal  # most favourable


@dataclass(frozen=True)
class VerkeerdeZak:
    """The wrong-pocket view: who pays for the doorbraak and who gains from it."""

    betalers: tuple[tuple[str, Decimal], ...]  # net cost to each payer, largest first
    winnaars: tuple[tuple[str, Decimal], ...]  # net gain of each payer, largest first
    verkeerde_zak: bool  # the biggest payer is not the biggest gainer


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
    voorzichtig: Lezing
    posten: tuple[Post, ...]
    beschreven_effecten: tuple[str, ...]


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
    for graad in sorted(set(inst.optimisme_opslag) - set(BETROUWBAARHEIDEN)):
        raise Invoerfout("Kies betrouwbaarheid A, B, C of D.", veld=f"optimisme_opslag.{graad}")
    for graad in BETROUWBAARHEIDEN:
        opslag = inst.optimisme_opslag.get(graad)
        if opslag is None or not NUL <= opslag <= EEN:
            raise Invoerfout(
                f"De optimisme-opslag voor betrouwbaarheid {graad} ligt tussen 0 en 1.",
                veld=f"optimisme_opslag.{graad}",
            )
    for scenario, regels in ((HUIDIG_PAD, invoer.huidig_pad), (DOORBRAAK, invoer.doorbraak)):
        for i, regel in enumerate(regels):
            _valideer_regel(regel, regel.veld or f"{scenario}[{i}]", scenario, inst.horizon_jaren)
    for i, kosten in enumerate(invoer.eigen_kosten):
        veld = kosten.veld or f"doorbraak_kosten[{i}]"
        if kosten.bedrag < 0:
            raise Invoerfout("Een bedrag kan niet negatief zijn.", veld=f"{veld}.bedrag")
        _valideer_jaar(kosten.jaar, f"{veld}.jaar", inst.horizon_jaren)
        if kosten.betrouwbaarheid not in BETROUWBAARHEIDEN:
            raise Invoerfout("Kies betrouwbaarheid A, B, C of D.", veld=f"{veld}.betrouwbaarheid")


def _valideer_regel(regel: Regel, veld: str, scenario: Scenario, horizon: int) -> None:
    k = regel.kengetal
    if k.bedrag < 0:
        raise Invoerfout("Een bedrag kan niet negatief zijn.", veld=f"{veld}.bedrag")
    if regel.aantal < 0:
        raise Invoerfout("Het aantal kan niet negatief zijn.", veld=f"{veld}.aantal")
    if not NUL <= regel.kans <= EEN:
        raise Invoerfout(
            "De kans ligt tussen 0 en 1 (0,6 = 60%).",
            veld=f"{veld}.kans",
        )
    _valideer_jaar(regel.jaar, f"{veld}.jaar", horizon)
    if not NUL <= regel.deadweight <= EEN:
        raise Invoerfout("De deadweight ligt tussen 0 en 1.", veld=f"{veld}.deadweight")
    if scenario == DOORBRAAK and regel.deadweight:
        raise Invoerfout(
            "Deadweight geldt alleen voor vermeden kosten in het huidig pad.",
            veld=f"{veld}.deadweight",
        )
    if k.waardetype not in WAARDETYPEN:
        raise Invoerfout("Kies fiscaal, economisch of sociaal.", veld=f"{veld}.waardetype")
    if k.betrouwbaarheid not in BETROUWBAARHEIDEN:
        raise Invoerfout("Kies betrouwbaarheid A, B, C of D.", veld=f"{veld}.betrouwbaarheid")


def _valideer_jaar(jaar: int, veld: str, horizon: int) -> None:
    if not 1 <= jaar <= horizon:
        raise Invoerfout(
            f"Het jaar ligt binnen de horizon: 1 tot en met {horizon}.",
            veld=veld,
        )


# --- calculation ---------------------------------------------------------------------------


def bereken(invoer: Invoer) -> Uitkomst:
    """Validate the input and compute both scenarios, both readings and every breakdown."""
    valideer(invoer)
    inst = invoer.instellingen
    regels = [
        *((HUIDIG_PAD, r) for r in invoer.huidig_pad),
        *((DOORBRAAK, r) for r in invoer.doorbraak),
    ]
    posten = (
        *(
            _post(scenario, r, inst, gedeeld)
            for (scenario, r), gedeeld in zip(regels, _gedeelde_aandelen(regels), strict=True)
        ),
        *(_eigen_post(k, inst) for k in invoer.eigen_kosten),
    )
    optimistisch = _lezing(posten, inst, lambda p: p.bedrag)
    voorzichtig = _lezing(posten, inst, lambda p: p.voorzichtig)
    huidig = optimistisch.huidig_pad
    doorbraak = optimistisch.doorbraak
    return Uitkomst(
        horizon_jaren=inst.horizon_jaren,
        discontovoet=inst.discontovoet,
        huidig_pad=huidig,
        doorbraak=doorbraak,
        saldo=optimistisch.saldo,
        contante_waarde=optimistisch.contante_waarde,
        terugverdientijd_maanden=optimistisch.terugverdientijd_maanden,
        per_betaler=optimistisch.per_betaler,
        per_jaar=_per_jaar(posten, inst.horizon_jaren),
        per_waardetype=_per_waardetype(huidig, doorbraak),
        bandbreedte=_bandbreedte(posten),
        verkeerde_zak=_verkeerde_zak(optimistisch.per_betaler),
        optimistisch=optimistisch,
        voorzichtig=voorzichtig,
        posten=posten,
        beschreven_effecten=tuple(
            f"{p.omschrijving}{f' ({p.toelichting})' if p.toelichting else ''}"
            for p in posten
            if not p.in_geld
        ),
    )


def rond(bedrag: Decimal) -> Decimal:
    """Round half up to the cent (the one rounding rule of the project)."""
    return bedrag.quantize(CENT, ROUND_HALF_UP)


def disconteer(bedrag: Decimal, jaar: int, discontovoet: Decimal) -> Decimal:
    """Present value of an amount in year `jaar`: year 1 as is, year n divided by (1+r)^(n-1)."""
    return rond(bedrag / (EEN + discontovoet) ** (jaar - 1))


def _prijssleutel(k: Kengetal) -> tuple:
    """Lines with this key use the same unit cost (and range) for the same payer."""
    return ("regel", k.code, k.omschrijving, k.betaler, k.bedrag, k.laag, k.hoog)


def _gedeelde_aandelen(regels: Sequence[tuple[Scenario, Regel]]) -> list[Decimal]:
    """Per line, the share of its amount that the other scenario has too (same unit cost, payer
    and year): such costs are made whatever happens, so the cautious corrections leave them be."""
    totaal: dict[tuple, Decimal] = {}
    for scenario, r in regels:
        sleutel = (scenario, *_prijssleutel(r.kengetal), r.jaar)
        totaal[sleutel] = totaal.get(sleutel, NUL) + r.kengetal.bedrag * r.aantal * r.kans
    aandelen = []
    for scenario, r in regels:
        ander = DOORBRAAK if scenario == HUIDIG_PAD else HUIDIG_PAD
        eigen = totaal[(scenario, *_prijssleutel(r.kengetal), r.jaar)]
        gedeeld = min(eigen, totaal.get((ander, *_prijssleutel(r.kengetal), r.jaar), NUL))
        aandelen.append(gedeeld / eigen if eigen else NUL)
    return aandelen


def _post(scenario: Scenario, regel: Regel, inst: Instellingen, gedeeld: Decimal = NUL) -> Post:
    k = regel.kengetal
    volume = regel.aantal * regel.kans
    opslag = inst.optimisme_opslag[k.betrouwbaarheid]
    eigen = EEN - gedeeld  # the part of the line that differs between the scenarios
    if scenario == HUIDIG_PAD:  # avoided costs: the cautious reading counts fewer of them
        factor = gedeeld + eigen * (EEN - regel.deadweight) * (EEN - opslag)
    else:  # costs of the doorbraak scenario: the cautious reading counts more
        factor = gedeeld + eigen * (EEN + opslag)
    voorzichtig = k.bedrag * volume * factor
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
        kans=regel.kans,
        eenheidsbedrag=k.bedrag,
        bedrag=bedrag,
        voorzichtig=rond(voorzichtig),
        laag=rond((k.laag if k.laag is not None else k.bedrag) * volume),
        hoog=rond((k.hoog if k.hoog is not None else k.bedrag) * volume),
        contante_waarde=disconteer(bedrag, regel.jaar, inst.discontovoet),
        deadweight=regel.deadweight,
        in_geld=k.in_geld,
        toelichting=regel.toelichting,
        prijssleutel=_prijssleutel(k),
    )


def _eigen_post(kosten: EigenKosten, inst: Instellingen) -> Post:
    bedrag = rond(kosten.bedrag)
    opslag = inst.optimisme_opslag[kosten.betrouwbaarheid]
    return Post(
        scenario=DOORBRAAK,
        soort="eigen_kosten",
        code="doorbraak_kosten",
        omschrijving=kosten.omschrijving,
        betaler=kosten.betaler,
        waardetype=kosten.waardetype,
        betrouwbaarheid=kosten.betrouwbaarheid,
        jaar=kosten.jaar,
        aantal=EEN,
        kans=EEN,
        eenheidsbedrag=bedrag,
        bedrag=bedrag,
        voorzichtig=rond(bedrag * (EEN + opslag)),
        laag=bedrag,
        hoog=bedrag,
        contante_waarde=disconteer(bedrag, kosten.jaar, inst.discontovoet),
        deadweight=NUL,
        in_geld=True,
        prijssleutel=("eigen_kosten", kosten.omschrijving, kosten.betaler, bedrag),
    )


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


def _per_jaar(posten: Sequence[Post], horizon: int) -> tuple[Jaarsaldo, ...]:
    uit = []
    for jaar in range(1, horizon + 1):
        h = [p for p in posten if p.jaar == jaar and p.scenario == HUIDIG_PAD]
        d = [p for p in posten if p.jaar == jaar and p.scenario == DOORBRAAK]
        huidig, doorbraak = _som(p.bedrag for p in h), _som(p.bedrag for p in d)
        cw = _som(p.contante_waarde for p in h) - _som(p.contante_waarde for p in d)
        uit.append(Jaarsaldo(jaar, huidig, doorbraak, huidig - doorbraak, cw))
    return tuple(uit)


def _per_waardetype(huidig: Scenariototaal, doorbraak: Scenariototaal) -> tuple[Waardesaldo, ...]:
    h, d = dict(huidig.per_waardetype), dict(doorbraak.per_waardetype)
    return tuple(Waardesaldo(w, h[w], d[w], h[w] - d[w]) for w in WAARDETYPEN)


def _bandbreedte(posten: Sequence[Post]) -> Bandbreedte:
    """Scenario totals at the low and at the high unit costs. For the saldo each unit cost takes
    its low, central or high value in both scenarios at once, whichever is least (or most)
    favourable, so the band always contains the saldo."""
    huidig = [p for p in posten if p.scenario == HUIDIG_PAD]
    doorbraak = [p for p in posten if p.scenario == DOORBRAAK]
    h_laag, h_hoog = _som(p.laag for p in huidig), _som(p.hoog for p in huidig)
    d_laag, d_hoog = _som(p.laag for p in doorbraak), _som(p.hoog for p in doorbraak)
    per_prijs: dict[tuple, tuple[Decimal, Decimal, Decimal]] = {}
    for p in posten:
        teken = EEN if p.scenario == HUIDIG_PAD else -EEN
        laag, midden, hoog = per_prijs.get(p.prijssleutel, (NUL, NUL, NUL))
        per_prijs[p.prijssleutel] = (
            laag + teken * p.laag,
            midden + teken * p.bedrag,
            hoog + teken * p.hoog,
        )
    saldo_laag = _som(min(drie) for drie in per_prijs.values())
    saldo_hoog = _som(max(drie) for drie in per_prijs.values())
    return Bandbreedte(h_laag, h_hoog, d_laag, d_hoog, saldo_laag, saldo_hoog)


def _verkeerde_zak(per_betaler: Sequence[Betalersaldo]) -> VerkeerdeZak:
    betalers = sorted(((b.betaler, -b.saldo) for b in per_betaler if b.saldo < 0), key=_grootste)
    winnaars = sorted(((b.betaler, b.saldo) for b in per_betaler if b.saldo > 0), key=_grootste)
    verkeerd = bool(betalers and winnaars and betalers[0][0] != winnaars[0][0])
    return VerkeerdeZak(tuple(betalers), tuple(winnaars), verkeerd)


def _grootste(paar: tuple[str, Decimal]) -> tuple[Decimal, str]:
    return (-paar[1], paar[0])


def terugverdientijd(posten: Sequence[Post], horizon: int, waarde=lambda p: p.bedrag) -> int | None:
    """Simple payback time in whole months, undiscounted; None when not within the horizon.

    0 when the doorbraak never costs more than the huidig pad at any moment.

    The doorbraak's own costs fall at the start of their year; every other line (avoided costs
    of the huidig pad minus the running costs of the doorbraak) is spread evenly over its year.
    Counted in twelfths of a euro, so the arithmetic stays exact.
    """
    eigen = _groepeer((p for p in posten if p.soort == "eigen_kosten"), lambda p: p.jaar, waarde)
    netto = _groepeer(
        (p for p in posten if p.soort == "regel"),
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


# --- plain-Dutch assumptions ---------------------------------------------------------------


def aannames(inst: Instellingen) -> tuple[str, ...]:
    """The assumptions of a calculation, in plain Dutch, for the page and the PDF."""
    opslagen = ", ".join(
        f"{g} {(inst.optimisme_opslag[g] * 100).normalize():f}%" for g in BETROUWBAARHEIDEN
    )
    return (
        f"De berekening kijkt {inst.horizon_jaren} jaar vooruit; jaar 1 is het jaar van de "
        "doorbraak.",
        "Elke regel is kengetal x aantal x kans, afgerond op hele centen.",
        f"Contante waarde met een discontovoet van {_procent(inst.discontovoet)}: bedragen in "
        "jaar 1 tellen volledig, latere jaren worden teruggerekend met (1 + r) tot de macht "
        "(jaar - 1).",
        "Terugverdientijd: de eigen kosten van de doorbraak vallen aan het begin van hun jaar, "
        "de vermeden en lopende kosten gelijkmatig over het jaar; niet verdisconteerd.",
        "Optimistische lezing: elke regel zoals ingevuld. Voorzichtige lezing: vermeden kosten "
        "min de deadweight per regel en min een opslag naar betrouwbaarheid van de bron, kosten "
        f"van de doorbraak plus die opslag ({opslagen}).",
        "Kosten die in beide scenario's voorkomen (zelfde kengetal, betaler en jaar) tellen in "
        "de voorzichtige lezing aan beide kanten even zwaar; de correcties gelden alleen voor "
        "het verschil.",
        "Bandbreedte: elk kengetal met zijn laagste en hoogste waarde, voor zover bekend, in "
        "beide scenario's tegelijk; de eigen kosten van de doorbraak liggen vast.",
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
            "optimistisch": _lezing_dict(u.optimistisch),
            "voorzichtig": _lezing_dict(u.voorzichtig),
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
                "voorzichtig": geld(p.voorzichtig),
                "laag": geld(p.laag),
                "hoog": geld(p.hoog),
                "contante_waarde": geld(p.contante_waarde),
                "deadweight": _getal(p.deadweight),
                "in_geld": p.in_geld,
                "toelichting": p.toelichting,
            }
            for p in u.posten
        ],
        "beschreven_effecten": list(u.beschreven_effecten),
    }
