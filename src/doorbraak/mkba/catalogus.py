"""The catalogue of unit costs (kengetallen): a data file, a pydantic schema, the settings.

Plain Python (no Django). The national catalogue lives in `data/kengetallen.yaml`; a gemeente's
overrides and own entries come from the database and are merged here (`samenvoegen`), so the
rules for a valid entry are written once, in `KengetalSchema`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from doorbraak.mkba import calculator, prijsindex, standaardkansen
from doorbraak.mkba.begrippen import Betaler, Betrouwbaarheid, Eenheid, Per, Status, Waardetype

DATA = Path(__file__).resolve().parent / "data"
CODE_PATROON = r"^[a-z][a-z0-9_]{1,59}$"
# A price year up to this many years after the last CPI year is allowed (a 2026 contract tariff):
# it is used as it is, at the price level, with a visible warning.
NA_REEKS_JAREN = 2
# Where a source gives no range, the band is derived from the grade: the amount plus and minus
# this share (A: an official tariff, exact).
AFGELEIDE_SPREIDING = {
    "A": Decimal("0"),
    "B": Decimal("0.10"),
    "C": Decimal("0.25"),
    "D": Decimal("0.50"),
}
Herkomst = Literal["landelijk", "aangepast", "eigen"]


class CatalogusFout(ValueError):
    """An invalid catalogue entry, with the field it concerns (e.g. `kengetallen[3].bedrag`)."""

    def __init__(self, melding: str, *, veld: str):
        super().__init__(f"{veld}: {melding}")
        self.melding = melding
        self.veld = veld


def _geen_float(waarde: Any) -> Any:
    if isinstance(waarde, float):
        raise ValueError("schrijf bedragen als tekst ('70.50'), niet als kommagetal")
    return waarde


class Bron(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    titel: str = Field(min_length=3, max_length=300)
    url: str = Field(default="", max_length=500, pattern=r"^(https?://\S+)?$")


class KengetalSchema(BaseModel):
    """One unit cost with its source. Amounts are in euros of `prijsjaar`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=CODE_PATROON)
    omschrijving: str = Field(min_length=3, max_length=300)
    bedrag: Decimal = Field(ge=0, max_digits=12, decimal_places=2)
    laag: Decimal | None = Field(default=None, ge=0, max_digits=12, decimal_places=2)
    hoog: Decimal | None = Field(default=None, ge=0, max_digits=12, decimal_places=2)
    eenheid: Eenheid
    prijsjaar: int
    betaler: Betaler
    waardetype: Waardetype
    betrouwbaarheid: Betrouwbaarheid
    status: Status
    bron: Bron
    opmerking: str = Field(default="", max_length=1000)
    alleen_ter_vergelijking: bool = False
    in_geld: bool = True
    # Whom the amount counts: per persoon, per gezin, ... (required in the national catalogue).
    per: Per | None = None
    # A transfer (e.g. the benefit itself): money to this party, no resources used.
    overdracht_aan: Betaler | Literal[""] = ""

    _geen_float = field_validator("bedrag", "laag", "hoog", mode="before")(_geen_float)

    @field_validator("prijsjaar")
    @classmethod
    def _prijsjaar_in_reeks(cls, jaar: int) -> int:
        index = prijsindex.standaard()
        if index.eerste_jaar <= jaar <= index.laatste_jaar + NA_REEKS_JAREN:
            return jaar
        raise ValueError(
            f"geen prijsindex voor {jaar}; kies {index.eerste_jaar} t/m "
            f"{index.laatste_jaar + NA_REEKS_JAREN} (na {index.laatste_jaar} zonder indexering)"
        )

    @model_validator(mode="after")
    def _samenhang(self) -> KengetalSchema:
        if self.laag is not None and self.laag > self.bedrag:
            raise ValueError("laag is hoger dan het bedrag")
        if self.hoog is not None and self.hoog < self.bedrag:
            raise ValueError("hoog is lager dan het bedrag")
        if not self.in_geld and (self.bedrag != 0 or self.waardetype != "sociaal"):
            raise ValueError("een alleen beschreven effect is sociaal en heeft bedrag 0")
        return self


