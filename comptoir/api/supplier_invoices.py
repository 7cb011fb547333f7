"""Supplier invoices in the API: record an invoice against its purchase order (matched three
ways at once), the match result, approval or dispute, credit notes, payments with the exchange
difference, the open payables, and the landed cost of a goods receipt. Serializers type what
the client sent and call the same services as the screens; a refusal is a JSON 400 naming the
field, a role the matrix refuses a JSON 403. (The invoice's PDF is attached on the screen: the
API takes JSON only.)"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from comptoir.accounts.roles import acting_user
from comptoir.calculators.texts import translate
from comptoir.common.params import BadParameter
from comptoir.parties.models import Company
from comptoir.purchasing.models import PurchaseOrder, Receipt
from comptoir.supplier_invoices import selectors, services
from comptoir.supplier_invoices.api_choices import DECISIONS, SHARED_BASES
from comptoir.supplier_invoices.inputs import (
    CostValues,
    CreditNoteValues,
    InvoiceLineValues,
    InvoiceValues,
    PaymentValues,
)
from comptoir.supplier_invoices.models import (
    CostKind,
    LandedCost,
    LandedCostItem,
    LandedCostLine,
    SupplierInvoice,
    SupplierInvoiceLine,
    SupplierPayment,
)

MAX = Decimal("999999999999")


class SupplierInvoiceLineSerializer(serializers.ModelSerializer[SupplierInvoiceLine]):
    order_line: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )

    class Meta:
        model = SupplierInvoiceLine
        fields = ["position", "order_line", "description", "quantity", "unit_price", "amount"]


class SupplierInvoiceLineInput(serializers.Serializer[dict[str, Any]]):
    order_line = serializers.IntegerField(min_value=1)
    quantity = serializers.DecimalField(
        max_digits=15, decimal_places=3, min_value=Decimal("0.001"), max_value=MAX
    )
    unit_price = serializers.DecimalField(
        max_digits=16, decimal_places=4, min_value=Decimal(0), max_value=MAX
    )
    description = serializers.CharField(max_length=250, required=False, default="")


class MatchDifferenceSerializer(serializers.Serializer[dict[str, Any]]):
    kind = serializers.CharField()
    position = serializers.IntegerField()
    expected = serializers.CharField()
    found = serializers.CharField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    within_tolerance = serializers.BooleanField()
    text = serializers.CharField()


class SupplierInvoiceSerializer(serializers.ModelSerializer[SupplierInvoice]):
    """An invoice (or credit note) of a supplier; ``differences`` is the three-way match stored
    at the last save or approval. Writing takes ``supplier``, ``order`` and ``lines``."""

    supplier = serializers.PrimaryKeyRelatedField(queryset=Company.objects.all())
    order = serializers.PrimaryKeyRelatedField(queryset=PurchaseOrder.objects.all())
    lines = SupplierInvoiceLineSerializer(many=True, read_only=True)
    invoice_lines = serializers.ListField(
        child=SupplierInvoiceLineInput(), write_only=True, max_length=services.MAX_LINES
    )
    differences = MatchDifferenceSerializer(many=True, read_only=True)
    eur_rate = serializers.DecimalField(
        max_digits=18,
        decimal_places=8,
        required=False,
        allow_null=True,
        min_value=Decimal("0.00000001"),
    )
    currency = serializers.RegexField(r"^[A-Za-z]{3}$", max_length=3)

    class Meta:
        model = SupplierInvoice
        fields = [
            "id",
            "kind",
            "supplier",
            "order",
            "credited_invoice",
            "number",
            "invoice_date",
            "received_on",
            "currency",
            "eur_rate",
            "rate_date",
            "rate_source",
            "incoterm",
            "named_place",
            "payment_days",
            "end_of_month",
            "terms_from",
            "due_date",
            "total",
            "total_eur",
            "advance_deducted",
            "owed",
            "paid_total",
            "credited_total",
            "balance_due",
            "status",
            "differences",
            "dispute_reason",
            "approved_at",
            "approval_note",
            "notes",
            "lines",
            "invoice_lines",
        ]
        read_only_fields = [
            "kind",
            "credited_invoice",
            "rate_date",
            "rate_source",
            "due_date",
            "total",
            "total_eur",
            "owed",
            "paid_total",
            "credited_total",
            "balance_due",
            "status",
            "dispute_reason",
            "approved_at",
            "approval_note",
        ]

    def validate_currency(self, value: str) -> str:
        return value.upper()

    def _values(self, data: dict[str, Any]) -> InvoiceValues:
        return InvoiceValues(
            supplier=data["supplier"],
            order=data["order"],
            number=data["number"],
            invoice_date=data["invoice_date"],
            received_on=data.get("received_on"),
            currency=data["currency"],
            eur_rate=data.get("eur_rate"),
            incoterm=(data.get("incoterm") or "").upper(),
            named_place=data.get("named_place") or "",
            payment_days=data.get("payment_days") or 0,
            end_of_month=bool(data.get("end_of_month")),
            terms_from=data.get("terms_from"),
            advance_deducted=data.get("advance_deducted") or Decimal(0),
            notes=data.get("notes") or "",
            lines=tuple(
                InvoiceLineValues(
                    order_line_id=line["order_line"],
                    quantity=line["quantity"],
                    unit_price=line["unit_price"],
                    description=line.get("description", ""),
                )
                for line in data.get("invoice_lines", [])
            ),
        )

    def create(self, validated_data: dict[str, Any]) -> SupplierInvoice:
        return services.save_invoice(
            invoice=None,
            values=self._values(validated_data),
            user=acting_user(self.context["request"]),
        )


class InvoiceDecisionSerializer(serializers.Serializer[dict[str, Any]]):
    decision = serializers.ChoiceField(choices=DECISIONS)
    note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class CreditNoteSerializer(serializers.Serializer[dict[str, Any]]):
    number = serializers.CharField(max_length=40)
    invoice_date = serializers.DateField()
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0.01"), max_value=MAX
    )
    reason = serializers.CharField(max_length=500)


class SupplierPaymentSerializer(serializers.ModelSerializer[SupplierPayment]):
    eur_rate = serializers.DecimalField(
        max_digits=18,
        decimal_places=8,
        required=False,
        allow_null=True,
        min_value=Decimal("0.00000001"),
    )

    class Meta:
        model = SupplierPayment
        fields = [
            "id",
            "invoice",
            "paid_on",
            "amount",
            "eur_rate",
            "rate_source",
            "amount_eur",
            "exchange_difference_eur",
            "reference",
        ]
        read_only_fields = ["invoice", "rate_source", "amount_eur", "exchange_difference_eur"]


class MatchLineSerializer(serializers.Serializer[dict[str, Any]]):
    position = serializers.IntegerField()
    quantity = serializers.DecimalField(max_digits=16, decimal_places=3)
    unit_price = serializers.DecimalField(max_digits=16, decimal_places=4)
    billed = serializers.DecimalField(max_digits=16, decimal_places=2)
    owed = serializers.DecimalField(max_digits=16, decimal_places=2)
    available = serializers.DecimalField(max_digits=16, decimal_places=3)


class MatchSerializer(serializers.Serializer[dict[str, Any]]):
    matched = serializers.BooleanField()
    needs_manager = serializers.BooleanField()
    currency = serializers.CharField()
    billed = serializers.DecimalField(max_digits=16, decimal_places=2)
    owed = serializers.DecimalField(max_digits=16, decimal_places=2)
    lines = MatchLineSerializer(many=True)
    differences = MatchDifferenceSerializer(many=True)


class SupplierInvoiceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[SupplierInvoice],
):
    """Supplier invoices and credit notes. ``GET .../match/`` matches the invoice again as the
    receipts stand today; ``POST .../decision/`` approves, disputes or cancels it (a withdrawn invoice); ``POST
    .../credit-notes/`` records the supplier's credit note; ``POST .../payments/`` a payment."""

    serializer_class = SupplierInvoiceSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[SupplierInvoice]:
        try:
            rows = selectors.invoice_list(self.request.query_params)
        except BadParameter as exc:
            raise serializers.ValidationError({exc.name: [exc.message]}) from None
        return rows.prefetch_related("lines")

    @extend_schema(responses=MatchSerializer)
    @action(detail=True, methods=["get"])
    def match(self, request: Request, pk: str | None = None) -> Response:
        invoice = self.get_object()
        if invoice.is_credit_note:
            return Response({"detail": _("A credit note is not matched.")}, status=400)
        result = selectors.match_of(invoice)
        return Response(
            MatchSerializer(
                {
                    "matched": result.matched,
                    "needs_manager": services.needs_manager(invoice),
                    "currency": result.currency,
                    "billed": result.billed,
                    "owed": result.owed,
                    "lines": [
                        {
                            "position": x.position,
                            "quantity": x.quantity,
                            "unit_price": x.unit_price,
                            "billed": x.billed,
                            "owed": x.owed,
                            "available": x.available,
                        }
                        for x in result.lines
                    ],
                    "differences": [
                        {
                            "kind": d.kind,
                            "position": d.position,
                            "expected": d.expected,
                            "found": d.found,
                            "amount": d.amount,
                            "within_tolerance": d.within_tolerance,
                            "text": translate(d.text),
                        }
                        for d in result.differences
                    ],
                }
            ).data
        )

    @extend_schema(request=InvoiceDecisionSerializer, responses=SupplierInvoiceSerializer)
    @action(detail=True, methods=["post"])
    def decision(self, request: Request, pk: str | None = None) -> Response:
        given = InvoiceDecisionSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        invoice = self.get_object()
        user = acting_user(request)
        if given.validated_data["decision"] == "approve":
            saved = services.approve(invoice=invoice, user=user, note=given.validated_data["note"])
        elif given.validated_data["decision"] == "dispute":
            saved = services.dispute(
                invoice=invoice, reason=given.validated_data["note"], user=user
            )
        else:
            saved = services.cancel(invoice=invoice, reason=given.validated_data["note"], user=user)
        return Response(self.get_serializer(saved).data)

    @extend_schema(request=CreditNoteSerializer, responses={201: SupplierInvoiceSerializer})
    @action(detail=True, methods=["post"], url_path="credit-notes")
    def credit_notes(self, request: Request, pk: str | None = None) -> Response:
        given = CreditNoteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        note = services.record_credit_note(
            invoice=self.get_object(),
            values=CreditNoteValues(**given.validated_data),
            user=acting_user(request),
        )
        return Response(self.get_serializer(note).data, status=201)

    @extend_schema(request=SupplierPaymentSerializer, responses={201: SupplierPaymentSerializer})
    @action(detail=True, methods=["post"])
    def payments(self, request: Request, pk: str | None = None) -> Response:
        given = SupplierPaymentSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        payment = services.record_payment(
            invoice=self.get_object(),
            values=PaymentValues(
                paid_on=data["paid_on"],
                amount=data["amount"],
                eur_rate=data.get("eur_rate"),
                reference=data.get("reference", ""),
            ),
            user=acting_user(request),
        )
        return Response(SupplierPaymentSerializer(payment).data, status=201)


