"""Every read of precedents: scoped to the gemeente and to what other gemeenten of its region
published, searched by situation and ranked.

On PostgreSQL the candidates come through composite GIN indexes (gemeente, decision month and
the 'dutch' tsvector or the blocking articles; btree_gin), first within the newest precedents
of each visible gemeente, and a misspelt word through the vocabulary's trigram index; on SQLite
the candidates are every visible precedent with a simple word-overlap text score.
Either way `vergelijking.vergelijk` ranks them and says why each is similar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from uuid import UUID

from django.db import connection
from django.db.models import F, QuerySet

from doorbraak import vaste_sql
from doorbraak.budget.models import Aanvraag
from doorbraak.casussen.models import Casus
from doorbraak.fouten import GeenToegang, Validatiefout
from doorbraak.organisaties.bevoegdheden import rollen
from doorbraak.organisaties.models import Gemeente, Medewerker
from doorbraak.precedenten import vergelijking
from doorbraak.precedenten.models import (
    Afwijking,
    Besluit,
    Precedent,
    Regiopublicatie,
    Uitkomst,
    Zoekwoord,
)

#: How many candidates each index query hands to the ranking.
KANDIDATEN = 200
#: The SQLite fallback ranks at most this many (the newest) visible precedents.
FALLBACK_MAX = 5000
MAX_ZOEKWOORDEN = 16
_LETTERS = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def vereis_inzage(medewerker: Medewerker) -> None:
    if medewerker.gemeente_id is None or not any(
        medewerker.heeft_rol(r) for r in rollen("precedenten.lezen")
    ):
        raise GeenToegang("U kunt geen precedenten inzien.")


@dataclass(frozen=True)
class Filters:
    regeling: str = ""
    artikel: str = ""
    fonds: str = ""
    uitkomst: str = ""
    besluit: str = ""

    def __post_init__(self) -> None:
        if self.uitkomst and self.uitkomst not in Uitkomst.values:
            raise Validatiefout("Onbekende uitkomst.", veld="uitkomst")
        if self.besluit and self.besluit not in Besluit.values:
            raise Validatiefout("Onbekend besluit.", veld="besluit")
        for naam in ("regeling", "artikel", "fonds"):
            if len(getattr(self, naam)) > 80:
                raise Validatiefout("Hoogstens 80 tekens.", veld=naam)


@dataclass
class Treffer:
    precedent: Precedent
    gelijkenis: vergelijking.Gelijkenis
    eigen: bool
    gemeente: str = ""

    @property
    def waarom(self) -> str:
        return self.gelijkenis.waarom


@dataclass
class Vergelijkbaar:
    treffers: list[Treffer]
    signalen: list[vergelijking.Signaal] = field(default_factory=list)
    bij_afwijzen: list[vergelijking.Signaal] = field(default_factory=list)
    mediaan: Decimal | None = None
    #: The motivations of deviations already recorded with this request (advice, decision).
    motiveringen: list[Afwijking] = field(default_factory=list)


def _gepubliceerd_in_regio(kolommen: str, regio: str) -> str:
    """SQL: the region's publications that are not withdrawn, i.e. the gemeenten whose
    precedents the region's gemeenten see (aliases r: publication, g: its gemeente). The one
    statement of this rule, for the lists here and the go's deviation check."""
    v, k = vaste_sql, vaste_sql.kolom
    return (
        f"SELECT {kolommen} FROM {v.tabel(Regiopublicatie)} r "  # noqa: S608
        f"JOIN {v.tabel(Gemeente)} g ON g.id = r.{k(Regiopublicatie, 'gemeente')} "
        f"WHERE r.{k(Regiopublicatie, 'ingetrokken_op')} IS NULL "
        f"AND g.{k(Gemeente, 'regio')} = {regio}"
    )


