"""Adding and removing documents of a case file: one transaction each, logged; the file on disk
follows the row (a failed upload leaves neither a file nor a row)."""

from __future__ import annotations

import hashlib
from uuid import UUID

from django.db import transaction

from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen import toegang
from doorbraak.casussen.services import gebeurtenis
from doorbraak.documenten import opslag
from doorbraak.documenten.models import Document, DocumentSoort
from doorbraak.fouten import NietGevonden, Validatiefout
from doorbraak.opmaak import keuze
from doorbraak.organisaties.models import Medewerker


def document_toevoegen(
    *,
    door: Medewerker,
    casus_id: UUID,
    soort: str,
    titel: str,
    bestandsnaam: str,
    inhoud: bytes,
) -> Document:
    """Store an uploaded document with the case. The content decides the type (PDF, JPG, PNG,
    DOCX) and must match the extension; too large or empty is refused. The file is written as
    the last step of the transaction and removed again if anything fails after that."""
    toegang.vereis_casuswerk(door)
    if soort not in DocumentSoort.values:
        raise Validatiefout("Kies wat voor document dit is.", veld="soort")
    titel = (titel or "").strip()
    if not titel:
        raise Validatiefout(
            "Geef het document een korte titel, bijv. 'Afsluitbrief Enexis'.", veld="titel"
        )
    if len(titel) > 200:
        raise Validatiefout("Een titel is hoogstens 200 tekens.", veld="titel")
    naam = opslag.veilige_naam(bestandsnaam)
    mediatype = opslag.mediatype_van(naam, inhoud)
    geschreven = None
    try:
        with transaction.atomic():
            casus = casus_selectors.casus_ophalen(medewerker=door, casus_id=casus_id, lock=True)
            toegang.vereis_open(casus)
            toegang.vereis_regie(casus, door)
            document = Document.objects.create(
                gemeente_id=casus.gemeente_id,
                casus=casus,
                soort=soort,
                titel=titel,
                bestandsnaam=naam,
                mediatype=mediatype,
                grootte=len(inhoud),
                sha256=hashlib.sha256(inhoud).hexdigest(),
                opslagnaam=opslag.nieuwe_opslagnaam(casus.gemeente_id),
                toegevoegd_door=door,
            )
            gebeurtenis(casus, f"Document toegevoegd: {DocumentSoort(soort).label}: {titel}.", door)
            leg_vast(
                gemeente_id=casus.gemeente_id,
                door=door,
                vastleggingen=[
                    Vastlegging(
                        Handeling.AANMAKEN,
                        "document",
                        document.pk,
                        casus.huishouden_id,
                        casus.pk,
                        f"document toegevoegd ({keuze(DocumentSoort, soort)})",
                    )
                ],
            )
            geschreven = document.opslagnaam
            opslag.schrijf(geschreven, inhoud)
    except BaseException:
        if geschreven is not None:
            opslag.verwijder(geschreven)
        raise
    return document


def document_verwijderen(*, door: Medewerker, casus_id: UUID, document_id: UUID) -> None:
    """Remove a document added by mistake: the row now, the file once the removal is committed."""
    toegang.vereis_casuswerk(door)
    with transaction.atomic():
        casus = casus_selectors.casus_ophalen(medewerker=door, casus_id=casus_id, lock=True)
        toegang.vereis_open(casus)
        toegang.vereis_regie(casus, door)
        try:
            document = Document.objects.get(
                gemeente_id=casus.gemeente_id, casus=casus, pk=document_id
            )
        except (Document.DoesNotExist, ValueError):
            raise NietGevonden("Document niet gevonden bij deze casus.") from None
        gebeurtenis(casus, f"Document verwijderd: {document.titel}.", door)
        leg_vast(
            gemeente_id=casus.gemeente_id,
            door=door,
            vastleggingen=[
                Vastlegging(
                    Handeling.VERWIJDEREN,
                    "document",
                    document.pk,
                    casus.huishouden_id,
                    casus.pk,
                    "document verwijderd",
                )
            ],
        )
        opslagnaam = document.opslagnaam
        document.delete()
        transaction.on_commit(lambda: opslag.verwijder(opslagnaam))


def documenten_opruimen(documenten) -> int:
    """For retention, inside its transaction: delete the rows, and the files once committed."""
    namen = list(documenten.values_list("opslagnaam", flat=True))
    documenten.delete()

    def _weg() -> None:
        for naam in namen:
            opslag.verwijder(naam)

    transaction.on_commit(_weg)
    return len(namen)
