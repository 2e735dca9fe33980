"""Demo tables: a Regieteam and an Overleg Passende Hulp with members from partner organisations,
a past meeting with a verslag, and coming meetings with cases on the agenda (seeds 000, 002, 004).

Everything goes through the services, as the chair and the regisseurs would enter it.
"""

from datetime import date, timedelta

from django.utils import timezone

from doorbraak.casussen.models import Casus
from doorbraak.organisaties.models import Medewerker, Rol
from doorbraak.overleg import services
from doorbraak.overleg.models import Bijeenkomst

# gebruikersnaam, voornaam, achternaam, organisatie, functie, domein
PARTNERS = (
    ("corporatie", "Karin", "Bos", "Woonstichting Peelland", "Consulent wonen", "wonen"),
    ("ggz", "Mehmet", "Yilmaz", "GGZ Oost-Brabant", "FACT-teamlid", "GGZ"),
)


def _partner(gemeente_id, gebruikersnaam, voornaam, achternaam, organisatie, functie, wachtwoord):
    medewerker = Medewerker(
        username=gebruikersnaam,
        first_name=voornaam,
        last_name=achternaam,
        email=f"{gebruikersnaam}@partner.demo.invalid",
        gemeente_id=gemeente_id,
        functie=functie,
        organisatie=organisatie,
        rollen=[Rol.PARTNER],
    )
    medewerker.set_password(wachtwoord)
    medewerker.full_clean()
    medewerker.save()
    return medewerker


