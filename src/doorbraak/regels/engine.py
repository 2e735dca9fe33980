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
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Literal

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

    @property
    def identificatie(self) -> str:
        return self.bwb_id or self.cvdr_id or "geen BWB- of CVDR-id"

    def aanhaling(self) -> str:
        """E.g. 'Participatiewet, art. 35 lid 1 (BWBR0015703, versie 2026-07-01)'."""
        versie = f", versie {self.versie.isoformat()}" if self.versie else ""
        artikel = f", art. {self.artikel}" if self.artikel else ""
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
    """A shorter lead time when a condition holds (e.g. Wgs art. 4 lid 2: three working days)."""

    dagen: int
    als: Voorwaarde
    toelichting: str


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

    def geldig_op(self, peildatum: date) -> bool:
        return _geldig(self.geldig_van, self.geldig_tot, peildatum)


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


# --- the outcome -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Stap:
    """One line of the trace: a condition, whether it holds, on which facts, from which article."""

    tekst: str
    voldaan: bool | None
    bron: Bron
    feiten: frozenset[str] = frozenset()

    @property
    def zin(self) -> str:
        """The sentence a professional reads: the condition plus its source."""
        let_op = f" Let op, nog te controleren: {self.bron.controle}" if self.bron.controle else ""
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


@dataclass(frozen=True)
class Tijdigheid:
    """Lead time against the time the household has: 'niet snel genoeg' (seed 000)."""

    doorlooptijd_dagen: int
    termijn_dagen: int | None
    niet_snel_genoeg: bool | None
    reden: str


@dataclass(frozen=True)
class Uitkomst:
    voorziening: Voorziening
    waarde: Uitkomstwaarde
    redenen: tuple[str, ...]
    stappen: tuple[Stap, ...]
    ontbrekende_feiten: tuple[Ontbrekend, ...]
    tijdigheid: Tijdigheid

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

    @property
    def ontbrekende_namen(self) -> frozenset[str]:
        return frozenset(o.feit for o in self.ontbrekende_feiten)

    @property
    def gebruikte_feiten(self) -> frozenset[str]:
        return frozenset().union(*(s.feiten for s in self.stappen))


@dataclass(frozen=True)
class Checkresultaat:
    peildatum: date
    kennisbank_versie: str
    voorzieningen: tuple[Uitkomst, ...]
    uitzonderingsgronden: tuple[Grondoordeel, ...]
    termijn_dagen: int | None
    termijn_reden: str
    ontbrekende_feiten: tuple[Ontbrekend, ...] = field(default=())

    def uitkomst(self, code: str) -> Uitkomst | None:
        return next((u for u in self.voorzieningen if u.voorziening.code == code), None)

    def grond(self, code: str) -> Grondoordeel | None:
        return next((g for g in self.uitzonderingsgronden if g.grond.code == code), None)


# --- Kleene evaluation -----------------------------------------------------------------------

_Ontbrekend = dict[str, dict[str, None]]  # fact -> ordered set of article citations


@dataclass(frozen=True)
class _Oordeel:
    waarde: bool | None
    stappen: tuple[Stap, ...]
    ontbrekend: _Ontbrekend


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


def _evalueer_vergelijking(v: Vergelijking, feiten: Feiten, peildatum: date) -> _Oordeel:
    doel = v.waarde
    bron = v.bron
    if isinstance(doel, Parameter):
        pw = doel.op(peildatum)
        doel = pw.waarde
        if pw.bron.identificatie != bron.identificatie:
            herkomst = f" ({pw.bron.aanhaling()})"
        elif pw.bron.artikel != bron.artikel:
            herkomst = f", art. {pw.bron.artikel}"
        else:
            herkomst = ""
        doeltekst = (
            f"; vereist: {_OPERATOR_TEKST[v.operator]} {v.waarde.omschrijving}, "
            f"{formatteer(doel, v.feit.type)} vanaf {pw.geldig_van.isoformat()}{herkomst}"
        )
        if pw.bron.controle and not bron.controle:
            bron = Bron(**{**bron.__dict__, "controle": pw.bron.controle})
    else:
        doeltekst = f"; vereist: {_OPERATOR_TEKST[v.operator]} {formatteer(doel, v.feit.type)}"
    if v.feit.naam not in feiten:
        return _Oordeel(
            None,
            (
                Stap(
                    f"Onbekend: {v.tekst} — nog niet bekend: {v.feit.omschrijving}.",
                    None,
                    bron,
                    frozenset(),
                ),
            ),
            {v.feit.naam: {bron.aanhaling(): None}},
        )
    feitwaarde = feiten[v.feit.naam]
    voldaan = _vergelijk(v.operator, feitwaarde, doel)
    kop = "Voldaan" if voldaan else "Niet voldaan"
    tekst = (
        f"{kop}: {v.tekst} ({v.feit.omschrijving}: {formatteer(feitwaarde, v.feit.type)}"
        f"{doeltekst})."
    )
    return _Oordeel(voldaan, (Stap(tekst, voldaan, bron, frozenset({v.feit.naam})),), {})


