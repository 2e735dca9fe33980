"""The dossier page and the small changes made from it: status, helpers, notes."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doorbraak import opmaak
from doorbraak.budget import selectors as budget_selectors
from doorbraak.casussen import leesmodel, selectors, services, status
from doorbraak.casussen import toegang as casus_toegang
from doorbraak.casussen.models import ContactSoort, GezinslidRol, KnelpuntSoort, TijdlijnSoort
from doorbraak.casussen.status import CasusStatus
from doorbraak.casussen.verloop import totale_jaarkosten
from doorbraak.fouten import NietGevonden
from doorbraak.organisaties.models import Medewerker
from doorbraak.web import paginacache
from doorbraak.web.forms import HulpverlenerForm, NotitieForm, StatusForm
from doorbraak.web.views import huishoudplan
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier

TIJDLIJN_MAX = 100


def mogelijke_statussen(huidig: str) -> list[tuple[str, str]]:
    return [(k, CasusStatus(k).label) for k in status.keuzes(huidig)]


@login_required
@domeinfouten
def dossier(request, casus_id):
    """The content is rendered once per version of the case and kept (web.paginacache: the key,
    and how a new section plugs in); the read is logged on every request either way."""
    stand = selectors.dossierstand_inzien(medewerker=request.user, casus_id=casus_id)
    sleutel, plek = paginasleutel(request.user, stand)
    opgehaald = paginacache.ophalen(sleutel, plek)
    if opgehaald is not None:
        context = {"huishouden": {"naam": stand.huishouden_naam}, "paginadeel": opgehaald}
        return render(request, "web/dossier.html", context)
    return render(request, "web/dossier.html", inhoud_context(request, sleutel, plek))


def paginasleutel(medewerker, stand: selectors.Dossierstand) -> tuple:
    """The key of the page's content as `medewerker` sees it, and where it is kept."""
    variant = _rechten(medewerker)
    sleutel = paginacache.sleutel(
        "dossier", stand.casus_id, stand.versie, stand.tijdlijn, variant=variant
    )
    # the case lies within the medewerker's gemeente (the stand was read within their scope)
    plek = paginacache.Plek(
        medewerker.gemeente_id, stand.casus_id, variant, medewerker.pk, stand.versie
    )
    return sleutel, plek


def inhoud_context(request, sleutel: str | None, plek: paginacache.Plek) -> dict:
    """Everything the page's content is rendered from (read after the stand the key came from,
    so what is kept is never older than its key)."""
    delen = selectors.dossier_delen(medewerker=request.user, casus_id=plek.casus_id)
    context = _dossier_context(request, delen) | {"paginasleutel": sleutel, "paginaplek": plek}
    # documents and the meldcode prompt: their changes are logged on the case, so the key holds
    context.update(_documenten_en_meldcode(request, delen.casus, context))
    return context


def _documenten_en_meldcode(request, casus, context: dict) -> dict:
    """The documents and the meldcode prompt (from the measurements the context read)."""
    gelezen = {"metingen": context["metingen"], "scores": context["domeinscores"]}
    return huishoudplan.dossier_context(request, casus, **gelezen)


def _rechten(medewerker) -> tuple[bool, bool]:
    """(may work on cases, may add notes): the part of the page that differs per viewer."""
    return casus_toegang.mag_werken(medewerker), casus_toegang.mag_notities(medewerker)


def _dossier_context(request, delen: selectors.Dossierdelen, **formulieren) -> dict:
    """The page's content from the case and the parts its read model holds (members, helpers,
    the plan's bottlenecks, actions and network), the other parts read as rows."""
    casus, gelezen = delen.casus, delen.uit_leesmodel
    hulpverleners = gelezen.hulpverleners
    kan_werken, kan_notities = _rechten(request.user)
    status_form = formulieren.get("status_form") or StatusForm()
    status_form.fields["naar"].choices = mogelijke_statussen(casus.status)
    aanvragen = budget_selectors.aanvragen_van_casus(casus=casus)
    acties = gelezen.acties
    metingen = selectors.metingen_van(casus=casus)
    scores = selectors.domeinscores_van(casus=casus)
    return {
        "casus": casus,
        "huishouden": casus.huishouden,
        "plan": casus.doorbraakplan,
        "metingen": metingen,
        "domeinscores": scores,
        "hulpverleners": hulpverleners,
        "hulpverlenerregels": _hulpverlenerregels(casus.pk, hulpverleners),
        "gezinsleden": _gezinsledenregels(casus.pk, gelezen.gezinsleden),
        **_planregels(gelezen.knelpunten, acties),
        "netwerk": gelezen.netwerk,
        "statusgeschiedenis": _statusregels(selectors.statusgeschiedenis_van(casus=casus)),
        "totale_jaarkosten": totale_jaarkosten(hulpverleners),
        "tijdlijn": _tijdlijnregels(selectors.tijdlijn_van(casus=casus, limiet=TIJDLIJN_MAX)),
        "kan_werken": kan_werken,
        "kan_bijwerken": casus_toegang.mag_bijwerken(request.user, casus),
        "kan_notities": kan_notities,
        "status_form": status_form,
        "status_fouten": foutoverzicht(status_form) if status_form.is_bound else [],
        "hulpverlener_form": formulieren.get("hulpverlener_form") or HulpverlenerForm(),
        "notitie_form": formulieren.get("notitie_form") or NotitieForm(),
        "statusbalk": [
            (label, code == casus.status) for code, label in opmaak.labels_van(CasusStatus).items()
        ],
        "aanvragen": _aanvraagregels(aanvragen),
    } | _dossier_overzicht(casus, aanvragen, acties, metingen, scores)


