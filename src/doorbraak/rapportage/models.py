"""Signalen aan beleid: a recurring knelpunt turned into a question for policy, with its answer."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorbraak.organisaties.models import Gemeente


class SignaalStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    OPGELOST = "opgelost", _("Opgelost")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


# nieuw → in behandeling → opgelost/afgewezen; a signal can be answered straight from nieuw too.
OVERGANGEN: dict[str, set[str]] = {
    SignaalStatus.NIEUW: {SignaalStatus.IN_BEHANDELING, SignaalStatus.AFGEWEZEN},
    SignaalStatus.IN_BEHANDELING: {SignaalStatus.OPGELOST, SignaalStatus.AFGEWEZEN},
    SignaalStatus.OPGELOST: set(),
    SignaalStatus.AFGEWEZEN: set(),
}


class Signaal(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    regeling = models.CharField(max_length=80)
    artikel = models.CharField(max_length=80, blank=True)
    titel = models.CharField(max_length=200)
    omschrijving = models.TextField(help_text="Wat knelt, hoe vaak, en wat het vraagt van beleid.")
    aantal_huishoudens = models.PositiveIntegerField(
        default=0, help_text="Bij het aanmaken, uit de knelpuntenanalyse."
    )
    status = models.CharField(
        max_length=16, choices=SignaalStatus.choices, default=SignaalStatus.NIEUW
    )
    reactie = models.TextField(blank=True, help_text="Het antwoord van beleid.")
    behandelaar = models.CharField(max_length=160, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "signaal aan beleid"
        verbose_name_plural = "signalen aan beleid"
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["gemeente", "status"])]

    def __str__(self) -> str:
        return self.titel


class SignaalWijziging(models.Model):
    """The signal's history: every status change with who and why (never edited)."""

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="wijzigingen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    van = models.CharField(max_length=16, choices=SignaalStatus.choices, blank=True)
    naar = models.CharField(max_length=16, choices=SignaalStatus.choices)
    toelichting = models.TextField(blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.van or '—'} → {self.naar}"
