"""Every read of the cost catalogue and of stored calculations, scoped to the caller's gemeente."""

from uuid import UUID

from django.db.models import QuerySet

from doorbraak.casussen import selectors as casus_selectors
from doorbraak.casussen.models import Casus
from doorbraak.fouten import NietGevonden
from doorbraak.mkba import catalogus, opbouw, toegang
from doorbraak.mkba.catalogus import Catalogusitem
from doorbraak.mkba.models import KengetalAanpassing, KengetalWijziging, Mkba
from doorbraak.organisaties.models import Medewerker


def catalogus_van_gemeente(*, gemeente_id: UUID) -> dict[str, Catalogusitem]:
    """The national catalogue with the gemeente's changes on top, at the price level (1 query)."""
    aanpassingen = KengetalAanpassing.objects.filter(gemeente_id=gemeente_id).values_list(
        "code", "gegevens"
    )
    return catalogus.samenvoegen(list(aanpassingen))


def kengetallen_voor(*, medewerker: Medewerker) -> list[Catalogusitem]:
    toegang.vereis_gemeente(medewerker)
    return list(catalogus_van_gemeente(gemeente_id=medewerker.gemeente_id).values())


def kengetal_voor(*, medewerker: Medewerker, code: str) -> Catalogusitem:
    toegang.vereis_gemeente(medewerker)
    try:
        return catalogus_van_gemeente(gemeente_id=medewerker.gemeente_id)[code]
    except KeyError:
        raise NietGevonden(f"Kengetal '{code}' bestaat niet.") from None


def kengetalwijzigingen_voor(*, medewerker: Medewerker) -> QuerySet[KengetalWijziging]:
    toegang.vereis_catalogusbeheer(medewerker)
    return KengetalWijziging.objects.filter(gemeente_id=medewerker.gemeente_id).order_by(
        "-op", "-pk"
    )


def _mkbas(casus: Casus) -> QuerySet[Mkba]:
    return (
        Mkba.objects.filter(gemeente_id=casus.gemeente_id, casus=casus)
        .select_related("door")
        .order_by("-aangemaakt_op", "-pk")
    )


def mkbas_van_casus(*, medewerker: Medewerker, casus_id: UUID) -> QuerySet[Mkba]:
    """The calculations of a case, newest first; logged as a read of the case's MKBA's."""
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=medewerker, casus_id=casus_id, onderdeel="mkbas"
    )
    return _mkbas(casus)


def mkba_inzien(*, medewerker: Medewerker, casus_id: UUID, mkba_id: UUID) -> Mkba:
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=medewerker, casus_id=casus_id, onderdeel="mkba"
    )
    try:
        return _mkbas(casus).get(pk=mkba_id)
    except (Mkba.DoesNotExist, ValueError):
        raise NietGevonden("MKBA niet gevonden bij deze casus.") from None


def laatste_mkba(*, casus: Casus) -> Mkba | None:
    """The newest calculation of a case (shown with a request to the reviewer and the manager).

    The caller has already fetched the case through a scoped, logged selector.
    """
    return _mkbas(casus).first()


def hulpverlenersregels(
    *, medewerker: Medewerker, casus_id: UUID, horizon_jaren: int
) -> list[opbouw.RegelInvoer]:
    """The helpers on the case as huidig-pad lines, to pull into a calculation in one step."""
    casus = casus_selectors.casus_onderdeel_inzien(
        medewerker=medewerker,
        casus_id=casus_id,
        onderdeel="hulpverleners",
        prefetch=("hulpverleners",),
    )
    return opbouw.hulpverlenersinvoer(hulpverlenerkosten(casus), horizon_jaren)


def hulpverlenerkosten(casus: Casus) -> list[opbouw.Hulpverlenerkosten]:
    return [
        opbouw.Hulpverlenerkosten(h.organisatie, h.rol, h.geschatte_jaarkosten, str(h.pk))
        for h in casus.hulpverleners.all()
        if h.geschatte_jaarkosten
    ]


def aanvragen_van_casus(*, casus: Casus):
    """The requests of a case (to take the doorbraak's cost from); the caller fetched the case
    through a scoped, logged selector."""
    from doorbraak.budget.models import Aanvraag

    return Aanvraag.objects.filter(gemeente_id=casus.gemeente_id, casus=casus).order_by(
        "-aangemaakt_op"
    )
