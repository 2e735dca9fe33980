"""REST endpoints for requests, budgets, funds and loans. Thin: parse, call a service or
selector, render."""

from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from doorbraak import invoer
from doorbraak.budget import aflosschema, ledger, selectors, sepa, services
from doorbraak.budget.afwegingskader import CRITERIA
from doorbraak.budget.models import Aanvraag, AanvraagStatus, Advies, Lening, Vorm
from doorbraak.fouten import Validatiefout

BEDRAG = {"max_digits": 12, "decimal_places": 2}


def _bedrag(waarde: Decimal | None) -> str | None:
    return None if waarde is None else f"{waarde:.2f}"


def _geldig(serializer_class, data, **kwargs):
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- serializers ---------------------------------------------------------------------------


class OntvangerSerializer(serializers.Serializer):
    naam = serializers.CharField(max_length=70)
    iban = serializers.CharField(max_length=40)
    huishouden = serializers.BooleanField(
        required=False, default=False, help_text="Betaling aan het huishouden zelf (met reden)."
    )
    reden = serializers.CharField(required=False, allow_blank=True, default="")
    betalingskenmerk = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=35,
        help_text="Klant-, factuur- of betalingskenmerk; vooraan in de betaalomschrijving.",
    )


class CriteriaSerializer(serializers.Serializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, omschrijving in CRITERIA.items():
            self.fields[code] = serializers.BooleanField(
                required=False, default=False, help_text=omschrijving
            )


class AflossingsplanSerializer(serializers.Serializer):
    termijnbedrag = serializers.DecimalField(**BEDRAG, required=False, allow_null=True)
    aantal_termijnen = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    startdatum = serializers.DateField(required=False, allow_null=True)


class DraagkrachtInvoerSerializer(serializers.Serializer):
    maandinkomen = serializers.DecimalField(**BEDRAG, min_value=Decimal("0"))
    vaste_lasten = serializers.DecimalField(**BEDRAG, min_value=Decimal("0"))


class AanvraagInvoerSerializer(serializers.Serializer):
    casus = serializers.UUIDField()
    fonds = serializers.CharField(
        required=False, help_text="Fondscode; standaard het doorbraakbudget."
    )
    bedrag = serializers.DecimalField(**BEDRAG)
    vorm = serializers.ChoiceField(choices=Vorm.choices)
    ontvanger = OntvangerSerializer()
    motivering = serializers.CharField(required=False, allow_blank=True, default="")
    criteria = CriteriaSerializer(required=False, default=dict)
    voorwaarden = serializers.CharField(required=False, allow_blank=True, default="")
    reden_om_niet = serializers.CharField(required=False, allow_blank=True, default="")
    aflossingsplan = AflossingsplanSerializer(required=False, allow_null=True, default=None)
    draagkracht = DraagkrachtInvoerSerializer(required=False, allow_null=True, default=None)

    def naar_invoer(self) -> services.AanvraagInvoer:
        d = self.validated_data
        plan = d["aflossingsplan"] or {}
        dk = d["draagkracht"] or {}
        return services.AanvraagInvoer(
            casus_id=d["casus"],
            fonds=d.get("fonds"),
            bedrag=d["bedrag"],
            vorm=d["vorm"],
            ontvanger_naam=d["ontvanger"]["naam"],
            ontvanger_iban=d["ontvanger"]["iban"],
            aan_huishouden=d["ontvanger"]["huishouden"],
            reden_aan_huishouden=d["ontvanger"]["reden"],
            betalingskenmerk=d["ontvanger"]["betalingskenmerk"],
            motivering=d["motivering"],
            criteria=dict(d["criteria"]),
            voorwaarden=d["voorwaarden"],
            reden_om_niet=d["reden_om_niet"],
            termijnbedrag=plan.get("termijnbedrag"),
            aantal_termijnen=plan.get("aantal_termijnen"),
            startdatum=plan.get("startdatum"),
            maandinkomen=dk.get("maandinkomen"),
            vaste_lasten=dk.get("vaste_lasten"),
        )


@extend_schema_serializer(component_name="Aanvraagstap")  # unique in the OpenAPI document
class StapSerializer(serializers.Serializer):
    van = serializers.CharField()
    naar = serializers.CharField()
    toelichting = serializers.CharField()
    door = serializers.CharField(source="door.username", allow_null=True, default=None)
    op = serializers.DateTimeField()


class AanvraagLijstSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    casus = serializers.UUIDField(source="casus_id")
    fonds = serializers.CharField(source="fonds.code")
    doelgroep = serializers.CharField(source="doelgroep.code")
    bedrag = serializers.DecimalField(**BEDRAG)
    vorm = serializers.CharField()
    status = serializers.CharField()
    aanvrager = serializers.CharField(source="aanvrager.username")
    beoordelaar = serializers.CharField(
        source="beoordelaar.username", default=None, allow_null=True
    )
    besluit_door = serializers.CharField(
        source="besluit_door.username", default=None, allow_null=True
    )
    zelfstandig_besloten = serializers.BooleanField()
    aangemaakt_op = serializers.DateTimeField()
    wacht_op = serializers.SerializerMethodField(
        help_text="Wie of welke rol de volgende stap zet (leeg: afgerond)."
    )

    def get_wacht_op(self, a: Aanvraag) -> str:
        from doorbraak.budget.wacht_op import wacht_op

        return wacht_op(a)


class AanvraagSerializer(AanvraagLijstSerializer):
    ontvanger = serializers.SerializerMethodField()
    motivering = serializers.CharField()
    criteria = serializers.JSONField()
    voorwaarden = serializers.CharField()
    reden_om_niet = serializers.CharField()
    aflossingsplan = serializers.SerializerMethodField()
    draagkracht = serializers.JSONField()
    advies = serializers.CharField()
    advies_toelichting = serializers.CharField()
    besluit_motivering = serializers.CharField()
    besloten_op = serializers.DateTimeField(allow_null=True)
    toegekend = serializers.SerializerMethodField()
    betaald = serializers.SerializerMethodField()
    lening = serializers.SerializerMethodField()
    statusgeschiedenis = StapSerializer(source="stappen.all", many=True)

    def _saldi(self, a: Aanvraag) -> ledger.AanvraagSaldi:
        if not hasattr(a, "_saldi"):
            a._saldi = ledger.aanvraag_saldi(a)
        return a._saldi

    def get_ontvanger(self, a: Aanvraag) -> dict:
        return {
            "naam": a.ontvanger_naam,
            "iban": a.ontvanger_iban,
            "huishouden": a.aan_huishouden,
            "reden": a.reden_aan_huishouden,
            "betalingskenmerk": a.betalingskenmerk,
        }

    def get_aflossingsplan(self, a: Aanvraag) -> dict | None:
        if a.vorm != Vorm.LENING:
            return None
        return {
            "termijnbedrag": _bedrag(a.termijnbedrag),
            "aantal_termijnen": a.aantal_termijnen,
            "startdatum": a.startdatum,
        }

    def get_toegekend(self, a: Aanvraag) -> str:
        return _bedrag(self._saldi(a).toegekend)

    def get_betaald(self, a: Aanvraag) -> str:
        return _bedrag(self._saldi(a).betaald)

    def get_lening(self, a: Aanvraag) -> str | None:
        lening = getattr(a, "lening", None) if a.vorm == Vorm.LENING else None
        return str(lening.pk) if lening else None


class BeoordelingSerializer(serializers.Serializer):
    advies = serializers.ChoiceField(choices=Advies.choices)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    afwijking_motivering = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Verplicht als het advies sterk afwijkt van vergelijkbare doorbraken "
        "(precedenten).",
    )


