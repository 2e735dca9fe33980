"""Every change to tables, meetings, agendas, grounds, decisions and escalations: one function per
action, in one transaction, logged with the overleg as purpose."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from uuid import UUID

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from doorbraak.audit.activiteiten import CASUSOVERLEG
from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen import toegang as casus_toegang
from doorbraak.casussen.models import (
    Actie,
    Casus,
    Doorbraakplan,
    Urgentie,
)
from doorbraak.casussen.services import gebeurtenis
from doorbraak.fouten import Conflict, GeenToegang, NietGevonden, Validatiefout
from doorbraak.maskering import bevat_bsn
from doorbraak.opmaak import keuze
from doorbraak.organisaties.models import Doelgroep, Medewerker
from doorbraak.overleg import selectors, toegang
from doorbraak.overleg.models import (
    BIJZONDERE_CATEGORIEEN,
    Afspraak,
    Agendapunt,
    Bijeenkomst,
    Briefdeel,
    Categorie,
    Deelgrondslag,
    Escalatie,
    GrondslagSoort,
    Lidmaatschap,
    Overleg,
    OverlegSoort,
    Richting,
)

#: A legal ground for a special category names its article ("art. 5.2.1", "artikel 7").
ARTIKEL = re.compile(r"(?i)\bart(?:ikel|\.)?\s*\d")

MEENEEM_VRAAG = "Voortgang van de open afspraken uit een eerdere bijeenkomst."


def _leg_vast(door: Medewerker, *vastleggingen: Vastlegging) -> None:
    leg_vast(
        gemeente_id=door.gemeente_id,
        door=door,
        vastleggingen=vastleggingen,
        activiteit=CASUSOVERLEG,
    )


def _overleg(door: Medewerker, overleg_id: UUID, *, lock: bool = False) -> Overleg:
    qs = Overleg.objects.filter(gemeente_id=door.gemeente_id)
    if lock:
        qs = qs.select_for_update(no_key=True)
    try:
        return qs.get(pk=overleg_id)
    except (Overleg.DoesNotExist, ValueError):
        raise NietGevonden("Overleg niet gevonden.") from None


def _bijeenkomst(door: Medewerker, bijeenkomst_id: UUID, *, lock: bool = False) -> Bijeenkomst:
    qs = Bijeenkomst.objects.filter(gemeente_id=door.gemeente_id).select_related("overleg")
    if lock:
        qs = qs.select_for_update(no_key=True, of=("self",))
    try:
        return qs.get(pk=bijeenkomst_id)
    except (Bijeenkomst.DoesNotExist, ValueError):
        raise NietGevonden("Bijeenkomst niet gevonden.") from None


# --- tables ---------------------------------------------------------------------------------


def overleg_aanmaken(
    *,
    door: Medewerker,
    naam: str,
    soort: str,
    doelgroep_code: str | None = None,
    voorzitter: Medewerker | None = None,
    ritme: str = "",
    venster_dagen_voor: int = 7,
    venster_dagen_na: int = 7,
) -> Overleg:
    toegang.vereis_overlegbeheer(door)
    if not naam.strip():
        raise Validatiefout("Geef het overleg een naam.", veld="naam")
    if soort not in OverlegSoort.values:
        raise Validatiefout("Onbekende soort overleg.", veld="soort")
    for veld, dagen in (
        ("venster_dagen_voor", venster_dagen_voor),
        ("venster_dagen_na", venster_dagen_na),
    ):
        if not 0 <= dagen <= 60:
            raise Validatiefout("Kies een venster van 0 tot en met 60 dagen.", veld=veld)
    if voorzitter is not None and voorzitter.gemeente_id != door.gemeente_id:
        raise Validatiefout("De voorzitter hoort bij een andere gemeente.", veld="voorzitter")
    with transaction.atomic():
        doelgroep = None
        if doelgroep_code:
            doelgroep = Doelgroep.objects.filter(
                gemeente_id=door.gemeente_id, code=doelgroep_code
            ).first()
            if doelgroep is None:
                raise Validatiefout("Onbekende doelgroep voor deze gemeente.", veld="doelgroep")
        if Overleg.objects.filter(gemeente_id=door.gemeente_id, naam=naam.strip()).exists():
            raise Validatiefout("Er is al een overleg met deze naam.", veld="naam")
        overleg = Overleg.objects.create(
            gemeente_id=door.gemeente_id,
            naam=naam.strip(),
            soort=soort,
            doelgroep=doelgroep,
            voorzitter=voorzitter,
            ritme=ritme.strip(),
            venster_dagen_voor=venster_dagen_voor,
            venster_dagen_na=venster_dagen_na,
        )
        _leg_vast(door, Vastlegging(Handeling.AANMAKEN, "overleg", overleg.pk, None))
        return overleg


def lid_toevoegen(
    *,
    door: Medewerker,
    overleg_id: UUID,
    medewerker: Medewerker,
    organisatie: str,
    domein: str = "",
) -> Lidmaatschap:
    with transaction.atomic():
        overleg = _overleg(door, overleg_id, lock=True)
        toegang.vereis_voorzitter(door, overleg)
        if medewerker.gemeente_id != overleg.gemeente_id:
            raise Validatiefout("Deze medewerker hoort bij een andere gemeente.", veld="medewerker")
        if not organisatie.strip():
            raise Validatiefout("Vul de organisatie van het lid in.", veld="organisatie")
        lid, _ = Lidmaatschap.objects.update_or_create(
            overleg=overleg,
            medewerker=medewerker,
            defaults={
                "gemeente_id": overleg.gemeente_id,
                "organisatie": organisatie.strip(),
                "domein": domein.strip(),
            },
        )
        _leg_vast(
            door,
            Vastlegging(
                Handeling.WIJZIGEN, "overleg", overleg.pk, None, omschrijving="lid toegevoegd"
            ),
        )
        return lid


# --- meetings and agenda --------------------------------------------------------------------


def bijeenkomst_plannen(
    *,
    door: Medewerker,
    overleg_id: UUID,
    datum: date,
    aanvang: time | None = None,
    locatie: str = "",
) -> Bijeenkomst:
    """A new meeting; cases with open afspraken from earlier meetings go on its agenda."""
    with transaction.atomic():
        overleg = _overleg(door, overleg_id, lock=True)
        toegang.vereis_voorzitter(door, overleg)
        if not overleg.actief:
            raise Conflict("Dit overleg is niet meer actief.", veld="overleg")
        bijeenkomst = Bijeenkomst.objects.create(
            overleg=overleg,
            gemeente_id=overleg.gemeente_id,
            datum=datum,
            aanvang=aanvang,
            locatie=locatie.strip(),
        )
        _leg_vast(door, Vastlegging(Handeling.AANMAKEN, "bijeenkomst", bijeenkomst.pk, None))
        _open_afspraken_meenemen(door, bijeenkomst)
        return bijeenkomst


def open_afspraken_meenemen(*, door: Medewerker, bijeenkomst_id: UUID) -> int:
    """Put every case with open afspraken of earlier meetings of this table on the agenda."""
    with transaction.atomic():
        bijeenkomst = _bijeenkomst(door, bijeenkomst_id, lock=True)
        toegang.vereis_voorzitter(door, bijeenkomst.overleg)
        return _open_afspraken_meenemen(door, bijeenkomst)


def _open_afspraken_meenemen(door: Medewerker, bijeenkomst: Bijeenkomst) -> int:
    al_op_agenda = set(bijeenkomst.agenda.values_list("casus_id", flat=True))
    casussen: dict[UUID, Casus] = {}
    for afspraak in selectors.open_afspraken(overleg=bijeenkomst.overleg, voor=bijeenkomst.datum):
        casus = afspraak.agendapunt.casus
        if casus.pk not in al_op_agenda and casus.status != "afgesloten":
            casussen.setdefault(casus.pk, casus)
    volgorde = _volgende_volgorde(bijeenkomst)
    for i, casus in enumerate(casussen.values()):
        punt = Agendapunt.objects.create(
            bijeenkomst=bijeenkomst,
            gemeente_id=bijeenkomst.gemeente_id,
            casus=casus,
            vraag=MEENEEM_VRAAG,
            volgorde=volgorde + i,
            ingebracht_door=door,
            meegenomen=True,
        )
        _leg_vast(
            door,
            Vastlegging(
                Handeling.AANMAKEN,
                "agendapunt",
                punt.pk,
                casus.huishouden_id,
                casus.pk,
                f"open afspraken meegenomen; {selectors.doel(bijeenkomst)}",
            ),
        )
    return len(casussen)


def _volgende_volgorde(bijeenkomst: Bijeenkomst) -> int:
    hoogste = bijeenkomst.agenda.aggregate(m=Max("volgorde"))["m"]
    return 0 if hoogste is None else hoogste + 1


def agendapunt_toevoegen(
    *, door: Medewerker, bijeenkomst_id: UUID, casus_id: UUID, vraag: str
) -> Agendapunt:
    """A regisseur puts a case on a meeting's agenda with a question for the table."""
    casus_toegang.vereis_casuswerk(door)
    if not vraag.strip():
        raise Validatiefout("Wat vraagt u van de tafel?", veld="vraag")
    with transaction.atomic():
        bijeenkomst = _bijeenkomst(door, bijeenkomst_id, lock=True)
        casus = casus_selectors.casus_ophalen(medewerker=door, casus_id=casus_id)
        if bijeenkomst.datum < timezone.localdate():
            raise Conflict("Deze bijeenkomst is al geweest.", veld="bijeenkomst")
        if casus.status == "afgesloten":
            raise Conflict("Een afgesloten casus kan niet op de agenda.", veld="casus")
        if bijeenkomst.agenda.filter(casus=casus).exists():
            raise Validatiefout("Deze casus staat al op de agenda.", veld="casus")
        punt = Agendapunt.objects.create(
            bijeenkomst=bijeenkomst,
            gemeente_id=bijeenkomst.gemeente_id,
            casus=casus,
            vraag=vraag.strip(),
            volgorde=_volgende_volgorde(bijeenkomst),
            ingebracht_door=door,
        )
        gebeurtenis(
            casus,
            f"Geagendeerd voor {bijeenkomst.overleg.naam} op {bijeenkomst.datum:%d-%m-%Y}.",
            door,
        )
        _leg_vast(
            door,
            Vastlegging(
                Handeling.AANMAKEN,
                "agendapunt",
                punt.pk,
                casus.huishouden_id,
                casus.pk,
                selectors.doel(bijeenkomst),
            ),
        )
        return punt


