"""One mapping from errors to application/problem+json (RFC 9457), naming the invalid fields."""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from doorbraak.audit.weigeringen import weigering_vastleggen
from doorbraak.fouten import DoorbraakFout
from doorbraak.vergrendeling import gelijktijdig

PROBLEM = "application/problem+json"
logger = logging.getLogger(__name__)

TITELS = {
    400: "Ongeldige invoer",
    401: "Niet ingelogd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Formaat niet beschikbaar",
    409: "Conflict met de huidige toestand",
    415: "Mediatype niet ondersteund",
    429: "Te veel verzoeken",
    500: "Interne fout",
    503: "Tijdelijk niet beschikbaar",
}

# The database is unreachable, locked or its connection broke: try again later (503), not a 500.
DATABASE_ONBEREIKBAAR = (OperationalError, InterfaceError)
MELDING_503 = "De database is tijdelijk niet bereikbaar. Probeer het over een minuut opnieuw."
RETRY_AFTER = "60"


# A deadlock (40P01) or a serialisation failure (40001): PostgreSQL rolled the whole transaction
# back, so nothing is half written and the same request may simply be sent again: 409, not 503.
# A safety net only; the services take their locks in one order (doorbraak/vergrendeling.py).
MELDING_GELIJKTIJDIG = (
    "Een andere wijziging van dezelfde gegevens kwam tegelijk binnen. Er is niets opgeslagen; "
    "probeer het opnieuw."
)


def _pad(pad: str, sleutel: object) -> str:
    if isinstance(sleutel, int):  # DRF reports list items as {index: errors}
        return f"{pad}[{sleutel}]"
    if sleutel == "non_field_errors":
        return pad
    return f"{pad}.{sleutel}" if pad else str(sleutel)


def _invalid_params(detail: Any, pad: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested error detail into [{name: 'gezinsleden[1].bsn', reason}]."""
    if isinstance(detail, dict):
        return [
            p
            for sleutel, waarde in detail.items()
            for p in _invalid_params(waarde, _pad(pad, sleutel))
        ]
    if isinstance(detail, list):
        if all(not isinstance(d, dict | list) for d in detail):
            return [{"name": pad, "reason": str(d)} for d in detail]
        return [p for i, d in enumerate(detail) for p in _invalid_params(d, f"{pad}[{i}]") if d]
    return [{"name": pad, "reason": str(detail)}]


def problem(status_code: int, detail: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": f"https://doorbraak.nl/problemen/{status_code}",
        "title": TITELS.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
        **extra,
    }


def problem_exception_handler(exc: Exception, context: dict) -> Response | None:
    geweigerd = exc.status if isinstance(exc, DoorbraakFout) else getattr(exc, "status_code", 0)
    if geweigerd in (403, 404) and isinstance(exc, DoorbraakFout | exceptions.PermissionDenied):
        weigering_vastleggen(context["request"], geweigerd)  # denied accesses are logged
    if isinstance(exc, DoorbraakFout):
        extra = {"invalid_params": [{"name": exc.veld, "reason": exc.melding}]} if exc.veld else {}
        extra.update(getattr(exc, "extra", {}))  # e.g. the available amount with a 409
        body = problem(exc.status, exc.melding, **extra)
        body["title"] = exc.titel
        return Response(body, status=exc.status, content_type=PROBLEM)
    if isinstance(exc, DATABASE_ONBEREIKBAAR) and gelijktijdig(exc):
        logger.warning("Gelijktijdige wijziging afgebroken: %s", exc)
        body = problem(409, MELDING_GELIJKTIJDIG)
        body["title"] = "Gelijktijdige wijziging"
        return Response(body, status=409, content_type=PROBLEM)
    if isinstance(exc, DATABASE_ONBEREIKBAAR):
        logger.error("Database niet bereikbaar: %s", exc)
        return Response(
            problem(503, MELDING_503),
            status=503,
            content_type=PROBLEM,
            headers={"Retry-After": RETRY_AFTER},
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Niet gevonden.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        params = _invalid_params(exc.detail)
        eerste = params[0]["reason"] if params else "Ongeldige invoer."
        response.data = problem(400, eerste, invalid_params=params)
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        response.data = problem(response.status_code, str(detail))
    response.content_type = PROBLEM
    return response


def api_niet_gevonden(request, exception=None) -> JsonResponse:
    """Django's 404 for unknown /api/ paths, as problem+json."""
    return JsonResponse(
        problem(404, "Deze resource bestaat niet."),
        status=status.HTTP_404_NOT_FOUND,
        content_type=PROBLEM,
    )


def api_probleem(status_code: int, detail: str) -> JsonResponse:
    """A problem+json answer outside DRF (Django's own 400/403/500 handlers for /api/ paths)."""
    antwoord = JsonResponse(problem(status_code, detail), status=status_code, content_type=PROBLEM)
    if status_code == 503:
        antwoord["Retry-After"] = RETRY_AFTER
    return antwoord
