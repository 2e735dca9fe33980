"""The household's own plan on paper, documents on the dossier, the meldcode prompt and a
partner reporting its own afspraak done (issue 17). Views stay thin: services change, selectors
read and log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doorbraak import downloads, opmaak
from doorbraak.casussen import meldcode, selectors, services
from doorbraak.casussen import toegang as casus_toegang
from doorbraak.documenten import selectors as documenten_selectors
from doorbraak.documenten import services as documenten_services
from doorbraak.documenten.models import DocumentSoort
from doorbraak.organisaties.models import Medewerker
from doorbraak.overleg import selectors as overleg_selectors
from doorbraak.overleg import services as overleg_services
from doorbraak.web.forms_huishoudplan import AfspraakGereedForm, DocumentForm, MeldcodeForm
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier


def meldcode_context(casus, **gelezen) -> dict:
    """`gelezen`: the measurements and scores as rows, where the page read them (the dossier)."""
    return {
        "meldcode": selectors.meldcodesignaal(casus=casus, **gelezen),
        "meldcode_stappen": meldcode.STAPPEN,
        "veilig_thuis": meldcode.VEILIG_THUIS,
    }


def dossier_context(request, casus, metingen: list, scores: list) -> dict:
    """What the dossier's own sections of this work show (documents, meldcode), with the
    measurements and scores the dossier read as rows."""
    return {
        "documenten": documentregels(documenten_selectors.documenten_bij(casus=casus)),
        **meldcode_context(casus, metingen=metingen, scores=scores),
    }


# --- documents ----------------------------------------------------------------------------------


def documentregels(documenten: list[tuple]) -> list[dict]:
    """The documents as listed (rows of `documenten_bij`): the kind's label and who added them
    ('' when nobody is known), worked out once here."""
    soorten = opmaak.labels_van(DocumentSoort)
    return [
        {
            "pk": pk,
            "titel": titel,
            "soort": soorten.get(soort, soort),
            "toegevoegd_op": op,
            "bestandsnaam": bestandsnaam,
            "grootte": grootte,
            "door": Medewerker.naam_uit(*naam) if door_id else "",
        }
        for pk, titel, soort, op, bestandsnaam, grootte, door_id, *naam in documenten
    ]


@login_required
@domeinfouten
def documenten(request, casus_id):
    """The case's documents and the upload form; errors beside the field, nothing stored."""
    casus = selectors.casus_onderdeel_inzien(
        medewerker=request.user, casus_id=casus_id, onderdeel="documenten"
    )
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            documenten_services.document_toevoegen(
                door=request.user,
                casus_id=casus.pk,
                soort=form.cleaned_data["soort"],
                titel=form.cleaned_data["titel"],
                bestandsnaam=bestand.name,
                inhoud=bestand.read(),
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, _("Het document is toegevoegd."))
            return redirect(reverse("dossier", args=[casus.pk]) + "#documenten")
    return render(
        request,
        "web/documenten.html",
        {
            "casus": casus,
            "form": form,
            "documenten": documentregels(documenten_selectors.documenten_bij(casus=casus)),
            "kan_bijwerken": casus_toegang.mag_bijwerken(request.user, casus),
            "fouten": foutoverzicht(form) if form.is_bound else [],
        },
        status=400 if form.is_bound else 200,
    )


@require_GET
@login_required
@domeinfouten
def document_downloaden(request, document_id):
    document, inhoud = documenten_selectors.document_downloaden(
        medewerker=request.user, document_id=document_id
    )
    # nosniff and no-store come from the middleware, as for every response
    return downloads.bijlage(inhoud, document.mediatype, document.bestandsnaam)


@require_POST
@login_required
@domeinfouten
def document_verwijderen(request, casus_id, document_id):
    try:
        documenten_services.document_verwijderen(
            door=request.user, casus_id=casus_id, document_id=document_id
        )
    except INVOERFOUTEN as fout:
        messages.error(request, fout.melding)
    else:
        messages.success(request, _("Het document is verwijderd."))
    return redirect(reverse("dossier", args=[casus_id]) + "#documenten")


# --- the household's own plan on paper ----------------------------------------------------------


@require_GET
@login_required
@domeinfouten
def plan_pdf(request, casus_id):
    """The plan for the kitchen table: plain Dutch (B1), no codes, no amounts."""
    casus = selectors.casus_onderdeel_inzien(
        medewerker=request.user,
        casus_id=casus_id,
        onderdeel="plan voor het huishouden (PDF)",
        prefetch=("doorbraakplan__acties", "doorbraakplan__netwerk", "hulpverleners"),
    )
    plan = casus.doorbraakplan
    acties = list(plan.acties.all())
    context = {
        "casus": casus,
        "plan": plan,
        "netwerk": list(plan.netwerk.all()),
        "hulpverleners": list(casus.hulpverleners.all()),
        "te_doen": [a for a in acties if not a.gereed],
        "gedaan": [a for a in acties if a.gereed],
        "regisseur": casus.regisseur,
        "vandaag": timezone.localdate(),
    }
    inhoud = downloads.pdf("web/plan_huishouden_pdf.html", context, request)
    naam = slugify(f"plan-{casus.huishouden.naam}")
    return downloads.bijlage(inhoud, "application/pdf", f"{naam}.pdf")


# --- the meldcode -------------------------------------------------------------------------------


@login_required
@domeinfouten
def meldcode_afwegen(request, casus_id):
    casus = selectors.casus_onderdeel_inzien(
        medewerker=request.user,
        casus_id=casus_id,
        onderdeel="meldcode",
        prefetch=("metingen__scores__leefgebied",),
    )
    form = MeldcodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meldcode_afweging_vastleggen(
                door=request.user,
                casus_id=casus.pk,
                besluit=form.cleaned_data["besluit"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, _("De afweging van de meldcode is vastgelegd."))
            return redirect(reverse("dossier", args=[casus.pk]) + "#meldcode")
    afwegingen = selectors.meldcode_afwegingen(casus=casus)
    return render(
        request,
        "web/meldcode.html",
        {
            "casus": casus,
            "kan_bijwerken": casus_toegang.mag_bijwerken(request.user, casus),
            "form": form,
            "signaal": meldcode.signaal(casus.metingen.all(), afwegingen),
            "afwegingen": afwegingen,
            "meldcode_stappen": meldcode.STAPPEN,
            "veilig_thuis": meldcode.VEILIG_THUIS,
            "fouten": foutoverzicht(form) if form.is_bound else [],
        },
        status=400 if form.is_bound else 200,
    )


# --- a partner's own afspraak -------------------------------------------------------------------


@login_required
@domeinfouten
def afspraak_gereed(request, afspraak_id):
    afspraak = overleg_selectors.eigen_afspraak_inzien(
        medewerker=request.user, afspraak_id=afspraak_id
    )
    form = AfspraakGereedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            overleg_services.afspraak_gereed_melden(
                door=request.user,
                afspraak_id=afspraak.pk,
                toelichting=form.cleaned_data["toelichting"],
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, _("Dank u. De afspraak is gereed gemeld bij de regisseur."))
            return redirect("bijeenkomst", afspraak.agendapunt.bijeenkomst_id)
    return render(
        request,
        "web/afspraak_gereed.html",
        {
            "afspraak": afspraak,
            "bijeenkomst": afspraak.agendapunt.bijeenkomst,
            "form": form,
            "fouten": foutoverzicht(form) if form.is_bound else [],
        },
        status=400 if form.is_bound else 200,
    )
