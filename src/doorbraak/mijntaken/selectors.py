"""Mijn taken: what waits for this medewerker, per role, each list with a link to where the task
is done. Every list is scoped like the page it links to: requests and loans to the gemeente
(and the mandates: only what this person may review or decide), case actions and afspraken to
the cases this person may see (team scope where the gemeente sets it), tables to the own
tables (a partner: only the tables they are a member of).

A page costs a fixed number of queries whatever the size of the lists: a count and at most
`PER_LIJST` rows per list, and one write to the processing log for the names shown.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorbraak.budget import selectors as budget_selectors
from doorbraak.budget.models import Aanvraag, AanvraagStatus, Fondsmandaat, Lening
from doorbraak.budget.wacht_op import wacht_op
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen.models import Actie
from doorbraak.casussen.status import CasusStatus
from doorbraak.organisaties.models import Mandaat, MandaatRol, Medewerker, Rol
from doorbraak.overleg import toegang as overleg_toegang
from doorbraak.overleg.models import Afspraak, Bijeenkomst
from doorbraak.taken import selectors as taak_selectors

PER_LIJST = 10
# lists of requests: each row says whom it waits for
AANVRAAGLIJSTEN = ("te_beoordelen", "wacht_op_go", "te_betalen", "concepten")

TITELS = {
    "te_beoordelen": _("Te beoordelen"),
    "wacht_op_go": _("Wacht op uw go"),
    "te_betalen": _("Te betalen"),
    "aflossingsachterstand": _("Aflossingsachterstand"),
    "concepten": _("Uw concepten, nog in te dienen"),
    "verlopen_acties": _("Verlopen acties"),
    "nametingen": _("Nametingen te doen"),
    "open_afspraken": _("Open afspraken"),
    "tafels_deze_week": _("Tafels deze week"),
    "wijzigingsvoorstellen": _("Wijzigingen die op een tweede beheerder wachten"),
    "mislukte_taken": _("Mislukte achtergrondtaken"),
}

# Which lists each role has; a list shows when the role has it or when it is not empty.
PER_ROL: dict[str, tuple[str, ...]] = {
    Rol.REGISSEUR: (
        "concepten",
        "verlopen_acties",
        "nametingen",
        "open_afspraken",
        "tafels_deze_week",
    ),
    Rol.COLLEGA: ("te_beoordelen", "tafels_deze_week"),
    Rol.MANAGER: ("wacht_op_go", "tafels_deze_week"),
    Rol.FINANCIEN: ("te_betalen", "aflossingsachterstand"),
    Rol.PARTNER: ("open_afspraken", "tafels_deze_week"),
    Rol.BEHEER: ("wijzigingsvoorstellen", "mislukte_taken"),
}
ROUTEROLLEN = (Rol.REGISSEUR, Rol.COLLEGA, Rol.MANAGER)


@dataclass
class Takenlijst:
    code: str
    titel: str
    aantal: int
    rijen: list = field(default_factory=list)
    eigen: bool = True  # one of the role's own lists (else shown only when not empty)


def _review_nodig() -> Q:
    """The fund's route asks a colleague's review for this amount (Fonds.meekijken_nodig)."""
    return Q(fonds__standaard=True) | (
        Q(fonds__meekijken_verplicht=True)
        & (Q(fonds__meekijken_vanaf__isnull=True) | Q(bedrag__gt=F("fonds__meekijken_vanaf")))
    )


def _zelfstandig() -> Q:
    """The requester may decide alone (Fonds.zelfstandig_mag)."""
    return Q(fonds__standaard=False, fonds__zelfstandig_tot__gte=F("bedrag"))


def _mandaat(medewerker: Medewerker, rol: str) -> Q:
    """This medewerker holds a mandate of this kind for the request's fund, doelgroep and amount
    (budget.mandaten.heeft_mandaat, as one subquery)."""
    binnen_bedrag = Q(max_bedrag__isnull=True) | Q(max_bedrag__gte=OuterRef("bedrag"))
    per_fonds = Fondsmandaat.objects.filter(
        binnen_bedrag,
        Q(doelgroep_id=OuterRef("doelgroep_id")) | Q(doelgroep__isnull=True),
        fonds_id=OuterRef("fonds_id"),
        medewerker=medewerker,
        rol=rol,
    )
    algemeen = Mandaat.objects.filter(
        binnen_bedrag, medewerker=medewerker, rol=rol, doelgroep_id=OuterRef("doelgroep_id")
    )
    return Q(Exists(per_fonds)) | (Q(fonds__standaard=True) & Q(Exists(algemeen)))


def te_beoordelen(medewerker: Medewerker) -> QuerySet[Aanvraag]:
    """Submitted requests that need a review this person may give (never the own request)."""
    return (
        budget_selectors.aanvragen_voor(medewerker=medewerker, status=AanvraagStatus.INGEDIEND)
        .filter(_review_nodig())
        .exclude(aanvrager=medewerker)
        .filter(_mandaat(medewerker, MandaatRol.MEEKIJKEN))
        .order_by("aangemaakt_op", "pk")
    )


def wacht_op_go(medewerker: Medewerker) -> QuerySet[Aanvraag]:
    """Requests ready for a decision this person may take: reviewed (or needing no review),
    not reviewed by this person, not the own request unless the fund lets the requester decide
    alone (the same route as services.aanvraag_besluiten)."""
    klaar = Q(status=AanvraagStatus.BEOORDEELD) | (
        Q(status=AanvraagStatus.INGEDIEND)
        & (~_review_nodig() | (Q(aanvrager=medewerker) & _zelfstandig()))
    )
    return (
        budget_selectors.aanvragen_voor(medewerker=medewerker)
        .filter(klaar)
        .exclude(Q(aanvrager=medewerker) & ~_zelfstandig())
        .exclude(beoordelaar=medewerker)
        .filter(_mandaat(medewerker, MandaatRol.GO))
        .order_by("aangemaakt_op", "pk")
    )


def te_betalen(medewerker: Medewerker) -> QuerySet[Aanvraag]:
    return budget_selectors.aanvragen_voor(
        medewerker=medewerker, status=AanvraagStatus.TOEGEKEND
    ).order_by("besloten_op", "pk")


def concepten(medewerker: Medewerker) -> QuerySet[Aanvraag]:
    return budget_selectors.aanvragen_voor(
        medewerker=medewerker, status=AanvraagStatus.CONCEPT
    ).filter(aanvrager=medewerker)


def verlopen_acties(medewerker: Medewerker, vandaag: date) -> QuerySet[Actie]:
    """Actions past their deadline in the open cases this person directs."""
    casussen = casus_selectors.casussen_voor(medewerker=medewerker).filter(regisseur=medewerker)
    return (
        Actie.objects.filter(
            gemeente_id=medewerker.gemeente_id,
            plan__casus__in=casussen.exclude(status=CasusStatus.AFGESLOTEN).values("pk"),
            gereed=False,
            deadline__lt=vandaag,
        )
        .select_related("plan__casus__huishouden")
        .order_by("deadline", "pk")
    )


def nametingen(medewerker: Medewerker, vandaag: date) -> QuerySet[Aanvraag]:
    """Executed doorbraken (a paid request) of the cases this person directs whose go lies 12
    months or more back and whose case has no follow-up yet (mkba.selectors), closed cases too:
    the follow-up comes after the case."""
    from doorbraak.mkba import selectors as mkba_selectors

    casussen = casus_selectors.casussen_voor(medewerker=medewerker).filter(regisseur=medewerker)
    return mkba_selectors.nametingen_te_doen(
        gemeente_id=medewerker.gemeente_id, vandaag=vandaag, casussen=casussen
    )


def _afspraken(medewerker: Medewerker) -> QuerySet[Afspraak]:
    return Afspraak.objects.filter(
        gemeente_id=medewerker.gemeente_id, actie__isnull=False, actie__gereed=False
    ).select_related("agendapunt__bijeenkomst__overleg", "agendapunt__casus__huishouden")


def open_afspraken(medewerker: Medewerker) -> QuerySet[Afspraak]:
    """A regisseur: the open afspraken of the cases they direct. A partner: the open afspraken
    of their own tables made for their organisation (shown without case details)."""
    qs = _afspraken(medewerker)
    if overleg_toegang.is_partner(medewerker):
        if not medewerker.organisatie:
            return qs.none()
        return qs.filter(
            agendapunt__bijeenkomst__overleg__leden__medewerker=medewerker,
            wie__iexact=medewerker.organisatie,
        ).order_by(F("deadline").asc(nulls_last=True), "pk")
    casussen = casus_selectors.casussen_voor(medewerker=medewerker).filter(regisseur=medewerker)
    return qs.filter(agendapunt__casus__in=casussen.values("pk")).order_by(
        F("deadline").asc(nulls_last=True), "pk"
    )


def week(vandaag: date) -> tuple[date, date]:
    maandag = vandaag - timedelta(days=vandaag.weekday())
    return maandag, maandag + timedelta(days=6)


def tafels_deze_week(medewerker: Medewerker, vandaag: date) -> QuerySet[Bijeenkomst]:
    """This week's meetings of the tables this person chairs or sits at."""
    van, tot = week(vandaag)
    return (
        Bijeenkomst.objects.filter(
            gemeente_id=medewerker.gemeente_id, datum__gte=van, datum__lte=tot
        )
        .filter(
            Q(overleg__voorzitter=medewerker)
            | Q(overleg__in=medewerker.lidmaatschappen.values("overleg_id"))
        )
        .select_related("overleg")
        .order_by("datum", "pk")
    )


