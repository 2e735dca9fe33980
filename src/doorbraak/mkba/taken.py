"""The daily background job of the 12-month follow-up (issue 16): every executed doorbraak
whose follow-up became due lately becomes one melding for the case's regisseur, with a link to
where the nameting is recorded. Idempotent: the melding's key names the request, so a second run
(or a second worker) finds nothing new and nothing is mailed twice.

Only requests that became due in the last `TERUGKIJKEN` days are signalled: fewer days than a
melding is kept (mijntaken.taken.BEWAARDAGEN), so a cleaned-up melding never comes back. What
is due longer stays on the regisseur's Mijn taken until the nameting is recorded.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from doorbraak.mijntaken import services as meldingen
from doorbraak.mijntaken.models import MeldingSoort
from doorbraak.mkba import selectors
from doorbraak.organisaties.models import Gemeente

TERUGKIJKEN = 30  # days: a stopped worker catches up; stays below BEWAARDAGEN (90)


def nametingen_signaleren(vandaag=None) -> dict:
    """One melding per due follow-up, per gemeente (each query filtered on its tenant)."""
    vandaag = vandaag or timezone.localdate()
    sinds = selectors.nameting_grens(vandaag) - timedelta(days=TERUGKIJKEN)
    te_doen = gemeld = 0
    for gemeente_id in Gemeente.objects.values_list("pk", flat=True):
        aanvragen = (
            selectors.nametingen_te_doen(gemeente_id=gemeente_id, vandaag=vandaag)
            .filter(besloten_op__date__gt=sinds, casus__regisseur__isnull=False)
            .select_related("casus__regisseur")
        )
        for aanvraag in aanvragen:
            te_doen += 1
            casus = aanvraag.casus
            gemeld += len(
                meldingen.meld(
                    ontvangers=[casus.regisseur],
                    soort=MeldingSoort.NAMETING,
                    gebeurtenis=f"nameting:{aanvraag.pk}",
                    pad=reverse("kosten-nameting", args=[casus.pk]),
                )
            )
    return {"nametingen_te_doen": te_doen, "gemeld": gemeld}
