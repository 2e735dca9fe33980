"""Django's LocaleMiddleware, without looking for a language in the URL where no URL can carry
one (no `i18n_patterns`, as here): Django then never uses what it finds there, so the same
language, `Vary: Accept-Language` and `Content-Language` come out. With language prefixes in
the URLs, Django's own code runs. Measured on the dossier API (issue 19)."""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


def _met_taal_in_url(request) -> bool:
    return is_language_prefix_patterns_used(getattr(request, "urlconf", settings.ROOT_URLCONF))[0]


class TaalMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if _met_taal_in_url(request):
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        if _met_taal_in_url(request):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
