from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm

from doorbraak.fouten import DoorbraakFout
from doorbraak.opmaak import euro, keuze
from doorbraak.organisaties.beheer import GemeenteBeheerMixin
from doorbraak.organisaties.models import (
    Doelgroep,
    Gemeente,
    Leefgebied,
    Mandaat,
    MandaatRol,
    Medewerker,
    Regio,
    Rol,
    Team,
    WijzigingSoort,
    WijzigingStatus,
    Wijzigingsvoorstel,
)
from doorbraak.organisaties.services import (
    gemeente_inrichten,
    wijziging_afwijzen,
    wijziging_goedkeuren,
    wijziging_voorstellen,
)


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    search_fields = ["naam"]


@admin.register(Gemeente)
class GemeenteAdmin(GemeenteBeheerMixin, admin.ModelAdmin):
    list_display = ["naam", "code", "regio"]
    search_fields = ["naam", "code"]

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        return qs if request.user.is_superuser else qs.filter(pk=request.user.gemeente_id)

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            gemeente_inrichten(obj)  # default doelgroepen, leefgebieden, log chain


@admin.register(Team)
class TeamAdmin(GemeenteBeheerMixin, admin.ModelAdmin):
    list_display = ["naam", "gemeente"]
    search_fields = ["naam"]


@admin.register(Doelgroep)
class DoelgroepAdmin(GemeenteBeheerMixin, admin.ModelAdmin):
    list_display = ["naam", "code", "gemeente", "actief"]
    list_filter = ["actief"]


class MandaatInline(admin.TabularInline):
    model = Mandaat
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "doelgroep" and not request.user.is_superuser:
            kwargs["queryset"] = Doelgroep.objects.filter(gemeente_id=request.user.gemeente_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request, obj=None):
        return True

    def has_change_permission(self, request, obj=None):
        return True

    def has_delete_permission(self, request, obj=None):
        return True

    def has_view_permission(self, request, obj=None):
        return True


