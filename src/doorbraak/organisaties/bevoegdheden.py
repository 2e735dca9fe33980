"""Who may do what: one table of role × action × scope, read by the gate before every view
(`organisaties.toegangspoort`), by the case checks (`casussen.toegang`) and by the test that
calls every route of the URL configuration with every role
(`organisaties/tests/test_bevoegdheden_matrix.py`).

ACTIES names each action with the roles that may do it and the scope it is limited to (the
scope is enforced by the selectors: the gemeente always, the team where the gemeente switches
that on, a partner's own tables within the meeting window). ROUTES maps every route and HTTP
method to its action; a route that is not in ROUTES (or under a PREFIXEN entry) fails the test.
"""

from dataclasses import dataclass

from doorbraak.organisaties.models import Rol

ANONIEM = "anoniem"  # nobody signed in: only the public pages
R = Rol
INGELOGD = frozenset(Rol.values)
IEDEREEN = INGELOGD | {ANONIEM}
CASUSROLLEN = frozenset({R.REGISSEUR, R.COLLEGA, R.MANAGER})


@dataclass(frozen=True)
class Actie:
    rollen: frozenset[str]
    scope: str
    omschrijving: str
    open_in_demo: bool = False  # anonymous too, in demo mode only
    # The service checks more (mandate, requester, the chair of a table): a role from the table
    # may still be refused for a given object.
    fijner: bool = False


GEMEENTE = "eigen gemeente"
CASUSSCOPE = "eigen gemeente; eigen team en regie waar de gemeente dat instelt"

ACTIES: dict[str, Actie] = {
    "publiek": Actie(IEDEREEN, "—", "Inloggen, toegankelijkheid, taal, gezondheid."),
    "ingelogd": Actie(
        INGELOGD,
        GEMEENTE,
        "Eigen gegevens, doelgroepen, leefgebieden, regelingen, kengetallen, fondsen en "
        "budgetten (cijfers zonder persoonsgegevens), tweede factor.",
    ),
    "api.documentatie": Actie(
        INGELOGD, "—", "Het OpenAPI-document en de viewers; in demo-modus open.", True
    ),
    "casusdossier.lezen": Actie(
        CASUSROLLEN,
        CASUSSCOPE,
        "Huishoudens en casusdossiers lezen (plan, scores, tijdlijn, regelchecks, MKBA, "
        "hulpverleners, grondslagen, escalaties), zoeken op BSN.",
    ),
    "casus.werken": Actie(
        frozenset({R.REGISSEUR, R.MANAGER}),
        CASUSSCOPE,
        "Huishoudens en casussen registreren en wijzigen, plan, scores, hulpverleners, "
        "voorliggend-check, MKBA, agenderen, grondslagen, escaleren; niet in een afgesloten casus.",
    ),
    "casus.notitie": Actie(
        CASUSROLLEN, CASUSSCOPE, "Een notitie op de tijdlijn; niet in een afgesloten casus."
    ),
    "geld.lezen": Actie(
        CASUSROLLEN | {R.FINANCIEN},
        GEMEENTE,
        "Aanvragen en leningen lezen: financiën ziet het geld, niet het casusdossier.",
    ),
    "aanvraag.route": Actie(
        frozenset({R.REGISSEUR, R.COLLEGA, R.MANAGER}),
        "eigen gemeente; mandaat per fonds, doelgroep en bedrag",
        "Aanvragen, indienen, meekijken, go of afwijzing: wie precies, bepalen de mandaten en "
        "de route van het fonds (4-ogen, drie personen in de regeling).",
        fijner=True,
    ),
    "aanvraag.stap": Actie(
        CASUSROLLEN | {R.FINANCIEN},
        "eigen gemeente; per stap: indienen of intrekken (aanvrager), meekijken, besluiten "
        "(mandaat), betalen, aflossen, afschrijven (financiën), vrijgeven (financiën, manager)",
        "Een stap van een aanvraag in het scherm.",
        fijner=True,
    ),
    "geld.boeken": Actie(
        frozenset({R.FINANCIEN}),
        GEMEENTE,
        "Budgetten, bijdragen, betalingen, aflossingen, afschrijvingen, periode afsluiten, "
        "betaalopdrachten (SEPA).",
    ),
    "toezegging.vrijgeven": Actie(
        frozenset({R.FINANCIEN, R.MANAGER}), GEMEENTE, "Een toezegging vrijgeven.", fijner=True
    ),
    "sturing.lezen": Actie(
        frozenset({R.MANAGER, R.FINANCIEN, R.BELEID}),
        GEMEENTE,
        "Rapportages (geaggregeerd), budgetoverzicht, bestedingsplannen, signalen.",
    ),
    "bestedingsplan.maken": Actie(
        frozenset({R.FINANCIEN, R.BELEID}), GEMEENTE, "Een bestedingsplan vastleggen."
    ),
    "beleid": Actie(
        frozenset({R.BELEID}),
        GEMEENTE,
        "Kengetallen beheren en hun wijzigingen lezen, signalen melden.",
    ),
    "privacy": Actie(
        frozenset({R.PRIVACY}), GEMEENTE, "Het verwerkingenlogboek van een huishouden inzien."
    ),
    "overleg.lezen": Actie(
        CASUSROLLEN | {R.PARTNER},
        "eigen gemeente; een partner alleen de eigen tafels, binnen het venster van de "
        "bijeenkomst en op grondslag (need-to-know)",
        "Overleggen, bijeenkomsten, agenda, casusbrief, verslag.",
    ),
    "overleg.voeren": Actie(
        CASUSROLLEN | {R.PARTNER},
        "de voorzitter van de tafel (of een manager) beslist en notuleert",
        "Bijeenkomsten plannen, agenda, aanwezigen, verslag, besluiten.",
        fijner=True,
    ),
    "overleg.inrichten": Actie(
        frozenset({R.MANAGER, R.BEHEER}),
        GEMEENTE,
        "Een tafel inrichten en leden toevoegen (leden: de voorzitter of een manager).",
        fijner=True,
    ),
    "beheer": Actie(
        frozenset({R.BEHEER}),
        "eigen gemeente; rollen, mandaten en routes pas na een tweede beheerder",
        "Functioneel beheer (Django-admin).",
    ),
    "platformbeheer": Actie(
        frozenset(),
        "de platformbeheerder (superuser), geen gemeenterol",
        "Gemeenten aanmaken, regio's, groepen, tokens, blokkades, TOTP-apparaten.",
    ),
}


