"""`doorbraak demo`: load the demo gemeenten, users and example cases (demo mode only)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from doorbraak.casussen import demo
from doorbraak.fouten import DoorbraakFout


class Command(BaseCommand):
    help = (
        "Laadt de demo: twee fictieve gemeenten in één regio, de demogebruikers (wachtwoord "
        f"'{demo.WACHTWOORD}') en voorbeeldcasussen uit de brondocumenten. Alleen in demo-modus "
        "(DOORBRAAK_DEMO=1)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--alleen-als-leeg",
            action="store_true",
            help="Niets doen als de database al gemeenten bevat (voor `make run`).",
        )

    def handle(self, *args: object, alleen_als_leeg: bool, **options: object) -> None:
        try:
            geladen = demo.demo_laden(alleen_als_leeg=alleen_als_leeg)
        except DoorbraakFout as fout:
            raise CommandError(str(fout)) from fout
        if not geladen:
            self.stdout.write("De database bevat al gegevens; demo niet opnieuw geladen.")
            return
        from doorbraak.overleg.demo import PARTNERS

        gebruikers = ", ".join(
            [g.gebruikersnaam for g in demo.GEBRUIKERS] + [f"{p[0]} (partner)" for p in PARTNERS]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo geladen: {demo.GEMEENTE[1]} en {demo.ANDERE_GEMEENTE[1]}, "
                f"{len(demo.CASUSSEN) + 1} huishoudens. Gebruikers: {gebruikers}, regisseur2; "
                f"wachtwoord '{demo.WACHTWOORD}'."
            )
        )
