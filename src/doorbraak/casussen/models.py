"""Huishoudens, gezinsleden, casussen, domeinscores, hulpverleners, tijdlijn, doorbraakplan.

Every table carries gemeente_id, so data can be scoped (and later partitioned) by tenant.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorbraak import bsn as bsn_bescherming
from doorbraak.casussen.status import CasusStatus
from doorbraak.organisaties.models import Doelgroep, Gemeente, Leefgebied, Team

POSTCODE = RegexValidator(r"^\d{4} ?[A-Z]{2}$", "Een postcode heeft de vorm 1234 AB.")


class Urgentie(models.TextChoices):
    NORMAAL = "normaal", _("Normaal")
    HOOG = "hoog", _("Hoog")
    CRISIS = "crisis", _("Crisis")


# The worklist's order: crisis first, then hoog, then normaal. One expression for the ordering
# (`casussen.werklijst`) and the indexes that serve it, so PostgreSQL reads the
# first page in index order instead of sorting every case of the gemeente (or regisseur).
URGENTIE_RANG = models.Case(
    models.When(urgentie=Urgentie.CRISIS, then=models.Value(0)),
    models.When(urgentie=Urgentie.HOOG, then=models.Value(1)),
    default=models.Value(2),
    output_field=models.IntegerField(),
)


class GezinslidRol(models.TextChoices):
    OUDER = "ouder", _("Ouder / verzorger")
    KIND = "kind", _("Kind")
    OVERIG = "overig", _("Overig")


class KnelpuntSoort(models.TextChoices):
    WET_REGELGEVING = "wet_regelgeving", _("Wet- of regelgeving")
    BELEID = "beleid", _("Beleidsregel of werkinstructie")
    PROCEDURE = "procedure", _("Procedure of administratieve last")
    WACHTTIJD = "wachttijd", _("Wachttijd of doorlooptijd")
    FINANCIEEL = "financieel", _("Financieel (geen budget of bekostiging)")
    SAMENWERKING = "samenwerking", _("Samenwerking of aansluiting tussen organisaties")
    OVERIG = "overig", _("Overig")


class ContactSoort(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon")
    HUISBEZOEK = "huisbezoek", _("Huisbezoek")
    EMAIL = "email", _("E-mail")
    OVERLEG = "overleg", _("Overleg")


class TijdlijnSoort(models.TextChoices):
    NOTITIE = "notitie", _("Notitie")
    GEBEURTENIS = "gebeurtenis", _("Gebeurtenis")


class Huishouden(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="huishoudens")
    naam = models.CharField(max_length=200)
    postcode = models.CharField(max_length=7, blank=True, validators=[POSTCODE])
    # Address and contact (issue 17): optional, editable from the dossier, blanked by retention.
    straat = models.CharField(max_length=120, blank=True)
    huisnummer = models.CharField(max_length=12, blank=True, help_text="Met toevoeging, bijv. 12a.")
    woonplaats = models.CharField(max_length=80, blank=True)
    telefoon = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    geanonimiseerd_op = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Na de bewaartermijn geanonimiseerd."
    )

    class Meta:
        verbose_name_plural = "huishoudens"
        ordering = ["naam"]
        indexes = [models.Index(fields=["gemeente", "naam"])]

    def __str__(self) -> str:
        return self.naam


class Gezinslid(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    huishouden = models.ForeignKey(Huishouden, on_delete=models.CASCADE, related_name="gezinsleden")
    voornaam = models.CharField(max_length=100)
    achternaam = models.CharField(max_length=100)
    geboortedatum = models.DateField()
    rol = models.CharField(max_length=10, choices=GezinslidRol.choices)
    # The BSN itself is never stored in clear: see doorbraak.bsn.
    bsn_versleuteld = models.TextField(blank=True, editable=False)
    bsn_zoekhash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    bsn_laatste_cijfers = models.CharField(max_length=4, blank=True, editable=False)
    bsn_hash_sleutel = models.CharField(
        max_length=12, blank=True, editable=False, help_text="Id van de sleutel van de zoekhash."
    )

    class Meta:
        verbose_name_plural = "gezinsleden"
        ordering = ["geboortedatum", "voornaam", "id"]  # twins: a fixed order on every read

    def __str__(self) -> str:
        return f"{self.voornaam} {self.achternaam}"

    def zet_bsn(self, bsn: str) -> None:
        """Store an already validated BSN (9 digits) encrypted, with its search hash."""
        self.bsn_versleuteld = bsn_bescherming.versleutel(bsn)
        self.bsn_zoekhash = bsn_bescherming.zoekhash(bsn)
        self.bsn_hash_sleutel = bsn_bescherming.huidige_sleutel_id()
        self.bsn_laatste_cijfers = bsn[-4:]

    @property
    def bsn_masked(self) -> str | None:
        if not self.bsn_versleuteld:
            return None
        return bsn_bescherming.maskeer(self.bsn_laatste_cijfers)


class GezinslidCorrectie(models.Model):
    """AVG art. 16: a corrected detail of a member, with the previous value, who, when and why.
    Append-only; a BSN appears here only masked."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gezinslid = models.ForeignKey(Gezinslid, on_delete=models.CASCADE, related_name="correcties")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    veld = models.CharField(max_length=40)
    oude_waarde = models.CharField(max_length=200, blank=True)
    nieuwe_waarde = models.CharField(max_length=200, blank=True)
    reden = models.TextField()
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.CharField(max_length=150)
    op = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "correctie van een gezinslid"
        verbose_name_plural = "correcties van gezinsleden"
        ordering = ["op", "id"]

    def __str__(self) -> str:
        return f"{self.veld} gecorrigeerd op {self.op:%d-%m-%Y}"


