"""The voorliggend check: three-valued (Kleene) evaluation of the knowledge base, with a trace.

Pure Python: nothing from Django is imported here, so the engine is fast, property-testable and
usable from the command line. The knowledge base files are read and checked by `schema.py` and
`kennisbank.py`, which build the frozen dataclasses below; this module only evaluates them.

Principles (ARCHITECTURE.md invariant 7):
- A missing fact is the normal state of a case: a condition on it is *onbekend*, never false and
  never a default. `onbekend` always lists the facts that would decide it, with their type, the
  question in plain Dutch, who can answer it and the article that needs it.
- Kleene logic is monotone: adding a fact can turn `onbekend` into a decision, never a decision
  into `onbekend` or into the opposite decision.
- Every outcome carries the steps that produced it, each naming its source (BWB or CVDR id,
  article, version date). For a decided outcome the steps are sufficient: re-evaluating with only
  the facts they name gives the same outcome.
- Discretion stays human: an uitzonderingsgrond is reported as applicable, not applicable or
  unknown, with what must be weighed; the engine never says it is granted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache
from typing import Literal

import holidays

# --- values and facts ------------------------------------------------------------------------

Waarde = bool | Decimal | str
Feiten = Mapping[str, Waarde]
Uitkomstwaarde = Literal["mogelijk", "niet_mogelijk", "onbekend"]
Toepasbaar = Literal["ja", "nee", "onbekend"]

MOGELIJK: Uitkomstwaarde = "mogelijk"
NIET_MOGELIJK: Uitkomstwaarde = "niet_mogelijk"
ONBEKEND: Uitkomstwaarde = "onbekend"
UITKOMSTEN: tuple[str, ...] = (MOGELIJK, NIET_MOGELIJK, ONBEKEND)
TOEPASBAAR: tuple[str, ...] = ("ja", "nee", "onbekend")

FEITTYPEN = ("ja_nee", "getal", "bedrag", "keuze")
WIE = ("huishouden", "professional", "register", "casus")
# Facts the engine itself reads to compare lead times with the household's urgency.
FEIT_DAGEN_BESCHIKBAAR = "dagen_beschikbaar"
FEIT_URGENTIE = "urgentie"


class OngeldigFeit(ValueError):
    """A fact whose name is unknown or whose value does not fit its type."""

    def __init__(self, naam: str, reden: str):
        super().__init__(f"{naam}: {reden}")
        self.naam = naam
        self.reden = reden


class KennisbankFout(Exception):
    """The knowledge base itself is inconsistent (the validator should have caught it)."""


@dataclass(frozen=True)
class Feitdefinitie:
    """A named fact: its type, how to ask for it, and who can answer it."""

    naam: str
    type: str
    omschrijving: str
    vraag: str
    wie: str
    eenheid: str = ""
    keuzes: tuple[str, ...] = ()
    keuzelabels: tuple[tuple[str, str], ...] = ()  # (keuze, label) for what people read
    per_persoon: bool = False  # a fact about one member (age, school), never the household's

    def ontbrekend(self, artikelen: tuple[str, ...], beslist: int = 0) -> Ontbrekend:
        """This fact as a question, for the articles that need it (built once per list)."""
        cache = self._ontbrekend_cache
        sleutel = (artikelen, beslist)
        o = cache.get(sleutel)
        if o is None:
            if len(cache) > 256:
                cache.clear()
            o = cache[sleutel] = Ontbrekend(
                feit=self.naam,
                type=self.type,
                omschrijving=self.omschrijving,
                vraag=self.vraag,
                wie=self.wie,
                eenheid=self.eenheid,
                keuzes=self.keuzes,
                artikelen=artikelen,
                keuzelabels=self.keuzelabels,
                beslist=beslist,
            )
        return o

    @cached_property
    def _ontbrekend_cache(self) -> dict[tuple[tuple[str, ...], int], Ontbrekend]:
        return {}

    def label(self, waarde: object) -> str:
        """A value as a professional reads it: a choice by its label, never its code."""
        if isinstance(waarde, str):
            return dict(self.keuzelabels).get(waarde, waarde.replace("_", " "))
        return formatteer(waarde, self.type)

    def normaliseer(self, waarde: object) -> Waarde:
        """The value as the engine compares it; raises OngeldigFeit when it does not fit."""
        if self.type == "ja_nee":
            if isinstance(waarde, bool):
                return waarde
            raise OngeldigFeit(self.naam, "Geef ja (true) of nee (false).")
        if self.type in ("getal", "bedrag"):
            getal = _als_decimal(waarde)
            if getal is None:
                raise OngeldigFeit(self.naam, "Geef een getal.")
            if self.type == "bedrag":
                if getal != getal.quantize(Decimal("0.01")):
                    raise OngeldigFeit(self.naam, "Een bedrag heeft ten hoogste twee decimalen.")
                return getal.quantize(Decimal("0.01"))
            return getal
        if self.type == "keuze":
            if isinstance(waarde, str) and waarde in self.keuzes:
                return waarde
            raise OngeldigFeit(self.naam, f"Kies een van: {', '.join(self.keuzes)}.")
        raise KennisbankFout(f"Onbekend feittype {self.type!r} voor {self.naam}.")


def _als_decimal(waarde: object) -> Decimal | None:
    if isinstance(waarde, bool):
        return None
    if isinstance(waarde, Decimal):
        getal = waarde
    elif isinstance(waarde, int | float | str):
        try:
            getal = Decimal(str(waarde).strip())  # via str: no binary float artefacts
        except InvalidOperation:
            return None
    else:
        return None
    return getal if getal.is_finite() else None


def normaliseer_feiten(
    definities: Mapping[str, Feitdefinitie], feiten: Mapping[str, object]
) -> dict[str, Waarde]:
    """Check every fact against its definition; unknown names and wrong types raise."""
    uit: dict[str, Waarde] = {}
    for naam, waarde in feiten.items():
        definitie = definities.get(naam)
        if definitie is None:
            raise OngeldigFeit(naam, "Onbekend feit; zie de kennisbank voor de bekende feiten.")
        uit[naam] = definitie.normaliseer(waarde)
    return uit


# --- sources and rules -----------------------------------------------------------------------


@dataclass(frozen=True)
class Bron:
    """Where a rule comes from: the regeling, its BWB or CVDR id, the article, the version."""

    regeling: str
    regeling_naam: str
    soort: str  # wet, verordening, beleidsregel
    artikel: str
    bwb_id: str | None = None
    cvdr_id: str | None = None
    url: str = ""
    versie: date | None = None
    controle: str | None = None  # set when the fact still has to be checked against the text
    versies: tuple[date, ...] = ()  # the consolidated texts read, oldest first

    @property
    def identificatie(self) -> str:
        return self.bwb_id or self.cvdr_id or "geen BWB- of CVDR-id"

    def op(self, peildatum: date) -> Bron:
        """This source as cited on the peildatum: the text version in force on that day."""
        if not self.versies:
            return self
        cache = self._per_peildatum
        bron = cache.get(peildatum)
        if bron is None:
            bron = cache[peildatum] = self._op(peildatum)
        return bron

    @cached_property
    def _per_peildatum(self) -> dict[date, Bron]:
        return {}

    def _op(self, peildatum: date) -> Bron:
        eerdere = [v for v in self.versies if v <= peildatum]
        versie = eerdere[-1] if eerdere else self.versies[0]
        if versie == self.versie:
            return self
        url = self.url
        if self.versie and url.endswith(self.versie.isoformat()):
            url = url[: -len(self.versie.isoformat())] + versie.isoformat()
        return replace(self, versie=versie, url=url)

    def aanhaling(self) -> str:
        """E.g. 'Participatiewet, art. 35 lid 1 (BWBR0015703, versie 01-07-2026)'."""
        return self._aanhaling

    @cached_property
    def _aanhaling(self) -> str:
        versie = f", versie {self.versie:%d-%m-%Y}" if self.versie else ""  # the house date style
        artikel = f", art. {self.artikel}" if self.artikel else ""
        if self.soort == "verordening" and not self.cvdr_id:
            grondslag = f"wettelijke grondslag {self.bwb_id}{versie}; " if self.bwb_id else ""
            return (
                f"{self.regeling_naam}{artikel} ({grondslag}de verordening van de gemeente is "
                "nog niet vastgelegd met CVDR-id)"
            )
        return f"{self.regeling_naam}{artikel} ({self.identificatie}{versie})"


@dataclass(frozen=True)
class Parameterwaarde:
    waarde: Decimal
    geldig_van: date
    geldig_tot: date | None
    bron: Bron


@dataclass(frozen=True)
class Parameter:
    """A number that changes over time (a norm, a limit), each value with its own validity."""

    naam: str
    omschrijving: str
    type: str  # getal or bedrag
    waarden: tuple[Parameterwaarde, ...]
    herzien: str | None = None  # halfjaarlijks, jaarlijks: indexed, may be out of date

    def verouderd(self, pw: Parameterwaarde, peildatum: date) -> str | None:
        """A warning when the peildatum lies past the last known value of an indexed amount."""
        if self.herzien is None or pw.geldig_tot is not None:
            return None
        maanden = 6 if self.herzien == "halfjaarlijks" else 12
        jaar, maand = divmod(pw.geldig_van.month - 1 + maanden, 12)
        volgende = date(pw.geldig_van.year + jaar, maand + 1, 1)
        if peildatum < volgende:
            return None
        return (
            f"Let op: {self.omschrijving} wordt {self.herzien} herzien; de laatst ingevoerde "
            f"waarde geldt sinds {pw.geldig_van:%d-%m-%Y} en is op {peildatum:%d-%m-%Y} "
            "mogelijk niet meer juist."
        )

    def op(self, peildatum: date) -> Parameterwaarde:
        for w in self.waarden:
            if w.geldig_van <= peildatum and (w.geldig_tot is None or peildatum <= w.geldig_tot):
                return w
        raise KennisbankFout(f"Parameter {self.naam} heeft geen waarde op {peildatum}.")


@dataclass(frozen=True)
class Vergelijking:
    """A comparison of one named fact with a value, a list of values or a parameter."""

    feit: Feitdefinitie
    operator: str
    waarde: Waarde | tuple[str, ...] | Parameter
    bron: Bron
    tekst: str

    @cached_property
    def _cache(self) -> dict[tuple[date, object], _Oordeel]:
        """Evaluations by (peildatum, fact value): the same comparison on the same value gives
        the same step, so its text is formatted once, not on every check."""
        return {}


@dataclass(frozen=True)
class Uitkomstverwijzing:
    """'Voorziening X is niet_mogelijk' — only in uitzonderingsgronden."""

    voorziening: str
    uitkomst: str
    bron: Bron
    tekst: str


@dataclass(frozen=True)
class Alle:
    delen: tuple[Voorwaarde, ...]


@dataclass(frozen=True)
class EenVan:
    delen: tuple[Voorwaarde, ...]


@dataclass(frozen=True)
class Niet:
    deel: Voorwaarde
    bron: Bron
    tekst: str


Voorwaarde = Alle | EenVan | Niet | Vergelijking | Uitkomstverwijzing


def _geldig(van: date | None, tot: date | None, peildatum: date) -> bool:
    return (van is None or van <= peildatum) and (tot is None or peildatum <= tot)


@dataclass(frozen=True)
class Spoed:
    """A shorter lead time when a condition holds: an emergency route the law gives.

    E.g. Wmo 2.3.3 (a duty to decide without delay), Jeugdwet 2.6 lid 1 onder b (crisis), Wgs
    art. 4 lid 2 (three working days: `werkdagen`, counted from the peildatum with weekends and
    public holidays left out)."""

    dagen: int
    als: Voorwaarde
    toelichting: str
    werkdagen: int | None = None
    plicht: bool = False

    def kalenderdagen(self, peildatum: date) -> int:
        if self.werkdagen is None:
            return self.dagen
        return werkdagen_tot(peildatum, self.werkdagen)


@lru_cache(maxsize=16)
def _feestdagen(jaar: int) -> frozenset[date]:
    """Public holidays in the sense of the Algemene termijnenwet (art. 3): the library's Dutch
    holidays, with Liberation Day every year (the Atw counts 5 May, the library only some years)."""
    dagen = set(holidays.country_holidays("NL", years=jaar))
    dagen.add(date(jaar, 5, 5))
    return frozenset(dagen)


def werkdagen_tot(vanaf: date, aantal: int) -> int:
    """Calendar days from `vanaf` to the end of the `aantal`-th working day after it."""
    dag, geteld = vanaf, 0
    while geteld < aantal:
        dag += timedelta(days=1)
        if dag.weekday() < 5 and dag not in _feestdagen(dag.year):
            geteld += 1
    return (dag - vanaf).days


@dataclass(frozen=True)
class Voorziening:
    code: str
    naam: str
    regeling: str
    regeling_naam: str
    omschrijving: str
    bron: Bron
    voorwaarden: Voorwaarde
    doorlooptijd_dagen: int
    administratieve_last: str  # laag, gemiddeld, hoog
    geldig_van: date
    geldig_tot: date | None = None
    spoed: Spoed | None = None
    doorlooptijd_toelichting: str = ""
    knelpunten: tuple[str, ...] = ()
    controle: str | None = None
    gecodeerd_van: date | None = None  # the coding starts later than the law (e.g. norms)
    per_persoon: str | None = None  # "kind" or "volwassene": evaluated for each such member

    def geldig_op(self, peildatum: date) -> bool:
        return _geldig(self.geldig_van, self.geldig_tot, peildatum)

    def gecodeerd_op(self, peildatum: date) -> bool:
        return self.gecodeerd_van is None or self.gecodeerd_van <= peildatum


@dataclass(frozen=True)
class Uitzonderingsgrond:
    code: str
    naam: str
    soort: str  # hardheidsclausule, afwijkingsbevoegdheid, weigeringsgrond, ...
    regeling: str
    regeling_naam: str
    bron: Bron
    wanneer: Voorwaarde
    afweging: str
    geldig_van: date
    geldig_tot: date | None = None
    controle: str | None = None

    def geldig_op(self, peildatum: date) -> bool:
        return _geldig(self.geldig_van, self.geldig_tot, peildatum)


@dataclass(frozen=True)
class Regeling:
    code: str
    naam: str
    soort: str
    bron: Bron
    doel: str
    geldig_van: date
    geldig_tot: date | None
    voorzieningen: tuple[Voorziening, ...]
    uitzonderingsgronden: tuple[Uitzonderingsgrond, ...]
    bestanden: tuple[str, ...] = ()
    controle: str | None = None

    def geldig_op(self, peildatum: date) -> bool:
        return _geldig(self.geldig_van, self.geldig_tot, peildatum)


@dataclass(frozen=True)
class Kennisbank:
    """All regelingen for one gemeente (the defaults plus its own files), ready to evaluate."""

    regelingen: tuple[Regeling, ...]
    feiten: Mapping[str, Feitdefinitie]
    termijn_per_urgentie: Mapping[str, int]
    versie: str  # a hash of the files it was built from

    def normaliseer(self, feiten: Mapping[str, object]) -> dict[str, Waarde]:
        return normaliseer_feiten(self.feiten, feiten)

    @cached_property
    def _feitnamen(self) -> dict[str, tuple[str, ...]]:
        """Per voorziening ("v:code") and grond ("g:code"): every fact its outcome can depend
        on, including the facts of the voorzieningen a grond refers to and the lead time."""
        voorzieningen = {v.code: v for r in self.regelingen for v in r.voorzieningen}

        def namen(node: Voorwaarde, acc: set[str], bezocht: set[str]) -> None:
            if isinstance(node, Vergelijking):
                acc.add(node.feit.naam)
            elif isinstance(node, Alle | EenVan):
                for d in node.delen:
                    namen(d, acc, bezocht)
            elif isinstance(node, Niet):
                namen(node.deel, acc, bezocht)
            elif isinstance(node, Uitkomstverwijzing):
                v = voorzieningen.get(node.voorziening)
                if v is not None and v.code not in bezocht:
                    bezocht.add(v.code)
                    van_voorziening(v, acc, bezocht)

        def van_voorziening(v: Voorziening, acc: set[str], bezocht: set[str]) -> None:
            namen(v.voorwaarden, acc, bezocht)
            if v.spoed is not None:
                namen(v.spoed.als, acc, bezocht)
            acc.update((FEIT_DAGEN_BESCHIKBAAR, FEIT_URGENTIE))

        uit: dict[str, tuple[str, ...]] = {}
        for v in voorzieningen.values():
            acc: set[str] = set()
            van_voorziening(v, acc, {v.code})
            uit[f"v:{v.code}"] = tuple(sorted(acc))
        for r in self.regelingen:
            for g in r.uitzonderingsgronden:
                acc = set()
                namen(g.wanneer, acc, set())
                uit[f"g:{g.code}"] = tuple(sorted(acc))
        return uit

    @cached_property
    def _memo(self) -> dict[tuple, object]:
        return {}

    def onthouden(self, sleutel: str, peildatum: date, feiten: Feiten, bereken):
        """The outcome of one voorziening or grond depends only on the peildatum and the values
        of the facts it names: evaluated once per combination (bounded), shared afterwards
        (outcomes are immutable)."""
        namen = self._feitnamen[sleutel]
        volledig = (sleutel, peildatum, tuple([feiten.get(n, _AFWEZIG) for n in namen]))
        memo = self._memo
        uit = memo.get(volledig)
        if uit is None:
            if len(memo) > 4096:
                memo.clear()
            uit = memo[volledig] = bereken()
        return uit

    def normaliseer_persoon(self, feiten: Mapping[str, object]) -> dict[str, Waarde]:
        """Facts about one member: only facts marked `per_persoon` in the catalogue."""
        for naam in feiten:
            d = self.feiten.get(naam)
            if d is not None and not d.per_persoon:
                raise OngeldigFeit(
                    naam,
                    "Dit feit gaat over het huishouden; geef het bij de feiten, niet per persoon.",
                )
        return normaliseer_feiten(self.feiten, feiten)


# --- the outcome -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Stap:
    """One line of the trace: a condition, whether it holds, on which facts, from which article."""

    tekst: str
    voldaan: bool | None
    bron: Bron
    feiten: frozenset[str] = frozenset()
    waarschuwing: str | None = None

    @cached_property
    def zin(self) -> str:
        """The sentence a professional reads: the condition plus its source. What still has to
        be checked against the law text is for `regels valideer`, not for the professional."""
        let_op = f" {self.waarschuwing}" if self.waarschuwing else ""
        return f"{self.tekst} [{self.bron.aanhaling()}]{let_op}"


@dataclass(frozen=True)
class Ontbrekend:
    """A fact that would decide an outcome: how to ask for it and which articles need it."""

    feit: str
    type: str
    omschrijving: str
    vraag: str
    wie: str
    eenheid: str
    keuzes: tuple[str, ...]
    artikelen: tuple[str, ...]
    keuzelabels: tuple[tuple[str, str], ...] = ()
    beslist: int = 0  # how many outcomes of the check name this fact (ranks the questions)


@dataclass(frozen=True)
class Tijdigheid:
    """Lead time against the time the household has: 'niet snel genoeg' (seed 000)."""

    doorlooptijd_dagen: int
    termijn_dagen: int | None
    niet_snel_genoeg: bool | None
    reden: str
    spoedroute: str | None = None  # the statutory emergency route that set the lead time


@dataclass(frozen=True)
class Uitkomst:
    voorziening: Voorziening
    waarde: Uitkomstwaarde
    redenen: tuple[str, ...]
    stappen: tuple[Stap, ...]
    ontbrekende_feiten: tuple[Ontbrekend, ...]
    tijdigheid: Tijdigheid
    lacune: str | None = None  # onbekend without a fact to ask: e.g. not coded for the date
    bron_op_peildatum: Bron | None = None

    @property
    def ontbrekende_namen(self) -> frozenset[str]:
        return frozenset(o.feit for o in self.ontbrekende_feiten)

    @property
    def gebruikte_feiten(self) -> frozenset[str]:
        return frozenset().union(*(s.feiten for s in self.stappen))

    @property
    def hoge_administratieve_last(self) -> bool:
        return self.voorziening.administratieve_last == "hoog"


@dataclass(frozen=True)
class Grondoordeel:
    grond: Uitzonderingsgrond
    toepasbaar: Toepasbaar
    redenen: tuple[str, ...]
    stappen: tuple[Stap, ...]
    ontbrekende_feiten: tuple[Ontbrekend, ...]
    lacune: str | None = None

    @property
    def ontbrekende_namen(self) -> frozenset[str]:
        return frozenset(o.feit for o in self.ontbrekende_feiten)

    @property
    def gebruikte_feiten(self) -> frozenset[str]:
        return frozenset().union(*(s.feiten for s in self.stappen))


PERSOONSSOORTEN = ("kind", "volwassene")


@dataclass(frozen=True)
class Persoon:
    """One member of the household with the facts about that member only (age, school).

    `naam` is the first name a professional reads on their own page (never a BSN); `sleutel`
    identifies the member for the API (the gezinslid's id)."""

    naam: str
    soort: str  # kind or volwassene
    feiten: Mapping[str, Waarde] = field(default_factory=dict)
    sleutel: str = ""
    leeftijd: int | None = None


@dataclass(frozen=True)
class Persoonsuitkomst:
    """The per-person voorzieningen (jeugdhulp, leerlingenvervoer, AIO) for one member."""

    persoon: Persoon
    voorzieningen: tuple[Uitkomst, ...]

    @property
    def ontbrekende_feiten(self) -> tuple[Ontbrekend, ...]:
        """The facts about this member that would decide one of these outcomes."""
        uit: dict[str, Ontbrekend] = {}
        for u in self.voorzieningen:
            for o in u.ontbrekende_feiten:
                uit.setdefault(o.feit, o)
        return tuple(uit.values())

    def uitkomst(self, code: str) -> Uitkomst | None:
        return next((u for u in self.voorzieningen if u.voorziening.code == code), None)


@dataclass(frozen=True)
class Checkresultaat:
    peildatum: date
    kennisbank_versie: str
    voorzieningen: tuple[Uitkomst, ...]
    uitzonderingsgronden: tuple[Grondoordeel, ...]
    termijn_dagen: int | None
    termijn_reden: str
    ontbrekende_feiten: tuple[Ontbrekend, ...] = field(default=())
    waarschuwingen: tuple[str, ...] = ()
    per_persoon: tuple[Persoonsuitkomst, ...] = ()

    def uitkomst(self, code: str) -> Uitkomst | None:
        return next((u for u in self.voorzieningen if u.voorziening.code == code), None)

    def persoon(self, naam: str) -> Persoonsuitkomst | None:
        return next((p for p in self.per_persoon if p.persoon.naam == naam), None)

    def grond(self, code: str) -> Grondoordeel | None:
        return next((g for g in self.uitzonderingsgronden if g.grond.code == code), None)


# --- Kleene evaluation -----------------------------------------------------------------------

_Ontbrekend = dict[str, dict[str, None]]  # fact -> ordered set of article citations


@dataclass(frozen=True)
class _Oordeel:
    waarde: bool | None
    stappen: tuple[Stap, ...]
    ontbrekend: _Ontbrekend
    lacune: str | None = None


_OPERATOR_TEKST = {
    "is": "is",
    "is_niet": "is niet",
    "in": "is een van",
    "niet_in": "is geen van",
    "ten_minste": "is ten minste",
    "meer_dan": "is meer dan",
    "ten_hoogste": "is ten hoogste",
    "minder_dan": "is minder dan",
}


def formatteer(waarde: object, type_: str = "") -> str:
    """A value as a Dutch professional writes it: ja/nee, € 1.419,46, 6,5."""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, Decimal):
        if type_ == "bedrag":
            tekst = f"{waarde:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
            return f"€ {tekst}"
        genormaliseerd = waarde.normalize()
        tekst = (
            f"{genormaliseerd:f}"
            if genormaliseerd == genormaliseerd.to_integral()
            else str(genormaliseerd)
        )
        return tekst.replace(".", ",")
    if isinstance(waarde, tuple):
        return ", ".join(str(w) for w in waarde)
    return str(waarde)


