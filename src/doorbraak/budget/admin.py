"""The beheerder edits each fund's route, afwegingskader, mandates and periods as data, and the
draagkracht norms; budgets, requests and the ledger change only through the services."""

from django.contrib import admin

from doorbraak.budget.models import Draagkrachtnorm, Fonds, Fondsmandaat, Periode
from doorbraak.organisaties.beheer import GemeenteBeheerMixin
from doorbraak.organisaties.models import Doelgroep, Medewerker


class _Inline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return True

    def has_change_permission(self, request, obj=None):
        return True

    def has_delete_permission(self, request, obj=None):
        return True

    def has_view_permission(self, request, obj=None):
        return True


class FondsmandaatInline(_Inline):
    model = Fondsmandaat

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            if db_field.name == "doelgroep":
                kwargs["queryset"] = Doelgroep.objects.filter(gemeente_id=request.user.gemeente_id)
            elif db_field.name == "medewerker":
                kwargs["queryset"] = Medewerker.objects.filter(gemeente_id=request.user.gemeente_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PeriodeInline(_Inline):
    model = Periode
    fields = ["naam", "van", "tot", "afgesloten"]
    readonly_fields = ["afgesloten"]


@admin.register(Fonds)
class FondsAdmin(GemeenteBeheerMixin, admin.ModelAdmin):
    list_display = [
        "naam",
        "code",
        "standaard",
        "meekijken_verplicht",
        "zelfstandig_tot",
        "revolverend",
        "actief",
    ]
    inlines = [PeriodeInline, FondsmandaatInline]
    fieldsets = (
        (None, {"fields": ("gemeente", "code", "naam", "omschrijving", "standaard", "actief")}),
        ("Route", {"fields": ("meekijken_verplicht", "meekijken_vanaf", "zelfstandig_tot")}),
        ("Afwegingskader", {"fields": ("afwegingskader", "lening_voorkeur")}),
        (
            "Financiën",
            {
                "fields": (
                    "revolverend",
                    "grootboekrekening",
                    "kostenplaats",
                    "betaalrekening_naam",
                    "betaalrekening_iban",
                    "betaalrekening_bic",
                )
            },
        ),
    )


@admin.register(Draagkrachtnorm)
class DraagkrachtnormAdmin(GemeenteBeheerMixin, admin.ModelAdmin):
    list_display = ["naam", "geldig_van", "geldig_tot", "leefgeld", "aflosdeel", "gemeente"]