def rollen(actie: str) -> frozenset[str]:
    return ACTIES[actie].rollen


# Every route of the URL configuration: method → action.
G, P = "GET", "POST"
ROUTES: dict[str, dict[str, str]] = {
    # API
    "api/v1/openapi.json": {G: "api.documentatie"},
    "api/v1/docs": {G: "api.documentatie"},
    "api/v1/redoc": {G: "api.documentatie"},
    "api/v1/auth/tokens": {P: "publiek"},
    "api/v1/auth/tokens/huidig": {"DELETE": "ingelogd"},
    "api/v1/medewerkers/mij": {G: "ingelogd"},
    "api/v1/doelgroepen": {G: "ingelogd"},
    "api/v1/domeinen": {G: "ingelogd"},
    "api/v1/huishoudens": {P: "casus.werken"},
    "api/v1/huishoudens/zoekopdrachten": {P: "casusdossier.lezen"},
    "api/v1/huishoudens/<uuid:huishouden_id>": {G: "casusdossier.lezen", "PATCH": "casus.werken"},
    "api/v1/huishoudens/<uuid:huishouden_id>/gezinsleden": {P: "casus.werken"},
    "api/v1/huishoudens/<uuid:huishouden_id>/verwerkingen": {G: "privacy"},
    "api/v1/casussen": {G: "casusdossier.lezen", P: "casus.werken"},
    "api/v1/casussen/<uuid:casus_id>": {G: "casusdossier.lezen", "PATCH": "casus.werken"},
    "api/v1/casussen/<uuid:casus_id>/domeinscores": {
        G: "casusdossier.lezen",
        "PUT": "casus.werken",
    },
    "api/v1/casussen/<uuid:casus_id>/doorbraakplan": {
        G: "casusdossier.lezen",
        "PUT": "casus.werken",
    },
    "api/v1/casussen/<uuid:casus_id>/hulpverleners": {G: "casusdossier.lezen", P: "casus.werken"},
    "api/v1/casussen/<uuid:casus_id>/hulpverleners/<uuid:hulpverlener_id>": {
        "PUT": "casus.werken",
        "DELETE": "casus.werken",
    },
    "api/v1/casussen/<uuid:casus_id>/tijdlijn": {G: "casusdossier.lezen", P: "casus.notitie"},
    "api/v1/regelingen": {G: "ingelogd"},
    "api/v1/casussen/<uuid:casus_id>/regelchecks": {G: "casusdossier.lezen", P: "casus.werken"},
    "api/v1/casussen/<uuid:casus_id>/regelchecks/<uuid:regelcheck_id>": {G: "casusdossier.lezen"},
    "api/v1/casussen/<uuid:casus_id>/regelchecks/<uuid:regelcheck_id>/knelpunten": {
        P: "casus.werken"
    },
    "api/v1/kengetallen": {G: "ingelogd"},
    "api/v1/kengetallen/<slug:code>": {G: "ingelogd", "PUT": "beleid", "DELETE": "beleid"},
    "api/v1/kengetalwijzigingen": {G: "beleid"},
    "api/v1/rekeninstellingen": {G: "ingelogd"},
    "api/v1/casussen/<uuid:casus_id>/mkbas": {G: "casusdossier.lezen", P: "casus.werken"},
    "api/v1/casussen/<uuid:casus_id>/mkbas/hulpverlenersregels": {G: "casusdossier.lezen"},
    "api/v1/casussen/<uuid:casus_id>/mkbas/<uuid:mkba_id>": {G: "casusdossier.lezen"},
    "api/v1/rapportages/knelpunten": {G: "sturing.lezen"},
    "api/v1/rapportages/verantwoording": {G: "sturing.lezen"},
    "api/v1/rapportages/evaluatie": {G: "sturing.lezen"},
    "api/v1/overleggen": {G: "overleg.lezen", P: "overleg.inrichten"},
    "api/v1/overleggen/<uuid:overleg_id>": {G: "overleg.lezen"},
    "api/v1/bijeenkomsten": {G: "overleg.lezen", P: "overleg.voeren"},
    "api/v1/bijeenkomsten/<uuid:bijeenkomst_id>": {G: "overleg.lezen", "PATCH": "overleg.voeren"},
    "api/v1/bijeenkomsten/<uuid:bijeenkomst_id>/volgorde": {"PUT": "overleg.voeren"},
    "api/v1/bijeenkomsten/<uuid:bijeenkomst_id>/verslag": {P: "overleg.voeren"},
    "api/v1/agendapunten": {G: "overleg.lezen", P: "casus.werken"},
    "api/v1/agendapunten/<uuid:agendapunt_id>": {G: "overleg.lezen"},
    "api/v1/agendapunten/<uuid:agendapunt_id>/casusbrief": {G: "overleg.lezen"},
    "api/v1/agendapunten/<uuid:agendapunt_id>/besluit": {P: "overleg.voeren"},
    "api/v1/casussen/<uuid:casus_id>/deelgrondslagen": {G: "casusdossier.lezen", P: "casus.werken"},
    "api/v1/casussen/<uuid:casus_id>/deelgrondslagen/<uuid:grondslag_id>": {
        "DELETE": "casus.werken"
    },
    "api/v1/casussen/<uuid:casus_id>/escalaties": {G: "casusdossier.lezen", P: "casus.werken"},
    "api/v1/aanvragen": {G: "geld.lezen", P: "aanvraag.route"},
    "api/v1/aanvragen/<uuid:aanvraag_id>": {G: "geld.lezen"},
    "api/v1/aanvragen/<uuid:aanvraag_id>/indieningen": {P: "aanvraag.route"},
    "api/v1/aanvragen/<uuid:aanvraag_id>/beoordelingen": {P: "aanvraag.route"},
    "api/v1/aanvragen/<uuid:aanvraag_id>/besluiten": {P: "aanvraag.route"},
    "api/v1/aanvragen/<uuid:aanvraag_id>/betalingen": {P: "geld.boeken"},
    "api/v1/aanvragen/<uuid:aanvraag_id>/vrijvallen": {P: "toezegging.vrijgeven"},
    "api/v1/leningen/<uuid:lening_id>": {G: "geld.lezen"},
    "api/v1/leningen/<uuid:lening_id>/aflossingen": {P: "geld.boeken"},
    "api/v1/leningen/<uuid:lening_id>/afschrijvingen": {P: "geld.boeken"},
    "api/v1/fondsen": {G: "ingelogd"},
    "api/v1/bestedingsplannen": {G: "sturing.lezen", P: "bestedingsplan.maken"},
    "api/v1/bestedingsplannen/<uuid:plan_id>": {G: "sturing.lezen"},
    "api/v1/budgetten": {G: "ingelogd", P: "geld.boeken"},
    "api/v1/budgetten/<uuid:budget_id>/bijdragen": {P: "geld.boeken"},
    "api/v1/perioden/<uuid:periode_id>/afsluitingen": {P: "geld.boeken"},
    "api/v1/betaalopdrachten": {G: "geld.boeken"},
    "api/v1/betaalopdrachten/pain001": {P: "geld.boeken"},
    # Web
    "gezondheid": {G: "publiek"},
    "oidc/authenticate/": {G: "publiek"},
    "oidc/callback/": {G: "publiek"},
    "": {G: "ingelogd"},
    "inloggen": {G: "publiek", P: "publiek"},
    "uitloggen": {P: "publiek"},
    "tweede-factor": {G: "ingelogd", P: "ingelogd"},
    "tweede-factor/instellen": {G: "ingelogd", P: "ingelogd"},
    "taal/setlang/": {P: "publiek"},
    "toegankelijkheid": {G: "publiek"},
    "casussen": {G: "casusdossier.lezen"},
    "casussen/nieuw": {G: "casus.werken", P: "casus.werken"},
    "casussen/<uuid:casus_id>": {G: "casusdossier.lezen"},
    "casussen/<uuid:casus_id>/status": {P: "casus.werken"},
    "casussen/<uuid:casus_id>/hulpverleners": {P: "casus.werken"},
    "casussen/<uuid:casus_id>/hulpverleners/<uuid:hulpverlener_id>/verwijderen": {
        P: "casus.werken"
    },
    "casussen/<uuid:casus_id>/notities": {P: "casus.notitie"},
    "casussen/<uuid:casus_id>/plan": {G: "casus.werken", P: "casus.werken"},
    "casussen/<uuid:casus_id>/domeinscores": {G: "casus.werken", P: "casus.werken"},
    "casussen/<uuid:casus_id>/voorliggend": {G: "casusdossier.lezen", P: "casus.werken"},
    "casussen/<uuid:casus_id>/voorliggend/<uuid:regelcheck_id>/knelpunt": {P: "casus.werken"},
    "kennisbank": {G: "ingelogd"},
    "casussen/<uuid:casus_id>/kosten-en-baten": {G: "casusdossier.lezen"},
    "casussen/<uuid:casus_id>/kosten-en-baten/berekenen": {G: "casus.werken", P: "casus.werken"},
    "casussen/<uuid:casus_id>/kosten-en-baten/pdf": {G: "casusdossier.lezen"},
    "kengetallen": {G: "ingelogd"},
    "kengetallen/nieuw": {G: "beleid", P: "beleid"},
    "kengetallen/<slug:code>": {G: "beleid", P: "beleid"},
    "kengetallen/<slug:code>/herstellen": {P: "beleid"},
    "rapportages": {G: "sturing.lezen"},
    "rapportages/knelpunten": {G: "sturing.lezen"},
    "rapportages/evaluatie": {G: "sturing.lezen"},
    "rapportages/verantwoording": {G: "sturing.lezen"},
    "bestedingsplannen": {G: "sturing.lezen", P: "bestedingsplan.maken"},
    "bestedingsplannen/<uuid:plan_id>": {G: "sturing.lezen"},
    "signalen": {G: "sturing.lezen"},
    "signalen/nieuw": {G: "beleid", P: "beleid"},
    "signalen/<uuid:signaal_id>": {G: "sturing.lezen", P: "beleid"},
    "casussen/<uuid:casus_id>/overleg": {G: "casusdossier.lezen"},
    "casussen/<uuid:casus_id>/overleg/agenderen": {P: "casus.werken"},
    "casussen/<uuid:casus_id>/overleg/grondslag": {P: "casus.werken"},
    "casussen/<uuid:casus_id>/overleg/grondslag/<uuid:grondslag_id>/intrekken": {P: "casus.werken"},
    "casussen/<uuid:casus_id>/overleg/escaleren": {P: "casus.werken"},
    "casussen/<uuid:casus_id>/overleg/afschalen": {P: "casus.werken"},
    "overleggen": {G: "overleg.lezen"},
    "overleggen/nieuw": {G: "overleg.inrichten", P: "overleg.inrichten"},
    "overleggen/<uuid:overleg_id>/leden": {P: "overleg.inrichten"},
    "overleggen/<uuid:overleg_id>": {G: "overleg.lezen", P: "overleg.voeren"},
    "bijeenkomsten/<uuid:bijeenkomst_id>": {G: "overleg.lezen", P: "overleg.voeren"},
    "bijeenkomsten/<uuid:bijeenkomst_id>/aanwezigen": {P: "overleg.voeren"},
    "bijeenkomsten/<uuid:bijeenkomst_id>/meenemen": {P: "overleg.voeren"},
    "bijeenkomsten/<uuid:bijeenkomst_id>/verslag": {P: "overleg.voeren"},
    "bijeenkomsten/<uuid:bijeenkomst_id>/verslag/pdf": {G: "overleg.lezen"},
    "agendapunten/<uuid:agendapunt_id>": {G: "overleg.lezen", P: "overleg.voeren"},
    "agendapunten/<uuid:agendapunt_id>/verplaatsen": {P: "overleg.voeren"},
    "formulier/rij/<slug:soort>": {G: "casus.werken"},
    "casussen/<uuid:casus_id>/aanvragen/nieuw": {G: "casusdossier.lezen", P: "aanvraag.route"},
    "aanvragen": {G: "geld.lezen"},
    "aanvragen/<uuid:aanvraag_id>": {G: "geld.lezen"},
    "aanvragen/<uuid:aanvraag_id>/<slug:stap>": {P: "aanvraag.stap"},
    "budget": {G: "sturing.lezen"},
    "privacy": {G: "privacy", P: "privacy"},
    "privacy/huishoudens/<uuid:huishouden_id>/verwerkingen": {G: "privacy"},
    "gemeente/logo": {G: "ingelogd"},
}

