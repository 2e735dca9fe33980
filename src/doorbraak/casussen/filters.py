"""Filters on the case list (API and worklist alike)."""

import django_filters

from doorbraak.casussen.models import Casus, Urgentie
from doorbraak.casussen.status import CasusStatus


class CasusFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CasusStatus.choices)
    doelgroep = django_filters.CharFilter(field_name="doelgroep__code", help_text="Doelgroepcode.")
    medewerker = django_filters.CharFilter(
        field_name="regisseur__username", help_text="Gebruikersnaam van de regisseur."
    )
    urgentie = django_filters.ChoiceFilter(choices=Urgentie.choices)
    zoek = django_filters.CharFilter(
        field_name="huishouden__naam", lookup_expr="icontains", help_text="Deel van de naam."
    )

    class Meta:
        model = Casus
        fields = ["status", "doelgroep", "medewerker", "urgentie", "zoek"]
