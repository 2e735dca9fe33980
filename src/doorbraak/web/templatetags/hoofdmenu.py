"""`{% hoofdmenu %}…{% endhoofdmenu %}`: the shared layout's main menu, rendered once per
combination of what it depends on instead of on every page (its role checks, `{% url %}`s and
translations were a large part of a short page's rendering).

The menu may depend on nothing but the viewer's roles, the current page's URL name, the active
language and the URL configuration: those make the key. Anything that differs otherwise (a
count, a name, a CSRF token, a setting per gemeente) does not belong inside the tag; the Mijn
taken counter is fetched by htmx after the page loads, so it may stand in it.

`{% gebruikersdeel %}` (who is signed in, and the logout form) and `{% voet %}` (the footer with
the language form) are kept the same way, each on what it shows: the medewerker's id, name and
gemeente; the language. The CSRF token in their forms is filled in per response
(web.bewaard); the page's own address (the language form's `next`) stays outside them.
"""

from django import template
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation

from doorbraak.web.bewaard import BewaardeNode

register = template.Library()

GROOTTE = 512  # keys kept per process: role combinations × menu pages × languages


class HoofdmenuNode(BewaardeNode):
    grootte = GROOTTE

    def sleutel(self, context: template.Context) -> tuple | None:
        request = context.get("request")
        gebruiker = getattr(request, "user", None)
        if request is None or gebruiker is None:
            return None
        pagina = request.resolver_match.url_name if request.resolver_match else None
        return (
            tuple(sorted(getattr(gebruiker, "rollen", None) or ())),
            pagina,
            translation.get_language(),
            get_script_prefix(),
            str(get_urlconf()),
        )


@register.tag
def hoofdmenu(parser: template.base.Parser, token: template.base.Token) -> BewaardeNode:
    return _blok(parser, token, HoofdmenuNode)


class GebruikersdeelNode(BewaardeNode):
    grootte = GROOTTE

    def sleutel(self, context: template.Context) -> tuple | None:
        gebruiker = context.get("user")
        if gebruiker is None or not getattr(gebruiker, "is_authenticated", False):
            return None
        gemeente = gebruiker.gemeente
        return (
            gebruiker.pk,
            gebruiker.naam,
            str(gemeente) if gemeente else "",
            translation.get_language(),
            get_script_prefix(),
            str(get_urlconf()),
        )


class VoetNode(BewaardeNode):
    def sleutel(self, context: template.Context) -> tuple | None:
        return (translation.get_language(), get_script_prefix(), str(get_urlconf()))


def _blok(parser: template.base.Parser, token: template.base.Token, node: type) -> BewaardeNode:
    naam = token.split_contents()
    if len(naam) != 1:
        raise template.TemplateSyntaxError(f"'{naam[0]}' neemt geen argumenten.")
    nodelist = parser.parse((f"end{naam[0]}",))
    parser.delete_first_token()
    return node(nodelist)


@register.tag
def gebruikersdeel(parser: template.base.Parser, token: template.base.Token) -> BewaardeNode:
    return _blok(parser, token, GebruikersdeelNode)


@register.tag
def voet(parser: template.base.Parser, token: template.base.Token) -> BewaardeNode:
    return _blok(parser, token, VoetNode)
