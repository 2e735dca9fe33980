"""The sealing lag that operations watch: the age of the oldest entry no seal covers yet, on the
metrics endpoint; zero once the sealer has run."""

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


def test_achterstand_staat_in_de_metrieken(client, gemeente):
    schrijf(gemeente, aantal=1)
    with override_settings(METRICS_TOKEN="t0ken"):
        tekst = client.get("/metrics", HTTP_AUTHORIZATION="Bearer t0ken").content.decode()
        assert "doorbraak_verwerkingen_onverzegeld_seconden " in tekst
        assert "doorbraak_verwerkingen_onverzegeld_seconden 0.0" not in tekst
        verzegel()
        tekst = client.get("/metrics", HTTP_AUTHORIZATION="Bearer t0ken").content.decode()
    assert "doorbraak_verwerkingen_onverzegeld_seconden 0.0" in tekst