class OpenPayableSerializer(serializers.Serializer[dict[str, Any]]):
    invoice_id = serializers.IntegerField()
    purchase_order_id = serializers.IntegerField()
    supplier_id = serializers.IntegerField()
    supplier = serializers.CharField()
    number = serializers.CharField()
    currency = serializers.CharField()
    balance = serializers.DecimalField(max_digits=16, decimal_places=2)
    due_date = serializers.DateField()
    booked_eur_rate = serializers.DecimalField(max_digits=18, decimal_places=8)
    status = serializers.CharField()


class OpenPayablesView(APIView):
    """What is still owed to suppliers, invoice by invoice (by due date), and per currency."""

    @extend_schema(
        responses=inline_serializer(
            "OpenPayables",
            {
                "totals": serializers.DictField(
                    child=serializers.DecimalField(max_digits=16, decimal_places=2)
                ),
                "invoices": OpenPayableSerializer(many=True),
            },
        )
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "totals": {
                    k: str(v.quantize(Decimal("0.01")))
                    for k, v in selectors.open_payables_by_currency().items()
                },
                "invoices": OpenPayableSerializer(selectors.open_payables(), many=True).data,  # type: ignore[arg-type]
            }
        )


class LandedCostOpenSerializer(serializers.Serializer[dict[str, Any]]):
    receipt = serializers.PrimaryKeyRelatedField(
        queryset=Receipt.objects.all(), help_text="The goods receipt's id."
    )


