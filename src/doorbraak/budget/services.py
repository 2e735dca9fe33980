"""Every change to funds, budgets, requests and loans: one function per action, one transaction,
the invariant checked where the money moves, each step on the case's timeline and in the
processing log."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone, translation
from stdnum import iban as iban_nummer
from stdnum.exceptions import ValidationError as StdnumFout

from doorbraak import opmaak, vaste_sql
from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.budget import aflosschema, afwegingskader, draagkracht, ledger, mandaten, selectors
from doorbraak.budget.geld import euro
from doorbraak.budget.models import (
    ROUTEVELDEN,
    Aanvraag,
    AanvraagStap,
    AanvraagStatus,
    Advies,
    Budget,
    Fonds,
    Fondsmandaat,
    Lening,
    Periode,
    Soort,
    Vorm,
    routefout,
)
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen.leesmodel import dossiers_gewijzigd
from doorbraak.casussen.models import Doorbraakplan
from doorbraak.casussen.services import gebeurtenis, gebeurtenis_nog_op_te_slaan
from doorbraak.casussen.toegang import vereis_open
from doorbraak.fouten import Conflict, GeenToegang, OngeldigeStatusovergang, Validatiefout
from doorbraak.invoer import datum as binnen_grenzen
from doorbraak.invoer import jaar as geldig_jaar
from doorbraak.organisaties.models import Doelgroep, MandaatRol, Medewerker, Rol
from doorbraak.regels.selectors import laatste_regelcheck, voorliggend_gecheckt

NUL = Decimal("0.00")


def _vandaag() -> date:
    return timezone.localdate()


def _vastlegging(handeling: str, aanvraag: Aanvraag, omschrijving: str) -> Vastlegging:
    return Vastlegging(
        handeling,
        "aanvraag",
        aanvraag.pk,
        aanvraag.casus.huishouden_id,
        aanvraag.casus_id,
        omschrijving,
    )


def _leg_vast(door: Medewerker, handeling: str, aanvraag: Aanvraag, omschrijving: str) -> None:
    leg_vast(
        gemeente_id=door.gemeente_id,
        door=door,
        vastleggingen=[_vastlegging(handeling, aanvraag, omschrijving)],
    )


def _leg_vast_en_boek(door: Medewerker, aanvraag: Aanvraag, logtekst: str, **boeking) -> None:
    """Money moved on a request: the log entry first (it upserts the case's dossier row), then
    the booking (the budget row), the lock order of `doorbraak.vergrendeling`, so that the budget's
    lock, taken last, is held only for the booking and the commit."""
    _leg_vast(door, Handeling.WIJZIGEN, aanvraag, logtekst)
    ledger.boek(door=door, aanvraag=aanvraag, **boeking)


def _stap(
    aanvraag: Aanvraag,
    naar: str,
    door: Medewerker,
    toelichting: str = "",
    opslaan: list[str] | None = None,
    tijdlijn: str | None = None,
    ontvangers: list | None = None,
    delen: Sequence[vaste_sql.Deel] = (),
) -> None:
    """The status step, its INSERT written once (`vaste_sql.invoegen`: its save signal, the
    notification, still runs). `opslaan`: the request's fields to save with it, its status
    among them, and `tijdlijn`: the event for the case's timeline (`casussen.services`'s) to
    write with it (`vaste_sql.invoegen_en_bijwerken`: PostgreSQL writes all in one statement,
    with the writes of `delen`; without `opslaan`, each of `delen` follows in its own).
    `ontvangers`: its notification's recipients as already read (its `ontvangers_gelezen`)."""
    stap = AanvraagStap(
        aanvraag=aanvraag, van=aanvraag.status, naar=naar, toelichting=toelichting, door=door
    )
    stap.ontvangers_gelezen = ontvangers
    aanvraag.status = naar
    if opslaan is None:
        vaste_sql.invoegen(stap)
        if tijdlijn is not None:
            gebeurtenis(aanvraag.casus, tijdlijn, door)
        for deel in delen:
            vaste_sql.uitvoeren(deel)
        return
    mee = [] if tijdlijn is None else [gebeurtenis_nog_op_te_slaan(aanvraag.casus, tijdlijn, door)]
    vaste_sql.invoegen_en_bijwerken(stap, aanvraag, opslaan, mee=mee, delen=delen)


def _besluitstap(
    aanvraag: Aanvraag,
    naar: str,
    door: Medewerker,
    toelichting: str,
    *,
    opslaan: list[str],
    tijdlijn: str,
    logtekst: str,
    ontvangers: list | None = None,
) -> None:
    """A decision's status step (`_stap`) with what goes with every decision: the precedent
    queued and the log entry (which marks the case's dossier). On PostgreSQL all of it is one
    statement, the queued job and the log entry as parts of the step's (issue 19: two
    statements less per go); elsewhere they are written before the step."""
    from doorbraak.precedenten import services as precedenten

    delen: list[vaste_sql.Deel] = []
    precedenten.na_besluit(aanvraag, mee=delen)
    leg_vast(
        gemeente_id=door.gemeente_id,
        door=door,
        vastleggingen=[_vastlegging(Handeling.WIJZIGEN, aanvraag, logtekst)],
        mee=delen,
    )
    _stap(
        aanvraag,
        naar,
        door,
        toelichting,
        opslaan=opslaan,
        tijdlijn=tijdlijn,
        ontvangers=ontvangers,
        delen=delen,
    )


def _vereis_financien(door: Medewerker) -> None:
    if door.gemeente_id is None or not door.heeft_rol(Rol.FINANCIEN):
        raise GeenToegang("Alleen een financieel medewerker kan dit doen.")


def _positief(bedrag: Decimal, veld: str = "bedrag") -> Decimal:
    if not isinstance(bedrag, Decimal) or not bedrag.is_finite():
        raise Validatiefout("Geef een bedrag in euro's.", veld=veld)
    if bedrag != bedrag.quantize(Decimal("0.01")):
        raise Validatiefout("Een bedrag heeft hoogstens twee decimalen.", veld=veld)
    if bedrag <= 0:
        raise Validatiefout("Het bedrag moet groter zijn dan nul.", veld=veld)
    if bedrag >= Decimal("10000000000"):
        raise Validatiefout("Het bedrag is te groot.", veld=veld)
    return euro(bedrag)


