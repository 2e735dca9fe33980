"""AVG art. 15: everything held about one household, every processing of it and its recipients.

`inzage_samenstellen` is the selector (tenant-scoped reads, a fixed number of queries whatever
the size of the file); `inzage_exporteren` is the service the privacy officer calls: it writes
the export to the processing log first, so the export it hands out includes its own entry.
The BSN is never decrypted for this: the export names only its masked form.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from doorbraak import opmaak
from doorbraak.audit.activiteiten import ALLE, AVG_RECHTEN
from doorbraak.audit.models import Handeling, Verwerking
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.fouten import GeenToegang, Validatiefout
from doorbraak.organisaties.models import Medewerker, Rol

FORMATEN = ("json", "pdf", "zip")
# Technical columns that say nothing about the person (or must never leave: the ciphertext and
# the search hash of the BSN).
WEGLATEN = {"gemeente", "bsn_versleuteld", "bsn_zoekhash", "hash", "vorige_hash"}


def _waarde(waarde: object) -> object:
    if isinstance(waarde, Decimal):
        return f"{waarde:.2f}"
    if isinstance(waarde, datetime.datetime | datetime.date | datetime.time):
        return waarde.isoformat()
    if isinstance(waarde, UUID):
        return str(waarde)
    return waarde


def _record(obj: models.Model, **extra) -> dict:
    uit = {}
    for veld in obj._meta.concrete_fields:
        if veld.name in WEGLATEN:
            continue
        naam = veld.name if not veld.is_relation else veld.attname
        uit[naam] = _waarde(getattr(obj, veld.attname))
    uit.update({k: _waarde(v) for k, v in extra.items()})
    return uit


def _records(objecten: Iterable[models.Model]) -> list[dict]:
    return [_record(o) for o in objecten]


def _vereis_privacy(medewerker: Medewerker) -> None:
    if not medewerker.heeft_rol(Rol.PRIVACY):
        raise GeenToegang("Alleen de privacyfunctionaris kan een inzage samenstellen.")


def inzage_samenstellen(*, medewerker: Medewerker, huishouden_id: UUID) -> dict:
    """Every record about the household, its processing log and its recipients, as plain data."""
    from doorbraak.budget.models import Aanvraag, AanvraagStap, Boeking, Exportregel, Lening
    from doorbraak.casussen.models import (
        Actie,
        Casus,
        Contactmoment,
        Domeinscore,
        Doorbraakplan,
        DossierLeesmodel,
        Gezinslid,
        GezinslidCorrectie,
        Hulpverlener,
        Knelpunt,
        MeldcodeAfweging,
        Meting,
        Netwerklid,
        Statuswijziging,
        TijdlijnItem,
    )
    from doorbraak.documenten.models import Document
    from doorbraak.mkba.models import Mkba, Nameting
    from doorbraak.overleg.models import (
        Afspraak,
        Agendapunt,
        Briefdeel,
        Deelgrondslag,
        Escalatie,
        Overleg,
    )
    from doorbraak.precedenten.models import Afwijking, Precedent
    from doorbraak.regels.models import Regelcheck

    _vereis_privacy(medewerker)
    huishouden = casus_selectors.huishouden_ophalen(
        medewerker=medewerker, huishouden_id=huishouden_id
    )
    g = medewerker.gemeente_id
    casussen = list(Casus.objects.filter(gemeente_id=g, huishouden=huishouden).order_by("pk"))
    leden = list(Gezinslid.objects.filter(gemeente_id=g, huishouden=huishouden).order_by("pk"))
    aanvragen = list(Aanvraag.objects.filter(gemeente_id=g, casus__in=casussen).order_by("pk"))
    leningen = list(Lening.objects.filter(gemeente_id=g, aanvraag__in=aanvragen).order_by("pk"))
    agendapunten = list(
        Agendapunt.objects.filter(gemeente_id=g, casus__in=casussen)
        .select_related("bijeenkomst__overleg")
        .order_by("pk")
    )
    grondslagen = list(Deelgrondslag.objects.filter(gemeente_id=g, casus__in=casussen))
    escalaties = list(Escalatie.objects.filter(gemeente_id=g, casus__in=casussen))
    overleg_ids = (
        {a.bijeenkomst.overleg_id for a in agendapunten}
        | {d.overleg_id for d in grondslagen if d.overleg_id}
        | {e.naar_overleg_id for e in escalaties}
        | {e.van_overleg_id for e in escalaties if e.van_overleg_id}
    )
    overleggen = list(
        Overleg.objects.filter(gemeente_id=g, pk__in=overleg_ids)
        .prefetch_related("leden")
        .order_by("naam")
    )
    gegevens = {
        "huishouden": [_record(huishouden)],
        "gezinsleden": [_record(lid, bsn=lid.bsn_masked) for lid in leden],
        "correcties_gezinsleden": _records(
            GezinslidCorrectie.objects.filter(gemeente_id=g, gezinslid__in=leden).order_by("op")
        ),
        "casussen": _records(casussen),
        "statuswijzigingen": _records(
            Statuswijziging.objects.filter(gemeente_id=g, casus__in=casussen).order_by("op")
        ),
        "metingen": _records(Meting.objects.filter(gemeente_id=g, casus__in=casussen)),
        "domeinscores": [
            _record(s, leefgebied_naam=s.leefgebied.naam)
            for s in Domeinscore.objects.filter(gemeente_id=g, meting__casus__in=casussen)
            .select_related("leefgebied")
            .order_by("meting_id", "leefgebied__volgorde")
        ],
        "hulpverleners": _records(Hulpverlener.objects.filter(gemeente_id=g, casus__in=casussen)),
        "tijdlijn": _records(
            TijdlijnItem.objects.filter(gemeente_id=g, casus__in=casussen).order_by("op")
        ),
        "contactmomenten": _records(
            Contactmoment.objects.filter(gemeente_id=g, casus__in=casussen).order_by("datum", "pk")
        ),
        "doorbraakplannen": _records(
            Doorbraakplan.objects.filter(gemeente_id=g, casus__in=casussen)
        ),
        "knelpunten": _records(Knelpunt.objects.filter(gemeente_id=g, plan__casus__in=casussen)),
        "acties": _records(Actie.objects.filter(gemeente_id=g, plan__casus__in=casussen)),
        "netwerkleden": _records(
            Netwerklid.objects.filter(gemeente_id=g, plan__casus__in=casussen).order_by("pk")
        ),
        "meldcode_afwegingen": _records(
            MeldcodeAfweging.objects.filter(gemeente_id=g, casus__in=casussen).order_by("op")
        ),
        # The documents' details; their files go with the ZIP bundle (inzage_met_bestanden).
        "documenten": [
            {k: v for k, v in _record(d).items() if k != "opslagnaam"}
            for d in Document.objects.filter(gemeente_id=g, casus__in=casussen).order_by("pk")
        ],
        "regelchecks": _records(Regelcheck.objects.filter(gemeente_id=g, casus__in=casussen)),
        "mkbas": _records(Mkba.objects.filter(gemeente_id=g, casus__in=casussen)),
        "nametingen": _records(Nameting.objects.filter(gemeente_id=g, casus__in=casussen)),
        "aanvragen": _records(aanvragen),
        "aanvraagstappen": _records(
            AanvraagStap.objects.filter(aanvraag__in=aanvragen).order_by("op")
        ),
        "afwijkingen_van_precedenten": _records(
            Afwijking.objects.filter(gemeente_id=g, aanvraag__in=aanvragen).order_by("op")
        ),
        # The anonymised precedents made from these requests (transparency; they stay after the
        # retention period, cut loose from the request: docs/precedenten.md).
        "precedenten": _records(
            Precedent.objects.filter(gemeente_id=g, aanvraag__in=aanvragen).order_by("pk")
        ),
        "leningen": _records(leningen),
        "boekingen": _records(
            Boeking.objects.filter(gemeente_id=g)
            .filter(models.Q(aanvraag__in=aanvragen) | models.Q(lening__in=leningen))
            .order_by("pk")
        ),
        "betaalbestanden": _records(
            Exportregel.objects.filter(aanvraag__in=aanvragen).select_related("batch")
        ),
        "agendapunten": [
            _record(
                a,
                overleg=a.bijeenkomst.overleg.naam,
                bijeenkomst_datum=a.bijeenkomst.datum,
            )
            for a in agendapunten
        ],
        "afspraken": _records(Afspraak.objects.filter(gemeente_id=g, agendapunt__in=agendapunten)),
        "briefdelen": _records(
            Briefdeel.objects.filter(gemeente_id=g, agendapunt__in=agendapunten).order_by("pk")
        ),
        "deelgrondslagen": _records(grondslagen),
        "escalaties": _records(escalaties),
        # The dossier as the API last rendered it (a copy of the records above; casussen.leesmodel).
        "dossier_leesmodellen": _records(
            DossierLeesmodel.objects.filter(gemeente_id=g, casus__in=casussen).order_by("pk")
        ),
    }
    ontvangers = [
        {
            "overleg": o.naam,
            "soort": o.get_soort_display(),
            "organisaties": sorted({lid.organisatie for lid in o.leden.all() if lid.organisatie}),
        }
        for o in overleggen
    ]
    verwerkingen = [
        {
            "volgnummer": v.volgnummer,
            "tijdstip": _waarde(v.tijdstip),
            "actor": v.actor,
            "handeling": v.handeling,
            "object_type": v.object_type,
            "object_id": v.object_id,
            "casus_id": _waarde(v.casus_id),
            "activiteit": v.activiteit,
            "activiteit_naam": ALLE[v.activiteit].naam if v.activiteit in ALLE else v.activiteit,
            "grondslag": ALLE[v.activiteit].grondslag if v.activiteit in ALLE else "",
            "omschrijving": v.omschrijving,
        }
        for v in Verwerking.objects.filter(gemeente_id=g, huishouden_id=huishouden.pk).order_by(
            "volgnummer"
        )
    ]
    return {
        "soort": "AVG-inzage (artikel 15)",
        "gemeente": medewerker.gemeente.naam,
        "huishouden_id": str(huishouden.pk),
        "opgesteld_op": timezone.now().isoformat(),
        "opgesteld_door": medewerker.username,
        "gegevens": gegevens,
        "ontvangers": ontvangers,
        "verwerkingen": verwerkingen,
        "toelichting": (
            "Alle gegevens die de gemeente in Doorbraak over dit huishouden bewaart, elke "
            "vastgelegde verwerking (wie, wanneer, wat en waarvoor, met de grondslag) en de "
            "overleggen en organisaties waarmee de casus is besproken of gedeeld. Het BSN staat "
            "er alleen gemaskeerd in; het wordt versleuteld bewaard."
        ),
    }


def inzage_exporteren(*, medewerker: Medewerker, huishouden_id: UUID, formaat: str) -> dict:
    """Log the export (in the same transaction), then compose it; the caller renders the file."""
    return _exporteren(medewerker, huishouden_id, formaat, met_bestanden=False)[0]


@dataclass(frozen=True)
class Bijlage:
    """A document's file for the bundle: its name there, and its bytes (None when the file is
    no longer in storage: the bundle says so instead of failing)."""

    naam: str
    inhoud: bytes | None


def inzage_met_bestanden(
    *, medewerker: Medewerker, huishouden_id: UUID
) -> tuple[dict, list[Bijlage]]:
    """AVG art. 15(3): the copy includes the documents themselves (the invoice, the letter, the
    signed consent), not only their details. Each document handed over is logged as a read, in
    the same transaction as the export."""
    return _exporteren(medewerker, huishouden_id, "zip", met_bestanden=True)


def _exporteren(
    medewerker: Medewerker, huishouden_id: UUID, formaat: str, *, met_bestanden: bool
) -> tuple[dict, list[Bijlage]]:
    from doorbraak.documenten import opslag
    from doorbraak.documenten.models import Document

    if formaat not in FORMATEN:
        raise Validatiefout("Kies pdf, json of zip.", veld="formaat")
    _vereis_privacy(medewerker)
    with transaction.atomic():
        huishouden = casus_selectors.huishouden_ophalen(
            medewerker=medewerker, huishouden_id=huishouden_id
        )
        documenten = (
            list(
                Document.objects.filter(
                    gemeente_id=medewerker.gemeente_id, casus__huishouden=huishouden
                ).order_by("toegevoegd_op", "pk")
            )
            if met_bestanden
            else []
        )
        leg_vast(
            gemeente_id=medewerker.gemeente_id,
            door=medewerker,
            activiteit=AVG_RECHTEN,
            vastleggingen=[
                Vastlegging(
                    Handeling.LEZEN,
                    "inzage",
                    huishouden.pk,
                    huishouden.pk,
                    omschrijving=f"AVG-inzage (art. 15) geëxporteerd als {formaat}",
                ),
                *(
                    Vastlegging(
                        Handeling.LEZEN,
                        "document",
                        d.pk,
                        huishouden.pk,
                        d.casus_id,
                        "document meegegeven met de AVG-inzage (art. 15)",
                    )
                    for d in documenten
                ),
            ],
        )
        bijlagen = []
        for nummer, d in enumerate(documenten, start=1):
            try:
                inhoud = opslag.lees(d.opslagnaam)
            except FileNotFoundError:
                inhoud = None
            bijlagen.append(Bijlage(f"{nummer:02d} {opslag.veilige_naam(d.bestandsnaam)}", inhoud))
        return inzage_samenstellen(medewerker=medewerker, huishouden_id=huishouden.pk), bijlagen


def inzage_bestand(
    *, medewerker: Medewerker, huishouden_id: UUID, formaat: str, request=None
) -> tuple[bytes, str, str]:
    """The logged export as a file: its bytes, media type and name. PDF (readable), JSON (the
    same data for a computer) or ZIP (both, with the documents' files)."""
    from doorbraak import downloads

    bijlagen: list[Bijlage] = []
    if formaat == "zip":
        gegevens, bijlagen = inzage_met_bestanden(
            medewerker=medewerker, huishouden_id=huishouden_id
        )
    else:
        gegevens = inzage_exporteren(
            medewerker=medewerker, huishouden_id=huishouden_id, formaat=formaat
        )
    naam = f"inzage-{huishouden_id}-{timezone.localdate():%Y%m%d}.{formaat}"
    if formaat == "json":
        return als_json(gegevens), "application/json", naam
    pdf = downloads.pdf(
        "web/inzage_pdf.html",
        {"inzage": gegevens, "secties": als_secties(gegevens, woorden_voor(medewerker=medewerker))},
        request,
    )
    if formaat == "zip":
        return als_zip(pdf=pdf, inzage=gegevens, bijlagen=bijlagen), "application/zip", naam
    return pdf, "application/pdf", naam


LEESMIJ = """Inzage in uw gegevens (AVG artikel 15)

In dit bestand zit:
- inzage.pdf: alle gegevens die de gemeente over uw huishouden heeft vastgelegd, om te lezen.
- inzage.json: dezelfde gegevens in een vorm die een computer kan lezen.
- de map documenten: de documenten zelf die bij uw dossier zijn bewaard.

Vragen? Neem contact op met de privacyfunctionaris van de gemeente.
"""


def als_zip(*, pdf: bytes, inzage: dict, bijlagen: list[Bijlage]) -> bytes:
    """The bundle for the household: the readable PDF, the same data as JSON and the documents'
    files; a document whose file is missing is named in documenten/ONTBREEKT.txt."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundel:
        bundel.writestr("LEESMIJ.txt", LEESMIJ)
        bundel.writestr("inzage.pdf", pdf)
        bundel.writestr("inzage.json", als_json(inzage))
        for bijlage in bijlagen:
            if bijlage.inhoud is not None:
                bundel.writestr(f"documenten/{bijlage.naam}", bijlage.inhoud)
        ontbrekend = [b.naam for b in bijlagen if b.inhoud is None]
        if ontbrekend:
            bundel.writestr(
                "documenten/ONTBREEKT.txt",
                "Deze documenten staan in de inzage, maar hun bestand is niet meer aanwezig:\n"
                + "".join(f"- {naam}\n" for naam in ontbrekend),
            )
    return buffer.getvalue()


def als_json(inzage: dict) -> bytes:
    return json.dumps(inzage, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


# A long structured value (a rules check's trace, an MKBA's input) is cut off in the PDF after
# this many lines, with a pointer: the JSON file always holds it whole.
PDF_MAX_REGELS = 120
# Labels for the keys of stored structures (rules check, MKBA) that no code list names.
SLEUTELS = {
    "huidig_pad": "Zonder doorbraak (huidig pad)",
    "doorbraak_pad": "Met doorbraak",
    "doorbraak_kosten": "Kosten van de doorbraak",
    "contante_waarde": "Contante waarde",
    "per_jaar": "Per jaar",
    "per_betaler": "Per betaler",
    "per_waardetype": "Per soort waarde",
    "verkeerde_zak": "Verkeerde zak",
    "terugverdientijd_maanden": "Terugverdientijd (maanden)",
    "horizon_jaren": "Horizon (jaren)",
    "tot_jaar": "Tot en met jaar",
    "kengetal": "Kengetal",
    "betaler": "Betaler",
    "waardetype": "Soort waarde",
    "bwb_id": "Wet (BWB-nummer)",
    "cvdr_id": "Regeling (CVDR-nummer)",
    "niet_mogelijk": "Niet mogelijk",
    "niet_snel_genoeg": "Niet snel genoeg",
    "uitzonderingsgronden_toepasbaar": "Uitzonderingsgronden toepasbaar",
    "te_controleren": "Nog te controleren",
    "kennisbank_versie": "Versie van de kennisbank",
}
_CODE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
_DECIMAAL = re.compile(r"^-?\d+\.(\d+)$")
_MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_DATUM_IN_TEKST = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(_MAANDEN)}) (\d{{4}})\b")


@dataclass
class Woorden:
    """What the PDF reads codes as: the labels of the rules knowledge base (facts, provisions,
    exception grounds, choices), the MKBA catalogue (unit costs, payers, value types, units) and
    the models' choices; whatever none of them knows is shown as words ('wet regelgeving')."""

    sleutels: dict[str, str] = field(default_factory=dict)
    waarden: dict[str, str] = field(default_factory=dict)
    keuzes: dict[tuple[str, str], str] = field(default_factory=dict)

    def sleutel(self, naam: str) -> str:
        label = self.sleutels.get(naam) or SLEUTELS.get(naam) or _label(naam)
        return label[:1].upper() + label[1:]

    def waarde(self, sleutel: str | None, waarde: str) -> str:
        if (sleutel, waarde) in self.keuzes:
            return self.keuzes[(sleutel, waarde)]
        if waarde in self.waarden:
            return self.waarden[waarde]
        return waarde.replace("_", " ") if _CODE.match(waarde) else waarde


def _keuzes_van_modellen() -> dict[tuple[str, str], str]:
    from django.apps import apps

    uit: dict[tuple[str, str], str] = {}
    for model in apps.get_app_configs():
        if not model.name.startswith("doorbraak."):
            continue
        for m in model.get_models():
            for veld in m._meta.concrete_fields:
                for waarde, label in veld.choices or ():
                    uit.setdefault((veld.name, str(waarde)), str(label))
    return uit


def woorden_voor(*, medewerker: Medewerker) -> Woorden:
    """The labels for this gemeente's PDF (its own knowledge base files included)."""
    from doorbraak.mkba import begrippen, catalogus
    from doorbraak.regels import selectors as regel_selectors

    woorden = Woorden(keuzes=_keuzes_van_modellen())
    kennisbank = regel_selectors.kennisbank_van(medewerker=medewerker)
    for naam, feit in kennisbank.feiten.items():
        woorden.sleutels[naam] = feit.omschrijving
        woorden.waarden.update(dict(feit.keuzelabels))
    for regeling in kennisbank.regelingen:
        for v in (*regeling.voorzieningen, *regeling.uitzonderingsgronden):
            woorden.sleutels.setdefault(v.code, v.naam)
            woorden.waarden.setdefault(v.code, v.naam)
    for k in catalogus.landelijk():
        woorden.waarden.setdefault(k.code, k.omschrijving)
    for lijst in (begrippen.BETALERS, begrippen.WAARDETYPEN, begrippen.EENHEDEN):
        woorden.waarden.update(lijst)
    return woorden


def _getal(waarde: Decimal | float | int) -> str:
    if isinstance(waarde, int):
        return opmaak.getal(waarde) if abs(waarde) >= 10000 else str(waarde)  # no "2.026"
    plaatsen = max(0, -Decimal(str(waarde)).as_tuple().exponent)
    return opmaak.decimaal(waarde, plaatsen) if plaatsen else opmaak.getal(waarde)


def _scalair(waarde: object, woorden: Woorden, sleutel: str | None = None) -> str:
    """One value in plain Dutch: ja/nee, Dutch numbers and dates, a label for a code."""
    if waarde is None or waarde == "" or waarde == [] or waarde == {}:
        return "—"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, int | float | Decimal):
        return _getal(waarde)
    tekst = str(waarde)
    if _DECIMAAL.match(tekst):
        return _getal(Decimal(tekst))
    datum = opmaak.uit_iso(tekst)  # dates in the house style (dd-mm-jjjj)
    if datum != tekst:
        return datum
    tekst = woorden.waarde(sleutel, tekst)
    return _DATUM_IN_TEKST.sub(
        lambda m: f"{int(m[1]):02d}-{_MAANDEN.index(m[2]) + 1:02d}-{m[3]}", tekst
    )


