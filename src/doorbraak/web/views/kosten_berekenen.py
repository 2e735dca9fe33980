"""A new MKBA for a case: lines of the current path and the breakthrough, its own costs, and the
waardendriehoek; prefilled from the latest calculation, so a regisseur adjusts, not retypes."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen import toegang
from doorbraak.mkba import selectors, services
from doorbraak.mkba.opbouw import KostenInvoer, RegelInvoer
from doorbraak.web.forms import KostenRegelsFormSet, MkbaForm, MkbaRegelsFormSet, behouden
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier

WAARDEN = ("rendement", "legitimiteit", "betrokkenheid")


def kengetalkeuzes(medewerker) -> list[tuple[str, str]]:
    return [
        (k.code, f"{k.kengetal.omschrijving} — € {k.bedrag} {k.kengetal.eenheid}")
        for k in sorted(selectors.kengetallen_voor(medewerker=medewerker), key=lambda k: k.code)
        if k.bedrag is not None
    ]


def _beginwaarden(laatste) -> dict:
    if laatste is None:
        return {"formulier": {"horizon_jaren": 3}, "huidig_pad": [], "doorbraak": [], "kosten": []}
    invoer = laatste.invoer

    def regels(scenario):
        return [
            {k: r.get(k) for k in ("kengetal", "aantal", "kans", "jaar", "tot_jaar")}
            for r in invoer.get(scenario, [])
            if r.get("kengetal")
        ]

    formulier = {
        "horizon_jaren": laatste.horizon_jaren,
        "hulpverleners_meenemen": invoer.get("hulpverleners_meenemen", False),
        "toelichting": laatste.toelichting,
    }
    for w in WAARDEN:
        score = getattr(laatste, f"{w}_score")
        formulier[f"{w}_score"] = "" if score is None else str(score)
        formulier[f"{w}_toelichting"] = getattr(laatste, f"{w}_toelichting")
    return {
        "formulier": formulier,
        "huidig_pad": regels("huidig_pad"),
        "doorbraak": regels("doorbraak"),
        "kosten": [
            {k: r.get(k) for k in ("omschrijving", "bedrag", "jaar")}
            for r in invoer.get("doorbraak_kosten", [])
        ],
    }


@login_required
@domeinfouten
def berekenen(request, casus_id):
    toegang.vereis_casuswerk(request.user)
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=request.user, casus_id=casus_id, onderdeel="mkbas"
    )
    keuzes = kengetalkeuzes(request.user)
    extra = {"form_kwargs": {"kengetallen": keuzes}}
    if request.method == "POST":
        form = MkbaForm(request.POST, prefix="mkba")
        huidig = MkbaRegelsFormSet(request.POST, prefix="huidig_pad", **extra)
        doorbraak = MkbaRegelsFormSet(request.POST, prefix="doorbraak", **extra)
        kosten = KostenRegelsFormSet(request.POST, prefix="doorbraak_kosten")
        if all(f.is_valid() for f in (form, huidig, doorbraak, kosten)):
            d = form.cleaned_data
            try:
                services.mkba_berekenen(
                    door=request.user,
                    casus_id=casus.pk,
                    invoer=services.MkbaInvoer(
                        horizon_jaren=d["horizon_jaren"],
                        huidig_pad=[_regel(r) for r in _rijen(huidig)],
                        doorbraak=[_regel(r) for r in _rijen(doorbraak)],
                        doorbraak_kosten=[
                            KostenInvoer(r["omschrijving"], r["bedrag"], r["jaar"])
                            for r in _rijen(kosten)
                        ],
                        hulpverleners_meenemen=d["hulpverleners_meenemen"],
                        waardendriehoek={
                            w: services.Waardeoordeel(
                                int(d[f"{w}_score"]) if d[f"{w}_score"] else None,
                                d[f"{w}_toelichting"],
                            )
                            for w in WAARDEN
                        },
                        toelichting=d["toelichting"],
                    ),
                )
            except INVOERFOUTEN as fout:
                veld = (fout.veld or "").replace("waardendriehoek.", "").replace(".score", "_score")
                fout.veld = veld
                op_formulier(
                    fout,
                    form,
                    {"huidig_pad": huidig, "doorbraak": doorbraak, "doorbraak_kosten": kosten},
                )
            else:
                messages.success(request, _("De kosten en baten zijn berekend."))
                return redirect("kosten", casus_id=casus.pk)
    else:
        begin = _beginwaarden(selectors.laatste_mkba(casus=casus))
        form = MkbaForm(prefix="mkba", initial=begin["formulier"])
        huidig = MkbaRegelsFormSet(prefix="huidig_pad", initial=begin["huidig_pad"], **extra)
        doorbraak = MkbaRegelsFormSet(prefix="doorbraak", initial=begin["doorbraak"], **extra)
        kosten = KostenRegelsFormSet(prefix="doorbraak_kosten", initial=begin["kosten"])
    return render(
        request,
        "web/kosten_berekenen.html",
        {
            "casus": casus,
            "form": form,
            "huidig": huidig,
            "doorbraak": doorbraak,
            "kosten": kosten,
            "scenarios": [
                (_("Huidig pad: als niets doorbreekt"), huidig, "huidig_pad", _("Regel toevoegen")),
                (_("Doorbraak"), doorbraak, "doorbraak", _("Regel toevoegen")),
                (
                    _("Eigen kosten van de doorbraak (het gevraagde bedrag, extra steun)"),
                    kosten,
                    "doorbraak_kosten",
                    _("Kostenpost toevoegen"),
                ),
            ],
            "fouten": foutoverzicht(form, huidig, doorbraak, kosten) if form.is_bound else [],
        },
        status=400 if request.method == "POST" else 200,
    )


def _rijen(formset) -> list[dict]:
    return [f.cleaned_data for f in behouden(formset)]


def _regel(r: dict) -> RegelInvoer:
    return RegelInvoer(
        kengetal=r["kengetal"],
        aantal=r["aantal"],
        kans=r["kans"] if r["kans"] is not None else Decimal(1),
        jaar=r["jaar"],
        tot_jaar=r["tot_jaar"],
    )
