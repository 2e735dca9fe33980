"""The WSGI application as gunicorn calls it, for the tests of the token's short stack."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from doorbraak.config import tokenpad


@pytest.fixture
def verdeler():
    # As Django's test client does: the request signals must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield tokenpad.Verdeler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