def _vergelijk(operator: str, feitwaarde: Waarde, doel: Waarde | tuple[str, ...]) -> bool:
    if operator == "is":
        return feitwaarde == doel
    if operator == "is_niet":
        return feitwaarde != doel
    if operator == "in":
        return feitwaarde in doel  # type: ignore[operator]
    if operator == "niet_in":
        return feitwaarde not in doel  # type: ignore[operator]
    if not isinstance(feitwaarde, Decimal) or not isinstance(doel, Decimal):
        raise KennisbankFout(f"Operator {operator} vergelijkt alleen getallen.")
    if operator == "ten_minste":
        return feitwaarde >= doel
    if operator == "meer_dan":
        return feitwaarde > doel
    if operator == "ten_hoogste":
        return feitwaarde <= doel
    if operator == "minder_dan":
        return feitwaarde < doel
    raise KennisbankFout(f"Onbekende operator {operator}.")


# The rank of a source: a hardheidsclausule can set aside conditions of its own rank or lower
# (its own verordening, a beleidsregel), never those of a higher one (a wet).
RANG = {"wet": 3, "verordening": 2, "beleidsregel": 1}


def _boven(bron: Bron, rang: int | None) -> bool:
    return rang is None or RANG.get(bron.soort, 3) > rang


_AFWEZIG = object()  # a fact not in the facts (a cache key, compared by identity)
_VOLDAAN_ZONDER_STAP = _Oordeel(True, (), {})


