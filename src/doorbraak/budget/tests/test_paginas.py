"""The screens: request form in the dossier, the request page and its steps, worklists and the
budget page; isolation, errors beside their field with nothing stored, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorbraak.budget import services
from doorbraak.budget.models import Aanvraag
from doorbraak.budget.tests.conftest import IBAN

pytestmark = pytest.mark.django_db


def als(client, medewerker):
    client.force_login(medewerker)
    return client


def queries(client, pad) -> int:
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(pad)
    assert antwoord.status_code == 200, antwoord.content[:500]
    return len(ctx.captured_queries)


def formulier(**wijzig):
    data = {
        "fonds": "doorbraakbudget",
        "bedrag": "800.00",
        "vorm": "om_niet",
        "ontvanger_naam": "Woningcorporatie Peelwonen",
        "ontvanger_iban": IBAN,
        "motivering": "Huisuitzetting voorkomen.",
        "criteria": ["voorliggend_onvoldoende", "noodzakelijk"],
    }
    data.update(wijzig)
    return data


def test_aanvraag_via_de_schermen_door_drie_personen(client, fondsen, mensen, casus):
    c = als(client, mensen["regisseur"])
    dossier = c.get(f"/casussen/{casus.pk}")
    assert "Nieuwe aanvraag" in dossier.content.decode()
    assert c.get(f"/casussen/{casus.pk}/aanvragen/nieuw").status_code == 200
    antwoord = c.post(f"/casussen/{casus.pk}/aanvragen/nieuw", formulier())
    assert antwoord.status_code == 302
    a = Aanvraag.objects.get()
    assert c.post(f"/aanvragen/{a.pk}/indienen").status_code == 302
    c = als(client, mensen["collega"])
    assert "Meekijken vastleggen" in c.get(f"/aanvragen/{a.pk}").content.decode()
    c.post(f"/aanvragen/{a.pk}/beoordelen", {"advies": "positief", "toelichting": "Goed."})
    c = als(client, mensen["manager"])
    assert "Besluit vastleggen" in c.get(f"/aanvragen/{a.pk}").content.decode()
    c.post(f"/aanvragen/{a.pk}/besluiten", {"besluit": "go", "motivering": "Akkoord."})
    c = als(client, mensen["financien"])
    te_veel = c.post(f"/aanvragen/{a.pk}/betalen", {"bedrag": "800.01"})
    assert te_veel.status_code == 400
    assert "meer betalen" in te_veel.content.decode()
    c.post(f"/aanvragen/{a.pk}/betalen", {"bedrag": "800.00"})
    a.refresh_from_db()
    assert a.status == "betaald"
    assert [s.naar for s in a.stappen.all()][-1] == "betaald"


def test_ongeldig_iban_staat_bij_het_veld_en_niets_opgeslagen(client, fondsen, mensen, casus):
    c = als(client, mensen["regisseur"])
    antwoord = c.post(f"/casussen/{casus.pk}/aanvragen/nieuw", formulier(ontvanger_iban="NL00X"))
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert 'id="id_ontvanger_iban-fout"' in html
    assert "geen geldig IBAN" in html
    assert not Aanvraag.objects.exists()


def test_aanvrager_krijgt_geen_besluitknop_en_de_service_weigert(
    client, fondsen, mensen, maak_aanvraag
):
    a = maak_aanvraag(mensen["regisseur"])
    services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
    c = als(client, mensen["regisseur"])
    assert "Besluit vastleggen" not in c.get(f"/aanvragen/{a.pk}").content.decode()
    assert c.post(f"/aanvragen/{a.pk}/besluiten", {"besluit": "go"}).status_code == 403


def test_andere_gemeente_ziet_niets(
    client, fondsen, mensen, casus, maak_aanvraag, regisseur_elders
):
    a = maak_aanvraag(mensen["regisseur"])
    c = als(client, regisseur_elders)
    assert c.get(f"/aanvragen/{a.pk}").status_code == 404
    assert c.get(f"/casussen/{casus.pk}/aanvragen/nieuw").status_code == 404
    assert c.post(f"/aanvragen/{a.pk}/indienen").status_code == 404
    assert "Familie De Vries" not in c.get("/aanvragen?lijst=alle").content.decode()


@pytest.mark.parametrize("lijst", ["te_beoordelen", "wacht_op_go", "te_betalen", "aflossingen"])
def test_werklijsten_met_constant_aantal_queries(client, fondsen, mensen, maak_aanvraag, lijst):
    def vul(aantal):
        for i in range(aantal):
            a = maak_aanvraag(
                mensen["regisseur"], vorm="lening" if i % 2 else "om_niet", bedrag="100.00"
            )
            services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)
            if lijst == "te_beoordelen":
                continue
            services.aanvraag_beoordelen(
                door=mensen["collega"], aanvraag_id=a.pk, advies="positief"
            )
            if lijst == "wacht_op_go":
                continue
            services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=a.pk, besluit="go")
            if lijst == "aflossingen":
                services.betaling_registreren(
                    door=mensen["financien"], aanvraag_id=a.pk, bedrag=a.bedrag
                )

    kijker = {"te_beoordelen": "collega", "wacht_op_go": "manager"}.get(lijst, "financien")
    c = als(client, mensen[kijker])
    vul(2)
    weinig = queries(c, f"/aanvragen?lijst={lijst}")
    vul(12)
    assert queries(c, f"/aanvragen?lijst={lijst}") == weinig
    assert "Familie De Vries" in c.get(f"/aanvragen?lijst={lijst}").content.decode()


def test_budgetpagina_met_balken_en_constant_aantal_queries(client, fondsen, mensen, maak_aanvraag):
    c = als(client, mensen["financien"])
    weinig = queries(c, "/budget")
    uitv = mensen["uitvoeringsregisseur"]
    for _ in range(5):
        a = maak_aanvraag(uitv, fonds="wijkbudget", bedrag="100.00")
        services.aanvraag_indienen(door=uitv, aanvraag_id=a.pk)
        services.aanvraag_besluiten(door=uitv, aanvraag_id=a.pk, besluit="go")
    assert queries(c, "/budget") == weinig
    html = c.get("/budget").content.decode()
    assert "Regelarm wijkbudget" in html and "<svg" in html
    assert "€ 19.500,00" in html
    assert als(client, mensen["regisseur"]).get("/budget").status_code == 403


def test_draagkrachtvoorstel_zonder_opslaan(client, fondsen, mensen, casus):
    c = als(client, mensen["regisseur"])
    antwoord = c.post(
        f"/casussen/{casus.pk}/aanvragen/nieuw",
        formulier(bedrag="1000.00", maandinkomen="2400.00", vaste_lasten="800.00", voorstel="1"),
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "lening verantwoord, 5 termijnen van € 200,00" in html
    assert 'value="2.400,00"' in html  # kept, in Dutch notation
    assert not Aanvraag.objects.exists()
    # only the proposal: fields not yet reached are not judged
    zonder = formulier(maandinkomen="2400", vaste_lasten="800", voorstel="1")
    for veld in ("ontvanger_naam", "ontvanger_iban", "motivering"):
        zonder.pop(veld)
    html = c.post(f"/casussen/{casus.pk}/aanvragen/nieuw", zonder).content.decode()
    assert "termijnen van" in html and "Dit veld is vereist" not in html
