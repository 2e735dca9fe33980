"""Notifications: what landed with whom (one row per event and recipient, so the same event
never mails twice) and how each medewerker wants to hear of it.

A melding holds no personal data: a kind, a link to where the task is done, and when it was
mailed. The mail itself is a neutral sentence and that link.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from doorbraak.organisaties.models import Gemeente, Medewerker


class Frequentie(models.TextChoices):
    DIRECT = "direct", _("Direct, per taak")
    DAGELIJKS = "dagelijks", _("Eén dagelijks overzicht")
    UIT = "uit", _("Geen e-mail")


class MeldingSoort(models.TextChoices):
    TE_BEOORDELEN = "te_beoordelen", _("Een aanvraag wacht op uw meekijken")
    GO_NODIG = "go_nodig", _("Een aanvraag wacht op uw go")
    TE_BETALEN = "te_betalen", _("Een toegekende aanvraag wacht op betaling")
    ACTIE_VERLOPEN = "actie_verlopen", _("Een actie in een plan is over de deadline")
    AFSPRAAK = "afspraak", _("Er is een afspraak aan u toegewezen")
    NAMETING = "nameting", _("Een nameting na 12 maanden wacht op u")
    REGIE = "regie", _("Een casus is aan u overgedragen")


class Meldingsvoorkeur(models.Model):
    medewerker = models.OneToOneField(
        Medewerker, primary_key=True, on_delete=models.CASCADE, related_name="meldingsvoorkeur"
    )
    frequentie = models.CharField(
        max_length=10, choices=Frequentie.choices, default=Frequentie.DIRECT
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "meldingsvoorkeur"
        verbose_name_plural = "meldingsvoorkeuren"

    def __str__(self) -> str:
        return f"{self.medewerker}: {self.get_frequentie_display()}"


class Melding(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    ontvanger = models.ForeignKey(Medewerker, on_delete=models.CASCADE, related_name="meldingen")
    soort = models.CharField(max_length=20, choices=MeldingSoort.choices)
    sleutel = models.CharField(
        max_length=200, unique=True, help_text="Gebeurtenis en ontvanger: eenmaal gemeld."
    )
    pad = models.CharField(max_length=300, help_text="Waar de taak wordt gedaan.")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ["aangemaakt_op"]
        indexes = [models.Index(fields=["ontvanger", "verzonden_op"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} → {self.ontvanger}"
