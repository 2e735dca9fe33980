"""The dossier page's content rendered outside a request: by the background job after a change
(or a release, or the turn of the day) and by `doorbraak dossierpaginas` before the first reads.

A reader then finds the content ready (web.paginacache, the database tier) and the page costs
its stand, its log entry and the frame around the content. Rendering is not a read: nothing is
logged here; whoever opens the page later is logged then, after the same access check.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.template import RequestContext
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation

from doorbraak.casussen import selectors
from doorbraak.casussen.models import DossierLeesmodel
from doorbraak.fouten import GeenToegang, NietGevonden
from doorbraak.organisaties.models import Medewerker
from doorbraak.web import paginacache
from doorbraak.web.models import Dossierpagina
from doorbraak.web.templatetags.paginacache import PaginadeelNode
from doorbraak.web.views import dossier  # the view's own key and context

logger = logging.getLogger(__name__)

SJABLOON = "web/dossier.html"


def opbouwen(*, medewerker: Medewerker, casus_id: Any, taal: str) -> str:
    """Render the content as `medewerker` sees it in `taal` and keep it (both tiers); answers
    the variant it was kept under. NietGevonden or GeenToegang when they may not see the case."""
    with translation.override(taal):
        stand = selectors.dossierstand_voor_opbouw(medewerker=medewerker, casus_id=casus_id)
        request = _verzoek(medewerker, stand.casus_id)
        sleutel, plek = dossier.paginasleutel(medewerker, stand)
        _deel_renderen(request, dossier.inhoud_context(request, sleutel, plek))
    return plek.variant_tekst


def _verzoek(medewerker: Medewerker, casus_id: Any) -> HttpRequest:
    """A GET of the page as `medewerker`, for the context processors; its CSRF token is never
    kept (the part holds a placeholder, see paginacache.plaatshouder)."""
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = reverse("dossier", args=[casus_id])
    request.user = medewerker
    return request


def _deel_renderen(request: HttpRequest, context: dict) -> None:
    """Only the `{% paginadeel %}` of the page, which stores what it renders."""
    sjabloon = get_template(SJABLOON).template
    (deel,) = sjabloon.nodelist.get_nodes_by_type(PaginadeelNode)
    context = RequestContext(request, context)
    with context.render_context.push_state(sjabloon), context.bind_template(sjabloon):
        deel.render(context)


@dataclass
class Uitkomst:
    opgebouwd: int = 0
    verwijderd: int = 0
    mislukt: int = 0


def bijwerken(*, seconden: float = 40.0, blok: int = 50) -> dict[str, int]:
    """Periodic job: render again every kept page that no longer matches its case (changed cases
    first), then those of an older release or day, for at most `seconden`; the next run goes on.
    A row whose viewer is gone, may no longer see the case or now sees another variant is
    removed (the next reader renders their own)."""
    eind = time.monotonic() + seconden
    uitkomst = Uitkomst()
    for alleen_gewijzigd in (True, False):
        laatste = 0
        while time.monotonic() < eind:
            rijen = _verouderd(alleen_gewijzigd=alleen_gewijzigd, na=laatste, blok=blok)
            if not rijen:
                break
            for rij in rijen:
                if time.monotonic() >= eind:
                    break
                laatste = rij.pk
                _opnieuw(rij, uitkomst)
    return asdict(uitkomst)


def _verouderd(*, alleen_gewijzigd: bool, na: int, blok: int) -> list[Dossierpagina]:
    versie = Coalesce(
        Subquery(
            DossierLeesmodel.objects.filter(
                gemeente_id=OuterRef("gemeente_id"), casus_id=OuterRef("casus_id")
            ).values("versie")[:1]
        ),
        Value(0),
    )
    rijen = Dossierpagina.objects.annotate(huidig=versie).filter(pk__gt=na)
    gewijzigd = ~Q(versie=F("huidig"))
    if not alleen_gewijzigd:
        gewijzigd |= ~Q(release=paginacache.release()) | ~Q(datum=timezone.localdate())
    return list(
        rijen.filter(gewijzigd)
        .select_related("medewerker")
        .only("pk", "casus_id", "taal", "variant", "medewerker")
        .order_by("pk")[:blok]
    )


def _opnieuw(rij: Dossierpagina, uitkomst: Uitkomst) -> None:
    medewerker = rij.medewerker
    try:
        if medewerker is None or not medewerker.is_active:
            raise GeenToegang("De medewerker van deze pagina is er niet meer.")
        variant = opbouwen(medewerker=medewerker, casus_id=rij.casus_id, taal=rij.taal)
    except (GeenToegang, NietGevonden):
        variant = None
    except Exception:  # one broken page must not stop the others; the next run tries again
        logger.exception("Dossierpagina %s niet opnieuw opgebouwd", rij.pk)
        uitkomst.mislukt += 1
        return
    if variant == rij.variant:
        uitkomst.opgebouwd += 1
    else:
        Dossierpagina.objects.filter(pk=rij.pk).delete()
        uitkomst.verwijderd += 1


def alle_opbouwen(*, medewerker: Medewerker, taal: str, casus_ids: list | None = None) -> int:
    """Render the content of every case `medewerker` may see (or of those of `casus_ids` they
    may see), kept or not: before the first reads after a release or a bulk import. Answers
    how many were rendered."""
    if casus_ids is None:
        casus_ids = list(
            selectors.casussen_voor(medewerker=medewerker).values_list("pk", flat=True)
        )
    aantal = 0
    for casus_id in casus_ids:
        try:
            opbouwen(medewerker=medewerker, casus_id=casus_id, taal=taal)
        except (GeenToegang, NietGevonden):
            continue
        aantal += 1
    return aantal
