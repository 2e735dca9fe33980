"""Retention in the admin: the functioneel beheerder sets the gemeente's bewaartermijnen and
reads the log of the runs (which cannot be edited)."""

from django.contrib import admin

from doorbraak.audit.models import Bewaarrun, Bewaartermijnen
from doorbraak.organisaties.beheer import GemeenteBeheerMixin


@admin.register(Bewaartermijnen)
class BewaartermijnenAdmin(GemeenteBeheerMixin, admin.ModelAdmin):
    list_display = ["gemeente", "casusdossier_maanden", "regelcheck_feiten_maanden", "gewijzigd_op"]

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.gemeente_id = request.user.gemeente_id
        super().save_model(request, obj, form, change)


@admin.register(Bewaarrun)
class BewaarrunAdmin(GemeenteBeheerMixin, admin.ModelAdmin):
    list_display = ["gestart_op", "peildatum", "proefdraai", "door"]
    readonly_fields = ["gemeente", "gestart_op", "peildatum", "proefdraai", "aantallen", "door"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False
