"""GET /rapportages/knelpunten and /rapportages/evaluatie: JSON, or a file with ?formaat=."""

from datetime import date
from decimal import Decimal

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from doorbraak import invoer
from doorbraak.fouten import Validatiefout
from doorbraak.rapportage import rapporten, selectors, toegang, verantwoording
from doorbraak.rapportage.bestanden import bestand
from doorbraak.rapportage.tabellen import Rapport

PARAMETERS = [
    OpenApiParameter("van", OpenApiTypes.DATE, description="Begin (standaard: een jaar geleden)."),
    OpenApiParameter(
        "tot", OpenApiTypes.DATE, description="Einde, inclusief (standaard: vandaag)."
    ),
    OpenApiParameter("formaat", str, enum=["json", "csv", "xlsx", "pdf"]),
]


def _datum(request, naam: str) -> date | None:
    waarde = request.query_params.get(naam)
    if not waarde:
        return None
    return invoer.datum(waarde, veld=naam)


def periode(request) -> selectors.Periode:
    return selectors.periode(_datum(request, "van"), _datum(request, "tot"))


def _json(waarde):
    return f"{waarde:.2f}" if isinstance(waarde, Decimal) else waarde


def als_json(rapport: Rapport) -> dict:
    return {
        "titel": rapport.titel,
        "periode": rapport.ondertitel,
        "tabellen": [
            {
                "titel": t.titel,
                "kolommen": [{"titel": k.titel, "soort": k.soort} for k in t.kolommen],
                "rijen": [[_json(w) for w in rij] for rij in t.rijen],
                "toelichting": t.toelichting,
            }
            for t in rapport.tabellen
        ],
    }


def _antwoord(request, rapport: Rapport):
    formaat = request.query_params.get("formaat", "json")
    if formaat in ("csv", "xlsx", "pdf"):
        return bestand(request._request, rapport, formaat)
    if formaat != "json":
        raise Validatiefout("Kies json, csv, xlsx of pdf.", veld="formaat")
    return Response(als_json(rapport))


class KnelpuntenRapportView(APIView):
    @extend_schema(parameters=PARAMETERS, responses=OpenApiTypes.OBJECT)
    def get(self, request):
        toegang.vereis_rapportage(request.user)
        p = periode(request)
        groepen = selectors.knelpunten(medewerker=request.user, periode=p)
        return _antwoord(request, rapporten.knelpuntenrapport(groepen, p))


class EvaluatieRapportView(APIView):
    @extend_schema(parameters=PARAMETERS, responses=OpenApiTypes.OBJECT)
    def get(self, request):
        toegang.vereis_rapportage(request.user)
        e = selectors.evaluatie(medewerker=request.user, periode=periode(request))
        return _antwoord(request, rapporten.evaluatierapport(e))


class VerantwoordingRapportView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("jaar", invoer.JAAR_SCHEMA, description="Standaard: dit jaar."),
            PARAMETERS[2],
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        toegang.vereis_rapportage(request.user)
        jaar = invoer.jaar(request.query_params.get("jaar", timezone.localdate().year))
        regels = verantwoording.verantwoording(medewerker=request.user, jaar=jaar)
        return _antwoord(request, rapporten.verantwoordingsrapport(regels, jaar))
