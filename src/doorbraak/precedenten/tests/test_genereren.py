"""The command that fills a test or bench environment with synthetic precedents."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from doorbraak.precedenten import demo, selectors
from doorbraak.precedenten.models import Precedent, Zoekwoord
from doorbraak.precedenten.tests.conftest import plan_met_knelpunt, scores

pytestmark = pytest.mark.django_db


def test_genereert_het_gevraagde_aantal_in_de_gemeente(gemeente, andere_gemeente):
    call_command("precedenten_genereren", "--gemeente-code", gemeente.code, "--aantal", "7")
    assert Precedent.objects.filter(gemeente=gemeente).count() == 7
    assert not Precedent.objects.filter(gemeente=andere_gemeente).exists()


@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        (["--gemeente-code", "GM0000", "--aantal", "3"], "bestaat niet"),
        (["--aantal", "0"], "minstens 1"),
    ],
)
def test_weigert_een_onbekende_gemeente_of_een_leeg_aantal(gemeente, argumenten, melding):
    if "--gemeente-code" not in argumenten:
        argumenten = ["--gemeente-code", gemeente.code, *argumenten]
    with pytest.raises(CommandError, match=melding):
        call_command("precedenten_genereren", *argumenten)
    assert not Precedent.objects.exists()


def test_woordenlijst_per_gemeente_zonder_dubbele(gemeente, andere_gemeente):
    demo.genereer(gemeente, 30)
    demo.genereer(andere_gemeente, 30, seed=3)
    demo.genereer(gemeente, 30, seed=4)
    woorden = list(Zoekwoord.objects.filter(gemeente=gemeente).values_list("woord", flat=True))
    assert "huisuitzetting" in woorden and len(woorden) == len(set(woorden))
    assert Zoekwoord.objects.filter(gemeente=andere_gemeente).exists()


def test_met_gegenereerde_precedenten_komen_de_uitzettingen_eerst(mensen, fondsen, casus):
    """The generator's precedents are realistic enough for the ranking: a threatened eviction
    through damage finds eviction precedents first, the damage ones before the arrears."""
    demo.genereer(casus.gemeente, 80)
    plan_met_knelpunt(
        mensen["regisseur"], casus.pk, "Dreigende huisuitzetting door schade aan de woning."
    )
    scores(mensen["regisseur"], casus.pk, huisvesting=1, financien=2)
    uitslag = selectors.vergelijkbaar_voor_casus(
        medewerker=mensen["regisseur"], casus_id=casus.pk, bedrag=Decimal("1850.00")
    )
    teksten = [t.precedent.knelpunttekst for t in uitslag.treffers]
    assert len(teksten) == 3
    assert all("schade" in t and "uitzetting" in t.lower() for t in teksten)
    assert all("zelfde knelpunt: PW 35" in t.waarom for t in uitslag.treffers)


def test_bulkdienst_schrijft_per_batch_met_zoektekst_en_woordenlijst(gemeente):
    from datetime import date

    from doorbraak.precedenten import services

    voorbeelden = [
        demo._precedent(gemeente, v, date(2025, 1 + i % 12, 1), Decimal(v.bedrag))
        for i, v in enumerate(demo.VOORBEELDEN[:7])
    ]
    assert services.precedenten_in_bulk(iter(voorbeelden), batch=3) == 7
    assert Precedent.objects.filter(gemeente=gemeente).count() == 7
    p = Precedent.objects.get(pk=voorbeelden[0].pk)
    assert p.zoektekst.startswith("Dreigende huisuitzetting na waterschade")
    assert "PW" in p.zoektekst.split()  # the regelingen are searchable too
    assert Zoekwoord.objects.filter(gemeente=gemeente, woord="waterschade").exists()
    assert services.precedenten_in_bulk([]) == 0
    with pytest.raises(ValueError):
        services.precedenten_in_bulk(voorbeelden, batch=0)
