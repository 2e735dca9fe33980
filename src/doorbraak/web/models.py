"""Stored page parts: the dossier page's rendered content, shared by every process."""

from django.db import models

from doorbraak.casussen.models import Casus
from doorbraak.organisaties.models import Gemeente, Medewerker


class Dossierpagina(models.Model):
    """The dossier page's content as one variant of viewer sees it in one language, rendered
    once and kept in the database, so that every process serves it and it outlives a restart
    (web.paginacache). One row per case, language and variant, replaced on every render.

    A row is served only when its `sleutel` equals the key the reading view computes (release,
    language, date, the case's version and timeline, the variant), after the view has checked the
    reader's access; a row that no longer matches is rendered again by the next read or by the
    background job (`web.paginabouw.bijwerken`) as `medewerker`, the last viewer of that variant.
    The content holds personal data: it goes with the case (cascade) and when its household is
    anonymised (audit.bewaartermijnen).
    """

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="+")
    taal = models.CharField(max_length=10)
    variant = models.CharField(max_length=20)
    sleutel = models.CharField(max_length=200)
    # the parts of the key the background job compares without rendering
    release = models.CharField(max_length=20)
    datum = models.DateField()
    versie = models.BigIntegerField()
    medewerker = models.ForeignKey(
        Medewerker, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    inhoud = models.TextField()
    bijgewerkt_op = models.DateTimeField()

    class Meta:
        verbose_name = "opgeslagen dossierpagina"
        verbose_name_plural = "opgeslagen dossierpagina's"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "casus", "taal", "variant"],
                name="dossierpagina_een_per_variant",
            )
        ]

    def __str__(self) -> str:
        return f"Dossierpagina {self.casus_id} {self.taal} {self.variant}"
