"""A stored run of the voorliggend check on a case: the facts it used and what it concluded.

The knowledge base itself is not in the database: it is YAML files (see docs/kennisbank.md).
"""

import uuid

from django.conf import settings
from django.db import models

from doorbraak.casussen.models import Casus
from doorbraak.organisaties.models import Gemeente


class Regelcheck(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="regelchecks")
    peildatum = models.DateField()
    ingevoerde_feiten = models.JSONField(
        default=dict,
        blank=True,
        help_text="Feiten die professionals voor de check invoerden (opgeteld over de checks).",
    )
    ingevoerde_persoonsfeiten = models.JSONField(
        default=dict,
        blank=True,
        help_text="Per gezinslid (id): feiten over dat gezinslid die professionals invoerden.",
    )
    feiten = models.JSONField(
        default=dict, blank=True, help_text="Alle gebruikte feiten, elk met waarde en herkomst."
    )
    uitkomst = models.JSONField(default=dict, blank=True)
    kennisbank_versie = models.CharField(max_length=32)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "regelcheck"
        verbose_name_plural = "regelchecks"
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["gemeente", "casus", "aangemaakt_op"])]

    def __str__(self) -> str:
        return f"Regelcheck {self.casus_id} op {self.peildatum}"