def _boekdatum(datum: date | None, *, vanaf: date | None, wat: str, veld: str = "datum") -> date:
    """A booking date within sane bounds: not in the future, not before the moment it could
    have happened (the go, or the start of the period)."""
    vandaag = _vandaag()
    if datum is None:
        return vandaag
    if not isinstance(datum, date):
        raise Validatiefout("Geef een datum.", veld=veld)
    if datum > vandaag:
        raise Validatiefout("Een datum in de toekomst kan niet.", veld=veld)
    if vanaf is not None and datum < vanaf:
        raise Validatiefout(
            f"De datum ligt voor {wat} ({vanaf:%d-%m-%Y}); dat kan niet.", veld=veld
        )
    return datum


def _valideer_iban(waarde: str, veld: str) -> str:
    try:
        return iban_nummer.validate(waarde)
    except StdnumFout:
        raise Validatiefout("Dit is geen geldig IBAN.", veld=veld) from None


# --- draagkracht ---------------------------------------------------------------------------


def draagkracht_berekenen(
    *,
    gemeente_id: UUID,
    maandinkomen: Decimal,
    vaste_lasten: Decimal,
    bedrag: Decimal,
    peildatum: date | None = None,
) -> draagkracht.Draagkracht | None:
    normen = [
        draagkracht.Norm(
            n.geldig_van,
            n.geldig_tot,
            n.leefgeld,
            n.aflosdeel,
            n.minimale_termijn,
            n.maximale_looptijd_maanden,
        )
        for n in selectors.draagkrachtnormen(gemeente_id=gemeente_id)
    ]
    norm = draagkracht.kies_norm(normen, peildatum or _vandaag())
    if norm is None:
        return None
    return draagkracht.bereken(
        maandinkomen=maandinkomen, vaste_lasten=vaste_lasten, bedrag=bedrag, norm=norm
    )


# --- the request ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AanvraagInvoer:
    casus_id: UUID
    bedrag: Decimal
    vorm: str
    ontvanger_naam: str
    ontvanger_iban: str
    motivering: str = ""
    criteria: Mapping[str, bool] = field(default_factory=dict)
    fonds: str | None = None
    aan_huishouden: bool = False
    reden_aan_huishouden: str = ""
    voorwaarden: str = ""
    reden_om_niet: str = ""
    termijnbedrag: Decimal | None = None
    aantal_termijnen: int | None = None
    startdatum: date | None = None
    maandinkomen: Decimal | None = None
    vaste_lasten: Decimal | None = None
    betalingskenmerk: str = ""


def _controleer(invoer: AanvraagInvoer) -> tuple[Decimal, str]:
    """The input's own checks, before anything is read or locked: the amount and the IBAN."""
    bedrag = _positief(invoer.bedrag)
    if invoer.vorm not in Vorm.values:
        raise Validatiefout("Kies lening of om_niet.", veld="vorm")
    if not invoer.ontvanger_naam.strip():
        raise Validatiefout("Noem de ontvanger.", veld="ontvanger.naam")
    iban = _valideer_iban(invoer.ontvanger_iban, "ontvanger.iban")
    if len(invoer.betalingskenmerk.strip()) > 35:
        raise Validatiefout(
            "Een betalingskenmerk heeft hoogstens 35 tekens.", veld="ontvanger.betalingskenmerk"
        )
    if invoer.aan_huishouden and not invoer.reden_aan_huishouden.strip():
        raise Validatiefout(
            "Betaal zo mogelijk rechtstreeks aan een instantie; geef anders de reden.",
            veld="reden_aan_huishouden",
        )
    onbekend = sorted(set(invoer.criteria) - set(afwegingskader.CRITERIA))
    if onbekend:
        raise Validatiefout(f"Onbekend criterium: {', '.join(onbekend)}.", veld="criteria")
    return bedrag, iban


def _velden(door: Medewerker, casus, invoer: AanvraagInvoer, bedrag: Decimal, iban: str) -> dict:
    """The request's stored fields from the input, under the case's lock: the fund, the mandate
    for this amount, the draagkracht proposal and the loan's schedule."""
    fonds = selectors.fonds_voor(medewerker=door, code=invoer.fonds)
    mandaten.vereis_mandaat(door, fonds, casus.doelgroep, MandaatRol.AANVRAGEN, bedrag)
    dk = None
    if invoer.maandinkomen is not None and invoer.vaste_lasten is not None:
        dk = draagkracht_berekenen(
            gemeente_id=door.gemeente_id,
            maandinkomen=invoer.maandinkomen,
            vaste_lasten=invoer.vaste_lasten,
            bedrag=bedrag,
        )
    termijnbedrag, aantal, start = (
        invoer.termijnbedrag,
        invoer.aantal_termijnen,
        invoer.startdatum,
    )
    if start is not None:
        start = binnen_grenzen(start, veld="aflossingsplan.startdatum")
    if invoer.vorm == Vorm.LENING:
        if termijnbedrag is None and dk is not None and dk.lening_verantwoord:
            termijnbedrag, aantal = dk.termijnbedrag, dk.aantal_termijnen
        if termijnbedrag is None:
            raise Validatiefout(
                "Een lening heeft een aflossingsplan (termijnbedrag).",
                veld="aflossingsplan.termijnbedrag",
            )
        termijnbedrag = _positief(termijnbedrag, "aflossingsplan.termijnbedrag")
        if termijnbedrag > bedrag:
            termijnbedrag = bedrag
        aantal = aflosschema.aantal_termijnen(bedrag, termijnbedrag)
        if aantal > aflosschema.MAXIMAAL_TERMIJNEN:
            raise Validatiefout(
                f"Aflossen duurt zo {aantal} maanden; hoogstens {aflosschema.MAXIMAAL_TERMIJNEN}.",
                veld="aflossingsplan.termijnbedrag",
            )
        start = start or _vandaag().replace(day=1)
    elif (
        fonds.lening_voorkeur
        and dk is not None
        and dk.lening_verantwoord
        and not invoer.reden_om_niet.strip()
    ):
        raise Validatiefout(
            "Volgens de draagkrachtberekening is een lening verantwoord; geef de reden "
            "om het budget om niet te geven.",
            veld="reden_om_niet",
        )
    lening = invoer.vorm == Vorm.LENING
    return {
        "fonds": fonds,
        "doelgroep": casus.doelgroep,
        "bedrag": bedrag,
        "vorm": invoer.vorm,
        "ontvanger_naam": invoer.ontvanger_naam.strip(),
        "ontvanger_iban": iban,
        "betalingskenmerk": invoer.betalingskenmerk.strip(),
        "aan_huishouden": invoer.aan_huishouden,
        "reden_aan_huishouden": invoer.reden_aan_huishouden.strip(),
        "motivering": invoer.motivering.strip(),
        "criteria": {k: bool(v) for k, v in invoer.criteria.items()},
        "voorwaarden": invoer.voorwaarden.strip() if invoer.vorm == Vorm.OM_NIET else "",
        "reden_om_niet": invoer.reden_om_niet.strip(),
        "termijnbedrag": termijnbedrag if lening else None,
        "aantal_termijnen": aantal if lening else None,
        "startdatum": start if lening else None,
        "draagkracht": _draagkracht_json(dk, invoer),
    }


