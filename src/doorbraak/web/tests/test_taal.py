"""The interface is Dutch by default and can be switched to English via the language choice."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(client, regisseur):
    client.force_login(regisseur)
    return client


def test_standaard_nederlands(web):
    antwoord = web.get("/casussen")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert '<html lang="nl"' in html
    assert "Mijn casussen" in html
    assert "My cases" not in html


def test_taal_wisselen_naar_engels(web):
    antwoord = web.post("/taal/setlang/", {"language": "en", "next": "/casussen"})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/casussen"

    antwoord = web.get("/casussen")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert '<html lang="en"' in html
    assert "My cases" in html
    assert "Mijn casussen" not in html


def test_terug_naar_nederlands(web):
    web.post("/taal/setlang/", {"language": "en", "next": "/casussen"})
    web.post("/taal/setlang/", {"language": "nl", "next": "/casussen"})

    html = web.get("/casussen").content.decode()
    assert '<html lang="nl"' in html
    assert "Mijn casussen" in html
