"""A new MKBA for a case: lines of the current path and the breakthrough, its own costs, and the
waardendriehoek; prefilled from the latest calculation, so a regisseur adjusts, not retypes."""

from decimal import Decimal
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from doorbraak import opmaak
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen import toegang
from doorbraak.mkba import calculator, selectors, services, standaardkansen
from doorbraak.mkba.opbouw import KostenInvoer, RegelInvoer, SleutelkansInvoer
from doorbraak.web.forms import KostenRegelsFormSet, MkbaForm, MkbaRegelsFormSet, behouden
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht, op_formulier

WAARDEN = ("rendement", "legitimiteit", "betrokkenheid")


def kengetalkeuzes(medewerker) -> list[tuple[str, str]]:
    return [
        (k.code, f"{k.kengetal.omschrijving} — {opmaak.euro(k.bedrag)} {k.eenheid_tekst}")
        for k in sorted(selectors.kengetallen_voor(medewerker=medewerker), key=lambda k: k.code)
        if k.bedrag is not None
    ]


REGELVELDEN = (
    "kengetal", "aantal", "kans", "jaar", "tot_jaar", "omschrijving", "bedrag", "betaler",
    "betrouwbaarheid", "kans_betrouwbaarheid", "sleutel", "toelichting",
)  # fmt: skip
KOSTENVELDEN = (
    "omschrijving", "bedrag", "jaar", "vorm", "ontvanger", "terugbetaald", "aflossingsjaren",
    "administratiekosten",
)  # fmt: skip


def _beginwaarden(laatste) -> dict:
    """The previous calculation's input as entered (own amounts and toelichting included; the
    helpers and the request's cost come back through their own fields)."""
    if laatste is None:
        return {"formulier": {"horizon_jaren": 3}, "huidig_pad": [], "doorbraak": [], "kosten": []}
    invoer = laatste.invoer
    ingevoerd = invoer.get("ingevoerd") or invoer

    def regels(scenario):
        return [
            {k: r.get(k) for k in REGELVELDEN if r.get(k) not in (None, "")}
            for r in ingevoerd.get(scenario, [])
            if r.get("kengetal") or r.get("bedrag") is not None
        ]

    sleutel = invoer.get("sleutelkans") or {}
    formulier = {
        "horizon_jaren": laatste.horizon_jaren,
        "hulpverleners_meenemen": invoer.get("hulpverleners_meenemen", False),
        "toelichting": laatste.toelichting,
        "sleutel_omschrijving": sleutel.get("omschrijving", ""),
        "sleutelkans_huidig_pad": sleutel.get("huidig_pad"),
        "sleutelkans_doorbraak": sleutel.get("doorbraak"),
        "sleutelkans_betrouwbaarheid": sleutel.get("betrouwbaarheid", "D"),
        "aanvraag": invoer.get("aanvraag") or "",
        "aanvraag_ontvanger": invoer.get("aanvraag_ontvanger", ""),
        "aanvraag_terugbetaald": invoer.get("aanvraag_terugbetaald"),
        **{f"blijft_{h}": str(j) for h, j in (invoer.get("hulpverleners_blijven") or {}).items()},
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
            {k: r.get(k) for k in KOSTENVELDEN if r.get(k) not in (None, "")}
            for r in ingevoerd.get("doorbraak_kosten", [])
        ],
    }


