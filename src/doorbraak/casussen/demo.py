"""Demo households and their cases: the seeds' example cases, as a professional enters them.

Everything goes through the services, as a professional would enter it, so the demo also has a
processing log and a timeline. The households are fictitious; their situations follow the example
cases in the regulation (seed 000) and the pilot (seed 001). Dates are set relative to today so a
demo always looks current. Which gemeente gets which cases, and what other apps add to a case
(its MKBA), is decided by the orchestration in `doorbraak.demo`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from doorbraak.casussen import services
from doorbraak.casussen.models import Casus, Statuswijziging, TijdlijnItem
from doorbraak.casussen.services import (
    ContactInvoer,
    HulpverlenerInvoer,
    NieuwGezinslid,
    PlanInvoer,
    Score,
)
from doorbraak.casussen.status import CasusStatus
from doorbraak.organisaties.demo import DOORBRAAKTEAM, MPH, PASSENDE_HULP
from doorbraak.organisaties.models import Medewerker


@dataclass(frozen=True)
class DemoCasus:
    """One example household with its case, as a regisseur would build it up over time."""

    huishouden: str
    postcode: str
    leden: tuple[tuple[str, str, int, str, str | None], ...]  # voornaam, achternaam, leeftijd...
    doelgroep: str
    regisseur: str
    aanleiding: str
    urgentie: str
    dagen_geleden: int
    eerste_meting: dict[str, int]
    laatste_meting: dict[str, int] = field(default_factory=dict)
    hulpverleners: tuple[tuple[str, str, int], ...] = ()  # organisatie, rol, jaarkosten
    plan: PlanInvoer | None = None
    status: tuple[str, ...] = ()
    notities: tuple[str, ...] = ()


# BSNs: fictitious numbers that pass the 11-proef (none is a real person's as far as we know;
# the 9-digit test numbers of the Dutch government's test set are not used on purpose).
CASUSSEN: tuple[DemoCasus, ...] = (
    DemoCasus(
        huishouden="Grootouders Van der Heijden",
        postcode="5701 AB",
        leden=(
            ("Gerrit", "van der Heijden", 68, "ouder", "111222333"),
            ("Wilma", "van der Heijden", 66, "ouder", None),
            ("Daan", "Kuijpers", 9, "kind", None),
        ),
        doelgroep=MPH,
        regisseur="regisseur",
        aanleiding=(
            "Grootouders voeden hun kleinzoon op nadat de moeder is overleden. Daan gaat naar "
            "speciaal onderwijs buiten de gemeente; het aangevraagde leerlingenvervoer is "
            "afgewezen omdat de afstand net onder de grens van de verordening ligt. De "
            "grootouders rijden zelf en komen met hun AOW niet rond."
        ),
        urgentie="hoog",
        dagen_geleden=75,
        eerste_meting={"financien": 2, "onderwijs": 2, "opvoeding": 3, "sociaal_netwerk": 3},
        laatste_meting={"financien": 3, "onderwijs": 4, "opvoeding": 4, "sociaal_netwerk": 3},
        hulpverleners=(
            ("Gemeente Peelstad", "Consulent leerlingenvervoer", 0),
            ("Stichting Speciaal Onderwijs De Kempen", "Intern begeleider", 2500),
            ("Wijkteam Centrum", "Ouderenwerker", 3200),
            ("Bureau Jeugdzorg", "Gezinsvoogd (tijdelijke voogdij)", 9800),
            ("Sociale Verzekeringsbank", "AOW-uitkering", 0),
        ),
        plan=PlanInvoer(
            situatie=(
                "Grootouders (68 en 66) met AOW zorgen voor hun kleinzoon van 9 met een "
                "ontwikkelingsachterstand. Daan gaat naar een school voor speciaal onderwijs op "
                "5,8 km; de verordening leerlingenvervoer vergoedt pas vanaf 6 km."
            ),
            perspectief=(
                "Over een jaar gaat Daan zelfstandig met aangepast vervoer naar school en houden "
                "de grootouders het financieel en fysiek vol."
            ),
            doorbraak=(
                "Vervoer voor één schooljaar vergoeden uit het doorbraakbudget, en de "
                "hardheidsclausule van de verordening leerlingenvervoer laten toetsen."
            ),
            eigen_woorden=(
                "Wij willen dat Daan elke dag veilig op school komt. En dat wij het volhouden. "
                "We zijn moe, maar we geven hem niet op."
            ),
            krachten=(
                "Opa en oma houden veel van Daan en zijn er elke dag voor hem. Oma houdt alles "
                "goed bij. Daan gaat graag naar school."
            ),
            netwerk=(
                {
                    "naam": "Ria van der Heijden",
                    "rol": "tante van Daan",
                    "bijdrage": "Rijdt op woensdag en vrijdag naar school.",
                },
                {
                    "naam": "Henk Smits",
                    "rol": "buurman",
                    "bijdrage": "Past op Daan als opa en oma naar het ziekenhuis moeten.",
                },
            ),
            knelpunten=(
                {
                    "omschrijving": "Afstandsgrens van 6 km laat geen ruimte voor een kind dat "
                    "niet zelfstandig kan reizen.",
                    "soort": "wet_regelgeving",
                    "regeling": "LV",
                    "artikel": "art. 4",
                },
                {
                    "omschrijving": "Bijzondere bijstand voor vervoerskosten afgewezen: "
                    "leerlingenvervoer is voorliggend.",
                    "soort": "wet_regelgeving",
                    "regeling": "PW",
                    "artikel": "art. 15 lid 1",
                },
            ),
            acties=(
                {"omschrijving": "Verzoek hardheidsclausule indienen", "eigenaar": "regisseur",
                 "deadline_over_dagen": 14, "gereed": True},
                {"omschrijving": "Vervoerder vinden en offerte vragen", "eigenaar": "regisseur",
                 "deadline_over_dagen": 21, "gereed": False},
            ),
        ),
        status=(CasusStatus.PLAN, CasusStatus.UITVOERING),
        notities=("Huisbezoek: grootouders zijn opgelucht dat er iemand meedenkt.",),
    ),
    DemoCasus(
        huishouden="Huishouden Bakker",
        postcode="5702 CD",
        leden=(("Mark", "Bakker", 34, "overig", "123456782"),),
        doelgroep=DOORBRAAKTEAM,
        regisseur="coach",
        aanleiding=(
            "Alleenstaande man met een psychose, huurachterstand van vier maanden; de "
            "woningcorporatie heeft de ontruiming aangezegd. Bijstand is stopgezet omdat hij "
            "niet verscheen bij afspraken."
        ),
        urgentie="crisis",
        dagen_geleden=20,
        eerste_meting={
            "huisvesting": 1, "financien": 1, "geestelijke_gezondheid": 1, "sociaal_netwerk": 2,
        },
        laatste_meting={
            "huisvesting": 2, "financien": 2, "geestelijke_gezondheid": 2, "sociaal_netwerk": 2,
        },
        hulpverleners=(
            ("Woningcorporatie Peelwonen", "Incassomedewerker", 0),
            ("GGZ Oost-Brabant", "FACT-team psychiater", 18500),
            ("Gemeente Peelstad", "Klantmanager Participatiewet", 1500),
            ("Kredietbank Peelstad", "Schuldhulpverlener", 2800),
            ("Deurwaarderskantoor Zuid", "Gerechtsdeurwaarder", 0),
            ("Politie Oost-Brabant", "Wijkagent", 1200),
        ),
        plan=PlanInvoer(
            situatie=(
                "Ontruiming over drie weken aangezegd. Geen inkomen sinds de bijstand is "
                "opgeschort; FACT-team is net betrokken."
            ),
            perspectief="Over een jaar woont Mark nog in zijn woning, met inkomen en bewind.",
            doorbraak=(
                "Huurachterstand direct aan de corporatie betalen zodat de ontruiming wordt "
                "opgeschort; bijstand met terugwerkende kracht laten herstellen."
            ),
            knelpunten=(
                {
                    "omschrijving": "Maatregel bij niet verschijnen houdt geen rekening met de "
                    "psychose.",
                    "soort": "wet_regelgeving",
                    "regeling": "PW",
                    "artikel": "art. 18 lid 2",
                },
                {
                    "omschrijving": "Schuldhulp vraagt eerst een stabiele situatie; crisis-"
                    "interventie binnen drie werkdagen is nodig.",
                    "soort": "wachttijd",
                    "regeling": "WGS",
                    "artikel": "art. 4",
                },
            ),
            acties=(
                {"omschrijving": "Afspraak met corporatie over opschorten ontruiming",
                 "eigenaar": "coach", "deadline_over_dagen": 3, "gereed": False},
            ),
        ),
        status=(CasusStatus.PLAN,),
    ),
    DemoCasus(
        huishouden="Gezin El Idrissi",
        postcode="5703 EF",
        leden=(
            ("Samira", "El Idrissi", 38, "ouder", "100000009"),
            ("Yara", "El Idrissi", 15, "kind", None),
            ("Adam", "El Idrissi", 11, "kind", None),
            ("Nora", "El Idrissi", 6, "kind", None),
        ),
        doelgroep=MPH,
        regisseur="regisseur",
        aanleiding=(
            "Alleenstaande moeder met drie kinderen, problematische schulden, een zoon met "
            "schooluitval en een dochter in de jeugd-GGZ. Twaalf hulpverleners, geen regie."
        ),
        urgentie="normaal",
        dagen_geleden=160,
        eerste_meting={
            "financien": 1, "onderwijs": 2, "opvoeding": 2, "geestelijke_gezondheid": 3,
            "huiselijke_relaties": 3, "werk_opleiding": 2,
        },
        laatste_meting={
            "financien": 3, "onderwijs": 3, "opvoeding": 3, "geestelijke_gezondheid": 3,
            "huiselijke_relaties": 3, "werk_opleiding": 2,
        },
        hulpverleners=(
            ("Kredietbank Peelstad", "Schuldhulpverlener", 2800),
            ("Bewindvoerderskantoor Zorgvuldig", "Beschermingsbewindvoerder", 1800),
            ("Gemeente Peelstad", "Klantmanager Participatiewet", 1500),
            ("Gemeente Peelstad", "Leerplichtambtenaar", 600),
            ("CJG Peelstad", "Jeugdverpleegkundige", 900),
            ("Karakter", "Jeugd-GGZ behandelaar", 14500),
            ("Wijkteam Centrum", "Gezinscoach", 6400),
            ("Basisschool De Regenboog", "Intern begeleider", 0),
            ("Stichting Leergeld", "Vrijwilliger", 0),
            ("Voedselbank Peelstad", "Intake", 0),
            ("Huisartsenpraktijk Centrum", "POH-GGZ", 700),
            ("Woningcorporatie Peelwonen", "Wijkconsulent", 0),
        ),
        plan=PlanInvoer(
            situatie="Moeder is overbelast; schulden ca. € 28.000 bij veertien schuldeisers.",
            perspectief=(
                "Over een jaar zit de moeder in een schuldregeling en gaan alle kinderen naar "
                "school, met één plan en één regisseur."
            ),
            doorbraak="Eén gezinsplan, schuldregeling met saneringskrediet en een vaste regisseur.",
            knelpunten=(
                {
                    "omschrijving": "Twaalf hulpverleners met elk een eigen plan en eigen "
                    "doelen.",
                    "soort": "samenwerking",
                    "regeling": "",
                    "artikel": "",
                },
            ),
            acties=(
                {"omschrijving": "Gezinsplan met alle betrokkenen opstellen",
                 "eigenaar": "regisseur", "deadline_over_dagen": -60, "gereed": True},
                {"omschrijving": "Saneringskrediet aanvragen", "eigenaar": "Kredietbank",
                 "deadline_over_dagen": -20, "gereed": True},
                {"omschrijving": "Terugkeer Adam naar school met leerplicht afspreken",
                 "eigenaar": "Leerplicht", "deadline_over_dagen": 10, "gereed": False},
            ),
        ),
        status=(CasusStatus.PLAN, CasusStatus.UITVOERING, CasusStatus.EVALUATIE),
    ),
    DemoCasus(
        huishouden="Huishouden De Wit",
        postcode="5704 GH",
        leden=(
            ("Jesse", "de Wit", 18, "overig", None),
            ("Petra", "de Wit", 47, "ouder", None),
        ),
        doelgroep=PASSENDE_HULP,
        regisseur="coach",
        aanleiding=(
            "Jesse is net 18 geworden; de jeugdhulp (verblijf) stopt, terwijl een passende "
            "Wmo-plek nog niet beschikbaar is. Zonder overbrugging staat hij op straat."
        ),
        urgentie="hoog",
        dagen_geleden=35,
        eerste_meting={"huisvesting": 2, "financien": 2, "werk_opleiding": 2, "basale_adl": 3},
        hulpverleners=(
            ("Jeugdzorginstelling De Kade", "Persoonlijk begeleider", 65000),
            ("Gemeente Peelstad", "Wmo-consulent", 1200),
            ("ROC Ter AA", "Studieloopbaanbegeleider", 0),
        ),
        plan=PlanInvoer(
            situatie="Verblijf in de jeugdhulp eindigt op de 18e verjaardag.",
            perspectief=(
                "Over een jaar woont Jesse begeleid zelfstandig en volgt hij een opleiding."
            ),
            doorbraak="Verlengde jeugdhulp tot een Wmo-plek vrij is, zonder onderbreking.",
            knelpunten=(
                {
                    "omschrijving": "Jeugdhulp stopt bij 18 jaar; verlenging vraagt een besluit "
                    "dat niet op tijd komt.",
                    "soort": "wet_regelgeving",
                    "regeling": "JW",
                    "artikel": "art. 1.1",
                },
            ),
        ),
        status=(CasusStatus.PLAN,),
    ),
    DemoCasus(
        huishouden="Gezin Jansen",
        postcode="5705 JK",
        leden=(
            ("Kevin", "Jansen", 41, "ouder", None),
            ("Demi", "Jansen", 39, "ouder", None),
            ("Luuk", "Jansen", 12, "kind", None),
        ),
        doelgroep=MPH,
        regisseur="regisseur",
        aanleiding=(
            "Dreigende afsluiting van energie door betalingsachterstand; vader "
            "arbeidsongeschikt."
        ),
        urgentie="normaal",
        dagen_geleden=4,
        eerste_meting={"financien": 2, "werk_opleiding": 2, "lichamelijke_gezondheid": 2},
    ),
    DemoCasus(
        huishouden="Huishouden Öztürk",
        postcode="5706 LM",
        leden=(("Ayşe", "Öztürk", 52, "overig", None),),
        doelgroep=MPH,
        regisseur="regisseur",
        aanleiding=(
            "Vrouw met een licht verstandelijke beperking, vervuilde woning, meldingen van "
            "buren."
        ),
        urgentie="normaal",
        dagen_geleden=400,
        eerste_meting={"huisvesting": 2, "basale_adl": 2, "sociaal_netwerk": 1},
        laatste_meting={"huisvesting": 4, "basale_adl": 3, "sociaal_netwerk": 3},
        hulpverleners=(("Wijkteam Centrum", "Woonbegeleider", 7800),),
        plan=PlanInvoer(
            situatie="Woning vervuild, sociaal geïsoleerd.",
            perspectief="Een schone woning en een vaste vrijwilliger.",
            doorbraak="Eenmalige schoonmaak en begeleiding vanuit de Wmo.",
            acties=(
                {"omschrijving": "Eenmalige schoonmaak", "eigenaar": "Wijkteam",
                 "deadline_over_dagen": -300, "gereed": True},
            ),
        ),
        status=(
            CasusStatus.PLAN, CasusStatus.UITVOERING, CasusStatus.EVALUATIE, CasusStatus.AFGESLOTEN,
        ),
    ),
    DemoCasus(
        huishouden="Gezin Peeters",
        postcode="5707 NP",
        leden=(
            ("Tom", "Peeters", 36, "ouder", None),
            ("Lisa", "Peeters", 33, "ouder", None),
            ("Sem", "Peeters", 6, "kind", None),
            ("Noor", "Peeters", 4, "kind", None),
        ),
        doelgroep=MPH,
        regisseur="regisseur",
        aanleiding=(
            "Vader raakte in een psychose en heeft de woning ernstig beschadigd. De "
            "woningcorporatie brengt de herstelkosten in rekening en dreigt met ontruiming als "
            "de rekening niet wordt betaald. Het gezin heeft schulden en geen netwerk in de "
            "regio; moeder is hoogzwanger."
        ),
        urgentie="crisis",
        dagen_geleden=12,
        eerste_meting={
            "huisvesting": 1, "financien": 1, "geestelijke_gezondheid": 1, "opvoeding": 3,
            "sociaal_netwerk": 1,
        },
        hulpverleners=(
            ("GGZ Oost-Brabant", "Psychiater (behandeling vader)", 9500),
            ("Wijkteam Centrum", "Gezinscoach", 4200),
            ("Woningcorporatie Peelwonen", "Wijkconsulent", 0),
        ),
        plan=PlanInvoer(
            situatie=(
                "Herstelrekening van € 4.650; de corporatie start de ontruimingsprocedure als "
                "die niet binnen vier weken is betaald. Vader is opgenomen en reageert goed op "
                "de behandeling; de kans op herhaling is klein."
            ),
            perspectief="Het gezin blijft samen in de eigen woning wonen, ook na de bevalling.",
            doorbraak=(
                "De herstelrekening rechtstreeks aan de corporatie betalen uit het "
                "doorbraakbudget, zodat de ontruiming van tafel is."
            ),
            knelpunten=(
                {
                    "omschrijving": "Bijzondere bijstand is niet mogelijk voor schulden.",
                    "soort": "wet_regelgeving",
                    "regeling": "PW",
                    "artikel": "art. 13 lid 1 onder g",
                },
            ),
            acties=(
                {"omschrijving": "Afspraak met de corporatie over betaling en opschorting",
                 "eigenaar": "regisseur", "deadline_over_dagen": 5, "gereed": False},
            ),
        ),
        status=(CasusStatus.PLAN,),
    ),
)  # fmt: skip

ANDERE_CASUS = DemoCasus(
    huishouden="Huishouden Kempenaar",
    postcode="5531 AA",
    leden=(("Lisa", "Kempenaar", 29, "ouder", "111222333"), ("Finn", "Kempenaar", 3, "kind", None)),
    doelgroep=MPH,
    regisseur="regisseur2",
    aanleiding="Jonge moeder met huurschuld en een peuter; gegevens van een andere gemeente.",
    urgentie="normaal",
    dagen_geleden=12,
    eerste_meting={"financien": 2, "huisvesting": 3},
)


def _geboortedatum(leeftijd: int, vandaag: date) -> date:
    return vandaag.replace(year=vandaag.year - leeftijd) - timedelta(days=37 * leeftijd % 300)


def casus_opbouwen(
    demo: DemoCasus,
    gebruikers: dict[str, Medewerker],
    *,
    na_plan: Callable[[Casus, Medewerker, DemoCasus], object] | None = None,
) -> Casus:
    """Register the household and build its case up over time. `na_plan` lets the orchestration
    add what another app contributes once the plan is there (before the case moves on)."""
    door = gebruikers[demo.regisseur]
    vandaag = timezone.localdate()
    begin = vandaag - timedelta(days=demo.dagen_geleden)
    huishouden = services.huishouden_registreren(
        door=door,
        naam=demo.huishouden,
        postcode=demo.postcode,
        gezinsleden=[
            NieuwGezinslid(voornaam, achternaam, _geboortedatum(leeftijd, vandaag), rol, bsn)
            for voornaam, achternaam, leeftijd, rol, bsn in demo.leden
        ],
    )
    casus = services.casus_aanmelden(
        door=door,
        huishouden_id=huishouden.pk,
        doelgroep_code=demo.doelgroep,
        aanleiding=demo.aanleiding,
        urgentie=demo.urgentie,
    )
    services.domeinscores_vastleggen(
        door=door, casus_id=casus.pk, scores=_scores(demo.eerste_meting), datum=begin
    )
    if demo.laatste_meting:
        services.domeinscores_vastleggen(
            door=door,
            casus_id=casus.pk,
            scores=_scores(demo.laatste_meting),
            datum=vandaag - timedelta(days=demo.dagen_geleden // 4),
        )
    for organisatie, rol, kosten in demo.hulpverleners:
        services.hulpverlener_toevoegen(
            door=door,
            casus_id=casus.pk,
            invoer=HulpverlenerInvoer(
                organisatie=organisatie,
                rol=rol,
                geschatte_jaarkosten=Decimal(kosten) if kosten else None,
            ),
        )
    if demo.plan:
        services.doorbraakplan_opslaan(door=door, casus_id=casus.pk, invoer=_plan(demo.plan, begin))
    if na_plan is not None:
        na_plan(casus, door, demo)
    for notitie in demo.notities:
        services.notitie_toevoegen(door=door, casus_id=casus.pk, tekst=notitie)
    for contact in _contacten(demo, begin, vandaag):
        services.contactmoment_vastleggen(door=door, casus_id=casus.pk, invoer=contact)
    for naar in demo.status:
        reden = "Doorbraak bereikt en geëvalueerd." if naar == CasusStatus.AFGESLOTEN else ""
        services.casus_wijzigen(door=door, casus_id=casus.pk, status_naar=naar, reden=reden)
    # Demo only: backdate the case so the worklist shows cases of different ages.
    Casus.objects.filter(pk=casus.pk).update(
        aangemeld_op=timezone.now() - timedelta(days=demo.dagen_geleden)
    )
    return casus


def _contacten(demo: DemoCasus, begin: date, vandaag: date) -> list[ContactInvoer]:
    """The contact log of a demo case: the first home visit, and a call with the first helper
    (or the household) halfway."""
    eerste = demo.leden[0][0]
    wie = demo.hulpverleners[0][0] if demo.hulpverleners else eerste
    return [
        ContactInvoer(
            begin, "huisbezoek", eerste, "Kennismaking; de aanleiding en wat het huishouden wil."
        ),
        ContactInvoer(
            begin + (vandaag - begin) / 2,
            "telefoon",
            wie,
            "Stand van zaken en afspraken afgestemd.",
        ),
    ]


def _scores(meting: dict[str, int]) -> list[Score]:
    return [Score(domein, score) for domein, score in meting.items()]


def _plan(plan: PlanInvoer, begin: date) -> PlanInvoer:
    acties = [
        {
            "omschrijving": a["omschrijving"],
            "eigenaar": a["eigenaar"],
            "deadline": begin + timedelta(days=abs(a["deadline_over_dagen"])),
            "gereed": a["gereed"],
        }
        for a in plan.acties
    ]
    return PlanInvoer(
        situatie=plan.situatie,
        perspectief=plan.perspectief,
        doorbraak=plan.doorbraak,
        knelpunten=list(plan.knelpunten),
        acties=acties,
        eigen_woorden=plan.eigen_woorden,
        krachten=plan.krachten,
        netwerk=None if plan.netwerk is None else list(plan.netwerk),
    )


# Minutes after 09:00 for the n-th entry of a day: a working day's rhythm, never two alike.
_MINUTEN_OP_EEN_DAG = (0, 47, 95, 140, 191, 236, 284, 329, 377, 422, 461)


def tijdlijn_in_de_tijd_zetten(casus: Casus, *, nu: datetime | None = None) -> None:
    """Demo only: every entry was written in the same second when the demo was loaded. Spread
    them, in the order they were written, over the working days from the case's registration to
    yesterday, at distinct times within office hours, so a timeline reads like a case that ran
    for weeks. A status change gets the time of its own timeline entry."""
    nu = timezone.localtime(nu or timezone.now())
    items = list(TijdlijnItem.objects.filter(casus=casus).order_by("op", "pk"))
    if not items:
        return
    oorspronkelijk = [i.op for i in items]
    eerste_dag = timezone.localtime(casus.aangemeld_op).date()
    dagen = max((nu.date() - eerste_dag).days, 1)
    per_dag: dict[int, int] = {}
    for n, item in enumerate(items):
        dag = n * dagen // len(items)  # 0 … dagen-1: from the registration day up to yesterday
        plek = per_dag.get(dag, 0)
        per_dag[dag] = plek + 1
        minuten = _MINUTEN_OP_EEN_DAG[min(plek, len(_MINUTEN_OP_EEN_DAG) - 1)] + plek // 11
        moment = datetime.combine(eerste_dag + timedelta(days=dag), time(9, 0)) + timedelta(
            minutes=minuten
        )
        item.op = min(timezone.make_aware(moment), nu - timedelta(minutes=len(items) - n))
    TijdlijnItem.objects.bulk_update(items, ["op"])
    wijzigingen = list(Statuswijziging.objects.filter(casus=casus).order_by("op", "pk"))
    for w in wijzigingen:  # the first entry written at or after the change is its own
        eigen = next((i for i, op in zip(items, oorspronkelijk, strict=True) if op >= w.op), None)
        if eigen is not None:
            w.op = eigen.op
    Statuswijziging.objects.bulk_update(wijzigingen, ["op"])