class MedewerkerForm(UserChangeForm):
    """Django's user form: the password is a read-only summary (no hash) with a link to the
    password form, never an editable field."""

    rollen = forms.MultipleChoiceField(
        choices=Rol.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Medewerker
        fields = [
            "username",
            "password",
            "first_name",
            "last_name",
            "email",
            "functie",
            "organisatie",
            "gemeente",
            "team",
            "rollen",
            "is_active",
            "tweede_factor_verplicht",
        ]


@admin.register(Medewerker)
class MedewerkerAdmin(GemeenteBeheerMixin, UserAdmin):
    form = MedewerkerForm
    inlines = [MandaatInline]
    list_display = [
        "username",
        "first_name",
        "last_name",
        "gemeente",
        "team",
        "functie",
        "is_active",
    ]
    # Only the teams of the medewerkers in view (their own gemeente), not every team on the
    # platform.
    list_filter = ["is_active", ("team", admin.RelatedOnlyFieldListFilter)]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Persoon", {"fields": ("first_name", "last_name", "email", "functie", "organisatie")}),
        (
            "Organisatie en rollen",
            {"fields": ("gemeente", "team", "rollen", "is_active", "tweede_factor_verplicht")},
        ),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "password1", "password2", "gemeente", "team", "rollen")}),
    )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "rollen" in form.base_fields and not isinstance(
            form.base_fields["rollen"], forms.MultipleChoiceField
        ):
            form.base_fields["rollen"] = MedewerkerForm.base_fields["rollen"]
        return form

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.gemeente_id = request.user.gemeente_id
        gevraagd = sorted(set(obj.rollen or []))
        huidig = sorted(Medewerker.objects.get(pk=obj.pk).rollen) if change else []
        obj.rollen = huidig  # roles change only through a second beheerder
        super().save_model(request, obj, form, change)
        if gevraagd != huidig:
            _voorstel(
                request,
                obj.gemeente_id,
                WijzigingSoort.ROLLEN,
                {"rollen": gevraagd},
                f"Rollen van {obj.username}: "
                f"{', '.join(keuze(Rol, r) for r in gevraagd) or 'geen'}",
                obj.pk,
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is Mandaat:
            mandaten_voorstellen(request, formset, WijzigingSoort.MANDAAT, form.instance)
        else:
            super().save_formset(request, form, formset, change)


def _voorstel(request, gemeente_id, soort, gegevens, omschrijving, object_id="") -> None:
    try:
        voorstel = wijziging_voorstellen(
            door=request.user,
            gemeente_id=gemeente_id,
            soort=soort,
            gegevens=gegevens,
            omschrijving=omschrijving,
            object_id=object_id,
        )
    except DoorbraakFout as fout:
        messages.error(request, f"Niet voorgesteld: {omschrijving}. {fout.melding}")
        return
    if voorstel.status == WijzigingStatus.OPEN:
        messages.warning(
            request,
            f"Voorgesteld: {omschrijving}. Dit geldt pas als een tweede beheerder het "
            "goedkeurt (Wijzigingsvoorstellen).",
        )
    else:
        messages.info(request, f"Toegepast: {omschrijving}.")


def _bedrag(waarde) -> str | None:
    return None if waarde is None else f"{waarde:.2f}"


def mandaten_voorstellen(request, formset, soort: str, ouder) -> None:
    """Every added, changed or removed mandate in an inline becomes a proposal, not a change."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for f in formset.forms:
        if not hasattr(f, "cleaned_data") or not f.cleaned_data:
            continue
        weg = f.cleaned_data.get("DELETE")
        if not (weg or f.has_changed()):
            continue
        m = f.instance
        if m.pk is None and weg:
            continue
        gegevens = {
            "actie": "verwijderen" if weg else ("wijzigen" if m.pk else "toevoegen"),
            "id": m.pk,
            "medewerker": getattr(m, "medewerker_id", None) or ouder.pk,
            "doelgroep": m.doelgroep_id,
            "rol": m.rol,
            "max_bedrag": _bedrag(m.max_bedrag),
        }
        if soort == WijzigingSoort.FONDSMANDAAT:
            gegevens["fonds"] = str(getattr(m, "fonds_id", None) or ouder.pk)
            gemeente_id = ouder.gemeente_id
        else:
            gegevens["medewerker"] = ouder.pk
            gemeente_id = ouder.gemeente_id
        wie = Medewerker.objects.filter(pk=gegevens["medewerker"]).first()
        _voorstel(
            request,
            gemeente_id,
            soort,
            gegevens,
            f"Mandaat {gegevens['actie']}: {wie} — {keuze(MandaatRol, m.rol)}"
            f"{' tot ' + euro(m.max_bedrag) if m.max_bedrag is not None else ''}"
            f"{' — ' + str(m.doelgroep) if m.doelgroep_id else ''}",
        )


@admin.register(Wijzigingsvoorstel)
class WijzigingsvoorstelAdmin(GemeenteBeheerMixin, admin.ModelAdmin):
    """Proposed changes to roles, mandates and routes: a second beheerder approves or rejects."""

    list_display = ["omschrijving", "soort", "status", "voorgesteld_door", "voorgesteld_op"]
    list_filter = ["status", "soort"]
    readonly_fields = [
        "soort",
        "omschrijving",
        "gegevens",
        "status",
        "voorgesteld_door",
        "voorgesteld_op",
        "beoordeeld_door",
        "beoordeeld_op",
        "reden",
    ]
    fields = readonly_fields
    actions = ["goedkeuren", "afwijzen"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Goedkeuren en toepassen (als tweede beheerder)")
    def goedkeuren(self, request, queryset):
        for voorstel in queryset:
            try:
                wijziging_goedkeuren(door=request.user, voorstel_id=voorstel.pk)
            except DoorbraakFout as fout:
                messages.error(request, f"{voorstel}: {fout.melding}")
            else:
                messages.success(request, f"Toegepast: {voorstel}.")

    @admin.action(description="Afwijzen")
    def afwijzen(self, request, queryset):
        for voorstel in queryset:
            try:
                wijziging_afwijzen(
                    door=request.user, voorstel_id=voorstel.pk, reden="Afgewezen in beheer."
                )
            except DoorbraakFout as fout:
                messages.error(request, f"{voorstel}: {fout.melding}")
            else:
                messages.success(request, f"Afgewezen: {voorstel}.")


@admin.register(Leefgebied)
class LeefgebiedAdmin(GemeenteBeheerMixin, admin.ModelAdmin):
    """Life domains are configurable per gemeente; case data itself is not in the admin."""

    list_display = ["naam", "code", "volgorde", "actief", "gemeente"]
    list_filter = ["actief"]
    ordering = ["gemeente", "volgorde"]
