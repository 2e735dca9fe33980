"""API token authentication in one query: the token with its medewerker and gemeente.

knox reads the token (with its user) and then every other token of that user, to delete the
expired ones, on every request. Here a request reads only its own token; an expired token is
still refused and deleted, and the other expired tokens of a medewerker go when a new one is
issued (`verlopen_tokens_opruimen`, called by the token endpoint)."""

import binascii
from functools import cache
from hmac import compare_digest

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import CONSTANTS, knox_settings
from knox.signals import token_expired
from rest_framework import exceptions

from doorbraak import vaste_sql
from doorbraak.config.middleware import met_alleen_kop


class TokenAuthenticatie(TokenAuthentication):
    def authenticate(self, request):
        """knox's, with the Authorization header read from the request's META: DRF reads it
        through `request.headers`, a mapping of every header built for this one value (issue
        19; the same trick as `api.onderhandeling`). knox's own code does the rest."""
        return super().authenticate(met_alleen_kop(request, "Authorization"))

    def authenticate_credentials(self, token: bytes):
        melding = _("Invalid token.")
        try:
            token = token.decode("utf-8")
        except UnicodeDecodeError:  # a header that is no token at all: 401, not a 500
            raise exceptions.AuthenticationFailed(melding) from None
        for auth_token in _kandidaten(token[: CONSTANTS.TOKEN_KEY_LENGTH]):
            if auth_token.expiry is not None and auth_token.expiry < timezone.now():
                gebruikersnaam = auth_token.user.get_username()
                auth_token.delete()
                token_expired.send(
                    sender=TokenAuthentication, username=gebruikersnaam, source="auth_token"
                )
                continue
            try:
                digest = hash_token(token)
            except (TypeError, binascii.Error):
                raise exceptions.AuthenticationFailed(melding) from None
            if compare_digest(digest, auth_token.digest):
                if knox_settings.AUTO_REFRESH and auth_token.expiry:
                    self.renew_token(auth_token)
                return self.validate_user(auth_token)
        raise exceptions.AuthenticationFailed(melding)


@cache
def _kandidaten_sql() -> str:
    from doorbraak.organisaties.models import Gemeente, Medewerker

    q = connection.ops.quote_name
    return (
        f"SELECT {vaste_sql.kolommen(AuthToken, 't')}, {vaste_sql.kolommen(Medewerker, 'm')}, "  # noqa: S608
        f"{vaste_sql.kolommen(Gemeente, 'g')} FROM {q(AuthToken._meta.db_table)} t "
        f"JOIN {q(Medewerker._meta.db_table)} m ON m.id = t.user_id "
        f"LEFT JOIN {q(Gemeente._meta.db_table)} g ON g.id = m.gemeente_id "
        "WHERE t.token_key = %s"
    )


def _kandidaten(token_key: str) -> list[AuthToken]:
    """The tokens with this key, each with its medewerker and gemeente: what
    `AuthToken.objects.filter(token_key=…).select_related("user", "user__gemeente")` gives, in
    SQL written once (see `doorbraak.vaste_sql`)."""
    from doorbraak.organisaties.models import Gemeente, Medewerker

    with connection.cursor() as cursor:
        cursor.execute(_kandidaten_sql(), [token_key])
        rijen = cursor.fetchall()
    t, m = vaste_sql.aantal(AuthToken), vaste_sql.aantal(Medewerker)
    tokens = []
    for rij in rijen:
        auth_token = vaste_sql.instantie(AuthToken, rij[:t])
        gebruiker = vaste_sql.instantie(Medewerker, rij[t : t + m])
        if gebruiker.gemeente_id is not None:
            gebruiker._state.fields_cache["gemeente"] = vaste_sql.instantie(Gemeente, rij[t + m :])
        else:
            gebruiker._state.fields_cache["gemeente"] = None
        auth_token._state.fields_cache["user"] = gebruiker
        tokens.append(auth_token)
    return tokens


def token_uit_kop(kop: str) -> str | None:
    """The token of an `Authorization` header where knox would read one: its prefix (in any
    case) and exactly one value after it. None for any other header (knox then reads none, or
    refuses the header)."""
    delen = kop.split()
    voorvoegsel = knox_settings.AUTH_HEADER_PREFIX.lower()
    if len(delen) != 2 or delen[0].lower() != voorvoegsel or not delen[1].isascii():
        return None
    return delen[1]


def geldig_token_sql(token: str, eigenaar: str) -> str:
    """PostgreSQL: what `TokenAuthenticatie` accepts, for the token `token` of a statement with
    its medewerker `eigenaar`: this key and digest, not expired, the medewerker active (knox's
    `validate_user`). Parameters: `geldig_token_parameters`. An expired token is not found here;
    knox's own path (`authenticate_credentials`) refuses and deletes it."""
    from doorbraak.organisaties.models import Medewerker

    k = vaste_sql.kolom
    return (
        f"{token}.{k(AuthToken, 'token_key')} = %s AND {token}.{k(AuthToken, 'digest')} = %s "
        f"AND ({token}.{k(AuthToken, 'expiry')} IS NULL "
        f"OR {token}.{k(AuthToken, 'expiry')} >= %s) "
        f"AND {eigenaar}.{k(Medewerker, 'is_active')}"
    )


def geldig_token_parameters(token: str) -> list | None:
    """The parameters of `geldig_token_sql`; None for a token that cannot be hashed (knox
    refuses it)."""
    try:
        digest = hash_token(token)
    except (TypeError, ValueError, binascii.Error):
        return None
    return [token[: CONSTANTS.TOKEN_KEY_LENGTH], digest, timezone.now()]


def verlopen_tokens_opruimen(gebruiker) -> None:
    AuthToken.objects.filter(user=gebruiker, expiry__lt=timezone.now()).delete()


class TokenAuthenticatieSchema(KnoxTokenScheme):
    """The same security scheme in the OpenAPI document as knox's own class."""

    target_class = "doorbraak.organisaties.tokens.TokenAuthenticatie"