def aanvraag_aanmaken(*, door: Medewerker, invoer: AanvraagInvoer) -> Aanvraag:
    """A concept request by a professional mandated for the fund, the case's doelgroep and the
    amount. It may ask for more than is available today: the ceiling is checked at the go."""
    bedrag, iban = _controleer(invoer)
    with transaction.atomic():
        casus = casus_selectors.casus_ophalen(medewerker=door, casus_id=invoer.casus_id, lock=True)
        vereis_open(casus)
        velden = _velden(door, casus, invoer, bedrag, iban)
        aanvraag = Aanvraag.objects.create(
            gemeente_id=door.gemeente_id, casus=casus, aanvrager=door, **velden
        )
        AanvraagStap.objects.create(aanvraag=aanvraag, naar=AanvraagStatus.CONCEPT, door=door)
        with translation.override(settings.LANGUAGE_CODE):  # the timeline is kept in Dutch
            vorm = str(Vorm(invoer.vorm).label).lower()
        fonds = velden["fonds"]
        gebeurtenis(casus, f"Aanvraag {fonds.naam} opgesteld: {opmaak.euro(bedrag)} {vorm}.", door)
        _leg_vast(door, Handeling.AANMAKEN, aanvraag, "concept")
        return aanvraag


def _eigen_concept(door: Medewerker, aanvraag_id: UUID, wat: str) -> Aanvraag:
    aanvraag = selectors.aanvraag_ophalen(medewerker=door, aanvraag_id=aanvraag_id, lock=True)
    if door.pk != aanvraag.aanvrager_id:
        raise GeenToegang(f"Alleen de aanvrager {wat} het concept.")
    if aanvraag.status != AanvraagStatus.CONCEPT:
        raise OngeldigeStatusovergang(
            f"Alleen een concept kan worden {'gewijzigd' if wat == 'wijzigt' else 'ingetrokken'}.",
            veld="status",
        )
    vereis_open(aanvraag.casus)
    return aanvraag


def aanvraag_wijzigen(*, door: Medewerker, aanvraag_id: UUID, invoer: AanvraagInvoer) -> Aanvraag:
    """The requester corrects a concept: the same checks as a new request (mandate included);
    the case stays the one of the concept."""
    bedrag, iban = _controleer(invoer)
    with transaction.atomic():
        aanvraag = _eigen_concept(door, aanvraag_id, "wijzigt")
        velden = _velden(door, aanvraag.casus, invoer, bedrag, iban)
        for naam, waarde in velden.items():
            setattr(aanvraag, naam, waarde)
        aanvraag.save(update_fields=[*velden])
        gebeurtenis(aanvraag.casus, f"Concept-aanvraag gewijzigd: {opmaak.euro(bedrag)}.", door)
        _leg_vast(door, Handeling.WIJZIGEN, aanvraag, "concept gewijzigd")
        return aanvraag


def aanvraag_intrekken(*, door: Medewerker, aanvraag_id: UUID, reden: str = "") -> Aanvraag:
    """The requester withdraws a concept; it stays in the history as ingetrokken."""
    with transaction.atomic():
        aanvraag = _eigen_concept(door, aanvraag_id, "trekt in")
        _stap(aanvraag, AanvraagStatus.INGETROKKEN, door, reden.strip())
        aanvraag.save(update_fields=["status"])
        gebeurtenis(
            aanvraag.casus,
            f"Concept-aanvraag van {opmaak.euro(aanvraag.bedrag)} ingetrokken.",
            door,
        )
        _leg_vast(door, Handeling.WIJZIGEN, aanvraag, "concept ingetrokken")
        return aanvraag


def _draagkracht_json(dk: draagkracht.Draagkracht | None, invoer: AanvraagInvoer) -> dict:
    if dk is None:
        return {}
    return {
        "maandinkomen": f"{invoer.maandinkomen:.2f}",
        "vaste_lasten": f"{invoer.vaste_lasten:.2f}",
        "ruimte": f"{dk.ruimte:.2f}",
        "lening_verantwoord": dk.lening_verantwoord,
        "termijnbedrag": f"{dk.termijnbedrag:.2f}" if dk.termijnbedrag is not None else None,
        "aantal_termijnen": dk.aantal_termijnen,
        "toelichting": dk.toelichting,
    }


def plan_ontbreekt(casus) -> str:
    """Why the case's plan does not yet carry a request ('' when it does): a doorbraak and at
    least one action."""
    plan = Doorbraakplan.objects.filter(casus=casus).first()
    if plan is None or not plan.doorbraak.strip():
        return "Leg eerst in het doorbraakplan vast wat de doorbraak is."
    if not plan.acties.exists():
        return "Zet eerst minstens één actie in het doorbraakplan."
    return ""


