"""Realistic precedents for the demo, the generator and the bench.

`demo(gemeente)` makes the precedents of the gemeente's decided demo requests (through the same
service as the queue) and adds a few earlier doorbraken from before the system, anonymised by
construction. `genereer(gemeente, aantal, seed)` bulk-creates synthetic precedents from the same
situations with variation, for benchmarks. The lead wires both into the demo orchestration and
`doorbraak genereer`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from doorbraak.budget.models import Aanvraag
from doorbraak.organisaties.models import Gemeente
from doorbraak.precedenten import services, vergelijking
from doorbraak.precedenten.models import Besluit, Precedent, Uitkomst


@dataclass(frozen=True)
class Voorbeeld:
    code: str
    doelgroep: tuple[str, str]
    urgentie: str
    knelpunten: tuple[tuple[str, str, str, str], ...]  # omschrijving, soort, regeling, artikel
    domeinen: tuple[tuple[str, str, int], ...]
    situatie: str
    doorbraak: str
    bedrag: str
    vorm: str
    besluit: str
    motivering: str
    uitkomst: str
    wat_er_gebeurde: str = ""
    leeftijden: tuple[tuple[str, str], ...] = (("ouder", "27-45"), ("kind", "4-11"))


MPH = ("mph", "Multiprobleemhuishoudens (Regieteams)")
DBT = ("doorbraakteam", "Doelgroep doorbraakteam")
OPH = ("passende_hulp", "Overleg Passende Hulp")
H = ("huisvesting", "Huisvesting", 1)
F = ("financien", "Financiën", 1)
F2 = ("financien", "Financiën", 2)
W = ("werk_opleiding", "Werk & opleiding", 2)
G = ("geestelijke_gezondheid", "Geestelijke gezondheid", 2)
O = ("onderwijs", "Onderwijs", 2)  # noqa: E741
OP = ("opvoeding", "Opvoeding", 2)

VOORBEELDEN: tuple[Voorbeeld, ...] = (
    Voorbeeld(
        "uitzetting_waterschade",
        MPH,
        "crisis",
        (
            (
                "Dreigende huisuitzetting na waterschade: de verhuurder eist herstel van de schade "
                "aan de woning en de verzekering keert niet uit.",
                "financieel",
                "PW",
                "art. 35",
            ),
            (
                "Bijzondere bijstand voor herstel van schade aan de woning pas na zes weken.",
                "wachttijd",
                "PW",
                "art. 35",
            ),
        ),
        (H, F, OP),
        "Gezin met twee kinderen; ontruiming aangekondigd na schade aan de huurwoning.",
        "Herstel van de schade direct betalen aan de verhuurder, zodat de ontruiming vervalt.",
        "1850.00",
        "lening",
        Besluit.TOEGEKEND,
        "Voorkomt huisuitzetting; herstel is goedkoper dan opvang.",
        Uitkomst.GESLAAGD,
        "Ontruiming ingetrokken; het gezin lost maandelijks af.",
    ),
    Voorbeeld(
        "uitzetting_brandschade",
        MPH,
        "hoog",
        (
            (
                "Huisuitzetting dreigt na brandschade in de keuken; de verhuurder houdt het "
                "huishouden aansprakelijk voor de schade.",
                "financieel",
                "PW",
                "art. 35",
            ),
        ),
        (H, F2, G),
        "Alleenstaande ouder; brand in de keuken, verhuurder dreigt met ontbinding.",
        "De eigen bijdrage aan het herstel overnemen, schuldhulp start tegelijk.",
        "2400.00",
        "om_niet",
        Besluit.TOEGEKEND,
        "Geen draagkracht voor een lening; zonder herstel volgt ontruiming.",
        Uitkomst.DEELS,
        "Woning behouden; de schulden lopen nog.",
    ),
    Voorbeeld(
        "uitzetting_huurachterstand",
        MPH,
        "hoog",
        (
            (
                "Ontruiming aangezegd wegens huurachterstand; bijzondere bijstand voor "
                "huurachterstand is uitgesloten.",
                "wet_regelgeving",
                "PW",
                "art. 35",
            ),
            (
                "Schuldhulpverlening kent een wachttijd van acht weken.",
                "wachttijd",
                "WGS",
                "art. 4",
            ),
        ),
        (H, F, W),
        "Gezin met schoolgaande kinderen; huurachterstand van vier maanden.",
        "Huurachterstand aan de corporatie betalen; het gezin lost af.",
        "1200.00",
        "lening",
        Besluit.TOEGEKEND,
        "Voorkomt huisuitzetting; het gezin kan maandelijks aflossen.",
        Uitkomst.GESLAAGD,
        "Geen nieuwe achterstand; schuldhulp loopt.",
    ),
    Voorbeeld(
        "energie_afsluiting",
        MPH,
        "hoog",
        (
            (
                "Afsluiting van gas en stroom aangekondigd; de energieleverancier wacht niet op "
                "de schuldhulp.",
                "wachttijd",
                "WGS",
                "art. 4",
            ),
        ),
        (F, OP),
        "Twee jonge kinderen in huis; afsluiting binnen twee weken.",
        "De achterstand bij de leverancier betalen.",
        "900.00",
        "lening",
        Besluit.TOEGEKEND,
        "Afsluiting voorkomen.",
        Uitkomst.GESLAAGD,
    ),
    Voorbeeld(
        "leerlingenvervoer",
        DBT,
        "normaal",
        (
            (
                "Leerlingenvervoer afgewezen: de afstand ligt net onder de grens van de "
                "verordening.",
                "beleid",
                "LV",
                "art. 4",
            ),
        ),
        (O, OP),
        "Grootouders zorgen voor een kleinkind op het speciaal onderwijs.",
        "Taxi naar school betalen zolang het bezwaar loopt.",
        "2400.00",
        "om_niet",
        Besluit.TOEGEKEND,
        "Schooluitval voorkomen.",
        Uitkomst.GESLAAGD,
        leeftijden=(("overig", "67+"), ("kind", "12-17")),
    ),
    Voorbeeld(
        "inrichting_scheiding",
        MPH,
        "normaal",
        (
            (
                "Bijzondere bijstand voor inrichting duurt zes weken; de kinderen slapen op de "
                "grond.",
                "wachttijd",
                "PW",
                "art. 35",
            ),
        ),
        (H, F2, OP),
        "Ouder met kinderen na scheiding in een lege huurwoning.",
        "Inrichting via de kringloop direct betalen.",
        "1150.00",
        "om_niet",
        Besluit.TOEGEKEND,
        "Wachttijd overbruggen.",
        Uitkomst.GESLAAGD,
    ),
    Voorbeeld(
        "dagbesteding_wachtlijst",
        OPH,
        "crisis",
        (
            (
                "Wachtlijst voor dagbesteding; tussen Wmo en Jeugdwet valt de begeleiding weg.",
                "samenwerking",
                "WMO",
                "art. 2.3.5",
            ),
        ),
        (G, OP),
        "Jongvolwassene net achttien; zonder dagbesteding dreigt uithuisplaatsing.",
        "Dagbesteding op een zorgboerderij tot de indicatie rond is.",
        "6000.00",
        "om_niet",
        Besluit.TOEGEKEND,
        "Overbrugt de wachtlijst.",
        Uitkomst.DEELS,
        leeftijden=(("ouder", "46-66"), ("kind", "18-26")),
    ),
    Voorbeeld(
        "sanering_schuldeiser",
        DBT,
        "hoog",
        (
            (
                "Saneringskrediet loopt vast op één weigerende schuldeiser.",
                "procedure",
                "WGS",
                "art. 4a",
            ),
        ),
        (F, W),
        "Huishouden met problematische schulden; één schuldeiser weigert mee te werken.",
        "De vordering overnemen zodat het saneringskrediet doorgaat.",
        "3500.00",
        "om_niet",
        Besluit.TOEGEKEND,
        "Doorbreekt de impasse.",
        Uitkomst.GESLAAGD,
    ),
    Voorbeeld(
        "auto_werk",
        MPH,
        "normaal",
        (("Geen vervoer naar werk in ploegendienst.", "overig", "", ""),),
        (W,),
        "Ouder met werk in ploegendienst zonder openbaar vervoer.",
        "Een auto kopen.",
        "4000.00",
        "om_niet",
        Besluit.AFGEWEZEN,
        "Voorliggend: de werkgever vergoedt woon-werkvervoer.",
        Uitkomst.NOG_ONBEKEND,
    ),
)


def _precedent(gemeente: Gemeente, v: Voorbeeld, besloten_in: date, bedrag: Decimal) -> Precedent:
    knelpunten = [
        {
            "omschrijving": o,
            "soort": s,
            "regeling": r,
            "artikel": a,
            "sleutel": vergelijking.artikelsleutel(r, a) if r else "",
        }
        for o, s, r, a in v.knelpunten
    ]
    domeinen = [{"code": c, "naam": n, "score": s} for c, n, s in v.domeinen]
    verloop = []
    if v.uitkomst != Uitkomst.NOG_ONBEKEND:
        verloop = [
            {"maanden": 6, "scores": {d["code"]: min(5, d["score"] + 1) for d in domeinen}},
            {
                "maanden": 12,
                "scores": {d["code"]: min(5, d["score"] + 2) for d in domeinen},
                "sleutelgebeurtenis": v.uitkomst == Uitkomst.NIET_GESLAAGD,
                "uithuisplaatsing": False,
                "wat_er_gebeurde": v.wat_er_gebeurde,
            },
        ]
    p = Precedent(
        gemeente=gemeente,
        doelgroep_code=v.doelgroep[0],
        doelgroep_naam=v.doelgroep[1],
        urgentie=v.urgentie,
        leeftijden=[{"rol": r, "band": b} for r, b in v.leeftijden],
        domeinen=domeinen,
        lage_domeinen=sorted(d["code"] for d in domeinen if d["score"] <= vergelijking.LAGE_SCORE),
        situatie=v.situatie,
        knelpunten=knelpunten,
        artikelen=sorted({k["sleutel"] for k in knelpunten if k["sleutel"]}),
        regelingen=sorted({k["regeling"] for k in knelpunten if k["regeling"]}),
        knelpunttekst="\n".join(k["omschrijving"] for k in knelpunten),
        voorliggend=[{"naam": "Bijzondere bijstand", "uitkomst": "niet_mogelijk"}],
        doorbraak=v.doorbraak,
        bedrag=bedrag,
        bedragband=vergelijking.bedragband(bedrag),
        vorm=v.vorm,
        fonds_code="doorbraakbudget",
        fonds_naam="Doorbraakbudget",
        besluit=v.besluit,
        motivering=v.motivering,
        besloten_in=besloten_in.replace(day=1),
        verloop=verloop,
        uitkomst=v.uitkomst,
    )
    return p


def demo(gemeente: Gemeente) -> int:
    """The demo's precedents for one gemeente: its decided requests, and the earlier
    doorbraken above (dated over the past two years). Returns how many were made."""
    aantal = 0
    for pk in Aanvraag.objects.filter(gemeente=gemeente, besloten_op__isnull=False).values_list(
        "pk", flat=True
    ):
        aantal += services.precedent_vastleggen(aanvraag_id=pk) is not None
    vandaag = date.today()
    return aantal + services.precedenten_in_bulk(
        _precedent(
            gemeente,
            v,
            date(vandaag.year - 1 - i % 2, 1 + (3 * i) % 12, 1),
            Decimal(v.bedrag),
        )
        for i, v in enumerate(VOORBEELDEN)
    )


def genereer(gemeente: Gemeente, aantal: int, *, seed: int = 18, batch: int = 5000) -> int:
    """`aantal` synthetic precedents from the situations above with varied amounts, dates and
    scores, written through `services.precedenten_in_bulk` (COPY on PostgreSQL)."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    vandaag = date.today()

    def precedenten():
        for _ in range(aantal):
            v = rng.choice(VOORBEELDEN)
            bedrag = (Decimal(v.bedrag) * Decimal(rng.uniform(0.5, 1.6))).quantize(Decimal("0.01"))
            dagen = rng.randint(0, 6 * 365)
            besloten = date.fromordinal(vandaag.toordinal() - dagen)
            yield _precedent(gemeente, v, besloten, bedrag)

    return services.precedenten_in_bulk(precedenten(), batch=batch)
