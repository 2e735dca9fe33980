"""The OpenAPI document as a contract: every error response as problem+json with its schema, the
API-Version header on every response, servers and contact; and the NL API Design Rules linter
(Spectral with the project's ruleset, spectral.yml) reports zero errors on the served document."""

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[4]
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"
METHODEN = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def document(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        antwoord = Client().get("/api/v1/openapi.json")
    assert antwoord.status_code == 200
    return antwoord.json()


def _operaties(document):
    for pad, item in document["paths"].items():
        for methode, operatie in item.items():
            if methode in METHODEN:
                yield pad, methode, operatie


def test_servers_en_contact(document):
    assert document["servers"][0]["url"] == "/api/v1"
    assert {"name", "email", "url"} <= set(document["info"]["contact"])


def test_elk_antwoord_noemt_de_versieheader(document):
    for pad, methode, operatie in _operaties(document):
        for code, antwoord in operatie["responses"].items():
            assert "API-Version" in antwoord.get("headers", {}), (pad, methode, code)


def test_elke_operatie_beschrijft_haar_fouten_als_problem_json(document):
    for pad, methode, operatie in _operaties(document):
        codes = set(operatie["responses"])
        assert {"401", "503"} <= codes, (pad, methode)
        if "{" in pad:
            assert "404" in codes, (pad, methode)
        if methode in {"post", "put", "patch"}:
            assert "400" in codes, (pad, methode)
        for code in codes:
            if code.startswith(("4", "5")):
                inhoud = operatie["responses"][code]["content"]
                assert list(inhoud) == ["application/problem+json"], (pad, methode, code)


def test_probleemschema_beschrijft_wat_de_api_stuurt(document, api):
    schemas = document["components"]["schemas"]
    assert set(schemas["Probleem"]["required"]) == {"type", "title", "status", "detail"}
    body = api.get("/api/v1/casussen?status=onbekend").json()
    assert set(schemas["Probleem"]["required"]) <= set(body)
    assert set(body) - set(schemas["Probleem"]["properties"]) == {"invalid_params"}
    uitbreiding = schemas["OngeldigeInvoer"]["allOf"][1]["properties"]
    assert set(uitbreiding["invalid_params"]["items"]["required"]) == set(body["invalid_params"][0])


def _lint(documenten: dict[str, dict], map: Path) -> dict[str, list[dict]]:
    """Lint several documents in one Spectral run (Node starts once); results per name."""
    if not SPECTRAL.exists():
        pytest.fail("Spectral ontbreekt: voer `make setup` uit (npm ci).")
    if shutil.which("node") is None:
        pytest.fail("Node.js ontbreekt (nodig voor Spectral).")
    bestanden = {}
    for naam, document in documenten.items():
        bestanden[naam] = map / f"{naam}.json"
        bestanden[naam].write_text(json.dumps(document))
    uit = subprocess.run(
        [str(SPECTRAL), "lint", "-q", "-r", str(ROOT / "spectral.yml"), "-f", "json"]
        + [str(b) for b in bestanden.values()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    resultaten = json.loads(uit.stdout or "[]")
    return {
        naam: [r for r in resultaten if Path(r["source"]).name == bestand.name]
        for naam, bestand in bestanden.items()
    }


def _kapot(document: dict) -> dict:
    """The document without servers, contact, a version header and problem+json."""
    kapot = copy.deepcopy(document)
    del kapot["servers"]
    del kapot["info"]["contact"]
    operatie = kapot["paths"]["/casussen"]["get"]
    del operatie["responses"]["200"]["headers"]
    operatie["responses"]["404"] = {
        "description": "x",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
    kapot["components"]["schemas"]["Probleem"]["properties"].pop("detail")
    kapot["components"]["schemas"]["Probleem"]["required"].remove("detail")
    return kapot


def test_adr_linter_geeft_nul_fouten_op_het_geserveerde_document(document, tmp_path):
    """Once, in the SQLite pass. The broken copy proves the ruleset bites."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("de linter draait één keer, in de SQLite-ronde")
    uitslag = _lint({"geserveerd": document, "kapot": _kapot(document)}, tmp_path)
    fouten = [r for r in uitslag["geserveerd"] if r["severity"] == 0]
    assert fouten == [], [(f["code"], ".".join(map(str, f["path"]))) for f in fouten[:20]]
    codes = {r["code"] for r in uitslag["kapot"] if r["severity"] == 0}
    assert {
        "oas3-api-servers",
        "info-contact",
        "adr-versie-header",
        "adr-fout-is-problem-json",
        "adr-problem-leden",
    } <= codes
