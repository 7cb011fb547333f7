"""``POST /api/calc/TOPIC``: the trade calculators, same JSON in and out as the CLI."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from comptoir.calculators.models import company_rates_for
from comptoir.calculators.texts import with_french
from comptoir.trade import calc
from comptoir.trade.errors import TradeInputError

from .schema import trade_error_response


class CalcView(APIView):
    """Run one trade calculation. Bad input answers 400 with ``{"error", "field"}``."""

    # A calculation changes nothing: read-only users may run it too.
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("topic", str, OpenApiParameter.PATH, enum=list(calc.TOPICS))],
        request=OpenApiTypes.OBJECT,
        responses={200: OpenApiTypes.OBJECT, 400: trade_error_response()},
    )
    def post(self, request: Request, topic: str) -> Response:
        if topic not in calc.TOPICS:
            raise NotFound(_("Unknown topic %(topic)r.") % {"topic": topic})
        if not isinstance(request.data, dict):
            return Response(
                {"error": "The input must be a JSON object.", "field": None}, status=400
            )
        try:
            result: Any = calc.run(
                topic, request.data, company_rates=company_rates_for(topic, request.data)
            )
        except TradeInputError as exc:
            return Response({"error": exc.message, "field": exc.field}, status=400)
        return Response(with_french(result))