# Routes of the privacy, MKBA, case-conference and operations work (issues 14, 15, 16).
ACTIES["gezinslid.corrigeren"] = Actie(
    frozenset({R.REGISSEUR, R.MANAGER, R.PRIVACY}),
    CASUSSCOPE,
    "De gegevens van een gezinslid corrigeren (AVG art. 16), met historie.",
)
ACTIES["wachtrij.beheren"] = Actie(
    frozenset({R.BEHEER}),
    "eigen gemeente en systeemtaken",
    "Mislukte achtergrondtaken inzien, opnieuw proberen of verwerpen.",
)
ACTIES["metrieken"] = Actie(
    IEDEREEN, "—", "Prometheus-metrieken: alleen met het token uit de omgeving, anders 404."
)
ROUTES.update(
    {
        "api/v1/casussen/<uuid:casus_id>/nametingen": {
            G: "casusdossier.lezen",
            P: "casus.werken",
        },
        "api/v1/agendapunten/<uuid:agendapunt_id>/briefdelen": {
            G: "casusdossier.lezen",
            "PUT": "casus.werken",
        },
        "api/v1/casussen/zoekopdrachten": {P: "casusdossier.lezen"},
        "api/v1/huishoudens/<uuid:huishouden_id>/inzage": {G: "privacy"},
        "api/v1/huishoudens/<uuid:huishouden_id>/gezinsleden/<uuid:gezinslid_id>/correcties": {
            P: "gezinslid.corrigeren"
        },
        "gezondheid/leeft": {G: "publiek"},
        "metrics": {G: "metrieken"},
        "casussen/<uuid:casus_id>/kosten-en-baten/nameting": {G: "casus.werken", P: "casus.werken"},
        "rapportages/pdf-maken": {P: "sturing.lezen"},
        "rapportages/bestanden": {G: "sturing.lezen"},
        "rapportages/bestanden/<uuid:export_id>": {G: "sturing.lezen"},
        "agendapunten/<uuid:agendapunt_id>/voorbeeld": {G: "casus.werken", P: "casus.werken"},
        "achtergrondtaken": {G: "wachtrij.beheren"},
        "achtergrondtaken/<slug:task_id>/opnieuw": {P: "wachtrij.beheren"},
        "achtergrondtaken/<slug:task_id>/verwerpen": {P: "wachtrij.beheren"},
        "casussen/zoeken-op-bsn": {P: "casusdossier.lezen"},
        "privacy/huishoudens/<uuid:huishouden_id>/inzage": {G: "privacy"},
        "casussen/<uuid:casus_id>/gezinsleden/<uuid:gezinslid_id>/corrigeren": {
            G: "gezinslid.corrigeren",
            P: "gezinslid.corrigeren",
        },
    }
)

