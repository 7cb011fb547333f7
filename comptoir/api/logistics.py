"""Load plans in the API, validated by the same forms and saved by the same service as the
screens; ``POST /api/pack`` runs the packing engine on a JSON problem, like ``comptoir pack``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from comptoir.logistics import runner, services
from comptoir.logistics.forms import LineFormSet, LoadPlanForm, price_field_name
from comptoir.logistics.models import Equipment, LoadPlan, LoadPlanLine
from comptoir.trade.errors import TradeInputError
from comptoir.trade.packing import pack_json

from .input import mark_form_required_fields, plain_input
from .schema import trade_error_response


class LoadPlanLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = LoadPlanLine
        fields = ["product", "quantity"]


class LoadPlanSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    lines = LoadPlanLineSerializer(many=True, allow_empty=False)
    prices = serializers.DictField(child=serializers.CharField(allow_blank=True))

    class Meta:
        model = LoadPlan
        fields = [
            "id",
            "reference",
            *LoadPlanForm.Meta.fields,
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

    def get_fields(self) -> dict[str, Any]:
        return mark_form_required_fields(
            super().get_fields(),
            LoadPlanForm,
            defaulted=frozenset({"currency", "pallet", "max_pallet_height_cm"}),
        )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        services.ensure_standard_equipment()
        raw = plain_input(self)
        known = set(Equipment.objects.filter(is_active=True).values_list("code", flat=True))
        unknown = sorted(set(raw.get("prices") or {}) - known)
        if unknown:
            raise serializers.ValidationError(
                {
                    "prices": {
                        code: ["Unknown or inactive container or truck type."] for code in unknown
                    }
                }
            )
        data: dict[str, Any] = {k: v for k, v in raw.items() if k not in ("prices", "lines")}
        for flag in ("stackable_pallets", "single_product_pallets"):
            if not data.get(flag, flag == "single_product_pallets"):
                data.pop(flag, None)
            else:
                data[flag] = "on"
        data.setdefault("currency", "EUR")
        data.setdefault("pallet", LoadPlan.PalletChoice.EUR)
        data.setdefault("max_pallet_height_cm", "180")
        for code, price in (raw.get("prices") or {}).items():
            data[price_field_name(code)] = price
        lines = raw.get("lines") or []
        line_data = {
            "lines-TOTAL_FORMS": str(len(lines)),
            "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "1",
            "lines-MAX_NUM_FORMS": "1000",
        }
        for i, line in enumerate(lines):
            line_data[f"lines-{i}-product"] = line.get("product")
            line_data[f"lines-{i}-quantity"] = line.get("quantity")
        form = LoadPlanForm(data=data, instance=LoadPlan())
        formset = LineFormSet(data=line_data, instance=LoadPlan(), prefix="lines")
        errors: dict[str, Any] = {}
        if not form.is_valid():
            for key, value in form.errors.items():
                if key.startswith("price_"):
                    errors.setdefault("prices", {})[key[len("price_") :]] = value
                else:
                    errors[key] = value
        if not formset.is_valid():
            errors["lines"] = [dict(e) for e in formset.errors]
            if formset.non_form_errors():
                errors["lines"] = list(formset.non_form_errors())
        if errors:
            raise serializers.ValidationError(errors)
        self._forms = (form, formset)
        return attrs

    def create(self, validated_data: dict[str, Any]) -> LoadPlan:
        form, formset = self._forms
        return services.save_plan(form, formset, self.context["request"].user)


class LoadPlanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Load plans: goods, pallets and freight prices in; cheapest vehicles and the plan out.

    Create with ``lines`` ``[{"product": id, "quantity": units}]`` and ``prices``
    ``{"40HC": "2250.00", ...}``; ``POST .../compute/`` starts the computation in the
    background (202) and the plan's ``status`` and ``progress`` tell when ``result`` is ready.
    """

    serializer_class = LoadPlanSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Any]:
        services.ensure_standard_equipment()
        return LoadPlan.objects.prefetch_related("lines").order_by("-created_at")

    @extend_schema(request=None, responses={202: LoadPlanSerializer, 409: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def compute(self, request: Request, pk: str | None = None) -> Response:
        plan = self.get_object()
        if not runner.start(plan, request.user, translation.get_language() or "en"):
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
