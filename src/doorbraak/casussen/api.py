"""REST endpoints for households and cases. Thin: parse, call a service or selector, render."""

import json
from decimal import Decimal

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from doorbraak import invoer
from doorbraak.casussen import selectors, services
from doorbraak.casussen.filters import CasusFilterSet
from doorbraak.casussen.models import (
    Casus,
    GezinslidRol,
    KnelpuntSoort,
    TijdlijnItem,
    Urgentie,
)
from doorbraak.casussen.status import CasusStatus
from doorbraak.casussen.verloop import domeinverloop, scoreregels, totale_jaarkosten
from doorbraak.organisaties import toegangspoort, tokens

# --- serializers: output -------------------------------------------------------------------


class GezinslidSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    voornaam = serializers.CharField()
    achternaam = serializers.CharField()
    geboortedatum = serializers.DateField()
    rol = serializers.CharField()
    bsn_masked = serializers.CharField(allow_null=True, help_text="Alleen de laatste 4 cijfers.")


class HuishoudenSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    naam = serializers.CharField()
    postcode = serializers.CharField()
    straat = serializers.CharField()
    huisnummer = serializers.CharField()
    woonplaats = serializers.CharField()
    telefoon = serializers.CharField()
    email = serializers.CharField()
    gezinsleden = GezinslidSerializer(many=True)
    aangemaakt_op = serializers.DateTimeField()


class HuishoudenKortSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    naam = serializers.CharField()


class CasusLijstSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    huishouden = HuishoudenKortSerializer()
    doelgroep = serializers.CharField(source="doelgroep.code")
    doelgroep_naam = serializers.CharField(source="doelgroep.naam")
    aanleiding = serializers.CharField()
    urgentie = serializers.CharField()
    status = serializers.CharField()
    regisseur = serializers.CharField(source="regisseur.username", allow_null=True, default=None)
    aangemeld_op = serializers.DateTimeField()
    status_gewijzigd_op = serializers.DateTimeField()


class ScoreUitSerializer(serializers.Serializer):
    domein = serializers.CharField(source="leefgebied.code")
    naam = serializers.CharField(source="leefgebied.naam")
    score = serializers.IntegerField()
    toelichting = serializers.CharField()


class MetingSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    datum = serializers.DateField()
    scores = ScoreUitSerializer(many=True)


class VerloopSerializer(serializers.Serializer):
    domein = serializers.CharField()
    naam = serializers.CharField()
    eerste = serializers.IntegerField()
    eerste_datum = serializers.DateField()
    laatste = serializers.IntegerField()
    laatste_datum = serializers.DateField()
    verschil = serializers.IntegerField()


class HulpverlenerSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    organisatie = serializers.CharField(max_length=160)
    rol = serializers.CharField(max_length=160)
    contactpersoon = serializers.CharField(max_length=160, required=False, allow_blank=True)
    telefoon = serializers.CharField(max_length=40, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    geschatte_jaarkosten = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, min_value=Decimal("0")
    )


class KnelpuntSerializer(serializers.Serializer):
    id = serializers.UUIDField(required=False)
    omschrijving = serializers.CharField()
    soort = serializers.ChoiceField(choices=KnelpuntSoort.choices)
    regeling = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    artikel = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")


class ActieSerializer(serializers.Serializer):
    id = serializers.UUIDField(required=False)
    omschrijving = serializers.CharField()
    eigenaar = serializers.CharField(max_length=160)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    gereed = serializers.BooleanField(required=False, default=False)


class NetwerklidSerializer(serializers.Serializer):
    id = serializers.UUIDField(required=False)
    naam = serializers.CharField(max_length=160)
    rol = serializers.CharField(max_length=160, help_text="Bijv. oma, buurman, vriendin.")
    bijdrage = serializers.CharField(required=False, allow_blank=True, default="")


class DoorbraakplanSerializer(serializers.Serializer):
    situatie = serializers.CharField(required=False, allow_blank=True, default="")
    perspectief = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Waar wil het huishouden over een jaar staan?",
    )
    doorbraak = serializers.CharField(required=False, allow_blank=True, default="")
    knelpunten = KnelpuntSerializer(many=True, required=False, default=list)
    acties = ActieSerializer(many=True, required=False, default=list)
    eigen_woorden = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Wat het huishouden zelf wil, in de eigen woorden.",
    )
    krachten = serializers.CharField(required=False, allow_blank=True, default="")
    netwerk = NetwerklidSerializer(many=True, required=False, default=list)
    bijgewerkt_op = serializers.DateTimeField(read_only=True)


