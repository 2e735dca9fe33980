"""Spending plans in the database: stored as entered, checked by `bestedingsplan.maak_plan`, read
back with the per-year totals and the spending actually booked on linked funds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import ExtractYear

from doorbraak.budget import bestedingsplan as bp
from doorbraak.budget.geld import uit_centen
from doorbraak.budget.models import Bestedingsplan, Bestedingsregel, Boeking, Fonds, Soort
from doorbraak.fouten import GeenToegang, NietGevonden, Validatiefout
from doorbraak.organisaties.models import Medewerker, Rol

LEZERS = (Rol.FINANCIEN, Rol.BELEID, Rol.MANAGER)


def _vereis(medewerker: Medewerker, *, wijzigen: bool = False) -> None:
    rollen = (Rol.FINANCIEN, Rol.BELEID) if wijzigen else LEZERS
    if medewerker.gemeente_id is None or not medewerker.heeft_rol(*rollen):
        raise GeenToegang("Bestedingsplannen zijn voor financiën en beleid.")


def bestedingsplan_opslaan(*, door: Medewerker, data: Mapping[str, Any]) -> Bestedingsplan:
    """Validate the whole plan first (errors name the field); store all of it or nothing."""
    _vereis(door, wijzigen=True)
    try:
        plan = bp.maak_plan(data)
    except bp.PlanFout as fout:
        raise Validatiefout(fout.melding, veld=fout.veld) from None
    fondsen = {f.code: f for f in Fonds.objects.filter(gemeente_id=door.gemeente_id)}
    koppelingen = []
    for i, r in enumerate(data.get("regels") or []):
        code = r.get("fonds") if isinstance(r, Mapping) else None
        if code and code not in fondsen:
            raise Validatiefout("Onbekend fonds in deze gemeente.", veld=f"regels[{i}].fonds")
        koppelingen.append(fondsen.get(code) if code else None)
    with transaction.atomic():
        opgeslagen = Bestedingsplan.objects.create(
            gemeente_id=door.gemeente_id,
            naam=plan.naam,
            jaren=list(plan.jaren),
            bron=plan.bron[:300],
            aangemaakt_door=door,
        )
        Bestedingsregel.objects.bulk_create(
            [
                Bestedingsregel(
                    plan=opgeslagen,
                    gemeente_id=door.gemeente_id,
                    thema=r.thema[:200],
                    omschrijving=r.omschrijving[:300],
                    bedragen=_json(r.bedragen),
                    fonds=koppelingen[i],
                    volgorde=i,
                )
                for i, r in enumerate(plan.regels)
            ]
            + [
                Bestedingsregel(
                    plan=opgeslagen,
                    gemeente_id=door.gemeente_id,
                    inkomsten=True,
                    omschrijving=r.omschrijving[:300],
                    bedragen=_json(r.bedragen),
                    volgorde=i,
                )
                for i, r in enumerate(plan.inkomsten)
            ]
        )
        return opgeslagen


def _json(bedragen: Mapping[int, bp.Bedrag]) -> dict[str, str]:
    return {str(j): (b if b == bp.PM else f"{b:.2f}") for j, b in bedragen.items()}


@dataclass(frozen=True)
class Planweergave:
    plan: Bestedingsplan
    model: bp.Plan
    per_jaar: list[bp.Jaartotaal]
    regels: list[Bestedingsregel]
    werkelijk: dict[int, dict[int, Decimal]]  # regel id → jaar → betaald op het gekoppelde fonds


def bestedingsplannen_voor(*, medewerker: Medewerker):
    _vereis(medewerker)
    return Bestedingsplan.objects.filter(gemeente_id=medewerker.gemeente_id)


def bestedingsplan_inzien(*, medewerker: Medewerker, plan_id: UUID) -> Planweergave:
    _vereis(medewerker)
    try:
        plan = Bestedingsplan.objects.get(pk=plan_id, gemeente_id=medewerker.gemeente_id)
    except (Bestedingsplan.DoesNotExist, ValueError):
        raise NietGevonden("Bestedingsplan niet gevonden.") from None
    regels = list(plan.regels.select_related("fonds"))
    model = bp.maak_plan(
        {
            "naam": plan.naam,
            "jaren": plan.jaren,
            "regels": [
                {"thema": r.thema, "omschrijving": r.omschrijving, "bedragen": r.bedragen}
                for r in regels
                if not r.inkomsten
            ],
            "inkomsten": [
                {"omschrijving": r.omschrijving, "bedragen": r.bedragen}
                for r in regels
                if r.inkomsten
            ],
        }
    )
    fonds_ids = {r.fonds_id for r in regels if r.fonds_id}
    betaald: dict = defaultdict(dict)
    for fonds_id, jaar, centen in (
        Boeking.objects.filter(
            gemeente_id=medewerker.gemeente_id,
            budget__periode__fonds_id__in=fonds_ids,
            soort=Soort.BETALING,
            datum__year__in=plan.jaren,
        )
        .annotate(jaar=ExtractYear("datum"))
        .values_list("budget__periode__fonds_id", "jaar")
        .annotate(totaal=Sum("centen"))
        .order_by()
    ):
        betaald[fonds_id][jaar] = uit_centen(centen)
    werkelijk = {r.pk: betaald.get(r.fonds_id, {}) for r in regels if r.fonds_id}
    return Planweergave(plan, model, bp.per_jaar(model), regels, werkelijk)
