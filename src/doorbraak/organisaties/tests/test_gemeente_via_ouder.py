"""A row that belongs to its gemeente through a parent carries that gemeente itself too (the
distribution column for sharding, docs/schaal.md): copied from the parent, never set apart."""

from datetime import date

import pytest

from doorbraak.budget.models import Fonds, Fondsmandaat, Periode
from doorbraak.organisaties.models import Doelgroep, Mandaat, MandaatRol

pytestmark = pytest.mark.django_db


def test_mandaat_neemt_de_gemeente_van_de_doelgroep(gemeente, maak_medewerker):
    m = maak_medewerker(gemeente)
    mph = Doelgroep.objects.create(gemeente=gemeente, code="x", naam="X")
    mandaat = Mandaat.objects.create(medewerker=m, doelgroep=mph, rol=MandaatRol.GO)
    assert Mandaat.objects.get(pk=mandaat.pk).gemeente_id == gemeente.pk


def test_ook_bij_bulk_create_en_een_opgegeven_andere_gemeente_telt_niet(
    gemeente, andere_gemeente, maak_medewerker
):
    m = maak_medewerker(gemeente)
    mph = Doelgroep.objects.create(gemeente=gemeente, code="x", naam="X")
    Mandaat.objects.bulk_create(
        [Mandaat(medewerker=m, doelgroep=mph, rol=MandaatRol.GO, gemeente=andere_gemeente)]
    )
    assert list(Mandaat.objects.values_list("gemeente_id", flat=True)) == [gemeente.pk]


def test_fondsmandaat_en_periode_nemen_de_gemeente_van_het_fonds(gemeente, maak_medewerker):
    fonds = Fonds.objects.create(gemeente=gemeente, code="f", naam="F")
    periode = Periode.objects.create(
        fonds=fonds, naam="2026", van=date(2026, 1, 1), tot=date(2026, 12, 31)
    )
    Fondsmandaat.objects.bulk_create(
        [Fondsmandaat(fonds=fonds, medewerker=maak_medewerker(gemeente), rol=MandaatRol.GO)]
    )
    assert Periode.objects.get(pk=periode.pk).gemeente_id == gemeente.pk
    assert Fondsmandaat.objects.get().gemeente_id == gemeente.pk


def test_de_kolom_staat_niet_in_formulieren():
    assert not Mandaat._meta.get_field("gemeente").editable
