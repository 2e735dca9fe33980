"""Login and transport: lockout per account across addresses and per address across accounts,
a spoofed X-Forwarded-For buys nothing, tokens end with a password change or deactivation,
CSP without inline script, no-store on personal data, API docs behind login in production."""

import pytest
from django.test import Client, RequestFactory
from knox.models import AuthToken
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

WACHTWOORD = "geheim-wachtwoord-123"


def _token_poging(api: APIClient, gebruiker: str, wachtwoord: str, **extra):
    return api.post(
        "/api/v1/auth/tokens",
        {"username": gebruiker, "password": wachtwoord},
        format="json",
        **extra,
    )


def test_account_blokkeert_ook_vanaf_wisselende_adressen(regisseur, settings):
    api = APIClient()
    for i in range(settings.AXES_FAILURE_LIMIT):
        _token_poging(api, "regisseur", "fout", REMOTE_ADDR=f"10.0.0.{i + 1}")
    antwoord = _token_poging(api, "regisseur", WACHTWOORD, REMOTE_ADDR="10.0.9.9")
    assert antwoord.status_code == 429


def test_adres_blokkeert_na_een_wachtwoord_op_veel_accounts(gemeente, maak_medewerker, settings):
    settings.AXES_FAILURE_LIMIT_PER_ADRES = 4
    for i in range(5):
        maak_medewerker(gemeente, username=f"collega{i}")
    api = APIClient()
    for i in range(4):  # one guess per account, from one address, with a rotating spoofed XFF
        antwoord = _token_poging(
            api, f"collega{i}", "Zomer2026!", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}"
        )
        assert antwoord.status_code == (401 if i < 3 else 429)
    # The fifth account (never guessed) is refused from this address, even with its password.
    antwoord = _token_poging(api, "collega4", WACHTWOORD, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert antwoord.status_code == 429
    # Another address is not affected.
    assert _token_poging(api, "collega4", WACHTWOORD, REMOTE_ADDR="10.1.1.1").status_code == 201


def test_throttle_vertrouwt_geen_aangeleverd_x_forwarded_for():
    verzoek = RequestFactory().post(
        "/api/v1/auth/tokens", HTTP_X_FORWARDED_FOR="1.2.3.4", REMOTE_ADDR="10.0.0.5"
    )
    assert ScopedRateThrottle().get_ident(verzoek) == "10.0.0.5"


def test_tokens_vervallen_bij_nieuw_wachtwoord(regisseur, gemeente, maak_medewerker):
    ander = maak_medewerker(gemeente, username="ander")
    _, token = AuthToken.objects.create(user=regisseur)
    _, ander_token = AuthToken.objects.create(user=ander)
    api = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/medewerkers/mij").status_code == 200
    regisseur.set_password("een-heel-nieuw-wachtwoord-2026")
    regisseur.save()
    assert api.get("/api/v1/medewerkers/mij").status_code == 401
    assert not AuthToken.objects.filter(user=regisseur).exists()
    andere = APIClient(HTTP_AUTHORIZATION=f"Token {ander_token}")
    assert andere.get("/api/v1/medewerkers/mij").status_code == 200


def test_tokens_vervallen_bij_deactiveren(regisseur):
    _, token = AuthToken.objects.create(user=regisseur)
    regisseur.first_name = "Nieuw"
    regisseur.save()
    assert AuthToken.objects.filter(user=regisseur).count() == 1  # other edits keep the token
    regisseur.is_active = False
    regisseur.save()
    assert not AuthToken.objects.filter(user=regisseur).exists()
    api = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/medewerkers/mij").status_code == 401


def test_csp_zonder_inline_script_en_no_store_op_paginas(regisseur):
    browser = Client()
    browser.force_login(regisseur)
    pagina = browser.get("/casussen")
    assert pagina.status_code == 200
    csp = pagina["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "no-store" in pagina["Cache-Control"]
    html = pagina.content.decode()
    import re

    inline = [s for s in re.findall(r"<script[^>]*>", html) if "src=" not in s]
    assert inline == []


def test_no_store_op_de_api(api):
    antwoord = api.get("/api/v1/casussen")
    assert antwoord.status_code == 200
    assert "no-store" in antwoord["Cache-Control"] and "private" in antwoord["Cache-Control"]


def test_productie_instellingen_hsts_en_beveiligde_cookies():
    """The settings module without demo mode: HSTS and secure cookies (run in a subprocess,
    since settings are read once)."""
    import os
    import subprocess
    import sys

    omgeving = {
        k: v for k, v in os.environ.items() if k not in ("DOORBRAAK_DEMO", "DOORBRAAK_DEBUG")
    }
    omgeving |= {
        "DJANGO_SETTINGS_MODULE": "doorbraak.config.settings",
        "DOORBRAAK_SECRET_KEY": "x" * 50,
        "DOORBRAAK_BSN_SLEUTELS": "a" * 43 + "=",
        "DOORBRAAK_BSN_HASH_SLEUTEL": "b" * 32,
        "DOORBRAAK_AUDIT_SLEUTEL": "c" * 32,
    }
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SPECTACULAR_SETTINGS['SERVE_PERMISSIONS'][0], s.REST_FRAMEWORK['NUM_PROXIES'])"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code], env=omgeving, capture_output=True, text=True, check=True
    ).stdout.split()
    assert uit == [
        "31536000",
        "True",
        "True",
        "rest_framework.permissions.IsAuthenticated",
        "0",
    ]


@pytest.mark.parametrize("pad", ["/api/v1/docs", "/api/v1/redoc"])
def test_api_documentatie_zonder_cdn(client, pad):
    html = client.get(pad).content.decode()
    assert "cdn.jsdelivr" not in html and "unpkg" not in html
