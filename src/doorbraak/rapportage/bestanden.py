"""A report as a file to download, in the format asked for: the same tables in every format."""

from datetime import date

from django.http import HttpRequest, HttpResponse

from doorbraak import downloads
from doorbraak.audit.activiteiten import VERANTWOORDING
from doorbraak.audit.models import Handeling
from doorbraak.audit.services import Vastlegging, leg_vast
from doorbraak.grafieken import als_data_uri
from doorbraak.rapportage import tabellen
from doorbraak.rapportage.tabellen import Rapport

FORMATEN = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def export_vastleggen(medewerker, rapport: Rapport, formaat: str) -> None:
    """Every export of a report is in the processing log (aggregated, so no household named)."""
    leg_vast(
        gemeente_id=medewerker.gemeente_id,
        door=medewerker,
        activiteit=VERANTWOORDING,
        vastleggingen=[
            Vastlegging(
                Handeling.LEZEN,
                "rapportage_export",
                None,
                None,
                omschrijving=f"{rapport.titel} ({rapport.ondertitel}) als {formaat}",
            )
        ],
    )


def bestand(request: HttpRequest, rapport: Rapport, formaat: str) -> HttpResponse:
    if formaat == "csv":
        inhoud = tabellen.naar_csv(rapport)
    elif formaat == "xlsx":
        inhoud = tabellen.naar_xlsx(rapport)
    else:
        uris = [(titel, als_data_uri(svg)) for titel, svg in rapport.grafieken]
        inhoud = downloads.pdf(
            "web/rapport_pdf.html", {"rapport": rapport, "grafiek_uris": uris}, request
        )
    export_vastleggen(request.user, rapport, formaat)
    naam = f"{rapport.titel.lower().replace(' ', '-')}-{date.today():%Y%m%d}.{formaat}"
    return downloads.bijlage(inhoud, FORMATEN[formaat], naam)
