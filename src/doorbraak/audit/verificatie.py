"""Verifying the chain: recompute every hash and compare links, numbers and the chain head."""

from collections.abc import Iterator
from dataclasses import dataclass
from uuid import UUID

from django.conf import settings

from doorbraak.audit.keten import bereken_hash
from doorbraak.audit.models import Verwerking, Verwerkingsketen


@dataclass(frozen=True)
class Breuk:
    gemeente_id: UUID
    volgnummer: int
    reden: str


@dataclass(frozen=True)
class Uitslag:
    gecontroleerd: int
    breuk: Breuk | None

    @property
    def in_orde(self) -> bool:
        return self.breuk is None


def _eerste_breuk(keten: Verwerkingsketen) -> tuple[int, Breuk | None]:
    entries: Iterator[Verwerking] = (
        Verwerking.objects.filter(gemeente_id=keten.gemeente_id)
        .order_by("volgnummer")
        .iterator(chunk_size=5000)
    )
    verwacht_nummer, vorige_hash, aantal = 1, "", 0
    for entry in entries:
        aantal += 1
        if entry.volgnummer != verwacht_nummer:
            reden = f"verwerking {verwacht_nummer} ontbreekt (verwijderd)"
            return aantal, Breuk(keten.gemeente_id, verwacht_nummer, reden)
        if entry.vorige_hash != vorige_hash:
            reden = "de verwijzing naar de vorige verwerking klopt niet"
            return aantal, Breuk(keten.gemeente_id, entry.volgnummer, reden)
        if entry.hash != bereken_hash(settings.AUDIT_SLEUTEL, entry):
            reden = "de inhoud is gewijzigd (hash klopt niet)"
            return aantal, Breuk(keten.gemeente_id, entry.volgnummer, reden)
        verwacht_nummer, vorige_hash = verwacht_nummer + 1, entry.hash
    if keten.laatste_volgnummer != verwacht_nummer - 1 or keten.laatste_hash != vorige_hash:
        return aantal, Breuk(
            keten.gemeente_id,
            verwacht_nummer,
            f"de keten eindigt bij {verwacht_nummer - 1}, maar de laatste vastgelegde is "
            f"{keten.laatste_volgnummer} (verwerkingen aan het eind verwijderd of keten gewijzigd)",
        )
    return aantal, None


def verifieer() -> Uitslag:
    """Check every gemeente's chain; report the first broken entry found."""
    totaal = 0
    ketens = {k.gemeente_id: k for k in Verwerkingsketen.objects.all()}
    met_verwerkingen = Verwerking.objects.order_by().values_list("gemeente_id", flat=True)
    for gemeente_id in set(met_verwerkingen.distinct()) - ketens.keys():
        ketens[gemeente_id] = Verwerkingsketen(gemeente_id=gemeente_id)
    for keten in sorted(ketens.values(), key=lambda k: str(k.gemeente_id)):
        aantal, breuk = _eerste_breuk(keten)
        totaal += aantal
        if breuk:
            return Uitslag(totaal, breuk)
    return Uitslag(totaal, None)
