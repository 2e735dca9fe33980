"""Every read of tables, meetings, agendas and briefs: scoped to the caller's gemeente and, for
partner members, to their own tables and the meeting's window. Reads of case data are logged with
the overleg as purpose."""

from datetime import date
from uuid import UUID

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from doorbraak.audit.activiteiten import CASUSOVERLEG
from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen.models import Casus, Domeinscore, Meting
from doorbraak.fouten import GeenToegang, NietGevonden
from doorbraak.mkba.selectors import laatste_mkba
from doorbraak.organisaties.models import Medewerker
from doorbraak.overleg import toegang
from doorbraak.overleg.brief import Casusbrief, maak_brief, maskeerder, pseudoniem
from doorbraak.overleg.models import (
    Afspraak,
    Agendapunt,
    Bijeenkomst,
    Deelgrondslag,
    Escalatie,
    Overleg,
)
from doorbraak.regels.selectors import laatste_regelcheck


def _log(medewerker: Medewerker, vastleggingen: list[Vastlegging]) -> None:
    leg_vast(
        gemeente_id=medewerker.gemeente_id,
        door=medewerker,
        vastleggingen=vastleggingen,
        activiteit=CASUSOVERLEG,
    )


def doel(bijeenkomst: Bijeenkomst) -> str:
    """The purpose written into the processing log: the table and the meeting."""
    return f"overleg {bijeenkomst.overleg.naam}, bijeenkomst {bijeenkomst.datum:%d-%m-%Y}"


# --- tables and meetings ------------------------------------------------------------------------


def overleggen_voor(*, medewerker: Medewerker) -> QuerySet[Overleg]:
    toegang.vereis_overleginzage(medewerker)
    qs = Overleg.objects.filter(gemeente_id=medewerker.gemeente_id).select_related(
        "voorzitter", "doelgroep"
    )
    if not toegang.is_intern(medewerker):
        qs = qs.filter(leden__medewerker=medewerker)
    return qs.order_by("naam")


def overleg_inzien(*, medewerker: Medewerker, overleg_id: UUID) -> Overleg:
    try:
        return (
            overleggen_voor(medewerker=medewerker)
            .prefetch_related("leden__medewerker")
            .get(pk=overleg_id)
        )
    except (Overleg.DoesNotExist, ValueError):
        raise NietGevonden("Overleg niet gevonden.") from None


def bijeenkomsten_voor(
    *, medewerker: Medewerker, overleg_id: UUID | None = None
) -> QuerySet[Bijeenkomst]:
    overleggen = overleggen_voor(medewerker=medewerker)
    qs = Bijeenkomst.objects.filter(
        gemeente_id=medewerker.gemeente_id, overleg__in=overleggen
    ).select_related("overleg")
    if overleg_id is not None:
        qs = qs.filter(overleg_id=overleg_id)
    return qs.order_by("-datum", "pk")


def bijeenkomst_ophalen(*, medewerker: Medewerker, bijeenkomst_id: UUID) -> Bijeenkomst:
    """The meeting (404 if not visible to the caller), without its agenda; not logged."""
    try:
        return (
            bijeenkomsten_voor(medewerker=medewerker)
            .select_related("overleg__voorzitter")
            .get(pk=bijeenkomst_id)
        )
    except (Bijeenkomst.DoesNotExist, ValueError):
        raise NietGevonden("Bijeenkomst niet gevonden.") from None


def _actieve_grondslagen(gemeente_id) -> QuerySet[Deelgrondslag]:
    return Deelgrondslag.objects.filter(gemeente_id=gemeente_id, ingetrokken_op__isnull=True)


def grondslag_voor(casus: Casus, overleg: Overleg, grondslagen=None) -> Deelgrondslag | None:
    """The active ground for sharing this case with this table (general or for this table)."""
    if grondslagen is None:
        grondslagen = _actieve_grondslagen(casus.gemeente_id).filter(casus=casus)
    for g in grondslagen:
        if g.ingetrokken_op is None and g.overleg_id in (None, overleg.pk):
            return g
    return None


def aanduidingen(bijeenkomst: Bijeenkomst, agenda: list[Agendapunt]) -> dict[UUID, tuple]:
    """Per agenda item: (the name shown at the table, its ground or None, a function that masks
    the household's names in free text when there is no ground).

    The pseudonym follows the order in which items were put on the agenda, so it does not change
    when the chair reorders the agenda.
    """
    op_volgorde = sorted(agenda, key=lambda p: (p.aangemaakt_op, str(p.pk)))
    uit: dict[UUID, tuple] = {}
    for index, punt in enumerate(op_volgorde):
        grond = grondslag_voor(punt.casus, bijeenkomst.overleg, punt.casus.actieve_grondslagen)
        if grond:
            uit[punt.pk] = (punt.casus.huishouden.naam, grond, _ongemoeid)
        else:
            uit[punt.pk] = (pseudoniem(index), None, maskeerder(punt.casus))
    return uit


