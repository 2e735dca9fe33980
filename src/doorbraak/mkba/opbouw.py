"""From what a professional enters to the calculator's input: look up each kengetal in the
gemeente's catalogue, expand multi-year lines, pull in the helpers recorded on the case.

Plain Python (no Django). Every refusal names the field of the request it concerns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from doorbraak.mkba import calculator
from doorbraak.mkba.begrippen import BETALERS
from doorbraak.mkba.calculator import EigenKosten, Invoerfout, Kengetal, Regel
from doorbraak.mkba.catalogus import Catalogusitem

EEN = Decimal("1")
NUL = Decimal("0")


@dataclass(frozen=True)
class RegelInvoer:
    """One line as entered: a kengetal from the catalogue, or an own amount with its payer."""

    kengetal: str | None = None
    aantal: Decimal = EEN
    kans: Decimal = EEN
    jaar: int = 1
    tot_jaar: int | None = None  # repeat the line every year from `jaar` up to and including
    deadweight: Decimal = NUL
    toelichting: str = ""
    # an own amount instead of a kengetal:
    omschrijving: str = ""
    bedrag: Decimal | None = None
    betaler: str = ""
    waardetype: str = "fiscaal"
    betrouwbaarheid: str = "D"
    kans_betrouwbaarheid: str = ""  # grade of the ground for the kans; "" = A if 1, else D
    sleutel: bool = False  # happens only if the key event happens (kans is given that event)


@dataclass(frozen=True)
class KostenInvoer:
    """A cost of the doorbraak itself (the requested amount as a gift or a loan, extra
    support)."""

    omschrijving: str
    bedrag: Decimal
    jaar: int = 1
    betaler: str = "gemeente_doorbraakbudget"
    vorm: str = "gift"
    ontvanger: str = ""  # a payment to this party (e.g. woningcorporatie) is a transfer
    terugbetaald: Decimal = NUL  # loan: share expected back
    terugbetaling_betrouwbaarheid: str = "C"
    aflossingsjaren: int = 1
    administratiekosten: Decimal = NUL


@dataclass(frozen=True)
class SleutelkansInvoer:
    omschrijving: str
    huidig_pad: Decimal
    doorbraak: Decimal = NUL
    betrouwbaarheid: str = "D"


@dataclass(frozen=True)
class Hulpverlenerkosten:
    """A helper recorded on the case with the regisseur's estimate of its yearly cost."""

    organisatie: str
    rol: str
    jaarkosten: Decimal
    id: str = ""


def regels(
    scenario: calculator.Scenario,
    invoer: Sequence[RegelInvoer],
    catalogus: Mapping[str, Catalogusitem],
    horizon: int,
) -> list[Regel]:
    uit: list[Regel] = []
    for i, r in enumerate(invoer):
        veld = f"{scenario}[{i}]"
        kengetal = _kengetal(r, veld, catalogus)
        laatste = r.jaar if r.tot_jaar is None else r.tot_jaar
        if r.tot_jaar is not None and not r.jaar <= r.tot_jaar <= horizon:
            raise Invoerfout(
                f"'tot_jaar' ligt tussen het jaar van de regel en het einde van de horizon "
                f"({horizon}).",
                veld=f"{veld}.tot_jaar",
            )
        uit.extend(
            Regel(
                kengetal=kengetal,
                aantal=r.aantal,
                kans=r.kans,
                jaar=jaar,
                deadweight=r.deadweight,
                toelichting=r.toelichting,
                veld=veld,
                kans_betrouwbaarheid=r.kans_betrouwbaarheid,
                sleutel=r.sleutel,
            )
            for jaar in range(r.jaar, laatste + 1)
        )
    return uit


def _kengetal(r: RegelInvoer, veld: str, catalogus: Mapping[str, Catalogusitem]) -> Kengetal:
    if r.kengetal and r.bedrag is not None:
        raise Invoerfout(
            "Kies een kengetal of een eigen bedrag, niet allebei.", veld=f"{veld}.bedrag"
        )
    if r.kengetal:
        item = catalogus.get(r.kengetal)
        if item is None:
            raise Invoerfout(f"Onbekend kengetal '{r.kengetal}'.", veld=f"{veld}.kengetal")
        if item.kengetal.alleen_ter_vergelijking:
            raise Invoerfout(
                f"Kengetal '{r.kengetal}' dient alleen ter vergelijking en telt niet als regel.",
                veld=f"{veld}.kengetal",
            )
        return item.voor_calculator()
    if r.bedrag is None:
        raise Invoerfout("Kies een kengetal of vul een eigen bedrag in.", veld=f"{veld}.kengetal")
    if not r.omschrijving.strip():
        raise Invoerfout("Beschrijf de regel met het eigen bedrag.", veld=f"{veld}.omschrijving")
    if r.betaler not in BETALERS:
        raise Invoerfout("Kies wie deze kosten betaalt.", veld=f"{veld}.betaler")
    return Kengetal(
        code="",
        omschrijving=r.omschrijving.strip(),
        bedrag=r.bedrag,
        betaler=r.betaler,
        waardetype=r.waardetype,
        betrouwbaarheid=r.betrouwbaarheid,
    )