def _tijdlijnregels(items: list[tuple]) -> list[dict]:
    """The timeline as it is shown (up to TIJDLIJN_MAX entries, rows of
    `selectors.tijdlijn_van`), worked out once here instead of per entry in the template: one
    label per kind, the moment in local time, 'systeem' once."""
    soorten = opmaak.labels_van(TijdlijnSoort)
    systeem = _("systeem")
    regels = []
    for soort, op, tekst, door_id, *naam in items:
        op = timezone.localtime(op)
        regels.append(
            {
                "soort": soort,
                "soort_label": soorten.get(soort, soort),
                "op_iso": op.isoformat(),
                "op": opmaak.datumtijd(op),
                "door": Medewerker.naam_uit(*naam) if door_id else systeem,
                "tekst": tekst,
            }
        )
    return regels


def _hulpverlenerregels(casus_id, hulpverleners: list) -> list[dict]:
    """The helpers' rows as shown: yearly cost in euros, the address and confirmation of their
    removal (the names escaped, as `{% blocktranslate %}` does), worked out here once per row."""
    bevestig = _("%(rol)s (%(organisatie)s) verwijderen uit dit dossier?")
    adressen = _adressen("hulpverlener-verwijderen", casus_id, [h.pk for h in hulpverleners])
    return [
        {
            "organisatie": h.organisatie,
            "rol": h.rol,
            "contactpersoon": h.contactpersoon or opmaak.LEEG,
            "rol_organisatie": f"{h.rol}, {h.organisatie}",  # escaped as a whole, as apart
            "jaarkosten": opmaak.euro(h.geschatte_jaarkosten),
            "verwijderen": adres,
            "bevestig": mark_safe(  # noqa: S308 - the translated text with escaped values
                bevestig % {"rol": escape(h.rol), "organisatie": escape(h.organisatie)}
            ),
        }
        for h, adres in zip(hulpverleners, adressen, strict=True)
    ]


def _adressen(route: str, casus_id, ids: list) -> list[str]:
    """The address of `route` for the case and each id in its last place, reversed once: the
    ids are UUIDs, which the route's converter writes as str(id), so each address is one with
    a placeholder and its own id in the placeholder's place."""
    plaats = str(_PLAATSHOUDER)
    kop, _, staart = reverse(route, args=[casus_id, plaats]).rpartition(plaats)
    return [f"{kop}{i}{staart}" for i in ids]


_PLAATSHOUDER = uuid.UUID(int=0)


def _aanvraagregels(aanvragen: list) -> list[dict]:
    """The requests as listed under the budget: address, amount, form and fund, status."""
    return [
        {
            "adres": reverse("aanvraag", args=[a.pk]),
            "tekst": f"{opmaak.euro(a.bedrag)} {a.get_vorm_display().lower()} — {a.fonds.naam}",
            "status": a.get_status_display(),
        }
        for a in aanvragen
    ]


def _gezinsledenregels(casus_id, gezinsleden: list[leesmodel.Lid]) -> list[dict]:
    """The household's members as shown (from the read model, `leesmodel.delen_uit`): birth
    date, age in words, role label, the masked BSN and the address of the correction page,
    worked out here once per member."""
    vandaag = timezone.localdate()
    rollen = opmaak.labels_van(GezinslidRol)
    jaar = _("%(jaar)s jaar")
    adressen = _adressen("gezinslid-corrigeren", casus_id, [lid.pk for lid in gezinsleden])
    return [
        {
            "voornaam": lid.voornaam,
            "achternaam": lid.achternaam,
            "geboortedatum": opmaak.datum(lid.geboortedatum),
            "leeftijd": jaar
            % {"jaar": opmaak.leeftijd(lid.geboortedatum, vandaag) if lid.geboortedatum else ""},
            "rol": rollen.get(lid.rol, lid.rol),
            "bsn_masked": lid.bsn_masked,
            "bsn_laatste_cijfers": lid.bsn_laatste_cijfers,
            "corrigeren": adres,
        }
        for lid, adres in zip(gezinsleden, adressen, strict=True)
    ]


