"""The 12-month follow-up (issue 16/17/14): an executed doorbraak whose go lies 12 months back
and whose case has no nameting lands on the regisseur's Mijn taken and, once, in a melding from
the daily background job; the mail carries no personal data."""

import datetime
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from doorbraak.audit.bewaartermijnen import maanden_terug
from doorbraak.budget.models import Aanvraag, Fonds
from doorbraak.mijntaken import selectors
from doorbraak.mijntaken import taken as meldtaken
from doorbraak.mijntaken.models import Melding, MeldingSoort
from doorbraak.mkba import taken
from doorbraak.mkba.models import Mkba, Nameting
from doorbraak.taken import register

VANDAAG = datetime.date.today()


def _go(maanden: int, dagen: int = 0) -> datetime.datetime:
    dag = maanden_terug(VANDAAG, maanden) - timedelta(days=dagen)
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(12)))


def _aanvraag(casus, door, *, status="betaald", besloten_op=None, bedrag="1000.00"):
    fonds, _ = Fonds.objects.get_or_create(
        gemeente=casus.gemeente, code="doorbraakbudget", defaults={"naam": "Doorbraakbudget"}
    )
    return Aanvraag.objects.create(
        gemeente=casus.gemeente,
        casus=casus,
        fonds=fonds,
        doelgroep=casus.doelgroep,
        bedrag=Decimal(bedrag),
        vorm="om_niet",
        ontvanger_naam="Woningcorporatie Peelwonen",
        ontvanger_iban="NL91ABNA0417164300",
        aanvrager=door,
        status=status,
        besloten_op=besloten_op or _go(12),
    )


def _nameting(casus, door):
    mkba = Mkba.objects.create(
        gemeente=casus.gemeente,
        casus=casus,
        horizon_jaren=1,
        prijspeil=2026,
        invoer={},
        instellingen={},
        uitkomst={},
        saldo=Decimal("0"),
        saldo_voorzichtig=Decimal("0"),
        contante_waarde=Decimal("0"),
    )
    return Nameting.objects.create(
        gemeente=casus.gemeente, casus=casus, mkba=mkba, datum=VANDAAG, door=door
    )


def _eigen(casus, regisseur):
    casus.regisseur = regisseur
    casus.save(update_fields=["regisseur"])
    return casus


@pytest.fixture
def regie(met_email, casus):
    return _eigen(casus, met_email["regisseur"])


def _lijst(medewerker):
    lijsten = selectors.mijn_taken(medewerker, VANDAAG)
    return next((lijst for lijst in lijsten if lijst.code == "nametingen"), None)


def test_twaalf_maanden_wel_elf_niet(regie, met_email, maak_casus):
    r = met_email["regisseur"]
    te_doen = _aanvraag(regie, r, besloten_op=_go(12))
    jonger = _eigen(maak_casus(r, naam="Familie Jonger"), r)
    _aanvraag(jonger, r, besloten_op=_go(11))
    lijst = _lijst(r)
    assert [a.pk for a in lijst.rijen] == [te_doen.pk] and lijst.aantal == 1
    assert selectors.tellers(r, VANDAAG)["nametingen"] == 1
    assert taken.nametingen_signaleren(VANDAAG) == {"nametingen_te_doen": 1, "gemeld": 1}
    melding = Melding.objects.get()
    assert melding.soort == MeldingSoort.NAMETING and melding.ontvanger == r
    assert melding.pad == f"/casussen/{regie.pk}/kosten-en-baten/nameting"


