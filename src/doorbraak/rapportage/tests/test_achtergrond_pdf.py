"""Report PDFs made on the background queue: asked for on the page, made by the job, served
only to the one who asked for it."""

from datetime import timedelta

import pytest
from django_q.models import OrmQ

from doorbraak.organisaties.models import Rol
from doorbraak.rapportage.models import ExportStatus, RapportExport
from doorbraak.rapportage.taken import maak_rapport_pdf, ruim_exports_op

pytestmark = pytest.mark.django_db


@pytest.fixture
def beleid(gemeente, maak_medewerker, client):
    b = maak_medewerker(gemeente, Rol.BELEID)
    client.force_login(b)
    return b


def _vraag(client, **velden):
    return client.post("/rapportages/pdf-maken", {"soort": "evaluatie", **velden})


def test_pdf_op_de_achtergrond_van_aanvraag_tot_download(beleid, client, caplog):
    pagina = client.get("/rapportages/evaluatie?van=2023-01-01&tot=2025-12-31")
    assert "PDF op de achtergrond maken" in pagina.content.decode()
    antwoord = _vraag(client, van="2023-01-01", tot="2025-12-31")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/rapportages/evaluatie?van=2023-01-01&tot=2025-12-31"
    # A second click while it is being made: the same file, one job.
    _vraag(client, van="2023-01-01", tot="2025-12-31")
    (export,) = RapportExport.objects.all()
    assert OrmQ.objects.count() == 1 and OrmQ.objects.get().task["args"] == (str(export.pk),)
    fragment = client.get("/rapportages/bestanden?soort=evaluatie").content.decode()
    assert "wordt gemaakt" in fragment and 'hx-trigger="every 3s"' in fragment
    assert client.get(f"/rapportages/bestanden/{export.pk}").status_code == 404  # not ready

    assert maak_rapport_pdf(str(export.pk))["gedaan"] is True
    assert maak_rapport_pdf(str(export.pk))["gedaan"] is False  # idempotent: no second file
    fragment = client.get("/rapportages/bestanden?soort=evaluatie").content.decode()
    assert f"/rapportages/bestanden/{export.pk}" in fragment and "every 3s" not in fragment
    download = client.get(f"/rapportages/bestanden/{export.pk}")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    assert "attachment" in download["Content-Disposition"]
    (regel,) = [r for r in caplog.records if r.getMessage() == "Rapport-PDF gedownload"]
    assert regel.export == str(export.pk) and regel.gebruiker == beleid.username


def test_alleen_wie_de_pdf_vroeg_kan_hem_downloaden(
    beleid, client, gemeente, andere_gemeente, maak_medewerker
):
    _vraag(client, van="2024-01-01", tot="2024-12-31")
    export = RapportExport.objects.get()
    RapportExport.objects.filter(pk=export.pk).update(status=ExportStatus.KLAAR, inhoud=b"%PDF-")
    for ander in (
        maak_medewerker(gemeente, Rol.BELEID),  # a colleague: not their file
        maak_medewerker(andere_gemeente, Rol.BELEID),
    ):
        client.force_login(ander)
        assert client.get(f"/rapportages/bestanden/{export.pk}").status_code == 404
        assert str(export.pk) not in client.get("/rapportages/bestanden").content.decode()
    # Who lost the reporting role loses the file too.
    client.force_login(beleid)
    beleid.rollen = [Rol.REGISSEUR]
    beleid.save()
    assert client.get(f"/rapportages/bestanden/{export.pk}").status_code == 403


def test_zonder_rapportagerol_geen_pdf_aanvraag(client, gemeente, maak_medewerker):
    client.force_login(maak_medewerker(gemeente, Rol.REGISSEUR))
    assert _vraag(client, van="2024-01-01", tot="2024-12-31").status_code == 403
    assert not RapportExport.objects.exists() and not OrmQ.objects.exists()


@pytest.mark.parametrize(
    "velden",
    [
        {"van": "2025-01-01", "tot": "2024-01-01"},  # end before start
        {"van": "gisteren", "tot": "2024-01-01"},
        {"soort": "onbekend"},
        {"soort": "verantwoording"},  # no year
    ],
)
def test_ongeldige_pdf_aanvraag_geeft_een_melding_en_geen_taak(beleid, client, velden):
    antwoord = _vraag(client, **velden)
    assert antwoord.status_code == 302 and antwoord["Location"] == "/rapportages"
    assert not RapportExport.objects.exists() and not OrmQ.objects.exists()


def test_verantwoording_per_jaar_en_opruimen_na_de_bewaartermijn(beleid, client):
    antwoord = client.post("/rapportages/pdf-maken", {"soort": "verantwoording", "jaar": 2025})
    assert antwoord["Location"] == "/rapportages/verantwoording?jaar=2025"
    export = RapportExport.objects.get()
    assert export.jaar == 2025 and export.van is None
    assert ruim_exports_op(dagen=7)["verwijderd"] == 0
    RapportExport.objects.update(aangevraagd_op=export.aangevraagd_op - timedelta(days=8))
    assert ruim_exports_op(dagen=7)["verwijderd"] == 1
