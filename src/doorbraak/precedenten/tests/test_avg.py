"""The AVG around precedents: the household's inzage shows the precedent made from its case and
the motivation of a deviation; after the retention period the motivation goes and the
anonymised precedent stays, cut loose from the request."""

import datetime

import pytest
from django.utils import timezone

from doorbraak.audit import bewaartermijnen
from doorbraak.audit.inzage import inzage_samenstellen
from doorbraak.casussen.models import Casus
from doorbraak.casussen.status import CasusStatus
from doorbraak.precedenten.models import Afwijking, Precedent
from doorbraak.precedenten.tests.conftest import precedent_van

pytestmark = pytest.mark.django_db


@pytest.fixture
def met_afwijking(besliste_casus, mensen):
    casus, aanvraag = besliste_casus
    p = precedent_van(aanvraag)
    Afwijking.objects.create(
        gemeente_id=casus.gemeente_id,
        aanvraag=aanvraag,
        signalen=["bedrag_ver_boven"],
        motivering="Twee kamers beschadigd.",
        door=mensen["manager"],
    )
    return casus, p


def test_inzage_toont_precedent_en_afwijking(met_afwijking, privacy):
    casus, p = met_afwijking
    inzage = inzage_samenstellen(medewerker=privacy, huishouden_id=casus.huishouden_id)
    assert [r["id"] for r in inzage["gegevens"]["precedenten"]] == [str(p.pk)]
    assert inzage["gegevens"]["afwijkingen_van_precedenten"][0]["motivering"] == (
        "Twee kamers beschadigd."
    )


def test_bewaartermijn_ontkoppelt_het_precedent_en_wist_de_afwijking(met_afwijking):
    casus, p = met_afwijking
    lang_geleden = timezone.now() - datetime.timedelta(days=20 * 365)
    Casus.objects.filter(pk=casus.pk).update(
        status=CasusStatus.AFGESLOTEN, afgesloten_op=lang_geleden
    )
    aantallen = bewaartermijnen.bewaartermijnen_toepassen(
        gemeente_id=casus.gemeente_id, proefdraai=False
    )
    assert aantallen["precedenten_ontkoppeld"] == 1 and aantallen["afwijkingen"] == 1
    blijft = Precedent.objects.get(pk=p.pk)
    assert blijft.aanvraag_id is None and blijft.bedrag == p.bedrag
    assert blijft.knelpunttekst == p.knelpunttekst  # the anonymised content stays
    assert Afwijking.objects.get().motivering == ""
