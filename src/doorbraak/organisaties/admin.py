from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from doorbraak.organisaties.beheer import GemeenteBeheerMixin
from doorbraak.organisaties.models import Doelgroep, Gemeente, Mandaat, Medewerker, Regio, Rol, Team
from doorbraak.organisaties.services import gemeente_inrichten


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


class MedewerkerForm(forms.ModelForm):
    rollen = forms.MultipleChoiceField(
        choices=Rol.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Medewerker
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "functie",
            "organisatie",
            "gemeente",
            "team",
            "rollen",
            "is_active",
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
    list_filter = ["is_active", "team"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Persoon", {"fields": ("first_name", "last_name", "email", "functie", "organisatie")}),
        ("Organisatie en rollen", {"fields": ("gemeente", "team", "rollen", "is_active")}),
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
        super().save_model(request, obj, form, change)