@extend_schema_serializer(component_name="Aanvraagbesluit")  # unique in the OpenAPI document
class BesluitSerializer(serializers.Serializer):
    besluit = serializers.ChoiceField(choices=[("go", "go"), ("afgewezen", "afgewezen")])
    motivering = serializers.CharField(required=False, allow_blank=True, default="")
    afwijking_motivering = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Verplicht als het besluit sterk afwijkt van vergelijkbare doorbraken "
        "(precedenten).",
    )


class BedragDatumSerializer(serializers.Serializer):
    bedrag = serializers.DecimalField(**BEDRAG)
    datum = serializers.DateField(required=False, allow_null=True, default=None)


class VrijvalSerializer(serializers.Serializer):
    reden = serializers.CharField()


class AfschrijvingSerializer(serializers.Serializer):
    reden = serializers.CharField()
    bedrag = serializers.DecimalField(**BEDRAG, required=False, allow_null=True, default=None)


@extend_schema_serializer(component_name="Aflostermijn")  # unique in the OpenAPI document
class TermijnSerializer(serializers.Serializer):
    nummer = serializers.IntegerField()
    vervaldatum = serializers.DateField()
    bedrag = serializers.DecimalField(**BEDRAG)


class LeningSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    aanvraag = serializers.UUIDField(source="aanvraag_id")
    hoofdsom = serializers.DecimalField(**BEDRAG)
    termijnbedrag = serializers.DecimalField(**BEDRAG)
    startdatum = serializers.DateField()
    schema = TermijnSerializer(many=True)
    uitbetaald = serializers.DecimalField(**BEDRAG)
    afgelost = serializers.DecimalField(**BEDRAG)
    afgeschreven = serializers.DecimalField(**BEDRAG)
    uitstaand = serializers.DecimalField(**BEDRAG)
    achterstand = serializers.DecimalField(**BEDRAG)


