"""Publishing to the region, by choice: after the privacy officer's check, the region's other
gemeenten find the precedents marked with the publishing gemeente; withdrawing removes them
everywhere; a gemeente that did not publish shows nothing to the others."""

import pytest

from doorbraak.audit.models import Verwerking
from doorbraak.fouten import Conflict, GeenToegang, Validatiefout
from doorbraak.organisaties.models import Regio, Rol
from doorbraak.precedenten import demo, selectors, services
from doorbraak.precedenten.models import Regiopublicatie
from doorbraak.precedenten.tests.conftest import precedent_van

pytestmark = pytest.mark.django_db


@pytest.fixture
def regio(gemeente, andere_gemeente):
    r = Regio.objects.create(naam="Peelregio")
    for g in (gemeente, andere_gemeente):
        g.regio = r
        g.save(update_fields=["regio"])
    demo.demo(gemeente)  # Peelstad has precedents
    demo.genereer(andere_gemeente, 4)  # and so has Kempenhoven
    return r


def test_publiceren_toont_ze_gemarkeerd_in_de_andere_gemeente(regio, privacy, regisseur_elders):
    services.regio_publiceren(door=privacy, privacytoets="Steekproef van 9: geen namen.")
    treffers = selectors.precedenten_zoeken(medewerker=regisseur_elders, limiet=100)
    van_peelstad = [t for t in treffers if not t.eigen]
    assert len(van_peelstad) == 9
    assert {t.gemeente for t in van_peelstad} == {"Peelstad"}
    assert len([t for t in treffers if t.eigen]) == 4
    log = Verwerking.objects.get(object_type="regiopublicatie")
    assert log.actor == privacy.username and log.huishouden_id is None


def test_wie_niet_publiceerde_toont_niets_aan_anderen(regio, privacy, regisseur):
    services.regio_publiceren(door=privacy, privacytoets="Akkoord.")
    treffers = selectors.precedenten_zoeken(medewerker=regisseur, limiet=100)
    assert treffers and all(t.eigen for t in treffers)  # Kempenhoven did not publish


def test_intrekken_haalt_ze_overal_weg(regio, privacy, regisseur_elders):
    services.regio_publiceren(door=privacy, privacytoets="Akkoord.")
    services.regio_intrekken(door=privacy, reden="Herbeoordeling.")
    treffers = selectors.precedenten_zoeken(medewerker=regisseur_elders, limiet=100)
    assert all(t.eigen for t in treffers)
    p = Regiopublicatie.objects.get()
    assert p.ingetrokken_door == privacy and p.ingetrokken_op is not None
    services.regio_publiceren(door=privacy, privacytoets="Opnieuw getoetst.")  # again, later
    assert Regiopublicatie.objects.count() == 2


def test_buiten_de_regio_ziet_niemand_iets(regio, privacy, maak_medewerker):
    from doorbraak.organisaties.tests.factories import GemeenteFactory

    services.regio_publiceren(door=privacy, privacytoets="Akkoord.")
    elders = maak_medewerker(GemeenteFactory(), Rol.REGISSEUR)
    assert selectors.precedenten_zoeken(medewerker=elders) == []


def test_alleen_de_privacyfunctionaris_publiceert_met_toets(regio, privacy, regisseur):
    with pytest.raises(GeenToegang):
        services.regio_publiceren(door=regisseur, privacytoets="Akkoord.")
    with pytest.raises(Validatiefout) as fout:
        services.regio_publiceren(door=privacy, privacytoets="  ")
    assert fout.value.veld == "privacytoets"
    with pytest.raises(Conflict):
        services.regio_intrekken(door=privacy)
    services.regio_publiceren(door=privacy, privacytoets="Akkoord.")
    with pytest.raises(Conflict):
        services.regio_publiceren(door=privacy, privacytoets="Nog eens.")
    assert Regiopublicatie.objects.count() == 1


def test_detail_van_een_niet_gedeeld_precedent_is_niet_gevonden(regio, regisseur_elders):
    from doorbraak.fouten import NietGevonden
    from doorbraak.precedenten.models import Precedent

    p = Precedent.objects.filter(gemeente__naam="Peelstad").first()
    with pytest.raises(NietGevonden):
        selectors.precedent_ophalen(medewerker=regisseur_elders, precedent_id=p.pk)


