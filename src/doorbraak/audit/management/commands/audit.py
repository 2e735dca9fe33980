"""`doorbraak audit verifieer`: check the processing log's hash chains."""

from django.core.management.base import BaseCommand, CommandError

from doorbraak.audit.verificatie import verifieer


class Command(BaseCommand):
    help = "Verwerkingenlogboek: 'verifieer' controleert de hashketen van elke gemeente."

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["verifieer"])

    def handle(self, *args, **opties):
        uitslag = verifieer()
        if uitslag.breuk:
            b = uitslag.breuk
            raise CommandError(
                f"Verwerkingenlogboek NIET in orde: gemeente {b.gemeente_id}, verwerking "
                f"{b.volgnummer}: {b.reden}."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Verwerkingenlogboek in orde: {uitslag.gecontroleerd} verwerkingen."
            )
        )
