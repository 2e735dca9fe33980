"""Login through the gemeente's identity provider (OpenID Connect, mozilla-django-oidc). Off
unless configured (DOORBRAAK_OIDC_*). The provider proves who someone is; Doorbraak decides what
they may do: an OIDC login only matches an existing, active medewerker by username (the claim in
DOORBRAAK_OIDC_GEBRUIKERSNAAM_CLAIM), never creates one, and roles stay in Doorbraak."""

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.http import Http404
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class Gemeentelogin(OIDCAuthenticationBackend):
    def get_user(self, user_id):
        from doorbraak.organisaties.sessies import medewerker_met_gemeente

        return medewerker_met_gemeente(user_id)

    def _claim(self) -> str:
        return settings.OIDC_GEBRUIKERSNAAM_CLAIM

    def verify_claims(self, claims) -> bool:
        return bool(claims.get(self._claim()))

    def filter_users_by_claims(self, claims):
        naam = claims.get(self._claim())
        if not naam:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username=naam, is_active=True)

    def describe_user_by_claims(self, claims) -> str:
        return f"{self._claim()} {claims.get(self._claim())}"

    def update_user(self, user, claims):
        return user  # names and roles are kept in Doorbraak


def _aan() -> None:
    if not settings.OIDC_AAN:
        raise Http404("Inloggen via de identity provider is niet ingericht.")


class Starten(oidc_views.OIDCAuthenticationRequestView):
    def __init__(self, *args, **kwargs):  # reads the provider's settings: only when on
        pass

    def get(self, request):
        _aan()
        super().__init__()
        return super().get(request)


class Terugkomen(oidc_views.OIDCAuthenticationCallbackView):
    def get(self, request):
        _aan()
        return super().get(request)


class Inloggen(LoginView):
    """The login page, with the identity provider's button where it is configured."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"oidc_aan": settings.OIDC_AAN}
