"""The case lifecycle: allowed transitions pass, every other jump is refused with its reason."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorbraak.casussen.status import TERUG, VOLGENDE, CasusStatus, PlanStand, weigering

VOL_PLAN = PlanStand(heeft_doorbraak=True, aantal_acties=1)
statussen = st.sampled_from(CasusStatus.values)


@given(van=statussen, naar=statussen, reden=st.text(max_size=5))
def test_alleen_de_levensloop_is_toegestaan(van, naar, reden):
    toegestaan = weigering(van, naar, reden=reden, plan=VOL_PLAN) is None
    verwacht = van != CasusStatus.AFGESLOTEN and (
        VOLGENDE.get(van) == naar
        or TERUG.get(van) == naar
        or (naar == CasusStatus.AFGESLOTEN and bool(reden.strip()))
    )
    assert toegestaan == verwacht


def test_uitvoering_vraagt_doorbraak_en_actie():
    leeg = PlanStand(heeft_doorbraak=False, aantal_acties=0)
    assert "doorbraak en minstens één actie" in weigering("plan", "uitvoering", reden="", plan=leeg)
    assert weigering("plan", "uitvoering", reden="", plan=VOL_PLAN) is None


@pytest.mark.django_db
def test_ongeldige_sprong_via_api_is_409_met_reden(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    antwoord = api.patch(f"/api/v1/casussen/{casus.pk}", {"status": "evaluatie"}, format="json")
    assert antwoord.status_code == 409
    body = antwoord.json()
    assert antwoord["Content-Type"] == "application/problem+json"
    assert "Van 'Aangemeld' kan een casus alleen naar 'Plan'" in body["detail"]
    assert body["invalid_params"][0]["name"] == "status"
    casus.refresh_from_db()
    assert casus.status == "aangemeld"
    assert not casus.statuswijzigingen.exists()


@pytest.mark.django_db
def test_levensloop_via_api_met_geschiedenis_en_tijdlijn(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    url = f"/api/v1/casussen/{casus.pk}"
    assert api.patch(url, {"status": "plan"}, format="json").status_code == 200
    weigering_ = api.patch(url, {"status": "uitvoering"}, format="json")
    assert weigering_.status_code == 409
    assert "doorbraak" in weigering_.json()["detail"]
    api.put(
        f"{url}/doorbraakplan",
        {
            "doorbraak": "Schuld overnemen",
            "acties": [{"omschrijving": "Bellen", "eigenaar": "Ik"}],
        },
        format="json",
    )
    for naar in ("uitvoering", "evaluatie", "uitvoering", "evaluatie", "afgesloten"):
        antwoord = api.patch(url, {"status": naar}, format="json")
        assert antwoord.status_code == 200, antwoord.json()
    dossier = api.get(url).json()
    assert dossier["status"] == "afgesloten"
    assert dossier["afgesloten_op"] is not None
    assert [s["naar"] for s in dossier["statusgeschiedenis"]] == [
        "plan",
        "uitvoering",
        "evaluatie",
        "uitvoering",
        "evaluatie",
        "afgesloten",
    ]
    assert api.patch(url, {"status": "plan"}, format="json").status_code == 409


@pytest.mark.django_db
def test_voortijdig_afsluiten_vraagt_een_reden(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    url = f"/api/v1/casussen/{casus.pk}"
    assert api.patch(url, {"status": "afgesloten"}, format="json").status_code == 409
    antwoord = api.patch(
        url, {"status": "afgesloten", "reden": "Verhuisd naar andere gemeente"}, format="json"
    )
    assert antwoord.status_code == 200
    assert antwoord.json()["statusgeschiedenis"][-1]["reden"] == "Verhuisd naar andere gemeente"


@pytest.mark.django_db
def test_onbekende_status_is_400_met_veldnaam(api, regisseur, maak_casus):
    casus = maak_casus(regisseur)
    antwoord = api.patch(f"/api/v1/casussen/{casus.pk}", {"status": "klaar"}, format="json")
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["name"] == "status"
