"""REST endpoints of the voorliggend check (API.md "Rules check"). Thin: parse, call, render."""

from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from doorbraak.casussen.api import KnelpuntSerializer
from doorbraak.regels import selectors, services, uitvoer
from doorbraak.regels.models import Regelcheck


class BronSerializer(serializers.Serializer):
    regeling = serializers.CharField()
    regeling_naam = serializers.CharField()
    soort = serializers.CharField()
    bwb_id = serializers.CharField(allow_null=True)
    cvdr_id = serializers.CharField(allow_null=True)
    artikel = serializers.CharField()
    url = serializers.CharField()
    versie = serializers.DateField(
        allow_null=True, help_text="De geconsolideerde tekst die op de peildatum gold."
    )
    aanhaling = serializers.CharField(required=False, help_text="De bron zoals mensen haar lezen.")
    te_controleren = serializers.CharField(
        allow_null=True,
        help_text="Gezet als dit feit nog tegen de wettekst moet worden gecontroleerd.",
    )


class OntbrekendFeitSerializer(serializers.Serializer):
    feit = serializers.CharField()
    type = serializers.ChoiceField(choices=["ja_nee", "getal", "bedrag", "keuze"])
    omschrijving = serializers.CharField()
    vraag = serializers.CharField(help_text="De vraag in gewone taal.")
    wie = serializers.ChoiceField(
        choices=["huishouden", "professional", "register", "casus"],
        help_text="Wie de vraag kan beantwoorden.",
    )
    eenheid = serializers.CharField()
    keuzes = serializers.ListField(child=serializers.CharField())
    keuzelabels = serializers.DictField(
        child=serializers.CharField(), required=False, help_text="Per keuze de leesbare tekst."
    )
    artikelen = serializers.ListField(child=serializers.CharField())
    beslist = serializers.IntegerField(
        required=False,
        help_text="Op hoeveel uitkomsten dit feit wacht; de lijst is hierop gesorteerd.",
    )


class StapSerializer(serializers.Serializer):
    tekst = serializers.CharField()
    voldaan = serializers.BooleanField(allow_null=True)
    feiten = serializers.ListField(child=serializers.CharField())
    bron = BronSerializer()


class VoorzieningUitkomstSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    regeling = serializers.CharField()
    regeling_naam = serializers.CharField()
    uitkomst = serializers.ChoiceField(choices=["mogelijk", "niet_mogelijk", "onbekend"])
    redenen = serializers.ListField(child=serializers.CharField())
    stappen = StapSerializer(many=True)
    ontbrekende_feiten = OntbrekendFeitSerializer(many=True)
    doorlooptijd_dagen = serializers.IntegerField()
    doorlooptijd_toelichting = serializers.CharField()
    niet_snel_genoeg = serializers.BooleanField(allow_null=True)
    tijdigheid = serializers.CharField()
    spoedroute = serializers.CharField(
        allow_null=True,
        required=False,
        help_text="De wettelijke spoedroute die de doorlooptijd bepaalde (bijv. Wmo 2.3.3).",
    )
    lacune = serializers.CharField(
        allow_null=True,
        required=False,
        help_text="Onbekend zonder vraag: bijv. niet gecodeerd voor deze peildatum.",
    )
    administratieve_last = serializers.ChoiceField(choices=["laag", "gemiddeld", "hoog"])
    hoge_administratieve_last = serializers.BooleanField()
    knelpunten = serializers.ListField(child=serializers.CharField())
    bron = BronSerializer()


class GrondoordeelSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    soort = serializers.CharField()
    regeling = serializers.CharField()
    toepasbaar = serializers.ChoiceField(
        choices=["ja", "nee", "onbekend"],
        help_text="Toepasbaar betekent: af te wegen door een mens, nooit 'toegekend'.",
    )
    afweging = serializers.CharField()
    redenen = serializers.ListField(child=serializers.CharField())
    stappen = StapSerializer(many=True)
    ontbrekende_feiten = OntbrekendFeitSerializer(many=True)
    lacune = serializers.CharField(
        allow_null=True,
        required=False,
        help_text="Onbekend zonder vraag: bijv. een hardheidsclausule die niet is ingesteld.",
    )
    bron = BronSerializer()


class PersoonsuitkomstSerializer(serializers.Serializer):
    sleutel = serializers.CharField(help_text="Het id van het gezinslid.")
    naam = serializers.CharField(help_text="De voornaam van het gezinslid.")
    soort = serializers.ChoiceField(choices=["kind", "volwassene"])
    leeftijd = serializers.IntegerField(allow_null=True)
    voorzieningen = VoorzieningUitkomstSerializer(many=True)
    ontbrekende_feiten = OntbrekendFeitSerializer(many=True)


