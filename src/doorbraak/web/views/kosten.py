"""'Kosten en baten' in the dossier: the latest MKBA side by side, per payer, with its PDF."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from doorbraak import downloads, opmaak
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen import toegang as casus_toegang
from doorbraak.grafieken import als_data_uri, betalersgrafiek
from doorbraak.mkba import selectors
from doorbraak.mkba.begrippen import BETALERS
from doorbraak.web.views.fouten import domeinfouten

WAARDEN = (
    ("rendement", "Rendement (doelmatigheid)"),
    ("legitimiteit", "Legitimiteit (rechtmatigheid)"),
    ("betrokkenheid", "Betrokkenheid (draagvlak bij huishouden en professionals)"),
)


def _context(request, casus_id) -> dict:
    mkbas = selectors.mkbas_van_casus(medewerker=request.user, casus_id=casus_id)
    casus = casus_selectors.casus_ophalen(medewerker=request.user, casus_id=casus_id)
    gekozen = request.GET.get("berekening")
    mkba = None
    if gekozen:
        mkba = selectors.mkba_inzien(medewerker=request.user, casus_id=casus.pk, mkba_id=gekozen)
    else:
        mkba = mkbas.first()
    nametingen = list(selectors.nametingen_van_casus(medewerker=request.user, casus_id=casus.pk))
    context = {
        "casus": casus,
        "mkba": mkba,
        "nametingen": [
            {**vars(selectors.voorspeld(n)), "toelichting": n.toelichting} for n in nametingen
        ],
        "eerdere": list(mkbas[:10]),
        "kan_werken": casus_toegang.mag_werken(request.user),
    }
    if mkba:
        u = mkba.uitkomst
        context.update(
            {
                "u": u,
                "w": weergave(u),
                "kolommen": [
                    (
                        _("Huidig pad: doormodderen"),
                        _posten(u, "huidig_pad"),
                        u["huidig_pad"]["totaal"],
                    ),
                    (_("Doorbraak"), _posten(u, "doorbraak"), u["doorbraak"]["totaal"]),
                ],
                "grafiek": betalersgrafiek(
                    [{**b, "betaler": _naam(b["betaler"])} for b in u["per_betaler"]],
                    _("Kosten per betaler: huidig pad en doorbraak"),
                ),
                "waardendriehoek": [(naam, mkba.waardendriehoek[code]) for code, naam in WAARDEN],
            }
        )
    return context


PERSPECTIEVEN = {
    "gemeente": gettext_lazy(
        "Begroting van de gemeente (lening: verwachte wanbetaling en administratie)"
    ),
    "organisaties": gettext_lazy("Alle betalers samen, elk zijn eigen rekeningen"),
    "welvaart": gettext_lazy("Maatschappelijk (welvaart): overdrachten vallen weg"),
}
WAARDETYPEN = {
    "fiscaal": gettext_lazy("Overheid en zorgverzekeraars"),
    "economisch": gettext_lazy("Bedrijven, corporaties en inkomen"),
    "sociaal": gettext_lazy("Welzijn"),
}
BRON = {
    "A": gettext_lazy("officiële prijslijst of regelgeving"),
    "B": gettext_lazy("landelijke statistiek of gezaghebbend onderzoek"),
    "C": gettext_lazy("onderzoek via een andere bron of een regionaal tarief"),
    "D": gettext_lazy("schatting"),
}
KANSGROND = {
    "A": gettext_lazy("vastgesteld"),
    "B": gettext_lazy("landelijke cijfers"),
    "C": gettext_lazy("regionale cijfers of oordeel van het team"),
    "D": gettext_lazy("inschatting van één professional"),
}


def _naam(code: str) -> str:
    if code == "gemeente":
        return str(_("Gemeente (alle budgetten samen)"))
    return BETALERS.get(code, code)


def _kans(waarde: str) -> str:
    return f"{opmaak.decimaal(Decimal(waarde) * 100, 0 if Decimal(waarde) * 100 % 1 == 0 else 1)}%"


def _posten(u: dict, scenario: str) -> list[dict]:
    uit = []
    for p in u["posten"]:
        if p["scenario"] != scenario:
            continue
        kans = p.get("kans", "1")
        uit.append(
            {
                **p,
                "betaler_naam": _naam(p["betaler"]),
                "kans_tekst": "" if Decimal(kans) == 1 else _kans(kans),
                "aantal_tekst": opmaak.decimaal(Decimal(p["aantal"]), 2).removesuffix(",00"),
                "bron_tekst": BRON.get(p["betrouwbaarheid"], ""),
                "kansgrond_tekst": KANSGROND.get(p.get("kans_betrouwbaarheid", ""), ""),
                "centraal": p.get("centraal", p.get("voorzichtig", p["bedrag"])),
            }
        )
    return uit


def _verhouding(x) -> str:
    return "—" if x in (None, "") else f"1 : {opmaak.decimaal(Decimal(x), 2)}"


def weergave(u: dict) -> dict:
    """What the page and the PDF show, in plain words: names instead of payer codes, Dutch
    numbers, and the one sentence on top. Older calculations lack some parts: left out."""
    omslag = u.get("omslagpunt") or {}
    welvaart = next((p for p in u.get("perspectieven", []) if p["perspectief"] == "welvaart"), None)
    return {
        "zin": omslag.get("zin", ""),
        "verhouding": _verhouding(welvaart["verhouding"]) if welvaart else "",
        "discontovoet": f"{opmaak.decimaal(Decimal(u['discontovoet']) * 100, 2)}%",
        "perspectieven": [
            {
                **p,
                "naam": PERSPECTIEVEN.get(p["perspectief"], p["perspectief"]),
                "verhouding_tekst": _verhouding(p["verhouding"]),
            }
            for p in u.get("perspectieven", [])
        ],
        "per_organisatie": [
            {**o, "naam": _naam(o["betaler"])} for o in u.get("per_organisatie", [])
        ],
        "per_betaler": [{**b, "naam": _naam(b["betaler"])} for b in u["per_betaler"]],
        "waardetypen": [
            {**w, "naam": WAARDETYPEN.get(w["waardetype"], w["waardetype"])}
            for w in u["per_waardetype"]
        ],
        "verkeerde_zak": {
            "ja": u["verkeerde_zak"]["verkeerde_zak"],
            "betalers": [
                (_naam(b["betaler"]), b["bedrag"]) for b in u["verkeerde_zak"]["betalers"]
            ],
            "winnaars": [
                (_naam(b["betaler"]), b["bedrag"]) for b in u["verkeerde_zak"]["winnaars"]
            ],
        },
        "waarschuwingen": [*u.get("waarschuwingen", []), *u.get("plausibiliteit", [])],
        "sleutelkans": u.get("sleutelkans"),
        "sleutel_kansen": (
            (
                _kans(u["sleutelkans"]["huidig_pad"]),
                _kans(u["sleutelkans"]["doorbraak"]),
                KANSGROND.get(u["sleutelkans"]["betrouwbaarheid"], ""),
            )
            if u.get("sleutelkans")
            else None
        ),
        "optimistisch": u["lezingen"]["optimistisch"],
        "centraal": u["lezingen"].get("centraal") or u["lezingen"]["voorzichtig"],
    }


@require_GET
@login_required
@domeinfouten
def kosten_en_baten(request, casus_id):
    return render(request, "web/kosten.html", _context(request, casus_id))


@require_GET
@login_required
@domeinfouten
def kosten_en_baten_pdf(request, casus_id):
    """The same page as a PDF (WeasyPrint), for the table or the file."""
    context = _context(request, casus_id)
    if context.get("grafiek"):
        context["grafiek_uri"] = als_data_uri(context["grafiek"])
    naam = slugify(f"kosten-en-baten-{context['casus'].huishouden.naam}")
    inhoud = downloads.pdf("web/kosten_pdf.html", context, request)
    return downloads.bijlage(inhoud, "application/pdf", f"{naam}.pdf")