class Catalogusbestand(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kengetallen: tuple[KengetalSchema, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unieke_codes(self) -> Catalogusbestand:
        gezien: set[str] = set()
        for k in self.kengetallen:
            if k.code in gezien:
                raise ValueError(f"de code {k.code} staat twee keer in de catalogus")
            gezien.add(k.code)
        return self


def _pad(pad: str, deel: str | int) -> str:
    if isinstance(deel, int):
        return f"{pad}[{deel}]"
    return f"{pad}.{deel}" if pad else str(deel)


def veld_van(fout: ValidationError, prefix: str = "") -> tuple[str, str]:
    """The first error of a pydantic ValidationError as (field path, Dutch-ish reason)."""
    eerste = fout.errors()[0]
    pad = prefix
    for deel in eerste["loc"]:
        pad = _pad(pad, deel)
    return pad, eerste["msg"].removeprefix("Value error, ")


def valideer_catalogus(gegevens: Any) -> tuple[KengetalSchema, ...]:
    try:
        return Catalogusbestand.model_validate(gegevens).kengetallen
    except ValidationError as fout:
        veld, melding = veld_van(fout)
        raise CatalogusFout(melding, veld=veld) from None


@lru_cache(maxsize=1)
def landelijk() -> tuple[KengetalSchema, ...]:
    """The national catalogue shipped with Doorbraak (read and validated once per process)."""
    with (DATA / "kengetallen.yaml").open(encoding="utf-8") as f:
        return valideer_catalogus(yaml.safe_load(f))


# --- settings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instelling:
    waarde: Any
    bron_titel: str
    bron_url: str
    status: str
    toelichting: str = ""


@dataclass(frozen=True)
class Standaardinstellingen:
    prijspeil: int
    horizon_jaren: int
    max_horizon_jaren: int
    discontovoet: Instelling  # Decimal
    optimisme_opslag: Instelling  # dict grade -> Decimal
    kans_opslag: Instelling  # dict grade -> Decimal, for the ground under a probability
    programma: Programmabewijs
    standaardkansen: Standaardkansregel

    def rekeninstellingen(
        self,
        *,
        horizon_jaren: int | None = None,
        discontovoet: Decimal | None = None,
        optimisme_opslag: Mapping[str, Decimal] | None = None,
        kans_opslag: Mapping[str, Decimal] | None = None,
    ) -> calculator.Instellingen:
        return calculator.Instellingen(
            horizon_jaren=horizon_jaren or self.horizon_jaren,
            discontovoet=self.discontovoet.waarde if discontovoet is None else discontovoet,
            optimisme_opslag={**self.optimisme_opslag.waarde, **(optimisme_opslag or {})},
            kans_opslag={**self.kans_opslag.waarde, **(kans_opslag or {})},
        )


@dataclass(frozen=True)
class Programmabewijs:
    """What comparable programmes achieved: a single case far above it gets a flag."""

    verhouding: Decimal  # 1 : x
    gemeente_per_jaar: Decimal  # gemeente saving per household per year
    plafond_per_jaar: Decimal  # ceiling for the current path per year
    bronnen: tuple[str, ...]


@dataclass(frozen=True)
class Standaardkansregel:
    """When and how the chance of a key event is learned from the follow-ups."""

    prior: standaardkansen.Prior
    minimum: int  # follow-ups needed before the estimate is offered as a default
    bron: Instelling


def _instelling(gegevens: dict, waarde: Any) -> Instelling:
    return Instelling(
        waarde=waarde,
        bron_titel=gegevens["bron"]["titel"],
        bron_url=gegevens["bron"].get("url", ""),
        status=gegevens["status"],
        toelichting=gegevens.get("toelichting", ""),
    )


@lru_cache(maxsize=1)
def instellingen() -> Standaardinstellingen:
    with (DATA / "instellingen.yaml").open(encoding="utf-8") as f:
        g = yaml.safe_load(f)
    prijspeil = int(g["prijspeil"])
    if not prijsindex.standaard().kent(prijspeil):
        raise CatalogusFout("Geen prijsindex voor het prijspeil.", veld="prijspeil")
    return Standaardinstellingen(
        prijspeil=prijspeil,
        horizon_jaren=int(g["horizon_jaren"]),
        max_horizon_jaren=int(g["max_horizon_jaren"]),
        discontovoet=_instelling(g["discontovoet"], Decimal(g["discontovoet"]["waarde"])),
        optimisme_opslag=_instelling(
            g["optimisme_opslag"],
            {k: Decimal(v) for k, v in g["optimisme_opslag"]["per_betrouwbaarheid"].items()},
        ),
        kans_opslag=_instelling(
            g["kans_opslag"],
            {k: Decimal(v) for k, v in g["kans_opslag"]["per_betrouwbaarheid"].items()},
        ),
        programma=Programmabewijs(
            verhouding=Decimal(g["programmabewijs"]["verhouding"]),
            gemeente_per_jaar=Decimal(g["programmabewijs"]["gemeente_per_jaar"]),
            plafond_per_jaar=Decimal(g["programmabewijs"]["plafond_per_jaar"]),
            bronnen=tuple(g["programmabewijs"]["bronnen"]),
        ),
        standaardkansen=Standaardkansregel(
            prior=standaardkansen.Prior(
                kans=Decimal(g["standaardkansen"]["prior_kans"]),
                gewicht=Decimal(g["standaardkansen"]["prior_gewicht"]),
            ),
            minimum=int(g["standaardkansen"]["minimum_nametingen"]),
            bron=_instelling(g["standaardkansen"], None),
        ),
    )


# --- a gemeente's catalogue ----------------------------------------------------------------

# What a gemeente may change about a national entry; everything else stays national.
AANPASBAAR = (
    "bedrag",
    "laag",
    "hoog",
    "prijsjaar",
    "betrouwbaarheid",
    "status",
    "bron",
    "opmerking",
)


@dataclass(frozen=True)
class Catalogusitem:
    """An entry as a gemeente sees it, with its amount brought to the price level."""

    kengetal: KengetalSchema  # the entry in force for this gemeente (own price year)
    herkomst: Herkomst
    landelijk: KengetalSchema | None  # the national entry it overrides, if any
    prijspeil: int
    bedrag: Decimal  # in euros of `prijspeil`
    laag: Decimal | None
    hoog: Decimal | None
    bereik_afgeleid: bool = False  # no range in the source: derived from the grade

    @property
    def code(self) -> str:
        return self.kengetal.code

    def voor_calculator(self) -> calculator.Kengetal:
        k = self.kengetal
        return calculator.Kengetal(
            code=k.code,
            omschrijving=k.omschrijving,
            bedrag=self.bedrag,
            betaler=k.betaler,
            waardetype=k.waardetype,
            betrouwbaarheid=k.betrouwbaarheid,
            eenheid=k.eenheid,
            laag=self.laag,
            hoog=self.hoog,
            in_geld=k.in_geld,
            overdracht_aan=k.overdracht_aan,
        )

    @property
    def eenheid_tekst(self) -> str:
        """'per jaar, per gezin': the unit and whom it counts, in plain words."""
        from doorbraak.mkba.begrippen import EENHEDEN, PER

        tekst = EENHEDEN.get(self.kengetal.eenheid, self.kengetal.eenheid)
        return f"{tekst}, {PER[self.kengetal.per]}" if self.kengetal.per else tekst

    @property
    def betaler_naam(self) -> str:
        from doorbraak.mkba.begrippen import BETALERS

        return BETALERS.get(self.kengetal.betaler, self.kengetal.betaler)

    @property
    def na_reeks(self) -> bool:
        """The price year lies after the last year of the price index: not indexed (warning)."""
        return self.kengetal.prijsjaar > prijsindex.standaard().laatste_jaar


def aanpassing_toepassen(nationaal: KengetalSchema, wijziging: Mapping[str, Any]) -> KengetalSchema:
    """A national entry with a gemeente's changes, validated as a whole."""
    onbekend = sorted(set(wijziging) - set(AANPASBAAR))
    if onbekend:
        raise CatalogusFout(
            "Van een landelijk kengetal kan een gemeente alleen bedrag, bandbreedte, prijsjaar, "
            "betrouwbaarheid, status, bron en opmerking aanpassen.",
            veld=onbekend[0],
        )
    basis = nationaal.model_dump()
    if "bedrag" in wijziging:  # a new amount brings its own range, or none
        basis.update(laag=None, hoog=None)
    return maak_kengetal({**basis, **wijziging})


def maak_kengetal(gegevens: Mapping[str, Any]) -> KengetalSchema:
    try:
        return KengetalSchema.model_validate(dict(gegevens))
    except ValidationError as fout:
        veld, melding = veld_van(fout)
        raise CatalogusFout(melding, veld=veld) from None


def item(
    kengetal: KengetalSchema,
    herkomst: Herkomst,
    landelijk_kengetal: KengetalSchema | None = None,
    *,
    prijspeil: int | None = None,
) -> Catalogusitem:
    peil = prijspeil or instellingen().prijspeil
    index = prijsindex.standaard()

    def naar_peil(bedrag: Decimal | None) -> Decimal | None:
        if bedrag is None:
            return None
        if kengetal.prijsjaar > index.laatste_jaar:  # after the series: used as it is (warned)
            return bedrag.quantize(Decimal("0.01"))
        return index.indexeer(bedrag, kengetal.prijsjaar, peil)

    bedrag = naar_peil(kengetal.bedrag)
    laag, hoog = naar_peil(kengetal.laag), naar_peil(kengetal.hoog)
    afgeleid = laag is None and hoog is None and kengetal.in_geld
    if afgeleid and bedrag is not None:
        spreiding = AFGELEIDE_SPREIDING[kengetal.betrouwbaarheid]
        laag = (bedrag * (1 - spreiding)).quantize(Decimal("0.01"))
        hoog = (bedrag * (1 + spreiding)).quantize(Decimal("0.01"))
    return Catalogusitem(
        kengetal=kengetal,
        herkomst=herkomst,
        landelijk=landelijk_kengetal,
        prijspeil=peil,
        bedrag=bedrag,
        laag=laag if laag is not None else bedrag,
        hoog=hoog if hoog is not None else bedrag,
        bereik_afgeleid=afgeleid,
    )


def kengetal_van_gemeente(code: str, gegevens: Mapping[str, Any]) -> KengetalSchema:
    """A gemeente's entry: changes to a national entry, or a complete own entry."""
    nationaal = {k.code: k for k in landelijk()}.get(code)
    if nationaal is not None:
        return aanpassing_toepassen(nationaal, gegevens)
    return maak_kengetal({**gegevens, "code": code})


def samenvoegen(
    aanpassingen: Iterable[tuple[str, Mapping[str, Any]]], *, prijspeil: int | None = None
) -> dict[str, Catalogusitem]:
    """The national catalogue with a gemeente's entries (code, stored data) on top, by code."""
    nationaal = {k.code: k for k in landelijk()}
    uit = {k.code: item(k, "landelijk", prijspeil=prijspeil) for k in nationaal.values()}
    for code, gegevens in aanpassingen:
        basis = nationaal.get(code)
        kengetal = kengetal_van_gemeente(code, gegevens)
        uit[code] = item(kengetal, "aangepast" if basis else "eigen", basis, prijspeil=prijspeil)
    return dict(sorted(uit.items()))
