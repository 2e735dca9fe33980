"""Making and updating precedents, publishing them to the region, and recording the motivation
of a decision that differs from its precedents. One function per action, one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from itertools import islice
from uuid import UUID

from django.db import connection, transaction
from django.utils import timezone

from doorbraak import vaste_sql
from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.budget.models import Aanvraag, AanvraagStatus
from doorbraak.casussen.models import Casus, Meting
from doorbraak.fouten import Conflict, GeenToegang, Validatiefout
from doorbraak.invoer import zonder_nul
from doorbraak.maskering import masker_voor
from doorbraak.organisaties.models import Medewerker, Rol
from doorbraak.overleg.brief import OUDE_DATUM_JAREN, leeftijd, personen
from doorbraak.precedenten import vergelijking
from doorbraak.precedenten.models import (
    Afwijking,
    Besluit,
    Moment,
    Precedent,
    Regiopublicatie,
    Uitkomst,
    Zoekwoord,
)

SYSTEEM = "systeem (precedenten)"
AANDUIDING = "het huishouden"

#: Age bands: (upper bound inclusive, label).
LEEFTIJDSBANDEN: tuple[tuple[int, str], ...] = (
    (3, "0-3"),
    (11, "4-11"),
    (17, "12-17"),
    (26, "18-26"),
    (45, "27-45"),
    (66, "46-66"),
)


def leeftijdsband(jaren: int) -> str:
    for grens, naam in LEEFTIJDSBANDEN:
        if jaren <= grens:
            return naam
    return "67+"


def _masker(casus: Casus, peildatum: date):
    """The partner-brief masking with no ground: names, identifiers, addresses, exact amounts
    and special-category terms all masked."""
    return masker_voor(
        personen(casus),
        woorden={casus.huishouden.naam: AANDUIDING},
        drempeljaar=peildatum.year - OUDE_DATUM_JAREN,
    )


def _scores(meting: Meting | None) -> list[dict]:
    if meting is None:
        return []
    return [
        {"code": s.leefgebied.code, "naam": s.leefgebied.naam, "score": s.score}
        for s in sorted(
            meting.scores.all(), key=lambda s: (s.leefgebied.volgorde, s.leefgebied.naam)
        )
    ]


def _meting_op(metingen: list[Meting], datum: date) -> Meting | None:
    """The latest measurement on or before `datum`."""
    eerder = [m for m in metingen if m.datum <= datum]
    return eerder[-1] if eerder else None


def _voorliggend(casus: Casus) -> list[dict]:
    check = casus.regelchecks.order_by("-aangemaakt_op").first()
    if check is None:
        return []
    return [
        {"naam": v.get("naam", v.get("code", "")), "uitkomst": v.get("uitkomst", "")}
        for v in check.uitkomst.get("voorzieningen", [])
    ]


def zoektekst(p: Precedent) -> str:
    """The text a precedent is found by (all of it masked already)."""
    delen = [p.knelpunttekst, p.situatie, p.doorbraak, p.motivering, " ".join(p.regelingen)]
    return "\n".join(d for d in delen if d)


#: The 'dutch' tsvector of a precedent, weighted (knelpunten first): one expression for the
#: single precedent and for the bulk.
ZOEKVECTOR_SQL = (
    "setweight(to_tsvector('dutch'::regconfig, coalesce(knelpunttekst, '')), 'A') || "
    "setweight(to_tsvector('dutch'::regconfig, "
    "coalesce(doorbraak, '') || ' ' || coalesce(situatie, '')), 'B') || "
    "setweight(to_tsvector('dutch'::regconfig, coalesce(motivering, '')), 'C')"
)


def _zoekvector_bijwerken(precedent: Precedent) -> None:
    """On PostgreSQL: the tsvector of one precedent's search text."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "precedenten_precedent" SET "zoekvector" = {ZOEKVECTOR_SQL} '  # noqa: S608
            'WHERE "id" = %s',
            [precedent.pk],
        )