def _planregels(knelpunten: list[tuple], acties: list[tuple]) -> dict:
    """The plan's bottlenecks and actions as shown (kind's label, dates, 'ja'/'nee'), worked out
    here once instead of per row in the template; from the read model (`leesmodel.delen_uit`)."""
    soorten = opmaak.labels_van(KnelpuntSoort)
    vandaag = timezone.localdate()
    ja, nee = _("ja,nee").split(",")
    return {
        "knelpunten": [
            {
                "omschrijving": omschrijving,
                "soort": soorten.get(soort, soort),
                "regeling": regeling,
                "artikel": artikel,
            }
            for omschrijving, soort, regeling, artikel in knelpunten
        ],
        "acties": [
            {
                "omschrijving": a.omschrijving,
                "eigenaar": a.eigenaar,
                "deadline": opmaak.datum(a.deadline),
                "nog": opmaak.relatief(a.deadline, vandaag) if a.deadline and not a.gereed else "",
                "gereed": ja if a.gereed else nee,
            }
            for a in acties
        ],
    }


def _statusregels(wijzigingen: list[tuple]) -> list[dict]:
    """The status history as shown (rows of `selectors.statusgeschiedenis_van`): labels, the
    local moment, who."""
    statussen = opmaak.labels_van(CasusStatus)
    regels = []
    for op, van, naar, reden, door_id, *naam in wijzigingen:
        op = timezone.localtime(op)
        regels.append(
            {
                "op_iso": op.isoformat(),
                "op": opmaak.datumtijd(op),
                "van": statussen.get(van, van),
                "naar": statussen.get(naar, naar),
                "reden": reden,
                "door": (Medewerker.naam_uit(*naam) if door_id else "") or opmaak.LEEG,
            }
        )
    return regels


CONTACTEN_OP_DOSSIER = 5


def _dossier_overzicht(casus, aanvragen: list, acties: list, metingen: list, scores: list) -> dict:
    """Issue 17: the summary panel, the score trend and the latest contact moments (the panel
    reads the requests, actions and measurements the context already holds; see
    casussen.samenvatting). Measurements, scores and contacts are read as rows."""
    from doorbraak.casussen.samenvatting import dossier_samenvatting
    from doorbraak.casussen.verloop import scoreregels_uit_rijen, scoretabel
    from doorbraak.web.grafiek import trendgrafieken

    tabel = scoretabel(metingen, scores)
    for rij in tabel:  # the cells as shown, worked out once here instead of per cell
        rij["cellen"] = [str(s) if s else opmaak.LEEG for s in rij["scores"]]
        rij["verschil_tekst"] = (
            f"+{rij['verschil']}" if rij["verschil"] > 0 else str(rij["verschil"])
        )
    volgorde = {r["domein"]: i for i, r in enumerate(tabel)}
    regels = scoreregels_uit_rijen(metingen, scores)
    trends = sorted(trendgrafieken(regels), key=lambda t: volgorde[t.domein])
    contacten = contactregels(selectors.contactmomenten_van(casus=casus))
    return {
        "samenvatting": dossier_samenvatting(
            casus=casus,
            aanvragen=aanvragen,
            acties=acties,
            metingen=metingen,
            contacten=contacten,
            vandaag=timezone.localdate(),
        ),
        "trends": trends,
        "scoretabel": tabel,
        "contacten": contacten[:CONTACTEN_OP_DOSSIER],
        "meer_contacten": max(len(contacten) - CONTACTEN_OP_DOSSIER, 0),
    }


def contactregels(contacten: list[tuple]) -> list[dict]:
    """Contact moments as listed (rows of `selectors.contactmomenten_van`): the kind's label and
    the author's name ('' without one), worked out once here."""
    soorten = opmaak.labels_van(ContactSoort)
    return [
        {
            "datum": datum,
            "soort": soorten.get(soort, soort),
            "met_wie": met_wie,
            "notitie": notitie,
            "door": Medewerker.naam_uit(*naam) if door_id else "",
        }
        for datum, soort, met_wie, notitie, door_id, *naam in contacten
    ]


def _opnieuw(request, casus_id, **formulieren):
    """Show the dossier again with the failed form's errors beside its fields (the page's read
    and log entry, its parts as on a first read)."""
    selectors.dossierstand_inzien(medewerker=request.user, casus_id=casus_id)
    delen = selectors.dossier_delen(medewerker=request.user, casus_id=casus_id)
    context = _dossier_context(request, delen, **formulieren)
    context.update(_documenten_en_meldcode(request, delen.casus, context))
    return render(request, "web/dossier.html", context, status=400)