def _geleerde_beginwaarden(begin: dict, geleerd: dict) -> list[str]:
    """A new calculation without a key event gets the chances learned from this gemeente's
    follow-ups (the event with the most follow-ups); what a professional entered stays. Returns
    the sentences that say where each prefilled chance comes from."""
    formulier = begin["formulier"]
    if not geleerd or (formulier.get("sleutel_omschrijving") or "").strip():
        return []
    gebeurtenissen: dict[str, int] = {}
    for (gebeurtenis, _scenario), s in geleerd.items():
        gebeurtenissen[gebeurtenis] = gebeurtenissen.get(gebeurtenis, 0) + s.nametingen
    gebeurtenis = min(gebeurtenissen, key=lambda g: (-gebeurtenissen[g], g))
    formulier["sleutel_omschrijving"] = gebeurtenis
    zinnen = []
    for scenario, veld, tekst in (
        (standaardkansen.SCENARIO_HUIDIG, "sleutelkans_huidig_pad", _("zonder doorbraak")),
        (standaardkansen.SCENARIO_DOORBRAAK, "sleutelkans_doorbraak", _("met doorbraak")),
    ):
        s = geleerd.get((gebeurtenis, scenario))
        if s is None or formulier.get(veld) not in (None, ""):
            continue
        formulier[veld] = s.kans
        formulier["sleutelkans_betrouwbaarheid"] = "C"  # the gemeente's own figures
        zinnen.append(
            _(
                "Voorgestelde kans op %(gebeurtenis)s %(scenario)s: %(kans)s, gebaseerd op "
                "%(n)s nametingen in deze gemeente (%(gebeurd)s keer gebeurd). Pas de kans aan "
                "als u het voor deze casus beter weet."
            )
            % {
                "gebeurtenis": gebeurtenis,
                "scenario": tekst,
                "kans": calculator.procent(s.kans),
                "n": s.nametingen,
                "gebeurd": s.gebeurd,
            }
        )
    return zinnen


def _aanvraagkeuzes(casus) -> list[tuple[str, str]]:
    return [
        (
            str(a.pk),
            f"{opmaak.euro(a.bedrag)} {a.get_vorm_display().lower()}, "
            f"{a.aangemaakt_op:%d-%m-%Y} ({a.get_status_display().lower()})",
        )
        for a in selectors.aanvragen_van_casus(casus=casus)
    ]


@login_required
@domeinfouten
def berekenen(request, casus_id):
    toegang.vereis_casuswerk(request.user)
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=request.user,
        casus_id=casus_id,
        onderdeel="mkbas",
        prefetch=("hulpverleners",),
    )
    keuzes = kengetalkeuzes(request.user)
    extra = {"form_kwargs": {"kengetallen": keuzes}}
    formulierextra = {
        "hulpverleners": [h for h in selectors.hulpverlenerkosten(casus) if h.jaarkosten],
        "aanvragen": _aanvraagkeuzes(casus),
    }
    geleerd: list[str] = []  # where a prefilled, learned chance comes from
    if request.method == "POST":
        form = MkbaForm(request.POST, prefix="mkba", **formulierextra)
        huidig = MkbaRegelsFormSet(request.POST, prefix="huidig_pad", **extra)
        doorbraak = MkbaRegelsFormSet(request.POST, prefix="doorbraak", **extra)
        kosten = KostenRegelsFormSet(request.POST, prefix="doorbraak_kosten")
        if all(f.is_valid() for f in (form, huidig, doorbraak, kosten)):
            d = form.cleaned_data
            try:
                services.mkba_berekenen(
                    door=request.user,
                    casus_id=casus.pk,
                    invoer=_invoer(form, d, huidig, doorbraak, kosten),
                )
            except INVOERFOUTEN as fout:
                veld = (fout.veld or "").replace("waardendriehoek.", "").replace(".score", "_score")
                veld = veld.replace("hulpverleners_blijven.", "blijft_")
                veld = {
                    "sleutelkans.omschrijving": "sleutel_omschrijving",
                    "sleutelkans.huidig_pad": "sleutelkans_huidig_pad",
                    "sleutelkans.doorbraak": "sleutelkans_doorbraak",
                }.get(veld, veld)
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
        geleerd = _geleerde_beginwaarden(
            begin, selectors.standaardkansen_van_gemeente(gemeente_id=casus.gemeente_id)
        )
        form = MkbaForm(prefix="mkba", initial=begin["formulier"], **formulierextra)
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
            "hulpverlenervelden": [form[naam] for naam in form.hulpverlenervelden],
            "scenarios": [
                (_("Huidig pad: als niets doorbreekt"), huidig, "huidig_pad", _("Regel toevoegen")),
                (
                    _("Doorbraak: wat het kost, wie blijft, en wat nog mis kan gaan"),
                    doorbraak,
                    "doorbraak",
                    _("Regel toevoegen"),
                ),
                (
                    _("Eigen kosten van de doorbraak (het gevraagde bedrag, extra steun)"),
                    kosten,
                    "doorbraak_kosten",
                    _("Kostenpost toevoegen"),
                ),
            ],
            "fouten": foutoverzicht(form, huidig, doorbraak, kosten) if form.is_bound else [],
            "geleerd": geleerd,
        },
        status=400 if request.method == "POST" else 200,
    )


