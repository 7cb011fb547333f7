"""``POST /api/lc/check``: the documentary-credit document checker (UCP 600 / ISBP 821).

The same JSON in and out as ``comptoir lc check`` (issue 14's contract). The serializers
below only describe the contract in the OpenAPI schema: the trade core validates the
input (``comptoir.trade.lc_check``), so a bad input answers exactly like the CLI,
``{"error", "field"}`` with the field's path (``presentation.documents[2].amount``).
Messages and steps come in ``?lang=fr|en``, else the request's language (the user's
preference, ``Accept-Language``). Nothing is stored: read-only users may check too.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from comptoir.calculators.texts import translate
from comptoir.common.dates import current_language
from comptoir.trade import lc_check
from comptoir.trade.errors import TradeInputError

from .schema import trade_error_response

#: Largest request body read, in bytes (as the CLI's 1 MB).
MAX_BODY_BYTES = 1_000_000

DOCUMENT_TYPE_CHOICES = list(lc_check.DOCUMENT_TYPES)
SHIPMENT_MODE_CHOICES = ["allowed", "prohibited"]
CODE_CHOICES = list(lc_check.CODES)

_DATE = "YYYY-MM-DD"
_DECIMAL = 'A JSON number or a decimal string ("48000.00").'


def _decimal(help_text: str = _DECIMAL, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(help_text=help_text, **kwargs)


class RequiredDocumentSerializer(serializers.Serializer):  # type: ignore[type-arg]
    type = serializers.ChoiceField(choices=DOCUMENT_TYPE_CHOICES)
    originals = serializers.CharField(
        required=False,
        help_text='Number of originals required, or "full set" (bill of lading: full set by default).',
    )
    copies = serializers.IntegerField(required=False)
    clean_on_board = serializers.BooleanField(required=False)
    freight = serializers.CharField(required=False, help_text='"prepaid" or "collect".')
    cover_pct = _decimal(
        "Insurance cover in % of the CIF/CIP value (110 by default).", required=False
    )
    risks = serializers.CharField(required=False, help_text='e.g. "ICC (A)", "all risks".')
    country_of_origin = serializers.CharField(required=False)
    issuer = serializers.CharField(required=False)
    consignee = serializers.CharField(required=False)
    notify = serializers.CharField(required=False)


class CreditSerializer(serializers.Serializer):  # type: ignore[type-arg]
    currency = serializers.CharField(help_text="ISO 4217 code.")
    amount = _decimal()
    tolerance_plus_pct = _decimal("Tolerance over the amount, 0 to 100.", required=False)
    tolerance_minus_pct = _decimal("Tolerance under the amount, 0 to 100.", required=False)
    about = serializers.BooleanField(
        required=False, help_text='"About" before amount, quantity and unit price (art. 30 a).'
    )
    issue_date = serializers.DateField(help_text=_DATE)
    expiry_date = serializers.DateField(help_text=_DATE)
    expiry_country = serializers.CharField(
        required=False, help_text="ISO country of the place of expiry (bank closing days); FR."
    )
    latest_shipment_date = serializers.DateField(help_text=_DATE)
    presentation_days = serializers.IntegerField(required=False, help_text="21 by default.")
    partial_shipments = serializers.ChoiceField(choices=SHIPMENT_MODE_CHOICES, required=False)
    transhipment = serializers.ChoiceField(choices=SHIPMENT_MODE_CHOICES, required=False)
    incoterm = serializers.CharField(required=False)
    named_place = serializers.CharField(required=False)
    port_of_loading = serializers.CharField(required=False)
    port_of_discharge = serializers.CharField(required=False)
    goods_description = serializers.CharField(required=False)
    quantity = _decimal(required=False)
    unit = serializers.CharField(
        required=False, help_text="PCS, PCE, H87, C62, CT (counted); MT, TNE, KGM, LTR, MTQ..."
    )
    unit_price = _decimal(required=False)
    applicant = serializers.CharField()
    beneficiary = serializers.CharField()
    documents_required = RequiredDocumentSerializer(many=True)


class PresentedDocumentSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """One presented document: the fields of its type (see docs/lc-checker.md)."""

    type = serializers.ChoiceField(choices=DOCUMENT_TYPE_CHOICES)
    reference = serializers.CharField(required=False)
    date = serializers.DateField(required=False, help_text=_DATE)
    issuer = serializers.CharField(required=False, help_text="Invoice, certificate of origin.")
    addressee = serializers.CharField(required=False, help_text="Invoice.")
    currency = serializers.CharField(required=False, help_text="Invoice, insurance.")
    amount = _decimal(required=False)
    quantity = _decimal(required=False)
    unit_price = _decimal(required=False)
    goods_description = serializers.CharField(required=False)
    incoterm = serializers.CharField(required=False)
    named_place = serializers.CharField(required=False)
    on_board_date = serializers.DateField(required=False, help_text="Bill of lading.")
    shipped_on_board = serializers.BooleanField(required=False)
    port_of_loading = serializers.CharField(required=False)
    port_of_discharge = serializers.CharField(required=False)
    clean = serializers.BooleanField(required=False)
    clauses = serializers.CharField(required=False)
    originals_issued = serializers.IntegerField(required=False)
    originals_presented = serializers.IntegerField(required=False)
    freight = serializers.CharField(required=False)
    transhipment = serializers.BooleanField(required=False)
    containerised = serializers.BooleanField(required=False)
    gross_weight_kg = _decimal(required=False)
    packages = serializers.IntegerField(required=False)
    vessel = serializers.CharField(required=False)
    voyage = serializers.CharField(required=False)
    effective_date = serializers.DateField(required=False, help_text="Insurance.")
    risks = serializers.CharField(required=False, help_text="Insurance.")
    country_of_origin = serializers.CharField(required=False, help_text="Certificate of origin.")


class PresentationSerializer(serializers.Serializer):  # type: ignore[type-arg]
    date = serializers.DateField(help_text=_DATE)
    documents = PresentedDocumentSerializer(many=True, help_text="At most 50.")


class CheckRequestSerializer(serializers.Serializer):  # type: ignore[type-arg]
    credit = CreditSerializer()
    presentation = PresentationSerializer()


class DiscrepancySerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.ChoiceField(choices=CODE_CHOICES)
    document = serializers.CharField(help_text='A document type, or "presentation".')
    field = serializers.CharField()
    rule = serializers.CharField(help_text='The article applied, e.g. "UCP 600 art. 14 c".')
    message = serializers.CharField(help_text="In the asked language.")


class CheckResultSerializer(serializers.Serializer):  # type: ignore[type-arg]
    compliant = serializers.BooleanField()
    discrepancies = DiscrepancySerializer(many=True)
    last_presentation_date = serializers.DateField()
    steps = serializers.ListField(child=serializers.CharField(), help_text="The reasoning.")


class LcCheckView(APIView):
    """Check documents presented under a documentary credit; nothing is stored."""

    # A check changes nothing: read-only users may run it too.
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "lang",
                str,
                OpenApiParameter.QUERY,
                enum=list(lc_check.LANGUAGES),
                description="Language of the messages and steps; by default the user's.",
            )
        ],
        request=CheckRequestSerializer,
        responses={200: CheckResultSerializer, 400: trade_error_response()},
    )
    def post(self, request: Request) -> Response:
        asked = request.query_params.get("lang", "")
        if asked and asked not in lc_check.LANGUAGES:
            return Response({"error": "Give lang=en or lang=fr.", "field": "lang"}, status=400)
        if len(request.body) > MAX_BODY_BYTES:
            return Response(
                {"error": f"The body is larger than {MAX_BODY_BYTES} bytes.", "field": None},
                status=400,
            )
        if not isinstance(request.data, dict):
            return Response(
                {"error": "The input must be a JSON object.", "field": None}, status=400
            )
        language = asked or ("fr" if current_language().startswith("fr") else "en")
        try:
            result = lc_check.check_presentation(
                request.data, language=language, translate=translate
            )
        except TradeInputError as exc:
            return Response({"error": exc.message, "field": exc.field}, status=400)
        return Response(result)