class StatuswijzigingSerializer(serializers.Serializer):
    van = serializers.CharField()
    naar = serializers.CharField()
    reden = serializers.CharField()
    door = serializers.CharField(source="door.username", allow_null=True, default=None)
    op = serializers.DateTimeField()


class ContactmomentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    datum = serializers.DateField()
    soort = serializers.CharField(help_text="telefoon, huisbezoek, email of overleg.")
    met_wie = serializers.CharField()
    notitie = serializers.CharField()
    door = serializers.CharField(source="door.username", allow_null=True, default=None)


class CasusDossierSerializer(CasusLijstSerializer):
    huishouden = HuishoudenSerializer()
    afgesloten_op = serializers.DateTimeField(allow_null=True)
    metingen = MetingSerializer(many=True)
    domeinverloop = serializers.SerializerMethodField()
    hulpverleners = HulpverlenerSerializer(many=True)
    totaal_jaarkosten_hulpverleners = serializers.SerializerMethodField()
    doorbraakplan = DoorbraakplanSerializer()
    statusgeschiedenis = StatuswijzigingSerializer(source="statuswijzigingen", many=True)
    aanvragen = serializers.SerializerMethodField()
    contactmomenten = ContactmomentSerializer(many=True)

    def get_domeinverloop(self, casus: Casus) -> list[dict]:
        return VerloopSerializer(domeinverloop(scoreregels(casus.metingen.all())), many=True).data

    def get_totaal_jaarkosten_hulpverleners(self, casus: Casus) -> str:
        return f"{totale_jaarkosten(casus.hulpverleners.all()):.2f}"

    def get_aanvragen(self, casus: Casus) -> list[dict]:
        return [
            {
                "id": str(a.pk),
                "fonds": a.fonds.code,
                "bedrag": f"{a.bedrag:.2f}",
                "vorm": a.vorm,
                "status": a.status,
            }
            for a in casus.aanvragen.select_related("fonds").order_by("aangemaakt_op", "pk")
        ]


# --- serializers: input --------------------------------------------------------------------


class GezinslidInvoerSerializer(serializers.Serializer):
    voornaam = serializers.CharField(max_length=100)
    achternaam = serializers.CharField(max_length=100)
    geboortedatum = serializers.DateField()
    rol = serializers.ChoiceField(choices=GezinslidRol.choices)
    bsn = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        max_length=20,
        help_text="Optioneel; gecontroleerd met de elfproef, versleuteld opgeslagen, nooit terug.",
    )

    def naar_invoer(self) -> services.NieuwGezinslid:
        return services.NieuwGezinslid(**self.validated_data)


class HuishoudenInvoerSerializer(serializers.Serializer):
    naam = serializers.CharField(max_length=200)
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True, default="")
    gezinsleden = GezinslidInvoerSerializer(many=True)


class HuishoudenWijzigSerializer(serializers.Serializer):
    naam = serializers.CharField(max_length=200, required=False)
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True)
    straat = serializers.CharField(max_length=120, required=False, allow_blank=True)
    huisnummer = serializers.CharField(max_length=12, required=False, allow_blank=True)
    woonplaats = serializers.CharField(max_length=80, required=False, allow_blank=True)
    telefoon = serializers.CharField(max_length=20, required=False, allow_blank=True)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)


class BsnZoekSerializer(serializers.Serializer):
    bsn = serializers.CharField(max_length=20, write_only=True)


class CasusInvoerSerializer(serializers.Serializer):
    huishouden = serializers.UUIDField()
    doelgroep = serializers.CharField(help_text="Doelgroepcode, zie GET /doelgroepen.")
    aanleiding = serializers.CharField(
        max_length=invoer.MAX_TEKST, error_messages={"max_length": invoer.te_lange_tekst()}
    )
    urgentie = serializers.ChoiceField(choices=Urgentie.choices, default=Urgentie.NORMAAL)


class CasusWijzigSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CasusStatus.choices, required=False)
    reden = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Reden van de statuswijziging of van de overdracht van de regie.",
    )
    urgentie = serializers.ChoiceField(choices=Urgentie.choices, required=False)
    aanleiding = serializers.CharField(
        required=False,
        max_length=invoer.MAX_TEKST,
        error_messages={"max_length": invoer.te_lange_tekst()},
    )
    regisseur = serializers.CharField(
        required=False, help_text="Gebruikersnaam; een overdracht vraagt een reden."
    )


