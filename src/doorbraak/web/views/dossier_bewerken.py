"""Editing the dossier (issue 17): the household's name, address and contact details, a new
member, urgency and aanleiding, the regie hand-over, and the contact log. Each page reads the
case through a scoped, logged selector and changes it through one service; an error comes back
beside its field with everything that was typed still in the form (status 400)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorbraak.casussen import selectors, services
from doorbraak.casussen import toegang as casus_toegang
from doorbraak.web.forms import GezinslidForm
from doorbraak.web.forms_dossier import (
    CasusWijzigForm,
    ContactmomentForm,
    HuishoudenWijzigForm,
    OverdrachtForm,
)
from doorbraak.web.views.dossier import contactregels
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier

CONTACTEN_PER_PAGINA = 200


def _formulierpagina(request, casus, form, *, titel, uitleg, knop, anker, status=None, extra=None):
    """The one page of every edit form: breadcrumb, the errors summary, the fields, a button."""
    fout = form.is_bound and bool(form.errors)
    context = {
        "casus": casus,
        "form": form,
        "titel": titel,
        "uitleg": uitleg,
        "knop": knop,
        "terug": reverse("dossier", args=[casus.pk]) + anker,
        "fouten": foutoverzicht(form) if fout else [],
        "toon_formulier": True,
    }
    context.update(extra or {})
    return render(
        request, "web/dossier_formulier.html", context, status=status or (400 if fout else 200)
    )


def _klaar(request, casus, melding: str, anker: str):
    messages.success(request, melding)
    return redirect(reverse("dossier", args=[casus.pk]) + anker)


@login_required
@domeinfouten
def huishouden_wijzigen(request, casus_id):
    casus = selectors.casus_onderdeel_inzien(
        medewerker=request.user, casus_id=casus_id, onderdeel="huishouden"
    )
    h = casus.huishouden
    huidig = {v: getattr(h, v) for v in ("naam", *services.ADRESVELDEN, "postcode")}
    form = HuishoudenWijzigForm(request.POST or None, initial=huidig)
    if request.method == "POST" and form.is_valid():
        try:
            services.huishouden_wijzigen(door=request.user, huishouden_id=h.pk, **form.cleaned_data)
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            return _klaar(
                request, casus, _("De gegevens van het huishouden zijn opgeslagen."), "#huishouden"
            )
    return _formulierpagina(
        request,
        casus,
        form,
        titel=gettext_lazy("Huishouden wijzigen"),
        uitleg=gettext_lazy(
            "Naam, adres en contactgegevens van het huishouden. Een correctie van de gegevens "
            "van een gezinslid doet u bij dat gezinslid."
        ),
        knop=gettext_lazy("Opslaan"),
        anker="#huishouden",
    )


@login_required
@domeinfouten
def gezinslid_toevoegen(request, casus_id):
    """A new member (a baby, a partner who moved in); the BSN through the protected path."""
    casus = selectors.casus_onderdeel_inzien(
        medewerker=request.user, casus_id=casus_id, onderdeel="huishouden"
    )
    form = GezinslidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.gezinslid_toevoegen(
                door=request.user,
                huishouden_id=casus.huishouden_id,
                gezinslid=services.NieuwGezinslid(**form.cleaned_data),
            )
        except INVOERFOUTEN as fout:
            # The service names the field as "gezinslid[0].bsn": put it beside "bsn".
            fout.veld = (fout.veld or "").rpartition(".")[2] or None
            op_formulier(fout, form)
        else:
            return _klaar(request, casus, _("Het gezinslid is toegevoegd."), "#huishouden")
    return _formulierpagina(
        request,
        casus,
        form,
        titel=gettext_lazy("Gezinslid toevoegen"),
        uitleg=gettext_lazy(
            "Het BSN is niet verplicht; het wordt gecontroleerd, versleuteld opgeslagen en daarna "
            "alleen gemaskeerd getoond."
        ),
        knop=gettext_lazy("Gezinslid toevoegen"),
        anker="#huishouden",
    )


@login_required
@domeinfouten
def casus_wijzigen(request, casus_id):
    """Urgency and aanleiding (the status has its own confirmation step on the dossier)."""
    casus = selectors.casus_onderdeel_inzien(
        medewerker=request.user, casus_id=casus_id, onderdeel="casus"
    )
    form = CasusWijzigForm(
        request.POST or None, initial={"urgentie": casus.urgentie, "aanleiding": casus.aanleiding}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.casus_wijzigen(door=request.user, casus_id=casus.pk, **form.cleaned_data)
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            return _klaar(request, casus, _("Urgentie en aanleiding zijn opgeslagen."), "")
    return _formulierpagina(
        request,
        casus,
        form,
        titel=gettext_lazy("Urgentie en aanleiding wijzigen"),
        uitleg=gettext_lazy("Een gewijzigde urgentie komt op de tijdlijn."),
        knop=gettext_lazy("Opslaan"),
        anker="",
    )


@login_required
@domeinfouten
def regie_overdragen(request, casus_id):
    casus = selectors.casus_onderdeel_inzien(
        medewerker=request.user, casus_id=casus_id, onderdeel="casus"
    )
    regisseurs = [
        m
        for m in selectors.regisseurs_van(gemeente_id=casus.gemeente_id)
        if m.pk != casus.regisseur_id
    ]
    form = OverdrachtForm(request.POST or None, regisseurs=regisseurs)
    if request.method == "POST" and form.is_valid():
        try:
            services.regie_overdragen(
                door=request.user,
                casus_id=casus.pk,
                naar_id=form.cleaned_data["regisseur"],
                reden=form.cleaned_data["reden"],
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            return _klaar(request, casus, _("De regie is overgedragen."), "#tijdlijn")
    huidig = casus.regisseur.naam if casus.regisseur_id else _("niemand")
    return _formulierpagina(
        request,
        casus,
        form,
        titel=gettext_lazy("Regie overdragen"),
        uitleg=_(
            "Nu regisseur: %(naam)s. De overdracht komt met de reden op de tijdlijn en de nieuwe "
            "regisseur krijgt een melding in Mijn taken (en per e-mail, als die dat wil)."
        )
        % {"naam": huidig},
        knop=gettext_lazy("Regie overdragen"),
        anker="",
    )


@login_required
@domeinfouten
def contactmomenten(request, casus_id):
    """The whole contact log of the case, and (POST) a new contact moment."""
    casus = selectors.casus_onderdeel_inzien(
        medewerker=request.user, casus_id=casus_id, onderdeel="contactmomenten"
    )
    form = ContactmomentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contactmoment_vastleggen(
                door=request.user,
                casus_id=casus.pk,
                invoer=services.ContactInvoer(**form.cleaned_data),
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            return _klaar(request, casus, _("Het contactmoment is vastgelegd."), "#contactmomenten")
    lijst = contactregels(selectors.contactmomenten_van(casus=casus, limiet=CONTACTEN_PER_PAGINA))
    return _formulierpagina(
        request,
        casus,
        form,
        titel=gettext_lazy("Contactmomenten"),
        uitleg=gettext_lazy(
            "Elk contact met of over het huishouden: telefoon, huisbezoek, e-mail of overleg. "
            "Partners aan tafel zien dit logboek niet."
        ),
        knop=gettext_lazy("Contactmoment vastleggen"),
        anker="#contactmomenten",
        extra={
            "toon_contacten": True,
            # A colleague reads along; only who may change the case gets the form.
            "toon_formulier": request.user.heeft_rol(*casus_toegang.CASUSWERK_ROLLEN)
            and casus.status != "afgesloten",
            "contactmomenten": lijst,
            "formulierkop": _("Nieuw contactmoment"),
        },
    )
