"""Editing the doorbraakplan and recording a new measurement of the domain scores."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from doorbraak.casussen import selectors, services, toegang
from doorbraak.organisaties.models import Leefgebied
from doorbraak.organisaties.standaard import SCHAAL
from doorbraak.web.forms import (
    ActiesFormSet,
    DatumInvoer,
    GezinslidForm,
    KnelpuntenFormSet,
    KostenRegelsFormSet,
    MkbaRegelsFormSet,
    PlanForm,
    UtrechtFormMixin,
    behouden,
)
from doorbraak.web.forms_huishoudplan import EigenPlanForm, NetwerkFormSet
from doorbraak.web.views import huishoudplan
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier
from doorbraak.web.views.kosten_berekenen import kengetalkeuzes

# --- doorbraakplan ------------------------------------------------------------------------------


@login_required
@domeinfouten
def plan_bewerken(request, casus_id):
    toegang.vereis_casuswerk(request.user)
    casus = selectors.casus_onderdeel_inzien(
        medewerker=request.user,
        casus_id=casus_id,
        onderdeel="doorbraakplan",
        prefetch=("doorbraakplan__knelpunten", "doorbraakplan__acties", "doorbraakplan__netwerk"),
    )
    plan = casus.doorbraakplan
    if request.method == "POST":
        plan_form = PlanForm(request.POST, prefix="plan")
        # The household's own part is posted by this page; a client without it leaves it.
        eigen = "netwerk-TOTAL_FORMS" in request.POST
        eigen_form = EigenPlanForm(request.POST if eigen else None, prefix="eigen")
        knelpunten = KnelpuntenFormSet(request.POST, prefix="knelpunten")
        acties = ActiesFormSet(request.POST, prefix="acties")
        netwerk = NetwerkFormSet(request.POST if eigen else None, prefix="netwerk")
        delen = (plan_form, knelpunten, acties) + ((eigen_form, netwerk) if eigen else ())
        if all(f.is_valid() for f in delen):
            try:
                services.doorbraakplan_opslaan(
                    door=request.user,
                    casus_id=casus.pk,
                    invoer=services.PlanInvoer(
                        situatie=plan_form.cleaned_data["situatie"],
                        perspectief=plan_form.cleaned_data["perspectief"],
                        doorbraak=plan_form.cleaned_data["doorbraak"],
                        knelpunten=_items(knelpunten),
                        acties=_items(acties),
                        eigen_woorden=eigen_form.cleaned_data["eigen_woorden"] if eigen else None,
                        krachten=eigen_form.cleaned_data["krachten"] if eigen else None,
                        netwerk=_items(netwerk) if eigen else None,
                    ),
                )
            except INVOERFOUTEN as fout:
                op_formulier(
                    fout,
                    plan_form,
                    {"knelpunten": knelpunten, "acties": acties, "netwerk": netwerk},
                )
            else:
                messages.success(request, _("Het doorbraakplan is opgeslagen."))
                return redirect(reverse("dossier", args=[casus.pk]) + "#plan")
    else:
        plan_form = PlanForm(
            prefix="plan",
            initial={
                "situatie": plan.situatie,
                "perspectief": plan.perspectief,
                "doorbraak": plan.doorbraak,
            },
        )
        eigen_form = EigenPlanForm(
            prefix="eigen",
            initial={"eigen_woorden": plan.eigen_woorden, "krachten": plan.krachten},
        )
        netwerk = NetwerkFormSet(
            prefix="netwerk",
            initial=[
                {"id": n.pk, "naam": n.naam, "rol": n.rol, "bijdrage": n.bijdrage}
                for n in plan.netwerk.all()
            ],
        )
        knelpunten = KnelpuntenFormSet(
            prefix="knelpunten",
            initial=[
                {
                    "id": k.pk,
                    "omschrijving": k.omschrijving,
                    "soort": k.soort,
                    "regeling": k.regeling,
                    "artikel": k.artikel,
                }
                for k in plan.knelpunten.all()
            ],
        )
        acties = ActiesFormSet(
            prefix="acties",
            initial=[
                {
                    "id": a.pk,
                    "omschrijving": a.omschrijving,
                    "eigenaar": a.eigenaar,
                    "deadline": a.deadline,
                    "gereed": a.gereed,
                }
                for a in plan.acties.all()
            ],
        )
    return render(
        request,
        "web/plan.html",
        {
            "casus": casus,
            "plan_form": plan_form,
            "eigen_form": eigen_form,
            "knelpunten": knelpunten,
            "acties": acties,
            "netwerk": netwerk,
            "fouten": (
                foutoverzicht(plan_form, eigen_form, knelpunten, acties, netwerk)
                if plan_form.is_bound
                else []
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


def _items(formset) -> list[dict]:
    """The kept rows as the service takes them; an empty `id` means a new row."""
    items = []
    for form in behouden(formset):
        data = {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        if data.get("id") is None:
            data.pop("id", None)
        items.append(data)
    return items


# --- a new row of a list in a form, added in place with htmx ---------------------------------


def _geen(request) -> dict:
    return {}


def _kengetallen(request) -> dict:
    return {"kengetallen": kengetalkeuzes(request.user)}


# soort → (formset, row template, the keyword arguments its forms need for this user)
RIJEN = {
    "knelpunten": (KnelpuntenFormSet, "web/rij_knelpunt.html", _geen),
    "acties": (ActiesFormSet, "web/rij_actie.html", _geen),
    "netwerk": (NetwerkFormSet, "web/rij_netwerklid.html", _geen),
    "gezinsleden": (forms.formset_factory(GezinslidForm), "web/rij_gezinslid.html", _geen),
    "huidig_pad": (MkbaRegelsFormSet, "web/rij_mkba.html", _kengetallen),
    "doorbraak": (MkbaRegelsFormSet, "web/rij_mkba.html", _kengetallen),
    "doorbraak_kosten": (KostenRegelsFormSet, "web/rij_kosten.html", _geen),
}


@require_GET
@login_required
@domeinfouten
def nieuwe_rij(request, soort):
    toegang.vereis_casuswerk(request.user)
    if soort not in RIJEN:
        raise Http404
    formset_klasse, sjabloon, form_kwargs = RIJEN[soort]
    try:
        index = max(0, min(int(request.GET.get("index", "0")), 49))
    except ValueError:
        index = 0
    form = formset_klasse(prefix=soort, form_kwargs=form_kwargs(request)).empty_form
    form.prefix = f"{soort}-{index}"
    return render(request, sjabloon, {"form": form, "index": index, "nieuw": True})


# --- domeinscores ---------------------------------------------------------------------------

SCORE_KEUZES = [("", gettext_lazy("niet gemeten"))] + [
    (str(i), f"{i}{' – ' + SCHAAL[i] if i in SCHAAL else ''}") for i in range(1, 6)
]


def _scoreformulier(leefgebieden, data=None, initial=None):
    velden = {
        "datum": forms.DateField(
            label=gettext_lazy("Datum van de meting"),
            widget=DatumInvoer(),
            initial=timezone.localdate,
        )
    }
    for lg in leefgebieden:
        velden[f"score_{lg.code}"] = forms.ChoiceField(
            label=lg.naam, choices=SCORE_KEUZES, required=False
        )
        velden[f"toelichting_{lg.code}"] = forms.CharField(
            label=gettext_lazy("Toelichting bij %(naam)s") % {"naam": lg.naam},
            required=False,
            max_length=2000,
        )
    klasse = type("DomeinscoresForm", (UtrechtFormMixin, forms.Form), velden)
    return klasse(data, initial=initial)


@login_required
@domeinfouten
def domeinscores(request, casus_id):
    toegang.vereis_casuswerk(request.user)
    casus = selectors.casus_onderdeel_inzien(
        medewerker=request.user,
        casus_id=casus_id,
        onderdeel="domeinscores",
        prefetch=("metingen__scores__leefgebied",),
    )
    leefgebieden = list(Leefgebied.objects.filter(gemeente_id=casus.gemeente_id, actief=True))
    metingen = list(casus.metingen.all())
    laatste = {s.leefgebied.code: s.score for s in metingen[-1].scores.all()} if metingen else {}
    if request.method == "POST":
        form = _scoreformulier(leefgebieden, request.POST)
        if form.is_valid():
            scores = [
                services.Score(
                    lg.code,
                    int(form.cleaned_data[f"score_{lg.code}"]),
                    form.cleaned_data[f"toelichting_{lg.code}"],
                )
                for lg in leefgebieden
                if form.cleaned_data[f"score_{lg.code}"]
            ]
            if form.cleaned_data["datum"] > timezone.localdate():
                form.add_error("datum", _("Kies een datum die niet in de toekomst ligt."))
            elif not scores:
                form.add_error(None, _("Geef minstens één leefgebied een score."))
            else:
                try:
                    services.domeinscores_vastleggen(
                        door=request.user,
                        casus_id=casus.pk,
                        scores=scores,
                        datum=form.cleaned_data["datum"],
                    )
                except INVOERFOUTEN as fout:
                    op_formulier(fout, form)
                else:
                    messages.success(request, _("De domeinscores zijn vastgelegd."))
                    return redirect(reverse("dossier", args=[casus.pk]) + "#domeinscores")
    else:
        form = _scoreformulier(
            leefgebieden, initial={f"score_{c}": str(s) for c, s in laatste.items()}
        )
    rijen = [
        (lg, form[f"score_{lg.code}"], form[f"toelichting_{lg.code}"], laatste.get(lg.code))
        for lg in leefgebieden
    ]
    return render(
        request,
        "web/domeinscores.html",
        {
            "casus": casus,
            "form": form,
            "rijen": rijen,
            "schaal": SCHAAL,
            "kan_werken": toegang.mag_werken(request.user),
            "kan_bijwerken": toegang.mag_bijwerken(request.user, casus),
            **huishoudplan.meldcode_context(casus),
            "fouten": foutoverzicht(form) if form.is_bound else [],
        },
        status=400 if request.method == "POST" else 200,
    )
