"""REST endpoints for the cost catalogue and the cost-benefit calculations. Thin: parse, call a
service or selector, render."""

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from doorbraak.mkba import catalogus, prijsindex, selectors, services
from doorbraak.mkba.begrippen import BETALERS, BETROUWBAARHEID, EENHEDEN, WAARDETYPEN
from doorbraak.mkba.catalogus import Catalogusitem
from doorbraak.mkba.models import KengetalWijziging, Mkba
from doorbraak.mkba.opbouw import KostenInvoer, RegelInvoer, SleutelkansInvoer

# --- catalogue -----------------------------------------------------------------------------


class KengetalSerializer(serializers.Serializer):
    """A kengetal as the gemeente uses it: `bedrag` in euros of `prijsjaar` (the price level)."""

    code = serializers.CharField()
    omschrijving = serializers.CharField()
    bedrag = serializers.DecimalField(max_digits=14, decimal_places=2)
    eenheid = serializers.ChoiceField(choices=list(EENHEDEN.items()))
    prijsjaar = serializers.IntegerField(help_text="Het prijspeil waarin `bedrag` staat.")
    betaler = serializers.ChoiceField(choices=list(BETALERS.items()))
    bron = serializers.CharField(help_text="Titel van de bron.")
    bron_url = serializers.CharField(allow_blank=True)
    bron_bedrag = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="Het bedrag zoals in de bron."
    )
    bron_prijsjaar = serializers.IntegerField(help_text="Het prijsjaar van de bron.")
    laag = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    hoog = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    waardetype = serializers.ChoiceField(choices=list(WAARDETYPEN.items()))
    betrouwbaarheid = serializers.ChoiceField(choices=list(BETROUWBAARHEID.items()))
    status = serializers.CharField(help_text="checked, verify of aanname.")
    opmerking = serializers.CharField(allow_blank=True)
    herkomst = serializers.ChoiceField(choices=["landelijk", "aangepast", "eigen"])
    alleen_ter_vergelijking = serializers.BooleanField()
    in_geld = serializers.BooleanField()
    per = serializers.CharField(
        allow_null=True, help_text="persoon, gezin, huishouden, kind, zaak."
    )
    bereik_afgeleid = serializers.BooleanField(
        help_text="Geen bandbreedte in de bron: afgeleid uit de betrouwbaarheid."
    )
    na_reeks = serializers.BooleanField(
        help_text="Prijsjaar na de prijsindex: het bedrag is niet omgerekend (waarschuwing)."
    )
    overdracht_aan = serializers.CharField(allow_blank=True)

    def to_representation(self, item: Catalogusitem) -> dict:
        k = item.kengetal
        return super().to_representation(
            {
                "code": k.code,
                "omschrijving": k.omschrijving,
                "bedrag": item.bedrag,
                "eenheid": k.eenheid,
                "prijsjaar": item.prijspeil,
                "betaler": k.betaler,
                "bron": k.bron.titel,
                "bron_url": k.bron.url,
                "bron_bedrag": k.bedrag,
                "bron_prijsjaar": k.prijsjaar,
                "laag": item.laag,
                "hoog": item.hoog,
                "waardetype": k.waardetype,
                "betrouwbaarheid": k.betrouwbaarheid,
                "status": k.status,
                "opmerking": k.opmerking,
                "herkomst": item.herkomst,
                "alleen_ter_vergelijking": k.alleen_ter_vergelijking,
                "in_geld": k.in_geld,
                "per": k.per,
                "bereik_afgeleid": item.bereik_afgeleid,
                "na_reeks": item.na_reeks,
                "overdracht_aan": k.overdracht_aan,
            }
        )


class BronInvoerSerializer(serializers.Serializer):
    titel = serializers.CharField(max_length=300)
    url = serializers.CharField(max_length=500, required=False, allow_blank=True)


class KengetalInvoerSerializer(serializers.Serializer):
    """For a national kengetal only bedrag, laag, hoog, prijsjaar, betrouwbaarheid, status, bron
    and opmerking can change; an own kengetal needs every field."""

    omschrijving = serializers.CharField(max_length=300, required=False)
    bedrag = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    laag = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    hoog = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    eenheid = serializers.CharField(required=False)
    prijsjaar = serializers.IntegerField(required=False)
    betaler = serializers.CharField(required=False)
    waardetype = serializers.CharField(required=False)
    betrouwbaarheid = serializers.CharField(required=False)
    status = serializers.CharField(required=False)
    bron = BronInvoerSerializer(required=False)
    opmerking = serializers.CharField(required=False, allow_blank=True)
    toelichting = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Waarom, voor het wijzigingslog."
    )


