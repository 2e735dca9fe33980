"""Doorbraakbudget in the UI: the request form in the dossier, the request page with its
history and the next step for whoever may take it, the worklists and the budget per year.
The services decide; these views only show what they allow and put their errors on the page."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from doorbraak import invoer
from doorbraak.budget import afwegingskader, ledger, mandaten, services
from doorbraak.budget import selectors as budget_selectors
from doorbraak.budget.models import AanvraagStatus
from doorbraak.budget.wacht_op import wacht_op
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.fouten import Validatiefout
from doorbraak.mkba.selectors import laatste_mkba
from doorbraak.organisaties.models import MandaatRol, Rol
from doorbraak.precedenten.views import vergelijkbaar_voor_aanvraag, vergelijkbaar_voor_casus
from doorbraak.regels.selectors import laatste_regelcheck
from doorbraak.web.forms import (
    AANVRAAG_VELDEN,
    AanvraagForm,
    BeoordelingForm,
    BesluitForm,
    BetalingForm,
)
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier

PER_PAGINA = 25


@login_required
@domeinfouten
def aanvraag_nieuw(request, casus_id):
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=request.user, casus_id=casus_id, onderdeel="aanvraagformulier"
    )
    fondsen = list(budget_selectors.fondsen_voor(medewerker=request.user))
    form = AanvraagForm(
        request.POST or None,
        fondsen=fondsen,
        criteria=afwegingskader.CRITERIA.items(),
        initial={"fonds": next((f.code for f in fondsen if f.standaard), None), "vorm": "lening"},
    )
    voorstel = None
    if request.method == "POST" and "voorstel" in request.POST:
        # Only the draagkracht proposal: nothing is stored, the form comes back as filled in.
        form.is_valid()
        d = getattr(form, "cleaned_data", {})
        if (
            d.get("bedrag")
            and d.get("maandinkomen") is not None
            and d.get("vaste_lasten") is not None
        ):
            voorstel = services.draagkracht_berekenen(
                gemeente_id=request.user.gemeente_id,
                maandinkomen=d["maandinkomen"],
                vaste_lasten=d["vaste_lasten"],
                bedrag=d["bedrag"],
            )
        form = AanvraagForm(request.POST, fondsen=fondsen, criteria=afwegingskader.CRITERIA.items())
        return render(
            request,
            "web/aanvraag_nieuw.html",
            {
                "casus": casus,
                "form": form,
                "fouten": [],
                "voorstel": voorstel,
                "voorstel_gevraagd": True,
                "regelcheck": laatste_regelcheck(casus=casus),
                "mkba": laatste_mkba(casus=casus),
                "fondsen": fondsen,
            },
        )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            aanvraag = services.aanvraag_aanmaken(
                door=request.user,
                invoer=services.AanvraagInvoer(
                    casus_id=casus.pk,
                    fonds=d["fonds"],
                    bedrag=d["bedrag"],
                    vorm=d["vorm"],
                    ontvanger_naam=d["ontvanger_naam"],
                    ontvanger_iban=d["ontvanger_iban"],
                    aan_huishouden=d["aan_huishouden"],
                    reden_aan_huishouden=d["reden_aan_huishouden"],
                    motivering=d["motivering"],
                    criteria=dict.fromkeys(d["criteria"], True),
                    voorwaarden=d["voorwaarden"],
                    reden_om_niet=d["reden_om_niet"],
                    termijnbedrag=d["termijnbedrag"],
                    maandinkomen=d["maandinkomen"],
                    vaste_lasten=d["vaste_lasten"],
                ),
            )
            messages.success(request, "De aanvraag is opgeslagen als concept.")
            return redirect("aanvraag", aanvraag_id=aanvraag.pk)
        except INVOERFOUTEN as fout:
            fout.veld = AANVRAAG_VELDEN.get(fout.veld, fout.veld)
            op_formulier(fout, form)
    context = {
        "casus": casus,
        "form": form,
        "fouten": foutoverzicht(form) if form.is_bound else [],
        "regelcheck": laatste_regelcheck(casus=casus),
        "mkba": laatste_mkba(casus=casus),
        "fondsen": fondsen,
        "vergelijkbaar": vergelijkbaar_voor_casus(request.user, casus, form),
    }
    return render(request, "web/aanvraag_nieuw.html", context, status=400 if form.errors else 200)


@dataclass(frozen=True)
class Mogelijk:
    indienen: bool
    beoordelen: bool
    besluiten: bool
    betalen: bool


def _mogelijk(aanvraag, medewerker) -> Mogelijk:
    """Which next step to offer; the services enforce it again."""
    fonds, dg, bedrag = aanvraag.fonds, aanvraag.doelgroep, aanvraag.bedrag
    eigen = medewerker.pk == aanvraag.aanvrager_id
    alleen = eigen and fonds.zelfstandig_mag(bedrag)
    klaar_voor_besluit = aanvraag.status == AanvraagStatus.BEOORDEELD or (
        aanvraag.status == AanvraagStatus.INGEDIEND
        and (alleen or not fonds.meekijken_nodig(bedrag))
    )
    return Mogelijk(
        indienen=eigen and aanvraag.status == AanvraagStatus.CONCEPT,
        beoordelen=not eigen
        and aanvraag.status == AanvraagStatus.INGEDIEND
        and mandaten.heeft_mandaat(medewerker, fonds, dg, MandaatRol.MEEKIJKEN, bedrag),
        besluiten=klaar_voor_besluit
        and (alleen or not eigen)
        and medewerker.pk != aanvraag.beoordelaar_id
        and mandaten.heeft_mandaat(medewerker, fonds, dg, MandaatRol.GO, bedrag),
        betalen=medewerker.heeft_rol(Rol.FINANCIEN) and aanvraag.status == AanvraagStatus.TOEGEKEND,
    )


def _aanvraag_context(request, aanvraag, **formulieren) -> dict:
    saldi = ledger.aanvraag_saldi(aanvraag)
    return {
        "aanvraag": aanvraag,
        "casus": aanvraag.casus,
        "saldi": saldi,
        "criteria": [
            (omschrijving, aanvraag.criteria.get(code) is True)
            for code, omschrijving in afwegingskader.CRITERIA.items()
        ],
        "kader": afwegingskader.omschrijving(aanvraag.fonds.afwegingskader)
        if aanvraag.fonds.afwegingskader
        else "",
        "mogelijk": _mogelijk(aanvraag, request.user),
        "wacht_op": wacht_op(aanvraag),
        "beoordeling_form": formulieren.get("beoordeling_form") or BeoordelingForm(),
        "besluit_form": formulieren.get("besluit_form") or BesluitForm(),
        "betaling_form": formulieren.get("betaling_form")
        or BetalingForm(initial={"bedrag": saldi.open}),
        "regelcheck": laatste_regelcheck(casus=aanvraag.casus),
        "mkba": laatste_mkba(casus=aanvraag.casus),
        "vergelijkbaar": vergelijkbaar_voor_aanvraag(request.user, aanvraag),
    }


@require_GET
@login_required
@domeinfouten
def aanvraag(request, aanvraag_id):
    a = budget_selectors.aanvraag_inzien(medewerker=request.user, aanvraag_id=aanvraag_id)
    return render(request, "web/aanvraag.html", _aanvraag_context(request, a))


@require_POST
@login_required
@domeinfouten
def aanvraag_stap(request, aanvraag_id, stap):
    """Indienen, beoordelen, besluiten or betalen; an error is shown beside its field."""
    formulieren = {
        "beoordelen": ("beoordeling_form", BeoordelingForm),
        "besluiten": ("besluit_form", BesluitForm),
        "betalen": ("betaling_form", BetalingForm),
    }
    form = None
    try:
        if stap == "indienen":
            services.aanvraag_indienen(door=request.user, aanvraag_id=aanvraag_id)
        elif stap in formulieren:
            _, klasse = formulieren[stap]
            form = klasse(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                if stap == "beoordelen":
                    services.aanvraag_beoordelen(door=request.user, aanvraag_id=aanvraag_id, **d)
                elif stap == "besluiten":
                    services.aanvraag_besluiten(door=request.user, aanvraag_id=aanvraag_id, **d)
                else:
                    services.betaling_registreren(door=request.user, aanvraag_id=aanvraag_id, **d)
        else:
            return redirect("aanvraag", aanvraag_id=aanvraag_id)
    except INVOERFOUTEN as fout:
        if form is None:
            messages.error(request, fout.melding)
            return redirect("aanvraag", aanvraag_id=aanvraag_id)
        op_formulier(fout, form)
    if form is not None and form.errors:
        a = budget_selectors.aanvraag_inzien(medewerker=request.user, aanvraag_id=aanvraag_id)
        context = _aanvraag_context(request, a, **{formulieren[stap][0]: form})
        context["fouten"] = foutoverzicht(form)
        return render(request, "web/aanvraag.html", context, status=400)
    messages.success(request, "Opgeslagen.")
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
        qs = qs.filter(status=AanvraagStatus.TOEGEKEND)
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
    return render(
        request,
        "web/aanvragen.html",
        {
            "lijst": lijst,
            "lijsten": LIJSTEN.items(),
            "pagina": pagina,
            "rijen": rijen,
            "leningen": leningen,
            "querystring": f"lijst={lijst}",
        },
    )


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
