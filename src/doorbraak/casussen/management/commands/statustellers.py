"""`doorbraak statustellers`: check the worklist's counters against the cases (PostgreSQL).

The triggers keep them in every writer's transaction; a data-only restore with triggers
switched off (`pg_restore --disable-triggers`) is the way they could drift. Exits with 1 when a
counter differs (for monitoring); `--herbereken` sets them from the cases."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from doorbraak.casussen import statustellers


class Command(BaseCommand):
    help = "Controleert de tellers per status van de werklijst tegen de casussen (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--herbereken", action="store_true", help="Zet de tellers opnieuw uit de casussen."
        )

    def handle(self, *args, herbereken: bool, **opties):
        if not statustellers.bijgehouden(DEFAULT_DB_ALIAS):
            self.stdout.write("Deze database houdt geen tellers bij: de werklijst telt zelf.")
            return
        if herbereken:
            statustellers.herberekenen()
        afwijkingen = statustellers.afwijkingen()
        for gemeente, regisseur, team, status, teller, casussen in afwijkingen:
            self.stdout.write(
                f"gemeente {gemeente}, regisseur {regisseur}, team {team}, {status}: "
                f"teller {teller}, casussen {casussen}"
            )
        if afwijkingen:
            raise CommandError(f"{len(afwijkingen)} tellers wijken af van de casussen.")
        self.stdout.write(self.style.SUCCESS("Tellers per status in orde."))
