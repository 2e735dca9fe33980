"""Pages that are not about one case: health, the start redirect, the accessibility statement."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from doorbraak.api.fouten import RETRY_AFTER
from doorbraak.organisaties.models import Rol


@require_GET
def leeft(request):
    """Liveness: the process answers; no database, so the framework's bare ceiling in benches."""
    return JsonResponse({"status": "ok"})


@require_GET
def gezondheid(request):
    """Readiness for the load balancer and the hosting party: the database and the background
    queue, each with its state; 503 naming the part that is down."""
    from doorbraak.config.gezondheid import controleer

    onderdelen = controleer()
    goed = all(o["status"] == "ok" for o in onderdelen.values() if o.get("noodzakelijk", True))
    # A failing part that is not essential (the read replica) leaves the app ready: "verminderd".
    volledig = all(o["status"] == "ok" for o in onderdelen.values())
    antwoord = JsonResponse(
        {
            "status": "ok" if volledig else "verminderd" if goed else "storing",
            "onderdelen": onderdelen,
        },
        status=200 if goed else 503,
    )
    if not goed:
        antwoord["Retry-After"] = RETRY_AFTER
    return antwoord


@login_required
def start(request):
    """Send everyone to where their work is."""
    gebruiker = request.user
    if gebruiker.gemeente_id and gebruiker.heeft_rol(
        Rol.REGISSEUR, Rol.COLLEGA, Rol.MANAGER, Rol.FINANCIEN, Rol.PARTNER, Rol.BEHEER
    ):
        return redirect("mijn-taken")  # what waits for them, per role (issue 17)
    if gebruiker.heeft_rol(Rol.REGISSEUR, Rol.COLLEGA, Rol.MANAGER):
        return redirect("werklijst")
    if gebruiker.heeft_rol(Rol.FINANCIEN):  # finance sees money, not case files
        return redirect("aanvragen")
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
