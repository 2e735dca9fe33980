"""Gemeenten (tenants), teams, medewerkers with their roles, doelgroepen and mandaten."""

import re
import uuid

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator, RegexValidator
from django.db import models


class Rol(models.TextChoices):
    REGISSEUR = "regisseur", "Regisseur / doorbraakcoach (gemandateerde professional)"
    COLLEGA = "collega", "Collega (meekijker, 4-ogen)"
    MANAGER = "manager", "Manager (formele go)"
    FINANCIEN = "financien", "Financieel medewerker / controller"
    BELEID = "beleid", "Beleidsadviseur"
    PRIVACY = "privacy", "Privacyfunctionaris"
    BEHEER = "beheer", "Functioneel beheerder"
    PARTNER = "partner", "Partner aan een casusoverleg (woningcorporatie, GGZ, CJG, politie, …)"


class MandaatRol(models.TextChoices):
    AANVRAGEN = "aanvragen", "Aanvragen (uitvoeren van de regeling)"
    MEEKIJKEN = "meekijken", "Meekijken (4-ogen)"
    GO = "go", "Formele go geven"


# Only custom properties of the design system, with plain values: nothing that could close the
# style block or load anything (no ';', braces, quotes, '<', 'url(').
TOKENNAAM = re.compile(r"--(utrecht|doorbraak)-[a-z0-9-]{1,80}")
TOKENWAARDE = re.compile(r"(?!.*url\()[#\w\s.,%()-]{1,80}")
LOGO_MAX_BYTES = 200 * 1024


def valideer_logogrootte(bestand) -> None:
    if bestand.size > LOGO_MAX_BYTES:
        raise ValidationError("Het logo is groter dan 200 kB.")


class Regio(models.Model):
    naam = models.CharField(max_length=120, unique=True)

    class Meta:
        verbose_name_plural = "regio's"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Gemeente(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField(
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", "Een CBS-gemeentecode heeft de vorm GM0123.")],
        help_text="CBS-gemeentecode, bijvoorbeeld GM0988.",
    )
    naam = models.CharField(max_length=120)
    regio = models.ForeignKey(Regio, null=True, blank=True, on_delete=models.PROTECT)
    logo = models.FileField(
        upload_to="logo/",
        blank=True,
        validators=[FileExtensionValidator(["svg", "png"]), valideer_logogrootte],
        help_text="SVG of PNG, hoogstens 200 kB; getoond in de kop van elke pagina.",
    )
    casussen_per_team = models.BooleanField(
        default=False,
        help_text="Aan: een medewerker ziet alleen de casussen van het eigen team en de eigen "
        "regie, en alleen de regisseur van een casus (of een manager) wijzigt die. Uit: de hele "
        "gemeente (standaard).",
    )
    huisstijl = models.JSONField(
        default=dict,
        blank=True,
        help_text=(
            "Design tokens van de gemeente, bijv. "
            '{"--utrecht-button-primary-action-background-color": "#00689e"}. '
            "Let op het contrast (WCAG AA: 4,5:1 voor tekst)."
        ),
    )

    class Meta:
        verbose_name_plural = "gemeenten"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.huisstijl, dict):
            raise ValidationError(
                {"huisstijl": "Geef de design tokens als een object {naam: waarde}."}
            )
        for naam, waarde in self.huisstijl.items():
            if not TOKENNAAM.fullmatch(str(naam)):
                raise ValidationError(
                    {"huisstijl": f"'{naam}' is geen design token (--utrecht-… of --doorbraak-…)."}
                )
            if not isinstance(waarde, str) or not TOKENWAARDE.fullmatch(waarde):
                raise ValidationError(
                    {"huisstijl": f"De waarde van '{naam}' is geen eenvoudige CSS-waarde."}
                )


class Team(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="teams")
    naam = models.CharField(max_length=120)

    class Meta:
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "naam"], name="team_uniek_per_gemeente")
        ]

    def __str__(self) -> str:
        return self.naam


class Medewerker(AbstractUser):
    """A user. Every medewerker except a platform superuser belongs to exactly one gemeente."""

    gemeente = models.ForeignKey(
        Gemeente, null=True, blank=True, on_delete=models.PROTECT, related_name="medewerkers"
    )
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL)
    functie = models.CharField(
        max_length=120, blank=True, help_text="Bijv. procesregisseur Regieteam."
    )
    rollen = models.JSONField(default=list, blank=True)
    organisatie = models.CharField(
        max_length=160,
        blank=True,
        help_text="Voor partners: de organisatie, bijv. woningcorporatie of GGZ-instelling.",
    )
    tweede_factor_verplicht = models.BooleanField(
        default=False,
        help_text="Een code uit een authenticator-app (TOTP) bij elke inlog, ook waar de "
        "installatie dat niet voor iedereen eist.",
    )

    class Meta:
        verbose_name = "medewerker"
        verbose_name_plural = "medewerkers"

    @property
    def naam(self) -> str:
        return self.naam_uit(self.first_name, self.last_name, self.username)

    @staticmethod
    def naam_uit(voornaam: str, achternaam: str, gebruikersnaam: str) -> str:
        """The name shown for a medewerker, also from a row's values without an instance:
        the full name (as `get_full_name` writes it), else the username."""
        return f"{voornaam} {achternaam}".strip() or gebruikersnaam

    def heeft_rol(self, *rollen: str) -> bool:
        return any(rol in self.rollen for rol in rollen)

    def clean(self) -> None:
        super().clean()
        onbekend = sorted(set(self.rollen) - set(Rol.values))
        if onbekend:
            raise ValidationError({"rollen": f"Onbekende rol(len): {', '.join(onbekend)}."})
        if not self.is_superuser and self.gemeente_id is None:
            raise ValidationError({"gemeente": "Een medewerker hoort bij een gemeente."})
        if self.team_id and self.team.gemeente_id != self.gemeente_id:
            raise ValidationError({"team": "Het team hoort bij een andere gemeente."})


