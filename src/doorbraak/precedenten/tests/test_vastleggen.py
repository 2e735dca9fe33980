"""A precedent is made from a decided request, anonymised, and updated at the follow-up."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from doorbraak.budget.models import Aanvraag
from doorbraak.fouten import Conflict
from doorbraak.mkba.models import Mkba, Nameting
from doorbraak.precedenten import services
from doorbraak.precedenten.models import Besluit, Precedent, Uitkomst
from doorbraak.precedenten.tests.conftest import GEPLANT, precedent_van
from doorbraak.taken.models import Achtergrondtaak


def _alles(p: Precedent) -> str:
    velden = {f.name: getattr(p, f.attname) for f in Precedent._meta.concrete_fields}
    return json.dumps(velden, default=str, ensure_ascii=False)


def test_besluit_zet_het_precedent_in_de_wachtrij_met_een_sleutel(besliste_casus):
    _, aanvraag = besliste_casus
    taak = Achtergrondtaak.objects.get(sleutel=f"precedent:{aanvraag.pk}:besluit")
    assert taak.functie == "doorbraak.precedenten.taken.leg_precedent_vast"
    assert taak.gemeente_id == aanvraag.gemeente_id


def test_een_go_die_het_plafond_overschrijdt_laat_geen_taak_achter(
    mensen, fondsen, casus, maak_aanvraag, beslis
):
    from doorbraak.budget import ledger
    from doorbraak.budget.models import Budget

    Budget.objects.update(plafond=Decimal("100.00"))
    ledger.herbereken_saldi(Budget.objects.values_list("pk", flat=True))  # set outside services
    aanvraag = maak_aanvraag(mensen["regisseur"], bedrag="2500.00")
    with pytest.raises(Conflict):
        beslis(aanvraag)
    assert not Achtergrondtaak.objects.filter(sleutel__contains=str(aanvraag.pk)).exists()
    assert Aanvraag.objects.get(pk=aanvraag.pk).besloten_op is None


def test_precedent_draagt_geen_identificerende_gegevens(besliste_casus):
    _, aanvraag = besliste_casus
    p = precedent_van(aanvraag)
    tekst = _alles(p).casefold()
    for wat, waarde in GEPLANT.items():
        assert waarde.casefold() not in tekst, wat
    assert "1988" not in tekst
    assert "[…]" in p.situatie and "[…]" in p.knelpunttekst and "[…]" in p.motivering


def test_woordenlijst_draagt_geen_geplante_identificatie(besliste_casus):
    """The typo vocabulary is made from the masked texts only."""
    from doorbraak.precedenten.models import Zoekwoord

    _, aanvraag = besliste_casus
    precedent_van(aanvraag)
    woorden = set(Zoekwoord.objects.values_list("woord", flat=True))
    assert "huisuitzetting" in woorden
    assert not woorden & {"anna", "vries", "devries", "dorpsstraat", "example"}


def test_precedent_legt_situatie_knelpunt_en_besluit_vast(besliste_casus):
    casus, aanvraag = besliste_casus
    p = precedent_van(aanvraag)
    assert p.gemeente_id == casus.gemeente_id
    assert p.bedrag == Decimal("1850.00")  # amounts stay exact
    assert p.besluit == Besluit.TOEGEKEND and p.vorm == "om_niet"
    assert p.fonds_code == "doorbraakbudget"
    assert p.artikelen == ["PW 35"] and p.regelingen == ["PW"]
    assert p.lage_domeinen == ["financien", "huisvesting"]
    assert p.doelgroep_code == "mph" and p.urgentie == "hoog"
    assert p.leeftijden == [{"rol": "ouder", "band": "27-45"}]  # born 1988: a band, no date
    assert p.besloten_in.day == 1
    assert "huisuitzetting" in p.knelpunttekst
    assert p.uitkomst == Uitkomst.NOG_ONBEKEND


def test_vastleggen_is_idempotent(besliste_casus):
    _, aanvraag = besliste_casus
    eerste = precedent_van(aanvraag)
    tweede = precedent_van(aanvraag)
    assert eerste.pk == tweede.pk and Precedent.objects.count() == 1


def test_een_niet_besliste_aanvraag_geeft_geen_precedent(mensen, fondsen, casus, maak_aanvraag):
    aanvraag = maak_aanvraag(mensen["regisseur"])
    assert precedent_van(aanvraag) is None
    assert not Precedent.objects.exists()


def test_afwijzing_wordt_ook_een_precedent(mensen, fondsen, casus, maak_aanvraag, beslis):
    aanvraag = maak_aanvraag(mensen["regisseur"], bedrag="4000.00")
    beslis(aanvraag, besluit="afgewezen", motivering="Voorliggend: werkgeversregeling.")
    p = precedent_van(aanvraag)
    assert p.besluit == Besluit.AFGEWEZEN and p.bedrag == Decimal("4000.00")


def test_nameting_werkt_uitkomst_en_verloop_bij(besliste_casus, mensen):
    from doorbraak.mkba import services as mkba_services

    casus, aanvraag = besliste_casus
    precedent_van(aanvraag)
    aanvraag.refresh_from_db()
    mkba = Mkba.objects.create(
        gemeente_id=casus.gemeente_id,
        casus=casus,
        horizon_jaren=1,
        prijspeil=2025,
        invoer={},
        instellingen={},
        uitkomst={},
        saldo=Decimal("5000.00"),
        saldo_voorzichtig=Decimal("3000.00"),
        saldo_optimistisch=Decimal("7000.00"),
        contante_waarde=Decimal("4900.00"),
    )
    Aanvraag.objects.filter(pk=aanvraag.pk).update(
        besloten_op=aanvraag.besloten_op - timedelta(days=400)
    )
    Mkba.objects.filter(pk=mkba.pk).update(aangemaakt_op=aanvraag.besloten_op - timedelta(days=401))
    nameting = mkba_services.nameting_vastleggen(
        door=mensen["regisseur"],
        casus_id=casus.pk,
        invoer=mkba_services.NametingInvoer(
            datum=date.today(),
            sleutelgebeurtenis=False,
            uithuisplaatsing=False,
            werkelijke_kosten=Decimal("1850.00"),
            toelichting=GEPLANT["naam"] + " woont er nog; ontruiming ingetrokken.",
        ),
    )
    assert Achtergrondtaak.objects.filter(sleutel=f"precedent:nameting:{nameting.pk}").exists()
    assert services.precedenten_bijwerken_na_nameting(casus_id=casus.pk) == 1
    p = Precedent.objects.get()
    assert p.uitkomst == Uitkomst.GESLAAGD
    twaalf = next(v for v in p.verloop if v["maanden"] == 12)
    assert twaalf["mkba_voorspeld"] == "5000.00" and twaalf["werkelijke_kosten"] == "1850.00"
    assert "ontruiming ingetrokken" in twaalf["wat_er_gebeurde"]
    assert "Anna" not in twaalf["wat_er_gebeurde"]
    assert Nameting.objects.count() == 1


def test_na_de_bewaartermijn_blijft_het_geanonimiseerde_precedent(besliste_casus):
    _, aanvraag = besliste_casus
    p = precedent_van(aanvraag)
    Precedent.objects.filter(pk=p.pk).update(aanvraag=None)  # what SET NULL does on deletion
    assert Precedent._meta.get_field("aanvraag").remote_field.on_delete.__name__ == "SET_NULL"
    assert Precedent.objects.filter(pk=p.pk).exists()


def test_leeftijdsbanden():
    assert [services.leeftijdsband(j) for j in (0, 3, 4, 17, 18, 26, 27, 45, 66, 67, 90)] == [
        "0-3", "0-3", "4-11", "12-17", "18-26", "18-26", "27-45", "27-45", "46-66", "67+", "67+"
    ]  # fmt: skip
