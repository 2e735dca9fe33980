"""Fondsen with their route as data, periods and budgets (the ceiling), the append-only ledger,
requests with their four-eyes route, and loans. Every balance is derived from the ledger."""

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doorbraak.alleen_toevoegen import alleen_toevoegen_triggers
from doorbraak.budget import afwegingskader
from doorbraak.budget.geld import naar_centen, uit_centen
from doorbraak.organisaties.models import (
    Doelgroep,
    Gemeente,
    GemeenteViaOuder,
    MandaatRol,
    Medewerker,
)

GELD = {"max_digits": 12, "decimal_places": 2}


class Fonds(models.Model):
    """A fund with its own route, afwegingskader and bookkeeping, edited by the beheerder."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="fondsen")
    code = models.SlugField(max_length=40)
    naam = models.CharField(max_length=160)
    omschrijving = models.TextField(blank=True)
    standaard = models.BooleanField(
        default=False,
        help_text="Het doorbraakbudget van de regeling: hier gelden ook de algemene mandaten "
        "per doelgroep, en POST /budgetten zonder fonds.",
    )
    actief = models.BooleanField(default=True)
    # The route.
    meekijken_verplicht = models.BooleanField(
        default=True, help_text="Een collega (niet de aanvrager) kijkt mee voor de go."
    )
    meekijken_vanaf = models.DecimalField(
        **GELD, null=True, blank=True, help_text="Meekijken alleen boven dit bedrag; leeg: altijd."
    )
    zelfstandig_tot = models.DecimalField(
        **GELD,
        null=True,
        blank=True,
        help_text="Regelarm: een aanvrager met go-mandaat beslist zelf tot en met dit bedrag. "
        "Leeg: nooit, de go komt altijd van een ander.",
    )
    casus_max_bedrag = models.DecimalField(
        **GELD,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Hoogstens dit bedrag in totaal per casus per periode uit dit fonds. "
        "Leeg: geen grens.",
    )
    casus_max_aantal = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Hoogstens dit aantal toekenningen per casus per periode uit dit fonds. "
        "Leeg: geen grens.",
    )
    afwegingskader = models.JSONField(
        default=dict,
        blank=True,
        help_text='Criteria en hoe ze samengaan, bijv. {"alle": ["noodzakelijk", {"een_van": '
        '["schade_bij_niet_inzet", "hogere_kosten_op_termijn"]}, "regulier_niet_mogelijk"]}.',
    )
    lening_voorkeur = models.BooleanField(
        default=True,
        help_text="Zo mogelijk een lening: om niet terwijl een lening verantwoord is, "
        "vraagt een reden.",
    )
    revolverend = models.BooleanField(
        default=True, help_text="Aflossingen vloeien terug in het beschikbare budget."
    )
    # Finance.
    grootboekrekening = models.CharField(max_length=40, blank=True)
    kostenplaats = models.CharField(max_length=40, blank=True)
    betaalrekening_naam = models.CharField(max_length=70, blank=True)
    betaalrekening_iban = models.CharField(max_length=34, blank=True)
    betaalrekening_bic = models.CharField(max_length=11, blank=True)

    class Meta:
        verbose_name_plural = "fondsen"
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "code"], name="fonds_uniek_per_gemeente"),
            models.UniqueConstraint(
                fields=["gemeente"], condition=Q(standaard=True), name="een_standaardfonds"
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def save(self, *args, **kwargs):
        velden = kwargs.get("update_fields")
        omgezet = (
            not self._state.adding
            and (velden is None or "revolverend" in velden)
            and Fonds.objects.filter(pk=self.pk).exclude(revolverend=self.revolverend).exists()
        )
        with transaction.atomic():
            super().save(*args, **kwargs)
            if omgezet:
                # Repayments now do (or no longer do) flow back: the maintained balance follows.
                from doorbraak.budget import ledger

                ledger.herbereken_saldi(
                    Budget.objects.filter(periode__fonds=self).values_list("pk", flat=True)
                )

    def clean(self) -> None:
        fout = routefout(self)
        if fout:
            raise ValidationError({fout[0]: fout[1]})
        if self.afwegingskader:
            try:
                afwegingskader.codes_in(self.afwegingskader)
            except afwegingskader.OngeldigKader as e:
                raise ValidationError({"afwegingskader": str(e)}) from None

    def meekijken_nodig(self, bedrag: Decimal) -> bool:
        # The regulation's own fund always has a review, whatever route is stored (invariant 4).
        return self.standaard or (
            self.meekijken_verplicht
            and (self.meekijken_vanaf is None or bedrag > self.meekijken_vanaf)
        )

    def zelfstandig_mag(self, bedrag: Decimal) -> bool:
        """May a requester with a go-mandate decide alone on this amount? Never in the
        regulation's own fund."""
        if self.standaard or self.zelfstandig_tot is None:
            return False
        return bedrag <= self.zelfstandig_tot