def agenda_ordenen(
    *, door: Medewerker, bijeenkomst_id: UUID, volgorde: Sequence[UUID]
) -> list[Agendapunt]:
    """The chair orders the agenda: `volgorde` lists every item of the meeting once."""
    with transaction.atomic():
        bijeenkomst = _bijeenkomst(door, bijeenkomst_id, lock=True)
        toegang.vereis_voorzitter(door, bijeenkomst.overleg)
        punten = {p.pk: p for p in bijeenkomst.agenda.all()}
        gevraagd = [UUID(str(v)) for v in volgorde]
        if sorted(gevraagd, key=str) != sorted(punten, key=str):
            raise Validatiefout(
                "Noem elk agendapunt van deze bijeenkomst precies één keer.", veld="volgorde"
            )
        for i, pk in enumerate(gevraagd):
            punten[pk].volgorde = i
        Agendapunt.objects.bulk_update(punten.values(), ["volgorde"])
        _leg_vast(
            door,
            Vastlegging(
                Handeling.WIJZIGEN, "bijeenkomst", bijeenkomst.pk, None, omschrijving="agenda"
            ),
        )
        return sorted(punten.values(), key=lambda p: p.volgorde)


def agendapunt_verplaatsen(*, door: Medewerker, agendapunt_id: UUID, omhoog: bool) -> None:
    punt = selectors.agendapunt_ophalen(medewerker=door, agendapunt_id=agendapunt_id)
    ids = list(
        punt.bijeenkomst.agenda.order_by("volgorde", "aangemaakt_op").values_list("pk", flat=True)
    )
    i = ids.index(punt.pk)
    j = i - 1 if omhoog else i + 1
    if 0 <= j < len(ids):
        ids[i], ids[j] = ids[j], ids[i]
    agenda_ordenen(door=door, bijeenkomst_id=punt.bijeenkomst_id, volgorde=ids)


