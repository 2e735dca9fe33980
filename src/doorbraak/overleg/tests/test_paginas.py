"""The casusoverleg pages without a browser: who sees what, errors beside their fields with nothing
stored, the decision in the plan, the verslag as PDF, and a fixed number of queries."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from doorbraak.audit.models import Verwerking
from doorbraak.casussen.models import Actie
from doorbraak.overleg import services
from doorbraak.overleg.models import Agendapunt, Deelgrondslag, Escalatie

pytestmark = pytest.mark.django_db


@pytest.fixture
def als(client):
    def inloggen(medewerker):
        client.force_login(medewerker)
        return client

    return inloggen


def test_partner_ziet_eigen_tafel_en_gepseudonimiseerde_brief(als, partner, agendapunt):
    web = als(partner)
    assert web.get("/").url == "/mijn-taken"  # the own tables and afspraken
    assert "Overleg Passende Hulp" in web.get("/overleggen").content.decode()
    agenda = web.get(f"/bijeenkomsten/{agendapunt.bijeenkomst_id}").content.decode()
    assert "Huishouden A" in agenda and "Vries" not in agenda
    brief = web.get(f"/agendapunten/{agendapunt.pk}")
    html = brief.content.decode()
    assert brief.status_code == 200
    assert "Casusbrief: Huishouden A" in html and "Vries" not in html and "5701" not in html
    assert "Besluit vastleggen" not in html  # not the chair
    assert Verwerking.objects.filter(actor="corporatie", object_type="casusbrief").count() == 1
    assert web.get(f"/casussen/{agendapunt.casus_id}").status_code == 403
    assert web.post(f"/agendapunten/{agendapunt.pk}", {"besluit-conclusie": "x"}).status_code == 403


def test_andere_gemeente_krijgt_404(als, regisseur_elders, agendapunt):
    web = als(regisseur_elders)
    b = agendapunt.bijeenkomst
    for pad in (
        f"/overleggen/{b.overleg_id}",
        f"/bijeenkomsten/{b.pk}",
        f"/bijeenkomsten/{b.pk}/verslag/pdf",
        f"/agendapunten/{agendapunt.pk}",
        f"/casussen/{agendapunt.casus_id}/overleg",
    ):
        assert web.get(pad).status_code == 404, pad
    assert "Overleg Passende Hulp" not in web.get("/overleggen").content.decode()


def test_agenderen_met_fout_toont_die_bij_het_veld(als, regisseur, bijeenkomst, casus):
    web = als(regisseur)
    pagina = web.get(f"/casussen/{casus.pk}/overleg").content.decode()
    assert "Op de agenda zetten" in pagina
    antwoord = web.post(
        f"/casussen/{casus.pk}/overleg/agenderen", {"bijeenkomst": str(bijeenkomst.pk), "vraag": ""}
    )
    assert antwoord.status_code == 400
    assert 'id="id_vraag-fout"' in antwoord.content.decode()
    assert not Agendapunt.objects.exists()
    antwoord = web.post(
        f"/casussen/{casus.pk}/overleg/agenderen",
        {"bijeenkomst": str(bijeenkomst.pk), "vraag": "Wie neemt de schuld over?"},
    )
    assert antwoord.status_code == 302
    assert Agendapunt.objects.get().vraag == "Wie neemt de schuld over?"


def test_grondslag_en_escalatie_vanuit_het_dossier(als, regisseur, overleg, regieteam, casus):
    web = als(regisseur)
    assert "Casusoverleg" in web.get(f"/casussen/{casus.pk}").content.decode()
    fout = web.post(f"/casussen/{casus.pk}/overleg/grondslag", {"soort": "wettelijk"})
    assert fout.status_code == 400
    assert 'id="id_wettelijke_grondslag-fout"' in fout.content.decode()
    assert not Deelgrondslag.objects.exists()
    assert web.post(
        f"/casussen/{casus.pk}/overleg/grondslag",
        {"soort": "toestemming", "toestemming_datum": "2026-01-05", "reikwijdte": "Regieteam",
         "overleg": str(regieteam.pk), "categorieen": ["wonen", "financien"]},
    ).status_code == 302  # fmt: skip
    assert (
        web.post(
            f"/casussen/{casus.pk}/overleg/escaleren",
            {"naar_overleg": str(regieteam.pk), "reden": "Vastgelopen", "urgentie": "hoog"},
        ).status_code
        == 302
    )
    assert (
        web.post(
            f"/casussen/{casus.pk}/overleg/escaleren",
            {"naar_overleg": str(overleg.pk), "reden": "Verder", "urgentie": "hoog"},
        ).status_code
        == 302
    )
    assert (
        web.post(f"/casussen/{casus.pk}/overleg/afschalen", {"reden": "Terug"}).status_code == 302
    )
    html = web.get(f"/casussen/{casus.pk}/overleg").content.decode()
    assert "Afgeschaald" in html and "Opgeschaald" in html
    assert [e.naar_overleg for e in Escalatie.objects.order_by("op")] == [
        regieteam,
        overleg,
        regieteam,
    ]


def test_voorzitter_legt_besluit_vast_en_de_actie_staat_in_het_plan(
    als, voorzitter, agendapunt, casus
):
    web = als(voorzitter)
    formulier = {
        "besluit-conclusie": "Corporatie schort op.",
        "afspraken-TOTAL_FORMS": "3", "afspraken-INITIAL_FORMS": "0",
        "afspraken-MIN_NUM_FORMS": "0", "afspraken-MAX_NUM_FORMS": "10",
        "afspraken-0-wat": "Ontruiming opschorten", "afspraken-0-wie": "",
        "afspraken-0-deadline": "",
    }  # fmt: skip
    fout = web.post(f"/agendapunten/{agendapunt.pk}", formulier)
    assert fout.status_code == 400
    assert 'id="id_afspraken-0-wie-fout"' in fout.content.decode()
    assert not Actie.objects.filter(omschrijving__contains="afspraak").exists()
    formulier["afspraken-0-wie"] = "Woonstichting De Peel"
    antwoord = web.post(f"/agendapunten/{agendapunt.pk}", formulier)
    assert antwoord.status_code == 302
    actie = Actie.objects.get(plan__casus=casus, omschrijving__contains="afspraak")
    assert actie.eigenaar == "Woonstichting De Peel"
    assert "Ontruiming opschorten" in web.get(f"/casussen/{casus.pk}").content.decode()


def test_verslag_als_pdf(als, voorzitter, agendapunt):
    services.besluit_vastleggen(
        door=voorzitter,
        agendapunt_id=agendapunt.pk,
        conclusie="Corporatie schort op; regisseur vraagt doorbraakbudget aan.",
        afspraken=[services.AfspraakInvoer("Ontruiming opschorten", "Woonstichting")],
    )
    web = als(voorzitter)
    b = agendapunt.bijeenkomst
    assert web.post(f"/bijeenkomsten/{b.pk}/verslag", {"actie": "opstellen"}).status_code == 302
    assert (
        web.post(f"/bijeenkomsten/{b.pk}/verslag", {"actie": "opslaan", "verslag": ""}).status_code
        == 400
    )
    b.refresh_from_db()
    web.post(
        f"/bijeenkomsten/{b.pk}/verslag",
        {"actie": "opslaan", "verslag": b.verslag + "\nRondvraag: geen."},
    )
    antwoord = web.get(f"/bijeenkomsten/{b.pk}/verslag/pdf")
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(antwoord.content)).pages)
    assert "Verslag Overleg Passende Hulp" in tekst
    assert "Huishouden A" in tekst
    assert "Corporatie schort op" in tekst
    assert "Ontruiming opschorten" in tekst
    assert "Rondvraag: geen." in tekst
    assert "Vries" not in tekst


def test_agenda_pagina_heeft_een_vast_aantal_queries(
    als, voorzitter, regisseur, bijeenkomst, maak_casus
):
    web = als(voorzitter)

    def agenderen(aantal, begin):
        for i in range(begin, begin + aantal):
            casus = maak_casus(regisseur, naam=f"Familie {i}")
            services.agendapunt_toevoegen(
                door=regisseur, bijeenkomst_id=bijeenkomst.pk, casus_id=casus.pk, vraag="?"
            )

    def tel():
        with CaptureQueriesContext(connection) as ctx:
            assert web.get(f"/bijeenkomsten/{bijeenkomst.pk}").status_code == 200
        return len(ctx.captured_queries)

    agenderen(2, 0)
    weinig = tel()
    agenderen(4, 2)
    assert tel() == weinig


def test_voorzitter_plant_een_bijeenkomst_en_ordent_de_agenda(
    als, voorzitter, regisseur, overleg, bijeenkomst, agendapunt, maak_casus
):
    web = als(voorzitter)
    pagina = web.get(f"/overleggen/{overleg.pk}").content.decode()
    assert "Bijeenkomst plannen" in pagina and "Woonstichting De Peel" in pagina
    fout = web.post(f"/overleggen/{overleg.pk}", {"datum": "morgen"})
    assert fout.status_code == 400 and 'id="id_datum-fout"' in fout.content.decode()
    antwoord = web.post(f"/overleggen/{overleg.pk}", {"datum": "2030-01-07", "locatie": "Stadhuis"})
    assert antwoord.status_code == 302
    tweede = services.agendapunt_toevoegen(
        door=regisseur,
        bijeenkomst_id=bijeenkomst.pk,
        casus_id=maak_casus(regisseur, naam="Familie Jansen").pk,
        vraag="?",
    )
    web.post(f"/agendapunten/{tweede.pk}/verplaatsen", {"richting": "omhoog"})
    assert list(bijeenkomst.agenda.order_by("volgorde")) == [tweede, agendapunt]
    assert (
        web.post(
            f"/bijeenkomsten/{bijeenkomst.pk}/aanwezigen", {"aanwezigen": [str(voorzitter.pk)]}
        ).status_code
        == 302
    )
    assert list(bijeenkomst.aanwezigen.all()) == [voorzitter]
    assert (
        als(regisseur)
        .post(f"/agendapunten/{tweede.pk}/verplaatsen", {"richting": "omlaag"})
        .status_code
        == 403
    )


def test_grondslag_voor_gezondheid_vraagt_wie_toestemming_gaf(als, regisseur, regieteam, casus):
    web = als(regisseur)
    invoer = {
        "soort": "toestemming",
        "toestemming_datum": "2026-01-05",
        "reikwijdte": "Regieteam",
        "overleg": str(regieteam.pk),
        "categorieen": ["wonen", "gezondheid"],
    }
    fout = web.post(f"/casussen/{casus.pk}/overleg/grondslag", invoer)
    assert fout.status_code == 400
    assert 'id="id_toestemming_van-fout"' in fout.content.decode()
    assert not Deelgrondslag.objects.exists()
    invoer["toestemming_van"] = "Anna de Vries zelf"
    assert web.post(f"/casussen/{casus.pk}/overleg/grondslag", invoer).status_code == 302
    html = web.get(f"/casussen/{casus.pk}/overleg").content.decode()
    assert "Wonen, Gezondheid" in html and "toestemming van Anna de Vries zelf" in html
