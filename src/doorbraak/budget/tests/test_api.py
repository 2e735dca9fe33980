"""The API of API.md ("Requests for doorbraakbudget", "Budgets"): the route through HTTP,
problem+json with the available amount on a 409, tenant isolation, constant query counts."""

from decimal import Decimal

import pytest

from doorbraak.budget import ledger
from doorbraak.budget.models import Aanvraag, Boeking, Budget
from doorbraak.budget.tests.conftest import ALLE_CRITERIA, IBAN

pytestmark = pytest.mark.django_db


def nieuw(casus, **anders):
    return {
        "casus": str(casus.pk),
        "bedrag": "1250.00",
        "vorm": "om_niet",
        "ontvanger": {"naam": "Woningcorporatie Peelwonen", "iban": IBAN},
        "motivering": "Huisuitzetting voorkomen.",
        "criteria": ALLE_CRITERIA,
        "voorwaarden": "Meewerken aan het traject.",
        **anders,
    }


def test_route_van_de_regeling_via_de_api(fondsen, mensen, casus, api_als):
    regisseur, collega = api_als(mensen["regisseur"]), api_als(mensen["collega"])
    manager, fin = api_als(mensen["manager"]), api_als(mensen["financien"])
    antwoord = regisseur.post("/api/v1/aanvragen", nieuw(casus), format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["status"] == "concept"
    a = antwoord.json()["id"]
    assert regisseur.post(f"/api/v1/aanvragen/{a}/indieningen").json()["status"] == "ingediend"
    eigen = regisseur.post(f"/api/v1/aanvragen/{a}/beoordelingen", {"advies": "positief"})
    assert eigen.status_code == 403
    assert eigen["Content-Type"] == "application/problem+json"
    beoordeeld = collega.post(
        f"/api/v1/aanvragen/{a}/beoordelingen", {"advies": "positief", "toelichting": "Prima."}
    )
    assert beoordeeld.json()["status"] == "beoordeeld"
    assert collega.post(f"/api/v1/aanvragen/{a}/besluiten", {"besluit": "go"}).status_code == 403
    go = manager.post(f"/api/v1/aanvragen/{a}/besluiten", {"besluit": "go", "motivering": "Ja."})
    assert go.status_code == 201
    body = go.json()
    assert body["status"] == "toegekend"
    assert body["toegekend"] == "1250.00"
    assert [s["naar"] for s in body["statusgeschiedenis"]] == [
        "concept",
        "ingediend",
        "beoordeeld",
        "toegekend",
    ]
    te_veel = fin.post(f"/api/v1/aanvragen/{a}/betalingen", {"bedrag": "1250.01"})
    assert te_veel.status_code == 409
    assert te_veel.json()["invalid_params"][0]["name"] == "bedrag"
    betaald = fin.post(f"/api/v1/aanvragen/{a}/betalingen", {"bedrag": "1250.00"})
    assert betaald.json()["status"] == "betaald"
    assert betaald.json()["betaald"] == "1250.00"
    budgetten = fin.get("/api/v1/budgetten", {"jaar": casus.aangemeld_op.year}).json()
    mph = next(b for b in budgetten if b["fonds"] == "doorbraakbudget" and b["doelgroep"] == "mph")
    assert mph["plafond"] == "10000.00"
    assert mph["betaald"] == "1250.00"
    assert mph["gecommitteerd"] == "0.00"
    assert mph["beschikbaar"] == "8750.00"
    dossier = regisseur.get(f"/api/v1/casussen/{casus.pk}").json()
    assert dossier["aanvragen"] == [
        {
            "id": a,
            "fonds": "doorbraakbudget",
            "bedrag": "1250.00",
            "vorm": "om_niet",
            "status": "betaald",
        }
    ]


def test_ongeldig_iban_en_bedrag_geven_400_met_veld(fondsen, mensen, casus, api_als):
    api = api_als(mensen["regisseur"])
    fout = api.post(
        "/api/v1/aanvragen", nieuw(casus, ontvanger={"naam": "X", "iban": "NL00"}), format="json"
    )
    assert fout.status_code == 400
    assert fout.json()["invalid_params"][0]["name"] == "ontvanger.iban"
    for bedrag in ("0", "-5.00"):
        fout = api.post("/api/v1/aanvragen", nieuw(casus, bedrag=bedrag), format="json")
        assert fout.status_code == 400
        assert fout.json()["invalid_params"][0]["name"] == "bedrag"
    assert not Aanvraag.objects.exists()


def test_betaling_aan_huishouden_vraagt_een_reden(fondsen, mensen, casus, api_als):
    api = api_als(mensen["regisseur"])
    ontvanger = {"naam": "A. de Vries", "iban": IBAN, "huishouden": True}
    fout = api.post("/api/v1/aanvragen", nieuw(casus, ontvanger=ontvanger), format="json")
    assert fout.json()["invalid_params"][0]["name"] == "reden_aan_huishouden"
    ontvanger["reden"] = "De winkel neemt geen facturen aan."
    assert (
        api.post("/api/v1/aanvragen", nieuw(casus, ontvanger=ontvanger), format="json").status_code
        == 201
    )


def test_om_niet_terwijl_lening_verantwoord_vraagt_een_reden(fondsen, mensen, casus, api_als):
    api = api_als(mensen["regisseur"])
    dk = {"maandinkomen": "2400.00", "vaste_lasten": "800.00"}
    fout = api.post("/api/v1/aanvragen", nieuw(casus, draagkracht=dk), format="json")
    assert fout.status_code == 400
    assert fout.json()["invalid_params"][0]["name"] == "reden_om_niet"
    lening = api.post(
        "/api/v1/aanvragen", nieuw(casus, draagkracht=dk, vorm="lening"), format="json"
    ).json()
    assert lening["draagkracht"]["lening_verantwoord"] is True
    # room (2400 - 800 - 1200) x 0.5 = 200 a month: 7 equal instalments of 178.58
    assert lening["aflossingsplan"]["termijnbedrag"] == "178.58"
    assert lening["aflossingsplan"]["aantal_termijnen"] == 7


def test_go_boven_plafond_geeft_409_met_beschikbaar(fondsen, mensen, casus, api_als):
    Budget.objects.filter(doelgroep__code="mph", periode__fonds=fondsen["regeling"]).update(
        plafond=Decimal("1000.00")
    )
    ledger.herbereken_saldi(Budget.objects.values_list("pk", flat=True))  # set outside services
    api = api_als(mensen["regisseur"])
    a = api.post("/api/v1/aanvragen", nieuw(casus), format="json").json()["id"]
    api.post(f"/api/v1/aanvragen/{a}/indieningen")
    api_als(mensen["collega"]).post(f"/api/v1/aanvragen/{a}/beoordelingen", {"advies": "positief"})
    fout = api_als(mensen["manager"]).post(f"/api/v1/aanvragen/{a}/besluiten", {"besluit": "go"})
    assert fout.status_code == 409
    assert fout["Content-Type"] == "application/problem+json"
    assert fout.json()["beschikbaar"] == "1000.00"
    assert fout.json()["invalid_params"][0]["name"] == "bedrag"
    assert Aanvraag.objects.get().status == "beoordeeld"
    assert not Boeking.objects.exists()


def test_indienen_zonder_regelcheck_geeft_409(fondsen, mensen, maak_casus, api_als):
    casus = maak_casus(mensen["regisseur"], naam="Familie Zonder Check")
    api = api_als(mensen["regisseur"])
    a = api.post("/api/v1/aanvragen", nieuw(casus), format="json").json()["id"]
    fout = api.post(f"/api/v1/aanvragen/{a}/indieningen")
    assert fout.status_code == 409
    assert "doorbraakplan" in fout.json()["detail"]
    assert fout.json()["invalid_params"][0]["name"] == "plan"


def test_budget_en_bijdrage_door_financien(fondsen, mensen, api_als):
    fin = api_als(mensen["financien"])
    nieuw_budget = fin.post(
        "/api/v1/budgetten", {"doelgroep": "mph", "jaar": 2031, "plafond": "75000.00"}
    )
    assert nieuw_budget.status_code == 201, nieuw_budget.json()
    assert nieuw_budget.json()["fonds"] == "doorbraakbudget"
    dubbel = fin.post("/api/v1/budgetten", {"doelgroep": "mph", "jaar": 2031, "plafond": "1.00"})
    assert dubbel.status_code == 409
    b = nieuw_budget.json()["id"]
    bijdrage = fin.post(
        f"/api/v1/budgetten/{b}/bijdragen",
        {"partner": "Woningcorporatie Peelwonen", "bedrag": "2500.00"},
    )
    assert bijdrage.status_code == 201
    assert bijdrage.json()["bijdragen"] == "2500.00"
    assert bijdrage.json()["beschikbaar"] == "77500.00"
    pilot = fin.post("/api/v1/budgetten", {"fonds": "wijkbudget", "jaar": 2031, "plafond": "20000"})
    assert pilot.json()["doelgroep"] is None
    regisseur = api_als(mensen["regisseur"])
    assert (
        regisseur.post(
            "/api/v1/budgetten", {"doelgroep": "mph", "jaar": 2032, "plafond": "1"}
        ).status_code
        == 403
    )


def test_fondsen_met_route_en_afwegingskader(fondsen, mensen, api_als):
    fondsen_ = api_als(mensen["regisseur"]).get("/api/v1/fondsen").json()
    per_code = {f["code"]: f for f in fondsen_}
    assert set(per_code) == {"doorbraakbudget", "samenloopbudget", "wijkbudget"}
    assert per_code["wijkbudget"]["route"]["zelfstandig_tot"] == "2500.00"
    assert per_code["samenloopbudget"]["afwegingskader"]["alle"][0] == "noodzakelijk"
    assert per_code["doorbraakbudget"]["grootboekrekening"] == "4450"


def test_andere_gemeente_krijgt_404(fondsen, mensen, casus, api_als, regisseur_elders):
    api = api_als(mensen["regisseur"])
    a = api.post(
        "/api/v1/aanvragen",
        nieuw(casus, vorm="lening", aflossingsplan={"termijnbedrag": "100.00"}),
        format="json",
    ).json()["id"]
    api.post(f"/api/v1/aanvragen/{a}/indieningen")
    api_als(mensen["collega"]).post(f"/api/v1/aanvragen/{a}/beoordelingen", {"advies": "positief"})
    lening = (
        api_als(mensen["manager"])
        .post(f"/api/v1/aanvragen/{a}/besluiten", {"besluit": "go"})
        .json()["lening"]
    )
    budget = Budget.objects.filter(gemeente=mensen["regisseur"].gemeente).first()
    from doorbraak.organisaties.models import Rol

    regisseur_elders.rollen = [Rol.REGISSEUR, Rol.FINANCIEN, Rol.MANAGER, Rol.COLLEGA]
    regisseur_elders.save()
    vreemd = api_als(regisseur_elders)
    for methode, pad, body in [
        ("get", f"/api/v1/aanvragen/{a}", None),
        ("post", f"/api/v1/aanvragen/{a}/indieningen", None),
        ("post", f"/api/v1/aanvragen/{a}/beoordelingen", {"advies": "positief"}),
        ("post", f"/api/v1/aanvragen/{a}/besluiten", {"besluit": "go"}),
        ("post", f"/api/v1/aanvragen/{a}/betalingen", {"bedrag": "1.00"}),
        ("post", f"/api/v1/aanvragen/{a}/vrijvallen", {"reden": "x"}),
        ("get", f"/api/v1/leningen/{lening}", None),
        ("post", f"/api/v1/leningen/{lening}/aflossingen", {"bedrag": "1.00"}),
        ("post", f"/api/v1/leningen/{lening}/afschrijvingen", {"reden": "x"}),
        ("post", f"/api/v1/budgetten/{budget.pk}/bijdragen", {"partner": "x", "bedrag": "1"}),
        ("post", "/api/v1/aanvragen", nieuw(casus)),
    ]:
        antwoord = getattr(vreemd, methode)(pad, body, format="json")
        assert antwoord.status_code == 404, (pad, antwoord.status_code)
    assert vreemd.get("/api/v1/aanvragen").json()["count"] == 0
    assert vreemd.get("/api/v1/fondsen").json() == []
    assert vreemd.get("/api/v1/budgetten").json() == []
    assert Boeking.objects.count() == 1


def test_lijsten_met_constant_aantal_queries(
    fondsen, mensen, maak_aanvraag, api_als, django_assert_max_num_queries
):
    api = api_als(mensen["financien"])
    for _ in range(3):
        maak_aanvraag(mensen["regisseur"])
    with django_assert_max_num_queries(12) as weinig:
        api.get("/api/v1/aanvragen")
        api.get("/api/v1/budgetten")
    for _ in range(20):
        maak_aanvraag(mensen["regisseur"])
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        lijst = api.get("/api/v1/aanvragen").json()
        api.get("/api/v1/budgetten")
    assert lijst["count"] == 23


def test_betalingskenmerk_via_de_api(fondsen, mensen, casus, api_als):
    api = api_als(mensen["regisseur"])
    ontvanger = {"naam": "Enexis", "iban": IBAN, "betalingskenmerk": "KLANT 4711"}
    antwoord = api.post("/api/v1/aanvragen", nieuw(casus, ontvanger=ontvanger), format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["ontvanger"]["betalingskenmerk"] == "KLANT 4711"
    te_lang = {**ontvanger, "betalingskenmerk": "x" * 36}
    fout = api.post("/api/v1/aanvragen", nieuw(casus, ontvanger=te_lang), format="json")
    assert fout.status_code == 400
    assert Aanvraag.objects.count() == 1