def aanwezigheid_vastleggen(
    *, door: Medewerker, bijeenkomst_id: UUID, aanwezigen: Sequence[int]
) -> Bijeenkomst:
    with transaction.atomic():
        bijeenkomst = _bijeenkomst(door, bijeenkomst_id, lock=True)
        toegang.vereis_voorzitter(door, bijeenkomst.overleg)
        toegestaan = set(bijeenkomst.overleg.leden.values_list("medewerker_id", flat=True)) | {
            bijeenkomst.overleg.voorzitter_id
        }
        if not set(aanwezigen) <= toegestaan:
            raise Validatiefout(
                "Alleen leden van het overleg kunnen aanwezig zijn.", veld="aanwezigen"
            )
        bijeenkomst.aanwezigen.set(aanwezigen)
        _leg_vast(
            door,
            Vastlegging(
                Handeling.WIJZIGEN, "bijeenkomst", bijeenkomst.pk, None, omschrijving="aanwezigheid"
            ),
        )
        return bijeenkomst


# --- sharing ground ---------------------------------------------------------------------------


def deelgrondslag_vastleggen(
    *,
    door: Medewerker,
    casus_id: UUID,
    soort: str,
    toestemming_datum: date | None = None,
    reikwijdte: str = "",
    wettelijke_grondslag: str = "",
    overleg_id: UUID | None = None,
    categorieen: Sequence[str] = (),
    organisatie: str = "",
    toestemming_van: str = "",
) -> Deelgrondslag:
    """Record why this case may be shared by name, and which categories: consent (date, scope)
    or a legal ground. A special category (health, safety) needs the consent of the person
    concerned (`toestemming_van`) or a legal ground that names its article."""
    casus_toegang.vereis_casuswerk(door)
    if soort not in GrondslagSoort.values:
        raise Validatiefout("Kies toestemming of een wettelijke grondslag.", veld="soort")
    if soort == GrondslagSoort.TOESTEMMING:
        if toestemming_datum is None:
            raise Validatiefout("Wanneer gaf het huishouden toestemming?", veld="toestemming_datum")
        if toestemming_datum > timezone.localdate():
            raise Validatiefout(
                "Kies een datum van toestemming die niet in de toekomst ligt.",
                veld="toestemming_datum",
            )
        if not reikwijdte.strip():
            raise Validatiefout(
                "Waarvoor en met wie mag gedeeld worden (reikwijdte)?", veld="reikwijdte"
            )
        wettelijke_grondslag = ""
    else:
        if not wettelijke_grondslag.strip():
            raise Validatiefout(
                "Noem de wettelijke grondslag (wet en artikel).", veld="wettelijke_grondslag"
            )
        toestemming_datum = None
    categorieen = list(dict.fromkeys(categorieen))
    if not categorieen:
        raise Validatiefout("Kies welke categorieën gedeeld mogen worden.", veld="categorieen")
    if not set(categorieen) <= set(Categorie.values):
        raise Validatiefout("Onbekende categorie.", veld="categorieen")
    bijzonder = [c for c in categorieen if c in BIJZONDERE_CATEGORIEEN]
    if bijzonder and soort == GrondslagSoort.TOESTEMMING and not toestemming_van.strip():
        raise Validatiefout(
            "Voor gezondheid of veiligheid is uitdrukkelijke toestemming van de betrokkene zelf "
            "nodig: van wie is de toestemming?",
            veld="toestemming_van",
        )
    if bijzonder and soort == GrondslagSoort.WETTELIJK and not ARTIKEL.search(wettelijke_grondslag):
        raise Validatiefout(
            "Noem voor gezondheid of veiligheid de wet én het artikel (bijv. art. 5.2.1).",
            veld="wettelijke_grondslag",
        )
    with transaction.atomic():
        casus = casus_selectors.casus_ophalen(medewerker=door, casus_id=casus_id, lock=True)
        overleg = _overleg(door, overleg_id) if overleg_id else None
        organisatie = organisatie.strip()
        if organisatie and overleg and organisatie not in selectors.partnerorganisaties(overleg):
            raise Validatiefout("Deze organisatie zit niet aan deze tafel.", veld="organisatie")
        grond = Deelgrondslag.objects.create(
            casus=casus,
            gemeente_id=casus.gemeente_id,
            overleg=overleg,
            soort=soort,
            toestemming_datum=toestemming_datum,
            reikwijdte=reikwijdte.strip(),
            wettelijke_grondslag=wettelijke_grondslag.strip(),
            organisatie=organisatie,
            categorieen=[c for c in Categorie.values if c in categorieen],
            toestemming_van=toestemming_van.strip() if soort == GrondslagSoort.TOESTEMMING else "",
            vastgelegd_door=door,
        )
        tafel = overleg.naam if overleg else "alle overleggen"
        if organisatie:
            tafel += f", {organisatie}"
        gedeeld = ", ".join(keuze(Categorie, c) for c in grond.categorieen)
        gebeurtenis(casus, f"Grondslag voor delen vastgelegd ({tafel}; {gedeeld}): {grond}.", door)
        _leg_vast(
            door,
            Vastlegging(
                Handeling.AANMAKEN, "deelgrondslag", grond.pk, casus.huishouden_id, casus.pk
            ),
        )
        return grond


