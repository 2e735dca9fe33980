"""Django's error handlers: problem+json under /api/, Dutch pages elsewhere.

A database that is down or locked answers 503 (try again later) instead of 500; a deadlock or
serialisation failure (rolled back whole) answers 409 with "try again". The 500 and 503
pages render without the request context: no user, no gemeente, no query — they must work when
the database does not.
"""

import sys

from django.http import HttpResponse
from django.template import loader
from django.views import defaults

from doorbraak.api.fouten import (
    DATABASE_ONBEREIKBAAR,
    MELDING_GELIJKTIJDIG,
    RETRY_AFTER,
    api_probleem,
)
from doorbraak.vergrendeling import gelijktijdig


def _api(request) -> bool:
    return request.path.startswith("/api/")


def _zelfstandig(request, sjabloon: str, status: int, melding: str = "") -> HttpResponse:
    inhoud = loader.get_template(sjabloon).render(
        {"request_id": getattr(request, "request_id", ""), "status": status, "melding": melding}
    )
    return HttpResponse(inhoud, status=status, content_type="text/html; charset=utf-8")


def fout_400(request, exception=None):
    if _api(request):
        return api_probleem(400, "Het verzoek is ongeldig of te groot.")
    from doorbraak.web.views.fouten import OngeldigVerzoek

    # Only a domain message is shown; Django's own 400 reasons may name internals.
    melding = str(exception) if isinstance(exception, OngeldigVerzoek) else ""
    return _zelfstandig(request, "400.html", 400, melding)


def fout_403(request, exception=None):
    if _api(request):
        return api_probleem(403, "U heeft geen toegang tot deze resource.")
    return defaults.permission_denied(request, exception)


def fout_csrf(request, reason=""):
    """A form sent without a valid CSRF token (expired, another tab signed in again, cookies
    refused): a Dutch page that says what to do, instead of Django's English one."""
    if _api(request):
        return api_probleem(403, "Het CSRF-token ontbreekt of is verlopen; vraag een nieuw aan.")
    return _zelfstandig(request, "403_csrf.html", 403)


def fout_500(request):
    fout = sys.exc_info()[1]
    if isinstance(fout, DATABASE_ONBEREIKBAAR) and gelijktijdig(fout):
        # A deadlock or serialisation failure: rolled back whole, so nothing was saved (409).
        if _api(request):
            return api_probleem(409, MELDING_GELIJKTIJDIG)
        return _zelfstandig(request, "409.html", 409)
    onbereikbaar = isinstance(fout, DATABASE_ONBEREIKBAAR)
    if _api(request):
        if onbereikbaar:
            return api_probleem(503, "De database is tijdelijk niet bereikbaar.")
        return api_probleem(500, "Er ging iets mis aan onze kant; de fout is vastgelegd.")
    if onbereikbaar:
        antwoord = _zelfstandig(request, "503.html", 503)
        antwoord["Retry-After"] = RETRY_AFTER
        return antwoord
    return _zelfstandig(request, "500.html", 500)
