"""Demo funds in the three shapes of the seeds, budgets for the current year, and requests in
every state, entered through the services as the professionals and finance would.

- Doorbraakbudget (seed 000): per doelgroep a yearly budget that is also its ceiling; the
  requester, a reviewing colleague and the manager's go (three people).
- Samenloopbudget (seed 001): € 50,000 for the pilot period; the pilot leader requests, either
  opdrachtgever approves or rejects with reasons; the pilot's afwegingskader (Bijlage 1).
- Regelarm wijkbudget (seed 002): € 20,000 a year within the bijzondere bijstand; the
  uitvoeringsregisseur decides alone up to € 2,500.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from doorbraak.budget import services
from doorbraak.budget.models import (
    Aanvraag,
    Budget,
    Draagkrachtnorm,
    Fonds,
    Fondsmandaat,
    Lening,
    Periode,
)
from doorbraak.casussen.models import Casus, Doorbraakplan
from doorbraak.casussen.services import PlanInvoer, doorbraakplan_opslaan
from doorbraak.organisaties.models import Doelgroep, Gemeente, MandaatRol, Medewerker
from doorbraak.regels.selectors import beslissende_open_vragen, laatste_regelcheck
from doorbraak.regels.services import regelcheck_uitvoeren

BETAALREKENING = "NL44RABO0123456789"
PLAFONDS = {"mph": "60000", "doorbraakteam": "40000", "passende_hulp": "30000"}
REGELING_KADER = {"alle": ["voorliggend_onvoldoende", "noodzakelijk"]}
PILOT_KADER = {
    "alle": [
        "noodzakelijk",
        {"een_van": ["schade_bij_niet_inzet", "hogere_kosten_op_termijn"]},
        "regulier_niet_mogelijk",
    ]
}
CRITERIA = {
    "voorliggend_onvoldoende": True,
    "noodzakelijk": True,
    "ernst": True,
    "schade_bij_niet_inzet": True,
    "regulier_niet_mogelijk": True,
}


def _maanden_terug(vandaag: date, maanden: int) -> date:
    jaar, maand = divmod(vandaag.month - 1 - maanden, 12)
    return date(vandaag.year + jaar, maand + 1, 1)


def fondsen_inrichten(gemeente: Gemeente, gebruikers: dict[str, Medewerker]) -> dict[str, Fonds]:
    vandaag = timezone.localdate()
    jaar = vandaag.year
    regeling = Fonds.objects.create(
        gemeente=gemeente,
        code="doorbraakbudget",
        naam="Doorbraakbudget sociaal domein",
        omschrijving="Regeling doorbraakbudget: lening of om niet, 4-ogen en de formele go.",
        standaard=True,
        afwegingskader=REGELING_KADER,
        grootboekrekening="4450100",
        kostenplaats="SD-DOORBRAAK",
        betaalrekening_naam=f"Gemeente {gemeente.naam}",
        betaalrekening_iban=BETAALREKENING,
    )
    pilot = Fonds.objects.create(
        gemeente=gemeente,
        code="samenloopbudget",
        naam="Samenloopbudget pilot",
        omschrijving="Pilot: de pilotleider vraagt aan, een van de opdrachtgevers beslist.",
        meekijken_verplicht=False,
        afwegingskader=PILOT_KADER,
        lening_voorkeur=False,
        revolverend=False,
        grootboekrekening="4450200",
        kostenplaats="WMO-ONVOORZIEN",
        betaalrekening_naam=f"Gemeente {gemeente.naam}",
        betaalrekening_iban=BETAALREKENING,
    )
    wijk = Fonds.objects.create(
        gemeente=gemeente,
        code="wijkbudget",
        naam="Regelarm wijkbudget",
        omschrijving="Binnen de bijzondere bijstand; de uitvoeringsregisseur beslist zelf.",
        meekijken_verplicht=False,
        zelfstandig_tot=Decimal("2500.00"),
        casus_max_bedrag=Decimal("5000.00"),
        afwegingskader={"alle": ["noodzakelijk"]},
        lening_voorkeur=False,
        grootboekrekening="4450300",
        kostenplaats="BB-WIJKBUDGET",
        betaalrekening_naam=f"Gemeente {gemeente.naam}",
        betaalrekening_iban=BETAALREKENING,
    )
    periode = Periode.objects.create(
        fonds=regeling, naam=str(jaar), van=date(jaar, 1, 1), tot=date(jaar, 12, 31)
    )
    for doelgroep in Doelgroep.objects.filter(gemeente=gemeente, code__in=PLAFONDS):
        Budget.objects.create(
            gemeente=gemeente,
            periode=periode,
            doelgroep=doelgroep,
            plafond=Decimal(PLAFONDS[doelgroep.code]),
        )
    pilotperiode = Periode.objects.create(
        fonds=pilot,
        naam="Pilotperiode",
        van=_maanden_terug(vandaag, 6),
        tot=_maanden_terug(vandaag, -7) - timedelta(days=1),
    )
    Budget.objects.create(gemeente=gemeente, periode=pilotperiode, plafond=Decimal("50000"))
    wijkjaar = Periode.objects.create(
        fonds=wijk, naam=str(jaar), van=date(jaar, 1, 1), tot=date(jaar, 12, 31)
    )
    Budget.objects.create(gemeente=gemeente, periode=wijkjaar, plafond=Decimal("20000"))
    Fondsmandaat.objects.bulk_create(
        [
            # The pilot leader requests; the two opdrachtgevers each decide.
            Fondsmandaat(fonds=pilot, medewerker=gebruikers["coach"], rol=MandaatRol.AANVRAGEN),
            Fondsmandaat(fonds=pilot, medewerker=gebruikers["manager"], rol=MandaatRol.GO),
            Fondsmandaat(fonds=pilot, medewerker=gebruikers["teammanager"], rol=MandaatRol.GO),
            # The uitvoeringsregisseur spends the regelarm budget (alone up to its limit).
            Fondsmandaat(fonds=wijk, medewerker=gebruikers["regisseur"], rol=MandaatRol.AANVRAGEN),
            Fondsmandaat(fonds=wijk, medewerker=gebruikers["regisseur"], rol=MandaatRol.GO),
            Fondsmandaat(fonds=wijk, medewerker=gebruikers["manager"], rol=MandaatRol.GO),
        ]
    )
    Draagkrachtnorm.objects.create(
        gemeente=gemeente,
        naam="Norm bijzondere bijstand (demo)",
        geldig_van=date(jaar - 1, 1, 1),
        leefgeld=Decimal("1150.00"),
        aflosdeel=Decimal("0.500"),
        minimale_termijn=Decimal("15.00"),
        maximale_looptijd_maanden=36,
    )
    return {"regeling": regeling, "pilot": pilot, "wijk": wijk}


def _aanvraag(door, casus, bedrag, ontvanger, iban, motivering, **anders):
    return services.aanvraag_aanmaken(
        door=door,
        invoer=services.AanvraagInvoer(
            casus_id=casus.pk,
            bedrag=Decimal(bedrag),
            vorm=anders.pop("vorm", "om_niet"),
            ontvanger_naam=ontvanger,
            ontvanger_iban=iban,
            motivering=motivering,
            criteria=anders.pop("criteria", CRITERIA),
            **anders,
        ),
    )


def _go_teruggedateerd(aanvraag: Aanvraag, datum: date) -> None:
    """Demo history: the go happened months ago (payments are never dated before the go)."""
    moment = timezone.make_aware(datetime.combine(datum, time(10, 0)))
    Aanvraag.objects.filter(pk=aanvraag.pk).update(besloten_op=moment)
    aanvraag.besloten_op = moment


# Answers to the decisive questions where the demo (or a test) has none of its own: the
# household lives here legally and has no assets; every other decisive question "nee".
STANDAARDANTWOORDEN = {"rechtmatig_verblijf_nederland": True, "inwoner_gemeente": True}


def klaar_voor_aanvraag(door: Medewerker, casus: Casus) -> None:
    """What a request needs before it can be submitted, entered as a regisseur would: a plan
    with a doorbraak and an action (kept when the case has one), and a voorliggend check with
    its decisive questions answered."""
    plan = Doorbraakplan.objects.filter(casus=casus).first()
    if plan is None or not plan.doorbraak.strip() or not plan.acties.exists():
        doorbraakplan_opslaan(
            door=door,
            casus_id=casus.pk,
            invoer=PlanInvoer(
                situatie=plan.situatie if plan else "",
                perspectief=plan.perspectief if plan else "",
                doorbraak=(plan.doorbraak if plan and plan.doorbraak.strip() else "")
                or "Eén betaling die de escalatie stopt, zodat de hulp kan beginnen.",
                acties=[{"omschrijving": "Aanvraag doorbraakbudget voorbereiden",
                         "eigenaar": door.naam or door.username}]
                if plan is None or not plan.acties.exists()
                else [{"id": a.pk, "omschrijving": a.omschrijving, "eigenaar": a.eigenaar}
                      for a in plan.acties.all()],
                knelpunten=[{"id": k.pk, "omschrijving": k.omschrijving, "soort": k.soort}
                            for k in plan.knelpunten.all()] if plan else [],
            ),
        )  # fmt: skip
    check = laatste_regelcheck(casus=casus)
    for _ronde in range(5):
        if check is not None and check.ingevoerde_feiten and not beslissende_open_vragen(check):
            return
        vragen = check.uitkomst.get("ontbrekende_feiten", []) if check else []
        open_namen = set(beslissende_open_vragen(check)) if check else set()
        feiten = {
            o["feit"]: STANDAARDANTWOORDEN.get(
                o["feit"], {"ja_nee": False, "bedrag": "0", "getal": 0}.get(o["type"])
            )
            for o in vragen
            if o["vraag"] in open_namen
        } or {"inwoner_gemeente": True}
        check = regelcheck_uitvoeren(door=door, casus_id=casus.pk, feiten=feiten)


def budget_voor_demo(*, gemeente: Gemeente, gebruikers: dict[str, Medewerker]) -> None:
    """The three funds and requests in every state on the demo cases."""
    fondsen_inrichten(gemeente, gebruikers)
    g = gebruikers
    casussen = {
        c.huishouden.naam: c
        for c in Casus.objects.filter(gemeente=gemeente).select_related("huishouden", "regisseur")
    }
    for casus in casussen.values():
        klaar_voor_aanvraag(casus.regisseur, casus)
    vandaag = timezone.localdate()

    def indienen(a):
        return services.aanvraag_indienen(door=a.aanvrager, aanvraag_id=a.pk)

    def meekijken(a, advies="positief", toelichting="Voorliggend is gecheckt; akkoord."):
        return services.aanvraag_beoordelen(
            door=g["collega"], aanvraag_id=a.pk, advies=advies, toelichting=toelichting
        )

    def besluit(a, door, besluit="go", motivering="Past binnen de regeling."):
        return services.aanvraag_besluiten(
            door=door, aanvraag_id=a.pk, besluit=besluit, motivering=motivering
        )

    def betaal(a, bedrag=None, datum=None):
        return services.betaling_registreren(
            door=g["financien"], aanvraag_id=a.pk, bedrag=Decimal(bedrag or a.bedrag), datum=datum
        )

    # Betaald (regulation): the grandparents' taxi to special education while the appeal runs.
    a = _aanvraag(
        g["regisseur"], casussen["Grootouders Van der Heijden"], "2400.00",
        "Taxicentrale De Peel", "NL20INGB0001234567",
        "Leerlingenvervoer is afgewezen (afstand net onder de grens); zonder vervoer valt "
        "Daan uit op school en raken de grootouders overbelast.",
        voorwaarden="De grootouders werken mee aan het bezwaar tegen de afwijzing.",
    )  # fmt: skip
    indienen(a), meekijken(a), besluit(a, g["manager"]), betaal(a)

    # A loan with repayments, up to date (regulation).
    start = _maanden_terug(vandaag, 6)
    a = _aanvraag(
        g["regisseur"], casussen["Gezin El Idrissi"], "1200.00", "Woningcorporatie Peelwonen",
        "NL91ABNA0417164300",
        "Huurachterstand; de ontruiming is aangezegd. Het gezin kan maandelijks aflossen.",
        vorm="lening", termijnbedrag=Decimal("100.00"), startdatum=start,
        maandinkomen=Decimal("2150.00"), vaste_lasten=Decimal("780.00"),
    )  # fmt: skip
    indienen(a), meekijken(a), besluit(a, g["manager"])
    _go_teruggedateerd(a, start - timedelta(days=12))
    betaal(a, datum=start - timedelta(days=10))
    lening = Lening.objects.get(aanvraag=a)
    for maand in range(7):  # every instalment due so far, a couple of days after its date
        services.aflossing_registreren(
            door=g["financien"], lening_id=lening.pk, bedrag=Decimal("100.00"),
            datum=min(_maanden_terug(vandaag, 6 - maand) + timedelta(days=2), vandaag),
        )  # fmt: skip

    # A loan in arrears (regulation): one repayment of five due.
    start = _maanden_terug(vandaag, 4)
    a = _aanvraag(
        g["regisseur"], casussen["Gezin Jansen"], "900.00", "Enexis Energie",
        "NL14BNGH0285001234",
        "Afsluiting van gas en stroom aangekondigd; twee jonge kinderen in huis.",
        vorm="lening", termijnbedrag=Decimal("75.00"), startdatum=start,
    )  # fmt: skip
    indienen(a), meekijken(a), besluit(a, g["manager"])
    _go_teruggedateerd(a, start - timedelta(days=16))
    betaal(a, datum=start - timedelta(days=14))
    services.aflossing_registreren(
        door=g["financien"], lening_id=Lening.objects.get(aanvraag=a).pk,
        bedrag=Decimal("75.00"), datum=start + timedelta(days=3),
    )  # fmt: skip

    # Toegekend, nog te betalen (regulation).
    a = _aanvraag(
        g["regisseur"], casussen["Gezin Peeters"], "1150.00", "Kringloop Peelstad",
        "NL98RABO0300300300",
        "Inrichting van de nieuwe woning na de scheiding; de bijzondere bijstand vraagt zes "
        "weken en de kinderen slapen nu op de grond.",
        voorwaarden="Moeder doet vrijwilligerswerk bij de kringloop.",
    )  # fmt: skip
    indienen(a), meekijken(a), besluit(a, g["manager"])

    # Concept (regulation).
    _aanvraag(
        g["regisseur"], casussen["Gezin Peeters"], "750.00", "Zwemschool De Dolfijn",
        "NL09TRIO0390456789", "Zwemles voor de twee kinderen, zodat ze mee kunnen op schoolreis.",
    )  # fmt: skip

    # Ingetrokken (regulation): a concept the regisseur withdrew (the school paid it itself).
    a = _aanvraag(
        g["regisseur"], casussen["Gezin Peeters"], "180.00", "Basisschool De Regenboog",
        "NL86INGB0002445588", "Schoolreis van de oudste; de school betaalt het nu zelf.",
    )  # fmt: skip
    services.aanvraag_intrekken(
        door=g["regisseur"], aanvraag_id=a.pk, reden="De school betaalt de schoolreis zelf."
    )

    # Afgewezen with reasons (regulation).
    a = _aanvraag(
        g["regisseur"], casussen["Gezin El Idrissi"], "4000.00", "Autobedrijf Van Rooij",
        "NL36INGB0007654321", "Auto om naar het werk in ploegendienst te kunnen.",
    )  # fmt: skip
    indienen(a), meekijken(a, "negatief", "Er is een werkgeversregeling voor vervoer.")
    besluit(a, g["manager"], "afgewezen", "Voorliggend: de werkgever vergoedt woon-werkvervoer.")

    # Beoordeeld, wacht op go (doorbraakteam) and vervallen after a go.
    bakker = casussen["Huishouden Bakker"]
    a = _aanvraag(
        g["coach"], bakker, "3500.00", "Bewindvoering Zuid", "NL20INGB0001234567",
        "Saneringskrediet loopt vast op één schuldeiser; overname doorbreekt de impasse.",
    )  # fmt: skip
    indienen(a), meekijken(a)
    a = _aanvraag(
        g["coach"], bakker, "500.00", "Rijschool Peelland", "NL98RABO0300300300",
        "Theorie-examen voor een baan als bezorger.",
    )  # fmt: skip
    indienen(a), meekijken(a), besluit(a, g["manager"])
    services.toezegging_vrijgeven(
        door=g["financien"], aanvraag_id=a.pk, reden="De werkgever betaalt het examen zelf."
    )

    # Ingediend, te beoordelen (Overleg Passende Hulp).
    de_wit = casussen["Huishouden De Wit"]
    a = _aanvraag(
        g["coach"], de_wit, "6000.00", "Zorgboerderij De Hoeve", "NL14BNGH0285001234",
        "Dagbesteding overbrugt de wachtlijst; zonder dagbesteding dreigt uithuisplaatsing.",
    )  # fmt: skip
    indienen(a)

    # Pilot: the pilot leader requests, an opdrachtgever approves; paid.
    a = _aanvraag(
        g["coach"], de_wit, "2750.00", "Jeugdhulp Kempenland", "NL91ABNA0417164300",
        "Tussen Wmo en Jeugdwet valt de begeleiding weg bij de 18e verjaardag.",
        fonds="samenloopbudget",
        criteria={"noodzakelijk": True, "hogere_kosten_op_termijn": True,
                  "regulier_niet_mogelijk": True},
    )  # fmt: skip
    indienen(a), besluit(a, g["teammanager"], motivering="Akkoord als opdrachtgever.")
    betaal(a)

    # Regelarm: the uitvoeringsregisseur decides alone; paid.
    a = _aanvraag(
        g["regisseur"], casussen["Gezin Jansen"], "450.00", "Witgoed Centrum",
        "NL09TRIO0390456789", "Koelkast kapot; medicatie van een kind moet koel bewaard.",
        fonds="wijkbudget", criteria={"noodzakelijk": True},
    )  # fmt: skip
    indienen(a), besluit(a, g["regisseur"], motivering="")
    betaal(a)


def bestedingsplannen_voor_demo(*, gemeente, door) -> None:
    """The seed's POK plan as it stands, and this year's plan with the regelarm wijkbudget linked
    to its fund, so the spending booked on it shows beside the plan."""
    import yaml

    from doorbraak.budget import bestedingsplan as bp
    from doorbraak.budget.bestedingsplannen import bestedingsplan_opslaan

    bestedingsplan_opslaan(
        door=door,
        data=yaml.safe_load((bp.VOORBEELDEN / "bestedingsplan_pok.yaml").read_text("utf-8")),
    )
    jaar = timezone.localdate().year
    bestedingsplan_opslaan(
        door=door,
        data={
            "naam": f"Doorbraakaanpak {gemeente.naam} {jaar}-{jaar + 1}",
            "jaren": [jaar, jaar + 1],
            "regels": [
                {
                    "thema": "Doorbraakbudget",
                    "omschrijving": "Regelarm wijkbudget",
                    "bedragen": {str(jaar): "20000.00", str(jaar + 1): "20000.00"},
                    "fonds": "wijkbudget",
                },
                {
                    "thema": "Doorbraakbudget",
                    "omschrijving": "Evaluatie van de aanpak",
                    "bedragen": {str(jaar + 1): "pm"},
                },
            ],
            "inkomsten": [
                {
                    "omschrijving": "Bijzondere bijstand (reservering)",
                    "bedragen": {str(jaar): "20000.00", str(jaar + 1): "20000.00"},
                }
            ],
        },
    )