def _evalueer_vergelijking(
    v: Vergelijking, feiten: Feiten, peildatum: date, boven: int | None = None
) -> _Oordeel:
    if not _boven(v.bron, boven):
        return _VOLDAAN_ZONDER_STAP  # only the conditions of a higher rank are asked for
    sleutel = (peildatum, feiten.get(v.feit.naam, _AFWEZIG))
    cache = v._cache
    oordeel = cache.get(sleutel)
    if oordeel is None:
        if len(cache) > 1024:  # bounded: many peildatums or amounts over a server's life
            cache.clear()
        oordeel = cache[sleutel] = _vergelijking_berekenen(v, feiten, peildatum)
    return oordeel


def _vergelijking_berekenen(v: Vergelijking, feiten: Feiten, peildatum: date) -> _Oordeel:
    """Results are cached and shared: nothing downstream may change them."""
    doel = v.waarde
    bron = v.bron.op(peildatum)
    waarschuwing = None
    if isinstance(doel, Parameter):
        pw = doel.op(peildatum)
        if doel.herzien is not None:
            waarschuwing = doel.verouderd(pw, peildatum)
        if v.feit.naam not in feiten:
            return _Oordeel(
                None,
                (Stap(f"Nog onbekend: {v.tekst}.", None, bron, frozenset(), waarschuwing),),
                {v.feit.naam: {bron.aanhaling(): None}},
            )
        doel = pw.waarde
        if pw.bron.identificatie != bron.identificatie:
            herkomst = f" ({pw.bron.aanhaling()})"
        elif pw.bron.artikel != bron.artikel:
            herkomst = f", art. {pw.bron.artikel}"
        else:
            herkomst = ""
        doeltekst = (
            f"; vereist: {_OPERATOR_TEKST[v.operator]} {v.waarde.omschrijving}, "
            f"{formatteer(doel, v.feit.type)} vanaf {pw.geldig_van:%d-%m-%Y}{herkomst}"
        )
    else:
        doeltekst = ""
    if v.feit.naam not in feiten:
        return _Oordeel(
            None,
            (Stap(f"Nog onbekend: {v.tekst}.", None, bron, frozenset(), waarschuwing),),
            {v.feit.naam: {bron.aanhaling(): None}},
        )
    feitwaarde = feiten[v.feit.naam]
    voldaan = _vergelijk(v.operator, feitwaarde, doel)
    kop = "Voldaan" if voldaan else "Niet voldaan"
    tekst = f"{kop}: {v.tekst} ({v.feit.omschrijving}: {v.feit.label(feitwaarde)}{doeltekst})."
    return _Oordeel(
        voldaan, (Stap(tekst, voldaan, bron, frozenset({v.feit.naam}), waarschuwing),), {}
    )


