"""Bank guarantees and standby credits in the API: the serializers validate what the client
sent and call the same services as the screens (``comptoir.guarantees.services``);
refusals are JSON naming the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.common import countries
from comptoir.common.dates import today
from comptoir.guarantees import selectors, services
from comptoir.guarantees.inputs import (
    OUTCOMES,
    AmendmentValues,
    DemandValues,
    GuaranteeValues,
    ReductionValues,
)
from comptoir.guarantees.models import (
    Amendment,
    Demand,
    Direction,
    Guarantee,
    GuaranteeKind,
    ReductionLine,
    ReleaseHow,
    Rules,
    Structure,
)
from comptoir.parties.models import Company
from comptoir.sales.models import Offer, Order
from comptoir.trade.errors import TradeInputError

from .errors import refusal as _refusal


class ReductionSerializer(serializers.ModelSerializer[ReductionLine]):
    amount_after = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0"))

    class Meta:
        model = ReductionLine
        fields = ["id", "on", "event", "occurred_on", "amount_after"]


class AmendmentSerializer(serializers.ModelSerializer[Amendment]):
    class Meta:
        model = Amendment
        fields = ["id", "on", "description", "new_amount", "new_expiry_date", "accepted"]


class DemandSerializer(serializers.ModelSerializer[Demand]):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    currency = serializers.CharField(max_length=3)

    class Meta:
        model = Demand
        fields = [
            "id",
            "presented_on",
            "amount",
            "currency",
            "statement_of_breach",
            "extend_or_pay",
            "documents",
            "compliant",
            "issues",
            "examine_by",
            "outcome",
            "paid_amount",
            "decided_on",
        ]
        read_only_fields = [
            "compliant",
            "issues",
            "examine_by",
            "outcome",
            "paid_amount",
            "decided_on",
        ]
        extra_kwargs = {"documents": {"max_length": 4000}}

    def validate_currency(self, value: str) -> str:
        value = value.upper()
        if value not in countries.currency_codes():
            raise serializers.ValidationError("Unknown currency code.")
        return value


class GuaranteeSerializer(serializers.ModelSerializer[Guarantee]):
    direction = serializers.ChoiceField(choices=Direction.choices)
    kind = serializers.ChoiceField(choices=GuaranteeKind.choices)
    rules = serializers.ChoiceField(choices=Rules.choices, default=Rules.URDG758)
    structure = serializers.ChoiceField(choices=Structure.choices, default=Structure.DIRECT)
    partner = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.all(),
        help_text="Given: the beneficiary (a client). Received: the principal (a supplier).",
    )
    issuing_bank = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.filter(roles__contains=",bank,"), required=False, allow_null=True
    )
    issuing_bank_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    order = serializers.PrimaryKeyRelatedField(
        queryset=Order.objects.all(), required=False, allow_null=True
    )
    offer = serializers.PrimaryKeyRelatedField(
        queryset=Offer.objects.all(), required=False, allow_null=True
    )
    purchase_order_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text="Received: the purchase order the guarantee secures (an issued order of the "
        "supplier, in the guarantee's currency); its number becomes the purchase reference.",
    )
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    currency = serializers.CharField(max_length=3)
    fee_rate_pct = serializers.DecimalField(
        max_digits=5,
        decimal_places=3,
        min_value=Decimal("0"),
        max_value=Decimal("25"),
        default=Decimal("0"),
    )
    fee_minimum = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0"), default=Decimal("0")
    )
    remind_days = serializers.IntegerField(min_value=1, max_value=365, default=30)
    reductions = ReductionSerializer(many=True, required=False)
    amendments = AmendmentSerializer(many=True, read_only=True)
    demands = DemandSerializer(many=True, read_only=True)
    amount_in_force = serializers.SerializerMethodField()
    last_day_for_demand = serializers.SerializerMethodField()
    fees_to_date = serializers.SerializerMethodField()

    class Meta:
        model = Guarantee
        fields = [
            "id",
            "number",
            "direction",
            "kind",
            "partner",
            "amount",
            "currency",
            "rules",
            "governing_law",
            "structure",
            "issuing_bank",
            "issuing_bank_name",
            "issuing_bank_bic",
            "local_bank_name",
            "local_bank_bic",
            "bank_reference",
            "presentation_country",
            "order",
            "offer",
            "purchase_reference",
            "purchase_order_id",
            "underlying",
            "issue_date",
            "expiry_date",
            "expiry_event",
            "statement_required",
            "fee_rate_pct",
            "fee_minimum",
            "remind_days",
            "status",
            "released_on",
            "release_how",
            "notes",
            "reductions",
            "amendments",
            "demands",
            "amount_in_force",
            "last_day_for_demand",
            "fees_to_date",
        ]
        read_only_fields = ["number", "status", "released_on", "release_how"]
        extra_kwargs = {"notes": {"max_length": 4000}}

    @extend_schema_field(OpenApiTypes.DECIMAL)
    def get_amount_in_force(self, guarantee: Guarantee) -> str | None:
        try:
            return str(selectors.amount_in_force(guarantee, today()).amount)
        except TradeInputError:
            return None

    @extend_schema_field(OpenApiTypes.DATE)
    def get_last_day_for_demand(self, guarantee: Guarantee) -> str | None:
        try:
            last = selectors.expiry(guarantee).last_day
        except TradeInputError:
            return None
        return last.isoformat() if last else None

    @extend_schema_field(OpenApiTypes.DECIMAL)
    def get_fees_to_date(self, guarantee: Guarantee) -> str | None:
        try:
            fees = selectors.fees(guarantee, today())
        except TradeInputError:
            return None
        return str(fees.total) if fees else None

    def validate_currency(self, value: str) -> str:
        value = value.upper()
        if value not in countries.currency_codes():
            raise serializers.ValidationError("Unknown currency code.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        bank = attrs.get("issuing_bank")
        if bank is not None:
            attrs["issuing_bank_name"] = (
                attrs.get("issuing_bank_name") or bank.legal_name or bank.name
            )
            attrs["issuing_bank_bic"] = attrs.get("issuing_bank_bic") or bank.bic
        if not attrs.get("issuing_bank_name") and not (
            self.instance and self.instance.issuing_bank_name
        ):
            raise serializers.ValidationError(
                {"issuing_bank_name": ["Name the issuing bank, or give issuing_bank."]}
            )
        return attrs

    def _values(self, data: dict[str, Any]) -> tuple[GuaranteeValues, tuple[ReductionValues, ...]]:
        merged: dict[str, Any] = {}
        current = self.instance
        if current is not None:
            for name in GuaranteeValues.__dataclass_fields__:
                merged[name] = getattr(current, name)
        merged.update({k: v for k, v in data.items() if k in GuaranteeValues.__dataclass_fields__})
        if current is None:
            merged.setdefault("handled_by", acting_user(self.context["request"]))
        if "reductions" in data:
            lines = tuple(
                ReductionValues(
                    amount_after=line["amount_after"],
                    on=line.get("on"),
                    event=line.get("event", ""),
                    occurred_on=line.get("occurred_on"),
                )
                for line in data["reductions"]
            )
        elif current is not None:
            lines = tuple(
                ReductionValues(
                    amount_after=r.amount_after, on=r.on, event=r.event, occurred_on=r.occurred_on
                )
                for r in current.reductions.all()
            )
        else:
            lines = ()
        return GuaranteeValues(**merged), lines

    def create(self, validated_data: dict[str, Any]) -> Guarantee:
        values, lines = self._values(validated_data)
        try:
            return services.create_guarantee(
                values=values, reductions=lines, user=acting_user(self.context["request"])
            )
        except DjangoValidationError as exc:
            raise _guarantee_refusal(exc) from None

    def update(self, instance: Guarantee, validated_data: dict[str, Any]) -> Guarantee:
        values, lines = self._values(validated_data)
        try:
            return services.update_guarantee(
                guarantee=instance,
                values=values,
                reductions=lines,
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _guarantee_refusal(exc) from None


def _guarantee_refusal(exc: DjangoValidationError) -> Exception:
    """The service's refusal, its ``purchase_order`` named as the API's ``purchase_order_id``."""
    refused = _refusal(exc)
    if isinstance(refused.detail, dict) and "purchase_order" in refused.detail:
        refused.detail["purchase_order_id"] = refused.detail.pop("purchase_order")
    return refused


class GuaranteeIssueSerializer(serializers.Serializer[Any]):
    issued_on = serializers.DateField()
    bank_reference = serializers.CharField(max_length=40, required=False, allow_blank=True)


class ReductionEventSerializer(serializers.Serializer[Any]):
    reduction = serializers.IntegerField(min_value=1, help_text="The reduction line's id.")
    occurred_on = serializers.DateField()


class DecisionSerializer(serializers.Serializer[Any]):
    demand = serializers.IntegerField(min_value=1, help_text="The demand's id.")
    outcome = serializers.ChoiceField(choices=[(o, o) for o in OUTCOMES])
    on = serializers.DateField()
    paid_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0"), default=Decimal("0")
    )
    new_expiry_date = serializers.DateField(required=False, allow_null=True)


class ReleaseSerializer(serializers.Serializer[Any]):
    on = serializers.DateField()
    how = serializers.ChoiceField(choices=ReleaseHow.choices)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Number, partner, bank, reference."),
            OpenApiParameter("status", str, enum=Guarantee.Status.values),
            OpenApiParameter("direction", str, enum=Direction.values),
            OpenApiParameter("kind", str, enum=GuaranteeKind.values),
            OpenApiParameter("live", str, enum=["1"], description="Only guarantees in force."),
        ]
    )
)
class GuaranteeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Guarantee],
):
    """Bank guarantees and standby letters of credit, given and received (URDG 758, ISP98).
    The amount in force follows the reduction clause; ``issue``, ``amend``, ``event``,
    ``demand``, ``decide`` and ``release`` follow the guarantee up (release: a manager)."""

    serializer_class = GuaranteeSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Guarantee]:
        params = {key: str(value) for key, value in self.request.query_params.items()}
        return selectors.guarantee_list(params).prefetch_related(
            "reductions", "amendments", "demands"
        )

    def _done(self, guarantee: Guarantee) -> Response:
        """The guarantee as it is now (not the list's prefetched lines)."""
        return Response(self.get_serializer(selectors.guarantee_for_page(guarantee.pk)).data)

    @extend_schema(request=GuaranteeIssueSerializer, responses=GuaranteeSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str | None = None) -> Response:
        """The bank issued the guarantee requested."""
        params = GuaranteeIssueSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        guarantee = self.get_object()
        try:
            services.record_issue(
                guarantee=guarantee,
                issued_on=params.validated_data["issued_on"],
                bank_reference=params.validated_data.get("bank_reference", ""),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return self._done(guarantee)

    @extend_schema(request=AmendmentSerializer, responses=GuaranteeSerializer)
    @action(detail=True, methods=["post"])
    def amend(self, request: Request, pk: str | None = None) -> Response:
        """An amendment; accepted, it changes the amount or the expiry date."""
        params = AmendmentSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        guarantee = self.get_object()
        try:
            services.amend(
                guarantee=guarantee,
                values=AmendmentValues(
                    on=data["on"],
                    description=data["description"],
                    new_amount=data.get("new_amount"),
                    new_expiry_date=data.get("new_expiry_date"),
                    accepted=data.get("accepted", True),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return self._done(guarantee)

    @extend_schema(request=ReductionEventSerializer, responses=GuaranteeSerializer)
    @action(detail=True, methods=["post"])
    def event(self, request: Request, pk: str | None = None) -> Response:
        """The event of a reduction line occurred: the amount in force drops."""
        params = ReductionEventSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        guarantee = self.get_object()
        line = guarantee.reductions.filter(pk=params.validated_data["reduction"]).first()
        if line is None:
            raise serializers.ValidationError({"reduction": ["Not a line of this guarantee."]})
        try:
            services.record_event(
                line=line,
                occurred_on=params.validated_data["occurred_on"],
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return self._done(guarantee)

    @extend_schema(request=DemandSerializer, responses=GuaranteeSerializer)
    @action(detail=True, methods=["post"])
    def demand(self, request: Request, pk: str | None = None) -> Response:
        """A demand (call), checked on its face (URDG 758 art. 14, 15, 17)."""
        params = DemandSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        guarantee = self.get_object()
        try:
            services.record_demand(
                guarantee=guarantee,
                values=DemandValues(
                    presented_on=data["presented_on"],
                    amount=data["amount"],
                    currency=data["currency"],
                    statement_of_breach=data.get("statement_of_breach", True),
                    extend_or_pay=data.get("extend_or_pay", False),
                    documents=data.get("documents", ""),
                ),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return self._done(guarantee)

    @extend_schema(request=DecisionSerializer, responses=GuaranteeSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """How a demand ended: paid, rejected, extended (extend or pay), withdrawn."""
        params = DecisionSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        guarantee = self.get_object()
        demand = guarantee.demands.filter(pk=data["demand"]).first()
        if demand is None:
            raise serializers.ValidationError({"demand": ["Not a demand on this guarantee."]})
        try:
            services.decide_demand(
                demand=demand,
                outcome=data["outcome"],
                on=data["on"],
                paid_amount=data["paid_amount"],
                new_expiry_date=data.get("new_expiry_date"),
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return self._done(guarantee)

    @extend_schema(request=ReleaseSerializer, responses=GuaranteeSerializer)
    @action(detail=True, methods=["post"])
    def release(self, request: Request, pk: str | None = None) -> Response:
        """Record the end of the guarantee (a manager's decision)."""
        params = ReleaseSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        guarantee = self.get_object()
        try:
            services.release(
                guarantee=guarantee,
                on=params.validated_data["on"],
                how=params.validated_data["how"],
                user=acting_user(request),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None
        return self._done(guarantee)
