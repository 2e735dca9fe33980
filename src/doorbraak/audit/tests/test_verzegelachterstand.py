"""The sealing lag that operations watch: the age of the oldest entry no seal covers yet, on the
metrics endpoint; zero once the sealer has run."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from doorbraak.audit.selectors import oudste_onverzegelde_seconden
from doorbraak.audit.taken import verzegel
from doorbraak.audit.tests.test_keten import schrijf

pytestmark = pytest.mark.django_db


def test_achterstand_is_de_leeftijd_van_de_oudste_onverzegelde_verwerking(
    gemeente, andere_gemeente, monkeypatch
):
    assert oudste_onverzegelde_seconden() == 0.0
    schrijf(gemeente, aantal=2)
    verzegel()
    assert oudste_onverzegelde_seconden() == 0.0
    schrijf(andere_gemeente, aantal=1)  # only this one waits
    later = timezone.now() + timedelta(minutes=10)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert 599 <= oudste_onverzegelde_seconden() <= 601


def _achterstand(client) -> float:
    tekst = client.get("/metrics", HTTP_AUTHORIZATION="Bearer t0ken").content.decode()
    waarde = re.search(r"^doorbraak_verwerkingen_onverzegeld_seconden (\S+)$", tekst, re.M)
    return float(waarde.group(1))


def test_achterstand_staat_in_de_metrieken(client, gemeente, monkeypatch):
    schrijf(gemeente, aantal=1)
    with override_settings(METRICS_TOKEN="t0ken"):
        later = timezone.now() + timedelta(seconds=30)
        with monkeypatch.context() as m:
            m.setattr(timezone, "now", lambda: later)
            assert _achterstand(client) >= 29
        verzegel()
        assert _achterstand(client) == 0.0
