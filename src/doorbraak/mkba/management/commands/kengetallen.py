"""`doorbraak kengetallen valideer`: check the cost catalogue, the price index and the settings."""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from doorbraak.mkba import catalogus, prijsindex
from doorbraak.mkba.catalogus import CatalogusFout


class Command(BaseCommand):
    help = (
        "Kostencatalogus: 'valideer' controleert kengetallen.yaml, prijsindex.yaml en "
        "instellingen.yaml en noemt de kengetallen die nog een betere bron nodig hebben."
    )

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["valideer"])

    def handle(self, *args, **opties):
        for cache in (catalogus.landelijk, catalogus.instellingen, prijsindex.standaard):
            cache.cache_clear()  # read the files as they are now
        try:
            kengetallen = catalogus.landelijk()
            instellingen = catalogus.instellingen()
            index = prijsindex.standaard()
        except (CatalogusFout, ValueError) as fout:
            raise CommandError(f"Kostencatalogus NIET in orde: {fout}") from None
        per_status = Counter(k.status for k in kengetallen)
        self.stdout.write(
            self.style.SUCCESS(
                f"Kostencatalogus in orde: {len(kengetallen)} kengetallen "
                f"({', '.join(f'{n} {s}' for s, n in sorted(per_status.items()))}); "
                f"prijsindex {index.eerste_jaar}-{index.laatste_jaar}, "
                f"prijspeil {instellingen.prijspeil}."
            )
        )
        for k in kengetallen:
            if k.status == "verify":
                self.stdout.write(
                    f"  nog te toetsen: {k.code} ({k.betrouwbaarheid}) - {k.bron.titel}"
                )
