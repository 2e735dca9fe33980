"""The dossier read with a token in one statement (`selectors.casus_dossier_met_token`, PostgreSQL)
answers exactly what DRF's full way answers (`CasusView.get`: knox's token, the table's gate,
`casus_dossier_json`): the same status, body, headers and log entries, for every kind of
medewerker and token, every kind of case and copy, in gemeenten that scope per team and that do
not. Each request is sent twice, as it is and then the full way (the one statement switched off);
on PostgreSQL the statement must have answered every 200 of a stored copy, and nothing else (a
copy still to be built is built the full way)."""

import datetime
import itertools
import uuid

import pytest
from django.db import connection
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from doorbraak.audit import keten
from doorbraak.audit.models import Verwerking
from doorbraak.casussen import selectors
from doorbraak.casussen.api import CasusView
from doorbraak.casussen.models import DossierLeesmodel
from doorbraak.casussen.tests.factories import CasusFactory, medewerkers_van_elke_soort
from doorbraak.organisaties.models import Rol, Team

pytestmark = pytest.mark.django_db

# Every field the log's chain seals, but those that differ per entry by their nature (its
# number and moment; the request id is checked against the response's own).
VELDEN = tuple(v for v in keten.VELDEN if v not in ("volgnummer", "tijdstip", "request_id"))
# What differs per response by its nature: its own request id, and the second it was sent.
PER_ANTWOORD = {"X-Request-ID", "Expires"}


def _sleutels(gemeente, andere_gemeente, maak_medewerker) -> dict[str, str]:
    """An Authorization header per kind of reader: every kind the scope tells apart, roles
    without inzage, an inactive one, and tokens knox refuses or does not read."""
    team = Team.objects.get(gemeente=gemeente, naam="A")
    mensen = medewerkers_van_elke_soort(maak_medewerker, gemeente, andere_gemeente, team)
    mensen += [
        maak_medewerker(gemeente, Rol.FINANCIEN, username="financien"),
        maak_medewerker(gemeente, Rol.BEHEER, username="beheer"),
        maak_medewerker(gemeente, Rol.FINANCIEN, Rol.COLLEGA, username="geld-en-collega"),
        maak_medewerker(gemeente, Rol.REGISSEUR, username="uit-dienst", is_active=False),
    ]
    koppen = {m.username: f"Token {AuthToken.objects.create(user=m)[1]}" for m in mensen}
    regisseur = mensen[3]
    geldig = AuthToken.objects.create(user=regisseur)[1]
    verlopen = AuthToken.objects.create(user=regisseur, expiry=datetime.timedelta(seconds=-1))[1]
    nog_geldig = AuthToken.objects.create(user=regisseur, expiry=datetime.timedelta(hours=1))[1]
    anders = "0" if geldig[-1] != "0" else "1"
    koppen |= {
        "kleine letters": f"token {geldig}",
        "nog geldig": f"Token {nog_geldig}",
        "verlopen": f"Token {verlopen}",
        "andere digest": f"Token {geldig[:-1]}{anders}",
        "onbekend": f"Token {'ab' * 32}",
        "geen hex": f"Token {'zz' * 32}",
        "te kort": f"Token {geldig[:8]}",
        "zonder token": "Token",
        "twee waarden": f"Token {geldig} {geldig}",
        "bearer": f"Bearer {geldig}",
        "niet-ascii": f"Token {geldig[:-1]}é",
    }
    return koppen


def _casussen(gemeente, andere_gemeente) -> list:
    """Every scope case, each with its copy stored, emptied by a change, or without a row."""
    team, ander_team = Team.objects.filter(gemeente=gemeente).order_by("naam")
    regisseurs = [None, *gemeente.medewerkers.filter(username__startswith="regisseur-")]
    casussen = [
        CasusFactory(huishouden__gemeente=gemeente, team=t, regisseur=r)
        for t, r in itertools.product((None, team, ander_team), regisseurs)
    ]
    casussen.append(CasusFactory(huishouden__gemeente=andere_gemeente))
    lezer = gemeente.medewerkers.get(username="manager-zonder-team")
    for i, casus in enumerate(casussen[:-1]):
        selectors.casus_dossier_json(medewerker=lezer, casus_id=casus.pk)  # stores the copy
        if i % 3 == 1:
            DossierLeesmodel.objects.filter(casus=casus).update(inhoud="", versie=i)
        elif i % 3 == 2:
            DossierLeesmodel.objects.filter(casus=casus).delete()
    return casussen


