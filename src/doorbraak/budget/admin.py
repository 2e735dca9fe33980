"""The beheerder edits each fund's route, afwegingskader, mandates and periods as data, and the
draagkracht norms; budgets, requests and the ledger change only through the services."""

from django.contrib import admin

from doorbraak.budget.models import ROUTEVELDEN, Draagkrachtnorm, Fonds, Fondsmandaat, Periode
from doorbraak.organisaties.admin import _voorstel, mandaten_voorstellen
from doorbraak.organisaties.beheer import GemeenteBeheerMixin
from doorbraak.organisaties.models import Doelgroep, Medewerker, WijzigingSoort


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
        ("Route", {"fields": ROUTEVELDEN}),
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

    def get_readonly_fields(self, request, obj=None):
        # Which fund is the regulation's decides where four eyes are compulsory.
        if obj is not None and not request.user.is_superuser:
            return ["standaard"]
        return []

    def save_model(self, request, obj, form, change):
        """A changed route is proposed, not saved: a second beheerder approves it."""
        gewijzigd = {}
        if change:
            oud = Fonds.objects.get(pk=obj.pk)
            for veld in ROUTEVELDEN:
                nieuw = getattr(obj, veld)
                if nieuw != getattr(oud, veld):
                    gewijzigd[veld] = str(nieuw) if nieuw is not None else None
                    setattr(obj, veld, getattr(oud, veld))
        super().save_model(request, obj, form, change)
        if gewijzigd:
            _voorstel(
                request,
                obj.gemeente_id,
                WijzigingSoort.FONDSROUTE,
                gewijzigd,
                f"Route van {obj.naam}: "
                + ", ".join(f"{veld} = {waarde}" for veld, waarde in gewijzigd.items()),
                obj.pk,
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is Fondsmandaat:
            mandaten_voorstellen(request, formset, WijzigingSoort.FONDSMANDAAT, form.instance)
        else:
            super().save_formset(request, form, formset, change)


@admin.register(Draagkrachtnorm)
class DraagkrachtnormAdmin(GemeenteBeheerMixin, admin.ModelAdmin):
    list_display = ["naam", "geldig_van", "geldig_tot", "leefgeld", "aflosdeel", "gemeente"]
