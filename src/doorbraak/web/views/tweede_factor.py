"""The second factor in the browser: set up an authenticator app once (scan the QR code or type
the key), then give its six-digit code after every password login."""

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorbraak.organisaties.tweede_factor import bevestigd_apparaat


class CodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label=_("Code uit uw authenticator-app"),
        error_messages={"invalid": _("Geef de zes cijfers uit uw authenticator-app.")},
    )


def _verder(request):
    doel = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(doel, {request.get_host()}, request.is_secure()):
        return redirect(doel)
    return redirect("start")


@login_required
def tweede_factor(request):
    apparaat = bevestigd_apparaat(request.user)
    if apparaat is None:
        return redirect("tweede_factor_instellen")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if apparaat.verify_token(form.cleaned_data["code"].strip()):
            otp_login(request, apparaat)
            return _verder(request)
        form.add_error("code", _("Deze code klopt niet (of is al gebruikt). Probeer de volgende."))
    return render(
        request,
        "registration/tweede_factor.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


@login_required
def tweede_factor_instellen(request):
    """A new, unconfirmed device until the first correct code; an existing confirmed device is
    never replaced here (that goes through the beheerder)."""
    if bevestigd_apparaat(request.user) is not None:
        return redirect("tweede_factor")
    apparaat, _nieuw = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator-app"}
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if apparaat.verify_token(form.cleaned_data["code"].strip()):
            apparaat.confirmed = True
            apparaat.save(update_fields=["confirmed"])
            otp_login(request, apparaat)
            return _verder(request)
        form.add_error("code", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
    sleutel = b32encode(apparaat.bin_key).decode().rstrip("=")
    beeld = qrcode.make(apparaat.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    beeld.save(buffer)
    svg = buffer.getvalue().decode().split("?>", 1)[-1]
    return render(
        request,
        "registration/tweede_factor_instellen.html",
        {"form": form, "sleutel": sleutel, "qr": svg, "next": request.GET.get("next", "")},
    )
