"""Transport claims in the API: the serializers validate what the client sent and call the same
services as the screens (``comptoir.claims.services``); refusals are JSON naming the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.claims import letters, selectors, services
from comptoir.claims.inputs import LETTERS, ClaimAmounts, ClaimFacts
from comptoir.claims.models import Claim, Convention, Kind, ReservesDocument
from comptoir.common import countries
from comptoir.documents.pdf import pdf_response
from comptoir.parties.models import Company
from comptoir.shipping.models import Shipment

from .errors import refusal as _refusal


class ClaimSerializer(serializers.ModelSerializer[Claim]):
    shipment = serializers.PrimaryKeyRelatedField(queryset=Shipment.objects.all())
    carrier = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.filter(
            Q(roles__contains=",carrier,") | Q(roles__contains=",forwarder,")
        ),
        required=False,
        help_text="Default: the shipment's carrier, else its forwarder.",
    )
    insurer = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.filter(roles__contains=",insurer,"),
        required=False,
        allow_null=True,
    )
    kind = serializers.ChoiceField(choices=Kind.choices)
    convention = serializers.ChoiceField(
        choices=Convention.choices,
        required=False,
        allow_blank=True,
        help_text="Empty: chosen from the shipment's mode and route (rail and multimodal: "
        "required). Other rules than the suggested ones need convention_reason.",
    )
    reserves_document = serializers.ChoiceField(
        choices=ReservesDocument.choices, required=False, allow_blank=True
    )
    weight_affected_kg = serializers.DecimalField(
        max_digits=12, decimal_places=3, min_value=Decimal("0")
    )
    consignment_weight_kg = serializers.DecimalField(
        max_digits=12, decimal_places=3, min_value=Decimal("0"), required=False, allow_null=True
    )
    amount_claimed = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0")
    )
    sdr_rate = serializers.DecimalField(
        max_digits=14,
        decimal_places=6,
        min_value=Decimal("0.000001"),
        required=False,
        allow_null=True,
        help_text="Value of one SDR in the claim's currency; empty: the latest XDR rate of "
        "our exchange rates, if any.",
    )
    currency = serializers.CharField(max_length=3, default="EUR")
    late_reason = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="Only for a claim past its time bar: why it is recorded anyway.",
    )
    recovered = serializers.DecimalField(max_digits=15, decimal_places=2, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "number",
            "shipment",
            "carrier",
            "insurer",
            "insurance_policy",
            "kind",
            "apparent",
            "description",
            "discovered_on",
            "delivery_date",
            "reserves_taken",
            "reserves_text",
            "reserves_date",
            "reserves_document",
            "convention",
            "convention_reason",
            "weight_affected_kg",
            "packages_affected",
            "consignment_weight_kg",
            "notice_deadline",
            "time_bar_date",
            "sdr_rate",
            "sdr_rate_date",
            "sdr_rate_source",
            "liability_cap_sdr",
            "liability_cap",
            "currency",
            "amount_claimed",
            "recovered_carrier",
            "recovered_insurer",
            "recovered",
            "status",
            "entered_time_barred",
            "late_reason",
            "reserves_sent_on",
            "claim_sent_on",
            "insurer_claimed_on",
            "settled_on",
            "outcome",
        ]
        read_only_fields = [
            "number",
            "notice_deadline",
            "time_bar_date",
            "sdr_rate_source",
            "liability_cap_sdr",
            "liability_cap",
            "recovered_carrier",
            "recovered_insurer",
            "status",
            "entered_time_barred",
            "reserves_sent_on",
            "claim_sent_on",
            "insurer_claimed_on",
            "settled_on",
            "outcome",
        ]

    def validate_currency(self, value: str) -> str:
        value = value.upper()
        if value not in countries.currency_codes():
            raise serializers.ValidationError("Unknown currency code.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        shipment: Shipment = attrs["shipment"]
        if attrs.get("carrier") is None:
            carrier = shipment.carrier or shipment.forwarder
            if carrier is None:
                raise serializers.ValidationError(
                    {"carrier": ["The shipment has no carrier: give the carrier."]}
                )
            attrs["carrier"] = carrier
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Claim:
        data = validated_data
        facts = ClaimFacts(
            kind=data["kind"],
            apparent=data.get("apparent", True),
            description=data["description"],
            discovered_on=data["discovered_on"],
            delivery_date=data["delivery_date"],
            weight_affected_kg=data["weight_affected_kg"],
            amount_claimed=data["amount_claimed"],
            currency=data["currency"],
            carrier=data["carrier"],
            packages_affected=data.get("packages_affected"),
            consignment_weight_kg=data.get("consignment_weight_kg"),
            convention=data.get("convention") or "",
            convention_reason=data.get("convention_reason", ""),
            reserves_taken=data.get("reserves_taken", False),
            reserves_text=data.get("reserves_text", ""),
            reserves_date=data.get("reserves_date"),
            reserves_document=data.get("reserves_document", ""),
            insurer=data.get("insurer"),
            insurance_policy=data.get("insurance_policy", ""),
            sdr_rate=data.get("sdr_rate"),
            sdr_rate_date=data.get("sdr_rate_date"),
            handled_by=acting_user(self.context["request"]),
            late_reason=data.get("late_reason", ""),
        )
        try:
            return services.create_claim(
                shipment=data["shipment"], facts=facts, user=acting_user(self.context["request"])
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


class StatusSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=Claim.Status.choices)
    on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class AmountsSerializer(serializers.Serializer[Any]):
    amount_claimed = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0")
    )
    recovered_carrier = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0")
    )
    recovered_insurer = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0")
    )
    outcome = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class LetterSentSerializer(serializers.Serializer[Any]):
    letter = serializers.ChoiceField(choices=[(key, key) for key in LETTERS])
    sent_on = serializers.DateField(required=False, allow_null=True)
    email = serializers.BooleanField(
        default=False, help_text="Send the letter by e-mail with its PDF to the recipient."
    )


class StatRowSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(help_text="Carrier id, kind, or route FR-DE.")
    label = serializers.CharField()  # type: ignore[assignment]
    currency = serializers.CharField()
    count = serializers.IntegerField()
    finished = serializers.IntegerField()
    claimed = serializers.DecimalField(max_digits=16, decimal_places=2)
    recovered = serializers.DecimalField(max_digits=16, decimal_places=2)
    recovery_rate = serializers.DecimalField(max_digits=7, decimal_places=1, allow_null=True)
    average_days = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)


class StatisticsSerializer(serializers.Serializer[Any]):
    by = serializers.ChoiceField(choices=[(key, key) for key in selectors.GROUPINGS])
    rows = StatRowSerializer(many=True)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Claim, shipment, carrier or facts."),
            OpenApiParameter("status", str, enum=Claim.Status.values),
            OpenApiParameter("kind", str, enum=Kind.values),
            OpenApiParameter("open", str, enum=["1"], description="Only claims not finished."),
        ]
    )
)
class ClaimViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Claim],
):
    """Transport claims. Create one on a shipment: the deadlines (reserves, time bar), the
    carrier's limit and the reminders are computed; a claim past its time bar is refused
    unless ``late_reason`` says why it is recorded anyway."""

    serializer_class = ClaimSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Claim]:
        params = {key: str(value) for key, value in self.request.query_params.items()}
        return selectors.claim_list(params)

    @extend_schema(request=StatusSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        """Move the claim on: settled, refused, closed... (the allowed next statuses only)."""
        params = StatusSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            claim = services.set_status(
                claim=self.get_object(),
                status=params.validated_data["status"],
                on=params.validated_data.get("on"),
                note=params.validated_data.get("note", ""),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(self.get_serializer(claim).data)

    @extend_schema(request=AmountsSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"])
    def amounts(self, request: Request, pk: str | None = None) -> Response:
        """The amount claimed and what the carrier and the insurer paid."""
        params = AmountsSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            claim = services.save_amounts(
                claim=self.get_object(),
                values=ClaimAmounts(
                    amount_claimed=data["amount_claimed"],
                    recovered_carrier=data["recovered_carrier"],
                    recovered_insurer=data["recovered_insurer"],
                    outcome=data.get("outcome", ""),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(self.get_serializer(claim).data)

    @extend_schema(request=LetterSentSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"], url_path="letter-sent")
    def letter_sent(self, request: Request, pk: str | None = None) -> Response:
        """Record a letter as sent (reserves, claim, insurer): its date, the status, and the
        e-mail with the PDF when ``email`` is true."""
        params = LetterSentSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            claim = services.record_letter(
                claim=self.get_object(),
                letter=params.validated_data["letter"],
                sent_on=params.validated_data.get("sent_on"),
                email=params.validated_data["email"],
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(self.get_serializer(claim).data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "letter", str, enum=list(LETTERS), required=True, description="Which letter."
            )
        ],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            400: OpenApiResponse(description="Unknown letter, or no insurer on the claim."),
        },
    )
    @action(detail=True, methods=["get"])
    def letter(self, request: Request, pk: str | None = None) -> HttpResponse:
        """A letter as PDF, in the recipient's language."""
        claim = self.get_object()
        letter = request.query_params.get("letter", "")
        if letter not in LETTERS:
            raise serializers.ValidationError({"letter": [f"One of: {', '.join(LETTERS)}."]})
        if letter == "insurer" and claim.insurer is None:
            raise serializers.ValidationError({"letter": ["The claim has no insurer."]})
        return pdf_response(
            letters.letter_pdf(claim, letter), letters.letter_filename(claim, letter)
        )

    @extend_schema(
        parameters=[OpenApiParameter("by", str, enum=list(selectors.GROUPINGS))],
        responses=StatisticsSerializer,
    )
    # one list of rows, not paged and not filtered like the claims themselves
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def statistics(self, request: Request) -> Response:
        """Per carrier, cause or route: count, claimed, recovered, recovery rate, days to
        settle (one row per currency)."""
        by = request.query_params.get("by", "carrier")
        if by not in selectors.GROUPINGS:
            raise serializers.ValidationError(
                {"by": [f"One of: {', '.join(selectors.GROUPINGS)}."]}
            )
        rows = selectors.statistics(by)
        return Response(StatisticsSerializer({"by": by, "rows": rows}).data)
