"""The reports as tables (for screen, CSV, XLSX and PDF), with small cells suppressed."""

from __future__ import annotations

from doorbraak import opmaak
from doorbraak.mkba.begrippen import BETALERS
from doorbraak.rapportage import analyse, privacy, selectors
from doorbraak.rapportage.tabellen import DECIMAAL, GELD, GETAL, Kolom, Rapport, Tabel


def _periode_tekst(p: selectors.Periode) -> str:
    return f"Periode {p.van:%d-%m-%Y} t/m {p.tot:%d-%m-%Y}"


def knelpuntenrapport(groepen: list[analyse.Knelpuntgroep], periode: selectors.Periode) -> Rapport:
    kwartalen = analyse.kwartalen(periode.van, periode.tot)
    overzicht = Tabel(
        "Knelpunten per regeling en artikel",
        [
            Kolom("Regeling"),
            Kolom("Artikel"),
            Kolom("Huishoudens", GETAL),
            Kolom("Knelpunten", GETAL),
            Kolom("Uit plannen", GETAL),
            Kolom("Uit voorliggend-check", GETAL),
        ],
        toelichting=(
            "Aantallen van minder dan 5 huishoudens staan als '<5', zodat geen huishouden "
            "herkenbaar is."
        ),
    )
    trend = Tabel(
        "Trend per kwartaal (huishoudens)",
        [Kolom("Regeling"), Kolom("Artikel"), *(Kolom(k, GETAL) for k in kwartalen)],
    )
    voorbeelden = Tabel(
        "Voorbeelden (gepseudonimiseerd)", [Kolom("Regeling"), Kolom("Artikel"), Kolom("Voorbeeld")]
    )
    for g in groepen:
        n = len(g.huishoudens)
        overzicht.rijen.append(
            [
                g.regeling,
                g.artikel,
                privacy.toon(n, n),
                privacy.toon(g.aantal, n),
                privacy.toon(g.herkomst.get("plan", 0), n),
                privacy.toon(g.herkomst.get("regelcheck", 0), n),
            ]
        )
        trend.rijen.append(
            [
                g.regeling,
                g.artikel,
                *(
                    privacy.toon(len(g.per_kwartaal.get(k, ())), len(g.per_kwartaal.get(k, ())))
                    for k in kwartalen
                ),
            ]
        )
        # Examples only where the group is large enough that they point at nobody.
        if not privacy.onderdrukt(n):
            voorbeelden.rijen.extend([g.regeling, g.artikel, v] for v in g.voorbeelden)
    return Rapport("Knelpuntenanalyse", _periode_tekst(periode), [overzicht, trend, voorbeelden])


def _per_doelgroep_onderdrukt(e: selectors.Evaluatie) -> dict:
    """Gestart and afgesloten per doelgroep add up to the totals in 'Voortgang': hidden together
    so that no small doelgroep is the total minus the others."""
    aantallen: dict = {
        ("gestart", None): e.gestart,
        ("afgesloten", None): e.afgesloten,
        ("lopend", None): e.lopend,
        ("casussen", None): e.afgesloten + e.lopend,  # not shown, but often equal to 'gestart'
    }
    for d, g, a in e.per_doelgroep:
        aantallen[("gestart", d)], aantallen[("afgesloten", d)] = g, a
    return privacy.te_onderdrukken(
        aantallen,
        [
            *(
                ([(soort, d) for d, _g, _a in e.per_doelgroep], (soort, None))
                for soort in ("gestart", "afgesloten")
            ),
            ([("afgesloten", None), ("lopend", None)], ("casussen", None)),
        ],
    )


def _verdeling_onderdrukt(d) -> dict:
    """Verbeterd + gelijk + verslechterd = huishoudens: a small part is hidden with another."""
    delen = {"verbeterd": d.verbeterd, "gelijk": d.gelijk, "verslechterd": d.verslechterd}
    if privacy.onderdrukt(d.huishoudens):
        return dict.fromkeys(delen, privacy.ONDERDRUKT)
    return privacy.te_onderdrukken(
        {**delen, "huishoudens": d.huishoudens}, [(list(delen), "huishoudens")]
    )