class ScoreInvoerSerializer(serializers.Serializer):
    domein = serializers.CharField(help_text="Code van het leefgebied, zie GET /domeinen.")
    score = serializers.IntegerField(min_value=1, max_value=5)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class TijdlijnItemSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    soort = serializers.CharField(read_only=True)
    tekst = serializers.CharField()
    door = serializers.CharField(source="door.username", read_only=True, default=None)
    op = serializers.DateTimeField(read_only=True)


def _geldig(serializer_class, data, **kwargs):
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- views ---------------------------------------------------------------------------------


class HuishoudensView(APIView):
    @extend_schema(request=HuishoudenInvoerSerializer, responses={201: HuishoudenSerializer})
    def post(self, request):
        data = _geldig(HuishoudenInvoerSerializer, request.data)
        huishouden = services.huishouden_registreren(
            door=request.user,
            naam=data["naam"],
            postcode=data["postcode"],
            gezinsleden=[services.NieuwGezinslid(**lid) for lid in data["gezinsleden"]],
        )
        return Response(HuishoudenSerializer(huishouden).data, status=status.HTTP_201_CREATED)


class HuishoudenView(APIView):
    @extend_schema(responses=HuishoudenSerializer)
    def get(self, request, huishouden_id):
        huishouden = selectors.huishouden_inzien(
            medewerker=request.user, huishouden_id=huishouden_id
        )
        return Response(HuishoudenSerializer(huishouden).data)

    @extend_schema(request=HuishoudenWijzigSerializer, responses=HuishoudenSerializer)
    def patch(self, request, huishouden_id):
        data = _geldig(HuishoudenWijzigSerializer, request.data)
        services.huishouden_wijzigen(door=request.user, huishouden_id=huishouden_id, **data)
        huishouden = selectors.huishouden_inzien(
            medewerker=request.user, huishouden_id=huishouden_id
        )
        return Response(HuishoudenSerializer(huishouden).data)


class GezinsledenView(APIView):
    @extend_schema(request=GezinslidInvoerSerializer, responses={201: GezinslidSerializer})
    def post(self, request, huishouden_id):
        data = _geldig(GezinslidInvoerSerializer, request.data)
        lid = services.gezinslid_toevoegen(
            door=request.user,
            huishouden_id=huishouden_id,
            gezinslid=services.NieuwGezinslid(**data),
        )
        return Response(GezinslidSerializer(lid).data, status=status.HTTP_201_CREATED)


class HuishoudenZoekView(APIView):
    """Find households by BSN: a POST, so the BSN never appears in a URL or access log."""

    @extend_schema(request=BsnZoekSerializer, responses=HuishoudenSerializer(many=True))
    def post(self, request):
        data = _geldig(BsnZoekSerializer, request.data)
        huishoudens = selectors.huishoudens_zoeken_op_bsn(medewerker=request.user, bsn=data["bsn"])
        return Response(HuishoudenSerializer(huishoudens, many=True).data)


class CasussenZoekView(APIView):
    """The worklist by BSN: a POST, so the BSN never appears in a URL or access log."""

    @extend_schema(request=BsnZoekSerializer, responses=CasusLijstSerializer(many=True))
    def post(self, request):
        data = _geldig(BsnZoekSerializer, request.data)
        casussen = selectors.casussen_zoeken_op_bsn(medewerker=request.user, bsn=data["bsn"])
        return Response(CasusLijstSerializer(casussen, many=True).data)


class CasussenView(GenericAPIView):
    serializer_class = CasusLijstSerializer
    filterset_class = CasusFilterSet
    queryset = Casus.objects.none()  # for the schema; requests use the scoped selector

    def get_queryset(self):
        return selectors.casussen_voor(medewerker=self.request.user)

    @extend_schema(responses=CasusLijstSerializer(many=True))
    def get(self, request):
        pagina = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        selectors.registreer_lijstinzage(medewerker=request.user, casussen=pagina)
        return self.get_paginated_response(CasusLijstSerializer(pagina, many=True).data)

    @extend_schema(request=CasusInvoerSerializer, responses={201: CasusDossierSerializer})
    def post(self, request):
        data = _geldig(CasusInvoerSerializer, request.data)
        casus = services.casus_aanmelden(
            door=request.user,
            huishouden_id=data["huishouden"],
            doelgroep_code=data["doelgroep"],
            aanleiding=data["aanleiding"],
            urgentie=data["urgentie"],
        )
        dossier = selectors.casus_dossier(medewerker=request.user, casus_id=casus.pk)
        return Response(CasusDossierSerializer(dossier).data, status=status.HTTP_201_CREATED)


