"""Authentication and 'who am I', the gemeente's doelgroepen and life domains."""

from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth import authenticate
from django_otp import match_token
from drf_spectacular.utils import extend_schema, inline_serializer
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from doorbraak.api.fouten import PROBLEM, problem
from doorbraak.organisaties import blokkade, selectors, tweede_factor
from doorbraak.organisaties.tokens import verlopen_tokens_opruimen


class InlogSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    code = serializers.CharField(
        required=False,
        max_length=8,
        help_text="De code uit de authenticator-app, waar een tweede factor vereist is.",
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    verloopt_op = serializers.DateTimeField(allow_null=True)


class TokensView(APIView):
    """Exchange username and password for an API token (`Authorization: Token <token>`)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "tokens"

    @extend_schema(request=InlogSerializer, responses={201: TokenSerializer}, auth=[])
    def post(self, request):
        serializer = InlogSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            gebruiker = authenticate(
                request=request._request,
                username=serializer.validated_data["username"],
                password=serializer.validated_data["password"],
            )
        except AxesBackendPermissionDenied:
            gebruiker = None
        if getattr(request._request, "axes_locked_out", False):
            return Response(
                problem(429, blokkade.MELDING),
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                content_type=PROBLEM,
            )
        if gebruiker is None or not gebruiker.is_active:
            return Response(
                problem(401, "Onjuiste gebruikersnaam of wachtwoord."),
                status=status.HTTP_401_UNAUTHORIZED,
                content_type=PROBLEM,
            )
        code = serializer.validated_data.get("code", "").strip()
        if tweede_factor.vereist(gebruiker) and not (code and match_token(gebruiker, code)):
            return Response(
                problem(401, "Geef ook de code uit uw authenticator-app (tweede factor)."),
                status=status.HTTP_401_UNAUTHORIZED,
                content_type=PROBLEM,
            )
        verlopen_tokens_opruimen(gebruiker)
        instance, token = AuthToken.objects.create(user=gebruiker)
        return Response({"token": token, "verloopt_op": instance.expiry}, status=201)


class HuidigTokenView(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request):
        """Log out: revoke the token used for this request."""
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class MandaatSerializer(serializers.Serializer):
    doelgroep = serializers.CharField(source="doelgroep.code")
    rol = serializers.CharField()
    max_bedrag = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)


class MedewerkerSerializer(serializers.Serializer):
    username = serializers.CharField()
    naam = serializers.CharField()
    functie = serializers.CharField()
    gemeente = serializers.CharField(source="gemeente.code", allow_null=True, default=None)
    gemeente_naam = serializers.CharField(source="gemeente.naam", allow_null=True, default=None)
    team = serializers.CharField(source="team.naam", allow_null=True, default=None)
    rollen = serializers.ListField(child=serializers.CharField())
    mandaten = MandaatSerializer(many=True)


class MijView(APIView):
    @extend_schema(responses=MedewerkerSerializer)
    def get(self, request):
        medewerker = selectors.medewerker_met_mandaten(medewerker=request.user)
        return Response(MedewerkerSerializer(medewerker).data)


CodeNaam = inline_serializer(
    "CodeNaam",
    fields={"code": serializers.CharField(), "naam": serializers.CharField()},
    many=True,  # the views answer a list
)


class DoelgroepenView(APIView):
    @extend_schema(responses=CodeNaam)
    def get(self, request):
        return Response(
            list(selectors.doelgroepen_voor(medewerker=request.user).values("code", "naam"))
        )


class DomeinenView(APIView):
    @extend_schema(responses=CodeNaam)
    def get(self, request):
        return Response(
            list(selectors.leefgebieden_voor(medewerker=request.user).values("code", "naam"))
        )