def _samenvoegen(delen: Iterable[_Oordeel]) -> _Ontbrekend:
    samen: _Ontbrekend = {}
    for d in delen:
        for feit, artikelen in d.ontbrekend.items():
            samen.setdefault(feit, {}).update(artikelen)
    return samen


def _stappen(delen: Iterable[_Oordeel]) -> tuple[Stap, ...]:
    return tuple(s for d in delen for s in d.stappen)


def _evalueer(
    node: Voorwaarde,
    feiten: Feiten,
    peildatum: date,
    uitkomsten: Mapping[str, Uitkomst],
    *,
    boven: int | None = None,
    clausule: int | None = None,
) -> _Oordeel:
    """Kleene evaluation. `boven`: only conditions ranked above it count (the rest hold);
    `clausule`: the rank of the hardheidsclausule whose condition this is, if any."""
    if isinstance(node, Vergelijking):
        return _evalueer_vergelijking(node, feiten, peildatum, boven)
    if isinstance(node, Alle | EenVan):
        delen = [
            _evalueer(d, feiten, peildatum, uitkomsten, boven=boven, clausule=clausule)
            for d in node.delen
        ]
        # all: one false child decides (false); any: one true child decides (true).
        beslissend = isinstance(node, EenVan)
        doorslag = [d for d in delen if d.waarde is beslissend]
        if doorslag:
            return _Oordeel(beslissend, _stappen(doorslag), {})
        if all(d.waarde is not None for d in delen):
            return _Oordeel(not beslissend, _stappen(delen), {})
        onbekend = [d for d in delen if d.waarde is None]
        # an 'any' still open: the branches that failed do not apply and are not shown
        getoond = onbekend if beslissend else delen
        lacune = next((d.lacune for d in onbekend if d.lacune), None)
        return _Oordeel(None, _stappen(getoond), _samenvoegen(onbekend), lacune)
    if isinstance(node, Niet):
        if not _boven(node.bron, boven):
            return _Oordeel(True, (), {})
        binnen = _evalueer(node.deel, feiten, peildatum, uitkomsten, clausule=clausule)
        if binnen.waarde is None:
            return _Oordeel(None, binnen.stappen, binnen.ontbrekend, binnen.lacune)
        waarde = not binnen.waarde
        kop = "Voldaan" if waarde else "Niet voldaan"
        slot = Stap(f"{kop}: {node.tekst}.", waarde, node.bron.op(peildatum), frozenset())
        return _Oordeel(waarde, (*binnen.stappen, slot), {})
    if isinstance(node, Uitkomstverwijzing):
        return _evalueer_verwijzing(node, feiten, peildatum, uitkomsten, clausule)
    raise KennisbankFout(f"Onbekend soort voorwaarde: {type(node).__name__}")


