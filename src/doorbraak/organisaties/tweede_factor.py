"""The second factor for local accounts (TOTP, django-otp): required outside demo mode and for
every medewerker on whom the beheerder switches it on. A login through the gemeente's identity
provider (OIDC) brings its own factors and is not asked again."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

OIDC_SESSIE = "oidc_id_token_expiration"  # set by mozilla-django-oidc after an OIDC login

# Paths an unverified user may still reach: logging in or out, the second factor itself,
# language, health, static files.
VRIJ = ("/inloggen", "/uitloggen", "/tweede-factor", "/taal/", "/gezondheid", "/static/", "/oidc/")


def vereist(gebruiker) -> bool:
    return bool(
        gebruiker.is_authenticated
        and (settings.TWEEDE_FACTOR_VERPLICHT or getattr(gebruiker, "tweede_factor_verplicht", 0))
    )


def geverifieerd(request) -> bool:
    gebruiker = request.user
    return bool(
        getattr(gebruiker, "is_verified", lambda: False)() or request.session.get(OIDC_SESSIE)
    )


def bevestigd_apparaat(gebruiker) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(gebruiker, confirmed=True).first()


class TweedeFactorMiddleware:
    """After django-otp's middleware: a signed-in session that still owes its second factor
    reaches only the second-factor pages (the API answers 401)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        gebruiker = getattr(request, "user", None)
        if (
            gebruiker is not None
            and vereist(gebruiker)
            and not request.path.startswith(VRIJ)
            and not geverifieerd(request)
        ):
            if request.path.startswith("/api/"):
                from doorbraak.api.fouten import PROBLEM, problem

                return JsonResponse(
                    problem(401, "Bevestig eerst uw inlog met de code uit uw authenticator-app."),
                    status=401,
                    content_type=PROBLEM,
                )
            if request.headers.get("HX-Request"):
                # a fragment (the menu's task count) gets nothing, not the second-factor page
                return HttpResponse(status=204)
            doel = "tweede_factor" if user_has_device(gebruiker) else "tweede_factor_instellen"
            return redirect(f"{_pad(doel)}?next={request.get_full_path()}")
        return self.get_response(request)


def _pad(naam: str) -> str:
    from django.urls import reverse

    return reverse(naam)
