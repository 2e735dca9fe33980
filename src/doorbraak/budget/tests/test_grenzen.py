"""Limits and states: the cap per case and period on a fund's route (checked under the budget
lock, so salami-slicing the regelarm route stops), closed cases are read-only, and booking dates
stay within sane bounds."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from doorbraak.audit.models import Verwerking
from doorbraak.budget import services
from doorbraak.budget.models import Aanvraag, Boeking, Budget, Fonds
from doorbraak.casussen import services as casus_services
from doorbraak.casussen.models import Domeinscore, TijdlijnItem
from doorbraak.fouten import Conflict, Validatiefout

pytestmark = pytest.mark.django_db


def _alleen_besluiten(maak_aanvraag, uitv, bedrag="2500.00", **anders):
    a = maak_aanvraag(uitv, bedrag=bedrag, fonds="wijkbudget", **anders)
    services.aanvraag_indienen(door=uitv, aanvraag_id=a.pk)
    return services.aanvraag_besluiten(door=uitv, aanvraag_id=a.pk, besluit="go")


def test_regelarm_vier_keer_2500_voor_een_casus_stuit_op_de_grens(fondsen, mensen, maak_aanvraag):
    Fonds.objects.filter(pk=fondsen["wijk"].pk).update(casus_max_bedrag=Decimal("7500.00"))
    uitv = mensen["uitvoeringsregisseur"]
    for _ in range(3):
        assert _alleen_besluiten(maak_aanvraag, uitv).status == "toegekend"
    vierde = maak_aanvraag(uitv, bedrag="2500.00", fonds="wijkbudget")
    services.aanvraag_indienen(door=uitv, aanvraag_id=vierde.pk)
    voor = (Boeking.objects.count(), TijdlijnItem.objects.count(), Verwerking.objects.count())
    with pytest.raises(Conflict, match=r"hoogstens € 7\.500,00") as fout:
        services.aanvraag_besluiten(door=uitv, aanvraag_id=vierde.pk, besluit="go")
    assert fout.value.veld == "bedrag" and "€ 0,00" in fout.value.melding
    # Nothing changed, and no one else can grant it either: the cap is on the route.
    vierde.refresh_from_db()
    assert vierde.status == "ingediend" and vierde.budget_id is None
    assert (
        Boeking.objects.count(),
        TijdlijnItem.objects.count(),
        Verwerking.objects.count(),
    ) == voor
    with pytest.raises(Conflict):
        services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=vierde.pk, besluit="go")


def test_grens_in_aantal_per_casus(fondsen, mensen, maak_aanvraag):
    Fonds.objects.filter(pk=fondsen["wijk"].pk).update(casus_max_aantal=2)
    uitv = mensen["uitvoeringsregisseur"]
    _alleen_besluiten(maak_aanvraag, uitv, bedrag="10.00")
    _alleen_besluiten(maak_aanvraag, uitv, bedrag="10.00")
    with pytest.raises(Conflict, match="hoogstens 2 toekenning"):
        _alleen_besluiten(maak_aanvraag, uitv, bedrag="10.00")


def test_grens_geldt_per_casus(fondsen, mensen, maak_aanvraag, maak_casus):
    from doorbraak.budget.demo import klaar_voor_aanvraag

    Fonds.objects.filter(pk=fondsen["wijk"].pk).update(casus_max_aantal=1)
    uitv = mensen["uitvoeringsregisseur"]
    _alleen_besluiten(maak_aanvraag, uitv, bedrag="100.00")
    andere = maak_casus(mensen["regisseur"], naam="Familie Jansen")
    klaar_voor_aanvraag(mensen["regisseur"], andere)
    a = _alleen_besluiten(maak_aanvraag, uitv, bedrag="100.00", casus_id=andere.pk)
    assert a.status == "toegekend"


def test_afgewezen_en_vervallen_tellen_niet_mee(fondsen, mensen, maak_aanvraag):
    Fonds.objects.filter(pk=fondsen["wijk"].pk).update(casus_max_aantal=1)
    uitv = mensen["uitvoeringsregisseur"]
    a = maak_aanvraag(uitv, bedrag="100.00", fonds="wijkbudget")
    services.aanvraag_indienen(door=uitv, aanvraag_id=a.pk)
    services.aanvraag_besluiten(door=uitv, aanvraag_id=a.pk, besluit="afgewezen", motivering="Nee")
    b = _alleen_besluiten(maak_aanvraag, uitv, bedrag="100.00")
    services.toezegging_vrijgeven(door=mensen["financien"], aanvraag_id=b.pk, reden="Niet nodig")
    assert _alleen_besluiten(maak_aanvraag, uitv, bedrag="100.00").status == "toegekend"


def test_grens_via_api_is_409_problem_json(fondsen, mensen, maak_aanvraag, api_als):
    Fonds.objects.filter(pk=fondsen["wijk"].pk).update(casus_max_aantal=1)
    uitv = mensen["uitvoeringsregisseur"]
    _alleen_besluiten(maak_aanvraag, uitv, bedrag="100.00")
    a = maak_aanvraag(uitv, bedrag="100.00", fonds="wijkbudget")
    services.aanvraag_indienen(door=uitv, aanvraag_id=a.pk)
    antwoord = api_als(uitv).post(f"/api/v1/aanvragen/{a.pk}/besluiten", {"besluit": "go"})
    assert antwoord.status_code == 409
    assert antwoord["Content-Type"].startswith("application/problem+json")
    assert "hoogstens 1 toekenning" in antwoord.json()["detail"]


# --- closed cases are read-only -----------------------------------------------------------


@pytest.fixture
def afgesloten(casus, mensen):
    casus_services.casus_wijzigen(
        door=mensen["regisseur"], casus_id=casus.pk, status_naar="afgesloten", reden="Doel bereikt"
    )
    casus.refresh_from_db()
    assert casus.status == "afgesloten"
    return casus


def test_afgesloten_casus_neemt_geen_aanvraag_plan_scores_of_notitie(
    fondsen, afgesloten, mensen, maak_aanvraag
):
    regisseur = mensen["regisseur"]
    voor = (Aanvraag.objects.count(), TijdlijnItem.objects.count(), Domeinscore.objects.count())
    with pytest.raises(Conflict, match="afgesloten"):
        maak_aanvraag(regisseur)
    with pytest.raises(Conflict, match="afgesloten"):
        casus_services.notitie_toevoegen(door=regisseur, casus_id=afgesloten.pk, tekst="Nog iets")
    with pytest.raises(Conflict, match="afgesloten"):
        casus_services.casus_wijzigen(door=regisseur, casus_id=afgesloten.pk, urgentie="crisis")
    with pytest.raises(Conflict, match="afgesloten"):
        casus_services.doorbraakplan_opslaan(
            door=regisseur, casus_id=afgesloten.pk, invoer=casus_services.PlanInvoer()
        )
    assert (
        Aanvraag.objects.count(),
        TijdlijnItem.objects.count(),
        Domeinscore.objects.count(),
    ) == voor


def test_afgesloten_casus_in_de_api_is_409(afgesloten, mensen, api_als):
    api = api_als(mensen["regisseur"])
    antwoord = api.post(f"/api/v1/casussen/{afgesloten.pk}/tijdlijn", {"tekst": "Nog iets"})
    assert antwoord.status_code == 409, antwoord.content
    assert "afgesloten en kan alleen nog worden ingezien" in antwoord.json()["detail"]
    scores = api.put(
        f"/api/v1/casussen/{afgesloten.pk}/domeinscores",
        [{"domein": "financien", "score": 3}],
    )
    assert scores.status_code in (409, 400)
    assert api.get(f"/api/v1/casussen/{afgesloten.pk}").status_code == 200  # still readable


def test_concept_van_een_afgesloten_casus_wordt_niet_ingediend(
    fondsen, casus, mensen, maak_aanvraag
):
    a = maak_aanvraag(mensen["regisseur"])
    casus_services.casus_wijzigen(
        door=mensen["regisseur"], casus_id=casus.pk, status_naar="afgesloten", reden="Verhuisd"
    )
    with pytest.raises(Conflict, match="afgesloten"):
        services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)


# --- booking dates ------------------------------------------------------------------------


@pytest.fixture
def toegekend(fondsen, mensen, maak_aanvraag):
    return _alleen_besluiten(
        maak_aanvraag, mensen["uitvoeringsregisseur"], bedrag="300.00", vorm="lening"
    )


@pytest.mark.parametrize("dagen", [1, 365 * 900])
def test_betaling_niet_in_de_toekomst(toegekend, mensen, dagen):
    with pytest.raises(Validatiefout, match="toekomst") as fout:
        services.betaling_registreren(
            door=mensen["financien"],
            aanvraag_id=toegekend.pk,
            bedrag=Decimal("10.00"),
            datum=timezone.localdate() + timedelta(days=dagen),
        )
    assert fout.value.veld == "datum"
    assert not Boeking.objects.filter(soort="betaling").exists()


def test_betaling_niet_voor_de_go(toegekend, mensen):
    from datetime import date

    for datum in (date(1900, 1, 1), timezone.localdate() - timedelta(days=1)):
        with pytest.raises(Validatiefout, match="voor de go"):
            services.betaling_registreren(
                door=mensen["financien"],
                aanvraag_id=toegekend.pk,
                bedrag=Decimal("10.00"),
                datum=datum,
            )
    services.betaling_registreren(
        door=mensen["financien"],
        aanvraag_id=toegekend.pk,
        bedrag=Decimal("10.00"),
        datum=timezone.localdate(),
    )


def test_aflossing_en_bijdrage_binnen_redelijke_data(toegekend, mensen, fondsen):
    from datetime import date

    lening = toegekend.lening
    services.betaling_registreren(
        door=mensen["financien"], aanvraag_id=toegekend.pk, bedrag=Decimal("300.00")
    )
    with pytest.raises(Validatiefout, match="voor de go"):
        services.aflossing_registreren(
            door=mensen["financien"],
            lening_id=lening.pk,
            bedrag=Decimal("5"),
            datum=date(1900, 1, 1),
        )
    budget = Budget.objects.filter(periode__fonds=fondsen["wijk"]).first()
    with pytest.raises(Validatiefout, match="toekomst"):
        services.bijdrage_registreren(
            door=mensen["financien"],
            budget_id=budget.pk,
            partner="Woonstichting",
            bedrag=Decimal("100"),
            datum=date(2999, 1, 1),
        )
    with pytest.raises(Validatiefout):
        services.bijdrage_registreren(
            door=mensen["financien"],
            budget_id=budget.pk,
            partner="Woonstichting",
            bedrag=Decimal("100"),
            datum=date(1900, 1, 1),
        )
