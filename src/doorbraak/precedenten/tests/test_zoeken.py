"""Search by situation: the ranking (eviction through damage finds the eviction precedents
first), facets, the deviation signal at the decision, and isolation between gemeenten."""

from decimal import Decimal

import pytest

from doorbraak.budget import services as budget_services
from doorbraak.budget.models import Aanvraag, AanvraagStatus
from doorbraak.fouten import Validatiefout
from doorbraak.precedenten import selectors
from doorbraak.precedenten.models import Afwijking, Moment, Precedent
from doorbraak.precedenten.tests.conftest import plan_met_knelpunt, scores
from doorbraak.taken.models import Achtergrondtaak

pytestmark = pytest.mark.django_db

UITZETTING = (
    "Dreigende huisuitzetting door schade aan de woning: de verhuurder eist herstel en de "
    "verzekering weigert."
)


@pytest.fixture
def uitzetting(mensen, fondsen, casus, voorbeelden):
    """A new case: threatened eviction through damage, with the demo's earlier doorbraken."""
    plan_met_knelpunt(mensen["regisseur"], casus.pk, UITZETTING)
    scores(mensen["regisseur"], casus.pk, huisvesting=1, financien=2, opvoeding=3)
    return casus


def _codes(treffers):
    by_text = {
        "Dreigende huisuitzetting na waterschade": "uitzetting_waterschade",
        "Huisuitzetting dreigt na brandschade": "uitzetting_brandschade",
        "Ontruiming aangezegd wegens huurachterstand": "uitzetting_huurachterstand",
    }
    uit = []
    for t in treffers:
        code = next((c for k, c in by_text.items() if t.precedent.knelpunttekst.startswith(k)), "")
        uit.append(code or t.precedent.knelpunttekst[:30])
    return uit


def test_uitzetting_door_schade_vindt_eerst_de_uitzettingen(uitzetting, mensen):
    uitslag = selectors.vergelijkbaar_voor_casus(
        medewerker=mensen["regisseur"], casus_id=uitzetting.pk
    )
    assert _codes(uitslag.treffers) == [
        "uitzetting_waterschade",
        "uitzetting_brandschade",
        "uitzetting_huurachterstand",
    ]
    eerste = uitslag.treffers[0]
    assert "zelfde knelpunt: PW 35" in eerste.waarom
    assert "Huisvesting" in eerste.waarom and "zelfde doelgroep" in eerste.waarom


def test_zoeken_op_woorden_rangschikt_de_uitzettingen_boven_de_rest(voorbeelden, mensen):
    treffers = selectors.precedenten_zoeken(
        medewerker=mensen["regisseur"], zoek="huisuitzetting schade verhuurder"
    )
    assert _codes(treffers)[:2] == ["uitzetting_waterschade", "uitzetting_brandschade"]


def test_facetten_op_regeling_artikel_fonds_en_uitkomst(voorbeelden, mensen):
    zoek = selectors.precedenten_zoeken
    r = mensen["regisseur"]
    alle = zoek(medewerker=r)
    assert len(alle) == Precedent.objects.count() == 9
    wgs = zoek(medewerker=r, filters=selectors.Filters(regeling="WGS"))
    assert {t.precedent.pk for t in wgs} == {
        p.pk for p in Precedent.objects.all() if "WGS" in p.regelingen
    }
    assert len(wgs) == 3
    art = zoek(medewerker=r, filters=selectors.Filters(regeling="PW", artikel="art. 35"))
    assert len(art) == 4 and all("PW 35" in t.precedent.artikelen for t in art)
    assert len(zoek(medewerker=r, filters=selectors.Filters(artikel="PW 35"))) == 4
    assert len(zoek(medewerker=r, filters=selectors.Filters(uitkomst="deels"))) == 2
    assert len(zoek(medewerker=r, filters=selectors.Filters(besluit="afgewezen"))) == 1
    assert zoek(medewerker=r, filters=selectors.Filters(fonds="wijkbudget")) == []


def test_onbekende_facetwaarde_is_een_fout_met_veld():
    with pytest.raises(Validatiefout) as fout:
        selectors.Filters(uitkomst="super")
    assert fout.value.veld == "uitkomst"