def aflossingsachterstand(medewerker: Medewerker, vandaag: date) -> list[dict]:
    """Loans behind on their schedule: each loan's balance from the ledger, two queries."""
    leningen = list(
        Lening.objects.filter(gemeente_id=medewerker.gemeente_id, startdatum__lte=vandaag)
        .select_related("aanvraag__casus__huishouden", "aanvraag__fonds")
        .order_by("startdatum", "pk")
    )
    overzicht = budget_selectors.leningoverzicht(leningen=leningen, peildatum=vandaag)
    return [r for r in overzicht if r["achterstand"] > 0]


def _wijzigingsvoorstellen(medewerker: Medewerker):
    from doorbraak.organisaties.models import WijzigingStatus, Wijzigingsvoorstel

    return Wijzigingsvoorstel.objects.filter(
        gemeente_id=medewerker.gemeente_id, status=WijzigingStatus.OPEN
    ).exclude(voorgesteld_door=medewerker)


def lijsten_voor(medewerker: Medewerker) -> tuple[str, ...]:
    """The lists this medewerker has, in a fixed order, from their roles."""
    codes: list[str] = []
    if medewerker.heeft_rol(*ROUTEROLLEN):
        codes += ["te_beoordelen", "wacht_op_go"]  # whoever holds the mandate
    for rol in PER_ROL:
        if medewerker.heeft_rol(rol):
            codes += [c for c in PER_ROL[rol] if c not in codes]
    return tuple(c for c in TITELS if c in codes)