class LandedCostItemSerializer(serializers.ModelSerializer[LandedCostItem]):
    kind = serializers.ChoiceField(choices=CostKind.choices)
    basis = serializers.ChoiceField(choices=SHARED_BASES)
    currency = serializers.RegexField(r"^[A-Za-z]{3}$", max_length=3)
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, max_value=MAX, min_value=-MAX
    )

    class Meta:
        model = LandedCostItem
        fields = [
            "id",
            "kind",
            "label",
            "reference",
            "amount",
            "currency",
            "eur_rate",
            "rate_date",
            "amount_eur",
            "basis",
            "source",
        ]
        read_only_fields = ["eur_rate", "rate_date", "amount_eur", "source"]


class LandedCostLineSerializer(serializers.ModelSerializer[LandedCostLine]):
    class Meta:
        model = LandedCostLine
        fields = [
            "receipt_line",
            "product",
            "quantity",
            "weight_kg",
            "goods_eur",
            "shares",
            "total_eur",
            "unit_cost",
        ]


class LandedCostSerializer(serializers.ModelSerializer[LandedCost]):
    items = LandedCostItemSerializer(many=True, read_only=True)
    lines = LandedCostLineSerializer(many=True, read_only=True)

    class Meta:
        model = LandedCost
        fields = [
            "id",
            "receipt",
            "status",
            "goods_source",
            "goods_eur",
            "costs_eur",
            "total_eur",
            "applied_at",
            "items",
            "lines",
        ]


class LandedCostViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[LandedCost]
):
    """Landed costs of goods receipts. ``POST /api/landed-costs/`` with ``{"receipt": id}``
    opens one (duty taken from the import declaration); ``POST .../costs/`` adds a cost;
    ``POST .../apply/`` makes the real unit costs the products' cost prices."""

    serializer_class = LandedCostSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[LandedCost]:
        return selectors.landed_cost_list().prefetch_related("items", "lines")

    @extend_schema(request=LandedCostOpenSerializer, responses={201: LandedCostSerializer})
    def create(self, request: Request) -> Response:
        given = LandedCostOpenSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        receipt = given.validated_data["receipt"]
        landed = services.open_landed_cost(receipt=receipt, user=acting_user(request))
        return Response(self.get_serializer(landed).data, status=201)

    @extend_schema(request=LandedCostItemSerializer, responses={201: LandedCostSerializer})
    @action(detail=True, methods=["post"])
    def costs(self, request: Request, pk: str | None = None) -> Response:
        given = LandedCostItemSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        landed = self.get_object()
        services.add_cost(
            landed_cost=landed,
            values=CostValues(
                kind=data["kind"],
                amount=data["amount"],
                currency=data["currency"].upper(),
                basis=data["basis"],
                label=data.get("label", ""),
                reference=data.get("reference", ""),
            ),
            user=acting_user(request),
        )
        landed.refresh_from_db()
        return Response(self.get_serializer(landed).data, status=201)

    @extend_schema(request=None, responses=LandedCostSerializer)
    @action(detail=True, methods=["post"])
    def apply(self, request: Request, pk: str | None = None) -> Response:
        landed = self.get_object()
        services.apply_cost_prices(landed_cost=landed, user=acting_user(request))
        landed.refresh_from_db()
        return Response(self.get_serializer(landed).data)