def _samenvoegen(delen: Iterable[_Oordeel]) -> _Ontbrekend:
    samen: _Ontbrekend = {}
    for d in delen:
        for feit, artikelen in d.ontbrekend.items():
            samen.setdefault(feit, {}).update(artikelen)
    return samen


def _stappen(delen: Iterable[_Oordeel]) -> tuple[Stap, ...]:
    return tuple(s for d in delen for s in d.stappen)


def _evalueer(
    node: Voorwaarde, feiten: Feiten, peildatum: date, uitkomsten: Mapping[str, Uitkomst]
) -> _Oordeel:
    if isinstance(node, Vergelijking):
        return _evalueer_vergelijking(node, feiten, peildatum)
    if isinstance(node, Alle | EenVan):
        delen = [_evalueer(d, feiten, peildatum, uitkomsten) for d in node.delen]
        # all: one false child decides (false); any: one true child decides (true).
        beslissend = isinstance(node, EenVan)
        doorslag = [d for d in delen if d.waarde is beslissend]
        if doorslag:
            return _Oordeel(beslissend, _stappen(doorslag), {})
        if all(d.waarde is not None for d in delen):
            return _Oordeel(not beslissend, _stappen(delen), {})
        onbekend = [d for d in delen if d.waarde is None]
        return _Oordeel(None, _stappen(delen), _samenvoegen(onbekend))
    if isinstance(node, Niet):
        binnen = _evalueer(node.deel, feiten, peildatum, uitkomsten)
        if binnen.waarde is None:
            return _Oordeel(None, binnen.stappen, binnen.ontbrekend)
        waarde = not binnen.waarde
        kop = "Voldaan" if waarde else "Niet voldaan"
        slot = Stap(f"{kop}: {node.tekst}.", waarde, node.bron, frozenset())
        return _Oordeel(waarde, (*binnen.stappen, slot), {})
    if isinstance(node, Uitkomstverwijzing):
        return _evalueer_verwijzing(node, uitkomsten)
    raise KennisbankFout(f"Onbekend soort voorwaarde: {type(node).__name__}")


def _evalueer_verwijzing(node: Uitkomstverwijzing, uitkomsten: Mapping[str, Uitkomst]) -> _Oordeel:
    andere = uitkomsten.get(node.voorziening)
    if andere is None:  # not in force on the peildatum: it cannot help
        voldaan = node.uitkomst == NIET_MOGELIJK
        kop = "Voldaan" if voldaan else "Niet voldaan"
        tekst = f"{kop}: {node.tekst} (de voorziening geldt niet op de peildatum)."
        return _Oordeel(voldaan, (Stap(tekst, voldaan, node.bron),), {})
    if andere.waarde == ONBEKEND:
        tekst = f"Onbekend: {node.tekst} — {andere.voorziening.naam} is nog onbekend."
        ontbrekend = {o.feit: dict.fromkeys(o.artikelen) for o in andere.ontbrekende_feiten}
        return _Oordeel(None, (Stap(tekst, None, node.bron),), ontbrekend)
    voldaan = andere.waarde == node.uitkomst
    kop = "Voldaan" if voldaan else "Niet voldaan"
    leesbaar = andere.waarde.replace("_", " ")
    tekst = f"{kop}: {node.tekst} ({andere.voorziening.naam}: {leesbaar})."
    return _Oordeel(voldaan, (Stap(tekst, voldaan, node.bron, andere.gebruikte_feiten),), {})


def _ontbrekend(definities: Mapping[str, Feitdefinitie], o: _Ontbrekend) -> tuple[Ontbrekend, ...]:
    uit = []
    for naam, artikelen in o.items():
        d = definities[naam]
        uit.append(
            Ontbrekend(
                feit=naam,
                type=d.type,
                omschrijving=d.omschrijving,
                vraag=d.vraag,
                wie=d.wie,
                eenheid=d.eenheid,
                keuzes=d.keuzes,
                artikelen=tuple(artikelen),
            )
        )
    return tuple(uit)


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
    dagen = v.doorlooptijd_dagen
    noot = ""
    if v.spoed is not None:
        spoed = _evalueer(v.spoed.als, feiten, peildatum, {})
        if spoed.waarde is True:
            dagen, noot = v.spoed.dagen, f" ({v.spoed.toelichting})"
        elif spoed.waarde is None:
            noot = f" (korter, {v.spoed.dagen} dagen, als: {v.spoed.toelichting}; nog onbekend)"
    if waarde == NIET_MOGELIJK:
        return Tijdigheid(dagen, termijn_dagen, None, "Niet van belang: niet mogelijk.")
    if termijn_dagen is None:
        reden = f"Doorlooptijd {dagen} dagen{noot}; {termijn_reden}."
        return Tijdigheid(dagen, None, None, reden)
    if dagen > termijn_dagen:
        reden = (
            f"Niet snel genoeg: doorlooptijd {dagen} dagen{noot}, het huishouden heeft "
            f"{termijn_dagen} dagen ({termijn_reden})."
        )
        return Tijdigheid(dagen, termijn_dagen, True, reden)
    reden = f"Op tijd: doorlooptijd {dagen} dagen{noot}, binnen {termijn_dagen} dagen."
    return Tijdigheid(dagen, termijn_dagen, False, reden)