class Doelgroep(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="doelgroepen")
    code = models.SlugField(max_length=40)
    naam = models.CharField(max_length=120)
    omschrijving = models.TextField(blank=True)
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "doelgroepen"
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "code"], name="doelgroep_uniek_per_gemeente"
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Leefgebied(models.Model):
    """A life domain as a gemeente configures it (the default list is in `standaard.py`). Part of
    the gemeente's configuration, so it lives here and the case app builds on it; its table keeps
    the name it had when it lived in casussen."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="leefgebieden")
    code = models.SlugField(max_length=40)
    naam = models.CharField(max_length=80)
    volgorde = models.PositiveSmallIntegerField(default=0)
    actief = models.BooleanField(default=True)

    class Meta:
        db_table = "casussen_leefgebied"
        verbose_name_plural = "leefgebieden"
        ordering = ["volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "code"], name="leefgebied_uniek_per_gemeente"
            )
        ]

    def __str__(self) -> str:
        return self.naam


class _GemeenteViaOuderQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.gemeente_van_ouder_zetten()
        return super().bulk_create(objs, *args, **kwargs)


class GemeenteViaOuder(models.Model):
    """A row that belongs to its gemeente through a parent (`GEMEENTE_VIA`) and carries the
    gemeente itself too: the distribution column a sharded database needs in every tenant table
    (docs/schaal.md). Always copied from the parent on save and bulk_create, never edited."""

    GEMEENTE_VIA: str = ""
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", editable=False, blank=True
    )

    objects = models.Manager.from_queryset(_GemeenteViaOuderQuerySet)()
    # All that save() below adds to Model.save: doorbraak.vaste_sql.invoegen calls it instead.
    VASTE_SQL_VOORBEREIDING = "gemeente_van_ouder_zetten"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.gemeente_van_ouder_zetten()
        super().save(*args, **kwargs)

    def gemeente_van_ouder_zetten(self) -> None:
        self.gemeente_id = getattr(self, self.GEMEENTE_VIA).gemeente_id


class Mandaat(GemeenteViaOuder):
    """What a medewerker may do for a doelgroep, optionally up to an amount."""

    GEMEENTE_VIA = "doelgroep"
    medewerker = models.ForeignKey(Medewerker, on_delete=models.CASCADE, related_name="mandaten")
    doelgroep = models.ForeignKey(Doelgroep, on_delete=models.PROTECT, related_name="mandaten")
    rol = models.CharField(max_length=20, choices=MandaatRol.choices)
    max_bedrag = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Leeg: geen bedragslimiet.",
    )

    class Meta:
        verbose_name_plural = "mandaten"
        constraints = [
            models.UniqueConstraint(fields=["medewerker", "doelgroep", "rol"], name="mandaat_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.medewerker} — {self.get_rol_display()} — {self.doelgroep}"

    def clean(self) -> None:
        if (
            self.medewerker_id
            and self.doelgroep_id
            and self.medewerker.gemeente_id != self.doelgroep.gemeente_id
        ):
            raise ValidationError({"doelgroep": "De doelgroep hoort bij een andere gemeente."})


class WijzigingSoort(models.TextChoices):
    ROLLEN = "rollen", "Rollen van een medewerker"
    MANDAAT = "mandaat", "Mandaat per doelgroep"
    FONDSROUTE = "fondsroute", "Route van een fonds (meekijken, zelfstandig tot, grenzen)"
    FONDSMANDAAT = "fondsmandaat", "Mandaat voor een fonds"


class WijzigingStatus(models.TextChoices):
    OPEN = "open", "Wacht op een tweede beheerder"
    TOEGEPAST = "toegepast", "Goedgekeurd en toegepast"
    AFGEWEZEN = "afgewezen", "Afgewezen"


class Wijzigingsvoorstel(models.Model):
    """A change to roles, mandates or a fund's route, proposed by one beheerder and applied only
    when a second beheerder approves it (ARCHITECTURE invariant 4)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(max_length=20, choices=WijzigingSoort.choices)
    object_id = models.CharField(max_length=64, blank=True)
    gegevens = models.JSONField(default=dict)
    omschrijving = models.CharField(max_length=300)
    status = models.CharField(
        max_length=12, choices=WijzigingStatus.choices, default=WijzigingStatus.OPEN
    )
    voorgesteld_door = models.ForeignKey(Medewerker, on_delete=models.PROTECT, related_name="+")
    voorgesteld_op = models.DateTimeField(auto_now_add=True)
    beoordeeld_door = models.ForeignKey(
        Medewerker, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    reden = models.TextField(blank=True)

    class Meta:
        verbose_name = "wijzigingsvoorstel"
        verbose_name_plural = "wijzigingsvoorstellen"
        ordering = ["-voorgesteld_op"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(beoordeeld_door=models.F("voorgesteld_door")),
                name="wijziging_tweede_beheerder",
            )
        ]

    def __str__(self) -> str:
        return self.omschrijving
