"""'Kosten en baten' in the dossier: the latest MKBA side by side, per payer, with its PDF."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from doorbraak import downloads
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.grafieken import als_data_uri, betalersgrafiek
from doorbraak.mkba import selectors
from doorbraak.web.views.fouten import domeinfouten

WAARDEN = (
    ("rendement", "Rendement (doelmatigheid)"),
    ("legitimiteit", "Legitimiteit (rechtmatigheid)"),
    ("betrokkenheid", "Betrokkenheid (draagvlak bij huishouden en professionals)"),
)


def _context(request, casus_id) -> dict:
    mkbas = selectors.mkbas_van_casus(medewerker=request.user, casus_id=casus_id)
    casus = casus_selectors.casus_ophalen(medewerker=request.user, casus_id=casus_id)
    gekozen = request.GET.get("berekening")
    mkba = None
    if gekozen:
        mkba = selectors.mkba_inzien(medewerker=request.user, casus_id=casus.pk, mkba_id=gekozen)
    else:
        mkba = mkbas.first()
    context = {
        "casus": casus,
        "mkba": mkba,
        "eerdere": list(mkbas[:10]),
        "kan_werken": request.user.heeft_rol("regisseur", "manager"),
    }
    if mkba:
        u = mkba.uitkomst
        context.update(
            {
                "u": u,
                "kolommen": [
                    (
                        _("Huidig pad: doormodderen"),
                        [p for p in u["posten"] if p["scenario"] == "huidig_pad"],
                        u["huidig_pad"]["totaal"],
                    ),
                    (
                        _("Doorbraak"),
                        [p for p in u["posten"] if p["scenario"] == "doorbraak"],
                        u["doorbraak"]["totaal"],
                    ),
                ],
                "grafiek": betalersgrafiek(
                    u["per_betaler"], _("Kosten per betaler: huidig pad en doorbraak")
                ),
                "waardendriehoek": [(naam, mkba.waardendriehoek[code]) for code, naam in WAARDEN],
            }
        )
    return context


@require_GET
@login_required
@domeinfouten
def kosten_en_baten(request, casus_id):
    return render(request, "web/kosten.html", _context(request, casus_id))


@require_GET
@login_required
@domeinfouten
def kosten_en_baten_pdf(request, casus_id):
    """The same page as a PDF (WeasyPrint), for the table or the file."""
    context = _context(request, casus_id)
    if context.get("grafiek"):
        context["grafiek_uri"] = als_data_uri(context["grafiek"])
    naam = slugify(f"kosten-en-baten-{context['casus'].huishouden.naam}")
    inhoud = downloads.pdf("web/kosten_pdf.html", context, request)
    return downloads.bijlage(inhoud, "application/pdf", f"{naam}.pdf")
