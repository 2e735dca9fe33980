"""Every change in the MKBA context: one function per action, in one transaction, logged.

Storing a calculation writes the processing log (it concerns a household); changing the cost
catalogue writes the catalogue's own append-only change log (no personal data).
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction

from doorbraak import opmaak
from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.budget.models import Aanvraag
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen import toegang as casus_toegang
from doorbraak.casussen.services import gebeurtenis
from doorbraak.fouten import NietGevonden, Validatiefout
from doorbraak.mkba import calculator, catalogus, opbouw, prijsindex, selectors, toegang
from doorbraak.mkba.calculator import Invoerfout
from doorbraak.mkba.catalogus import CODE_PATROON, CatalogusFout, Catalogusitem
from doorbraak.mkba.models import (
    WAARDEN,
    KengetalAanpassing,
    KengetalSoort,
    KengetalWijziging,
    Mkba,
    Nameting,
)
from doorbraak.mkba.opbouw import KostenInvoer, RegelInvoer, SleutelkansInvoer
from doorbraak.organisaties.models import Medewerker

# --- calculations --------------------------------------------------------------------------


@dataclass(frozen=True)
class Waardeoordeel:
    score: int | None = None
    toelichting: str = ""


@dataclass(frozen=True)
class MkbaInvoer:
    """A calculation as a professional enters it (see API.md, 'Costs and benefits')."""

    horizon_jaren: int | None = None
    huidig_pad: Sequence[RegelInvoer] = ()
    doorbraak: Sequence[RegelInvoer] = ()
    doorbraak_kosten: Sequence[KostenInvoer] = ()
    hulpverleners_meenemen: bool = False
    discontovoet: Decimal | None = None
    optimisme_opslag: Mapping[str, Decimal] | None = None
    waardendriehoek: Mapping[str, Waardeoordeel] = field(default_factory=dict)
    toelichting: str = ""
    sleutelkans: SleutelkansInvoer | None = None
    # helper id -> last year it stays in the doorbraak (0: stops at once); not named: stays
    hulpverleners_blijven: Mapping[str, int] = field(default_factory=dict)
    kans_opslag: Mapping[str, Decimal] | None = None
    # The doorbraak's cost from a request: its amount, form (gift or loan) and date.
    aanvraag_id: UUID | None = None
    aanvraag_ontvanger: str = ""  # who receives the payment (e.g. woningcorporatie)
    aanvraag_terugbetaald: Decimal = Decimal("0")  # loan: share expected back
    aanvraag_administratiekosten: Decimal = Decimal("0")


def mkba_berekenen(*, door: Medewerker, casus_id: UUID, invoer: MkbaInvoer) -> Mkba:
    """Calculate both scenarios for a case and store the calculation; nothing is stored when any
    line is refused."""
    casus_toegang.vereis_casuswerk(door)
    standaard = catalogus.instellingen()
    horizon = invoer.horizon_jaren or standaard.horizon_jaren
    if not 1 <= horizon <= standaard.max_horizon_jaren:
        raise Validatiefout(
            f"De horizon is 1 tot en met {standaard.max_horizon_jaren} jaar.", veld="horizon_jaren"
        )
    _valideer_waardendriehoek(invoer.waardendriehoek)
    with transaction.atomic():
        casus = casus_selectors.casus_ophalen(medewerker=door, casus_id=casus_id)
        huidig_pad = list(invoer.huidig_pad)
        doorbraak = list(invoer.doorbraak)
        if invoer.hulpverleners_meenemen:
            hulp = selectors.hulpverlenerkosten(casus)
            huidig_pad += opbouw.hulpverlenersinvoer(hulp, horizon)
            doorbraak += _bereken_fout(
                opbouw.hulpverleners_in_doorbraak, hulp, invoer.hulpverleners_blijven, horizon
            )
        kosten = list(invoer.doorbraak_kosten)
        aanvraag = None
        if invoer.aanvraag_id is not None:
            aanvraag = _aanvraag(casus, invoer.aanvraag_id)
            kosten.insert(0, _kosten_uit_aanvraag(aanvraag, invoer, horizon))
        rekeninstellingen = standaard.rekeninstellingen(
            horizon_jaren=horizon,
            discontovoet=invoer.discontovoet,
            optimisme_opslag=invoer.optimisme_opslag,
            kans_opslag=invoer.kans_opslag,
        )
        items = selectors.catalogus_van_gemeente(gemeente_id=casus.gemeente_id)
        uitkomst = _bereken(
            catalogus_items=items,
            huidig_pad=huidig_pad,
            doorbraak=doorbraak,
            doorbraak_kosten=kosten,
            instellingen=rekeninstellingen,
            sleutelkans=invoer.sleutelkans,
        )
        resultaat = calculator.naar_dict(uitkomst)
        resultaat["waarschuwingen"] = [
            *resultaat.get("waarschuwingen", []),
            *_waarschuwingen_na_reeks(items, [*huidig_pad, *doorbraak]),
        ]
        resultaat["plausibiliteit"] = list(
            calculator.plausibiliteit(
                uitkomst,
                programma_verhouding=standaard.programma.verhouding,
                plafond_per_jaar=standaard.programma.plafond_per_jaar,
                gemeente_per_jaar=standaard.programma.gemeente_per_jaar,
            )
        )
        resultaat["aannames"] = [
            *_aannames_prijspeil(standaard.prijspeil),
            *calculator.aannames(rekeninstellingen),
        ]
        mkba = Mkba.objects.create(
            gemeente_id=casus.gemeente_id,
            casus=casus,
            horizon_jaren=horizon,
            prijspeil=standaard.prijspeil,
            invoer=_invoer_als_json(invoer, huidig_pad, doorbraak, kosten),
            instellingen=_instellingen_als_json(rekeninstellingen, invoer),
            uitkomst=resultaat,
            saldo=uitkomst.saldo,
            saldo_voorzichtig=uitkomst.centraal.saldo,  # alias of saldo, for old callers
            saldo_optimistisch=uitkomst.optimistisch.saldo,
            aanvraag=aanvraag,
            contante_waarde=uitkomst.contante_waarde,
            terugverdientijd_maanden=uitkomst.terugverdientijd_maanden,
            toelichting=invoer.toelichting.strip(),
            door=door,
            **_waardendriehoek_velden(invoer.waardendriehoek),
        )
        gebeurtenis(
            casus,
            f"Kosten en baten berekend over {horizon} jaar: saldo "
            f"{opmaak.euro(uitkomst.saldo)} (centrale schatting). "
            f"{calculator.omslagzin(uitkomst.omslagpunt)}",
            door,
        )
        leg_vast(
            gemeente_id=casus.gemeente_id,
            door=door,
            vastleggingen=[
                Vastlegging(Handeling.AANMAKEN, "mkba", mkba.pk, casus.huishouden_id, casus.pk)
            ],
        )
        return mkba


def _bereken(
    *,
    catalogus_items: Mapping[str, Catalogusitem],
    huidig_pad: Sequence[RegelInvoer],
    doorbraak: Sequence[RegelInvoer],
    doorbraak_kosten: Sequence[KostenInvoer],
    instellingen: calculator.Instellingen,
    sleutelkans: SleutelkansInvoer | None = None,
) -> calculator.Uitkomst:
    horizon = instellingen.horizon_jaren
    try:
        return calculator.bereken(
            calculator.Invoer(
                huidig_pad=opbouw.regels(
                    calculator.HUIDIG_PAD, huidig_pad, catalogus_items, horizon
                ),
                doorbraak=opbouw.regels(calculator.DOORBRAAK, doorbraak, catalogus_items, horizon),
                eigen_kosten=opbouw.eigen_kosten(doorbraak_kosten),
                instellingen=instellingen,
                sleutelkans=opbouw.sleutelkans(sleutelkans),
            )
        )
    except Invoerfout as fout:
        raise Validatiefout(fout.melding, veld=fout.veld) from None


def _bereken_fout(functie, *args):
    try:
        return functie(*args)
    except Invoerfout as fout:
        raise Validatiefout(fout.melding, veld=fout.veld) from None


def _aanvraag(casus, aanvraag_id: UUID) -> Aanvraag:
    try:
        return Aanvraag.objects.get(gemeente_id=casus.gemeente_id, casus=casus, pk=aanvraag_id)
    except (Aanvraag.DoesNotExist, ValueError):
        raise Validatiefout("Deze aanvraag hoort niet bij de casus.", veld="aanvraag") from None


def _kosten_uit_aanvraag(aanvraag: Aanvraag, invoer: MkbaInvoer, horizon: int) -> KostenInvoer:
    """The request's amount, form and date as the doorbraak's own cost. Year 1 is the year of the
    calculation; a request that starts more than a year later falls in a later year."""
    lening = aanvraag.vorm == "lening"
    begin = aanvraag.startdatum or aanvraag.aangemaakt_op.date()
    vandaag = date.today()
    maanden = (begin.year - vandaag.year) * 12 + begin.month - vandaag.month
    jaar = min(max(1, 1 + maanden // 12), horizon)
    termijnen = aanvraag.aantal_termijnen or 12
    ontvanger = "huishouden" if aanvraag.aan_huishouden else invoer.aanvraag_ontvanger
    return KostenInvoer(
        omschrijving=f"Doorbraakbudget: {'lening' if lening else 'gift'} volgens de aanvraag",
        bedrag=aanvraag.bedrag,
        jaar=jaar,
        vorm="lening" if lening else "gift",
        ontvanger=ontvanger,
        terugbetaald=invoer.aanvraag_terugbetaald if lening else Decimal("0"),
        aflossingsjaren=max(1, -(-termijnen // 12)),
        administratiekosten=invoer.aanvraag_administratiekosten if lening else Decimal("0"),
    )


def _valideer_waardendriehoek(driehoek: Mapping[str, Waardeoordeel]) -> None:
    for waarde, oordeel in driehoek.items():
        if waarde not in WAARDEN:
            raise Validatiefout(
                "Kies rendement, legitimiteit of betrokkenheid.", veld=f"waardendriehoek.{waarde}"
            )
        if oordeel.score is not None and not -2 <= oordeel.score <= 2:
            raise Validatiefout(
                "De score loopt van -2 (veel slechter) tot 2 (veel beter dan het huidig pad).",
                veld=f"waardendriehoek.{waarde}.score",
            )


def _waardendriehoek_velden(driehoek: Mapping[str, Waardeoordeel]) -> dict[str, Any]:
    velden: dict[str, Any] = {}
    for waarde, oordeel in driehoek.items():
        velden[f"{waarde}_score"] = oordeel.score
        velden[f"{waarde}_toelichting"] = oordeel.toelichting.strip()
    return velden


def _aannames_prijspeil(prijspeil: int) -> list[str]:
    index = prijsindex.standaard()
    return [
        f"Alle bedragen zijn in euro's van {prijspeil}. Kengetallen uit andere jaren zijn "
        f"omgerekend met de {index.naam} (bron: {index.bron_titel}).",
        "Eigen bedragen (de kosten van de doorbraak, geschatte jaarkosten van hulpverleners) "
        f"zijn al in euro's van {prijspeil} ingevuld.",
    ]


def _waarschuwingen_na_reeks(
    items: Mapping[str, Catalogusitem], regels: Sequence[RegelInvoer]
) -> list[str]:
    """A visible warning for each entry used whose price year lies after the price index."""
    laatste = prijsindex.standaard().laatste_jaar
    codes = sorted({r.kengetal for r in regels if r.kengetal and r.kengetal in items})
    return [
        f"Let op: het bedrag van '{items[c].kengetal.omschrijving}' heeft prijsjaar "
        f"{items[c].kengetal.prijsjaar}, na het laatste jaar van de prijsindex ({laatste}); het "
        "is niet omgerekend en telt mee zoals het is ingevuld."
        for c in codes
        if items[c].na_reeks
    ]


def _json(waarde: Any) -> Any:
    if isinstance(waarde, Decimal):
        return f"{waarde.normalize():f}"
    if isinstance(waarde, Mapping):
        return {k: _json(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [_json(v) for v in waarde]
    if hasattr(waarde, "__dataclass_fields__"):
        return {k: _json(getattr(waarde, k)) for k in waarde.__dataclass_fields__}
    return waarde


def _invoer_als_json(
    invoer: MkbaInvoer,
    huidig_pad: Sequence[RegelInvoer],
    doorbraak: Sequence[RegelInvoer],
    kosten: Sequence[KostenInvoer],
) -> dict[str, Any]:
    """The input as calculated (helpers and the request's cost included), and as entered."""
    return {
        "huidig_pad": _json(list(huidig_pad)),
        "doorbraak": _json(list(doorbraak)),
        "doorbraak_kosten": _json(list(kosten)),
        "ingevoerd": {
            "huidig_pad": _json(list(invoer.huidig_pad)),
            "doorbraak": _json(list(invoer.doorbraak)),
            "doorbraak_kosten": _json(list(invoer.doorbraak_kosten)),
        },
        "hulpverleners_meenemen": invoer.hulpverleners_meenemen,
        "hulpverleners_blijven": dict(invoer.hulpverleners_blijven),
        "sleutelkans": _json(invoer.sleutelkans),
        "aanvraag": None if invoer.aanvraag_id is None else str(invoer.aanvraag_id),
        "aanvraag_ontvanger": invoer.aanvraag_ontvanger,
        "aanvraag_terugbetaald": _json(invoer.aanvraag_terugbetaald),
        "aanvraag_administratiekosten": _json(invoer.aanvraag_administratiekosten),
    }


def _instellingen_als_json(inst: calculator.Instellingen, invoer: MkbaInvoer) -> dict[str, Any]:
    standaard = catalogus.instellingen()
    index = prijsindex.standaard()
    return {
        "prijspeil": standaard.prijspeil,
        "prijsindex": {"naam": index.naam, "bron": index.bron_titel, "url": index.bron_url},
        "discontovoet": {
            "waarde": _json(inst.discontovoet),
            "standaard": invoer.discontovoet is None,
            "bron": standaard.discontovoet.bron_titel,
            "url": standaard.discontovoet.bron_url,
        },
        "optimisme_opslag": {
            "waarde": _json(dict(inst.optimisme_opslag)),
            "standaard": invoer.optimisme_opslag is None,
            "bron": standaard.optimisme_opslag.bron_titel,
            "url": standaard.optimisme_opslag.bron_url,
        },
        "kans_opslag": {
            "waarde": _json(dict(inst.kans_opslag)),
            "standaard": invoer.kans_opslag is None,
            "bron": standaard.kans_opslag.bron_titel,
            "url": standaard.kans_opslag.bron_url,
        },
    }


# --- the follow-up ------------------------------------------------------------------------


@dataclass(frozen=True)
class NametingInvoer:
    """What happened, about 12 months after the doorbraak."""

    datum: date
    mkba_id: UUID | None = None  # the prediction; default: the case's latest calculation
    sleutelgebeurtenis: bool | None = None
    uithuisplaatsing: bool | None = None
    hulpverleners_gestopt: int | None = None
    werkelijke_kosten: Decimal | None = None
    toelichting: str = ""


def nameting_vastleggen(*, door: Medewerker, casus_id: UUID, invoer: NametingInvoer) -> Nameting:
    """Record the follow-up of a case against the calculation made before the doorbraak."""
    casus_toegang.vereis_casuswerk(door)
    if invoer.datum > date.today():
        raise Validatiefout("Een nameting gaat over wat al gebeurd is.", veld="datum")
    if invoer.werkelijke_kosten is not None and invoer.werkelijke_kosten < 0:
        raise Validatiefout("De kosten kunnen niet negatief zijn.", veld="werkelijke_kosten")
    if invoer.hulpverleners_gestopt is not None and invoer.hulpverleners_gestopt < 0:
        raise Validatiefout("Het aantal kan niet negatief zijn.", veld="hulpverleners_gestopt")
    with transaction.atomic():
        casus = casus_selectors.casus_ophalen(medewerker=door, casus_id=casus_id)
        mkbas = Mkba.objects.filter(gemeente_id=casus.gemeente_id, casus=casus)
        mkba = (
            mkbas.filter(pk=invoer.mkba_id).first()
            if invoer.mkba_id
            else mkbas.order_by("-aangemaakt_op", "-pk").first()
        )
        if mkba is None:
            raise Validatiefout(
                "Er is geen berekening van deze casus om de nameting tegen te zetten.", veld="mkba"
            )
        if invoer.datum < mkba.aangemaakt_op.date():
            raise Validatiefout("De nameting ligt na de berekening.", veld="datum")
        nameting = Nameting.objects.create(
            gemeente_id=casus.gemeente_id,
            casus=casus,
            mkba=mkba,
            datum=invoer.datum,
            sleutelgebeurtenis=invoer.sleutelgebeurtenis,
            uithuisplaatsing=invoer.uithuisplaatsing,
            hulpverleners_gestopt=invoer.hulpverleners_gestopt,
            werkelijke_kosten=invoer.werkelijke_kosten,
            toelichting=invoer.toelichting.strip(),
            door=door,
        )
        gebeurtenis(casus, f"Nameting vastgelegd (peildatum {invoer.datum:%d-%m-%Y}).", door)
        from doorbraak.precedenten.services import na_nameting

        na_nameting(nameting)  # the precedents of the case learn the outcome
        leg_vast(
            gemeente_id=casus.gemeente_id,
            door=door,
            vastleggingen=[
                Vastlegging(
                    Handeling.AANMAKEN, "nameting", nameting.pk, casus.huishouden_id, casus.pk
                )
            ],
        )
        return nameting


# --- the gemeente's catalogue --------------------------------------------------------------


def kengetal_opslaan(
    *, door: Medewerker, code: str, gegevens: Mapping[str, Any], toelichting: str = ""
) -> Catalogusitem:
    """Set the gemeente's version of a kengetal: changes to a national entry (amount, range,
    price year, reliability, source) or a complete own entry. Every change is logged."""
    toegang.vereis_catalogusbeheer(door)
    _valideer_code(code)
    try:
        kengetal = catalogus.kengetal_van_gemeente(code, gegevens)
    except CatalogusFout as fout:
        raise Validatiefout(fout.melding, veld=fout.veld) from None
    nationaal = code in {k.code for k in catalogus.landelijk()}
    opgeslagen = (
        _json(dict(gegevens)) if nationaal else kengetal.model_dump(mode="json", exclude={"code"})
    )
    with transaction.atomic():
        bestaand = (
            KengetalAanpassing.objects.select_for_update(no_key=True)
            .filter(gemeente_id=door.gemeente_id, code=code)
            .first()
        )
        oud = bestaand.gegevens if bestaand else None
        if bestaand is None:
            bestaand = KengetalAanpassing(gemeente_id=door.gemeente_id, code=code)
        bestaand.soort = KengetalSoort.AANGEPAST if nationaal else KengetalSoort.EIGEN
        bestaand.gegevens = opgeslagen
        bestaand.gewijzigd_door = door
        bestaand.save()
        KengetalWijziging.objects.create(
            gemeente_id=door.gemeente_id,
            code=code,
            handeling=(
                KengetalWijziging.Handeling.AANMAKEN
                if oud is None
                else KengetalWijziging.Handeling.WIJZIGEN
            ),
            oud=oud,
            nieuw=opgeslagen,
            toelichting=toelichting.strip(),
            actor=door.username,
            door=door,
        )
    return selectors.catalogus_van_gemeente(gemeente_id=door.gemeente_id)[code]


def kengetal_herstellen(*, door: Medewerker, code: str, toelichting: str = "") -> None:
    """Remove the gemeente's change or own entry: the national entry (if any) applies again."""
    toegang.vereis_catalogusbeheer(door)
    with transaction.atomic():
        bestaand = (
            KengetalAanpassing.objects.select_for_update()  # FOR UPDATE: deleted below
            .filter(gemeente_id=door.gemeente_id, code=code)
            .first()
        )
        if bestaand is None:
            raise NietGevonden(f"De gemeente heeft kengetal '{code}' niet aangepast.")
        KengetalWijziging.objects.create(
            gemeente_id=door.gemeente_id,
            code=code,
            handeling=KengetalWijziging.Handeling.VERWIJDEREN,
            oud=bestaand.gegevens,
            nieuw=None,
            toelichting=toelichting.strip(),
            actor=door.username,
            door=door,
        )
        bestaand.delete()


def _valideer_code(code: str) -> None:
    if not re.fullmatch(CODE_PATROON, code):
        raise Validatiefout(
            "Een code bestaat uit kleine letters, cijfers en liggende streepjes (2-60 tekens).",
            veld="code",
        )