def eigen_lijsten(medewerker: Medewerker) -> set[str]:
    return {c for rol, lijst in PER_ROL.items() if medewerker.heeft_rol(rol) for c in lijst}


def _querysets(medewerker: Medewerker, vandaag: date) -> dict:
    return {
        "te_beoordelen": lambda: te_beoordelen(medewerker),
        "wacht_op_go": lambda: wacht_op_go(medewerker),
        "te_betalen": lambda: te_betalen(medewerker),
        "concepten": lambda: concepten(medewerker),
        "verlopen_acties": lambda: verlopen_acties(medewerker, vandaag),
        "nametingen": lambda: nametingen(medewerker, vandaag),
        "open_afspraken": lambda: open_afspraken(medewerker),
        "tafels_deze_week": lambda: tafels_deze_week(medewerker, vandaag),
        "wijzigingsvoorstellen": lambda: _wijzigingsvoorstellen(medewerker),
        "mislukte_taken": lambda: taak_selectors.zichtbare_mislukkingen(medewerker),
    }


def heeft_takenlijst(medewerker: Medewerker) -> bool:
    """A medewerker of a gemeente whose role has a task list (the table's `taken.lezen`)."""
    from doorbraak.organisaties.bevoegdheden import rollen

    return medewerker.gemeente_id is not None and medewerker.heeft_rol(*rollen("taken.lezen"))


