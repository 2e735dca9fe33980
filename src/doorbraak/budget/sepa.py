"""The approved, unpaid payments and their SEPA credit-transfer file (pain.001.001.03), built
with the maintained `sepaxml` library, which validates against the schema it ships."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.utils import timezone
from sepaxml import SepaTransfer

from doorbraak.audit.activiteiten import VERANTWOORDING
from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.budget import ledger, selectors
from doorbraak.budget.geld import naar_centen
from doorbraak.budget.models import AanvraagStatus, Fonds
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


def _open_opdrachten(medewerker: Medewerker, fonds: str | None) -> tuple[Fonds, list]:
    if not medewerker.heeft_rol(Rol.FINANCIEN):
        raise GeenToegang("Alleen een financieel medewerker ziet de betaalopdrachten.")
    f = selectors.fonds_voor(medewerker=medewerker, code=fonds)
    paren = []
    for aanvraag in (
        f.aanvragen.filter(status=AanvraagStatus.TOEGEKEND)
        .select_related("casus")
        .order_by("besloten_op")
    ):
        open_bedrag = ledger.aanvraag_saldi(aanvraag).open
        if open_bedrag > 0:
            opdracht = Betaalopdracht(
                aanvraag.pk,
                f.code,
                aanvraag.ontvanger_naam,
                aanvraag.ontvanger_iban,
                open_bedrag,
                f"{f.naam} {str(aanvraag.pk)[:8]} {f.kostenplaats}".strip(),
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
    f, paren = _open_opdrachten(medewerker, fonds)
    opdrachten = [o for o, _a in paren]
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
    xml = bestand.export(validate=True)
    _leg_vast(medewerker, paren, "betaalbestand (SEPA pain.001) gedownload")
    return xml
