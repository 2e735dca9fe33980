from django.contrib import admin

from doorbraak.organisaties.beheer import GemeenteBeheerMixin
from doorbraak.organisaties.models import Medewerker
from doorbraak.overleg.models import Lidmaatschap, Overleg


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    fields = ["medewerker", "organisatie", "domein"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "medewerker" and not request.user.is_superuser:
            kwargs["queryset"] = Medewerker.objects.filter(gemeente_id=request.user.gemeente_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request, obj=None):
        return True

    def has_change_permission(self, request, obj=None):
        return True

    def has_delete_permission(self, request, obj=None):
        return True


@admin.register(Overleg)
class OverlegAdmin(GemeenteBeheerMixin, admin.ModelAdmin):
    """Tables and their members; meetings, agendas and briefs are in the professionals' UI."""

    list_display = ["naam", "soort", "doelgroep", "voorzitter", "actief", "gemeente"]
    list_filter = ["soort", "actief"]
    inlines = [LidmaatschapInline]

    def save_formset(self, request, form, formset, change):
        for lid in formset.save(commit=False):
            lid.gemeente_id = form.instance.gemeente_id
            lid.save()
        for weg in formset.deleted_objects:
            weg.delete()