def aanvraag_indienen(*, door: Medewerker, aanvraag_id: UUID) -> Aanvraag:
    """Submit: needs a plan with a doorbraak and an action, a voorliggend check with its
    decisive questions answered, a motivation and the fund's criteria."""
    with transaction.atomic():
        aanvraag = selectors.aanvraag_ophalen(medewerker=door, aanvraag_id=aanvraag_id, lock=True)
        if door.pk != aanvraag.aanvrager_id:
            raise GeenToegang("Alleen de aanvrager dient de aanvraag in.")
        if aanvraag.status != AanvraagStatus.CONCEPT:
            raise OngeldigeStatusovergang("Alleen een concept kan worden ingediend.", veld="status")
        vereis_open(aanvraag.casus)
        plan_fout = plan_ontbreekt(aanvraag.casus)
        if plan_fout:
            raise Conflict(plan_fout, veld="plan")
        gecheckt, check_fout = voorliggend_gecheckt(laatste_regelcheck(casus=aanvraag.casus))
        if not gecheckt:
            raise Conflict(check_fout, veld="regelcheck")
        if not aanvraag.motivering:
            raise Conflict("Motiveer de aanvraag.", veld="motivering")
        kader = aanvraag.fonds.afwegingskader
        if kader and not afwegingskader.voldaan(kader, aanvraag.criteria):
            mist = "; ".join(
                afwegingskader.in_woorden(c)
                for c in afwegingskader.ontbrekend(kader, aanvraag.criteria)
            )
            raise Conflict(
                f"Het afwegingskader van {aanvraag.fonds.naam} is nog niet voldaan. Wijzig het "
                f"concept en vink aan wat geldt; nog niet aangevinkt: {mist}.",
                veld="criteria",
            )
        _stap(aanvraag, AanvraagStatus.INGEDIEND, door)
        aanvraag.save(update_fields=["status"])
        gebeurtenis(aanvraag.casus, f"Aanvraag {opmaak.euro(aanvraag.bedrag)} ingediend.", door)
        _leg_vast(door, Handeling.WIJZIGEN, aanvraag, "ingediend")
        return aanvraag


def aanvraag_beoordelen(
    *,
    door: Medewerker,
    aanvraag_id: UUID,
    advies: str,
    toelichting: str = "",
    afwijking_motivering: str = "",
) -> Aanvraag:
    """The four-eyes review by a colleague mandated for the fund and doelgroep, never the
    requester. An advice that differs strongly from the precedents (a positive advice on an
    amount far above, a negative one where similar requests were granted) needs
    `afwijking_motivering`, recorded with it."""
    from doorbraak.precedenten import services as precedenten

    if advies not in Advies.values:
        raise Validatiefout("Kies positief of negatief.", veld="advies")
    with transaction.atomic():
        aanvraag = selectors.aanvraag_ophalen(medewerker=door, aanvraag_id=aanvraag_id, lock=True)
        if door.pk == aanvraag.aanvrager_id:
            raise GeenToegang("De aanvrager kan de eigen aanvraag niet beoordelen (4-ogen).")
        mandaten.vereis_mandaat(
            door, aanvraag.fonds, aanvraag.doelgroep, MandaatRol.MEEKIJKEN, aanvraag.bedrag
        )
        if aanvraag.status != AanvraagStatus.INGEDIEND:
            raise OngeldigeStatusovergang(
                "Alleen een ingediende aanvraag wordt beoordeeld.", veld="status"
            )
        if advies == Advies.NEGATIEF and not toelichting.strip():
            raise Validatiefout("Licht een negatief advies toe.", veld="toelichting")
        precedenten.afwijking_bij_advies(
            aanvraag=aanvraag, door=door, advies=advies, motivering=afwijking_motivering
        )
        aanvraag.beoordelaar, aanvraag.advies = door, advies
        aanvraag.advies_toelichting = toelichting.strip()
        woord = opmaak.keuze(Advies, advies)
        _stap(aanvraag, AanvraagStatus.BEOORDEELD, door, f"Advies {woord}. {toelichting}".strip())
        aanvraag.save(update_fields=["status", "beoordelaar", "advies", "advies_toelichting"])
        gebeurtenis(aanvraag.casus, f"Aanvraag meegekeken door {door.naam}: advies {woord}.", door)
        _leg_vast(door, Handeling.WIJZIGEN, aanvraag, f"beoordeeld, advies {woord}")
        return aanvraag


def _vereis_besluitrecht(aanvraag: Aanvraag, door: Medewerker, limieten: list | None) -> bool:
    """Who may decide, per the fund's route. Returns True when the requester decides alone.
    `limieten`: the decider's go mandates as read with the request (None: read them here)."""
    fonds = aanvraag.fonds
    # The regulation's own fund: always three people, whatever route is stored (invariant 4).
    alleen = door.pk == aanvraag.aanvrager_id and fonds.zelfstandig_mag(aanvraag.bedrag)
    if door.pk == aanvraag.aanvrager_id and not alleen:
        raise GeenToegang("De aanvrager kan over de eigen aanvraag niet beslissen (4-ogen).")
    if door.pk == aanvraag.beoordelaar_id:
        raise GeenToegang("Wie meekeek kan niet ook de go geven (drie personen).")
    mandaten.vereis_mandaat(
        door, fonds, aanvraag.doelgroep, MandaatRol.GO, aanvraag.bedrag, gelezen=limieten
    )
    toegestaan = [AanvraagStatus.BEOORDEELD]
    if alleen or not fonds.meekijken_nodig(aanvraag.bedrag):
        toegestaan.append(AanvraagStatus.INGEDIEND)
    if aanvraag.status not in toegestaan:
        melding = (
            "Eerst moet een collega meekijken (4-ogen)."
            if aanvraag.status == AanvraagStatus.INGEDIEND
            else f"Over een aanvraag met status {aanvraag.get_status_display()} valt niets te "
            "besluiten."
        )
        raise OngeldigeStatusovergang(melding, veld="status")
    return alleen


