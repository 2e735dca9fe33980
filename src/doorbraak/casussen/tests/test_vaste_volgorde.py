"""Rows that tie on what a list is ordered by (two timeline entries or status changes at the same
moment, two helpers of the same organisation and role, items without a set volgorde) come in the
same order on every read, the id last: otherwise the database's own order decides, and the
dossier page, its stored copy and the API could each show them differently."""

import datetime

import pytest
from django.utils import timezone

from doorbraak.casussen.models import (
    Actie,
    Doorbraakplan,
    Hulpverlener,
    Knelpunt,
    MeldcodeAfweging,
    Statuswijziging,
    TijdlijnItem,
)
from doorbraak.casussen.tests.factories import CasusFactory

pytestmark = pytest.mark.django_db

MOMENT = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 30))


def _rijen(casus, model):
    velden = {"casus": casus, "gemeente": casus.gemeente}
    if model is TijdlijnItem:
        return [TijdlijnItem(soort="notitie", tekst=f"n{i}", **velden) for i in range(8)]
    if model is Statuswijziging:
        return [Statuswijziging(van="aangemeld", naar="plan", **velden) for _ in range(8)]
    if model is Hulpverlener:
        return [Hulpverlener(organisatie="Wijkteam", rol="Begeleider", **velden) for _ in range(8)]
    if model is MeldcodeAfweging:
        return [MeldcodeAfweging(besluit="hulp", toelichting="t", **velden) for _ in range(8)]
    plan = Doorbraakplan.objects.get(casus=casus)
    return [model(plan=plan, gemeente=casus.gemeente, omschrijving=f"o{i}") for i in range(8)]


@pytest.mark.parametrize(
    "model", [TijdlijnItem, Statuswijziging, Hulpverlener, MeldcodeAfweging, Knelpunt, Actie]
)
def test_gelijke_waarden_in_vaste_volgorde(gemeente, model):
    casus = CasusFactory(huishouden__gemeente=gemeente)
    bestaand = set(model.objects.values_list("pk", flat=True))
    for rij in _rijen(casus, model):
        rij.save()
    nieuw = model.objects.exclude(pk__in=bestaand)
    for veld in ("op", "aangemaakt_op"):  # the same moment for all
        if any(f.name == veld for f in model._meta.fields):
            nieuw.update(**{veld: MOMENT})
    gelezen = list(nieuw.values_list("pk", flat=True))
    # Ties broken by id, in the direction of the list (newest first: the id descending).
    assert gelezen == sorted(gelezen, reverse=model._meta.ordering[0].startswith("-"))
    assert list(nieuw.values_list("pk", flat=True)) == gelezen
