"""API tokens in one query (organisaties.tokens): the token with its medewerker and gemeente,
no second look-up; expired, wrong and inactive tokens refused as before."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

WACHTWOORD = "geheim-wachtwoord-123"


def _client(token: str) -> APIClient:
    return APIClient(HTTP_AUTHORIZATION=f"Token {token}")


def test_een_query_voor_token_medewerker_en_gemeente(regisseur):
    _, token = AuthToken.objects.create(user=regisseur)
    with CaptureQueriesContext(connection) as ctx:
        antwoord = _client(token).get("/api/v1/medewerkers/mij")
    assert antwoord.status_code == 200
    token_queries = [q["sql"] for q in ctx.captured_queries if "knox_authtoken" in q["sql"]]
    assert len(token_queries) == 1
    assert "organisaties_medewerker" in token_queries[0]
    assert "organisaties_gemeente" in token_queries[0]
    # The gemeente came with it: reading it costs nothing more.
    assert antwoord.json()["gemeente"] == regisseur.gemeente.code


def test_verlopen_token_geweigerd_en_verwijderd(regisseur):
    instance, token = AuthToken.objects.create(user=regisseur)
    AuthToken.objects.filter(pk=instance.pk).update(
        expiry=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert _client(token).get("/api/v1/medewerkers/mij").status_code == 401
    assert not AuthToken.objects.filter(pk=instance.pk).exists()


@pytest.mark.parametrize("fout", ["verkeerd", "afgekapt", "inactief"])
def test_onjuist_token_geweigerd(regisseur, fout):
    _, token = AuthToken.objects.create(user=regisseur)
    if fout == "verkeerd":
        token = token[:-4] + ("0000" if not token.endswith("0000") else "1111")
    elif fout == "afgekapt":
        token = token[:10]
    else:
        type(regisseur).objects.filter(pk=regisseur.pk).update(is_active=False)
    assert _client(token).get("/api/v1/medewerkers/mij").status_code == 401


def test_nieuw_token_ruimt_verlopen_tokens_op(regisseur):
    regisseur.set_password(WACHTWOORD)
    regisseur.save()
    oud, _ = AuthToken.objects.create(user=regisseur)
    geldig, _ = AuthToken.objects.create(user=regisseur)
    AuthToken.objects.filter(pk=oud.pk).update(expiry=timezone.now() - datetime.timedelta(hours=1))
    antwoord = APIClient().post(
        "/api/v1/auth/tokens",
        {"username": regisseur.username, "password": WACHTWOORD},
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.content
    over = set(AuthToken.objects.filter(user=regisseur).values_list("pk", flat=True))
    assert oud.pk not in over and geldig.pk in over and len(over) == 2


def _velden(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_vaste_sql_geeft_wat_de_orm_geeft(regisseur, maak_medewerker):
    """The hand-written token query builds the same token, medewerker and gemeente as the ORM
    (every column, converted: JSON roles, UUIDs, dates), also for a medewerker without gemeente."""
    from doorbraak.organisaties.models import Medewerker
    from doorbraak.organisaties.tokens import _kandidaten

    beheer = Medewerker.objects.create_superuser("platform", "p@example.org", WACHTWOORD)
    for gebruiker in (regisseur, beheer):
        instance, _ = AuthToken.objects.create(user=gebruiker)
        (gelezen,) = _kandidaten(instance.token_key)
        orm = AuthToken.objects.select_related("user", "user__gemeente").get(pk=instance.pk)
        assert _velden(gelezen) == _velden(orm)
        assert _velden(gelezen.user) == _velden(orm.user)
        assert gelezen.user.rollen == orm.user.rollen
        if orm.user.gemeente_id:
            assert _velden(gelezen.user.gemeente) == _velden(orm.user.gemeente)
        else:
            assert gelezen.user.gemeente is None
        assert not gelezen._state.adding and gelezen.user._state.db == "default"


@pytest.mark.parametrize(
    "kop",
    [
        None,
        "",
        "Basic abc",
        "Token",
        "token",
        "Token a b",
        "Token onbekend",
        "TOKEN {token}",
        "Token {token}",
        "Token {token} ",
    ],
)
def test_kop_uit_meta_zoals_knox_hem_leest(regisseur, kop):
    """The Authorization header read from META gives what knox's own `authenticate` (reading
    request.headers) gives: nothing, the same refusal, or the same medewerker and token."""
    from knox.auth import TokenAuthentication
    from rest_framework.exceptions import AuthenticationFailed
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from doorbraak.organisaties.tokens import TokenAuthenticatie

    _, token = AuthToken.objects.create(user=regisseur)
    extra = {} if kop is None else {"HTTP_AUTHORIZATION": kop.format(token=token)}
    uit = []
    for klasse in (TokenAuthenticatie, TokenAuthentication):
        verzoek = Request(APIRequestFactory().get("/api/v1/medewerkers/mij", **extra))
        try:
            resultaat = klasse().authenticate(verzoek)
        except AuthenticationFailed as fout:
            uit.append(("geweigerd", str(fout.detail)))
        else:
            uit.append(resultaat and (resultaat[0].pk, resultaat[1].pk))
        assert "headers" not in verzoek._request.__dict__ or klasse is TokenAuthentication
    assert uit[0] == uit[1]