def _zoekwoorden_bijwerken(gemeente_id, teksten: Iterable[str]) -> None:
    """Add the words of these (masked) texts to the gemeente's vocabulary (the typo look-up)."""
    woorden = set()
    for tekst in teksten:
        woorden |= {w for w in vergelijking.woorden(tekst) if len(w) <= 60}
    Zoekwoord.objects.bulk_create(
        [Zoekwoord(gemeente_id=gemeente_id, woord=w) for w in sorted(woorden)],
        ignore_conflicts=True,
        batch_size=1000,
    )


#: The columns the bulk writes; the tsvector is computed by PostgreSQL on the way in.
_BULKVELDEN = [f for f in Precedent._meta.concrete_fields if f.column not in ("zoekvector",)]


def _kopieer(precedenten: Sequence[Precedent]) -> None:
    """PostgreSQL: COPY into a temporary table, then one INSERT … SELECT that computes the
    tsvector, so every row is written once."""
    kolommen = ", ".join(connection.ops.quote_name(f.column) for f in _BULKVELDEN)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS precedent_invoer "
            "(LIKE precedenten_precedent) ON COMMIT DELETE ROWS"
        )
        with cursor.cursor.copy(f"COPY precedent_invoer ({kolommen}) FROM STDIN") as copy:
            for p in precedenten:
                copy.write_row(
                    [f.get_db_prep_save(getattr(p, f.attname), connection) for f in _BULKVELDEN]
                )
        cursor.execute(
            f"INSERT INTO precedenten_precedent ({kolommen}, zoekvector) "  # noqa: S608
            f"SELECT {kolommen}, {ZOEKVECTOR_SQL} FROM precedent_invoer"
        )
        cursor.execute("DELETE FROM precedent_invoer")


def precedenten_in_bulk(precedenten: Iterable[Precedent], *, batch: int = 5000) -> int:
    """Write precedents that are anonymised by construction (the demo's earlier doorbraken, the
    generator's and the bench's synthetic ones) in bulk, searchable as `precedent_vastleggen`
    makes them: the search text, the 'dutch' tsvector and the typo vocabulary. One transaction
    per batch of `batch`; COPY on PostgreSQL, bulk_create elsewhere. Nothing is logged: no
    household's data is processed. Returns how many were written."""
    if batch < 1:
        raise ValueError("batch moet minstens 1 zijn")
    gemaakt = 0
    rijen = iter(precedenten)
    while deel := list(islice(rijen, batch)):
        nu = timezone.now()
        for p in deel:
            p.zoektekst = zoektekst(p)
            p.aangemaakt_op = p.aangemaakt_op or nu
            p.bijgewerkt_op = p.bijgewerkt_op or nu
        with transaction.atomic():
            if connection.vendor == "postgresql":
                _kopieer(deel)
            else:
                Precedent.objects.bulk_create(deel, batch_size=1000)
            per_gemeente: dict = {}
            for p in deel:
                per_gemeente.setdefault(p.gemeente_id, []).append(p.zoektekst)
            for gemeente_id, teksten in per_gemeente.items():
                _zoekwoorden_bijwerken(gemeente_id, teksten)
        gemaakt += len(deel)
    return gemaakt