class KengetalWijzigingSerializer(serializers.Serializer):
    code = serializers.CharField()
    handeling = serializers.CharField()
    oud = serializers.JSONField(allow_null=True)
    nieuw = serializers.JSONField(allow_null=True)
    toelichting = serializers.CharField()
    door = serializers.CharField(source="actor")
    op = serializers.DateTimeField()


class HerstelSerializer(serializers.Serializer):
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class KengetallenView(APIView):
    @extend_schema(responses=KengetalSerializer(many=True))
    def get(self, request):
        items = selectors.kengetallen_voor(medewerker=request.user)
        return Response(KengetalSerializer(items, many=True).data)


def _geldig(serializer_class, data, **kwargs):
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _tekst(waarde):
    """Validated input back to plain JSON-like values for the catalogue schema."""
    if isinstance(waarde, Decimal):
        return f"{waarde:f}"
    if isinstance(waarde, dict):
        return {k: _tekst(v) for k, v in waarde.items()}
    return waarde


class KengetalView(APIView):
    @extend_schema(responses=KengetalSerializer)
    def get(self, request, code):
        return Response(
            KengetalSerializer(selectors.kengetal_voor(medewerker=request.user, code=code)).data
        )

    @extend_schema(request=KengetalInvoerSerializer, responses=KengetalSerializer)
    def put(self, request, code):
        data = dict(_geldig(KengetalInvoerSerializer, request.data))
        toelichting = data.pop("toelichting")
        item = services.kengetal_opslaan(
            door=request.user, code=code, gegevens=_tekst(data), toelichting=toelichting
        )
        return Response(KengetalSerializer(item).data)

    @extend_schema(request=HerstelSerializer, responses={204: None})
    def delete(self, request, code):
        data = _geldig(HerstelSerializer, request.data or {})
        services.kengetal_herstellen(door=request.user, code=code, toelichting=data["toelichting"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class KengetalWijzigingenView(GenericAPIView):
    serializer_class = KengetalWijzigingSerializer
    queryset = KengetalWijziging.objects.none()  # for the schema; requests use the selector

    @extend_schema(responses=KengetalWijzigingSerializer(many=True))
    def get(self, request):
        pagina = self.paginate_queryset(selectors.kengetalwijzigingen_voor(medewerker=request.user))
        return self.get_paginated_response(KengetalWijzigingSerializer(pagina, many=True).data)


class RekeninstellingenView(APIView):
    """The default settings of a calculation, each with its source."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        standaard = catalogus.instellingen()
        index = prijsindex.standaard()

        def bron(instelling):
            return {
                "bron": instelling.bron_titel,
                "url": instelling.bron_url,
                "status": instelling.status,
                "toelichting": instelling.toelichting,
            }

        return Response(
            {
                "prijspeil": standaard.prijspeil,
                "horizon_jaren": standaard.horizon_jaren,
                "max_horizon_jaren": standaard.max_horizon_jaren,
                "discontovoet": {
                    "waarde": f"{standaard.discontovoet.waarde:f}",
                    **bron(standaard.discontovoet),
                },
                "optimisme_opslag": {
                    "waarde": {k: f"{v:f}" for k, v in standaard.optimisme_opslag.waarde.items()},
                    **bron(standaard.optimisme_opslag),
                },
                "kans_opslag": {
                    "waarde": {k: f"{v:f}" for k, v in standaard.kans_opslag.waarde.items()},
                    **bron(standaard.kans_opslag),
                },
                "deadweight": {
                    "standaard": "0",
                    "toelichting": "Vervallen: wat ook zonder doorbraak niet was gebeurd, zit in "
                    "de kans van de regel.",
                },
                "prijsindex": {
                    "naam": index.naam,
                    "bron": index.bron_titel,
                    "url": index.bron_url,
                    "reeks": [
                        {"jaar": j, "index": f"{v:f}"} for j, v in sorted(index.reeks.items())
                    ],
                },
                "standaardkansen": _standaardkansen(request.user, standaard, bron),
                "betalers": [{"code": c, "naam": n} for c, n in BETALERS.items()],
                "waardetypen": [{"code": c, "naam": n} for c, n in WAARDETYPEN.items()],
                "betrouwbaarheid": [{"code": c, "naam": n} for c, n in BETROUWBAARHEID.items()],
            }
        )


def _standaardkansen(medewerker, standaard, bron) -> dict:
    """The rule for learned key-event chances, and the chances learned in the caller's gemeente
    (counts only, no household data)."""
    regel = standaard.standaardkansen
    gemeente_id = getattr(medewerker, "gemeente_id", None)
    geleerd = selectors.standaardkansen_van_gemeente(gemeente_id=gemeente_id) if gemeente_id else {}
    return {
        "prior_kans": f"{regel.prior.kans:f}",
        "prior_gewicht": f"{regel.prior.gewicht:f}",
        "minimum_nametingen": regel.minimum,
        **bron(regel.bron),
        "geleerd": [
            {
                "gebeurtenis": gebeurtenis,
                "scenario": scenario,
                "kans": f"{s.kans:f}",
                "nametingen": s.nametingen,
                "gebeurd": s.gebeurd,
                "toelichting": s.toelichting,
            }
            for (gebeurtenis, scenario), s in sorted(geleerd.items())
        ],
    }


# --- calculations --------------------------------------------------------------------------


class RegelInvoerSerializer(serializers.Serializer):
    kengetal = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, help_text="Code, zie GET /kengetallen."
    )
    aantal = serializers.DecimalField(max_digits=12, decimal_places=2, default=Decimal("1"))
    kans = serializers.DecimalField(
        max_digits=5, decimal_places=4, default=Decimal("1"), help_text="0 tot en met 1."
    )
    jaar = serializers.IntegerField(default=1, help_text="1 = het eerste jaar van de horizon.")
    tot_jaar = serializers.IntegerField(
        required=False, allow_null=True, help_text="Herhaal de regel elk jaar tot en met dit jaar."
    )
    deadweight = serializers.DecimalField(
        max_digits=5,
        decimal_places=4,
        default=Decimal("0"),
        help_text="Vervallen (alleen 0): wat toch niet was gebeurd, zit in de kans.",
    )
    kans_betrouwbaarheid = serializers.ChoiceField(
        choices=["", *BETROUWBAARHEID],
        default="",
        help_text="Grond onder de kans: A vastgesteld, B landelijke referentiegroep, C regionale "
        "cijfers of oordeel van het team, D inschatting van één professional. Leeg: A bij kans 1, "
        "anders D.",
    )
    sleutel = serializers.BooleanField(
        default=False,
        help_text="De regel gebeurt alleen als de sleutelgebeurtenis gebeurt; de kans is de kans "
        "gegeven die gebeurtenis.",
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    omschrijving = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Bij een eigen bedrag."
    )
    bedrag = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text="Eigen bedrag per eenheid in plaats van een kengetal.",
    )
    betaler = serializers.CharField(required=False, allow_blank=True, default="")
    waardetype = serializers.ChoiceField(choices=list(WAARDETYPEN), default="fiscaal")
    betrouwbaarheid = serializers.ChoiceField(choices=list(BETROUWBAARHEID), default="D")

    def naar_invoer(self, data) -> RegelInvoer:
        return RegelInvoer(**{**data, "kengetal": data.get("kengetal") or None})


class KostenInvoerSerializer(serializers.Serializer):
    omschrijving = serializers.CharField(max_length=300)
    bedrag = serializers.DecimalField(max_digits=12, decimal_places=2)
    jaar = serializers.IntegerField(default=1)
    betaler = serializers.CharField(default="gemeente_doorbraakbudget")
    vorm = serializers.ChoiceField(choices=["gift", "lening"], default="gift")
    ontvanger = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Betaler-code van de ontvanger."
    )
    terugbetaald = serializers.DecimalField(
        max_digits=5,
        decimal_places=4,
        default=Decimal("0"),
        help_text="Lening: deel dat terugkomt.",
    )
    terugbetaling_betrouwbaarheid = serializers.ChoiceField(
        choices=list(BETROUWBAARHEID), default="C"
    )
    aflossingsjaren = serializers.IntegerField(default=1, min_value=1, max_value=30)
    administratiekosten = serializers.DecimalField(
        max_digits=12, decimal_places=2, default=Decimal("0")
    )


class SleutelkansSerializer(serializers.Serializer):
    omschrijving = serializers.CharField(max_length=100, help_text="Bijvoorbeeld: uithuiszetting.")
    huidig_pad = serializers.DecimalField(max_digits=5, decimal_places=4, help_text="0 tot 1.")
    doorbraak = serializers.DecimalField(
        max_digits=5, decimal_places=4, default=Decimal("0"), help_text="Restrisico, 0 tot 1."
    )
    betrouwbaarheid = serializers.ChoiceField(choices=list(BETROUWBAARHEID), default="D")


@extend_schema_field(KostenInvoerSerializer(many=True))
class DoorbraakKostenField(serializers.Field):
    """The doorbraak's own costs: a list of costs, or one amount (the requested budget)."""

    def to_internal_value(self, data):
        if isinstance(data, str | int) and not isinstance(data, bool):
            data = [{"omschrijving": "Doorbraakbudget (gevraagd bedrag)", "bedrag": data}]
        if not isinstance(data, list):
            raise serializers.ValidationError("Geef een bedrag of een lijst met kosten.")
        serializer = KostenInvoerSerializer(data=data, many=True)
        if not serializer.is_valid():
            raise serializers.ValidationError(serializer.errors)
        return [KostenInvoer(**k) for k in serializer.validated_data]

    def to_representation(self, value):
        return value


class WaardeoordeelSerializer(serializers.Serializer):
    score = serializers.IntegerField(
        required=False, allow_null=True, help_text="-2 (veel slechter) tot 2 (veel beter)."
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class WaardendriehoekSerializer(serializers.Serializer):
    rendement = WaardeoordeelSerializer(required=False, help_text="Doelmatigheid.")
    legitimiteit = WaardeoordeelSerializer(required=False, help_text="Rechtmatigheid.")
    betrokkenheid = WaardeoordeelSerializer(
        required=False, help_text="Draagvlak bij het huishouden en de professionals."
    )


class MkbaInvoerSerializer(serializers.Serializer):
    horizon_jaren = serializers.IntegerField(required=False, allow_null=True)
    huidig_pad = RegelInvoerSerializer(many=True, required=False, default=list)
    doorbraak = RegelInvoerSerializer(many=True, required=False, default=list)
    doorbraak_kosten = DoorbraakKostenField(required=False, default=list)
    hulpverleners_meenemen = serializers.BooleanField(
        default=False,
        help_text="Neem de hulpverleners van de casus met hun geschatte jaarkosten op in het "
        "huidig pad, elk jaar van de horizon.",
    )
    discontovoet = serializers.DecimalField(
        max_digits=6, decimal_places=4, required=False, allow_null=True
    )
    optimisme_opslag = serializers.DictField(
        child=serializers.DecimalField(max_digits=5, decimal_places=4), required=False
    )
    waardendriehoek = WaardendriehoekSerializer(required=False)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    sleutelkans = SleutelkansSerializer(required=False, allow_null=True, default=None)
    hulpverleners_blijven = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=30),
        required=False,
        default=dict,
        help_text="Per hulpverlener (id) het laatste jaar dat hij in de doorbraak blijft; 0 = "
        "stopt meteen. Niet genoemd: blijft de hele horizon.",
    )
    kans_opslag = serializers.DictField(
        child=serializers.DecimalField(max_digits=5, decimal_places=4), required=False
    )
    aanvraag = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Neem bedrag, vorm en datum van deze aanvraag als kosten van de doorbraak.",
    )
    aanvraag_ontvanger = serializers.CharField(required=False, allow_blank=True, default="")
    aanvraag_terugbetaald = serializers.DecimalField(
        max_digits=5, decimal_places=4, default=Decimal("0")
    )
    aanvraag_administratiekosten = serializers.DecimalField(
        max_digits=12, decimal_places=2, default=Decimal("0")
    )

    def naar_invoer(self) -> services.MkbaInvoer:
        d = self.validated_data
        regel = RegelInvoerSerializer()
        return services.MkbaInvoer(
            horizon_jaren=d.get("horizon_jaren"),
            huidig_pad=[regel.naar_invoer(r) for r in d["huidig_pad"]],
            doorbraak=[regel.naar_invoer(r) for r in d["doorbraak"]],
            doorbraak_kosten=d["doorbraak_kosten"],
            hulpverleners_meenemen=d["hulpverleners_meenemen"],
            discontovoet=d.get("discontovoet"),
            optimisme_opslag=d.get("optimisme_opslag"),
            waardendriehoek={
                w: services.Waardeoordeel(**oordeel)
                for w, oordeel in d.get("waardendriehoek", {}).items()
            },
            toelichting=d["toelichting"],
            sleutelkans=SleutelkansInvoer(**d["sleutelkans"]) if d.get("sleutelkans") else None,
            hulpverleners_blijven=d["hulpverleners_blijven"],
            kans_opslag=d.get("kans_opslag"),
            aanvraag_id=d["aanvraag"],
            aanvraag_ontvanger=d["aanvraag_ontvanger"],
            aanvraag_terugbetaald=d["aanvraag_terugbetaald"],
            aanvraag_administratiekosten=d["aanvraag_administratiekosten"],
        )


