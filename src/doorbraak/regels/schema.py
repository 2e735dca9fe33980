"""The schema of a knowledge base file (pydantic): what a beleidsadviseur may write, no more.

See docs/kennisbank.md for the same in Dutch prose. Two kinds of file:
- `feiten.yaml`: the catalogue of named facts (type, question, who answers) and the time a household
  has per urgency;
- a regeling file: one law or local regulation with its voorzieningen, uitzonderingsgronden,
  parameters and example cases. A gemeente's file either replaces a regeling (same `code`) or
  extends it (`uitbreiding_van`).

No Django here: the schema is also used by the command line and the tests.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    Tag,
    model_validator,
)

CODE = r"^[a-z][a-z0-9_]*$"
REGELINGCODE = r"^[A-Z][A-Z0-9_]*$"
OPERATOREN = (
    "is",
    "is_niet",
    "in",
    "niet_in",
    "ten_minste",
    "meer_dan",
    "ten_hoogste",
    "minder_dan",
)
GRONDSOORTEN = (
    "hardheidsclausule",
    "afwijkingsbevoegdheid",
    "zeer_dringende_redenen",
    "afstemming",
    "evenredigheid",
    "weigeringsgrond",
    "spoedbevoegdheid",
    "kan_bepaling",
    "spoedplicht",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Zekerheid(_Model):
    """Every element may say that a fact still has to be checked against the law text."""

    zekerheid: Literal["zeker", "te_controleren"] = "zeker"
    controle: str | None = Field(None, description="Wat nog gecontroleerd moet worden.")

    @model_validator(mode="after")
    def _controle_bij_twijfel(self):
        if self.zekerheid == "te_controleren" and not (self.controle or "").strip():
            raise ValueError("bij zekerheid 'te_controleren' hoort 'controle': wat te controleren")
        return self

    @property
    def te_controleren(self) -> str | None:
        return self.controle if self.zekerheid == "te_controleren" else None


class BronIn(_Model):
    bwb_id: str | None = Field(None, pattern=r"^BWBR\d{7}$")
    cvdr_id: str | None = Field(None, pattern=r"^CVDR\d{1,9}$")
    artikel: str | None = Field(None, min_length=1)
    url: str | None = Field(None, pattern=r"^https://")
    versie: date | None = Field(
        None, description="Datum van de geconsolideerde tekst die is gelezen."
    )
    versies: tuple[date, ...] = Field(
        (),
        description="Alle gelezen geconsolideerde teksten; de check haalt de versie aan die "
        "op de peildatum gold.",
    )


class FeitIn(_Model):
    type: Literal["ja_nee", "getal", "bedrag", "keuze"]
    omschrijving: str = Field(min_length=3)
    vraag: str = Field(min_length=5)
    wie: Literal["huishouden", "professional", "register", "casus"]
    eenheid: str = ""
    keuzes: tuple[str, ...] = ()
    labels: dict[str, str] = Field({}, description="Per keuze de tekst die mensen lezen.")
    per_persoon: bool = Field(False, description="Een feit over één gezinslid (leeftijd, school).")

    @model_validator(mode="after")
    def _keuzes(self):
        if set(self.labels) - set(self.keuzes):
            raise ValueError("labels horen bij bestaande keuzes")
        if self.type == "keuze" and len(self.keuzes) < 2:
            raise ValueError("een keuzefeit heeft minstens twee keuzes")
        if self.type != "keuze" and self.keuzes:
            raise ValueError("alleen een keuzefeit heeft keuzes")
        return self


class FeitencatalogusIn(_Model):
    feiten: dict[Annotated[str, Field(pattern=CODE)], FeitIn]
    termijn_per_urgentie: dict[str, Annotated[int, Field(ge=0)]] = {}


class ParameterwaardeIn(_Zekerheid):
    waarde: Decimal
    geldig_van: date
    geldig_tot: date | None = None
    artikel: str | None = None
    versie: date | None = None


class ParameterIn(_Model):
    omschrijving: str = Field(min_length=3)
    type: Literal["getal", "bedrag"]
    herzien: Literal["halfjaarlijks", "jaarlijks"] | None = None
    waarden: tuple[ParameterwaardeIn, ...] = Field(min_length=1)


class ParameterRef(_Model):
    parameter: str = Field(pattern=CODE)


Operand = StrictBool | StrictInt | StrictFloat | StrictStr | ParameterRef
Lijst = tuple[StrictStr, ...]


class VergelijkingIn(_Zekerheid):
    feit: str = Field(pattern=CODE)
    is_: Operand | None = Field(None, alias="is")
    is_niet: Operand | None = None
    in_: Lijst | None = Field(None, alias="in")
    niet_in: Lijst | None = None
    ten_minste: StrictInt | StrictFloat | ParameterRef | None = None
    meer_dan: StrictInt | StrictFloat | ParameterRef | None = None
    ten_hoogste: StrictInt | StrictFloat | ParameterRef | None = None
    minder_dan: StrictInt | StrictFloat | ParameterRef | None = None
    tekst: str | None = None
    artikel: str | None = None
    wettelijk: bool = Field(
        False,
        description="De voorwaarde herhaalt een wettelijke regel (in een verordening): een "
        "hardheidsclausule van de verordening kan er niet van afwijken.",
    )

    @model_validator(mode="after")
    def _een_operator(self):
        gezet = [op for op in OPERATOREN if self.operand(op) is not None]
        if len(gezet) != 1:
            raise ValueError(
                f"een vergelijking heeft precies één operator ({', '.join(OPERATOREN)}); "
                f"gevonden: {', '.join(gezet) or 'geen'}"
            )
        return self

    def operand(self, operator: str) -> Any:
        return getattr(self, {"is": "is_", "in": "in_"}.get(operator, operator))

    @property
    def operator(self) -> str:
        return next(op for op in OPERATOREN if self.operand(op) is not None)


class AllIn(_Model):
    all: tuple[Voorwaarde, ...] = Field(min_length=1)


class AnyIn(_Model):
    any: tuple[Voorwaarde, ...] = Field(min_length=1)


class NotIn(_Model):
    not_: Voorwaarde = Field(alias="not")
    tekst: str | None = None
    artikel: str | None = None


class UitkomstIn(_Model):
    uitkomst_van: str = Field(pattern=CODE)
    is_: Literal["mogelijk", "niet_mogelijk"] = Field(alias="is")
    tekst: str | None = None
    artikel: str | None = None


def _soort_voorwaarde(v: Any) -> str | None:
    if isinstance(v, dict):
        return next((k for k in ("all", "any", "not", "uitkomst_van", "feit") if k in v), None)
    return {AllIn: "all", AnyIn: "any", NotIn: "not", UitkomstIn: "uitkomst_van"}.get(
        type(v), "feit" if isinstance(v, VergelijkingIn) else None
    )


Voorwaarde = Annotated[
    Annotated[AllIn, Tag("all")]
    | Annotated[AnyIn, Tag("any")]
    | Annotated[NotIn, Tag("not")]
    | Annotated[UitkomstIn, Tag("uitkomst_van")]
    | Annotated[VergelijkingIn, Tag("feit")],
    Discriminator(
        _soort_voorwaarde,
        custom_error_type="voorwaarde",
        custom_error_message="Een voorwaarde begint met all, any, not, feit of uitkomst_van.",
    ),
]

for _m in (AllIn, AnyIn, NotIn):
    _m.model_rebuild()


class SpoedIn(_Model):
    dagen: int = Field(0, ge=0)
    werkdagen: int | None = Field(None, ge=1, description="Termijn in werkdagen (Atw).")
    plicht: bool = Field(False, description="De wet verplicht tot deze snelle stap.")
    als: Voorwaarde
    toelichting: str = Field(min_length=3)
    artikel: str | None = None


class VoorzieningIn(_Zekerheid):
    code: str = Field(pattern=CODE)
    naam: str = Field(min_length=3)
    omschrijving: str = ""
    bron: BronIn | None = None
    artikel: str | None = None
    geldig_van: date | None = None
    geldig_tot: date | None = None
    gecodeerd_van: date | None = Field(
        None, description="Vanaf wanneer de regels zijn gecodeerd (daarvoor: onbekend)."
    )
    voorwaarden: Voorwaarde
    doorlooptijd_dagen: int = Field(ge=0)
    doorlooptijd_toelichting: str = ""
    spoed: SpoedIn | None = None
    administratieve_last: Literal["laag", "gemiddeld", "hoog"]
    knelpunten: tuple[str, ...] = ()
    per_persoon: Literal["kind", "volwassene"] | None = Field(
        None, description="Per gezinslid van deze soort beoordelen (bijv. jeugdhulp per kind)."
    )


class UitzonderingsgrondIn(_Zekerheid):
    code: str = Field(pattern=CODE)
    naam: str = Field(min_length=3)
    soort: Literal[GRONDSOORTEN]  # type: ignore[valid-type]
    bron: BronIn | None = None
    artikel: str | None = None
    geldig_van: date | None = None
    geldig_tot: date | None = None
    wanneer: Voorwaarde
    afweging: str = Field(min_length=10)


class PersoonIn(_Model):
    """A member in an example case, with the outcomes expected for that member."""

    naam: str = Field(min_length=1)
    soort: Literal["kind", "volwassene"]
    feiten: dict[str, Any] = {}
    verwacht: dict[str, Literal["mogelijk", "niet_mogelijk", "onbekend"]] = {}


class VoorbeeldIn(_Model):
    naam: str = Field(min_length=3)
    peildatum: date
    feiten: dict[str, Any] = {}
    verwacht: dict[str, Literal["mogelijk", "niet_mogelijk", "onbekend", "ja", "nee"]] = Field(
        min_length=1
    )
    niet_snel_genoeg: dict[str, bool] = {}
    personen: tuple[PersoonIn, ...] = ()


class RegelingbestandIn(_Zekerheid):
    code: str | None = Field(None, pattern=REGELINGCODE)
    uitbreiding_van: str | None = Field(None, pattern=REGELINGCODE)
    naam: str = Field(min_length=3)
    soort: Literal["wet", "verordening", "beleidsregel"]
    bron: BronIn
    geldig_van: date | None = None
    geldig_tot: date | None = None
    doel: str | None = None
    feiten: dict[Annotated[str, Field(pattern=CODE)], FeitIn] = {}
    parameters: dict[Annotated[str, Field(pattern=CODE)], ParameterIn] = {}
    voorzieningen: tuple[VoorzieningIn, ...] = ()
    uitzonderingsgronden: tuple[UitzonderingsgrondIn, ...] = ()
    voorbeelden: tuple[VoorbeeldIn, ...] = ()

    @model_validator(mode="after")
    def _soort_bestand(self):
        if (self.code is None) == (self.uitbreiding_van is None):
            raise ValueError("geef 'code' (een eigen regeling) of 'uitbreiding_van', niet beide")
        if self.code is not None:
            ontbreekt = [k for k in ("geldig_van", "doel") if getattr(self, k) is None]
            if ontbreekt:
                raise ValueError(f"een regeling heeft ook: {', '.join(ontbreekt)}")
        return self
