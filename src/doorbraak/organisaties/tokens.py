"""API token authentication in one query: the token with its medewerker and gemeente.

knox reads the token (with its user) and then every other token of that user, to delete the
expired ones, on every request. Here a request reads only its own token; an expired token is
still refused and deleted, and the other expired tokens of a medewerker go when a new one is
issued (`verlopen_tokens_opruimen`, called by the token endpoint)."""

import binascii
from hmac import compare_digest

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import CONSTANTS, knox_settings
from knox.signals import token_expired
from rest_framework import exceptions


class TokenAuthenticatie(TokenAuthentication):
    def authenticate_credentials(self, token: bytes):
        melding = _("Invalid token.")
        token = token.decode("utf-8")
        kandidaten = AuthToken.objects.filter(
            token_key=token[: CONSTANTS.TOKEN_KEY_LENGTH]
        ).select_related("user", "user__gemeente")
        for auth_token in kandidaten:
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


def verlopen_tokens_opruimen(gebruiker) -> None:
    AuthToken.objects.filter(user=gebruiker, expiry__lt=timezone.now()).delete()


class TokenAuthenticatieSchema(KnoxTokenScheme):
    """The same security scheme in the OpenAPI document as knox's own class."""

    target_class = "doorbraak.organisaties.tokens.TokenAuthenticatie"
