"""A template part rendered once per key and kept per process (`{% hoofdmenu %}`,
`{% lege_velden %}`): the subclass's key names everything the part depends on, or is None when
the part must be rendered as usual. Bounded: a full store is emptied, not grown.

The viewer's CSRF token may stand in a kept part (`{% csrf_token %}`, `{{ csrf_token }}`): it
is kept as a placeholder and filled in per response, as `web.paginacache` does, so no token is
ever shared."""

from django import template
from django.template.loader_tags import BlockNode
from django.utils.safestring import mark_safe

from doorbraak.web import paginacache


class Voorraad(dict):
    """What a process keeps of rendered parts or pages, at most `grootte` keys: a full store is
    emptied, not grown (the parts in use are soon rendered and kept again)."""

    def __init__(self, grootte: int) -> None:
        super().__init__()
        self.grootte = grootte

    def bewaar(self, sleutel: tuple, waarde):
        if len(self) >= self.grootte:
            self.clear()
        self[sleutel] = waarde
        return waarde


class BewaardeNode(template.Node):
    grootte = 256  # keys kept per process
    # A kept part is rendered as a whole, so no {% block %} may stand in it (its content would
    # come from the page, not from the key). Its nodes are left out of `get_nodes_by_type`:
    # `{% extends %}` looks for the root template's blocks that way on every page it renders,
    # which walked through the whole main menu each time.
    child_nodelists = ()

    def __init__(self, nodelist: template.NodeList) -> None:
        if nodelist.get_nodes_by_type(BlockNode):
            raise template.TemplateSyntaxError(
                "Een {% block %} kan niet in een bewaard deel staan."
            )
        self.nodelist = nodelist
        self.bewaard = Voorraad(self.grootte)  # key: (content, holds the token)

    def sleutel(self, context: template.Context) -> tuple | None:
        raise NotImplementedError

    def render(self, context: template.Context) -> str:
        sleutel = self.sleutel(context)
        if sleutel is None:
            return self.nodelist.render(context)
        bewaard = self.bewaard.get(sleutel)
        if bewaard is None:
            plaatshouder = paginacache.plaatshouder()
            with context.push(csrf_token=plaatshouder):
                inhoud = self.nodelist.render(context)
            bewaard = self.bewaard.bewaar(sleutel, (inhoud, plaatshouder in inhoud))
        inhoud, met_token = bewaard
        if met_token:
            token = context.get("csrf_token")
            if not token or str(token) == "NOTPROVIDED":  # no request: no token to fill in
                return self.nodelist.render(context)
            return paginacache.met_token(inhoud, token)
        return mark_safe(inhoud)  # noqa: S308 - rendered by the template engine, escaped there
