"""Background jobs of the processing log: sealing the new entries in batches.

`verzegel()` is plain and idempotent (run it as often as you like; the lead schedules it on the
background queue every few seconds, `doorbraak audit verzegel` runs it by hand). Requests never
wait for it: they only insert entries, and it only locks the per-gemeente chain head.

Commit order. An entry with a lower number can commit after one with a higher number (numbers are
handed out at insert, visibility comes at commit), and a rolled-back transaction leaves a gap. A
seal covers every entry of the gemeente up to its last number, so the sealer only seals up to a
*safe bound*: on PostgreSQL it reads the sequence's last value, then waits until every transaction
that was running at that moment has finished (`pg_snapshot_xip` / `pg_xact_status`, no lock), so
no entry at or below the bound can still appear; gaps are then final. This is exact because
`leg_vast` makes its transaction take its id before the entry takes its number. SQLite has one
writer at a time, holding the database lock from its first insert to its commit, so there the
highest visible number is already safe.

It also holds the daily retention job (`bewaartermijnen_alle_gemeenten`, run by hand with
`doorbraak bewaartermijn`).
"""

import time
from datetime import date
from uuid import UUID

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from doorbraak.audit.bewaartermijnen import bewaartermijnen_toepassen
from doorbraak.audit.keten import verwerking_digest, verwerkingen_tekst, zegel_hash
from doorbraak.audit.models import Verwerking, Verwerkingsketen, Verzegeling
from doorbraak.audit.sleutels import exporteer_koppen, nieuwste_sleutel
from doorbraak.organisaties.models import Gemeente

MAX_PER_ZEGEL = 5000
WACHTTIJD = 10.0  # s to wait for running transactions before giving up until the next run


def veilige_grens(wachttijd: float = WACHTTIJD) -> int | None:
    """The highest entry number below which no entry can still commit; None if still waiting."""
    if connection.vendor != "postgresql":
        return Verwerking.objects.aggregate(m=Max("volgnummer"))["m"] or 0
    tabel = Verwerking._meta.db_table
    kolom = Verwerking._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_sequence_last_value(pg_get_serial_sequence(%s, %s))", [tabel, kolom]
        )
        grens = cursor.fetchone()[0] or 0
        # Every transaction running now; our own (a test's, or a caller's) does not count.
        cursor.execute(
            "SELECT coalesce(array_agg(x::text), '{}') "
            "FROM pg_snapshot_xip(pg_current_snapshot()) AS x "
            "WHERE x IS DISTINCT FROM pg_current_xact_id_if_assigned()"
        )
        lopend = cursor.fetchone()[0]
        einde = time.monotonic() + wachttijd
        while lopend:
            cursor.execute(
                "SELECT coalesce(array_agg(x), '{}') FROM unnest(%s::text[]) AS x "
                "WHERE pg_xact_status(x::xid8) = 'in progress'",
                [lopend],
            )
            lopend = cursor.fetchone()[0]
            if lopend:
                if time.monotonic() > einde:
                    return None
                time.sleep(0.01)
    return grens


