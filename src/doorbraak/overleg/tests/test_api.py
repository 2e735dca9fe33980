"""/overleggen, /bijeenkomsten, /agendapunten (+ casusbrief, besluit) and the case's grounds and
escalations, as a system uses them."""

import datetime

import pytest
from django.utils import timezone

from doorbraak.audit.models import Verwerking
from doorbraak.casussen.models import Actie

pytestmark = pytest.mark.django_db


@pytest.fixture
def tafel(api_als, manager, voorzitter, partner, regisseur, casus):
    """Through the API: a table with a partner member, a meeting in 3 days, the case on it."""
    antwoord = api_als(manager).post(
        "/api/v1/overleggen",
        {"naam": "Regieteam Centrum", "soort": "regieteam", "voorzitter": "voorzitter",
         "doelgroep": "mph", "ritme": "Wekelijks"},
        format="json",
    )  # fmt: skip
    assert antwoord.status_code == 201, antwoord.json()
    overleg = antwoord.json()
    from doorbraak.overleg import services

    services.lid_toevoegen(
        door=voorzitter, overleg_id=overleg["id"], medewerker=partner, organisatie="Woonstichting"
    )
    datum = timezone.localdate() + datetime.timedelta(days=3)
    antwoord = api_als(voorzitter).post(
        "/api/v1/bijeenkomsten", {"overleg": overleg["id"], "datum": str(datum)}, format="json"
    )
    assert antwoord.status_code == 201, antwoord.json()
    bijeenkomst = antwoord.json()
    antwoord = api_als(regisseur).post(
        "/api/v1/agendapunten",
        {"bijeenkomst": bijeenkomst["id"], "casus": str(casus.pk), "vraag": "Huur opschorten?"},
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    return {"overleg": overleg, "bijeenkomst": antwoord.json()}


def test_partner_ziet_eigen_overleg_agenda_en_gepseudonimiseerde_brief(api_als, partner, tafel):
    client = api_als(partner)
    overleggen = client.get("/api/v1/overleggen").json()
    assert [o["naam"] for o in overleggen["results"]] == ["Regieteam Centrum"]
    punt = tafel["bijeenkomst"]["agenda"][0]
    assert punt["aanduiding"] == "Huishouden A" and punt["gepseudonimiseerd"]
    agenda = client.get(f"/api/v1/agendapunten?bijeenkomst={tafel['bijeenkomst']['id']}").json()
    assert [p["id"] for p in agenda] == [punt["id"]]
    brief = client.get(f"/api/v1/agendapunten/{punt['id']}/casusbrief")
    assert brief.status_code == 200
    data = brief.json()
    assert data["aanduiding"] == "Huishouden A" and data["gepseudonimiseerd"] is True
    assert "Vries" not in brief.content.decode() and data["postcode"] == ""
    assert Verwerking.objects.filter(
        actor="corporatie", object_type="casusbrief", activiteit="casusoverleg"
    ).exists()


def test_brief_buiten_het_venster_is_403_problem_json(
    api_als, voorzitter, partner, regisseur, tafel, maak_casus
):
    later = timezone.localdate() + datetime.timedelta(days=30)
    b = api_als(voorzitter).post(
        "/api/v1/bijeenkomsten", {"overleg": tafel["overleg"]["id"], "datum": str(later)},
        format="json",
    ).json()  # fmt: skip
    andere = maak_casus(regisseur, naam="Familie Jansen")
    agenda = (
        api_als(regisseur)
        .post(
            "/api/v1/agendapunten",
            {"bijeenkomst": b["id"], "casus": str(andere.pk), "vraag": "Schulden?"},
            format="json",
        )
        .json()["agenda"]
    )
    antwoord = api_als(partner).get(f"/api/v1/agendapunten/{agenda[0]['id']}/casusbrief")
    assert antwoord.status_code == 403
    assert antwoord["Content-Type"] == "application/problem+json"
    assert "alleen in te zien van" in antwoord.json()["detail"]


def test_besluit_via_de_api_wordt_actie_in_het_plan(api_als, voorzitter, casus, tafel):
    punt = tafel["bijeenkomst"]["agenda"][0]
    antwoord = api_als(voorzitter).post(
        f"/api/v1/agendapunten/{punt['id']}/besluit",
        {"conclusie": "Corporatie schort op.",
         "afspraken": [{"wat": "Ontruiming opschorten", "wie": "Woonstichting",
                        "deadline": "2030-01-01"}]},
        format="json",
    )  # fmt: skip
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["afspraken"][0]["open"] is True
    assert Actie.objects.filter(
        plan__casus=casus,
        omschrijving__startswith="Ontruiming opschorten",
        eigenaar="Woonstichting",
    ).exists()
    fout = api_als(voorzitter).post(
        f"/api/v1/agendapunten/{punt['id']}/besluit",
        {"conclusie": "x", "afspraken": [{"wat": "", "wie": "a"}]},
        format="json",
    )
    assert fout.status_code == 400
    assert fout.json()["invalid_params"][0]["name"] == "afspraken[0].wat"


def test_volgorde_verslag_en_aanwezigen(api_als, voorzitter, partner, tafel):
    b = tafel["bijeenkomst"]
    client = api_als(voorzitter)
    punt = b["agenda"][0]["id"]
    assert (
        client.put(
            f"/api/v1/bijeenkomsten/{b['id']}/volgorde", {"volgorde": [punt]}, format="json"
        ).status_code
        == 200
    )
    assert client.patch(
        f"/api/v1/bijeenkomsten/{b['id']}", {"aanwezigen": ["voorzitter", "corporatie"]},
        format="json",
    ).json()["aanwezigen"] == ["corporatie", "voorzitter"]  # fmt: skip
    verslag = client.post(f"/api/v1/bijeenkomsten/{b['id']}/verslag").json()["verslag"]
    assert "1. Huishouden A" in verslag
    assert (
        api_als(partner)
        .patch(f"/api/v1/bijeenkomsten/{b['id']}", {"verslag": "anders"}, format="json")
        .status_code
        == 403
    )


def test_grondslag_en_escalatie_via_de_api(api_als, manager, regisseur, casus, tafel):
    client = api_als(regisseur)
    fout = client.post(
        f"/api/v1/casussen/{casus.pk}/deelgrondslagen", {"soort": "toestemming"}, format="json"
    )
    assert fout.status_code == 400
    assert fout.json()["invalid_params"][0]["name"] == "toestemming_datum"
    grond = client.post(
        f"/api/v1/casussen/{casus.pk}/deelgrondslagen",
        {
            "soort": "wettelijk",
            "wettelijke_grondslag": "Wmo 2015 art. 5.2.1",
            "categorieen": ["wonen"],
        },
        format="json",
    )
    assert grond.status_code == 201
    brief = client.get(
        f"/api/v1/agendapunten/{tafel['bijeenkomst']['agenda'][0]['id']}/casusbrief"
    ).json()
    assert brief["aanduiding"] == "Familie De Vries"
    vhuis = api_als(manager).post(
        "/api/v1/overleggen", {"naam": "Veiligheidshuis", "soort": "veiligheidshuis"},
        format="json",
    ).json()  # fmt: skip
    op = client.post(
        f"/api/v1/casussen/{casus.pk}/escalaties",
        {"richting": "op", "naar_overleg": vhuis["id"], "reden": "AVE", "urgentie": "crisis"},
        format="json",
    )
    assert op.status_code == 201, op.json()
    af = client.post(
        f"/api/v1/casussen/{casus.pk}/escalaties", {"richting": "af", "reden": "Rustig"},
        format="json",
    )  # fmt: skip
    assert af.status_code == 201, af.json()
    assert af.json()["naar_overleg"] == tafel["overleg"]["id"]
    geschiedenis = client.get(f"/api/v1/casussen/{casus.pk}/escalaties").json()
    assert [e["richting"] for e in geschiedenis] == ["op", "af"]
    assert (
        client.delete(
            f"/api/v1/casussen/{casus.pk}/deelgrondslagen/{grond.json()['id']}"
        ).status_code
        == 204
    )


def test_andere_gemeente_krijgt_404(api_als, regisseur_elders, casus, tafel):
    client = api_als(regisseur_elders)
    assert client.get("/api/v1/overleggen").json()["count"] == 0
    for pad in (
        f"/api/v1/overleggen/{tafel['overleg']['id']}",
        f"/api/v1/bijeenkomsten/{tafel['bijeenkomst']['id']}",
        f"/api/v1/agendapunten/{tafel['bijeenkomst']['agenda'][0]['id']}/casusbrief",
        f"/api/v1/casussen/{casus.pk}/escalaties",
    ):
        antwoord = client.get(pad)
        assert antwoord.status_code == 404, pad
        assert antwoord["Content-Type"] == "application/problem+json"
