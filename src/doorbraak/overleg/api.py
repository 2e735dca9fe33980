"""REST endpoints for tables, meetings, agenda items, briefs, decisions, grounds and escalations.
Thin: parse, call a service or selector, render."""

from dataclasses import asdict
from uuid import UUID

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from doorbraak.casussen.models import Urgentie
from doorbraak.fouten import NietGevonden, Validatiefout
from doorbraak.organisaties.models import Medewerker
from doorbraak.overleg import selectors, services
from doorbraak.overleg.models import (
    Bijeenkomst,
    Categorie,
    GrondslagSoort,
    Overleg,
    OverlegSoort,
    Richting,
)

# --- serializers: output -------------------------------------------------------------------


class LidSerializer(serializers.Serializer):
    gebruikersnaam = serializers.CharField(source="medewerker.username")
    naam = serializers.CharField(source="medewerker.naam")
    organisatie = serializers.CharField()
    domein = serializers.CharField()


class OverlegSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    naam = serializers.CharField(max_length=160)
    soort = serializers.ChoiceField(choices=OverlegSoort.choices)
    doelgroep = serializers.CharField(
        source="doelgroep.code", allow_null=True, required=False, default=None
    )
    voorzitter = serializers.CharField(
        source="voorzitter.username",
        allow_null=True,
        required=False,
        default=None,
        help_text="Gebruikersnaam.",
    )
    ritme = serializers.CharField(required=False, allow_blank=True, default="")
    venster_dagen_voor = serializers.IntegerField(min_value=0, max_value=60, default=7)
    venster_dagen_na = serializers.IntegerField(min_value=0, max_value=60, default=7)
    actief = serializers.BooleanField(read_only=True)


class OverlegDetailSerializer(OverlegSerializer):
    leden = LidSerializer(many=True, read_only=True, source="leden.all")


class BijeenkomstSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    overleg = serializers.UUIDField(source="overleg_id")
    overleg_naam = serializers.CharField(source="overleg.naam", read_only=True)
    datum = serializers.DateField()
    aanvang = serializers.TimeField(required=False, allow_null=True, default=None)
    locatie = serializers.CharField(required=False, allow_blank=True, default="")


class AfspraakSerializer(serializers.Serializer):
    wat = serializers.CharField()
    wie = serializers.CharField(max_length=160)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    actie = serializers.UUIDField(source="actie_id", read_only=True, allow_null=True)
    open = serializers.BooleanField(read_only=True)


class AgendapuntSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    bijeenkomst = serializers.UUIDField(source="bijeenkomst_id")
    volgorde = serializers.IntegerField()
    aanduiding = serializers.CharField(help_text="Naam, of een pseudoniem zonder grondslag.")
    gepseudonimiseerd = serializers.SerializerMethodField()
    brief_zichtbaar = serializers.BooleanField()
    vraag = serializers.CharField(source="getoonde_vraag")
    meegenomen = serializers.BooleanField()
    conclusie = serializers.CharField(source="getoonde_conclusie")
    besproken_op = serializers.DateTimeField(allow_null=True)
    afspraken = serializers.SerializerMethodField()

    def get_gepseudonimiseerd(self, punt) -> bool:
        return not punt.deling.namen

    def get_afspraken(self, punt) -> list[dict]:
        if not punt.brief_zichtbaar:
            return []
        return [
            {
                "wat": a.getoond,
                "wie": a.getoonde_wie,
                "deadline": a.deadline.isoformat() if a.deadline else None,
                "open": a.open,
            }
            for a in punt.afspraken.all()
        ]


class BijeenkomstDetailSerializer(BijeenkomstSerializer):
    agenda = serializers.SerializerMethodField()
    aanwezigen = serializers.SerializerMethodField()
    verslag = serializers.SerializerMethodField()
    venster_van = serializers.SerializerMethodField()
    venster_tot = serializers.SerializerMethodField()

    def get_agenda(self, b) -> list[dict]:
        return AgendapuntSerializer(self.context["agenda"], many=True).data

    def get_aanwezigen(self, b) -> list[str]:
        return sorted(m.username for m in b.aanwezigen.all())

    def get_verslag(self, b) -> str:
        """As the caller may read it now (masked for partners with the grounds valid now)."""
        return b.getoond_verslag

    def get_venster_van(self, b) -> str:
        return b.venster()[0].isoformat()

    def get_venster_tot(self, b) -> str:
        return b.venster()[1].isoformat()