@login_required
@domeinfouten
def status_wijzigen(request, casus_id):
    """Step 1 (GET or POST from the dossier) asks for confirmation; step 2 carries it out."""
    casus = selectors.casus_onderdeel_inzien(
        medewerker=request.user, casus_id=casus_id, onderdeel="status"
    )
    form = StatusForm(request.POST or request.GET or None)
    form.fields["naar"].choices = mogelijke_statussen(casus.status)
    if not form.is_valid():
        return _opnieuw(request, casus_id, status_form=form)
    fout = None
    if request.method == "POST" and request.POST.get("bevestigd") == "ja":
        try:
            services.casus_wijzigen(
                door=request.user,
                casus_id=casus.pk,
                status_naar=form.cleaned_data["naar"],
                reden=form.cleaned_data["reden"],
            )
        except INVOERFOUTEN as f:
            fout = f.melding
        else:
            messages.success(
                request,
                _("De status is gewijzigd naar '%(status)s'.")
                % {"status": CasusStatus(form.cleaned_data["naar"]).label},
            )
            return redirect(reverse("dossier", args=[casus.pk]) + "#status")
    return render(
        request,
        "web/status_bevestigen.html",
        {
            "casus": casus,
            "form": form,
            "van": CasusStatus(casus.status).label,
            "naar": CasusStatus(form.cleaned_data["naar"]).label,
            "fout": fout,
        },
        status=409 if fout else 200,
    )


@require_POST
@login_required
@domeinfouten
def hulpverlener_toevoegen(request, casus_id):
    form = HulpverlenerForm(request.POST)
    if form.is_valid():
        try:
            services.hulpverlener_toevoegen(
                door=request.user,
                casus_id=casus_id,
                invoer=services.HulpverlenerInvoer(
                    organisatie=form.cleaned_data["organisatie"],
                    rol=form.cleaned_data["rol"],
                    contactpersoon=form.cleaned_data["contactpersoon"],
                    geschatte_jaarkosten=form.cleaned_data["geschatte_jaarkosten"],
                ),
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, _("Hulpverlener toegevoegd."))
            return redirect(reverse("dossier", args=[casus_id]) + "#hulpverleners")
    return _opnieuw(request, casus_id, hulpverlener_form=form)


@require_POST
@login_required
@domeinfouten
def hulpverlener_verwijderen(request, casus_id, hulpverlener_id):
    services.hulpverlener_verwijderen(
        door=request.user, casus_id=casus_id, hulpverlener_id=hulpverlener_id
    )
    messages.success(request, _("Hulpverlener verwijderd."))
    return redirect(reverse("dossier", args=[casus_id]) + "#hulpverleners")


@require_POST
@login_required
@domeinfouten
def notitie_toevoegen(request, casus_id):
    form = NotitieForm(request.POST)
    if form.is_valid():
        try:
            services.notitie_toevoegen(
                door=request.user, casus_id=casus_id, tekst=form.cleaned_data["tekst"]
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, _("Notitie toegevoegd."))
            return redirect(reverse("dossier", args=[casus_id]) + "#tijdlijn")
    return _opnieuw(request, casus_id, notitie_form=form)


@login_required
@domeinfouten
def gezinslid_corrigeren(request, casus_id, gezinslid_id):
    """Correct a member's details (AVG art. 16); the previous values stay in the history."""
    from doorbraak.web.forms import CorrectieForm

    casus = selectors.casus_onderdeel_inzien(
        medewerker=request.user, casus_id=casus_id, onderdeel="gezinslid"
    )
    lid = next((g for g in casus.huishouden.gezinsleden.all() if g.pk == gezinslid_id), None)
    if lid is None:
        raise NietGevonden("Gezinslid niet gevonden.")
    huidig = {v: getattr(lid, v) for v in ("voornaam", "achternaam", "geboortedatum", "rol")}
    form = CorrectieForm(request.POST or None, initial=huidig)
    if request.method == "POST" and form.is_valid():
        # The service keeps only what changed; an empty BSN field means "leave it".
        wijzigingen = {v: form.cleaned_data[v] for v in huidig}
        if form.cleaned_data["bsn"]:
            wijzigingen["bsn"] = form.cleaned_data["bsn"]
        try:
            services.gezinslid_corrigeren(
                door=request.user,
                huishouden_id=casus.huishouden_id,
                gezinslid_id=lid.pk,
                wijzigingen=wijzigingen,
                reden=form.cleaned_data["reden"],
            )
        except INVOERFOUTEN as fout:
            op_formulier(fout, form)
        else:
            messages.success(request, _("De gegevens zijn gecorrigeerd."))
            return redirect(reverse("dossier", args=[casus.pk]) + "#huishouden")
    return render(
        request,
        "web/gezinslid_corrigeren.html",
        {
            "casus": casus,
            "lid": lid,
            "form": form,
            "fouten": foutoverzicht(form) if form.is_bound and form.errors else [],
            "correcties": list(lid.correcties.order_by("-op", "-pk")),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
