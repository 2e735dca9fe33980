"""Background jobs of the audit app: plain, idempotent functions with JSON-serialisable
arguments that return a small summary (the queue wires them; `doorbraak bewaartermijn` runs
the same by hand)."""

from __future__ import annotations

from datetime import date

from doorbraak.audit.bewaartermijnen import bewaartermijnen_toepassen


def bewaartermijnen_alle_gemeenten(proefdraai: bool = False, peildatum: str | None = None) -> dict:
    """Apply the retention periods of every gemeente (daily). Running it twice changes nothing
    the second time: what was anonymised is not selected again."""
    from doorbraak.organisaties.models import Gemeente

    dag = date.fromisoformat(peildatum) if peildatum else None
    per_gemeente = {}
    for gemeente in Gemeente.objects.order_by("code"):
        per_gemeente[gemeente.code] = bewaartermijnen_toepassen(
            gemeente_id=gemeente.pk, peildatum=dag, proefdraai=proefdraai
        )
    return {"proefdraai": proefdraai, "gemeenten": per_gemeente}