def _vereis_casusgrens(aanvraag: Aanvraag, budget: Budget) -> None:
    """The route's cap per case and period (amount and/or count), checked under the case's row
    lock (not the budget's: go's for other cases need not wait): every go for this case from this
    fund in this period is counted, this one included. A grant counts with its full amount (a
    later partial release does not free room)."""
    fonds = aanvraag.fonds
    if fonds.casus_max_bedrag is None and fonds.casus_max_aantal is None:
        return
    from doorbraak.casussen.models import Casus

    # FOR NO KEY UPDATE: serialises go's for this case without waiting for the key-share locks
    # that writing its timeline or requests takes.
    list(
        Casus.objects.select_for_update(no_key=True).filter(pk=aanvraag.casus_id).values_list("pk")
    )
    eerder = list(
        Aanvraag.objects.filter(
            casus_id=aanvraag.casus_id,
            fonds=fonds,
            budget__periode_id=budget.periode_id,
            status__in=[AanvraagStatus.TOEGEKEND, AanvraagStatus.BETAALD],
        )
        .exclude(pk=aanvraag.pk)
        .values_list("bedrag", flat=True)
    )
    periode = budget.periode.naam
    if fonds.casus_max_aantal is not None and len(eerder) + 1 > fonds.casus_max_aantal:
        raise Conflict(
            f"{fonds.naam} kent per casus hoogstens {fonds.casus_max_aantal} toekenning(en) per "
            f"periode; deze casus heeft er in {periode} al {len(eerder)}.",
            veld="bedrag",
        )
    totaal = sum(eerder, NUL) + aanvraag.bedrag
    if fonds.casus_max_bedrag is not None and totaal > fonds.casus_max_bedrag:
        ruimte = max(fonds.casus_max_bedrag - sum(eerder, NUL), NUL)
        raise Conflict(
            f"{fonds.naam} kent per casus hoogstens {opmaak.euro(fonds.casus_max_bedrag)} per "
            f"periode; voor deze casus resteert in {periode} nog {opmaak.euro(ruimte)}.",
            veld="bedrag",
        )


def aanvraag_besluiten(
    *,
    door: Medewerker,
    aanvraag_id: UUID,
    besluit: str,
    motivering: str = "",
    afwijking_motivering: str = "",
) -> Aanvraag:
    """The go or a reasoned rejection. A go does everything it can before the budget's row lock
    (mandate and route, the budget, the cap per case, the request, loan, timeline, the queued
    precedent and the log entry) and ends with the check-and-commit (`ledger.committeer`), so
    concurrent go's on one budget wait only for each other's UPDATE-and-ledger-insert statement
    and commit. A refusal rolls all of it back; an amount already larger than the balance as
    read is refused before anything is written. A decision that differs strongly from its
    precedents needs `afwijking_motivering` (recorded with it); the precedent is made on the
    queue."""
    if besluit not in ("go", "afgewezen"):
        raise Validatiefout("Kies go of afgewezen.", veld="besluit")
    if besluit == "afgewezen" and not motivering.strip():
        raise Validatiefout("Motiveer de afwijzing.", veld="motivering")
    with transaction.atomic():
        # the request locked, with the decider's go mandates, the two lowest precedents and
        # (a go) its notification's recipients and its budget in the same statement (PostgreSQL)
        nu = timezone.now()
        budget_lezen = None
        if besluit == "go":
            gelezen, budget_lezen = selectors.aanvraag_voor_go(
                medewerker=door, aanvraag_id=aanvraag_id, datum=timezone.localdate(nu)
            )
        else:
            gelezen = selectors.aanvraag_voor_besluit(medewerker=door, aanvraag_id=aanvraag_id)
        aanvraag, limieten, laagste, ontvangers = gelezen
        alleen = _vereis_besluitrecht(aanvraag, door, limieten)
        budget = weigering = None
        if budget_lezen is not None:
            budget = _vereis_budget(aanvraag, budget_lezen())
            weigering = ledger.weigering_bij_lezen(budget=budget, bedrag=aanvraag.bedrag)
        if weigering is None:
            _besluit_vastleggen(
                aanvraag,
                door=door,
                besluit=besluit,
                motivering=motivering.strip(),
                afwijking_motivering=afwijking_motivering,
                laagste=laagste,
                alleen=alleen,
                nu=nu,
                budget=budget,
                ontvangers=ontvangers,
            )
            return aanvraag
    # Refused on the balance as read, before anything was written: the transaction ended with a
    # COMMIT of nothing instead of a ROLLBACK, because psycopg drops every prepared statement of
    # the connection at a ROLLBACK, and the requests after it would be parsed and planned anew.
    raise weigering


def _vereis_budget(aanvraag: Aanvraag, budget: Budget | None) -> Budget:
    """The go's budget: that of the open period, that period share-locked in the statement that
    found it until the commit (doorbraak.vergrendeling, step 2): a close that came first makes
    the go wait and then find no open period; a go that came first makes the close wait, and
    the close then releases or carries over this grant with the others."""
    if budget is None:
        raise Conflict(
            f"{aanvraag.fonds.naam} heeft geen budget voor {aanvraag.doelgroep.naam} in "
            "een open periode (is de periode zojuist afgesloten?). Er is niets vastgelegd.",
            veld="budget",
        )
    return budget


def _besluit_vastleggen(
    aanvraag: Aanvraag,
    *,
    door: Medewerker,
    besluit: str,
    motivering: str,
    afwijking_motivering: str,
    laagste: list | None,
    alleen: bool,
    nu: datetime,
    budget: Budget | None,
    ontvangers: list | None,
) -> None:
    """The decision written, inside `aanvraag_besluiten`'s transaction: a rejection, or a go on
    `budget` that ends with the check-and-commit, which commits that transaction. `ontvangers`:
    the go's notification's recipients as read with the request (None: read by its receiver)."""
    from doorbraak.precedenten import services as precedenten

    precedenten.afwijking_vastleggen(
        aanvraag=aanvraag,
        door=door,
        besluit=besluit,
        motivering=afwijking_motivering,
        laagste=laagste,
    )
    aanvraag.besluit_door, aanvraag.besluit_motivering = door, motivering
    aanvraag.besloten_op, aanvraag.zelfstandig_besloten = nu, alleen
    velden = [
        "status",
        "besluit_door",
        "besluit_motivering",
        "besloten_op",
        "zelfstandig_besloten",
    ]
    if besluit == "afgewezen":
        _besluitstap(
            aanvraag,
            AanvraagStatus.AFGEWEZEN,
            door,
            motivering,
            opslaan=velden,
            tijdlijn=f"Aanvraag afgewezen: {motivering}",
            logtekst="afgewezen",
        )
        return
    _vereis_casusgrens(aanvraag, budget)
    aanvraag.budget = budget
    velden.append("budget")
    if aanvraag.vorm == Vorm.LENING:
        Lening.objects.create(
            gemeente_id=aanvraag.gemeente_id,
            aanvraag=aanvraag,
            hoofdsom=aanvraag.bedrag,
            termijnbedrag=aanvraag.termijnbedrag,
            startdatum=aanvraag.startdatum,
        )
    toelichting = "Zelfstandig besloten (regelarm)." if alleen else motivering
    # The step, save(update_fields=…) of the request, the timeline's event, the queued
    # precedent and the log entry, in one statement on PostgreSQL. The log entry before the
    # budget: logging marks the case's dossier read model out of date (its row lock), and
    # every path that moves a budget logs before it books. One lock order, dossier then budget
    # (doorbraak.vergrendeling), so nothing but the check-and-commit happens under the
    # budget's lock.
    _besluitstap(
        aanvraag,
        AanvraagStatus.TOEGEKEND,
        door,
        toelichting,
        opslaan=velden,
        tijdlijn=f"Go voor {opmaak.euro(aanvraag.bedrag)} uit {aanvraag.fonds.naam}"
        f"{' (regelarm, zelfstandig besloten)' if alleen else ''}.",
        logtekst="toegekend (go)",
        ontvangers=ontvangers,
    )
    # Last: the check-and-commit. Its row lock on the budget is held until the commit, which
    # travels with it (`laatste`): nothing may be written after this call.
    ledger.committeer(
        budget=budget,
        bedrag=aanvraag.bedrag,
        datum=timezone.localdate(nu),
        door=door,
        aanvraag=aanvraag,
        omschrijving="go",
        laatste=True,
    )


