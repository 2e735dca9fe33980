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


class ExportSoort(models.TextChoices):
    EVALUATIE = "evaluatie", _("Evaluatie")
    PILOT = "pilot", _("Evaluatie van de pilot")
    VERANTWOORDING = "verantwoording", _("Verantwoording")


class ExportStatus(models.TextChoices):
    WORDT_GEMAAKT = "wordt_gemaakt", _("Wordt gemaakt")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")


class RapportExport(models.Model):
    """A report PDF made on the background queue (long periods take a while). The file is kept
    in the database, so every app server can serve it, and only to the one who asked for it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    soort = models.CharField(max_length=16, choices=ExportSoort.choices)
    van = models.DateField(null=True, blank=True)
    tot = models.DateField(null=True, blank=True)
    jaar = models.PositiveIntegerField(null=True, blank=True)
    taal = models.CharField(max_length=8, default="nl")
    status = models.CharField(
        max_length=16, choices=ExportStatus.choices, default=ExportStatus.WORDT_GEMAAKT
    )
    bestandsnaam = models.CharField(max_length=120, blank=True)
    inhoud = models.BinaryField(blank=True, default=b"")
    aangevraagd_op = models.DateTimeField(auto_now_add=True)
    klaar_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-aangevraagd_op"]
        indexes = [models.Index(fields=["gemeente", "aangevraagd_door", "aangevraagd_op"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.get_status_display()})"
