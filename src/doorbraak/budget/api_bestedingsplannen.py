"""POST /bestedingsplannen and GET /bestedingsplannen/{id} (API.md, 'Spending plans')."""

from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from doorbraak.budget import bestedingsplan as bp
from doorbraak.budget import bestedingsplannen


def _bedrag(waarde) -> str:
    return waarde if waarde == bp.PM else f"{waarde:.2f}"


def weergave_json(w: bestedingsplannen.Planweergave) -> dict:
    kosten = [r for r in w.regels if not r.inkomsten]
    return {
        "id": str(w.plan.pk),
        "naam": w.plan.naam,
        "jaren": w.plan.jaren,
        "bron": w.plan.bron,
        "regels": [
            {
                "thema": r.thema,
                "omschrijving": r.omschrijving,
                "bedragen": {str(j): _bedrag(b) for j, b in m.bedragen.items()},
                "fonds": r.fonds.code if r.fonds else None,
                "werkelijk_betaald": (
                    {str(j): f"{b:.2f}" for j, b in w.werkelijk[r.pk].items()}
                    if r.fonds_id
                    else None
                ),
            }
            for r, m in zip(kosten, w.model.regels, strict=True)
        ],
        "inkomsten": [
            {
                "omschrijving": i.omschrijving,
                "bedragen": {str(j): f"{b:.2f}" for j, b in i.bedragen.items()},
            }
            for i in w.model.inkomsten
        ],
        "per_jaar": [
            {
                "jaar": t.jaar,
                "totaal_kosten": f"{t.totaal_kosten:.2f}",
                "totaal_inkomsten": f"{t.totaal_inkomsten:.2f}",
                "restant": f"{t.restant:.2f}",
                "pm": list(t.pm_posten),
            }
            for t in w.per_jaar
        ],
    }


class BestedingsplannenView(APIView):
    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        plan = bestedingsplannen.bestedingsplan_opslaan(door=request.user, data=request.data)
        weergave = bestedingsplannen.bestedingsplan_inzien(medewerker=request.user, plan_id=plan.pk)
        return Response(weergave_json(weergave), status=201)

    @extend_schema(
        operation_id="bestedingsplannen_list",
        responses={200: build_array_type(build_basic_type(OpenApiTypes.OBJECT))},
    )
    def get(self, request):
        plannen = bestedingsplannen.bestedingsplannen_voor(medewerker=request.user)
        return Response(
            [{"id": str(p.pk), "naam": p.naam, "jaren": p.jaren} for p in plannen[:100]]
        )


class BestedingsplanView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, plan_id):
        weergave = bestedingsplannen.bestedingsplan_inzien(medewerker=request.user, plan_id=plan_id)
        return Response(weergave_json(weergave))