class Casus(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="casussen")
    huishouden = models.ForeignKey(Huishouden, on_delete=models.PROTECT, related_name="casussen")
    doelgroep = models.ForeignKey(Doelgroep, on_delete=models.PROTECT, related_name="casussen")
    aanleiding = models.TextField()
    urgentie = models.CharField(max_length=10, choices=Urgentie.choices, default=Urgentie.NORMAAL)
    status = models.CharField(
        max_length=12, choices=CasusStatus.choices, default=CasusStatus.AANGEMELD
    )
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="casussen",
    )
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL)
    aangemeld_op = models.DateTimeField(auto_now_add=True)
    status_gewijzigd_op = models.DateTimeField(auto_now_add=True)
    afgesloten_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "casussen"
        ordering = ["-aangemeld_op"]
        indexes = [
            # Also the worklist's counts per status, of the gemeente and of one regisseur: read
            # from the index alone (COUNT(*), an index-only scan), not from the table.
            models.Index(fields=["gemeente", "status"]),
            models.Index(
                fields=["gemeente", "regisseur", "status"], name="casus_tellers_regisseur"
            ),
            # The worklist's first page, of one regisseur and of the whole gemeente.
            models.Index(
                models.F("gemeente"),
                models.F("regisseur"),
                URGENTIE_RANG,
                models.F("aangemeld_op"),
                models.F("id"),
                name="casus_werklijst_regisseur",
            ),
            models.Index(
                models.F("gemeente"),
                URGENTIE_RANG,
                models.F("aangemeld_op"),
                models.F("id"),
                name="casus_werklijst_gemeente",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.huishouden} ({self.doelgroep})"


class Statusteller(models.Model):
    """How many cases a gemeente has per regisseur, team and status: the worklist's counts
    per status read from a few rows instead of counting every case (issue 19).

    Kept by PostgreSQL itself (`casussen.statustellers`: triggers on the case table, so every
    writer counts, the ORM, COPY, bulk updates and SET_NULL alike), in the writer's transaction.
    Only on PostgreSQL; on SQLite the worklist counts the cases. Regisseur and team are plain
    numbers, not foreign keys: they follow the case's own columns, and a deleted medewerker's
    cases move to "no regisseur" through the case's SET_NULL."""

    # Indexed by the key's constraint, which starts with the gemeente.
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    regisseur_id = models.BigIntegerField(null=True)
    team_id = models.BigIntegerField(null=True)
    status = models.CharField(max_length=12, choices=CasusStatus.choices)
    aantal = models.IntegerField()

    class Meta:
        required_db_vendor = "postgresql"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "regisseur_id", "team_id", "status"],
                name="statusteller_per_sleutel",
                nulls_distinct=False,  # "no regisseur" is one row, not one per case
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status}: {self.aantal}"


