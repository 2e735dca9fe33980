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
