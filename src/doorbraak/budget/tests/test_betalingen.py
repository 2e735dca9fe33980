"""Payments (never more than granted), releases, loans with schedule, repayments (never more
than outstanding), arrears, write-offs with a reason, and the SEPA pain.001 export."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
import xmlschema

from doorbraak.budget import ledger, sepa, services
from doorbraak.budget.models import Betaalbatch, Exportregel, Lening
from doorbraak.fouten import Conflict, GeenToegang, Validatiefout

pytestmark = pytest.mark.django_db

XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"


@pytest.fixture
def toegekend(fondsen, mensen, maak_aanvraag):
    """Granted through the regelarm route (decided alone), so one helper serves every test."""

    def maak(bedrag="1000.00", **anders):
        uitv = mensen["uitvoeringsregisseur"]
        a = maak_aanvraag(uitv, bedrag=bedrag, fonds="wijkbudget", **anders)
        services.aanvraag_indienen(door=uitv, aanvraag_id=a.pk)
        return services.aanvraag_besluiten(door=uitv, aanvraag_id=a.pk, besluit="go")

    return maak


def test_betalen_in_delen_nooit_meer_dan_toegekend(toegekend, mensen):
    fin = mensen["financien"]
    a = toegekend("1000.00")
    services.betaling_registreren(door=fin, aanvraag_id=a.pk, bedrag=Decimal("600.00"))
    with pytest.raises(Conflict, match="400,00"):
        services.betaling_registreren(door=fin, aanvraag_id=a.pk, bedrag=Decimal("400.01"))
    a = services.betaling_registreren(door=fin, aanvraag_id=a.pk, bedrag=Decimal("400.00"))
    assert a.status == "betaald"
    with pytest.raises(Conflict):
        services.betaling_registreren(door=fin, aanvraag_id=a.pk, bedrag=Decimal("0.01"))
    s = ledger.saldi(a.budget)
    assert (s.betaald, s.gecommitteerd, s.beschikbaar) == (
        Decimal("1000.00"),
        Decimal("0.00"),
        Decimal("19000.00"),
    )


def test_alleen_financien_betaalt(toegekend, mensen):
    a = toegekend()
    with pytest.raises(GeenToegang):
        services.betaling_registreren(
            door=mensen["manager"], aanvraag_id=a.pk, bedrag=Decimal("1.00")
        )


def test_bedrag_met_meer_dan_twee_decimalen_geweigerd(toegekend, mensen):
    a = toegekend()
    with pytest.raises(Validatiefout):
        services.betaling_registreren(
            door=mensen["financien"], aanvraag_id=a.pk, bedrag=Decimal("1.005")
        )


def test_vrijval_geeft_het_onbetaalde_deel_terug(toegekend, mensen):
    fin = mensen["financien"]
    a = toegekend("1000.00")
    services.betaling_registreren(door=fin, aanvraag_id=a.pk, bedrag=Decimal("250.00"))
    with pytest.raises(Validatiefout):
        services.toezegging_vrijgeven(door=fin, aanvraag_id=a.pk, reden=" ")
    a = services.toezegging_vrijgeven(door=fin, aanvraag_id=a.pk, reden="Rest niet nodig.")
    assert a.status == "betaald"
    s = ledger.saldi(a.budget)
    assert s.toegezegd == Decimal("250.00")
    assert s.beschikbaar == Decimal("19750.00")


def test_lening_schema_aflossing_achterstand_en_afschrijving(toegekend, mensen, api_als):
    fin = mensen["financien"]
    a = toegekend(
        "300.00", vorm="lening", termijnbedrag=Decimal("100.00"), startdatum=date(2020, 1, 1)
    )
    lening = Lening.objects.get(aanvraag=a)
    with pytest.raises(Conflict):  # nothing paid out yet, so nothing outstanding
        services.aflossing_registreren(door=fin, lening_id=lening.pk, bedrag=Decimal("1.00"))
    services.betaling_registreren(door=fin, aanvraag_id=a.pk, bedrag=Decimal("300.00"))
    services.aflossing_registreren(door=fin, lening_id=lening.pk, bedrag=Decimal("100.00"))
    with pytest.raises(Conflict):
        services.aflossing_registreren(door=fin, lening_id=lening.pk, bedrag=Decimal("200.01"))
    weergave = api_als(fin).get(f"/api/v1/leningen/{lening.pk}").json()
    assert [t["bedrag"] for t in weergave["schema"]] == ["100.00", "100.00", "100.00"]
    assert weergave["uitstaand"] == "200.00"
    assert weergave["achterstand"] == "200.00"  # all instalments were due in 2020
    # Repayments flow back: the wijkbudget revolves.
    assert ledger.saldi(a.budget).beschikbaar == Decimal("19800.00")
    with pytest.raises(Validatiefout):
        services.lening_afschrijven(door=fin, lening_id=lening.pk, reden="")
    services.lening_afschrijven(door=fin, lening_id=lening.pk, reden="Schuldsanering (Wsnp).")
    weergave = api_als(fin).get(f"/api/v1/leningen/{lening.pk}").json()
    assert (weergave["uitstaand"], weergave["afgeschreven"], weergave["achterstand"]) == (
        "0.00",
        "200.00",
        "0.00",
    )
    assert api_als(fin).get(f"/api/v1/aanvragen/{a.pk}").json()["lening"] == str(lening.pk)


def test_niet_revolverend_fonds_houdt_aflossingen_buiten_het_budget(fondsen, toegekend, mensen):
    fondsen["wijk"].revolverend = False
    fondsen["wijk"].save()
    fin = mensen["financien"]
    a = toegekend("300.00", vorm="lening", termijnbedrag=Decimal("100.00"))
    services.betaling_registreren(door=fin, aanvraag_id=a.pk, bedrag=Decimal("300.00"))
    lening = Lening.objects.get(aanvraag=a)
    services.aflossing_registreren(door=fin, lening_id=lening.pk, bedrag=Decimal("100.00"))
    s = ledger.saldi(a.budget)
    assert s.afgelost == Decimal("100.00")
    assert s.beschikbaar == Decimal("19700.00")


def test_sepa_bestand_valideert_tegen_pain001_schema(fondsen, toegekend, mensen, api_als):
    fondsen["wijk"].betaalrekening_iban = "NL44RABO0123456789"
    fondsen["wijk"].betaalrekening_naam = "Gemeente Peelstad"
    fondsen["wijk"].save()
    fin = mensen["financien"]
    a = toegekend("1234.56")
    b = toegekend("99.99")
    services.betaling_registreren(door=fin, aanvraag_id=b.pk, bedrag=Decimal("49.99"))
    toegekend("10.00", vorm="lening", termijnbedrag=Decimal("5.00"))
    opdrachten = sepa.open_betaalopdrachten(medewerker=fin, fonds="wijkbudget")
    assert sorted(o.bedrag for o in opdrachten) == [
        Decimal("10.00"),
        Decimal("50.00"),
        Decimal("1234.56"),
    ]
    antwoord = api_als(fin).post("/api/v1/betaalopdrachten/pain001", {"fonds": "wijkbudget"})
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/xml"
    schema = xmlschema.XMLSchema(str(XSD))
    xml = antwoord.content.decode()
    schema.validate(xml)  # raises when the file does not validate
    assert "<CtrlSum>1294.56</CtrlSum>" in xml
    assert "<NbOfTxs>3</NbOfTxs>" in xml
    assert str(a.pk).replace("-", "") in xml
    kapot = xml.replace("<NbOfTxs>3</NbOfTxs>", "<NbOfTxs>drie</NbOfTxs>", 1)
    assert not schema.is_valid(kapot)
    assert api_als(mensen["regisseur"]).post("/api/v1/betaalopdrachten/pain001").status_code == 403


def test_sepa_zonder_betaalrekening_geeft_409(fondsen, toegekend, mensen, api_als):
    toegekend()
    antwoord = api_als(mensen["financien"]).post(
        "/api/v1/betaalopdrachten/pain001", {"fonds": "wijkbudget"}
    )
    assert antwoord.status_code == 409


def test_sepa_export_markeert_en_neemt_een_aanvraag_nooit_twee_keer_op(
    fondsen, toegekend, mensen, api_als
):
    fondsen["wijk"].betaalrekening_iban = "NL44RABO0123456789"
    fondsen["wijk"].save()
    fin = mensen["financien"]
    a = toegekend("120.00")
    a.betalingskenmerk = "KLANT 4711"
    a.save(update_fields=["betalingskenmerk"])
    c = api_als(fin)
    eerste = c.post("/api/v1/betaalopdrachten/pain001", {"fonds": "wijkbudget"})
    assert eerste.status_code == 200
    assert "KLANT 4711 Regelarm wijkbudget" in eerste.content.decode()  # the reference first
    regel = Exportregel.objects.select_related("batch__door").get(aanvraag=a)
    assert regel.batch.door == fin and regel.bedrag == Decimal("120.00")
    # a second download has nothing new: 409, and no second line or batch
    tweede = c.post("/api/v1/betaalopdrachten/pain001", {"fonds": "wijkbudget"})
    assert tweede.status_code == 409
    assert "nog niet in een betaalbestand" in tweede.json()["detail"]
    assert Exportregel.objects.count() == 1 and Betaalbatch.objects.count() == 1
    # a new grant goes into the next file, alone
    b = toegekend("30.00")
    derde = c.post("/api/v1/betaalopdrachten/pain001", {"fonds": "wijkbudget"})
    assert derde.status_code == 200
    xml = derde.content.decode()
    assert str(b.pk).replace("-", "") in xml and str(a.pk).replace("-", "") not in xml
    # the list still shows both as open (not yet paid), marked exported
    opdrachten = {
        o.aanvraag: o for o in sepa.open_betaalopdrachten(medewerker=fin, fonds="wijkbudget")
    }
    assert opdrachten[a.pk].geexporteerd and opdrachten[b.pk].geexporteerd


def test_de_database_weigert_een_tweede_exportregel_voor_dezelfde_aanvraag(
    fondsen, toegekend, mensen
):
    from django.db import IntegrityError, transaction

    a = toegekend("10.00")
    batch = Betaalbatch.objects.create(
        gemeente=a.gemeente, fonds=a.fonds, door=mensen["financien"], uitvoerdatum=date.today()
    )
    Exportregel.objects.create(batch=batch, aanvraag=a, centen=1000)
    with pytest.raises(IntegrityError), transaction.atomic():
        Exportregel.objects.create(batch=batch, aanvraag=a, centen=1000)