def precedent_samenstellen(aanvraag: Aanvraag) -> dict:
    """The fields of the precedent of a decided request (no name, BSN, address or birth date;
    free text masked; ages as bands; the amount exact)."""
    casus = (
        Casus.objects.select_related("huishouden", "doelgroep")
        .prefetch_related("huishouden__gezinsleden", "hulpverleners")
        .get(pk=aanvraag.casus_id)
    )
    besloten = timezone.localdate(aanvraag.besloten_op) if aanvraag.besloten_op else date.today()
    masker = _masker(casus, besloten)
    metingen = list(
        casus.metingen.prefetch_related("scores__leefgebied").order_by("datum", "aangemaakt_op")
    )
    domeinen = _scores(_meting_op(metingen, besloten) or (metingen[0] if metingen else None))
    plan = getattr(casus, "doorbraakplan", None)
    knelpunten = []
    if plan is not None:
        for k in plan.knelpunten.all():
            knelpunten.append(
                {
                    "omschrijving": masker(k.omschrijving),
                    "soort": k.soort,
                    "regeling": k.regeling.strip().upper(),
                    "artikel": k.artikel.strip(),
                    "sleutel": vergelijking.artikelsleutel(k.regeling, k.artikel)
                    if k.regeling
                    else "",
                }
            )
    leeftijden = sorted(
        (
            {"rol": lid.rol, "band": leeftijdsband(leeftijd(lid.geboortedatum, besloten))}
            for lid in casus.huishouden.gezinsleden.all()
        ),
        key=lambda x: (x["rol"], x["band"]),
    )
    return {
        "gemeente_id": aanvraag.gemeente_id,
        "doelgroep_code": casus.doelgroep.code,
        "doelgroep_naam": casus.doelgroep.naam,
        "urgentie": casus.urgentie,
        "leeftijden": leeftijden,
        "domeinen": domeinen,
        "lage_domeinen": sorted(
            d["code"] for d in domeinen if d["score"] <= vergelijking.LAGE_SCORE
        ),
        "situatie": masker(plan.situatie if plan else casus.aanleiding),
        "knelpunten": knelpunten,
        "artikelen": sorted({k["sleutel"] for k in knelpunten if k["sleutel"]}),
        "regelingen": sorted({k["regeling"] for k in knelpunten if k["regeling"]}),
        "knelpunttekst": "\n".join(k["omschrijving"] for k in knelpunten),
        "voorliggend": _voorliggend(casus),
        "doorbraak": masker(plan.doorbraak if plan and plan.doorbraak else aanvraag.motivering),
        "bedrag": aanvraag.bedrag,
        "bedragband": vergelijking.bedragband(aanvraag.bedrag),
        "vorm": aanvraag.vorm,
        "fonds_code": aanvraag.fonds.code,
        "fonds_naam": aanvraag.fonds.naam,
        "besluit": Besluit.AFGEWEZEN
        if aanvraag.status == AanvraagStatus.AFGEWEZEN
        else Besluit.TOEGEKEND,
        "motivering": masker(aanvraag.besluit_motivering),
        "besloten_in": besloten.replace(day=1),
    }


def precedent_vastleggen(*, aanvraag_id: UUID) -> Precedent | None:
    """Make (or remake) the precedent of a decided request. A request that was not decided
    (or whose decision was undone before this ran) makes none. Idempotent."""
    with transaction.atomic():
        aanvraag = (
            Aanvraag.objects.select_for_update(of=("self",), no_key=True)
            .select_related("fonds", "casus")
            .filter(pk=aanvraag_id)
            .first()
        )
        if aanvraag is None or aanvraag.besloten_op is None:
            return None
        if aanvraag.status not in (
            AanvraagStatus.TOEGEKEND,
            AanvraagStatus.AFGEWEZEN,
            AanvraagStatus.BETAALD,
            AanvraagStatus.VERVALLEN,
        ):
            return None
        velden = precedent_samenstellen(aanvraag)
        precedent, nieuw = Precedent.objects.update_or_create(aanvraag=aanvraag, defaults=velden)
        _nameting_verwerken(precedent, aanvraag)
        precedent.zoektekst = zoektekst(precedent)
        precedent.save()
        _zoekvector_bijwerken(precedent)
        _zoekwoorden_bijwerken(precedent.gemeente_id, [precedent.zoektekst])
        leg_vast(
            gemeente_id=aanvraag.gemeente_id,
            door=SYSTEEM,
            vastleggingen=[
                Vastlegging(
                    Handeling.AANMAKEN if nieuw else Handeling.WIJZIGEN,
                    "precedent",
                    precedent.pk,
                    aanvraag.casus.huishouden_id,
                    aanvraag.casus_id,
                    "geanonimiseerd precedent van een besluit",
                )
            ],
        )
        return precedent


