"""Export credit insurance in the API: policies, the insurer's cover per buyer (request, then
the decisions), outstanding against cover, threatened-loss declarations and their claim.
Serializers validate, then call the same services as the screens
(``comptoir.credit_insurance.services``); refusals are JSON naming the field; token users obey
the role matrix."""

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
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.credit_insurance import selectors, services
from comptoir.credit_insurance.inputs import (
    ClaimValues,
    CoverDecision,
    CoverRequest,
    DeclarationValues,
    PolicyValues,
)
from comptoir.credit_insurance.models import BuyerCover, CoverState, Declaration, Policy
from comptoir.parties.models import Company
from comptoir.sales.models import Invoice

from .errors import refusal as _refusal

#: The choices, named for the OpenAPI schema (settings.SPECTACULAR_SETTINGS).
COVER_STATES = CoverState.choices
COVER_DECISIONS = [c for c in CoverState.choices if c[0] != CoverState.REQUESTED]
DECLARATION_STATUSES = Declaration.Status.choices
MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0")}
PERCENT: dict[str, Any] = {
    "max_digits": 5,
    "decimal_places": 2,
    "min_value": Decimal("0.01"),
    "max_value": Decimal("100"),
}


# -------------------------------------------------------------------------------- policies


class InsurancePolicySerializer(serializers.ModelSerializer[Policy]):
    commercial_share_pct = serializers.DecimalField(**PERCENT)
    political_share_pct = serializers.DecimalField(**PERCENT, required=False, allow_null=True)
    max_credit_days = serializers.IntegerField(min_value=0, max_value=720, default=120)
    threatened_loss_days = serializers.IntegerField(min_value=0, max_value=720, default=60)
    waiting_period_days = serializers.IntegerField(min_value=0, max_value=720, default=150)
    premium_rate_pct = serializers.DecimalField(
        max_digits=6,
        decimal_places=4,
        min_value=Decimal("0"),
        max_value=Decimal("10"),
        default=Decimal("0"),
    )
    discretionary_limit = serializers.DecimalField(**MONEY, default=Decimal("0"))
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    notes = serializers.CharField(max_length=4000, allow_blank=True, required=False)

    class Meta:
        model = Policy
        fields = [
            "id",
            "insurer",
            "number",
            "starts_on",
            "ends_on",
            "commercial_share_pct",
            "political_share_pct",
            "max_credit_days",
            "threatened_loss_days",
            "waiting_period_days",
            "premium_rate_pct",
            "discretionary_limit",
            "refuse_when_cancelled",
            "responsible",
            "notes",
        ]
        extra_kwargs: dict[str, Any] = {"number": {"validators": []}}

    def _save(self, policy: Policy | None) -> Policy:
        current = {n: getattr(policy, n) for n in self.Meta.fields[1:]} if policy else {}
        data = {**current, **self.validated_data}
        try:
            return services.save_policy(
                policy=policy,
                values=PolicyValues(
                    insurer=data["insurer"],
                    number=data["number"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    commercial_share_pct=data["commercial_share_pct"],
                    political_share_pct=data.get("political_share_pct"),
                    max_credit_days=data.get("max_credit_days", 120),
                    threatened_loss_days=data.get("threatened_loss_days", 60),
                    waiting_period_days=data.get("waiting_period_days", 150),
                    premium_rate_pct=data.get("premium_rate_pct", Decimal("0")),
                    discretionary_limit=data.get("discretionary_limit", Decimal("0")),
                    refuse_when_cancelled=data.get("refuse_when_cancelled", False),
                    responsible=data.get("responsible"),
                    notes=data.get("notes", ""),
                ),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def create(self, validated_data: dict[str, Any]) -> Policy:
        return self._save(None)

    def update(self, instance: Policy, validated_data: dict[str, Any]) -> Policy:
        return self._save(instance)


class PolicyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Policy],
):
    """Credit insurance policies (insured share, deadlines, discretionary limit). Managers
    create and change them."""

    serializer_class = InsurancePolicySerializer
    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Policy]:
        return selectors.policies().order_by("-ends_on", "pk")


# ---------------------------------------------------------------------------------- covers


