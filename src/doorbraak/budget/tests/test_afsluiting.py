"""Period end: unpaid commitments are carried over (under the next ceiling) or released, as
ledger entries, all or nothing."""

from decimal import Decimal

import pytest
from django.utils import timezone

from doorbraak.budget import ledger, services
from doorbraak.budget.models import Boeking, Budget, Periode
from doorbraak.fouten import Conflict

pytestmark = pytest.mark.django_db


@pytest.fixture
def situatie(fondsen, mensen, maak_aanvraag):
    uitv, fin = mensen["uitvoeringsregisseur"], mensen["financien"]
    toegekend = []
    for bedrag in ("1000.00", "500.00"):
        a = maak_aanvraag(uitv, bedrag=bedrag, fonds="wijkbudget")
        services.aanvraag_indienen(door=uitv, aanvraag_id=a.pk)
        toegekend.append(services.aanvraag_besluiten(door=uitv, aanvraag_id=a.pk, besluit="go"))
    services.betaling_registreren(door=fin, aanvraag_id=toegekend[0].pk, bedrag=Decimal("300"))
    volgend = services.budget_vaststellen(
        door=fin,
        doelgroep=None,
        fonds="wijkbudget",
        jaar=timezone.localdate().year + 1,
        plafond=Decimal("20000"),
    )
    oud = Periode.objects.get(fonds=fondsen["wijk"], van__year=timezone.localdate().year)
    return oud, volgend, toegekend


def test_overboeken_naar_de_volgende_periode(situatie, mensen):
    oud, volgend, (a, _b) = situatie
    fin = mensen["financien"]
    services.periode_afsluiten(
        door=fin, periode_id=oud.pk, wijze="overboeken", naar_periode_id=volgend.periode_id
    )
    oud_budget = Budget.objects.get(periode=oud)
    assert ledger.saldi(oud_budget).toegezegd == Decimal("300.00")
    assert ledger.saldi(oud_budget).gecommitteerd == Decimal("0.00")
    assert ledger.saldi(volgend).toegezegd == Decimal("1200.00")
    a.refresh_from_db()
    assert a.budget_id == volgend.pk and a.status == "toegekend"
    assert ledger.aanvraag_saldi(a).open == Decimal("700.00")
    services.betaling_registreren(door=fin, aanvraag_id=a.pk, bedrag=Decimal("700.00"))
    assert ledger.saldi(volgend).betaald == Decimal("700.00")
    oud.refresh_from_db()
    assert oud.afgesloten
    with pytest.raises(Conflict):
        services.periode_afsluiten(door=fin, periode_id=oud.pk, wijze="vrijgeven")


def test_vrijgeven_bij_afsluiting(situatie, mensen):
    oud, _, (a, b) = situatie
    services.periode_afsluiten(door=mensen["financien"], periode_id=oud.pk, wijze="vrijgeven")
    a.refresh_from_db(), b.refresh_from_db()
    assert (a.status, b.status) == ("betaald", "vervallen")
    assert ledger.saldi(Budget.objects.get(periode=oud)).toegezegd == Decimal("300.00")


def test_overboeken_boven_het_nieuwe_plafond_verandert_niets(situatie, mensen):
    oud, volgend, _ = situatie
    Budget.objects.filter(pk=volgend.pk).update(plafond=Decimal("1199.99"))
    ledger.herbereken_saldi([volgend.pk])  # a ceiling set outside the services
    aantal = Boeking.objects.count()
    with pytest.raises(ledger.PlafondOverschreden):
        services.periode_afsluiten(
            door=mensen["financien"],
            periode_id=oud.pk,
            wijze="overboeken",
            naar_periode_id=volgend.periode_id,
        )
    assert Boeking.objects.count() == aantal
    oud.refresh_from_db()
    assert not oud.afgesloten


def test_afsluiten_via_de_api_en_andere_gemeente_404(situatie, mensen, api_als, regisseur_elders):
    oud, _volgend, _ = situatie
    from doorbraak.organisaties.models import Rol

    regisseur_elders.rollen = [Rol.FINANCIEN]
    regisseur_elders.save()
    pad = f"/api/v1/perioden/{oud.pk}/afsluitingen"
    assert api_als(regisseur_elders).post(pad, {"wijze": "vrijgeven"}).status_code == 404
    antwoord = api_als(mensen["financien"]).post(pad, {"wijze": "vrijgeven"})
    assert antwoord.status_code == 201
    assert antwoord.json()[0]["afgesloten"] is True
