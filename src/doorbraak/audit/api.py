"""The processing log of one household, for the privacy role."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from doorbraak.audit import selectors
from doorbraak.audit.activiteiten import ALLE
from doorbraak.audit.models import Verwerking


class VerwerkingSerializer(serializers.Serializer):
    volgnummer = serializers.IntegerField()
    tijdstip = serializers.DateTimeField()
    actor = serializers.CharField()
    handeling = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    casus_id = serializers.UUIDField(allow_null=True)
    activiteit = serializers.CharField()
    activiteit_naam = serializers.SerializerMethodField()
    omschrijving = serializers.CharField()
    request_id = serializers.CharField()

    def get_activiteit_naam(self, entry) -> str:
        activiteit = ALLE.get(entry.activiteit)
        return activiteit.naam if activiteit else entry.activiteit


class VerwerkingenView(GenericAPIView):
    serializer_class = VerwerkingSerializer
    queryset = Verwerking.objects.none()  # for the schema only

    @extend_schema(responses=VerwerkingSerializer(many=True))
    def get(self, request, huishouden_id):
        # Reading the log is itself a processing of the household's data (logged there).
        entries = selectors.verwerkingen_inzien(
            medewerker=request.user, huishouden_id=huishouden_id
        )
        pagina = self.paginate_queryset(entries)
        return self.get_paginated_response(VerwerkingSerializer(pagina, many=True).data)


class InzageView(APIView):
    """AVG art. 15 for the privacy officer: everything held about one household, every
    processing and the recipients, as JSON (machine-readable) or PDF. The export is logged."""

    @extend_schema(
        parameters=[OpenApiParameter("formaat", str, enum=["json", "pdf"])],
        responses={(200, "application/json"): OpenApiTypes.OBJECT,
                   (200, "application/pdf"): OpenApiTypes.BINARY},
    )  # fmt: skip
    def get(self, request, huishouden_id):
        from doorbraak import downloads
        from doorbraak.audit import inzage as avg

        formaat = request.query_params.get("formaat", "json")
        gegevens = avg.inzage_exporteren(
            medewerker=request.user, huishouden_id=huishouden_id, formaat=formaat
        )
        if formaat == "pdf":
            inhoud = downloads.pdf(
                "web/inzage_pdf.html",
                {
                    "inzage": gegevens,
                    "secties": avg.als_secties(gegevens, avg.woorden_voor(medewerker=request.user)),
                },
                request._request,
            )
            return downloads.bijlage(inhoud, "application/pdf", f"inzage-{huishouden_id}.pdf")
        return Response(gegevens)