def _antwoord(kop: str, casus_id) -> tuple:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=kop)
    laatste = Verwerking.objects.order_by("-volgnummer").values_list("volgnummer", flat=True)
    voor = laatste.first() or 0
    antwoord = client.get(f"/api/v1/casussen/{casus_id}", HTTP_ACCEPT="application/json")
    nieuw = Verwerking.objects.filter(volgnummer__gt=voor).order_by("volgnummer")
    assert all(r == antwoord["X-Request-ID"] for r in nieuw.values_list("request_id", flat=True))
    koppen = {k: v for k, v in antwoord.items() if k not in PER_ANTWOORD}
    return antwoord.status_code, antwoord.content, koppen, list(nieuw.values_list(*VELDEN))


@pytest.mark.parametrize("per_team", [True, False])
def test_een_statement_antwoordt_wat_drf_antwoordt(
    per_team, gemeente, andere_gemeente, maak_medewerker, monkeypatch
):
    gemeente.casussen_per_team = per_team
    gemeente.save()
    for naam in ("A", "B"):
        Team.objects.create(gemeente=gemeente, naam=naam)
    koppen = _sleutels(gemeente, andere_gemeente, maak_medewerker)
    casussen = [c.pk for c in _casussen(gemeente, andere_gemeente)] + [uuid.uuid4()]

    beantwoord = []
    echt = selectors.casus_dossier_met_token

    def bijgehouden(**kwargs):
        gevonden = echt(**kwargs)
        beantwoord.append(gevonden is not None)
        return gevonden

    monkeypatch.setattr(selectors, "casus_dossier_met_token", bijgehouden)
    uitkomsten = set()
    for (naam, kop), casus_id in itertools.product(koppen.items(), casussen):
        bewaard = DossierLeesmodel.objects.filter(casus_id=casus_id).exclude(inhoud="").exists()
        beantwoord.clear()
        snel = _antwoord(kop, casus_id)
        with monkeypatch.context() as m:
            m.setattr(CasusView, "_met_token", staticmethod(lambda request, casus_id: None))
            volledig = _antwoord(kop, casus_id)
        assert snel == volledig, (naam, casus_id)
        status = snel[0]
        uitkomsten.add(status)
        if status == 200:  # one read of the dossier logged (a refusal logs what DRF logs)
            omschrijving = VELDEN.index("omschrijving")
            assert [v[omschrijving] for v in snel[3]] == ["dossier"], (naam, casus_id)
        if connection.vendor == "postgresql":
            assert any(beantwoord) == (status == 200 and bewaard), (naam, casus_id, status)
        else:
            assert not any(beantwoord)
    assert uitkomsten == {200, 401, 403, 404}


def test_een_verlopen_token_gaat_de_volle_weg_en_wordt_opgeruimd(regisseur, maak_casus):
    """knox deletes an expired token on its use: the one statement does not find it, so the
    full way does that, as before."""
    casus = maak_casus(regisseur)
    instantie, token = AuthToken.objects.create(user=regisseur, expiry=datetime.timedelta(hours=1))
    AuthToken.objects.filter(pk=instantie.pk).update(
        expiry=timezone.now() - datetime.timedelta(seconds=1)
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(f"/api/v1/casussen/{casus.pk}").status_code == 401
    assert not AuthToken.objects.filter(pk=instantie.pk).exists()


def test_andere_methoden_en_vragen_gaan_de_volle_weg(regisseur, maak_casus, monkeypatch):
    """Only a plain GET for JSON: a query string (`?format=`), another Accept, HEAD and OPTIONS
    go DRF's way (the one statement is not even tried)."""
    casus = maak_casus(regisseur)
    _, token = AuthToken.objects.create(user=regisseur)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    pad = f"/api/v1/casussen/{casus.pk}"
    assert client.get(pad).status_code == 200  # the copy is stored
    geprobeerd = []
    echt = selectors.casus_dossier_met_token
    monkeypatch.setattr(
        selectors,
        "casus_dossier_met_token",
        lambda **kwargs: geprobeerd.append(kwargs) or echt(**kwargs),
    )
    for antwoord in (
        client.get(pad + "?format=json"),
        client.get(pad, HTTP_ACCEPT="application/json; indent=2"),
        client.get(pad, HTTP_ACCEPT="text/html"),
        client.head(pad),
        client.options(pad),
    ):
        assert antwoord.status_code in (200, 406), antwoord
    assert geprobeerd == []
    for accept in ("application/json", "*/*"):
        assert client.get(pad, HTTP_ACCEPT=accept).status_code == 200
    assert len(geprobeerd) == 2
