"""The voorliggend check in the dossier, and the read-only Kennisbank for professionals."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen import toegang
from doorbraak.regels import selectors, services, uitvoer
from doorbraak.web.forms import UtrechtFormMixin
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht

JA_NEE = [("", "—"), ("ja", gettext_lazy("ja")), ("nee", gettext_lazy("nee"))]
WIE = {
    "huishouden": gettext_lazy("het huishouden"),
    "professional": gettext_lazy("de professional"),
    "register": gettext_lazy("een register (BRP, Suwinet)"),
    "casus": gettext_lazy("het dossier"),
}


def _feitenformulier(ontbrekend: list[dict], data=None) -> forms.Form:
    """One field per missing fact, of its type, labelled with the question to ask."""
    velden = {}
    for feit in ontbrekend:
        hint = _("Wie weet het: %(wie)s.") % {"wie": WIE.get(feit["wie"], feit["wie"])}
        if feit["artikelen"]:
            hint += " " + _("Nodig voor: %(artikelen)s.") % {
                "artikelen": "; ".join(feit["artikelen"])
            }
        gemeen = {"label": feit["vraag"], "required": False, "help_text": hint}
        if feit["type"] == "ja_nee":
            veld = forms.ChoiceField(choices=JA_NEE, **gemeen)
        elif feit["type"] == "keuze":
            veld = forms.ChoiceField(
                choices=[("", "—")] + [(k, k) for k in feit["keuzes"]], **gemeen
            )
        else:
            veld = forms.CharField(
                max_length=20,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                **gemeen,
            )
        velden[feit["feit"]] = veld
    klasse = type("FeitenForm", (UtrechtFormMixin, forms.Form), velden)
    return klasse(data, prefix="feit")


def _als_feitwaarde(soort: str, waarde: str):
    if soort == "ja_nee":
        return waarde == "ja"
    return waarde.strip().replace(",", ".") if soort in ("getal", "bedrag") else waarde


@login_required
@domeinfouten
def voorliggend(request, casus_id):
    checks = selectors.regelchecks_van_casus(medewerker=request.user, casus_id=casus_id)
    casus = casus_selectors.casus_ophalen(medewerker=request.user, casus_id=casus_id)
    laatste = checks.first()
    uitkomst = laatste.uitkomst if laatste else None
    ontbrekend = uitkomst["ontbrekende_feiten"] if uitkomst else []
    form = _feitenformulier(ontbrekend, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        toegang.vereis_casuswerk(request.user)
        if form.is_valid():
            soorten = {f["feit"]: f["type"] for f in ontbrekend}
            feiten = {
                naam: _als_feitwaarde(soorten.get(naam, ""), waarde)
                for naam, waarde in form.cleaned_data.items()
                if waarde not in ("", None)
            }
            try:
                services.regelcheck_uitvoeren(door=request.user, casus_id=casus.pk, feiten=feiten)
            except INVOERFOUTEN as fout:
                naam = (fout.veld or "").removeprefix("feiten.")
                form.add_error(naam if naam in form.fields else None, fout.melding)
            else:
                messages.success(request, _("De voorliggend-check is uitgevoerd."))
                return redirect("voorliggend", casus_id=casus.pk)
    voorzieningen = [
        {**v, "blokkeert": services.blokkade(v) is not None}
        for v in (uitkomst or {}).get("voorzieningen", [])
    ]
    return render(
        request,
        "web/voorliggend.html",
        {
            "casus": casus,
            "check": laatste,
            "uitkomst": uitkomst,
            "voorzieningen": voorzieningen,
            "form": form,
            "fouten": foutoverzicht(form) if form.is_bound else [],
            "kan_werken": request.user.heeft_rol("regisseur", "manager"),
            "aantal_checks": checks.count(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@login_required
@domeinfouten
def knelpunt_maken(request, casus_id, regelcheck_id):
    try:
        services.knelpunt_uit_regelcheck(
            door=request.user,
            casus_id=casus_id,
            regelcheck_id=regelcheck_id,
            voorziening=request.POST.get("voorziening", ""),
        )
    except INVOERFOUTEN as fout:
        messages.error(request, fout.melding)
    else:
        messages.success(request, _("Het knelpunt staat in het doorbraakplan."))
    return redirect(reverse("voorliggend", args=[casus_id]) + "#voorzieningen")


@require_GET
@login_required
@domeinfouten
def kennisbank(request):
    regelingen = [
        uitvoer.regeling_json(r) for r in selectors.regelingen_voor(medewerker=request.user)
    ]
    return render(request, "web/kennisbank.html", {"regelingen": regelingen})