def overleggen_voor_demo(
    *, gebruikers: dict[str, Medewerker], casussen: dict[str, Casus], wachtwoord: str
) -> dict[str, Medewerker]:
    """Load the demo tables; returns the partner users it created."""
    manager, regisseur, coach = gebruikers["manager"], gebruikers["regisseur"], gebruikers["coach"]
    partners = {p[0]: _partner(regisseur.gemeente_id, *p[:5], wachtwoord) for p in PARTNERS}
    vandaag = timezone.localdate()

    regieteam = services.overleg_aanmaken(
        door=manager,
        naam="Regieteam Centrum",
        soort="regieteam",
        doelgroep_code="mph",
        voorzitter=regisseur,
        ritme="Wekelijks op dinsdagochtend",
    )
    passende_hulp = services.overleg_aanmaken(
        door=manager,
        naam="Overleg Passende Hulp",
        soort="passende_hulp",
        doelgroep_code="passende_hulp",
        voorzitter=gebruikers["teammanager"],
        ritme="Tweewekelijks op donderdag",
    )
    services.overleg_aanmaken(
        door=manager,
        naam="Zorg- en Veiligheidshuis (AVE)",
        soort="veiligheidshuis",
        ritme="Op afroep",
        venster_dagen_voor=2,
        venster_dagen_na=2,
    )
    for tafel, voorzitter in ((regieteam, regisseur), (passende_hulp, gebruikers["teammanager"])):
        for naam, _voornaam, _achternaam, organisatie, _functie, domein in PARTNERS:
            services.lid_toevoegen(
                door=voorzitter,
                overleg_id=tafel.pk,
                medewerker=partners[naam],
                organisatie=organisatie,
                domein=domein,
            )
    services.lid_toevoegen(
        door=regisseur,
        overleg_id=regieteam.pk,
        medewerker=gebruikers["collega"],
        organisatie="Gemeente Peelstad",
        domein="Wmo en schuldhulp",
    )

    # A past Regieteam meeting with a decision and its verslag.
    grootouders = casussen["Grootouders Van der Heijden"]
    services.deelgrondslag_vastleggen(
        door=regisseur,
        casus_id=grootouders.pk,
        soort="toestemming",
        toestemming_datum=vandaag - timedelta(days=20),
        reikwijdte="Bespreking in het Regieteam Centrum met woningcorporatie en GGZ.",
        overleg_id=regieteam.pk,
        categorieen=["wonen", "financien", "kinderen"],
    )
    geweest = services.bijeenkomst_plannen(
        door=regisseur, overleg_id=regieteam.pk, datum=vandaag + timedelta(days=1)
    )
    punt = services.agendapunt_toevoegen(
        door=regisseur,
        bijeenkomst_id=geweest.pk,
        casus_id=grootouders.pk,
        vraag="Daan woont bij zijn grootouders zonder pleegzorgvergoeding; wie regelt dat?",
    )
    services.besluit_vastleggen(
        door=regisseur,
        agendapunt_id=punt.pk,
        conclusie="Netwerkpleegzorg aanvragen; tot dan overbrugt het doorbraakbudget de kosten.",
        afspraken=[
            services.AfspraakInvoer(
                "Aanvraag netwerkpleegzorg bij de jeugdzorgaanbieder indienen",
                "Ilse Verbeek (regisseur)",
                vandaag + timedelta(days=10),
            ),
            services.AfspraakInvoer(
                "Huurachterstand bevriezen tot de vergoeding loopt",
                "Woonstichting Peelland",
                vandaag + timedelta(days=14),
            ),
        ],
    )
    services.aanwezigheid_vastleggen(
        door=regisseur,
        bijeenkomst_id=geweest.pk,
        aanwezigen=[regisseur.pk, gebruikers["collega"].pk, *(p.pk for p in partners.values())],
    )
    services.verslag_opstellen(door=regisseur, bijeenkomst_id=geweest.pk)
    # Demo only: move the meeting into the past (the services refuse agendas of past meetings).
    Bijeenkomst.objects.filter(pk=geweest.pk).update(datum=vandaag - timedelta(days=4))

    # The coming Regieteam meeting: the open afspraken come back, plus a new case.
    komend = services.bijeenkomst_plannen(
        door=regisseur, overleg_id=regieteam.pk, datum=_werkdag(vandaag + timedelta(days=3))
    )
    peeters = services.agendapunt_toevoegen(
        door=regisseur,
        bijeenkomst_id=komend.pk,
        casus_id=casussen["Gezin Peeters"].pk,
        vraag="Beslag op het loon blokkeert de schuldregeling; kan de tafel de schuldeisers "
        "samen aan tafel krijgen?",
    )
    # What each partner gets to read (no ground recorded: masked, and no health facts at all).
    services.briefdelen_vastleggen(
        door=regisseur,
        agendapunt_id=peeters.pk,
        organisatie="Woonstichting Peelland",
        teksten={
            "wonen": "Schade aan de woning; herstel is nodig voordat het gezin verder kan.",
            "financien": "Er loopt beslag op het loon; de herstelrekening is nog open.",
        },
    )
    services.briefdelen_vastleggen(
        door=regisseur,
        agendapunt_id=peeters.pk,
        organisatie="GGZ Oost-Brabant",
        teksten={
            "gezondheid": "Vader is in behandeling; afstemming met de behandelaar is gewenst.",
        },
    )

    # The coming Overleg Passende Hulp: one case escalated to it, two cases on its agenda.
    de_wit = casussen["Huishouden De Wit"]
    services.casus_escaleren(
        door=coach,
        casus_id=de_wit.pk,
        naar_overleg_id=passende_hulp.pk,
        reden="Geen passende woonplek met begeleiding; het doorbraakteam komt er niet uit.",
        urgentie="hoog",
    )
    oph = services.bijeenkomst_plannen(
        door=gebruikers["teammanager"],
        overleg_id=passende_hulp.pk,
        datum=_werkdag(vandaag + timedelta(days=5)),
    )
    services.agendapunt_toevoegen(
        door=coach,
        bijeenkomst_id=oph.pk,
        casus_id=de_wit.pk,
        vraag="Welke aanbieder kan binnen vier weken beschermd wonen bieden?",
    )
    services.agendapunt_toevoegen(
        door=coach,
        bijeenkomst_id=oph.pk,
        casus_id=casussen["Huishouden Bakker"].pk,
        vraag="Kan de GGZ de wachtlijst doorbreken voor een eerste gesprek?",
    )
    return partners


def _werkdag(datum: date) -> date:
    while datum.weekday() >= 5:
        datum += timedelta(days=1)
    return datum
