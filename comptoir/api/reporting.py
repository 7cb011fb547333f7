"""The dashboards in the API, for users who put the figures in their own BI tool: the list,
and any dashboard serialised generically (figures, tables with typed cells, charts' series;
amounts as strings of Decimals), with the screens' filters as query parameters."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from comptoir.common.dates import today
from comptoir.reporting import outputs, registry
from comptoir.reporting.forms import read_filters

DASHBOARD_ITEM = inline_serializer(
    "DashboardItem",
    many=True,
    fields={
        "key": serializers.CharField(),
        "title": serializers.CharField(),
        "description": serializers.CharField(),
        "filters": serializers.ListField(child=serializers.CharField()),
    },
)
PARAMETERS = [
    OpenApiParameter(
        "period",
        str,
        enum=["this_month", "last_month", "this_quarter", "year_to_date", "last_year", "custom"],
    ),
    OpenApiParameter("start", OpenApiTypes.DATE),
    OpenApiParameter("end", OpenApiTypes.DATE),
    OpenApiParameter("compare", str, enum=["1", "0"]),
    OpenApiParameter("country", str),
    OpenApiParameter("zone", int),
    OpenApiParameter("client", int),
    OpenApiParameter("supplier", int),
    OpenApiParameter("agent", int),
    OpenApiParameter("product", int),
    OpenApiParameter("transport_mode", str),
]


class DashboardListView(APIView):
    """The dashboards that exist (every signed-in user may read them)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: DASHBOARD_ITEM})
    def get(self, request: Request) -> Response:
        return Response(
            [
                {
                    "key": s.key,
                    "title": str(s.title),
                    "description": str(s.description),
                    "filters": list(s.filters),
                }
                for s in registry.specs()
            ]
        )


class DashboardView(APIView):
    """One dashboard for the filters given; 400 naming the bad filter, 404 for no such key."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=PARAMETERS,
        # 400: {"<parameter>": ["message", ...]}, as DRF and the NUL-parameter guard answer
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request, key: str) -> Response:
        spec = registry.get(key)
        if spec is None:
            return Response({"detail": "Not found."}, status=404)
        form, filters = read_filters(request.query_params, spec, today())
        if filters is None:
            return Response(form.error_list(), status=400)
        return Response(outputs.as_json(spec.build(filters, request.user), filters))
