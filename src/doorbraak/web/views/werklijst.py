"""'Mijn casussen': the worklist, sorted by urgency and age, with counts per status."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from doorbraak import opmaak
from doorbraak.casussen import selectors
from doorbraak.casussen.filters import CasusFilterSet
from doorbraak.casussen.models import Urgentie
from doorbraak.casussen.status import CasusStatus
from doorbraak.organisaties.models import Doelgroep, Medewerker, Rol
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
    # One filterset: the counts per status are of the cases filtered on everything but the
    # status (a wrong status empties the list, not the counts). COUNT(*): PostgreSQL counts
    # from an index alone (casussen.models.Casus indexes), COUNT(id) would read every row.
    filters = CasusFilterSet(request.GET, queryset=casussen)
    geldig = filters.is_valid()
    per_status = dict(
        filters.qs_zonder("status").order_by().values_list("status").annotate(aantal=Count("*"))
    )
    status = filters.form.cleaned_data.get("status")
    gefilterd = filters.qs if geldig else casussen.none()
    gesorteerd = selectors.werklijstrijen(gefilterd)
    paginator = Paginator(gesorteerd, PER_PAGINA)
    if geldig:
        # The counts per status already hold the total: no second COUNT over the same cases.
        paginator.count = per_status.get(status, 0) if status else sum(per_status.values())
    pagina = paginator.get_page(request.GET.get("pagina"))
    pagina.object_list = selectors.werklijst_lezen(medewerker=medewerker, rijen=pagina.object_list)
    doelgroepen = tuple(
        Doelgroep.objects.filter(gemeente_id=medewerker.gemeente_id, actief=True).values_list(
            "code", "naam"
        )
    )
    gekozen = tuple(request.GET.get(k) for k in ("status", "doelgroep", "urgentie"))
    rijen = _rijen(pagina.object_list)
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
            "rijen": rijen,
            # The rows are rendered once per content (velden.bewaard): the key is everything
            # they show, so a changed case, another day or another language is a new key.
            "rijensleutel": tuple(tuple(rij.values()) for rij in rijen),
            "per_status": [
                (s.value, str(s.label), per_status.get(s.value, 0)) for s in CasusStatus
            ],
            "totaal": sum(per_status.values()),
            "statussen": opmaak.labels(CasusStatus.choices).items(),
            "urgenties": opmaak.labels(Urgentie.choices).items(),
            "doelgroepen": doelgroepen,
            # The filter form shows nothing but these (web/templatetags/velden.py, bewaard);
            # a name being searched for is not kept.
            "filtersleutel": None if request.GET.get("zoek") else (alle, gekozen, doelgroepen),
            "gekozen": request.GET,
            "querystring": zonder_pagina.urlencode(),
            "heeft_filters": any(
                request.GET.get(k) for k in ("status", "doelgroep", "urgentie", "zoek")
            ),
        },
    )


def _rijen(rijen) -> list[dict]:
    """What each row shows (`selectors.werklijstrijen`), worked out once in the view instead of
    per row in the template: one label per urgency and status value, today once for the ages,
    the regisseur's name as `Medewerker.naam` gives it."""
    urgenties = opmaak.labels(Urgentie.choices)
    statussen = opmaak.labels(CasusStatus.choices)
    vandaag = timezone.localdate()
    # The dossier's address reversed once: a case id is a UUID, which the route's converter
    # writes as str(id), so every row's address is this one with its own id in the place.
    voorbeeld = str(_VOORBEELD_ID)
    dossier = reverse("dossier", args=[voorbeeld])
    dagen: dict = {}  # per day on the page, its date and age, translated once
    uit = []
    for rij in rijen:
        aangemeld = timezone.localtime(rij.aangemeld_op)
        dag = aangemeld.date()
        if dag not in dagen:
            dagen[dag] = (opmaak.datum(dag), opmaak.relatief(dag, vandaag))
        datum, leeftijd = dagen[dag]
        regisseur = opmaak.LEEG
        if rij.regisseur_id:
            regisseur = Medewerker.naam_uit(
                rij.regisseur__first_name, rij.regisseur__last_name, rij.regisseur__username
            )
        uit.append(
            {
                "adres": dossier.replace(voorbeeld, str(rij.pk)),
                "naam": rij.huishouden__naam,
                "urgentie": rij.urgentie,
                "urgentie_label": urgenties.get(rij.urgentie, rij.urgentie),
                "status": statussen.get(rij.status, rij.status),
                "doelgroep": rij.doelgroep__naam,
                "aangemeld_iso": aangemeld.isoformat(),
                "aangemeld": datum,
                "leeftijd": leeftijd,
                "regisseur": regisseur,
            }
        )
    return uit


_VOORBEELD_ID = UUID(int=0)


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