def gepubliceerde_gemeenten(gemeente: Gemeente) -> dict[UUID, str]:
    """Other gemeenten of the region that published their precedents: id → name."""
    if gemeente.regio_id is None:
        return {}
    k = vaste_sql.kolom
    with connection.cursor() as cursor:
        cursor.execute(
            _gepubliceerd_in_regio(
                f"r.{k(Regiopublicatie, 'gemeente')}, g.{k(Gemeente, 'naam')}", "%s"
            ),
            [vaste_sql.param(Gemeente, "regio", gemeente.regio_id)],
        )
        rijen = cursor.fetchall()
    ids = vaste_sql.kolom_omzetten(Regiopublicatie, "gemeente", [r[0] for r in rijen])
    return {pk: naam for pk, (_, naam) in zip(ids, rijen, strict=True) if pk != gemeente.pk}


def _zichtbaar(gemeente: Gemeente) -> tuple[QuerySet[Precedent], dict[UUID, str]]:
    anderen = gepubliceerde_gemeenten(gemeente)
    return Precedent.objects.filter(gemeente_id__in=[gemeente.pk, *anderen]), anderen


def _facetten(qs: QuerySet[Precedent], filters: Filters) -> QuerySet[Precedent]:
    if filters.fonds:
        qs = qs.filter(fonds_code=filters.fonds)
    if filters.uitkomst:
        qs = qs.filter(uitkomst=filters.uitkomst)
    if filters.besluit:
        qs = qs.filter(besluit=filters.besluit)
    if connection.vendor == "postgresql":
        if filters.regeling:
            qs = qs.filter(regelingen__contains=[filters.regeling.strip().upper()])
        if filters.artikel:
            qs = qs.filter(artikelen__contains=[_sleutel(filters)])
    return qs


def _sleutel(filters: Filters) -> str:
    """The article filter as a key: 'PW 18 lid 4', or 'art. 18 lid 4' with the regeling."""
    artikel = filters.artikel.strip()
    if filters.regeling and not artikel.upper().startswith(filters.regeling.strip().upper()):
        return vergelijking.artikelsleutel(filters.regeling, artikel)
    regeling, _, rest = artikel.partition(" ")
    return vergelijking.artikelsleutel(regeling, rest)


def _past_facet(p: dict, filters: Filters) -> bool:
    """The JSON-array facets for SQLite (PostgreSQL filters them in the query)."""
    if connection.vendor == "postgresql":
        return True
    if filters.regeling and filters.regeling.strip().upper() not in p["regelingen"]:
        return False
    return not (filters.artikel and _sleutel(filters) not in p["artikelen"])


def zoekwoorden(tekst: str) -> list[str]:
    """The distinct words of a question (letters only, so they are safe in a tsquery), longest
    first, at most MAX_ZOEKWOORDEN."""
    gezien: dict[str, None] = {}
    for w in _LETTERS.findall(tekst or ""):
        gezien.setdefault(w.casefold(), None)
    return sorted(gezien, key=len, reverse=True)[:MAX_ZOEKWOORDEN]


#: The columns the ranking needs; the full rows are fetched for the hits shown only.
SMAL = (
    "id",
    "gemeente_id",
    "artikelen",
    "lage_domeinen",
    "doelgroep_code",
    "bedragband",
    "besluit",
    "bedrag",
    "besloten_in",
    "aangemaakt_op",
)
#: Fewer text hits than this: also look for similar spellings (trigrams).
MIN_TEKSTTREFFERS = 20
#: The candidate queries look first among the newest VENSTER precedents of each visible
#: gemeente (the date bound is in the composite GIN indexes, so PostgreSQL reads only the rows
#: that match inside it); with fewer than MIN_IN_VENSTER hits there, among all.
VENSTER = 2000
MIN_IN_VENSTER = 50
#: At most this many unknown question words are looked up in the vocabulary, each giving at
#: most MAX_VERBETERINGEN similar words.
MAX_ONBEKEND = 4
MAX_VERBETERINGEN = 3