def _verzegel_gemeente(
    gemeente_id: UUID, grens: int, sleutel_id: str, sleutel: str, max_per_zegel: int
) -> tuple[int, int, dict | None]:
    """Seal the gemeente's entries up to the bound; (entries, seals, exported head or None)."""
    verzegeld = zegels = 0
    kop = None
    while True:
        with transaction.atomic():
            keten = Verwerkingsketen.objects.select_for_update(no_key=True).get(
                gemeente_id=gemeente_id
            )
            entries = list(
                Verwerking.objects.filter(
                    gemeente_id=gemeente_id,
                    volgnummer__gt=keten.laatste_volgnummer,
                    volgnummer__lte=grens,
                ).order_by("volgnummer")[:max_per_zegel]
            )
            if not entries:
                return verzegeld, zegels, kop
            tekst = verwerkingen_tekst(
                [(e.volgnummer, verwerking_digest(sleutel, e)) for e in entries]
            )
            zegel = Verzegeling(
                gemeente_id=gemeente_id,
                nummer=keten.zegels + 1,
                eerste_volgnummer=entries[0].volgnummer,
                laatste_volgnummer=entries[-1].volgnummer,
                aantal=len(entries),
                totaal=keten.aantal + len(entries),
                verwerkingen=tekst,
                vorige_hash=keten.laatste_hash,
                sleutel_id=sleutel_id,
                tijdstip=timezone.now(),
            )
            zegel.hash = zegel_hash(
                sleutel,
                gemeente_id=gemeente_id,
                nummer=zegel.nummer,
                eerste_volgnummer=zegel.eerste_volgnummer,
                laatste_volgnummer=zegel.laatste_volgnummer,
                totaal=zegel.totaal,
                verwerkingen=tekst,
                vorige_hash=zegel.vorige_hash,
                sleutel_id=sleutel_id,
                tijdstip=zegel.tijdstip,
            )
            zegel.save()
            Verwerkingsketen.objects.filter(pk=keten.pk).update(
                laatste_volgnummer=zegel.laatste_volgnummer,
                laatste_hash=zegel.hash,
                zegels=zegel.nummer,
                aantal=zegel.totaal,
            )
        verzegeld += zegel.aantal
        zegels += 1
        kop = {
            "gemeente": str(gemeente_id),
            "zegel": zegel.nummer,
            "laatste_volgnummer": zegel.laatste_volgnummer,
            "hash": zegel.hash,
            "aantal": zegel.totaal,
            "sleutel_id": sleutel_id,
            "tijdstip": zegel.tijdstip.isoformat(),
        }


def verzegel(max_per_zegel: int = MAX_PER_ZEGEL, wachttijd: float = WACHTTIJD) -> dict:
    """Seal every gemeente's new entries and export the new heads; returns a small summary."""
    grens = veilige_grens(wachttijd)
    if grens is None:
        return {"verzegeld": 0, "zegels": 0, "wacht": "lopende transacties"}
    bestaand = set(Verwerkingsketen.objects.values_list("gemeente_id", flat=True))
    nieuw = [
        Verwerkingsketen(gemeente_id=g)
        for g in Gemeente.objects.values_list("pk", flat=True)
        if g not in bestaand
    ]
    Verwerkingsketen.objects.bulk_create(nieuw, ignore_conflicts=True)
    sleutel_id, sleutel = nieuwste_sleutel()
    te_doen = list(
        Verwerkingsketen.objects.filter(laatste_volgnummer__lt=grens).values_list(
            "gemeente_id", flat=True
        )
    )
    verzegeld = zegels = 0
    koppen = []
    for gemeente_id in te_doen:
        aantal, n, kop = _verzegel_gemeente(gemeente_id, grens, sleutel_id, sleutel, max_per_zegel)
        verzegeld, zegels = verzegeld + aantal, zegels + n
        if kop:
            koppen.append(kop)
    # After the commits: an exported head always exists in the database (verification reads the
    # export first, then the database).
    exporteer_koppen(koppen)
    return {"verzegeld": verzegeld, "zegels": zegels, "grens": grens, "sleutel_id": sleutel_id}


def bewaartermijnen_alle_gemeenten(proefdraai: bool = False, peildatum: str | None = None) -> dict:
    """Apply the retention periods of every gemeente (daily). Running it twice changes nothing
    the second time: what was anonymised is not selected again."""
    from doorbraak.organisaties.models import Gemeente

    dag = date.fromisoformat(peildatum) if peildatum else None
    per_gemeente = {}
    for gemeente in Gemeente.objects.order_by("code"):
        per_gemeente[gemeente.code] = bewaartermijnen_toepassen(
            gemeente_id=gemeente.pk, peildatum=dag, proefdraai=proefdraai
        )
    return {"proefdraai": proefdraai, "gemeenten": per_gemeente}