ROUTEVELDEN = (
    "meekijken_verplicht",
    "meekijken_vanaf",
    "zelfstandig_tot",
    "casus_max_bedrag",
    "casus_max_aantal",
)


def routefout(fonds: Fonds) -> tuple[str, str] | None:
    """Why this route is not allowed, as (field, Dutch reason), or None. The regulation's own fund
    always needs a colleague's review and a go by a third person (ARCHITECTURE invariant 4)."""
    if not fonds.standaard:
        return None
    if not fonds.meekijken_verplicht:
        return (
            "meekijken_verplicht",
            "In het doorbraakbudget van de regeling kijkt altijd een collega mee (4-ogen).",
        )
    if fonds.meekijken_vanaf is not None:
        return (
            "meekijken_vanaf",
            "In het doorbraakbudget van de regeling kijkt bij elk bedrag een collega mee.",
        )
    if fonds.zelfstandig_tot is not None:
        return (
            "zelfstandig_tot",
            "In het doorbraakbudget van de regeling beslist niemand alleen: de go komt van een "
            "derde.",
        )
    return None


class Fondsmandaat(GemeenteViaOuder):
    """A mandate for one fund and a doelgroep (or all), optionally up to an amount."""

    GEMEENTE_VIA = "fonds"

    fonds = models.ForeignKey(Fonds, on_delete=models.CASCADE, related_name="mandaten")
    medewerker = models.ForeignKey(Medewerker, on_delete=models.CASCADE, related_name="+")
    doelgroep = models.ForeignKey(
        Doelgroep, null=True, blank=True, on_delete=models.PROTECT, help_text="Leeg: alle."
    )
    rol = models.CharField(max_length=20, choices=MandaatRol.choices)
    max_bedrag = models.DecimalField(
        **GELD,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Leeg: geen limiet.",
    )

    class Meta:
        verbose_name_plural = "fondsmandaten"

    def __str__(self) -> str:
        return f"{self.medewerker} — {self.get_rol_display()} — {self.fonds}"

    def clean(self) -> None:
        if (
            self.medewerker_id
            and self.fonds_id
            and self.medewerker.gemeente_id != self.fonds.gemeente_id
        ):
            raise ValidationError({"medewerker": "De medewerker hoort bij een andere gemeente."})


class Periode(GemeenteViaOuder):
    """A budget period: a calendar year, or a pilot period."""

    GEMEENTE_VIA = "fonds"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    fonds = models.ForeignKey(Fonds, on_delete=models.PROTECT, related_name="perioden")
    naam = models.CharField(max_length=80)
    van = models.DateField()
    tot = models.DateField(help_text="Tot en met.")
    afgesloten = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "perioden"
        ordering = ["fonds", "van"]
        constraints = [
            models.CheckConstraint(condition=Q(tot__gte=models.F("van")), name="periode_van_tot")
        ]

    def __str__(self) -> str:
        return f"{self.fonds} {self.naam}"