# Mijn taken, e-mailmeldingen and the team view (issue 17).
ACTIES["taken.lezen"] = Actie(
    CASUSROLLEN | {R.FINANCIEN, R.PARTNER, R.BEHEER},
    "eigen gemeente; per lijst de scope van de pagina waar de taak wordt gedaan",
    "Mijn taken: wat op deze medewerker wacht, met de aantallen in het menu.",
)
ACTIES["sturing.team"] = Actie(
    frozenset({R.MANAGER}),
    CASUSSCOPE,
    "Teamoverzicht: caseload per regisseur, doorlooptijden, verlopen acties per team.",
)
ROUTES.update(
    {
        "mijn-taken": {G: "taken.lezen"},
        "mijn-taken/teller": {G: "ingelogd"},
        "meldingen": {G: "ingelogd", P: "ingelogd"},
        "teamoverzicht": {G: "sturing.team"},
    }
)

# Precedents (issue 18): anonymised earlier decisions; publishing to the region by the privacy
# officer after a privacy check.
ACTIES["precedenten.lezen"] = Actie(
    CASUSROLLEN | {R.BELEID, R.PRIVACY},
    "eigen gemeente, en wat andere gemeenten van de regio publiceerden",
    "Precedenten zoeken en inzien (geanonimiseerd), vergelijkbare doorbraken bij een casus.",
)
ACTIES["precedenten.publiceren"] = Actie(
    frozenset({R.PRIVACY}),
    GEMEENTE,
    "De precedenten van de gemeente in de regio publiceren (na een privacytoets) of intrekken.",
)
ROUTES.update(
    {
        "api/v1/precedenten": {G: "precedenten.lezen"},
        "api/v1/precedenten/<uuid:precedent_id>": {G: "precedenten.lezen"},
        "api/v1/casussen/<uuid:casus_id>/vergelijkbaar": {G: "casusdossier.lezen"},
        "precedenten": {G: "precedenten.lezen"},
        "precedenten/csv": {G: "precedenten.lezen"},
        "precedenten/<uuid:precedent_id>": {G: "precedenten.lezen"},
        "precedenten/regio": {G: "precedenten.publiceren", P: "precedenten.publiceren"},
    }
)