class CasusbriefSerializer(serializers.Serializer):
    """The brief as a plain object (see `overleg.brief.Casusbrief`)."""

    def to_representation(self, brief):
        return serializers.JSONField().to_representation(
            {k: _json(v) for k, v in asdict(brief).items()}
        )


def _json(waarde):
    from datetime import date
    from decimal import Decimal

    if isinstance(waarde, dict):
        return {k: _json(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_json(v) for v in waarde]
    if isinstance(waarde, Decimal):
        return f"{waarde:.2f}"
    if isinstance(waarde, date):
        return waarde.isoformat()
    return waarde


class DeelgrondslagSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    soort = serializers.ChoiceField(choices=GrondslagSoort.choices)
    overleg = serializers.UUIDField(
        source="overleg_id",
        required=False,
        allow_null=True,
        default=None,
        help_text="Leeg: geldt voor alle overleggen.",
    )
    toestemming_datum = serializers.DateField(required=False, allow_null=True, default=None)
    reikwijdte = serializers.CharField(required=False, allow_blank=True, default="")
    wettelijke_grondslag = serializers.CharField(
        max_length=240, required=False, allow_blank=True, default=""
    )
    categorieen = serializers.ListField(
        child=serializers.ChoiceField(choices=Categorie.choices),
        required=False,
        default=list,
        help_text="De categorieën die gedeeld mogen worden; gezondheid en veiligheid vragen "
        "toestemming van de betrokkene of een wettelijke grondslag met artikel.",
    )
    organisatie = serializers.CharField(
        max_length=160,
        required=False,
        allow_blank=True,
        default="",
        help_text="Leeg: alle partnerorganisaties aan de tafel.",
    )
    toestemming_van = serializers.CharField(
        max_length=160, required=False, allow_blank=True, default=""
    )
    vastgelegd_op = serializers.DateTimeField(read_only=True)
    ingetrokken_op = serializers.DateTimeField(read_only=True, allow_null=True)


class EscalatieSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    richting = serializers.ChoiceField(choices=Richting.choices)
    van_overleg = serializers.UUIDField(source="van_overleg_id", read_only=True, allow_null=True)
    naar_overleg = serializers.UUIDField(
        source="naar_overleg_id",
        required=False,
        allow_null=True,
        default=None,
        help_text="Bij afschalen leeg: terug naar het overleg waarvandaan is opgeschaald.",
    )
    reden = serializers.CharField()
    urgentie = serializers.ChoiceField(choices=Urgentie.choices, default=Urgentie.NORMAAL)
    door = serializers.CharField(source="door.username", read_only=True, allow_null=True)
    op = serializers.DateTimeField(read_only=True)


class BriefdelenSerializer(serializers.Serializer):
    """What the regisseur selected for one partner organisation, per category (empty: none)."""

    organisatie = serializers.CharField(max_length=160)
    wonen = serializers.CharField(required=False, allow_blank=True, default="")
    financien = serializers.CharField(required=False, allow_blank=True, default="")
    gezondheid = serializers.CharField(required=False, allow_blank=True, default="")
    veiligheid = serializers.CharField(required=False, allow_blank=True, default="")
    kinderen = serializers.CharField(required=False, allow_blank=True, default="")


# --- serializers: input ------------------------------------------------------------------------


class AgendapuntInvoerSerializer(serializers.Serializer):
    bijeenkomst = serializers.UUIDField()
    casus = serializers.UUIDField()
    vraag = serializers.CharField(help_text="Wat vragen we van de tafel?")


class BesluitSerializer(serializers.Serializer):
    conclusie = serializers.CharField()
    afspraken = AfspraakSerializer(many=True, required=False, default=list)


class BijeenkomstWijzigSerializer(serializers.Serializer):
    verslag = serializers.CharField(required=False)
    aanwezigen = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Gebruikersnamen."
    )


class VolgordeSerializer(serializers.Serializer):
    volgorde = serializers.ListField(child=serializers.UUIDField())