def _invoer(form, d, huidig, doorbraak, kosten) -> services.MkbaInvoer:
    sleutel = None
    if (d.get("sleutel_omschrijving") or "").strip():
        sleutel = SleutelkansInvoer(
            omschrijving=d["sleutel_omschrijving"],
            huidig_pad=d["sleutelkans_huidig_pad"],
            doorbraak=d["sleutelkans_doorbraak"] or Decimal(0),
            betrouwbaarheid=d.get("sleutelkans_betrouwbaarheid") or "D",
        )
    return services.MkbaInvoer(
        horizon_jaren=d["horizon_jaren"],
        huidig_pad=[_regel(r) for r in _rijen(huidig)],
        doorbraak=[_regel(r) for r in _rijen(doorbraak)],
        doorbraak_kosten=[_kosten(r) for r in _rijen(kosten)],
        hulpverleners_meenemen=d["hulpverleners_meenemen"],
        hulpverleners_blijven={
            naam.removeprefix("blijft_"): int(d[naam]) for naam in form.hulpverlenervelden
        },
        sleutelkans=sleutel,
        aanvraag_id=UUID(d["aanvraag"]) if d.get("aanvraag") else None,
        aanvraag_ontvanger=d.get("aanvraag_ontvanger") or "",
        aanvraag_terugbetaald=d.get("aanvraag_terugbetaald") or Decimal(0),
        waardendriehoek={
            w: services.Waardeoordeel(
                int(d[f"{w}_score"]) if d[f"{w}_score"] else None,
                d[f"{w}_toelichting"],
            )
            for w in WAARDEN
        },
        toelichting=d["toelichting"],
    )


def _rijen(formset) -> list[dict]:
    return [f.cleaned_data for f in behouden(formset)]


def _regel(r: dict) -> RegelInvoer:
    eigen = not r.get("kengetal")
    return RegelInvoer(
        kengetal=r.get("kengetal") or None,
        aantal=r["aantal"],
        kans=r["kans"] if r["kans"] is not None else Decimal(1),
        jaar=r["jaar"],
        tot_jaar=r["tot_jaar"],
        toelichting=(r.get("toelichting") or "").strip(),
        omschrijving=(r.get("omschrijving") or "").strip() if eigen else "",
        bedrag=r.get("bedrag") if eigen else None,
        betaler=(r.get("betaler") or "") if eigen else "",
        betrouwbaarheid=(r.get("betrouwbaarheid") or "D") if eigen else "D",
        kans_betrouwbaarheid=r.get("kans_betrouwbaarheid") or "",
        sleutel=bool(r.get("sleutel")),
    )


def _kosten(r: dict) -> KostenInvoer:
    lening = r.get("vorm") == "lening"
    return KostenInvoer(
        omschrijving=r["omschrijving"],
        bedrag=r["bedrag"],
        jaar=r["jaar"],
        vorm="lening" if lening else "gift",
        ontvanger=r.get("ontvanger") or "",
        terugbetaald=(r.get("terugbetaald") or Decimal(0)) if lening else Decimal(0),
        aflossingsjaren=r.get("aflossingsjaren") or 1,
        administratiekosten=(r.get("administratiekosten") or Decimal(0)) if lening else Decimal(0),
    )
