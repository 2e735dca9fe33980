"""The case brief for a table: prepared from the dossier, minimised to what the table needs, and
pseudonymised when no sharing ground has been recorded.

Minimised: ages instead of birth dates, no BSN at all, no contact details of helpers; names and
postcode only with a ground. Without one, names and the postcode are also masked in free text.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from doorbraak.casussen.models import Casus
from doorbraak.casussen.verloop import domeinverloop, scoreregels, totale_jaarkosten

GEMASKEERD = "[…]"


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


def maskeerder(casus: Casus):
    """A function that masks the household's names and postcode in a free text."""
    huishouden = casus.huishouden
    woorden = {huishouden.naam, huishouden.postcode}
    for lid in huishouden.gezinsleden.all():
        woorden |= {lid.voornaam, lid.achternaam, f"{lid.voornaam} {lid.achternaam}"}
    woorden = sorted(
        (w.strip() for w in woorden if w and len(w.strip()) > 1), key=len, reverse=True
    )
    if not woorden:
        return lambda tekst: tekst
    patroon = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(w) for w in woorden) + r")(?!\w)", re.IGNORECASE
    )
    return lambda tekst: patroon.sub(GEMASKEERD, tekst or "")


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
    aanleiding: str
    postcode: str
    gezin: list[str]
    situatie: str
    perspectief: str
    doorbraak: str
    scores: list[dict]
    hulpverleners: list[dict]
    jaarkosten: Decimal
    knelpunten: list[dict]
    open_acties: list[dict]
    regelcheck: dict | None
    mkba: dict | None
    eerdere_afspraken: list[dict] = field(default_factory=list)


def maak_brief(
    *,
    casus: Casus,
    agendapunt,
    aanduiding: str,
    grondslag,
    vandaag: date,
    regelcheck=None,
    mkba=None,
    eerdere_afspraken=(),
) -> Casusbrief:
    gedeeld = grondslag is not None
    tekst = (lambda t: t or "") if gedeeld else maskeerder(casus)
    plan = casus.doorbraakplan
    gezin = []
    for lid in casus.huishouden.gezinsleden.all():
        jaar = leeftijd(lid.geboortedatum, vandaag)
        if gedeeld:
            gezin.append(
                f"{lid.voornaam} {lid.achternaam}, {lid.get_rol_display().lower()}, {jaar} jaar"
            )
        else:
            gezin.append(f"{lid.get_rol_display()}, {jaar} jaar")
    hulpverleners = list(casus.hulpverleners.all())
    samenvatting = (regelcheck.uitkomst or {}).get("samenvatting", {}) if regelcheck else None
    return Casusbrief(
        aanduiding=aanduiding,
        gepseudonimiseerd=not gedeeld,
        grondslag=str(grondslag) if gedeeld else "",
        overleg=agendapunt.bijeenkomst.overleg.naam,
        datum=agendapunt.bijeenkomst.datum,
        vraag=tekst(agendapunt.vraag),
        doelgroep=casus.doelgroep.naam,
        urgentie=casus.get_urgentie_display(),
        status=casus.get_status_display(),
        aanleiding=tekst(casus.aanleiding),
        postcode=casus.huishouden.postcode if gedeeld else "",
        gezin=gezin,
        situatie=tekst(plan.situatie),
        perspectief=tekst(plan.perspectief),
        doorbraak=tekst(plan.doorbraak),
        scores=[
            {"naam": v.naam, "score": v.laatste, "verschil": v.verschil}
            for v in domeinverloop(scoreregels(casus.metingen.all()))
        ],
        hulpverleners=[
            {"organisatie": h.organisatie, "rol": h.rol, "jaarkosten": h.geschatte_jaarkosten}
            for h in hulpverleners
        ],
        jaarkosten=totale_jaarkosten(hulpverleners),
        knelpunten=[
            {
                "omschrijving": tekst(k.omschrijving),
                "soort": k.get_soort_display(),
                "bron": " ".join(x for x in (k.regeling, k.artikel) if x),
            }
            for k in plan.knelpunten.all()
        ],
        open_acties=[
            {"omschrijving": tekst(a.omschrijving), "eigenaar": a.eigenaar, "deadline": a.deadline}
            for a in plan.acties.all()
            if not a.gereed
        ],
        regelcheck=(
            {
                "peildatum": regelcheck.peildatum,
                "mogelijk": samenvatting.get("mogelijk", 0),
                "niet_mogelijk": samenvatting.get("niet_mogelijk", 0),
                "onbekend": samenvatting.get("onbekend", 0),
                "niet_snel_genoeg": samenvatting.get("niet_snel_genoeg", 0),
            }
            if regelcheck
            else None
        ),
        mkba=(
            {
                "saldo": mkba.saldo,
                "saldo_voorzichtig": mkba.saldo_voorzichtig,
                "horizon_jaren": mkba.horizon_jaren,
                "terugverdientijd_maanden": mkba.terugverdientijd_maanden,
            }
            if mkba
            else None
        ),
        eerdere_afspraken=[
            {
                "wat": tekst(a.wat),
                "wie": a.wie,
                "deadline": a.deadline,
                "open": a.open,
                "datum": a.agendapunt.bijeenkomst.datum,
            }
            for a in eerdere_afspraken
        ],
    )
