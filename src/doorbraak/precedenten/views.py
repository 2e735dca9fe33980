"""The Precedenten page (search with facets), one precedent, the CSV export, the region
publication for the privacy officer, and the "vergelijkbare doorbraken" block on the request
form and the request page. Thin: selectors and services decide."""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from doorbraak.fouten import DoorbraakFout, GeenToegang
from doorbraak.organisaties.models import Rol
from doorbraak.precedenten import selectors, services
from doorbraak.precedenten.models import Besluit, Regiopublicatie, Uitkomst
from doorbraak.web.forms import UtrechtFormMixin
from doorbraak.web.views.fouten import domeinfouten, foutoverzicht, op_formulier


class ZoekForm(UtrechtFormMixin, forms.Form):
    zoek = forms.CharField(label=_("Situatie of knelpunt"), required=False, max_length=500)
    regeling = forms.CharField(label=_("Regeling"), required=False, max_length=80)
    artikel = forms.CharField(label=_("Artikel"), required=False, max_length=80)
    fonds = forms.CharField(label=_("Fonds (code)"), required=False, max_length=80)
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), required=False, choices=[("", _("Alle")), *Uitkomst.choices]
    )
    besluit = forms.ChoiceField(
        label=_("Besluit"), required=False, choices=[("", _("Alle")), *Besluit.choices]
    )


class PublicatieForm(UtrechtFormMixin, forms.Form):
    privacytoets = forms.CharField(
        label=_("Bevindingen van de privacytoets"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Bijvoorbeeld: steekproef van 20 precedenten gecontroleerd op namen, adressen en "
            "andere herleidbare gegevens; geen gevonden."
        ),
    )
    reden = forms.CharField(label=_("Reden van intrekken"), required=False, max_length=500)


def _zoeken(request):
    form = ZoekForm(request.GET or None)
    treffers = []
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        filters = selectors.Filters(
            regeling=d["regeling"],
            artikel=d["artikel"],
            fonds=d["fonds"],
            uitkomst=d["uitkomst"],
            besluit=d["besluit"],
        )
        treffers = selectors.precedenten_zoeken(
            medewerker=request.user, zoek=d["zoek"], filters=filters, limiet=50
        )
    elif not form.is_bound:
        treffers = selectors.precedenten_zoeken(medewerker=request.user, limiet=50)
    return form, treffers


@require_GET
@login_required
@domeinfouten
def precedenten(request):
    form, treffers = _zoeken(request)
    return render(
        request,
        "precedenten/precedenten.html",
        {
            "form": form,
            "fouten": foutoverzicht(form) if form.is_bound else [],
            "treffers": treffers,
            "publiceren": request.user.heeft_rol(Rol.PRIVACY),
        },
        status=400 if form.errors else 200,
    )


KOLOMMEN = [
    "gemeente",
    "doelgroep",
    "urgentie",
    "leeftijden",
    "domeinen",
    "knelpunten",
    "artikelen",
    "voorliggend",
    "doorbraak",
    "bedrag",
    "vorm",
    "fonds",
    "besluit",
    "motivering",
    "besloten_in",
    "uitkomst",
    "waarom_vergelijkbaar",
]


@require_GET
@login_required
@domeinfouten
def precedenten_csv(request):
    """The search result as CSV: the same anonymised fields as the page and the API."""
    _form, treffers = _zoeken(request)
    antwoord = HttpResponse(content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = 'attachment; filename="precedenten.csv"'
    schrijver = csv.writer(antwoord, delimiter=";")
    schrijver.writerow(KOLOMMEN)
    for t in treffers:
        p = t.precedent
        schrijver.writerow(
            [
                t.gemeente or request.user.gemeente.naam,
                p.doelgroep_naam,
                p.urgentie,
                ", ".join(f"{x['rol']} {x['band']}" for x in p.leeftijden),
                ", ".join(f"{d['naam']} {d['score']}" for d in p.domeinen),
                " | ".join(k["omschrijving"] for k in p.knelpunten),
                ", ".join(p.artikelen),
                ", ".join(f"{v['naam']}: {v['uitkomst']}" for v in p.voorliggend),
                p.doorbraak,
                f"{p.bedrag:.2f}",
                p.vorm,
                p.fonds_naam,
                p.besluit,
                p.motivering,
                p.besloten_in.strftime("%Y-%m"),
                p.uitkomst,
                t.waarom,
            ]
        )
    return antwoord


@require_GET
@login_required
@domeinfouten
def precedent(request, precedent_id):
    treffer = selectors.precedent_ophalen(medewerker=request.user, precedent_id=precedent_id)
    return render(request, "precedenten/precedent.html", {"t": treffer, "p": treffer.precedent})


@login_required
@domeinfouten
def regio(request):
    """The privacy officer publishes the gemeente's precedents to the region, or withdraws."""
    if not request.user.heeft_rol(Rol.PRIVACY):
        raise GeenToegang("Alleen de privacyfunctionaris publiceert precedenten in de regio.")
    form = PublicatieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("actie") == "intrekken":
                services.regio_intrekken(door=request.user, reden=form.cleaned_data["reden"])
                messages.success(request, _("De publicatie is ingetrokken."))
            else:
                services.regio_publiceren(
                    door=request.user, privacytoets=form.cleaned_data["privacytoets"]
                )
                messages.success(request, _("De precedenten zijn in de regio gepubliceerd."))
            return redirect("precedenten-regio")
        except DoorbraakFout as fout:
            op_formulier(fout, form)
    publicaties = Regiopublicatie.objects.filter(
        gemeente_id=request.user.gemeente_id
    ).select_related("getoetst_door", "ingetrokken_door")
    actief = next((p for p in publicaties if p.ingetrokken_op is None), None)
    return render(
        request,
        "precedenten/regio.html",
        {
            "form": form,
            "fouten": foutoverzicht(form) if form.errors else [],
            "publicaties": publicaties,
            "actief": actief,
            "gemeente": request.user.gemeente,
        },
        status=400 if form.errors else 200,
    )


# --- the block on the request form and the request page ---------------------------------------


def _mag(medewerker) -> bool:
    try:
        selectors.vereis_inzage(medewerker)
    except GeenToegang:
        return False
    return True


def vergelijkbaar_voor_aanvraag(medewerker, aanvraag):
    """The three closest precedents and the signals, for whoever may read precedents."""
    if not _mag(medewerker):
        return None
    return selectors.vergelijkbaar_voor_aanvraag(medewerker=medewerker, aanvraag=aanvraag)


def vergelijkbaar_voor_casus(medewerker, casus, form=None):
    if not _mag(medewerker):
        return None
    bedrag = None
    if form is not None and form.is_bound:
        try:
            bedrag = Decimal(str(form.data.get("bedrag", "")).replace(",", "."))
        except (InvalidOperation, ValueError):
            bedrag = None
        if bedrag is not None and (not bedrag.is_finite() or bedrag <= 0):
            bedrag = None
    return selectors.vergelijkbaar_voor_casus(
        medewerker=medewerker, casus_id=casus.pk, bedrag=bedrag
    )
