"""Spending plans on screen (themes × years, pm listed, totals and remainder, actual spending on
linked funds) and as CSV/XLSX/PDF through the report tables."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from doorbraak.budget import bestedingsplan as bp
from doorbraak.budget import bestedingsplannen
from doorbraak.rapportage.bestanden import FORMATEN, bestand
from doorbraak.rapportage.tabellen import GELD, Kolom, Rapport, Tabel
from doorbraak.web.views.fouten import domeinfouten


def als_rapport(w: bestedingsplannen.Planweergave) -> Rapport:
    jaren = list(w.plan.jaren)
    kolommen = [Kolom("Thema"), Kolom("Omschrijving"), *(Kolom(str(j), GELD) for j in jaren)]
    begroting = Tabel("Begroting", kolommen, toelichting="pm: pro memorie, niet opgeteld.")
    for r in w.model.regels:
        begroting.rijen.append([r.thema, r.omschrijving, *(r.bedragen.get(j) for j in jaren)])
    begroting.rijen.append(["", "Totaal kosten", *(t.totaal_kosten for t in w.per_jaar)])
    for i in w.model.inkomsten:
        begroting.rijen.append(["", i.omschrijving, *(i.bedragen.get(j) for j in jaren)])
    begroting.rijen.append(["", "Restant", *(t.restant for t in w.per_jaar)])
    werkelijk = Tabel(
        "Werkelijk betaald op gekoppelde fondsen",
        [Kolom("Omschrijving"), Kolom("Fonds"), *(Kolom(str(j), GELD) for j in jaren)],
    )
    for r in w.regels:
        if r.fonds_id:
            werkelijk.rijen.append(
                [
                    r.omschrijving,
                    r.fonds.naam,
                    *(w.werkelijk[r.pk].get(j, bp.Decimal(0)) for j in jaren),
                ]
            )
    return Rapport(w.plan.naam, w.plan.bron or "Bestedingsplan", [begroting, werkelijk])


@require_GET
@login_required
@domeinfouten
def lijst(request):
    plannen = list(bestedingsplannen.bestedingsplannen_voor(medewerker=request.user))
    return render(request, "web/bestedingsplannen.html", {"plannen": plannen})


@require_GET
@login_required
@domeinfouten
def plan(request, plan_id):
    weergave = bestedingsplannen.bestedingsplan_inzien(medewerker=request.user, plan_id=plan_id)
    rapport = als_rapport(weergave)
    formaat = request.GET.get("formaat", "")
    if formaat in FORMATEN:
        return bestand(request, rapport, formaat)
    return render(request, "web/bestedingsplan.html", {"rapport": rapport, "weergave": weergave})
