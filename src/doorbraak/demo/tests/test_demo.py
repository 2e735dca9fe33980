"""`doorbraak demo`: the users of API.md, the example cases, isolation, and demo mode only."""

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from doorbraak.audit.models import Verwerking
from doorbraak.casussen.models import Casus, Gezinslid, Huishouden, Meting
from doorbraak.demo import laden as demo
from doorbraak.organisaties.models import Gemeente, Mandaat, Medewerker

pytestmark = pytest.mark.django_db

API_GEBRUIKERS = {
    "regisseur", "coach", "collega", "manager", "teammanager", "financien", "beleid", "privacy",
    "beheer", "regisseur2", "beheer2", "corporatie", "ggz",
}  # fmt: skip


@pytest.fixture
def geladen():
    call_command("demo")


def test_laadt_de_gebruikers_van_api_md_met_het_demowachtwoord(geladen):
    gebruikers = Medewerker.objects.all()
    assert {m.username for m in gebruikers} == API_GEBRUIKERS
    assert all(m.check_password(demo.WACHTWOORD) for m in gebruikers)
    manager = Medewerker.objects.get(username="manager")
    go = Mandaat.objects.filter(medewerker=manager, rol="go")
    assert {m.doelgroep.code for m in go} == {"mph", "doorbraakteam"}
    assert all(m.max_bedrag is None for m in go)
    teammanager_go = Mandaat.objects.get(medewerker__username="teammanager", rol="go")
    assert teammanager_go.doelgroep.code == "passende_hulp"


def test_voorbeeldcasussen_met_verloop_en_alle_statussen(geladen):
    peelstad = Gemeente.objects.get(code=demo.GEMEENTE[0])
    casussen = Casus.objects.filter(gemeente=peelstad)
    assert casussen.count() == len(demo.CASUSSEN) >= 5
    assert {c.status for c in casussen} >= {"aangemeld", "plan", "uitvoering", "afgesloten"}
    assert {c.doelgroep.code for c in casussen} == {"mph", "doorbraakteam", "passende_hulp"}
    # Change over time: several cases have two measurements, the first before the last.
    met_verloop = [c for c in casussen if c.metingen.count() == 2]
    assert len(met_verloop) >= 3
    for casus in met_verloop:
        eerste, laatste = Meting.objects.filter(casus=casus).order_by("datum")
        assert eerste.datum < laatste.datum
    # Households like these have many helpers (seed 000: "10 tot 30 hulpverleners").
    assert max(c.hulpverleners.count() for c in casussen) >= 10
    # BSNs only encrypted, the processing log written.
    assert Gezinslid.objects.exclude(bsn_versleuteld="").filter(gemeente=peelstad).exists()
    assert not Gezinslid.objects.filter(bsn_versleuteld__contains="111222333").exists()
    assert Verwerking.objects.filter(gemeente=peelstad).count() > 20


def test_de_eerste_gemeente_ziet_de_tweede_nooit(geladen):
    regisseur = Medewerker.objects.get(username="regisseur")
    elders = Huishouden.objects.get(gemeente__code=demo.ANDERE_GEMEENTE[0])
    client = APIClient()
    client.force_authenticate(regisseur)
    assert client.get(f"/api/v1/huishoudens/{elders.pk}").status_code == 404
    lijst = client.get("/api/v1/casussen").json()
    assert str(elders.pk) not in {c["huishouden"]["id"] for c in lijst["results"]}
    assert lijst["count"] == len(demo.CASUSSEN)


def test_alleen_als_leeg_laat_een_gevulde_database_met_rust(geladen):
    aantal = Verwerking.objects.count()
    call_command("demo", "--alleen-als-leeg")
    assert Medewerker.objects.count() == len(API_GEBRUIKERS)
    assert Verwerking.objects.count() == aantal


def test_tweede_keer_laden_wordt_geweigerd_zonder_iets_te_wijzigen(geladen):
    aantal = Casus.objects.count()
    with pytest.raises(CommandError, match="bestaan al"):
        call_command("demo")
    assert Casus.objects.count() == aantal


def test_buiten_demomodus_geweigerd(settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="alleen geladen in demo-modus"):
        call_command("demo")
    assert not Medewerker.objects.exists()


def test_demo_overleggen_met_partners_verslag_en_agenda(geladen):
    from django.utils import timezone

    from doorbraak.overleg.models import Bijeenkomst, Overleg

    peelstad = Gemeente.objects.get(code=demo.GEMEENTE[0])
    tafels = {o.naam: o for o in Overleg.objects.filter(gemeente=peelstad)}
    assert {"Regieteam Centrum", "Overleg Passende Hulp"} <= set(tafels)
    for naam in ("Regieteam Centrum", "Overleg Passende Hulp"):
        partners = {
            lid.medewerker.username
            for lid in tafels[naam].leden.select_related("medewerker")
            if lid.medewerker.heeft_rol("partner")
        }
        assert partners == {"corporatie", "ggz"}
    vandaag = timezone.localdate()
    geweest = Bijeenkomst.objects.filter(overleg__gemeente=peelstad, datum__lt=vandaag)
    assert any("Conclusie: Netwerkpleegzorg" in b.verslag for b in geweest)
    komend = Bijeenkomst.objects.filter(overleg__gemeente=peelstad, datum__gte=vandaag)
    assert max(b.agenda.count() for b in komend) >= 2
    assert Verwerking.objects.filter(gemeente=peelstad, activiteit="casusoverleg").exists()