class BuyerCoverSerializer(serializers.ModelSerializer[BuyerCover]):
    policy = serializers.PrimaryKeyRelatedField(queryset=Policy.objects.all())
    buyer = serializers.PrimaryKeyRelatedField(queryset=Company.objects.all())
    requested_amount = serializers.DecimalField(**MONEY)
    note = serializers.CharField(max_length=300, allow_blank=True, required=False, write_only=True)
    state = serializers.ChoiceField(choices=COVER_STATES, read_only=True)

    class Meta:
        model = BuyerCover
        fields = [
            "id",
            "policy",
            "buyer",
            "state",
            "requested_amount",
            "requested_on",
            "amount",
            "decided_on",
            "effective_from",
            "insurer_reference",
            "note",
        ]
        read_only_fields = ["amount", "decided_on", "effective_from", "insurer_reference"]
        validators: list[Any] = []

    def create(self, validated_data: dict[str, Any]) -> BuyerCover:
        try:
            return services.request_cover(
                policy=validated_data["policy"],
                request=CoverRequest(
                    buyer=validated_data["buyer"],
                    amount=validated_data["requested_amount"],
                    requested_on=validated_data["requested_on"],
                    note=validated_data.get("note", ""),
                ),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


class CoverDecisionSerializer(serializers.Serializer[CoverDecision]):
    state = serializers.ChoiceField(choices=COVER_DECISIONS)
    amount = serializers.DecimalField(**MONEY, help_text="0 when refused or cancelled.")
    decided_on = serializers.DateField()
    effective_from = serializers.DateField(required=False, allow_null=True)
    insurer_reference = serializers.CharField(max_length=60, allow_blank=True, required=False)
    note = serializers.CharField(max_length=300, allow_blank=True, required=False)


class CoverPositionSerializer(serializers.Serializer[Any]):
    basis = serializers.ChoiceField(choices=["limit", "discretionary", "none"])
    cover = serializers.DecimalField(max_digits=16, decimal_places=2)
    outstanding = serializers.DecimalField(max_digits=16, decimal_places=2)
    outstanding_invoices = serializers.DecimalField(max_digits=16, decimal_places=2)
    outstanding_orders = serializers.DecimalField(max_digits=16, decimal_places=2)
    uncovered = serializers.DecimalField(max_digits=16, decimal_places=2)
    used_pct = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    insured = serializers.DecimalField(max_digits=16, decimal_places=2)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("buyer", int, description="The buyer's company id.")]
    )
)
class CoverViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[BuyerCover],
):
    """The insurer's cover per buyer (agrément). POST records a request; ``decision`` records
    the insurer's answer (granted, reduced, refused, cancelled); ``position`` gives the
    outstanding in EUR against it. Amounts in EUR."""

    serializer_class = BuyerCoverSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[BuyerCover]:
        return selectors.cover_for_api(
            {key: str(value) for key, value in self.request.query_params.items()}
        )

    @extend_schema(request=CoverDecisionSerializer, responses=BuyerCoverSerializer)
    @action(detail=True, methods=["post"])
    def decision(self, request: Request, pk: str | None = None) -> Response:
        params = CoverDecisionSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            cover = services.decide_cover(
                cover=self.get_object(),
                decision=CoverDecision(
                    state=data["state"],
                    amount=data["amount"],
                    decided_on=data["decided_on"],
                    effective_from=data.get("effective_from"),
                    insurer_reference=data.get("insurer_reference", ""),
                    note=data.get("note", ""),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(self.get_serializer(cover).data)

    @extend_schema(responses=CoverPositionSerializer)
    @action(detail=True, methods=["get"])
    def position(self, request: Request, pk: str | None = None) -> Response:
        """Outstanding against cover under the policy in force (EUR)."""
        cover = self.get_object()
        found = selectors.buyer_position(cover.buyer)
        if found is None:
            raise serializers.ValidationError(
                {"policy": ["No credit insurance policy is in force today."]}
            )
        return Response(
            CoverPositionSerializer(
                {
                    "basis": found.basis,
                    "cover": found.amount,
                    "outstanding": found.outstanding.total,
                    "outstanding_invoices": found.outstanding.invoices,
                    "outstanding_orders": found.outstanding.orders,
                    "uncovered": found.position.uncovered,
                    "used_pct": found.position.used_pct,
                    "insured": found.position.insured,
                }
            ).data
        )


# ---------------------------------------------------------------------------- declarations


class ThreatenedLossSerializer(serializers.ModelSerializer[Declaration]):
    buyer = serializers.PrimaryKeyRelatedField(queryset=Company.objects.all())
    invoices = serializers.PrimaryKeyRelatedField(
        queryset=Invoice.objects.filter(kind=Invoice.Kind.INVOICE, status=Invoice.Status.ISSUED),
        many=True,
        required=False,
    )
    amount_declared = serializers.DecimalField(
        **MONEY,
        required=False,
        allow_null=True,
        help_text="Empty: the invoices' balances in EUR at their issue rate.",
    )
    status = serializers.ChoiceField(choices=DECLARATION_STATUSES, read_only=True)

    class Meta:
        model = Declaration
        fields = [
            "id",
            "policy",
            "buyer",
            "invoices",
            "due_date",
            "deadline",
            "declared_on",
            "late",
            "amount_declared",
            "cover_at_declaration",
            "insured_share_pct",
            "reference",
            "status",
            "claim_filed_on",
            "recovered_before",
            "indemnity_expected",
            "indemnity_expected_on",
            "uncovered",
            "indemnity_received",
            "indemnity_received_on",
            "recovered_after",
            "recovered_to_insurer",
            "notes",
        ]
        read_only_fields = [
            "policy",
            "due_date",
            "deadline",
            "late",
            "cover_at_declaration",
            "insured_share_pct",
            "claim_filed_on",
            "recovered_before",
            "indemnity_expected",
            "indemnity_expected_on",
            "uncovered",
            "indemnity_received",
            "indemnity_received_on",
            "recovered_after",
            "recovered_to_insurer",
        ]

    def validate_invoices(self, value: list[Invoice]) -> list[Invoice]:
        if len(value) > 200:
            raise serializers.ValidationError("At most 200 invoices in one declaration.")
        return value

    def create(self, validated_data: dict[str, Any]) -> Declaration:
        policy = selectors.policy_in_force()
        if policy is None:
            raise serializers.ValidationError(
                {"policy": ["No credit insurance policy is in force today."]}
            )
        try:
            return services.declare_threatened_loss(
                policy=policy,
                values=DeclarationValues(
                    buyer=validated_data["buyer"],
                    invoices=list(validated_data.get("invoices", [])),
                    declared_on=validated_data["declared_on"],
                    amount_declared=validated_data.get("amount_declared"),
                    reference=validated_data.get("reference", ""),
                    notes=validated_data.get("notes", ""),
                ),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None


class InsuranceClaimSerializer(serializers.Serializer[ClaimValues]):
    status = serializers.ChoiceField(choices=DECLARATION_STATUSES)
    claim_filed_on = serializers.DateField(required=False, allow_null=True)
    recovered_before = serializers.DecimalField(**MONEY, default=Decimal("0"))
    indemnity_received = serializers.DecimalField(**MONEY, default=Decimal("0"))
    indemnity_received_on = serializers.DateField(required=False, allow_null=True)
    recovered_after = serializers.DecimalField(**MONEY, default=Decimal("0"))
    reference = serializers.CharField(max_length=60, allow_blank=True, required=False)
    notes = serializers.CharField(max_length=4000, allow_blank=True, required=False)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("status", OpenApiTypes.STR, enum=Declaration.Status.values)]
    )
)
class DeclarationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Declaration],
):
    """Threatened losses declared to the insurer under the policy in force: the deadline (due
    date + the policy's days), the indemnity expected (insured share of the loss within the
    cover) and, with ``claim``, the claim's follow-up (indemnity received, recoveries)."""

    serializer_class = ThreatenedLossSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Declaration]:
        return selectors.declarations(
            {key: str(value) for key, value in self.request.query_params.items()}
        ).prefetch_related("invoices")

    @extend_schema(request=InsuranceClaimSerializer, responses=ThreatenedLossSerializer)
    @action(detail=True, methods=["post"])
    def claim(self, request: Request, pk: str | None = None) -> Response:
        params = InsuranceClaimSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            declaration = services.update_claim(
                declaration=self.get_object(),
                values=ClaimValues(
                    status=data["status"],
                    claim_filed_on=data.get("claim_filed_on"),
                    recovered_before=data["recovered_before"],
                    indemnity_received=data["indemnity_received"],
                    indemnity_received_on=data.get("indemnity_received_on"),
                    recovered_after=data["recovered_after"],
                    reference=data.get("reference", ""),
                    notes=data.get("notes", ""),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return Response(self.get_serializer(declaration).data)
