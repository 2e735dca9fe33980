"""The OpenAPI document as a contract (NL API Design Rules, linted with Spectral; see spectral.yml).

A drf-spectacular postprocessing hook adds what the views do not declare one by one:
- the `API-Version` header (sent by `ApiVersionMiddleware` on every response) on every response;
- the error responses each operation can give, as application/problem+json with its schema:
  400 (query parameters or a body), 401, 403 (where a login is required), 404 (a path with an
  id), 409 (state changes), 429 (the token endpoint), 503 (database unreachable);
- `servers` (the major version in the URI) and `info.contact` come from SPECTACULAR_SETTINGS.
"""

from typing import Any

PROBLEM = "application/problem+json"
VERSIE_HEADER = "API-Version"

_PROBLEEM_SCHEMA = {
    "type": "object",
    "description": "Foutmelding volgens RFC 9457 (application/problem+json).",
    "properties": {
        "type": {
            "type": "string",
            "format": "uri",
            "description": "Soort fout, als URI.",
            "example": "https://doorbraak.nl/problemen/404",
        },
        "title": {"type": "string", "description": "Korte Nederlandse titel van de soort fout."},
        "status": {"type": "integer", "description": "De HTTP-statuscode.", "example": 404},
        "detail": {"type": "string", "description": "Uitleg in het Nederlands."},
        "instance": {"type": "string", "description": "Kenmerk van dit voorval."},
    },
    "required": ["type", "title", "status", "detail"],
}

_ONGELDIGE_PARAMETERS = {
    "type": "object",
    "description": "Uitbreiding (RFC 9457, 3.2) bij ongeldige invoer: welke velden, en waarom.",
    "properties": {
        "invalid_params": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {
                        "type": "string",
                        "description": "Het veld, bijv. gezinsleden[0].bsn of de queryparameter.",
                    },
                    "reason": {"type": "string", "description": "Waarom het ongeldig is."},
                },
                "required": ["name", "reason"],
            },
        }
    },
}

_OMSCHRIJVING = {
    400: "Ongeldige invoer; invalid_params noemt de velden.",
    401: "Niet ingelogd, of het token is ongeldig of verlopen.",
    403: "Uw rol of mandaat geeft hiervoor geen toegang.",
    404: "Niet gevonden (of van een andere gemeente).",
    409: "Conflict met de huidige toestand (bijv. plafond, statusovergang).",
    429: "Te veel pogingen; probeer het later opnieuw.",
    503: "De database is tijdelijk niet bereikbaar; probeer het later opnieuw (Retry-After).",
}

_METHODEN = ("get", "put", "post", "patch", "delete")


def _ref(soort: str, naam: str) -> dict[str, str]:
    return {"$ref": f"#/components/{soort}/{naam}"}


def _foutcodes(pad: str, methode: str, operatie: dict[str, Any]) -> list[int]:
    parameters = operatie.get("parameters", [])
    beveiliging = operatie.get("security")
    anoniem = not beveiliging or {} in beveiliging  # no authentication needed (the token login)
    codes = [401]
    if (
        any(p.get("in") == "query" for p in parameters)
        or "requestBody" in operatie
        or methode in ("post", "put", "patch")
    ):
        codes.append(400)
    if not anoniem:
        codes.append(403)
    if "{" in pad:
        codes.append(404)
    if methode != "get" and not anoniem:
        codes.append(409)
    if anoniem:
        codes.append(429)
    codes.append(503)
    return sorted(codes)


def _probleemantwoord(code: int) -> dict[str, Any]:
    schema = _ref("schemas", "OngeldigeInvoer" if code == 400 else "Probleem")
    antwoord: dict[str, Any] = {
        "description": _OMSCHRIJVING[code],
        "headers": {VERSIE_HEADER: _ref("headers", VERSIE_HEADER)},
        "content": {PROBLEM: {"schema": schema}},
    }
    if code in (429, 503):
        antwoord["headers"]["Retry-After"] = _ref("headers", "Retry-After")
    return antwoord


def beschrijf_fouten_en_versie(result, generator, request, public):
    """drf-spectacular postprocessing hook (see the module docstring)."""
    componenten = result.setdefault("components", {})
    schemas = componenten.setdefault("schemas", {})
    schemas["Probleem"] = _PROBLEEM_SCHEMA
    schemas["OngeldigeInvoer"] = {
        "description": "Probleem bij ongeldige invoer, met de ongeldige velden.",
        "allOf": [_ref("schemas", "Probleem"), _ONGELDIGE_PARAMETERS],
    }
    componenten.setdefault("headers", {}).update(
        {
            VERSIE_HEADER: {
                "description": "De volledige versie van de API (major.minor.patch).",
                "schema": {"type": "string", "example": "1.0.0"},
            },
            "Retry-After": {
                "description": "Na hoeveel seconden een nieuwe poging zin heeft.",
                "schema": {"type": "string", "example": "60"},
            },
        }
    )
    for pad, item in result.get("paths", {}).items():
        for methode in _METHODEN:
            operatie = item.get(methode)
            if operatie is None:
                continue
            antwoorden = operatie.setdefault("responses", {})
            for code in _foutcodes(pad, methode, operatie):
                antwoorden.setdefault(str(code), _probleemantwoord(code))
            for antwoord in antwoorden.values():
                antwoord.setdefault("headers", {})[VERSIE_HEADER] = _ref("headers", VERSIE_HEADER)
    return result
