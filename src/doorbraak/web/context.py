"""The gemeente's own look: its design tokens and logo, on every page of its medewerkers."""

from django.http import HttpRequest


def huisstijl(request: HttpRequest) -> dict:
    gebruiker = getattr(request, "user", None)
    gemeente = (
        getattr(gebruiker, "gemeente", None) if gebruiker and gebruiker.is_authenticated else None
    )
    if gemeente is None:
        return {}
    # Token names and values are validated on save (Gemeente.clean), so they are safe in a style.
    tokens = "; ".join(f"{naam}: {waarde}" for naam, waarde in sorted(gemeente.huisstijl.items()))
    return {"huisstijl_tokens": tokens, "gemeente_logo": bool(gemeente.logo)}