def _ongemoeid(tekst: str) -> str:
    return tekst


def _leeg(tekst: str) -> str:
    return ""


def _agenda(bijeenkomst: Bijeenkomst) -> list[Agendapunt]:
    return list(
        Agendapunt.objects.filter(bijeenkomst=bijeenkomst, gemeente_id=bijeenkomst.gemeente_id)
        .select_related("casus__huishouden", "casus__doelgroep", "ingebracht_door")
        .prefetch_related(
            "casus__huishouden__gezinsleden",
            Prefetch(
                "casus__deelgrondslagen",
                queryset=_actieve_grondslagen(bijeenkomst.gemeente_id),
                to_attr="actieve_grondslagen",
            ),
            Prefetch("afspraken", queryset=Afspraak.objects.select_related("actie")),
        )
        .order_by("volgorde", "aangemaakt_op")
    )


def bijeenkomst_inzien(
    *, medewerker: Medewerker, bijeenkomst_id: UUID, vandaag: date | None = None
) -> tuple[Bijeenkomst, list[Agendapunt]]:
    """The meeting with its agenda. Each item carries `aanduiding`, `grondslag` and
    `brief_zichtbaar`; outside the window a partner sees pseudonyms only. Logged per item."""
    vandaag = vandaag or timezone.localdate()
    bijeenkomst = bijeenkomst_ophalen(medewerker=medewerker, bijeenkomst_id=bijeenkomst_id)
    agenda = _agenda(bijeenkomst)
    in_venster = toegang.is_intern(medewerker) or toegang.venster_open(bijeenkomst, vandaag)
    namen = aanduidingen(bijeenkomst, agenda)
    for index, punt in enumerate(sorted(agenda, key=lambda p: (p.aangemaakt_op, str(p.pk)))):
        naam, grond, masker = namen[punt.pk]
        if not in_venster:  # outside the window: a pseudonym and nothing of the content
            naam, grond, masker = pseudoniem(index), None, _leeg
        punt.grondslag = grond
        punt.brief_zichtbaar = in_venster
        punt.aanduiding = naam
        punt.getoonde_vraag = masker(punt.vraag)
        punt.getoonde_conclusie = masker(punt.conclusie)
        for afspraak in punt.afspraken.all():
            afspraak.getoond = masker(afspraak.wat)
    _log(
        medewerker,
        [
            Vastlegging(
                Handeling.LEZEN,
                "agendapunt",
                p.pk,
                p.casus.huishouden_id,
                p.casus_id,
                f"agenda; {doel(bijeenkomst)}",
            )
            for p in agenda
        ],
    )
    bijeenkomst.in_venster = in_venster
    return bijeenkomst, agenda


# --- the case brief -----------------------------------------------------------------------------


def agendapunt_ophalen(*, medewerker: Medewerker, agendapunt_id: UUID) -> Agendapunt:
    """For services and pages: the item (404 if its meeting is not visible), not logged."""
    try:
        return (
            Agendapunt.objects.filter(
                gemeente_id=medewerker.gemeente_id,
                bijeenkomst__in=bijeenkomsten_voor(medewerker=medewerker),
            )
            .select_related("bijeenkomst__overleg", "casus__huishouden")
            .get(pk=agendapunt_id)
        )
    except (Agendapunt.DoesNotExist, ValueError):
        raise NietGevonden("Agendapunt niet gevonden.") from None


