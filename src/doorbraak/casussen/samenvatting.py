"""The summary at the top of the dossier: what is next, what is late, what waits for whom.

`dossier_samenvatting` is a selector for a case the caller already read through a scoped and
logged selector (`selectors.dossier_delen`). It adds a fixed number of small queries whatever
the size of the file: the last voorliggend check (only its dates and counts, not its trace), the
latest MKBA (through `mkba.selectors.laatste_mkba`) and the next meeting the case is on the
agenda of: three. Only when one of the requests is a loan, two more: the loans and their ledger
sums. The requests, the plan's actions, the measurements and the contact log are passed in: the
dossier page already reads them.

`volgende_stap` is the rule, plain Python: the first thing that asks for the regisseur.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from doorbraak import opmaak, vaste_sql
from doorbraak.casussen.models import Casus
from doorbraak.casussen.status import CasusStatus

# Requests still on their way (the others are decided, paid, released or withdrawn).
LOPEND = ("concept", "ingediend", "beoordeeld", "toegekend")


@dataclass(frozen=True)
class OpenActie:
    omschrijving: str
    eigenaar: str
    deadline: date | None


@dataclass(frozen=True)
class Stap:
    tekst: str
    deadline: date | None = None


@dataclass
class Samenvatting:
    status: str
    stap: Stap
    verlopen_acties: list[OpenActie]
    aantal_open_acties: int
    lopende_aanvragen: list[dict]
    laatste_check: dict | None
    mkba: dict | None
    volgend_overleg: dict | None
    achterstand: Decimal
    leningen_met_achterstand: int
    laatste_contact: Any = None
    vandaag: date = field(default_factory=date.today)


def volgende_stap(
    *,
    status: str,
    heeft_metingen: bool,
    heeft_doorbraak: bool,
    open_acties: Sequence[OpenActie],
    aantal_acties: int,
    lopende_aanvragen: Sequence[dict],
    heeft_check: bool,
    vandaag: date,
) -> Stap:
    """What the regisseur does next, in one Dutch sentence with its deadline where there is one.
    Late actions first, then a request that waits for the regisseur, then the case's phase."""
    if status == CasusStatus.AFGESLOTEN:
        return Stap(_("Geen: de casus is afgesloten."))
    verlopen = sorted(
        (a for a in open_acties if a.deadline and a.deadline < vandaag), key=lambda a: a.deadline
    )
    if verlopen:
        a = verlopen[0]
        return Stap(
            _("Verlopen actie oppakken: %(actie)s (%(eigenaar)s)")
            % {"actie": a.omschrijving, "eigenaar": a.eigenaar},
            a.deadline,
        )
    for aanvraag in lopende_aanvragen:
        if aanvraag["status"] == "concept":
            return Stap(
                _("De aanvraag van %(bedrag)s afmaken en indienen.")
                % {"bedrag": aanvraag["bedrag"]}
            )
    komend = sorted((a for a in open_acties if a.deadline), key=lambda a: a.deadline)
    eerstvolgende = komend[0].deadline if komend else None
    if status == CasusStatus.AANGEMELD:
        if not heeft_metingen:
            return Stap(_("De domeinscores meten (de beginmeting)."))
        if not (heeft_doorbraak and aantal_acties):
            return Stap(_("Het doorbraakplan schrijven: de doorbraak en minstens één actie."))
        return Stap(_("De casus naar de fase Plan zetten."))
    if status == CasusStatus.PLAN:
        if not (heeft_doorbraak and aantal_acties):
            return Stap(_("Het doorbraakplan afmaken: de doorbraak en minstens één actie."))
        if not heeft_check:
            return Stap(_("De voorliggend-check doen."))
        if komend:
            return Stap(
                _("Volgende actie: %(actie)s") % {"actie": komend[0].omschrijving}, eerstvolgende
            )
        return Stap(_("De casus in uitvoering nemen."))
    if status == CasusStatus.UITVOERING:
        if komend:
            return Stap(
                _("Volgende actie: %(actie)s") % {"actie": komend[0].omschrijving}, eerstvolgende
            )
        if open_acties:
            return Stap(_("De open acties afronden (geen deadline gezet)."))
        return Stap(_("Evalueren: de acties zijn gereed."))
    return Stap(_("Een nieuwe meting van de domeinscores doen en de casus evalueren."))


def _open_acties(acties: Sequence[Any]) -> tuple[list[OpenActie], int]:
    return [OpenActie(a.omschrijving, a.eigenaar, a.deadline) for a in acties if not a.gereed], len(
        acties
    )


def _laatste_check(casus: Casus) -> dict | None:
    """The last voorliggend check: its dates, how many questions professionals answered and
    the counts of its outcome; not the trace (tens of kilobytes on a large check)."""
    from doorbraak.regels.models import Regelcheck

    velden = (
        "peildatum",
        "aangemaakt_op",
        "ingevoerde_feiten",
        "ingevoerde_persoonsfeiten",
        "uitkomst__samenvatting",
    )
    gelezen = vaste_sql.rijen(
        Regelcheck,
        velden,
        orde=("-aangemaakt_op", "-pk"),
        limiet=1,
        gemeente_id=casus.gemeente_id,
        casus_id=casus.pk,
    )
    if not gelezen:
        return None
    rij = gelezen[0]._asdict()
    per_lid = rij["ingevoerde_persoonsfeiten"] or {}
    beantwoord = len(rij["ingevoerde_feiten"] or {}) + sum(
        len(v) for v in per_lid.values() if isinstance(v, dict)
    )
    samenvatting = rij["uitkomst__samenvatting"] or {}
    return {
        "op": rij["aangemaakt_op"],
        "peildatum": rij["peildatum"],
        "beantwoord": beantwoord,
        "mogelijk": samenvatting.get("mogelijk", 0),
        "niet_snel_genoeg": samenvatting.get("niet_snel_genoeg", 0),
        "onbekend": samenvatting.get("onbekend", 0),
    }