def _datum_go(aanvraag: Aanvraag) -> date | None:
    return timezone.localdate(aanvraag.besloten_op) if aanvraag.besloten_op else None


# --- payments, releases --------------------------------------------------------------------


def betaling_registreren(
    *, door: Medewerker, aanvraag_id: UUID, bedrag: Decimal, datum: date | None = None
) -> Aanvraag:
    """Finance registers a payment; never more than granted."""
    _vereis_financien(door)
    bedrag = _positief(bedrag)
    with transaction.atomic():
        aanvraag = selectors.aanvraag_ophalen(medewerker=door, aanvraag_id=aanvraag_id, lock=True)
        if aanvraag.status != AanvraagStatus.TOEGEKEND:
            raise Conflict(
                "Alleen een toegekende, nog niet betaalde aanvraag wordt betaald.", veld="status"
            )
        s = ledger.aanvraag_saldi(aanvraag)
        if bedrag > s.open:
            raise Conflict(
                f"Er staat nog {opmaak.euro(s.open)} open van de toekenning; meer betalen "
                "dan is toegekend kan niet.",
                veld="bedrag",
            )
        datum = _boekdatum(datum, vanaf=_datum_go(aanvraag), wat="de go")
        _leg_vast_en_boek(
            door,
            aanvraag,
            f"betaling {opmaak.euro(bedrag)}",
            budget=aanvraag.budget,
            soort=Soort.BETALING,
            bedrag=bedrag,
            datum=datum,
            tegenpartij=aanvraag.ontvanger_naam,
        )
        if bedrag == s.open:
            _stap(aanvraag, AanvraagStatus.BETAALD, door)
            aanvraag.save(update_fields=["status"])
        gebeurtenis(
            aanvraag.casus, f"Betaald: {opmaak.euro(bedrag)} aan {aanvraag.ontvanger_naam}.", door
        )
        return aanvraag


def toezegging_vrijgeven(*, door: Medewerker, aanvraag_id: UUID, reden: str) -> Aanvraag:
    """Release what was granted and not paid (a correction is a new entry, never an edit)."""
    if not (door.heeft_rol(Rol.FINANCIEN) or door.heeft_rol(Rol.MANAGER)):
        raise GeenToegang("Alleen financiën of een manager geeft een toezegging vrij.")
    if not reden.strip():
        raise Validatiefout("Geef de reden van de vrijval.", veld="reden")
    with transaction.atomic():
        aanvraag = selectors.aanvraag_ophalen(medewerker=door, aanvraag_id=aanvraag_id, lock=True)
        if aanvraag.status != AanvraagStatus.TOEGEKEND:
            raise Conflict("Er staat geen toezegging open.", veld="status")
        s = ledger.aanvraag_saldi(aanvraag)
        _leg_vast_en_boek(
            door,
            aanvraag,
            f"vrijval {opmaak.euro(s.open)}",
            budget=aanvraag.budget,
            soort=Soort.VRIJVAL,
            bedrag=s.open,
            datum=_vandaag(),
            omschrijving=reden.strip(),
        )
        naar = AanvraagStatus.BETAALD if s.betaald > 0 else AanvraagStatus.VERVALLEN
        _stap(aanvraag, naar, door, reden.strip())
        aanvraag.save(update_fields=["status"])
        gebeurtenis(
            aanvraag.casus,
            f"Toezegging vrijgegeven ({opmaak.euro(s.open)}): {reden.strip()}",
            door,
        )
        return aanvraag


# --- loans ---------------------------------------------------------------------------------


def aflossing_registreren(
    *, door: Medewerker, lening_id: UUID, bedrag: Decimal, datum: date | None = None
) -> Lening:
    """A repayment; never more than outstanding. It flows back into the budget when the fund
    revolves."""
    _vereis_financien(door)
    bedrag = _positief(bedrag)
    with transaction.atomic():
        lening = selectors.lening_ophalen(medewerker=door, lening_id=lening_id, lock=True)
        uitstaand = ledger.lening_saldi(lening).uitstaand
        if bedrag > uitstaand:
            raise Conflict(
                f"Er staat {opmaak.euro(uitstaand)} uit; meer aflossen kan niet.", veld="bedrag"
            )
        aanvraag = lening.aanvraag
        datum = _boekdatum(datum, vanaf=_datum_go(aanvraag), wat="de go")
        _leg_vast_en_boek(
            door,
            aanvraag,
            f"aflossing {opmaak.euro(bedrag)}",
            budget=_budget_van_ontvangst(aanvraag, datum),
            soort=Soort.AFLOSSING,
            bedrag=bedrag,
            datum=datum,
            lening=lening,
        )
        gebeurtenis(aanvraag.casus, f"Aflossing ontvangen: {opmaak.euro(bedrag)}.", door)
        return lening


def _budget_van_ontvangst(aanvraag: Aanvraag, datum: date) -> Budget:
    """Where a repayment is booked. A revolving fund is refilled in the period in which the money
    is received (the budget for the request's doelgroep, else the fund's budget for all), so
    later repayments add to this year's room; the loan's own budget only when that period has
    no open budget. A fund that does not revolve keeps it on the loan's own budget."""
    if aanvraag.fonds.revolverend:
        gevonden = selectors.budget_voor(
            fonds=aanvraag.fonds, doelgroep=aanvraag.doelgroep, datum=datum
        )
        if gevonden is not None:
            return gevonden
    return aanvraag.budget