class TotaalSerializer(serializers.Serializer):
    totaal = serializers.CharField()
    contante_waarde = serializers.CharField()
    per_jaar = serializers.JSONField()
    per_betaler = serializers.JSONField()
    per_waardetype = serializers.JSONField()


class BetalersaldoSerializer(serializers.Serializer):
    betaler = serializers.CharField()
    huidig_pad = serializers.CharField()
    doorbraak = serializers.CharField()
    saldo = serializers.CharField(help_text="Positief: deze betaler is beter af met de doorbraak.")


class MkbaSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    casus = serializers.UUIDField(source="casus_id")
    aangemaakt_op = serializers.DateTimeField()
    door = serializers.CharField(source="door.username", allow_null=True, default=None)
    horizon_jaren = serializers.IntegerField()
    prijspeil = serializers.IntegerField()
    huidig_pad = TotaalSerializer(source="uitkomst.huidig_pad")
    doorbraak = TotaalSerializer(source="uitkomst.doorbraak")
    saldo = serializers.CharField(source="uitkomst.saldo", help_text="Huidig pad min doorbraak.")
    contante_waarde = serializers.CharField(source="uitkomst.contante_waarde")
    terugverdientijd_maanden = serializers.IntegerField(
        source="uitkomst.terugverdientijd_maanden", allow_null=True
    )
    per_betaler = BetalersaldoSerializer(source="uitkomst.per_betaler", many=True)
    per_jaar = serializers.JSONField(source="uitkomst.per_jaar")
    per_waardetype = serializers.JSONField(source="uitkomst.per_waardetype")
    bandbreedte = serializers.JSONField(source="uitkomst.bandbreedte")
    verkeerde_zak = serializers.JSONField(source="uitkomst.verkeerde_zak")
    lezingen = serializers.JSONField(
        source="uitkomst.lezingen",
        help_text="`centraal` (de centrale schatting, gelijk aan `saldo`), `optimistisch` (elke "
        "regel zoals ingevuld, alleen ter vergelijking) en `band` (laag en hoog van het saldo; "
        "bevat beide lezingen). Oudere berekeningen hebben ook `voorzichtig`, gelijk aan "
        "`centraal`.",
    )
    posten = serializers.JSONField(source="uitkomst.posten")
    beschreven_effecten = serializers.JSONField(source="uitkomst.beschreven_effecten")
    aannames = serializers.JSONField(source="uitkomst.aannames")
    saldo_optimistisch = serializers.CharField(
        source="uitkomst.saldo_optimistisch",
        default=None,
        help_text="Zonder opslag voor optimisme: alleen ter vergelijking. `saldo` is de centrale "
        "schatting.",
    )
    perspectieven = serializers.JSONField(
        source="uitkomst.perspectieven",
        default=list,
        help_text="Gemeente, organisaties en welvaart, elk met verhouding 1 : x.",
    )
    per_organisatie = serializers.JSONField(source="uitkomst.per_organisatie", default=list)
    omslagpunt = serializers.JSONField(
        source="uitkomst.omslagpunt", default=None, help_text="Het omslagpunt, met de zin."
    )
    sleutelkans = serializers.JSONField(source="uitkomst.sleutelkans", default=None)
    waarschuwingen = serializers.JSONField(source="uitkomst.waarschuwingen", default=list)
    plausibiliteit = serializers.JSONField(source="uitkomst.plausibiliteit", default=list)
    aanvraag = serializers.UUIDField(source="aanvraag_id", allow_null=True)
    instellingen = serializers.JSONField()
    waardendriehoek = serializers.JSONField()
    invoer = serializers.JSONField()
    toelichting = serializers.CharField()


