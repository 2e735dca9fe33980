"""`doorbraak bsn roteer`: re-encrypt every stored BSN with the newest key.

Rotation: put a new key first in DOORBRAAK_BSN_SLEUTELS (keep the old ones after it), deploy,
run this command, then remove the old keys.
"""

from django.core.management.base import BaseCommand

from doorbraak.casussen.services import bsns_herversleutelen


class Command(BaseCommand):
    help = "BSN-versleuteling: 'roteer' versleutelt alle BSN's opnieuw met de nieuwste sleutel."

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["roteer"])
        parser.add_argument("--batch", type=int, default=1000)

    def handle(self, *args, actie: str, batch: int, **opties):
        aantal = bsns_herversleutelen(batchgrootte=batch)
        self.stdout.write(self.style.SUCCESS(f"{aantal} BSN's opnieuw versleuteld."))