def eigen_kosten(invoer: Sequence[KostenInvoer]) -> list[EigenKosten]:
    uit = []
    for i, k in enumerate(invoer):
        veld = f"doorbraak_kosten[{i}]"
        if not k.omschrijving.strip():
            raise Invoerfout("Beschrijf de kosten van de doorbraak.", veld=f"{veld}.omschrijving")
        if k.betaler not in BETALERS:
            raise Invoerfout("Kies wie deze kosten betaalt.", veld=f"{veld}.betaler")
        if k.ontvanger and k.ontvanger not in BETALERS:
            raise Invoerfout("Kies wie de betaling ontvangt.", veld=f"{veld}.ontvanger")
        uit.append(
            EigenKosten(
                omschrijving=k.omschrijving.strip(),
                bedrag=k.bedrag,
                jaar=k.jaar,
                betaler=k.betaler,
                veld=veld,
                vorm=k.vorm,
                ontvanger=k.ontvanger,
                terugbetaald=k.terugbetaald,
                terugbetaling_betrouwbaarheid=k.terugbetaling_betrouwbaarheid,
                aflossingsjaren=k.aflossingsjaren,
                administratiekosten=k.administratiekosten,
            )
        )
    return uit


def sleutelkans(invoer: SleutelkansInvoer | None) -> calculator.Sleutelkans | None:
    if invoer is None:
        return None
    return calculator.Sleutelkans(
        omschrijving=invoer.omschrijving.strip(),
        huidig_pad=invoer.huidig_pad,
        doorbraak=invoer.doorbraak,
        betrouwbaarheid=invoer.betrouwbaarheid,
    )


# Which payer usually carries a helper's costs, guessed from organisation and role (first match).
# The guess is shown on the line; a professional who knows better enters the line by hand.
_BETALER_TREFWOORDEN: tuple[tuple[tuple[str, ...], str], ...] = (
    (("politie", "reclassering", "openbaar ministerie"), "politie_justitie"),
    (("jeugd", "gezinsvoogd", "cjg", "kinderbescherming"), "gemeente_jeugd"),
    (("ggz", "psychiat", "huisarts", "poh", "ziekenhuis", "fact"), "zorgverzekeraar"),
    (("kredietbank", "schuld"), "gemeente_schuldhulp"),
    (("bewind", "klantmanager", "participatie", "inkomen", "bijstand"), "gemeente_participatiewet"),
    (("wijkteam", "wmo", "woonbegeleid", "begeleid wonen", "ouderenwerk"), "gemeente_wmo"),
    (("corporatie", "woningbouw"), "woningcorporatie"),
    (("svb", "sociale verzekeringsbank", "uwv", "school", "onderwijs", "roc"), "rijk"),
)


def betaler_voor_hulpverlener(organisatie: str, rol: str) -> str:
    tekst = f"{organisatie} {rol}".lower()
    for trefwoorden, betaler in _BETALER_TREFWOORDEN:
        if any(t in tekst for t in trefwoorden):
            return betaler
    return "meerdere"


HULPVERLENER_TOELICHTING = (
    "geschatte jaarkosten uit het dossier; betaler afgeleid uit organisatie en rol"
)


def hulpverlenersinvoer(
    hulpverleners: Sequence[Hulpverlenerkosten], horizon: int
) -> list[RegelInvoer]:
    """The helpers on the case with their yearly costs, as huidig-pad lines for every year.

    Returned as ordinary input lines (own amounts), so a professional sees and can change them
    before calculating; helpers without an estimate are left out.
    """
    return [_hulpverlenersregel(h, horizon) for h in hulpverleners if h.jaarkosten]


def _hulpverlenersregel(h: Hulpverlenerkosten, tot_jaar: int) -> RegelInvoer:
    return RegelInvoer(
        omschrijving=f"{h.rol} ({h.organisatie})",
        bedrag=h.jaarkosten,
        betaler=betaler_voor_hulpverlener(h.organisatie, h.rol),
        waardetype="fiscaal",
        betrouwbaarheid="D",
        jaar=1,
        tot_jaar=tot_jaar,
        toelichting=HULPVERLENER_TOELICHTING,
    )


def hulpverleners_in_doorbraak(
    hulpverleners: Sequence[Hulpverlenerkosten], blijft: Mapping[str, int], horizon: int
) -> list[RegelInvoer]:
    """The same helpers in the doorbraak scenario, each for the years it stays: `blijft` maps a
    helper's id to the last year it stays (0: it stops at once). A helper not named stays the
    whole horizon, so nothing is booked as avoided unless the professional says it stops."""
    uit = []
    for h in hulpverleners:
        if not h.jaarkosten:
            continue
        tot = blijft.get(h.id, horizon)
        if not 0 <= tot <= horizon:
            raise Invoerfout(
                f"Een hulpverlener blijft 0 tot en met {horizon} jaar.",
                veld=f"hulpverleners_blijven.{h.id}",
            )
        if tot:
            uit.append(_hulpverlenersregel(h, tot))
    return uit
