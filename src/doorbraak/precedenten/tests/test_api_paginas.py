"""The precedents over the API, the page and the CSV export: no identifying field or planted
identifier anywhere; errors as problem+json naming the field; constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorbraak.casussen.models import GezinslidRol
from doorbraak.organisaties.models import Regio
from doorbraak.precedenten import demo
from doorbraak.precedenten.models import Regiopublicatie
from doorbraak.precedenten.tests.conftest import GEPLANT, precedent_van

pytestmark = pytest.mark.django_db

VERBODEN_VELDEN = ("naam", "bsn", "adres", "postcode", "geboortedatum", "aanvraag", "casus")


def _geen_lek(inhoud: str) -> None:
    tekst = inhoud.casefold()
    for wat, waarde in GEPLANT.items():
        assert waarde.casefold() not in tekst, wat
    assert "1988" not in tekst


@pytest.fixture
def precedent(besliste_casus):
    _, aanvraag = besliste_casus
    return precedent_van(aanvraag)


def test_api_lijst_zonder_identificerende_velden(precedent, api_als, mensen):
    antwoord = api_als(mensen["collega"]).get("/api/v1/precedenten?zoek=huisuitzetting")
    assert antwoord.status_code == 200
    data = antwoord.json()
    assert data["count"] == 1
    hit = data["results"][0]
    assert not set(VERBODEN_VELDEN) & set(hit)
    assert hit["bedrag"] == "1850.00" and hit["besluit"] == "toegekend"
    assert hit["artikelen"] == ["PW 35"] and hit["waarom_vergelijkbaar"]
    assert hit["gemeente"] == "Peelstad" and hit["eigen_gemeente"] is True
    assert len(hit["besloten_in"]) == 7  # year and month
    _geen_lek(antwoord.content.decode())
    detail = api_als(mensen["collega"]).get(f"/api/v1/precedenten/{hit['id']}")
    assert detail.status_code == 200
    _geen_lek(detail.content.decode())


def test_api_vergelijkbaar_met_signaal(besliste_casus, voorbeelden, api_als, mensen, maak_casus):
    from doorbraak.precedenten.tests.conftest import plan_met_knelpunt

    nieuw = maak_casus(mensen["regisseur"], naam="Familie Jansen")
    plan_met_knelpunt(mensen["regisseur"], nieuw.pk, "Dreigende huisuitzetting na schade.")
    antwoord = api_als(mensen["manager"]).get(
        f"/api/v1/casussen/{nieuw.pk}/vergelijkbaar?bedrag=4900.00"
    )
    assert antwoord.status_code == 200, antwoord.content
    data = antwoord.json()
    assert len(data["precedenten"]) == 3
    assert [s["code"] for s in data["signalen"]] == ["bedrag_ver_boven"]
    _geen_lek(antwoord.content.decode())
    fout = api_als(mensen["manager"]).get(f"/api/v1/casussen/{nieuw.pk}/vergelijkbaar?bedrag=x")
    assert fout.status_code == 400
    assert fout.json()["invalid_params"][0]["name"] == "bedrag"


def test_api_andere_gemeente_krijgt_404_op_vergelijkbaar(besliste_casus, api_als, regisseur_elders):
    casus, _ = besliste_casus
    antwoord = api_als(regisseur_elders).get(f"/api/v1/casussen/{casus.pk}/vergelijkbaar")
    assert antwoord.status_code == 404


def test_api_besluit_met_afwijking_zonder_motivering_is_problem_json(
    voorbeelden, mensen, fondsen, casus, maak_aanvraag, api_als
):
    from doorbraak.budget import services as budget_services
    from doorbraak.precedenten.tests.conftest import plan_met_knelpunt, scores

    plan_met_knelpunt(mensen["regisseur"], casus.pk, "Dreigende huisuitzetting na schade.")
    scores(mensen["regisseur"], casus.pk, huisvesting=1, financien=2)
    aanvraag = maak_aanvraag(mensen["regisseur"], bedrag="4800.00")
    budget_services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=aanvraag.pk)
    budget_services.aanvraag_beoordelen(
        door=mensen["collega"],
        aanvraag_id=aanvraag.pk,
        advies="positief",
        afwijking_motivering="Grotere schade dan gewoonlijk.",
    )
    client = api_als(mensen["manager"])
    pad = f"/api/v1/aanvragen/{aanvraag.pk}/besluiten"
    fout = client.post(pad, {"besluit": "go", "motivering": "Akkoord."})
    assert fout.status_code == 400
    assert fout["Content-Type"].startswith("application/problem+json")
    assert fout.json()["invalid_params"][0]["name"] == "afwijking_motivering"
    goed = client.post(
        pad,
        {"besluit": "go", "motivering": "Akkoord.", "afwijking_motivering": "Grotere schade."},
    )
    assert goed.status_code == 201 and goed.json()["status"] == "toegekend"


def test_api_foutieve_facet_noemt_het_veld(api_als, mensen):
    antwoord = api_als(mensen["collega"]).get("/api/v1/precedenten?uitkomst=super")
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["name"] == "uitkomst"


def test_api_lijst_queries_groeien_niet(gemeente, api_als, mensen):
    client = api_als(mensen["collega"])
    demo.genereer(gemeente, 5)

    def tel():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/precedenten?zoek=huisuitzetting").status_code == 200
        return len(ctx.captured_queries)

    weinig = tel()
    demo.genereer(gemeente, 50, seed=2)
    assert tel() == weinig <= 8


def test_pagina_detail_en_csv_zonder_lek(precedent, client, mensen):
    client.force_login(mensen["manager"])
    pagina = client.get("/precedenten?zoek=huisuitzetting")
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Vergelijkbaar" in html or "vergelijkbaar" in html
    assert str(precedent.pk) in html
    assert 'href="/precedenten" aria-current="page"' in html  # in the menu
    _geen_lek(html)
    detail = client.get(f"/precedenten/{precedent.pk}")
    assert detail.status_code == 200
    _geen_lek(detail.content.decode())
    # Labels, not the stored codes, for the urgency and the members' roles.
    assert f"<dd>{precedent.get_urgentie_display()}</dd>" in detail.content.decode()
    assert precedent.get_urgentie_display() != precedent.urgentie
    for band in precedent.leeftijden:
        assert f"{GezinslidRol(band['rol']).label} {band['band']}" in detail.content.decode()
    export = client.get("/precedenten/csv?zoek=huisuitzetting")
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    regels = export.content.decode().splitlines()
    assert len(regels) == 2 and "1850.00" in regels[1]
    _geen_lek(export.content.decode())


def test_aanvraagpagina_toont_vergelijkbare_doorbraken(
    besliste_casus, voorbeelden, client, mensen, maak_aanvraag
):
    _casus, _ = besliste_casus
    aanvraag = maak_aanvraag(mensen["regisseur"], bedrag="4900.00")
    client.force_login(mensen["collega"])
    html = client.get(f"/aanvragen/{aanvraag.pk}").content.decode()
    assert "Vergelijkbare doorbraken" in html
    assert "ver boven" in html
    _geen_lek(html.split("Vergelijkbare doorbraken", 1)[1].split("</section>", 1)[0])
    client.force_login(mensen["financien"])  # finance sees the money, not the precedents
    assert (
        "Vergelijkbare doorbraken" not in client.get(f"/aanvragen/{aanvraag.pk}").content.decode()
    )


def test_aanvraagformulier_toont_vergelijkbare_doorbraken(voorbeelden, casus, client, mensen):
    client.force_login(mensen["regisseur"])
    antwoord = client.get(f"/casussen/{casus.pk}/aanvragen/nieuw")
    assert antwoord.status_code == 200
    assert "Vergelijkbare doorbraken" in antwoord.content.decode()


def test_regiopagina_voor_de_privacyfunctionaris(gemeente, client, privacy, regisseur):
    gemeente.regio = Regio.objects.create(naam="Peelregio")
    gemeente.save(update_fields=["regio"])
    client.force_login(privacy)
    assert client.get("/precedenten/regio").status_code == 200
    leeg = client.post("/precedenten/regio", {"actie": "publiceren", "privacytoets": ""})
    assert leeg.status_code == 400 and "privacytoets" in leeg.content.decode()
    ok = client.post("/precedenten/regio", {"actie": "publiceren", "privacytoets": "Akkoord."})
    assert ok.status_code == 302
    assert Regiopublicatie.objects.get(ingetrokken_op__isnull=True).getoetst_door == privacy
    client.force_login(regisseur)
    assert client.get("/precedenten/regio").status_code == 403
