"""Writing the processing log. Every read or change of a household or case goes through here."""

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from doorbraak.audit.activiteiten import CASUSREGIE, Verwerkingsactiviteit
from doorbraak.audit.keten import bereken_hash
from doorbraak.audit.models import Handeling, Verwerking, Verwerkingsketen
from doorbraak.config.middleware import huidige_request_id


@dataclass(frozen=True)
class Vastlegging:
    """What happened to which object of which household (never the personal data itself)."""

    handeling: str
    object_type: str
    object_id: str | UUID | None
    huishouden_id: UUID | None
    casus_id: UUID | None = None
    omschrijving: str = ""


def actor_van(door: object) -> str:
    if isinstance(door, str):
        return door
    return getattr(door, "username", "") or "onbekend"


def _keten_vergrendeld(gemeente_id: UUID) -> Verwerkingsketen:
    try:
        return Verwerkingsketen.objects.select_for_update().get(gemeente_id=gemeente_id)
    except Verwerkingsketen.DoesNotExist:
        try:
            with transaction.atomic():
                Verwerkingsketen.objects.create(gemeente_id=gemeente_id)
        except IntegrityError:
            pass  # created concurrently; the lock below waits for it
        return Verwerkingsketen.objects.select_for_update().get(gemeente_id=gemeente_id)


def leg_vast(
    *,
    gemeente_id: UUID,
    door: object,
    vastleggingen: Iterable[Vastlegging],
    activiteit: Verwerkingsactiviteit = CASUSREGIE,
) -> list[Verwerking]:
    """Append entries to the gemeente's chain: three queries however many entries.

    Runs inside the caller's transaction when there is one, so a change and its log entry land
    together or not at all.
    """
    vastleggingen = list(vastleggingen)
    if not vastleggingen:
        return []
    with transaction.atomic():
        keten = _keten_vergrendeld(gemeente_id)
        tijdstip = timezone.now()
        request_id = huidige_request_id()
        vorige = keten.laatste_hash
        entries = []
        for nummer, v in enumerate(vastleggingen, start=keten.laatste_volgnummer + 1):
            entry = Verwerking(
                gemeente_id=gemeente_id,
                volgnummer=nummer,
                tijdstip=tijdstip,
                actor=actor_van(door),
                huishouden_id=v.huishouden_id,
                casus_id=v.casus_id,
                handeling=v.handeling,
                object_type=v.object_type,
                object_id=str(v.object_id or ""),
                activiteit=activiteit.code,
                omschrijving=v.omschrijving[:200],
                request_id="" if request_id == "-" else request_id,
                vorige_hash=vorige,
            )
            entry.hash = bereken_hash(settings.AUDIT_SLEUTEL, entry)
            vorige = entry.hash
            entries.append(entry)
        Verwerking.objects.bulk_create(entries)
        Verwerkingsketen.objects.filter(pk=keten.pk).update(
            laatste_volgnummer=entries[-1].volgnummer, laatste_hash=entries[-1].hash
        )
        return entries


def leg_lezen_vast(*, gemeente_id: UUID, door: object, objecten: Iterable[Vastlegging]) -> None:
    leg_vast(gemeente_id=gemeente_id, door=door, vastleggingen=objecten)


__all__ = ["Handeling", "Vastlegging", "leg_lezen_vast", "leg_vast"]