def _evalueer_verwijzing(
    node: Uitkomstverwijzing,
    feiten: Feiten,
    peildatum: date,
    uitkomsten: Mapping[str, Uitkomst],
    clausule: int | None,
) -> _Oordeel:
    bron = node.bron.op(peildatum)
    andere = uitkomsten.get(node.voorziening)
    if andere is None:  # not in force on the peildatum: it cannot help
        voldaan = node.uitkomst == NIET_MOGELIJK and clausule is None
        kop = "Voldaan" if voldaan else "Niet voldaan"
        onderwerp = node.tekst or "de voorziening waarnaar deze grond verwijst"
        tekst = f"{kop}: {onderwerp} (geldt niet op de peildatum)."
        return _Oordeel(voldaan, (Stap(tekst, voldaan, bron),), {})
    naam = andere.voorziening.naam
    leesbaar = andere.waarde.replace("_", " ")
    tekst_basis = node.tekst or f"{naam} is {node.uitkomst.replace('_', ' ')}"
    if andere.waarde == ONBEKEND:
        tekst = f"Nog onbekend: {tekst_basis} ({naam} is nog onbekend)."
        ontbrekend = {o.feit: dict.fromkeys(o.artikelen) for o in andere.ontbrekende_feiten}
        return _Oordeel(None, (Stap(tekst, None, bron),), ontbrekend, andere.lacune)
    voldaan = andere.waarde == node.uitkomst
    gebruikt = andere.gebruikte_feiten
    if voldaan and clausule is not None and node.uitkomst == NIET_MOGELIJK:
        # A hardheidsclausule of a verordening can set aside only conditions of its own rank,
        # never a statutory one: every condition of a higher rank must be met.
        wet = _evalueer(andere.voorziening.voorwaarden, feiten, peildatum, {}, boven=clausule)
        if wet.waarde is None:
            tekst = (
                f"Nog onbekend: {tekst_basis}; of de wettelijke voorwaarden voor {naam} zijn "
                "vervuld, is nog niet bekend (van een wettelijke voorwaarde kan een "
                "hardheidsclausule niet afwijken)."
            )
            return _Oordeel(None, (Stap(tekst, None, bron), *wet.stappen), wet.ontbrekend)
        gebruikt = gebruikt | frozenset().union(*(s.feiten for s in wet.stappen))
        if wet.waarde is False:
            tekst = (
                f"Niet voldaan: {naam} is niet mogelijk door een wettelijke voorwaarde; een "
                "hardheidsclausule van de verordening kan daar niet van afwijken."
            )
            geblokkeerd = tuple(s for s in wet.stappen if s.voldaan is False)
            return _Oordeel(False, (Stap(tekst, False, bron, gebruikt), *geblokkeerd), {})
        tekst = (
            f"Voldaan: {naam} is niet mogelijk door een voorwaarde van de verordening zelf; "
            "aan de wettelijke voorwaarden is voldaan."
        )
        return _Oordeel(True, (Stap(tekst, True, bron, gebruikt),), {})
    kop = "Voldaan" if voldaan else "Niet voldaan"
    tekst = f"{kop}: {tekst_basis} ({naam}: {leesbaar})."
    return _Oordeel(voldaan, (Stap(tekst, voldaan, bron, gebruikt),), {})


