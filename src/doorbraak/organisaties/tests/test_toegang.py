"""Access: tokens, lockout, argon2, roles' need-to-know, the beheer admin scoped per gemeente."""

import pytest
from django.test import Client

from doorbraak.organisaties.models import Rol

pytestmark = pytest.mark.django_db
WACHTWOORD = "geheim-wachtwoord-123"


def test_token_aanvragen_en_gebruiken(regisseur, client):
    from rest_framework.test import APIClient

    api = APIClient()
    antwoord = api.post(
        "/api/v1/auth/tokens", {"username": "regisseur", "password": WACHTWOORD}, format="json"
    )
    assert antwoord.status_code == 201
    token = antwoord.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    mij = api.get("/api/v1/medewerkers/mij")
    assert mij.status_code == 200
    assert mij.json()["username"] == "regisseur"
    assert mij.json()["rollen"] == ["regisseur"]
    assert api.delete("/api/v1/auth/tokens/huidig").status_code == 204
    assert api.get("/api/v1/medewerkers/mij").status_code == 401


def test_onjuist_wachtwoord_is_401(regisseur):
    from rest_framework.test import APIClient

    antwoord = APIClient().post(
        "/api/v1/auth/tokens", {"username": "regisseur", "password": "fout"}, format="json"
    )
    assert antwoord.status_code == 401
    assert antwoord["Content-Type"] == "application/problem+json"


def test_herhaalde_mislukte_pogingen_blokkeren_ook_het_juiste_wachtwoord(regisseur, settings):
    from rest_framework.test import APIClient

    api = APIClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api.post(
            "/api/v1/auth/tokens", {"username": "regisseur", "password": "fout"}, format="json"
        )
    antwoord = api.post(
        "/api/v1/auth/tokens", {"username": "regisseur", "password": WACHTWOORD}, format="json"
    )
    assert antwoord.status_code == 429
    assert "geblokkeerd" in antwoord.json()["detail"]


def test_inlogpagina_toont_blokkade(regisseur, settings):
    browser = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        browser.post("/inloggen", {"username": "regisseur", "password": "fout"})
    antwoord = browser.post("/inloggen", {"username": "regisseur", "password": WACHTWOORD})
    assert "tijdelijk geblokkeerd" in antwoord.content.decode()
    assert "_auth_user_id" not in browser.session


def test_inloggen_via_pagina(regisseur):
    browser = Client()
    antwoord = browser.post("/inloggen", {"username": "regisseur", "password": WACHTWOORD})
    assert antwoord.status_code == 302
    assert browser.get("/").url == "/mijn-taken"  # a regisseur starts at Mijn taken
    assert "Mijn casussen" in browser.get("/casussen").content.decode()


def test_productie_hasht_wachtwoorden_met_argon2():
    from doorbraak.config import settings as productie

    assert productie.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_zonder_inloggen_401(client):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/casussen").status_code == 401


@pytest.mark.parametrize("rol", [Rol.BELEID, Rol.PRIVACY, Rol.BEHEER])
def test_rollen_zonder_casusinzage_krijgen_403(
    rol, gemeente, maak_medewerker, api_als, regisseur, maak_casus
):
    casus = maak_casus(regisseur)
    client = api_als(maak_medewerker(gemeente, rol))
    assert client.get("/api/v1/casussen").status_code == 403
    assert client.get(f"/api/v1/casussen/{casus.pk}").status_code == 403


def test_collega_mag_lezen_maar_niet_wijzigen(
    gemeente, maak_medewerker, api_als, regisseur, maak_casus
):
    casus = maak_casus(regisseur)
    collega = api_als(maak_medewerker(gemeente, Rol.COLLEGA))
    assert collega.get(f"/api/v1/casussen/{casus.pk}").status_code == 200
    assert (
        collega.patch(f"/api/v1/casussen/{casus.pk}", {"status": "plan"}, format="json").status_code
        == 403
    )
    assert (
        collega.post(
            f"/api/v1/casussen/{casus.pk}/tijdlijn", {"tekst": "Meegekeken"}, format="json"
        ).status_code
        == 201
    )


def test_mij_toont_mandaten(regisseur, api, gemeente):
    from doorbraak.organisaties.models import Doelgroep, Mandaat

    Mandaat.objects.create(
        medewerker=regisseur,
        rol="aanvragen",
        doelgroep=Doelgroep.objects.get(gemeente=gemeente, code="mph"),
        max_bedrag="2500.00",
    )
    assert api.get("/api/v1/medewerkers/mij").json()["mandaten"] == [
        {"doelgroep": "mph", "rol": "aanvragen", "max_bedrag": "2500.00"}
    ]


def test_doelgroepen_en_domeinen_van_eigen_gemeente(api):
    doelgroepen = api.get("/api/v1/doelgroepen").json()
    assert {d["code"] for d in doelgroepen} == {"mph", "doorbraakteam", "passende_hulp"}
    domeinen = [d["code"] for d in api.get("/api/v1/domeinen").json()]
    assert len(domeinen) == 16
    assert {"financien", "werk_opleiding", "huisvesting", "geestelijke_gezondheid"} <= set(domeinen)


def test_beheerder_ziet_alleen_eigen_gemeente_in_beheer(gemeente, andere_gemeente, maak_medewerker):
    beheerder = maak_medewerker(gemeente, Rol.BEHEER, username="beheer")
    maak_medewerker(andere_gemeente, Rol.REGISSEUR, username="vreemde")
    browser = Client()
    browser.force_login(beheerder)
    lijst = browser.get("/beheer/organisaties/medewerker/")
    assert lijst.status_code == 200
    assert "beheer" in lijst.content.decode()
    assert "vreemde" not in lijst.content.decode()


def test_regisseur_komt_niet_in_beheer(regisseur):
    browser = Client()
    browser.force_login(regisseur)
    assert browser.get("/beheer/organisaties/medewerker/").status_code == 302
