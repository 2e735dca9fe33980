"""The processing log: append-only, sealed in batches beside the request path.

A request only inserts its entries; their order is the database sequence (`volgnummer`, with gaps
where a transaction rolled back). The sealer (`audit.taken.verzegel`, run on the background queue)
chains the new entries of each gemeente in batches: a `Verzegeling` lists each entry's keyed
digest and is HMAC-chained to the previous seal with the audit key whose id it stores. The head
(`Verwerkingsketen`) is also appended to a file outside the database at every seal, so an
altered, inserted, deleted or cut-off entry is detected by `doorbraak audit verifieer`.
"""

from django.db import models

from doorbraak.alleen_toevoegen import alleen_toevoegen_triggers
from doorbraak.organisaties.models import Gemeente


class Handeling(models.TextChoices):
    LEZEN = "lezen", "Lezen"
    AANMAKEN = "aanmaken", "Aanmaken"
    WIJZIGEN = "wijzigen", "Wijzigen"
    VERWIJDEREN = "verwijderen", "Verwijderen"


class Verwerkingsketen(models.Model):
    """The sealed head of a gemeente's log: only the sealer reads or locks it, never a request."""

    gemeente = models.OneToOneField(Gemeente, primary_key=True, on_delete=models.PROTECT)
    laatste_volgnummer = models.BigIntegerField(
        default=0, help_text="Laatst verzegelde verwerking."
    )
    laatste_hash = models.CharField(max_length=64, default="")
    zegels = models.BigIntegerField(default=0, help_text="Aantal verzegelingen.")
    aantal = models.BigIntegerField(default=0, help_text="Aantal verzegelde verwerkingen.")

    class Meta:
        verbose_name = "verwerkingsketen"
        verbose_name_plural = "verwerkingsketens"

    def __str__(self) -> str:
        return f"Keten {self.gemeente_id} t/m {self.laatste_volgnummer}"


class AlleenToevoegen(Exception):
    pass


class Verwerking(models.Model):
    # The database sequence orders the log; no request reads or locks a chain head to number it.
    volgnummer = models.BigAutoField(primary_key=True)
    # No index of its own: both indexes below start with the gemeente, and every logged read
    # would otherwise update a third one. No constraint in the database either: its check locks
    # the gemeente's row (FOR KEY SHARE) at every logged read's commit, so all reads of a
    # gemeente wrote that one row (concurrent ones a new MultiXact each; invariant 6). The id is
    # always the signed-in medewerker's or the service's own gemeente, and PROTECT still stops
    # the ORM from deleting a gemeente that has entries.
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
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

    class Meta:
        verbose_name_plural = "verwerkingen"
        ordering = ["volgnummer"]
        indexes = [
            # A household's entries (AVG inzage), read in volgnummer order, so the time of day
            # in the key helped no query. Without it the key repeats for every read of a
            # household and PostgreSQL keeps each key once with a list of rows (deduplication):
            # an eighth of the size, and less work and WAL for the insert of every logged read.
            models.Index(fields=["gemeente", "huishouden_id"], name="verwerking_huishouden"),
            models.Index(fields=["gemeente", "volgnummer"], name="verwerking_gemeente_volg"),
        ]
        triggers = alleen_toevoegen_triggers()

    def __str__(self) -> str:
        return f"{self.volgnummer}: {self.actor} {self.handeling} {self.object_type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AlleenToevoegen("Het verwerkingenlogboek kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Uit het verwerkingenlogboek kan niets worden verwijderd.")


class Verzegeling(models.Model):
    """One sealed batch of a gemeente's entries, chained to the previous batch.

    `verwerkingen` lists "volgnummer:digest" per entry (every entry of the gemeente with a number
    after the previous seal up to `laatste_volgnummer`), so verification names the first entry
    that was altered, removed or slipped in; `hash` is the HMAC, with key `sleutel_id`, over all
    of it and `vorige_hash`.
    """

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    nummer = models.BigIntegerField(help_text="Volgnummer van de verzegeling in de gemeente.")
    eerste_volgnummer = models.BigIntegerField()
    laatste_volgnummer = models.BigIntegerField()
    aantal = models.IntegerField()
    totaal = models.BigIntegerField(help_text="Verzegelde verwerkingen t/m deze verzegeling.")
    verwerkingen = models.TextField()
    vorige_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    sleutel_id = models.CharField(max_length=40)
    tijdstip = models.DateTimeField()

    class Meta:
        verbose_name = "verzegeling"
        verbose_name_plural = "verzegelingen"
        ordering = ["gemeente", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "nummer"], name="verzegeling_nummer_uniek")
        ]
        triggers = alleen_toevoegen_triggers()

    def __str__(self) -> str:
        return f"Zegel {self.nummer} t/m {self.laatste_volgnummer}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AlleenToevoegen("Een verzegeling kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Een verzegeling kan niet worden verwijderd.")


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
