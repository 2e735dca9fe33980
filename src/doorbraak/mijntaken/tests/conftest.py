"""The budget app's funds, people and case, with e-mail addresses, and a real SMTP server."""

import socket

import pytest

from doorbraak.budget.tests.conftest import (  # noqa: F401 - the budget app's fixtures
    casus,
    fondsen,
    maak_aanvraag,
    mensen,
)


@pytest.fixture
def met_email(request):
    wie = request.getfixturevalue("mensen")
    for m in wie.values():
        m.email = f"{m.username}@peelstad.example"
        m.save(update_fields=["email"])
    return wie


class Opvanger:
    """An SMTP server's handler that keeps what arrives."""

    def __init__(self):
        self.berichten = []

    async def handle_DATA(self, server, session, envelope):
        self.berichten.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """aiosmtpd on a free local port; Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    opvanger = Opvanger()
    server = Controller(opvanger, hostname="127.0.0.1", port=poort)
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", poort
    settings.EMAIL_USE_TLS = False
    yield opvanger
    server.stop()
