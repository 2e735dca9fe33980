"""A proposed change to roles, mandates or a fund's route, decided by a second beheerder on a
page of its own (Mijn taken links here). Thin: the services enforce who may decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from doorbraak.organisaties import selectors, services
from doorbraak.organisaties.models import WijzigingStatus
from doorbraak.web.forms_mijntaken import WijzigingBesluitForm
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier


@login_required
@domeinfouten
def wijzigingsvoorstel(request, voorstel_id):
    voorstel = selectors.wijzigingsvoorstel_inzien(medewerker=request.user, voorstel_id=voorstel_id)
    form = WijzigingBesluitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["besluit"] == "goedkeuren":
                services.wijziging_goedkeuren(door=request.user, voorstel_id=voorstel.pk)
                melding = _("Goedgekeurd en toegepast.")
            else:
                services.wijziging_afwijzen(
                    door=request.user, voorstel_id=voorstel.pk, reden=form.cleaned_data["reden"]
                )
                melding = _("Afgewezen; er is niets veranderd.")
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, melding)
            return redirect("wijzigingsvoorstel", voorstel.pk)
    return render(
        request,
        "web/wijzigingsvoorstel.html",
        {
            "voorstel": voorstel,
            "open": voorstel.status == WijzigingStatus.OPEN,
            "eigen": voorstel.voorgesteld_door_id == request.user.pk,
            "form": form,
            "fouten": foutoverzicht(form) if form.is_bound else [],
        },
        status=400 if form.errors else 200,
    )
