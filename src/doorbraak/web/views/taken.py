"""The dead-letter list of the background queue, for the functioneel beheerder."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doorbraak.taken import selectors, services
from doorbraak.web.views.fouten import domeinfouten


@require_GET
@login_required
@domeinfouten
def mislukte_taken(request):
    lijst = selectors.mislukte_taken(medewerker=request.user)
    return render(request, "web/achtergrondtaken.html", {"mislukt": lijst})


@require_POST
@login_required
@domeinfouten
def opnieuw(request, task_id):
    services.mislukte_taak_opnieuw(task_id=task_id, door=request.user)
    messages.success(request, _("De taak staat opnieuw in de wachtrij."))
    return redirect("achtergrondtaken")


@require_POST
@login_required
@domeinfouten
def verwerpen(request, task_id):
    services.mislukte_taak_verwerpen(task_id=task_id, door=request.user)
    messages.success(request, _("De taak is verworpen en wordt niet meer uitgevoerd."))
    return redirect("achtergrondtaken")