def lening_weergave(lening: Lening) -> dict:
    s = ledger.lening_saldi(lening)
    termijnen = aflosschema.schema(
        hoofdsom=lening.hoofdsom, termijnbedrag=lening.termijnbedrag, startdatum=lening.startdatum
    )
    achterstand = aflosschema.achterstand(
        termijnen, afgelost=s.afgelost + s.afgeschreven, peildatum=timezone.localdate()
    )
    return {
        "id": lening.pk,
        "aanvraag_id": lening.aanvraag_id,
        "hoofdsom": lening.hoofdsom,
        "termijnbedrag": lening.termijnbedrag,
        "startdatum": lening.startdatum,
        "schema": termijnen,
        "uitbetaald": s.uitbetaald,
        "afgelost": s.afgelost,
        "afgeschreven": s.afgeschreven,
        "uitstaand": s.uitstaand,
        "achterstand": min(achterstand, s.uitstaand),
    }


class FondsSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    code = serializers.CharField()
    naam = serializers.CharField()
    standaard = serializers.BooleanField()
    route = serializers.SerializerMethodField()
    afwegingskader = serializers.JSONField()
    grootboekrekening = serializers.CharField()
    kostenplaats = serializers.CharField()
    revolverend = serializers.BooleanField()

    def get_route(self, f) -> dict:
        return {
            "meekijken_verplicht": f.meekijken_verplicht,
            "meekijken_vanaf": _bedrag(f.meekijken_vanaf),
            "zelfstandig_tot": _bedrag(f.zelfstandig_tot),
            "lening_voorkeur": f.lening_voorkeur,
        }


class BudgetInvoerSerializer(serializers.Serializer):
    fonds = serializers.CharField(required=False, allow_null=True, default=None)
    doelgroep = serializers.CharField(required=False, allow_null=True, default=None)
    jaar = serializers.IntegerField(min_value=2000, max_value=2100, required=False, allow_null=True)
    periode_van = serializers.DateField(required=False, allow_null=True)
    periode_tot = serializers.DateField(required=False, allow_null=True)
    plafond = serializers.DecimalField(**BEDRAG, min_value=Decimal("0"))


class BudgetSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    periode = serializers.UUIDField()
    periode_naam = serializers.CharField()
    afgesloten = serializers.BooleanField()
    fonds = serializers.CharField()
    doelgroep = serializers.CharField(allow_null=True)
    jaar = serializers.IntegerField()
    periode_van = serializers.DateField()
    periode_tot = serializers.DateField()
    plafond = serializers.DecimalField(**BEDRAG)
    bijdragen = serializers.DecimalField(**BEDRAG)
    gecommitteerd = serializers.DecimalField(**BEDRAG)
    betaald = serializers.DecimalField(**BEDRAG)
    terugontvangen = serializers.DecimalField(**BEDRAG)
    afgeschreven = serializers.DecimalField(**BEDRAG)
    uitstaand = serializers.DecimalField(**BEDRAG)
    beschikbaar = serializers.DecimalField(**BEDRAG)


def budget_weergave(budget, s: ledger.Saldi) -> dict:
    return {
        "id": budget.pk,
        "periode": budget.periode_id,
        "periode_naam": budget.periode.naam,
        "afgesloten": budget.periode.afgesloten,
        "fonds": budget.periode.fonds.code,
        "doelgroep": budget.doelgroep.code if budget.doelgroep else None,
        "jaar": budget.periode.van.year,
        "periode_van": budget.periode.van,
        "periode_tot": budget.periode.tot,
        "plafond": s.plafond,
        "bijdragen": s.bijdragen,
        "gecommitteerd": s.gecommitteerd,
        "betaald": s.betaald,
        "terugontvangen": s.terugontvangen,
        "afgeschreven": s.afgeschreven,
        "uitstaand": s.uitstaand,
        "beschikbaar": s.beschikbaar,
    }


class BijdrageSerializer(serializers.Serializer):
    partner = serializers.CharField(max_length=160)
    bedrag = serializers.DecimalField(**BEDRAG)
    datum = serializers.DateField(required=False, allow_null=True, default=None)


class BetaalopdrachtSerializer(serializers.Serializer):
    aanvraag = serializers.UUIDField()
    fonds = serializers.CharField()
    ontvanger = serializers.CharField()
    iban = serializers.CharField()
    bedrag = serializers.DecimalField(**BEDRAG)
    omschrijving = serializers.CharField()


