"""Request id: taken from X-Request-ID when it is safe, otherwise generated; kept for the log."""

import logging
import re
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished
from django.dispatch import receiver

_request_id: ContextVar[str] = ContextVar("request_id", default="-")
_VEILIG = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def huidige_request_id() -> str:
    return _request_id.get()


def zet_request_id(request_id: str) -> None:
    """Outside a request (a background job): the id that its log lines carry."""
    _request_id.set(request_id)


class RequestIdMiddleware:
    """The id stays set until the request has finished (`request_klaar`), not only until this
    middleware returns: Django logs a 4xx or 5xx (django.request) after the whole middleware
    stack has returned, and that line carries the request's id too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        aangeleverd = request.META.get("HTTP_X_REQUEST_ID", "")  # request.headers builds all
        request_id = aangeleverd if _VEILIG.match(aangeleverd) else uuid.uuid4().hex
        request.request_id = request_id
        _request_id.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


@receiver(request_finished, dispatch_uid="request_id.klaar")
def request_klaar(**_kwargs) -> None:
    _request_id.set("-")


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True
