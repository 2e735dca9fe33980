"""Denied accesses in the processing log: who tried to reach what and was refused (403) or
found nothing in their gemeente (404). Called by the one error mapping of the API and of the
web pages; never lets the logging itself turn a refusal into a server error."""

from __future__ import annotations

import logging
from uuid import UUID

from doorbraak.audit.activiteiten import BEVEILIGING
from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_vast

logger = logging.getLogger(__name__)


def _uuid(waarde: object) -> UUID | None:
    if isinstance(waarde, UUID):
        return waarde
    try:
        return UUID(str(waarde)) if waarde else None
    except ValueError:
        return None


def weigering_vastleggen(request, status: int) -> None:
    """Append a 'toegang geweigerd' entry for a signed-in user of a gemeente. The path holds
    ids only (a BSN never travels in a URL); the query string is left out."""
    gebruiker = getattr(request, "user", None)
    gemeente_id = getattr(gebruiker, "gemeente_id", None)
    if gebruiker is None or not gebruiker.is_authenticated or gemeente_id is None:
        return
    kwargs = getattr(getattr(request, "resolver_match", None), "kwargs", None) or {}
    ids = {k: _uuid(v) for k, v in kwargs.items()}
    object_id = next((v for v in ids.values() if v), None)
    # Only a refusal (403) names the household or case: after a 404 the id may be anyone's.
    eigen = status == 403
    try:
        leg_vast(
            gemeente_id=gemeente_id,
            door=gebruiker,
            activiteit=BEVEILIGING,
            vastleggingen=[
                Vastlegging(
                    Handeling.LEZEN,
                    "toegang_geweigerd",
                    object_id,
                    ids.get("huishouden_id") if eigen else None,
                    ids.get("casus_id") if eigen else None,
                    omschrijving=f"toegang geweigerd ({status}): {request.method} {request.path}",
                )
            ],
        )
    except Exception:
        logger.exception("Geweigerde toegang kon niet worden vastgelegd")
