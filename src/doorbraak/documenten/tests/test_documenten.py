"""Documents on the dossier: type by content, a size limit with a message beside the field, the
file outside the web root, every download logged, partners see none, a failed upload leaves
nothing, and the inzage and the retention job know them (the file on disk too)."""

import datetime
import io
import json
import zipfile

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from doorbraak.audit import bewaartermijnen
from doorbraak.audit.inzage import inzage_samenstellen
from doorbraak.audit.models import Verwerking
from doorbraak.casussen.models import Casus, TijdlijnItem
from doorbraak.documenten import opslag, services
from doorbraak.documenten.models import Document
from doorbraak.fouten import Conflict, Validatiefout
from doorbraak.organisaties.models import Rol

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def map_(settings, tmp_path):
    settings.DOCUMENTEN_MAP = tmp_path / "documenten"
    settings.DOCUMENT_MAX_MB = 1
    return settings.DOCUMENTEN_MAP


def bestanden(map_) -> list:
    return [p for p in map_.rglob("*") if p.is_file()] if map_.exists() else []


@pytest.fixture
def casus(regisseur, maak_casus):
    return maak_casus(regisseur)


@pytest.fixture
def web(client, regisseur):
    client.force_login(regisseur)
    return client


def upload(web, casus, inhoud, naam="rekening.pdf", **velden):
    data = {"soort": "factuur", "titel": "Herstelrekening", **velden}
    data["bestand"] = SimpleUploadedFile(naam, inhoud)
    return web.post(f"/casussen/{casus.pk}/documenten", data)


def test_upload_bewaart_buiten_de_webroot_en_elke_download_wordt_gelogd(web, casus, map_):
    antwoord = upload(web, casus, PDF)
    assert antwoord.status_code == 302 and antwoord.url.endswith("#documenten")
    document = Document.objects.get()
    assert (document.mediatype, document.grootte, document.bestandsnaam) == (
        "application/pdf",
        len(PDF),
        "rekening.pdf",
    )
    (pad,) = bestanden(map_)
    assert pad.read_bytes() == PDF and pad.stat().st_mode & 0o077 == 0
    assert str(django_settings.MEDIA_ROOT) not in str(pad)
    assert str(django_settings.STATIC_ROOT) not in str(pad)
    assert Verwerking.objects.filter(object_type="document", handeling="aanmaken").count() == 1
    assert "Herstelrekening" in web.get(f"/casussen/{casus.pk}").content.decode()

    download = web.get(f"/documenten/{document.pk}")
    assert download.status_code == 200 and download.content == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="rekening.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    web.get(f"/documenten/{document.pk}")
    gelezen = Verwerking.objects.filter(object_type="document", handeling="lezen")
    assert gelezen.count() == 2
    assert {v.omschrijving for v in gelezen} == {"document gedownload"}
    assert gelezen.first().huishouden_id == casus.huishouden_id


@pytest.mark.parametrize(
    ("inhoud", "naam"),
    [(PNG, "foto.png"), (JPG, "scan.jpeg"), (JPG, "SCAN.JPG"), (docx(), "brief.docx")],
)
def test_toegestane_soorten_op_inhoud(regisseur, casus, inhoud, naam):
    document = services.document_toevoegen(
        door=regisseur,
        casus_id=casus.pk,
        soort="brief",
        titel="x",
        bestandsnaam=naam,
        inhoud=inhoud,
    )
    assert document.mediatype in opslag.TOEGESTAAN


@pytest.mark.parametrize(
    ("inhoud", "naam", "melding"),
    [
        (b"MZ\x90\x00 dit is een programma", "brief.pdf", "Dit soort bestand kan niet"),
        (b"gewone tekst", "notitie.txt", "Dit soort bestand kan niet"),
        (PNG, "rekening.pdf", "De inhoud is een PNG-bestand"),
        (PDF, "rekening", "geen extensie"),
        (b"", "leeg.pdf", "leeg"),
        (b"%PDF-1.4" + b"0" * (1024 * 1024), "groot.pdf", "hoogstens 1 MB"),
    ],
)
def test_foute_upload_geeft_melding_bij_het_veld_en_laat_niets_achter(
    web, casus, map_, inhoud, naam, melding
):
    antwoord = upload(web, casus, inhoud, naam=naam)
    html = antwoord.content.decode()
    assert antwoord.status_code == 400
    assert 'id="id_bestand-fout"' in html and melding in html
    assert not Document.objects.exists() and not bestanden(map_)
    assert not TijdlijnItem.objects.filter(tekst__startswith="Document").exists()