def _nameting_verwerken(precedent: Precedent, aanvraag: Aanvraag) -> None:
    """The outcome at 6 and 12 months: the scores then, and from the follow-up (Nameting) what
    happened and the MKBA's prediction against what was realised."""
    from doorbraak.mkba.models import Nameting

    casus = aanvraag.casus
    besloten = timezone.localdate(aanvraag.besloten_op)
    metingen = list(
        casus.metingen.prefetch_related("scores__leefgebied").order_by("datum", "aangemaakt_op")
    )
    masker = _masker(
        Casus.objects.select_related("huishouden")
        .prefetch_related("huishouden__gezinsleden", "hulpverleners")
        .get(pk=casus.pk),
        besloten,
    )
    verloop = []
    nameting = (
        Nameting.objects.filter(casus_id=casus.pk, datum__gte=besloten)
        .select_related("mkba")
        .order_by("-datum", "-aangemaakt_op")
        .first()
    )
    for maanden in (6, 12):
        peil = besloten + timedelta(days=round(maanden * 30.44))
        meting = _meting_op(metingen, peil)
        if meting is None or meting.datum <= besloten:
            meting = None
        item: dict = {"maanden": maanden}
        if meting is not None and meting.datum > besloten + timedelta(days=(maanden - 3) * 30):
            item["scores"] = {d["code"]: d["score"] for d in _scores(meting)}
        if maanden == 12 and nameting is not None:
            item.update(
                {
                    "sleutelgebeurtenis": nameting.sleutelgebeurtenis,
                    "uithuisplaatsing": nameting.uithuisplaatsing,
                    "hulpverleners_gestopt": nameting.hulpverleners_gestopt,
                    "wat_er_gebeurde": masker(nameting.toelichting),
                    "mkba_voorspeld": str(nameting.mkba.saldo),
                    "werkelijke_kosten": str(nameting.werkelijke_kosten)
                    if nameting.werkelijke_kosten is not None
                    else None,
                }
            )
        if len(item) > 1:
            verloop.append(item)
    precedent.verloop = verloop
    precedent.uitkomst = _uitkomst(nameting)


def _uitkomst(nameting) -> str:
    if nameting is None or nameting.sleutelgebeurtenis is None:
        return Uitkomst.NOG_ONBEKEND
    if nameting.sleutelgebeurtenis:
        return Uitkomst.NIET_GESLAAGD
    if nameting.uithuisplaatsing:
        return Uitkomst.DEELS
    return Uitkomst.GESLAAGD


def precedenten_bijwerken_na_nameting(*, casus_id: UUID) -> int:
    """After a follow-up: update the precedents of the case's decided requests."""
    ids = list(
        Aanvraag.objects.filter(casus_id=casus_id, besloten_op__isnull=False).values_list(
            "pk", flat=True
        )
    )
    return sum(1 for pk in ids if precedent_vastleggen(aanvraag_id=pk) is not None)


# --- hooks for the deciding transaction and the follow-up ------------------------------------


def na_besluit(aanvraag: Aanvraag, mee: list[vaste_sql.Deel] | None = None) -> None:
    """Called inside the deciding transaction: the precedent is made on the queue once the
    decision commits (a rollback takes the job off the queue with it). `mee`: the parts of the
    statement the decision sends next (`taken.services.plaats_taak`)."""
    from doorbraak.taken.services import plaats_taak

    plaats_taak(
        functie="doorbraak.precedenten.taken.leg_precedent_vast",
        sleutel=f"precedent:{aanvraag.pk}:besluit",
        args=[str(aanvraag.pk)],
        gemeente_id=aanvraag.gemeente_id,
        omschrijving="Precedent van een besluit",
        mee=mee,
    )


def na_nameting(nameting) -> None:
    from doorbraak.taken.services import plaats_taak

    plaats_taak(
        functie="doorbraak.precedenten.taken.werk_precedenten_bij",
        sleutel=f"precedent:nameting:{nameting.pk}",
        args=[str(nameting.casus_id)],
        gemeente_id=nameting.gemeente_id,
        omschrijving="Precedenten bijwerken na een nameting",
    )


