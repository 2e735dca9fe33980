"""Who a request waits for next, in one Dutch sentence: the same route the services enforce
(`services.aanvraag_indienen`, `_beoordelen`, `_besluiten`, `betaling_registreren`), read from the
request's status and its fund's route. Shown on the request lists, the request page and in the
API (`wacht_op`)."""

from django.utils.translation import gettext as _

from doorbraak.budget.models import Aanvraag, AanvraagStatus

AFGEROND = (AanvraagStatus.AFGEWEZEN, AanvraagStatus.BETAALD, AanvraagStatus.VERVALLEN)


def wacht_op(aanvraag: Aanvraag) -> str:
    """'' when the request waits for nobody (rejected, paid, released)."""
    status, fonds, bedrag = aanvraag.status, aanvraag.fonds, aanvraag.bedrag
    if status == AanvraagStatus.CONCEPT:
        return _("indienen door de aanvrager")
    if status == AanvraagStatus.INGEDIEND:
        if fonds.zelfstandig_mag(bedrag):
            return _("het besluit van de gemandateerde aanvrager of een manager (regelarm)")
        if fonds.meekijken_nodig(bedrag):
            return _("meekijken door een collega (4-ogen)")
        return _("de go van een manager")
    if status == AanvraagStatus.BEOORDEELD:
        return _("de go van een manager")
    if status == AanvraagStatus.TOEGEKEND:
        return _("de betaling door financiën")
    return ""
