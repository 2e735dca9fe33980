"""The voorliggend check in the dossier, and the read-only Kennisbank for professionals."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from doorbraak import opmaak
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen import toegang
from doorbraak.regels import selectors, services, uitvoer
from doorbraak.web.forms import UtrechtFormMixin
from doorbraak.web.views.fouten import INVOERFOUTEN, domeinfouten, foutoverzicht

JA_NEE = [("", "—"), ("ja", gettext_lazy("ja")), ("nee", gettext_lazy("nee"))]
WIE = {
    "huishouden": gettext_lazy("het huishouden"),
    "professional": gettext_lazy("de professional"),
    "register": gettext_lazy("een register (BRP, Suwinet)"),
    "casus": gettext_lazy("het dossier"),
}


# How many of the deciding questions are shown at once; the rest are folded.
EERSTE_VRAGEN = 5


def _feitenformulier(
    ontbrekend: list[dict], data=None, initial=None, prefix="feit", persoon=None
) -> forms.Form:
    """One field per fact, of its type, labelled with the question to ask: the missing facts
    (ranked by how many outcomes they decide) and the answers given so far, to change them.
    With `persoon` (a member's first name), each question is asked about that member."""
    velden = {}
    for feit in ontbrekend:
        hint = _("Wie weet het: %(wie)s.") % {"wie": WIE.get(feit["wie"], feit["wie"])}
        if feit.get("artikelen"):
            hint += " " + _("Nodig voor: %(artikelen)s.") % {
                "artikelen": "; ".join(feit["artikelen"])
            }
        label = feit["vraag"]
        if persoon:
            label = _("Over %(naam)s: %(vraag)s") % {"naam": persoon, "vraag": feit["vraag"]}
        gemeen = {"label": label, "required": False, "help_text": hint}
        if feit["type"] == "ja_nee":
            veld = forms.ChoiceField(choices=JA_NEE, **gemeen)
        elif feit["type"] == "keuze":
            labels = feit.get("keuzelabels") or {}
            veld = forms.ChoiceField(
                choices=[("", "—")]
                + [(k, labels.get(k, k.replace("_", " "))) for k in feit["keuzes"]],
                **gemeen,
            )
        else:
            veld = forms.CharField(
                max_length=20,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                **gemeen,
            )
        velden[feit["feit"]] = veld
    klasse = type("FeitenForm", (UtrechtFormMixin, forms.Form), velden)
    return klasse(data, prefix=prefix, initial=initial)


def _definitie_dict(naam: str, d) -> dict:
    return {
        "feit": naam,
        "type": d.type,
        "vraag": d.vraag,
        "wie": d.wie,
        "keuzes": list(d.keuzes),
        "keuzelabels": dict(d.keuzelabels),
        "omschrijving": d.omschrijving,
    }


def _persoonsformulieren(kennisbank, check, data=None) -> list[dict]:
    """Per member with a per-person voorziening: the questions about that member (the missing
    facts first, then the answers given, to change them), asked by first name."""
    uit = []
    if check is None:
        return uit
    ingevoerd = check.ingevoerde_persoonsfeiten or {}
    for i, p in enumerate(check.uitkomst.get("per_persoon", [])):
        ontbrekend = list(p.get("ontbrekende_feiten", []))
        bekend = {f["feit"] for f in ontbrekend}
        eigen = ingevoerd.get(p["sleutel"], {})
        gegeven = [
            _definitie_dict(naam, kennisbank.feiten[naam])
            for naam in eigen
            if naam in kennisbank.feiten and naam not in bekend
        ]
        vragen = [*ontbrekend, *gegeven]
        if not vragen:
            continue
        form = _feitenformulier(
            vragen,
            data,
            initial={f["feit"]: _formwaarde(f["type"], eigen.get(f["feit"])) for f in gegeven},
            prefix=f"persoon{i}",
            persoon=p["naam"],
        )
        uit.append({"persoon": p, "form": form, "vragen": vragen, "gegeven": gegeven})
    return uit


def _gegeven(kennisbank, check) -> list[dict]:
    """The answers entered so far, as questions that can be changed."""
    uit = []
    for naam in check.ingevoerde_feiten if check else {}:
        d = kennisbank.feiten.get(naam)
        if d is None:
            continue
        uit.append(_definitie_dict(naam, d))
    return uit


def _formwaarde(soort: str, waarde):
    if soort == "ja_nee":
        return "ja" if waarde is True else "nee" if waarde is False else ""
    return "" if waarde is None else str(waarde).replace(".", ",")


def _toon(feit: dict, waarde) -> str:
    """An answer as a professional reads it."""
    if feit["type"] == "ja_nee":
        return _("ja") if waarde is True else _("nee") if waarde is False else "—"
    if feit["type"] == "keuze":
        return feit["keuzelabels"].get(waarde, str(waarde).replace("_", " "))
    if feit["type"] == "bedrag" and waarde is not None:
        return opmaak.euro(waarde)
    return "—" if waarde is None else str(waarde).replace(".", ",")


def _als_feitwaarde(soort: str, waarde: str):
    if soort == "ja_nee":
        return waarde == "ja"
    return waarde.strip().replace(",", ".") if soort in ("getal", "bedrag") else waarde


def _per_persoon(kennisbank, naam: str, check) -> bool:
    """A per-person fact is asked per member when the check has members, not once."""
    d = kennisbank.feiten.get(naam)
    return bool(d is not None and d.per_persoon and check and check.uitkomst.get("per_persoon"))


def _antwoorden(form, vragen: list[dict], gegeven: list[dict]) -> dict:
    """The answers of a valid form as facts; an answer cleared in the form is forgotten (null),
    not kept."""
    soorten = {f["feit"]: f["type"] for f in vragen}
    feiten = {
        naam: _als_feitwaarde(soorten.get(naam, ""), waarde)
        for naam, waarde in form.cleaned_data.items()
        if waarde not in ("", None)
    }
    feiten.update(
        {f["feit"]: None for f in gegeven if form.cleaned_data.get(f["feit"]) in ("", None)}
    )
    return feiten


@login_required
@domeinfouten
def voorliggend(request, casus_id):
    checks = selectors.regelchecks_van_casus(medewerker=request.user, casus_id=casus_id)
    casus = casus_selectors.casus_ophalen(medewerker=request.user, casus_id=casus_id)
    laatste = checks.first()
    uitkomst = laatste.uitkomst if laatste else None
    ontbrekend = uitkomst["ontbrekende_feiten"] if uitkomst else []
    kennisbank = selectors.kennisbank_van(medewerker=request.user)
    gegeven = _gegeven(kennisbank, laatste)
    ontbrekend = [f for f in ontbrekend if not _per_persoon(kennisbank, f["feit"], laatste)]
    persoonsvragen = _persoonsformulieren(
        kennisbank, laatste, request.POST if request.method == "POST" else None
    )
    bekend = {f["feit"] for f in ontbrekend}
    gegeven = [f for f in gegeven if f["feit"] not in bekend]
    ingevoerd = laatste.ingevoerde_feiten if laatste else {}
    form = _feitenformulier(
        [*ontbrekend, *gegeven],
        request.POST if request.method == "POST" else None,
        initial={f["feit"]: _formwaarde(f["type"], ingevoerd.get(f["feit"])) for f in gegeven},
    )
    if request.method == "POST":
        toegang.vereis_casuswerk(request.user)
        if form.is_valid() and all(p["form"].is_valid() for p in persoonsvragen):
            feiten = _antwoorden(form, [*ontbrekend, *gegeven], gegeven)
            personen = {
                p["persoon"]["sleutel"]: _antwoorden(p["form"], p["vragen"], p["gegeven"])
                for p in persoonsvragen
            }
            try:
                services.regelcheck_uitvoeren(
                    door=request.user,
                    casus_id=casus.pk,
                    feiten=feiten,
                    personen={k: v for k, v in personen.items() if v},
                )
            except INVOERFOUTEN as fout:
                veld = fout.veld or ""
                doel, naam = form, veld.removeprefix("feiten.")
                for p in persoonsvragen:
                    if veld.startswith(f"personen.{p['persoon']['sleutel']}."):
                        doel, naam = p["form"], veld.rsplit(".", 1)[-1]
                doel.add_error(naam if naam in doel.fields else None, fout.melding)
            else:
                messages.success(request, _("De voorliggend-check is uitgevoerd."))
                return redirect("voorliggend", casus_id=casus.pk)
    voorzieningen = [
        {**v, "blokkeert": services.blokkade(v) is not None}
        for v in (uitkomst or {}).get("voorzieningen", [])
    ]
    velden = list(form)
    aantal_vragen = len(ontbrekend)
    feitwaarden = {
        f["feit"]: {**f, "waarde": _toon(f, (laatste.feiten.get(f["feit"]) or {}).get("waarde"))}
        for f in gegeven
    }
    return render(
        request,
        "web/voorliggend.html",
        {
            "casus": casus,
            "check": laatste,
            "uitkomst": uitkomst,
            "voorzieningen": voorzieningen,
            "form": form,
            "eerste_vragen": velden[: min(EERSTE_VRAGEN, aantal_vragen)],
            "meer_vragen": velden[min(EERSTE_VRAGEN, aantal_vragen) : aantal_vragen],
            "gegeven_velden": velden[aantal_vragen:],
            "gegeven": list(feitwaarden.values()),
            "samenvatting": uitvoer.samenvatting(uitkomst) if uitkomst else None,
            "per_persoon": uitvoer.samenvatting_per_persoon(uitkomst) if uitkomst else [],
            "persoonsvragen": persoonsvragen,
            "fouten": foutoverzicht(form, *(p["form"] for p in persoonsvragen))
            if form.is_bound
            else [],
            "kan_werken": toegang.mag_werken(request.user),
            "aantal_checks": checks.count(),
        },
        status=400
        if form.is_bound and (form.errors or any(p["form"].errors for p in persoonsvragen))
        else 200,
    )


@require_POST
@login_required
@domeinfouten
def knelpunt_maken(request, casus_id, regelcheck_id):
    try:
        services.knelpunt_uit_regelcheck(
            door=request.user,
            casus_id=casus_id,
            regelcheck_id=regelcheck_id,
            voorziening=request.POST.get("voorziening", ""),
        )
    except INVOERFOUTEN as fout:
        messages.error(request, fout.melding)
    else:
        messages.success(request, _("Het knelpunt staat in het doorbraakplan."))
    return redirect(reverse("voorliggend", args=[casus_id]) + "#voorzieningen")


@require_GET
@login_required
@domeinfouten
def kennisbank(request):
    alle = selectors.regelingen_voor(medewerker=request.user)
    namen = {v.code: v.naam for r in alle for v in r.voorzieningen}
    regelingen = [uitvoer.regeling_json(r, namen) for r in alle]
    return render(request, "web/kennisbank.html", {"regelingen": regelingen, "toon_controle": True})
