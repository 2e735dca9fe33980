"""Mijn taken (the landing page per role), its counts in the menu, the e-mail settings and the
manager's team view. Thin: the lists come from `mijntaken.selectors`, the figures from
`mijntaken.sturing`, the choice is stored by `mijntaken.services`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doorbraak.mijntaken import selectors, services, sturing
from doorbraak.mijntaken.models import Frequentie, Meldingsvoorkeur
from doorbraak.overleg import toegang as overleg_toegang
from doorbraak.web.forms_mijntaken import MeldingsvoorkeurForm
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier


def _vereis_takenrol(request) -> None:
    if not selectors.heeft_takenlijst(request.user):
        raise PermissionDenied(_("Uw rol heeft geen takenlijst."))


@require_GET
@login_required
@domeinfouten
def mijn_taken(request):
    _vereis_takenrol(request)
    vandaag = timezone.localdate()
    lijsten = selectors.mijn_taken(request.user, vandaag)
    return render(
        request,
        "web/mijn_taken.html",
        {
            "lijsten": lijsten,
            "vandaag": vandaag,
            "partner": overleg_toegang.is_partner(request.user),
            "totaal": sum(lijst.aantal for lijst in lijsten if lijst.eigen),
        },
    )


@require_GET
@login_required
@domeinfouten
def tellers(request):
    """The menu's count, loaded after the page (htmx): the page itself costs no query more."""
    aantal = selectors.menu_aantal(request.user)
    return render(request, "web/mijn_taken_teller.html", {"aantal": aantal})


@login_required
@domeinfouten
def meldingen(request):
    huidig = (
        Meldingsvoorkeur.objects.filter(medewerker=request.user)
        .values_list("frequentie", flat=True)
        .first()
        or Frequentie.DIRECT
    )
    form = MeldingsvoorkeurForm(request.POST or None, initial={"frequentie": huidig})
    if request.method == "POST" and form.is_valid():
        try:
            services.voorkeur_wijzigen(
                door=request.user, frequentie=form.cleaned_data["frequentie"]
            )
            messages.success(request, _("Uw keuze voor e-mailmeldingen is opgeslagen."))
            return redirect("meldingen")
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
    return render(
        request,
        "web/meldingen.html",
        {"form": form, "fouten": foutoverzicht(form) if form.is_bound else []},
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
@domeinfouten
def teamoverzicht(request):
    return render(
        request, "web/teamoverzicht.html", {"sturing": sturing.sturing(medewerker=request.user)}
    )
