"""Request id: taken from X-Request-ID when it is safe, otherwise generated; kept for the log."""

import logging
import re
import uuid
from contextvars import ContextVar
from functools import lru_cache
from types import SimpleNamespace

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import BadHeaderError
from django.http.response import ResponseHeaders

_request_id: ContextVar[str] = ContextVar("request_id", default="-")
_VEILIG = re.compile(r"[A-Za-z0-9._-]{1,64}")  # the whole value (fullmatch)


def huidige_request_id() -> str:
    return _request_id.get()


def zet_request_id(request_id: str) -> None:
    """Outside a request (a background job): the id that its log lines carry."""
    _request_id.set(request_id)


def met_alleen_kop(request, naam: str) -> SimpleNamespace:
    """A stand-in for `request` whose `headers` hold only the header `naam`, read from META:
    for library code that reads one header through `request.headers`, which builds a mapping
    of every header of the request for it (issue 19). The same value: `request.headers` finds
    it in META under this key."""
    sleutel = "HTTP_" + naam.upper().replace("-", "_")
    meta = request.META
    return SimpleNamespace(headers={naam.lower(): meta[sleutel]} if sleutel in meta else {})


def kop_zetten(response, naam: str, waarde: str) -> None:
    """`response[naam] = waarde` for a value that Django stores as it is (printable ASCII here:
    a request id checked by `_VEILIG` or a uuid's hex, an HTTP date, or a value that
    `ongewijzigde_kop` has checked): what Django's ResponseHeaders would store, without checking
    and converting it again on every response (issue 19)."""
    response.headers._store[naam.lower()] = (naam, waarde)


def heeft_kop(response, naam: str) -> bool:
    """`naam in response` for a name already in lower case, without Django's two calls per name
    (issue 19); the one other place besides `kop_zetten` that reads Django's header store."""
    return naam in response.headers._store


@lru_cache(maxsize=64)  # a handful of constant values (policy, Cache-Control, API version)
def ongewijzigde_kop(waarde: str) -> bool:
    """Whether Django stores this header value unchanged (no newline, latin-1, not MIME-encoded)."""
    try:
        return ResponseHeaders({"X": waarde})["X"] == waarde and waarde.isascii()
    except BadHeaderError:
        return False


def vaste_kop_zetten(response, naam: str, waarde: str) -> None:
    """`response[naam] = waarde` for a value that is the same on every response (a policy,
    Cache-Control, the API version): the short way once `ongewijzigde_kop` has found that Django
    stores it as it is, Django's own way (which converts or refuses it) otherwise."""
    if ongewijzigde_kop(waarde):
        kop_zetten(response, naam, waarde)
    else:
        response[naam] = waarde


class RequestIdMiddleware:
    """The id stays set until the request has finished (`request_klaar`), not only until this
    middleware returns: Django logs a 4xx or 5xx (django.request) after the whole middleware
    stack has returned, and that line carries the request's id too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        aangeleverd = request.META.get("HTTP_X_REQUEST_ID", "")  # request.headers builds all
        request_id = aangeleverd if _VEILIG.fullmatch(aangeleverd) else uuid.uuid4().hex
        request.request_id = request_id
        _request_id.set(request_id)
        response = self.get_response(request)
        kop_zetten(response, "X-Request-ID", request_id)
        return response


@receiver(request_finished, dispatch_uid="request_id.klaar")
def request_klaar(**_kwargs) -> None:
    _request_id.set("-")


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True
