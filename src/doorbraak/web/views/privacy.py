"""The processing log for the privacy role: recent entries, a household's log, search by BSN."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from doorbraak.audit import selectors
from doorbraak.audit.activiteiten import ALLE
from doorbraak.web.forms import ZoekBsnForm
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, op_formulier

PER_PAGINA = 50


def _met_activiteit(entries):
    for entry in entries:
        activiteit = ALLE.get(entry.activiteit)
        entry.activiteit_naam = activiteit.naam if activiteit else entry.activiteit
    return entries


@login_required
@domeinfouten
def overzicht(request):
    """Recent entries of the gemeente's log, and finding a household's log by BSN."""
    form = ZoekBsnForm(request.POST or None)
    gevonden = None
    if request.method == "POST" and form.is_valid():
        try:
            gevonden = selectors.huishoudens_met_bsn(
                medewerker=request.user, bsn=form.cleaned_data["bsn"]
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
    entries = selectors.verwerkingen_van_gemeente(medewerker=request.user)
    pagina = Paginator(entries, PER_PAGINA).get_page(request.GET.get("pagina"))
    pagina.object_list = _met_activiteit(list(pagina.object_list))
    return render(
        request,
        "web/privacy.html",
        {"form": form, "gevonden": gevonden, "pagina": pagina},
        status=400 if request.method == "POST" and form.errors else 200,
    )


@require_GET
@login_required
@domeinfouten
def verwerkingen(request, huishouden_id):
    entries = selectors.verwerkingen_inzien(medewerker=request.user, huishouden_id=huishouden_id)
    pagina = Paginator(entries, PER_PAGINA).get_page(request.GET.get("pagina"))
    pagina.object_list = _met_activiteit(list(pagina.object_list))
    return render(
        request, "web/verwerkingen.html", {"pagina": pagina, "huishouden_id": huishouden_id}
    )


@require_GET
@login_required
@domeinfouten
def inzage(request, huishouden_id):
    """AVG art. 15: everything about the household, as PDF (default) or JSON; logged."""
    from doorbraak import downloads
    from doorbraak.audit import inzage as avg

    formaat = request.GET.get("formaat", "pdf")
    gegevens = avg.inzage_exporteren(
        medewerker=request.user, huishouden_id=huishouden_id, formaat=formaat
    )
    naam = f"inzage-{huishouden_id}-{date.today():%Y%m%d}.{formaat}"
    if formaat == "json":
        return downloads.bijlage(avg.als_json(gegevens), "application/json", naam)
    inhoud = downloads.pdf(
        "web/inzage_pdf.html",
        {
            "inzage": gegevens,
            "secties": avg.als_secties(gegevens, avg.woorden_voor(medewerker=request.user)),
        },
        request,
    )
    return downloads.bijlage(inhoud, "application/pdf", naam)
