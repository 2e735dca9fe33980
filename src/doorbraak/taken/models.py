"""What the application put on the background queue, by idempotence key.

django-q2 keeps the queue itself (OrmQ), the results (Task/Success/Failure) and the schedules;
this table adds what the queue does not know: the key that makes a job run once however often
it is placed, and the gemeente (and household, when personal data is involved) it concerns, so
the dead-letter view is scoped per gemeente and retrying or discarding such a job is logged.
"""

import uuid

from django.db import models

from doorbraak.organisaties.models import Gemeente


class Achtergrondtaak(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    sleutel = models.CharField(max_length=200, unique=True, help_text="Idempotentiesleutel.")
    functie = models.CharField(max_length=200)
    task_id = models.CharField(max_length=32, blank=True, db_index=True)
    gemeente = models.ForeignKey(
        Gemeente, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    huishouden_id = models.UUIDField(null=True, blank=True)
    omschrijving = models.CharField(max_length=200, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "achtergrondtaak"
        verbose_name_plural = "achtergrondtaken"

    def __str__(self) -> str:
        return f"{self.functie} ({self.sleutel})"
