"""The deviation signal at every decision: the colleague's advice and the manager's go or
refusal, on the service, the request page and the API, with a planted outlier among the demo's
earlier doorbraken. Without the motivation nothing changes; with it, it is recorded with the
advice or decision it belongs to."""

import pytest

from doorbraak.budget import services as budget_services
from doorbraak.budget.models import Aanvraag, AanvraagStatus
from doorbraak.fouten import Validatiefout
from doorbraak.precedenten.models import Afwijking, Moment, Precedent
from doorbraak.precedenten.tests.conftest import plan_met_knelpunt, scores

pytestmark = pytest.mark.django_db

#: Far above the similar grants (median € 1,850 of the eviction precedents).
UITSCHIETER = "4700.00"
GEWOON = "1900.00"


@pytest.fixture
def uitzetting(mensen, fondsen, casus, voorbeelden):
    plan_met_knelpunt(
        mensen["regisseur"], casus.pk, "Dreigende huisuitzetting door schade aan de woning."
    )
    scores(mensen["regisseur"], casus.pk, huisvesting=1, financien=2)
    return casus


@pytest.fixture
def ingediend(uitzetting, mensen, maak_aanvraag):
    def ingediend(bedrag):
        aanvraag = maak_aanvraag(mensen["regisseur"], bedrag=bedrag)
        budget_services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=aanvraag.pk)
        return aanvraag

    return ingediend


def _advies(mensen, aanvraag, advies="positief", **extra):
    return budget_services.aanvraag_beoordelen(
        door=mensen["collega"], aanvraag_id=aanvraag.pk, advies=advies, **extra
    )


def test_positief_advies_op_een_uitschieter_vraagt_motivering(ingediend, mensen):
    aanvraag = ingediend(UITSCHIETER)
    with pytest.raises(Validatiefout) as fout:
        _advies(mensen, aanvraag)
    assert fout.value.veld == "afwijking_motivering"
    assert "ver boven" in fout.value.melding
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND and aanvraag.beoordelaar_id is None
    assert not Afwijking.objects.exists()

    _advies(mensen, aanvraag, afwijking_motivering="  Schade in twee kamers.  ")
    afwijking = Afwijking.objects.get()
    assert afwijking.moment == Moment.ADVIES and afwijking.door == mensen["collega"]
    assert afwijking.signalen == ["bedrag_ver_boven"]
    assert afwijking.motivering == "Schade in twee kamers."
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.BEOORDEELD


def test_negatief_advies_waar_vergelijkbare_werden_toegekend_vraagt_motivering(ingediend, mensen):
    aanvraag = ingediend(GEWOON)
    with pytest.raises(Validatiefout) as fout:
        _advies(mensen, aanvraag, advies="negatief", toelichting="Te duur.")
    assert fout.value.veld == "afwijking_motivering"
    assert "meestal toegekend" in fout.value.melding
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.INGEDIEND
    _advies(
        mensen,
        aanvraag,
        advies="negatief",
        toelichting="Te duur.",
        afwijking_motivering="De verzekering keert alsnog uit.",
    )
    assert Afwijking.objects.get().signalen == ["afwijzing_waar_toegekend"]


def test_gewoon_positief_advies_vraagt_niets(ingediend, mensen):
    aanvraag = ingediend(GEWOON)
    _advies(mensen, aanvraag)
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.BEOORDEELD
    assert not Afwijking.objects.exists()


def test_te_lange_of_nul_motivering_bij_advies_is_een_fout(ingediend, mensen):
    aanvraag = ingediend(UITSCHIETER)
    for tekst in ("x" * 2001, "a\x00b"):
        with pytest.raises(Validatiefout) as fout:
            _advies(mensen, aanvraag, afwijking_motivering=tekst)
        assert fout.value.veld == "afwijking_motivering"
    assert not Afwijking.objects.exists()
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.INGEDIEND


def test_afwijzing_door_de_manager_na_positief_advies(ingediend, mensen):
    aanvraag = ingediend(GEWOON)
    _advies(mensen, aanvraag)
    with pytest.raises(Validatiefout) as fout:
        budget_services.aanvraag_besluiten(
            door=mensen["manager"], aanvraag_id=aanvraag.pk, besluit="afgewezen", motivering="Nee."
        )
    assert fout.value.veld == "afwijking_motivering"
    budget_services.aanvraag_besluiten(
        door=mensen["manager"],
        aanvraag_id=aanvraag.pk,
        besluit="afgewezen",
        motivering="Nee.",
        afwijking_motivering="Voorliggend alsnog mogelijk.",
    )
    afwijking = Afwijking.objects.get()
    assert afwijking.moment == Moment.BESLUIT and afwijking.door == mensen["manager"]
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.AFGEWEZEN


def test_aanvraagpagina_vraagt_de_collega_om_motivering_en_toont_ze_de_manager(
    ingediend, mensen, client
):
    aanvraag = ingediend(UITSCHIETER)
    client.force_login(mensen["collega"])
    pagina = client.get(f"/aanvragen/{aanvraag.pk}").content.decode()
    assert 'name="afwijking_motivering"' in pagina.split("Meekijken vastleggen")[0]
    zonder = client.post(f"/aanvragen/{aanvraag.pk}/beoordelen", {"advies": "positief"})
    assert zonder.status_code == 400
    assert "ver boven" in zonder.content.decode()
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.INGEDIEND
    met = client.post(
        f"/aanvragen/{aanvraag.pk}/beoordelen",
        {"advies": "positief", "afwijking_motivering": "Schade in twee kamers."},
    )
    assert met.status_code == 302
    assert Afwijking.objects.get().moment == Moment.ADVIES

    client.force_login(mensen["manager"])
    pagina = client.get(f"/aanvragen/{aanvraag.pk}").content.decode()
    assert "Schade in twee kamers." in pagina  # the colleague's motivation, beside the go
    assert 'name="afwijking_motivering"' in pagina.split("Besluit vastleggen")[0]


def test_aanvraagpagina_zonder_vergelijkbare_vraagt_de_collega_niets(ingediend, mensen, client):
    aanvraag = ingediend(GEWOON)
    client.force_login(mensen["collega"])
    pagina = client.get(f"/aanvragen/{aanvraag.pk}").content.decode()
    assert 'name="afwijking_motivering"' in pagina  # a negative advice would differ
    Precedent.objects.all().delete()
    pagina = client.get(f"/aanvragen/{aanvraag.pk}").content.decode()
    assert 'name="afwijking_motivering"' not in pagina


def test_api_advies_met_afwijking_is_problem_json_en_daarna_vastgelegd(ingediend, mensen, api_als):
    aanvraag = ingediend(UITSCHIETER)
    client = api_als(mensen["collega"])
    pad = f"/api/v1/aanvragen/{aanvraag.pk}/beoordelingen"
    fout = client.post(pad, {"advies": "positief"})
    assert fout.status_code == 400
    assert fout["Content-Type"].startswith("application/problem+json")
    assert fout.json()["invalid_params"][0]["name"] == "afwijking_motivering"
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.INGEDIEND
    goed = client.post(pad, {"advies": "positief", "afwijking_motivering": "Grotere schade."})
    assert goed.status_code == 201 and goed.json()["status"] == "beoordeeld"
    assert Afwijking.objects.get().moment == Moment.ADVIES
