"""The dossier page's requests (`budget.selectors.aanvragen_van_casus`, SQL written once) are
what `casus.aanvragen.select_related("fonds").order_by("aangemaakt_op", "pk")` gives: the same
requests in the same order (the id deciding between equal moments), each with its fund without
a query of its own, and none under another gemeente."""

import pytest

from doorbraak.budget import selectors
from doorbraak.budget.models import Aanvraag
from doorbraak.casussen.models import Casus

pytestmark = pytest.mark.django_db


def test_de_aanvragen_van_een_casus_zijn_die_van_de_orm(
    fondsen, mensen, casus, maak_aanvraag, andere_gemeente, django_assert_num_queries
):
    gemaakt = [
        maak_aanvraag(mensen["regisseur"], bedrag=bedrag, vorm=vorm)
        for bedrag, vorm in (("10.00", "om_niet"), ("20.50", "lening"), ("30.00", "om_niet"))
    ]
    # two at the same moment as the first: the id decides, as in the ORM's ordering
    later = Aanvraag.objects.filter(pk__in=[a.pk for a in gemaakt[1:]])
    later.update(aangemaakt_op=gemaakt[0].aangemaakt_op)
    verwacht = list(casus.aanvragen.select_related("fonds").order_by("aangemaakt_op", "pk"))

    with django_assert_num_queries(1):
        gelezen = selectors.aanvragen_van_casus(casus=casus)
        fondsen_gelezen = [a.fonds.naam for a in gelezen]

    assert [a.pk for a in gelezen] == [a.pk for a in verwacht]
    assert fondsen_gelezen == [a.fonds.naam for a in verwacht]
    for a, b in zip(gelezen, verwacht, strict=True):
        velden = [f.attname for f in Aanvraag._meta.concrete_fields]
        assert [getattr(a, v) for v in velden] == [getattr(b, v) for v in velden]
        assert (a.get_vorm_display(), a.get_status_display()) == (
            b.get_vorm_display(),
            b.get_status_display(),
        )
    ander = Casus(pk=casus.pk, gemeente_id=andere_gemeente.pk)
    assert selectors.aanvragen_van_casus(casus=ander) == []
