"""Many entries at once: PostgreSQL takes at most 65,535 parameters per statement, so the log
writes them in blocks, in one transaction, numbered in order."""

import pytest

from doorbraak.audit import services
from doorbraak.audit.models import Handeling, Verwerking
from doorbraak.audit.services import Vastlegging

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("schrijf", ["leg_vast", "leg_lezen_vast"])
def test_meer_vastleggingen_dan_een_blok(schrijf, monkeypatch, gemeente, regisseur):
    monkeypatch.setattr(services, "BLOK", 3)
    vastleggingen = [
        Vastlegging(Handeling.LEZEN, "casus", f"o{i}", None, None, f"regel {i}") for i in range(7)
    ]
    if schrijf == "leg_vast":
        uit = services.leg_vast(
            gemeente_id=gemeente.pk, door=regisseur, vastleggingen=vastleggingen
        )
        assert [v.omschrijving for v in uit] == [f"regel {i}" for i in range(7)]
        assert all(v.volgnummer for v in uit)
    else:
        services.leg_lezen_vast(gemeente_id=gemeente.pk, door=regisseur, objecten=vastleggingen)
    rijen = list(
        Verwerking.objects.filter(gemeente=gemeente, object_type="casus")
        .order_by("volgnummer")
        .values_list("object_id", flat=True)
    )
    assert rijen == [f"o{i}" for i in range(7)]


def test_een_blok_blijft_onder_de_grens_van_postgresql():
    assert services.BLOK * len(services._KOLOMMEN) <= 65535