# --- views ---------------------------------------------------------------------------------


def _aanvraag_antwoord(request, aanvraag_id, code=status.HTTP_200_OK) -> Response:
    aanvraag = selectors.aanvraag_inzien(medewerker=request.user, aanvraag_id=aanvraag_id)
    return Response(AanvraagSerializer(aanvraag).data, status=code)


class AanvragenView(GenericAPIView):
    serializer_class = AanvraagLijstSerializer
    queryset = Aanvraag.objects.none()  # for the schema; requests use the scoped selector

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=AanvraagStatus.values),
            OpenApiParameter("fonds", str),
            OpenApiParameter("casus", OpenApiTypes.UUID),
        ],
        responses=AanvraagLijstSerializer(many=True),
    )
    def get(self, request):
        status_filter = request.query_params.get("status") or None
        if status_filter is not None and status_filter not in AanvraagStatus.values:
            raise Validatiefout("Onbekende status.", veld="status")
        qs = selectors.aanvragen_voor(
            medewerker=request.user,
            status=status_filter,
            fonds=request.query_params.get("fonds"),
            casus_id=invoer.kenmerk(request.query_params.get("casus"), veld="casus"),
        )
        pagina = self.paginate_queryset(qs)
        selectors.registreer_inzage(medewerker=request.user, aanvragen=pagina)
        return self.get_paginated_response(AanvraagLijstSerializer(pagina, many=True).data)

    @extend_schema(request=AanvraagInvoerSerializer, responses={201: AanvraagSerializer})
    def post(self, request):
        invoer = AanvraagInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        aanvraag = services.aanvraag_aanmaken(door=request.user, invoer=invoer.naar_invoer())
        return _aanvraag_antwoord(request, aanvraag.pk, status.HTTP_201_CREATED)


class AanvraagView(APIView):
    @extend_schema(responses=AanvraagSerializer)
    def get(self, request, aanvraag_id):
        return _aanvraag_antwoord(request, aanvraag_id)


class IndieningenView(APIView):
    @extend_schema(request=None, responses={201: AanvraagSerializer})
    def post(self, request, aanvraag_id):
        services.aanvraag_indienen(door=request.user, aanvraag_id=aanvraag_id)
        return _aanvraag_antwoord(request, aanvraag_id, status.HTTP_201_CREATED)


class BeoordelingenView(APIView):
    @extend_schema(request=BeoordelingSerializer, responses={201: AanvraagSerializer})
    def post(self, request, aanvraag_id):
        data = _geldig(BeoordelingSerializer, request.data)
        services.aanvraag_beoordelen(door=request.user, aanvraag_id=aanvraag_id, **data)
        return _aanvraag_antwoord(request, aanvraag_id, status.HTTP_201_CREATED)


class BesluitenView(APIView):
    @extend_schema(request=BesluitSerializer, responses={201: AanvraagSerializer})
    def post(self, request, aanvraag_id):
        data = _geldig(BesluitSerializer, request.data)
        services.aanvraag_besluiten(door=request.user, aanvraag_id=aanvraag_id, **data)
        return _aanvraag_antwoord(request, aanvraag_id, status.HTTP_201_CREATED)


class BetalingenView(APIView):
    @extend_schema(request=BedragDatumSerializer, responses={201: AanvraagSerializer})
    def post(self, request, aanvraag_id):
        data = _geldig(BedragDatumSerializer, request.data)
        services.betaling_registreren(door=request.user, aanvraag_id=aanvraag_id, **data)
        return _aanvraag_antwoord(request, aanvraag_id, status.HTTP_201_CREATED)


class VrijvallenView(APIView):
    @extend_schema(request=VrijvalSerializer, responses={201: AanvraagSerializer})
    def post(self, request, aanvraag_id):
        data = _geldig(VrijvalSerializer, request.data)
        services.toezegging_vrijgeven(door=request.user, aanvraag_id=aanvraag_id, **data)
        return _aanvraag_antwoord(request, aanvraag_id, status.HTTP_201_CREATED)


class LeningView(APIView):
    @extend_schema(responses=LeningSerializer)
    def get(self, request, lening_id):
        lening = selectors.lening_inzien(medewerker=request.user, lening_id=lening_id)
        return Response(LeningSerializer(lening_weergave(lening)).data)


class AflossingenView(APIView):
    @extend_schema(request=BedragDatumSerializer, responses={201: LeningSerializer})
    def post(self, request, lening_id):
        data = _geldig(BedragDatumSerializer, request.data)
        lening = services.aflossing_registreren(door=request.user, lening_id=lening_id, **data)
        return Response(LeningSerializer(lening_weergave(lening)).data, status=201)


