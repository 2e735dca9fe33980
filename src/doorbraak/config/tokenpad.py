"""API requests with a token go through a shorter middleware stack.

A request that authenticates with `Authorization: Token …` and carries no session cookie has no
use for the session machinery: the session, its CSRF check, the signed-in user from the session,
the second factor of a session, messages, the login throttle (`axes`, for sign-ins) and static
files, and the table's gate for pages (which lets every /api/ path through). Everything else
runs as for every request: the security headers, the request id, the metrics, the language, the
API version, the NUL check, the CSP, no-store, the replica routing.
DRF authenticates the token in the view, as on the full stack (the table's permission class
included); the dossier read does that in its one statement (`casussen.api.CasusView.dispatch`).

The dossier read (`GET /api/v1/casussen/{id}`, the API's most requested route) is answered on
this stack without resolving its URL and without DRF's `as_view` wrapper: its path is a fixed
prefix and a UUID, so the route's match is made from the path itself, and the view's one
statement answers (`CasusView.direct`) inside the same middleware as every other request.
Where that statement does not answer, Django's own way follows, URL resolving included.
Measured on the dossier API (issue 19): see bench/results/dossier-api.md.
"""

import re
import uuid
from functools import cached_property

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from django.urls import ResolverMatch, get_script_prefix, resolve, reverse
from django.urls.converters import UUIDConverter
from knox.settings import knox_settings

# Only needed for a request that may be signed in by a session cookie.
ALLEEN_VOOR_SESSIES = frozenset(
    {
        "whitenoise.middleware.WhiteNoiseMiddleware",  # static files: never under /api/
        "django.contrib.sessions.middleware.SessionMiddleware",
        # CSRF concerns cookies; DRF's views are exempt and its session authentication checks it
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "doorbraak.organisaties.tweede_factor.ApparaatMiddleware",  # django-otp's
        "doorbraak.organisaties.tweede_factor.TweedeFactorMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "axes.middleware.AxesMiddleware",
        # the table's gate for pages; on /api/ it passes (the API has its permission class)
        "doorbraak.organisaties.toegangspoort.TabelMiddleware",
    }
)


def korte_stack() -> list[str]:
    """`settings.MIDDLEWARE` in its order, without the session-only middleware."""
    return [m for m in settings.MIDDLEWARE if m not in ALLEEN_VOOR_SESSIES]


class Dossierroute:
    """The dossier route's match made from its path, as Django's resolver makes it: a path of
    the route's prefix and a UUID gets the match Django gave one such path (found when first
    needed), with this UUID as its one argument. Django tries its patterns in order and this
    route is the first at both levels (config.urls, api.urls), so every such path is this
    route's; a path Django would not match (an upper-case UUID) is not matched here either
    (api/tests/test_tokenpad.py)."""

    NAAM = "casus"
    _UUID = UUIDConverter()
    _NUL = str(uuid.UUID(int=0))

    @cached_property
    def _voorbeeld(self) -> tuple[str, re.Pattern, str, ResolverMatch]:
        """The route's prefix (as in path_info, without a SCRIPT_NAME), the UUID's pattern, the
        route's one argument (named as in the URLs) and Django's match of the nil UUID's path."""
        pad = "/" + reverse(self.NAAM, args=[self._NUL])[len(get_script_prefix()) :]
        voorbeeld = resolve(pad)
        (parameter,) = voorbeeld.kwargs
        return pad.removesuffix(self._NUL), re.compile(self._UUID.regex), parameter, voorbeeld

    def match(self, pad: str) -> ResolverMatch | None:
        voorvoegsel, patroon, parameter, voorbeeld = self._voorbeeld
        if not pad.startswith(voorvoegsel) or not patroon.fullmatch(pad, len(voorvoegsel)):
            return None
        kwargs = {parameter: self._UUID.to_python(pad[len(voorvoegsel) :])}
        return ResolverMatch(
            voorbeeld.func,
            voorbeeld.args,
            kwargs,
            voorbeeld.url_name,
            voorbeeld.app_names,
            voorbeeld.namespaces,
            voorbeeld.route,
            voorbeeld.tried,
            captured_kwargs=kwargs,
            extra_kwargs=voorbeeld.extra_kwargs,
        )


class TokenHandler(WSGIHandler):
    """Django's handler with the short stack. Django reads the list from the settings once, when
    the handler is made (at startup, before any request), so it is swapped in for that moment."""

    dossierroute = Dossierroute()

    def load_middleware(self, is_async: bool = False) -> None:
        volledig = settings.MIDDLEWARE
        settings.MIDDLEWARE = korte_stack()
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = volledig
        # What Django's _get_response does between resolving and the view, none of which the
        # direct way does: a middleware's process_view, process_exception or
        # process_template_response (a replica's router has one), or a view in a transaction.
        self.direct = not (
            self._view_middleware
            or self._exception_middleware
            or self._template_response_middleware
            or any(db["ATOMIC_REQUESTS"] for db in connections.settings.values())
        )

    def _get_response(self, request):
        """The dossier read straight to its view's one statement (see the module); everything
        else, and whatever that statement leaves to DRF, Django's own way."""
        match = (
            self.dossierroute.match(request.path_info)
            if self.direct and request.method == "GET" and not hasattr(request, "urlconf")
            else None
        )
        if match is not None:
            request.resolver_match = match
            antwoord = match.func.view_class.direct(request, **match.kwargs)  # CasusView's
            if antwoord is not None:
                return antwoord
        return super()._get_response(request)


def met_token(environ: dict) -> bool:
    """An API request with a token and without a session cookie (with one, the full stack: a
    session that still owes its second factor must get its 401 there)."""
    return (
        environ.get("PATH_INFO", "").startswith("/api/")
        and environ.get("HTTP_AUTHORIZATION", "").startswith(f"{_voorvoegsel()} ")
        and f"{settings.SESSION_COOKIE_NAME}=" not in environ.get("HTTP_COOKIE", "")
    )


def _voorvoegsel() -> str:
    return knox_settings.AUTH_HEADER_PREFIX  # as knox itself reads it (organisaties.tokens too)


class Verdeler:
    """The WSGI application: token requests to the short stack, everything else to the full one."""

    def __init__(self) -> None:
        self.volledig = WSGIHandler()
        self.token = TokenHandler()

    def __call__(self, environ, start_response):
        handler = self.token if met_token(environ) else self.volledig
        return handler(environ, start_response)