def deelgrondslag_intrekken(*, door: Medewerker, casus_id: UUID, grondslag_id: UUID) -> None:
    casus_toegang.vereis_casuswerk(door)
    with transaction.atomic():
        casus = casus_selectors.casus_ophalen(medewerker=door, casus_id=casus_id, lock=True)
        grond = Deelgrondslag.objects.filter(
            casus=casus, pk=grondslag_id, ingetrokken_op__isnull=True
        ).first()
        if grond is None:
            raise NietGevonden("Geen actieve grondslag met dit kenmerk bij deze casus.")
        grond.ingetrokken_op = timezone.now()
        grond.save(update_fields=["ingetrokken_op"])
        gebeurtenis(casus, f"Grondslag voor delen ingetrokken: {grond}.", door)
        _leg_vast(
            door,
            Vastlegging(
                Handeling.WIJZIGEN, "deelgrondslag", grond.pk, casus.huishouden_id, casus.pk
            ),
        )


# --- what each partner sees ---------------------------------------------------------------------


def briefdelen_vastleggen(
    *, door: Medewerker, agendapunt_id: UUID, organisatie: str, teksten: dict[str, str]
) -> list[Briefdeel]:
    """The regisseur selects, per category, what one partner organisation at the table gets to
    read about this case (an empty text removes the category). A BSN never goes in."""
    casus_toegang.vereis_casuswerk(door)
    if not set(teksten) <= set(Categorie.values):
        raise Validatiefout("Onbekende categorie.", veld="categorie")
    for categorie, tekst in teksten.items():
        if bevat_bsn(tekst):
            raise Validatiefout(
                "Een BSN hoort niet in de brief voor een partner; haal het weg.", veld=categorie
            )
    with transaction.atomic():
        punt = selectors.agendapunt_ophalen(medewerker=door, agendapunt_id=agendapunt_id)
        casus = casus_selectors.casus_ophalen(medewerker=door, casus_id=punt.casus_id, lock=True)
        if organisatie not in selectors.partnerorganisaties(punt.bijeenkomst.overleg):
            raise Validatiefout("Deze organisatie zit niet aan deze tafel.", veld="organisatie")
        for categorie, tekst in teksten.items():
            if tekst.strip():
                Briefdeel.objects.update_or_create(
                    agendapunt=punt,
                    organisatie=organisatie,
                    categorie=categorie,
                    defaults={
                        "gemeente_id": punt.gemeente_id,
                        "tekst": tekst.strip(),
                        "vastgelegd_door": door,
                    },
                )
            else:
                Briefdeel.objects.filter(
                    agendapunt=punt, organisatie=organisatie, categorie=categorie
                ).delete()
        _leg_vast(
            door,
            Vastlegging(
                Handeling.WIJZIGEN,
                "agendapunt",
                punt.pk,
                casus.huishouden_id,
                casus.pk,
                f"brief voor {organisatie}; {selectors.doel(punt.bijeenkomst)}",
            ),
        )
        return list(
            Briefdeel.objects.filter(agendapunt=punt, organisatie=organisatie).order_by("categorie")
        )


