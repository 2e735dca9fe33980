"""The gate that reads the table of who may do what (`bevoegdheden`) before any view runs: a
role the table refuses never reaches validation or a service. The services still make the finer
checks (mandates, the chair of a table, the requester, scope); the table is the outer bound.
API: a DRF permission class. Pages: a middleware."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from doorbraak.organisaties.bevoegdheden import ACTIES, ANONIEM, INGELOGD, regel_voor
from doorbraak.organisaties.selectors import heeft_rol_sql

MELDING = "Uw rol geeft geen toegang tot deze handeling."


def actie_van(request):
    """The table's action for this request's route and method: (action, True); (None, True)
    for a method the route does not have; (None, False) for a route without a rule."""
    match = getattr(request, "resolver_match", None)
    regel = regel_voor(match.route) if match is not None else None
    if regel is None:
        return None, False  # a route without a rule: refused
    methode = "GET" if request.method == "HEAD" else request.method
    return ACTIES.get(regel.acties.get(methode, "")), True


def mag(gebruiker, actie) -> bool:
    if ANONIEM in actie.rollen:
        return True
    if gebruiker is None or not gebruiker.is_authenticated:
        return False
    if actie.rollen >= INGELOGD:
        return True
    return getattr(gebruiker, "heeft_rol", lambda *_: False)(*actie.rollen)


class VolgensTabel(BasePermission):
    message = MELDING

    def has_permission(self, request, view) -> bool:
        actie, bekend = actie_van(request)
        if not bekend:
            return False
        if actie is None:
            return True  # a method the route does not have: the view answers 405
        return mag(request.user, actie)


class TabelMiddleware:
    """The same gate for pages (not the API, which has its permission class, and not the admin,
    which has its own site permission and is in the table for the test)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(("/api/", "/beheer/", "/static/")):
            return None
        actie, bekend = actie_van(request)
        if bekend and actie is None:
            return None
        if bekend and mag(request.user, actie):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(MELDING)


def mag_sql(alias: str, actie) -> str:
    """PostgreSQL: `mag` for the signed-in medewerker `alias` of a statement (one who is
    authenticated, as a valid token's medewerker is)."""
    if ANONIEM in actie.rollen or actie.rollen >= INGELOGD:
        return "TRUE"
    return heeft_rol_sql(alias, actie.rollen)
