"""The demo holds the three fund shapes, this year's budgets per doelgroep, requests in every
state, a loan that is repaid on time and one in arrears."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from doorbraak.budget import ledger
from doorbraak.budget.models import Aanvraag, AanvraagStatus, Budget, Fonds
from doorbraak.organisaties.models import Medewerker

pytestmark = pytest.mark.django_db


@pytest.fixture
def financien():
    call_command("demo")
    client = APIClient()
    client.force_authenticate(Medewerker.objects.get(username="financien"))
    return client


def test_drie_fondsvormen_met_budgetten_voor_dit_jaar(financien):
    assert set(Fonds.objects.filter(gemeente__code="GM9991").values_list("code", flat=True)) == {
        "doorbraakbudget",
        "samenloopbudget",
        "wijkbudget",
    }
    budgetten = financien.get("/api/v1/budgetten", {"jaar": timezone.localdate().year}).json()
    per_fonds = {(b["fonds"], b["doelgroep"]): b for b in budgetten}
    assert {d for f, d in per_fonds if f == "doorbraakbudget"} == {
        "mph",
        "doorbraakteam",
        "passende_hulp",
    }
    assert per_fonds[("samenloopbudget", None)]["plafond"] == "50000.00"
    assert per_fonds[("wijkbudget", None)]["plafond"] == "20000.00"
    for budget in Budget.objects.select_related("periode__fonds"):
        assert ledger.saldi(budget).beschikbaar >= 0


def test_aanvragen_in_elke_status_en_twee_leningen(financien):
    statussen = set(Aanvraag.objects.values_list("status", flat=True))
    assert statussen == set(AanvraagStatus.values)
    assert Aanvraag.objects.filter(zelfstandig_besloten=True, fonds__code="wijkbudget").exists()
    leningen = [
        financien.get(f"/api/v1/leningen/{a.lening.pk}").json()
        for a in Aanvraag.objects.filter(vorm="lening").select_related("lening")
    ]
    assert len(leningen) == 2
    achterstanden = sorted(lening["achterstand"] for lening in leningen)
    assert achterstanden[0] == "0.00" and achterstanden[1] != "0.00"
    assert all(lening["afgelost"] != "0.00" for lening in leningen)
    opdrachten = financien.get("/api/v1/betaalopdrachten").json()
    assert [o["bedrag"] for o in opdrachten] == ["1150.00"]
    assert financien.post("/api/v1/betaalopdrachten/pain001", {}, format="json").status_code == 200


def test_beheerder_bewerkt_de_route_in_de_admin(financien, client):
    beheer = Medewerker.objects.get(username="beheer")
    client.force_login(beheer)
    fonds = Fonds.objects.get(gemeente__code="GM9991", code="wijkbudget")
    assert client.get("/beheer/budget/fonds/").status_code == 200
    assert client.get(f"/beheer/budget/fonds/{fonds.pk}/change/").status_code == 200
    elders = Medewerker.objects.get(username="regisseur2")
    client.force_login(elders)
    assert client.get("/beheer/budget/fonds/").status_code != 200


def test_in_de_regeling_altijd_drie_personen(financien):
    besloten = Aanvraag.objects.filter(
        fonds__code="doorbraakbudget", besluit_door__isnull=False
    ).exclude(status="afgewezen")
    assert besloten.count() >= 4
    for a in besloten:
        assert len({a.aanvrager_id, a.beoordelaar_id, a.besluit_door_id}) == 3
