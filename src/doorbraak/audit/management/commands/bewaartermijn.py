"""`doorbraak bewaartermijn [--proefdraai]`: apply the gemeenten's retention periods."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from doorbraak.audit.taken import bewaartermijnen_alle_gemeenten


class Command(BaseCommand):
    help = (
        "Bewaartermijnen: anonimiseert of verwijdert wat voorbij de bewaartermijn van de "
        "gemeente is. Met --proefdraai alleen tellen wat zou verdwijnen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--proefdraai", action="store_true")
        parser.add_argument("--peildatum", help="JJJJ-MM-DD (standaard: vandaag).")

    def handle(self, *args, proefdraai: bool, peildatum: str | None, **opties):
        if peildatum:
            try:
                date.fromisoformat(peildatum)
            except ValueError:
                raise CommandError("Geef de peildatum als JJJJ-MM-DD.") from None
        uitkomst = bewaartermijnen_alle_gemeenten(proefdraai=proefdraai, peildatum=peildatum)
        kop = "Proefdraai (er is niets gewijzigd)" if proefdraai else "Uitgevoerd"
        self.stdout.write(self.style.SUCCESS(f"{kop}:"))
        for code, aantallen in uitkomst["gemeenten"].items():
            self.stdout.write(f"  {code}:")
            for soort, aantal in aantallen.items():
                self.stdout.write(f"    {soort.replace('_', ' ')}: {aantal}")
