"""Doorbraakbudget in the UI: the request form in the dossier, the request page with its
history and the next step for whoever may take it, the worklists and the budget per year.
The services decide; these views only show what they allow and put their errors on the page."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from doorbraak import invoer
from doorbraak.budget import afwegingskader, ledger, mandaten, sepa, services
from doorbraak.budget import selectors as budget_selectors
from doorbraak.budget.models import AanvraagStatus
from doorbraak.budget.wacht_op import wacht_op
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.fouten import Conflict, GeenToegang, Validatiefout
from doorbraak.mkba.selectors import laatste_mkba
from doorbraak.organisaties.models import MandaatRol, Rol
from doorbraak.precedenten.views import vergelijkbaar_voor_aanvraag, vergelijkbaar_voor_casus
from doorbraak.regels.selectors import laatste_regelcheck, voorliggend_gecheckt
from doorbraak.web.forms import (
    AANVRAAG_VELDEN,
    AanvraagForm,
    AflossingForm,
    AfschrijvingForm,
    BeoordelingForm,
    BesluitForm,
    BetalingForm,
    IntrekkenForm,
    SepaForm,
    VrijvalForm,
)
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier

PER_PAGINA = 25


def _invoer(d: dict, casus_id) -> services.AanvraagInvoer:
    return services.AanvraagInvoer(
        casus_id=casus_id,
        fonds=d["fonds"],
        bedrag=d["bedrag"],
        vorm=d["vorm"],
        ontvanger_naam=d["ontvanger_naam"],
        ontvanger_iban=d["ontvanger_iban"],
        betalingskenmerk=d["betalingskenmerk"],
        aan_huishouden=d["aan_huishouden"],
        reden_aan_huishouden=d["reden_aan_huishouden"],
        motivering=d["motivering"],
        criteria=dict.fromkeys(d["criteria"], True),
        voorwaarden=d["voorwaarden"],
        reden_om_niet=d["reden_om_niet"],
        termijnbedrag=d["termijnbedrag"],
        maandinkomen=d["maandinkomen"],
        vaste_lasten=d["vaste_lasten"],
    )


def _op_bedrag_of_fout(fout, form) -> None:
    """A service error beside its field. Going over one's own mandate is an input problem of
    Bedrag (the input stays), not a page without access."""
    fout.veld = AANVRAAG_VELDEN.get(fout.veld, fout.veld)
    op_formulier(fout, form)


def _formulier(request, casus, form, fondsen, *, aanvraag=None, status=200, **extra):
    regelcheck = laatste_regelcheck(casus=casus)
    gecheckt, check_uitleg = voorliggend_gecheckt(regelcheck)
    context = {
        "casus": casus,
        "form": form,
        "aanvraag": aanvraag,
        "fouten": foutoverzicht(form) if form.is_bound else [],
        "regelcheck": regelcheck,
        "gecheckt": gecheckt,
        "check_uitleg": check_uitleg,
        "plan_uitleg": services.plan_ontbreekt(casus),
        "mkba": laatste_mkba(casus=casus),
        "fondsen": [(f, afwegingskader.in_woorden(f.afwegingskader)) for f in fondsen],
        "posities": budget_selectors.budgetpositie(
            medewerker=request.user,
            fondsen=fondsen,
            doelgroep=casus.doelgroep,
            datum=timezone.localdate(),
        ),
        "eerder": budget_selectors.eerdere_toekenningen(
            casus=casus, behalve=aanvraag.pk if aanvraag else None
        ),
        "vergelijkbaar": vergelijkbaar_voor_casus(request.user, casus, form),
        **extra,
    }
    return render(request, "web/aanvraag_nieuw.html", context, status=status)


def _voorstel(form) -> object:
    """Only the draagkracht proposal: nothing is stored and no other field is judged."""
    velden = {n: form[n].data for n in ("bedrag", "maandinkomen", "vaste_lasten")}
    waarden = {}
    for naam, ruw in velden.items():
        try:
            waarden[naam] = form.fields[naam].clean(ruw)
        except forms.ValidationError:
            return None
    if waarden["bedrag"] and None not in (waarden["maandinkomen"], waarden["vaste_lasten"]):
        return waarden
    return None


def _aanvraagformulier(request, casus, fondsen, *, aanvraag=None, initial=None):
    form = AanvraagForm(
        request.POST or None,
        fondsen=fondsen,
        criteria=afwegingskader.CRITERIA.items(),
        initial=initial,
    )
    if request.method == "POST" and "voorstel" in request.POST:
        waarden = _voorstel(form)
        voorstel = (
            services.draagkracht_berekenen(gemeente_id=request.user.gemeente_id, **waarden)
            if waarden
            else None
        )
        form = AanvraagForm(  # unbound errors would show on fields not yet reached
            initial=request.POST.dict() | {"criteria": request.POST.getlist("criteria")},
            fondsen=fondsen,
            criteria=afwegingskader.CRITERIA.items(),
        )
        return _formulier(
            request, casus, form, fondsen, aanvraag=aanvraag, voorstel=voorstel,
            voorstel_gevraagd=True,
        )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            if aanvraag is None:
                aanvraag = services.aanvraag_aanmaken(
                    door=request.user, invoer=_invoer(form.cleaned_data, casus.pk)
                )
                messages.success(request, _("De aanvraag is opgeslagen als concept."))
            else:
                services.aanvraag_wijzigen(
                    door=request.user,
                    aanvraag_id=aanvraag.pk,
                    invoer=_invoer(form.cleaned_data, casus.pk),
                )
                messages.success(request, _("Het concept is gewijzigd."))
            return redirect("aanvraag", aanvraag_id=aanvraag.pk)
        except INVOERFOUTEN as fout:
            _op_bedrag_of_fout(fout, form)
        except GeenToegang as fout:
            if fout.veld != "bedrag":
                raise
            _op_bedrag_of_fout(fout, form)
    return _formulier(
        request, casus, form, fondsen, aanvraag=aanvraag, status=400 if form.errors else 200
    )


@login_required
@domeinfouten
def aanvraag_nieuw(request, casus_id):
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=request.user, casus_id=casus_id, onderdeel="aanvraagformulier"
    )
    fondsen = list(budget_selectors.fondsen_voor(medewerker=request.user))
    initial = {"fonds": next((f.code for f in fondsen if f.standaard), None), "vorm": "lening"}
    return _aanvraagformulier(request, casus, fondsen, initial=initial)


@login_required
@domeinfouten
def aanvraag_wijzigen(request, aanvraag_id):
    """The requester corrects a concept in the same form, filled in as it was saved."""
    a = budget_selectors.aanvraag_inzien(medewerker=request.user, aanvraag_id=aanvraag_id)
    if a.status != AanvraagStatus.CONCEPT or a.aanvrager_id != request.user.pk:
        raise GeenToegang(_("Alleen de aanvrager wijzigt een concept."))
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=request.user, casus_id=a.casus_id, onderdeel="aanvraagformulier"
    )
    fondsen = list(budget_selectors.fondsen_voor(medewerker=request.user))
    dk = a.draagkracht or {}
    initial = {
        "fonds": a.fonds.code,
        "bedrag": a.bedrag,
        "vorm": a.vorm,
        "ontvanger_naam": a.ontvanger_naam,
        "ontvanger_iban": a.ontvanger_iban,
        "betalingskenmerk": a.betalingskenmerk,
        "aan_huishouden": a.aan_huishouden,
        "reden_aan_huishouden": a.reden_aan_huishouden,
        "motivering": a.motivering,
        "criteria": [c for c, ja in a.criteria.items() if ja],
        "voorwaarden": a.voorwaarden,
        "reden_om_niet": a.reden_om_niet,
        "termijnbedrag": a.termijnbedrag,
        "maandinkomen": Decimal(dk["maandinkomen"]) if dk.get("maandinkomen") else None,
        "vaste_lasten": Decimal(dk["vaste_lasten"]) if dk.get("vaste_lasten") else None,
    }
    return _aanvraagformulier(request, casus, fondsen, aanvraag=a, initial=initial)


@dataclass(frozen=True)
class Mogelijk:
    indienen: bool
    beoordelen: bool
    besluiten: bool
    betalen: bool
    vrijgeven: bool = False
    aflossen: bool = False

    @property
    def iets(self) -> bool:
        return any(
            (self.indienen, self.beoordelen, self.besluiten, self.betalen, self.vrijgeven,
             self.aflossen)
        )  # fmt: skip


def _mogelijk(aanvraag, medewerker, uitstaand: Decimal | None) -> Mogelijk:
    """Which next step to offer; the services enforce it again."""
    fonds, dg, bedrag = aanvraag.fonds, aanvraag.doelgroep, aanvraag.bedrag
    eigen = medewerker.pk == aanvraag.aanvrager_id
    alleen = eigen and fonds.zelfstandig_mag(bedrag)
    klaar_voor_besluit = aanvraag.status == AanvraagStatus.BEOORDEELD or (
        aanvraag.status == AanvraagStatus.INGEDIEND
        and (alleen or not fonds.meekijken_nodig(bedrag))
    )
    financien = medewerker.heeft_rol(Rol.FINANCIEN)
    return Mogelijk(
        indienen=eigen and aanvraag.status == AanvraagStatus.CONCEPT,
        beoordelen=not eigen
        and aanvraag.status == AanvraagStatus.INGEDIEND
        and mandaten.heeft_mandaat(medewerker, fonds, dg, MandaatRol.MEEKIJKEN, bedrag),
        besluiten=klaar_voor_besluit
        and (alleen or not eigen)
        and medewerker.pk != aanvraag.beoordelaar_id
        and mandaten.heeft_mandaat(medewerker, fonds, dg, MandaatRol.GO, bedrag),
        betalen=financien and aanvraag.status == AanvraagStatus.TOEGEKEND,
        vrijgeven=(financien or medewerker.heeft_rol(Rol.MANAGER))
        and aanvraag.status == AanvraagStatus.TOEGEKEND,
        aflossen=financien and uitstaand is not None and uitstaand > 0,
    )


FORMULIEREN = {
    "beoordelen": ("beoordeling_form", BeoordelingForm),
    "besluiten": ("besluit_form", BesluitForm),
    "betalen": ("betaling_form", BetalingForm),
    "intrekken": ("intrekken_form", IntrekkenForm),
    "vrijgeven": ("vrijval_form", VrijvalForm),
    "aflossen": ("aflossing_form", AflossingForm),
    "afschrijven": ("afschrijving_form", AfschrijvingForm),
}


def _aanvraag_context(request, aanvraag, **formulieren) -> dict:
    saldi = ledger.aanvraag_saldi(aanvraag)
    lening = getattr(aanvraag, "lening", None) if aanvraag.vorm == "lening" else None
    schema = (
        budget_selectors.leningschema(lening=lening, peildatum=timezone.localdate())
        if lening
        else None
    )
    mogelijk = _mogelijk(aanvraag, request.user, schema["saldi"].uitstaand if schema else None)
    standaard = {
        "betaling_form": BetalingForm(initial={"bedrag": saldi.open}),
        "aflossing_form": AflossingForm(
            initial={"bedrag": lening.termijnbedrag if lening else None}
        ),
    }
    context = {
        "aanvraag": aanvraag,
        "casus": aanvraag.casus,
        "saldi": saldi,
        "criteria": [
            (omschrijving, aanvraag.criteria.get(code) is True)
            for code, omschrijving in afwegingskader.CRITERIA.items()
        ],
        "kader": afwegingskader.in_woorden(aanvraag.fonds.afwegingskader)
        if aanvraag.fonds.afwegingskader
        else "",
        "mogelijk": mogelijk,
        "wacht_op": wacht_op(aanvraag),
        "lening": lening,
        "schema": schema,
        "export": getattr(aanvraag, "export", None),
        "regelcheck": laatste_regelcheck(casus=aanvraag.casus),
        "mkba": laatste_mkba(casus=aanvraag.casus),
        "eerder": budget_selectors.eerdere_toekenningen(casus=aanvraag.casus, behalve=aanvraag.pk),
        "vergelijkbaar": vergelijkbaar_voor_aanvraag(request.user, aanvraag),
    }
    if aanvraag.status in (AanvraagStatus.CONCEPT, AanvraagStatus.INGEDIEND,
                           AanvraagStatus.BEOORDEELD):  # fmt: skip
        context["posities"] = budget_selectors.budgetpositie(
            medewerker=request.user,
            fondsen=[aanvraag.fonds],
            doelgroep=aanvraag.doelgroep,
            datum=timezone.localdate(),
        )
    for naam, klasse in FORMULIEREN.values():
        context[naam] = formulieren.get(naam) or standaard.get(naam) or klasse()
    return context


@require_GET
@login_required
@domeinfouten
def aanvraag(request, aanvraag_id):
    a = budget_selectors.aanvraag_inzien(medewerker=request.user, aanvraag_id=aanvraag_id)
    return render(request, "web/aanvraag.html", _aanvraag_context(request, a))


def _voer_uit(request, aanvraag_id, stap: str, d: dict) -> None:
    m = request.user
    if stap == "beoordelen":
        services.aanvraag_beoordelen(door=m, aanvraag_id=aanvraag_id, **d)
    elif stap == "besluiten":
        services.aanvraag_besluiten(door=m, aanvraag_id=aanvraag_id, **d)
    elif stap == "betalen":
        services.betaling_registreren(door=m, aanvraag_id=aanvraag_id, **d)
    elif stap == "intrekken":
        services.aanvraag_intrekken(door=m, aanvraag_id=aanvraag_id, **d)
    elif stap == "vrijgeven":
        services.toezegging_vrijgeven(door=m, aanvraag_id=aanvraag_id, **d)
    else:
        a = budget_selectors.aanvraag_ophalen(medewerker=m, aanvraag_id=aanvraag_id)
        lening = getattr(a, "lening", None)
        if lening is None:
            raise Conflict(_("Deze aanvraag is geen lening."), veld="bedrag")
        if stap == "aflossen":
            services.aflossing_registreren(door=m, lening_id=lening.pk, **d)
        else:
            services.lening_afschrijven(door=m, lening_id=lening.pk, **d)


MELDINGEN = {
    "intrekken": gettext_lazy("Het concept is ingetrokken."),
    "vrijgeven": gettext_lazy("De toezegging is vrijgegeven."),
    "aflossen": gettext_lazy("De aflossing is geregistreerd."),
    "afschrijven": gettext_lazy("De afschrijving is geregistreerd."),
}


@require_POST
@login_required
@domeinfouten
def aanvraag_stap(request, aanvraag_id, stap):
    """Indienen, intrekken, beoordelen, besluiten, betalen, vrijgeven, aflossen or afschrijven;
    an error is shown beside its field, with the input kept."""
    form = None
    try:
        if stap == "indienen":
            services.aanvraag_indienen(door=request.user, aanvraag_id=aanvraag_id)
        elif stap in FORMULIEREN:
            klasse = FORMULIEREN[stap][1]
            form = klasse(request.POST)
            if form.is_valid():
                _voer_uit(request, aanvraag_id, stap, form.cleaned_data)
        else:
            return redirect("aanvraag", aanvraag_id=aanvraag_id)
    except INVOERFOUTEN as fout:
        if form is None:
            messages.error(request, fout.melding)
            return redirect("aanvraag", aanvraag_id=aanvraag_id)
        op_formulier(fout, form)
    if form is not None and form.errors:
        a = budget_selectors.aanvraag_inzien(medewerker=request.user, aanvraag_id=aanvraag_id)
        context = _aanvraag_context(request, a, **{FORMULIEREN[stap][0]: form})
        context["fouten"] = foutoverzicht(form)
        return render(request, "web/aanvraag.html", context, status=400)
    messages.success(request, MELDINGEN.get(stap, _("Opgeslagen.")))
    return redirect("aanvraag", aanvraag_id=aanvraag_id)


LIJSTEN = {
    "te_beoordelen": "Te beoordelen",
    "wacht_op_go": "Wacht op go",
    "te_betalen": "Te betalen",
    "aflossingen": "Aflossingen",
    "alle": "Alle aanvragen",
}


def _review_nodig() -> Q:
    return Q(fonds__standaard=True) | (
        Q(fonds__meekijken_verplicht=True)
        & (Q(fonds__meekijken_vanaf__isnull=True) | Q(bedrag__gt=F("fonds__meekijken_vanaf")))
    )


@require_GET
@login_required
@domeinfouten
def aanvragen(request):
    m = request.user
    standaard = (
        "te_betalen"
        if m.heeft_rol(Rol.FINANCIEN)
        else "wacht_op_go"
        if m.heeft_rol(Rol.MANAGER)
        else "te_beoordelen"
        if m.heeft_rol(Rol.COLLEGA)
        else "alle"
    )
    lijst = request.GET.get("lijst", standaard)
    if lijst not in LIJSTEN:
        lijst = "alle"
    qs = budget_selectors.aanvragen_voor(medewerker=m)
    leningen = []
    if lijst == "te_beoordelen":
        qs = qs.filter(status=AanvraagStatus.INGEDIEND).filter(_review_nodig()).exclude(aanvrager=m)
    elif lijst == "wacht_op_go":
        qs = qs.filter(
            Q(status=AanvraagStatus.BEOORDEELD)
            | (Q(status=AanvraagStatus.INGEDIEND) & ~_review_nodig())
        )
    elif lijst == "te_betalen":
        qs = qs.filter(status=AanvraagStatus.TOEGEKEND).select_related("export__batch__door")
    elif lijst == "aflossingen":
        qs = qs.filter(vorm="lening", lening__isnull=False).select_related("lening")
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    rijen = list(pagina.object_list)
    for a in rijen:
        a.wacht_op = wacht_op(a)
    budget_selectors.registreer_inzage(medewerker=m, aanvragen=rijen)
    if lijst == "aflossingen":
        leningen = budget_selectors.leningoverzicht(
            leningen=[a.lening for a in rijen], peildatum=timezone.localdate()
        )
    context = {
        "lijst": lijst,
        "lijsten": LIJSTEN.items(),
        "pagina": pagina,
        "rijen": rijen,
        "leningen": leningen,
        "querystring": f"lijst={lijst}",
    }
    if lijst == "te_betalen" and m.heeft_rol(Rol.FINANCIEN):
        context["sepa_form"] = SepaForm(fondsen=budget_selectors.fondsen_voor(medewerker=m))
    return render(request, "web/aanvragen.html", context)


@require_POST
@login_required
@domeinfouten
def sepa_download(request):
    """Finance downloads the SEPA file of a fund from the screen (the API's service): every
    request in it is marked exported and never goes into a second file."""
    m = request.user
    fondsen = list(budget_selectors.fondsen_voor(medewerker=m))
    form = SepaForm(request.POST, fondsen=fondsen)
    if form.is_valid():
        try:
            xml = sepa.pain001(medewerker=m, fonds=form.cleaned_data["fonds"])
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            datum = timezone.localdate().isoformat()
            naam = f"betaalbestand-{form.cleaned_data['fonds']}-{datum}.xml"
            antwoord = HttpResponse(xml, content_type="application/xml")
            antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
            return antwoord
    qs = (
        budget_selectors.aanvragen_voor(medewerker=m)
        .filter(status=AanvraagStatus.TOEGEKEND)
        .select_related("export__batch__door")
    )
    pagina = Paginator(qs, PER_PAGINA).get_page(1)
    rijen = list(pagina.object_list)
    budget_selectors.registreer_inzage(medewerker=m, aanvragen=rijen)
    context = {
        "lijst": "te_betalen",
        "lijsten": LIJSTEN.items(),
        "pagina": pagina,
        "rijen": rijen,
        "leningen": [],
        "querystring": "lijst=te_betalen",
        "sepa_form": form,
        "fouten": foutoverzicht(form),
    }
    return render(request, "web/aanvragen.html", context, status=400)


@dataclass(frozen=True)
class Budgetregel:
    budget: object
    saldi: ledger.Saldi
    balken: list[tuple[str, int, int, Decimal]]  # label, x, breedte, bedrag


BALK = 240


def _balken(s: ledger.Saldi) -> list:
    ruimte = max(s.ruimte, Decimal("0.01"))
    delen = [
        ("Betaald", s.betaald),
        ("Gecommitteerd", s.gecommitteerd),
        ("Beschikbaar", max(s.beschikbaar, Decimal(0))),
    ]
    uit, x = [], 0
    for label, bedrag in delen:
        breedte = int(BALK * bedrag / ruimte)
        uit.append((label, x, breedte, bedrag))
        x += breedte
    return uit


@require_GET
@login_required
@domeinfouten
def budgetten(request):
    if not request.user.heeft_rol(Rol.FINANCIEN, Rol.MANAGER, Rol.BELEID):
        from doorbraak.fouten import GeenToegang

        raise GeenToegang("Uw rol geeft geen inzage in de budgetten.")
    try:
        jaar = invoer.jaar(request.GET.get("jaar", timezone.localdate().year))
    except Validatiefout as fout:  # e.g. ?jaar=10000: say why, beside the year, with a 400
        return render(
            request,
            "web/budgetten.html",
            {"fout": fout.melding, "jaar": timezone.localdate().year, "regels": []},
            status=400,
        )
    lijst = list(budget_selectors.budgetten_voor(medewerker=request.user, jaar=jaar))
    saldi = ledger.saldi_van(lijst)
    regels = [Budgetregel(b, saldi[b.pk], _balken(saldi[b.pk])) for b in lijst]
    return render(
        request,
        "web/budgetten.html",
        {
            "jaar": jaar,
            "regels": regels,
            "vorig": jaar - 1 if jaar > invoer.JAAR_MIN else None,
            "volgend": jaar + 1 if jaar < invoer.JAAR_MAX else None,
            "balk": BALK,
        },
    )