def evaluatierapport(e: selectors.Evaluatie) -> Rapport:
    verborgen = _per_doelgroep_onderdrukt(e)
    voortgang = Tabel(
        "Voortgang",
        [Kolom("Onderdeel"), Kolom("Aantal", GETAL)],
        rijen=[
            ["Casussen gestart in de periode", verborgen.get(("gestart", None), e.gestart)],
            [
                "Casussen afgesloten in de periode",
                verborgen.get(("afgesloten", None), e.afgesloten),
            ],
            ["Casussen nog lopend", verborgen.get(("lopend", None), e.lopend)],
            ["Huishoudens", privacy.toon(e.huishoudens, e.huishoudens)],
            ["Acties in de plannen", e.acties_totaal],
            ["Acties gereed", e.acties_gereed],
        ],
    )
    doelgroepen = Tabel(
        "Per doelgroep",
        [Kolom("Doelgroep"), Kolom("Gestart", GETAL), Kolom("Afgesloten", GETAL)],
        rijen=[
            [d, verborgen.get(("gestart", d), g), verborgen.get(("afgesloten", d), a)]
            for d, g, a in e.per_doelgroep
        ],
        toelichting="'<5': minder dan 5 casussen; 'x': weggelaten omdat het kleine aantal anders "
        "uit het totaal terug te rekenen is.",
    )
    domeinen = Tabel(
        "Verandering van de domeinscores (eerste → laatste meting)",
        [
            Kolom("Leefgebied"),
            Kolom("Huishoudens", GETAL),
            Kolom("Gemiddeld eerste", DECIMAAL),
            Kolom("Gemiddeld laatste", DECIMAAL),
            Kolom("Gemiddelde verandering", DECIMAAL),
            Kolom("Verbeterd", GETAL),
            Kolom("Gelijk", GETAL),
            Kolom("Verslechterd", GETAL),
        ],
        rijen=[
            [
                d.leefgebied,
                privacy.toon(d.huishoudens, d.huishoudens),
                *(
                    privacy.toon(w, d.huishoudens)
                    for w in (d.gemiddeld_eerste, d.gemiddeld_laatste, d.gemiddelde_verandering)
                ),
                *(
                    _verdeling_onderdrukt(d).get(soort, getattr(d, soort))
                    for soort in ("verbeterd", "gelijk", "verslechterd")
                ),
            ]
            for d in e.domeinen
        ],
        toelichting="Schaal 1 (acute problematiek) tot 5 (volledig zelfredzaam). '<5': minder "
        "dan 5 huishoudens; 'x': weggelaten omdat een klein aantal anders terug te rekenen is.",
    )
    mkba = mkba_verwachting(e)
    nameting = mkba_nameting(e)
    n = e.toegekend_huishoudens
    budget = Tabel(
        "Doorbraakbudget in de periode",
        [Kolom("Onderdeel"), Kolom("Aantal", GETAL), Kolom("Bedrag", GELD)],
        rijen=[
            [
                "Aanvragen toegekend",
                privacy.toon(e.toegekend_aantal, n),
                privacy.toon(e.toegekend_bedrag, n),
            ],
            ["Betaald (grootboek)", None, privacy.toon(e.betaald, n)],
            ["Terugbetaald op leningen (grootboek)", None, privacy.toon(e.afgelost, n)],
        ],
        toelichting="Uit het grootboek; '<5' als het om minder dan 5 huishoudens gaat.",
    )
    signalen = Tabel(
        "Signalen aan beleid",
        [Kolom("Status"), Kolom("Aantal", GETAL)],
        rijen=[[s, n] for s, n in sorted(e.signalen.items())],
    )
    return Rapport(
        "Evaluatie",
        _periode_tekst(e.periode),
        [voortgang, doelgroepen, domeinen, budget, mkba, signalen, nameting],
    )


VERWACHT = "verwacht, niet gerealiseerd"


def mkba_verwachting(e: selectors.Evaluatie) -> Tabel:
    """The expected costs and benefits of the executed doorbraken: ex ante, never a saving."""
    n = e.mkba_casussen
    peil = f" in euro's van {e.mkba_prijspeil}" if e.mkba_prijspeil else ""
    return Tabel(
        f"Verwachte kosten en baten van uitgevoerde doorbraken ({VERWACHT})",
        [
            Kolom("Betaler"),
            Kolom("Huidig pad (verwacht)", GELD),
            Kolom("Doorbraak (verwacht)", GELD),
            Kolom("Verwacht saldo", GELD),
        ],
        rijen=[
            [BETALERS.get(b, b), *(privacy.toon(w, n) for w in (h, d, s))]
            for b, h, d, s in e.mkba_per_betaler
        ],
        toelichting=(
            f"Verwachting vooraf ({VERWACHT}): de centrale schatting van de laatste berekening "
            f"van {privacy.toon(n, n)} casussen met een uitgevoerde (betaalde) doorbraak, samen "
            f"{opmaak.euro(privacy.toon(e.mkba_saldo, n))}{peil}. Dit is geen besparing: wat er "
            "werkelijk gebeurde staat in de nameting. Casussen met alleen een berekening "
            f"(aanvraag afgewezen, niet ingediend of nog niet betaald) tellen niet mee: "
            f"{e.mkba_niet_meegeteld}."
        ),
    )