def test_titel_en_soort_verplicht(web, casus, map_):
    antwoord = upload(web, casus, PDF, titel="", soort="")
    html = antwoord.content.decode()
    assert antwoord.status_code == 400
    assert 'id="id_titel-fout"' in html and 'id="id_soort-fout"' in html
    assert not Document.objects.exists() and not bestanden(map_)


def test_mislukking_na_het_schrijven_laat_geen_bestand_en_geen_rij(
    regisseur, casus, map_, monkeypatch
):
    echt = opslag.schrijf

    def schrijf_en_faal(naam, inhoud):
        echt(naam, inhoud)
        assert bestanden(map_)  # it was there
        raise OSError("schijf vol")

    monkeypatch.setattr(opslag, "schrijf", schrijf_en_faal)
    with pytest.raises(OSError):
        services.document_toevoegen(
            door=regisseur, casus_id=casus.pk, soort="brief", titel="x", bestandsnaam="a.pdf",
            inhoud=PDF,
        )  # fmt: skip
    assert not Document.objects.exists() and not bestanden(map_)
    assert not Verwerking.objects.filter(object_type="document").exists()


def test_afgesloten_casus_neemt_geen_document_aan(regisseur, casus, map_):
    Casus.objects.filter(pk=casus.pk).update(status="afgesloten")
    with pytest.raises(Conflict):
        services.document_toevoegen(
            door=regisseur, casus_id=casus.pk, soort="brief", titel="x", bestandsnaam="a.pdf",
            inhoud=PDF,
        )  # fmt: skip
    assert not Document.objects.exists() and not bestanden(map_)


def test_wie_mag_wat(client, regisseur, casus, maak_medewerker, regisseur_elders, gemeente):
    document = services.document_toevoegen(
        door=regisseur, casus_id=casus.pk, soort="toestemming", titel="Toestemming",
        bestandsnaam="toestemming.pdf", inhoud=PDF,
    )  # fmt: skip
    collega = maak_medewerker(gemeente, Rol.COLLEGA, username="collega")
    client.force_login(collega)
    assert client.get(f"/documenten/{document.pk}").status_code == 200  # reads along
    assert upload(client, casus, PDF).status_code == 403  # does not add
    for rol in (Rol.PARTNER, Rol.FINANCIEN, Rol.PRIVACY):
        client.force_login(maak_medewerker(gemeente, rol, organisatie="Woonstichting"))
        assert client.get(f"/documenten/{document.pk}").status_code == 403, rol
    client.force_login(regisseur_elders)
    assert client.get(f"/documenten/{document.pk}").status_code == 404
    with pytest.raises(Validatiefout):
        services.document_toevoegen(
            door=regisseur, casus_id=casus.pk, soort="onbekend", titel="x", bestandsnaam="a.pdf",
            inhoud=PDF,
        )  # fmt: skip


