"""`doorbraak dossierpaginas`: render dossier pages ahead of their readers.

Not needed for correctness (a read renders a missing page itself, and the background job keeps
kept pages current); useful after a release or a bulk import, and before a benchmark."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from doorbraak.organisaties.models import Medewerker
from doorbraak.web import paginabouw


class Command(BaseCommand):
    help = (
        "Bouwt de inhoud van dossierpagina's vooraf op: --als GEBRUIKER voor elke casus die die "
        "medewerker mag zien, of --bijwerken voor de bewaarde pagina's die verouderd zijn."
    )

    def add_arguments(self, parser):
        parser.add_argument("--als", help="Gebruikersnaam: de pagina's zoals die ze ziet.")
        parser.add_argument("--taal", default=settings.LANGUAGE_CODE, help="Taal (standaard nl).")
        parser.add_argument("--ids-bestand", help="Alleen deze casussen (één id per regel).")
        parser.add_argument(
            "--bijwerken", action="store_true", help="Werk de verouderde bewaarde pagina's bij."
        )

    def handle(self, *args, als, taal, ids_bestand, bijwerken: bool, **opties):
        if bijwerken:
            uitkomst = paginabouw.bijwerken(seconden=float("inf"))  # until nothing is left
            self.stdout.write(self.style.SUCCESS(f"Bijgewerkt: {uitkomst}."))
            return
        if not als:
            raise CommandError("Geef --als GEBRUIKER of --bijwerken.")
        if taal not in dict(settings.LANGUAGES):
            raise CommandError(f"Onbekende taal: {taal}.")
        try:
            medewerker = Medewerker.objects.get(username=als, is_active=True)
        except Medewerker.DoesNotExist:
            raise CommandError(f"Geen actieve medewerker {als}.") from None
        casus_ids = None
        if ids_bestand:
            tekst = Path(ids_bestand).read_text(encoding="utf-8")
            casus_ids = [regel.strip() for regel in tekst.splitlines() if regel.strip()]
        aantal = paginabouw.alle_opbouwen(medewerker=medewerker, taal=taal, casus_ids=casus_ids)
        self.stdout.write(self.style.SUCCESS(f"{aantal} dossierpagina's opgebouwd."))
