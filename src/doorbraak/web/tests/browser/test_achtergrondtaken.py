"""The background queue's screens in a real browser, checked with axe-core: the dead-letter
list of the functioneel beheerder, and a report PDF made in the background."""

import uuid

import pytest
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import Failure, Task
from playwright.sync_api import expect

from doorbraak.organisaties.models import Rol
from doorbraak.rapportage.models import RapportExport
from doorbraak.rapportage.taken import maak_rapport_pdf
from doorbraak.taken.models import Achtergrondtaak
from doorbraak.web.tests.browser.conftest import inloggen, schermafdruk, toegankelijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WACHTWOORD = "geheim-wachtwoord-123"


def _dood(gemeente, naam):
    task_id = uuid.uuid4().hex
    Task.objects.create(
        id=task_id,
        name=naam,
        func="doorbraak.rapportage.taken.maak_rapport_pdf",
        args=(str(uuid.uuid4()),),
        kwargs={},
        result="OSError: schijf vol",
        started=timezone.now(),
        stopped=timezone.now(),
        success=False,
        attempt_count=Conf.MAX_ATTEMPTS,
    )
    Achtergrondtaak.objects.create(
        sleutel=naam, functie="x", task_id=task_id, gemeente=gemeente, omschrijving="PDF Evaluatie"
    )
    return task_id


def test_mislukte_taken_en_pdf_op_de_achtergrond_zijn_toegankelijk(
    pagina, gemeente, maak_medewerker
):
    page = pagina
    beheerder = maak_medewerker(gemeente, Rol.BEHEER)
    _dood(gemeente, "pdf-1")
    weg = _dood(gemeente, "pdf-2")
    inloggen(page, beheerder.username, WACHTWOORD)
    page.goto("/achtergrondtaken")
    expect(page.get_by_role("heading", name="Mislukte achtergrondtaken")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("OSError: schijf vol")
    toegankelijk(page, "mislukte achtergrondtaken")
    schermafdruk(page, "achtergrondtaken")
    page.get_by_role("button", name="Verwerpen: pdf-2").click()
    expect(page.get_by_text("De taak is verworpen")).to_be_visible()
    assert not Failure.objects.filter(id=weg).exists()
    page.get_by_role("button", name="Opnieuw proberen: pdf-1").click()
    expect(page.get_by_text("Er zijn geen mislukte taken.")).to_be_visible()
    toegankelijk(page, "geen mislukte taken")

    page.context.clear_cookies()
    beleid = maak_medewerker(gemeente, Rol.BELEID)
    inloggen(page, beleid.username, WACHTWOORD)
    page.goto("/rapportages/evaluatie?van=2023-01-01&tot=2025-12-31")
    page.get_by_role("button", name="PDF op de achtergrond maken").click()
    expect(page.get_by_text("wordt gemaakt …")).to_be_visible()
    toegankelijk(page, "pdf wordt gemaakt")
    maak_rapport_pdf(str(RapportExport.objects.get(aangevraagd_door=beleid).pk))
    # The page polls while a file is being made: the link appears without a reload.
    expect(page.get_by_role("link", name="downloaden")).to_be_visible(timeout=15_000)
    toegankelijk(page, "pdf klaar")
