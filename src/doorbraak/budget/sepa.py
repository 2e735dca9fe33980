"""The approved, unpaid payments and their SEPA credit-transfer file (pain.001.001.03), built
with the maintained `sepaxml` library, which validates against the schema it ships. Every
download is a batch: its requests are marked "geëxporteerd op … door …" and never go into a
second file (checked under the requests' row locks; a unique constraint is the last guard)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from sepaxml import SepaTransfer

from doorbraak.audit.activiteiten import VERANTWOORDING
from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.budget import ledger, selectors
from doorbraak.budget.geld import naar_centen
from doorbraak.budget.models import AanvraagStatus, Betaalbatch, Exportregel, Fonds
from doorbraak.fouten import Conflict, GeenToegang
from doorbraak.organisaties.models import Medewerker, Rol


@dataclass(frozen=True)
class Betaalopdracht:
    aanvraag: UUID
    fonds: str
    ontvanger: str
    iban: str
    bedrag: Decimal
    omschrijving: str
    geexporteerd: bool = False


def omschrijving(aanvraag, fonds: Fonds) -> str:
    """The remittance text: the recipient's own reference first, so they can match the money."""
    delen = [aanvraag.betalingskenmerk, fonds.naam, str(aanvraag.pk)[:8], fonds.kostenplaats]
    return " ".join(d.strip() for d in delen if d and d.strip())[:140]


def _open_opdrachten(
    medewerker: Medewerker, fonds: str | None, *, lock: bool = False, met_geexporteerd=True
) -> tuple[Fonds, list]:
    if not medewerker.heeft_rol(Rol.FINANCIEN):
        raise GeenToegang("Alleen een financieel medewerker ziet de betaalopdrachten.")
    f = selectors.fonds_voor(medewerker=medewerker, code=fonds)
    qs = f.aanvragen.filter(status=AanvraagStatus.TOEGEKEND).select_related("casus")
    # Locked, a concurrent export of the same requests waits here.
    qs = (
        qs.select_for_update(of=("self",), no_key=True).order_by("pk")
        if lock
        else qs.order_by("besloten_op")
    )
    aanvragen = list(qs)
    # A fresh statement after the locks: it sees the lines a concurrent export just committed.
    geexporteerd = set(
        Exportregel.objects.filter(aanvraag__in=aanvragen).values_list("aanvraag_id", flat=True)
    )
    paren = []
    for aanvraag in aanvragen:
        if aanvraag.pk in geexporteerd and not met_geexporteerd:
            continue
        open_bedrag = ledger.aanvraag_saldi(aanvraag).open
        if open_bedrag > 0:
            opdracht = Betaalopdracht(
                aanvraag.pk,
                f.code,
                aanvraag.ontvanger_naam,
                aanvraag.ontvanger_iban,
                open_bedrag,
                omschrijving(aanvraag, f),
                aanvraag.pk in geexporteerd,
            )
            paren.append((opdracht, aanvraag))
    return f, paren


def _leg_vast(medewerker: Medewerker, paren: list, omschrijving: str) -> None:
    """Names and IBANs (possibly the household's own) were read: one entry per request."""
    leg_vast(
        gemeente_id=medewerker.gemeente_id,
        door=medewerker,
        activiteit=VERANTWOORDING,
        vastleggingen=[
            Vastlegging(
                Handeling.LEZEN, "betaalopdracht", a.pk, a.casus.huishouden_id, a.casus_id,
                omschrijving=omschrijving,
            )
            for _o, a in paren
        ],
    )  # fmt: skip


def open_betaalopdrachten(
    *, medewerker: Medewerker, fonds: str | None = None
) -> list[Betaalopdracht]:
    _f, paren = _open_opdrachten(medewerker, fonds)
    _leg_vast(medewerker, paren, "betaalopdrachten ingezien (naam en IBAN ontvanger)")
    return [o for o, _a in paren]


def pain001(
    *, medewerker: Medewerker, fonds: str | None = None, uitvoerdatum: date | None = None
) -> bytes:
    """The SEPA file of every granted request of the fund that is unpaid and was never exported;
    the requests are marked exported in the same transaction (all or nothing)."""
    try:
        with transaction.atomic():
            return _exporteer(medewerker, fonds, uitvoerdatum)
    except IntegrityError:  # the unique constraint caught what the locks should have
        raise Conflict(
            "Deze betalingen staan al in een ander betaalbestand; download opnieuw.", veld="fonds"
        ) from None


def _exporteer(medewerker: Medewerker, fonds: str | None, uitvoerdatum: date | None) -> bytes:
    f, paren = _open_opdrachten(medewerker, fonds, lock=True, met_geexporteerd=False)
    opdrachten = [o for o, _a in paren]
    if not f.betaalrekening_iban:
        raise Conflict(f"{f.naam} heeft geen betaalrekening (IBAN) ingesteld.", veld="fonds")
    if not opdrachten:
        raise Conflict(
            "Er zijn geen toegekende, onbetaalde aanvragen die nog niet in een betaalbestand "
            "staan.",
            veld="fonds",
        )
    config = {
        "name": f.betaalrekening_naam or f.gemeente.naam,
        "IBAN": f.betaalrekening_iban,
        "batch": True,
        "currency": "EUR",
    }
    if f.betaalrekening_bic:
        config["BIC"] = f.betaalrekening_bic
    bestand = SepaTransfer(config, schema="pain.001.001.03", clean=True)
    datum = uitvoerdatum or timezone.localdate()
    for o in opdrachten:
        bestand.add_payment(
            {
                "name": o.ontvanger,
                "IBAN": o.iban,
                "amount": naar_centen(o.bedrag),
                "execution_date": datum,
                "description": o.omschrijving,
                "endtoend_id": str(o.aanvraag).replace("-", "")[:35],
            }
        )
    xml = bestand.export(validate=True)
    batch = Betaalbatch.objects.create(
        gemeente_id=medewerker.gemeente_id, fonds=f, door=medewerker, uitvoerdatum=datum
    )
    Exportregel.objects.bulk_create(
        [
            Exportregel(batch=batch, aanvraag_id=o.aanvraag, centen=naar_centen(o.bedrag))
            for o in opdrachten
        ]
    )
    _leg_vast(medewerker, paren, "betaalbestand (SEPA pain.001) gedownload")
    return xml
