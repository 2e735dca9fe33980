"""NL API Design Rules: every API response carries the API-Version header."""

from django.conf import settings
from django.http import JsonResponse

from doorbraak.config.middleware import vaste_kop_zetten


class ApiVersionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            vaste_kop_zetten(response, "API-Version", settings.API_VERSION)
        return response


class NulTekenMiddleware:
    """A NUL character in a query parameter (its name or value) is refused with a 400 naming it,
    before any view can pass it to PostgreSQL (which cannot store it: a DataError, a 500). JSON
    bodies are checked by the parser (`doorbraak.api.parsers`), forms by Django's own fields."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.META.get("QUERY_STRING"):  # no parameters: nothing to parse (issue 19)
            return self.get_response(request)
        for naam, waarden in request.GET.lists():
            if "\x00" in naam or any("\x00" in w for w in waarden):
                return self._weiger(request, naam.replace("\x00", ""))
        return self.get_response(request)

    @staticmethod
    def _weiger(request, naam: str):
        from doorbraak.api.fouten import PROBLEM, problem
        from doorbraak.web.views.foutpaginas import fout_400

        if not request.path.startswith("/api/"):
            return fout_400(request)
        melding = "Een parameter mag geen NUL-teken (\\u0000) bevatten."
        return JsonResponse(
            problem(400, melding, invalid_params=[{"name": naam, "reason": melding}]),
            status=400,
            content_type=PROBLEM,
        )