def casusbrief_inzien(
    *, medewerker: Medewerker, agendapunt_id: UUID, vandaag: date | None = None
) -> tuple[Agendapunt, Casusbrief]:
    """The brief of one agenda item, minimised and pseudonymised where no ground is recorded.

    A partner member sees it only while the meeting's window is open; every view is logged with
    the overleg as purpose.
    """
    vandaag = vandaag or timezone.localdate()
    punt = agendapunt_ophalen(medewerker=medewerker, agendapunt_id=agendapunt_id)
    bijeenkomst = punt.bijeenkomst
    if not toegang.is_intern(medewerker) and not toegang.venster_open(bijeenkomst, vandaag):
        begin, einde = bijeenkomst.venster()
        raise GeenToegang(
            f"De casusbrief is alleen in te zien van {begin:%d-%m-%Y} tot en met {einde:%d-%m-%Y}."
        )
    casus = (
        Casus.objects.filter(gemeente_id=medewerker.gemeente_id, pk=punt.casus_id)
        .select_related("huishouden", "doelgroep", "doorbraakplan")
        .prefetch_related(
            "huishouden__gezinsleden",
            "hulpverleners",
            "doorbraakplan__knelpunten",
            "doorbraakplan__acties",
            Prefetch(
                "metingen",
                queryset=Meting.objects.prefetch_related(
                    Prefetch("scores", queryset=Domeinscore.objects.select_related("leefgebied"))
                ),
            ),
        )
        .get()
    )
    agenda = _agenda(bijeenkomst)
    naam, grond, masker = aanduidingen(bijeenkomst, agenda)[punt.pk]
    eerdere = (
        Afspraak.objects.filter(gemeente_id=medewerker.gemeente_id, agendapunt__casus=casus)
        .exclude(agendapunt=punt)
        .select_related("actie", "agendapunt__bijeenkomst")
        .order_by("agendapunt__bijeenkomst__datum", F("deadline").asc(nulls_last=True), "wat")
    )
    brief = maak_brief(
        casus=casus,
        agendapunt=punt,
        aanduiding=naam,
        grondslag=grond,
        vandaag=vandaag,
        regelcheck=laatste_regelcheck(casus=casus),
        mkba=laatste_mkba(casus=casus),
        eerdere_afspraken=list(eerdere),
    )
    _log(
        medewerker,
        [
            Vastlegging(
                Handeling.LEZEN,
                "casusbrief",
                punt.pk,
                casus.huishouden_id,
                casus.pk,
                f"{doel(bijeenkomst)}; {'op grondslag' if grond else 'gepseudonimiseerd'}",
            )
        ],
    )
    punt.getoonde_conclusie = masker(punt.conclusie)
    punt.afspraken_lijst = list(punt.afspraken.select_related("actie"))
    for afspraak in punt.afspraken_lijst:
        afspraak.getoond = masker(afspraak.wat)
    return punt, brief


# --- the case's tables (from the dossier) -------------------------------------------------------


def huidige_tafel(casus: Casus) -> Overleg | None:
    """The latest move names the current table; otherwise the table it was last put before."""
    laatste = (
        Escalatie.objects.filter(casus=casus, gemeente_id=casus.gemeente_id)
        .select_related("naar_overleg")
        .order_by("-op")
        .first()
    )
    if laatste:
        return laatste.naar_overleg
    punt = (
        Agendapunt.objects.filter(casus=casus, gemeente_id=casus.gemeente_id)
        .select_related("bijeenkomst__overleg")
        .order_by("-bijeenkomst__datum")
        .first()
    )
    return punt.bijeenkomst.overleg if punt else None


def casus_tafels(*, medewerker: Medewerker, casus_id: UUID) -> dict:
    """What the dossier shows about tables: current table, moves, agenda items, grounds."""
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=medewerker, casus_id=casus_id, onderdeel="casusoverleg"
    )
    vandaag = timezone.localdate()
    return {
        "casus": casus,
        "huidige_tafel": huidige_tafel(casus),
        "escalaties": list(
            Escalatie.objects.filter(casus=casus, gemeente_id=casus.gemeente_id)
            .select_related("van_overleg", "naar_overleg", "door")
            .order_by("op")
        ),
        "agendapunten": list(
            Agendapunt.objects.filter(casus=casus, gemeente_id=casus.gemeente_id)
            .select_related("bijeenkomst__overleg")
            .prefetch_related(
                Prefetch("afspraken", queryset=Afspraak.objects.select_related("actie"))
            )
            .order_by("-bijeenkomst__datum")
        ),
        "grondslagen": list(
            Deelgrondslag.objects.filter(casus=casus, gemeente_id=casus.gemeente_id)
            .select_related("overleg", "vastgelegd_door")
            .order_by("-vastgelegd_op")
        ),
        "komende_bijeenkomsten": list(
            Bijeenkomst.objects.filter(
                gemeente_id=casus.gemeente_id, datum__gte=vandaag, overleg__actief=True
            )
            .select_related("overleg")
            .order_by("datum", "overleg__naam")
        ),
        "overleggen": list(
            Overleg.objects.filter(gemeente_id=casus.gemeente_id, actief=True).order_by("naam")
        ),
    }


def open_afspraken(*, overleg: Overleg, voor: date) -> list[Afspraak]:
    """Afspraken of earlier meetings of this table whose action in the plan is not done."""
    return list(
        Afspraak.objects.filter(
            gemeente_id=overleg.gemeente_id,
            agendapunt__bijeenkomst__overleg=overleg,
            agendapunt__bijeenkomst__datum__lt=voor,
            actie__isnull=False,
            actie__gereed=False,
        )
        .select_related("agendapunt__casus", "actie")
        .order_by("agendapunt__bijeenkomst__datum", F("deadline").asc(nulls_last=True), "wat")
    )