def _geldig(serializer_class, data, **kwargs):
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _bijeenkomst_antwoord(request, bijeenkomst_id, status_code=status.HTTP_200_OK):
    bijeenkomst, agenda = selectors.bijeenkomst_inzien(
        medewerker=request.user, bijeenkomst_id=bijeenkomst_id
    )
    data = BijeenkomstDetailSerializer(bijeenkomst, context={"agenda": agenda}).data
    return Response(data, status=status_code)


def _kenmerk(waarde: str | None, veld: str) -> UUID | None:
    if not waarde:
        return None
    try:
        return UUID(waarde)
    except ValueError:
        raise Validatiefout("Geen geldig kenmerk.", veld=veld) from None


def _medewerker(door, gebruikersnaam: str, veld: str) -> Medewerker:
    medewerker = Medewerker.objects.filter(
        gemeente_id=door.gemeente_id, username=gebruikersnaam, is_active=True
    ).first()
    if medewerker is None:
        raise Validatiefout("Onbekende medewerker in deze gemeente.", veld=veld)
    return medewerker


# --- views -------------------------------------------------------------------------------------


class OverleggenView(GenericAPIView):
    serializer_class = OverlegSerializer
    queryset = Overleg.objects.none()  # for the schema; requests use the scoped selector

    @extend_schema(responses=OverlegSerializer(many=True))
    def get(self, request):
        pagina = self.paginate_queryset(selectors.overleggen_voor(medewerker=request.user))
        return self.get_paginated_response(OverlegSerializer(pagina, many=True).data)

    @extend_schema(request=OverlegSerializer, responses={201: OverlegDetailSerializer})
    def post(self, request):
        data = _geldig(OverlegSerializer, request.data)
        voorzitter = data.get("voorzitter", {}).get("username")
        overleg = services.overleg_aanmaken(
            door=request.user,
            naam=data["naam"],
            soort=data["soort"],
            doelgroep_code=(data.get("doelgroep") or {}).get("code"),
            voorzitter=_medewerker(request.user, voorzitter, "voorzitter") if voorzitter else None,
            ritme=data["ritme"],
            venster_dagen_voor=data["venster_dagen_voor"],
            venster_dagen_na=data["venster_dagen_na"],
        )
        overleg = selectors.overleg_inzien(medewerker=request.user, overleg_id=overleg.pk)
        return Response(OverlegDetailSerializer(overleg).data, status=status.HTTP_201_CREATED)


class OverlegView(APIView):
    @extend_schema(responses=OverlegDetailSerializer)
    def get(self, request, overleg_id):
        overleg = selectors.overleg_inzien(medewerker=request.user, overleg_id=overleg_id)
        return Response(OverlegDetailSerializer(overleg).data)


class BijeenkomstenView(GenericAPIView):
    serializer_class = BijeenkomstSerializer
    queryset = Bijeenkomst.objects.none()  # for the schema only

    @extend_schema(
        parameters=[OpenApiParameter("overleg", str, required=False)],
        responses=BijeenkomstSerializer(many=True),
    )
    def get(self, request):
        overleg = _kenmerk(request.query_params.get("overleg"), "overleg")
        qs = selectors.bijeenkomsten_voor(medewerker=request.user, overleg_id=overleg)
        pagina = self.paginate_queryset(qs)
        return self.get_paginated_response(BijeenkomstSerializer(pagina, many=True).data)

    @extend_schema(request=BijeenkomstSerializer, responses={201: BijeenkomstDetailSerializer})
    def post(self, request):
        data = _geldig(BijeenkomstSerializer, request.data)
        bijeenkomst = services.bijeenkomst_plannen(
            door=request.user,
            overleg_id=data["overleg_id"],
            datum=data["datum"],
            aanvang=data["aanvang"],
            locatie=data["locatie"],
        )
        return _bijeenkomst_antwoord(request, bijeenkomst.pk, status.HTTP_201_CREATED)


