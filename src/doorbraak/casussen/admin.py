from django.contrib import admin

from doorbraak.casussen.models import Leefgebied
from doorbraak.organisaties.beheer import GemeenteBeheerMixin


@admin.register(Leefgebied)
class LeefgebiedAdmin(GemeenteBeheerMixin, admin.ModelAdmin):
    """Life domains are configurable per gemeente; case data itself is not in the admin."""

    list_display = ["naam", "code", "volgorde", "actief", "gemeente"]
    list_filter = ["actief"]
    ordering = ["gemeente", "volgorde"]