def lening_afschrijven(
    *, door: Medewerker, lening_id: UUID, reden: str, bedrag: Decimal | None = None
) -> Lening:
    _vereis_financien(door)
    if not reden.strip():
        raise Validatiefout("Een afschrijving heeft een reden.", veld="reden")
    with transaction.atomic():
        lening = selectors.lening_ophalen(medewerker=door, lening_id=lening_id, lock=True)
        uitstaand = ledger.lening_saldi(lening).uitstaand
        bedrag = uitstaand if bedrag is None else _positief(bedrag)
        if bedrag <= 0 or bedrag > uitstaand:
            raise Conflict(
                f"Er staat {opmaak.euro(uitstaand)} uit; meer afschrijven kan niet.",
                veld="bedrag",
            )
        aanvraag = lening.aanvraag
        _leg_vast_en_boek(
            door,
            aanvraag,
            f"afschrijving {opmaak.euro(bedrag)}",
            budget=aanvraag.budget,
            soort=Soort.AFSCHRIJVING,
            bedrag=bedrag,
            datum=_vandaag(),
            lening=lening,
            omschrijving=reden.strip(),
        )
        gebeurtenis(
            aanvraag.casus, f"Lening afgeschreven ({opmaak.euro(bedrag)}): {reden.strip()}", door
        )
        return lening


# --- budgets -------------------------------------------------------------------------------


def budget_vaststellen(
    *,
    door: Medewerker,
    doelgroep: str | None,
    plafond: Decimal,
    fonds: str | None = None,
    jaar: int | None = None,
    periode_van: date | None = None,
    periode_tot: date | None = None,
) -> Budget:
    """Finance sets a ceiling for a doelgroep (or the whole fund) in a year or a pilot period."""
    _vereis_financien(door)
    if not isinstance(plafond, Decimal) or plafond < 0:
        raise Validatiefout("Het plafond is een bedrag van nul of meer.", veld="plafond")
    if jaar is not None:
        jaar = geldig_jaar(jaar)  # e.g. 10000 is a 400 with a Dutch message, not a 500
        van, tot, naam = date(jaar, 1, 1), date(jaar, 12, 31), str(jaar)
    elif periode_van and periode_tot:
        periode_van = binnen_grenzen(periode_van, veld="periode_van")
        periode_tot = binnen_grenzen(periode_tot, veld="periode_tot")
        if periode_tot < periode_van:
            raise Validatiefout("De periode eindigt voor ze begint.", veld="periode_tot")
        van, tot, naam = periode_van, periode_tot, f"{periode_van} t/m {periode_tot}"
    else:
        raise Validatiefout("Geef een jaar, of periode_van en periode_tot.", veld="jaar")
    with transaction.atomic():
        f = selectors.fonds_voor(medewerker=door, code=fonds)
        dg = None
        if doelgroep:
            dg = Doelgroep.objects.filter(gemeente_id=door.gemeente_id, code=doelgroep).first()
            if dg is None:
                raise Validatiefout("Onbekende doelgroep voor deze gemeente.", veld="doelgroep")
        periode = Periode.objects.filter(fonds=f, van=van, tot=tot).first()
        if periode is None:
            if Periode.objects.filter(fonds=f, van__lte=tot, tot__gte=van).exists():
                raise Conflict("Deze periode overlapt een bestaande periode.", veld="jaar")
            periode = Periode.objects.create(fonds=f, naam=naam, van=van, tot=tot)
        if Budget.objects.filter(periode=periode, doelgroep=dg).exists():
            raise Conflict(
                "Voor deze periode en doelgroep is al een budget vastgesteld.", veld="doelgroep"
            )
        budget = Budget.objects.create(
            gemeente_id=door.gemeente_id, periode=periode, doelgroep=dg, plafond=euro(plafond)
        )
        leg_vast(
            gemeente_id=door.gemeente_id,
            door=door,
            vastleggingen=[
                Vastlegging(
                    Handeling.AANMAKEN,
                    "budget",
                    budget.pk,
                    None,
                    omschrijving=f"plafond {opmaak.euro(plafond)}",
                )
            ],
        )
        return budget


def bijdrage_registreren(
    *, door: Medewerker, budget_id: UUID, partner: str, bedrag: Decimal, datum: date | None = None
) -> Budget:
    _vereis_financien(door)
    bedrag = _positief(bedrag)
    if not partner.strip():
        raise Validatiefout("Noem de partner die bijdraagt.", veld="partner")
    with transaction.atomic():
        budget = selectors.budget_ophalen(medewerker=door, budget_id=budget_id)
        vanaf = date(budget.periode.van.year - 1, 1, 1)
        datum = _boekdatum(datum, vanaf=vanaf, wat="het jaar voor de periode")
        ledger.boek(
            budget=budget,
            soort=Soort.BIJDRAGE,
            bedrag=bedrag,
            datum=datum,
            door=door,
            tegenpartij=partner.strip(),
        )
        return budget


# --- period end ----------------------------------------------------------------------------


