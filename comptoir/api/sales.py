"""Offers, orders, invoices and payments in the API.

Input is validated here, at the edge: the serializers type every field and line, the
screen's header form checks the rules of a document's header (a validity before its date,
a contact of another company...); the services then take the clean values (numbering,
credit control, issuing, payment matching), so every rule holds the same way as on screen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar, cast

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.catalog.models import Product
from comptoir.common.dates import today
from comptoir.common.params import BadParameter, id_param
from comptoir.parties.models import Company
from comptoir.sales import billing, selectors, services
from comptoir.sales.forms import OfferForm, OrderForm
from comptoir.sales.models import (
    Invoice,
    InvoiceLine,
    Offer,
    OfferLine,
    Order,
    OrderLine,
    Payment,
    TermGround,
)
from comptoir.sales.services import LineValues

from .input import mark_form_required_fields, plain_input


class _LineSerializer(serializers.ModelSerializer[Any]):
    """A line of an offer or an order: an active product, a quantity, a price."""

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        product = cast("serializers.PrimaryKeyRelatedField[Product]", fields["product"])
        product.queryset = Product.objects.filter(is_active=True)
        return fields


def _line_values(lines: list[dict[str, Any]]) -> list[LineValues]:
    return [
        LineValues(
            product=line["product"],
            quantity=line["quantity"],
            unit_price=line["unit_price"],
            discount_pct=line.get("discount_pct", Decimal("0")),
            description=line.get("description", ""),
        )
        for line in lines
    ]


class _DocumentSerializer(serializers.ModelSerializer[Any]):
    """A document with its lines, checked by the same rules as on the screens."""

    # The lines are typed by their serializer, the header's rules are the screen's form's;
    # the service then takes the clean values.

    form_class: ClassVar[type[OfferForm] | type[OrderForm]]

    def get_fields(self) -> dict[str, Any]:
        return mark_form_required_fields(super().get_fields(), self.form_class)

    @staticmethod
    def _form_values(raw: dict[str, Any]) -> dict[str, Any]:
        return {
            k: ("on" if v is True else v)
            for k, v in raw.items()
            if v is not False and v is not None
        }

    def _header_form(self, header: dict[str, Any]) -> OfferForm | OrderForm:
        blank = self.form_class._meta.model()
        form = self.form_class(data=self._form_values(header), instance=blank)
        form.is_valid()
        return form

    def to_internal_value(self, data: Any) -> Any:
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            # Say the header's mistakes too (a validity before the offer date...), checked
            # by the form on the fields whose type was right.
            if not isinstance(exc.detail, dict) or not isinstance(data, Mapping):
                raise
            errors: dict[str, Any] = dict(exc.detail)
            header = {k: v for k, v in data.items() if k not in errors and k != "lines"}
            for key, messages in self._header_form(header).errors.items():
                errors.setdefault(key, messages)
            raise serializers.ValidationError(errors) from None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        header = plain_input(self)
        header.pop("lines", None)
        form = self._header_form(header)
        if form.errors:
            raise serializers.ValidationError(
                {k: [str(e) for e in v] for k, v in form.errors.items()}
            )
        self._form = form
        return attrs

    def _save(self, form: Any, lines: list[LineValues], user: User) -> Offer | Order:
        raise NotImplementedError

    def create(self, validated_data: dict[str, Any]) -> Offer | Order:
        lines = _line_values(validated_data["lines"])
        try:
            return self._save(self._form, lines, acting_user(self.context["request"]))
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"non_field_errors": exc.messages}) from None


class OfferLineSerializer(_LineSerializer):
    class Meta:
        model = OfferLine
        fields = ["product", "description", "quantity", "unit_price", "discount_pct"]


class OfferSerializer(_DocumentSerializer):
    form_class = OfferForm
    # Typed here (so the schema and the 400s name them), saved by the service.
    lines = OfferLineSerializer(many=True, allow_empty=False)
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = Offer
        fields = [
            "id",
            "number",
            "revision",
            "reference",
            "status",
            *OfferForm.Meta.fields,
            "lines",
        ]
        read_only_fields = ["number", "revision", "status"]

    def _save(self, form: Any, lines: list[LineValues], user: User) -> Offer:
        return services.save_offer(
            offer=None,
            client=form.cleaned_data["client"],
            details=form.details(),
            terms=form.terms(),
            lines=lines,
            user=user,
        )


class OrderLineSerializer(_LineSerializer):
    class Meta:
        model = OrderLine
        fields = ["id", "product", "description", "quantity", "unit_price", "discount_pct"]


class OrderSerializer(_DocumentSerializer):
    form_class = OrderForm
    # Typed here (so the schema and the 400s name them), saved by the service.
    lines = OrderLineSerializer(many=True, allow_empty=False)

    class Meta:
        model = Order
        fields = [
            "id",
            "number",
            "status",
            "hold_reasons",
            *OrderForm.Meta.fields,
            "offer",
            "lines",
        ]
        read_only_fields = ["number", "status", "hold_reasons", "offer"]

    def _save(self, form: Any, lines: list[LineValues], user: User) -> Order:
        return services.save_order(
            order=None,
            client=form.cleaned_data["client"],
            details=form.details(),
            terms=form.terms(),
            lines=lines,
            user=user,
        )


def _action(func: Any, **values: Any) -> Any:
    """A service call whose refusal becomes a JSON 400 (``non_field_errors``)."""
    try:
        return func(**values)
    except DjangoValidationError as exc:
        raise serializers.ValidationError({"non_field_errors": exc.messages}) from None


class OfferViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Offer],
):
    """Offers (quotes). Create with ``lines``; ``POST .../send/`` marks it sent (follow-up task)."""

    serializer_class = OfferSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Offer]:
        return selectors.api_offers(self.request.query_params.get("status"))

    @extend_schema(request=None, responses=OfferSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str | None = None) -> Response:
        offer = _action(services.send_offer, offer=self.get_object(), user=acting_user(request))
        return Response(self.get_serializer(offer).data)


class OrderViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Order],
):
    """Orders. ``POST .../confirm/`` runs the credit control: ``status`` becomes ``confirmed``
    or ``on_hold`` with the ``hold_reasons``."""

    serializer_class = OrderSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Order]:
        return selectors.api_orders(self.request.query_params.get("status"))

    @extend_schema(request=None, responses=OrderSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        order = _action(services.confirm_order, order=self.get_object(), user=acting_user(request))
        return Response(self.get_serializer(order).data)


class InvoiceLineSerializer(serializers.ModelSerializer[InvoiceLine]):
    class Meta:
        model = InvoiceLine
        fields = [
            "reference",
            "description",
            "hs_code",
            "origin_country",
            "quantity",
            "unit_price",
            "discount_pct",
            "net_amount",
            "net_weight_kg",
            "gross_weight_kg",
        ]


def _optional_body(request: Request) -> Any:
    """The JSON body of an action whose parameters are all optional: an empty body (a bare
    ``curl -X POST``) is an empty object."""
    if not request.body.strip():
        return {}
    return request.data or {}  # JSON only: another content type is refused (415)


class IssueSerializer(serializers.Serializer[Any]):
    review_note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    term_basis = serializers.ChoiceField(
        choices=TermGround.choices, required=False, allow_blank=True
    )
    term_reason = serializers.CharField(required=False, allow_blank=True, max_length=250)


class InvoiceMentionSerializer(serializers.Serializer[Any]):
    """A text printed on the invoice by another area (e.g. the statement on origin)."""

    key = serializers.CharField(help_text="Which area printed it, e.g. origin.")
    title = serializers.CharField()
    text = serializers.CharField()


class InvoiceSerializer(serializers.ModelSerializer[Invoice]):
    lines = InvoiceLineSerializer(many=True, read_only=True)
    mentions = InvoiceMentionSerializer(many=True, read_only=True)
    balance = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Invoice
        fields = [
            "id",
            "kind",
            "status",
            "number",
            "client",
            "order",
            "delivery",
            "credited_invoice",
            "issue_date",
            "due_date",
            "currency",
            "incoterm",
            "incoterm_place",
            "vat_case",
            "vat_rate",
            "vat_mention",
            "mentions",
            "tax",
            "vat_total_eur",
            "ship_to",
            "review_note",
            "term_basis",
            "term_reason",
            "net_total",
            "vat_total",
            "gross_total",
            "paid_total",
            "balance",
            "facturx",
            "pdf_sha256",
            "pdf_url",
            "lines",
        ]
        read_only_fields = fields

    def get_balance(self, invoice: Invoice) -> str | None:
        if not invoice.is_issued:
            return None
        if invoice.kind == Invoice.Kind.INVOICE:
            return str(invoice.balance_due)  # kept up to date at each payment and credit note
        return str(billing.open_balance(invoice))

    def get_pdf_url(self, invoice: Invoice) -> str | None:
        return reverse("sales:invoice_pdf", args=[invoice.pk]) if invoice.is_issued else None


class InvoiceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Invoice]
):
    """Invoices and credit notes (read). Drafts come from deliveries or orders;
    ``POST .../issue/`` numbers and freezes a draft. Filters: client, status, overdue=1."""

    serializer_class = InvoiceSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Invoice]:
        params = self.request.query_params
        try:
            client_id = id_param(params, "client")
        except BadParameter as error:
            raise serializers.ValidationError({error.name: [error.message]}) from None
        return selectors.api_invoices(
            client_id=client_id,
            status=params.get("status"),
            overdue=params.get("overdue") == "1",
            today=today(),
        )

    @extend_schema(request=IssueSerializer, responses=InvoiceSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str | None = None) -> Response:
        """Issue a draft. ``review_note``: what you checked when the VAT rules flagged the
        sale; ``term_basis`` (+ ``term_reason``): the ground for a payment term beyond the
        legal ceiling (Code de commerce L441-10 I)."""
        params = IssueSerializer(data=_optional_body(request))
        params.is_valid(raise_exception=True)
        invoice = self.get_object()
        try:
            invoice = billing.issue(
                invoice=invoice, user=acting_user(request), **params.validated_data
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"non_field_errors": exc.messages}) from None
        return Response(self.get_serializer(invoice).data)


class PaymentSerializer(serializers.ModelSerializer[Payment]):
    allocations = serializers.DictField(
        child=serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01")),
        write_only=True,
        help_text="Invoice id → amount settled, in the invoice's currency.",
    )
    eur_rate = serializers.DecimalField(
        max_digits=18, decimal_places=8, required=False, allow_null=True
    )

    class Meta:
        model = Payment
        fields = [
            "id",
            "client",
            "received_on",
            "amount",
            "currency",
            "eur_rate",
            "reference",
            "method",
            "allocations",
        ]

    def create(self, validated_data: dict[str, Any]) -> Payment:
        allocations = {}
        for key, value in validated_data["allocations"].items():
            if not re.fullmatch(r"[0-9]{1,18}", str(key)):  # "²".isdigit() is true
                raise serializers.ValidationError(
                    {"allocations": [f"{key!r} is not an invoice id."]}
                )
            allocations[int(key)] = value
        client: Company = validated_data["client"]
        try:
            return billing.record_payment(
                client=client,
                received_on=validated_data["received_on"],
                amount=validated_data["amount"],
                currency=validated_data["currency"],
                allocations=allocations,
                user=acting_user(self.context["request"]),
                eur_per_unit=validated_data.get("eur_rate"),
                reference=validated_data.get("reference", ""),
                method=validated_data.get("method", "transfer"),
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"non_field_errors": exc.messages}) from None


class PaymentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Payment],
):
    """Payments received, matched to invoices (``allocations``: invoice id → amount)."""

    serializer_class = PaymentSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Payment]:
        return Payment.objects.order_by("-pk")