# --- decisions and the verslag ------------------------------------------------------------------


@dataclass(frozen=True)
class AfspraakInvoer:
    wat: str
    wie: str
    deadline: date | None = None


def besluit_vastleggen(
    *, door: Medewerker, agendapunt_id: UUID, conclusie: str, afspraken: Sequence[AfspraakInvoer]
) -> Agendapunt:
    """The table's conclusion and afspraken: each afspraak becomes an action in the case's plan,
    the conclusion goes on the case's timeline."""
    if not conclusie.strip():
        raise Validatiefout("Vat de conclusie van de tafel kort samen.", veld="conclusie")
    for i, a in enumerate(afspraken):
        if not a.wat.strip():
            raise Validatiefout("Wat is er afgesproken?", veld=f"afspraken[{i}].wat")
        if not a.wie.strip():
            raise Validatiefout("Wie voert de afspraak uit?", veld=f"afspraken[{i}].wie")
    with transaction.atomic():
        punt = selectors.agendapunt_ophalen(medewerker=door, agendapunt_id=agendapunt_id)
        bijeenkomst = punt.bijeenkomst
        toegang.vereis_voorzitter(door, bijeenkomst.overleg)
        casus = casus_selectors.casus_ophalen(medewerker=door, casus_id=punt.casus_id, lock=True)
        plan, _ = Doorbraakplan.objects.get_or_create(
            casus=casus, defaults={"gemeente_id": casus.gemeente_id}
        )
        volgorde = plan.acties.aggregate(m=Max("volgorde"))["m"]
        volgorde = 0 if volgorde is None else volgorde + 1
        herkomst = f"{bijeenkomst.overleg.naam}, {bijeenkomst.datum:%d-%m-%Y}"
        for i, a in enumerate(afspraken):
            actie = Actie.objects.create(
                plan=plan,
                gemeente_id=casus.gemeente_id,
                omschrijving=f"{a.wat.strip()} (afspraak {herkomst})",
                eigenaar=a.wie.strip(),
                deadline=a.deadline,
                volgorde=volgorde + i,
            )
            Afspraak.objects.create(
                agendapunt=punt,
                gemeente_id=casus.gemeente_id,
                wat=a.wat.strip(),
                wie=a.wie.strip(),
                deadline=a.deadline,
                actie=actie,
            )
        punt.conclusie = conclusie.strip()
        punt.besproken_op = timezone.now()
        punt.save(update_fields=["conclusie", "besproken_op"])
        tekst = f"Besproken in {herkomst}. Conclusie: {punt.conclusie}"
        if afspraken:
            tekst += (
                f" ({len(afspraken)} afspra{'ak' if len(afspraken) == 1 else 'ken'} in het plan)"
            )
        gebeurtenis(casus, tekst, door)
        _leg_vast(
            door,
            Vastlegging(
                Handeling.WIJZIGEN,
                "agendapunt",
                punt.pk,
                casus.huishouden_id,
                casus.pk,
                f"besluit; {selectors.doel(bijeenkomst)}",
            ),
            Vastlegging(
                Handeling.WIJZIGEN,
                "doorbraakplan",
                casus.pk,
                casus.huishouden_id,
                casus.pk,
                f"{len(afspraken)} acties uit {herkomst}",
            ),
        )
        return punt