def mkba_nameting(e: selectors.Evaluatie) -> Tabel:
    """Predicted against realised, per case (numbered, no names) and in total, from the 12-month
    follow-ups; per case only when there are at least five, like every other small cell."""
    k = e.mkba_kalibratie
    rijen: list[list[object]] = []
    n = len(k.rijen) if k else 0
    if k and n and not privacy.onderdrukt(n):
        rijen = [
            [
                f"Casus {i}",
                _kans(r.restrisico),
                _ja_nee(r.gebeurd),
                r.gestopt_verwacht,
                r.gestopt,
                r.kosten_verwacht,
                r.kosten_werkelijk,
            ]
            for i, r in enumerate(k.rijen, start=1)
        ]
    if k and n:
        rijen.append(
            [
                "Totaal",
                privacy.toon(_kans(k.verwacht_aandeel), n),
                privacy.toon(f"{k.waargenomen} van {k.waarnemingen}", n),
                privacy.toon(k.gestopt_verwacht, n),
                privacy.toon(k.gestopt, n),
                privacy.toon(k.kosten_verwacht, n),
                privacy.toon(k.kosten_werkelijk, n),
            ]
        )
    leren = ""
    if k and k.waarnemingen and not privacy.onderdrukt(n):
        leren = (
            f" Waargenomen: de sleutelgebeurtenis gebeurde toch bij {k.waargenomen} van "
            f"{k.waarnemingen} casussen; verwacht was gemiddeld {_kans(k.verwacht_aandeel)}. "
            "Gebruik het waargenomen aandeel als startwaarde voor het restrisico in nieuwe "
            "berekeningen."
        )
    return Tabel(
        "Voorspeld tegen gerealiseerd (nameting na 12 maanden)",
        [
            Kolom("Casus"),
            Kolom("Restrisico verwacht"),
            Kolom("Toch gebeurd"),
            Kolom("Hulpverleners stoppen (verwacht)", GETAL),
            Kolom("Hulpverleners gestopt", GETAL),
            Kolom("Kosten doorbraak jaar 1 (verwacht)", GELD),
            Kolom("Kosten doorbraak (werkelijk)", GELD),
        ],
        rijen=rijen,
        toelichting=(
            f"{privacy.toon(n, n)} casussen met een nameting. Per casus alleen bij vijf of meer."
            + leren
        ),
    )


def _kans(waarde) -> str:
    if waarde is None:
        return "—"
    return f"{opmaak.decimaal(waarde * 100, 0)}%"


def _ja_nee(waarde: bool | None) -> str:
    return "onbekend" if waarde is None else ("ja" if waarde else "nee")


def pilotrapport(
    e: selectors.Evaluatie, groepen: list[analyse.Knelpuntgroep], signalen: list
) -> Rapport:
    """The report a pilot asks for: voortgang, analyse van de casuïstiek met aanbevelingen,
    financiële verantwoording — in that order, from the same figures as the screens."""
    evaluatie = evaluatierapport(e)
    knelpunten = knelpuntenrapport(groepen, e.periode)
    aanbevelingen = Tabel(
        "Aanbevelingen: signalen aan beleid",
        [Kolom("Regeling"), Kolom("Artikel"), Kolom("Signaal"), Kolom("Status"), Kolom("Reactie")],
        rijen=[
            [s.regeling, s.artikel, s.titel, s.get_status_display(), s.reactie or "—"]
            for s in signalen
        ],
    )
    voortgang, doelgroepen, domeinen, budget, mkba, _signalen, nameting = evaluatie.tabellen
    overzicht, trend, voorbeelden = knelpunten.tabellen
    for tabel, hoofdstuk in (
        (voortgang, "1. Voortgang"),
        (doelgroepen, "1. Voortgang"),
        (domeinen, "1. Voortgang"),
        (overzicht, "2. Analyse casuïstiek"),
        (trend, "2. Analyse casuïstiek"),
        (voorbeelden, "2. Analyse casuïstiek"),
        (aanbevelingen, "2. Analyse casuïstiek"),
        (budget, "3. Financiële verantwoording"),
        (mkba, "4. Verwachte effecten (vooraf)"),
        (nameting, "4. Verwachte effecten (vooraf)"),
    ):
        tabel.titel = f"{hoofdstuk} — {tabel.titel}"
    return Rapport(
        "Voortgangsrapportage",
        evaluatie.ondertitel,
        [
            voortgang,
            doelgroepen,
            domeinen,
            overzicht,
            trend,
            voorbeelden,
            aanbevelingen,
            budget,
            mkba,
            nameting,
        ],
    )