class RegelcheckSerializer(serializers.Serializer):
    """A stored check: the stored result is returned as it was computed."""

    id = serializers.UUIDField()
    casus = serializers.UUIDField(source="casus_id")
    peildatum = serializers.DateField()
    aangemaakt_op = serializers.DateTimeField()
    door = serializers.CharField(source="door.username", allow_null=True, default=None)
    kennisbank_versie = serializers.CharField()
    feiten = serializers.DictField(help_text="Per feit: waarde en herkomst.")
    termijn = inline_serializer(
        "Termijn",
        {"dagen": serializers.IntegerField(allow_null=True), "reden": serializers.CharField()},
    )
    samenvatting = serializers.DictField(child=serializers.IntegerField())
    voorzieningen = VoorzieningUitkomstSerializer(many=True)
    uitzonderingsgronden = GrondoordeelSerializer(many=True)
    ontbrekende_feiten = OntbrekendFeitSerializer(many=True)
    waarschuwingen = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Bijv. een geïndexeerd bedrag dat op de peildatum verouderd kan zijn.",
    )

    per_persoon = PersoonsuitkomstSerializer(
        many=True,
        required=False,
        help_text="De voorzieningen per gezinslid (jeugdhulp per kind, AIO per volwassene).",
    )
    ingevoerde_persoonsfeiten = serializers.DictField(
        required=False, help_text="Per gezinslid-id de ingevoerde feiten over dat gezinslid."
    )

    def to_representation(self, check: Regelcheck) -> dict:
        u = check.uitkomst
        return {
            "id": str(check.pk),
            "casus": str(check.casus_id),
            "peildatum": check.peildatum.isoformat(),
            "aangemaakt_op": serializers.DateTimeField().to_representation(check.aangemaakt_op),
            "door": check.door.username if check.door else None,
            "kennisbank_versie": check.kennisbank_versie,
            "feiten": check.feiten,
            "termijn": u.get("termijn"),
            "samenvatting": u.get("samenvatting"),
            "voorzieningen": u.get("voorzieningen", []),
            "uitzonderingsgronden": u.get("uitzonderingsgronden", []),
            "ontbrekende_feiten": u.get("ontbrekende_feiten", []),
            "waarschuwingen": u.get("waarschuwingen", []),
            "per_persoon": u.get("per_persoon", []),
            "ingevoerde_persoonsfeiten": check.ingevoerde_persoonsfeiten,
        }


class RegelcheckInvoerSerializer(serializers.Serializer):
    peildatum = serializers.DateField(required=False, help_text="Standaard vandaag.")
    feiten = serializers.JSONField(
        required=False,
        default=dict,
        help_text="Feiten bij wat de casus al weet: {naam: waarde}; null vergeet een eerder "
        "ingevoerd feit. Zie GET /regelingen en 'ontbrekende_feiten' voor de namen.",
    )

    personen = serializers.JSONField(
        required=False,
        default=dict,
        help_text="Feiten over één gezinslid: {gezinslid-id: {naam: waarde}} (bijv. leeftijd, "
        "school); null vergeet een eerder ingevoerd feit. Alleen feiten die per persoon gelden.",
    )

    def validate_personen(self, personen):
        if not isinstance(personen, dict):
            raise serializers.ValidationError("Geef de personen als object {gezinslid-id: {...}}.")
        return personen

    def validate_feiten(self, feiten):
        if not isinstance(feiten, dict):
            raise serializers.ValidationError("Geef de feiten als object {naam: waarde}.")
        return feiten


class KnelpuntUitCheckSerializer(serializers.Serializer):
    voorziening = serializers.CharField(help_text="Code van de voorziening die blokkeert.")


class RegelingenView(APIView):
    @extend_schema(
        responses={200: build_array_type(build_basic_type(OpenApiTypes.OBJECT))},
        description="De kennisbank zoals de gemeente van de gebruiker die gebruikt: regelingen "
        "met bron, geldigheid, doel, voorzieningen (met voorwaarden) en uitzonderingsgronden.",
    )
    def get(self, request):
        regelingen = selectors.regelingen_voor(medewerker=request.user)
        namen = {v.code: v.naam for r in regelingen for v in r.voorzieningen}
        return Response([uitvoer.regeling_json(r, namen) for r in regelingen])


class RegelchecksView(GenericAPIView):
    serializer_class = RegelcheckSerializer
    queryset = Regelcheck.objects.none()  # for the schema; requests use the scoped selector

    @extend_schema(responses=RegelcheckSerializer(many=True))
    def get(self, request, casus_id):
        checks = selectors.regelchecks_van_casus(medewerker=request.user, casus_id=casus_id)
        pagina = self.paginate_queryset(checks)
        return self.get_paginated_response(RegelcheckSerializer(pagina, many=True).data)

    @extend_schema(request=RegelcheckInvoerSerializer, responses={201: RegelcheckSerializer})
    def post(self, request, casus_id):
        invoer = RegelcheckInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        check = services.regelcheck_uitvoeren(
            door=request.user,
            casus_id=casus_id,
            feiten=invoer.validated_data["feiten"],
            peildatum=invoer.validated_data.get("peildatum"),
            personen=invoer.validated_data["personen"],
        )
        return Response(RegelcheckSerializer(check).data, status=status.HTTP_201_CREATED)


class RegelcheckView(APIView):
    @extend_schema(responses=RegelcheckSerializer)
    def get(self, request, casus_id, regelcheck_id):
        check = selectors.regelcheck_inzien(
            medewerker=request.user, casus_id=casus_id, regelcheck_id=regelcheck_id
        )
        return Response(RegelcheckSerializer(check).data)


class RegelcheckKnelpuntenView(APIView):
    @extend_schema(
        request=KnelpuntUitCheckSerializer,
        responses={201: KnelpuntSerializer},
        description="Maak van de regel die een voorziening blokkeert een knelpunt in het "
        "doorbraakplan, met regeling en artikel.",
    )
    def post(self, request, casus_id, regelcheck_id):
        invoer = KnelpuntUitCheckSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        knelpunt = services.knelpunt_uit_regelcheck(
            door=request.user,
            casus_id=casus_id,
            regelcheck_id=regelcheck_id,
            voorziening=invoer.validated_data["voorziening"],
        )
        return Response(KnelpuntSerializer(knelpunt).data, status=status.HTTP_201_CREATED)
