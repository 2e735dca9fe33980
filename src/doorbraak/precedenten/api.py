"""The precedents in the API: search with facet filters, one precedent, and the closest
precedents of a case. Only anonymised fields leave; the link to the request never does."""

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from doorbraak.fouten import Validatiefout
from doorbraak.precedenten import selectors
from doorbraak.precedenten.models import Besluit, Precedent, Uitkomst

BEDRAG = {"max_digits": 12, "decimal_places": 2, "coerce_to_string": True}


class LeeftijdSerializer(serializers.Serializer):
    rol = serializers.CharField()
    band = serializers.CharField()


class DomeinSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    score = serializers.IntegerField()


class KnelpuntSerializer(serializers.Serializer):
    omschrijving = serializers.CharField()
    soort = serializers.CharField()
    regeling = serializers.CharField()
    artikel = serializers.CharField()


class VoorliggendSerializer(serializers.Serializer):
    naam = serializers.CharField()
    uitkomst = serializers.CharField()


class VerloopSerializer(serializers.Serializer):
    maanden = serializers.IntegerField()
    scores = serializers.DictField(child=serializers.IntegerField(), required=False)
    sleutelgebeurtenis = serializers.BooleanField(allow_null=True, required=False)
    uithuisplaatsing = serializers.BooleanField(allow_null=True, required=False)
    hulpverleners_gestopt = serializers.IntegerField(allow_null=True, required=False)
    wat_er_gebeurde = serializers.CharField(required=False)
    mkba_voorspeld = serializers.DecimalField(**BEDRAG, required=False)
    werkelijke_kosten = serializers.DecimalField(**BEDRAG, allow_null=True, required=False)


class PrecedentSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="precedent.id")
    gemeente = serializers.SerializerMethodField()
    eigen_gemeente = serializers.BooleanField(source="eigen")
    doelgroep = serializers.CharField(source="precedent.doelgroep_naam")
    urgentie = serializers.CharField(source="precedent.urgentie")
    leeftijden = LeeftijdSerializer(source="precedent.leeftijden", many=True)
    domeinen = DomeinSerializer(source="precedent.domeinen", many=True)
    situatie = serializers.CharField(source="precedent.situatie")
    knelpunten = KnelpuntSerializer(source="precedent.knelpunten", many=True)
    artikelen = serializers.ListField(child=serializers.CharField(), source="precedent.artikelen")
    voorliggend = VoorliggendSerializer(source="precedent.voorliggend", many=True)
    doorbraak = serializers.CharField(source="precedent.doorbraak")
    bedrag = serializers.DecimalField(**BEDRAG, source="precedent.bedrag")
    vorm = serializers.CharField(source="precedent.vorm")
    fonds = serializers.CharField(source="precedent.fonds_code")
    besluit = serializers.ChoiceField(choices=Besluit.choices, source="precedent.besluit")
    motivering = serializers.CharField(source="precedent.motivering")
    besloten_in = serializers.SerializerMethodField()
    verloop = VerloopSerializer(source="precedent.verloop", many=True)
    uitkomst = serializers.ChoiceField(choices=Uitkomst.choices, source="precedent.uitkomst")
    score = serializers.FloatField(source="gelijkenis.score")
    waarom_vergelijkbaar = serializers.CharField(source="waarom")

    def get_gemeente(self, t) -> str:
        return t.gemeente or self.context["gemeente"]

    def get_besloten_in(self, t) -> str:
        """Year and month only."""
        return t.precedent.besloten_in.strftime("%Y-%m")


class SignaalSerializer(serializers.Serializer):
    code = serializers.CharField()
    tekst = serializers.CharField()


class VergelijkbaarSerializer(serializers.Serializer):
    precedenten = PrecedentSerializer(source="treffers", many=True)
    signalen = SignaalSerializer(many=True)
    signalen_bij_afwijzen = SignaalSerializer(source="bij_afwijzen", many=True)
    mediaan_toegekend = serializers.DecimalField(**BEDRAG, source="mediaan", allow_null=True)


class ZoekSerializer(serializers.Serializer):
    zoek = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    regeling = serializers.CharField(required=False, allow_blank=True, max_length=80, default="")
    artikel = serializers.CharField(required=False, allow_blank=True, max_length=80, default="")
    fonds = serializers.CharField(required=False, allow_blank=True, max_length=80, default="")
    uitkomst = serializers.ChoiceField(
        choices=Uitkomst.choices, required=False, allow_blank=True, default=""
    )
    besluit = serializers.ChoiceField(
        choices=Besluit.choices, required=False, allow_blank=True, default=""
    )


class BedragSerializer(serializers.Serializer):
    bedrag = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0.01"), required=False, allow_null=True
    )


def _geldig(klasse, data) -> dict:
    s = klasse(data=data)
    if not s.is_valid():
        veld, fouten = next(iter(s.errors.items()))
        raise Validatiefout(str(fouten[0]), veld=veld)
    return s.validated_data


ZOEKPARAMETERS = [
    OpenApiParameter("zoek", OpenApiTypes.STR, description="Situatie of knelpunt, in woorden."),
    OpenApiParameter("regeling", OpenApiTypes.STR, description="Bijv. PW, WMO, JW."),
    OpenApiParameter("artikel", OpenApiTypes.STR, description="Bijv. 'PW 18 lid 4'."),
    OpenApiParameter("fonds", OpenApiTypes.STR, description="De code van het fonds."),
    OpenApiParameter("uitkomst", OpenApiTypes.STR, enum=Uitkomst.values),
    OpenApiParameter("besluit", OpenApiTypes.STR, enum=Besluit.values),
]


class PrecedentenView(GenericAPIView):
    """Precedents of the own gemeente and those the region's other gemeenten published,
    ranked by similarity to the question."""

    serializer_class = PrecedentSerializer
    queryset = Precedent.objects.none()  # for the schema; requests use the scoped selector

    @extend_schema(parameters=ZOEKPARAMETERS, responses=PrecedentSerializer(many=True))
    def get(self, request):
        d = _geldig(ZoekSerializer, request.query_params)
        zoek = d.pop("zoek")
        treffers = selectors.precedenten_zoeken(
            medewerker=request.user, zoek=zoek, filters=selectors.Filters(**d), limiet=200
        )
        pagina = self.paginate_queryset(treffers)
        context = {"gemeente": request.user.gemeente.naam}
        return self.get_paginated_response(
            PrecedentSerializer(pagina, many=True, context=context).data
        )


class PrecedentView(APIView):
    @extend_schema(responses=PrecedentSerializer)
    def get(self, request, precedent_id):
        t = selectors.precedent_ophalen(medewerker=request.user, precedent_id=precedent_id)
        return Response(
            PrecedentSerializer(t, context={"gemeente": request.user.gemeente.naam}).data
        )


class VergelijkbaarView(APIView):
    """The three closest precedents of a case; with `bedrag`, the signals when a request for
    that amount differs strongly from them."""

    @extend_schema(
        parameters=[OpenApiParameter("bedrag", OpenApiTypes.DECIMAL)],
        responses=VergelijkbaarSerializer,
    )
    def get(self, request, casus_id):
        d = _geldig(BedragSerializer, request.query_params)
        uitslag = selectors.vergelijkbaar_voor_casus(
            medewerker=request.user, casus_id=casus_id, bedrag=d.get("bedrag")
        )
        return Response(
            VergelijkbaarSerializer(uitslag, context={"gemeente": request.user.gemeente.naam}).data
        )