def verantwoording_onderdrukt(regels: list) -> dict[str, str]:
    """Per doelgroep line: hidden ("<5" or "x") or not. The lines add up to 'Totaal', so one
    small line is hidden together with the smallest other one (or the total)."""
    per_doelgroep = [r.doelgroep for r in regels if r.doelgroep != "Totaal"]
    aantallen = {r.doelgroep: r.huishoudens for r in regels}
    if "Totaal" not in aantallen:
        return privacy.te_onderdrukken(aantallen)
    return privacy.te_onderdrukken(aantallen, [(per_doelgroep, "Totaal")])


def verantwoordingsrapport(regels: list, jaar: int) -> Rapport:
    """Budget, spending, loans and gifts, households and lead times per doelgroep for a year."""
    from doorbraak.grafieken import staafgrafiek

    verborgen = verantwoording_onderdrukt(regels)

    def t(r, waarde):
        return verborgen.get(r.doelgroep, waarde)

    budget = Tabel(
        "Budget en uitgaven",
        [
            Kolom("Doelgroep"),
            Kolom("Plafond", GELD),
            Kolom("Bijdragen", GELD),
            Kolom("Toegezegd", GELD),
            Kolom("Betaald", GELD),
            Kolom("Beschikbaar", GELD),
        ],
        rijen=[
            [
                r.doelgroep,
                r.plafond,
                r.bijdragen,
                t(r, r.toegezegd),
                t(r, r.betaald),
                t(r, r.beschikbaar),  # beschikbaar = plafond + bijdragen − toegezegd
            ]
            for r in regels
        ],
        toelichting="Toegezegd = toezeggingen min vrijval en overboekingen; beschikbaar = plafond "
        "+ bijdragen (+ aflossingen bij een revolverend fonds) − toegezegd. Alles afgeleid uit "
        "het grootboek.",
    )
    leningen = Tabel(
        "Leningen en giften",
        [
            Kolom("Doelgroep"),
            Kolom("Leningen", GETAL),
            Kolom("Bedrag leningen", GELD),
            Kolom("Giften (om niet)", GETAL),
            Kolom("Bedrag giften", GELD),
            Kolom("Afgelost", GELD),
            Kolom("Uitstaand", GELD),
            Kolom("Afgeschreven", GELD),
        ],
        rijen=[
            [
                r.doelgroep,
                *(
                    t(r, w)
                    for w in (
                        r.leningen,
                        r.leningen_bedrag,
                        r.giften,
                        r.giften_bedrag,
                        r.afgelost,
                        r.uitstaand,
                        r.afgeschreven,
                    )
                ),
            ]
            for r in regels
        ],
    )
    doorlooptijd = Tabel(
        "Huishoudens en doorlooptijden",
        [
            Kolom("Doelgroep"),
            Kolom("Huishoudens", GETAL),
            Kolom("Casussen", GETAL),
            Kolom("Mediaan bedrag", GELD),
            Kolom("Dagen aanvraag → go (mediaan)", DECIMAAL),
            Kolom("Dagen go → betaling (mediaan)", DECIMAAL),
            Kolom("Zelfstandig besloten (regelarm)", GETAL),
        ],
        rijen=[
            [
                r.doelgroep,
                *(
                    t(r, w)
                    for w in (
                        r.huishoudens,
                        r.casussen,
                        r.mediaan_bedrag,
                        r.dagen_tot_go,
                        r.dagen_go_tot_betaling,
                        r.zelfstandig_besloten,
                    )
                ),
            ]
            for r in regels
        ],
        toelichting="'<5': minder dan 5 huishoudens; bedragen en aantallen die over zo weinig "
        "huishoudens gaan, worden niet getoond. 'x': ook weggelaten, omdat een verborgen regel "
        "anders uit het totaal en de andere regels terug te rekenen is.",
    )
    per_doelgroep = [r for r in regels if r.doelgroep != "Totaal"]
    grafiek = staafgrafiek(
        [r.doelgroep for r in per_doelgroep],
        {
            "plafond": [r.plafond for r in per_doelgroep],
            "toegezegd": [None if r.doelgroep in verborgen else r.toegezegd for r in per_doelgroep],
            "betaald": [None if r.doelgroep in verborgen else r.betaald for r in per_doelgroep],
        },
        f"Plafond, toegezegd en betaald per doelgroep in {jaar}",
    )
    return Rapport(
        f"Verantwoording doorbraakbudget {jaar}",
        f"Jaar {jaar}",
        [budget, leningen, doorlooptijd],
        grafieken=[(f"Plafond, toegezegd en betaald per doelgroep in {jaar}", grafiek)],
    )