def _let_op(controle: str | None) -> tuple[str, ...]:
    return (f"Let op, nog te controleren in de wettekst: {controle}",) if controle else ()


# --- public API ------------------------------------------------------------------------------


def beoordeel(
    voorziening: Voorziening,
    feiten: Feiten,
    peildatum: date,
    *,
    definities: Mapping[str, Feitdefinitie],
    termijn_per_urgentie: Mapping[str, int] | None = None,
) -> Uitkomst:
    """Is this voorziening possible for the household on the peildatum, and why?"""
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
    termijn_dagen, termijn_reden = termijn(feiten, termijn_per_urgentie or {})
    tijdigheid = _tijdigheid(voorziening, waarde, feiten, peildatum, termijn_dagen, termijn_reden)
    redenen = (kop, *_let_op(voorziening.controle), *(s.zin for s in oordeel.stappen))
    return Uitkomst(voorziening, waarde, redenen, oordeel.stappen, ontbrekend, tijdigheid)


def beoordeel_grond(
    grond: Uitzonderingsgrond,
    feiten: Feiten,
    peildatum: date,
    uitkomsten: Mapping[str, Uitkomst],
    *,
    definities: Mapping[str, Feitdefinitie],
) -> Grondoordeel:
    """Can this exception ground be applied? Never 'granted': what must be weighed is named."""
    oordeel = _evalueer(grond.wanneer, feiten, peildatum, uitkomsten)
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
        namen = ", ".join(o.omschrijving for o in ontbrekend)
        kop = f"Onbekend of {grond.naam} toepasbaar is; nog nodig: {namen}."
    redenen = (kop, *_let_op(grond.controle), *(s.zin for s in oordeel.stappen))
    return Grondoordeel(grond, toepasbaar, redenen, oordeel.stappen, ontbrekend)


def beoordeel_alles(kennisbank: Kennisbank, feiten: Feiten, peildatum: date) -> Checkresultaat:
    """Every voorziening and uitzonderingsgrond in force on the peildatum, for one household.

    `feiten` must already be normalised (`Kennisbank.normaliseer`).
    """
    definities = kennisbank.feiten
    uitkomsten: dict[str, Uitkomst] = {}
    gronden: list[Uitzonderingsgrond] = []
    for regeling in kennisbank.regelingen:
        if not regeling.geldig_op(peildatum):
            continue
        for v in regeling.voorzieningen:
            if v.geldig_op(peildatum):
                uitkomsten[v.code] = beoordeel(
                    v,
                    feiten,
                    peildatum,
                    definities=definities,
                    termijn_per_urgentie=kennisbank.termijn_per_urgentie,
                )
        gronden.extend(g for g in regeling.uitzonderingsgronden if g.geldig_op(peildatum))
    oordelen = tuple(
        beoordeel_grond(g, feiten, peildatum, uitkomsten, definities=definities) for g in gronden
    )
    termijn_dagen, termijn_reden = termijn(feiten, kennisbank.termijn_per_urgentie)
    alle_ontbrekend: dict[str, Ontbrekend] = {}
    for item in (*uitkomsten.values(), *oordelen):
        for o in item.ontbrekende_feiten:
            eerder = alle_ontbrekend.get(o.feit)
            if eerder is None:
                alle_ontbrekend[o.feit] = o
            else:
                artikelen = tuple(dict.fromkeys((*eerder.artikelen, *o.artikelen)))
                alle_ontbrekend[o.feit] = Ontbrekend(**{**eerder.__dict__, "artikelen": artikelen})
    return Checkresultaat(
        peildatum=peildatum,
        kennisbank_versie=kennisbank.versie,
        voorzieningen=tuple(uitkomsten.values()),
        uitzonderingsgronden=oordelen,
        termijn_dagen=termijn_dagen,
        termijn_reden=termijn_reden,
        ontbrekende_feiten=tuple(alle_ontbrekend.values()),
    )