def verslag_tekst(bijeenkomst: Bijeenkomst, agenda: list[Agendapunt]) -> str:
    """The draft verslag from the agenda items (names only where a ground is recorded). This is
    the text the table's staff read; a partner reads it masked with the grounds valid at the
    moment of reading (`selectors.verslag_voor`)."""
    namen = selectors.aanduidingen(bijeenkomst, agenda)
    regels = [
        f"Verslag {bijeenkomst.overleg.naam}, {bijeenkomst.datum:%d-%m-%Y}",
        "",
        "Aanwezig: "
        + (", ".join(sorted(m.naam for m in bijeenkomst.aanwezigen.all())) or "niet vastgelegd"),
    ]
    for nummer, punt in enumerate(agenda, start=1):
        naam, _, masker = namen[punt.pk]
        regels += ["", f"{nummer}. {naam}", f"Vraag aan de tafel: {masker(punt.vraag)}"]
        regels.append(f"Conclusie: {masker(punt.conclusie) or 'nog niet besproken'}")
        for a in punt.afspraken.all():
            deadline = f" vóór {a.deadline:%d-%m-%Y}" if a.deadline else ""
            regels.append(f"- Afspraak: {masker(a.wat)} — {masker(a.wie)}{deadline}")
    return "\n".join(regels)


