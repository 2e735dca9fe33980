"""`doorbraak leesmodel`: build the dossier read model of every case that has no copy yet.

Not needed for correctness (a read builds a missing copy itself); useful after a deploy or a
bulk import, and before a benchmark, so the first reads do not all take the slow path."""

from pathlib import Path

from django.core.management.base import BaseCommand

from doorbraak.casussen.leesmodel import alles_opbouwen


class Command(BaseCommand):
    help = "Bouwt het leesmodel van elk dossier dat nog geen kopie heeft."

    def add_arguments(self, parser):
        parser.add_argument("--blok", type=int, default=500, help="Casussen per blok.")
        parser.add_argument(
            "--ids-bestand",
            help="Alleen deze casussen (één id per regel), ook als ze al een kopie hebben.",
        )

    def handle(self, *args, blok: int, ids_bestand: str | None, **opties):
        casus_ids = None
        if ids_bestand:
            tekst = Path(ids_bestand).read_text(encoding="utf-8")
            casus_ids = [regel.strip() for regel in tekst.splitlines() if regel.strip()]
        aantal = alles_opbouwen(blok=max(1, blok), casus_ids=casus_ids)
        self.stdout.write(self.style.SUCCESS(f"{aantal} dossiers opgebouwd."))
