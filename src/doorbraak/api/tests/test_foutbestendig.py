"""No 5xx on bad input: each input that gave a 500 in the security test (issue 20), by
schemathesis or by hand, now gets a 400 problem+json naming the field (or a Dutch message on the
page); a database that is down answers 503, and /gezondheid says so."""

import json
from datetime import date
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from rest_framework.test import APIClient

from doorbraak.api.parsers import MAX_DIEPTE, controleer
from doorbraak.budget.models import Bestedingsplan
from doorbraak.organisaties.models import Rol

pytestmark = pytest.mark.django_db

PLAN = {"naam": "POK 2026", "jaren": [2026, 2027], "regels": [], "inkomsten": []}


def _velden(antwoord) -> set[str]:
    assert antwoord["Content-Type"] == "application/problem+json", antwoord.content[:200]
    return {p["name"] for p in antwoord.json()["invalid_params"]}


@pytest.fixture
def financien(gemeente, maak_medewerker):
    return maak_medewerker(gemeente, Rol.FINANCIEN, username="financien")


@pytest.fixture
def api_financien(financien, api_als):
    return api_als(financien)


# --- query and path parameters -----------------------------------------------------------------


@pytest.mark.parametrize("waarde", ["null", "x", "1234", "00000000-0000-0000-0000-00000000000g"])
def test_filter_op_casus_zonder_uuid_geeft_400_met_de_naam(api_financien, waarde):
    antwoord = api_financien.get("/api/v1/aanvragen", {"casus": waarde})
    assert antwoord.status_code == 400
    assert _velden(antwoord) == {"casus"}


def test_onbekende_status_van_aanvragen_geeft_400(api_financien):
    antwoord = api_financien.get("/api/v1/aanvragen", {"status": "verzonnen"})
    assert antwoord.status_code == 400
    assert _velden(antwoord) == {"status"}
    assert api_financien.get("/api/v1/aanvragen", {"status": "concept"}).status_code == 200


@pytest.mark.parametrize("jaar", ["10000", "0", "-5", "34436", "1999", "2101", "²⁰²⁶", "twee"])
def test_jaar_buiten_bereik_geeft_400_in_de_api(api_financien, jaar):
    antwoord = api_financien.get("/api/v1/budgetten", {"jaar": jaar})
    assert antwoord.status_code == 400
    assert _velden(antwoord) == {"jaar"}
    assert "jaar" in antwoord.json()["detail"].lower()


def test_jaar_binnen_bereik_werkt(api_financien):
    assert api_financien.get("/api/v1/budgetten", {"jaar": "2100"}).status_code == 200
    assert api_financien.get("/api/v1/budgetten", {"jaar": "2000"}).status_code == 200


@pytest.mark.parametrize("jaar", ["10000", "0", "-5", "abc"])
def test_jaar_buiten_bereik_op_de_budgetpagina_geeft_400_met_nederlandse_melding(
    client, financien, jaar
):
    client.force_login(financien)
    antwoord = client.get("/budget", {"jaar": jaar})
    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    assert "Geef" in tekst and "jaar" in tekst
    assert "Server Error" not in tekst


def test_budgetpagina_biedt_geen_jaar_na_2100_aan(client, financien):
    client.force_login(financien)
    tekst = client.get("/budget", {"jaar": "2100"}).content.decode()
    assert "?jaar=2099" in tekst
    assert "?jaar=2101" not in tekst
    tekst = client.get("/budget", {"jaar": "2000"}).content.decode()
    assert "?jaar=1999" not in tekst


def test_nul_teken_in_een_queryparameter_geeft_400_met_de_naam(api):
    antwoord = api.get("/api/v1/casussen?zoek=a%00b")
    assert antwoord.status_code == 400
    assert _velden(antwoord) == {"zoek"}
    antwoord = api.get("/api/v1/casussen?med%00ewerker=x")
    assert antwoord.status_code == 400


def test_nul_teken_in_een_queryparameter_op_een_pagina_geeft_400(client, regisseur):
    client.force_login(regisseur)
    antwoord = client.get("/casussen?zoek=a%00b")
    assert antwoord.status_code == 400
    assert "Ongeldig verzoek" in antwoord.content.decode()


