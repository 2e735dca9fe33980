"""The engine's results and the knowledge base as JSON-ready dicts (API, stored checks, pages).

Pure Python, like the engine: amounts as strings with two decimals, dates as ISO strings.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from doorbraak.regels import engine
from doorbraak.regels.engine import (
    Bron,
    Checkresultaat,
    Grondoordeel,
    Ontbrekend,
    Regeling,
    Stap,
    Uitkomst,
)


def waarde_json(waarde: object, type_: str = "") -> Any:
    if isinstance(waarde, Decimal):
        if type_ == "bedrag":
            return f"{waarde:.2f}"
        return int(waarde) if waarde == waarde.to_integral() else str(waarde)
    return waarde


def bron_json(b: Bron) -> dict[str, Any]:
    return {
        "regeling": b.regeling,
        "regeling_naam": b.regeling_naam,
        "soort": b.soort,
        "bwb_id": b.bwb_id,
        "cvdr_id": b.cvdr_id,
        "artikel": b.artikel,
        "url": b.url,
        "versie": b.versie.isoformat() if b.versie else None,
        "aanhaling": b.aanhaling(),
        "te_controleren": b.controle,
    }


def stap_json(s: Stap) -> dict[str, Any]:
    return {
        "tekst": s.zin,
        "voldaan": s.voldaan,
        "feiten": sorted(s.feiten),
        "bron": bron_json(s.bron),
    }


def ontbrekend_json(o: Ontbrekend) -> dict[str, Any]:
    return {
        "feit": o.feit,
        "type": o.type,
        "omschrijving": o.omschrijving,
        "vraag": o.vraag,
        "wie": o.wie,
        "eenheid": o.eenheid,
        "keuzes": list(o.keuzes),
        "keuzelabels": dict(o.keuzelabels),
        "artikelen": list(o.artikelen),
        "beslist": o.beslist,
    }


def uitkomst_json(u: Uitkomst) -> dict[str, Any]:
    v = u.voorziening
    return {
        "code": v.code,
        "naam": v.naam,
        "regeling": v.regeling,
        "regeling_naam": v.regeling_naam,
        "uitkomst": u.waarde,
        "redenen": list(u.redenen),
        "stappen": [stap_json(s) for s in u.stappen],
        "ontbrekende_feiten": [ontbrekend_json(o) for o in u.ontbrekende_feiten],
        "doorlooptijd_dagen": u.tijdigheid.doorlooptijd_dagen,
        "doorlooptijd_toelichting": v.doorlooptijd_toelichting,
        "niet_snel_genoeg": u.tijdigheid.niet_snel_genoeg,
        "tijdigheid": u.tijdigheid.reden,
        "spoedroute": u.tijdigheid.spoedroute,
        "lacune": u.lacune,
        "administratieve_last": v.administratieve_last,
        "hoge_administratieve_last": u.hoge_administratieve_last,
        "knelpunten": list(v.knelpunten),
        "bron": bron_json(u.bron_op_peildatum or v.bron),
    }


def grond_json(g: Grondoordeel, peildatum=None) -> dict[str, Any]:
    return {
        "code": g.grond.code,
        "naam": g.grond.naam,
        "soort": g.grond.soort,
        "regeling": g.grond.regeling,
        "toepasbaar": g.toepasbaar,
        "afweging": g.grond.afweging,
        "redenen": list(g.redenen),
        "stappen": [stap_json(s) for s in g.stappen],
        "ontbrekende_feiten": [ontbrekend_json(o) for o in g.ontbrekende_feiten],
        "lacune": g.lacune,
        "bron": bron_json(g.grond.bron.op(peildatum) if peildatum else g.grond.bron),
    }


def resultaat_json(r: Checkresultaat) -> dict[str, Any]:
    telling = dict.fromkeys(engine.UITKOMSTEN, 0)
    for u in r.voorzieningen:
        telling[u.waarde] += 1
    return {
        "peildatum": r.peildatum.isoformat(),
        "kennisbank_versie": r.kennisbank_versie,
        "termijn": {"dagen": r.termijn_dagen, "reden": r.termijn_reden},
        "samenvatting": {
            **telling,
            "niet_snel_genoeg": sum(1 for u in r.voorzieningen if u.tijdigheid.niet_snel_genoeg),
            "uitzonderingsgronden_toepasbaar": sum(
                1 for g in r.uitzonderingsgronden if g.toepasbaar == "ja"
            ),
        },
        "voorzieningen": [uitkomst_json(u) for u in r.voorzieningen],
        "uitzonderingsgronden": [grond_json(g, r.peildatum) for g in r.uitzonderingsgronden],
        "ontbrekende_feiten": [ontbrekend_json(o) for o in r.ontbrekende_feiten],
        "waarschuwingen": list(r.waarschuwingen),
        "per_persoon": [persoon_json(p) for p in r.per_persoon],
    }


def persoon_json(p: engine.Persoonsuitkomst) -> dict[str, Any]:
    """One member's per-person outcomes: first name and age for the professional's own page,
    the gezinslid's id for the API; never a BSN."""
    return {
        "sleutel": p.persoon.sleutel,
        "naam": p.persoon.naam,
        "soort": p.persoon.soort,
        "leeftijd": p.persoon.leeftijd,
        "voorzieningen": [uitkomst_json(u) for u in p.voorzieningen],
        "ontbrekende_feiten": [ontbrekend_json(o) for o in p.ontbrekende_feiten],
    }