def _ontbrekend(definities: Mapping[str, Feitdefinitie], o: _Ontbrekend) -> tuple[Ontbrekend, ...]:
    return tuple(definities[naam].ontbrekend(tuple(artikelen)) for naam, artikelen in o.items())


# --- lead time against urgency ---------------------------------------------------------------


def termijn(feiten: Feiten, per_urgentie: Mapping[str, int]) -> tuple[int | None, str]:
    """How many days the household has: entered explicitly, else derived from the urgency."""
    dagen = feiten.get(FEIT_DAGEN_BESCHIKBAAR)
    if isinstance(dagen, Decimal):
        return int(dagen), f"opgegeven: oplossing nodig binnen {formatteer(dagen)} dagen"
    urgentie = feiten.get(FEIT_URGENTIE)
    if isinstance(urgentie, str):
        if urgentie in per_urgentie:
            n = per_urgentie[urgentie]
            return n, f"urgentie {urgentie}: oplossing nodig binnen {n} dagen"
        return None, f"urgentie {urgentie}: geen termijn"
    return None, "geen termijn bekend (urgentie en beschikbare dagen ontbreken)"


def _tijdigheid(
    v: Voorziening,
    waarde: Uitkomstwaarde,
    feiten: Feiten,
    peildatum: date,
    termijn_dagen: int | None,
    termijn_reden: str,
) -> Tijdigheid:
    """Emergency routes count first: where the law obliges a quicker step (Wmo 2.3.3, Jeugdwet
    2.6 lid 1 onder b, Wgs 4 lid 2, Pw 52), that lead time is compared with the household's."""
    dagen = v.doorlooptijd_dagen
    noot, route = "", None
    if v.spoed is not None:
        spoed = _evalueer(v.spoed.als, feiten, peildatum, {})
        spoeddagen = v.spoed.kalenderdagen(peildatum)
        soort = "wettelijke plicht" if v.spoed.plicht else "spoedroute"
        if spoed.waarde is True:
            dagen, noot = spoeddagen, f" ({soort}: {v.spoed.toelichting})"
            route = v.spoed.toelichting
        elif spoed.waarde is None:
            noot = f" (korter, {spoeddagen} dagen, als: {v.spoed.toelichting}; nog onbekend)"
    if waarde == NIET_MOGELIJK:
        return Tijdigheid(dagen, termijn_dagen, None, "Niet van belang: niet mogelijk.", route)
    if termijn_dagen is None:
        reden = f"Doorlooptijd {dagen} dagen{noot}; {termijn_reden}."
        return Tijdigheid(dagen, None, None, reden, route)
    if dagen > termijn_dagen:
        reden = (
            f"Niet snel genoeg: doorlooptijd {dagen} dagen{noot}, het huishouden heeft "
            f"{termijn_dagen} dagen ({termijn_reden})."
        )
        return Tijdigheid(dagen, termijn_dagen, True, reden, route)
    reden = f"Op tijd: doorlooptijd {dagen} dagen{noot}, binnen {termijn_dagen} dagen."
    return Tijdigheid(dagen, termijn_dagen, False, reden, route)


