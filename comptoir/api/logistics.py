"""Load plans in the API: the serializers validate what the client sent and call the same
service as the screens with clean values; ``POST /api/pack`` runs the packing engine on a
JSON problem, like ``comptoir pack``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from comptoir.accounts.roles import acting_user
from comptoir.catalog.models import Product
from comptoir.common import countries
from comptoir.common.dates import current_language
from comptoir.logistics import runner, selectors, services
from comptoir.logistics.inputs import (
    FreightPrices,
    PlanHeader,
    PlanLineValues,
    PlanOptions,
    cartons_for,
    too_many_cartons,
    total_cartons,
)
from comptoir.logistics.models import LoadPlan, LoadPlanLine
from comptoir.trade.errors import TradeInputError
from comptoir.trade.packing import pack_json
from comptoir.trade.packing.limits import MAX_BOXES, MAX_STOPS

from .schema import trade_error_response


class LoadPlanLineSerializer(serializers.ModelSerializer[LoadPlanLine]):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.filter(is_active=True))
    quantity = serializers.IntegerField(min_value=1, help_text="Units of the product.")
    stop = serializers.IntegerField(
        min_value=1,
        max_value=MAX_STOPS,
        default=1,
        help_text="Delivery stop (multi-drop), 1 = delivered first; the last stop is loaded "
        "first, stop 1 at the doors.",
    )
    stop_place = serializers.CharField(
        max_length=120,
        required=False,
        allow_blank=True,
        default="",
        help_text="Consignee or place of the stop, for the loading list and the PDF.",
    )

    class Meta:
        model = LoadPlanLine
        fields = ["product", "quantity", "stop", "stop_place"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        cartons = cartons_for(attrs["product"], attrs["quantity"])
        if cartons > MAX_BOXES:
            raise serializers.ValidationError({"quantity": too_many_cartons(cartons)})
        return attrs


#: A freight price as sent: a number, or blank for a type not to compare.
_PRICE = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"))


@extend_schema_field(OpenApiTypes.OBJECT)
class PlanResultSerializerField(serializers.Field):  # type: ignore[type-arg]  # read-only
    """The computed plan as its stored JSON (version 1; see ``trade.packing.plan_result``)."""

    def to_representation(self, value: Any) -> Any:
        return value.to_json()


def _lines_as_list(detail: Any, data: Any) -> Any:
    """The lines' errors one per line sent, as the API has always answered (a line without
    error gets ``{}``), rather than DRF's dictionary by position."""
    lines = detail.get("lines") if isinstance(detail, dict) else None
    if isinstance(lines, dict) and all(isinstance(k, int) for k in lines):
        sent = data.get("lines") if isinstance(data, dict) else None
        count = len(sent) if isinstance(sent, list) else max(lines) + 1
        detail["lines"] = [lines.get(index, {}) for index in range(count)]
    return detail