def _mkba(casus: Casus) -> dict | None:
    """The headline of the latest calculation as `mkba` stored it: the central estimate and
    the switching-value sentence (never recomputed here)."""
    from doorbraak.mkba.selectors import laatste_mkba_kop

    kop = laatste_mkba_kop(casus=casus)
    if kop is None:
        return None
    return {
        "saldo": kop["saldo"],
        "horizon_jaren": kop["horizon_jaren"],
        "zin": (kop["uitkomst__omslagpunt"] or {}).get("zin", ""),
        "op": kop["aangemaakt_op"],
    }


def _volgend_overleg(casus: Casus, vandaag: date) -> dict | None:
    """The first meeting from today on where the case is on the agenda and not yet discussed.
    A case is on a handful of agendas: all its items are read as rows (SQL compiled once) and
    the first that qualifies is taken, in the order the ORM's filtered read would give."""
    from doorbraak.overleg.models import Agendapunt

    velden = ("bijeenkomst_id", "bijeenkomst__datum", "bijeenkomst__overleg__naam", "besproken_op")
    punten = vaste_sql.rijen(
        Agendapunt,
        velden,
        orde=("bijeenkomst__datum", "pk"),
        gemeente_id=casus.gemeente_id,
        casus_id=casus.pk,
    )
    for punt in punten:
        if punt.bijeenkomst__datum >= vandaag and punt.besproken_op is None:
            return {
                "datum": punt.bijeenkomst__datum,
                "overleg": punt.bijeenkomst__overleg__naam,
                "bijeenkomst_id": punt.bijeenkomst_id,
            }
    return None


def _achterstand(casus: Casus, aanvragen: Sequence[Any], vandaag: date) -> tuple[Decimal, int]:
    """Arrears over the case's loans, from the ledger (budget.selectors.leningoverzicht); no
    query at all when none of the case's requests is a loan."""
    from doorbraak.budget import selectors as budget_selectors
    from doorbraak.budget.models import Lening

    if not any(a.vorm == "lening" for a in aanvragen):
        return Decimal("0.00"), 0
    leningen = list(
        Lening.objects.filter(
            gemeente_id=casus.gemeente_id, aanvraag__casus_id=casus.pk, startdatum__lte=vandaag
        ).order_by("startdatum", "pk")
    )
    if not leningen:
        return Decimal("0.00"), 0
    achter = [
        r["achterstand"]
        for r in budget_selectors.leningoverzicht(leningen=leningen, peildatum=vandaag)
        if r["achterstand"] > 0
    ]
    return sum(achter, Decimal("0.00")), len(achter)


def _lopende_aanvragen(aanvragen: Sequence[Any]) -> list[dict]:
    from doorbraak.budget.wacht_op import wacht_op

    return [
        {
            "id": a.pk,
            "status": a.status,
            "status_label": a.get_status_display(),
            "bedrag": opmaak.euro(a.bedrag),
            "fonds": a.fonds.naam,
            "wacht_op": wacht_op(a),
        }
        for a in aanvragen
        if a.status in LOPEND
    ]


def dossier_samenvatting(
    *,
    casus: Casus,
    aanvragen: Sequence[Any],
    acties: Sequence[Any],
    metingen: Sequence[Any],
    contacten: Sequence[Any],
    vandaag: date | datetime,
) -> Samenvatting:
    """The summary panel of a case already read through a scoped selector; `acties` are its
    plan's actions (instances or `selectors.acties_van` rows), none without a plan; `metingen`
    its measurements and `contacten` its contact moments as the page shows them, newest
    first."""
    if isinstance(vandaag, datetime):
        vandaag = vandaag.date()
    open_acties, aantal_acties = _open_acties(acties)
    lopend = _lopende_aanvragen(aanvragen)
    check = _laatste_check(casus)
    try:
        doorbraak = bool(casus.doorbraakplan.doorbraak.strip())
    except Casus.doorbraakplan.RelatedObjectDoesNotExist:
        doorbraak = False
    achterstand, met_achterstand = _achterstand(casus, aanvragen, vandaag)
    return Samenvatting(
        status=casus.get_status_display(),
        stap=volgende_stap(
            status=casus.status,
            heeft_metingen=bool(metingen),
            heeft_doorbraak=doorbraak,
            open_acties=open_acties,
            aantal_acties=aantal_acties,
            lopende_aanvragen=lopend,
            heeft_check=check is not None,
            vandaag=vandaag,
        ),
        verlopen_acties=sorted(
            (a for a in open_acties if a.deadline and a.deadline < vandaag),
            key=lambda a: a.deadline,
        ),
        aantal_open_acties=len(open_acties),
        lopende_aanvragen=lopend,
        laatste_check=check,
        mkba=_mkba(casus),
        volgend_overleg=_volgend_overleg(casus, vandaag),
        achterstand=achterstand,
        leningen_met_achterstand=met_achterstand,
        laatste_contact=contacten[0] if contacten else None,
        vandaag=vandaag,
    )