def _regels(waarde: object, woorden: Woorden, diepte: int = 0, sleutel: str | None = None):
    """A nested structure as an indented list of (depth, "label: waarde") lines."""
    uit: list[tuple[int, str]] = []
    if isinstance(waarde, dict):
        for k, v in waarde.items():
            label = woorden.sleutel(str(k))
            if isinstance(v, dict | list) and v:
                uit.append((diepte, f"{label}:"))
                uit.extend(_regels(v, woorden, diepte + 1, str(k)))
            else:
                uit.append((diepte, f"{label}: {_scalair(v, woorden, str(k))}"))
    elif isinstance(waarde, list):
        for nummer, v in enumerate(waarde, 1):
            if isinstance(v, dict | list) and v:
                uit.append((diepte, f"{nummer}."))
                uit.extend(_regels(v, woorden, diepte + 1, sleutel))
            else:
                uit.append((diepte, f"– {_scalair(v, woorden, sleutel)}"))
    else:
        uit.append((diepte, _scalair(waarde, woorden, sleutel)))
    return uit


def _tekst(waarde: object, woorden: Woorden, sleutel: str | None = None) -> list[tuple[int, str]]:
    """A value for the PDF as lines (depth, text); a very long structure is cut off with a
    pointer to the JSON file, which always holds it whole."""
    if not isinstance(waarde, dict | list) or not waarde:
        return [(0, _scalair(waarde, woorden, sleutel))]
    regels = _regels(waarde, woorden, 0, sleutel)
    if len(regels) > PDF_MAX_REGELS:
        ingekort = (
            f"… [ingekort: {len(regels)} regels; volledig in het JSON-bestand van deze inzage]"
        )
        regels = [*regels[:PDF_MAX_REGELS], (0, ingekort)]
    return regels


def _label(naam: str) -> str:
    """A stored field's name as a reader's label: 'geboortedatum_op' → 'Geboortedatum op'."""
    return naam.replace("_", " ").strip().capitalize()


def als_secties(inzage: dict, woorden: Woorden | None = None) -> list:
    """The records as (section, records as (field, lines)) for the PDF: everything, in plain
    Dutch (the JSON file stays literal, the machine-readable copy)."""
    woorden = woorden or Woorden(keuzes=_keuzes_van_modellen())

    def record(r: dict) -> list:
        return [(woorden.sleutel(k), _tekst(v, woorden, k)) for k, v in r.items()]

    secties = [(_label(naam), [record(r) for r in rs]) for naam, rs in inzage["gegevens"].items()]
    secties.append(
        ("Ontvangers (overleggen en organisaties)", [record(o) for o in inzage["ontvangers"]])
    )
    return secties