def test_vastgelegd_niet_uitgevoerd_of_andermans_regie_telt_niet(regie, met_email, maak_casus):
    r = met_email["regisseur"]
    gemeten = _eigen(maak_casus(r, naam="Familie Gemeten"), r)
    _aanvraag(gemeten, r)
    _nameting(gemeten, r)
    for status in ("toegekend", "afgewezen", "vervallen"):  # executed means paid (mkba)
        _aanvraag(regie, r, status=status)
    wijk = met_email["uitvoeringsregisseur"]
    andermans = _eigen(maak_casus(r, naam="Familie Anders"), wijk)
    _aanvraag(andermans, r)
    assert _lijst(r).aantal == 0
    assert _lijst(wijk).aantal == 1  # the case's own regisseur
    assert taken.nametingen_signaleren(VANDAAG)["gemeld"] == 1
    assert Melding.objects.get().ontvanger == wijk


def test_andere_gemeente_ziet_en_krijgt_niets(regie, met_email, andere_gemeente, maak_medewerker):
    _aanvraag(regie, met_email["regisseur"])
    elders = maak_medewerker(andere_gemeente, username="elders", email="e@kempen.example")
    assert _lijst(elders).aantal == 0
    assert selectors.tellers(elders, VANDAAG)["nametingen"] == 0
    taken.nametingen_signaleren(VANDAAG)
    assert not Melding.objects.filter(ontvanger=elders).exists()


def test_twee_keer_draaien_mailt_een_keer_zonder_persoonsgegevens(regie, met_email, smtp):
    _aanvraag(regie, met_email["regisseur"])
    assert taken.nametingen_signaleren(VANDAAG)["gemeld"] == 1
    assert taken.nametingen_signaleren(VANDAAG)["gemeld"] == 0
    melding = Melding.objects.get()
    assert meldtaken.verstuur_melding(str(melding.pk)) == {"verzonden": 1}
    assert meldtaken.verstuur_melding(str(melding.pk)) == {"verzonden": 0}
    assert taken.nametingen_signaleren(VANDAAG)["gemeld"] == 0
    assert len(smtp.berichten) == 1
    tekst = smtp.berichten[0].content.decode("utf-8", errors="replace")
    assert "Een nameting na 12 maanden wacht op u" in tekst
    assert f"/casussen/{regie.pk}/kosten-en-baten/nameting" in tekst
    for verboden in ("Vries", "Anna", "1.000", "1000", "Peelwonen", "NL91"):
        assert verboden not in tekst


def test_lang_geleden_alleen_op_mijn_taken_niet_opnieuw_gemeld(regie, met_email):
    """Past the look-back window: on the list, but no melding that could come back after the
    meldingen are cleaned up."""
    _aanvraag(regie, met_email["regisseur"], besloten_op=_go(12, dagen=taken.TERUGKIJKEN + 1))
    assert _lijst(met_email["regisseur"]).aantal == 1
    assert taken.nametingen_signaleren(VANDAAG) == {"nametingen_te_doen": 0, "gemeld": 0}


def _queries(client, pad) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(pad).status_code == 200
    return len(ctx.captured_queries)


def test_lijst_op_mijn_taken_met_link_en_vast_aantal_queries(client, regie, met_email, maak_casus):
    r = met_email["regisseur"]
    _aanvraag(regie, r, besloten_op=_go(13))
    client.force_login(r)
    een, teller_een = _queries(client, "/mijn-taken"), _queries(client, "/mijn-taken/teller")
    html = client.get("/mijn-taken").content.decode()
    assert "Nametingen te doen" in html
    assert f'href="/casussen/{regie.pk}/kosten-en-baten/nameting"' in html
    for i in range(12):  # more rows than a list shows
        _aanvraag(_eigen(maak_casus(r, naam=f"Familie {i}"), r), r, besloten_op=_go(13))
    assert _queries(client, "/mijn-taken") == een
    assert _queries(client, "/mijn-taken/teller") == teller_een
    assert ">13<" in client.get("/mijn-taken/teller").content.decode()


def test_periodieke_taak_staat_in_het_register_en_importeert():
    from django.utils.module_loading import import_string

    taak = next(t for t in register.PERIODIEKE_TAKEN if t.naam == "nametingen-signaleren")
    assert taak.minuten == 24 * 60
    assert import_string(taak.functie) is taken.nametingen_signaleren