def verslag_opstellen(*, door: Medewerker, bijeenkomst_id: UUID) -> Bijeenkomst:
    """Generate the verslag from the agenda items (overwrites the current text)."""
    with transaction.atomic():
        bijeenkomst = _bijeenkomst(door, bijeenkomst_id, lock=True)
        toegang.vereis_voorzitter(door, bijeenkomst.overleg)
        agenda = selectors._agenda(bijeenkomst)
        return _verslag_bewaren(door, bijeenkomst, verslag_tekst(bijeenkomst, agenda))


def verslag_opslaan(*, door: Medewerker, bijeenkomst_id: UUID, tekst: str) -> Bijeenkomst:
    if not tekst.strip():
        raise Validatiefout("Het verslag mag niet leeg zijn.", veld="verslag")
    with transaction.atomic():
        bijeenkomst = _bijeenkomst(door, bijeenkomst_id, lock=True)
        toegang.vereis_voorzitter(door, bijeenkomst.overleg)
        return _verslag_bewaren(door, bijeenkomst, tekst.strip())


def _verslag_bewaren(door: Medewerker, bijeenkomst: Bijeenkomst, tekst: str) -> Bijeenkomst:
    bijeenkomst.verslag = tekst
    bijeenkomst.verslag_bijgewerkt_op = timezone.now()
    bijeenkomst.verslag_bijgewerkt_door = door
    bijeenkomst.save(update_fields=["verslag", "verslag_bijgewerkt_op", "verslag_bijgewerkt_door"])
    _leg_vast(
        door,
        Vastlegging(
            Handeling.WIJZIGEN, "bijeenkomst", bijeenkomst.pk, None, omschrijving="verslag"
        ),
    )
    return bijeenkomst


# --- escalation ---------------------------------------------------------------------------------


def casus_escaleren(
    *, door: Medewerker, casus_id: UUID, naar_overleg_id: UUID, reden: str, urgentie: str
) -> Escalatie:
    """Move a case up to another table (e.g. to the Regieteam, or to the Veiligheidshuis)."""
    return _verplaatsen(door, casus_id, naar_overleg_id, reden, urgentie, Richting.OPSCHALEN)


def casus_afschalen(
    *,
    door: Medewerker,
    casus_id: UUID,
    reden: str,
    naar_overleg_id: UUID | None = None,
    urgentie: str = Urgentie.NORMAAL,
) -> Escalatie:
    """Move a case back down; by default to the table it was escalated from."""
    return _verplaatsen(door, casus_id, naar_overleg_id, reden, urgentie, Richting.AFSCHALEN)


