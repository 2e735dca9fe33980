"""Response headers for personal data: nothing a signed-in user sees is kept in a cache."""

from django.utils.cache import add_never_cache_headers, patch_cache_control


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
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