def afwijking_vastleggen(
    *,
    aanvraag: Aanvraag,
    door: Medewerker,
    besluit: str,
    motivering: str,
    moment: str = Moment.BESLUIT,
    laagste: list | None = None,
) -> list[vergelijking.Signaal]:
    """Inside the deciding (or advising) transaction: when the decision differs strongly from
    the closest precedents, a short motivation is required and recorded with it. `laagste`: the
    two lowest visible grants as read with the request (`selectors.laagste_als_kolom`)."""
    from doorbraak.precedenten import selectors

    signalen = selectors.signalen_voor_aanvraag(aanvraag=aanvraag, besluit=besluit, laagste=laagste)
    if not signalen:
        return []
    motivering = (motivering or "").strip()
    if not motivering:
        raise Validatiefout(
            " ".join(s.tekst for s in signalen) + " Geef kort aan waarom deze aanvraag anders is.",
            veld="afwijking_motivering",
        )
    zonder_nul(motivering, veld="afwijking_motivering")
    if len(motivering) > 2000:
        raise Validatiefout("Hoogstens 2000 tekens.", veld="afwijking_motivering")
    Afwijking.objects.create(
        gemeente_id=aanvraag.gemeente_id,
        aanvraag=aanvraag,
        moment=moment,
        signalen=[s.code for s in signalen],
        motivering=motivering,
        door=door,
    )
    return signalen


def afwijking_bij_advies(
    *, aanvraag: Aanvraag, door: Medewerker, advies: str, motivering: str
) -> list[vergelijking.Signaal]:
    """Inside the reviewing transaction: the colleague's advice weighed as the decision it
    recommends (positive as a go, negative as a refusal)."""
    return afwijking_vastleggen(
        aanvraag=aanvraag,
        door=door,
        besluit="afgewezen" if advies == "negatief" else "go",
        motivering=motivering,
        moment=Moment.ADVIES,
    )


# --- publishing to the region ----------------------------------------------------------------


def _vereis_privacy(door: Medewerker) -> None:
    if door.gemeente_id is None or not door.heeft_rol(Rol.PRIVACY):
        raise GeenToegang("Alleen de privacyfunctionaris publiceert precedenten in de regio.")


def regio_publiceren(*, door: Medewerker, privacytoets: str) -> Regiopublicatie:
    """The privacy officer records the privacy check and shares the gemeente's precedents with
    the other gemeenten of its region."""
    _vereis_privacy(door)
    privacytoets = (privacytoets or "").strip()
    if not privacytoets:
        raise Validatiefout("Leg de bevindingen van de privacytoets vast.", veld="privacytoets")
    zonder_nul(privacytoets, veld="privacytoets")
    if door.gemeente.regio_id is None:
        raise Conflict("De gemeente hoort bij geen regio.", veld="regio")
    with transaction.atomic():
        if (
            Regiopublicatie.objects.select_for_update(no_key=True)
            .filter(gemeente_id=door.gemeente_id, ingetrokken_op__isnull=True)
            .exists()
        ):
            raise Conflict("De precedenten zijn al in de regio gepubliceerd.", veld="publicatie")
        publicatie = Regiopublicatie.objects.create(
            gemeente_id=door.gemeente_id,
            privacytoets=privacytoets,
            getoetst_door=door,
            getoetst_op=timezone.now(),
        )
        leg_vast(
            gemeente_id=door.gemeente_id,
            door=door,
            vastleggingen=[
                Vastlegging(
                    Handeling.AANMAKEN,
                    "regiopublicatie",
                    publicatie.pk,
                    None,
                    None,
                    "precedenten in de regio gepubliceerd",
                )
            ],
        )
        return publicatie


def regio_intrekken(*, door: Medewerker, reden: str = "") -> Regiopublicatie:
    """Withdraw the publication: the precedents disappear for every other gemeente at once."""
    _vereis_privacy(door)
    with transaction.atomic():
        publicatie = (
            Regiopublicatie.objects.select_for_update(no_key=True)
            .filter(gemeente_id=door.gemeente_id, ingetrokken_op__isnull=True)
            .first()
        )
        if publicatie is None:
            raise Conflict("De precedenten zijn niet gepubliceerd.", veld="publicatie")
        publicatie.ingetrokken_op = timezone.now()
        publicatie.ingetrokken_door = door
        publicatie.reden_intrekking = (reden or "").strip()
        publicatie.save(update_fields=["ingetrokken_op", "ingetrokken_door", "reden_intrekking"])
        leg_vast(
            gemeente_id=door.gemeente_id,
            door=door,
            vastleggingen=[
                Vastlegging(
                    Handeling.WIJZIGEN,
                    "regiopublicatie",
                    publicatie.pk,
                    None,
                    None,
                    "publicatie van precedenten ingetrokken",
                )
            ],
        )
        return publicatie
