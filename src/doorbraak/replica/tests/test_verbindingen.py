"""Django's health check (`SELECT 1` before a request's first query) is skipped for a connection
that finished a request without error less than a second ago, and runs as before otherwise."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import connection

from doorbraak.config import verbindingen

pytestmark = pytest.mark.django_db


def begin_van_verzoek():
    """What Django's start of a request does to the connection (close_old_connections), without
    closing the test's own connection, followed by ours."""
    connection.health_check_done = False
    verbindingen.voor_verzoek()


@pytest.fixture
def controles(monkeypatch):
    """The health checks Django would run (as with CONN_HEALTH_CHECKS), counted."""
    connection.ensure_connection()
    # set by Django's connect(), which the test database's connection may not have passed
    aan = getattr(connection, "health_check_enabled", False)
    connection.health_check_enabled = True
    gedaan = []
    monkeypatch.setattr(connection, "is_usable", lambda: gedaan.append(1) or True)
    yield gedaan
    connection.health_check_enabled = aan


def test_net_gezond_geen_nieuwe_controle(controles):
    verbindingen.na_verzoek()
    begin_van_verzoek()
    connection.close_if_health_check_failed()
    assert controles == []


def test_langer_stil_dan_de_grens_wel_een_controle(controles, monkeypatch):
    verbindingen.na_verzoek()
    monkeypatch.setattr(verbindingen, "VERS_SECONDEN", 0.0)
    begin_van_verzoek()
    connection.close_if_health_check_failed()
    assert controles == [1]


def test_na_een_databasefout_wel_een_controle(controles, monkeypatch):
    monkeypatch.setattr(connection, "doorbraak_gezond_op", None, raising=False)
    monkeypatch.setattr(connection, "errors_occurred", True)
    verbindingen.na_verzoek()
    begin_van_verzoek()
    connection.close_if_health_check_failed()
    assert controles == [1]


def test_nooit_een_verzoek_afgemaakt_wel_een_controle(controles, monkeypatch):
    monkeypatch.setattr(connection, "doorbraak_gezond_op", None, raising=False)
    begin_van_verzoek()
    connection.close_if_health_check_failed()
    assert controles == [1]


def test_zonder_djangos_afhandeling_erna_toch_een_controle(controles):
    """Had Django's start of a request run after ours, its reset wins: the check runs as before.
    The order of the receivers decides only whether a check is skipped, never whether a needed
    one runs."""
    verbindingen.na_verzoek()
    verbindingen.voor_verzoek()
    connection.health_check_done = False  # Django's close_old_connections, after ours
    connection.close_if_health_check_failed()
    assert controles == [1]


def test_aangesloten_op_begin_en_einde_van_elk_verzoek():
    assert verbindingen.voor_verzoek in request_started._live_receivers(None)[0]
    assert verbindingen.na_verzoek in request_finished._live_receivers(None)[0]
