"""The yearly accountability report against sums computed independently from the ledger, in
every format, with small groups suppressed."""

import csv
import io
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from doorbraak.budget.models import Aanvraag, Boeking, Budget
from doorbraak.organisaties.models import Medewerker
from doorbraak.rapportage import verantwoording

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(client):
    call_command("demo")
    client.force_login(Medewerker.objects.get(username="financien"))
    return client


def _onafhankelijk(gemeente_id, jaar):
    """Per doelgroep: plafond and the ledger's sums, straight from the entries."""
    uit = defaultdict(lambda: defaultdict(Decimal))
    for b in Budget.objects.filter(
        gemeente_id=gemeente_id, periode__van__year__lte=jaar, periode__tot__year__gte=jaar
    ).select_related("doelgroep"):
        naam = b.doelgroep.naam if b.doelgroep else "Alle doelgroepen"
        uit[naam]["plafond"] += b.plafond
        for boeking in Boeking.objects.filter(budget=b):
            uit[naam][boeking.soort] += Decimal(boeking.centen) / 100
    return uit


def test_bedragen_gelijk_aan_het_grootboek(demo):
    financien = Medewerker.objects.get(username="financien")
    jaar = timezone.localdate().year
    regels = {
        r.doelgroep: r for r in verantwoording.verantwoording(medewerker=financien, jaar=jaar)
    }
    verwacht = _onafhankelijk(financien.gemeente_id, jaar)
    assert set(regels) == set(verwacht) | {"Totaal"}
    for naam, som in verwacht.items():
        r = regels[naam]
        assert r.plafond == som["plafond"]
        assert r.betaald == som["betaling"]
        assert r.afgelost == som["aflossing"]
        assert r.afgeschreven == som["afschrijving"]
        assert r.toegezegd == (
            som["toezegging"] + som["overboeking_in"] - som["vrijval"] - som["overboeking_uit"]
        )
    totaal = regels["Totaal"]
    assert totaal.betaald == sum(s["betaling"] for s in verwacht.values())
    toegekend = Aanvraag.objects.filter(
        gemeente_id=financien.gemeente_id, status__in=("toegekend", "betaald"),
        budget__periode__van__year__lte=jaar, budget__periode__tot__year__gte=jaar,
    )  # fmt: skip
    assert totaal.leningen + totaal.giften == toegekend.count()
    assert totaal.leningen_bedrag + totaal.giften_bedrag == sum(a.bedrag for a in toegekend)


def test_scherm_en_bestanden(demo):
    jaar = timezone.localdate().year
    html = demo.get(f"/rapportages/verantwoording?jaar={jaar}").content.decode()
    assert "Budget en uitgaven" in html and "<svg" in html and "Totaal" in html
    boek = load_workbook(
        io.BytesIO(demo.get(f"/rapportages/verantwoording?jaar={jaar}&formaat=xlsx").content)
    )
    assert boek.sheetnames[:3] == [
        "Budget en uitgaven",
        "Leningen en giften",
        "Huishoudens en doorlooptijden",
    ]
    blad = boek["Budget en uitgaven"]
    rijen = {r[0]: r for r in blad.iter_rows(min_row=4, values_only=True) if r[0]}
    financien = Medewerker.objects.get(username="financien")
    regels = {
        r.doelgroep: r for r in verantwoording.verantwoording(medewerker=financien, jaar=jaar)
    }
    assert rijen["Totaal"][1] == float(regels["Totaal"].plafond)
    assert blad.cell(row=4, column=2).number_format.startswith('"€"')
    # Demo doelgroepen have few households: their spending is suppressed in every format.
    klein = next(n for n, r in regels.items() if 0 < r.huishoudens < 5)
    assert rijen[klein][4] == "<5"
    tekst = demo.get(f"/rapportages/verantwoording?jaar={jaar}&formaat=csv").content.decode(
        "utf-8-sig"
    )
    assert any(
        r[:1] == [klein] and "<5" in r for r in csv.reader(io.StringIO(tekst), delimiter=";")
    )
    pdf = demo.get(f"/rapportages/verantwoording?jaar={jaar}&formaat=pdf").content
    inhoud = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert f"Verantwoording doorbraakbudget {jaar}" in inhoud and "<5" in inhoud
    assert "Grootouders" not in inhoud and "Bakker" not in inhoud


def test_jaar_fout_bij_het_veld(demo):
    antwoord = demo.get("/rapportages/verantwoording?jaar=twintig")
    assert antwoord.status_code == 400 and 'id="id_jaar-fout"' in antwoord.content.decode()


def test_api_verantwoording(demo, api_als):
    financien = Medewerker.objects.get(username="financien")
    api = api_als(financien)
    data = api.get("/api/v1/rapportages/verantwoording").json()
    assert data["tabellen"][0]["titel"] == "Budget en uitgaven"
    assert data["tabellen"][0]["rijen"][-1][0] == "Totaal"
    assert (
        api.get("/api/v1/rapportages/verantwoording?jaar=x").json()["invalid_params"][0]["name"]
        == "jaar"
    )
    regisseur = Medewerker.objects.get(username="regisseur")
    assert api_als(regisseur).get("/api/v1/rapportages/verantwoording").status_code == 403


def test_evaluatie_bevat_het_geld_uit_het_grootboek(demo):
    from doorbraak.budget.models import Aanvraag

    financien = Medewerker.objects.get(username="financien")
    vandaag = timezone.localdate()
    van = vandaag.replace(month=1, day=1)
    boek = load_workbook(
        io.BytesIO(demo.get(f"/rapportages/evaluatie?van={van}&tot={vandaag}&formaat=xlsx").content)
    )
    rijen = {
        r[0]: r
        for r in boek["Doorbraakbudget in de periode"].iter_rows(min_row=4, values_only=True)
        if r[0]
    }
    toegekend = Aanvraag.objects.filter(
        gemeente_id=financien.gemeente_id, status__in=("toegekend", "betaald"),
        besloten_op__date__gte=van, besloten_op__date__lte=vandaag,
    )  # fmt: skip
    huishoudens = toegekend.values("casus__huishouden").distinct().count()
    betaald = sum(
        (b.bedrag for b in Boeking.objects.filter(
            gemeente_id=financien.gemeente_id, soort="betaling",
            datum__gte=van, datum__lte=vandaag)),
        Decimal("0.00"),
    )  # fmt: skip
    if huishoudens >= 5:
        assert rijen["Betaald (grootboek)"][2] == float(betaald)
        assert rijen["Aanvragen toegekend"][1] == toegekend.count()
    else:
        assert rijen["Betaald (grootboek)"][2] == "<5"
        assert rijen["Aanvragen toegekend"][1] == "<5"
