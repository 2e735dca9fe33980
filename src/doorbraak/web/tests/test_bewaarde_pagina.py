"""The worklist kept as a whole page (web.bewaarde_pagina): a kept page is byte for byte what
Django renders for that viewer and request, but for the CSRF token and CSP nonce, which are
this response's own; its reads and log entries still run on every request."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from doorbraak.audit.models import Verwerking
from doorbraak.casussen.tests.factories import CasusFactory
from doorbraak.organisaties.models import Rol
from doorbraak.web import bewaarde_pagina

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")([^"]+)')
NONCE = re.compile(r'nonce="([^"]*)"')


def zonder_token_en_nonce(html: str) -> str:
    return NONCE.sub('nonce="…"', TOKEN.sub(r"\1…", html))


def djangos_eigen(client: Client, pad: str, monkeypatch, **extra) -> str:
    """The page as Django renders it, not kept and not taken from what was kept."""
    with monkeypatch.context() as m:
        m.setattr(bewaarde_pagina, "_sleutel", lambda *a: None)
        antwoord = client.get(pad, **extra)
    assert antwoord.status_code == 200 and antwoord.templates
    return antwoord.content.decode()


def bewaard(client: Client, pad: str, **extra) -> str:
    """The page from what was kept: the second of two reads renders no template."""
    client.get(pad, **extra)
    antwoord = client.get(pad, **extra)
    assert antwoord.status_code == 200 and not antwoord.templates
    return antwoord.content.decode()


def vers(client: Client, pad: str, monkeypatch, **extra) -> str:
    """One read of the page, kept or not, is what Django renders for it now."""
    eigen = djangos_eigen(client, pad, monkeypatch, **extra)
    gelezen = client.get(pad, **extra).content.decode()
    assert zonder_token_en_nonce(gelezen) == zonder_token_en_nonce(eigen)
    return gelezen


def test_bewaarde_werklijst_is_wat_django_rendert_na_elke_wijziging_van_kijker_of_verzoek(
    gemeente, regisseur, maak_medewerker, monkeypatch
):
    """Each time the page was kept just before the change, so a key that missed the change
    would give the old page. The rows are another regisseur's: the viewer's own name and
    gemeente stand only in the layout."""
    kees = maak_medewerker(gemeente, Rol.REGISSEUR, first_name="Kees", last_name="Rij")
    CasusFactory.create_batch(3, huishouden__gemeente=gemeente, regisseur=kees)
    client = Client()
    client.force_login(regisseur)
    pad = "/casussen?toon=alle"

    def na(wijziging, **extra) -> str:
        assert zonder_token_en_nonce(bewaard(client, pad)) == zonder_token_en_nonce(
            djangos_eigen(client, pad, monkeypatch)
        )
        wijziging()
        return vers(client, pad, monkeypatch, **extra)

    def naam():
        regisseur.first_name = "Nieuwe"
        regisseur.save()

    assert f"<span>Nieuwe {regisseur.last_name} — " in na(naam)

    def rol():
        regisseur.rollen = [Rol.REGISSEUR, Rol.MANAGER]
        regisseur.save()

    assert "/rapportages" in na(rol)

    def gemeentenaam():
        gemeente.naam = "Hernoemd"
        gemeente.save()

    assert " — Hernoemd</span>" in na(gemeentenaam)

    def huisstijl():
        gemeente.huisstijl = {"--utrecht-link-color": "#00689e"}
        gemeente.save()

    assert "--utrecht-link-color: #00689e" in na(huisstijl)
    engels = na(lambda: None, HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en"' in engels
    met_pagina = vers(client, pad + "&pagina=1", monkeypatch)
    assert 'value="/casussen?toon=alle&amp;pagina=1"' in met_pagina


def test_een_bewaarde_pagina_is_van_een_kijker(gemeente, maak_medewerker):
    """Two regisseurs with the same name, roles and rows see the same page, but one's kept
    page is never served to the other."""
    eerste, tweede = Client(), Client()
    eerste.force_login(maak_medewerker(gemeente, Rol.REGISSEUR, first_name="Sam", last_name="J"))
    tweede.force_login(maak_medewerker(gemeente, Rol.REGISSEUR, first_name="Sam", last_name="J"))
    bewaard(eerste, "/casussen?toon=alle")
    assert tweede.get("/casussen?toon=alle").templates


def test_bewaarde_pagina_krijgt_eigen_token_en_nonce_per_antwoord(gemeente, regisseur, monkeypatch):
    gemeente.huisstijl = {"--utrecht-link-color": "#00689e"}
    gemeente.save()
    client = Client(enforce_csrf_checks=True)
    client.force_login(regisseur)
    client.get("/casussen")
    antwoorden = [client.get("/casussen") for _ in range(2)]
    tokens, nonces = [], []
    for antwoord in antwoorden:
        assert not antwoord.templates  # kept
        html = antwoord.content.decode()
        assert html.count("nonce=") == 1
        (nonce,) = NONCE.findall(html)
        assert f"'nonce-{nonce}'" in antwoord["Content-Security-Policy"]
        nonces.append(nonce)
        gevonden = {t for _, t in TOKEN.findall(html)}
        assert len(gevonden) == 1
        tokens.append(gevonden.pop())
    assert nonces[0] != nonces[1] and tokens[0] != tokens[1]
    geheim = client.cookies["csrftoken"].value
    assert {_unmask_cipher_token(t) for t in tokens} == {geheim}
    # a form on the kept page posts with its token
    zoeken = client.post("/casussen/zoeken-op-bsn", {"bsn": "", "csrfmiddlewaretoken": tokens[1]})
    assert zoeken.status_code == 400  # the form's own error (no BSN), not the CSRF refusal 403


def test_een_wachtende_melding_wordt_getoond_en_niet_bewaard(regisseur, monkeypatch):
    client = Client()
    client.force_login(regisseur)
    gewoon = bewaard(client, "/casussen")
    client.cookies["messages"] = CookieStorage(HttpRequest())._encode(
        [Message(constants.SUCCESS, "Casus opgeslagen.")]
    )
    met_melding = client.get("/casussen")
    assert met_melding.templates  # rendered, not kept
    assert "Casus opgeslagen." in met_melding.content.decode()
    daarna = client.get("/casussen")
    assert "Casus opgeslagen." not in daarna.content.decode()
    assert zonder_token_en_nonce(daarna.content.decode()) == zonder_token_en_nonce(gewoon)


def test_zoeken_op_naam_wordt_niet_bewaard(regisseur):
    client = Client()
    client.force_login(regisseur)
    for _ in range(2):
        assert client.get("/casussen?zoek=Jansen").templates


def test_bewaarde_pagina_leest_en_logt_elke_keer(gemeente, regisseur):
    """Kept or not, every read of the list reads the rows now and logs each case shown."""
    CasusFactory.create_batch(3, huishouden__gemeente=gemeente, regisseur=regisseur)
    client = Client()
    client.force_login(regisseur)
    eerder = Verwerking.objects.filter(omschrijving="in casuslijst").count()
    client.get("/casussen")
    assert not client.get("/casussen").templates
    assert Verwerking.objects.filter(omschrijving="in casuslijst").count() == eerder + 6
    nieuw = CasusFactory(
        huishouden__gemeente=gemeente, huishouden__naam="Fam. Nieuw", regisseur=regisseur
    )
    na = client.get("/casussen")
    assert na.templates and "Fam. Nieuw" in na.content.decode()  # another content: rendered
    assert Verwerking.objects.filter(casus_id=nieuw.pk, omschrijving="in casuslijst").count() == 1


def test_een_volle_voorraad_wordt_geleegd(regisseur, monkeypatch):
    monkeypatch.setattr(bewaarde_pagina._bewaard, "grootte", 2)
    client = Client()
    client.force_login(regisseur)
    for pad in ("/casussen", "/casussen?toon=alle", "/casussen?status=plan"):
        client.get(pad)
    assert len(bewaarde_pagina._bewaard) == 1
    assert client.get("/casussen?status=plan").templates == []
    assert client.get("/casussen").templates  # emptied, so rendered again
