"""The approved, unpaid payments and their SEPA credit-transfer file (pain.001.001.03), built
with the maintained `sepaxml` library, which validates against the schema it ships."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.utils import timezone
from sepaxml import SepaTransfer

from doorbraak.budget import ledger, selectors
from doorbraak.budget.geld import naar_centen
from doorbraak.budget.models import AanvraagStatus
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


def open_betaalopdrachten(
    *, medewerker: Medewerker, fonds: str | None = None
) -> list[Betaalopdracht]:
    if not medewerker.heeft_rol(Rol.FINANCIEN):
        raise GeenToegang("Alleen een financieel medewerker ziet de betaalopdrachten.")
    f = selectors.fonds_voor(medewerker=medewerker, code=fonds)
    opdrachten = []
    for aanvraag in f.aanvragen.filter(status=AanvraagStatus.TOEGEKEND).order_by("besloten_op"):
        open_bedrag = ledger.aanvraag_saldi(aanvraag).open
        if open_bedrag > 0:
            opdrachten.append(
                Betaalopdracht(
                    aanvraag.pk,
                    f.code,
                    aanvraag.ontvanger_naam,
                    aanvraag.ontvanger_iban,
                    open_bedrag,
                    f"{f.naam} {str(aanvraag.pk)[:8]} {f.kostenplaats}".strip(),
                )
            )
    return opdrachten


def pain001(
    *, medewerker: Medewerker, fonds: str | None = None, uitvoerdatum: date | None = None
) -> bytes:
    opdrachten = open_betaalopdrachten(medewerker=medewerker, fonds=fonds)
    f = selectors.fonds_voor(medewerker=medewerker, code=fonds)
    if not f.betaalrekening_iban:
        raise Conflict(f"{f.naam} heeft geen betaalrekening (IBAN) ingesteld.", veld="fonds")
    if not opdrachten:
        raise Conflict("Er zijn geen toegekende, onbetaalde aanvragen.", veld="fonds")
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
    return bestand.export(validate=True)
