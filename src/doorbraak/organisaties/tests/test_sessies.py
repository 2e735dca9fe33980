"""The session and the signed-in medewerker in fixed SQL (organisaties.sessies): what is loaded,
and what is refused, is what Django's own database session store and ModelBackend give."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorbraak.organisaties.models import Medewerker
from doorbraak.organisaties.sessies import SessieBackend, SessionStore, medewerker_met_gemeente

pytestmark = pytest.mark.django_db

PAGINA = "/casussen"  # a page only a signed-in medewerker reaches


def _ingelogd(medewerker) -> Client:
    client = Client()
    client.force_login(medewerker)
    assert client.get(PAGINA).status_code == 200
    return client


def _sleutel(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _naar_inloggen(antwoord) -> bool:
    return antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))


def _geladen(klasse, sleutel: str) -> tuple[dict, str | None]:
    opslag = klasse(sleutel)
    return opslag.load(), opslag.session_key


def test_sessie_engine_is_de_vaste_sql_opslag():
    assert settings.SESSION_ENGINE == "doorbraak.organisaties.sessies"
    assert issubclass(SessionStore, DjangoSessionStore)


def test_sessie_laden_zoals_django(regisseur):
    """A valid session loads the same data as Django's own store, in one query."""
    sleutel = _sleutel(_ingelogd(regisseur))
    with CaptureQueriesContext(connection) as ctx:
        eigen = _geladen(SessionStore, sleutel)
    assert len(ctx.captured_queries) == 1
    assert eigen == _geladen(DjangoSessionStore, sleutel)
    assert eigen[0][SESSION_KEY] == str(regisseur.pk) and eigen[1] == sleutel
    rij = SessionStore(sleutel)._get_session_from_db()
    orm = Session.objects.get(pk=sleutel)
    assert (rij.session_key, rij.session_data, rij.expire_date) == (
        orm.session_key,
        orm.session_data,
        orm.expire_date,
    )
    assert not rij._state.adding and rij._state.db == "default"


def test_verlopen_sessie_niet_geladen(regisseur):
    client = _ingelogd(regisseur)
    sleutel = _sleutel(client)
    Session.objects.filter(pk=sleutel).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert _geladen(SessionStore, sleutel) == ({}, None)
    assert _geladen(SessionStore, sleutel) == _geladen(DjangoSessionStore, sleutel)
    assert _naar_inloggen(client.get(PAGINA))


@pytest.mark.parametrize(
    "sleutel", ["onbekend0123456789abcdefghijklmn", "kort", "x" * 41, "é" * 32]
)
def test_onbekende_of_vervalste_sleutel_niet_geladen(regisseur, sleutel):
    _ingelogd(regisseur)
    assert _geladen(SessionStore, sleutel) == _geladen(DjangoSessionStore, sleutel)
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = sleutel
    assert _naar_inloggen(client.get(PAGINA))


def test_beschadigde_sessie_is_leeg_zoals_bij_django(regisseur):
    """Data that fails its signature decodes to an empty session (Django logs it): signed out."""
    client = _ingelogd(regisseur)
    sleutel = _sleutel(client)
    Session.objects.filter(pk=sleutel).update(session_data="bewerkt:" + "a" * 40)
    assert _geladen(SessionStore, sleutel) == _geladen(DjangoSessionStore, sleutel)
    assert _geladen(SessionStore, sleutel)[0] == {}
    assert _naar_inloggen(client.get(PAGINA))


def test_opslaan_en_vernieuwen_zoals_django(regisseur):
    """Saving, cycling the key and flushing are Django's: a new key carries the data over, the
    old row is gone, and a flushed session is gone from the database."""
    opslag = SessionStore()
    opslag["iets"] = "waarde"
    opslag.save()
    oud = opslag.session_key
    assert SessionStore(oud).load() == {"iets": "waarde"}
    opslag.cycle_key()
    assert opslag.session_key != oud
    assert SessionStore(opslag.session_key).load() == {"iets": "waarde"}
    assert not Session.objects.filter(pk=oud).exists()
    nieuw = opslag.session_key
    opslag.flush()
    assert not Session.objects.filter(pk=nieuw).exists()


def test_sessie_van_gedeactiveerde_medewerker_geweigerd(regisseur):
    client = _ingelogd(regisseur)
    Medewerker.objects.filter(pk=regisseur.pk).update(is_active=False)
    assert _naar_inloggen(client.get(PAGINA))
    assert SessieBackend().get_user(regisseur.pk) is None


def test_wachtwoordwijziging_beeindigt_andere_sessies(regisseur):
    """The session's auth hash is still checked on the medewerker read here: a new password
    ends a session started before it, and that session is flushed from the database."""
    client = _ingelogd(regisseur)
    sleutel = _sleutel(client)
    assert SessionStore(sleutel).load()[HASH_SESSION_KEY]
    regisseur.set_password("een-heel-nieuw-wachtwoord-2026")
    regisseur.save()
    assert _naar_inloggen(client.get(PAGINA))
    assert not Session.objects.filter(pk=sleutel).exists()


def _velden(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_medewerker_zoals_de_orm(regisseur):
    """The fixed SQL builds the medewerker and its gemeente as the ORM's select_related does
    (every column converted: JSON roles, UUIDs, dates), in one query, also without gemeente."""
    beheer = Medewerker.objects.create_superuser("platform", "p@example.org", "geheim-123-abc")
    for gebruiker in (regisseur, beheer):
        orm = Medewerker.objects.select_related("gemeente").get(pk=gebruiker.pk)
        with CaptureQueriesContext(connection) as ctx:
            gelezen = medewerker_met_gemeente(gebruiker.pk)
            gemeente = gelezen.gemeente
        assert len(ctx.captured_queries) == 1
        assert type(gelezen) is Medewerker
        assert _velden(gelezen) == _velden(orm)
        assert gelezen.rollen == orm.rollen and gelezen.get_session_auth_hash() == (
            orm.get_session_auth_hash()
        )
        if orm.gemeente_id:
            assert _velden(gemeente) == _velden(orm.gemeente)
            assert gemeente.logo == orm.gemeente.logo
        else:
            assert gemeente is None
        assert not gelezen._state.adding and gelezen._state.db == "default"


@pytest.mark.parametrize("sleutel", [0, -1, "abc", None, 2**70, "12x"])
def test_onbekende_medewerker_is_niemand(regisseur, sleutel):
    assert medewerker_met_gemeente(sleutel) is None


def test_medewerker_sleutel_als_tekst(regisseur):
    """The session stores the key as text; the ORM accepts it, and so does the fixed SQL."""
    assert medewerker_met_gemeente(str(regisseur.pk)).pk == regisseur.pk
