"""Background jobs of the precedents (placed with `taken.services.plaats_taak`)."""

from uuid import UUID

from doorbraak.precedenten import services


def leg_precedent_vast(aanvraag_id: str) -> dict:
    precedent = services.precedent_vastleggen(aanvraag_id=UUID(aanvraag_id))
    return {"precedent": str(precedent.pk) if precedent else None}


def werk_precedenten_bij(casus_id: str) -> dict:
    return {"bijgewerkt": services.precedenten_bijwerken_na_nameting(casus_id=UUID(casus_id))}
