"""Django's LocaleMiddleware, without looking for a language in the URL where no URL can carry
one (no `i18n_patterns`, as here): Django then never uses what it finds there, so the same
language, `Vary: Accept-Language` and `Content-Language` come out. With language prefixes in
the URLs, Django's own middleware runs. Measured on the dossier API (issue 19).

A plain callable, not a MiddlewareMixin layer, and the language a request asks for (Django's
`get_language_from_request`, a pure function of the language cookie and Accept-Language for
the settings) worked out once per pair of values: on the dossier API the layer was a tenth of
the request's Python calls (issue 19)."""

from functools import lru_cache
from types import SimpleNamespace

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from doorbraak.config.middleware import heeft_kop, vaste_kop_zetten


def _met_taal_in_url(request) -> bool:
    return is_language_prefix_patterns_used(getattr(request, "urlconf", settings.ROOT_URLCONF))[0]


# Bounded: both values come from the client (Django cuts Accept-Language at 500 characters
# itself, and caches its parse the same way).
@lru_cache(maxsize=256)
def gevraagde_taal(cookie: str | None, accept_language: str | None) -> str:
    """Django's `get_language_from_request(check_path=False)` for a request with this language
    cookie (None: none) and this Accept-Language header (None: none): it reads nothing else."""
    verzoek = SimpleNamespace(
        COOKIES={} if cookie is None else {settings.LANGUAGE_COOKIE_NAME: cookie},
        META={} if accept_language is None else {"HTTP_ACCEPT_LANGUAGE": accept_language},
    )
    return translation.get_language_from_request(verzoek, check_path=False)


@receiver(setting_changed)
def _talen_vergeten(*, setting, **_kwargs) -> None:
    # what Django's own language caches are cleared for (django.test.signals.language_changed)
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        gevraagde_taal.cache_clear()


class TaalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.django = LocaleMiddleware(get_response)  # for URLs with a language prefix

    def __call__(self, request):
        if _met_taal_in_url(request):
            return self.django(request)
        meta = request.META
        # without a Cookie header (and COOKIES not yet read or set) COOKIES is empty: not parsed
        # for nothing on a token request
        cookie = (
            request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if "HTTP_COOKIE" in meta or "COOKIES" in request.__dict__
            else None
        )
        translation.activate(gevraagde_taal(cookie, meta.get("HTTP_ACCEPT_LANGUAGE")))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        if not heeft_kop(response, "content-language"):  # setdefault, as Django's
            vaste_kop_zetten(response, "Content-Language", translation.get_language())
        return response
