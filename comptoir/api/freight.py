"""Freight quotes in the API: requests for quotation, quotes, the comparison and the choice,
the provider's invoices with their check. Serializers type what the client sent and call
the same services as the screens; a refusal is a JSON 400 naming the field, a role the matrix
refuses a JSON 403."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.calculators.texts import translate
from comptoir.common import countries
from comptoir.common.params import BadParameter, id_param
from comptoir.freight import selectors, services
from comptoir.freight.inputs import ChargeValues, InvoiceValues, QuoteValues, RequestValues, Weights
from comptoir.freight.models import (
    ChargeKind,
    FreightRequest,
    ProviderInvoice,
    ProviderInvoiceLine,
    Quote,
    QuoteLine,
    Recipient,
)
from comptoir.shipping.models import Shipment

MAX_LINES = services.MAX_LINES


def _currency(value: str) -> str:
    code = value.upper()
    if not countries.is_currency(code):
        raise serializers.ValidationError(_("%(code)s is not a currency code.") % {"code": value})
    return code


def _bounded(lines: list[Any]) -> list[Any]:
    if len(lines) > MAX_LINES:
        raise serializers.ValidationError(_("At most %(n)d lines.") % {"n": MAX_LINES})
    return lines


class FreightRecipientSerializer(serializers.ModelSerializer[Recipient]):
    provider_name = serializers.CharField(source="provider.name", read_only=True)

    class Meta:
        model = Recipient
        fields = ["provider", "provider_name", "email", "language", "sent_at", "emailed_at"]
        read_only_fields = fields


class FreightWeightsSerializer(serializers.Serializer[Any]):
    cost = serializers.IntegerField(min_value=0, max_value=100, default=40)
    transit = serializers.IntegerField(min_value=0, max_value=100, default=25)
    reliability = serializers.IntegerField(min_value=0, max_value=100, default=20)
    service = serializers.IntegerField(min_value=0, max_value=100, default=15)


class FreightRequestSerializer(serializers.ModelSerializer[FreightRequest]):
    shipment = serializers.PrimaryKeyRelatedField(queryset=Shipment.objects.all())
    providers = serializers.PrimaryKeyRelatedField(
        many=True,
        write_only=True,
        queryset=selectors.transport_providers(),
        help_text="Carriers and forwarders asked (companies with one of those roles).",
    )
    recipients = FreightRecipientSerializer(many=True, read_only=True)
    weights = FreightWeightsSerializer(required=False)

    class Meta:
        model = FreightRequest
        fields = [
            "id",
            "number",
            "shipment",
            "status",
            "reply_by",
            "ready_on",
            "services_asked",
            "instructions",
            "providers",
            "recipients",
            "weights",
            "chosen_quote",
            "choice_reason",
            "chosen_at",
            "rate_day",
            "chosen_score",
            "chosen_rank",
            "booking_sent_at",
        ]
        read_only_fields = [
            "number",
            "status",
            "chosen_quote",
            "choice_reason",
            "chosen_at",
            "rate_day",
            "chosen_score",
            "chosen_rank",
            "booking_sent_at",
        ]

    def validate_providers(self, value: list[Any]) -> list[Any]:
        if not value:
            raise serializers.ValidationError(_("Choose at least one carrier or forwarder."))
        if len(value) > services.MAX_RECIPIENTS:
            raise serializers.ValidationError(
                _("At most %(n)d providers in one request.") % {"n": services.MAX_RECIPIENTS}
            )
        return value

    def to_representation(self, instance: FreightRequest) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["weights"] = instance.weights
        return data

    def create(self, validated_data: dict[str, Any]) -> FreightRequest:
        weights = validated_data.get("weights")
        return services.create_request(
            shipment=validated_data["shipment"],
            values=RequestValues(
                providers=tuple(validated_data["providers"]),
                reply_by=validated_data["reply_by"],
                ready_on=validated_data.get("ready_on"),
                services_asked=validated_data.get("services_asked", ""),
                instructions=validated_data.get("instructions", ""),
            ),
            weights=Weights(**weights) if weights else None,
            user=acting_user(self.context["request"]),
        )


class FreightChargeSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=ChargeKind.choices)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, max_value=Decimal("9999999999.99")
    )
    currency = serializers.CharField(
        max_length=3, required=False, help_text="The quote's currency when left out."
    )

    def validate_currency(self, value: str) -> str:
        return _currency(value)


class FreightQuoteLineSerializer(serializers.ModelSerializer[QuoteLine]):
    class Meta:
        model = QuoteLine
        fields = ["kind", "description", "amount", "currency"]


class QuoteSerializer(serializers.ModelSerializer[Quote]):
    request = serializers.PrimaryKeyRelatedField(queryset=FreightRequest.objects.all())
    lines = FreightChargeSerializer(many=True, write_only=True, allow_empty=False)
    price_lines = FreightQuoteLineSerializer(many=True, read_only=True, source="lines")
    service_grade = serializers.IntegerField(min_value=0, max_value=10, default=5)
    transit_days = serializers.IntegerField(min_value=0, max_value=365)

    class Meta:
        model = Quote
        fields = [
            "id",
            "request",
            "provider",
            "reference",
            "received_on",
            "currency",
            "transit_days",
            "valid_until",
            "service_grade",
            "carrier_name",
            "conditions",
            "lines",
            "price_lines",
        ]

    def validate_currency(self, value: str) -> str:
        return _currency(value)

    def validate_lines(self, value: list[Any]) -> list[Any]:
        return _bounded(value)

    def create(self, validated_data: dict[str, Any]) -> Quote:
        data = validated_data
        currency = data.get("currency", "EUR")
        return services.save_quote(
            request=data["request"],
            values=QuoteValues(
                provider=data["provider"],
                reference=data.get("reference", ""),
                received_on=data["received_on"],
                currency=currency,
                transit_days=data["transit_days"],
                valid_until=data["valid_until"],
                service_grade=data["service_grade"],
                carrier_name=data.get("carrier_name", ""),
                conditions=data.get("conditions", ""),
                lines=tuple(
                    ChargeValues(
                        kind=line["kind"],
                        description=line.get("description", ""),
                        amount=line["amount"],
                        currency=line.get("currency") or currency,
                    )
                    for line in data["lines"]
                ),
            ),
            user=acting_user(self.context["request"]),
        )


class FreightChoiceSerializer(serializers.Serializer[Any]):
    quote = serializers.IntegerField(help_text="The id of the quote chosen.")
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Needed when the quote does not have the best score.",
    )
    send_booking = serializers.BooleanField(default=True)
    inform_others = serializers.BooleanField(default=False)


class FreightComparisonRowSerializer(serializers.Serializer[Any]):
    quote = serializers.IntegerField()
    provider = serializers.CharField()
    totals = serializers.DictField(child=serializers.DecimalField(max_digits=14, decimal_places=2))
    total_eur = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    transit_days = serializers.IntegerField()
    valid_until = serializers.DateField()
    expired = serializers.BooleanField()
    grades = serializers.DictField(child=serializers.DecimalField(max_digits=5, decimal_places=2))
    explanations = serializers.DictField(child=serializers.CharField())
    score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    rank = serializers.IntegerField(allow_null=True)


ComparisonSerializer = inline_serializer(
    "FreightComparison",
    {
        "rate_day": serializers.DateField(),
        "rates": serializers.ListField(child=serializers.DictField()),
        "missing_rates": serializers.DictField(child=serializers.CharField()),
        "weights": serializers.DictField(child=serializers.IntegerField()),
        "rows": FreightComparisonRowSerializer(many=True),
        "steps": serializers.ListField(child=serializers.CharField()),
        "steps_fr": serializers.ListField(child=serializers.CharField()),
    },
)


def comparison_data(request: FreightRequest) -> dict[str, Any]:
    table = selectors.comparison_table(request)
    return {
        "rate_day": table.rate_day.isoformat(),
        "rates": [
            {
                "currency": r["currency"],
                "eur_per_unit": str(r["rate"]),
                "rate_date": r["rate_date"].isoformat(),
                "source": r["source"],
            }
            for r in table.rates
        ],
        "missing_rates": table.missing_rates,
        "weights": table.weights,
        "rows": [
            {
                "quote": row.quote.pk,
                "provider": row.key,
                "totals": {code: str(amount) for code, amount in row.totals.items()},
                "total_eur": None if row.total_eur is None else str(row.total_eur),
                "transit_days": row.quote.transit_days,
                "valid_until": row.quote.valid_until.isoformat(),
                "expired": row.expired,
                "grades": {k: str(v) for k, v in row.grades.items()},
                "explanations": {k: str(v) for k, v in row.explanations.items()},
                "score": None if row.score is None else str(row.score),
                "rank": row.rank,
            }
            for row in table.rows
        ],
        "steps": [str(step) for step in table.steps],
        "steps_fr": [translate(step, "fr") for step in table.steps],
    }


class FreightRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[FreightRequest],
):
    """Freight requests for quotation. Create one for a shipment with ``providers``;
    ``POST .../send/`` sends it (PDF and e-mail in each provider's language);
    ``GET .../comparison/`` gives the quotes in EUR with their grades and weighted score;
    ``POST .../choose/`` records the choice (a reason is needed when the quote does not have
    the best score) and books the shipment with the provider."""

    serializer_class = FreightRequestSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[FreightRequest]:
        return selectors.request_list(self.request.query_params).prefetch_related(
            "recipients__provider"
        )

    @extend_schema(request=None, responses=FreightRequestSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str | None = None) -> Response:
        services.send_request(request=self.get_object(), user=acting_user(request))
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(responses=ComparisonSerializer)
    @action(detail=True, methods=["get"])
    def comparison(self, request: Request, pk: str | None = None) -> Response:
        return Response(comparison_data(self.get_object()))

    @extend_schema(request=FreightChoiceSerializer, responses=FreightRequestSerializer)
    @action(detail=True, methods=["post"])
    def choose(self, request: Request, pk: str | None = None) -> Response:
        choice = FreightChoiceSerializer(data=request.data)
        choice.is_valid(raise_exception=True)
        target = self.get_object()
        quote = Quote.objects.filter(pk=choice.validated_data["quote"], request=target).first()
        if quote is None:
            raise serializers.ValidationError(
                {"quote": [_("This quote belongs to another request.")]}
            )
        decided = services.choose_quote(
            request=target,
            quote=quote,
            user=acting_user(request),
            reason=choice.validated_data.get("reason", ""),
            send_booking=choice.validated_data["send_booking"],
            inform_others=choice.validated_data["inform_others"],
        )
        return Response(self.get_serializer(decided).data)

    @extend_schema(request=FreightWeightsSerializer, responses=FreightRequestSerializer)
    @action(detail=True, methods=["post"])
    def weights(self, request: Request, pk: str | None = None) -> Response:
        given = FreightWeightsSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        saved = services.set_weights(
            request=self.get_object(),
            weights=Weights(**given.validated_data),
            user=acting_user(request),
        )
        return Response(self.get_serializer(saved).data)


class FreightQuoteViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Quote],
):
    """Quotes as they come: price lines each in its currency, transit days, validity, a
    service grade (0-10). ``?request=<id>`` lists the quotes of one request."""

    serializer_class = QuoteSerializer
    filter_backends: list[Any] = []

    @extend_schema(
        parameters=[OpenApiParameter("request", OpenApiTypes.INT, description="A request's id")]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Quote]:
        qs = Quote.objects.select_related("provider").prefetch_related("lines").order_by("-pk")
        try:
            request_id = id_param(self.request.query_params, "request")
        except BadParameter as exc:
            raise serializers.ValidationError({exc.name: [exc.message]}) from None
        return qs if request_id is None else qs.filter(request_id=request_id)


class CarrierInvoiceLineSerializer(serializers.ModelSerializer[ProviderInvoiceLine]):
    class Meta:
        model = ProviderInvoiceLine
        fields = ["kind", "description", "amount"]


class CarrierInvoiceChargeSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=ChargeKind.choices)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, max_value=Decimal("9999999999.99")
    )


class CarrierInvoiceCheckSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField()
    description = serializers.CharField()
    outcome = serializers.ChoiceField(choices=["same", "different", "missing", "extra", "currency"])
    quoted = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    quoted_currency = serializers.CharField()
    invoiced = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    invoiced_currency = serializers.CharField()
    difference = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    difference_eur = serializers.DecimalField(max_digits=14, decimal_places=2)


class CarrierInvoiceSerializer(serializers.ModelSerializer[ProviderInvoice]):
    request = serializers.PrimaryKeyRelatedField(queryset=FreightRequest.objects.all())
    lines = CarrierInvoiceChargeSerializer(many=True, write_only=True, allow_empty=False)
    invoice_lines = CarrierInvoiceLineSerializer(many=True, read_only=True, source="lines")
    check = serializers.SerializerMethodField()

    class Meta:
        model = ProviderInvoice
        fields = [
            "id",
            "request",
            "quote",
            "provider",
            "number",
            "invoice_date",
            "currency",
            "status",
            "notes",
            "has_differences",
            "difference_eur",
            "lines",
            "invoice_lines",
            "check",
        ]
        read_only_fields = [
            "quote",
            "provider",
            "status",
            "has_differences",
            "difference_eur",
        ]

    def validate_currency(self, value: str) -> str:
        return _currency(value)

    def validate_lines(self, value: list[Any]) -> list[Any]:
        return _bounded(value)

    @extend_schema_field(CarrierInvoiceCheckSerializer(many=True))
    def get_check(self, invoice: ProviderInvoice) -> list[dict[str, Any]]:
        try:
            check = selectors.invoice_check(invoice)
        except DjangoValidationError:  # a missing rate: the stored figures stand
            return []
        return [
            {
                "kind": line.kind,
                "description": line.description,
                "outcome": line.outcome,
                "quoted": None if line.quoted is None else str(line.quoted),
                "quoted_currency": line.quoted_currency,
                "invoiced": None if line.invoiced is None else str(line.invoiced),
                "invoiced_currency": line.invoiced_currency,
                "difference": None if line.difference is None else str(line.difference),
                "difference_eur": str(line.difference_eur),
            }
            for line in check.lines
        ]

    def create(self, validated_data: dict[str, Any]) -> ProviderInvoice:
        data = validated_data
        return services.save_provider_invoice(
            request=data["request"],
            values=InvoiceValues(
                number=data["number"],
                invoice_date=data["invoice_date"],
                currency=data["currency"],
                notes=data.get("notes", ""),
                lines=tuple(
                    ChargeValues(
                        kind=line["kind"],
                        description=line.get("description", ""),
                        amount=line["amount"],
                        currency=data["currency"],
                    )
                    for line in data["lines"]
                ),
            ),
            user=acting_user(self.context["request"]),
        )


class CarrierInvoiceStatusSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=ProviderInvoice.Status.choices)
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Needed to dispute, or to accept an invoice with differences.",
    )


class CarrierInvoiceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[ProviderInvoice],
):
    """The chosen provider's invoices, checked line by line against the accepted quote
    (``check``: same, different, missing, extra, currency). ``POST .../status/`` accepts or
    disputes one."""

    serializer_class = CarrierInvoiceSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ProviderInvoice]:
        return selectors.invoice_list(self.request.query_params).prefetch_related(
            "lines", "quote__lines"
        )

    @extend_schema(request=CarrierInvoiceStatusSerializer, responses=CarrierInvoiceSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        given = CarrierInvoiceStatusSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        saved = services.set_invoice_status(
            invoice=self.get_object(),
            status=given.validated_data["status"],
            note=given.validated_data.get("note", ""),
            user=acting_user(request),
        )
        return Response(self.get_serializer(saved).data)
