"""The manager's view of the team: caseload per regisseur, lead times (median) and overdue
actions per team. Scoped like the worklist (the gemeente; the own team where the gemeente sets
that), so a manager sees the figures of exactly the cases they may open.

A median over fewer than `privacy.DREMPEL` cases is not shown (the rapportage app's small-cell
threshold): it is no figure to steer on, and it would describe one or two households.
"""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorbraak.budget.models import AanvraagStap, AanvraagStatus
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen.models import Actie, Statuswijziging
from doorbraak.casussen.status import CasusStatus
from doorbraak.fouten import GeenToegang
from doorbraak.organisaties.models import Medewerker, Rol
from doorbraak.rapportage.privacy import DREMPEL

PERIODE_DAGEN = 365


@dataclass(frozen=True)
class Caseload:
    regisseur: str
    open: int
    crisis: int
    verlopen_acties: int


@dataclass(frozen=True)
class Doorlooptijd:
    omschrijving: str
    aantal: int
    mediaan_dagen: float | None  # None: fewer than DREMPEL cases

    @property
    def onderdrukt(self) -> bool:
        return self.mediaan_dagen is None and self.aantal > 0


@dataclass(frozen=True)
class Sturing:
    caseload: list[Caseload]
    doorlooptijden: list[Doorlooptijd]
    verlopen_per_team: list[tuple[str, int]]
    zonder_regisseur: int
    van: date
    tot: date


def vereis_sturing(medewerker: Medewerker) -> None:
    if medewerker.gemeente_id is None or not medewerker.heeft_rol(Rol.MANAGER):
        raise GeenToegang("Het teamoverzicht is voor de manager.")


def mediaan(dagen: list[float]) -> float | None:
    if len(dagen) < DREMPEL:
        return None
    return round(statistics.median(dagen), 1)


def _dagen(van: datetime, tot: datetime) -> float:
    return max((tot - van).total_seconds(), 0) / 86400


def _doorlooptijd(omschrijving, dagen: list[float]) -> Doorlooptijd:
    return Doorlooptijd(str(omschrijving), len(dagen), mediaan(dagen))


def sturing(*, medewerker: Medewerker, vandaag: date | None = None) -> Sturing:
    """Five queries: caseload, overdue per regisseur, overdue per team, plan steps, request
    steps. Lead times count what ended in the last year."""
    vereis_sturing(medewerker)
    vandaag = vandaag or timezone.localdate()
    sinds = timezone.now() - timedelta(days=PERIODE_DAGEN)
    casussen = casus_selectors.casussen_voor(medewerker=medewerker)
    open_ids = casussen.exclude(status=CasusStatus.AFGESLOTEN).values("pk")

    per_regisseur = list(
        casussen.exclude(status=CasusStatus.AFGESLOTEN)
        .order_by()
        .values(
            "regisseur_id", "regisseur__first_name", "regisseur__last_name", "regisseur__username"
        )
        .annotate(open=Count("pk"), crisis=Count("pk", filter=Q(urgentie="crisis")))
    )
    verlopen = Actie.objects.filter(
        gemeente_id=medewerker.gemeente_id,
        plan__casus__in=open_ids,
        gereed=False,
        deadline__lt=vandaag,
    )
    verlopen_regisseur = dict(
        verlopen.order_by()
        .values_list("plan__casus__regisseur_id")
        .annotate(n=Count("pk"))
        .values_list("plan__casus__regisseur_id", "n")
    )
    caseload, zonder = [], 0
    for r in per_regisseur:
        if r["regisseur_id"] is None:
            zonder = r["open"]
            continue
        naam = (
            f"{r['regisseur__first_name']} {r['regisseur__last_name']}".strip()
            or r["regisseur__username"]
        )
        caseload.append(
            Caseload(naam, r["open"], r["crisis"], verlopen_regisseur.get(r["regisseur_id"], 0))
        )
    caseload.sort(key=lambda c: (-c.open, c.regisseur))

    per_team = [
        (t or str(_("Zonder team")), n)
        for t, n in verlopen.order_by()
        .values_list("plan__casus__team__naam")
        .annotate(n=Count("pk"))
        .values_list("plan__casus__team__naam", "n")
    ]
    per_team.sort(key=lambda t: (-t[1], t[0]))

    # aanmelding → plan: the first move to 'plan' of each case.
    naar_plan: dict = {}
    for casus_id, op, aangemeld in (
        Statuswijziging.objects.filter(
            casus__in=casussen.values("pk"), naar=CasusStatus.PLAN, op__gte=sinds
        )
        .order_by("op")
        .values_list("casus_id", "op", "casus__aangemeld_op")
    ):
        naar_plan.setdefault(casus_id, _dagen(aangemeld, op))

    # aanvraag → go → betaling, from the request's status history.
    stappen: dict = {}
    for aanvraag_id, naar, op in (
        AanvraagStap.objects.filter(
            aanvraag__casus__in=casussen.values("pk"),
            naar__in=[AanvraagStatus.INGEDIEND, AanvraagStatus.TOEGEKEND, AanvraagStatus.BETAALD],
        )
        .order_by("op")
        .values_list("aanvraag_id", "naar", "op")
    ):
        stappen.setdefault(aanvraag_id, {}).setdefault(naar, op)
    tot_go, tot_betaling = [], []
    for s in stappen.values():
        go = s.get(AanvraagStatus.TOEGEKEND)
        if go and go >= sinds and AanvraagStatus.INGEDIEND in s:
            tot_go.append(_dagen(s[AanvraagStatus.INGEDIEND], go))
        betaald = s.get(AanvraagStatus.BETAALD)
        if go and betaald and betaald >= sinds:
            tot_betaling.append(_dagen(go, betaald))

    return Sturing(
        caseload=caseload,
        doorlooptijden=[
            _doorlooptijd(_("Aanmelding → plan"), list(naar_plan.values())),
            _doorlooptijd(_("Aanvraag ingediend → go"), tot_go),
            _doorlooptijd(_("Go → betaling"), tot_betaling),
        ],
        verlopen_per_team=per_team,
        zonder_regisseur=zonder,
        van=timezone.localdate(sinds),
        tot=vandaag,
    )
