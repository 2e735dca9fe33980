"""Verifying the sealed log: every seal's chain link and HMAC (with the key it names), every sealed
entry against its digest, no sealed entry missing and none slipped in, the head in the database,
and the head against the latest export outside the database (so a cut-off end is found too).

Entries newer than the last seal are counted as not yet sealed; that is not an error.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from uuid import UUID

from doorbraak.audit.keten import regels_van, verwerking_digest, zegel_hash
from doorbraak.audit.models import Verwerking, Verwerkingsketen, Verzegeling
from doorbraak.audit.sleutels import ExportOnleesbaar, audit_sleutels, export_pad, laatste_koppen


@dataclass(frozen=True)
class Breuk:
    gemeente_id: UUID | str | None
    volgnummer: int
    reden: str


@dataclass(frozen=True)
class Uitslag:
    gecontroleerd: int
    breuk: Breuk | None
    onverzegeld: int = 0
    zegels: int = 0

    @property
    def in_orde(self) -> bool:
        return self.breuk is None


@dataclass
class _Stand:
    gecontroleerd: int = 0
    onverzegeld: int = 0
    zegels: int = 0


class _Gebroken(Exception):
    def __init__(self, volgnummer: int, reden: str):
        super().__init__(reden)
        self.volgnummer, self.reden = volgnummer, reden


def _controleer_zegel(zegel: Verzegeling, sleutels: dict[str, str], entries, stand) -> None:
    sleutel = sleutels.get(zegel.sleutel_id)
    if sleutel is None:
        raise _Gebroken(
            zegel.eerste_volgnummer,
            f"verzegeling {zegel.nummer} noemt sleutel '{zegel.sleutel_id}', die niet (meer) "
            "is ingesteld in DOORBRAAK_AUDIT_SLEUTELS",
        )
    verwacht = zegel_hash(
        sleutel,
        gemeente_id=zegel.gemeente_id,
        nummer=zegel.nummer,
        eerste_volgnummer=zegel.eerste_volgnummer,
        laatste_volgnummer=zegel.laatste_volgnummer,
        totaal=zegel.totaal,
        verwerkingen=zegel.verwerkingen,
        vorige_hash=zegel.vorige_hash,
        sleutel_id=zegel.sleutel_id,
        tijdstip=zegel.tijdstip,
    )
    try:
        paren = regels_van(zegel.verwerkingen)
    except ValueError:
        paren = None
    if zegel.hash != verwacht or paren is None or len(paren) != zegel.aantal:
        raise _Gebroken(
            zegel.eerste_volgnummer, f"verzegeling {zegel.nummer} is gewijzigd (hash klopt niet)"
        )
    # Merge the sealed list with the entries in the database up to the seal's last number.
    gevonden = []
    while entries.kijk() is not None and entries.kijk().volgnummer <= zegel.laatste_volgnummer:
        gevonden.append(next(entries))
    i = j = 0
    while i < len(paren) or j < len(gevonden):
        nummer = paren[i][0] if i < len(paren) else None
        entry = gevonden[j] if j < len(gevonden) else None
        if entry is not None and (nummer is None or entry.volgnummer < nummer):
            raise _Gebroken(
                entry.volgnummer,
                f"verwerking {entry.volgnummer} is ingevoegd (staat niet in verzegeling "
                f"{zegel.nummer})",
            )
        if entry is None or entry.volgnummer > nummer:
            raise _Gebroken(nummer, f"verwerking {nummer} ontbreekt (verwijderd)")
        if verwerking_digest(sleutel, entry) != paren[i][1]:
            raise _Gebroken(nummer, "de inhoud is gewijzigd (hash klopt niet)")
        i, j = i + 1, j + 1
        stand.gecontroleerd += 1


class _Vooruitkijker:
    """The entries in number order, with a look at the next one."""

    def __init__(self, it: Iterator[Verwerking]):
        self._it = it
        self._volgende = next(it, None)

    def kijk(self) -> Verwerking | None:
        return self._volgende

    def __next__(self) -> Verwerking:
        huidig, self._volgende = self._volgende, next(self._it, None)
        return huidig


def _controleer_gemeente(
    gemeente_id, sleutels: dict[str, str], kop: dict | None, export_aanwezig: bool, stand
) -> None:
    entries = _Vooruitkijker(
        Verwerking.objects.filter(gemeente_id=gemeente_id)
        .order_by("volgnummer")
        .iterator(chunk_size=5000)
    )
    vorige_hash, laatste, totaal, nummer = "", 0, 0, 0
    in_export = None
    zegels = Verzegeling.objects.filter(gemeente_id=gemeente_id).order_by("nummer")
    for zegel in zegels.iterator(chunk_size=200):
        if zegel.nummer != nummer + 1:
            raise _Gebroken(laatste + 1, f"verzegeling {nummer + 1} ontbreekt (verwijderd)")
        if zegel.vorige_hash != vorige_hash or zegel.totaal != totaal + zegel.aantal:
            raise _Gebroken(
                zegel.eerste_volgnummer,
                f"verzegeling {zegel.nummer} sluit niet aan op de vorige (keten gewijzigd)",
            )
        _controleer_zegel(zegel, sleutels, entries, stand)
        vorige_hash, laatste, totaal, nummer = (
            zegel.hash,
            zegel.laatste_volgnummer,
            zegel.totaal,
            zegel.nummer,
        )
        stand.zegels += 1
        if kop and int(kop["zegel"]) == zegel.nummer:
            in_export = zegel
    while entries.kijk() is not None:
        next(entries)
        stand.onverzegeld += 1
    keten = Verwerkingsketen.objects.filter(gemeente_id=gemeente_id).first()
    if keten and (keten.zegels, keten.laatste_volgnummer, keten.laatste_hash) != (
        nummer,
        laatste,
        vorige_hash,
    ):
        raise _Gebroken(
            laatste + 1,
            f"de kop van de keten (verzegeling {keten.zegels}, t/m verwerking "
            f"{keten.laatste_volgnummer}) klopt niet met de verzegelingen (t/m verwerking "
            f"{laatste}): verwerkingen of verzegelingen aan het eind verwijderd of kop gewijzigd",
        )
    if kop is None:
        if nummer and export_aanwezig:
            raise _Gebroken(
                1, "de export buiten de database noemt deze gemeente niet (export vervangen?)"
            )
        return
    if int(kop["zegel"]) > nummer:
        raise _Gebroken(
            laatste + 1,
            f"afgeknipt: de export buiten de database noemt verzegeling {kop['zegel']} t/m "
            f"verwerking {kop['laatste_volgnummer']}, de database eindigt bij verzegeling "
            f"{nummer} t/m verwerking {laatste}",
        )
    if (
        in_export is None
        or in_export.hash != kop["hash"]
        or in_export.laatste_volgnummer != int(kop["laatste_volgnummer"])
        or in_export.totaal != int(kop["aantal"])
    ):
        raise _Gebroken(
            in_export.eerste_volgnummer if in_export else 1,
            f"verzegeling {kop['zegel']} wijkt af van de export buiten de database "
            "(keten vervangen)",
        )


def verifieer() -> Uitslag:
    """Check every gemeente's log; report the first broken entry found."""
    stand = _Stand()
    # The export first: the sealer writes it after its commit, so it never runs ahead of the
    # database in honest operation.
    try:
        koppen = laatste_koppen()
    except ExportOnleesbaar as e:
        return Uitslag(0, Breuk(None, 0, f"de export van de verzegelde koppen: {e}"))
    export_aanwezig = koppen is not None
    if export_pad() is not None and not export_aanwezig and Verzegeling.objects.exists():
        reden = f"de export buiten de database ({export_pad()}) ontbreekt"
        return Uitslag(0, Breuk(None, 0, reden))
    koppen = koppen or {}
    sleutels = audit_sleutels()
    gemeenten = {
        str(g)
        for g in Verwerking.objects.order_by().values_list("gemeente_id", flat=True).distinct()
    }
    gemeenten |= {
        str(g)
        for g in Verzegeling.objects.order_by().values_list("gemeente_id", flat=True).distinct()
    }
    gemeenten |= {
        str(g) for g in Verwerkingsketen.objects.filter(zegels__gt=0).values_list("pk", flat=True)
    }
    gemeenten |= set(koppen)
    for gemeente_id in sorted(gemeenten):
        try:
            _controleer_gemeente(
                gemeente_id, sleutels, koppen.get(gemeente_id), export_aanwezig, stand
            )
        except _Gebroken as b:
            return Uitslag(
                stand.gecontroleerd, Breuk(gemeente_id, b.volgnummer, b.reden), stand.onverzegeld
            )
    return Uitslag(stand.gecontroleerd, None, stand.onverzegeld, stand.zegels)
