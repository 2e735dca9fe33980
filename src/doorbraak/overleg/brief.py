"""The case brief for a table, composed for one viewer (need to know, invariant 6a).

`stel_brief_samen` is the one function that composes a brief: for staff of the gemeente
(`Kijker.intern`) the minimised dossier; for a partner organisation only the question to the table,
what the regisseur selected for that organisation (per category) and that table's own afspraken.
The regisseur's preview of a partner's brief calls the same function with that partner as viewer.

Everything is composed from the grounds valid at the moment of reading: a withdrawn ground takes
the names (and the categories it named) back at once. Free text is masked on the way out with
`doorbraak.maskering`: names, BSN-shaped numbers, dates of birth, IBANs, phone numbers and
e-mail addresses always (names only where no ground applies); addresses, exact amounts and
special-category terms unless a ground names their category.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from doorbraak.casussen.models import Casus
from doorbraak.casussen.verloop import domeinverloop, scoreregels, totale_jaarkosten
from doorbraak.maskering import GEMASKEERD, Masker, Persoon, masker_voor
from doorbraak.overleg.models import BIJZONDERE_CATEGORIEEN, Categorie

__all__ = ["GEMASKEERD", "Casusbrief", "Deling", "Kijker", "stel_brief_samen"]

#: Dates this many years before today are masked in text for partners (birth dates of adults).
OUDE_DATUM_JAREN = 12


def pseudoniem(index: int) -> str:
    """0 → 'Huishouden A', 25 → 'Huishouden Z', 26 → 'Huishouden AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"Huishouden {letters}"


def leeftijd(geboortedatum: date, op: date) -> int:
    return (
        op.year
        - geboortedatum.year
        - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
    )


@dataclass(frozen=True)
class Kijker:
    """Who reads: staff of the gemeente, or one partner organisation at the table."""

    intern: bool
    organisatie: str = ""


INTERN = Kijker(intern=True)


@dataclass(frozen=True)
class Deling:
    """What may be shared about one case with one viewer, from the grounds valid now."""

    grondslagen: tuple = ()
    categorieen: frozenset[str] = frozenset()

    @property
    def namen(self) -> bool:
        return bool(self.grondslagen)

    def toont(self, categorie: str) -> bool:
        """A selected category reaches the partner: a special one only on a ground naming it."""
        return categorie not in BIJZONDERE_CATEGORIEEN or categorie in self.categorieen


def deling(grondslagen: Iterable, overleg_id, kijker: Kijker) -> Deling:
    """The active grounds that apply: for this table (or all tables) and, for a partner, for
    its organisation (or all organisations at the table)."""
    geldig = tuple(
        g
        for g in grondslagen
        if g.ingetrokken_op is None
        and g.overleg_id in (None, overleg_id)
        and (kijker.intern or g.organisatie in ("", kijker.organisatie))
    )
    categorieen = frozenset(c for g in geldig for c in (g.categorieen or []))
    return Deling(geldig, categorieen)


def personen(casus: Casus) -> list[Persoon]:
    """Everyone in the case whose name must not leave: members and the helpers' contacts."""
    uit = [
        Persoon(lid.voornaam, lid.achternaam, lid.geboortedatum)
        for lid in casus.huishouden.gezinsleden.all()
    ]
    uit += [
        Persoon.uit_naam(h.contactpersoon) for h in casus.hulpverleners.all() if h.contactpersoon
    ]
    return uit


def masker(casus: Casus, kijker: Kijker, deel: Deling, aanduiding: str, vandaag: date) -> Masker:
    """The masker for this viewer: staff see the dossier anyway, so for them only names and
    identifiers are masked where no ground is recorded; partners get everything masked that no
    ground names."""
    woorden = {casus.huishouden.naam: aanduiding}
    if kijker.intern:
        return Masker(
            personen=tuple(personen(casus)),
            woorden=woorden,
            namen=not deel.namen,
            adressen=not deel.namen,
            bedragen=False,
            bijzonder=frozenset(),
        )
    return masker_voor(
        personen(casus),
        woorden=woorden,
        gedeeld=deel.categorieen,
        namen_gedeeld=deel.namen,
        drempeljaar=vandaag.year - OUDE_DATUM_JAREN,
    )


