"""Render a form field the NL Design System way: label, hint and error tied to the input."""

from decimal import Decimal, InvalidOperation

from django import template
from django.forms import BoundField

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


@register.filter
def euro(bedrag) -> str:
    """€ 1.234,56 — Dutch notation, for amounts shown to people."""
    if bedrag is None or bedrag == "":
        return "—"
    try:
        bedrag = Decimal(str(bedrag))
    except InvalidOperation:
        return str(bedrag)
    tekst = f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {tekst}"
