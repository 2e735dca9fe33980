"""'Mijn casussen': the worklist, sorted by urgency and age, with counts per status."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from doorbraak.casussen import selectors
from doorbraak.casussen.filters import CasusFilterSet
from doorbraak.casussen.models import Urgentie
from doorbraak.casussen.status import CasusStatus
from doorbraak.organisaties.models import Doelgroep, Rol
from doorbraak.web.forms import ZoekBsnForm
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, op_formulier

PER_PAGINA = 20


@require_GET
@login_required
@domeinfouten
def werklijst(request):
    medewerker = request.user
    casussen = selectors.casussen_voor(medewerker=medewerker)
    # A regisseur starts with their own cases; others (collega, manager) with the gemeente's.
    alle = request.GET.get("toon", "" if medewerker.heeft_rol(Rol.REGISSEUR) else "alle") == "alle"
    if not alle:
        casussen = casussen.filter(regisseur=medewerker)
    filters = CasusFilterSet(request.GET, queryset=casussen)
    gefilterd = filters.qs if filters.is_valid() else casussen.none()
    zonder_statusfilter = CasusFilterSet(
        {k: v for k, v in request.GET.items() if k != "status"}, queryset=casussen
    )
    per_status = dict(
        (zonder_statusfilter.qs if zonder_statusfilter.is_valid() else casussen.none())
        .order_by()
        .values_list("status")
        .annotate(aantal=Count("pk"))
    )
    gesorteerd = selectors.werklijstrijen(gefilterd)
    paginator = Paginator(gesorteerd, PER_PAGINA)
    if filters.is_valid() and zonder_statusfilter.is_valid():
        # The counts per status already hold the total: no second COUNT over the same cases.
        status = filters.form.cleaned_data.get("status")
        paginator.count = per_status.get(status, 0) if status else sum(per_status.values())
    pagina = paginator.get_page(request.GET.get("pagina"))
    selectors.registreer_lijstinzage(medewerker=medewerker, casussen=list(pagina.object_list))
    zonder_pagina = request.GET.copy()
    zonder_pagina.pop("pagina", None)
    return render(
        request,
        "web/werklijst.html",
        {
            "pagina": pagina,
            "bsn_form": ZoekBsnForm(),
            "filters": filters,
            "alle": alle,
            "per_status": [(s, s.label, per_status.get(s.value, 0)) for s in CasusStatus],
            "totaal": sum(per_status.values()),
            "statussen": CasusStatus.choices,
            "urgenties": Urgentie.choices,
            "doelgroepen": Doelgroep.objects.filter(
                gemeente_id=medewerker.gemeente_id, actief=True
            ),
            "gekozen": request.GET,
            "querystring": zonder_pagina.urlencode(),
            "heeft_filters": any(
                request.GET.get(k) for k in ("status", "doelgroep", "urgentie", "zoek")
            ),
        },
    )


@require_POST
@login_required
@domeinfouten
def zoeken_op_bsn(request):
    """The worklist searched by BSN: a POST form, so the BSN is never in a URL or access log,
    and never shown back (the field is emptied); found through the keyed hash only."""
    form = ZoekBsnForm(request.POST)
    casussen = None
    if form.is_valid():
        try:
            casussen = selectors.casussen_zoeken_op_bsn(
                medewerker=request.user, bsn=form.cleaned_data["bsn"]
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
    leeg = ZoekBsnForm()
    if form.errors:
        leeg._errors = form.errors  # the message beside the field, without the value typed
    return render(
        request,
        "web/werklijst_bsn.html",
        {"form": leeg, "casussen": casussen},
        status=400 if form.errors else 200,
    )
