"""Background jobs of the reports: plain, idempotent functions run by the queue's worker."""

import logging
from datetime import date, timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from doorbraak import downloads
from doorbraak.fouten import DoorbraakFout
from doorbraak.grafieken import als_data_uri
from doorbraak.rapportage import rapporten, selectors, toegang, verantwoording
from doorbraak.rapportage.models import ExportSoort, ExportStatus, RapportExport

logger = logging.getLogger(__name__)


def _rapport(export: RapportExport):
    medewerker = export.aangevraagd_door
    if export.soort == ExportSoort.VERANTWOORDING:
        regels = verantwoording.verantwoording(medewerker=medewerker, jaar=export.jaar)
        return rapporten.verantwoordingsrapport(regels, export.jaar)
    periode = selectors.periode(export.van, export.tot)
    e = selectors.evaluatie(medewerker=medewerker, periode=periode)
    if export.soort == ExportSoort.PILOT:
        groepen = selectors.knelpunten(medewerker=medewerker, periode=periode)
        signalen = list(selectors.signalen(medewerker=medewerker))
        return rapporten.pilotrapport(e, groepen, signalen)
    return rapporten.evaluatierapport(e)


def maak_rapport_pdf(export_id: str) -> dict:
    """Make the PDF of one RapportExport. Idempotent: a finished export is left alone, so a
    retried or doubled job makes no second file. The report is built as the requester sees
    it (their gemeente, their access today): someone who lost access gets no file."""
    export = (
        RapportExport.objects.select_related("aangevraagd_door").filter(pk=UUID(export_id)).first()
    )
    if export is None or export.status != ExportStatus.WORDT_GEMAAKT:
        return {"export": export_id, "gedaan": False}
    try:
        toegang.vereis_rapportage(export.aangevraagd_door)
    except DoorbraakFout:
        RapportExport.objects.filter(pk=export.pk).update(status=ExportStatus.MISLUKT)
        return {"export": export_id, "gedaan": False, "reden": "geen toegang"}
    with translation.override(export.taal):
        rapport = _rapport(export)
        uris = [(titel, als_data_uri(svg)) for titel, svg in rapport.grafieken]
        inhoud = downloads.pdf(
            "web/rapport_pdf.html", {"rapport": rapport, "grafiek_uris": uris}, None
        )
    naam = f"{rapport.titel.lower().replace(' ', '-')}-{timezone.localdate():%Y%m%d}.pdf"
    with transaction.atomic():
        RapportExport.objects.filter(pk=export.pk, status=ExportStatus.WORDT_GEMAAKT).update(
            status=ExportStatus.KLAAR,
            inhoud=inhoud,
            bestandsnaam=naam[:120],
            klaar_op=timezone.now(),
        )
    logger.info("Rapport-PDF gemaakt", extra={"export": export_id, "bytes": len(inhoud)})
    return {"export": export_id, "gedaan": True, "bytes": len(inhoud)}


def ruim_exports_op(dagen: int | None = None) -> dict:
    """Remove report files older than the retention period (DOORBRAAK_EXPORT_BEWAARDAGEN)."""
    dagen = settings.EXPORT_BEWAARDAGEN if dagen is None else dagen
    grens = timezone.now() - timedelta(days=dagen)
    verwijderd, _ = RapportExport.objects.filter(aangevraagd_op__lt=grens).delete()
    return {"verwijderd": verwijderd, "voor": date.isoformat(grens.date())}
