"""Currency exposure in the API: hedges (forward contracts, bought options), expected payments
in foreign currency, and the exposure per currency and month as JSON. Serializers validate,
then call the same services as the screens (``comptoir.fx_exposure.services``); refusals are
JSON naming the field; token users obey the role matrix."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from comptoir.accounts.roles import acting_user
from comptoir.fx_exposure import report, selectors, services
from comptoir.fx_exposure.inputs import HedgeStatusValues, HedgeValues, PaymentValues
from comptoir.fx_exposure.models import ExpectedPayment, Hedge
from comptoir.parties.models import Company

from .errors import refusal as _refusal

#: The choices, named for the OpenAPI schema (settings.SPECTACULAR_SETTINGS).
HEDGE_KINDS = Hedge.Kind.choices
HEDGE_SIDES = Hedge.Side.choices
HEDGE_STATUSES = Hedge.Status.choices
PAYMENT_STATUSES = ExpectedPayment.Status.choices
AMOUNT: dict[str, Any] = {
    "max_digits": 16,
    "decimal_places": 2,
    "min_value": Decimal("0.01"),
    "max_value": Decimal("99999999999999.99"),
}


class HedgeSerializer(serializers.ModelSerializer[Hedge]):
    kind = serializers.ChoiceField(choices=HEDGE_KINDS, default=Hedge.Kind.FORWARD)
    side = serializers.ChoiceField(choices=HEDGE_SIDES)
    currency = serializers.CharField(min_length=3, max_length=3, help_text="ISO 4217, not EUR.")
    amount = serializers.DecimalField(**AMOUNT)
    rate = serializers.DecimalField(
        max_digits=14,
        decimal_places=6,
        min_value=Decimal("0.000001"),
        help_text="Units of the currency per EUR (EUR/USD 1.0850); for an option its strike.",
    )
    premium_eur = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=Decimal("0"), default=Decimal("0")
    )
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    notes = serializers.CharField(max_length=4000, allow_blank=True, required=False)
    status = serializers.ChoiceField(choices=HEDGE_STATUSES, read_only=True)

    class Meta:
        model = Hedge
        fields = [
            "id",
            "kind",
            "reference",
            "bank",
            "side",
            "currency",
            "amount",
            "rate",
            "trade_date",
            "window_from",
            "maturity",
            "premium_eur",
            "responsible",
            "notes",
            "status",
            "delivered",
        ]
        read_only_fields = ["delivered"]

    def _save(self, hedge: Hedge | None) -> Hedge:
        names = [n for n in self.Meta.fields if n not in ("id", "status", "delivered")]
        current = {n: getattr(hedge, n) for n in names} if hedge else {}
        data = {**current, **self.validated_data}
        try:
            return services.save_hedge(
                hedge=hedge,
                values=HedgeValues(
                    kind=data.get("kind", Hedge.Kind.FORWARD),
                    reference=data["reference"],
                    bank=data["bank"],
                    side=data["side"],
                    currency=str(data["currency"]).upper(),
                    amount=data["amount"],
                    rate=data["rate"],
                    trade_date=data["trade_date"],
                    maturity=data["maturity"],
                    window_from=data.get("window_from"),
                    premium_eur=data.get("premium_eur", Decimal("0")),
                    responsible=data.get("responsible"),
                    notes=data.get("notes", ""),
                ),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def create(self, validated_data: dict[str, Any]) -> Hedge:
        return self._save(None)

    def update(self, instance: Hedge, validated_data: dict[str, Any]) -> Hedge:
        return self._save(instance)


class HedgeDeliverySerializer(serializers.Serializer[HedgeStatusValues]):
    status = serializers.ChoiceField(choices=HEDGE_STATUSES)
    delivered = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=Decimal("0"), help_text="Delivered so far."
    )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=Hedge.Status.values),
            OpenApiParameter("currency", OpenApiTypes.STR, description="ISO 4217 code."),
        ]
    )
)
class HedgeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Hedge],
):
    """Currency hedges: forward contracts and bought options (managers record them). A sell
    covers receipts, a buy covers payments; ``status`` records a delivery, an option not
    exercised or a cancellation. A task reminds the responsible a week before maturity."""

    serializer_class = HedgeSerializer
    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Hedge]:
        return selectors.hedges(
            {key: str(value) for key, value in self.request.query_params.items()}
        )

    @extend_schema(request=HedgeDeliverySerializer, responses=HedgeSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        params = HedgeDeliverySerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            hedge = services.set_hedge_status(
                hedge=self.get_object(),
                values=HedgeStatusValues(
                    status=params.validated_data["status"],
                    delivered=params.validated_data["delivered"],
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(self.get_serializer(hedge).data)


class ExpectedPaymentSerializer(serializers.ModelSerializer[ExpectedPayment]):
    currency = serializers.CharField(min_length=3, max_length=3, help_text="ISO 4217, not EUR.")
    amount = serializers.DecimalField(**AMOUNT)
    supplier = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.all(), required=False, allow_null=True
    )
    status = serializers.ChoiceField(choices=PAYMENT_STATUSES, default="expected")

    class Meta:
        model = ExpectedPayment
        fields = [
            "id",
            "currency",
            "amount",
            "due_on",
            "supplier",
            "purchase_reference",
            "description",
            "status",
        ]

    def _save(self, payment: ExpectedPayment | None) -> ExpectedPayment:
        names = [n for n in self.Meta.fields if n != "id"]
        current = {n: getattr(payment, n) for n in names} if payment else {}
        data = {**current, **self.validated_data}
        try:
            return services.save_payment(
                payment=payment,
                values=PaymentValues(
                    currency=str(data["currency"]).upper(),
                    amount=data["amount"],
                    due_on=data["due_on"],
                    supplier=data.get("supplier"),
                    purchase_reference=data.get("purchase_reference", ""),
                    description=data.get("description", ""),
                    status=data.get("status", "expected"),
                ),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def create(self, validated_data: dict[str, Any]) -> ExpectedPayment:
        return self._save(None)

    def update(self, instance: ExpectedPayment, validated_data: dict[str, Any]) -> ExpectedPayment:
        return self._save(instance)


class ExpectedPaymentViewSet(viewsets.ModelViewSet[ExpectedPayment]):
    """Other payments we expect to make in a foreign currency (purchase orders and supplier
    invoices count by themselves): they count in the currency exposure until marked paid or
    cancelled."""

    serializer_class = ExpectedPaymentSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ExpectedPayment]:
        return selectors.expected_payments()

    def perform_destroy(self, instance: ExpectedPayment) -> None:
        services.delete_payment(payment=instance, user=acting_user(self.request))


class ExposureView(APIView):
    """The currency exposure today: per currency other than EUR, receipts (open invoices,
    confirmed orders, accepted offers), payments (expected payments) and hedges per month; the
    uncovered position at the ECB rate of the day and at the budget rate (EUR); each open
    hedge's euros fixed, value at today's spot rate and result vs budget. Amounts as strings."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        return Response(report.as_json(selectors.exposure()))