def test_publiceren_en_intrekken_over_api_en_pagina(
    regio, privacy, regisseur_elders, client, api_als
):
    """The same across the API, the page and the export: Kempenhoven sees Peelstad's
    precedents, marked, only while they are published; the detail goes with them."""
    api = api_als(regisseur_elders)
    client.force_login(regisseur_elders)

    def van_peelstad():
        lijst = api.get("/api/v1/precedenten").json()["results"]
        return [p for p in lijst if not p["eigen_gemeente"]]

    assert van_peelstad() == []
    services.regio_publiceren(door=privacy, privacytoets="Steekproef: geen namen.")
    gedeeld = van_peelstad()
    assert gedeeld and {p["gemeente"] for p in gedeeld} == {"Peelstad"}
    detail = f"/api/v1/precedenten/{gedeeld[0]['id']}"
    assert api.get(detail).status_code == 200
    assert gedeeld[0]["id"] in client.get("/precedenten").content.decode()
    assert "Peelstad" in client.get("/precedenten/csv").content.decode()

    services.regio_intrekken(door=privacy, reden="Herbeoordeling.")
    assert van_peelstad() == []
    assert api.get(detail).status_code == 404
    assert client.get(f"/precedenten/{gedeeld[0]['id']}").status_code == 404
    assert gedeeld[0]["id"] not in client.get("/precedenten").content.decode()
    assert "Peelstad" not in client.get("/precedenten/csv").content.decode()


def test_de_voortoets_bij_het_besluit_telt_wat_de_regio_publiceerde(
    regio, privacy, andere_gemeente
):
    """The go's quick check before the similarity search sees exactly the grants the search
    could find: its own gemeente's, and a published gemeente's only while published."""
    import uuid
    from decimal import Decimal

    from doorbraak.budget.models import Aanvraag
    from doorbraak.precedenten.models import Precedent

    def laagste(*gemeenten):
        bedragen = Precedent.objects.filter(gemeente__in=gemeenten, besluit="toegekend")
        return sorted(bedragen.values_list("bedrag", flat=True))[:2]

    bij_kempenhoven = Aanvraag(gemeente_id=andere_gemeente.pk, casus_id=uuid.uuid4())
    eigen = laagste(andere_gemeente)
    assert len(eigen) == 2 and selectors._laagste_toekenningen(bij_kempenhoven) == eigen
    Precedent.objects.filter(gemeente=privacy.gemeente).update(bedrag=Decimal("1.00"))
    assert selectors._laagste_toekenningen(bij_kempenhoven) == eigen  # not published yet
    services.regio_publiceren(door=privacy, privacytoets="Akkoord.")
    samen = laagste(andere_gemeente, privacy.gemeente)
    assert samen == [Decimal("1.00")] * 2
    assert selectors._laagste_toekenningen(bij_kempenhoven) == samen
    services.regio_intrekken(door=privacy)
    assert selectors._laagste_toekenningen(bij_kempenhoven) == eigen


def test_de_voortoets_laat_de_eigen_casus_en_afwijzingen_buiten(besliste_casus, voorbeelden):
    """The two lowest grants leave out the request's own case (its earlier go) and refusals,
    whatever their amounts; precedents without a request count."""
    import uuid
    from decimal import Decimal

    from doorbraak.budget.models import Aanvraag
    from doorbraak.precedenten.models import Precedent

    casus, aanvraag = besliste_casus
    eigen = precedent_van(aanvraag)
    Precedent.objects.filter(pk=eigen.pk).update(bedrag=Decimal("0.01"))
    afgewezen = Precedent.objects.filter(gemeente=casus.gemeente).exclude(pk=eigen.pk).first()
    Precedent.objects.filter(pk=afgewezen.pk).update(besluit="afgewezen", bedrag=Decimal("0.02"))
    toegekend = Precedent.objects.filter(gemeente=casus.gemeente, besluit="toegekend")
    zonder_eigen = sorted(toegekend.exclude(pk=eigen.pk).values_list("bedrag", flat=True))[:2]
    assert Decimal("0.02") not in zonder_eigen and len(zonder_eigen) == 2

    zelfde_casus = Aanvraag(gemeente_id=casus.gemeente_id, casus_id=casus.pk)
    assert selectors._laagste_toekenningen(zelfde_casus) == zonder_eigen
    # the same two as the go reads them with its request (PostgreSQL: one statement)
    from django.db import connection

    from doorbraak.budget import selectors as budget_selectors

    gelezen = budget_selectors.aanvraag_voor_besluit(
        medewerker=aanvraag.aanvrager, aanvraag_id=aanvraag.pk
    )
    verwacht = zonder_eigen if connection.vendor == "postgresql" else None
    assert gelezen.aanvraag.pk == aanvraag.pk and gelezen.laagste == verwacht
    andere_casus = Aanvraag(gemeente_id=casus.gemeente_id, casus_id=uuid.uuid4())
    assert selectors._laagste_toekenningen(andere_casus) == [Decimal("0.01"), zonder_eigen[0]]
    assert all(isinstance(b, Decimal) for b in selectors._laagste_toekenningen(andere_casus))
