"""`doorbraak backup maak DIR` / `doorbraak backup herstel FILE [--vervang]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doorbraak import backup
from doorbraak.fouten import DoorbraakFout


class Command(BaseCommand):
    help = (
        "Backup van de database: 'maak MAP' schrijft een consistente backup (PostgreSQL: "
        "pg_dump, custom format; SQLite: online backup); 'herstel BESTAND' zet hem terug in een "
        "lege database (--vervang: over een bestaande heen)."
    )

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["maak", "herstel"])
        parser.add_argument("pad")
        parser.add_argument("--vervang", action="store_true")

    def handle(self, *args, **opties):
        try:
            if opties["actie"] == "maak":
                pad = backup.maak(Path(opties["pad"]))
                self.stdout.write(str(pad))
            else:
                backup.herstel(Path(opties["pad"]), vervang=opties["vervang"])
                self.stdout.write(self.style.SUCCESS(f"Hersteld uit {opties['pad']}."))
        except DoorbraakFout as fout:
            raise CommandError(fout.melding) from fout
