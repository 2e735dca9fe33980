"""Render a form field the NL Design System way: label, hint and error tied to the input."""

from datetime import date, datetime

from django import template
from django.forms import BoundField, ChoiceField
from django.urls import get_script_prefix
from django.utils import timezone, translation

from doorbraak import opmaak
from doorbraak.web.bewaard import BewaardeNode

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


# --- an empty form's fields, rendered once -----------------------------------------------------
# `{% lege_velden form %}{% veld form.a %}{% veld form.b %}{% endlege_velden %}`: the fields of a
# form nobody has filled in yet look the same for every viewer of a page, so they are rendered
# once per (form, its choices, language) and kept per process, like the main menu. A bound form
# (entered values), one with errors set on it or with initial values is rendered as usual. Only
# {% veld %}s of that form belong inside (no CSRF token, no names, nothing else from the context).

LEGE_VELDEN_GROOTTE = 256


class LegeVeldenNode(BewaardeNode):
    grootte = LEGE_VELDEN_GROOTTE

    def __init__(self, formulier: template.base.FilterExpression, nodelist: template.NodeList):
        super().__init__(nodelist)
        self.formulier = formulier

    def sleutel(self, context: template.Context) -> tuple | None:
        form = self.formulier.resolve(context)
        if form is None or form.is_bound or form.initial or form.errors:
            return None
        return (
            type(form),
            form.prefix,
            translation.get_language(),
            *(
                (naam, tuple((k, str(v)) for k, v in veld.choices))
                for naam, veld in form.fields.items()
                if isinstance(veld, ChoiceField)
            ),
        )


def _blok_met_een_waarde(parser, token, node: type, wat: str):
    """`{% naam waarde %}…{% endnaam %}` as `node(waarde, inhoud)`: the parsing both tags below
    share."""
    naam, *waarden = token.split_contents()
    if len(waarden) != 1:
        raise template.TemplateSyntaxError(f"'{naam}' neemt één {wat}.")
    nodelist = parser.parse((f"end{naam}",))
    parser.delete_first_token()
    return node(parser.compile_filter(waarden[0]), nodelist)


@register.tag
def lege_velden(parser: template.base.Parser, token: template.base.Token) -> LegeVeldenNode:
    return _blok_met_een_waarde(parser, token, LegeVeldenNode, "formulier")


# --- a part of a page that depends on a few values only ----------------------------------------
# `{% bewaard sleutel %}…{% endbewaard %}`: rendered once per value of `sleutel` (a tuple the view
# works out from everything the part shows: the worklist's filter form from the filters chosen
# and the gemeente's doelgroepen) and the active language, and kept per process like the main
# menu. `sleutel` None: rendered as usual (e.g. when it would hold free text that was typed).
# Nothing inside may depend on anything else (no user, no counts); the CSRF token may
# (web.bewaard fills it in per response).

BEWAARD_GROOTTE = 256


class BewaardNode(BewaardeNode):
    grootte = BEWAARD_GROOTTE

    def __init__(self, sleutel: template.base.FilterExpression, nodelist: template.NodeList):
        super().__init__(nodelist)
        self.waarde = sleutel

    def sleutel(self, context: template.Context) -> tuple | None:
        waarde = self.waarde.resolve(context)
        if waarde is None:
            return None
        return (waarde, translation.get_language(), get_script_prefix())


@register.tag
def bewaard(parser: template.base.Parser, token: template.base.Token) -> BewaardNode:
    return _blok_met_een_waarde(parser, token, BewaardNode, "sleutel")
