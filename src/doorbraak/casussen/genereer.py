"""Synthetic households and case files in bulk, for benchmarks and load tests.

Everything is fictitious: names from short lists, BSNs that pass the 11-proef but are drawn at
random, organisations and texts from a catalogue. The data goes straight into the tables with
PostgreSQL's COPY (psycopg's `cursor.copy`; `bulk_create` on SQLite), one transaction per batch
of households, so 200,000 households take minutes, not hours. With `gemeenten` > 1 the
households are spread evenly over that many gemeenten (a region), each with its own regisseur
to log in with, and `processen` > 1 generates the gemeenten in parallel processes. Because the
data is synthetic, nothing is written to the processing log: there is no real person whose data
is processed.

Deterministic: the same seed gives the same households, members, scores and plans (ids and the
BSN ciphertexts differ, as they are random by design).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import connection, connections, models, transaction
from django.utils import timezone

from doorbraak import bsn as bsn_bescherming
from doorbraak.casussen.models import (
    Actie,
    Casus,
    Domeinscore,
    Doorbraakplan,
    Gezinslid,
    GezinslidRol,
    Huishouden,
    Hulpverlener,
    Knelpunt,
    KnelpuntSoort,
    Leefgebied,
    Meting,
    Statuswijziging,
    TijdlijnItem,
    TijdlijnSoort,
    Urgentie,
)
from doorbraak.casussen.status import CasusStatus
from doorbraak.organisaties.models import Doelgroep, Gemeente, Medewerker, Rol
from doorbraak.organisaties.services import gemeente_aanmaken, gemeente_inrichten

STANDAARD_GEMEENTECODE = "GM9990"
STANDAARD_GEMEENTENAAM = "Benchgemeente"
STANDAARD_GEBRUIKER = "bench"
STANDAARD_WACHTWOORD = "bench-wachtwoord-123"
BATCH = 1000

# --- catalogue (fictitious) -------------------------------------------------------------------

ACHTERNAMEN = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
    "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen",
    "van den Broek", "de Bruijn", "de Bruin", "van der Heijden", "Schouten", "van Beek",
    "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam",
    "van der Wal", "Prins", "Blom", "Huisman", "Peeters", "Kuipers", "van Wijk", "Postma",
    "Yilmaz", "Kaya", "El Amrani", "Bennani", "Öztürk", "Nguyen", "Martina", "Ramdin",
    "Tahiri", "Kowalski", "Nowak", "Rahimi", "Haddou", "Sahin", "Demir", "Pinas",
)  # fmt: skip
VOORNAMEN_VOLWASSEN = (
    "Anna", "Maria", "Sandra", "Linda", "Petra", "Monique", "Esther", "Fatima", "Samira",
    "Natasja", "Priscilla", "Ayşe", "Kim", "Demi", "Marloes", "Ingrid", "Yvonne", "Sanne",
    "Jan", "Peter", "Mark", "Kevin", "Dennis", "Mohamed", "Ahmed", "Mustafa", "Sven", "Ruud",
    "Erik", "Bas", "Tom", "Jeroen", "Patrick", "Ricardo", "Hasan", "Piotr", "Wim", "Gerrit",
)  # fmt: skip
VOORNAMEN_KIND = (
    "Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara", "Lina", "Noor",
    "Fenna", "Liv", "Saar", "Noah", "Liam", "Luuk", "Sem", "Daan", "Finn", "Levi", "Milan",
    "Adam", "Mees", "Bram", "Jayden", "Amir", "Ryan", "Thijs", "Jesse",
)  # fmt: skip

AANLEIDINGEN = (
    "Dreigende huisuitzetting door huurachterstand",
    "Problematische schulden en beslag op het inkomen",
    "Melding Veilig Thuis na escalatie in het gezin",
    "Thuiszitter: kind gaat al maanden niet naar school",
    "Uitval van de kostwinner, inkomen stopt",
    "Signaal huisarts: ouder overbelast, kinderen in de knel",
    "Afsluiting energie aangekondigd",
    "Jongere komt uit jeugdzorg (18-/18+) zonder woning en inkomen",
    "Mantelzorger valt weg, zorg voor ouder niet geregeld",
    "Meerdere hulpverleners, niemand heeft regie",
    "Overlast en dreigende ontbinding huurcontract",
    "Vrijlating uit detentie zonder woning, inkomen of ID-bewijs",
)
SITUATIES = (
    "Moeder met drie kinderen, huurachterstand van vijf maanden, beslag op de toeslagen.",
    "Vader is zijn baan kwijt; het gezin leeft van een voorschot op de bijstand.",
    "Twee ouders met een licht verstandelijke beperking; de post blijft ongeopend.",
    "Jongere van 19, net uit een jeugdzorginstelling, slaapt bij vrienden.",
    "Alleenstaande man met schulden en een verslaving; de woning is vervuild.",
    "Gezin met een kind met autisme dat al een jaar thuiszit.",
    "Grootouders zorgen voor twee kleinkinderen zonder pleegzorgvergoeding.",
    "Echtscheiding; beide ouders wonen tijdelijk in bij familie.",
)
PERSPECTIEVEN = (
    "Over een jaar woont het gezin in een betaalbare woning en is er rust.",
    "De kinderen gaan elke dag naar school en de ouder heeft werk of dagbesteding.",
    "De schulden zijn in een regeling en er is een stabiel inkomen.",
    "De jongere heeft een eigen kamer, inkomen en een opleiding.",
    "Er is één plan, één regisseur en de hulp sluit aan op wat het gezin wil.",
)
DOORBRAKEN = (
    "Huurachterstand overnemen zodat de ontruiming van tafel gaat.",
    "Tijdelijke woonruimte regelen zodat de rest van het plan kan starten.",
    "Vervoer naar school betalen tot het leerlingenvervoer is toegekend.",
    "Borg en inrichting voor een eigen kamer betalen.",
    "Schuld bij de zorgverzekeraar saneren zodat de zorg doorgaat.",
    "Kinderopvang betalen zodat de ouder aan het werk kan.",
    "Een vaste regisseur voor alle hulpverleners aanwijzen.",
)
# (omschrijving, soort, regeling, artikel): artikel left empty where no single one applies.
KNELPUNTEN = (
    (
        "Bijzondere bijstand vergoedt geen bestaande schulden",
        KnelpuntSoort.WET_REGELGEVING,
        "PW",
        "35",
    ),
    (
        "Wachttijd voor schuldhulpverlening van meer dan acht weken",
        KnelpuntSoort.WACHTTIJD,
        "WGS",
        "",
    ),
    ("Toegang tot schuldhulp geweigerd wegens eerdere recidive", KnelpuntSoort.BELEID, "WGS", ""),
    (
        "Onderzoek Wmo-melding duurt langer dan zes weken",
        KnelpuntSoort.WACHTTIJD,
        "WMO",
        "2.3.2",
    ),
    ("Jeugdhulp pas na beschikking, gezin kan niet wachten", KnelpuntSoort.PROCEDURE, "JW", "2.3"),
    ("Leerlingenvervoer alleen bij afstand boven zes kilometer", KnelpuntSoort.BELEID, "LV", ""),
    ("Geen urgentie voor woning zonder eigen huurcontract", KnelpuntSoort.BELEID, "HVV", ""),
    (
        "Toeslagen verrekend met achterstand, geen leefgeld over",
        KnelpuntSoort.FINANCIEEL,
        "AWIR",
        "",
    ),
    ("Jongere valt tussen jeugdzorg en Wmo (18-/18+)", KnelpuntSoort.SAMENWERKING, "JW", ""),
    ("Geen gegevensdeling tussen wijkteam en corporatie", KnelpuntSoort.SAMENWERKING, "", ""),
    ("Inkomensgrens net overschreden door vakantiegeld", KnelpuntSoort.WET_REGELGEVING, "PW", ""),
    ("Aanvraag vergt een ID-bewijs dat de cliënt niet heeft", KnelpuntSoort.PROCEDURE, "", ""),
    ("Geen budget voor een overbruggingsoplossing", KnelpuntSoort.FINANCIEEL, "", ""),
    (
        "Afwijken kan alleen met toepassing van Awb 4:84",
        KnelpuntSoort.WET_REGELGEVING,
        "AWB",
        "4:84",
    ),
)
ACTIES = (
    "Afspraak met de woningcorporatie over een betalingsregeling",
    "Aanvraag bijzondere bijstand indienen",
    "Aanmelden bij schuldhulpverlening",
    "Gesprek met school over een passend onderwijsaanbod",
    "Huisbezoek met de wijkverpleegkundige",
    "Aanvraag Wmo-maatwerkvoorziening begeleiding",
    "Budgetbeheer regelen via de kredietbank",
    "ID-bewijs aanvragen en afspraak bij het gemeentehuis maken",
    "Overleg met jeugdbescherming over de veiligheid van de kinderen",
    "Doorbraakbudget aanvragen voor de huurachterstand",
    "Evaluatiegesprek met het gezin plannen",
    "Toeslagen laten herberekenen",
)
EIGENAREN = (
    "Regisseur",
    "Ouder",
    "Schuldhulpverlener",
    "Woningcorporatie",
    "Jeugdconsulent",
    "Wmo-consulent",
    "Leerplichtambtenaar",
    "Budgetbeheerder",
)
# (organisatie, rol, lowest and highest estimated yearly cost in euros)
HULPVERLENERS = (
    ("Wijkteam", "Gezinscoach", 2_500, 9_000),
    ("Gemeente, schuldhulpverlening", "Schuldhulpverlener", 1_500, 4_500),
    ("Kredietbank", "Budgetbeheerder", 600, 1_800),
    ("Jeugdbescherming", "Jeugdbeschermer", 12_000, 24_000),
    ("GGZ-instelling", "Behandelaar", 4_000, 18_000),
    ("Verslavingszorg", "Ambulant hulpverlener", 3_000, 12_000),
    ("Huisartsenpraktijk", "Praktijkondersteuner GGZ", 300, 1_500),
    ("Woningcorporatie", "Woonconsulent", 500, 2_000),
    ("Veilig Thuis", "Casemanager", 2_000, 6_000),
    ("Reclassering", "Reclasseringswerker", 3_000, 9_000),
    ("UWV", "Re-integratieadviseur", 1_000, 4_000),
    ("Gemeente, Participatiewet", "Klantmanager werk en inkomen", 1_000, 3_000),
    ("Gemeente, Wmo", "Wmo-consulent", 800, 2_500),
    ("Zorgaanbieder", "Ambulant begeleider", 6_000, 22_000),
    ("Pleegzorgorganisatie", "Pleegzorgbegeleider", 8_000, 30_000),
    ("Onderwijs", "Intern begeleider", 500, 2_000),
    ("Samenwerkingsverband passend onderwijs", "Onderwijsconsulent", 1_000, 5_000),
    ("Maatschappelijke opvang", "Woonbegeleider", 10_000, 35_000),
    ("Consultatiebureau", "Jeugdverpleegkundige", 300, 1_200),
    ("Leerplicht", "Leerplichtambtenaar", 300, 1_000),
)
NOTITIES = (
    "Huisbezoek afgelegd; moeder was open over de situatie.",
    "Telefonisch contact met de corporatie: ontruiming voorlopig opgeschort.",
    "Casusoverleg met alle betrokken hulpverleners gehouden.",
    "Gezin kwam niet op de afspraak; nieuwe afspraak gemaakt.",
    "Toelichting voorliggende voorzieningen besproken met de ouder.",
    "School meldt dat het kind weer twee dagen per week aanwezig is.",
    "Schuldenoverzicht compleet; aanmelding kredietbank verstuurd.",
)
TOELICHTINGEN = (
    "",
    "",
    "",
    "Volgens gezin zelf",
    "Beeld van de hulpverleners",
    "Acuut, direct actie nodig",
    "Verbeterd sinds vorige meting",
)

GEZINSGROOTTE = ((1, 2, 3, 4, 5), (22, 24, 24, 19, 11))  # sizes and their weights
STATUSSEN = (
    (
        CasusStatus.AANGEMELD,
        CasusStatus.PLAN,
        CasusStatus.UITVOERING,
        CasusStatus.EVALUATIE,
        CasusStatus.AFGESLOTEN,
    ),
    (15, 25, 30, 15, 15),
)
URGENTIES = ((Urgentie.NORMAAL, Urgentie.HOOG, Urgentie.CRISIS), (60, 30, 10))
VERLOOP = (
    CasusStatus.AANGEMELD,
    CasusStatus.PLAN,
    CasusStatus.UITVOERING,
    CasusStatus.EVALUATIE,
    CasusStatus.AFGESLOTEN,
)
BSN_KANS = 0.6  # share of members with a registered BSN


# --- helpers -----------------------------------------------------------------------------------


def bsn_trekken(rng: random.Random) -> str:
    """A random 9-digit number that passes the 11-proef (fictitious: drawn, not issued)."""
    while True:
        cijfers = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        laatste = sum(c * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
        if laatste < 10:
            return "".join(map(str, cijfers)) + str(laatste)


def _bedrag(rng: random.Random, laag: int, hoog: int) -> Decimal:
    """A euro amount with two decimals, exact (integer cents)."""
    return Decimal(rng.randint(laag * 100, hoog * 100)).scaleb(-2)


def _tijdstip_tussen(rng: random.Random, van: datetime, tot: datetime) -> datetime:
    seconden = max(0, int((tot - van).total_seconds()))
    return van + timedelta(seconds=rng.randint(0, seconden))


@contextmanager
def _eigen_tijdstippen(*modellen: type) -> Iterator[None]:
    """Let bulk_create keep the generated (historic) timestamps of auto_now(_add) fields.

    Django's pre_save would overwrite them with 'now'; switched off here for this command only
    (a single-threaded management command) and always restored.
    """
    velden = [
        (f, f.auto_now, f.auto_now_add)
        for model in modellen
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    try:
        for f, _, _ in velden:
            f.auto_now = f.auto_now_add = False
        yield
    finally:
        for f, auto_now, auto_now_add in velden:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class GenereerFout(Exception):
    pass


@dataclass
class Resultaat:
    gemeente: Gemeente
    gebruiker: Medewerker
    seed: int
    seconden: float = 0.0
    aantallen: Counter = field(default_factory=Counter)
    regio: list[tuple[Gemeente, Medewerker, int]] = field(default_factory=list)


# --- set-up: gemeente and user -----------------------------------------------------------------


def _gemeente(code: str, naam: str) -> Gemeente:
    gemeente = Gemeente.objects.filter(code=code).first()
    if gemeente is None:
        return gemeente_aanmaken(code=code, naam=naam)
    gemeente_inrichten(gemeente)  # idempotent: makes sure defaults and the log chain exist
    return gemeente


def _gebruiker(gemeente: Gemeente, gebruikersnaam: str, wachtwoord: str) -> Medewerker:
    gebruiker = Medewerker.objects.filter(username=gebruikersnaam).first()
    if gebruiker is None:
        gebruiker = Medewerker(
            username=gebruikersnaam,
            first_name="Bench",
            last_name="Regisseur",
            functie="Procesregisseur (synthetisch, voor benchmarks)",
            gemeente=gemeente,
            rollen=[Rol.REGISSEUR.value],
        )
    elif gebruiker.gemeente_id != gemeente.pk:
        raise GenereerFout(
            f"Gebruiker '{gebruikersnaam}' bestaat al in een andere gemeente; kies --gebruiker."
        )
    if Rol.REGISSEUR not in gebruiker.rollen:
        gebruiker.rollen = [*gebruiker.rollen, Rol.REGISSEUR.value]
    gebruiker.is_active = True
    gebruiker.set_password(wachtwoord)
    gebruiker.save()
    return gebruiker


# --- generation --------------------------------------------------------------------------------


@dataclass
class _Batch:
    huishoudens: list[Huishouden] = field(default_factory=list)
    gezinsleden: list[Gezinslid] = field(default_factory=list)
    casussen: list[Casus] = field(default_factory=list)
    statuswijzigingen: list[Statuswijziging] = field(default_factory=list)
    plannen: list[Doorbraakplan] = field(default_factory=list)
    knelpunten: list[Knelpunt] = field(default_factory=list)
    acties: list[Actie] = field(default_factory=list)
    metingen: list[Meting] = field(default_factory=list)
    scores: list[Domeinscore] = field(default_factory=list)
    hulpverleners: list[Hulpverlener] = field(default_factory=list)
    tijdlijn: list[TijdlijnItem] = field(default_factory=list)

    def opslaan(self) -> Counter:
        # Parents before children; every id is set in Python (UUIDs), so no read-backs needed.
        volgorde = (
            ("huishoudens", Huishouden, self.huishoudens),
            ("gezinsleden", Gezinslid, self.gezinsleden),
            ("casussen", Casus, self.casussen),
            ("statuswijzigingen", Statuswijziging, self.statuswijzigingen),
            ("doorbraakplannen", Doorbraakplan, self.plannen),
            ("knelpunten", Knelpunt, self.knelpunten),
            ("acties", Actie, self.acties),
            ("metingen", Meting, self.metingen),
            ("domeinscores", Domeinscore, self.scores),
            ("hulpverleners", Hulpverlener, self.hulpverleners),
            ("tijdlijnitems", TijdlijnItem, self.tijdlijn),
        )
        aantallen: Counter = Counter()
        with transaction.atomic():
            for naam, model, objecten in volgorde:
                if connection.vendor == "postgresql":
                    _kopieer(model, objecten)
                else:
                    model.objects.bulk_create(objecten, batch_size=2000)
                aantallen[naam] += len(objecten)
        aantallen["met BSN"] += sum(1 for lid in self.gezinsleden if lid.bsn_versleuteld)
        return aantallen


# Field types whose Python value psycopg writes as is (a foreign key by its raw id); any other
# field (JSON, the encrypted BSN) goes through Django's get_db_prep_save.
_ALS_IS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.UUIDField,
    models.DateField,  # DateTimeField too
    models.DecimalField,
    models.ForeignKey,
)


def _kopieer(model: type, objecten: Sequence) -> None:
    """Write the objects with COPY … FROM STDIN: the values as Django would save them, without
    building an INSERT; an auto-increment key is left to PostgreSQL. (auto_now fields are
    switched off by `_eigen_tijdstippen`, so no pre_save is needed.)"""
    if not objecten:
        return
    velden = [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and getattr(objecten[0], f.attname) is None)
    ]
    waarden = [
        (f.attname, None if type(f) in _ALS_IS or type(f).__mro__[1] in _ALS_IS else f)
        for f in velden
    ]
    kolommen = ", ".join(connection.ops.quote_name(f.column) for f in velden)
    tabel = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN") as copy,
    ):
        for obj in objecten:
            rij = obj.__dict__
            copy.write_row(
                [
                    rij[naam] if veld is None else veld.get_db_prep_save(rij[naam], connection)
                    for naam, veld in waarden
                ]
            )


class _Generator:
    def __init__(
        self,
        *,
        rng: random.Random,
        gemeente: Gemeente,
        gebruiker: Medewerker,
        doelgroepen: Sequence[Doelgroep],
        leefgebieden: Sequence[Leefgebied],
        bezette_bsn_hashes: set[str],
    ) -> None:
        self.rng = rng
        self.gemeente_id = gemeente.pk
        self.gebruiker = gebruiker
        self.doelgroepen = list(doelgroepen)
        self.leefgebieden = list(leefgebieden)
        self.bezet = bezette_bsn_hashes
        self.nu = timezone.now()
        self.vandaag = timezone.localdate()

    def _uniek_bsn(self) -> tuple[str, str]:
        while True:
            bsn = bsn_trekken(self.rng)
            zoekhash = bsn_bescherming.zoekhash(bsn)
            if zoekhash not in self.bezet:
                self.bezet.add(zoekhash)
                return bsn, zoekhash

    def _gezinslid(
        self, h: Huishouden, voornaam: str, achternaam: str, geboren: date, rol: str
    ) -> Gezinslid:
        lid = Gezinslid(
            gemeente_id=self.gemeente_id,
            huishouden=h,
            voornaam=voornaam,
            achternaam=achternaam,
            geboortedatum=geboren,
            rol=rol,
        )
        if self.rng.random() < BSN_KANS:
            bsn, _ = self._uniek_bsn()
            lid.zet_bsn(bsn)
        return lid

    def _geboren(self, min_jaar: int, max_jaar: int) -> date:
        dagen = self.rng.randint(min_jaar * 365, max_jaar * 365 + 364)
        return self.vandaag - timedelta(days=dagen)

    def huishouden(self, b: _Batch) -> None:
        rng, g = self.rng, self.gemeente_id
        achternaam = rng.choice(ACHTERNAMEN)
        aangemeld = self.nu - timedelta(days=rng.randint(0, 3 * 365), seconds=rng.randint(0, 86399))
        h = Huishouden(
            gemeente_id=g,
            naam=f"Huishouden {achternaam}",
            postcode=f"{rng.randint(1000, 9999)} {rng.choice('ABCEGHJKLMNPRTVWXZ')}"
            f"{rng.choice('ABCEGHJKLMNPRTVWXZ')}",
            aangemaakt_op=aangemeld,
            aangemaakt_door=self.gebruiker,
        )
        b.huishoudens.append(h)

        # Members: one adult, maybe a partner, then children (or now and then a grandparent).
        grootte = rng.choices(*GEZINSGROOTTE)[0]
        ouder_leeftijd = rng.randint(20, 62)
        ouder = self._geboren(ouder_leeftijd, ouder_leeftijd)
        b.gezinsleden.append(
            self._gezinslid(h, rng.choice(VOORNAMEN_VOLWASSEN), achternaam, ouder, "ouder")
        )
        for i in range(1, grootte):
            if i == 1 and rng.random() < 0.55:
                leeftijd = max(18, ouder_leeftijd + rng.randint(-6, 6))
                rol, naam = GezinslidRol.OUDER, rng.choice(VOORNAMEN_VOLWASSEN)
                lid_achternaam = rng.choice((achternaam, rng.choice(ACHTERNAMEN)))
            elif rng.random() < 0.07:
                leeftijd = min(95, ouder_leeftijd + rng.randint(20, 30))
                rol, naam = GezinslidRol.OVERIG, rng.choice(VOORNAMEN_VOLWASSEN)
                lid_achternaam = rng.choice(ACHTERNAMEN)
            else:
                leeftijd = rng.randint(0, max(0, min(21, ouder_leeftijd - 17)))
                rol, naam, lid_achternaam = (
                    GezinslidRol.KIND,
                    rng.choice(VOORNAMEN_KIND),
                    achternaam,
                )
            b.gezinsleden.append(
                self._gezinslid(h, naam, lid_achternaam, self._geboren(leeftijd, leeftijd), rol)
            )

        # The case and how far it got along its lifecycle.
        doelgroep = rng.choice(self.doelgroepen)
        urgentie = rng.choices(*URGENTIES)[0]
        status = rng.choices(*STATUSSEN)[0]
        stappen = VERLOOP[: VERLOOP.index(status) + 1]
        momenten = sorted(
            _tijdstip_tussen(rng, aangemeld, self.nu) for _ in range(len(stappen) - 1)
        )
        c = Casus(
            gemeente_id=g,
            huishouden=h,
            doelgroep=doelgroep,
            aanleiding=rng.choice(AANLEIDINGEN),
            urgentie=urgentie,
            status=status,
            regisseur=self.gebruiker,
            aangemeld_op=aangemeld,
            status_gewijzigd_op=momenten[-1] if momenten else aangemeld,
            afgesloten_op=momenten[-1] if status == CasusStatus.AFGESLOTEN else None,
        )
        b.casussen.append(c)
        tijdlijn = [
            (
                aangemeld,
                TijdlijnSoort.GEBEURTENIS,
                f"Casus aangemeld voor {doelgroep.naam} (urgentie {urgentie}).",
            )
        ]
        for van, naar, op in zip(stappen, stappen[1:], momenten, strict=False):
            b.statuswijzigingen.append(
                Statuswijziging(
                    casus=c, gemeente_id=g, van=van, naar=naar, door=self.gebruiker, op=op
                )
            )
            tekst = f"Status van {CasusStatus(van).label} naar {CasusStatus(naar).label}."
            tijdlijn.append((op, TijdlijnSoort.GEBEURTENIS, tekst))

        # The plan.
        plan = Doorbraakplan(
            casus=c,
            gemeente_id=g,
            situatie=rng.choice(SITUATIES),
            perspectief=rng.choice(PERSPECTIEVEN),
            doorbraak=rng.choice(DOORBRAKEN),
            bijgewerkt_op=_tijdstip_tussen(rng, aangemeld, self.nu),
            bijgewerkt_door=self.gebruiker,
        )
        b.plannen.append(plan)
        for volgorde, (omschrijving, soort, regeling, artikel) in enumerate(
            rng.sample(KNELPUNTEN, rng.randint(1, 4))
        ):
            b.knelpunten.append(
                Knelpunt(
                    plan=plan,
                    gemeente_id=g,
                    omschrijving=omschrijving,
                    soort=soort,
                    regeling=regeling,
                    artikel=artikel,
                    volgorde=volgorde,
                )
            )
        for volgorde, omschrijving in enumerate(rng.sample(ACTIES, rng.randint(1, 6))):
            deadline = aangemeld.date() + timedelta(days=rng.randint(7, 180))
            b.acties.append(
                Actie(
                    plan=plan,
                    gemeente_id=g,
                    omschrijving=omschrijving,
                    eigenaar=rng.choice(EIGENAREN),
                    deadline=deadline,
                    gereed=deadline < self.vandaag and rng.random() < 0.7,
                    volgorde=volgorde,
                )
            )

        # Domain scores: the same domains at each measurement, drifting up over time.
        domeinen = rng.sample(
            self.leefgebieden, rng.randint(min(5, len(self.leefgebieden)), len(self.leefgebieden))
        )
        scores = {lg.pk: rng.choices((1, 2, 3, 4, 5), (20, 30, 25, 15, 10))[0] for lg in domeinen}
        datum = aangemeld.date()
        for _ in range(rng.randint(1, 3)):
            datum = min(self.vandaag, datum + timedelta(days=rng.randint(0, 120)))
            meting = Meting(
                casus=c,
                gemeente_id=g,
                datum=datum,
                door=self.gebruiker,
                aangemaakt_op=min(self.nu, datetime.combine(datum, aangemeld.timetz())),
            )
            b.metingen.append(meting)
            for lg in domeinen:
                b.scores.append(
                    Domeinscore(
                        meting=meting,
                        gemeente_id=g,
                        leefgebied=lg,
                        score=scores[lg.pk],
                        toelichting=rng.choice(TOELICHTINGEN),
                    )
                )
                scores[lg.pk] = min(5, max(1, scores[lg.pk] + rng.choice((-1, 0, 0, 1, 1))))
            tijdlijn.append(
                (
                    meting.aangemaakt_op,
                    TijdlijnSoort.GEBEURTENIS,
                    f"Domeinscores gemeten op {len(domeinen)} leefgebieden.",
                )
            )

        # Helpers around the household, with an estimated yearly cost each.
        for organisatie, rol, laag, hoog in (
            rng.choice(HULPVERLENERS) for _ in range(rng.randint(5, 25))
        ):
            contact = f"{rng.choice(VOORNAMEN_VOLWASSEN)} {rng.choice(ACHTERNAMEN)}"
            b.hulpverleners.append(
                Hulpverlener(
                    casus=c,
                    gemeente_id=g,
                    organisatie=organisatie,
                    rol=rol,
                    contactpersoon=contact,
                    telefoon=f"06-{rng.randint(10_000_000, 99_999_999)}",
                    email=f"{contact.split()[0].lower()}@hulp.example",
                    geschatte_jaarkosten=_bedrag(rng, laag, hoog),
                    aangemaakt_op=_tijdstip_tussen(rng, aangemeld, self.nu),
                )
            )

        # Timeline: the events above plus notes, 2 to 10 items in all.
        tijdlijn = tijdlijn[: rng.randint(2, 10)]
        while len(tijdlijn) < 2 or (len(tijdlijn) < 10 and rng.random() < 0.5):
            tijdlijn.append(
                (
                    _tijdstip_tussen(rng, aangemeld, self.nu),
                    TijdlijnSoort.NOTITIE,
                    rng.choice(NOTITIES),
                )
            )
        for op, soort, tekst in tijdlijn:
            b.tijdlijn.append(
                TijdlijnItem(
                    casus=c, gemeente_id=g, soort=soort, tekst=tekst, door=self.gebruiker, op=op
                )
            )


def regiocodes(gemeente_code: str, gemeenten: int) -> list[str]:
    """The CBS-like codes of a generated region: the given code and the ones below it."""
    if gemeenten == 1:
        return [gemeente_code]
    cijfers = gemeente_code[2:]
    if not (len(gemeente_code) == 6 and gemeente_code.startswith("GM") and cijfers.isdigit()):
        raise GenereerFout("Voor meer gemeenten is de code van de vorm GM0000.")
    nummer = int(gemeente_code[2:])
    if nummer - gemeenten + 1 < 1:
        raise GenereerFout(f"Onder {gemeente_code} passen geen {gemeenten} gemeenten.")
    return [f"GM{nummer - i:04d}" for i in range(gemeenten)]


def _genereer_gemeente(
    gemeente_id: object,
    gebruiker_id: object,
    huishoudens: int,
    seed: int,
    batch: int,
    voortgang: Callable[[int], None] | None = None,
) -> Counter:
    rng = random.Random(seed)  # noqa: S311 (reproducible synthetic data, not secrets)
    gemeente = Gemeente.objects.get(pk=gemeente_id)
    gebruiker = Medewerker.objects.get(pk=gebruiker_id)
    doelgroepen = list(Doelgroep.objects.filter(gemeente=gemeente, actief=True).order_by("code"))
    leefgebieden = list(
        Leefgebied.objects.filter(gemeente=gemeente, actief=True).order_by("volgorde", "code")
    )
    if not doelgroepen or not leefgebieden:
        raise GenereerFout("De gemeente heeft geen actieve doelgroepen of leefgebieden.")
    bezet = set(
        Gezinslid.objects.filter(gemeente=gemeente)
        .exclude(bsn_zoekhash="")
        .values_list("bsn_zoekhash", flat=True)
    )
    generator = _Generator(
        rng=rng,
        gemeente=gemeente,
        gebruiker=gebruiker,
        doelgroepen=doelgroepen,
        leefgebieden=leefgebieden,
        bezette_bsn_hashes=bezet,
    )
    aantallen: Counter = Counter()
    gedaan = 0
    with _eigen_tijdstippen(
        Huishouden, Casus, Statuswijziging, Doorbraakplan, Meting, Hulpverlener, TijdlijnItem
    ):
        while gedaan < huishoudens:
            b = _Batch()
            for _ in range(min(batch, huishoudens - gedaan)):
                generator.huishouden(b)
            aantallen.update(b.opslaan())
            gedaan += len(b.huishoudens)
            if voortgang:
                voortgang(len(b.huishoudens))
    return aantallen


def _in_proces(taak: tuple) -> tuple[int, Counter]:
    """A forked worker generates one gemeente on its own database connection."""
    try:
        return taak[2], _genereer_gemeente(*taak)
    finally:
        connections.close_all()


def genereer(
    *,
    huishoudens: int,
    gemeente_code: str = STANDAARD_GEMEENTECODE,
    gemeente_naam: str = STANDAARD_GEMEENTENAAM,
    gebruikersnaam: str = STANDAARD_GEBRUIKER,
    wachtwoord: str = STANDAARD_WACHTWOORD,
    seed: int | None = None,
    batch: int = BATCH,
    gemeenten: int = 1,
    processen: int = 1,
    voortgang: Callable[[int, float], None] | None = None,
) -> Resultaat:
    """Add `huishoudens` synthetic households, each with one case file, spread evenly over
    `gemeenten` gemeenten (the given code and the codes below it; the users are
    `gebruikersnaam`, then `gebruikersnaam-02` …, all with the same password).

    Running it again adds more households (gemeenten and users are reused). Not logged in the
    processing log: the data is synthetic. With `processen` > 1 (PostgreSQL) the gemeenten are
    generated in that many forked processes at once.
    """
    if huishoudens < 0:
        raise GenereerFout("Het aantal huishoudens kan niet negatief zijn.")
    if batch < 1:
        raise GenereerFout("De batchgrootte is minstens 1.")
    if gemeenten < 1 or processen < 1:
        raise GenereerFout("Het aantal gemeenten en processen is minstens 1.")
    begin = time.perf_counter()
    seed = random.SystemRandom().randrange(2**31) if seed is None else seed
    taken = []
    for i, code in enumerate(regiocodes(gemeente_code, gemeenten)):
        gemeente = _gemeente(code, gemeente_naam if i == 0 else f"{gemeente_naam} {i + 1}")
        naam = gebruikersnaam if i == 0 else f"{gebruikersnaam}-{i + 1:02d}"
        gebruiker = _gebruiker(gemeente, naam, wachtwoord)
        aantal = huishoudens // gemeenten + (1 if i < huishoudens % gemeenten else 0)
        taken.append((gemeente, gebruiker, aantal, seed + i))
    resultaat = Resultaat(gemeente=taken[0][0], gebruiker=taken[0][1], seed=seed)
    resultaat.regio = [(g, u, n) for g, u, n, _ in taken]
    gedaan = 0

    def bij(aantal: int) -> None:
        nonlocal gedaan
        gedaan += aantal
        if voortgang:
            voortgang(gedaan, time.perf_counter() - begin)

    opdrachten = [(g.pk, u.pk, n, s, batch) for g, u, n, s in taken]
    if processen > 1 and len(opdrachten) > 1 and connection.vendor == "postgresql":
        import multiprocessing

        connections.close_all()  # a forked child must not share the parent's connection
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(min(processen, len(opdrachten))) as pool:
            for aantal, aantallen in pool.imap_unordered(_in_proces, opdrachten):
                resultaat.aantallen.update(aantallen)
                bij(aantal)
    else:
        for opdracht in opdrachten:
            resultaat.aantallen.update(_genereer_gemeente(*opdracht, voortgang=bij))
    resultaat.seconden = time.perf_counter() - begin
    return resultaat
