"""Security headers: nothing a signed-in user sees is kept in a cache, and the CSP header.

Both run on every response; on the dossier API they were a sixth of the request's own CPU
(issue 19), so what does not change between responses is worked out once per process."""

import time
from functools import cache, lru_cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date

from doorbraak.config.middleware import heeft_kop, kop_zetten, vaste_kop_zetten


@cache
def _nooit_bewaren() -> str:
    """Django's own never-cache Cache-Control (`add_never_cache_headers`), as on a new response."""
    voorbeeld = HttpResponse()
    add_never_cache_headers(voorbeeld)
    return voorbeeld.headers["Cache-Control"]


@lru_cache(maxsize=1)
def _http_datum(seconde: int) -> str:
    """`http_date` of this whole second: the date of every response in the same second (HTTP
    dates have no fractions, `http_date` drops them too), worked out once for all of them."""
    return http_date(seconde)


class GeenOpslagMiddleware:
    """`Cache-Control: no-store` (and private, no-cache) on every response to a signed-in user or
    token, on the API and on pages alike; static files and anonymous pages are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        gebruiker = getattr(request, "user", None)
        ingelogd = gebruiker is not None and gebruiker.is_authenticated
        if ingelogd or request.path.startswith("/api/") or "Authorization" in request.headers:
            if heeft_kop(response, "cache-control") or heeft_kop(response, "expires"):
                add_never_cache_headers(response)  # merged with what the view set
            else:  # what add_never_cache_headers gives a response without either header
                kop_zetten(response, "Expires", _http_datum(int(time.time())))
                vaste_kop_zetten(response, "Cache-Control", _nooit_bewaren())
        return response


# Where a view or a template asks for a policy of its own (django-csp's decorators set these
# on the response, a nonce on the request).
_EIGEN_BELEID = frozenset(
    {
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
        "_csp_exempt",
        "_csp_exempt_ro",
    }
)


@cache
def _vast_beleid() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """Per header (the policy, then report-only) that has a policy: its name, its key in the
    response's headers, its value and the path prefixes it is left off, as django-csp reads
    them from the settings for every response."""
    koppen = []
    for kop, report_only, instelling in (
        (HEADER, False, "CONTENT_SECURITY_POLICY"),
        (HEADER_REPORT_ONLY, True, "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
    ):
        beleid = build_policy(report_only=report_only)
        uitgezonderd = (getattr(settings, instelling, None) or {}).get("EXCLUDE_URL_PREFIXES")
        if beleid:
            koppen.append((kop, kop.lower(), beleid, tuple(uitgezonderd or ())))
    return tuple(koppen)


@receiver(setting_changed)
def _beleid_vergeten(*, setting, **_kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _vast_beleid.cache_clear()


class VastBeleidCSPMiddleware:
    """django-csp's middleware, with the policy of a response that uses no nonce and has no
    policy of its own (every API response, a redirect) built once per process instead of twice
    per response. Everything else goes through django-csp as before. A plain callable around
    django-csp's own middleware, not a MiddlewareMixin layer of its own (issue 19)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.django_csp = CSPMiddleware(get_response)

    def __call__(self, request):
        self.django_csp.process_request(request)  # the request's lazy nonce, as django-csp's
        return self.process_response(request, self.get_response(request))

    def process_response(self, request, response):
        # the decorators set their attributes on the response itself (its __dict__)
        if getattr(request, "_csp_nonce", None) is not None or not _EIGEN_BELEID.isdisjoint(
            response.__dict__
        ):
            return self.django_csp.process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response  # django-csp leaves Django's debug pages alone
        for kop, sleutel, beleid, uitgezonderd in _vast_beleid():
            if not heeft_kop(response, sleutel) and not request.path_info.startswith(uitgezonderd):
                vaste_kop_zetten(response, kop, beleid)
        # as django-csp: a nonce asked for after the header was written is an error
        request.csp_nonce = CheckableLazyObject(self.django_csp._csp_nonce_post_response)
        return response