def menu_aantal(medewerker: Medewerker, vandaag: date | None = None) -> int | None:
    """The number in the menu: what waits in the role's own lists (None without a list)."""
    if not heeft_takenlijst(medewerker):
        return None
    eigen = eigen_lijsten(medewerker)
    return sum(n for code, n in tellers(medewerker, vandaag).items() if code in eigen)


def tellers(medewerker: Medewerker, vandaag: date | None = None) -> dict[str, int]:
    """Only the counts (the menu): one COUNT per list, no rows, nothing logged."""
    vandaag = vandaag or timezone.localdate()
    qs = _querysets(medewerker, vandaag)
    uit = {}
    for code in lijsten_voor(medewerker):
        if code == "aflossingsachterstand":
            uit[code] = len(aflossingsachterstand(medewerker, vandaag))
        else:
            uit[code] = qs[code]().count()
    return uit


def mijn_taken(medewerker: Medewerker, vandaag: date | None = None) -> list[Takenlijst]:
    """Every list of this medewerker with its count and first rows; the household names shown
    are logged as read (one write)."""
    vandaag = vandaag or timezone.localdate()
    qs = _querysets(medewerker, vandaag)
    eigen = eigen_lijsten(medewerker)
    uit: list[Takenlijst] = []
    for code in lijsten_voor(medewerker):
        if code == "aflossingsachterstand":
            alle = aflossingsachterstand(medewerker, vandaag)
            lijst = Takenlijst(code, TITELS[code], len(alle), alle[:PER_LIJST])
        else:
            rijen = list(qs[code]()[:PER_LIJST])
            lijst = Takenlijst(code, TITELS[code], qs[code]().count(), rijen)
        lijst.eigen = code in eigen
        if lijst.eigen or lijst.aantal:
            uit.append(lijst)
        if code in AANVRAAGLIJSTEN:
            for aanvraag in lijst.rijen:
                aanvraag.wacht_op = wacht_op(aanvraag)
    _registreer_inzage(medewerker, uit)
    return uit


def _registreer_inzage(medewerker: Medewerker, lijsten: list[Takenlijst]) -> None:
    """The processing log: every case whose household name is on the page, in one write."""
    from doorbraak.audit.models import Handeling
    from doorbraak.audit.services import Vastlegging, leg_lezen_vast

    vastleggingen = []
    for lijst in lijsten:
        for rij in lijst.rijen:
            if isinstance(rij, Aanvraag):
                casus = rij.casus
                soort, pk = "aanvraag", rij.pk
            elif isinstance(rij, Actie):
                casus = rij.plan.casus
                soort, pk = "actie", rij.pk
            elif isinstance(rij, dict):
                casus = rij["lening"].aanvraag.casus
                soort, pk = "lening", rij["lening"].pk
            elif isinstance(rij, Afspraak) and not overleg_toegang.is_partner(medewerker):
                casus = rij.agendapunt.casus
                soort, pk = "afspraak", rij.pk
            else:
                continue
            vastleggingen.append(
                Vastlegging(Handeling.LEZEN, soort, pk, casus.huishouden_id, casus.pk, "mijn taken")
            )
    if vastleggingen:
        leg_lezen_vast(gemeente_id=medewerker.gemeente_id, door=medewerker, objecten=vastleggingen)