class AfschrijvingenView(APIView):
    @extend_schema(request=AfschrijvingSerializer, responses={201: LeningSerializer})
    def post(self, request, lening_id):
        data = _geldig(AfschrijvingSerializer, request.data)
        lening = services.lening_afschrijven(door=request.user, lening_id=lening_id, **data)
        return Response(LeningSerializer(lening_weergave(lening)).data, status=201)


class FondsenView(APIView):
    @extend_schema(responses=FondsSerializer(many=True))
    def get(self, request):
        return Response(
            FondsSerializer(selectors.fondsen_voor(medewerker=request.user), many=True).data
        )


class BudgettenView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("jaar", invoer.JAAR_SCHEMA)],
        responses=BudgetSerializer(many=True),
    )
    def get(self, request):
        jaar = request.query_params.get("jaar")
        budgetten = list(
            selectors.budgetten_voor(
                medewerker=request.user, jaar=invoer.jaar(jaar) if jaar is not None else None
            )
        )
        saldi = ledger.saldi_van(budgetten)
        return Response(
            BudgetSerializer([budget_weergave(b, saldi[b.pk]) for b in budgetten], many=True).data
        )

    @extend_schema(request=BudgetInvoerSerializer, responses={201: BudgetSerializer})
    def post(self, request):
        data = _geldig(BudgetInvoerSerializer, request.data)
        budget = services.budget_vaststellen(door=request.user, **data)
        budget = selectors.budget_ophalen(medewerker=request.user, budget_id=budget.pk)
        return Response(
            BudgetSerializer(budget_weergave(budget, ledger.saldi(budget))).data, status=201
        )


class BijdragenView(APIView):
    @extend_schema(request=BijdrageSerializer, responses={201: BudgetSerializer})
    def post(self, request, budget_id):
        data = _geldig(BijdrageSerializer, request.data)
        services.bijdrage_registreren(door=request.user, budget_id=budget_id, **data)
        budget = selectors.budget_ophalen(medewerker=request.user, budget_id=budget_id)
        return Response(
            BudgetSerializer(budget_weergave(budget, ledger.saldi(budget))).data, status=201
        )


class BetaalopdrachtenView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("fonds", str)], responses=BetaalopdrachtSerializer(many=True)
    )
    def get(self, request):
        opdrachten = sepa.open_betaalopdrachten(
            medewerker=request.user, fonds=request.query_params.get("fonds")
        )
        return Response(BetaalopdrachtSerializer(opdrachten, many=True).data)


class Pain001InvoerSerializer(serializers.Serializer):
    fonds = serializers.CharField(required=False, max_length=40)


class Pain001View(APIView):
    @extend_schema(
        request=Pain001InvoerSerializer,
        responses={(200, "application/xml"): OpenApiTypes.STR},
        description="Maakt het betaalbestand (SEPA pain.001) van de toegekende, onbetaalde "
        "aanvragen die nog in geen betaalbestand stonden, en markeert ze als geëxporteerd: "
        "een aanvraag komt nooit in twee bestanden (409 als er niets nieuws te betalen is).",
    )
    def post(self, request):
        invoer = _geldig(Pain001InvoerSerializer, request.data)
        xml = sepa.pain001(medewerker=request.user, fonds=invoer.get("fonds"))
        antwoord = HttpResponse(xml, content_type="application/xml")
        antwoord["Content-Disposition"] = 'attachment; filename="doorbraakbudget-pain001.xml"'
        return antwoord


class AfsluitingSerializer(serializers.Serializer):
    wijze = serializers.ChoiceField(
        choices=[("vrijgeven", "vrijgeven"), ("overboeken", "overboeken")]
    )
    naar_periode = serializers.UUIDField(required=False, allow_null=True, default=None)


class AfsluitingenView(APIView):
    @extend_schema(request=AfsluitingSerializer, responses={201: BudgetSerializer(many=True)})
    def post(self, request, periode_id):
        data = _geldig(AfsluitingSerializer, request.data)
        services.periode_afsluiten(
            door=request.user,
            periode_id=periode_id,
            wijze=data["wijze"],
            naar_periode_id=data["naar_periode"],
        )
        budgetten = list(
            selectors.budgetten_voor(medewerker=request.user).filter(periode_id=periode_id)
        )
        saldi = ledger.saldi_van(budgetten)
        return Response(
            BudgetSerializer([budget_weergave(b, saldi[b.pk]) for b in budgetten], many=True).data,
            status=201,
        )
