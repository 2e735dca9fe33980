"""Domain errors: a Dutch message, optionally the field it concerns, and the HTTP status it maps to.

One mapping (`doorbraak.api.fouten`) turns them into problem+json; forms show them beside the field.
"""


class DoorbraakFout(Exception):
    status = 400
    titel = "Ongeldige invoer"

    def __init__(self, melding: str, *, veld: str | None = None):
        super().__init__(melding)
        self.melding = melding
        self.veld = veld


class Validatiefout(DoorbraakFout):
    pass


class GeenToegang(DoorbraakFout):
    status = 403
    titel = "Geen toegang"


class NietGevonden(DoorbraakFout):
    status = 404
    titel = "Niet gevonden"


class Conflict(DoorbraakFout):
    status = 409
    titel = "Conflict met de huidige toestand"


class OngeldigeStatusovergang(Conflict):
    titel = "Ongeldige statusovergang"
