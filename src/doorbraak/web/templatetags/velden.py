"""Render a form field the NL Design System way: label, hint and error tied to the input."""

from datetime import date, datetime

from django import template
from django.forms import BoundField
from django.utils import timezone

from doorbraak import opmaak

register = template.Library()


@register.inclusion_tag("web/veld.html")
def veld(bound: BoundField, verborgen_label: bool = False) -> dict:
    beschreven_door = []
    if bound.help_text:
        beschreven_door.append(f"{bound.auto_id}-hint")
    attrs = {}
    if bound.errors:
        beschreven_door.append(f"{bound.auto_id}-fout")
        attrs["aria-invalid"] = "true"
        attrs["class"] = f"{bound.field.widget.attrs.get('class', '')} is-invalid".strip()
    if beschreven_door:
        attrs["aria-describedby"] = " ".join(beschreven_door)
    if bound.field.required:
        attrs["aria-required"] = "true"
    return {
        "veld": bound,
        "invoer": bound.as_widget(attrs=attrs),
        "verborgen_label": verborgen_label,
        "is_vinkje": bound.widget_type == "checkbox",
    }


register.filter("euro", opmaak.euro)
# Numbers, percentages and the one date style (dd-mm-jjjj), all from `opmaak`.
register.filter("datum", opmaak.datum)
register.filter("tijd", opmaak.tijd)
register.filter("iso", opmaak.uit_iso)


@register.filter
def leesbaar(code):
    """A stored value without a label of its own ('niet_mogelijk') as words: 'niet mogelijk'."""
    return str(code).replace("_", " ") if code is not None else opmaak.LEEG


register.filter("dagdatum", opmaak.dagdatum)
register.filter("maand", opmaak.maand)


@register.filter
def datumtijd(waarde, seconden=""):
    return opmaak.datumtijd(waarde, seconden=seconden == "seconden")


@register.filter
def getal(waarde, plaatsen=None):
    return opmaak.getal(waarde, None if plaatsen in (None, "") else int(plaatsen))


@register.filter
def procent(fractie, plaatsen=None):
    return opmaak.procent(fractie, None if plaatsen in (None, "") else int(plaatsen))


# --- ages beside dates: `{{ datum|relatief }}` → 'over 2 weken', `{{ geboortedatum|leeftijd }}`
# → 12 (the wording lives in `doorbraak.opmaak`; today is the local date of the request)


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