# --- report periods ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("van", "tot", "veld"),
    [
        ("0302-06-23", None, "van"),  # the PDF that ran past the worker timeout
        ("0001-01-01", "9999-12-31", "van"),  # the evaluation that overflowed
        ("2020-01-01", "9999-12-31", "tot"),
        ("2000-01-01", "2010-01-01", "van"),  # ten years and a day
        ("2026-05-01", "2026-04-30", "tot"),
    ],
)
@pytest.mark.parametrize("rapport", ["knelpunten", "evaluatie"])
def test_rapportperiode_is_begrensd(api_financien, rapport, van, tot, veld):
    params = {"van": van, "formaat": "pdf"} | ({"tot": tot} if tot else {})
    antwoord = api_financien.get(f"/api/v1/rapportages/{rapport}", params)
    assert antwoord.status_code == 400
    assert _velden(antwoord) == {veld}


def test_rapportperiode_van_tien_jaar_mag(api_financien):
    antwoord = api_financien.get(
        "/api/v1/rapportages/evaluatie", {"van": "2000-01-02", "tot": "2010-01-01"}
    )
    assert antwoord.status_code == 200


def test_rapportperiode_op_de_pagina_krijgt_een_melding(client, financien):
    client.force_login(financien)
    antwoord = client.get("/rapportages/evaluatie", {"van": "0001-01-01", "tot": "9999-12-31"})
    assert antwoord.status_code == 400
    assert "Geef een datum tussen" in antwoord.content.decode()


# --- bodies ------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", ["[null, null]", '"tekst"', "42", "null", "[]"])
def test_body_die_geen_object_is_geeft_400(api_financien, body):
    antwoord = api_financien.post(
        "/api/v1/bestedingsplannen", body, content_type="application/json"
    )
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    assert not Bestedingsplan.objects.exists()


def test_bestedingsplan_met_jaren_buiten_bereik_geeft_400(api_financien):
    antwoord = api_financien.post(
        "/api/v1/bestedingsplannen", PLAN | {"jaren": [1, 99999]}, format="json"
    )
    assert antwoord.status_code == 400
    assert _velden(antwoord) == {"jaren"}


def _genest(diepte: int) -> str:
    return '{"a": ' * (diepte - 1) + "{}" + "}" * (diepte - 1)


@pytest.mark.parametrize("diepte", [MAX_DIEPTE + 1, 5000, 100_000])
def test_te_diep_geneste_json_wordt_in_de_parser_geweigerd(api, maak_casus, regisseur, diepte):
    casus = maak_casus(regisseur)
    body = '{"feiten": ' + _genest(diepte) + "}"
    antwoord = api.post(
        f"/api/v1/casussen/{casus.pk}/regelchecks", body, content_type="application/json"
    )
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    assert "te diep genest" in antwoord.json()["detail"]


def test_parser_laat_nesting_tot_de_grens_toe():
    controleer(json.loads(_genest(MAX_DIEPTE)))
    with pytest.raises(Exception, match="te diep"):
        controleer(json.loads(_genest(MAX_DIEPTE + 1)))


def test_nul_teken_in_de_body_geeft_400_met_het_pad(api_financien):
    plan = PLAN | {
        "naam": "POK\x002026",
        "regels": [{"omschrijving": "ok"}, {"omschrijving": "x\x00y"}],
    }
    antwoord = api_financien.post("/api/v1/bestedingsplannen", plan, format="json")
    assert antwoord.status_code == 400
    assert _velden(antwoord) == {"naam"} or _velden(antwoord) == {"regels[1].omschrijving"}
    assert not Bestedingsplan.objects.exists()
    antwoord = api_financien.post(
        "/api/v1/bestedingsplannen",
        PLAN | {"regels": [{"omschrijving": "ok"}, {"omschrijving": "x\x00y"}]},
        format="json",
    )
    assert _velden(antwoord) == {"regels[1].omschrijving"}


def test_nul_teken_in_een_veldnaam_geeft_400(api_financien):
    antwoord = api_financien.post(
        "/api/v1/bestedingsplannen", PLAN | {"na\x00am": "x"}, format="json"
    )
    assert antwoord.status_code == 400