def _verplaatsen(door, casus_id, naar_overleg_id, reden, urgentie, richting) -> Escalatie:
    casus_toegang.vereis_casuswerk(door)
    if not reden.strip():
        raise Validatiefout("Geef de reden.", veld="reden")
    if urgentie not in Urgentie.values:
        raise Validatiefout("Kies normaal, hoog of crisis.", veld="urgentie")
    with transaction.atomic():
        casus = casus_selectors.casus_ophalen(medewerker=door, casus_id=casus_id, lock=True)
        van = selectors.huidige_tafel(casus)
        if naar_overleg_id is None:
            if richting != Richting.AFSCHALEN:
                raise Validatiefout("Kies het overleg.", veld="naar_overleg")
            laatste_op = (
                Escalatie.objects.filter(casus=casus, richting=Richting.OPSCHALEN)
                .order_by("-op")
                .first()
            )
            if laatste_op is None or laatste_op.van_overleg is None:
                raise Validatiefout(
                    "Kies het overleg waarnaar de casus wordt afgeschaald.", veld="naar_overleg"
                )
            naar = laatste_op.van_overleg
        else:
            naar = _overleg(door, naar_overleg_id)
        if not naar.actief:
            raise Conflict("Dit overleg is niet meer actief.", veld="naar_overleg")
        if van is not None and van.pk == naar.pk:
            raise Conflict("De casus ligt al bij dit overleg.", veld="naar_overleg")
        escalatie = Escalatie.objects.create(
            casus=casus,
            gemeente_id=casus.gemeente_id,
            richting=richting,
            van_overleg=van,
            naar_overleg=naar,
            reden=reden.strip(),
            urgentie=urgentie,
            door=door,
        )
        woord = "Opgeschaald" if richting == Richting.OPSCHALEN else "Afgeschaald"
        van_tekst = f" van {van.naam}" if van else ""
        gebeurtenis(
            casus,
            f"{woord}{van_tekst} naar {naar.naam} (urgentie {keuze(Urgentie, urgentie)}). "
            f"Reden: {reden.strip()}",
            door,
        )
        _leg_vast(
            door,
            Vastlegging(
                Handeling.AANMAKEN,
                "escalatie",
                escalatie.pk,
                casus.huishouden_id,
                casus.pk,
                f"{woord.lower()} naar overleg {naar.naam}",
            ),
        )
        return escalatie


# --- a partner reports its own afspraak done (issue 17) ------------------------------------------


def afspraak_gereed_melden(*, door: Medewerker, afspraak_id: UUID, toelichting: str) -> Afspraak:
    """A partner reports an afspraak of its own organisation done, with a short note: the action
    in the case's plan is done, the regisseur reads it on the timeline. Logged."""
    if not toegang.is_partner(door):
        raise GeenToegang(
            "Alleen een partner meldt hier een eigen afspraak gereed; de regisseur doet dat in "
            "het plan."
        )
    toelichting = (toelichting or "").strip()
    if not toelichting:
        raise Validatiefout("Schrijf kort wat er is gedaan.", veld="toelichting")
    if len(toelichting) > 1000:
        raise Validatiefout("Houd de toelichting kort: hoogstens 1000 tekens.", veld="toelichting")
    with transaction.atomic():
        try:
            afspraak = (
                selectors.eigen_afspraken(medewerker=door)
                .select_for_update(no_key=True, of=("self",))
                .get(pk=afspraak_id)
            )
        except (Afspraak.DoesNotExist, ValueError):
            raise NietGevonden("Afspraak niet gevonden.") from None
        if afspraak.gereed_gemeld_op is not None:
            raise Conflict(
                f"Deze afspraak is al gereed gemeld op {afspraak.gereed_gemeld_op:%d-%m-%Y}.",
                veld="toelichting",
            )
        if afspraak.actie_id is None or afspraak.actie.gereed:
            raise Conflict("Deze afspraak staat niet meer open.", veld="toelichting")
        Actie.objects.filter(pk=afspraak.actie_id, gemeente_id=door.gemeente_id).update(gereed=True)
        afspraak.gereed_gemeld_op = timezone.now()
        afspraak.gereed_gemeld_door = door
        afspraak.gereed_toelichting = toelichting
        afspraak.save(
            update_fields=["gereed_gemeld_op", "gereed_gemeld_door", "gereed_toelichting"]
        )
        punt = afspraak.agendapunt
        casus = Casus.objects.select_related("huishouden").get(
            pk=punt.casus_id, gemeente_id=door.gemeente_id
        )
        wie = f"{door.naam} ({door.organisatie})" if door.organisatie else door.naam
        gebeurtenis(
            casus,
            f"Afspraak gereed gemeld door {wie}: {afspraak.wat} Toelichting: {toelichting}",
            door,
        )
        _leg_vast(
            door,
            Vastlegging(
                Handeling.WIJZIGEN,
                "afspraak",
                afspraak.pk,
                casus.huishouden_id,
                casus.pk,
                f"gereed gemeld door partner; {selectors.doel(punt.bijeenkomst)}",
            ),
        )
        return afspraak