class Budget(models.Model):
    """The ceiling of a fund for a doelgroep (or all its doelgroepen) in a period. Its row is the
    lock every commitment takes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="budgetten")
    doelgroep = models.ForeignKey(
        Doelgroep, null=True, blank=True, on_delete=models.PROTECT, help_text="Leeg: alle."
    )
    plafond = models.DecimalField(**GELD, validators=[MinValueValidator(0)])
    # The maintained balance (invariant 1 in one statement, see ledger.committeer): kept by every
    # entry that moves it, in the same transaction; the ledger stays the truth and reconciles.
    ruimte_centen = models.BigIntegerField(
        default=0,
        editable=False,
        help_text="Plafond + bijdragen (+ aflossingen bij een revolverend fonds), in centen.",
    )
    vastgelegd_centen = models.BigIntegerField(
        default=0,
        editable=False,
        help_text="Toegezegd na vrijval en overboekingen, in centen.",
    )

    class Meta:
        verbose_name_plural = "budgetten"
        constraints = [
            models.UniqueConstraint(fields=["periode", "doelgroep"], name="budget_uniek"),
            models.UniqueConstraint(
                fields=["periode"], condition=Q(doelgroep__isnull=True), name="budget_uniek_alle"
            ),
            models.CheckConstraint(condition=Q(plafond__gte=0), name="plafond_niet_negatief"),
        ]

    def __str__(self) -> str:
        return f"{self.periode} — {self.doelgroep or 'alle doelgroepen'}"

    def save(self, *args, **kwargs):
        if self._state.adding and not self.ruimte_centen:
            # A new budget has no entries yet: its room is its ceiling.
            self.ruimte_centen = naar_centen(self.plafond)
        super().save(*args, **kwargs)


class Soort(models.TextChoices):
    BIJDRAGE = "bijdrage", "Bijdrage partner"
    TOEZEGGING = "toezegging", "Toezegging (go)"
    VRIJVAL = "vrijval", "Vrijval"
    BETALING = "betaling", "Betaling"
    AFLOSSING = "aflossing", "Aflossing"
    AFSCHRIJVING = "afschrijving", "Afschrijving"
    OVERBOEKING_UIT = "overboeking_uit", "Overboeking naar volgende periode"
    OVERBOEKING_IN = "overboeking_in", "Overboeking uit vorige periode"


class AlleenToevoegen(Exception):
    pass


class Boeking(models.Model):
    """One ledger entry: an amount in cents, always positive; its soort says which way it counts.
    A correction is a new entry, never an edit."""

    id = models.BigAutoField(primary_key=True)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="boekingen")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    centen = models.BigIntegerField()
    datum = models.DateField()
    aanvraag = models.ForeignKey(
        "Aanvraag", null=True, blank=True, on_delete=models.PROTECT, related_name="boekingen"
    )
    lening = models.ForeignKey(
        "Lening", null=True, blank=True, on_delete=models.PROTECT, related_name="boekingen"
    )
    tegenpartij = models.CharField(max_length=160, blank=True)
    omschrijving = models.CharField(max_length=300, blank=True)
    door = models.ForeignKey(Medewerker, null=True, on_delete=models.PROTECT, related_name="+")
    geboekt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "boekingen"
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(centen__gt=0), name="boeking_positief")]
        indexes = [models.Index(fields=["budget", "soort"])]
        triggers = alleen_toevoegen_triggers()

    def __str__(self) -> str:
        return f"{self.get_soort_display()} € {self.bedrag}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AlleenToevoegen("Het grootboek kan niet worden gewijzigd; boek een correctie.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Uit het grootboek kan niets worden verwijderd.")

    @property
    def bedrag(self) -> Decimal:
        return uit_centen(self.centen)


class Vorm(models.TextChoices):
    LENING = "lening", _("Lening")
    OM_NIET = "om_niet", _("Om niet")


class AanvraagStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    INGEDIEND = "ingediend", _("Ingediend")
    BEOORDEELD = "beoordeeld", _("Beoordeeld (4-ogen)")
    TOEGEKEND = "toegekend", _("Toegekend (go)")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    BETAALD = "betaald", _("Betaald")
    VERVALLEN = "vervallen", _("Vervallen (toezegging vrijgegeven)")
    INGETROKKEN = "ingetrokken", _("Ingetrokken (concept)")


class Advies(models.TextChoices):
    POSITIEF = "positief", _("Positief")
    NEGATIEF = "negatief", _("Negatief")


class Aanvraag(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey("casussen.Casus", on_delete=models.PROTECT, related_name="aanvragen")
    fonds = models.ForeignKey(Fonds, on_delete=models.PROTECT, related_name="aanvragen")
    doelgroep = models.ForeignKey(Doelgroep, on_delete=models.PROTECT, related_name="+")
    budget = models.ForeignKey(
        Budget, null=True, blank=True, on_delete=models.PROTECT, related_name="aanvragen"
    )
    bedrag = models.DecimalField(**GELD)
    vorm = models.CharField(max_length=10, choices=Vorm.choices)
    ontvanger_naam = models.CharField(max_length=70)
    ontvanger_iban = models.CharField(max_length=34)
    betalingskenmerk = models.CharField(
        max_length=35,
        blank=True,
        help_text="Klant-, factuur- of betalingskenmerk van de ontvanger; staat in de "
        "omschrijving van de SEPA-betaling.",
    )
    aan_huishouden = models.BooleanField(default=False)
    reden_aan_huishouden = models.TextField(blank=True)
    motivering = models.TextField(blank=True)
    criteria = models.JSONField(default=dict, blank=True)
    voorwaarden = models.TextField(blank=True)
    reden_om_niet = models.TextField(blank=True)
    termijnbedrag = models.DecimalField(**GELD, null=True, blank=True)
    aantal_termijnen = models.PositiveIntegerField(null=True, blank=True)
    startdatum = models.DateField(null=True, blank=True)
    draagkracht = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=12, choices=AanvraagStatus.choices, default=AanvraagStatus.CONCEPT
    )
    aanvrager = models.ForeignKey(Medewerker, on_delete=models.PROTECT, related_name="+")
    beoordelaar = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    advies = models.CharField(max_length=10, choices=Advies.choices, blank=True)
    advies_toelichting = models.TextField(blank=True)
    besluit_door = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    besluit_motivering = models.TextField(blank=True)
    zelfstandig_besloten = models.BooleanField(
        default=False, help_text="Regelarm: de gemandateerde aanvrager besliste zelf."
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    besloten_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "aanvragen"
        ordering = ["-aangemaakt_op"]
        constraints = [models.CheckConstraint(condition=Q(bedrag__gt=0), name="aanvraag_positief")]
        indexes = [models.Index(fields=["gemeente", "status"])]

    def __str__(self) -> str:
        return f"Aanvraag € {self.bedrag} ({self.get_status_display()})"


class AanvraagStap(GemeenteViaOuder):
    """The status history of a request."""

    GEMEENTE_VIA = "aanvraag"

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="stappen")
    van = models.CharField(max_length=12, blank=True)
    naar = models.CharField(max_length=12)
    toelichting = models.TextField(blank=True)
    door = models.ForeignKey(Medewerker, null=True, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(auto_now_add=True)

    # Not a column: the recipients of the step's notification when the deciding service read
    # them with the request (`mijntaken.ontvangers.financien_als_kolom`, the go on PostgreSQL);
    # None: `mijntaken.signalen` reads them itself.
    ontvangers_gelezen: list | None = None

    class Meta:
        ordering = ["op", "id"]

    def __str__(self) -> str:
        return f"{self.van or '—'} → {self.naar}"

    def get_naar_display(self) -> str:
        """The status reached, as its label (the field has no choices of its own)."""
        return str(dict(AanvraagStatus.choices).get(self.naar, self.naar))


class Lening(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    aanvraag = models.OneToOneField(Aanvraag, on_delete=models.PROTECT, related_name="lening")
    hoofdsom = models.DecimalField(**GELD)
    termijnbedrag = models.DecimalField(**GELD)
    startdatum = models.DateField()

    class Meta:
        verbose_name_plural = "leningen"

    def __str__(self) -> str:
        return f"Lening € {self.hoofdsom}"


class Draagkrachtnorm(models.Model):
    """The norm a household keeps for living, with validity dates (data, per gemeente)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(max_length=120)
    geldig_van = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)
    leefgeld = models.DecimalField(**GELD, help_text="Per maand, boven de vaste lasten.")
    aflosdeel = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=Decimal("1.000"),
        help_text="Deel van de ruimte boven de norm dat naar aflossing gaat (0–1).",
    )
    minimale_termijn = models.DecimalField(**GELD, default=Decimal("10.00"))
    maximale_looptijd_maanden = models.PositiveIntegerField(default=36)

    class Meta:
        verbose_name_plural = "draagkrachtnormen"
        ordering = ["-geldig_van"]

    def __str__(self) -> str:
        return f"{self.naam} (vanaf {self.geldig_van})"