def test_verwijderen_haalt_ook_het_bestand_weg(
    web, regisseur, casus, map_, django_capture_on_commit_callbacks
):
    document = services.document_toevoegen(
        door=regisseur, casus_id=casus.pk, soort="brief", titel="Verkeerde brief",
        bestandsnaam="a.pdf", inhoud=PDF,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = web.post(f"/casussen/{casus.pk}/documenten/{document.pk}/verwijderen")
    assert antwoord.status_code == 302
    assert not Document.objects.exists() and not bestanden(map_)
    assert Verwerking.objects.filter(object_type="document", handeling="verwijderen").exists()


def test_inzage_en_bewaartermijn(
    regisseur, privacy, casus, map_, django_capture_on_commit_callbacks
):
    document = services.document_toevoegen(
        door=regisseur, casus_id=casus.pk, soort="factuur", titel="Rekening",
        bestandsnaam="rekening.pdf", inhoud=PDF,
    )  # fmt: skip
    inzage = inzage_samenstellen(medewerker=privacy, huishouden_id=casus.huishouden_id)
    (regel,) = inzage["gegevens"]["documenten"]
    assert regel["id"] == str(document.pk) and regel["titel"] == "Rekening"
    assert "opslagnaam" not in regel

    lang_geleden = timezone.now() - datetime.timedelta(days=3 * 366)
    Casus.objects.filter(pk=casus.pk).update(status="afgesloten", afgesloten_op=lang_geleden)
    proef = bewaartermijnen.bewaartermijnen_toepassen(
        gemeente_id=casus.gemeente_id, proefdraai=True
    )
    assert proef["documenten"] == 1 and Document.objects.exists() and bestanden(map_)
    with django_capture_on_commit_callbacks(execute=True):
        bewaartermijnen.bewaartermijnen_toepassen(gemeente_id=casus.gemeente_id, proefdraai=False)
    assert not Document.objects.exists() and not bestanden(map_)


def _bundel(client, huishouden_id) -> zipfile.ZipFile:
    antwoord = client.get(f"/privacy/huishoudens/{huishouden_id}/inzage?formaat=zip")
    assert antwoord.status_code == 200, antwoord.content[:300]
    assert antwoord["Content-Type"] == "application/zip"
    assert antwoord["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(antwoord.content))


def test_inzage_als_zip_geeft_de_documenten_zelf_mee_en_logt_elk(
    client, regisseur, privacy, casus, maak_casus, map_
):
    """AVG art. 15(3): the copy holds the files, not only their details; each handed-over file
    is a logged read. A document of another household stays out; a file missing on disk is
    named instead of failing the export."""
    rekening = services.document_toevoegen(
        door=regisseur, casus_id=casus.pk, soort="factuur", titel="Rekening",
        bestandsnaam="rekening.pdf", inhoud=PDF,
    )  # fmt: skip
    services.document_toevoegen(
        door=regisseur, casus_id=casus.pk, soort="toestemming", titel="Toestemming",
        bestandsnaam="toestemming gezin.png", inhoud=PNG,
    )  # fmt: skip
    ander = maak_casus(regisseur, naam="Familie Jansen")
    services.document_toevoegen(
        door=regisseur, casus_id=ander.pk, soort="brief", titel="Brief van Jansen",
        bestandsnaam="jansen.jpg", inhoud=JPG,
    )  # fmt: skip
    client.force_login(privacy)
    voor = Verwerking.objects.count()

    bundel = _bundel(client, casus.huishouden_id)

    assert sorted(bundel.namelist()) == [
        "LEESMIJ.txt",
        "documenten/01 rekening.pdf",
        "documenten/02 toestemming gezin.png",
        "inzage.json",
        "inzage.pdf",
    ]
    assert bundel.read("documenten/01 rekening.pdf") == PDF
    assert bundel.read("documenten/02 toestemming gezin.png") == PNG
    assert bundel.read("inzage.pdf").startswith(b"%PDF")
    gegevens = json.loads(bundel.read("inzage.json"))
    assert {d["titel"] for d in gegevens["gegevens"]["documenten"]} == {"Rekening", "Toestemming"}
    nieuw = Verwerking.objects.order_by("pk")[voor:]
    assert [(v.object_type, v.handeling) for v in nieuw] == [
        ("inzage", "lezen"),
        ("document", "lezen"),
        ("document", "lezen"),
    ]
    assert {v.huishouden_id for v in nieuw} == {casus.huishouden_id}

    opslag.verwijder(rekening.opslagnaam)  # lost on disk: named, the rest still handed over
    bundel = _bundel(client, casus.huishouden_id)
    assert "documenten/01 rekening.pdf" not in bundel.namelist()
    assert "01 rekening.pdf" in bundel.read("documenten/ONTBREEKT.txt").decode()
    assert bundel.read("documenten/02 toestemming gezin.png") == PNG


def test_inzage_als_zip_alleen_voor_de_privacyfunctionaris(client, regisseur, casus, map_):
    services.document_toevoegen(
        door=regisseur, casus_id=casus.pk, soort="factuur", titel="Rekening",
        bestandsnaam="rekening.pdf", inhoud=PDF,
    )  # fmt: skip
    client.force_login(regisseur)
    voor = Verwerking.objects.count()
    antwoord = client.get(f"/privacy/huishoudens/{casus.huishouden_id}/inzage?formaat=zip")
    assert antwoord.status_code == 403
    assert Verwerking.objects.count() == voor  # nothing handed over, nothing logged as read


def test_inzage_met_onbekend_formaat_is_een_400(client, privacy, casus):
    client.force_login(privacy)
    voor = Verwerking.objects.count()
    antwoord = client.get(f"/privacy/huishoudens/{casus.huishouden_id}/inzage?formaat=xml")
    assert antwoord.status_code == 400
    assert "pdf, json of zip" in antwoord.content.decode()
    assert Verwerking.objects.count() == voor


def test_inzage_als_zip_via_de_api(api_als, regisseur, privacy, casus, map_):
    services.document_toevoegen(
        door=regisseur, casus_id=casus.pk, soort="factuur", titel="Rekening",
        bestandsnaam="rekening.pdf", inhoud=PDF,
    )  # fmt: skip
    api = api_als(privacy)
    antwoord = api.get(f"/api/v1/huishoudens/{casus.huishouden_id}/inzage?formaat=zip")
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/zip"
    bundel = zipfile.ZipFile(io.BytesIO(antwoord.content))
    assert bundel.read("documenten/01 rekening.pdf") == PDF
    fout = api.get(f"/api/v1/huishoudens/{casus.huishouden_id}/inzage?formaat=xml")
    assert fout.status_code == 400 and fout.json()["invalid_params"][0]["name"] == "formaat"
