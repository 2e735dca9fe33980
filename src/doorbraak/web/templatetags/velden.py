"""Render a form field the NL Design System way: label, hint and error tied to the input."""

from django import template
from django.forms import BoundField

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
