"""Ages beside dates (issue 17): `{{ datum|relatief }}` → 'over 2 weken',
`{{ lid.geboortedatum|leeftijd }}` → 12. The wording lives in `doorbraak.opmaak`; today is the
local date of the request."""

from datetime import date, datetime

from django import template
from django.utils import timezone

from doorbraak import opmaak

register = template.Library()


def _dag(waarde: date | datetime) -> date:
    if isinstance(waarde, datetime):
        return timezone.localdate(waarde) if timezone.is_aware(waarde) else waarde.date()
    return waarde


@register.filter
def relatief(waarde: date | datetime | None) -> str:
    if not waarde:
        return ""
    return opmaak.relatief(_dag(waarde), timezone.localdate())


@register.filter
def leeftijd(geboortedatum: date | None) -> int | str:
    if not geboortedatum:
        return ""
    return opmaak.leeftijd(geboortedatum, timezone.localdate())
