"""Reading the processing log (privacy role only). Reading it is itself logged."""

from uuid import UUID

from django.db.models import QuerySet

from doorbraak import bsn as bsn_bescherming
from doorbraak.audit.activiteiten import PRIVACY_TOEZICHT
from doorbraak.audit.models import Handeling, Verwerking
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.casussen import selectors
from doorbraak.casussen.models import Huishouden
from doorbraak.fouten import GeenToegang
from doorbraak.organisaties.models import Medewerker, Rol


def _vereis_privacy(medewerker: Medewerker) -> None:
    if not medewerker.heeft_rol(Rol.PRIVACY):
        raise GeenToegang("Alleen de privacyfunctionaris kan het verwerkingenlogboek inzien.")


def _leg_toezicht_vast(medewerker: Medewerker, vastleggingen: list[Vastlegging]) -> list:
    return leg_vast(
        gemeente_id=medewerker.gemeente_id,
        door=medewerker,
        activiteit=PRIVACY_TOEZICHT,
        vastleggingen=vastleggingen,
    )


def verwerkingen_van_huishouden(*, medewerker: Medewerker, huishouden_id: UUID) -> QuerySet:
    _vereis_privacy(medewerker)
    # 404 for a household outside the caller's gemeente, as everywhere else.
    selectors.huishouden_ophalen(medewerker=medewerker, huishouden_id=huishouden_id)
    return Verwerking.objects.filter(
        gemeente_id=medewerker.gemeente_id, huishouden_id=huishouden_id
    ).order_by("-volgnummer")


def _tot_nu(entries: QuerySet, eigen: list[Verwerking]) -> QuerySet:
    """The log as it stood before this reading of it was appended."""
    return entries.filter(volgnummer__lt=eigen[0].pk)


def verwerkingen_inzien(*, medewerker: Medewerker, huishouden_id: UUID) -> QuerySet:
    """A household's log, with the reading of it logged as a processing of that household."""
    entries = verwerkingen_van_huishouden(medewerker=medewerker, huishouden_id=huishouden_id)
    eigen = _leg_toezicht_vast(
        medewerker, [Vastlegging(Handeling.LEZEN, "verwerkingen", huishouden_id, huishouden_id)]
    )
    return _tot_nu(entries, eigen)


def verwerkingen_van_gemeente(*, medewerker: Medewerker) -> QuerySet:
    """The gemeente's whole log, newest first (entries name households by id only)."""
    _vereis_privacy(medewerker)
    entries = Verwerking.objects.filter(gemeente_id=medewerker.gemeente_id).order_by("-volgnummer")
    eigen = _leg_toezicht_vast(
        medewerker, [Vastlegging(Handeling.LEZEN, "verwerkingenlogboek", "", None)]
    )
    return _tot_nu(entries, eigen)


def huishoudens_met_bsn(*, medewerker: Medewerker, bsn: str) -> list[Huishouden]:
    """Which household holds this BSN, so its log can be opened (e.g. for an inzageverzoek)."""
    _vereis_privacy(medewerker)
    zoekhashes = bsn_bescherming.zoekhashes(bsn_bescherming.valideer(bsn))
    huishoudens = list(
        Huishouden.objects.filter(
            gemeente_id=medewerker.gemeente_id, gezinsleden__bsn_zoekhash__in=zoekhashes
        ).distinct()
    )
    _leg_toezicht_vast(
        medewerker,
        [
            Vastlegging(Handeling.LEZEN, "huishouden", h.pk, h.pk, omschrijving="gezocht op BSN")
            for h in huishoudens
        ],
    )
    return huishoudens


def oudste_onverzegelde_seconden() -> float:
    """How long the oldest entry not yet covered by a seal has waited (0 when all are sealed),
    over all gemeenten: the sealing lag for the operations dashboard."""
    from django.db.models import Max, Min
    from django.utils import timezone

    from doorbraak.audit.models import Verzegeling

    verzegeld_tot = dict(
        Verzegeling.objects.values("gemeente_id")
        .annotate(tot=Max("laatste_volgnummer"))
        .values_list("gemeente_id", "tot")
    )
    gemeenten = Verwerking.objects.values_list("gemeente_id", flat=True).distinct().order_by()
    oudste = None
    for gemeente_id in gemeenten:
        tijd = Verwerking.objects.filter(
            gemeente_id=gemeente_id, volgnummer__gt=verzegeld_tot.get(gemeente_id, 0)
        ).aggregate(t=Min("tijdstip"))["t"]
        if tijd is not None and (oudste is None or tijd < oudste):
            oudste = tijd
    return max((timezone.now() - oudste).total_seconds(), 0.0) if oudste else 0.0