class BijeenkomstView(APIView):
    @extend_schema(responses=BijeenkomstDetailSerializer)
    def get(self, request, bijeenkomst_id):
        return _bijeenkomst_antwoord(request, bijeenkomst_id)

    @extend_schema(request=BijeenkomstWijzigSerializer, responses=BijeenkomstDetailSerializer)
    def patch(self, request, bijeenkomst_id):
        data = _geldig(BijeenkomstWijzigSerializer, request.data)
        if "aanwezigen" in data:
            ids = [
                _medewerker(request.user, naam, f"aanwezigen[{i}]").pk
                for i, naam in enumerate(data["aanwezigen"])
            ]
            services.aanwezigheid_vastleggen(
                door=request.user, bijeenkomst_id=bijeenkomst_id, aanwezigen=ids
            )
        if "verslag" in data:
            services.verslag_opslaan(
                door=request.user, bijeenkomst_id=bijeenkomst_id, tekst=data["verslag"]
            )
        return _bijeenkomst_antwoord(request, bijeenkomst_id)


class BijeenkomstVolgordeView(APIView):
    @extend_schema(request=VolgordeSerializer, responses=BijeenkomstDetailSerializer)
    def put(self, request, bijeenkomst_id):
        data = _geldig(VolgordeSerializer, request.data)
        services.agenda_ordenen(
            door=request.user, bijeenkomst_id=bijeenkomst_id, volgorde=data["volgorde"]
        )
        return _bijeenkomst_antwoord(request, bijeenkomst_id)


class BijeenkomstVerslagView(APIView):
    @extend_schema(request=None, responses=BijeenkomstDetailSerializer)
    def post(self, request, bijeenkomst_id):
        """Generate the verslag from the agenda items (replaces the current text)."""
        services.verslag_opstellen(door=request.user, bijeenkomst_id=bijeenkomst_id)
        return _bijeenkomst_antwoord(request, bijeenkomst_id)


class AgendapuntenView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("bijeenkomst", str, required=True)],
        responses=AgendapuntSerializer(many=True),
    )
    def get(self, request):
        bijeenkomst = _kenmerk(request.query_params.get("bijeenkomst"), "bijeenkomst")
        if bijeenkomst is None:
            raise Validatiefout("Kies de bijeenkomst.", veld="bijeenkomst")
        _, agenda = selectors.bijeenkomst_inzien(
            medewerker=request.user, bijeenkomst_id=bijeenkomst
        )
        return Response(AgendapuntSerializer(agenda, many=True).data)

    @extend_schema(request=AgendapuntInvoerSerializer, responses={201: BijeenkomstDetailSerializer})
    def post(self, request):
        data = _geldig(AgendapuntInvoerSerializer, request.data)
        services.agendapunt_toevoegen(
            door=request.user,
            bijeenkomst_id=data["bijeenkomst"],
            casus_id=data["casus"],
            vraag=data["vraag"],
        )
        return _bijeenkomst_antwoord(request, data["bijeenkomst"], status.HTTP_201_CREATED)


def _agendapunt(request, agendapunt_id):
    punt = selectors.agendapunt_ophalen(medewerker=request.user, agendapunt_id=agendapunt_id)
    _, agenda = selectors.bijeenkomst_inzien(
        medewerker=request.user, bijeenkomst_id=punt.bijeenkomst_id
    )
    for p in agenda:
        if p.pk == punt.pk:
            return p
    raise NietGevonden("Agendapunt niet gevonden.")


class AgendapuntView(APIView):
    @extend_schema(responses=AgendapuntSerializer)
    def get(self, request, agendapunt_id):
        return Response(AgendapuntSerializer(_agendapunt(request, agendapunt_id)).data)


class CasusbriefView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "organisatie",
                str,
                required=False,
                description="Alleen voor medewerkers van de gemeente: het voorbeeld van wat deze "
                "partnerorganisatie aan tafel ziet.",
            )
        ],
        responses=CasusbriefSerializer,
    )
    def get(self, request, agendapunt_id):
        organisatie = request.query_params.get("organisatie") or None
        _, brief = selectors.casusbrief_inzien(
            medewerker=request.user, agendapunt_id=agendapunt_id, voor_organisatie=organisatie
        )
        return Response(CasusbriefSerializer(brief).data)


