"""Casusoverleg: the tables where stuck cases are discussed, their meetings and agendas, the
ground on which a case is shared, the table's afspraken, and escalation between tables.

Every table carries gemeente_id, like the rest of the case data.
"""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorbraak.casussen.models import Actie, Casus, Urgentie
from doorbraak.organisaties.models import Doelgroep, Gemeente


class OverlegSoort(models.TextChoices):
    WIJKTEAM = "wijkteam", "Wijkteamoverleg"
    REGIETEAM = "regieteam", "Regieteam"
    DOORBRAAKTEAM = "doorbraakteam", "Doorbraakteam"
    PASSENDE_HULP = "passende_hulp", "Overleg Passende Hulp"
    MAATWERKTAFEL = "maatwerktafel", "Maatwerktafel"
    VEILIGHEIDSHUIS = "veiligheidshuis", "Zorg- en Veiligheidshuis (AVE)"
    OVERIG = "overig", "Overig"


class Overleg(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(max_length=160)
    soort = models.CharField(max_length=20, choices=OverlegSoort.choices)
    doelgroep = models.ForeignKey(
        Doelgroep, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    voorzitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ritme = models.CharField(max_length=120, blank=True, help_text="Bijv. wekelijks op dinsdag.")
    venster_dagen_voor = models.PositiveSmallIntegerField(
        default=7, help_text="Zoveel dagen vóór de bijeenkomst zien partners de casusbrief."
    )
    venster_dagen_na = models.PositiveSmallIntegerField(
        default=7, help_text="Zoveel dagen ná de bijeenkomst zien partners de casusbrief nog."
    )
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "overleg"
        verbose_name_plural = "overleggen"
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "naam"], name="overleg_uniek_per_gemeente")
        ]

    def __str__(self) -> str:
        return self.naam


class Lidmaatschap(models.Model):
    overleg = models.ForeignKey(Overleg, on_delete=models.CASCADE, related_name="leden")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    organisatie = models.CharField(max_length=160)
    domein = models.CharField(max_length=120, blank=True, help_text="Bijv. wonen, GGZ, jeugd.")

    class Meta:
        verbose_name_plural = "lidmaatschappen"
        ordering = ["organisatie"]
        constraints = [
            models.UniqueConstraint(
                fields=["overleg", "medewerker"], name="lid_eenmaal_per_overleg"
            )
        ]

    def __str__(self) -> str:
        return f"{self.medewerker} ({self.organisatie})"


