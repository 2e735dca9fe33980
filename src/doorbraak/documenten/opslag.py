"""Where document files live and what may be stored: outside the web root, one file per
document under `settings.DOCUMENTEN_MAP/<gemeente>/`, readable only by the application's user.

The type is decided by the content (the `filetype` library reads the file's signature), and the
extension must match it: a renamed executable is not a PDF because it is called `brief.pdf`.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import filetype
from django.conf import settings

from doorbraak.fouten import Validatiefout

# Detected media type → the extensions a file of that type may carry, and its name for people.
TOEGESTAAN: dict[str, tuple[tuple[str, ...], str]] = {
    "application/pdf": ((".pdf",), "PDF"),
    "image/jpeg": ((".jpg", ".jpeg"), "JPG"),
    "image/png": ((".png",), "PNG"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        (".docx",),
        "Word (.docx)",
    ),
}
SOORTEN_TEKST = "PDF, JPG, PNG of Word (.docx)"
ACCEPT = ",".join(e for extensies, _ in TOEGESTAAN.values() for e in extensies)


def max_bytes() -> int:
    return settings.DOCUMENT_MAX_MB * 1024 * 1024


def vereis_grootte(grootte: int) -> None:
    """Refuse an empty or too large file (before its content is read)."""
    if grootte <= 0:
        raise Validatiefout("Het bestand is leeg. Kies een ander bestand.", veld="bestand")
    if grootte > max_bytes():
        raise Validatiefout(
            f"Het bestand is te groot. Een document mag hoogstens {settings.DOCUMENT_MAX_MB} MB "
            "zijn; verklein het of scan het opnieuw met een lagere resolutie.",
            veld="bestand",
        )


def veilige_naam(bestandsnaam: str) -> str:
    """The uploaded name without a path and without characters that break a download header."""
    naam = Path((bestandsnaam or "").replace("\\", "/")).name.strip()
    naam = re.sub(r"[\x00-\x1f\x7f\"';]", "", naam)[:200]
    return naam or "document"


def mediatype_van(bestandsnaam: str, inhoud: bytes) -> str:
    """The media type read from the content, if allowed and matching the extension."""
    vereis_grootte(len(inhoud))
    gevonden = filetype.guess(inhoud)
    mime = gevonden.mime if gevonden is not None else None
    if mime not in TOEGESTAAN:
        raise Validatiefout(
            f"Dit soort bestand kan niet worden toegevoegd. Kies een {SOORTEN_TEKST}-bestand.",
            veld="bestand",
        )
    extensies, naam = TOEGESTAAN[mime]
    extensie = Path(bestandsnaam).suffix.lower()
    if extensie not in extensies:
        raise Validatiefout(
            f"De inhoud is een {naam}-bestand, maar de naam eindigt op "
            f"'{extensie or '(geen extensie)'}'. Geef het bestand de juiste extensie "
            f"({', '.join(extensies)}).",
            veld="bestand",
        )
    return mime


def nieuwe_opslagnaam(gemeente_id: uuid.UUID) -> str:
    return f"{gemeente_id}/{uuid.uuid4().hex}"


def pad(opslagnaam: str) -> Path:
    basis = Path(settings.DOCUMENTEN_MAP).resolve()
    volledig = (basis / opslagnaam).resolve()
    if basis not in volledig.parents:  # never outside the map, whatever is in the row
        raise ValueError("Opslagnaam buiten de documentenmap.")
    return volledig


def schrijf(opslagnaam: str, inhoud: bytes) -> None:
    """Write the file atomically (a temporary name, then a rename), readable by us only."""
    doel = pad(opslagnaam)
    doel.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tijdelijk = doel.with_name(f".{doel.name}.tmp")
    fd = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as bestand:
            bestand.write(inhoud)
            bestand.flush()
            os.fsync(bestand.fileno())
        tijdelijk.replace(doel)
    except BaseException:
        tijdelijk.unlink(missing_ok=True)
        raise


def lees(opslagnaam: str) -> bytes:
    return pad(opslagnaam).read_bytes()


def verwijder(opslagnaam: str) -> None:
    pad(opslagnaam).unlink(missing_ok=True)
