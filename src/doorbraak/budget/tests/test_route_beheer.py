"""The route of a fund is changed with four eyes, and the regulation's own fund never lets anyone
decide alone or skip the review, by whatever path (admin form, service, stored data)."""

from decimal import Decimal

import pytest
from django.test import Client

from doorbraak.audit.models import Verwerking
from doorbraak.budget.models import Fonds
from doorbraak.fouten import GeenToegang, OngeldigeStatusovergang, Validatiefout
from doorbraak.organisaties import services
from doorbraak.organisaties.models import Rol, WijzigingSoort, Wijzigingsvoorstel


@pytest.fixture
def beheerders(gemeente, maak_medewerker):
    return (
        maak_medewerker(gemeente, Rol.BEHEER, username="beheer1"),
        maak_medewerker(gemeente, Rol.BEHEER, username="beheer2"),
    )


def _browser(medewerker) -> Client:
    c = Client()
    c.force_login(medewerker)
    return c


def _beheerlog(actor: str) -> list[str]:
    return list(
        Verwerking.objects.filter(
            actor=actor, object_type="wijzigingsvoorstel", activiteit="beheer"
        ).values_list("omschrijving", flat=True)
    )


@pytest.fixture
def fondsen_beheer(beheerders, fondsen):
    return fondsen


def _fonds_post(fonds, **route):
    data = {
        "gemeente": str(fonds.gemeente_id),
        "code": fonds.code,
        "naam": fonds.naam,
        "omschrijving": fonds.omschrijving,
        "actief": "on",
        "meekijken_verplicht": "on" if fonds.meekijken_verplicht else False,
        "meekijken_vanaf": fonds.meekijken_vanaf or "",
        "zelfstandig_tot": fonds.zelfstandig_tot or "",
        "casus_max_bedrag": fonds.casus_max_bedrag or "",
        "casus_max_aantal": fonds.casus_max_aantal or "",
        "afwegingskader": "{}",
        "lening_voorkeur": False,
        "revolverend": "on",
    }
    for prefix in ("perioden", "mandaten"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(route)
    return {k: v for k, v in data.items() if v is not None and v is not False}


def test_beheerder_kan_de_regeling_niet_regelarm_maken(fondsen_beheer, beheerders):
    regeling = fondsen_beheer["regeling"]
    data = _fonds_post(regeling, zelfstandig_tot="100000", meekijken_verplicht=False)
    antwoord = _browser(beheerders[0]).post(f"/beheer/budget/fonds/{regeling.pk}/change/", data)
    assert antwoord.status_code == 200  # the form comes back with the error
    assert "niemand alleen" in antwoord.content.decode() or "kijkt altijd" in (
        antwoord.content.decode()
    )
    regeling.refresh_from_db()
    assert regeling.meekijken_verplicht and regeling.zelfstandig_tot is None
    assert not Wijzigingsvoorstel.objects.exists()


@pytest.mark.parametrize(
    "gegevens",
    [
        {"zelfstandig_tot": "5000.00"},
        {"meekijken_verplicht": False},
        {"meekijken_vanaf": "1000.00"},
    ],
)
def test_service_weigert_een_regelingsroute_met_beslissen_alleen(
    fondsen_beheer, beheerders, gegevens, django_user_model
):
    regeling = fondsen_beheer["regeling"]
    platform = django_user_model.objects.create_superuser("platform", password="x" * 16)
    for door in (beheerders[0], platform):
        with pytest.raises(Validatiefout):
            services.wijziging_voorstellen(
                door=door,
                gemeente_id=regeling.gemeente_id,
                soort=WijzigingSoort.FONDSROUTE,
                gegevens=gegevens,
                omschrijving="regeling zwakker",
                object_id=regeling.pk,
            )
    regeling.refresh_from_db()
    assert regeling.meekijken_verplicht and regeling.zelfstandig_tot is None


def test_route_van_een_ander_fonds_na_tweede_beheerder(fondsen_beheer, beheerders):
    wijk = fondsen_beheer["wijk"]
    antwoord = _browser(beheerders[0]).post(
        f"/beheer/budget/fonds/{wijk.pk}/change/",
        _fonds_post(wijk, zelfstandig_tot="4000.00", casus_max_aantal="2"),
    )
    assert antwoord.status_code == 302
    wijk.refresh_from_db()
    assert wijk.zelfstandig_tot == Decimal("2500.00") and wijk.casus_max_aantal is None
    voorstel = Wijzigingsvoorstel.objects.get(soort=WijzigingSoort.FONDSROUTE)
    services.wijziging_goedkeuren(door=beheerders[1], voorstel_id=voorstel.pk)
    wijk.refresh_from_db()
    assert wijk.zelfstandig_tot == Decimal("4000.00") and wijk.casus_max_aantal == 2
    assert _beheerlog("beheer1") and _beheerlog("beheer2")


def test_opgeslagen_zwakke_regelingsroute_laat_toch_niemand_alleen_beslissen(
    fondsen, mensen, maak_aanvraag
):
    """Even when the data was changed behind the services' back (shell, SQL), the go on the
    regulation's fund needs a review and a third person."""
    Fonds.objects.filter(pk=fondsen["regeling"].pk).update(
        meekijken_verplicht=False, zelfstandig_tot=Decimal("100000")
    )
    from doorbraak.budget import services as budget
    from doorbraak.organisaties.models import Mandaat, MandaatRol
    from doorbraak.organisaties.tests.factories import doelgroep

    regisseur = mensen["regisseur"]
    Mandaat.objects.create(
        medewerker=regisseur, doelgroep=doelgroep(regisseur.gemeente), rol=MandaatRol.GO
    )
    a = maak_aanvraag(regisseur, bedrag="5000.00")
    budget.aanvraag_indienen(door=regisseur, aanvraag_id=a.pk)
    with pytest.raises(GeenToegang, match="4-ogen"):
        budget.aanvraag_besluiten(door=regisseur, aanvraag_id=a.pk, besluit="go")
    with pytest.raises(OngeldigeStatusovergang, match="meekijken"):
        budget.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=a.pk, besluit="go")