class Bijeenkomst(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    overleg = models.ForeignKey(Overleg, on_delete=models.PROTECT, related_name="bijeenkomsten")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    datum = models.DateField()
    aanvang = models.TimeField(null=True, blank=True)
    locatie = models.CharField(max_length=160, blank=True)
    aanwezigen = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    verslag = models.TextField(blank=True)
    verslag_bijgewerkt_op = models.DateTimeField(null=True, blank=True)
    verslag_bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "bijeenkomsten"
        ordering = ["-datum"]
        indexes = [models.Index(fields=["gemeente", "overleg", "datum"])]

    def __str__(self) -> str:
        return f"{self.overleg} {self.datum:%d-%m-%Y}"

    def venster(self) -> tuple[date, date]:
        """The days (inclusive) in which partner members may see the briefs of this meeting."""
        return (
            self.datum - timedelta(days=self.overleg.venster_dagen_voor),
            self.datum + timedelta(days=self.overleg.venster_dagen_na),
        )


class Agendapunt(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    bijeenkomst = models.ForeignKey(Bijeenkomst, on_delete=models.CASCADE, related_name="agenda")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="agendapunten")
    vraag = models.TextField(help_text="Wat vragen we van de tafel?")
    volgorde = models.PositiveSmallIntegerField(default=0)
    ingebracht_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    meegenomen = models.BooleanField(
        default=False, help_text="Op de agenda gezet omdat er nog open afspraken zijn."
    )
    conclusie = models.TextField(blank=True)
    besproken_op = models.DateTimeField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "agendapunten"
        ordering = ["volgorde", "aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "casus"], name="casus_eenmaal_per_bijeenkomst"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bijeenkomst}: {self.vraag[:40]}"


class GrondslagSoort(models.TextChoices):
    TOESTEMMING = "toestemming", "Toestemming van het huishouden"
    WETTELIJK = "wettelijk", "Wettelijke grondslag"


class Categorie(models.TextChoices):
    """What a partner may be told about, per partner selected by the regisseur."""

    WONEN = "wonen", _("Wonen")
    FINANCIEN = "financien", _("Financiën")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    VEILIGHEID = "veiligheid", _("Veiligheid")
    KINDEREN = "kinderen", _("Kinderen")


#: Special categories (AVG art. 9 health, art. 10 criminal data): shared with a partner only on
#: a recorded ground that names the category.
BIJZONDERE_CATEGORIEEN = {
    Categorie.GEZONDHEID: "art. 9 AVG",
    Categorie.VEILIGHEID: "art. 10 AVG",
}


class Deelgrondslag(models.Model):
    """The ground on which a case may be shared with a table (or one partner organisation at
    it) by name, for the categories it names; without one (or after it is withdrawn) the
    table sees the brief pseudonymised and no special-category facts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="deelgrondslagen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    overleg = models.ForeignKey(
        Overleg,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Leeg: geldt voor alle overleggen van de gemeente.",
    )
    soort = models.CharField(max_length=12, choices=GrondslagSoort.choices)
    toestemming_datum = models.DateField(null=True, blank=True)
    reikwijdte = models.TextField(blank=True, help_text="Waarvoor en met wie gedeeld mag worden.")
    wettelijke_grondslag = models.CharField(max_length=240, blank=True)
    organisatie = models.CharField(
        max_length=160, blank=True, help_text="Leeg: alle partnerorganisaties aan de tafel."
    )
    categorieen = models.JSONField(
        default=list, blank=True, help_text="De categorieën die gedeeld mogen worden."
    )
    toestemming_van = models.CharField(
        max_length=160,
        blank=True,
        help_text="Wie toestemming gaf (bij gezondheid of veiligheid: de betrokkene zelf).",
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deelgrondslagen"
        ordering = ["-vastgelegd_op"]

    def __str__(self) -> str:
        if self.soort == GrondslagSoort.TOESTEMMING:
            return f"Toestemming van {self.toestemming_datum:%d-%m-%Y}"
        return self.wettelijke_grondslag

    def categorie_namen(self) -> list[str]:
        labels = dict(Categorie.choices)
        return [str(labels.get(c, c)) for c in self.categorieen or []]


class Briefdeel(models.Model):
    """What the regisseur selected for one partner organisation at the table, in one category.

    A partner sees only the question to the table and its own organisation's selection; a
    special category only on a ground that names it. Stored unmasked, masked when read.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agendapunt = models.ForeignKey(Agendapunt, on_delete=models.CASCADE, related_name="briefdelen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    organisatie = models.CharField(max_length=160)
    categorie = models.CharField(max_length=12, choices=Categorie.choices)
    tekst = models.TextField()
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "briefdelen"
        ordering = ["organisatie", "categorie"]
        constraints = [
            models.UniqueConstraint(
                fields=["agendapunt", "organisatie", "categorie"],
                name="briefdeel_eenmaal_per_categorie",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisatie}: {self.get_categorie_display()}"


class Afspraak(models.Model):
    """What the table agreed (what, who, by when); it lives on as an action in the plan."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agendapunt = models.ForeignKey(Agendapunt, on_delete=models.CASCADE, related_name="afspraken")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    wat = models.TextField()
    wie = models.CharField(max_length=160)
    deadline = models.DateField(null=True, blank=True)
    actie = models.ForeignKey(
        Actie, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A partner reports its own afspraak done (issue 17); the action in the plan is then done.
    gereed_gemeld_op = models.DateTimeField(null=True, blank=True)
    gereed_gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gereed_toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "afspraken"
        ordering = ["deadline", "wat"]

    def __str__(self) -> str:
        return self.wat[:60]

    @property
    def open(self) -> bool:
        """Open while its action in the plan exists and is not done."""
        return self.actie is not None and not self.actie.gereed


class Richting(models.TextChoices):
    OPSCHALEN = "op", "Opgeschaald"
    AFSCHALEN = "af", "Afgeschaald"


class Escalatie(models.Model):
    """One move of a case between tables; the latest names the case's current table."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="escalaties")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    richting = models.CharField(max_length=2, choices=Richting.choices)
    van_overleg = models.ForeignKey(
        Overleg, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    naar_overleg = models.ForeignKey(Overleg, on_delete=models.PROTECT, related_name="+")
    reden = models.TextField()
    urgentie = models.CharField(max_length=10, choices=Urgentie.choices, default=Urgentie.NORMAAL)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "escalaties"
        ordering = ["op"]

    def __str__(self) -> str:
        return f"{self.get_richting_display()} naar {self.naar_overleg}"