class MkbasView(GenericAPIView):
    serializer_class = MkbaSerializer
    queryset = Mkba.objects.none()  # for the schema; requests use the scoped selector

    @extend_schema(responses=MkbaSerializer(many=True))
    def get(self, request, casus_id):
        pagina = self.paginate_queryset(
            selectors.mkbas_van_casus(medewerker=request.user, casus_id=casus_id)
        )
        return self.get_paginated_response(MkbaSerializer(pagina, many=True).data)

    @extend_schema(request=MkbaInvoerSerializer, responses={201: MkbaSerializer})
    def post(self, request, casus_id):
        serializer = MkbaInvoerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        mkba = services.mkba_berekenen(
            door=request.user, casus_id=casus_id, invoer=serializer.naar_invoer()
        )
        return Response(MkbaSerializer(mkba).data, status=status.HTTP_201_CREATED)


class MkbaView(APIView):
    @extend_schema(responses=MkbaSerializer)
    def get(self, request, casus_id, mkba_id):
        mkba = selectors.mkba_inzien(medewerker=request.user, casus_id=casus_id, mkba_id=mkba_id)
        return Response(MkbaSerializer(mkba).data)


class HulpverlenersregelSerializer(serializers.Serializer):
    omschrijving = serializers.CharField()
    bedrag = serializers.DecimalField(max_digits=12, decimal_places=2)
    betaler = serializers.CharField()
    waardetype = serializers.CharField()
    betrouwbaarheid = serializers.CharField()
    jaar = serializers.IntegerField()
    tot_jaar = serializers.IntegerField()
    toelichting = serializers.CharField()


