#!/usr/bin/env python3
"""Speed of the voorliggend check: all shipped rules evaluated for one household, in-process.

    .venv/bin/python bench/regels_bench.py      (also run by `make bench`, before the API bench)

Loads the shipped knowledge base once (as the server does), then times `engine.beoordeel_alles`
for one household, and the same plus turning the result into the stored/API JSON, over
BENCH_REGELS_RUNS runs (default 2000) after a warm-up. Two households: one where most facts are
known (mostly decided outcomes) and one where only what the case file states is known (mostly
onbekend, with the longest lists of missing facts). Target: median under 5 ms.
Writes bench/results/regels.json and regels.md.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from datetime import UTC, date, datetime
from pathlib import Path

import gereedschap  # bench/gereedschap.py: shared by the benches

from doorbraak.regels import engine, kennisbank, uitvoer

ROOT = Path(__file__).resolve().parent.parent
RESULTATEN = ROOT / "bench" / "results"
RUNS = int(os.environ.get("BENCH_REGELS_RUNS", "2000"))
OPWARMEN = 200
DOEL_MS = 5.0
PEILDATUM = date(2026, 9, 1)

# A single mother with two children, eviction next week (seed 001's second case, simplified).
VOLLEDIG = {
    "urgentie": "crisis",
    "dagen_beschikbaar": 7,
    "aantal_gezinsleden": 3,
    "aantal_minderjarigen": 2,
    "leefvorm": "alleenstaande_ouder",
    "leeftijd_aanvrager": 33,
    "rechtmatig_verblijf_nederland": True,
    "inwoner_gemeente": True,
    "gedetineerd": False,
    "inkomen_per_maand": "1250.00",
    "vermogen": "300.00",
    "eigen_woning": False,
    "overwaarde_eigen_woning": "0.00",
    "bijzondere_noodzakelijke_kosten": True,
    "kosten_uit_eigen_middelen_te_betalen": False,
    "voorliggende_voorziening_toereikend": False,
    "kosten_betreffen_schulden": True,
    "borgtocht_saneringskrediet": False,
    "acute_noodsituatie": True,
    "beperking_of_psychische_problemen": True,
    "eigen_kracht_netwerk_voldoende": False,
    "wlz_indicatie": False,
    "problematische_schulden": True,
    "bedreigende_situatie": True,
    "eerder_schuldhulpverlening": False,
    "leerling_primair_onderwijs": True,
    "afstand_school_km": 3,
    "gehandicapte_leerling": False,
    "bijzondere_omstandigheden_beleidsregel": True,
    "bijzondere_omstandigheden_wmo": True,
    "aow_leeftijd_bereikt": False,
    "kostendelende_medebewoners": 0,
    "kosten_voor_eigen_gezin": True,
    "kosten_betreffen_boete_of_schade": True,
    "aansprakelijkheidsverzekering_dekt_schade": False,
    "middelen_bij_ontstaan_schuld": False,
    "ontruimingsvonnis": True,
    "spoedeisend": True,
    "leerling_verblijft_in_gemeente": True,
    "beleidsruimte": True,
    "blokkade_in_beleidsregel": False,
    "nadelig_besluit": True,
}
ALLEEN_DOSSIER = {
    "urgentie": "hoog",
    "aantal_gezinsleden": 3,
    "aantal_minderjarigen": 2,
    "leefvorm": "alleenstaande_ouder",
    "leeftijd_aanvrager": 33,
}


def _meet(functie, runs: int) -> dict[str, float]:
    for _ in range(OPWARMEN):
        functie()
    tijden = []
    for _ in range(runs):
        begin = time.perf_counter_ns()
        functie()
        tijden.append((time.perf_counter_ns() - begin) / 1e6)
    tijden.sort()
    return {
        "runs": runs,
        "median_ms": round(statistics.median(tijden), 3),
        "p95_ms": round(tijden[int(0.95 * (len(tijden) - 1))], 3),
        "max_ms": round(tijden[-1], 3),
        "mean_ms": round(statistics.fmean(tijden), 3),
    }


def meet() -> dict:
    begin = time.perf_counter()
    kb = kennisbank.laad([kennisbank.STANDAARD_MAP]).kennisbank
    laadtijd = round((time.perf_counter() - begin) * 1000, 1)
    metingen = {}
    for naam, ruw in (("volledig", VOLLEDIG), ("alleen_dossier", ALLEEN_DOSSIER)):
        feiten = kb.normaliseer(ruw)
        r = engine.beoordeel_alles(kb, feiten, PEILDATUM)
        metingen[naam] = {
            "feiten": len(feiten),
            "uitkomsten": {
                w: sum(1 for u in r.voorzieningen if u.waarde == w) for w in engine.UITKOMSTEN
            },
            "engine": _meet(lambda f=feiten: engine.beoordeel_alles(kb, f, PEILDATUM), RUNS),
            # the same without the knowledge base's memo of outcomes: what a check of a new
            # household costs (the parsed conditions' own caches stay warm, as on a server)
            "engine_zonder_memo": _meet(
                lambda f=feiten: (kb._memo.clear(), engine.beoordeel_alles(kb, f, PEILDATUM)),
                RUNS,
            ),
            "engine_en_json": _meet(
                lambda f=feiten: uitvoer.resultaat_json(engine.beoordeel_alles(kb, f, PEILDATUM)),
                RUNS,
            ),
        }
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_commit": gereedschap.git_stand()[0],
        "python": platform.python_version(),
        "cpu_cores": os.cpu_count(),
        "peildatum": PEILDATUM.isoformat(),
        "regelingen": len(kb.regelingen),
        "voorzieningen": sum(len(r.voorzieningen) for r in kb.regelingen),
        "uitzonderingsgronden": sum(len(r.uitzonderingsgronden) for r in kb.regelingen),
        "kennisbank_laden_ms": laadtijd,
        "doel_median_ms": DOEL_MS,
        "huishoudens": metingen,
    }


def markdown(r: dict) -> str:
    regels = [
        "# Voorliggend-check: snelheid van de engine",
        "",
        f"- datum: {r['date']}; commit `{r['git_commit'][:12]}`; Python {r['python']}, "
        f"{r['cpu_cores']} cores",
        f"- kennisbank: {r['regelingen']} regelingen, {r['voorzieningen']} voorzieningen, "
        f"{r['uitzonderingsgronden']} uitzonderingsgronden; eenmalig laden en valideren "
        f"{r['kennisbank_laden_ms']} ms",
        f"- per meting {r['huishoudens']['volledig']['engine']['runs']} runs na {OPWARMEN} "
        f"opwarmruns; peildatum {r['peildatum']}; doel: mediaan < {r['doel_median_ms']} ms",
        "",
        "| huishouden | feiten | m/n/o | meting | mediaan (ms) | p95 (ms) | max (ms) |",
        "|---|---:|---|---|---:|---:|---:|",
    ]
    for naam, h in r["huishoudens"].items():
        u = h["uitkomsten"]
        for meting in ("engine", "engine_zonder_memo", "engine_en_json"):
            m = h[meting]
            regels.append(
                f"| {naam} | {h['feiten']} | {u['mogelijk']}/{u['niet_mogelijk']}/{u['onbekend']} "
                f"| {meting} | {m['median_ms']:.3f} | {m['p95_ms']:.3f} | {m['max_ms']:.3f} |"
            )
    regels += [
        "",
        "'engine' is `engine.beoordeel_alles` (alle voorzieningen en uitzonderingsgronden, met "
        "trace); 'engine_zonder_memo' hetzelfde zonder het geheugen van eerdere uitkomsten (een "
        "nieuw huishouden); 'engine_en_json' telt het omzetten naar de opgeslagen JSON mee.",
        "",
    ]
    return "\n".join(regels)


def main() -> int:
    resultaat = meet()
    RESULTATEN.mkdir(parents=True, exist_ok=True)
    (RESULTATEN / "regels.json").write_text(
        json.dumps(resultaat, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    tekst = markdown(resultaat)
    (RESULTATEN / "regels.md").write_text(tekst, encoding="utf-8")
    print(tekst)
    traag = [
        naam for naam, h in resultaat["huishoudens"].items() if h["engine"]["median_ms"] >= DOEL_MS
    ]
    return 1 if traag else 0


if __name__ == "__main__":
    raise SystemExit(main())