# Finance in the screens and concepts that can be corrected (issue 17).
ROUTES["aanvraagconcepten/<uuid:aanvraag_id>"] = {G: "aanvraag.route", P: "aanvraag.route"}
ROUTES["betaalopdrachten/sepa"] = {P: "geld.boeken"}

# The dossier editable and its contact log (issue 17): case roles only, never a partner.
ROUTES.update(
    {
        "casussen/<uuid:casus_id>/huishouden": {G: "casus.werken", P: "casus.werken"},
        "casussen/<uuid:casus_id>/gezinsleden/nieuw": {G: "casus.werken", P: "casus.werken"},
        "casussen/<uuid:casus_id>/wijzigen": {G: "casus.werken", P: "casus.werken"},
        "casussen/<uuid:casus_id>/regie": {G: "casus.werken", P: "casus.werken"},
        "casussen/<uuid:casus_id>/contactmomenten": {G: "casusdossier.lezen", P: "casus.werken"},
    }
)

# The admin: the beheerder's models, and the platform's (superuser only). Longest prefix wins.
PREFIXEN: dict[str, dict[str, str]] = {
    "beheer/": {G: "beheer", P: "beheer"},
    "beheer/login/": {G: "publiek"},
    "beheer/logout/": {P: "publiek"},
    "beheer/autocomplete/": {G: "platformbeheer"},
    "beheer/organisaties/regio/": {G: "platformbeheer", P: "platformbeheer"},
    "beheer/organisaties/gemeente/add/": {G: "platformbeheer", P: "platformbeheer"},
    "beheer/organisaties/wijzigingsvoorstel/add/": {G: "platformbeheer"},
    "beheer/auth/": {G: "platformbeheer", P: "platformbeheer"},
    "beheer/knox/": {G: "platformbeheer", P: "platformbeheer"},
    "beheer/axes/": {G: "platformbeheer", P: "platformbeheer"},
    "beheer/otp_totp/": {G: "platformbeheer", P: "platformbeheer"},
    # The queue's own tables (the beheerder uses /achtergrondtaken); retention runs are a log.
    "beheer/django_q/": {G: "platformbeheer", P: "platformbeheer"},
    "beheer/audit/bewaarrun/add/": {G: "platformbeheer"},
}


