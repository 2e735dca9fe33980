"""The processing activities (verwerkingsactiviteiten) that an entry in the log names as its 'why',
in the spirit of the Logboek Dataverwerkingen standard: each has a code, a name and its ground.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Verwerkingsactiviteit:
    code: str
    naam: str
    grondslag: str


CASUSREGIE = Verwerkingsactiviteit(
    "casusregie",
    "Regie op de ondersteuning van een huishouden met problemen op meerdere leefgebieden",
    "Wmo 2015, Jeugdwet, Participatiewet, Wgs; Regeling doorbraakbudget sociaal domein",
)
PRIVACY_TOEZICHT = Verwerkingsactiviteit(
    "privacy_toezicht",
    "Toezicht op de verwerking van persoonsgegevens (inzage in het verwerkingenlogboek)",
    "AVG art. 5 lid 2 (verantwoordingsplicht) en art. 30",
)
CASUSOVERLEG = Verwerkingsactiviteit(
    "casusoverleg",
    "Bespreking van een casus aan een multidisciplinaire tafel (casusoverleg, escalatie)",
    "Toestemming van het huishouden of de vastgelegde wettelijke grondslag; zonder grondslag "
    "alleen gepseudonimiseerd (AVG art. 6 en 25, need-to-know)",
)
DEMO_EN_TEST = Verwerkingsactiviteit(
    "demo", "Laden van fictieve demo- en testgegevens", "Geen persoonsgegevens (fictief)"
)

ALLE = {a.code: a for a in (CASUSREGIE, PRIVACY_TOEZICHT, CASUSOVERLEG, DEMO_EN_TEST)}

# Configuration that decides who may do what (roles, mandates, fund routes), changed with four
# eyes; logged although it holds no personal data of households.
BEHEER = Verwerkingsactiviteit(
    "beheer",
    "Inrichting van rollen, mandaten en routes van fondsen (functioneel beheer, 4-ogen)",
    "Regeling doorbraakbudget sociaal domein (mandaat en 4-ogenprincipe); BIO",
)
ALLE[BEHEER.code] = BEHEER
# The rights of the household, key management and security events, and the payment file.
AVG_RECHTEN = Verwerkingsactiviteit(
    "avg_rechten",
    "Uitvoeren van de rechten van betrokkenen en van de bewaartermijnen (inzage, rectificatie, "
    "verwijdering)",
    "AVG art. 15, 16 en 17; art. 5 lid 1 onder e (opslagbeperking)",
)
BEVEILIGING = Verwerkingsactiviteit(
    "beveiliging",
    "Beveiliging van persoonsgegevens (sleutelrotatie, geweigerde toegang)",
    "AVG art. 32 (beveiliging van de verwerking)",
)
VERANTWOORDING = Verwerkingsactiviteit(
    "verantwoording",
    "Betaling en verantwoording van het doorbraakbudget (betaalbestand, export van rapportages)",
    "Regeling doorbraakbudget sociaal domein; Gemeentewet art. 212 en 213",
)
ALLE.update({a.code: a for a in (AVG_RECHTEN, BEVEILIGING, VERANTWOORDING)})
