"""'Mijn casussen': the worklist, sorted by urgency and age, with counts per status."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET, require_POST

from doorbraak import opmaak
from doorbraak.casussen import selectors
from doorbraak.casussen import werklijst as werklijst_sql
from doorbraak.casussen.models import Urgentie
from doorbraak.casussen.status import CasusStatus
from doorbraak.organisaties.models import Medewerker, Rol
from doorbraak.organisaties.selectors import doelgroepkeuzes_voor
from doorbraak.web import bewaarde_pagina
from doorbraak.web.forms import ZoekBsnForm
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, op_formulier

PER_PAGINA = 20


@require_GET
@login_required
@domeinfouten
def werklijst(request):
    medewerker = request.user
    # A regisseur starts with their own cases; others (collega, manager) with the gemeente's.
    alle = request.GET.get("toon", "" if medewerker.heeft_rol(Rol.REGISSEUR) else "alle") == "alle"
    keuze = werklijst_sql.keuze_uit(request.GET, alle=alle)
    # The counts per status are of the cases filtered on everything but the status (a wrong
    # status empties the list, not the counts), and hold the list's total.
    per_status = werklijst_sql.per_status(medewerker=medewerker, keuze=keuze)
    in_lijst = werklijst_sql.totaal(keuze, per_status)
    pagina = Paginator(range(in_lijst), PER_PAGINA).get_page(request.GET.get("pagina"))
    pagina.object_list = werklijst_sql.pagina_lezen(
        medewerker=medewerker, keuze=keuze, vanaf=pagina.start_index() - 1, aantal=len(pagina)
    )
    doelgroepen = doelgroepkeuzes_voor(medewerker=medewerker)
    gekozen = tuple(request.GET.get(k) for k in ("status", "doelgroep", "urgentie"))
    # What the rows show is worked out only when their part is rendered, not when it is kept.
    gelezen = pagina.object_list
    rijen = SimpleLazyObject(lambda: _rijen(gelezen))
    zonder_pagina = request.GET.copy()
    zonder_pagina.pop("pagina", None)
    querystring = zonder_pagina.urlencode()
    heeft_filters = any(request.GET.get(k) for k in ("status", "doelgroep", "urgentie", "zoek"))
    tellers = tuple(
        (code, label, per_status.get(code, 0))
        for code, label in opmaak.labels_van(CasusStatus).items()
    )
    totaal = sum(per_status.values())
    rollen = tuple(medewerker.rollen)
    # The page's parts are rendered once per content and kept per process (velden.bewaard): each
    # key is everything its part shows, so a changed case or count, another page, another day
    # (the ages) or another language is a new key. A name being searched for is not kept.
    zoekt = bool(request.GET.get("zoek"))
    kopsleutel = (alle, rollen, totaal, tellers, request.GET.get("status"))
    lijstsleutel = None
    if not zoekt:
        lijstsleutel = (
            tuple(gelezen),  # the rows as read, and today for their ages
            timezone.localdate(),
            *(pagina.paginator.count, pagina.number, pagina.paginator.num_pages),
            querystring,
            heeft_filters,
            rollen,
        )
    filtersleutel = None if zoekt else (alle, gekozen, doelgroepen)
    # The whole page is kept as well, on the same keys (web.bewaarde_pagina); a name being
    # searched for is not.
    return bewaarde_pagina.pagina(
        request,
        "web/werklijst.html",
        {
            "pagina": pagina,
            # An empty form, the same for everyone: rendered once per language and kept
            # (`{% bewaard %}`, the CSRF token filled in per response), so built only then.
            "bsn_form": SimpleLazyObject(ZoekBsnForm),
            "alle": alle,
            "rijen": rijen,
            "kopsleutel": kopsleutel,
            "lijstsleutel": lijstsleutel,
            "per_status": tellers,
            "totaal": totaal,
            "statussen": opmaak.labels_van(CasusStatus).items(),
            "urgenties": opmaak.labels_van(Urgentie).items(),
            "doelgroepen": doelgroepen,
            # The filter form shows nothing but these (web/templatetags/velden.py, bewaard);
            # a name being searched for is not kept.
            "filtersleutel": filtersleutel,
            "gekozen": request.GET,
            "querystring": querystring,
            "heeft_filters": heeft_filters,
        },
        sleutel=None if zoekt else (kopsleutel, filtersleutel, lijstsleutel),
    )


def _rijen(rijen) -> list[dict]:
    """What each row shows (`casussen.werklijst.Werklijstrij`), worked out once in the view
    instead of per row in the template: one label per urgency and status value, today once for
    the ages, the regisseur's name as `Medewerker.naam` gives it."""
    urgenties = opmaak.labels_van(Urgentie)
    statussen = opmaak.labels_van(CasusStatus)
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
