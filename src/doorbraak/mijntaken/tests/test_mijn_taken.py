"""Mijn taken: each role lands on what waits for it, with a link to where it is done, scoped to
the gemeente and the mandates, at a fixed number of queries; the menu count loads apart."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from doorbraak.audit.models import Verwerking
from doorbraak.budget import services
from doorbraak.budget.models import Lening
from doorbraak.casussen.models import Actie, Doorbraakplan
from doorbraak.mijntaken import selectors
from doorbraak.organisaties.models import Rol


def _ingediend(mensen, maak_aanvraag, **kw):
    a = maak_aanvraag(mensen["regisseur"], **kw)
    return services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=a.pk)


def _toegekend(mensen, maak_aanvraag, **kw):
    a = _ingediend(mensen, maak_aanvraag, **kw)
    services.aanvraag_beoordelen(door=mensen["collega"], aanvraag_id=a.pk, advies="positief")
    return services.aanvraag_besluiten(door=mensen["manager"], aanvraag_id=a.pk, besluit="go")


def _lijst(medewerker, code):
    return next((lijst for lijst in selectors.mijn_taken(medewerker) if lijst.code == code), None)


@pytest.mark.parametrize(
    "rol", ["regisseur", "collega", "manager", "financien", "uitvoeringsregisseur"]
)
def test_iedereen_met_taken_landt_op_mijn_taken(client, mensen, rol):
    client.force_login(mensen[rol])
    assert client.get("/").url == "/mijn-taken"
    assert client.get("/mijn-taken").status_code == 200


def test_beleid_en_privacy_landen_waar_ze_landden(client, gemeente, maak_medewerker):
    client.force_login(maak_medewerker(gemeente, Rol.BELEID))
    assert client.get("/").url == "/kengetallen"
    assert client.get("/mijn-taken").status_code == 403


def test_collega_ziet_te_beoordelen_met_link_de_aanvrager_niet(
    client, mensen, fondsen, maak_aanvraag
):
    a = _ingediend(mensen, maak_aanvraag)
    client.force_login(mensen["collega"])
    html = client.get("/mijn-taken").content.decode()
    assert f'href="/aanvragen/{a.pk}"' in html
    assert "Familie De Vries" in html and "Te beoordelen" in html
    assert _lijst(mensen["collega"], "te_beoordelen").aantal == 1
    assert _lijst(mensen["regisseur"], "te_beoordelen") is None  # own request: nothing to review
    assert _lijst(mensen["manager"], "wacht_op_go").aantal == 0  # review first
    # The names shown are logged as read.
    assert Verwerking.objects.filter(
        actor="meekijker", object_type="aanvraag", omschrijving="mijn taken"
    ).exists()


def test_go_lijst_volgt_mandaat_en_drie_personen(mensen, fondsen, maak_aanvraag):
    klein = _ingediend(mensen, maak_aanvraag)
    groot = _ingediend(mensen, maak_aanvraag, bedrag="2500.00")
    for a in (klein, groot):
        services.aanvraag_beoordelen(door=mensen["collega"], aanvraag_id=a.pk, advies="positief")
    assert {a.pk for a in _lijst(mensen["manager"], "wacht_op_go").rijen} == {klein.pk, groot.pk}
    # opdrachtgever2's go-mandate reaches € 1.000.
    assert [a.pk for a in _lijst(mensen["manager2"], "wacht_op_go").rijen] == [klein.pk]
    assert _lijst(mensen["collega"], "wacht_op_go") is None  # the reviewer never decides


def test_regelarm_aanvrager_ziet_de_eigen_go(mensen, fondsen, maak_aanvraag):
    uitv = mensen["uitvoeringsregisseur"]
    a = maak_aanvraag(uitv, fonds="wijkbudget", bedrag="500.00")
    services.aanvraag_indienen(door=uitv, aanvraag_id=a.pk)
    assert [r.pk for r in _lijst(uitv, "wacht_op_go").rijen] == [a.pk]


def test_financien_ziet_te_betalen_en_achterstand(client, mensen, fondsen, maak_aanvraag):
    a = _toegekend(mensen, maak_aanvraag, vorm="lening")
    assert [r.pk for r in _lijst(mensen["financien"], "te_betalen").rijen] == [a.pk]
    services.betaling_registreren(door=mensen["financien"], aanvraag_id=a.pk, bedrag=a.bedrag)
    Lening.objects.filter(aanvraag=a).update(startdatum=timezone.localdate() - timedelta(days=130))
    achter = _lijst(mensen["financien"], "aflossingsachterstand")
    assert achter.aantal == 1 and achter.rijen[0]["achterstand"] > 0
    client.force_login(mensen["financien"])
    html = client.get("/mijn-taken").content.decode()
    assert "Aflossingsachterstand" in html and f"/aanvragen/{a.pk}" in html


def test_andere_gemeente_ziet_niets(
    mensen, fondsen, maak_aanvraag, andere_gemeente, maak_medewerker
):
    _toegekend(mensen, maak_aanvraag)
    elders = maak_medewerker(andere_gemeente, Rol.FINANCIEN)
    assert _lijst(elders, "te_betalen").aantal == 0
    assert selectors.tellers(elders)["te_betalen"] == 0


def test_verlopen_acties_van_de_eigen_regie_in_rood(client, mensen, casus):
    r = mensen["regisseur"]
    casus.regisseur = r
    casus.save(update_fields=["regisseur"])
    plan, _ = Doorbraakplan.objects.get_or_create(
        casus=casus, defaults={"gemeente": casus.gemeente}
    )
    vandaag = timezone.localdate()
    Actie.objects.create(
        plan=plan,
        gemeente=casus.gemeente,
        omschrijving="Huur regelen",
        eigenaar="Regisseur",
        deadline=vandaag - timedelta(days=3),
    )
    Actie.objects.create(
        plan=plan,
        gemeente=casus.gemeente,
        omschrijving="Later",
        eigenaar="Regisseur",
        deadline=vandaag + timedelta(days=3),
    )
    lijst = _lijst(r, "verlopen_acties")
    assert [a.omschrijving for a in lijst.rijen] == ["Huur regelen"]
    assert _lijst(mensen["uitvoeringsregisseur"], "verlopen_acties").aantal == 0  # not theirs
    client.force_login(r)
    html = client.get("/mijn-taken").content.decode()
    assert "doorbraak-verlopen" in html and f'href="/casussen/{casus.pk}"' in html


def _queries(client, pad) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(pad).status_code == 200
    return len(ctx.captured_queries)


def test_vast_aantal_queries_hoe_lang_de_lijsten_ook_zijn(client, mensen, fondsen, maak_aanvraag):
    _toegekend(mensen, maak_aanvraag, bedrag="100.00", vorm="lening")
    client.force_login(mensen["financien"])
    een, teller_een = _queries(client, "/mijn-taken"), _queries(client, "/mijn-taken/teller")
    for bedrag in [f"{100 + i}.00" for i in range(1, 12)]:  # more rows than a list shows
        _toegekend(mensen, maak_aanvraag, bedrag=bedrag, vorm="lening")
    assert _queries(client, "/mijn-taken") == een
    assert _queries(client, "/mijn-taken/teller") == teller_een
    assert een <= 14 and teller_een <= 8


def test_teller_in_het_menu_laadt_apart(client, mensen, fondsen, maak_aanvraag):
    _ingediend(mensen, maak_aanvraag)
    client.force_login(mensen["collega"])
    html = client.get("/aanvragen").content.decode()
    assert 'hx-get="/mijn-taken/teller"' in html
    teller = client.get("/mijn-taken/teller").content.decode()
    assert ">1<" in teller and "1 taak" in teller


def test_teamoverzicht_voor_de_manager(client, mensen, fondsen, maak_aanvraag):
    _toegekend(mensen, maak_aanvraag)
    client.force_login(mensen["collega"])
    assert client.get("/teamoverzicht").status_code == 403
    client.force_login(mensen["manager"])
    html = client.get("/teamoverzicht").content.decode()
    assert "Caseload per regisseur" in html and "Doorlooptijden" in html
    # One request: its lead time describes one household and is not shown.
    assert "te weinig" in html


def test_mediaan_pas_vanaf_vijf_casussen():
    from doorbraak.mijntaken.sturing import mediaan

    assert mediaan([1.0, 2.0, 3.0, 4.0]) is None
    assert mediaan([1.0, 2.0, 3.0, 4.0, 10.0]) == 3.0
    assert mediaan([]) is None


def test_caseload_en_doorlooptijden_tellen_goed(mensen, maak_casus):
    from doorbraak.casussen.models import Casus, Statuswijziging
    from doorbraak.mijntaken.sturing import sturing

    r = mensen["regisseur"]
    casussen = [maak_casus(r, naam=f"Huishouden {i}") for i in range(5)]
    Casus.objects.filter(pk__in=[c.pk for c in casussen]).update(regisseur=r)
    Casus.objects.filter(pk=casussen[0].pk).update(urgentie="crisis")
    for i, c in enumerate(casussen):
        Statuswijziging.objects.create(casus=c, gemeente=c.gemeente, van="aangemeld", naar="plan")
        Statuswijziging.objects.filter(casus=c, naar="plan").update(
            op=c.aangemeld_op + timedelta(days=i + 1)
        )
    s = sturing(medewerker=mensen["manager"])
    eigen = next(c for c in s.caseload if c.open == 5)
    assert (eigen.crisis, eigen.verlopen_acties) == (1, 0)
    plan = s.doorlooptijden[0]
    assert plan.aantal == 5 and plan.mediaan_dagen == pytest.approx(3.0, abs=0.1)
    assert date.today()  # the figures are for the last year: nothing older is counted


def test_beheerder_ziet_voorstellen_van_een_ander_beheerder(client, gemeente, maak_medewerker):
    from doorbraak.organisaties.models import Wijzigingsvoorstel

    eerste = maak_medewerker(gemeente, Rol.BEHEER, username="beheer1")
    tweede = maak_medewerker(gemeente, Rol.BEHEER, username="beheer2")
    voorstel = Wijzigingsvoorstel.objects.create(
        gemeente=gemeente,
        soort="rollen",
        gegevens={},
        omschrijving="Rollen van medewerker X",
        voorgesteld_door=eerste,
    )
    assert _lijst(eerste, "wijzigingsvoorstellen").aantal == 0  # not one's own
    client.force_login(tweede)
    html = client.get("/mijn-taken").content.decode()
    assert f"/wijzigingsvoorstellen/{voorstel.pk}" in html
    assert "Mislukte achtergrondtaken" in html
