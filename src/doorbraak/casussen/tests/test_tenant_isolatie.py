"""Invariant 5: another gemeente's household or case answers 404 on every endpoint, and is
left untouched."""

import pytest

from doorbraak.audit.models import Verwerking
from doorbraak.casussen.models import Casus, Hulpverlener

pytestmark = pytest.mark.django_db


@pytest.fixture
def vreemd(regisseur_elders, maak_casus):
    """A case of the other gemeente, with a helper, that the first gemeente must never reach."""
    from doorbraak.casussen import services

    casus = maak_casus(regisseur_elders, naam="Familie Elders")
    hulpverlener = services.hulpverlener_toevoegen(
        door=regisseur_elders,
        casus_id=casus.pk,
        invoer=services.HulpverlenerInvoer(organisatie="GGZ", rol="Behandelaar"),
    )
    return casus, hulpverlener


def verzoeken(casus: Casus, hulpverlener: Hulpverlener):
    h, c, hv = casus.huishouden_id, casus.pk, hulpverlener.pk
    lid = {"voornaam": "X", "achternaam": "Y", "geboortedatum": "2000-01-01", "rol": "overig"}
    plan = {"situatie": "s", "knelpunten": [], "acties": []}
    hulp = {"organisatie": "o", "rol": "r"}
    return [
        ("get", f"/api/v1/huishoudens/{h}", None),
        ("patch", f"/api/v1/huishoudens/{h}", {"naam": "Overgenomen"}),
        ("post", f"/api/v1/huishoudens/{h}/gezinsleden", lid),
        ("get", f"/api/v1/huishoudens/{h}/verwerkingen", None),
        ("get", f"/api/v1/casussen/{c}", None),
        ("patch", f"/api/v1/casussen/{c}", {"status": "plan"}),
        ("get", f"/api/v1/casussen/{c}/domeinscores", None),
        ("put", f"/api/v1/casussen/{c}/domeinscores", [{"domein": "financien", "score": 2}]),
        ("get", f"/api/v1/casussen/{c}/doorbraakplan", None),
        ("put", f"/api/v1/casussen/{c}/doorbraakplan", plan),
        ("get", f"/api/v1/casussen/{c}/hulpverleners", None),
        ("post", f"/api/v1/casussen/{c}/hulpverleners", hulp),
        ("put", f"/api/v1/casussen/{c}/hulpverleners/{hv}", hulp),
        ("delete", f"/api/v1/casussen/{c}/hulpverleners/{hv}", None),
        ("get", f"/api/v1/casussen/{c}/tijdlijn", None),
        ("post", f"/api/v1/casussen/{c}/tijdlijn", {"tekst": "notitie"}),
        ("post", "/api/v1/casussen", {"huishouden": str(h), "doelgroep": "mph", "aanleiding": "x"}),
    ]


def test_elk_endpoint_geeft_404_voor_andere_gemeente(vreemd, regisseur, privacy, api_als):
    casus, hulpverlener = vreemd
    voor = Verwerking.objects.filter(gemeente=casus.gemeente).count()
    for methode, pad, body in verzoeken(casus, hulpverlener):
        client = api_als(privacy if pad.endswith("/verwerkingen") else regisseur)
        antwoord = getattr(client, methode)(pad, body, format="json")
        assert antwoord.status_code == 404, (methode, pad, antwoord.status_code)
        assert antwoord["Content-Type"] == "application/problem+json"
        assert "Elders" not in antwoord.content.decode()
    casus.refresh_from_db()
    assert casus.status == "aangemeld"
    assert casus.huishouden.naam == "Familie Elders"
    assert casus.huishouden.gezinsleden.count() == 1
    assert casus.hulpverleners.count() == 1
    assert not casus.metingen.exists()
    assert Verwerking.objects.filter(gemeente=casus.gemeente).count() == voor


def test_lijst_toont_alleen_eigen_gemeente(vreemd, regisseur, api, maak_casus):
    eigen = maak_casus(regisseur)
    antwoord = api.get("/api/v1/casussen")
    assert antwoord.status_code == 200
    assert [c["id"] for c in antwoord.json()["results"]] == [str(eigen.pk)]


def test_bsn_zoeken_vindt_geen_huishouden_van_andere_gemeente(regisseur_elders, api, maak_casus):
    maak_casus(regisseur_elders, bsn="111222333")
    antwoord = api.post("/api/v1/huishoudens/zoekopdrachten", {"bsn": "111222333"}, format="json")
    assert antwoord.status_code == 200
    assert antwoord.json() == []
