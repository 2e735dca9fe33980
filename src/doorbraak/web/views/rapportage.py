"""Reports for policy, management and finance: on screen and as CSV, XLSX and PDF; and the
signalen aan beleid that close the loop from casework to policy."""

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doorbraak import downloads
from doorbraak.fouten import Validatiefout
from doorbraak.rapportage import rapporten, selectors, services, toegang, verantwoording
from doorbraak.rapportage.bestanden import FORMATEN, bestand
from doorbraak.rapportage.models import OVERGANGEN, ExportStatus, SignaalStatus
from doorbraak.web.forms import UtrechtFormMixin
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier

logger = logging.getLogger(__name__)


class PeriodeForm(UtrechtFormMixin, forms.Form):
    van = forms.DateField(
        label=gettext_lazy("Van"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    tot = forms.DateField(
        label=gettext_lazy("Tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _periode(request) -> tuple[PeriodeForm, selectors.Periode | None]:
    standaard = selectors.periode()
    data = request.GET if "van" in request.GET or "tot" in request.GET else None
    form = PeriodeForm(data, initial={"van": standaard.van, "tot": standaard.tot})
    if data is None:
        return form, standaard
    if form.is_valid():
        try:
            return form, selectors.periode(form.cleaned_data["van"], form.cleaned_data["tot"])
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
    return form, None


def _toon(request, rapport, form, sjabloon="web/rapport.html", **extra):
    formaat = request.GET.get("formaat", "")
    if rapport is not None and formaat in FORMATEN:
        return bestand(request, rapport, formaat)
    if rapport is not None and extra.get("export_soort"):
        extra.update(_exports(request, extra["export_soort"]))
    zonder_formaat = request.GET.copy()
    zonder_formaat.pop("formaat", None)
    return render(
        request,
        sjabloon,
        {
            "rapport": rapport,
            "form": form,
            "fouten": foutoverzicht(form) if form.is_bound and form.errors else [],
            "querystring": zonder_formaat.urlencode(),
            **extra,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@domeinfouten
def overzicht(request):
    toegang.vereis_rapportage(request.user)
    form = _periode(request)[0]
    return render(
        request,
        "web/rapportages.html",
        {"form": form},
    )


@login_required
@domeinfouten
def knelpunten(request):
    toegang.vereis_rapportage(request.user)
    form, periode = _periode(request)
    rapport = groepen = None
    if periode:
        groepen = selectors.knelpunten(medewerker=request.user, periode=periode)
        rapport = rapporten.knelpuntenrapport(groepen, periode)
    return _toon(
        request,
        rapport,
        form,
        "web/rapport_knelpunten.html",
        groepen=groepen,
        kan_signaleren=request.user.heeft_rol("beleid"),
    )


@login_required
@domeinfouten
def evaluatie(request):
    toegang.vereis_rapportage(request.user)
    form, periode = _periode(request)
    rapport = None
    if periode:
        e = selectors.evaluatie(medewerker=request.user, periode=periode)
        if request.GET.get("soort") == "pilot":
            groepen = selectors.knelpunten(medewerker=request.user, periode=periode)
            signalen = list(selectors.signalen(medewerker=request.user))
            rapport = rapporten.pilotrapport(e, groepen, signalen)
        else:
            rapport = rapporten.evaluatierapport(e)
    soort = "pilot" if request.GET.get("soort") == "pilot" else "evaluatie"
    return _toon(request, rapport, form, export_soort=soort, periode=periode)


class JaarForm(UtrechtFormMixin, forms.Form):
    jaar = forms.IntegerField(label=gettext_lazy("Jaar"), min_value=2000, max_value=2100)


@login_required
@domeinfouten
def verantwoording_jaar(request):
    toegang.vereis_rapportage(request.user)
    form = JaarForm(request.GET if "jaar" in request.GET else None)
    jaar = timezone.localdate().year
    if form.is_bound:
        jaar = form.cleaned_data["jaar"] if form.is_valid() else None
    else:
        form = JaarForm(initial={"jaar": jaar})
    rapport = None
    if jaar:
        regels = verantwoording.verantwoording(medewerker=request.user, jaar=jaar)
        rapport = rapporten.verantwoordingsrapport(regels, jaar)
    return _toon(request, rapport, form, jaarkeuze=True, export_soort="verantwoording", jaar=jaar)


# --- report PDFs made on the background queue ----------------------------------------------


class ExportForm(forms.Form):
    soort = forms.ChoiceField(choices=[(s, s) for s in sorted(services.EXPORT_SOORTEN)])
    van = forms.DateField(required=False)
    tot = forms.DateField(required=False)
    jaar = forms.IntegerField(required=False, min_value=2000, max_value=2100)


def _exports(request, soort: str | None) -> dict:
    lijst = list(selectors.rapportexports(medewerker=request.user, soort=soort)[:5])
    return {
        "exports": lijst,
        "export_soort": soort or "",
        "exports_bezig": any(e.status == ExportStatus.WORDT_GEMAAKT for e in lijst),
    }


def _terug_naar_rapport(d: dict) -> str:
    from django.urls import reverse
    from django.utils.http import urlencode

    if d["soort"] == "verantwoording":
        return f"{reverse('rapport-verantwoording')}?{urlencode({'jaar': d['jaar']})}"
    query = {"van": d["van"].isoformat(), "tot": d["tot"].isoformat()}
    if d["soort"] == "pilot":
        query["soort"] = "pilot"
    return f"{reverse('rapport-evaluatie')}?{urlencode(query)}"


@login_required
@require_POST
@domeinfouten
def pdf_maken(request):
    """Ask for the report's PDF to be made on the background queue."""
    toegang.vereis_rapportage(request.user)
    form = ExportForm(request.POST)
    try:
        if not form.is_valid():
            raise Validatiefout(_("Onvolledige aanvraag voor een PDF."))
        d = form.cleaned_data
        export = services.rapportexport_aanvragen(
            medewerker=request.user,
            soort=d["soort"],
            van=d["van"],
            tot=d["tot"],
            jaar=d["jaar"],
            taal=get_language() or "nl",
        )
    except INVOERFOUTEN as fout:
        messages.error(request, fout.melding)
        return redirect("rapportages")
    messages.success(request, _("De PDF wordt gemaakt. U kunt hem straks hier downloaden."))
    return redirect(_terug_naar_rapport({**d, "van": export.van, "tot": export.tot}))


@login_required
@require_GET
@domeinfouten
def exports(request):
    """The user's background files as a fragment; the page polls it while one is being made."""
    toegang.vereis_rapportage(request.user)
    soort = request.GET.get("soort", "")
    return render(
        request,
        "web/rapport_exports.html",
        {**_exports(request, soort if soort in services.EXPORT_SOORTEN else None)},
    )


@login_required
@require_GET
@domeinfouten
def export_downloaden(request, export_id):
    """The finished file, only for the one who asked for it; every download is logged."""
    export = selectors.rapportexport_downloaden(medewerker=request.user, export_id=export_id)
    logger.info(
        "Rapport-PDF gedownload",
        extra={"export": str(export.pk), "gebruiker": request.user.username},
    )
    return downloads.bijlage(bytes(export.inhoud), "application/pdf", export.bestandsnaam)


# --- signalen aan beleid --------------------------------------------------------------------


class SignaalForm(UtrechtFormMixin, forms.Form):
    regeling = forms.CharField(label=gettext_lazy("Regeling"), max_length=80)
    artikel = forms.CharField(label=gettext_lazy("Artikel"), max_length=80, required=False)
    titel = forms.CharField(label=gettext_lazy("Titel"), max_length=200)
    omschrijving = forms.CharField(
        label=gettext_lazy("Wat knelt, en wat vraagt het van beleid?"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    aantal_huishoudens = forms.IntegerField(
        label=gettext_lazy("Aantal huishoudens (uit de analyse)"), min_value=0, required=False
    )


class BehandelForm(UtrechtFormMixin, forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Nieuwe status"))
    behandelaar = forms.CharField(
        label=gettext_lazy("Behandelaar bij beleid"), max_length=160, required=False
    )
    reactie = forms.CharField(
        label=gettext_lazy("Reactie van beleid"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@login_required
@domeinfouten
def signalen(request):
    lijst = list(selectors.signalen(medewerker=request.user))
    return render(
        request,
        "web/signalen.html",
        {"signalen": lijst, "kan_signaleren": request.user.heeft_rol("beleid")},
    )


@login_required
@domeinfouten
def signaal_nieuw(request):
    toegang.vereis_signaalbeheer(request.user)
    form = SignaalForm(request.POST or None, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.signaal_aanmaken(
                door=request.user,
                regeling=d["regeling"],
                artikel=d["artikel"],
                titel=d["titel"],
                omschrijving=d["omschrijving"],
                aantal_huishoudens=d["aantal_huishoudens"] or 0,
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, _("Het signaal staat klaar voor beleid."))
            return redirect("signalen")
    return render(
        request,
        "web/signaal_nieuw.html",
        {"form": form, "fouten": foutoverzicht(form) if form.is_bound else []},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@domeinfouten
def signaal(request, signaal_id):
    gevonden = selectors.signalen(medewerker=request.user).filter(pk=signaal_id).first()
    if gevonden is None:
        from django.http import Http404

        raise Http404
    form = BehandelForm(request.POST or None)
    form.fields["status"].choices = [
        (s, SignaalStatus(s).label) for s in sorted(OVERGANGEN[gevonden.status])
    ]
    if request.method == "POST":
        toegang.vereis_signaalbeheer(request.user)
        if form.is_valid():
            try:
                services.signaal_behandelen(
                    door=request.user,
                    signaal_id=gevonden.pk,
                    naar=form.cleaned_data["status"],
                    reactie=form.cleaned_data["reactie"],
                    behandelaar=form.cleaned_data["behandelaar"],
                )
            except INVOERFOUTEN as fout:
                op_formulier(fout, form)
            else:
                messages.success(request, _("Het signaal is bijgewerkt."))
                return redirect("signaal", signaal_id=gevonden.pk)
    return render(
        request,
        "web/signaal.html",
        {
            "signaal": gevonden,
            "form": form,
            "fouten": foutoverzicht(form) if form.is_bound else [],
            "kan_behandelen": request.user.heeft_rol("beleid") and form.fields["status"].choices,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
