"""The cost catalogue as the gemeente uses it; the beleidsadviseur sets the gemeente's own
amounts and entries here. Every change goes through the service, which writes the change log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doorbraak.mkba import begrippen, selectors, services, toegang
from doorbraak.mkba.catalogus import AANPASBAAR
from doorbraak.organisaties.models import Rol
from doorbraak.web.forms import KengetalForm
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier

VELDEN = ("omschrijving", "bedrag", "laag", "hoog", "eenheid", "prijsjaar", "betaler",
          "waardetype", "betrouwbaarheid")  # fmt: skip


@require_GET
@login_required
@domeinfouten
def catalogus(request):
    items = selectors.kengetallen_voor(medewerker=request.user)
    beheer = request.user.heeft_rol(Rol.BELEID)
    wijzigingen = (
        list(selectors.kengetalwijzigingen_voor(medewerker=request.user)[:20]) if beheer else []
    )
    return render(
        request,
        "web/kengetallen.html",
        {
            "items": items,
            "wijzigingen": wijzigingen,
            "beheer": beheer,
            "eenheden": begrippen.EENHEDEN,
            "betalers": begrippen.BETALERS,
        },
    )


def _gegevens(d: dict, landelijk: bool) -> dict:
    # Of a national entry a gemeente changes only what the catalogue allows (AANPASBAAR).
    velden = [v for v in VELDEN if not landelijk or v in AANPASBAAR]
    gegevens = {k: d[k] for k in velden if d.get(k) not in (None, "")}
    for geld in ("bedrag", "laag", "hoog"):
        if geld in gegevens:
            gegevens[geld] = f"{gegevens[geld]:.2f}"
    gegevens["bron"] = {"titel": d["bron_titel"], "url": d["bron_url"] or ""}
    gegevens["status"] = "checked" if d["bron_url"] else "verify"
    return gegevens


@login_required
@domeinfouten
def bewerken(request, code=None):
    toegang.vereis_catalogusbeheer(request.user)
    item = None
    if code is not None:
        item = {i.code: i for i in selectors.kengetallen_voor(medewerker=request.user)}.get(code)
        if item is None:
            raise Http404
    k = item.kengetal if item else None
    landelijk = item is not None and item.herkomst != "eigen"
    beginwaarden = {
        **({f: getattr(k, f) for f in VELDEN} if k else {"prijsjaar": 2025}),
        "bron_titel": k.bron.titel if k else "",
        "bron_url": k.bron.url if k else "",
    }
    form = KengetalForm(request.POST or None, initial=beginwaarden)
    if landelijk:
        for veld in VELDEN:
            form.fields[veld].disabled = veld not in AANPASBAAR
    nieuwe_code = code or request.POST.get("code", "").strip()
    if request.method == "POST" and form.is_valid():
        try:
            services.kengetal_opslaan(
                door=request.user,
                code=nieuwe_code,
                gegevens=_gegevens(form.cleaned_data, landelijk),
                toelichting=form.cleaned_data["toelichting"],
            )
        except INVOERFOUTEN as fout:
            fout.veld = {"bron.titel": "bron_titel", "bron.url": "bron_url"}.get(
                fout.veld or "", fout.veld
            )
            op_formulier(fout, form)
        else:
            messages.success(request, _("Kengetal %(code)s opgeslagen.") % {"code": nieuwe_code})
            return redirect("kengetallen")
    return render(
        request,
        "web/kengetal.html",
        {
            "item": item,
            "code": code,
            "form": form,
            "fouten": foutoverzicht(form) if form.is_bound else [],
            "nieuwe_code": request.POST.get("code", ""),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
@domeinfouten
def herstellen(request, code):
    services.kengetal_herstellen(
        door=request.user, code=code, toelichting=request.POST.get("toelichting", "")
    )
    messages.success(
        request, _("Kengetal %(code)s volgt weer de landelijke catalogus.") % {"code": code}
    )
    return redirect("kengetallen")