class Bestedingsplan(models.Model):
    """A multi-year spending plan (themes × years) with its income; totals are derived."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(max_length=200)
    jaren = models.JSONField(help_text="De jaren van het plan, oplopend.")
    bron = models.CharField(max_length=300, blank=True)
    aangemaakt_door = models.ForeignKey(
        Medewerker, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "bestedingsplannen"
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return self.naam


class Bestedingsregel(models.Model):
    """A cost line (amount or "pm" per year) or an income line; a cost line may be linked to a
    fund, so the spending actually booked on that fund shows beside the plan."""

    plan = models.ForeignKey(Bestedingsplan, on_delete=models.CASCADE, related_name="regels")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    inkomsten = models.BooleanField(default=False)
    thema = models.CharField(max_length=200, blank=True)
    omschrijving = models.CharField(max_length=300)
    bedragen = models.JSONField(help_text='{"2023": "24000.00"} of {"2023": "pm"}')
    fonds = models.ForeignKey(
        Fonds, null=True, blank=True, on_delete=models.PROTECT, related_name="bestedingsregels"
    )
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name_plural = "bestedingsregels"
        ordering = ["plan", "inkomsten", "volgorde"]

    def __str__(self) -> str:
        return self.omschrijving


class Betaalbatch(models.Model):
    """One SEPA payment file (pain.001) a financieel medewerker downloaded: who and when. The
    file itself is not kept (it holds names and IBANs); its lines say which requests it paid."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    fonds = models.ForeignKey(Fonds, on_delete=models.PROTECT, related_name="betaalbatches")
    door = models.ForeignKey(Medewerker, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(auto_now_add=True)
    uitvoerdatum = models.DateField()

    class Meta:
        verbose_name_plural = "betaalbatches"
        ordering = ["-op"]

    def __str__(self) -> str:
        return f"Betaalbatch {self.fonds} {self.op:%d-%m-%Y %H:%M}"


class Exportregel(GemeenteViaOuder):
    """A request in a SEPA file. One per request, ever: the unique constraint is the last guard
    against paying twice (the export service checks first, under the requests' row locks)."""

    GEMEENTE_VIA = "batch"

    batch = models.ForeignKey(Betaalbatch, on_delete=models.PROTECT, related_name="regels")
    aanvraag = models.OneToOneField(Aanvraag, on_delete=models.CASCADE, related_name="export")
    centen = models.BigIntegerField()

    class Meta:
        verbose_name_plural = "exportregels"
        constraints = [models.CheckConstraint(condition=Q(centen__gt=0), name="export_positief")]

    def __str__(self) -> str:
        return f"Export {self.aanvraag_id} € {self.bedrag}"

    @property
    def bedrag(self) -> Decimal:
        return uit_centen(self.centen)
