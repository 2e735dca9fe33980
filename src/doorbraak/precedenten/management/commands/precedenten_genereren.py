"""`doorbraak precedenten_genereren --gemeente-code GM… --aantal N`: synthetic precedents for
benchmarks and test environments (the generator's households do not make decided requests)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from doorbraak.organisaties.models import Gemeente
from doorbraak.precedenten import demo


class Command(BaseCommand):
    help = "Voegt synthetische, geanonimiseerde precedenten toe aan een bestaande gemeente."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--gemeente-code", required=True, help="CBS-code van de gemeente.")
        parser.add_argument("--aantal", type=int, required=True, help="Aantal precedenten.")
        parser.add_argument("--seed", type=int, default=18, help="Vaste seed (standaard 18).")

    def handle(self, *args, **opties) -> None:
        if opties["aantal"] < 1:
            raise CommandError("--aantal moet minstens 1 zijn.")
        gemeente = Gemeente.objects.filter(code=opties["gemeente_code"]).first()
        if gemeente is None:
            raise CommandError(f"Gemeente {opties['gemeente_code']} bestaat niet.")
        gemaakt = demo.genereer(gemeente, opties["aantal"], seed=opties["seed"])
        self.stdout.write(self.style.SUCCESS(f"{gemaakt} precedenten in {gemeente.naam}."))