class CasusView(APIView):
    def dispatch(self, request, *args, **kwargs):
        """A dossier read with a token is answered by one statement where it can be
        (`_met_token`); everything else, and whatever that statement does not find, goes DRF's
        way below, which gives the same answer or its reason (issue 19)."""
        antwoord = self.direct(request, **kwargs)
        return antwoord if antwoord is not None else super().dispatch(request, *args, **kwargs)

    @classmethod
    def direct(cls, request, casus_id) -> HttpResponse | None:
        """The answer by the one statement (`_met_token`) with the headers DRF's dispatch gives
        every response (`finalize_response`); None where DRF's way must answer. Also called
        without URL resolving and `as_view`'s wrapper by the token stack (config.tokenpad)."""
        antwoord = cls._met_token(request, casus_id)
        if antwoord is None:
            return None
        view = cls()
        view.setup(request, casus_id=casus_id)  # as `as_view` does (HEAD answered as GET)
        view.headers = view.default_response_headers
        return view.finalize_response(request, antwoord)

    @staticmethod
    def _met_token(request, casus_id) -> HttpResponse | None:
        """The stored copy as `get` sends it: for a GET with a token, no query string and JSON
        as the only answer asked for (what DRF's negotiation gives the JSON renderer, not
        indented)."""
        meta = request.META
        if (
            request.method != "GET"
            or meta.get("QUERY_STRING")
            or meta.get("HTTP_ACCEPT", "*/*") not in ("*/*", "application/json")
        ):
            return None
        token = tokens.token_uit_kop(meta.get("HTTP_AUTHORIZATION", ""))
        actie, bekend = toegangspoort.actie_van(request)
        if token is None or actie is None or not bekend:
            return None
        gevonden = selectors.casus_dossier_met_token(token=token, casus_id=casus_id, actie=actie)
        if gevonden is None:
            return None
        request.user, inhoud = gevonden  # the signed-in medewerker, as DRF's Request sets it
        return HttpResponse(inhoud.encode(), content_type="application/json")

    @extend_schema(responses=CasusDossierSerializer)
    def get(self, request, casus_id):
        inhoud = selectors.casus_dossier_json(medewerker=request.user, casus_id=casus_id)
        if request.accepted_renderer.format != "json" or "indent" in request.accepted_media_type:
            return Response(json.loads(inhoud))  # the browsable API (DEBUG), or indented JSON
        # Already rendered by the same JSONRenderer when the read model was built.
        return HttpResponse(inhoud.encode(), content_type="application/json")

    @extend_schema(request=CasusWijzigSerializer, responses=CasusDossierSerializer)
    def patch(self, request, casus_id):
        data = _geldig(CasusWijzigSerializer, request.data)
        services.casus_wijzigen(
            door=request.user,
            casus_id=casus_id,
            status_naar=data.get("status"),
            reden=data["reden"],
            urgentie=data.get("urgentie"),
            aanleiding=data.get("aanleiding"),
            regisseur_gebruikersnaam=data.get("regisseur"),
        )
        casus = selectors.casus_dossier(medewerker=request.user, casus_id=casus_id)
        return Response(CasusDossierSerializer(casus).data)


class DomeinscoresView(APIView):
    @extend_schema(responses=MetingSerializer(many=True))
    def get(self, request, casus_id):
        casus = selectors.casus_onderdeel_inzien(
            medewerker=request.user,
            casus_id=casus_id,
            onderdeel="domeinscores",
            prefetch=("metingen__scores__leefgebied",),
        )
        return Response(MetingSerializer(casus.metingen.all(), many=True).data)

    @extend_schema(request=ScoreInvoerSerializer(many=True), responses={201: MetingSerializer})
    def put(self, request, casus_id):
        scores = _geldig(ScoreInvoerSerializer, request.data, many=True)
        meting = services.domeinscores_vastleggen(
            door=request.user,
            casus_id=casus_id,
            scores=[services.Score(**s) for s in scores],
        )
        return Response(MetingSerializer(meting).data, status=status.HTTP_201_CREATED)


