"""Reading, checking and combining the knowledge base files into an engine.Kennisbank.

No Django here: the Django side (`selectors.kennisbank_voor`) only chooses the folders — the
shipped defaults plus the gemeente's own folder — and caches the result.

Combining: the default folder holds `feiten.yaml` and one file per regeling. A gemeente folder
may add facts, add regelingen, replace a default regeling (a file with the same `code`), or
extend one (`uitbreiding_van: CODE`): its voorzieningen, uitzonderingsgronden and parameters are
added, and an element with the code of an existing one replaces it.

Every problem is reported with the file and the field (`voorzieningen[2].voorwaarden.all[0].feit`),
so a beleidsadviseur can find it; `doorbraak regels valideer` prints them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from doorbraak.regels import engine, schema
from doorbraak.regels.engine import Bron, Feitdefinitie, OngeldigFeit

STANDAARD_MAP = Path(__file__).resolve().parent / "kennisbank"
FEITENBESTAND = "feiten.yaml"


@dataclass(frozen=True)
class Melding:
    """One problem (or warning) in one file, at one field."""

    bestand: str
    veld: str
    melding: str

    def __str__(self) -> str:
        return f"{self.bestand}: {self.veld or '(bestand)'}: {self.melding}"


class KennisbankOngeldig(Exception):
    def __init__(self, fouten: Sequence[Melding]):
        self.fouten = list(fouten)
        super().__init__("\n".join(str(f) for f in self.fouten))


@dataclass(frozen=True)
class Voorbeeld:
    bestand: str
    index: int
    voorbeeld: schema.VoorbeeldIn


@dataclass(frozen=True)
class Geladen:
    kennisbank: engine.Kennisbank
    voorbeelden: tuple[Voorbeeld, ...]
    waarschuwingen: tuple[Melding, ...] = ()


@dataclass
class _Bestand:
    pad: Path
    naam: str  # as shown in messages: relative to its folder's parent
    inhoud: bytes
    model: Any = None


@dataclass
class _Regelingbouw:
    basis: _Bestand
    uitbreidingen: list[_Bestand] = field(default_factory=list)


# --- reading ---------------------------------------------------------------------------------


_TAGS = ("all", "any", "not", "uitkomst_van", "feit")
_VOORWAARDEPLEK = ("voorwaarden", "wanneer", "als", "not")


def _veld(loc: Iterable[Any]) -> str:
    """Pydantic's location as the file reads: voorzieningen[2].voorwaarden.all[0].feit.

    A condition is a tagged union, so pydantic repeats the tag (`all`, `feit`, ...) in the
    location of every condition; those tags are left out.
    """
    pad, vorige, tag_verwacht = "", None, False
    for deel in loc:
        if tag_verwacht and deel in _TAGS:
            tag_verwacht = False
            continue
        if isinstance(deel, int):
            pad += f"[{deel}]"
            tag_verwacht = vorige in ("all", "any")
        else:
            pad += f".{deel}" if pad else str(deel)
            tag_verwacht = deel in _VOORWAARDEPLEK
        vorige = deel
    return pad


def _lees(pad: Path, naam: str, fouten: list[Melding]) -> tuple[bytes, Any] | None:
    try:
        inhoud = pad.read_bytes()
        data = yaml.safe_load(inhoud)
    except yaml.YAMLError as fout:
        plek = getattr(fout, "problem_mark", None)
        regel = f"regel {plek.line + 1}" if plek else "(yaml)"
        fouten.append(Melding(naam, regel, f"geen geldige YAML: {getattr(fout, 'problem', fout)}"))
        return None
    except OSError as fout:
        fouten.append(Melding(naam, "", f"niet te lezen: {fout}"))
        return None
    if not isinstance(data, dict):
        fouten.append(Melding(naam, "", "het bestand moet een YAML-mapping zijn"))
        return None
    return inhoud, data


def _valideer(model: type, data: Any, naam: str, fouten: list[Melding]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as fout:
        for f in fout.errors():
            fouten.append(Melding(naam, _veld(f["loc"]), f["msg"]))
        return None


def _bestanden(map_: Path, fouten: list[Melding]) -> list[_Bestand]:
    uit = []
    for pad in sorted(map_.glob("*.yaml")):
        naam = f"{map_.name}/{pad.name}"
        gelezen = _lees(pad, naam, fouten)
        if gelezen is None:
            continue
        inhoud, data = gelezen
        model = schema.FeitencatalogusIn if pad.name == FEITENBESTAND else schema.RegelingbestandIn
        uit.append(_Bestand(pad, naam, inhoud, _valideer(model, data, naam, fouten)))
    return uit


# --- building --------------------------------------------------------------------------------


class _Bouwer:
    """Turns validated file models into engine dataclasses, collecting every problem."""

    def __init__(self, feiten: dict[str, Feitdefinitie], fouten: list[Melding]):
        self.feiten = feiten
        self.fouten = fouten
        self.codes: set[str] = set()

    def fout(self, bestand: _Bestand, veld: str, melding: str) -> None:
        self.fouten.append(Melding(bestand.naam, veld, melding))

    # sources

    def bron(
        self,
        bestand: _Bestand,
        regeling: str,
        veld: str,
        eigen: schema.BronIn | None = None,
        artikel: str | None = None,
        controle: str | None = None,
        basis: Bron | None = None,
        artikel_verplicht: bool = True,
    ) -> Bron:
        m: schema.RegelingbestandIn = bestand.model
        b = m.bron

        def kies(naam: str) -> Any:
            waarde = getattr(eigen, naam, None) if eigen else None
            return waarde if waarde is not None else getattr(b, naam)

        artikel = artikel or (eigen.artikel if eigen and eigen.artikel else None)
        artikel = artikel or (basis.artikel if basis else None) or b.artikel
        if not artikel and artikel_verplicht:
            self.fout(bestand, veld, "geen artikel: geef 'artikel' of 'bron.artikel'")
            artikel = "?"
        artikel = artikel or ""
        if basis is None:  # an element: its own doubt, else the file's
            controle = controle or m.te_controleren
        bwb_id, cvdr_id = kies("bwb_id"), kies("cvdr_id")
        versies = (eigen.versies if eigen and eigen.versies else None) or b.versies
        if not (bwb_id or cvdr_id) and not controle and basis is None:
            self.fout(
                bestand,
                veld,
                "geen BWB- of CVDR-id: geef de bron, of markeer 'zekerheid: te_controleren' "
                "met wat nog moet worden opgezocht",
            )
        return Bron(
            regeling=regeling,
            regeling_naam=m.naam,
            soort=m.soort,
            artikel=artikel,
            bwb_id=bwb_id,
            cvdr_id=cvdr_id,
            url=kies("url") or "",
            versie=kies("versie"),
            controle=controle,
            versies=tuple(sorted(versies)),
        )

    # parameters

    def parameters(
        self, bestanden: Sequence[_Bestand], regeling: str
    ) -> dict[str, tuple[engine.Parameter, _Bestand]]:
        uit: dict[str, tuple[engine.Parameter, _Bestand]] = {}
        for bestand in bestanden:
            for naam, p in bestand.model.parameters.items():
                veld = f"parameters.{naam}"
                waarden = sorted(p.waarden, key=lambda w: w.geldig_van)
                gebouwd = []
                for i, w in enumerate(waarden):
                    wveld = f"{veld}.waarden[{i}]"
                    if w.geldig_tot is not None and w.geldig_tot < w.geldig_van:
                        self.fout(bestand, wveld, "geldig_tot ligt voor geldig_van")
                    if i + 1 < len(waarden):
                        volgende = waarden[i + 1].geldig_van
                        if w.geldig_tot != volgende - timedelta(days=1):
                            self.fout(
                                bestand,
                                wveld,
                                "waarden sluiten niet aan: geldig_tot moet de dag voor de "
                                f"volgende geldig_van ({volgende}) zijn",
                            )
                    elif w.geldig_tot is not None:
                        self.fout(bestand, wveld, "de laatste waarde heeft geen geldig_tot")
                    if p.type == "bedrag" and w.waarde != w.waarde.quantize(Decimal("0.01")):
                        self.fout(bestand, wveld, "een bedrag heeft ten hoogste twee decimalen")
                    bron = self.bron(
                        bestand,
                        regeling,
                        wveld,
                        artikel=w.artikel,
                        controle=w.te_controleren,
                    )
                    if w.versie:
                        bron = Bron(**{**bron.__dict__, "versie": w.versie})
                    else:
                        bron = bron.op(w.geldig_van)
                    gebouwd.append(
                        engine.Parameterwaarde(w.waarde, w.geldig_van, w.geldig_tot, bron)
                    )
                uit[naam] = (
                    engine.Parameter(naam, p.omschrijving, p.type, tuple(gebouwd), p.herzien),
                    bestand,
                )
        return uit

    # conditions

    def voorwaarde(
        self,
        node: Any,
        bestand: _Bestand,
        veld: str,
        basis: Bron,
        regeling: str,
        parameters: Mapping[str, tuple[engine.Parameter, _Bestand]],
        verwijzingen: list[tuple[str, _Bestand, str]] | None,
        gebruikt: dict[str, None],
    ) -> engine.Voorwaarde:
        if isinstance(node, schema.AllIn | schema.AnyIn):
            sleutel = "all" if isinstance(node, schema.AllIn) else "any"
            delen = tuple(
                self.voorwaarde(
                    d,
                    bestand,
                    f"{veld}.{sleutel}[{i}]",
                    basis,
                    regeling,
                    parameters,
                    verwijzingen,
                    gebruikt,
                )
                for i, d in enumerate(getattr(node, sleutel))
            )
            return engine.Alle(delen) if sleutel == "all" else engine.EenVan(delen)
        if isinstance(node, schema.NotIn):
            bron = self.bron(bestand, regeling, veld, artikel=node.artikel, basis=basis)
            deel = self.voorwaarde(
                node.not_,
                bestand,
                f"{veld}.not",
                bron,
                regeling,
                parameters,
                verwijzingen,
                gebruikt,
            )
            return engine.Niet(deel, bron, node.tekst or "de uitsluiting is niet van toepassing")
        if isinstance(node, schema.UitkomstIn):
            if verwijzingen is None:
                self.fout(bestand, veld, "uitkomst_van kan alleen in een uitzonderingsgrond")
            else:
                verwijzingen.append((node.uitkomst_van, bestand, f"{veld}.uitkomst_van"))
            bron = self.bron(bestand, regeling, veld, artikel=node.artikel, basis=basis)
            tekst = node.tekst or ""  # the engine names the voorziening by its name
            return engine.Uitkomstverwijzing(node.uitkomst_van, node.is_, bron, tekst)
        return self.vergelijking(node, bestand, veld, basis, regeling, parameters, gebruikt)

    def vergelijking(
        self,
        node: schema.VergelijkingIn,
        bestand: _Bestand,
        veld: str,
        basis: Bron,
        regeling: str,
        parameters: Mapping[str, tuple[engine.Parameter, _Bestand]],
        gebruikt: dict[str, None],
    ) -> engine.Vergelijking:
        bron = self.bron(
            bestand,
            regeling,
            veld,
            artikel=node.artikel,
            controle=node.te_controleren,
            basis=basis,
        )
        if node.wettelijk:
            bron = Bron(**{**bron.__dict__, "soort": "wet"})
        definitie = self.feiten.get(node.feit)
        operator = node.operator
        operand = node.operand(operator)
        if definitie is None:
            self.fout(
                bestand, f"{veld}.feit", f"onbekend feit {node.feit!r}; declareer het in feiten"
            )
            definitie = Feitdefinitie(node.feit, "keuze", node.feit, node.feit, "professional")
            return engine.Vergelijking(definitie, operator, "", bron, node.tekst or node.feit)
        gebruikt[node.feit] = None
        toegestaan = {
            "ja_nee": ("is", "is_niet"),
            "keuze": ("is", "is_niet", "in", "niet_in"),
        }.get(definitie.type, schema.OPERATOREN)
        if operator not in toegestaan:
            self.fout(
                bestand,
                f"{veld}.{operator}",
                f"operator {operator} past niet bij feit {node.feit} ({definitie.type})",
            )
        waarde: Any
        if isinstance(operand, schema.ParameterRef):
            gevonden = parameters.get(operand.parameter)
            if gevonden is None:
                self.fout(
                    bestand, f"{veld}.{operator}", f"onbekende parameter {operand.parameter!r}"
                )
                waarde = Decimal(0)
            else:
                waarde = gevonden[0]
                if definitie.type not in ("getal", "bedrag"):
                    self.fout(
                        bestand, f"{veld}.{operator}", "een parameter vergelijkt alleen getallen"
                    )
            doeltekst = waarde.omschrijving if isinstance(waarde, engine.Parameter) else "?"
        elif isinstance(operand, tuple):
            for w in operand:
                self._normaliseer(definitie, w, bestand, f"{veld}.{operator}")
            waarde = operand
            doeltekst = ", ".join(definitie.label(w) for w in operand)
        else:
            waarde = self._normaliseer(definitie, operand, bestand, f"{veld}.{operator}")
            doeltekst = definitie.label(waarde)
        tekst = node.tekst or (
            f"{definitie.omschrijving} {engine._OPERATOR_TEKST[operator]} {doeltekst}"
        )
        return engine.Vergelijking(definitie, operator, waarde, bron, tekst)

    def _normaliseer(self, d: Feitdefinitie, waarde: Any, bestand: _Bestand, veld: str) -> Any:
        try:
            return d.normaliseer(waarde)
        except OngeldigFeit as fout:
            self.fout(bestand, veld, f"waarde past niet bij feit {d.naam}: {fout.reden}")
            return waarde

    # voorzieningen and gronden

    def geldigheid(
        self, bestand: _Bestand, veld: str, van: date | None, tot: date | None, regeling: Any
    ) -> tuple[date, date | None]:
        van = van or regeling.geldig_van
        tot = tot if tot is not None else regeling.geldig_tot
        if tot is not None and tot < van:
            self.fout(bestand, f"{veld}.geldig_tot", "geldig_tot ligt voor geldig_van")
        return van, tot

    def uniek(self, bestand: _Bestand, veld: str, code: str) -> None:
        if code in self.codes:
            self.fout(bestand, f"{veld}.code", f"code {code!r} komt al eerder voor")
        self.codes.add(code)

    def dekking(
        self,
        bestand: _Bestand,
        veld: str,
        van: date,
        gebruikt: Iterable[str],
        parameters: Mapping[str, tuple[engine.Parameter, _Bestand]],
    ) -> None:
        """A parameter must have a value on every day its rule is in force."""
        for naam in gebruikt:
            if naam in parameters and parameters[naam][0].waarden[0].geldig_van > van:
                eerste = parameters[naam][0].waarden[0].geldig_van
                self.fout(
                    bestand,
                    f"{veld}.geldig_van",
                    f"parameter {naam} heeft pas een waarde vanaf {eerste}; laat de regel niet "
                    f"eerder ({van}) ingaan",
                )

    def regeling(
        self, bouw: _Regelingbouw, verwijzingen: list[tuple[str, _Bestand, str]]
    ) -> engine.Regeling:
        basis: schema.RegelingbestandIn = bouw.basis.model
        code = basis.code
        assert code is not None
        alle = [bouw.basis, *bouw.uitbreidingen]
        parameters = self.parameters(alle, code)
        voorzieningen: dict[str, engine.Voorziening] = {}
        gronden: dict[str, engine.Uitzonderingsgrond] = {}
        for bestand in alle:
            m: schema.RegelingbestandIn = bestand.model
            for i, v in enumerate(m.voorzieningen):
                veld = f"voorzieningen[{i}]"
                if v.code not in voorzieningen:
                    self.uniek(bestand, veld, v.code)
                voorzieningen[v.code] = self.voorziening(bestand, veld, v, basis, code, parameters)
            for i, g in enumerate(m.uitzonderingsgronden):
                veld = f"uitzonderingsgronden[{i}]"
                if g.code not in gronden:
                    self.uniek(bestand, veld, g.code)
                gronden[g.code] = self.grond(
                    bestand, veld, g, basis, code, parameters, verwijzingen
                )
        bron = self.bron(bouw.basis, code, "bron", artikel_verplicht=False)
        return engine.Regeling(
            code=code,
            naam=basis.naam,
            soort=basis.soort,
            bron=bron,
            doel=(basis.doel or "").strip(),
            geldig_van=basis.geldig_van,  # type: ignore[arg-type]
            geldig_tot=basis.geldig_tot,
            voorzieningen=tuple(voorzieningen.values()),
            uitzonderingsgronden=tuple(gronden.values()),
            bestanden=tuple(b.naam for b in alle),
            controle=basis.te_controleren,
        )

    def voorziening(self, bestand, veld, v: schema.VoorzieningIn, basis, code, parameters):
        bron = self.bron(
            bestand, code, veld, eigen=v.bron, artikel=v.artikel, controle=v.te_controleren
        )
        gebruikt: dict[str, None] = {}
        parametergebruik: dict[str, None] = {}
        voorwaarden = self.voorwaarde(
            v.voorwaarden, bestand, f"{veld}.voorwaarden", bron, code, parameters, None, gebruikt
        )
        _verzamel_parameters(v.voorwaarden, parametergebruik)
        van, tot = self.geldigheid(bestand, veld, v.geldig_van, v.geldig_tot, basis)
        self.dekking(bestand, veld, max(van, v.gecodeerd_van or van), parametergebruik, parameters)
        spoed = None
        if v.spoed is not None:
            sbron = self.bron(bestand, code, f"{veld}.spoed", artikel=v.spoed.artikel, basis=bron)
            als = self.voorwaarde(
                v.spoed.als, bestand, f"{veld}.spoed.als", sbron, code, parameters, None, gebruikt
            )
            if not v.spoed.dagen and not v.spoed.werkdagen:
                self.fout(bestand, f"{veld}.spoed", "geef 'dagen' of 'werkdagen'")
            spoed = engine.Spoed(
                v.spoed.dagen, als, v.spoed.toelichting, v.spoed.werkdagen, v.spoed.plicht
            )
        return engine.Voorziening(
            code=v.code,
            naam=v.naam,
            regeling=code,
            regeling_naam=basis.naam,
            omschrijving=v.omschrijving.strip(),
            bron=bron,
            voorwaarden=voorwaarden,
            doorlooptijd_dagen=v.doorlooptijd_dagen,
            administratieve_last=v.administratieve_last,
            geldig_van=van,
            geldig_tot=tot,
            spoed=spoed,
            doorlooptijd_toelichting=v.doorlooptijd_toelichting.strip(),
            knelpunten=v.knelpunten,
            controle=bron.controle,
            gecodeerd_van=v.gecodeerd_van,
            per_persoon=v.per_persoon,
        )

    def grond(self, bestand, veld, g: schema.UitzonderingsgrondIn, basis, code, parameters, verw):
        bron = self.bron(
            bestand, code, veld, eigen=g.bron, artikel=g.artikel, controle=g.te_controleren
        )
        gebruikt: dict[str, None] = {}
        parametergebruik: dict[str, None] = {}
        wanneer = self.voorwaarde(
            g.wanneer, bestand, f"{veld}.wanneer", bron, code, parameters, verw, gebruikt
        )
        _verzamel_parameters(g.wanneer, parametergebruik)
        van, tot = self.geldigheid(bestand, veld, g.geldig_van, g.geldig_tot, basis)
        self.dekking(bestand, veld, van, parametergebruik, parameters)
        return engine.Uitzonderingsgrond(
            code=g.code,
            naam=g.naam,
            soort=g.soort,
            regeling=code,
            regeling_naam=basis.naam,
            bron=bron,
            wanneer=wanneer,
            afweging=" ".join(g.afweging.split()),
            geldig_van=van,
            geldig_tot=tot,
            controle=bron.controle,
        )


def _verzamel_parameters(node: Any, uit: dict[str, None]) -> None:
    if isinstance(node, schema.AllIn):
        for d in node.all:
            _verzamel_parameters(d, uit)
    elif isinstance(node, schema.AnyIn):
        for d in node.any:
            _verzamel_parameters(d, uit)
    elif isinstance(node, schema.NotIn):
        _verzamel_parameters(node.not_, uit)
    elif isinstance(node, schema.VergelijkingIn):
        operand = node.operand(node.operator)
        if isinstance(operand, schema.ParameterRef):
            uit[operand.parameter] = None


def _feiten(bestanden: Sequence[_Bestand], fouten: list[Melding]) -> dict[str, Feitdefinitie]:
    feiten: dict[str, Feitdefinitie] = {}
    for bestand in bestanden:
        for naam, f in bestand.model.feiten.items():
            d = Feitdefinitie(
                naam=naam,
                type=f.type,
                omschrijving=f.omschrijving,
                vraag=f.vraag,
                wie=f.wie,
                eenheid=f.eenheid,
                keuzes=tuple(f.keuzes),
                keuzelabels=tuple(f.labels.items()),
                per_persoon=f.per_persoon,
            )
            eerder = feiten.get(naam)
            if eerder is not None and eerder.type != d.type:
                fouten.append(
                    Melding(
                        bestand.naam, f"feiten.{naam}", f"feit {naam} heeft al type {eerder.type}"
                    )
                )
                continue
            feiten[naam] = d
    return feiten


def laad(mappen: Sequence[Path], *, vandaag: date | None = None) -> Geladen:
    """Build the knowledge base from the default folder followed by zero or more gemeente folders.

    Raises KennisbankOngeldig with every problem found (file and field) when anything is wrong.
    """
    fouten: list[Melding] = []
    per_map = [_bestanden(m, fouten) for m in mappen]
    if fouten:
        raise KennisbankOngeldig(fouten)
    catalogi = [b for bs in per_map for b in bs if b.pad.name == FEITENBESTAND]
    regelingbestanden = [[b for b in bs if b.pad.name != FEITENBESTAND] for bs in per_map]
    if not catalogi:
        raise KennisbankOngeldig([Melding(FEITENBESTAND, "", "de feitencatalogus ontbreekt")])
    feiten = _feiten([*catalogi, *(b for bs in regelingbestanden for b in bs)], fouten)
    termijnen: dict[str, int] = {}
    for c in catalogi:
        termijnen.update(c.model.termijn_per_urgentie)

    bouw: dict[str, _Regelingbouw] = {}
    for bestanden in regelingbestanden:
        # own regelingen first, then extensions (of the defaults or of this folder's own)
        for b in sorted(bestanden, key=lambda b: b.model.code is None):
            m: schema.RegelingbestandIn = b.model
            if m.code is not None:
                bouw[m.code] = _Regelingbouw(b)  # a gemeente's file replaces the default
            elif m.uitbreiding_van in bouw:
                bouw[m.uitbreiding_van].uitbreidingen.append(b)
            else:
                fouten.append(
                    Melding(b.naam, "uitbreiding_van", f"onbekende regeling {m.uitbreiding_van!r}")
                )

    bouwer = _Bouwer(feiten, fouten)
    verwijzingen: list[tuple[str, _Bestand, str]] = []
    regelingen = tuple(bouwer.regeling(b, verwijzingen) for b in bouw.values())
    voorzieningcodes = {v.code for r in regelingen for v in r.voorzieningen}
    for code, bestand, veld in verwijzingen:
        if code not in voorzieningcodes:
            fouten.append(Melding(bestand.naam, veld, f"onbekende voorziening {code!r}"))
    for feit in (engine.FEIT_URGENTIE, engine.FEIT_DAGEN_BESCHIKBAAR):
        if feit not in feiten:
            fouten.append(Melding(FEITENBESTAND, f"feiten.{feit}", "dit feit is verplicht"))
    if fouten:
        raise KennisbankOngeldig(fouten)

    alle_bestanden = [b for bs in per_map for b in bs]
    hash_ = hashlib.sha256()
    for b in alle_bestanden:
        hash_.update(b.naam.encode() + b"\0" + b.inhoud + b"\0")
    kennisbank = engine.Kennisbank(
        regelingen=regelingen,
        feiten=feiten,
        termijn_per_urgentie=termijnen,
        versie=hash_.hexdigest()[:16],
    )
    voorbeelden = tuple(
        Voorbeeld(b.naam, i, vb)
        for bs in regelingbestanden
        for b in bs
        for i, vb in enumerate(b.model.voorbeelden)
    )
    return Geladen(kennisbank, voorbeelden, _waarschuwingen(regelingbestanden, vandaag))


_HERZIENING = {"halfjaarlijks": 184, "jaarlijks": 366}


def _waarschuwingen(per_map: Sequence[Sequence[_Bestand]], vandaag: date | None) -> tuple:
    """Amounts that are indexed regularly and whose newest value may be out of date."""
    if vandaag is None:
        return ()
    uit = []
    for bestanden in per_map:
        for b in bestanden:
            for naam, p in b.model.parameters.items():
                if p.herzien is None:
                    continue
                laatste = max(w.geldig_van for w in p.waarden)
                if (vandaag - laatste).days > _HERZIENING[p.herzien]:
                    uit.append(
                        Melding(
                            b.naam,
                            f"parameters.{naam}",
                            f"de nieuwste waarde geldt sinds {laatste}; deze wordt {p.herzien} "
                            "herzien: controleer of er een nieuwere waarde is",
                        )
                    )
    return tuple(uit)


# --- example cases ---------------------------------------------------------------------------


def voer_voorbeelden_uit(geladen: Geladen, *, alleen_map: str | None = None) -> list[Melding]:
    """Run the example cases of the files; each mismatch is a Melding naming file and field.

    `alleen_map` limits the run to the examples of one folder (a gemeente's own files: the
    defaults' examples hold for the defaults, not necessarily for a gemeente that changed them).
    """
    kb = geladen.kennisbank
    voorzieningen = {v.code for r in kb.regelingen for v in r.voorzieningen}
    gronden = {g.code for r in kb.regelingen for g in r.uitzonderingsgronden}
    fouten: list[Melding] = []
    for vb in geladen.voorbeelden:
        if alleen_map is not None and not vb.bestand.startswith(f"{alleen_map}/"):
            continue
        veld = f"voorbeelden[{vb.index}]"
        try:
            feiten = kb.normaliseer(vb.voorbeeld.feiten)
        except OngeldigFeit as fout:
            fouten.append(Melding(vb.bestand, f"{veld}.feiten.{fout.naam}", fout.reden))
            continue
        personen = []
        for j, p in enumerate(vb.voorbeeld.personen):
            try:
                eigen = kb.normaliseer_persoon(p.feiten)
            except OngeldigFeit as fout:
                plek = f"{veld}.personen[{j}].feiten.{fout.naam}"
                fouten.append(Melding(vb.bestand, plek, fout.reden))
                continue
            personen.append(engine.Persoon(p.naam, p.soort, eigen))
        resultaat = engine.beoordeel_alles(kb, feiten, vb.voorbeeld.peildatum, personen)
        for j, p in enumerate(vb.voorbeeld.personen):
            per = resultaat.persoon(p.naam)
            for code, verwacht in p.verwacht.items():
                uitkomst = per.uitkomst(code) if per else None
                gekregen = uitkomst.waarde if uitkomst else "niet per persoon voor deze soort"
                if gekregen != verwacht:
                    fouten.append(
                        Melding(
                            vb.bestand,
                            f"{veld}.personen[{j}].verwacht.{code}",
                            f"voorbeeld '{vb.voorbeeld.naam}', {p.naam}: verwacht {verwacht}, "
                            f"uitkomst {gekregen}",
                        )
                    )
        for code, verwacht in vb.voorbeeld.verwacht.items():
            plek = f"{veld}.verwacht.{code}"
            if code in voorzieningen:
                uitkomst = resultaat.uitkomst(code)
                gekregen = uitkomst.waarde if uitkomst else "geldt niet op de peildatum"
            elif code in gronden:
                oordeel = resultaat.grond(code)
                gekregen = oordeel.toepasbaar if oordeel else "geldt niet op de peildatum"
            else:
                fouten.append(Melding(vb.bestand, plek, f"onbekende voorziening of grond {code!r}"))
                continue
            if gekregen != verwacht:
                fouten.append(
                    Melding(
                        vb.bestand,
                        plek,
                        f"voorbeeld '{vb.voorbeeld.naam}': verwacht {verwacht}, "
                        f"uitkomst {gekregen}",
                    )
                )
        for code, verwacht_flag in vb.voorbeeld.niet_snel_genoeg.items():
            uitkomst = resultaat.uitkomst(code)
            gekregen_flag = uitkomst.tijdigheid.niet_snel_genoeg if uitkomst else None
            if gekregen_flag != verwacht_flag:
                fouten.append(
                    Melding(
                        vb.bestand,
                        f"{veld}.niet_snel_genoeg.{code}",
                        f"voorbeeld '{vb.voorbeeld.naam}': verwacht {verwacht_flag}, "
                        f"uitkomst {gekregen_flag}",
                    )
                )
    return fouten


def controles(geladen: Geladen) -> list[Melding]:
    """Everything still marked 'te controleren' against the law text: for `regels valideer`
    and the beleidsadviseur, never shown to the professional in a check."""
    uit: dict[tuple[str, str], None] = {}
    for r in geladen.kennisbank.regelingen:
        for v in r.voorzieningen:
            if v.controle:
                uit[(v.code, v.controle)] = None
            for s in _bladeren(v.voorwaarden):
                if s.controle:
                    uit[(v.code, s.controle)] = None
        for g in r.uitzonderingsgronden:
            if g.controle:
                uit[(g.code, g.controle)] = None
    return [Melding(code, "", tekst) for code, tekst in uit]


def _bladeren(node: engine.Voorwaarde) -> Iterable[Bron]:
    if isinstance(node, engine.Alle | engine.EenVan):
        for d in node.delen:
            yield from _bladeren(d)
    elif isinstance(node, engine.Niet):
        yield node.bron
        yield from _bladeren(node.deel)
    else:
        yield node.bron


def gemeentemappen(basis: Iterable[Path], gemeentecode: str) -> list[Path]:
    """The folders with a gemeente's own files, in order (later ones win)."""
    return [m / gemeentecode for m in basis if (m / gemeentecode).is_dir()]
