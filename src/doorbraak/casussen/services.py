"""Every change to households and cases: one function per action, in one transaction, logged."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from doorbraak import bsn as bsn_bescherming
from doorbraak import invoer as grenzen
from doorbraak import vaste_sql
from doorbraak.audit.activiteiten import BEVEILIGING
from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.casussen import selectors, status, toegang
from doorbraak.casussen.models import (
    Actie,
    Casus,
    Contactmoment,
    ContactSoort,
    Domeinscore,
    Doorbraakplan,
    Gezinslid,
    GezinslidCorrectie,
    GezinslidRol,
    Huishouden,
    Hulpverlener,
    Knelpunt,
    KnelpuntSoort,
    Leefgebied,
    MeldcodeAfweging,
    MeldcodeBesluit,
    Meting,
    Netwerklid,
    Statuswijziging,
    TijdlijnItem,
    TijdlijnSoort,
    Urgentie,
)
from doorbraak.fouten import GeenToegang, NietGevonden, OngeldigeStatusovergang, Validatiefout
from doorbraak.opmaak import keuze
from doorbraak.organisaties.models import Doelgroep, Medewerker, Rol

EERSTE_GEBOORTEDATUM = date(1900, 1, 1)  # sane bounds (issue 20): 0001-01-01 was accepted


@dataclass(frozen=True)
class NieuwGezinslid:
    voornaam: str
    achternaam: str
    geboortedatum: date
    rol: str
    bsn: str | None = None


def _leg_vast(door: Medewerker, *vastleggingen: Vastlegging) -> None:
    leg_vast(gemeente_id=door.gemeente_id, door=door, vastleggingen=vastleggingen)


def gebeurtenis(casus: Casus, tekst: str, door: Medewerker | None) -> TijdlijnItem:
    """An event on the case's timeline; every app that changes a case records it here (its
    INSERT written once: `vaste_sql.invoegen`, every go writes one)."""
    return vaste_sql.invoegen(gebeurtenis_nog_op_te_slaan(casus, tekst, door))


def gebeurtenis_nog_op_te_slaan(casus: Casus, tekst: str, door: Medewerker | None) -> TijdlijnItem:
    """The event of `gebeurtenis`, not yet saved: for a writer that saves it in its own
    statement (`vaste_sql.invoegen_en_bijwerken(…, mee=[…])`: a request's step)."""
    return TijdlijnItem(
        casus=casus,
        gemeente_id=casus.gemeente_id,
        soort=TijdlijnSoort.GEBEURTENIS,
        tekst=tekst,
        door=door,
    )


def _vereis_geboortedatum(datum: object, *, veld: str) -> None:
    """A date of birth within sane bounds: a date, not in the future, not before 1900."""
    if not isinstance(datum, date):
        raise Validatiefout("Geef een datum als JJJJ-MM-DD.", veld=veld)
    if datum > timezone.localdate():
        raise Validatiefout("Kies een geboortedatum die niet in de toekomst ligt.", veld=veld)
    if datum < EERSTE_GEBOORTEDATUM:
        raise Validatiefout("De geboortedatum ligt voor 1900.", veld=veld)


def _maak_gezinsleden(
    huishouden: Huishouden, leden: Sequence[NieuwGezinslid], *, veldprefix: str, begin: int = 0
) -> list[Gezinslid]:
    gezien: set[str] = set()
    nieuw = []
    for i, lid in enumerate(leden, start=begin):
        if lid.rol not in GezinslidRol.values:
            raise Validatiefout("Kies ouder, kind of overig.", veld=f"{veldprefix}[{i}].rol")
        _vereis_geboortedatum(lid.geboortedatum, veld=f"{veldprefix}[{i}].geboortedatum")
        gezinslid = Gezinslid(
            gemeente_id=huishouden.gemeente_id,
            huishouden=huishouden,
            voornaam=lid.voornaam.strip(),
            achternaam=lid.achternaam.strip(),
            geboortedatum=lid.geboortedatum,
            rol=lid.rol,
        )
        if lid.bsn:
            bsn_veld = f"{veldprefix}[{i}].bsn"
            geldig = bsn_bescherming.valideer(lid.bsn, veld=bsn_veld)
            zoekhash = bsn_bescherming.zoekhash(geldig)
            if zoekhash in gezien or selectors.gezinslid_bestaat_met_bsn(
                gemeente_id=huishouden.gemeente_id, zoekhashes=bsn_bescherming.zoekhashes(geldig)
            ):
                raise Validatiefout(
                    "Dit BSN is al geregistreerd bij een gezinslid; zoek het huishouden op.",
                    veld=bsn_veld,
                )
            gezien.add(zoekhash)
            gezinslid.zet_bsn(geldig)
        nieuw.append(gezinslid)
    return Gezinslid.objects.bulk_create(nieuw)


def huishouden_registreren(
    *, door: Medewerker, naam: str, postcode: str = "", gezinsleden: Sequence[NieuwGezinslid]
) -> Huishouden:
    toegang.vereis_casuswerk(door)
    if not naam.strip():
        raise Validatiefout("Geef het huishouden een naam.", veld="naam")
    if not gezinsleden:
        raise Validatiefout("Een huishouden heeft minstens één gezinslid.", veld="gezinsleden")
    with transaction.atomic():
        huishouden = Huishouden(
            gemeente_id=door.gemeente_id,
            naam=naam.strip(),
            postcode=postcode.strip().upper(),
            aangemaakt_door=door,
        )
        _valideer_postcode(huishouden.postcode)
        huishouden.save()
        leden = _maak_gezinsleden(huishouden, gezinsleden, veldprefix="gezinsleden")
        _leg_vast(
            door,
            Vastlegging(
                Handeling.AANMAKEN,
                "huishouden",
                huishouden.pk,
                huishouden.pk,
                omschrijving=f"met {len(leden)} gezinsleden",
            ),
        )
        return huishouden


def _valideer_postcode(postcode: str) -> None:
    from django.core.exceptions import ValidationError

    from doorbraak.casussen.models import POSTCODE

    if postcode:
        try:
            POSTCODE(postcode)
        except ValidationError:
            raise Validatiefout("Een postcode heeft de vorm 1234 AB.", veld="postcode") from None


# Address and contact details: (field, longest length, pattern or None, message).
_ADRES_TELEFOON = re.compile(r"^\+?[0-9][0-9 ()-]{5,18}$")
_ADRES_HUISNUMMER = re.compile(r"^[0-9]{1,5}( ?[A-Za-z0-9-]{1,6})?$")


def _valideer_adres(waarden: dict[str, str]) -> None:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    for veld, lengte in (("straat", 120), ("huisnummer", 12), ("woonplaats", 80)):
        if len(waarden.get(veld, "")) > lengte:
            raise Validatiefout(f"Gebruik hoogstens {lengte} tekens.", veld=veld)
    huisnummer = waarden.get("huisnummer", "")
    if huisnummer and not _ADRES_HUISNUMMER.match(huisnummer):
        raise Validatiefout(
            "Een huisnummer is een getal met eventueel een toevoeging, bijv. 12a.",
            veld="huisnummer",
        )
    telefoon = waarden.get("telefoon", "")
    if telefoon and not _ADRES_TELEFOON.match(telefoon):
        raise Validatiefout(
            "Een telefoonnummer bestaat uit cijfers (eventueel met +, spaties of streepjes), "
            "bijv. 0492 123456.",
            veld="telefoon",
        )
    email = waarden.get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Validatiefout(
                "Geef een geldig e-mailadres, bijv. naam@voorbeeld.nl.", veld="email"
            ) from None
        if len(email) > 254:
            raise Validatiefout("Gebruik hoogstens 254 tekens.", veld="email")


ADRESVELDEN = ("straat", "huisnummer", "woonplaats", "telefoon", "email")


def huishouden_wijzigen(
    *,
    door: Medewerker,
    huishouden_id: UUID,
    naam: str | None = None,
    postcode: str | None = None,
    **adres: str | None,
) -> Huishouden:
    """Change the household's name, postcode, address or contact details (each optional: None
    leaves it as it is); all or nothing, logged (which also refreshes its dossiers)."""
    toegang.vereis_casuswerk(door)
    onbekend = sorted(set(adres) - set(ADRESVELDEN))
    if onbekend:
        raise Validatiefout("Dit gegeven van een huishouden bestaat niet.", veld=onbekend[0])
    waarden = {k: v.strip() for k, v in adres.items() if v is not None}
    _valideer_adres(waarden)
    with transaction.atomic():
        huishouden = selectors.huishouden_ophalen(
            medewerker=door, huishouden_id=huishouden_id, lock=True
        )
        if naam is not None:
            if not naam.strip():
                raise Validatiefout("Geef het huishouden een naam.", veld="naam")
            if len(naam.strip()) > 200:
                raise Validatiefout("Gebruik hoogstens 200 tekens.", veld="naam")
            huishouden.naam = naam.strip()
        if postcode is not None:
            huishouden.postcode = postcode.strip().upper()
            _valideer_postcode(huishouden.postcode)
        for veld, waarde in waarden.items():
            setattr(huishouden, veld, waarde)
        huishouden.save()
        _leg_vast(door, Vastlegging(Handeling.WIJZIGEN, "huishouden", huishouden.pk, huishouden.pk))
        return huishouden


def gezinslid_toevoegen(
    *, door: Medewerker, huishouden_id: UUID, gezinslid: NieuwGezinslid
) -> Gezinslid:
    toegang.vereis_casuswerk(door)
    with transaction.atomic():
        huishouden = selectors.huishouden_ophalen(
            medewerker=door, huishouden_id=huishouden_id, lock=True
        )
        (lid,) = _maak_gezinsleden(huishouden, [gezinslid], veldprefix="gezinslid", begin=0)
        _leg_vast(door, Vastlegging(Handeling.AANMAKEN, "gezinslid", lid.pk, huishouden.pk))
        return lid


CORRIGEERBAAR = ("voornaam", "achternaam", "geboortedatum", "rol", "bsn")


def _getoond(veld: str, waarde: object) -> str:
    if isinstance(waarde, date):
        return waarde.isoformat()
    return str(waarde or "")


def gezinslid_corrigeren(
    *,
    door: Medewerker,
    huishouden_id: UUID,
    gezinslid_id: UUID,
    wijzigingen: dict[str, Any],
    reden: str,
) -> Gezinslid:
    """AVG art. 16: correct a member's details. Every changed field keeps its previous value in
    GezinslidCorrectie with who, when and why (a BSN only masked); all or nothing."""
    if door.gemeente_id is None or not door.heeft_rol(*toegang.CASUSWERK_ROLLEN, Rol.PRIVACY):
        raise GeenToegang("U mag de gegevens van gezinsleden niet corrigeren.")
    if not reden or not reden.strip():
        raise Validatiefout("Geef de reden van de correctie.", veld="reden")
    onbekend = sorted(set(wijzigingen) - set(CORRIGEERBAAR))
    if onbekend:
        raise Validatiefout("Dit gegeven kan niet worden gecorrigeerd.", veld=onbekend[0])
    with transaction.atomic():
        huishouden = selectors.huishouden_ophalen(
            medewerker=door, huishouden_id=huishouden_id, lock=True
        )
        try:
            lid = Gezinslid.objects.select_for_update(no_key=True).get(
                pk=gezinslid_id, huishouden=huishouden, gemeente_id=door.gemeente_id
            )
        except (Gezinslid.DoesNotExist, ValueError):
            raise NietGevonden("Gezinslid niet gevonden.") from None
        correcties = []
        for veld, nieuw in wijzigingen.items():
            if veld == "bsn":
                oud_getoond = lid.bsn_masked or ""
                if nieuw:
                    geldig = bsn_bescherming.valideer(str(nieuw), veld="bsn")
                    hashes = bsn_bescherming.zoekhashes(geldig)
                    if lid.bsn_zoekhash in hashes:
                        continue
                    if selectors.gezinslid_bestaat_met_bsn(
                        gemeente_id=huishouden.gemeente_id, zoekhashes=hashes
                    ):
                        raise Validatiefout(
                            "Dit BSN is al geregistreerd bij een gezinslid; zoek het "
                            "huishouden op.",
                            veld="bsn",
                        )
                    lid.zet_bsn(geldig)
                else:
                    if not lid.bsn_versleuteld:
                        continue
                    lid.bsn_versleuteld = lid.bsn_zoekhash = ""
                    lid.bsn_laatste_cijfers = lid.bsn_hash_sleutel = ""
                nieuw_getoond = lid.bsn_masked or ""
            else:
                if veld in ("voornaam", "achternaam"):
                    nieuw = str(nieuw or "").strip()
                    if not nieuw:
                        raise Validatiefout("Vul dit gegeven in.", veld=veld)
                elif veld == "rol" and nieuw not in GezinslidRol.values:
                    raise Validatiefout("Kies ouder, kind of overig.", veld="rol")
                elif veld == "geboortedatum":
                    _vereis_geboortedatum(nieuw, veld=veld)
                oud_getoond = _getoond(veld, getattr(lid, veld))
                if getattr(lid, veld) == nieuw:
                    continue
                setattr(lid, veld, nieuw)
                nieuw_getoond = _getoond(veld, nieuw)
            correcties.append(
                GezinslidCorrectie(
                    gezinslid=lid,
                    gemeente_id=lid.gemeente_id,
                    veld=veld,
                    oude_waarde=oud_getoond[:200],
                    nieuwe_waarde=nieuw_getoond[:200],
                    reden=reden.strip(),
                    door=door,
                    actor=door.username,
                )
            )
        if not correcties:
            raise Validatiefout("Er is niets gewijzigd.", veld="wijzigingen")
        lid.save()
        GezinslidCorrectie.objects.bulk_create(correcties)
        _leg_vast(
            door,
            Vastlegging(
                Handeling.WIJZIGEN,
                "gezinslid",
                lid.pk,
                huishouden.pk,
                omschrijving="gecorrigeerd (AVG art. 16): " + ", ".join(c.veld for c in correcties),
            ),
        )
        return lid


def casus_aanmelden(
    *,
    door: Medewerker,
    huishouden_id: UUID,
    doelgroep_code: str,
    aanleiding: str,
    urgentie: str = Urgentie.NORMAAL,
    regisseur: Medewerker | None = None,
) -> Casus:
    toegang.vereis_casuswerk(door)
    if not aanleiding.strip():
        raise Validatiefout("Beschrijf de aanleiding.", veld="aanleiding")
    grenzen.tekst(aanleiding.strip(), veld="aanleiding")
    if urgentie not in Urgentie.values:
        raise Validatiefout("Kies normaal, hoog of crisis.", veld="urgentie")
    with transaction.atomic():
        huishouden = selectors.huishouden_ophalen(medewerker=door, huishouden_id=huishouden_id)
        doelgroep = Doelgroep.objects.filter(
            gemeente_id=door.gemeente_id, code=doelgroep_code, actief=True
        ).first()
        if doelgroep is None:
            raise Validatiefout("Onbekende doelgroep voor deze gemeente.", veld="doelgroep")
        regisseur = regisseur or door
        casus = Casus.objects.create(
            gemeente_id=door.gemeente_id,
            huishouden=huishouden,
            doelgroep=doelgroep,
            aanleiding=aanleiding.strip(),
            urgentie=urgentie,
            regisseur=regisseur,
            team_id=regisseur.team_id,
        )
        Doorbraakplan.objects.create(casus=casus, gemeente_id=casus.gemeente_id)
        gebeurtenis(
            casus,
            f"Casus aangemeld voor {doelgroep.naam} (urgentie {keuze(Urgentie, urgentie)}).",
            door,
        )
        _leg_vast(door, Vastlegging(Handeling.AANMAKEN, "casus", casus.pk, huishouden.pk, casus.pk))
        return casus


def _plan_stand(casus: Casus) -> status.PlanStand:
    plan = Doorbraakplan.objects.filter(casus=casus).first()
    if plan is None:
        return status.PlanStand(heeft_doorbraak=False, aantal_acties=0)
    return status.PlanStand(
        heeft_doorbraak=bool(plan.doorbraak.strip()), aantal_acties=plan.acties.count()
    )


def _te_wijzigen(door: Medewerker, casus_id: UUID) -> Casus:
    """The case locked for a change by `door`, inside the caller's transaction: still open, and
    `door` its regisseur (or a manager) — the checks every change of a case's contents makes."""
    casus = selectors.casus_ophalen(medewerker=door, casus_id=casus_id, lock=True)
    toegang.vereis_open(casus)
    toegang.vereis_regie(casus, door)
    return casus


def casus_wijzigen(
    *,
    door: Medewerker,
    casus_id: UUID,
    status_naar: str | None = None,
    reden: str = "",
    urgentie: str | None = None,
    aanleiding: str | None = None,
    regisseur_gebruikersnaam: str | None = None,
) -> Casus:
    """Change a case's status along its lifecycle and/or its urgentie, aanleiding or regisseur."""
    toegang.vereis_casuswerk(door)
    with transaction.atomic():
        casus = _te_wijzigen(door, casus_id)
        if urgentie is not None:
            if urgentie not in Urgentie.values:
                raise Validatiefout("Kies normaal, hoog of crisis.", veld="urgentie")
            if urgentie != casus.urgentie:
                van, naar = keuze(Urgentie, casus.urgentie), keuze(Urgentie, urgentie)
                gebeurtenis(casus, f"Urgentie gewijzigd van {van} naar {naar}.", door)
                casus.urgentie = urgentie
        if aanleiding is not None:
            if not aanleiding.strip():
                raise Validatiefout("Beschrijf de aanleiding.", veld="aanleiding")
            casus.aanleiding = grenzen.tekst(aanleiding.strip(), veld="aanleiding")
        if regisseur_gebruikersnaam is not None:
            nieuw = next(
                (
                    m
                    for m in selectors.regisseurs_van(gemeente_id=casus.gemeente_id)
                    if m.username == regisseur_gebruikersnaam
                ),
                None,
            )
            if nieuw is None:
                raise Validatiefout("Onbekende regisseur in deze gemeente.", veld="regisseur")
            if nieuw.pk != casus.regisseur_id:  # the same hand-over as on the screen
                _regie_naar(casus, nieuw, reden, door)
        if status_naar is not None:
            _wijzig_status(casus, status_naar, reden, door)
        casus.save()
        _leg_vast(
            door,
            Vastlegging(
                Handeling.WIJZIGEN,
                "casus",
                casus.pk,
                casus.huishouden_id,
                casus.pk,
                f"status {keuze(status.CasusStatus, casus.status)}",
            ),
        )
        return casus


def _wijzig_status(casus: Casus, naar: str, reden: str, door: Medewerker) -> None:
    if naar not in status.CasusStatus.values:
        raise Validatiefout("Onbekende status.", veld="status")
    weigering = status.weigering(casus.status, naar, reden=reden, plan=_plan_stand(casus))
    if weigering:
        raise OngeldigeStatusovergang(weigering, veld="status")
    van = casus.status
    Statuswijziging.objects.create(
        casus=casus,
        gemeente_id=casus.gemeente_id,
        van=van,
        naar=naar,
        reden=reden.strip(),
        door=door,
    )
    nu = timezone.now()
    casus.status, casus.status_gewijzigd_op = naar, nu
    if naar == status.CasusStatus.AFGESLOTEN:
        casus.afgesloten_op = nu
    with translation.override(settings.LANGUAGE_CODE):  # the timeline is kept in Dutch
        tekst = f"Status van {status.CasusStatus(van).label} naar {status.CasusStatus(naar).label}."
    gebeurtenis(casus, f"{tekst} {reden.strip()}".strip(), door)


@dataclass(frozen=True)
class Score:
    domein: str
    score: int
    toelichting: str = ""


def domeinscores_vastleggen(
    *, door: Medewerker, casus_id: UUID, scores: Sequence[Score], datum: date | None = None
) -> Meting:
    """A new dated measurement; earlier measurements stay, so change over time is visible."""
    toegang.vereis_casuswerk(door)
    if not scores:
        raise Validatiefout("Geef minstens één domeinscore.", veld="scores")
    leefgebieden = {
        lg.code: lg for lg in Leefgebied.objects.filter(gemeente_id=door.gemeente_id, actief=True)
    }
    gezien: set[str] = set()
    for i, s in enumerate(scores):
        if s.domein not in leefgebieden:
            raise Validatiefout("Onbekend leefgebied voor deze gemeente.", veld=f"[{i}].domein")
        if s.domein in gezien:
            raise Validatiefout("Dit leefgebied staat dubbel in de meting.", veld=f"[{i}].domein")
        if not 1 <= s.score <= 5:
            raise Validatiefout(
                "Een score ligt tussen 1 (acute problematiek) en 5 (volledig zelfredzaam).",
                veld=f"[{i}].score",
            )
        gezien.add(s.domein)
    with transaction.atomic():
        casus = _te_wijzigen(door, casus_id)
        meting = Meting.objects.create(
            casus=casus,
            gemeente_id=casus.gemeente_id,
            datum=datum or timezone.localdate(),
            door=door,
        )
        Domeinscore.objects.bulk_create(
            Domeinscore(
                meting=meting,
                gemeente_id=casus.gemeente_id,
                leefgebied=leefgebieden[s.domein],
                score=s.score,
                toelichting=s.toelichting.strip(),
            )
            for s in scores
        )
        gebeurtenis(casus, f"Domeinscores gemeten op {len(scores)} leefgebieden.", door)
        _leg_vast(
            door,
            Vastlegging(
                Handeling.AANMAKEN, "domeinscores", meting.pk, casus.huishouden_id, casus.pk
            ),
        )
        return meting


@dataclass(frozen=True)
class PlanInvoer:
    situatie: str = ""
    perspectief: str = ""
    doorbraak: str = ""
    knelpunten: Sequence[dict[str, Any]] = field(default_factory=list)
    acties: Sequence[dict[str, Any]] = field(default_factory=list)
    # The household's own part of the plan (issue 17): its words, strengths and network;
    # None leaves what is stored (a caller that does not show these parts).
    eigen_woorden: str | None = None
    krachten: str | None = None
    netwerk: Sequence[dict[str, Any]] | None = None


def _bijwerken(
    model: type,
    plan: Doorbraakplan,
    items: Sequence[dict[str, Any]],
    veld: str,
    bestaand: dict[UUID, Any],
) -> None:
    """Upsert items by id (missing ids are new), delete the ones no longer listed."""
    behouden: set[UUID] = set()
    for volgorde, item in enumerate(items):
        item_id = item.get("id")
        waarden = {k: v for k, v in item.items() if k != "id"}
        if item_id is not None:
            obj = bestaand.get(item_id)
            if obj is None:
                raise Validatiefout(
                    "Dit item hoort niet bij dit doorbraakplan.", veld=f"{veld}[{volgorde}].id"
                )
            for k, v in waarden.items():
                setattr(obj, k, v)
            obj.volgorde = volgorde
            obj.save()
            behouden.add(item_id)
        else:
            model.objects.create(
                plan=plan, gemeente_id=plan.gemeente_id, volgorde=volgorde, **waarden
            )
    model.objects.filter(plan=plan).exclude(pk__in=behouden).filter(
        pk__in=list(bestaand.keys())
    ).delete()


def doorbraakplan_opslaan(*, door: Medewerker, casus_id: UUID, invoer: PlanInvoer) -> Doorbraakplan:
    toegang.vereis_casuswerk(door)
    for i, k in enumerate(invoer.knelpunten):
        if not str(k.get("omschrijving", "")).strip():
            raise Validatiefout("Beschrijf het knelpunt.", veld=f"knelpunten[{i}].omschrijving")
        if k.get("soort") not in KnelpuntSoort.values:
            raise Validatiefout("Onbekende soort knelpunt.", veld=f"knelpunten[{i}].soort")
    for i, a in enumerate(invoer.acties):
        if not str(a.get("omschrijving", "")).strip():
            raise Validatiefout("Beschrijf de actie.", veld=f"acties[{i}].omschrijving")
        if not str(a.get("eigenaar", "")).strip():
            raise Validatiefout("Wie is eigenaar van de actie?", veld=f"acties[{i}].eigenaar")
    for i, n in enumerate(invoer.netwerk or ()):
        if not str(n.get("naam", "")).strip():
            raise Validatiefout("Wie is het? Vul een naam in.", veld=f"netwerk[{i}].naam")
        if not str(n.get("rol", "")).strip():
            raise Validatiefout(
                "Wie is dit voor het huishouden? Bijv. oma, buurman of vriendin.",
                veld=f"netwerk[{i}].rol",
            )
    with transaction.atomic():
        casus = _te_wijzigen(door, casus_id)
        plan, _ = Doorbraakplan.objects.get_or_create(
            casus=casus, defaults={"gemeente_id": casus.gemeente_id}
        )
        plan.situatie = invoer.situatie.strip()
        plan.perspectief = invoer.perspectief.strip()
        plan.doorbraak = invoer.doorbraak.strip()
        if invoer.eigen_woorden is not None:
            plan.eigen_woorden = invoer.eigen_woorden.strip()
        if invoer.krachten is not None:
            plan.krachten = invoer.krachten.strip()
        plan.bijgewerkt_door = door
        plan.save()
        _bijwerken(
            Knelpunt,
            plan,
            invoer.knelpunten,
            "knelpunten",
            {k.pk: k for k in plan.knelpunten.all()},
        )
        _bijwerken(Actie, plan, invoer.acties, "acties", {a.pk: a for a in plan.acties.all()})
        if invoer.netwerk is not None:
            netwerk = [
                {k: (v.strip() if isinstance(v, str) else v) for k, v in n.items()}
                for n in invoer.netwerk
            ]
            bestaand = {n.pk: n for n in plan.netwerk.all()}
            _bijwerken(Netwerklid, plan, netwerk, "netwerk", bestaand)
        gebeurtenis(casus, "Doorbraakplan bijgewerkt.", door)
        _leg_vast(
            door,
            Vastlegging(
                Handeling.WIJZIGEN, "doorbraakplan", casus.pk, casus.huishouden_id, casus.pk
            ),
        )
        return plan


@dataclass(frozen=True)
class HulpverlenerInvoer:
    organisatie: str
    rol: str
    contactpersoon: str = ""
    telefoon: str = ""
    email: str = ""
    geschatte_jaarkosten: Decimal | None = None


def _valideer_hulpverlener(invoer: HulpverlenerInvoer) -> None:
    if not invoer.organisatie.strip():
        raise Validatiefout("Vul de organisatie in.", veld="organisatie")
    if not invoer.rol.strip():
        raise Validatiefout("Vul de rol van de hulpverlener in.", veld="rol")
    if invoer.geschatte_jaarkosten is not None and invoer.geschatte_jaarkosten < 0:
        raise Validatiefout("Kosten kunnen niet negatief zijn.", veld="geschatte_jaarkosten")


def hulpverlener_toevoegen(
    *, door: Medewerker, casus_id: UUID, invoer: HulpverlenerInvoer
) -> Hulpverlener:
    toegang.vereis_casuswerk(door)
    _valideer_hulpverlener(invoer)
    with transaction.atomic():
        casus = _te_wijzigen(door, casus_id)
        hulpverlener = Hulpverlener.objects.create(
            casus=casus, gemeente_id=casus.gemeente_id, **invoer.__dict__
        )
        gebeurtenis(casus, f"Hulpverlener toegevoegd: {invoer.rol} ({invoer.organisatie}).", door)
        _leg_vast(
            door,
            Vastlegging(
                Handeling.AANMAKEN, "hulpverlener", hulpverlener.pk, casus.huishouden_id, casus.pk
            ),
        )
        return hulpverlener


def hulpverlener_wijzigen(
    *, door: Medewerker, casus_id: UUID, hulpverlener_id: UUID, invoer: HulpverlenerInvoer
) -> Hulpverlener:
    toegang.vereis_casuswerk(door)
    _valideer_hulpverlener(invoer)
    with transaction.atomic():
        casus = _te_wijzigen(door, casus_id)
        hulpverlener = _hulpverlener_van(casus, hulpverlener_id)
        for k, v in invoer.__dict__.items():
            setattr(hulpverlener, k, v)
        hulpverlener.save()
        _leg_vast(
            door,
            Vastlegging(
                Handeling.WIJZIGEN, "hulpverlener", hulpverlener.pk, casus.huishouden_id, casus.pk
            ),
        )
        return hulpverlener


def hulpverlener_verwijderen(*, door: Medewerker, casus_id: UUID, hulpverlener_id: UUID) -> None:
    toegang.vereis_casuswerk(door)
    with transaction.atomic():
        casus = _te_wijzigen(door, casus_id)
        hulpverlener = _hulpverlener_van(casus, hulpverlener_id)
        gebeurtenis(
            casus, f"Hulpverlener afgemeld: {hulpverlener.rol} ({hulpverlener.organisatie}).", door
        )
        _leg_vast(
            door,
            Vastlegging(
                Handeling.VERWIJDEREN,
                "hulpverlener",
                hulpverlener.pk,
                casus.huishouden_id,
                casus.pk,
            ),
        )
        hulpverlener.delete()


def _hulpverlener_van(casus: Casus, hulpverlener_id: UUID) -> Hulpverlener:
    from doorbraak.fouten import NietGevonden

    try:
        return Hulpverlener.objects.get(casus=casus, pk=hulpverlener_id)
    except (Hulpverlener.DoesNotExist, ValueError):
        raise NietGevonden("Hulpverlener niet gevonden bij deze casus.") from None


def notitie_toevoegen(*, door: Medewerker, casus_id: UUID, tekst: str) -> TijdlijnItem:
    toegang.vereis_notitierecht(door)
    if not tekst.strip():
        raise Validatiefout("Een notitie mag niet leeg zijn.", veld="tekst")
    with transaction.atomic():
        casus = selectors.casus_ophalen(medewerker=door, casus_id=casus_id)
        toegang.vereis_open(casus)
        item = TijdlijnItem.objects.create(
            casus=casus,
            gemeente_id=casus.gemeente_id,
            soort=TijdlijnSoort.NOTITIE,
            tekst=tekst.strip(),
            door=door,
        )
        _leg_vast(
            door, Vastlegging(Handeling.AANMAKEN, "notitie", item.pk, casus.huishouden_id, casus.pk)
        )
        return item


def bsns_herversleutelen(*, batchgrootte: int = 1000) -> int:
    """Key rotation: re-encrypt every stored BSN with the newest encryption key and re-hash it
    with the newest hash key (recording the key's id), in batches. Each changed member is
    written to the processing log of its gemeente (the BSN is decrypted to do this)."""
    aantal = 0
    laatste_pk = None
    sleutel_id = bsn_bescherming.huidige_sleutel_id()
    while True:
        with transaction.atomic():
            qs = Gezinslid.objects.exclude(bsn_versleuteld="").order_by("pk")
            if laatste_pk is not None:
                qs = qs.filter(pk__gt=laatste_pk)
            leden = list(qs.select_for_update(no_key=True)[:batchgrootte])
            if not leden:
                return aantal
            per_gemeente: dict = {}
            for lid in leden:
                lid.bsn_versleuteld = bsn_bescherming.herversleutel(lid.bsn_versleuteld)
                lid.bsn_zoekhash = bsn_bescherming.zoekhash(
                    bsn_bescherming.ontsleutel(lid.bsn_versleuteld)
                )
                lid.bsn_hash_sleutel = sleutel_id
                per_gemeente.setdefault(lid.gemeente_id, []).append(
                    Vastlegging(
                        Handeling.WIJZIGEN, "gezinslid", lid.pk, lid.huishouden_id,
                        omschrijving="bsn roteer: BSN opnieuw versleuteld en gehasht",
                    )
                )  # fmt: skip
            Gezinslid.objects.bulk_update(
                leden, ["bsn_versleuteld", "bsn_zoekhash", "bsn_hash_sleutel"]
            )
            for gemeente_id, vastleggingen in per_gemeente.items():
                leg_vast(
                    gemeente_id=gemeente_id, door="systeem:bsn-roteer",
                    vastleggingen=vastleggingen, activiteit=BEVEILIGING,
                )  # fmt: skip
            aantal += len(leden)
            laatste_pk = leden[-1].pk


def meldcode_afweging_vastleggen(
    *, door: Medewerker, casus_id: UUID, besluit: str, toelichting: str
) -> MeldcodeAfweging:
    """Record that the meldcode huiselijk geweld en kindermishandeling was considered after a
    low Veiligheid score: who, when, the decision and why. Logged; on the timeline without the
    decision (the timeline is read more widely than this record)."""
    toegang.vereis_casuswerk(door)
    if besluit not in MeldcodeBesluit.values:
        raise Validatiefout("Kies welk besluit u na de vijf stappen nam.", veld="besluit")
    if not toelichting or not toelichting.strip():
        raise Validatiefout(
            "Schrijf kort op hoe u tot dit besluit kwam (met wie u overlegde, wat u woog).",
            veld="toelichting",
        )
    with transaction.atomic():
        casus = _te_wijzigen(door, casus_id)
        meting = (
            Meting.objects.filter(
                casus=casus,
                gemeente_id=casus.gemeente_id,
                scores__leefgebied__code="veiligheid",
            )
            .order_by("-datum", "-aangemaakt_op", "-pk")
            .first()
        )
        afweging = MeldcodeAfweging.objects.create(
            casus=casus,
            gemeente_id=casus.gemeente_id,
            meting=meting,
            besluit=besluit,
            toelichting=toelichting.strip(),
            door=door,
        )
        gebeurtenis(casus, "Meldcode huiselijk geweld en kindermishandeling afgewogen.", door)
        _leg_vast(
            door,
            Vastlegging(
                Handeling.AANMAKEN,
                "meldcode_afweging",
                afweging.pk,
                casus.huishouden_id,
                casus.pk,
                "meldcode afgewogen",
            ),
        )
        return afweging


# --- the regie hand-over and the contact log (issue 17) -------------------------------------


def regie_overdragen(*, door: Medewerker, casus_id: UUID, naar_id: int, reden: str) -> Casus:
    """Hand the case over to another regisseur of the same gemeente, with a reason: on the
    timeline, in the processing log, and the new regisseur is notified (Mijn taken, e-mail as
    they chose). The case moves to the new regisseur's team where they have one."""
    toegang.vereis_casuswerk(door)
    with transaction.atomic():
        casus = _te_wijzigen(door, casus_id)
        nieuw = next(
            (m for m in selectors.regisseurs_van(gemeente_id=casus.gemeente_id) if m.pk == naar_id),
            None,
        )
        if nieuw is None:
            raise Validatiefout("Kies een actieve regisseur van deze gemeente.", veld="regisseur")
        if nieuw.pk == casus.regisseur_id:
            raise Validatiefout(
                "Deze medewerker is al de regisseur van deze casus.", veld="regisseur"
            )
        _regie_naar(casus, nieuw, reden, door)
        casus.save(update_fields=["regisseur", "team"])
        _leg_vast(
            door,
            Vastlegging(
                Handeling.WIJZIGEN, "casus", casus.pk, casus.huishouden_id, casus.pk,
                f"regie overgedragen aan {nieuw.username}",
            ),
        )  # fmt: skip
        return casus


def _regie_naar(casus: Casus, nieuw: Medewerker, reden: str, door: Medewerker) -> None:
    """The hand-over itself, for the screen and the API alike (the caller saves and logs): a
    reason is required, the case moves to the new regisseur's team where they have one, the
    timeline says who to whom and why, and the new regisseur is notified."""
    from django.urls import reverse

    from doorbraak.mijntaken.models import MeldingSoort
    from doorbraak.mijntaken.services import meld

    if not reden or not reden.strip():
        raise Validatiefout("Geef de reden van de overdracht.", veld="reden")
    if len(reden.strip()) > 1000:
        raise Validatiefout("Gebruik hoogstens 1000 tekens.", veld="reden")
    vorige = casus.regisseur.naam if casus.regisseur_id else "niemand"
    casus.regisseur = nieuw
    if nieuw.team_id:
        casus.team_id = nieuw.team_id
    item = gebeurtenis(
        casus, f"Regie overgedragen van {vorige} aan {nieuw.naam}. Reden: {reden.strip()}", door
    )
    meld(
        ontvangers=[nieuw],
        soort=MeldingSoort.REGIE,
        gebeurtenis=f"regie:{item.pk}",
        pad=reverse("dossier", args=[casus.pk]),
    )


CONTACT_NOTITIE_MAX = 2000


@dataclass(frozen=True)
class ContactInvoer:
    datum: date
    soort: str
    met_wie: str
    notitie: str = ""


def _valideer_contact(invoer: ContactInvoer) -> None:

    if not isinstance(invoer.datum, date):
        raise Validatiefout("Geef een datum als JJJJ-MM-DD.", veld="datum")
    grenzen.datum(invoer.datum, veld="datum")
    if invoer.datum > timezone.localdate():
        raise Validatiefout("Een contactmoment ligt niet in de toekomst.", veld="datum")
    if invoer.soort not in ContactSoort.values:
        raise Validatiefout("Kies telefoon, huisbezoek, e-mail of overleg.", veld="soort")
    if not invoer.met_wie.strip():
        raise Validatiefout("Met wie was het contact?", veld="met_wie")
    if len(invoer.met_wie.strip()) > 160:
        raise Validatiefout("Gebruik hoogstens 160 tekens.", veld="met_wie")
    if len(invoer.notitie.strip()) > CONTACT_NOTITIE_MAX:
        raise Validatiefout(f"Gebruik hoogstens {CONTACT_NOTITIE_MAX} tekens.", veld="notitie")
    grenzen.zonder_nul(invoer.met_wie, veld="met_wie")
    grenzen.zonder_nul(invoer.notitie, veld="notitie")


def contactmoment_vastleggen(
    *, door: Medewerker, casus_id: UUID, invoer: ContactInvoer
) -> Contactmoment:
    """A contact with or about the household in the case's contact log; logged."""
    toegang.vereis_casuswerk(door)
    _valideer_contact(invoer)
    with transaction.atomic():
        casus = _te_wijzigen(door, casus_id)
        contact = Contactmoment.objects.create(
            casus=casus,
            gemeente_id=casus.gemeente_id,
            datum=invoer.datum,
            soort=invoer.soort,
            met_wie=invoer.met_wie.strip(),
            notitie=invoer.notitie.strip(),
            door=door,
        )
        _leg_vast(
            door,
            Vastlegging(
                Handeling.AANMAKEN, "contactmoment", contact.pk, casus.huishouden_id, casus.pk
            ),
        )
        return contact
