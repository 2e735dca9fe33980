"""Reads of documents: scoped to the caller's cases (gemeente, and team where the gemeente wants
that); a download is logged as a read of that document. Partners never see documents."""

from __future__ import annotations

from uuid import UUID

from doorbraak import vaste_sql
from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_lezen_vast
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen.models import Casus
from doorbraak.documenten import opslag
from doorbraak.documenten.models import Document
from doorbraak.fouten import NietGevonden
from doorbraak.organisaties.models import Medewerker


def documenten_bij(*, casus: Casus) -> list[tuple]:
    """The documents of a case the caller already read through a scoped, logged selector, newest
    first, as rows (pk, titel, soort, toegevoegd_op, bestandsnaam, grootte and who added it:
    toegevoegd_door_id and the three parts of `Medewerker.naam_uit`); the SQL compiled once."""
    velden = ("pk", "titel", "soort", "toegevoegd_op", "bestandsnaam", "grootte", *_DOOR)
    return vaste_sql.rijen(Document, velden, gemeente_id=casus.gemeente_id, casus_id=casus.pk)


_DOOR = (
    "toegevoegd_door_id",
    "toegevoegd_door__first_name",
    "toegevoegd_door__last_name",
    "toegevoegd_door__username",
)


def document_downloaden(*, medewerker: Medewerker, document_id: UUID) -> tuple[Document, bytes]:
    """The document and its bytes (404 outside the caller's cases); every download is logged."""
    casussen = casus_selectors.casussen_voor(medewerker=medewerker)  # raises without inzage
    try:
        document = Document.objects.select_related("casus").get(
            gemeente_id=medewerker.gemeente_id, casus__in=casussen.values("pk"), pk=document_id
        )
    except (Document.DoesNotExist, ValueError):
        raise NietGevonden("Document niet gevonden.") from None
    try:
        inhoud = opslag.lees(document.opslagnaam)
    except FileNotFoundError:
        raise NietGevonden("Het bestand van dit document is niet (meer) aanwezig.") from None
    leg_lezen_vast(
        gemeente_id=medewerker.gemeente_id,
        door=medewerker,
        objecten=[
            Vastlegging(
                Handeling.LEZEN,
                "document",
                document.pk,
                document.casus.huishouden_id,
                document.casus_id,
                "document gedownload",
            )
        ],
    )
    return document, inhoud