class Statuswijziging(models.Model):
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="statuswijzigingen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    van = models.CharField(max_length=12, choices=CasusStatus.choices)
    naar = models.CharField(max_length=12, choices=CasusStatus.choices)
    reden = models.TextField(blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["op", "id"]

    def __str__(self) -> str:
        return f"{self.van} → {self.naar}"


class Meting(models.Model):
    """One dated measurement of the domain scores; earlier measurements stay."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="metingen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    datum = models.DateField()
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "metingen"
        ordering = ["datum", "aangemaakt_op", "id"]

    def __str__(self) -> str:
        return f"Meting {self.datum}"


class Domeinscore(models.Model):
    meting = models.ForeignKey(Meting, on_delete=models.CASCADE, related_name="scores")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    leefgebied = models.ForeignKey(Leefgebied, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    toelichting = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meting", "leefgebied"], name="een_score_per_leefgebied"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="score_tussen_1_en_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leefgebied}: {self.score}"


class Hulpverlener(models.Model):
    """A professional or organisation involved with the household, with an estimated yearly cost."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="hulpverleners")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    organisatie = models.CharField(max_length=160)
    rol = models.CharField(max_length=160, help_text="Bijv. schuldhulpverlener, jeugdbeschermer.")
    contactpersoon = models.CharField(max_length=160, blank=True)
    telefoon = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    geschatte_jaarkosten = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "hulpverleners"
        ordering = ["organisatie", "rol", "aangemaakt_op", "id"]

    def __str__(self) -> str:
        return f"{self.rol} ({self.organisatie})"


class TijdlijnItem(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="tijdlijn")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(max_length=12, choices=TijdlijnSoort.choices)
    tekst = models.TextField()
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-op", "-id"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.op:%d-%m-%Y}"


class Contactmoment(models.Model):
    """A contact with or about the household: when, how, with whom, and a short note. Part of
    the case file (AVG inzage, retention); never shown to partners."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="contactmomenten")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    datum = models.DateField()
    soort = models.CharField(max_length=12, choices=ContactSoort.choices)
    met_wie = models.CharField(max_length=160)
    notitie = models.TextField(blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "contactmomenten"
        ordering = ["-datum", "-aangemaakt_op", "-id"]
        indexes = [models.Index(fields=["casus", "datum"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}"


class Doorbraakplan(models.Model):
    casus = models.OneToOneField(
        Casus, primary_key=True, on_delete=models.CASCADE, related_name="doorbraakplan"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    situatie = models.TextField(blank=True)
    perspectief = models.TextField(
        blank=True, help_text="Waar wil het huishouden over een jaar staan?"
    )
    doorbraak = models.TextField(
        blank=True, help_text="De ene verandering die de situatie losmaakt."
    )
    eigen_woorden = models.TextField(
        blank=True, help_text="Wat het huishouden zelf wil, in de eigen woorden."
    )
    krachten = models.TextField(
        blank=True, help_text="Waar het huishouden goed in is, wat al lukt."
    )
    bijgewerkt_op = models.DateTimeField(auto_now=True)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "doorbraakplannen"

    def __str__(self) -> str:
        return f"Doorbraakplan {self.casus_id}"


class Knelpunt(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Doorbraakplan, on_delete=models.CASCADE, related_name="knelpunten")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    omschrijving = models.TextField()
    soort = models.CharField(max_length=20, choices=KnelpuntSoort.choices)
    regeling = models.CharField(max_length=80, blank=True, help_text="Bijv. PW, WMO, JW, LV, WGS.")
    artikel = models.CharField(max_length=80, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)
    # When the obstacle was first recorded: the knelpuntenanalyse counts per period and quarter.
    aangemaakt_op = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name_plural = "knelpunten"
        ordering = ["volgorde", "id"]

    def __str__(self) -> str:
        return self.omschrijving[:60]


class Actie(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Doorbraakplan, on_delete=models.CASCADE, related_name="acties")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    omschrijving = models.TextField()
    eigenaar = models.CharField(max_length=160)
    deadline = models.DateField(null=True, blank=True)
    gereed = models.BooleanField(default=False)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name_plural = "acties"
        ordering = ["volgorde", "id"]

    def __str__(self) -> str:
        return self.omschrijving[:60]


class DossierLeesmodel(models.Model):
    """The read model of a case file: the dossier as the API renders it, one row per case.

    Every change of a household or case clears the copy and raises `versie` in the writer's own
    transaction (through the processing log, which every change writes: `casussen.leesmodel`).
    A read serves `inhoud` when it is filled, or builds it and stores it only if `versie` is
    still the one it read, so a copy built during a change is never kept. An empty `inhoud`
    holds no personal data, so anonymising a household also empties its copies.
    """

    casus = models.OneToOneField(
        Casus, primary_key=True, on_delete=models.CASCADE, related_name="leesmodel"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    versie = models.BigIntegerField(default=0)
    inhoud = models.TextField(blank=True, help_text="Het dossier als JSON; leeg: opnieuw opbouwen.")

    class Meta:
        verbose_name = "leesmodel van een dossier"
        verbose_name_plural = "leesmodellen van dossiers"

    def __str__(self) -> str:
        return f"Dossier {self.casus_id} v{self.versie}"


class Netwerklid(models.Model):
    """Someone from the household's own network (family, a neighbour, a friend, a volunteer):
    who, how they relate to the household, and what they do in the plan."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Doorbraakplan, on_delete=models.CASCADE, related_name="netwerk")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(max_length=160)
    rol = models.CharField(max_length=160, help_text="Bijv. oma, buurman, vriendin, maatje.")
    bijdrage = models.TextField(blank=True, help_text="Wat deze persoon doet of kan doen.")
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "netwerklid"
        verbose_name_plural = "netwerkleden"
        ordering = ["volgorde", "id"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.rol})"


class MeldcodeBesluit(models.TextChoices):
    """Step 5 of the meldcode huiselijk geweld en kindermishandeling (afwegingskader)."""

    GEMELD = "gemeld", _("Gemeld bij Veilig Thuis")
    HULP = "hulp", _("Niet gemeld: hulp geboden of georganiseerd, de veiligheid wordt gevolgd")
    AL_BETROKKEN = (
        "al_betrokken",
        _("Niet gemeld: Veilig Thuis of een veiligheidsplan (Veilig Verder) is al betrokken"),
    )
    GEEN_ZORGEN = "geen_zorgen", _("Niet gemeld: de zorgen zijn na de stappen weggenomen")


class MeldcodeAfweging(models.Model):
    """That the meldcode was considered after a low Veiligheid score: who, when, what decision."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="meldcode_afwegingen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    meting = models.ForeignKey(
        Meting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    besluit = models.CharField(max_length=20, choices=MeldcodeBesluit.choices)
    toelichting = models.TextField()
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "afweging meldcode"
        verbose_name_plural = "afwegingen meldcode"
        ordering = ["-op", "-id"]

    def __str__(self) -> str:
        return f"Meldcode afgewogen op {self.op:%d-%m-%Y}"