class BriefdelenView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("organisatie", str, required=True)],
        responses=BriefdelenSerializer,
    )
    def get(self, request, agendapunt_id):
        organisatie = request.query_params.get("organisatie", "")
        if not organisatie:
            raise Validatiefout("Kies de partnerorganisatie.", veld="organisatie")
        teksten = selectors.briefdelen_voor(
            medewerker=request.user, agendapunt_id=agendapunt_id, organisatie=organisatie
        )
        return Response(BriefdelenSerializer({"organisatie": organisatie, **teksten}).data)

    @extend_schema(request=BriefdelenSerializer, responses=BriefdelenSerializer)
    def put(self, request, agendapunt_id):
        data = _geldig(BriefdelenSerializer, request.data)
        organisatie = data.pop("organisatie")
        services.briefdelen_vastleggen(
            door=request.user, agendapunt_id=agendapunt_id, organisatie=organisatie, teksten=data
        )
        teksten = selectors.briefdelen_voor(
            medewerker=request.user, agendapunt_id=agendapunt_id, organisatie=organisatie
        )
        return Response(BriefdelenSerializer({"organisatie": organisatie, **teksten}).data)


class BesluitView(APIView):
    @extend_schema(request=BesluitSerializer, responses={201: AgendapuntSerializer})
    def post(self, request, agendapunt_id):
        data = _geldig(BesluitSerializer, request.data)
        services.besluit_vastleggen(
            door=request.user,
            agendapunt_id=agendapunt_id,
            conclusie=data["conclusie"],
            afspraken=[services.AfspraakInvoer(**a) for a in data["afspraken"]],
        )
        punt = _agendapunt(request, agendapunt_id)
        return Response(AgendapuntSerializer(punt).data, status=status.HTTP_201_CREATED)


class DeelgrondslagenView(APIView):
    @extend_schema(responses=DeelgrondslagSerializer(many=True))
    def get(self, request, casus_id):
        tafels = selectors.casus_tafels(medewerker=request.user, casus_id=casus_id)
        return Response(DeelgrondslagSerializer(tafels["grondslagen"], many=True).data)

    @extend_schema(request=DeelgrondslagSerializer, responses={201: DeelgrondslagSerializer})
    def post(self, request, casus_id):
        data = _geldig(DeelgrondslagSerializer, request.data)
        grond = services.deelgrondslag_vastleggen(
            door=request.user,
            casus_id=casus_id,
            soort=data["soort"],
            toestemming_datum=data["toestemming_datum"],
            reikwijdte=data["reikwijdte"],
            wettelijke_grondslag=data["wettelijke_grondslag"],
            overleg_id=data["overleg_id"],
            categorieen=data["categorieen"],
            organisatie=data["organisatie"],
            toestemming_van=data["toestemming_van"],
        )
        return Response(DeelgrondslagSerializer(grond).data, status=status.HTTP_201_CREATED)


class DeelgrondslagView(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request, casus_id, grondslag_id):
        """Withdraw the ground (it stays in the history, marked as withdrawn)."""
        services.deelgrondslag_intrekken(
            door=request.user, casus_id=casus_id, grondslag_id=grondslag_id
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class EscalatiesView(APIView):
    @extend_schema(responses=EscalatieSerializer(many=True))
    def get(self, request, casus_id):
        tafels = selectors.casus_tafels(medewerker=request.user, casus_id=casus_id)
        return Response(EscalatieSerializer(tafels["escalaties"], many=True).data)

    @extend_schema(request=EscalatieSerializer, responses={201: EscalatieSerializer})
    def post(self, request, casus_id):
        data = _geldig(EscalatieSerializer, request.data)
        if data["richting"] == Richting.OPSCHALEN:
            if data["naar_overleg_id"] is None:
                raise Validatiefout("Kies het overleg.", veld="naar_overleg")
            escalatie = services.casus_escaleren(
                door=request.user,
                casus_id=casus_id,
                naar_overleg_id=data["naar_overleg_id"],
                reden=data["reden"],
                urgentie=data["urgentie"],
            )
        else:
            escalatie = services.casus_afschalen(
                door=request.user,
                casus_id=casus_id,
                naar_overleg_id=data["naar_overleg_id"],
                reden=data["reden"],
                urgentie=data["urgentie"],
            )
        return Response(EscalatieSerializer(escalatie).data, status=status.HTTP_201_CREATED)
