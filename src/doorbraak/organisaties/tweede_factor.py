"""The second factor for local accounts (TOTP, django-otp): required outside demo mode and for
every medewerker on whom the beheerder switches it on. A login through the gemeente's identity
provider (OIDC) brings its own factors and is not asked again."""

from functools import cache

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, router
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django_otp import user_has_device
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorbraak import vaste_sql

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


@cache
def _apparaat_sql() -> str:
    return (
        f"SELECT {vaste_sql.kolommen(TOTPDevice, 'd')} FROM {vaste_sql.tabel(TOTPDevice)} d "  # noqa: S608
        f"WHERE d.{vaste_sql.kolom(TOTPDevice, 'id')} = %s"
    )


class ApparaatMiddleware(OTPMiddleware):
    """django-otp's middleware (`request.user.otp_device`, `is_verified()`), with two things
    less on every signed-in page (issue 19):

    - the session's TOTP device is read with SQL written once per process (`vaste_sql`) instead
      of a query the ORM builds and compiles on every request: about 1,250 of the 8,100 Python
      calls of a worklist page. django-otp still decides what the device is worth: another
      medewerker's or an unconfirmed device verifies nothing and its id leaves the session.
    - `request.user` wraps the medewerker itself, not Django's lazy user inside django-otp's:
      every attribute a page asks of it went through both proxies."""

    def _verify_user_sync(self, request, user):
        if isinstance(user, SimpleLazyObject):
            user.is_authenticated  # noqa: B018 - reads the session and the medewerker (once)
            user = user._wrapped
        return super()._verify_user_sync(request, user)

    def _device_from_persistent_id(self, persistent_id: str):
        label, _, nummer = self._normalize_persistent_id(persistent_id).rpartition("/")
        if label != TOTPDevice.model_label() or router.db_for_read(TOTPDevice) != DEFAULT_DB_ALIAS:
            return super()._device_from_persistent_id(persistent_id)
        rij = vaste_sql.rij_op_sleutel(TOTPDevice, _apparaat_sql(), "id", nummer)
        return None if rij is None else vaste_sql.instantie(TOTPDevice, rij)


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