@dataclass
class Casusbrief:
    aanduiding: str
    gepseudonimiseerd: bool
    grondslag: str
    overleg: str
    datum: date
    vraag: str
    doelgroep: str
    urgentie: str
    status: str
    volledig: bool
    voor: str
    gedeelde_categorieen: list[str]
    onderdelen: list[dict]
    aanleiding: str
    postcode: str
    gezin: list[str]
    situatie: str
    perspectief: str
    doorbraak: str
    scores: list[dict]
    hulpverleners: list[dict]
    jaarkosten: Decimal | None
    knelpunten: list[dict]
    open_acties: list[dict]
    regelcheck: dict | None
    mkba: dict | None
    eerdere_afspraken: list[dict] = field(default_factory=list)


def stel_brief_samen(
    *,
    casus: Casus,
    agendapunt,
    kijker: Kijker,
    aanduiding: str,
    deel: Deling,
    vandaag: date,
    briefdelen: Sequence = (),
    regelcheck=None,
    mkba=None,
    eerdere_afspraken: Sequence = (),
) -> Casusbrief:
    """The brief of one agenda item as `kijker` may see it (see the module docstring)."""
    tekst = masker(casus, kijker, deel, aanduiding, vandaag)
    gedeeld = deel.namen
    gezin = []
    if kijker.intern or gedeeld:
        for lid in casus.huishouden.gezinsleden.all():
            jaar = leeftijd(lid.geboortedatum, vandaag)
            if gedeeld:
                gezin.append(
                    f"{lid.voornaam} {lid.achternaam}, {lid.get_rol_display().lower()}, {jaar} jaar"
                )
            else:
                gezin.append(f"{lid.get_rol_display()}, {jaar} jaar")
    labels = dict(Categorie.choices)
    onderdelen = [
        {"categorie": d.categorie, "naam": str(labels[d.categorie]), "tekst": tekst(d.tekst)}
        for d in sorted(briefdelen, key=lambda d: Categorie.values.index(d.categorie))
        if not kijker.intern and d.organisatie == kijker.organisatie and deel.toont(d.categorie)
    ]
    afspraken = [
        {
            "wat": tekst(a.wat),
            "wie": tekst(a.wie),
            "deadline": a.deadline,
            "open": a.open,
            "datum": a.agendapunt.bijeenkomst.datum,
        }
        for a in eerdere_afspraken
    ]
    postcode = ""
    if gedeeld and (kijker.intern or Categorie.WONEN in deel.categorieen):
        postcode = casus.huishouden.postcode
    brief = Casusbrief(
        aanduiding=aanduiding,
        gepseudonimiseerd=not gedeeld,
        grondslag="; ".join(str(g) for g in deel.grondslagen),
        overleg=agendapunt.bijeenkomst.overleg.naam,
        datum=agendapunt.bijeenkomst.datum,
        vraag=tekst(agendapunt.vraag),
        doelgroep=casus.doelgroep.naam,
        urgentie=casus.get_urgentie_display(),
        status=casus.get_status_display(),
        volledig=kijker.intern,
        voor=kijker.organisatie,
        gedeelde_categorieen=[str(labels[c]) for c in Categorie.values if c in deel.categorieen],
        onderdelen=onderdelen,
        aanleiding="",
        postcode=postcode,
        gezin=gezin,
        situatie="",
        perspectief="",
        doorbraak="",
        scores=[],
        hulpverleners=[],
        jaarkosten=None,
        knelpunten=[],
        open_acties=[],
        regelcheck=None,
        mkba=None,
        eerdere_afspraken=afspraken,
    )
    if kijker.intern:
        _dossier(brief, casus, tekst, regelcheck, mkba)
    return brief


