"""Purchase orders in the API: the order with its lines (created as a draft, then issued),
the supplier's confirmation compared with the order and its decision, payments due,
production milestones, inspections, the goods ready, and goods receipts (with the claims
they open). Serializers validate, then call the same services as the screens
(``comptoir.purchasing.services``); refusals are JSON naming the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.catalog.models import Product
from comptoir.common.dates import today
from comptoir.parties.models import Company
from comptoir.purchasing import from_tender as creating
from comptoir.purchasing import selectors, services
from comptoir.purchasing.inputs import (
    ConfirmationValues,
    ConfirmedLineValues,
    InspectionValues,
    LineValues,
    MilestoneValues,
    OrderValues,
    ReceiptLineValues,
    ReceiptValues,
)
from comptoir.purchasing.models import (
    BalanceTrigger,
    Condition,
    Inspection,
    InspectionResult,
    PaymentDue,
    PaymentInstrument,
    ProductionMilestone,
    PurchaseOrder,
    PurchaseOrderLine,
    Receipt,
    ReceiptLine,
    SupplierClaim,
    SupplierConfirmation,
    TransportMode,
)
from comptoir.tenders.models import Tender

MAX_LINES = services.MAX_LINES


def _refusal(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(
            {
                field: [str(m) for e in errors for m in e.messages]
                for field, errors in exc.error_dict.items()
            }
        )
    return serializers.ValidationError({"non_field_errors": exc.messages})


QUANTITY = {"max_digits": 12, "decimal_places": 3}


class PurchaseOrderLineSerializer(serializers.ModelSerializer[PurchaseOrderLine]):
    product = serializers.SlugRelatedField(slug_field="reference", queryset=Product.objects.all())
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = PurchaseOrderLine
        fields = [
            "id",
            "position",
            "product",
            "supplier_reference",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "requested_date",
            "confirmed_date",
            "amount",
        ]
        read_only_fields = ["id", "position", "confirmed_date", "amount"]


class PaymentDueSerializer(serializers.ModelSerializer[PaymentDue]):
    class Meta:
        model = PaymentDue
        fields = [
            "id",
            "kind",
            "percent",
            "amount",
            "currency",
            "trigger",
            "due_on",
            "paid_on",
            "paid_reference",
        ]
        read_only_fields = fields


class PurchaseOrderSerializer(serializers.ModelSerializer[PurchaseOrder]):
    supplier = serializers.PrimaryKeyRelatedField(queryset=Company.objects.with_role("supplier"))
    lines = PurchaseOrderLineSerializer(many=True)
    payments = PaymentDueSerializer(many=True, read_only=True)
    payment_instrument = serializers.ChoiceField(
        choices=PaymentInstrument.choices, default="open_account"
    )
    balance_trigger = serializers.ChoiceField(choices=BalanceTrigger.choices, default="invoice")
    transport_mode = serializers.ChoiceField(choices=TransportMode.choices, default="sea")

    class Meta:
        model = PurchaseOrder
        fields = [
            "id",
            "number",
            "revision",
            "status",
            "supplier",
            "supplier_reference",
            "tender_id",
            "tender_reference",
            "order_date",
            "currency",
            "incoterm",
            "named_place",
            "transport_mode",
            "payment_instrument",
            "deposit_pct",
            "balance_trigger",
            "payment_days",
            "requested_date",
            "confirmed_date",
            "ready_date",
            "receipt_tolerance_pct",
            "claim_days",
            "language",
            "shipment",
            "terms",
            "notes",
            "lines",
            "payments",
        ]
        read_only_fields = [
            "id",
            "number",
            "revision",
            "status",
            "confirmed_date",
            "ready_date",
            "shipment",
            "payments",
        ]

    def validate_lines(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not value:
            raise serializers.ValidationError("An order has at least one line.")
        if len(value) > MAX_LINES:
            raise serializers.ValidationError(f"At most {MAX_LINES} lines.")
        return value

    @staticmethod
    def values(data: dict[str, Any]) -> tuple[OrderValues, list[LineValues]]:
        order = OrderValues(
            supplier=data["supplier"],
            supplier_reference=data.get("supplier_reference", ""),
            order_date=data["order_date"],
            currency=data["currency"],
            incoterm=data["incoterm"],
            named_place=data["named_place"],
            transport_mode=data.get("transport_mode", "sea"),
            payment_instrument=data.get("payment_instrument", "open_account"),
            deposit_pct=data.get("deposit_pct") or Decimal("0"),
            balance_trigger=data.get("balance_trigger", "invoice"),
            payment_days=data.get("payment_days") or 0,
            requested_date=data.get("requested_date"),
            receipt_tolerance_pct=data.get("receipt_tolerance_pct"),
            claim_days=data.get("claim_days"),
            language=data.get("language", ""),
            terms=data.get("terms", ""),
            notes=data.get("notes", ""),
            tender_id=data.get("tender_id"),
            tender_reference=data.get("tender_reference", ""),
        )
        lines = [
            LineValues(
                product=line["product"],
                quantity=line["quantity"],
                unit_price=line["unit_price"],
                unit=line.get("unit", "pcs"),
                supplier_reference=line.get("supplier_reference", ""),
                description=line.get("description", ""),
                requested_date=line.get("requested_date"),
            )
            for line in data["lines"]
        ]
        return order, lines

    def create(self, validated_data: dict[str, Any]) -> PurchaseOrder:
        values, lines = self.values(validated_data)
        try:
            return services.create_order(
                values=values, lines=lines, user=acting_user(self.context["request"])
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


class ReviseSerializer(PurchaseOrderSerializer):
    reason = serializers.CharField(max_length=300)

    class Meta(PurchaseOrderSerializer.Meta):
        fields = [*PurchaseOrderSerializer.Meta.fields, "reason"]


class ConfirmedLineSerializer(serializers.Serializer[Any]):
    line = serializers.IntegerField(help_text="The order line's id.")
    quantity = serializers.DecimalField(min_value=0, **QUANTITY)  # type: ignore[arg-type]
    unit_price = serializers.DecimalField(max_digits=14, decimal_places=4, min_value=0)
    date = serializers.DateField(required=False, allow_null=True)


class ConfirmationRequestSerializer(serializers.Serializer[Any]):
    received_on = serializers.DateField()
    reference = serializers.CharField(max_length=60, required=False, allow_blank=True)
    currency = serializers.CharField(max_length=3)
    incoterm = serializers.CharField(max_length=3)
    named_place = serializers.CharField(max_length=120, required=False, allow_blank=True)
    ready_date = serializers.DateField(required=False, allow_null=True)
    lines = ConfirmedLineSerializer(many=True)

    def validate_lines(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > MAX_LINES:
            raise serializers.ValidationError(f"At most {MAX_LINES} lines.")
        return value


class ConfirmationDifferenceSerializer(serializers.Serializer[Any]):
    field = serializers.CharField()
    line = serializers.IntegerField(allow_null=True)
    label = serializers.CharField()  # type: ignore[assignment]
    ordered = serializers.CharField()
    confirmed = serializers.CharField()
    delta = serializers.CharField(allow_null=True)


class ConfirmationSerializer(serializers.ModelSerializer[SupplierConfirmation]):
    differences = ConfirmationDifferenceSerializer(many=True, read_only=True)

    class Meta:
        model = SupplierConfirmation
        fields = [
            "id",
            "received_on",
            "reference",
            "currency",
            "incoterm",
            "named_place",
            "ready_date",
            "differences",
            "status",
            "decision_note",
            "decided_at",
        ]
        read_only_fields = fields


class PurchaseDecisionSerializer(serializers.Serializer[Any]):
    confirmation = serializers.IntegerField()
    accept = serializers.BooleanField()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ProductionMilestoneSerializer(serializers.ModelSerializer[ProductionMilestone]):
    kind = serializers.ChoiceField(choices=ProductionMilestone.Kind.choices)

    class Meta:
        model = ProductionMilestone
        fields = ["id", "kind", "label", "planned_on", "actual_on", "note"]
        read_only_fields = ["id"]


class InspectionSerializer(serializers.ModelSerializer[Inspection]):
    result = serializers.ChoiceField(choices=InspectionResult.choices, default="pending")

    class Meta:
        model = Inspection
        fields = ["id", "inspector", "inspection_date", "result", "remarks"]
        read_only_fields = ["id"]


class ReadySerializer(serializers.Serializer[Any]):
    ready_on = serializers.DateField()


class FromTenderSerializer(serializers.Serializer[Any]):
    tender = serializers.PrimaryKeyRelatedField(
        queryset=Tender.objects.all(), help_text="The decided call for tender's id."
    )
    order_date = serializers.DateField(required=False, help_text="Today when not given.")


class PaidSerializer(serializers.Serializer[Any]):
    payment = serializers.IntegerField()
    paid_on = serializers.DateField()
    reference = serializers.CharField(max_length=60, required=False, allow_blank=True)


class ReceiptLineRequestSerializer(serializers.Serializer[Any]):
    line = serializers.IntegerField(help_text="The order line's id.")
    quantity_received = serializers.DecimalField(min_value=0, **QUANTITY)  # type: ignore[arg-type]
    quantity_expected = serializers.DecimalField(
        min_value=0,
        required=False,
        allow_null=True,
        help_text="Announced by the packing list (empty: what is still to receive).",
        **QUANTITY,  # type: ignore[arg-type]
    )
    quantity_accepted = serializers.DecimalField(
        min_value=0,
        required=False,
        allow_null=True,
        help_text="Empty: all that was received.",
        **QUANTITY,  # type: ignore[arg-type]
    )
    condition = serializers.ChoiceField(choices=Condition.choices, default="good")
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ReceiptRequestSerializer(serializers.Serializer[Any]):
    received_on = serializers.DateField()
    delivery_note = serializers.CharField(max_length=60, required=False, allow_blank=True)
    quality_result = serializers.ChoiceField(choices=InspectionResult.choices, default="pass")
    remarks = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    lines = ReceiptLineRequestSerializer(many=True)

    def validate_lines(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not value:
            raise serializers.ValidationError("Give the quantity received of at least one line.")
        if len(value) > MAX_LINES:
            raise serializers.ValidationError(f"At most {MAX_LINES} lines.")
        return value


class ReceiptLineSerializer(serializers.ModelSerializer[ReceiptLine]):
    class Meta:
        model = ReceiptLine
        fields = ["line", "quantity_received", "quantity_accepted", "condition", "note"]
        read_only_fields = fields


class SupplierClaimSerializer(serializers.ModelSerializer[SupplierClaim]):
    class Meta:
        model = SupplierClaim
        fields = [
            "id",
            "kind",
            "line",
            "quantity",
            "amount",
            "currency",
            "deadline",
            "deadline_basis",
            "status",
        ]
        read_only_fields = fields


class ReceiptSerializer(serializers.ModelSerializer[Receipt]):
    lines = ReceiptLineSerializer(many=True, read_only=True)
    claims = SupplierClaimSerializer(many=True, read_only=True)

    class Meta:
        model = Receipt
        fields = [
            "id",
            "number",
            "received_on",
            "delivery_note",
            "quality_result",
            "remarks",
            "lines",
            "claims",
        ]
        read_only_fields = fields


def _line(order: PurchaseOrder, pk: int, field: str = "line") -> PurchaseOrderLine:
    line = order.lines.filter(pk=pk).first()
    if line is None:
        raise serializers.ValidationError({field: [f"Line {pk} is not on this order."]})
    return line


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Number, supplier, their reference."),
            OpenApiParameter("status", str, enum=["open", *PurchaseOrder.Status.values]),
            OpenApiParameter("supplier", int),
        ]
    )
)
class PurchaseOrderViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[PurchaseOrder],
):
    """Purchase orders to suppliers. POST creates a draft; ``issue`` numbers it
    (PO-YYYY-NNNNN, once); ``revise`` changes a sent order as a new revision. A receipt above
    the ordered quantity beyond the tolerance is refused naming the line, nothing stored."""

    serializer_class = PurchaseOrderSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[PurchaseOrder]:
        params = {key: str(value) for key, value in self.request.query_params.items()}
        return selectors.order_list(params).prefetch_related("lines__product", "payments")

    def _answer(self, order: PurchaseOrder, code: int = status.HTTP_200_OK) -> Response:
        order = self.get_queryset().get(pk=order.pk)
        return Response(PurchaseOrderSerializer(order).data, status=code)

    @extend_schema(request=FromTenderSerializer, responses=PurchaseOrderSerializer(many=True))
    @action(detail=False, methods=["post"], url_path="from-tender", pagination_class=None)
    def from_tender(self, request: Request) -> Response:
        """Draft orders from a decided call for tender: one per supplier chosen, the awarded
        lines at the answered prices. Refused (400) before the decision or once prepared."""
        params = FromTenderSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        orders = creating.create_orders_from_tender(
            tender=params.validated_data["tender"],
            order_date=params.validated_data.get("order_date") or today(),
            user=acting_user(request),
        )
        queryset = self.get_queryset().filter(pk__in=[o.pk for o in orders]).order_by("pk")
        return Response(
            PurchaseOrderSerializer(queryset, many=True).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses=PurchaseOrderSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str | None = None) -> Response:
        """Number the draft and compute its payments due."""
        try:
            order = services.issue_order(order=self.get_object(), user=acting_user(request))
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return self._answer(order)

    @extend_schema(request=ReviseSerializer, responses=PurchaseOrderSerializer)
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, pk: str | None = None) -> Response:
        """Change a sent order: a new revision, same number, with its reason."""
        order = self.get_object()
        params = ReviseSerializer(data=request.data, context={"request": request})
        params.is_valid(raise_exception=True)
        values, lines = PurchaseOrderSerializer.values(params.validated_data)
        try:
            order = services.revise_order(
                order=order,
                values=values,
                lines=lines,
                reason=params.validated_data["reason"],
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return self._answer(order)

    @extend_schema(methods=["GET"], responses=ConfirmationSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=ConfirmationRequestSerializer,
        responses={201: ConfirmationSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def confirmations(self, request: Request, pk: str | None = None) -> Response:
        """The supplier's confirmations; POST records one and lists its differences."""
        order = self.get_object()
        if request.method == "GET":
            return Response(ConfirmationSerializer(order.confirmations.all(), many=True).data)
        params = ConfirmationRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        lines = [
            ConfirmedLineValues(
                line=_line(order, item["line"]),
                quantity=item["quantity"],
                unit_price=item["unit_price"],
                date=item.get("date"),
            )
            for item in data["lines"]
        ]
        try:
            confirmation = services.record_confirmation(
                order=order,
                values=ConfirmationValues(
                    received_on=data["received_on"],
                    reference=data.get("reference", ""),
                    currency=data["currency"],
                    incoterm=data["incoterm"],
                    named_place=data.get("named_place", ""),
                    ready_date=data.get("ready_date"),
                ),
                lines=lines,
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(ConfirmationSerializer(confirmation).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PurchaseDecisionSerializer, responses=ConfirmationSerializer)
    @action(detail=True, methods=["post"], url_path="confirmations/decide")
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """Accept the differences (they become the order's terms) or dispute them."""
        order = self.get_object()
        params = PurchaseDecisionSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        confirmation = order.confirmations.filter(pk=params.validated_data["confirmation"]).first()
        if confirmation is None:
            raise serializers.ValidationError(
                {"confirmation": ["Not a confirmation of this order."]}
            )
        try:
            confirmation = services.decide_confirmation(
                confirmation=confirmation,
                accept=params.validated_data["accept"],
                note=params.validated_data.get("note", ""),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(ConfirmationSerializer(confirmation).data)

    @extend_schema(request=PaidSerializer, responses=PaymentDueSerializer)
    @action(detail=True, methods=["post"], url_path="payments/paid")
    def paid(self, request: Request, pk: str | None = None) -> Response:
        """Record a payment due as made."""
        order = self.get_object()
        params = PaidSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        payment = order.payments.filter(pk=params.validated_data["payment"]).first()
        if payment is None:
            raise serializers.ValidationError({"payment": ["Not a payment of this order."]})
        try:
            payment = services.mark_paid(
                payment=payment,
                paid_on=params.validated_data["paid_on"],
                reference=params.validated_data.get("reference", ""),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(PaymentDueSerializer(payment).data)

    @extend_schema(methods=["GET"], responses=ProductionMilestoneSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=ProductionMilestoneSerializer,
        responses={201: ProductionMilestoneSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def milestones(self, request: Request, pk: str | None = None) -> Response:
        """Production milestones, planned and actual."""
        order = self.get_object()
        if request.method == "GET":
            return Response(
                ProductionMilestoneSerializer(order.production_milestones.all(), many=True).data
            )
        params = ProductionMilestoneSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            milestone = services.save_milestone(
                order=order,
                values=MilestoneValues(
                    kind=data["kind"],
                    label=data.get("label", ""),
                    planned_on=data.get("planned_on"),
                    actual_on=data.get("actual_on"),
                    note=data.get("note", ""),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(
            ProductionMilestoneSerializer(milestone).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(methods=["GET"], responses=InspectionSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=InspectionSerializer, responses={201: InspectionSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def inspections(self, request: Request, pk: str | None = None) -> Response:
        """Inspections before shipment (the report file is added on the order's page)."""
        order = self.get_object()
        if request.method == "GET":
            return Response(InspectionSerializer(order.inspections.all(), many=True).data)
        params = InspectionSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            inspection = services.record_inspection(
                order=order,
                values=InspectionValues(
                    inspector=data["inspector"],
                    inspection_date=data["inspection_date"],
                    result=data.get("result", "pending"),
                    remarks=data.get("remarks", ""),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(InspectionSerializer(inspection).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReadySerializer, responses=PurchaseOrderSerializer)
    @action(detail=True, methods=["post"])
    def ready(self, request: Request, pk: str | None = None) -> Response:
        """The goods are ready for shipment (refused after a failed inspection)."""
        params = ReadySerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            order = services.set_ready(
                order=self.get_object(),
                ready_on=params.validated_data["ready_on"],
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return self._answer(order)

    @extend_schema(methods=["GET"], responses=ReceiptSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=ReceiptRequestSerializer, responses={201: ReceiptSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def receipts(self, request: Request, pk: str | None = None) -> Response:
        """Goods receipts; POST records one (partial receipts allowed); shortages and refused
        goods open supplier claims with their deadline."""
        order = self.get_object()
        if request.method == "GET":
            return Response(ReceiptSerializer(selectors.receipts(order), many=True).data)
        params = ReceiptRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        lines = [
            ReceiptLineValues(
                line=_line(order, item["line"]),
                quantity_received=item["quantity_received"],
                quantity_expected=item.get("quantity_expected"),
                quantity_accepted=item.get("quantity_accepted"),
                condition=item.get("condition", "good"),
                note=item.get("note", ""),
            )
            for item in data["lines"]
        ]
        try:
            receipt = services.record_receipt(
                order=order,
                values=ReceiptValues(
                    received_on=data["received_on"],
                    delivery_note=data.get("delivery_note", ""),
                    quality_result=data.get("quality_result", "pass"),
                    remarks=data.get("remarks", ""),
                ),
                lines=lines,
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(ReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED)
