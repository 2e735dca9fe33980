"""Filters on the case list (API and worklist alike)."""

import django_filters
from django.db.models import QuerySet

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

    def qs_zonder(self, *namen: str) -> QuerySet[Casus]:
        """The cases filtered on every field except `namen` (the worklist counts per status
        over the other filters): none when one of those other fields is invalid."""
        if set(self.form.errors) - set(namen):
            return self.queryset.none()
        qs = self.queryset
        for naam, waarde in self.form.cleaned_data.items():
            if naam not in namen:
                qs = self.filters[naam].filter(qs, waarde)
        return qs
