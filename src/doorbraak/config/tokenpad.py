"""API requests with a token go through a shorter middleware stack.

A request that authenticates with `Authorization: Token …` and carries no session cookie has no
use for the session machinery: the session, its CSRF check, the signed-in user from the session,
the second factor of a session, messages, the login throttle (`axes`, for sign-ins) and static
files, and the table's gate for pages (which lets every /api/ path through). Everything else
runs as for every request: the security headers, the request id, the metrics, the language, the
API version, the NUL check, the CSP, no-store, the replica routing.
DRF authenticates the token in the view, as on the full stack (the table's permission class
included); the dossier read does that in its one statement (`casussen.api.CasusView.dispatch`).
Measured on the dossier API (issue 19): see bench/results/dossier-api.md.
"""

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
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


class TokenHandler(WSGIHandler):
    """Django's handler with the short stack. Django reads the list from the settings once, when
    the handler is made (at startup, before any request), so it is swapped in for that moment."""

    def load_middleware(self, is_async: bool = False) -> None:
        volledig = settings.MIDDLEWARE
        settings.MIDDLEWARE = korte_stack()
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = volledig


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
