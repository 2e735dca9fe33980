"""NL API Design Rules: API-Version header, no trailing slashes, OpenAPI covering every
endpoint, problem+json errors, bounded pagination."""

import re

import pytest
from django.urls import URLPattern, get_resolver

pytestmark = pytest.mark.django_db


def test_api_version_header(api):
    antwoord = api.get("/api/v1/doelgroepen")
    assert antwoord["API-Version"] == "1.0.0"


def test_trailing_slash_bestaat_niet(api):
    antwoord = api.get("/api/v1/casussen/")
    assert antwoord.status_code == 404
    assert antwoord["Content-Type"] == "application/problem+json"
    assert antwoord.json()["status"] == 404


def test_openapi_beschrijft_elk_endpoint(client):
    antwoord = client.get("/api/v1/openapi.json")
    assert antwoord.status_code == 200
    document = antwoord.json()
    assert document["servers"][0]["url"] == "/api/v1"  # paths are relative to the server URL
    paden = set(document["paths"])
    from doorbraak.api import urls

    verwacht = {
        "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(p.pattern))
        for p in urls.urlpatterns
        if isinstance(p, URLPattern) and p.name not in {"openapi", "api-docs", "api-redoc"}
    }
    assert verwacht <= paden, verwacht - paden
    assert get_resolver()  # the URLconf loads


def test_documentatie_is_bereikbaar(client):
    assert client.get("/api/v1/docs").status_code == 200


def test_pagina_grootte_is_begrensd(api):
    antwoord = api.get("/api/v1/casussen?page_size=1000")
    assert antwoord.status_code == 200
    assert set(antwoord.json()) == {"count", "next", "previous", "results"}


def test_validatiefout_noemt_geneste_velden(api):
    antwoord = api.post(
        "/api/v1/huishoudens",
        {
            "naam": "",
            "gezinsleden": [
                {"voornaam": "A", "achternaam": "B", "geboortedatum": "gisteren", "rol": "opa"}
            ],
        },
        format="json",
    )
    assert antwoord.status_code == 400
    namen = {p["name"] for p in antwoord.json()["invalid_params"]}
    assert namen == {"naam", "gezinsleden[0].geboortedatum", "gezinsleden[0].rol"}


def test_ongeldige_filterwaarde_noemt_het_filter(api):
    antwoord = api.get("/api/v1/casussen?status=onbekend")
    assert antwoord.status_code == 400
    assert antwoord.json()["invalid_params"][0]["name"] == "status"


def test_request_id_wordt_teruggegeven(api):
    antwoord = api.get("/api/v1/doelgroepen", HTTP_X_REQUEST_ID="abc-123")
    assert antwoord["X-Request-ID"] == "abc-123"