def test_signaal_bij_een_bedrag_ver_boven_vergelijkbare(uitzetting, mensen):
    uitslag = selectors.vergelijkbaar_voor_casus(
        medewerker=mensen["regisseur"], casus_id=uitzetting.pk, bedrag=Decimal("4500.00")
    )
    assert [s.code for s in uitslag.signalen] == ["bedrag_ver_boven"]
    assert uitslag.mediaan == Decimal("1850.00")
    gewoon = selectors.vergelijkbaar_voor_casus(
        medewerker=mensen["regisseur"], casus_id=uitzetting.pk, bedrag=Decimal("1900.00")
    )
    assert gewoon.signalen == []
    assert [s.code for s in gewoon.bij_afwijzen] == ["afwijzing_waar_toegekend"]


def test_afwijkend_besluit_vraagt_motivering_en_laat_zonder_niets_achter(
    uitzetting, mensen, maak_aanvraag, beslis
):
    aanvraag = maak_aanvraag(mensen["regisseur"], bedrag="4500.00")
    with pytest.raises(Validatiefout) as fout:
        beslis(aanvraag, advies_afwijking="Schade in twee kamers.")
    assert fout.value.veld == "afwijking_motivering"
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.BEOORDEELD and aanvraag.besloten_op is None
    advies = Afwijking.objects.get()  # the colleague's, with the advice; none for the go
    assert advies.moment == Moment.ADVIES and advies.door == mensen["collega"]
    assert not Achtergrondtaak.objects.filter(sleutel__startswith="precedent:").exists()

    budget_services.aanvraag_besluiten(
        door=mensen["manager"],
        aanvraag_id=aanvraag.pk,
        besluit="go",
        motivering="Akkoord.",
        afwijking_motivering="Twee ruimtes hersteld, niet één.",
    )
    afwijking = Afwijking.objects.get(moment=Moment.BESLUIT)
    assert afwijking.signalen == ["bedrag_ver_boven"] and afwijking.door == mensen["manager"]
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.TOEGEKEND


def test_afwijzing_waar_vergelijkbare_werden_toegekend_vraagt_motivering(
    uitzetting, mensen, maak_aanvraag, beslis
):
    aanvraag = maak_aanvraag(mensen["regisseur"], bedrag="1900.00")
    with pytest.raises(Validatiefout) as fout:
        beslis(aanvraag, besluit="afgewezen", motivering="Past niet.")
    assert fout.value.veld == "afwijking_motivering"
    assert "meestal toegekend" in fout.value.melding


def test_gewoon_besluit_vraagt_geen_motivering(uitzetting, mensen, maak_aanvraag, beslis):
    aanvraag = maak_aanvraag(mensen["regisseur"], bedrag="1900.00")
    beslis(aanvraag)
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.TOEGEKEND
    assert not Afwijking.objects.exists()


def test_een_gewoon_bedrag_zoekt_bij_het_besluit_geen_precedenten(
    uitzetting, mensen, maak_aanvraag
):
    """Below twice the mean of the two lowest grants no precedent can make the decision a
    deviation: the go then asks one query of the precedents, not the similarity search."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    een, twee = sorted(
        Precedent.objects.filter(besluit="toegekend").values_list("bedrag", flat=True)
    )[:2]
    grens = een + twee  # twice their mean
    aanvraag = maak_aanvraag(mensen["regisseur"], bedrag=str(grens))
    budget_services.aanvraag_indienen(door=mensen["regisseur"], aanvraag_id=aanvraag.pk)
    budget_services.aanvraag_beoordelen(
        door=mensen["collega"], aanvraag_id=aanvraag.pk, advies="positief"
    )
    with CaptureQueriesContext(connection) as ctx:
        budget_services.aanvraag_besluiten(
            door=mensen["manager"], aanvraag_id=aanvraag.pk, besluit="go", motivering="Akkoord."
        )
    precedenten = [q["sql"] for q in ctx.captured_queries if "precedenten_precedent" in q["sql"]]
    assert len(precedenten) == 1, precedenten
    assert not Afwijking.objects.exists()
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.TOEGEKEND


def test_andere_gemeente_ziet_niets_zonder_publicatie(voorbeelden, regisseur_elders):
    assert selectors.precedenten_zoeken(medewerker=regisseur_elders) == []
    assert selectors.precedenten_zoeken(medewerker=regisseur_elders, zoek="huisuitzetting") == []


def test_partner_en_financien_zien_geen_precedenten(gemeente, maak_medewerker):
    from doorbraak.fouten import GeenToegang
    from doorbraak.organisaties.models import Rol

    for rol in (Rol.PARTNER, Rol.FINANCIEN, Rol.BEHEER):
        with pytest.raises(GeenToegang):
            selectors.precedenten_zoeken(medewerker=maak_medewerker(gemeente, rol))
