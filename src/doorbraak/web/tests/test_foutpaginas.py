"""Error pages in Dutch and in the house style (NL Design System): 400, 403, 404, 500, 503 and a
refused form (CSRF); the API keeps problem+json. A year out of range on the budget page is a 400
with a Dutch message beside the year, not a 500."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from doorbraak.organisaties.models import Rol
from doorbraak.web.tests.presentatie import tekst_van_html, vondsten

pytestmark = pytest.mark.django_db

ENGELS = ("Server Error", "Bad Request", "Forbidden", "Not Found", "CSRF verification failed")


def _nederlandse_pagina(antwoord, status: int, kop: str) -> str:
    assert antwoord.status_code == status
    assert antwoord["Content-Type"].startswith("text/html")
    html = antwoord.content.decode()
    assert '<html lang="nl"' in html
    assert "utrecht-heading-1" in html and "vendor/utrecht/component-library.css" in html
    assert kop in html
    assert not [e for e in ENGELS if e in html], html[:400]
    assert vondsten(tekst_van_html(html)) == []
    return html


@pytest.fixture
def financien(gemeente, maak_medewerker):
    return maak_medewerker(gemeente, Rol.FINANCIEN, username="financien")


def test_400_bij_een_te_groot_formulier(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    antwoord = client.post("/inloggen", {f"veld{i}": "x" for i in range(10)})
    _nederlandse_pagina(antwoord, 400, "Ongeldig verzoek")


def test_403_zonder_de_rol(client, regisseur):
    client.force_login(regisseur)
    html = _nederlandse_pagina(client.get("/budget"), 403, "Geen toegang")
    assert "Naar de startpagina" in html


def test_404_van_een_onbekende_pagina(client, regisseur):
    client.force_login(regisseur)
    _nederlandse_pagina(client.get("/bestaat-niet"), 404, "Niet gevonden")


def test_500_bij_een_onverwachte_fout(financien):
    web = Client(raise_request_exception=False)
    web.force_login(financien)
    with mock.patch("doorbraak.budget.selectors.budgetten_voor", side_effect=RuntimeError("stuk")):
        html = _nederlandse_pagina(web.get("/budget"), 500, "Er ging iets mis")
    assert "stuk" not in html


def test_503_als_de_database_weg_is(regisseur):
    web = Client(raise_request_exception=False)
    web.force_login(regisseur)
    fout = OperationalError("database is locked")
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=fout):
        antwoord = web.get("/casussen")
    _nederlandse_pagina(antwoord, 503, "Tijdelijk niet beschikbaar")
    assert antwoord["Retry-After"]


def test_formulier_zonder_csrf_token_krijgt_een_nederlandse_pagina(regisseur):
    web = Client(enforce_csrf_checks=True)
    web.force_login(regisseur)
    html = _nederlandse_pagina(
        web.post("/casussen/nieuw", {"huishouden-naam": "Gezin Proef"}), 403, "verlopen"
    )
    assert "laad de pagina opnieuw" in html


def test_csrf_fout_onder_api_blijft_problem_json(rf):
    from doorbraak.web.views.foutpaginas import fout_csrf

    antwoord = fout_csrf(rf.post("/api/v1/huishoudens"), reason="CSRF token missing.")
    assert antwoord.status_code == 403
    assert antwoord["Content-Type"] == "application/problem+json"


def test_foutpagina_in_het_engels_als_dat_gekozen_is(client, regisseur):
    client.force_login(regisseur)
    client.post("/taal/setlang/", {"language": "en", "next": "/casussen"})
    html = client.get("/bestaat-niet").content.decode()
    assert '<html lang="en"' in html


@pytest.mark.parametrize("jaar", ["10000", "0", "-5", "9999", "99999999999"])
def test_budget_met_een_onmogelijk_jaar_is_een_400_met_een_nederlandse_melding(
    client, financien, jaar
):
    client.force_login(financien)
    antwoord = client.get("/budget", {"jaar": jaar})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Geef een jaar tussen 2000 en 2100." in html
    assert '<html lang="nl"' in html and "utrecht-" in html
    assert "Server Error" not in html


def test_budget_in_het_laatste_jaar_heeft_geen_pijl_verder(client, financien):
    client.force_login(financien)
    html = client.get("/budget", {"jaar": "2100"}).content.decode()
    assert "jaar=2101" not in html and "jaar=2099" in html
