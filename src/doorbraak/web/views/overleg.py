"""Casusoverleg pages: the tables, a meeting with its agenda and verslag, a case brief with the
table's decision, and the case's tables from the dossier (agenda, ground, escalation)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doorbraak import downloads
from doorbraak.casussen import toegang as casus_toegang
from doorbraak.fouten import GeenToegang, NietGevonden
from doorbraak.overleg import brief as brief_opbouw
from doorbraak.overleg import selectors, services, toegang
from doorbraak.overleg.models import Richting
from doorbraak.web.forms_overleg import (
    AanwezigenForm,
    AfschalenForm,
    AfsprakenFormSet,
    AgenderenForm,
    BesluitForm,
    BijeenkomstForm,
    EscalatieForm,
    GrondslagForm,
    VerslagForm,
)
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier

# --- the tables ---------------------------------------------------------------------------------


@require_GET
@login_required
@domeinfouten
def overleggen(request):
    tafels = list(selectors.overleggen_voor(medewerker=request.user))
    vandaag = timezone.localdate()
    bijeenkomsten = list(
        selectors.bijeenkomsten_voor(medewerker=request.user).filter(datum__gte=vandaag)
    )
    volgende = {}
    for b in sorted(bijeenkomsten, key=lambda b: b.datum):
        volgende.setdefault(b.overleg_id, b)
    for t in tafels:
        t.volgende = volgende.get(t.pk)
    return render(
        request,
        "web/overleggen.html",
        {
            "overleggen": tafels,
            "kan_inrichten": request.user.heeft_rol("manager", "beheer"),
        },
    )


@login_required
@domeinfouten
def overleg(request, overleg_id):
    tafel = selectors.overleg_inzien(medewerker=request.user, overleg_id=overleg_id)
    kan_voorzitten = toegang.mag_voorzitten(request.user, tafel)
    form = BijeenkomstForm(request.POST or None)
    if request.method == "POST":
        toegang.vereis_voorzitter(request.user, tafel)
        if form.is_valid():
            try:
                bijeenkomst = services.bijeenkomst_plannen(
                    door=request.user, overleg_id=tafel.pk, **form.cleaned_data
                )
            except INVOERFOUTEN as fout:
                op_formulier(fout, form)
            else:
                messages.success(request, _("De bijeenkomst is gepland."))
                return redirect("bijeenkomst", bijeenkomst.pk)
    bijeenkomsten = list(selectors.bijeenkomsten_voor(medewerker=request.user, overleg_id=tafel.pk))
    vandaag = timezone.localdate()
    return render(
        request,
        "web/overleg.html",
        {
            "overleg": tafel,
            "komend": sorted(
                (b for b in bijeenkomsten if b.datum >= vandaag), key=lambda b: b.datum
            ),
            "geweest": [b for b in bijeenkomsten if b.datum < vandaag][:20],
            "kan_voorzitten": kan_voorzitten,
            "form": form,
            "lid_form": _lidformulier(request) if kan_voorzitten else None,
            "fouten": foutoverzicht(form) if form.is_bound else [],
        },
        status=400 if form.is_bound else 200,
    )


# --- a meeting ----------------------------------------------------------------------------------


def _bijeenkomst_context(request, bijeenkomst_id, **formulieren) -> dict:
    bijeenkomst, agenda = selectors.bijeenkomst_inzien(
        medewerker=request.user, bijeenkomst_id=bijeenkomst_id
    )
    tafel = bijeenkomst.overleg
    kan_voorzitten = toegang.mag_voorzitten(request.user, tafel)
    leden = [
        (lid.medewerker, f"{lid.medewerker.naam} ({lid.organisatie})")
        for lid in tafel.leden.select_related("medewerker")
    ]
    if tafel.voorzitter and all(m.pk != tafel.voorzitter_id for m, _ in leden):
        leden.insert(0, (tafel.voorzitter, f"{tafel.voorzitter.naam} ({_('voorzitter')})"))
    aanwezig = {m.pk for m in bijeenkomst.aanwezigen.all()}
    verslag_form = formulieren.get("verslag_form") or VerslagForm(
        initial={"verslag": bijeenkomst.verslag}
    )
    eigen = set(selectors.eigen_afspraken(medewerker=request.user).values_list("pk", flat=True))
    for punt in agenda:  # a partner reports its own open afspraken done (issue 17)
        for afspraak in punt.afspraken.all():
            afspraak.eigen = afspraak.pk in eigen
    return {
        "bijeenkomst": bijeenkomst,
        "overleg": tafel,
        "agenda": agenda,
        "kan_voorzitten": kan_voorzitten,
        "leden": [(m, naam, m.pk in aanwezig) for m, naam in leden],
        "aanwezigen": [naam for m, naam in leden if m.pk in aanwezig],
        "venster": bijeenkomst.venster(),
        "verslag_form": verslag_form,
        "fouten": foutoverzicht(verslag_form) if verslag_form.is_bound else [],
    }


@require_GET
@login_required
@domeinfouten
def bijeenkomst(request, bijeenkomst_id):
    return render(request, "web/bijeenkomst.html", _bijeenkomst_context(request, bijeenkomst_id))


@require_POST
@login_required
@domeinfouten
def agendapunt_verplaatsen(request, agendapunt_id):
    punt = selectors.agendapunt_ophalen(medewerker=request.user, agendapunt_id=agendapunt_id)
    services.agendapunt_verplaatsen(
        door=request.user, agendapunt_id=punt.pk, omhoog=request.POST.get("richting") == "omhoog"
    )
    return redirect(reverse("bijeenkomst", args=[punt.bijeenkomst_id]) + "#agenda")


@require_POST
@login_required
@domeinfouten
def aanwezigen(request, bijeenkomst_id):
    b = selectors.bijeenkomst_ophalen(medewerker=request.user, bijeenkomst_id=bijeenkomst_id)
    leden = [(lid.medewerker, "") for lid in b.overleg.leden.select_related("medewerker")]
    if b.overleg.voorzitter:
        leden.append((b.overleg.voorzitter, ""))
    form = AanwezigenForm(request.POST, leden=leden)
    if form.is_valid():
        services.aanwezigheid_vastleggen(
            door=request.user,
            bijeenkomst_id=b.pk,
            aanwezigen=[int(pk) for pk in form.cleaned_data["aanwezigen"]],
        )
        messages.success(request, _("De aanwezigheid is vastgelegd."))
    return redirect(reverse("bijeenkomst", args=[b.pk]) + "#aanwezig")


@require_POST
@login_required
@domeinfouten
def open_afspraken_meenemen(request, bijeenkomst_id):
    aantal = services.open_afspraken_meenemen(door=request.user, bijeenkomst_id=bijeenkomst_id)
    messages.success(
        request,
        _("%(aantal)s casus(sen) met open afspraken op de agenda gezet.") % {"aantal": aantal},
    )
    return redirect(reverse("bijeenkomst", args=[bijeenkomst_id]) + "#agenda")


@require_POST
@login_required
@domeinfouten
def verslag(request, bijeenkomst_id):
    if request.POST.get("actie") == "opstellen":
        services.verslag_opstellen(door=request.user, bijeenkomst_id=bijeenkomst_id)
        messages.success(request, _("Het verslag is opgesteld uit de agendapunten."))
        return redirect(reverse("bijeenkomst", args=[bijeenkomst_id]) + "#verslag")
    form = VerslagForm(request.POST)
    if form.is_valid():
        try:
            services.verslag_opslaan(
                door=request.user, bijeenkomst_id=bijeenkomst_id, tekst=form.cleaned_data["verslag"]
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, _("Het verslag is opgeslagen."))
            return redirect(reverse("bijeenkomst", args=[bijeenkomst_id]) + "#verslag")
    context = _bijeenkomst_context(request, bijeenkomst_id, verslag_form=form)
    return render(request, "web/bijeenkomst.html", context, status=400)


@require_GET
@login_required
@domeinfouten
def verslag_pdf(request, bijeenkomst_id):
    """The verslag as a PDF (WeasyPrint), for the members and the file."""
    context = _bijeenkomst_context(request, bijeenkomst_id)
    if not context["bijeenkomst"].in_venster:
        raise GeenToegang(
            _("Het verslag is alleen in te zien binnen het venster van de bijeenkomst.")
        )
    b = context["bijeenkomst"]
    naam = slugify(f"verslag-{b.overleg.naam}-{b.datum:%Y-%m-%d}")
    inhoud = downloads.pdf("web/verslag_pdf.html", context, request)
    return downloads.bijlage(inhoud, "application/pdf", f"{naam}.pdf")


# --- the brief and the decision -------------------------------------------------------------------


def _afspraken(formset) -> list[services.AfspraakInvoer]:
    return [
        services.AfspraakInvoer(
            f.cleaned_data["wat"], f.cleaned_data["wie"], f.cleaned_data.get("deadline")
        )
        for f in formset.forms
        if f.has_changed()
    ]


@login_required
@domeinfouten
def agendapunt(request, agendapunt_id):
    punt, brief = selectors.casusbrief_inzien(medewerker=request.user, agendapunt_id=agendapunt_id)
    kan_voorzitten = toegang.mag_voorzitten(request.user, punt.bijeenkomst.overleg)
    besluit = BesluitForm(request.POST or None, prefix="besluit")
    afspraken = AfsprakenFormSet(request.POST or None, prefix="afspraken")
    if request.method == "POST":
        toegang.vereis_voorzitter(request.user, punt.bijeenkomst.overleg)
        if besluit.is_valid() and afspraken.is_valid():
            try:
                services.besluit_vastleggen(
                    door=request.user,
                    agendapunt_id=punt.pk,
                    conclusie=besluit.cleaned_data["conclusie"],
                    afspraken=_afspraken(afspraken),
                )
            except INVOERFOUTEN as fout:
                op_formulier(fout, besluit, {"afspraken": afspraken})
            else:
                messages.success(
                    request,
                    _("Het besluit is vastgelegd; de afspraken staan in het doorbraakplan."),
                )
                return redirect(reverse("bijeenkomst", args=[punt.bijeenkomst_id]) + "#agenda")
    return render(
        request,
        "web/agendapunt.html",
        {
            "punt": punt,
            "brief": brief,
            "bijeenkomst": punt.bijeenkomst,
            "kan_voorzitten": kan_voorzitten,
            "kan_dossier": toegang.is_intern(request.user),
            "besluit": besluit,
            "afspraken": afspraken,
            "fouten": foutoverzicht(besluit, afspraken) if besluit.is_bound else [],
        },
        status=400 if besluit.is_bound else 200,
    )


@login_required
@domeinfouten
def brief_voorbeeld(request, agendapunt_id):
    """The regisseur selects per category what one partner organisation reads, and sees exactly
    the brief that partner will see (composed by the same function as the partner's own view)."""
    from doorbraak.web.forms_overleg import BriefdelenForm

    casus_toegang.vereis_casuswerk(request.user)
    punt = selectors.agendapunt_ophalen(medewerker=request.user, agendapunt_id=agendapunt_id)
    organisaties = selectors.partnerorganisaties(punt.bijeenkomst.overleg)
    gekozen = request.GET.get("organisatie") or (organisaties[0] if organisaties else "")
    form = None
    if gekozen:
        opgeslagen = selectors.briefdelen_voor(
            medewerker=request.user, agendapunt_id=punt.pk, organisatie=gekozen
        )
        form = BriefdelenForm(request.POST or None, initial=opgeslagen, prefix="deel")
        if request.method == "POST" and form.is_valid():
            try:
                services.briefdelen_vastleggen(
                    door=request.user,
                    agendapunt_id=punt.pk,
                    organisatie=gekozen,
                    teksten=form.cleaned_data,
                )
            except INVOERFOUTEN as fout:
                op_formulier(fout, form)
            else:
                messages.success(request, _("De selectie voor deze partner is opgeslagen."))
                return redirect(
                    reverse("brief-voorbeeld", args=[punt.pk])
                    + "?"
                    + urlencode({"organisatie": gekozen})
                )
    elif request.method == "POST":
        raise NietGevonden(_("Deze tafel heeft geen partnerorganisaties."))
    brief = achtergehouden = None
    if gekozen:
        punt, brief = selectors.casusbrief_inzien(
            medewerker=request.user, agendapunt_id=punt.pk, voor_organisatie=gekozen
        )
        achtergehouden = brief_opbouw.achtergehouden(punt.deling, opgeslagen)
    fout = form is not None and form.is_bound
    return render(
        request,
        "web/brief_voorbeeld.html",
        {
            "punt": punt,
            "bijeenkomst": punt.bijeenkomst,
            "organisaties": organisaties,
            "gekozen": gekozen,
            "form": form,
            "brief": brief,
            "achtergehouden": achtergehouden,
            "fouten": foutoverzicht(form) if fout else [],
        },
        status=400 if fout else 200,
    )


# --- the case's tables (from the dossier) -------------------------------------------------------


def _casus_context(request, casus_id, **formulieren) -> dict:
    context = selectors.casus_tafels(medewerker=request.user, casus_id=casus_id)
    andere = [o for o in context["overleggen"] if o != context["huidige_tafel"]]
    kan_afschalen = bool(context["escalaties"]) and any(
        e.richting == Richting.OPSCHALEN for e in context["escalaties"]
    )
    context.update(
        {
            "kan_werken": casus_toegang.mag_bijwerken(request.user, context["casus"]),
            "kan_afschalen": kan_afschalen,
            "agenderen_form": formulieren.get("agenderen_form")
            or AgenderenForm(bijeenkomsten=context["komende_bijeenkomsten"]),
            "grondslag_form": formulieren.get("grondslag_form")
            or GrondslagForm(overleggen=context["overleggen"]),
            "escalatie_form": formulieren.get("escalatie_form") or EscalatieForm(overleggen=andere),
            "afschalen_form": formulieren.get("afschalen_form") or AfschalenForm(),
        }
    )
    gebonden = [f for f in formulieren.values() if f.is_bound]
    context["fouten"] = foutoverzicht(*gebonden) if gebonden else []
    return context


def _terug(casus_id, anker: str):
    return redirect(reverse("casus-overleg", args=[casus_id]) + anker)


@login_required
@domeinfouten
def casus_overleg(request, casus_id):
    return render(request, "web/casus_overleg.html", _casus_context(request, casus_id))


def _opnieuw(request, casus_id, **formulieren):
    return render(
        request,
        "web/casus_overleg.html",
        _casus_context(request, casus_id, **formulieren),
        status=400,
    )


@require_POST
@login_required
@domeinfouten
def agenderen(request, casus_id):
    tafels = selectors.casus_tafels(medewerker=request.user, casus_id=casus_id)
    form = AgenderenForm(request.POST, bijeenkomsten=tafels["komende_bijeenkomsten"])
    if form.is_valid():
        try:
            services.agendapunt_toevoegen(
                door=request.user,
                bijeenkomst_id=form.cleaned_data["bijeenkomst"],
                casus_id=casus_id,
                vraag=form.cleaned_data["vraag"],
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, _("De casus staat op de agenda."))
            return _terug(casus_id, "#agendapunten")
    return _opnieuw(request, casus_id, agenderen_form=form)


@require_POST
@login_required
@domeinfouten
def grondslag(request, casus_id):
    tafels = selectors.casus_tafels(medewerker=request.user, casus_id=casus_id)
    form = GrondslagForm(request.POST, overleggen=tafels["overleggen"])
    if form.is_valid():
        try:
            services.deelgrondslag_vastleggen(
                door=request.user,
                casus_id=casus_id,
                soort=form.cleaned_data["soort"],
                toestemming_datum=form.cleaned_data["toestemming_datum"],
                reikwijdte=form.cleaned_data["reikwijdte"],
                wettelijke_grondslag=form.cleaned_data["wettelijke_grondslag"],
                overleg_id=form.cleaned_data["overleg"] or None,
                categorieen=form.cleaned_data["categorieen"],
                organisatie=form.cleaned_data["organisatie"],
                toestemming_van=form.cleaned_data["toestemming_van"],
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, _("De grondslag voor delen is vastgelegd."))
            return _terug(casus_id, "#grondslag")
    return _opnieuw(request, casus_id, grondslag_form=form)


@require_POST
@login_required
@domeinfouten
def grondslag_intrekken(request, casus_id, grondslag_id):
    services.deelgrondslag_intrekken(
        door=request.user, casus_id=casus_id, grondslag_id=grondslag_id
    )
    messages.success(
        request, _("De grondslag is ingetrokken; de tafel ziet de casus weer gepseudonimiseerd.")
    )
    return _terug(casus_id, "#grondslag")


@require_POST
@login_required
@domeinfouten
def escaleren(request, casus_id):
    tafels = selectors.casus_tafels(medewerker=request.user, casus_id=casus_id)
    form = EscalatieForm(request.POST, overleggen=tafels["overleggen"])
    if form.is_valid():
        try:
            services.casus_escaleren(
                door=request.user,
                casus_id=casus_id,
                naar_overleg_id=form.cleaned_data["naar_overleg"],
                reden=form.cleaned_data["reden"],
                urgentie=form.cleaned_data["urgentie"],
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, _("De casus is opgeschaald."))
            return _terug(casus_id, "#escalatie")
    return _opnieuw(request, casus_id, escalatie_form=form)


@require_POST
@login_required
@domeinfouten
def afschalen(request, casus_id):
    form = AfschalenForm(request.POST)
    if form.is_valid():
        try:
            services.casus_afschalen(
                door=request.user, casus_id=casus_id, reden=form.cleaned_data["reden"]
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, _("De casus is afgeschaald."))
            return _terug(casus_id, "#escalatie")
    return _opnieuw(request, casus_id, afschalen_form=form)


def _lidformulier(request):
    from doorbraak.web.forms_overleg import LidForm

    return LidForm(medewerkers=_medewerkers(request.user.gemeente_id), prefix="lid")


def _medewerkers(gemeente_id):
    from doorbraak.organisaties.models import Medewerker

    return list(
        Medewerker.objects.filter(gemeente_id=gemeente_id, is_active=True).order_by(
            "first_name", "last_name", "username"
        )
    )


@login_required
@domeinfouten
def overleg_nieuw(request):
    """A manager or beheerder sets up a table: kind, doelgroep, chair, rhythm, partner window."""
    from doorbraak.organisaties.models import Doelgroep
    from doorbraak.overleg.models import OverlegSoort
    from doorbraak.web.forms_overleg import OverlegForm

    toegang.vereis_overlegbeheer(request.user)
    medewerkers = _medewerkers(request.user.gemeente_id)
    form = OverlegForm(
        request.POST or None,
        soorten=OverlegSoort.choices,
        doelgroepen=Doelgroep.objects.filter(gemeente_id=request.user.gemeente_id, actief=True),
        medewerkers=medewerkers,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        voorzitter = next((m for m in medewerkers if str(m.pk) == d["voorzitter"]), None)
        try:
            tafel = services.overleg_aanmaken(
                door=request.user,
                naam=d["naam"],
                soort=d["soort"],
                doelgroep_code=d["doelgroep"] or None,
                voorzitter=voorzitter,
                ritme=d["ritme"],
                venster_dagen_voor=d["venster_dagen_voor"],
                venster_dagen_na=d["venster_dagen_na"],
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, _("Het overleg is ingericht."))
            return redirect("overleg", overleg_id=tafel.pk)
    return render(
        request,
        "web/overleg_nieuw.html",
        {"form": form, "fouten": foutoverzicht(form) if form.is_bound else []},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@login_required
@domeinfouten
def lid_toevoegen(request, overleg_id):
    from doorbraak.web.forms_overleg import LidForm

    tafel = selectors.overleg_inzien(medewerker=request.user, overleg_id=overleg_id)
    toegang.vereis_voorzitter(request.user, tafel)
    medewerkers = _medewerkers(request.user.gemeente_id)
    form = LidForm(request.POST, medewerkers=medewerkers, prefix="lid")
    if form.is_valid():
        medewerker = next(m for m in medewerkers if str(m.pk) == form.cleaned_data["medewerker"])
        try:
            services.lid_toevoegen(
                door=request.user,
                overleg_id=tafel.pk,
                medewerker=medewerker,
                organisatie=form.cleaned_data["organisatie"],
                domein=form.cleaned_data["domein"],
            )
        except INVOERFOUTEN as fout:
            messages.error(request, fout.melding)
        else:
            messages.success(request, _("Het lid is toegevoegd."))
    else:
        messages.error(request, _("Kies een medewerker en vul de organisatie in."))
    return redirect(reverse("overleg", args=[tafel.pk]) + "#leden-kop")
