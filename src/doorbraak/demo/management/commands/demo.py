"""`doorbraak demo`: load the demo gemeenten, users and example cases (demo mode only)."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from doorbraak.demo import laden
from doorbraak.fouten import DoorbraakFout
from doorbraak.overleg.demo import PARTNERS


class Command(BaseCommand):
    help = (
        "Laadt de demo: twee fictieve gemeenten met uitgewerkte voorbeeldcasussen uit de "
        f"brondocumenten, de demogebruikers (wachtwoord '{laden.WACHTWOORD}') en met --regio de "
        "overige gemeenten van de regio (21 in totaal). Alleen in demo-modus (DOORBRAAK_DEMO=1)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--alleen-als-leeg",
            action="store_true",
            help="Niets doen als de database al gemeenten bevat (voor `make run`).",
        )
        parser.add_argument(
            "--regio",
            action="store_true",
            help=(
                f"Ook de {len(laden.regio_demo.GEMEENTEN)} andere gemeenten van de regio, elk met "
                "fondsen, gebruikers (zoals regisseur.helmond) en drie casussen."
            ),
        )

    def handle(self, *args: object, alleen_als_leeg: bool, regio: bool, **options: object) -> None:
        begin = time.monotonic()
        try:
            geladen = laden.demo_laden(alleen_als_leeg=alleen_als_leeg, regio=regio)
        except DoorbraakFout as fout:
            raise CommandError(str(fout)) from fout
        if not geladen:
            self.stdout.write("De database bevat al gegevens; demo niet opnieuw geladen.")
            return
        gebruikers = ", ".join(
            [g.gebruikersnaam for g in laden.GEBRUIKERS] + [f"{p[0]} (partner)" for p in PARTNERS]
        )
        extra = ""
        if regio:
            extra = (
                f" en {len(laden.regio_demo.GEMEENTEN)} andere gemeenten van de regio "
                "(gebruikers als regisseur.helmond, manager.helmond)"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo geladen in {time.monotonic() - begin:.1f} s: {laden.GEMEENTE[1]} en "
                f"{laden.ANDERE_GEMEENTE[1]}{extra}. Gebruikers: {gebruikers}, regisseur2, "
                f"beheer2; wachtwoord '{laden.WACHTWOORD}'."
            )
        )