def _dossier(brief: Casusbrief, casus: Casus, tekst: Masker, regelcheck, mkba) -> None:
    """For staff: the minimised dossier (ages, no BSN, no contact details of helpers)."""
    plan = casus.doorbraakplan
    hulpverleners = list(casus.hulpverleners.all())
    samenvatting = (regelcheck.uitkomst or {}).get("samenvatting", {}) if regelcheck else None
    brief.aanleiding = tekst(casus.aanleiding)
    brief.situatie = tekst(plan.situatie)
    brief.perspectief = tekst(plan.perspectief)
    brief.doorbraak = tekst(plan.doorbraak)
    brief.scores = [
        {"naam": v.naam, "score": v.laatste, "verschil": v.verschil}
        for v in domeinverloop(scoreregels(casus.metingen.all()))
    ]
    brief.hulpverleners = [
        {"organisatie": h.organisatie, "rol": tekst(h.rol), "jaarkosten": h.geschatte_jaarkosten}
        for h in hulpverleners
    ]
    brief.jaarkosten = totale_jaarkosten(hulpverleners)
    brief.knelpunten = [
        {
            "omschrijving": tekst(k.omschrijving),
            "soort": k.get_soort_display(),
            "bron": " ".join(x for x in (k.regeling, k.artikel) if x),
        }
        for k in plan.knelpunten.all()
    ]
    brief.open_acties = [
        {
            "omschrijving": tekst(a.omschrijving),
            "eigenaar": tekst(a.eigenaar),
            "deadline": a.deadline,
        }
        for a in plan.acties.all()
        if not a.gereed
    ]
    if regelcheck:
        brief.regelcheck = {
            "peildatum": regelcheck.peildatum,
            "mogelijk": samenvatting.get("mogelijk", 0),
            "niet_mogelijk": samenvatting.get("niet_mogelijk", 0),
            "onbekend": samenvatting.get("onbekend", 0),
            "niet_snel_genoeg": samenvatting.get("niet_snel_genoeg", 0),
        }
    if mkba:
        brief.mkba = {
            "saldo": mkba.saldo,
            "saldo_voorzichtig": mkba.saldo_voorzichtig,
            "horizon_jaren": mkba.horizon_jaren,
            "terugverdientijd_maanden": mkba.terugverdientijd_maanden,
        }


def verslagmasker(
    items: Sequence[tuple[Casus, str, Deling]], kijker: Kijker, vandaag: date
) -> Masker | None:
    """The masker for a verslag that covers several cases (casus, aanduiding, deling): names of
    every case without a ground for this viewer are masked, a category is lifted only where every
    case's ground names it. None for staff (they read the stored text)."""
    if kijker.intern:
        return None
    zonder = [(c, a) for c, a, d in items if not d.namen]
    alle = [d.categorieen for _, _, d in items]
    gedeeld = frozenset.intersection(*alle) if alle else frozenset()
    met_namen = bool(items) and all(d.namen for _, _, d in items)
    return Masker(
        personen=tuple(p for c, _ in zonder for p in personen(c)),
        woorden={c.huishouden.naam: a for c, a in zonder},
        namen=not met_namen,
        adressen=not (met_namen and Categorie.WONEN in gedeeld),
        bedragen=Categorie.FINANCIEN not in gedeeld,
        bijzonder=frozenset(BIJZONDERE_CATEGORIEEN) - gedeeld,
        drempeljaar=vandaag.year - OUDE_DATUM_JAREN,
        geboortedata=frozenset(
            p.geboortedatum for c, _, _ in items for p in personen(c) if p.geboortedatum
        ),
    )


def achtergehouden(deling: Deling, teksten: dict[str, str]) -> list[str]:
    """The categories the regisseur wrote something for that the partner will not see, because
    no recorded ground shares that category with it (shown as a warning in the preview)."""
    labels = dict(Categorie.choices)
    return [labels[c] for c, tekst in teksten.items() if tekst and not deling.toont(c)]
