"""Precedents: earlier decided requests, anonymised, searchable by situation, and the region's
publication of a gemeente's precedents after a privacy check.

A precedent holds no name, BSN, address or date of birth, and free text only after
`doorbraak.maskering` (the partner-brief masking); ages are bands, amounts stay exact. It is
its own record: the link to the request (`aanvraag`) is internal, only used to update the
precedent at the follow-up, and is cut (SET NULL) when the case's data go after the retention
period; the anonymised precedent itself may be kept (AVG overweging 26, see docs/precedenten.md).
"""

import uuid

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorbraak.organisaties.models import Gemeente, Medewerker


class Besluit(models.TextChoices):
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Uitkomst(models.TextChoices):
    NOG_ONBEKEND = "nog_onbekend", _("Nog niet geëvalueerd")
    GESLAAGD = "geslaagd", _("Doorbraak geslaagd")
    DEELS = "deels", _("Deels geslaagd")
    NIET_GESLAAGD = "niet_geslaagd", _("Niet geslaagd")


class Precedent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    aanvraag = models.OneToOneField(
        "budget.Aanvraag",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="precedent",
        help_text="Intern: om bij de nameting bij te werken; nooit naar buiten.",
    )
    # The situation
    doelgroep_code = models.CharField(max_length=40)
    doelgroep_naam = models.CharField(max_length=120)
    urgentie = models.CharField(max_length=10)
    leeftijden = models.JSONField(
        default=list, help_text='Leeftijdsbanden, bijv. [{"rol": "ouder", "band": "27-45"}].'
    )
    domeinen = models.JSONField(
        default=list, help_text='Scores bij het besluit: [{"code", "naam", "score"}].'
    )
    lage_domeinen = models.JSONField(default=list, help_text="Codes met score 1 of 2.")
    situatie = models.TextField(blank=True, help_text="Gemaskeerd.")
    # The knelpunten and the voorliggend check
    knelpunten = models.JSONField(
        default=list,
        help_text='[{"omschrijving" (gemaskeerd), "soort", "regeling", "artikel", "sleutel"}].',
    )
    artikelen = models.JSONField(default=list, help_text="Artikelsleutels, bijv. 'PW 18 lid 4'.")
    regelingen = models.JSONField(default=list)
    knelpunttekst = models.TextField(blank=True, help_text="Gemaskeerd; trigramindex.")
    voorliggend = models.JSONField(
        default=list, help_text='Uitkomst van de voorliggend-check: [{"naam", "uitkomst"}].'
    )
    # The doorbraak and the decision
    doorbraak = models.TextField(blank=True, help_text="Gemaskeerd.")
    bedrag = models.DecimalField(max_digits=12, decimal_places=2)
    bedragband = models.PositiveSmallIntegerField()
    vorm = models.CharField(max_length=10)
    fonds_code = models.CharField(max_length=40)
    fonds_naam = models.CharField(max_length=160)
    besluit = models.CharField(max_length=10, choices=Besluit.choices)
    motivering = models.TextField(blank=True, help_text="Gemaskeerd.")
    besloten_in = models.DateField(help_text="Eerste dag van de maand van het besluit.")
    # The outcome at 6 and 12 months
    verloop = models.JSONField(
        default=list,
        help_text='[{"maanden": 6|12, "scores": {code: score}, "wat_er_gebeurde" (gemaskeerd), '
        '"mkba_voorspeld", "werkelijke_kosten", ...}].',
    )
    uitkomst = models.CharField(
        max_length=14, choices=Uitkomst.choices, default=Uitkomst.NOG_ONBEKEND
    )
    # Search: on PostgreSQL a tsvector ('dutch') with a GIN index; empty on SQLite.
    zoektekst = models.TextField(blank=True)
    zoekvector = SearchVectorField(null=True, blank=True, editable=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "precedent"
        verbose_name_plural = "precedenten"
        ordering = ["-besloten_in", "-aangemaakt_op"]
        indexes = [
            models.Index(fields=["gemeente", "besloten_in"], name="precedent_gemeente"),
            # the go's deviation check: the lowest grants per visible gemeente (issue 19)
            models.Index(fields=["gemeente", "besluit", "bedrag"], name="precedent_laagste"),
        ]

    def __str__(self) -> str:
        return f"Precedent {self.doelgroep_naam} {self.besloten_in:%m-%Y}"

    def get_urgentie_display(self) -> str:
        """The urgency's label: the value is a case's Urgentie, copied without its choices."""
        from doorbraak.casussen.models import Urgentie

        return (
            str(Urgentie(self.urgentie).label)
            if self.urgentie in Urgentie.values
            else self.urgentie
        )

    def leeftijden_getoond(self) -> list[dict]:
        """The age bands with the member's role as its label ("Kind 4-11")."""
        from doorbraak.casussen.models import GezinslidRol

        uit = []
        for band in self.leeftijden:
            rol = band.get("rol", "")
            label = GezinslidRol(rol).label if rol in GezinslidRol.values else rol
            uit.append({**band, "rol": label})
        return uit


class Zoekwoord(models.Model):
    """A word of a gemeente's (masked) precedent texts. A question word that matches nothing is
    looked up here by trigram similarity (a short list with a GIN trigram index on PostgreSQL)
    and the search goes on with the closest known word: a typo costs a look-up in the
    vocabulary, not a similarity over every text. Holds nothing a precedent does not."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    woord = models.CharField(max_length=60)

    class Meta:
        verbose_name = "zoekwoord"
        verbose_name_plural = "zoekwoorden"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "woord"], name="zoekwoord_uniek")
        ]

    def __str__(self) -> str:
        return self.woord


class Regiopublicatie(models.Model):
    """A gemeente shares its precedents with the region, after its privacy officer recorded the
    privacy check. Withdrawing it (ingetrokken_op) takes them away from every other gemeente at
    once; the row stays as the record of who did what when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    privacytoets = models.TextField(help_text="De bevindingen van de privacytoets.")
    getoetst_door = models.ForeignKey(Medewerker, on_delete=models.PROTECT, related_name="+")
    getoetst_op = models.DateTimeField()
    ingetrokken_door = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    reden_intrekking = models.TextField(blank=True)

    class Meta:
        verbose_name = "regiopublicatie"
        verbose_name_plural = "regiopublicaties"
        ordering = ["-getoetst_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente"],
                condition=models.Q(ingetrokken_op__isnull=True),
                name="een_actieve_regiopublicatie",
            )
        ]

    def __str__(self) -> str:
        return f"Regiopublicatie {self.gemeente} ({self.getoetst_op:%d-%m-%Y})"


class Moment(models.TextChoices):
    """Where in the four-eyes route a deviation was motivated."""

    ADVIES = "advies", _("Advies van de collega")
    BESLUIT = "besluit", _("Besluit (go of afwijzing)")


class Afwijking(models.Model):
    """The short motivation given with an advice or a decision that differs strongly from its
    precedents."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    aanvraag = models.ForeignKey(
        "budget.Aanvraag", on_delete=models.CASCADE, related_name="afwijkingen"
    )
    moment = models.CharField(max_length=10, choices=Moment.choices, default=Moment.BESLUIT)
    signalen = models.JSONField(default=list, help_text="De codes van de signalen.")
    motivering = models.TextField()
    door = models.ForeignKey(Medewerker, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "motivering van een afwijking"
        verbose_name_plural = "motiveringen van afwijkingen"
        ordering = ["op"]

    def __str__(self) -> str:
        return f"Afwijking {self.aanvraag_id}"