def periode_afsluiten(
    *, door: Medewerker, periode_id: UUID, wijze: str, naar_periode_id: UUID | None = None
) -> Periode:
    """Close a period: every unpaid commitment is released, or carried over to the next period's
    budget for the same doelgroep (checked against that ceiling under its row lock). Recorded as
    entries; all or nothing."""
    _vereis_financien(door)
    if wijze not in ("vrijgeven", "overboeken"):
        raise Validatiefout("Kies vrijgeven of overboeken.", veld="wijze")
    with transaction.atomic():
        # Lock order (doorbraak/vergrendeling.py): the period, its granted requests, their cases'
        # dossier rows, then every budget this close moves.
        # FOR NO KEY UPDATE on the period waits for the go's that hold it FOR SHARE (they land
        # before the close and are in its figures) and makes later go's refuse.
        periode = _periode(door, periode_id, lock=True)
        if periode.afgesloten:
            raise Conflict("Deze periode is al afgesloten.", veld="periode")
        naar = None
        if wijze == "overboeken":
            if naar_periode_id is None:
                raise Validatiefout("Naar welke periode wordt overgeboekt?", veld="naar_periode")
            naar = _periode(door, naar_periode_id, lock=True, veld="naar_periode")
            if naar.fonds_id != periode.fonds_id or naar.van <= periode.tot or naar.afgesloten:
                raise Validatiefout(
                    "Boek over naar een latere, open periode van hetzelfde fonds.",
                    veld="naar_periode",
                )
        aanvragen = list(
            Aanvraag.objects.filter(budget__periode=periode, status=AanvraagStatus.TOEGEKEND)
            .select_related("casus", "doelgroep", "fonds")
            .select_for_update(of=("self",), no_key=True)
            .order_by("pk")
        )
        open_ = [(a, s) for a in aanvragen if (s := ledger.aanvraag_saldi(a)).open > 0]
        doelen: dict[UUID, UUID] = {}
        if naar is not None:
            for aanvraag, _s in open_:
                gevonden = selectors.budget_voor(
                    fonds=aanvraag.fonds, doelgroep=aanvraag.doelgroep, datum=naar.van
                )
                if gevonden is None or gevonden.periode_id != naar.pk:
                    raise Conflict(
                        f"{naar.naam} heeft geen budget voor {aanvraag.doelgroep.naam}.",
                        veld="naar_periode",
                    )
                doelen[aanvraag.pk] = gevonden.pk
        # The dossiers of these cases before any budget (their log entries follow the bookings).
        dossiers_gewijzigd(casus_ids=[a.casus_id for a, _s in open_])
        budgetten = {
            b.pk: b
            for b in Budget.objects.filter(
                pk__in={a.budget_id for a, _s in open_} | set(doelen.values())
            )
            .select_related("periode__fonds")
            .select_for_update(of=("self",), no_key=True)
            .order_by("pk")
        }
        vandaag = _vandaag()
        for aanvraag, s in open_:
            oud = budgetten[aanvraag.budget_id]
            if naar is None:
                ledger.boek(
                    budget=oud,
                    soort=Soort.VRIJVAL,
                    bedrag=s.open,
                    datum=vandaag,
                    door=door,
                    aanvraag=aanvraag,
                    omschrijving=f"Afsluiting {periode.naam}",
                )
                status = AanvraagStatus.BETAALD if s.betaald > 0 else AanvraagStatus.VERVALLEN
                _stap(aanvraag, status, door, f"Vrijgevallen bij afsluiting {periode.naam}.")
                tekst = f"Toezegging van {opmaak.euro(s.open)} vrijgevallen ({periode.naam})."
            else:
                nieuw = budgetten[doelen[aanvraag.pk]]
                ledger.boek(
                    budget=oud,
                    soort=Soort.OVERBOEKING_UIT,
                    bedrag=s.open,
                    datum=vandaag,
                    door=door,
                    aanvraag=aanvraag,
                    omschrijving=f"Naar {naar.naam}",
                )
                ledger.committeer(
                    budget=nieuw,
                    bedrag=s.open,
                    datum=vandaag,
                    door=door,
                    aanvraag=aanvraag,
                    soort=Soort.OVERBOEKING_IN,
                    omschrijving=f"Uit {periode.naam}",
                )
                aanvraag.budget = nieuw
                tekst = f"Toezegging van {opmaak.euro(s.open)} overgeboekt naar {naar.naam}."
            aanvraag.save(update_fields=["status", "budget"])
            gebeurtenis(aanvraag.casus, tekst, door)
            _leg_vast(door, Handeling.WIJZIGEN, aanvraag, tekst[:200])
        periode.afgesloten = True
        periode.save(update_fields=["afgesloten"])
        return periode


def _periode(door: Medewerker, periode_id: UUID, *, lock: bool = False, veld: str = "periode"):
    qs = Periode.objects.filter(fonds__gemeente_id=door.gemeente_id)
    if lock:
        qs = qs.select_for_update(of=("self",), no_key=True)
    try:
        return qs.get(pk=periode_id)
    except (Periode.DoesNotExist, ValueError):
        from doorbraak.fouten import NietGevonden

        raise NietGevonden("Periode niet gevonden.") from None


# --- fund routes and fund mandates (applied by organisaties' four-eyes change services) -------


def fondsroute_toepassen(*, gemeente_id: UUID, fonds_id: object, gegevens: dict, opslaan: bool):
    """Check (and with opslaan, store) a fund's new route. The regulation's own fund never lets
    anyone decide alone or skip the review, whoever asks and by whatever path."""
    try:
        fonds = Fonds.objects.select_for_update(no_key=True).get(
            gemeente_id=gemeente_id, pk=fonds_id
        )
    except (Fonds.DoesNotExist, ValueError, DjangoValidationError):
        raise Validatiefout("Onbekend fonds in deze gemeente.", veld="fonds") from None
    onbekend = sorted(set(gegevens) - set(ROUTEVELDEN))
    if onbekend:
        raise Validatiefout(f"Geen routeveld: {', '.join(onbekend)}.", veld=onbekend[0])
    for veld, waarde in gegevens.items():
        try:
            setattr(fonds, veld, Fonds._meta.get_field(veld).to_python(waarde))
        except DjangoValidationError as e:
            raise Validatiefout(" ".join(e.messages), veld=veld) from None
    fout = routefout(fonds)
    if fout:
        raise Validatiefout(fout[1], veld=fout[0])
    try:
        fonds.full_clean()
    except DjangoValidationError as e:
        veld, meldingen = next(iter(e.message_dict.items()))
        raise Validatiefout(" ".join(meldingen), veld=veld) from None
    if opslaan:
        fonds.save(update_fields=list(gegevens))
    return fonds


def fondsmandaat_toepassen(*, gemeente_id: UUID, gegevens: dict, opslaan: bool) -> None:
    from doorbraak.organisaties.services import mandaat_toepassen

    fonds = None
    if gegevens.get("actie") != "verwijderen":
        fonds = Fonds.objects.filter(gemeente_id=gemeente_id, pk=gegevens.get("fonds")).first()
        if fonds is None:
            raise Validatiefout("Onbekend fonds in deze gemeente.", veld="fonds")
    sleutels = {"fonds": fonds} if fonds else {}
    mandaat_toepassen(Fondsmandaat, gemeente_id, gegevens, opslaan, **sleutels)
