"""A spending plan (bestedingsplan): themes × years of cost lines with an amount or "pm", income
lines, and per year the totals and the remainder. Plain Python, Decimal money.

"pm" (pro memorie) lines are listed but never summed: the plan says the cost exists but is not
yet known (seed 002: "vooralsnog een PM-post").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from doorbraak.invoer import JAAR_MAX, JAAR_MIN

PM = "pm"
Bedrag = Decimal | str  # an amount, or PM


class PlanFout(ValueError):
    def __init__(self, melding: str, *, veld: str):
        super().__init__(f"{veld}: {melding}")
        self.melding = melding
        self.veld = veld


@dataclass(frozen=True)
class Regel:
    thema: str
    omschrijving: str
    bedragen: Mapping[int, Bedrag]


@dataclass(frozen=True)
class Inkomst:
    omschrijving: str
    bedragen: Mapping[int, Decimal]


@dataclass(frozen=True)
class Jaartotaal:
    jaar: int
    totaal_kosten: Decimal
    totaal_inkomsten: Decimal
    restant: Decimal
    pm_posten: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    naam: str
    jaren: tuple[int, ...]
    regels: tuple[Regel, ...]
    inkomsten: tuple[Inkomst, ...] = ()
    bron: str = ""
    themas: tuple[str, ...] = field(default=())


def bedrag(waarde: object, veld: str, *, pm_toegestaan: bool = True) -> Bedrag:
    """'21200.00', 21200, '21.200' is refused (ambiguous); 'pm' where allowed."""
    if isinstance(waarde, str) and waarde.strip().lower() == PM:
        if not pm_toegestaan:
            raise PlanFout("Een inkomstenregel heeft een bedrag, geen pm.", veld=veld)
        return PM
    if isinstance(waarde, bool | float):
        raise PlanFout("Schrijf een bedrag als tekst met een punt als decimaalteken.", veld=veld)
    try:
        getal = Decimal(str(waarde).strip())
    except Exception:
        raise PlanFout("Geef een bedrag (bijv. 21200.00) of pm.", veld=veld) from None
    if not getal.is_finite() or getal < 0:
        raise PlanFout("Een bedrag is nul of positief.", veld=veld)
    if getal != getal.quantize(Decimal("0.01")):
        raise PlanFout("Een bedrag heeft ten hoogste twee decimalen.", veld=veld)
    return getal.quantize(Decimal("0.01"))


def _bedragen(
    ruw: object, jaren: Sequence[int], veld: str, *, pm_toegestaan: bool
) -> dict[int, Bedrag]:
    if ruw == PM:
        if not pm_toegestaan:
            raise PlanFout("Een inkomstenregel heeft bedragen, geen pm.", veld=veld)
        return dict.fromkeys(jaren, PM)
    if not isinstance(ruw, Mapping):
        raise PlanFout("Geef de bedragen per jaar als {jaar: bedrag}.", veld=veld)
    uit: dict[int, Bedrag] = {}
    for jaar, waarde in ruw.items():
        try:
            j = int(jaar)
        except (TypeError, ValueError):
            raise PlanFout("Een jaar is een getal, bijv. 2023.", veld=f"{veld}.{jaar}") from None
        if j not in jaren:
            raise PlanFout("Dit jaar hoort niet bij het plan.", veld=f"{veld}.{jaar}")
        uit[j] = bedrag(waarde, f"{veld}.{jaar}", pm_toegestaan=pm_toegestaan)
    return uit


def maak_plan(data: Mapping) -> Plan:
    """Validate a plan as it arrives from the API or a data file; errors name the field."""
    if not isinstance(data, Mapping):
        raise PlanFout("Geef het plan als object met naam, jaren en regels.", veld="plan")
    naam = str(data.get("naam", "")).strip()
    if not naam:
        raise PlanFout("Geef het plan een naam.", veld="naam")
    if len(naam) > 200:
        raise PlanFout("Een naam is hoogstens 200 tekens.", veld="naam")
    jaren = data.get("jaren")
    if (
        not isinstance(jaren, list)
        or not jaren
        or not all(isinstance(j, int) and not isinstance(j, bool) for j in jaren)
    ):
        raise PlanFout("Geef de jaren van het plan, bijv. [2021, 2022, 2023].", veld="jaren")
    if len(set(jaren)) != len(jaren) or sorted(jaren) != jaren:
        raise PlanFout("De jaren lopen op en komen elk één keer voor.", veld="jaren")
    if not (jaren[0] >= JAAR_MIN and jaren[-1] <= JAAR_MAX):
        raise PlanFout(f"De jaren liggen tussen {JAAR_MIN} en {JAAR_MAX}.", veld="jaren")
    for lijst in ("regels", "inkomsten"):
        if not isinstance(data.get(lijst) or [], list):
            raise PlanFout("Geef een lijst.", veld=lijst)
    regels = []
    for i, r in enumerate(data.get("regels") or []):
        veld = f"regels[{i}]"
        if not isinstance(r, Mapping) or not str(r.get("omschrijving", "")).strip():
            raise PlanFout("Beschrijf de kostenregel.", veld=f"{veld}.omschrijving")
        regels.append(
            Regel(
                thema=str(r.get("thema", "")).strip(),
                omschrijving=str(r["omschrijving"]).strip(),
                bedragen=_bedragen(
                    r.get("bedragen", {}), jaren, f"{veld}.bedragen", pm_toegestaan=True
                ),
            )
        )
    inkomsten = []
    for i, r in enumerate(data.get("inkomsten") or []):
        veld = f"inkomsten[{i}]"
        if not isinstance(r, Mapping) or not str(r.get("omschrijving", "")).strip():
            raise PlanFout("Beschrijf de inkomstenregel.", veld=f"{veld}.omschrijving")
        inkomsten.append(
            Inkomst(
                omschrijving=str(r["omschrijving"]).strip(),
                bedragen=_bedragen(
                    r.get("bedragen", {}), jaren, f"{veld}.bedragen", pm_toegestaan=False
                ),  # type: ignore[arg-type]
            )
        )
    themas = tuple(dict.fromkeys(r.thema for r in regels if r.thema))
    return Plan(
        naam, tuple(jaren), tuple(regels), tuple(inkomsten), str(data.get("bron", "")), themas
    )


def per_jaar(plan: Plan) -> list[Jaartotaal]:
    """Totals per year; the remainder is that year's income minus that year's costs."""
    uit = []
    for jaar in plan.jaren:
        kosten = sum(
            (b for r in plan.regels if isinstance(b := r.bedragen.get(jaar), Decimal)),
            Decimal("0.00"),
        )
        inkomsten = sum((i.bedragen.get(jaar, Decimal(0)) for i in plan.inkomsten), Decimal("0.00"))
        pm = tuple(r.omschrijving for r in plan.regels if r.bedragen.get(jaar) == PM)
        uit.append(Jaartotaal(jaar, kosten, inkomsten, inkomsten - kosten, pm))
    return uit


def lees(pad: Path) -> Plan:
    return maak_plan(yaml.safe_load(pad.read_text(encoding="utf-8")))


VOORBEELDEN = Path(__file__).resolve().parent / "data"
