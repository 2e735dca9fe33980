"""The processing log: append-only and hash-chained per gemeente.

Each entry's hash is an HMAC over its content and the previous entry's hash; the chain head per
gemeente records the last number and hash, so edits, deletions and a cut-off tail are all
detected by `doorbraak audit verifieer`. One chain per gemeente keeps the lock local to a tenant.
"""

from django.db import models

from doorbraak.organisaties.models import Gemeente


class Handeling(models.TextChoices):
    LEZEN = "lezen", "Lezen"
    AANMAKEN = "aanmaken", "Aanmaken"
    WIJZIGEN = "wijzigen", "Wijzigen"
    VERWIJDEREN = "verwijderen", "Verwijderen"


class Verwerkingsketen(models.Model):
    gemeente = models.OneToOneField(Gemeente, primary_key=True, on_delete=models.PROTECT)
    laatste_volgnummer = models.BigIntegerField(default=0)
    laatste_hash = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = "verwerkingsketen"
        verbose_name_plural = "verwerkingsketens"

    def __str__(self) -> str:
        return f"Keten {self.gemeente_id} t/m {self.laatste_volgnummer}"


class AlleenToevoegen(Exception):
    pass


class Verwerking(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    volgnummer = models.BigIntegerField()
    tijdstip = models.DateTimeField()
    # Plain values, not foreign keys: the entry must not change when a user or case does.
    actor = models.CharField(max_length=150, help_text="Gebruikersnaam, of 'systeem:<naam>'.")
    huishouden_id = models.UUIDField(null=True, blank=True)
    casus_id = models.UUIDField(null=True, blank=True)
    handeling = models.CharField(max_length=12, choices=Handeling.choices)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64, blank=True)
    activiteit = models.CharField(max_length=40, help_text="Code van de verwerkingsactiviteit.")
    omschrijving = models.CharField(max_length=200, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    vorige_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name_plural = "verwerkingen"
        ordering = ["gemeente", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "volgnummer"], name="volgnummer_uniek")
        ]
        indexes = [models.Index(fields=["gemeente", "huishouden_id", "tijdstip"])]

    def __str__(self) -> str:
        return f"{self.volgnummer}: {self.actor} {self.handeling} {self.object_type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AlleenToevoegen("Het verwerkingenlogboek kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Uit het verwerkingenlogboek kan niets worden verwijderd.")


class Bewaartermijnen(models.Model):
    """The retention periods a gemeente sets per kind of data (AVG art. 5 lid 1 onder e),
    edited by the functioneel beheerder. The defaults follow common practice for casusregie;
    each gemeente records its own choice in its privacy statement."""

    gemeente = models.OneToOneField(
        Gemeente, primary_key=True, on_delete=models.CASCADE, related_name="bewaartermijnen"
    )
    casusdossier_maanden = models.PositiveSmallIntegerField(
        default=24,
        help_text="Maanden na het afsluiten van de laatste casus van een huishouden; daarna "
        "blijft alleen over wat de verantwoording nodig heeft (bedragen, doelgroep, jaar, "
        "grootboek).",
    )
    regelcheck_feiten_maanden = models.PositiveSmallIntegerField(
        default=12,
        help_text="Maanden na een voorliggend-check; daarna worden de ingevoerde feiten "
        "(inkomen, vermogen, ...) verwijderd, de uitkomst blijft.",
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "bewaartermijnen"
        verbose_name_plural = "bewaartermijnen"

    def __str__(self) -> str:
        return f"Bewaartermijnen {self.gemeente}"


class Bewaarrun(models.Model):
    """One run of the retention job (or its dry run): when, up to which date, what it did."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    gestart_op = models.DateTimeField()
    peildatum = models.DateField()
    proefdraai = models.BooleanField()
    aantallen = models.JSONField(help_text="Per soort gegevens: hoeveel (zou) verwijderd.")
    door = models.CharField(max_length=150)

    class Meta:
        verbose_name = "run van de bewaartermijnen"
        verbose_name_plural = "runs van de bewaartermijnen"
        ordering = ["-gestart_op"]

    def __str__(self) -> str:
        soort = "proefdraai" if self.proefdraai else "uitgevoerd"
        return f"{self.gestart_op:%d-%m-%Y %H:%M} ({soort})"
