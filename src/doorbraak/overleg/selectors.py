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
from doorbraak.casussen import toegang as casus_toegang
from doorbraak.casussen.models import Casus, Domeinscore, Meting
from doorbraak.fouten import GeenToegang, NietGevonden
from doorbraak.mkba.selectors import laatste_mkba
from doorbraak.organisaties.models import Medewerker
from doorbraak.overleg import toegang
from doorbraak.overleg.brief import (
    INTERN,
    Casusbrief,
    Deling,
    Kijker,
    deling,
    masker,
    pseudoniem,
    stel_brief_samen,
    verslagmasker,
)
from doorbraak.overleg.models import (
    Afspraak,
    Agendapunt,
    Bijeenkomst,
    Briefdeel,
    Deelgrondslag,
    Escalatie,
    Lidmaatschap,
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


def kijker_voor(medewerker: Medewerker, overleg: Overleg) -> Kijker:
    """Staff of the gemeente read as staff; a partner as its organisation at this table."""
    if toegang.is_intern(medewerker):
        return INTERN
    organisatie = (
        Lidmaatschap.objects.filter(overleg=overleg, medewerker=medewerker)
        .values_list("organisatie", flat=True)
        .first()
    )
    if organisatie is None:  # not a member: the scoped selectors already answer 404
        raise NietGevonden("Overleg niet gevonden.")
    return Kijker(intern=False, organisatie=organisatie)


def partnerorganisaties(overleg: Overleg) -> list[str]:
    """The partner organisations at this table (for the regisseur's preview per partner)."""
    leden = Lidmaatschap.objects.filter(overleg=overleg).select_related("medewerker")
    return sorted({lid.organisatie for lid in leden if toegang.is_partner(lid.medewerker)})


def grondslag_voor(
    casus: Casus, overleg: Overleg, grondslagen=None, kijker: Kijker = INTERN
) -> Deling:
    """What may be shared about this case with this viewer at this table, from the active
    grounds (general or for this table; for a partner general or for its organisation)."""
    if grondslagen is None:
        grondslagen = _actieve_grondslagen(casus.gemeente_id).filter(casus=casus)
    return deling(grondslagen, overleg.pk, kijker)


def aanduidingen(
    bijeenkomst: Bijeenkomst,
    agenda: list[Agendapunt],
    kijker: Kijker = INTERN,
    vandaag: date | None = None,
) -> dict[UUID, tuple]:
    """Per agenda item: (the name shown to this viewer, what may be shared with it (`Deling`), the
    masker for its free text).

    The pseudonym follows the order in which items were put on the agenda, so it does not change
    when the chair reorders the agenda.
    """
    vandaag = vandaag or timezone.localdate()
    op_volgorde = sorted(agenda, key=lambda p: (p.aangemaakt_op, str(p.pk)))
    uit: dict[UUID, tuple] = {}
    for index, punt in enumerate(op_volgorde):
        deel = grondslag_voor(
            punt.casus, bijeenkomst.overleg, punt.casus.actieve_grondslagen, kijker
        )
        naam = punt.casus.huishouden.naam if deel.namen else pseudoniem(index)
        uit[punt.pk] = (naam, deel, masker(punt.casus, kijker, deel, naam, vandaag))
    return uit


def _leeg(tekst: str) -> str:
    return ""


def _agenda(bijeenkomst: Bijeenkomst) -> list[Agendapunt]:
    return list(
        Agendapunt.objects.filter(bijeenkomst=bijeenkomst, gemeente_id=bijeenkomst.gemeente_id)
        .select_related("casus__huishouden", "casus__doelgroep", "ingebracht_door")
        .prefetch_related(
            "casus__huishouden__gezinsleden",
            "casus__hulpverleners",
            Prefetch(
                "casus__deelgrondslagen",
                queryset=_actieve_grondslagen(bijeenkomst.gemeente_id),
                to_attr="actieve_grondslagen",
            ),
            Prefetch(
                "afspraken",
                queryset=Afspraak.objects.select_related("actie", "gereed_gemeld_door"),
            ),
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
    kijker = kijker_voor(medewerker, bijeenkomst.overleg)
    agenda = _agenda(bijeenkomst)
    in_venster = kijker.intern or toegang.venster_open(bijeenkomst, vandaag)
    namen = aanduidingen(bijeenkomst, agenda, kijker, vandaag)
    for index, punt in enumerate(sorted(agenda, key=lambda p: (p.aangemaakt_op, str(p.pk)))):
        naam, deel, tekst = namen[punt.pk]
        if not in_venster:  # outside the window: a pseudonym and nothing of the content
            naam, deel, tekst = pseudoniem(index), Deling(), _leeg
        punt.deling = deel
        punt.grondslag = deel.grondslagen[0] if deel.grondslagen else None
        punt.brief_zichtbaar = in_venster
        punt.aanduiding = naam
        punt.getoonde_vraag = tekst(punt.vraag)
        punt.getoonde_conclusie = tekst(punt.conclusie)
        for afspraak in punt.afspraken.all():
            afspraak.getoond = tekst(afspraak.wat)
            afspraak.getoonde_wie = tekst(afspraak.wie)
    bijeenkomst.getoond_verslag = ""
    if in_venster:
        bijeenkomst.getoond_verslag = verslag_voor(bijeenkomst, agenda, kijker, namen, vandaag)
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
    bijeenkomst.kijker = kijker
    return bijeenkomst, agenda


def verslag_voor(
    bijeenkomst: Bijeenkomst, agenda: list[Agendapunt], kijker: Kijker, namen: dict, vandaag: date
) -> str:
    """The stored verslag as this viewer may read it now: staff read it as written; for a
    partner it is masked with the grounds valid at this moment (a withdrawn ground takes the
    household's name back out of a verslag written while it held)."""
    maskeer = verslagmasker(
        [(p.casus, namen[p.pk][0], namen[p.pk][1]) for p in agenda], kijker, vandaag
    )
    return bijeenkomst.verslag if maskeer is None else maskeer(bijeenkomst.verslag)


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
    *,
    medewerker: Medewerker,
    agendapunt_id: UUID,
    vandaag: date | None = None,
    voor_organisatie: str | None = None,
) -> tuple[Agendapunt, Casusbrief]:
    """The brief of one agenda item as the caller may see it (`brief.stel_brief_samen`).

    A partner member sees it only while the meeting's window is open, composed for its own
    organisation. Staff may ask for `voor_organisatie`: the preview of exactly what that partner
    organisation at the table will see. Every view is logged with the overleg as purpose.
    """
    vandaag = vandaag or timezone.localdate()
    punt = agendapunt_ophalen(medewerker=medewerker, agendapunt_id=agendapunt_id)
    bijeenkomst = punt.bijeenkomst
    kijker = kijker_voor(medewerker, bijeenkomst.overleg)
    if voor_organisatie is not None:
        if not kijker.intern:
            raise GeenToegang("Alleen medewerkers van de gemeente zien een voorbeeld per partner.")
        if voor_organisatie not in partnerorganisaties(bijeenkomst.overleg):
            raise NietGevonden("Deze organisatie is geen partner aan deze tafel.")
        kijker = Kijker(intern=False, organisatie=voor_organisatie)
    elif not kijker.intern and not toegang.venster_open(bijeenkomst, vandaag):
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
    naam, deel, tekst = aanduidingen(bijeenkomst, agenda, kijker, vandaag)[punt.pk]
    # Afspraken belong to their own table: only this table's earlier afspraken.
    eerdere = (
        Afspraak.objects.filter(
            gemeente_id=medewerker.gemeente_id,
            agendapunt__casus=casus,
            agendapunt__bijeenkomst__overleg=bijeenkomst.overleg,
        )
        .exclude(agendapunt=punt)
        .select_related("actie", "agendapunt__bijeenkomst")
        .order_by("agendapunt__bijeenkomst__datum", F("deadline").asc(nulls_last=True), "wat")
    )
    brief = stel_brief_samen(
        casus=casus,
        agendapunt=punt,
        kijker=kijker,
        aanduiding=naam,
        deel=deel,
        vandaag=vandaag,
        briefdelen=[] if kijker.intern else list(punt.briefdelen.all()),
        regelcheck=laatste_regelcheck(casus=casus) if kijker.intern else None,
        mkba=laatste_mkba(casus=casus) if kijker.intern else None,
        eerdere_afspraken=list(eerdere),
    )
    if voor_organisatie is not None:
        omschrijving = f"{doel(bijeenkomst)}; voorbeeld voor {voor_organisatie}"
    else:
        omschrijving = (
            f"{doel(bijeenkomst)}; {'op grondslag' if deel.namen else 'gepseudonimiseerd'}"
        )
    _log(
        medewerker,
        [
            Vastlegging(
                Handeling.LEZEN, "casusbrief", punt.pk, casus.huishouden_id, casus.pk, omschrijving
            )
        ],
    )
    punt.deling = deel
    punt.getoonde_conclusie = tekst(punt.conclusie)
    punt.afspraken_lijst = list(punt.afspraken.select_related("actie"))
    for afspraak in punt.afspraken_lijst:
        afspraak.getoond = tekst(afspraak.wat)
        afspraak.getoonde_wie = tekst(afspraak.wie)
    return punt, brief


def briefdelen_voor(*, medewerker: Medewerker, agendapunt_id: UUID, organisatie: str) -> dict:
    """For the regisseur's selection form: the stored texts per category for one organisation."""
    casus_toegang.vereis_casuswerk(medewerker)
    punt = agendapunt_ophalen(medewerker=medewerker, agendapunt_id=agendapunt_id)
    if organisatie not in partnerorganisaties(punt.bijeenkomst.overleg):
        raise NietGevonden("Deze organisatie is geen partner aan deze tafel.")
    return {
        d.categorie: d.tekst
        for d in Briefdeel.objects.filter(
            agendapunt=punt, gemeente_id=medewerker.gemeente_id, organisatie=organisatie
        )
    }


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


# --- a partner's own afspraken (issue 17) -------------------------------------------------------


def _eigen_afspraken_filter(medewerker: Medewerker):
    """The afspraken made for this partner's organisation (its own or the one it has at the
    table) or in its own name, at tables it is a member of; the rule of Mijn taken."""
    from django.db.models import Exists, OuterRef, Q

    namen = {medewerker.organisatie, medewerker.naam, medewerker.username} - {"", None}
    lidmaatschappen = Lidmaatschap.objects.filter(
        medewerker=medewerker, overleg_id=OuterRef("agendapunt__bijeenkomst__overleg_id")
    )
    op_naam = Q(pk__in=[])
    for naam in namen:
        op_naam |= Q(wie__iexact=naam)
    aan_tafel = Lidmaatschap.objects.filter(
        medewerker=medewerker,
        overleg_id=OuterRef("agendapunt__bijeenkomst__overleg_id"),
        organisatie__iexact=OuterRef("wie"),
    )
    return Q(Exists(lidmaatschappen)) & (op_naam | Q(Exists(aan_tafel)))


def eigen_afspraken(*, medewerker: Medewerker) -> QuerySet[Afspraak]:
    """A partner's own afspraken (404-scoped: nothing for staff or another gemeente)."""
    if not toegang.is_partner(medewerker):
        return Afspraak.objects.none()
    return (
        Afspraak.objects.filter(gemeente_id=medewerker.gemeente_id)
        .filter(_eigen_afspraken_filter(medewerker))
        .select_related("actie", "agendapunt__bijeenkomst__overleg", "gereed_gemeld_door")
    )


def eigen_afspraak_inzien(
    *, medewerker: Medewerker, afspraak_id: UUID, vandaag: date | None = None
) -> Afspraak:
    """One of the partner's own afspraken for the form to report it done. Its text is shown as
    the agenda shows it to this partner (masked without a ground; outside the meeting's window
    not at all); the read is logged with the overleg as purpose."""
    vandaag = vandaag or timezone.localdate()
    try:
        afspraak = eigen_afspraken(medewerker=medewerker).get(pk=afspraak_id)
    except (Afspraak.DoesNotExist, ValueError):
        raise NietGevonden("Afspraak niet gevonden.") from None
    bijeenkomst = afspraak.agendapunt.bijeenkomst
    afspraak.in_venster = toegang.venster_open(bijeenkomst, vandaag)
    afspraak.getoond = ""
    if afspraak.in_venster:
        kijker = kijker_voor(medewerker, bijeenkomst.overleg)
        agenda = _agenda(bijeenkomst)
        afspraak.aanduiding, _deel, tekst = aanduidingen(bijeenkomst, agenda, kijker, vandaag)[
            afspraak.agendapunt_id
        ]
        afspraak.getoond = tekst(afspraak.wat)
    casus = Casus.objects.filter(pk=afspraak.agendapunt.casus_id).values_list(
        "huishouden_id", flat=True
    )
    _log(
        medewerker,
        [
            Vastlegging(
                Handeling.LEZEN,
                "afspraak",
                afspraak.pk,
                casus.first(),
                afspraak.agendapunt.casus_id,
                f"eigen afspraak; {doel(bijeenkomst)}",
            )
        ],
    )
    return afspraak