class DoorbraakplanView(APIView):
    @extend_schema(responses=DoorbraakplanSerializer)
    def get(self, request, casus_id):
        casus = selectors.casus_onderdeel_inzien(
            medewerker=request.user,
            casus_id=casus_id,
            onderdeel="doorbraakplan",
            prefetch=(
                "doorbraakplan__knelpunten",
                "doorbraakplan__acties",
                "doorbraakplan__netwerk",
            ),
        )
        return Response(DoorbraakplanSerializer(casus.doorbraakplan).data)

    @extend_schema(request=DoorbraakplanSerializer, responses=DoorbraakplanSerializer)
    def put(self, request, casus_id):
        data = _geldig(DoorbraakplanSerializer, request.data)
        plan = services.doorbraakplan_opslaan(
            door=request.user, casus_id=casus_id, invoer=services.PlanInvoer(**data)
        )
        return Response(DoorbraakplanSerializer(plan).data)


class HulpverlenersView(APIView):
    @extend_schema(responses=HulpverlenerSerializer(many=True))
    def get(self, request, casus_id):
        casus = selectors.casus_onderdeel_inzien(
            medewerker=request.user,
            casus_id=casus_id,
            onderdeel="hulpverleners",
            prefetch=("hulpverleners",),
        )
        return Response(HulpverlenerSerializer(casus.hulpverleners.all(), many=True).data)

    @extend_schema(request=HulpverlenerSerializer, responses={201: HulpverlenerSerializer})
    def post(self, request, casus_id):
        data = _geldig(HulpverlenerSerializer, request.data)
        hulpverlener = services.hulpverlener_toevoegen(
            door=request.user, casus_id=casus_id, invoer=services.HulpverlenerInvoer(**data)
        )
        return Response(HulpverlenerSerializer(hulpverlener).data, status=status.HTTP_201_CREATED)


class HulpverlenerView(APIView):
    @extend_schema(request=HulpverlenerSerializer, responses=HulpverlenerSerializer)
    def put(self, request, casus_id, hulpverlener_id):
        data = _geldig(HulpverlenerSerializer, request.data)
        hulpverlener = services.hulpverlener_wijzigen(
            door=request.user,
            casus_id=casus_id,
            hulpverlener_id=hulpverlener_id,
            invoer=services.HulpverlenerInvoer(**data),
        )
        return Response(HulpverlenerSerializer(hulpverlener).data)

    @extend_schema(responses={204: None})
    def delete(self, request, casus_id, hulpverlener_id):
        services.hulpverlener_verwijderen(
            door=request.user, casus_id=casus_id, hulpverlener_id=hulpverlener_id
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class TijdlijnView(GenericAPIView):
    serializer_class = TijdlijnItemSerializer
    queryset = TijdlijnItem.objects.none()  # for the schema only

    @extend_schema(responses=TijdlijnItemSerializer(many=True))
    def get(self, request, casus_id):
        casus = selectors.casus_onderdeel_inzien(
            medewerker=request.user, casus_id=casus_id, onderdeel="tijdlijn"
        )
        pagina = self.paginate_queryset(casus.tijdlijn.select_related("door"))
        return self.get_paginated_response(TijdlijnItemSerializer(pagina, many=True).data)

    @extend_schema(request=TijdlijnItemSerializer, responses={201: TijdlijnItemSerializer})
    def post(self, request, casus_id):
        data = _geldig(TijdlijnItemSerializer, request.data)
        item = services.notitie_toevoegen(door=request.user, casus_id=casus_id, tekst=data["tekst"])
        return Response(TijdlijnItemSerializer(item).data, status=status.HTTP_201_CREATED)


class CorrectieInvoerSerializer(serializers.Serializer):
    voornaam = serializers.CharField(max_length=100, required=False)
    achternaam = serializers.CharField(max_length=100, required=False)
    geboortedatum = serializers.DateField(required=False)
    rol = serializers.CharField(max_length=10, required=False)
    bsn = serializers.CharField(max_length=20, required=False, allow_blank=True, write_only=True)
    reden = serializers.CharField(help_text="Waarom (bijv. verzoek van betrokkene, AVG art. 16).")


class GezinslidCorrectiesView(APIView):
    """AVG art. 16: correct a member's details; the previous values stay in the history."""

    @extend_schema(request=CorrectieInvoerSerializer, responses={201: GezinslidSerializer})
    def post(self, request, huishouden_id, gezinslid_id):
        data = dict(_geldig(CorrectieInvoerSerializer, request.data))
        reden = data.pop("reden")
        lid = services.gezinslid_corrigeren(
            door=request.user,
            huishouden_id=huishouden_id,
            gezinslid_id=gezinslid_id,
            wijzigingen=data,
            reden=reden,
        )
        return Response(GezinslidSerializer(lid).data, status=status.HTTP_201_CREATED)