def voorwaarde_json(node: engine.Voorwaarde, namen: dict[str, str] | None = None) -> dict[str, Any]:
    """A condition tree as the Kennisbank page shows it: texts with their sources."""
    namen = namen or {}
    if isinstance(node, engine.Alle):
        return {"alle": [voorwaarde_json(d, namen) for d in node.delen]}
    if isinstance(node, engine.EenVan):
        return {"een_van": [voorwaarde_json(d, namen) for d in node.delen]}
    if isinstance(node, engine.Niet):
        return {
            "niet": voorwaarde_json(node.deel, namen),
            "tekst": node.tekst,
            "bron": bron_json(node.bron),
        }
    if isinstance(node, engine.Uitkomstverwijzing):
        return {
            "uitkomst_van": node.voorziening,
            "is": node.uitkomst,
            "tekst": node.tekst
            or f"{namen.get(node.voorziening, node.voorziening)} is "
            f"{node.uitkomst.replace('_', ' ')}",
            "bron": bron_json(node.bron),
        }
    return {"feit": node.feit.naam, "tekst": node.tekst, "bron": bron_json(node.bron)}


def regeling_json(r: Regeling, namen: dict[str, str] | None = None) -> dict[str, Any]:
    """A regeling for the Kennisbank page and API; `namen` names the voorzieningen by code."""
    return {
        "code": r.code,
        "naam": r.naam,
        "soort": r.soort,
        "bron": bron_json(r.bron),
        "geldig_van": r.geldig_van.isoformat(),
        "geldig_tot": r.geldig_tot.isoformat() if r.geldig_tot else None,
        "doel": r.doel,
        "te_controleren": r.controle,
        "bestanden": list(r.bestanden),
        "voorzieningen": [
            {
                "code": v.code,
                "naam": v.naam,
                "omschrijving": v.omschrijving,
                "bron": bron_json(v.bron),
                "geldig_van": v.geldig_van.isoformat(),
                "geldig_tot": v.geldig_tot.isoformat() if v.geldig_tot else None,
                "voorwaarden": voorwaarde_json(v.voorwaarden, namen),
                "doorlooptijd_dagen": v.doorlooptijd_dagen,
                "doorlooptijd_toelichting": v.doorlooptijd_toelichting,
                "administratieve_last": v.administratieve_last,
                "knelpunten": list(v.knelpunten),
                "te_controleren": v.controle,
            }
            for v in r.voorzieningen
        ],
        "uitzonderingsgronden": [
            {
                "code": g.code,
                "naam": g.naam,
                "soort": g.soort,
                "bron": bron_json(g.bron),
                "geldig_van": g.geldig_van.isoformat(),
                "geldig_tot": g.geldig_tot.isoformat() if g.geldig_tot else None,
                "wanneer": voorwaarde_json(g.wanneer, namen),
                "afweging": g.afweging,
                "te_controleren": g.controle,
            }
            for g in r.uitzonderingsgronden
        ],
    }


# --- the summary a professional reads first (the check's page) -------------------------------


def blokkerende_artikelen(item: dict[str, Any], hoogstens: int = 2) -> list[str]:
    """The sources of the conditions that were not met, as a professional cites them."""
    uit: dict[str, None] = {}
    for s in item["stappen"]:
        if s["voldaan"] is False:
            b = s["bron"]
            uit[f"{b['regeling_naam']}, art. {b['artikel']}"] = None
    return list(uit)[:hoogstens]


def samenvatting(uitkomst: dict[str, Any]) -> dict[str, list]:
    """Of a stored check (or one member's part of it): what is possible (and in time), what is
    blocked and by which article, what is unknown, and which grounds are to be weighed."""
    voorzieningen = uitkomst.get("voorzieningen", [])
    return {
        "mogelijk": [v for v in voorzieningen if v["uitkomst"] == "mogelijk"],
        "geblokkeerd": [
            {**v, "artikelen": blokkerende_artikelen(v)}
            for v in voorzieningen
            if v["uitkomst"] == "niet_mogelijk"
        ],
        "af_te_wegen": [
            g for g in uitkomst.get("uitzonderingsgronden", []) if g["toepasbaar"] == "ja"
        ],
        "onbekend": [v for v in voorzieningen if v["uitkomst"] == "onbekend"],
    }


def samenvatting_per_persoon(uitkomst: dict[str, Any]) -> list[dict[str, Any]]:
    """Per member with a per-person voorziening: 'voor Sami (6): …', summarised as above."""
    return [{**p, **samenvatting(p)} for p in uitkomst.get("per_persoon", []) if p["voorzieningen"]]
