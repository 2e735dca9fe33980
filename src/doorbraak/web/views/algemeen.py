"""Pages that are not about one case: health, the start redirect, the accessibility statement."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from doorbraak.api.fouten import DATABASE_ONBEREIKBAAR, RETRY_AFTER
from doorbraak.organisaties.models import Rol


@require_GET
def gezondheid(request):
    """Health for load balancers: ok only when the database answers (one `SELECT 1`)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_ONBEREIKBAAR:
        antwoord = JsonResponse({"status": "fout", "database": "onbereikbaar"}, status=503)
        antwoord["Retry-After"] = RETRY_AFTER
        return antwoord
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def start(request):
    """Send everyone to where their work is."""
    gebruiker = request.user
    if gebruiker.heeft_rol(Rol.REGISSEUR, Rol.COLLEGA, Rol.MANAGER, Rol.FINANCIEN):
        return redirect("werklijst")
    if gebruiker.heeft_rol(Rol.BELEID):
        return redirect("kengetallen")
    if gebruiker.heeft_rol(Rol.PRIVACY):
        return redirect("privacy")
    if gebruiker.heeft_rol(Rol.PARTNER):
        return redirect("overleggen")
    if gebruiker.heeft_rol(Rol.BEHEER):
        return redirect("admin:index")
    return render(request, "web/start.html")


@require_GET
def toegankelijkheid(request):
    return render(request, "web/toegankelijkheid.html")


@require_GET
@login_required
def logo(request):
    """The logo of the user's gemeente. An SVG can hold script: never let it run here."""
    gemeente = request.user.gemeente
    if gemeente is None or not gemeente.logo:
        raise Http404
    soort = "image/svg+xml" if gemeente.logo.name.lower().endswith(".svg") else "image/png"
    antwoord = FileResponse(gemeente.logo.open("rb"), content_type=soort)
    antwoord["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    antwoord["X-Content-Type-Options"] = "nosniff"
    antwoord["Cache-Control"] = "private, max-age=3600"
    return antwoord