class LoadPlanSerializer(serializers.ModelSerializer[LoadPlan]):
    reference = serializers.CharField(read_only=True)
    title = serializers.CharField(max_length=120)
    destination = serializers.CharField(max_length=120, allow_blank=True, required=False)
    pallet = serializers.ChoiceField(
        choices=LoadPlan.PalletChoice.choices, default=LoadPlan.PalletChoice.EUR
    )
    max_pallet_height_cm = serializers.DecimalField(
        max_digits=5,
        decimal_places=1,
        min_value=Decimal("40"),
        max_value=Decimal("300"),
        default=Decimal("180"),
    )
    stackable_pallets = serializers.BooleanField(default=False)
    single_product_pallets = serializers.BooleanField(default=True)
    pallet_overhang_cm = serializers.DecimalField(
        max_digits=3,
        decimal_places=1,
        min_value=Decimal("0"),
        max_value=Decimal("10"),
        default=Decimal("0"),
        help_text="How far cartons may stick out of the pallet deck on each side (cm).",
    )
    currency = serializers.CharField(max_length=3, default="EUR")
    notes = serializers.CharField(allow_blank=True, required=False)
    lines = LoadPlanLineSerializer(many=True, allow_empty=False)
    prices = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text='Freight price per container or truck code, e.g. {"40HC": "2250.00"}.',
    )
    result = PlanResultSerializerField(read_only=True, allow_null=True)

    class Meta:
        model = LoadPlan
        fields = [
            "id",
            "reference",
            "title",
            "client",
            "destination",
            "pallet",
            "max_pallet_height_cm",
            "stackable_pallets",
            "single_product_pallets",
            "pallet_overhang_cm",
            "currency",
            "notes",
            "prices",
            "lines",
            "status",
            "progress",
            "progress_message",
            "error",
            "total_cost",
            "computed_at",
            "result",
        ]
        read_only_fields = [
            "status",
            "progress",
            "progress_message",
            "error",
            "total_cost",
            "computed_at",
            "result",
        ]

    def to_internal_value(self, data: Any) -> Any:
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError(_lines_as_list(exc.detail, data)) from None

    def validate_currency(self, value: str) -> str:
        if value not in countries.currency_codes():
            raise serializers.ValidationError(_("Unknown currency code."))
        return value

    def validate_prices(self, value: dict[str, str]) -> dict[str, Decimal]:
        known = selectors.active_codes()
        errors: dict[str, Any] = {}
        prices: dict[str, Decimal] = {}
        for code, raw in value.items():
            if code not in known:
                errors[code] = [_("Unknown or inactive container or truck type.")]
            elif raw.strip():
                try:
                    prices[code] = _PRICE.run_validation(raw)
                except serializers.ValidationError as exc:
                    errors[code] = exc.detail
        if errors:
            raise serializers.ValidationError(errors)
        if not prices:
            raise serializers.ValidationError(
                _(
                    "Enter a freight price for at least one container or truck type: "
                    "only the priced types are compared."
                )
            )
        return prices

    def validate_lines(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        cartons = total_cartons(
            [PlanLineValues(line["product"], line["quantity"]) for line in value]
        )
        if cartons > MAX_BOXES:
            raise serializers.ValidationError(too_many_cartons(cartons))
        return value

    def create(self, validated_data: dict[str, Any]) -> LoadPlan:
        data = validated_data
        return services.save_plan(
            header=PlanHeader(
                title=data["title"],
                client=data.get("client"),
                destination=data.get("destination", ""),
                notes=data.get("notes", ""),
            ),
            options=PlanOptions(
                pallet=data["pallet"],
                max_pallet_height_cm=data["max_pallet_height_cm"],
                stackable_pallets=data["stackable_pallets"],
                single_product_pallets=data["single_product_pallets"],
                pallet_overhang_cm=data["pallet_overhang_cm"],
            ),
            prices=FreightPrices(data["currency"], data["prices"]),
            lines=[
                PlanLineValues(
                    line["product"],
                    line["quantity"],
                    stop=line.get("stop", 1),
                    stop_place=line.get("stop_place", ""),
                )
                for line in data["lines"]
            ],
            user=acting_user(self.context["request"]),
        )


class LoadPlanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[LoadPlan],
):
    """Load plans: goods, pallets and freight prices in; cheapest vehicles and the plan out.

    Create with ``lines`` ``[{"product": id, "quantity": units}]`` and ``prices``
    ``{"40HC": "2250.00", ...}``; ``POST .../compute/`` starts the computation in the
    background (202) and the plan's ``status`` and ``progress`` tell when ``result`` is ready.
    """

    serializer_class = LoadPlanSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[LoadPlan]:
        return selectors.plans_with_lines()

    @extend_schema(request=None, responses={202: LoadPlanSerializer, 409: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def compute(self, request: Request, pk: str | None = None) -> Response:
        plan = self.get_object()
        language = current_language()
        if not runner.start(plan=plan, user=acting_user(request), language=language):
            return Response({"detail": _("The plan is already being computed.")}, status=409)
        plan.refresh_from_db()
        return Response(self.get_serializer(plan).data, status=202)


#: Largest JSON body of ``POST /api/pack``.
MAX_PACK_BODY_BYTES = 2 * 1024 * 1024


class PackView(APIView):
    """Plan one container load from JSON, as ``comptoir pack --file``; 400 names the bad box."""

    permission_classes = [IsAuthenticated]  # a computation changes nothing

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses={200: OpenApiTypes.OBJECT, 400: trade_error_response()},
    )
    def post(self, request: Request) -> Response:
        # The body is read whole before the engine's limits can be checked: bound it first
        # (500 box types take some 100 kB of JSON).
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_PACK_BODY_BYTES:
            return Response(
                {
                    "error": f"The problem is {length} bytes of JSON; at most "
                    f"{MAX_PACK_BODY_BYTES} are accepted.",
                    "field": None,
                },
                status=400,
            )
        if not isinstance(request.data, dict):
            return Response({"error": "The input must be a JSON object.", "field": None}, 400)
        try:
            return Response(pack_json(request.data))
        except TradeInputError as exc:
            return Response({"error": exc.message, "field": exc.field}, status=400)
