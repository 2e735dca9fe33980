"""`doorbraak taken plan|stand`: the background queue by hand."""

import json

from django.core.management.base import BaseCommand

from doorbraak.taken.planning import plan_periodieke_taken
from doorbraak.taken.selectors import wachtrijstand


class Command(BaseCommand):
    help = (
        "Achtergrondtaken: 'plan' zet de periodieke taken uit het register in de planning "
        "(ook bij migrate); 'stand' toont de wachtrij. De werker zelf: 'doorbraak qcluster'."
    )

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["plan", "stand"])

    def handle(self, *args, **opties):
        plan = opties["actie"] == "plan"
        uitslag = plan_periodieke_taken() if plan else wachtrijstand().__dict__
        self.stdout.write(json.dumps(uitslag))