def _venstergrens(gemeenten: list[UUID]):
    """The date from which every visible gemeente has about VENSTER precedents at most and at
    least one has VENSTER: per gemeente its VENSTER-th newest (a backward scan of the
    (gemeente, besloten_in) index), the latest of those; None when none has that many."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT max(grens.besloten_in) FROM unnest(%s::uuid[]) AS g(id) "
            'CROSS JOIN LATERAL (SELECT p."besloten_in" FROM "precedenten_precedent" p '
            'WHERE p."gemeente_id" = g.id ORDER BY p."besloten_in" DESC OFFSET %s LIMIT 1) grens',
            [list(gemeenten), VENSTER - 1],
        )
        return cursor.fetchone()[0]


def verbeteringen(woorden: list[str], gemeenten: list[UUID]) -> dict[str, float]:
    """For question words the visible gemeenten never used: the closest words they did use
    (trigram similarity over the vocabulary, through its GIN index), with the similarity."""
    from django.contrib.postgres.search import TrigramSimilarity

    bekend = set(
        Zoekwoord.objects.filter(gemeente_id__in=gemeenten, woord__in=woorden).values_list(
            "woord", flat=True
        )
    )
    gevonden: dict[str, float] = {}
    for woord in [w for w in woorden if w not in bekend][:MAX_ONBEKEND]:
        for kandidaat, gelijkenis in (
            Zoekwoord.objects.filter(gemeente_id__in=gemeenten, woord__trigram_similar=woord)
            .annotate(gelijkenis=TrigramSimilarity("woord", woord))
            .order_by("-gelijkenis", "woord")
            .values_list("woord", "gelijkenis")
            .distinct()[:MAX_VERBETERINGEN]
        ):
            gevonden[kandidaat] = max(gevonden.get(kandidaat, 0.0), float(gelijkenis))
    return gevonden


def _kandidaten_pg(
    qs: QuerySet[Precedent],
    tekst: str,
    situatie: vergelijking.Situatie | None,
    gemeenten: list[UUID],
) -> dict[UUID, tuple[Precedent, float]]:
    """At most a few hundred candidates, each query through a GIN index and bounded: the
    newest precedents that contain every word, then any word (the 'dutch' tsvector), then,
    with few hits, the closest known spellings of unknown words (trigrams over the
    vocabulary); and the newest with a shared article."""
    from django.contrib.postgres.search import SearchQuery, SearchRank

    gevonden: dict[UUID, tuple[dict, float]] = {}

    def neem(rijen, score) -> None:
        for p in rijen:
            s = score(p)
            if p["id"] not in gevonden or gevonden[p["id"]][1] < s:
                gevonden[p["id"]] = (p, s)

    smal = qs.values(*SMAL)
    grens = _venstergrens(gemeenten)

    def nieuwste(gefilterd: QuerySet) -> list[dict]:
        if grens is not None:
            rijen = list(
                gefilterd.filter(besloten_in__gte=grens).order_by("-besloten_in")[:KANDIDATEN]
            )
            if len(rijen) >= MIN_IN_VENSTER:
                return rijen
        return list(gefilterd.order_by("-besloten_in")[:KANDIDATEN])

    def tekstzoeken(woorden: list[str], teken: str, factor: float = 1.0) -> None:
        vraag = SearchQuery(f" {teken} ".join(woorden), search_type="raw", config="dutch")
        # Ranked in the same query: only the matches inside the window are read.
        rijen = nieuwste(
            smal.filter(zoekvector=vraag).annotate(
                rang=SearchRank(F("zoekvector"), vraag, normalization=32)
            )
        )
        neem(rijen, lambda p: factor * min(1.0, 4 * float(p["rang"] or 0)))

    woorden = zoekwoorden(tekst)
    if woorden:
        for teken in ("&", "|") if len(woorden) > 1 else ("|",):
            tekstzoeken(woorden, teken)
            if len(gevonden) >= KANDIDATEN:
                break
        if len(gevonden) < MIN_TEKSTTREFFERS:
            verbeterd = verbeteringen(woorden, gemeenten)
            if verbeterd:
                tekstzoeken(sorted(verbeterd), "|", factor=max(verbeterd.values()))
    if situatie and situatie.artikelen:
        neem(
            nieuwste(smal.filter(artikelen__has_any_keys=sorted(situatie.artikelen))), lambda p: 0.0
        )
    if not woorden and not (situatie and situatie.artikelen):
        neem(smal.order_by("-besloten_in", "-aangemaakt_op")[:KANDIDATEN], lambda p: 0.0)
    return gevonden


def _kandidaten_eenvoudig(qs: QuerySet[Precedent], tekst: str) -> dict:
    vraag = frozenset(zoekwoorden(tekst))
    rijen = qs.values(*SMAL, "zoektekst", "regelingen").order_by("-besloten_in", "-aangemaakt_op")
    return {
        p["id"]: (p, vergelijking.woordscore(vraag, vergelijking.woorden(p["zoektekst"])))
        for p in rijen[:FALLBACK_MAX]
    }


def als_situatie(p: dict) -> vergelijking.Situatie:
    """A candidate row (the SMAL columns) as the comparison sees it."""
    return vergelijking.Situatie(
        artikelen=frozenset(p["artikelen"]),
        lage_domeinen=frozenset(p["lage_domeinen"]),
        doelgroep=p["doelgroep_code"],
        band=p["bedragband"],
    )


def _zoek(
    *,
    gemeente: Gemeente,
    tekst: str = "",
    situatie: vergelijking.Situatie | None = None,
    filters: Filters | None = None,
    limiet: int = 20,
    zonder_casus: UUID | None = None,
) -> list[Treffer]:
    filters = filters or Filters()
    qs, anderen = _zichtbaar(gemeente)
    qs = _facetten(qs, filters)
    if zonder_casus is not None:
        qs = qs.exclude(aanvraag__casus_id=zonder_casus)
    if connection.vendor == "postgresql":
        kandidaten = _kandidaten_pg(qs, tekst, situatie, [gemeente.pk, *anderen])
    else:
        kandidaten = _kandidaten_eenvoudig(qs, tekst)
        if tekst.strip() and situatie is None:  # a search in words: only texts that match
            kandidaten = {k: v for k, v in kandidaten.items() if v[1] > 0}
    vraag = situatie or vergelijking.Situatie()
    gerangschikt = []
    for p, tekstscore in kandidaten.values():
        if not _past_facet(p, filters):
            continue
        g = vergelijking.vergelijk(vraag, als_situatie(p), tekstscore=tekstscore)
        gerangschikt.append((-g.score, -p["besloten_in"].toordinal(), str(p["id"]), p, tekstscore))
    gerangschikt.sort(key=lambda r: r[:3])
    gerangschikt = gerangschikt[:limiet]
    volledig = Precedent.objects.in_bulk([r[3]["id"] for r in gerangschikt])
    # The "why similar" line names the domains: from the full rows of the hits shown only.
    namen = {d["code"]: d["naam"] for p in volledig.values() for d in p.domeinen}
    treffers = []
    for *_, p, tekstscore in gerangschikt:
        g = vergelijking.vergelijk(vraag, als_situatie(p), tekstscore=tekstscore, domeinnamen=namen)
        eigen = p["gemeente_id"] == gemeente.pk
        treffers.append(
            Treffer(volledig[p["id"]], g, eigen, "" if eigen else anderen.get(p["gemeente_id"], ""))
        )
    return treffers


def precedenten_zoeken(
    *, medewerker: Medewerker, zoek: str = "", filters: Filters | None = None, limiet: int = 20
) -> list[Treffer]:
    """The search of the Precedenten page and the API."""
    vereis_inzage(medewerker)
    if len(zoek) > 500:
        raise Validatiefout("Een zoekvraag heeft hoogstens 500 tekens.", veld="zoek")
    return _zoek(gemeente=medewerker.gemeente, tekst=zoek, filters=filters, limiet=limiet)


def precedent_ophalen(*, medewerker: Medewerker, precedent_id: UUID) -> Treffer:
    from doorbraak.fouten import NietGevonden

    vereis_inzage(medewerker)
    qs, anderen = _zichtbaar(medewerker.gemeente)
    p = qs.filter(pk=precedent_id).first()
    if p is None:
        raise NietGevonden("Dit precedent bestaat niet (of is niet gedeeld).")
    eigen = p.gemeente_id == medewerker.gemeente_id
    return Treffer(
        p, vergelijking.Gelijkenis(0, ()), eigen, "" if eigen else anderen[p.gemeente_id]
    )


# --- the situation of a case, and the closest precedents ---------------------------------------


def situatie_van_casus(casus: Casus, bedrag: Decimal | None = None):
    """(Situatie, masked search text) of a case as it stands."""
    from django.utils import timezone

    from doorbraak.precedenten.services import _masker, _scores

    casus = (
        Casus.objects.select_related("huishouden", "doelgroep")
        .prefetch_related("huishouden__gezinsleden", "hulpverleners")
        .get(pk=casus.pk)
    )
    plan = getattr(casus, "doorbraakplan", None)
    knelpunten = list(plan.knelpunten.all()) if plan is not None else []
    meting = (
        casus.metingen.prefetch_related("scores__leefgebied")
        .order_by("-datum", "-aangemaakt_op")
        .first()
    )
    scores = _scores(meting)
    situatie = vergelijking.Situatie(
        artikelen=frozenset(
            vergelijking.artikelsleutel(k.regeling, k.artikel) for k in knelpunten if k.regeling
        ),
        lage_domeinen=frozenset(d["code"] for d in scores if d["score"] <= vergelijking.LAGE_SCORE),
        doelgroep=casus.doelgroep.code,
        band=vergelijking.bedragband(bedrag),
    )
    masker = _masker(casus, timezone.localdate())
    teksten = [k.omschrijving for k in knelpunten] or [casus.aanleiding]
    return situatie, masker(" ".join(teksten))


def _vergeleken(treffers: list[Treffer]) -> list[vergelijking.Vergeleken]:
    return [
        vergelijking.Vergeleken(
            t.gelijkenis.score, t.precedent.besluit == Besluit.TOEGEKEND, t.precedent.bedrag
        )
        for t in treffers
    ]


def vergelijkbaar_voor_casus(
    *, medewerker: Medewerker, casus_id: UUID, bedrag: Decimal | None = None, limiet: int = 3
) -> Vergelijkbaar:
    """The closest precedents for a case (its own requests left out), and, given an amount, the
    signals when it differs strongly from them."""
    from doorbraak.casussen import selectors as casus_selectors

    vereis_inzage(medewerker)
    casus = casus_selectors.casus_ophalen(medewerker=medewerker, casus_id=casus_id)
    return _vergelijkbaar(casus, medewerker.gemeente, bedrag, limiet)


def _vergelijkbaar(casus: Casus, gemeente: Gemeente, bedrag, limiet: int) -> Vergelijkbaar:
    situatie, tekst = situatie_van_casus(casus, bedrag)
    treffers = _zoek(
        gemeente=gemeente, tekst=tekst, situatie=situatie, limiet=limiet, zonder_casus=casus.pk
    )
    if bedrag is None:
        return Vergelijkbaar(treffers)
    vergeleken = _vergeleken(treffers)
    return Vergelijkbaar(
        treffers,
        signalen=vergelijking.afwijkingen(bedrag=bedrag, besluit=None, vergelijkbaar=vergeleken),
        bij_afwijzen=[
            s
            for s in vergelijking.afwijkingen(
                bedrag=bedrag, besluit="afgewezen", vergelijkbaar=vergeleken
            )
            if s.code == "afwijzing_waar_toegekend"
        ],
        mediaan=vergelijking.mediaan_toegekend(vergeleken),
    )


def vergelijkbaar_voor_aanvraag(*, medewerker: Medewerker, aanvraag: Aanvraag) -> Vergelijkbaar:
    """The request page: the closest precedents, the signals for its amount, and the
    motivations of deviations recorded with its advice and decision."""
    vereis_inzage(medewerker)
    uitslag = _vergelijkbaar(aanvraag.casus, medewerker.gemeente, aanvraag.bedrag, 3)
    uitslag.motiveringen = list(
        Afwijking.objects.filter(gemeente_id=medewerker.gemeente_id, aanvraag_id=aanvraag.pk)
        .select_related("door")
        .order_by("op")
    )
    return uitslag


@cache
def _laagste_sql(gemeente: str = "%s", casus: str = "%s") -> str:
    """The rule once: the visible gemeenten (z: the own one and those that published in its
    region), their granted precedents, the request's own case left out. PostgreSQL takes the
    two lowest per gemeente from the index (gemeente, besluit, bedrag) in a LATERAL join and
    then the lowest two of those: with 100,000 precedents 0.3 ms instead of 65 ms for a scan
    and sort of every grant. SQLite has no LATERAL: the same conditions as one join."""
    from doorbraak.budget.models import Aanvraag

    v, k = vaste_sql, vaste_sql.kolom
    bedrag, eigen = f"p.{k(Precedent, 'bedrag')}", f"pa.{k(Aanvraag, 'casus')}"
    regio = f"(SELECT {k(Gemeente, 'regio')} FROM {v.tabel(Gemeente)} WHERE id = {gemeente})"  # noqa: S608
    gepubliceerd = _gepubliceerd_in_regio(f"r.{k(Regiopublicatie, 'gemeente')}", regio)
    zichtbaar = f"(SELECT {gemeente} AS id UNION {gepubliceerd}) z"
    toekenningen = (
        f"{v.tabel(Precedent)} p LEFT JOIN {v.tabel(Aanvraag)} pa "
        f"ON pa.id = p.{k(Precedent, 'aanvraag')} "
        f"WHERE p.{k(Precedent, 'gemeente')} = z.id AND p.{k(Precedent, 'besluit')} = %s "
        f"AND ({eigen} IS NULL OR {eigen} <> {casus})"
    )
    if connection.vendor == "postgresql":
        return (
            f"SELECT l.bedrag FROM {zichtbaar} CROSS JOIN LATERAL "  # noqa: S608
            f"(SELECT {bedrag} AS bedrag FROM {toekenningen} ORDER BY {bedrag} LIMIT 2) l "
            "ORDER BY l.bedrag LIMIT 2"
        )
    return f"SELECT {bedrag} FROM {zichtbaar}, {toekenningen} ORDER BY {bedrag} LIMIT 2"  # noqa: S608


def _laagste_toekenningen(aanvraag: Aanvraag) -> list[Decimal]:
    """The two lowest amounts among the granted precedents the search for this request could
    find (the gemeente's own and those its region published, the request's own case left out,
    as in `_zoek`), in one query written once (`doorbraak.vaste_sql`: every go asks it)."""
    gemeente = vaste_sql.param(Precedent, "gemeente", aanvraag.gemeente_id)
    with connection.cursor() as cursor:
        cursor.execute(
            _laagste_sql(),
            [
                gemeente,
                gemeente,
                Besluit.TOEGEKEND.value,
                vaste_sql.param(Aanvraag, "casus", aanvraag.casus_id),
            ],
        )
        rijen = cursor.fetchall()
    return vaste_sql.kolom_omzetten(Precedent, "bedrag", [r[0] for r in rijen])


def laagste_als_kolom(gemeente: str, casus: str) -> str | None:
    """`_laagste_toekenningen` as one column of another statement (PostgreSQL: an ARRAY), for
    the gemeente and case its SQL expressions name (the go's read of its request, so the quick
    precedent check costs no statement of its own); None elsewhere. Parameters:
    `laagste_parameters()`; the values through `laagste_omgezet`."""
    if connection.vendor != "postgresql":
        return None
    return f"ARRAY({_laagste_sql(gemeente, casus)})"


def laagste_parameters() -> list:
    return [Besluit.TOEGEKEND.value]


def laagste_omgezet(waarden: list) -> list[Decimal]:
    return sorted(vaste_sql.kolom_omzetten(Precedent, "bedrag", waarden))


def signalen_voor_aanvraag(
    *, aanvraag: Aanvraag, besluit: str, laagste: list[Decimal] | None = None
) -> list[vergelijking.Signaal]:
    """For the deciding service: the signals for this decision on this request. The similarity
    search runs only when its outcome could be a signal (`vergelijking.afwijking_mogelijk`):
    without two visible grants, or for a go within twice the mean of the two lowest, one
    query settles that there is none. `laagste`: those two as already read with the request
    (`laagste_als_kolom`); None: read here."""
    if laagste is None:
        laagste = _laagste_toekenningen(aanvraag)
    if not vergelijking.afwijking_mogelijk(
        bedrag=aanvraag.bedrag, besluit=besluit, laagste=laagste
    ):
        return []
    gemeente = Gemeente.objects.get(pk=aanvraag.gemeente_id)
    uitslag = _vergelijkbaar(aanvraag.casus, gemeente, aanvraag.bedrag, 3)
    return vergelijking.afwijkingen(
        bedrag=aanvraag.bedrag,
        besluit=besluit,
        vergelijkbaar=_vergeleken(uitslag.treffers),
    )