def test_nan_is_geen_json(api_financien):
    antwoord = api_financien.post(
        "/api/v1/bestedingsplannen", '{"naam": NaN}', content_type="application/json"
    )
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"


def test_te_grote_body_geeft_problem_json(api):
    antwoord = api.post(
        "/api/v1/huishoudens",
        json.dumps({"naam": "x" * 3_000_000}),
        content_type="application/json",
    )
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"


# --- the database is down ------------------------------------------------------------------------


@pytest.fixture
def database_onbereikbaar():
    fout = OperationalError("connection to server failed: Connection refused")
    with (
        mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=fout),
        mock.patch("django.db.backends.utils.CursorWrapper.executemany", side_effect=fout),
    ):
        yield


def test_database_weg_geeft_503_problem_json_in_de_api(regisseur, database_onbereikbaar):
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(regisseur)
    antwoord = api.get("/api/v1/casussen")
    assert antwoord.status_code == 503
    assert antwoord["Content-Type"] == "application/problem+json"
    assert antwoord["Retry-After"]
    assert antwoord["API-Version"] == "1.0.0"
    assert antwoord.json()["status"] == 503


def test_database_weg_bij_het_inloggen_met_een_token_geeft_503(database_onbereikbaar):
    api = APIClient(raise_request_exception=False)
    antwoord = api.get("/api/v1/casussen", HTTP_AUTHORIZATION="Token " + "a" * 64)
    assert antwoord.status_code == 503
    assert antwoord["Content-Type"] == "application/problem+json"


def test_database_weg_geeft_een_nederlandse_503_pagina(regisseur):
    client = Client(raise_request_exception=False)
    client.force_login(regisseur)
    fout = OperationalError("database is locked")
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=fout):
        antwoord = client.get("/casussen")
    assert antwoord.status_code == 503
    tekst = antwoord.content.decode()
    assert "Tijdelijk niet beschikbaar" in tekst
    assert "utrecht-" in tekst  # NL Design System page, not Django's bare text


def test_gezondheid_meldt_de_database(client):
    # No worker runs in this test, so the queue part may be down; the database part answers.
    antwoord = client.get("/gezondheid")
    assert antwoord.json()["onderdelen"]["database"] == {"status": "ok"}


def test_gezondheid_zegt_503_als_de_database_weg_is(client, database_onbereikbaar):
    antwoord = client.get("/gezondheid")
    assert antwoord.status_code == 503
    assert antwoord.json()["onderdelen"]["database"]["status"] == "storing"
    assert antwoord["Retry-After"]


def test_onverwachte_fout_geeft_500_problem_json_en_een_nederlandse_pagina(financien):
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(financien)
    web = Client(raise_request_exception=False)
    web.force_login(financien)
    with mock.patch("doorbraak.budget.selectors.budgetten_voor", side_effect=RuntimeError("stuk")):
        antwoord = api.get("/api/v1/budgetten")
        pagina = web.get("/budget")
    assert antwoord.status_code == 500
    assert antwoord["Content-Type"] == "application/problem+json"
    assert "stuk" not in antwoord.content.decode()  # no internals to the client
    assert pagina.status_code == 500
    assert "Er ging iets mis" in pagina.content.decode()
    assert "stuk" not in pagina.content.decode()


def test_vandaag_valt_binnen_de_grenzen():
    from doorbraak import invoer

    assert invoer.DATUM_MIN < date.today() < invoer.DATUM_MAX


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_onbereikbare_postgres_server_geeft_503_zonder_nabootsing(regisseur):
    """No mock: the connection really fails (a port where no server listens)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("een echte verbindingsfout wordt op PostgreSQL getest")
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(regisseur)
    web = Client(raise_request_exception=False)
    web.force_login(regisseur)
    poort = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"
    try:
        antwoord = api.get("/api/v1/casussen")
        gezondheid = web.get("/gezondheid")
        pagina = web.get("/casussen")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = poort
    assert antwoord.status_code == 503
    assert antwoord["Content-Type"] == "application/problem+json"
    assert gezondheid.status_code == 503
    assert pagina.status_code == 503
    assert "Tijdelijk niet beschikbaar" in pagina.content.decode()
    assert api.get("/api/v1/casussen").status_code == 200  # and back once the server answers
