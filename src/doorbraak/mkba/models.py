"""Stored cost-benefit calculations per case, and a gemeente's changes to the cost catalogue.

The national catalogue is a data file (data/kengetallen.yaml); the database holds only what a
gemeente changes or adds, and an append-only log of every such change.
"""

import uuid

from django.conf import settings
from django.db import models

from doorbraak.alleen_toevoegen import alleen_toevoegen_triggers
from doorbraak.casussen.models import Casus
from doorbraak.organisaties.models import Gemeente

WAARDEN = ("rendement", "legitimiteit", "betrokkenheid")


class Waardeoordeel(models.IntegerChoices):
    """The doorbraak measured against the huidig pad, on one public value."""

    VEEL_SLECHTER = -2, "Veel slechter dan het huidig pad"
    SLECHTER = -1, "Slechter dan het huidig pad"
    GELIJK = 0, "Gelijk aan het huidig pad"
    BETER = 1, "Beter dan het huidig pad"
    VEEL_BETER = 2, "Veel beter dan het huidig pad"


def _score_tussen(veld: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{veld}__isnull": True})
        | models.Q(**{f"{veld}__gte": -2, f"{veld}__lte": 2}),
        name=f"mkba_{veld}_tussen_min2_en_2",
    )


class Mkba(models.Model):
    """One calculation for one case: the input as entered, the settings with their sources, the
    result, and the waardendriehoek. Never changed afterwards; a new calculation is a new row."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="mkbas")
    horizon_jaren = models.PositiveSmallIntegerField()
    prijspeil = models.PositiveSmallIntegerField(help_text="Alle bedragen in euro's van dit jaar.")
    invoer = models.JSONField(help_text="De regels zoals ingevoerd.")
    instellingen = models.JSONField(help_text="Discontovoet, opslagen en prijsindex, met bron.")
    uitkomst = models.JSONField()
    saldo = models.DecimalField(
        max_digits=14, decimal_places=2, help_text="Centrale schatting (met optimisme-opslag)."
    )
    saldo_voorzichtig = models.DecimalField(
        max_digits=14, decimal_places=2, help_text="Gelijk aan het saldo (centrale schatting)."
    )
    saldo_optimistisch = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Elke regel zoals ingevuld, zonder opslag: alleen ter vergelijking.",
    )
    aanvraag = models.ForeignKey(
        "budget.Aanvraag",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mkbas",
        help_text="De aanvraag waarvan bedrag, vorm en datum als kosten van de doorbraak zijn "
        "gebruikt.",
    )
    contante_waarde = models.DecimalField(max_digits=14, decimal_places=2)
    terugverdientijd_maanden = models.PositiveSmallIntegerField(null=True, blank=True)
    toelichting = models.TextField(blank=True)
    # Waardendriehoek: the doorbraak against the huidig pad on three public values.
    rendement_score = models.SmallIntegerField(
        null=True, blank=True, choices=Waardeoordeel.choices, help_text="Doelmatigheid."
    )
    rendement_toelichting = models.TextField(blank=True)
    legitimiteit_score = models.SmallIntegerField(
        null=True, blank=True, choices=Waardeoordeel.choices, help_text="Rechtmatigheid."
    )
    legitimiteit_toelichting = models.TextField(blank=True)
    betrokkenheid_score = models.SmallIntegerField(
        null=True,
        blank=True,
        choices=Waardeoordeel.choices,
        help_text="Draagvlak bij het huishouden en de professionals.",
    )
    betrokkenheid_toelichting = models.TextField(blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "MKBA"
        verbose_name_plural = "MKBA's"
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["gemeente", "casus", "aangemaakt_op"])]
        constraints = [_score_tussen(f"{w}_score") for w in WAARDEN]

    def __str__(self) -> str:
        return f"MKBA {self.aangemaakt_op:%d-%m-%Y}: saldo {self.saldo}"

    @property
    def waardendriehoek(self) -> dict[str, dict]:
        return {
            w: {
                "score": getattr(self, f"{w}_score"),
                "toelichting": getattr(self, f"{w}_toelichting"),
            }
            for w in WAARDEN
        }


class KengetalSoort(models.TextChoices):
    AANGEPAST = "aangepast", "Aangepast landelijk kengetal"
    EIGEN = "eigen", "Eigen kengetal van de gemeente"


class KengetalAanpassing(models.Model):
    """A gemeente's change to a national kengetal (only the changed fields) or its own entry
    (complete). Validated by the catalogue schema before it is stored."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="kengetalaanpassingen"
    )
    code = models.SlugField(max_length=60)
    soort = models.CharField(max_length=10, choices=KengetalSoort.choices)
    gegevens = models.JSONField()
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "aanpassing van een kengetal"
        verbose_name_plural = "aanpassingen van kengetallen"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "code"], name="kengetal_uniek_per_gemeente")
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_soort_display()})"


class AlleenToevoegen(Exception):
    pass


class KengetalWijziging(models.Model):
    """Append-only log of every change to a gemeente's catalogue: who, when, before and after."""

    class Handeling(models.TextChoices):
        AANMAKEN = "aanmaken", "Aanmaken"
        WIJZIGEN = "wijzigen", "Wijzigen"
        VERWIJDEREN = "verwijderen", "Verwijderen"

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(max_length=60)
    handeling = models.CharField(max_length=12, choices=Handeling.choices)
    oud = models.JSONField(null=True, blank=True)
    nieuw = models.JSONField(null=True, blank=True)
    toelichting = models.TextField(blank=True)
    actor = models.CharField(max_length=150, help_text="Gebruikersnaam op het moment van wijzigen.")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "wijziging van de kostencatalogus"
        verbose_name_plural = "wijzigingen van de kostencatalogus"
        ordering = ["-op", "-pk"]
        indexes = [models.Index(fields=["gemeente", "op"])]
        triggers = alleen_toevoegen_triggers()

    def __str__(self) -> str:
        return f"{self.op:%d-%m-%Y %H:%M} {self.actor} {self.handeling} {self.code}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AlleenToevoegen("Het wijzigingslog van de kostencatalogus kan niet veranderen.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Uit het wijzigingslog van de kostencatalogus gaat niets weg.")


class Nameting(models.Model):
    """What happened, about 12 months after a doorbraak: held against the calculation that was
    made before it (the prediction). Never changed; a correction is a new row."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="nametingen")
    mkba = models.ForeignKey(
        Mkba, on_delete=models.PROTECT, related_name="nametingen", help_text="De voorspelling."
    )
    datum = models.DateField(help_text="Peildatum, ongeveer 12 maanden na de doorbraak.")
    sleutelgebeurtenis = models.BooleanField(
        null=True,
        blank=True,
        help_text="Is de sleutelgebeurtenis (bijvoorbeeld de uithuiszetting) toch gebeurd?",
    )
    uithuisplaatsing = models.BooleanField(
        null=True, blank=True, help_text="Zijn kinderen uit huis geplaatst?"
    )
    hulpverleners_gestopt = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Aantal hulpverleners dat is gestopt."
    )
    werkelijke_kosten = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Wat de doorbraak de gemeente tot nu toe werkelijk kostte, na aflossingen.",
    )
    toelichting = models.TextField(blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "nameting"
        verbose_name_plural = "nametingen"
        ordering = ["-datum", "-aangemaakt_op"]
        indexes = [models.Index(fields=["gemeente", "casus"])]

    def __str__(self) -> str:
        return f"Nameting {self.datum:%d-%m-%Y}"
