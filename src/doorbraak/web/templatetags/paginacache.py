"""`{% paginadeel %}…{% endpaginadeel %}`: a page part rendered once per version of what it
shows (see doorbraak.web.paginacache for the key, the view's side and how to plug in)."""

from django import template

from doorbraak.web import paginacache

register = template.Library()


class PaginadeelNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        token = context.get("csrf_token")
        opgehaald = context.get("paginadeel")
        if opgehaald is not None:
            return paginacache.met_token(opgehaald, token)
        sleutel = context.get("paginasleutel")
        if not sleutel or not token or str(token) == "NOTPROVIDED":
            return self.nodelist.render(context)
        with context.push(csrf_token=paginacache.plaatshouder()):
            inhoud = self.nodelist.render(context)
        paginacache.bewaren(sleutel, str(inhoud), context.get("paginaplek"))
        return paginacache.met_token(inhoud, token)


@register.tag
def paginadeel(parser: template.base.Parser, token: template.base.Token) -> PaginadeelNode:
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("'paginadeel' neemt geen argumenten.")
    nodelist = parser.parse(("endpaginadeel",))
    parser.delete_first_token()
    return PaginadeelNode(nodelist)