class HorizonSerializer(serializers.Serializer):
    horizon_jaren = serializers.IntegerField(min_value=1, max_value=30, required=False)


class HulpverlenersregelsView(APIView):
    """The helpers on the case as huidig-pad lines, to pull into a calculation in one step."""

    @extend_schema(
        parameters=[OpenApiParameter("horizon_jaren", int, required=False)],
        responses=HulpverlenersregelSerializer(many=True),
    )
    def get(self, request, casus_id):
        data = _geldig(HorizonSerializer, request.query_params)
        regels = selectors.hulpverlenersregels(
            medewerker=request.user,
            casus_id=casus_id,
            horizon_jaren=data.get("horizon_jaren") or catalogus.instellingen().horizon_jaren,
        )
        return Response(HulpverlenersregelSerializer(regels, many=True).data)


# --- the follow-up -------------------------------------------------------------------------


class NametingInvoerSerializer(serializers.Serializer):
    datum = serializers.DateField(help_text="Peildatum, ongeveer 12 maanden na de doorbraak.")
    mkba = serializers.UUIDField(
        required=False, allow_null=True, default=None, help_text="Standaard de laatste berekening."
    )
    sleutelgebeurtenis = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Toch gebeurd? Leeg: onbekend."
    )
    uithuisplaatsing = serializers.BooleanField(required=False, allow_null=True, default=None)
    hulpverleners_gestopt = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0
    )
    werkelijke_kosten = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, default=None
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class NametingSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    casus = serializers.UUIDField(source="casus_id")
    mkba = serializers.UUIDField(source="mkba_id")
    datum = serializers.DateField()
    sleutelgebeurtenis = serializers.BooleanField(allow_null=True)
    uithuisplaatsing = serializers.BooleanField(allow_null=True)
    hulpverleners_gestopt = serializers.IntegerField(allow_null=True)
    werkelijke_kosten = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    toelichting = serializers.CharField()
    aangemaakt_op = serializers.DateTimeField()