# --- public API ------------------------------------------------------------------------------

NIET_GECODEERD = (
    "niet gecodeerd voor deze datum: de kennisbank kent de regels op deze peildatum nog niet; "
    "beoordeel deze voorziening zelf"
)
NIET_INGESTELD = (
    "niet ingesteld: een hardheidsclausule bestaat alleen als de verordening van de gemeente "
    "haar heeft; de gemeente legt die vast met CVDR-id en artikel"
)


def beoordeel(
    voorziening: Voorziening,
    feiten: Feiten,
    peildatum: date,
    *,
    definities: Mapping[str, Feitdefinitie],
    termijn_per_urgentie: Mapping[str, int] | None = None,
) -> Uitkomst:
    """Is this voorziening possible for the household on the peildatum, and why?"""
    termijn_dagen, termijn_reden = termijn(feiten, termijn_per_urgentie or {})
    bron = voorziening.bron.op(peildatum)
    if not voorziening.gecodeerd_op(peildatum):
        kop = f"Onbekend: {voorziening.naam} is {NIET_GECODEERD}."
        tijdigheid = _tijdigheid(
            voorziening, ONBEKEND, feiten, peildatum, termijn_dagen, termijn_reden
        )
        return Uitkomst(voorziening, ONBEKEND, (kop,), (), (), tijdigheid, NIET_GECODEERD, bron)
    oordeel = _evalueer(voorziening.voorwaarden, feiten, peildatum, {})
    waarde: Uitkomstwaarde = (
        ONBEKEND if oordeel.waarde is None else MOGELIJK if oordeel.waarde else NIET_MOGELIJK
    )
    ontbrekend = _ontbrekend(definities, oordeel.ontbrekend)
    if waarde == MOGELIJK:
        kop = f"Mogelijk: aan de voorwaarden voor {voorziening.naam} is voldaan."
    elif waarde == NIET_MOGELIJK:
        kop = f"Niet mogelijk: niet voldaan aan een voorwaarde voor {voorziening.naam}."
    else:
        namen = ", ".join(o.omschrijving for o in ontbrekend)
        kop = f"Onbekend: om {voorziening.naam} te beoordelen ontbreekt nog: {namen}."
    tijdigheid = _tijdigheid(voorziening, waarde, feiten, peildatum, termijn_dagen, termijn_reden)
    redenen = (kop, *(s.zin for s in oordeel.stappen))
    return Uitkomst(
        voorziening, waarde, redenen, oordeel.stappen, ontbrekend, tijdigheid, None, bron
    )