@dataclass(frozen=True)
class Regel:
    route: str
    acties: dict[str, str]

    @property
    def methode(self) -> str | None:
        """The method the matrix test calls: GET where there is one, else the first write."""
        if "<" in self.route and self.route.startswith("beheer/"):
            return None  # admin object pages: covered by their prefix, not called one by one
        if self.route == "beheer/login/":
            return None  # only sends everyone on to /inloggen
        return G if G in self.acties else next(iter(self.acties))


def regel_voor(route: str) -> Regel | None:
    if route in ROUTES:
        return Regel(route, ROUTES[route])
    passend = [p for p in PREFIXEN if route.startswith(p)]
    if not passend:
        return None
    return Regel(route, PREFIXEN[max(passend, key=len)])


def fijner(regel: Regel, *, methode: str | None = None) -> bool:
    return ACTIES[regel.acties[methode or regel.methode]].fijner


def toegestaan(regel: Regel, rol: str, *, methode: str | None = None) -> bool:
    from django.conf import settings

    actie = ACTIES[regel.acties[methode or regel.methode]]
    return rol in actie.rollen or (rol == ANONIEM and actie.open_in_demo and settings.DEMO)


# Documents, the household's own plan on paper, the meldcode, partners' afspraken (issue 17).
# Partners never see documents (docs/documenten.md); a partner reports only its own afspraken.
ACTIES["afspraak.gereed"] = Actie(
    frozenset({R.PARTNER}),
    "de afspraken van de eigen organisatie aan de eigen tafels",
    "Een eigen afspraak gereed melden, met een korte toelichting.",
    fijner=True,
)
ROUTES.update(
    {
        "casussen/<uuid:casus_id>/documenten": {G: "casusdossier.lezen", P: "casus.werken"},
        "casussen/<uuid:casus_id>/documenten/<uuid:document_id>/verwijderen": {P: "casus.werken"},
        "documenten/<uuid:document_id>": {G: "casusdossier.lezen"},
        "casussen/<uuid:casus_id>/plan/pdf": {G: "casusdossier.lezen"},
        "casussen/<uuid:casus_id>/meldcode": {G: "casus.werken", P: "casus.werken"},
        "afspraken/<uuid:afspraak_id>/gereed": {G: "afspraak.gereed", P: "afspraak.gereed"},
    }
)

# A second beheerder decides on a proposed change on a page of its own (Mijn taken links there).
ACTIES["wijziging.beoordelen"] = Actie(
    frozenset({R.BEHEER}),
    "eigen gemeente; nooit het eigen voorstel",
    "Een voorgestelde wijziging van rollen, mandaten of een fondsroute goedkeuren of afwijzen.",
)
ROUTES["wijzigingsvoorstellen/<uuid:voorstel_id>"] = {
    G: "wijziging.beoordelen",
    P: "wijziging.beoordelen",
}
