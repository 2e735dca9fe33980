"""The reports as a policy advisor uses them: numbers equal independent counts, small cells are
'<5' in every format, no names anywhere, files really open; signalen with their lifecycle."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from doorbraak.casussen import services
from doorbraak.organisaties.models import Rol
from doorbraak.rapportage.models import Signaal, SignaalWijziging

pytestmark = pytest.mark.django_db
NAMEN = ("Jansen", "Bakker", "Visser", "Smit", "Mulder", "Bos", "Vos", "Kok")


@pytest.fixture
def beleid(gemeente, maak_medewerker, client):
    client.force_login(maak_medewerker(gemeente, Rol.BELEID, username="beleid"))
    return client


@pytest.fixture
def casussen(regisseur, maak_casus):
    """Six households blocked by PW art. 15 (one says so twice), two by LV art. 4."""
    uit = []
    for i, naam in enumerate(NAMEN):
        casus = maak_casus(regisseur, naam=f"Familie {naam}")
        if i < 6:
            knelpunt = {"omschrijving": f"Familie {naam}: bijzondere bijstand afgewezen",
                        "regeling": "PW", "artikel": "art. 15"}  # fmt: skip
        else:
            knelpunt = {"omschrijving": f"{naam} woont net binnen 6 km",
                        "regeling": "LV", "artikel": "4"}  # fmt: skip
        knelpunten = [{**knelpunt, "soort": "wet_regelgeving"}]
        if i == 0:
            knelpunten.append({**knelpunten[0], "omschrijving": "nogmaals"})
        services.doorbraakplan_opslaan(
            door=regisseur,
            casus_id=casus.pk,
            invoer=services.PlanInvoer(doorbraak="d", knelpunten=knelpunten),
        )
        uit.append(casus)
    return uit


def _vandaag():
    return datetime.date.today().isoformat()


def test_knelpunten_op_scherm_met_onderdrukking(beleid, casussen):
    html = beleid.get("/rapportages/knelpunten").content.decode()
    pw = html[html.index(">PW<") : html.index(">PW<") + 600]
    assert ">6<" in pw and ">7<" in pw  # 6 households, 7 knelpunten
    lv = html[html.index(">LV<") : html.index(">LV<") + 600]
    assert "&lt;5" in lv and ">2<" not in lv
    for naam in NAMEN:
        assert naam not in html  # examples are pseudonymised, LV examples not shown at all
    assert "[naam]: bijzondere bijstand afgewezen" in html


def test_knelpunten_als_xlsx_csv_en_pdf(beleid, casussen):
    boek = load_workbook(io.BytesIO(beleid.get("/rapportages/knelpunten?formaat=xlsx").content))
    blad = boek["Knelpunten per regeling en arti"]
    rijen = {r[0]: r for r in blad.iter_rows(min_row=4, values_only=True) if r[0]}
    assert rijen["PW"][1:4] == ("15", 6, 7)
    assert rijen["LV"][2] == "<5" and rijen["LV"][3] == "<5"
    assert blad.cell(row=4, column=3).number_format == "0"

    tekst = beleid.get("/rapportages/knelpunten?formaat=csv").content.decode("utf-8-sig")
    regels = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert ["PW", "15", "6", "7", "7", "0"] in regels
    assert ["LV", "4", "<5", "<5", "<5", "<5"] in regels

    pdf = PdfReader(io.BytesIO(beleid.get("/rapportages/knelpunten?formaat=pdf").content))
    inhoud = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Knelpuntenanalyse" in inhoud and "<5" in inhoud
    assert not any(naam in inhoud for naam in NAMEN) and "111222333" not in inhoud


def test_evaluatie_gelijk_aan_onafhankelijke_telling(beleid, regisseur, casussen):
    # Two measurements for 5 households: financien 2 → 4.
    for casus in casussen[:5]:
        for score, datum in ((2, datetime.date(2026, 1, 10)), (4, datetime.date(2026, 6, 1))):
            services.domeinscores_vastleggen(
                door=regisseur, casus_id=casus.pk, scores=[services.Score("financien", score)],
                datum=datum,
            )  # fmt: skip
    services.casus_wijzigen(
        door=regisseur, casus_id=casussen[7].pk, status_naar="afgesloten", reden="Verhuisd"
    )
    boek = load_workbook(io.BytesIO(beleid.get("/rapportages/evaluatie?formaat=xlsx").content))
    voortgang = {r[0]: r[1] for r in boek["Voortgang"].iter_rows(min_row=4, values_only=True)}
    assert voortgang["Casussen gestart in de periode"] == 8
    assert voortgang["Casussen afgesloten in de periode"] == "<5"  # one case
    assert voortgang["Casussen nog lopend"] == "x"  # else 8 started - 7 running = 1 closed
    domeinen = next(boek.worksheets[2].iter_rows(min_row=4, max_row=4, values_only=True))
    assert domeinen[:5] == ("Financiën", 5, 2.0, 4.0, 2.0)


def test_pilotrapport_als_pdf(beleid, casussen):
    Signaal.objects.create(
        gemeente=casussen[0].gemeente, regeling="PW", artikel="15", titel="Bijzondere bijstand",
        omschrijving="x", status="opgelost", reactie="Beleidsregel aangepast per 1 januari",
    )  # fmt: skip
    pdf = beleid.get("/rapportages/evaluatie?soort=pilot&formaat=pdf")
    inhoud = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for kop in ("1. Voortgang", "2. Analyse casuïstiek", "3. Financiële verantwoording"):
        assert kop in inhoud
    assert "Beleidsregel aangepast per 1 januari" in inhoud


def test_periode_fout_bij_het_veld(beleid):
    antwoord = beleid.get("/rapportages/knelpunten?van=2026-12-01&tot=2026-01-01")
    assert antwoord.status_code == 400 and 'id="id_tot-fout"' in antwoord.content.decode()


def test_alleen_beleid_management_financien(client, regisseur, casussen):
    client.force_login(regisseur)
    for pad in ("/rapportages", "/rapportages/knelpunten", "/rapportages/evaluatie", "/signalen"):
        assert client.get(pad).status_code == 403, pad


def test_andere_gemeente_telt_niet_mee(client, andere_gemeente, maak_medewerker, casussen):
    client.force_login(maak_medewerker(andere_gemeente, Rol.BELEID, username="beleid2"))
    html = client.get("/rapportages/knelpunten").content.decode()
    assert ">PW<" not in html and "Geen gegevens in deze periode." in html


def test_signaal_levensloop(beleid, casussen):
    antwoord = beleid.post(
        "/signalen/nieuw",
        {"regeling": "PW", "artikel": "15", "titel": "Bijzondere bijstand bij huurschuld",
         "omschrijving": "Zes huishoudens liepen vast.", "aantal_huishoudens": "6"},
    )  # fmt: skip
    assert antwoord.status_code == 302
    signaal = Signaal.objects.get()
    pad = f"/signalen/{signaal.pk}"
    # Closing without the answer of policy is refused beside the field.
    fout = beleid.post(pad, {"status": "afgewezen", "reactie": ""})
    assert fout.status_code == 400 and 'id="id_reactie-fout"' in fout.content.decode()
    assert (
        beleid.post(pad, {"status": "in_behandeling", "behandelaar": "Team Inkomen"}).status_code
        == 302
    )
    # Not allowed from in_behandeling back to nieuw: not even offered.
    assert beleid.post(pad, {"status": "nieuw"}).status_code == 400
    assert (
        beleid.post(pad, {"status": "opgelost", "reactie": "Beleidsregel verruimd."}).status_code
        == 302
    )
    signaal.refresh_from_db()
    assert signaal.status == "opgelost" and signaal.reactie == "Beleidsregel verruimd."
    assert list(SignaalWijziging.objects.values_list("naar", flat=True)) == [
        "nieuw", "in_behandeling", "opgelost",
    ]  # fmt: skip


def test_signaal_van_andere_gemeente_niet_gevonden(
    client, andere_gemeente, maak_medewerker, gemeente
):
    signaal = Signaal.objects.create(gemeente=gemeente, regeling="PW", titel="t", omschrijving="o")
    client.force_login(maak_medewerker(andere_gemeente, Rol.BELEID, username="beleid2"))
    assert client.get(f"/signalen/{signaal.pk}").status_code == 404


def test_queries_constant(beleid, regisseur, maak_casus, casussen):
    def tel(pad):
        with CaptureQueriesContext(connection) as ctx:
            assert beleid.get(pad).status_code == 200
        return len(ctx.captured_queries)

    voor = {p: tel(p) for p in ("/rapportages/knelpunten", "/rapportages/evaluatie")}
    for i in range(10):
        casus = maak_casus(regisseur, naam=f"Extra {i}")
        services.doorbraakplan_opslaan(
            door=regisseur, casus_id=casus.pk,
            invoer=services.PlanInvoer(knelpunten=[{"omschrijving": "x", "soort": "beleid",
                                                   "regeling": "WMO", "artikel": "2.3.5"}]),
        )  # fmt: skip
    for pad, aantal in voor.items():
        assert tel(pad) == aantal, pad


def test_api_rapportages(api_als, gemeente, maak_medewerker, casussen):
    api = api_als(maak_medewerker(gemeente, Rol.BELEID, username="beleid"))
    data = api.get("/api/v1/rapportages/knelpunten").json()
    overzicht = data["tabellen"][0]
    assert ["PW", "15", 6, 7, 7, 0] in overzicht["rijen"]
    assert api.get("/api/v1/rapportages/evaluatie?formaat=xlsx").status_code == 200
    fout = api.get("/api/v1/rapportages/evaluatie?van=gisteren")
    assert fout.status_code == 400
    assert fout.json()["invalid_params"][0]["name"] == "van"
    assert api_als(casussen[0].regisseur).get("/api/v1/rapportages/knelpunten").status_code == 403


def test_geen_naam_of_bsn_in_enig_bestand(beleid, regisseur, maak_casus):
    """Invariant 6: reports carry no names or BSNs, whatever a professional typed in a plan."""
    from doorbraak.conftest import GELDIG_BSN

    for i in range(5):
        casus = maak_casus(regisseur, naam=f"Familie Zwartjes{i}", bsn=None)
        services.doorbraakplan_opslaan(
            door=regisseur,
            casus_id=casus.pk,
            invoer=services.PlanInvoer(
                knelpunten=[
                    {"omschrijving": f"Anna de Vries (BSN {GELDIG_BSN}, 5701 AB) krijgt geen "
                                     f"bijstand; Familie Zwartjes{i} wacht.",
                     "soort": "wet_regelgeving", "regeling": "PW", "artikel": "15"}
                ]
            ),
        )  # fmt: skip
    teksten = {
        "html": beleid.get("/rapportages/knelpunten").content.decode(),
        "csv": beleid.get("/rapportages/knelpunten?formaat=csv").content.decode("utf-8-sig"),
        "pdf": "\n".join(
            p.extract_text()
            for p in PdfReader(
                io.BytesIO(beleid.get("/rapportages/knelpunten?formaat=pdf").content)
            ).pages
        ),
    }
    boek = load_workbook(io.BytesIO(beleid.get("/rapportages/knelpunten?formaat=xlsx").content))
    teksten["xlsx"] = " ".join(
        str(c) for blad in boek.worksheets for rij in blad.iter_rows(values_only=True) for c in rij
    )
    for formaat, tekst in teksten.items():
        assert "[BSN]" in tekst, formaat  # the example is there, pseudonymised
        for geheim in (GELDIG_BSN, "Anna", "Vries", "Zwartjes", "5701 AB"):
            assert geheim not in tekst, (formaat, geheim)