def beoordeel_grond(
    grond: Uitzonderingsgrond,
    feiten: Feiten,
    peildatum: date,
    uitkomsten: Mapping[str, Uitkomst],
    *,
    definities: Mapping[str, Feitdefinitie],
) -> Grondoordeel:
    """Can this exception ground be applied? Never 'granted': what must be weighed is named.

    A hardheidsclausule acts only on conditions of its own verordening, never on a statutory
    one, and a municipal clausule stays onbekend until the gemeente's file names it (CVDR id)."""
    is_clausule = grond.soort == "hardheidsclausule"
    clausule = RANG.get(grond.bron.soort, 3) if is_clausule else None
    if is_clausule and grond.bron.soort == "verordening" and not grond.bron.cvdr_id:
        kop = f"Onbekend: {grond.naam} is {NIET_INGESTELD}."
        return Grondoordeel(grond, "onbekend", (kop,), (), (), NIET_INGESTELD)
    oordeel = _evalueer(grond.wanneer, feiten, peildatum, uitkomsten, clausule=clausule)
    ontbrekend = _ontbrekend(definities, oordeel.ontbrekend)
    if oordeel.waarde is True:
        toepasbaar: Toepasbaar = "ja"
        kop = (
            f"Toepasbaar, af te wegen: {grond.afweging} Dit is geen toekenning: de afweging en "
            "het besluit liggen bij de bevoegde medewerker."
        )
    elif oordeel.waarde is False:
        toepasbaar = "nee"
        kop = f"Niet toepasbaar: niet voldaan aan een voorwaarde voor {grond.naam}."
    else:
        toepasbaar = "onbekend"
        namen = ", ".join(o.omschrijving for o in ontbrekend) or (oordeel.lacune or "")
        kop = f"Onbekend of {grond.naam} toepasbaar is; nog nodig: {namen}."
    redenen = (kop, *(s.zin for s in oordeel.stappen))
    lacune = oordeel.lacune if toepasbaar == "onbekend" and not ontbrekend else None
    return Grondoordeel(grond, toepasbaar, redenen, oordeel.stappen, ontbrekend, lacune)


def persoonsfeiten(
    definities: Mapping[str, Feitdefinitie], feiten: Feiten, persoon: Persoon
) -> dict[str, Waarde]:
    """The facts for evaluating one member: the household's facts about the household, and
    only the member's own facts about a member (one child's age is not another's)."""
    uit = {k: w for k, w in feiten.items() if not _per_persoon(definities, k)}
    uit.update(persoon.feiten)
    return uit


def _per_persoon(definities: Mapping[str, Feitdefinitie], naam: str) -> bool:
    d = definities.get(naam)
    return d is not None and d.per_persoon


def beoordeel_personen(
    kennisbank: Kennisbank, feiten: Feiten, peildatum: date, personen: Iterable[Persoon]
) -> tuple[Persoonsuitkomst, ...]:
    """Each per-person voorziening in force on the peildatum, for each member of its kind."""
    per_soort: dict[str, list[Voorziening]] = {}
    for regeling in kennisbank.regelingen:
        if not regeling.geldig_op(peildatum):
            continue
        for v in regeling.voorzieningen:
            if v.per_persoon and v.geldig_op(peildatum):
                per_soort.setdefault(v.per_persoon, []).append(v)
    uit = []
    for p in personen:
        eigen = persoonsfeiten(kennisbank.feiten, feiten, p)
        uitkomsten = tuple(
            kennisbank.onthouden(
                f"v:{v.code}",
                peildatum,
                eigen,
                lambda v=v, eigen=eigen: beoordeel(
                    v,
                    eigen,
                    peildatum,
                    definities=kennisbank.feiten,
                    termijn_per_urgentie=kennisbank.termijn_per_urgentie,
                ),
            )
            for v in per_soort.get(p.soort, ())
        )
        uit.append(Persoonsuitkomst(p, uitkomsten))
    return tuple(uit)


def beoordeel_alles(
    kennisbank: Kennisbank,
    feiten: Feiten,
    peildatum: date,
    personen: Iterable[Persoon] = (),
) -> Checkresultaat:
    """Every voorziening and uitzonderingsgrond in force on the peildatum, for one household.

    `feiten` must already be normalised (`Kennisbank.normaliseer`). The missing facts come
    ranked: first the ones that the most outcomes wait for. With `personen`, the per-person
    voorzieningen are also evaluated for each member (`per_persoon`).
    """
    definities = kennisbank.feiten
    uitkomsten: dict[str, Uitkomst] = {}
    gronden: list[Uitzonderingsgrond] = []
    for regeling in kennisbank.regelingen:
        if not regeling.geldig_op(peildatum):
            continue
        for v in regeling.voorzieningen:
            if v.geldig_op(peildatum):
                uitkomsten[v.code] = kennisbank.onthouden(
                    f"v:{v.code}",
                    peildatum,
                    feiten,
                    lambda v=v: beoordeel(
                        v,
                        feiten,
                        peildatum,
                        definities=definities,
                        termijn_per_urgentie=kennisbank.termijn_per_urgentie,
                    ),
                )
        gronden.extend(g for g in regeling.uitzonderingsgronden if g.geldig_op(peildatum))
    oordelen = tuple(
        kennisbank.onthouden(
            f"g:{g.code}",
            peildatum,
            feiten,
            lambda g=g: beoordeel_grond(g, feiten, peildatum, uitkomsten, definities=definities),
        )
        for g in gronden
    )
    termijn_dagen, termijn_reden = termijn(feiten, kennisbank.termijn_per_urgentie)
    eerste: dict[str, Ontbrekend] = {}
    artikelen: dict[str, dict[str, None]] = {}
    tellers: dict[str, int] = {}
    waarschuwingen: dict[str, None] = {}
    for item in (*uitkomsten.values(), *oordelen):
        for s in item.stappen:
            if s.waarschuwing:
                waarschuwingen[s.waarschuwing] = None
        for o in item.ontbrekende_feiten:
            tellers[o.feit] = tellers.get(o.feit, 0) + 1
            eerste.setdefault(o.feit, o)
            artikelen.setdefault(o.feit, {}).update(dict.fromkeys(o.artikelen))
    gerangschikt = sorted(eerste.values(), key=lambda o: -tellers[o.feit])
    return Checkresultaat(
        peildatum=peildatum,
        kennisbank_versie=kennisbank.versie,
        voorzieningen=tuple(uitkomsten.values()),
        uitzonderingsgronden=oordelen,
        termijn_dagen=termijn_dagen,
        termijn_reden=termijn_reden,
        ontbrekende_feiten=tuple(
            definities[o.feit].ontbrekend(tuple(artikelen[o.feit]), tellers[o.feit])
            for o in gerangschikt
        ),
        waarschuwingen=tuple(waarschuwingen),
        per_persoon=beoordeel_personen(kennisbank, feiten, peildatum, personen),
    )
