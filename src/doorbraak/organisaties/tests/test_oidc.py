"""The OIDC backend matches an existing, active medewerker by username and creates nobody; the
routes are off (404) unless the identity provider is configured. The full login runs in the
browser test against a real provider (web/tests/browser/test_oidc.py)."""

from django.test import Client

from doorbraak.organisaties.models import Medewerker
from doorbraak.organisaties.oidc import Gemeentelogin


def _backend(settings) -> Gemeentelogin:
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:1/token"
    settings.OIDC_OP_USER_ENDPOINT = "http://127.0.0.1:1/userinfo"
    settings.OIDC_RP_CLIENT_ID = "doorbraak"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    return Gemeentelogin()


def test_alleen_een_bestaande_actieve_medewerker(settings, regisseur, gemeente, maak_medewerker):
    backend = _backend(settings)
    assert list(backend.filter_users_by_claims({"preferred_username": "regisseur"})) == [regisseur]
    assert not backend.filter_users_by_claims({"preferred_username": "onbekend"}).exists()
    assert not backend.filter_users_by_claims({"email": regisseur.email}).exists()
    assert not backend.verify_claims({"email": "x@y.example"})
    oud = maak_medewerker(gemeente, username="vertrokken", is_active=False)
    assert not backend.filter_users_by_claims({"preferred_username": oud.username}).exists()


def test_niemand_aangemaakt_en_rollen_blijven(settings, regisseur):
    backend = _backend(settings)
    aantal = Medewerker.objects.count()
    assert backend.update_user(regisseur, {"preferred_username": "regisseur", "roles": ["x"]})
    regisseur.refresh_from_db()
    assert regisseur.rollen == ["regisseur"] and Medewerker.objects.count() == aantal


def test_routes_uit_zonder_inrichting(client: Client):
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    assert "gemeente-account" not in client.get("/inloggen").content.decode()