class NametingenView(GenericAPIView):
    """The 12-month follow-up of a case: what happened, against the calculation before it."""

    serializer_class = NametingSerializer
    queryset = Mkba.objects.none()  # for the schema; requests use the scoped selector

    @extend_schema(responses=NametingSerializer(many=True))
    def get(self, request, casus_id):
        pagina = self.paginate_queryset(
            selectors.nametingen_van_casus(medewerker=request.user, casus_id=casus_id)
        )
        return self.get_paginated_response(NametingSerializer(pagina, many=True).data)

    @extend_schema(request=NametingInvoerSerializer, responses={201: NametingSerializer})
    def post(self, request, casus_id):
        d = _geldig(NametingInvoerSerializer, request.data)
        nameting = services.nameting_vastleggen(
            door=request.user,
            casus_id=casus_id,
            invoer=services.NametingInvoer(
                datum=d["datum"],
                mkba_id=d["mkba"],
                sleutelgebeurtenis=d["sleutelgebeurtenis"],
                uithuisplaatsing=d["uithuisplaatsing"],
                hulpverleners_gestopt=d["hulpverleners_gestopt"],
                werkelijke_kosten=d["werkelijke_kosten"],
                toelichting=d["toelichting"],
            ),
        )
        return Response(NametingSerializer(nameting).data, status=status.HTTP_201_CREATED)
