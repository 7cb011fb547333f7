"""The sales network and the commercial action plan in the API: agents' and distributors'
contracts, the yearly plans with their objectives and actions, and the progress figures as
JSON. Serializers validate, then call the same services as the screens
(``comptoir.action_plan.services``); refusals are JSON naming the field; token users obey the
role matrix (contracts and objectives: managers; actions: assistants)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comptoir.accounts.roles import acting_user
from comptoir.action_plan import selectors, services
from comptoir.action_plan.inputs import ActionValues, ContractValues, ObjectiveValues
from comptoir.action_plan.models import (
    Action,
    ActionStatus,
    Channel,
    ContractKind,
    NetworkContract,
    Objective,
    Plan,
)
from comptoir.events.models import Event
from comptoir.parties.models import Company, Zone
from comptoir.prospecting.models import Campaign
from comptoir.sales.models import AgentContract

from .errors import refusal as _refusal

#: The choices, named for the OpenAPI schema (settings.SPECTACULAR_SETTINGS).
CONTRACT_KINDS = ContractKind.choices
ACTION_CHANNELS = Channel.choices
ACTION_STATUSES = ActionStatus.choices
AMOUNT: dict[str, Any] = {
    "max_digits": 14,
    "decimal_places": 2,
    "min_value": Decimal("0"),
    "max_value": Decimal("999999999999.99"),
}


def _users() -> QuerySet[User]:
    return User.objects.filter(is_active=True)


class NetworkContractSerializer(serializers.ModelSerializer[NetworkContract]):
    partner = serializers.PrimaryKeyRelatedField(queryset=Company.objects.all())
    kind = serializers.ChoiceField(choices=CONTRACT_KINDS)
    countries = serializers.CharField(
        max_length=200, allow_blank=True, required=False, help_text="ISO codes: 'AE, SA, QA'."
    )
    zones = serializers.PrimaryKeyRelatedField(
        queryset=Zone.objects.all(), many=True, required=False
    )
    target_revenue_eur = serializers.DecimalField(**AMOUNT, default=Decimal("0"))
    commission = serializers.PrimaryKeyRelatedField(
        queryset=AgentContract.objects.all(), required=False, allow_null=True
    )
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=_users(), required=False, allow_null=True
    )
    renewal_months = serializers.IntegerField(min_value=1, max_value=120, default=12)
    notice_months = serializers.IntegerField(
        min_value=0, max_value=60, required=False, allow_null=True
    )
    non_compete_months = serializers.IntegerField(min_value=0, max_value=60, default=0)
    target_new_clients = serializers.IntegerField(min_value=0, max_value=100000, default=0)

    class Meta:
        model = NetworkContract
        fields = [
            "id",
            "partner",
            "kind",
            "status",
            "countries",
            "zones",
            "products",
            "exclusive",
            "starts_on",
            "ends_on",
            "tacit_renewal",
            "renewal_months",
            "notice_months",
            "non_compete_months",
            "target_revenue_eur",
            "target_new_clients",
            "terms",
            "commission",
            "responsible",
            "notice_given_on",
            "notes",
        ]
        read_only_fields = ["status", "notice_given_on"]

    def _save(self, contract: NetworkContract | None) -> NetworkContract:
        names = ContractValues.__dataclass_fields__.keys()
        current: dict[str, Any] = {}
        if contract is not None:
            current = {n: getattr(contract, n) for n in names if n != "zones"}
            current["zones"] = list(contract.zones.all())
        data = {**current, **self.validated_data}
        try:
            return services.save_contract(
                contract=contract,
                values=ContractValues(**{n: data[n] for n in names if n in data}),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def create(self, validated_data: dict[str, Any]) -> NetworkContract:
        return self._save(None)

    def update(self, instance: NetworkContract, validated_data: dict[str, Any]) -> NetworkContract:
        return self._save(instance)


class ContractViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[NetworkContract],
):
    """Agents' and distributors' contracts: territory, exclusivity, term and tacit renewal,
    notice, non-compete, yearly targets. ``performance`` gives this year's revenue and new
    clients against the targets (EUR, issued invoices net of credit notes)."""

    serializer_class = NetworkContractSerializer
    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[NetworkContract]:
        return selectors.contracts({k: str(v)[:20] for k, v in self.request.query_params.items()})

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def performance(self, request: Request, pk: str | None = None) -> Response:
        found = selectors.contract_performance(self.get_object())
        return Response(
            {
                "year": found.year,
                "revenue_eur": _progress(found.revenue),
                "new_clients": _progress(found.new_clients) if found.new_clients else None,
                "monthly_eur": [str(v) for v in found.monthly],
            }
        )


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _progress(p: selectors.Progress) -> dict[str, Any]:
    return {
        "target": str(p.target),
        "expected_to_date": str(p.expected),
        "actual": str(p.actual),
        "pct": str(p.pct) if p.pct is not None else None,
        "status": p.status,
    }


class ActionPlanSerializer(serializers.ModelSerializer[Plan]):
    class Meta:
        model = Plan
        fields = ["id", "year", "title", "strategy"]


class PlanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[Plan],
):
    """The commercial action plans by year (created on the screen by a manager);
    ``progress`` gives each objective's target, expected to date and actual, and the budget
    planned vs spent per channel."""

    serializer_class = ActionPlanSerializer
    filter_backends: list[Any] = []
    lookup_field = "year"

    def get_queryset(self) -> QuerySet[Plan]:
        return selectors.plans()

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def progress(self, request: Request, year: str | None = None) -> Response:
        found = selectors.plan_progress(self.get_object())
        return Response(
            {
                "year": found.plan.year,
                "until": found.until.isoformat(),
                "objectives": [
                    {
                        "id": row.objective.pk,
                        "scope": row.scope,
                        "label": row.label,
                        "revenue_eur": _progress(row.revenue),
                        "new_clients": _progress(row.new_clients),
                        "offers": _progress(row.offers),
                        "margin_pct": str(row.margin_pct) if row.margin_pct is not None else None,
                        "budget_eur": str(row.budget_eur),
                        "spent_eur": str(row.spent_eur),
                        "leads": row.leads,
                        "linked_offers": row.linked_offers,
                        "linked_orders": row.linked_orders,
                    }
                    for row in found.rows
                ],
                "channels": [
                    {
                        "channel": c.channel,
                        "actions": c.actions,
                        "budget_eur": str(c.budget_eur),
                        "spent_eur": str(c.spent_eur),
                    }
                    for c in found.channels
                ],
                "budget_eur": str(found.budget_eur),
                "spent_eur": str(found.spent_eur),
                "revenue_eur": str(found.company.revenue),
                "leads": found.leads,
            }
        )


class PlanObjectiveSerializer(serializers.ModelSerializer[Objective]):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all())
    zone = serializers.PrimaryKeyRelatedField(
        queryset=Zone.objects.all(), required=False, allow_null=True
    )
    person = serializers.PrimaryKeyRelatedField(queryset=_users(), required=False, allow_null=True)
    revenue_eur = serializers.DecimalField(**AMOUNT, default=Decimal("0"))
    margin_pct = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        required=False,
        allow_null=True,
    )

    class Meta:
        model = Objective
        fields = [
            "id",
            "plan",
            "zone",
            "country",
            "person",
            "revenue_eur",
            "new_clients",
            "offers",
            "margin_pct",
            "notes",
        ]

    def _save(self, objective: Objective | None) -> Objective:
        names = [n for n in self.Meta.fields if n not in ("id", "plan")]
        current = {n: getattr(objective, n) for n in names} if objective else {}
        data = {**current, **self.validated_data}
        plan = objective.plan if objective else data["plan"]
        try:
            return services.save_objective(
                plan=plan,
                objective=objective,
                values=ObjectiveValues(**{n: data[n] for n in names if n in data}),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def create(self, validated_data: dict[str, Any]) -> Objective:
        return self._save(None)

    def update(self, instance: Objective, validated_data: dict[str, Any]) -> Objective:
        return self._save(instance)


class ObjectiveViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Objective],
):
    """Objectives of a plan for a zone, a country, a person or the whole company (none of
    them): revenue (EUR), new clients, offers, margin. Set by managers."""

    serializer_class = PlanObjectiveSerializer
    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Objective]:
        return Objective.objects.select_related("plan", "zone", "person").order_by("pk")


class PlanActionSerializer(serializers.ModelSerializer[Action]):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all())
    channel = serializers.ChoiceField(choices=ACTION_CHANNELS)
    status = serializers.ChoiceField(choices=ACTION_STATUSES, default=ActionStatus.PLANNED)
    owner = serializers.PrimaryKeyRelatedField(queryset=_users())
    objective = serializers.PrimaryKeyRelatedField(
        queryset=Objective.objects.all(), required=False, allow_null=True
    )
    zone = serializers.PrimaryKeyRelatedField(
        queryset=Zone.objects.all(), required=False, allow_null=True
    )
    event = serializers.PrimaryKeyRelatedField(
        queryset=Event.objects.all(),
        required=False,
        allow_null=True,
        help_text="The event file (fair) this action is; its report gives the results.",
    )
    campaign = serializers.PrimaryKeyRelatedField(
        queryset=Campaign.objects.all(),
        required=False,
        allow_null=True,
        help_text="The prospecting campaign this action is; one of event and campaign at most.",
    )
    budget_eur = serializers.DecimalField(**AMOUNT, default=Decimal("0"))
    spent_eur = serializers.DecimalField(**AMOUNT, default=Decimal("0"))

    class Meta:
        model = Action
        fields = [
            "id",
            "plan",
            "title",
            "channel",
            "reference",
            "event",
            "campaign",
            "objective",
            "zone",
            "country",
            "starts_on",
            "ends_on",
            "owner",
            "budget_eur",
            "spent_eur",
            "status",
            "expected_result",
            "result",
        ]

    def _save(self, instance: Action | None) -> Action:
        names = [n for n in self.Meta.fields if n not in ("id", "plan")]
        current = {n: getattr(instance, n) for n in names} if instance else {}
        data = {**current, **self.validated_data}
        plan = instance.plan if instance else data["plan"]
        objective = data.pop("objective", None)
        values = {n: data[n] for n in names if n in data and n != "objective"}
        try:
            return services.save_action(
                plan=plan,
                action=instance,
                values=ActionValues(**values, objective_id=objective.pk if objective else None),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def create(self, validated_data: dict[str, Any]) -> Action:
        return self._save(None)

    def update(self, instance: Action, validated_data: dict[str, Any]) -> Action:
        return self._save(instance)


class ActionViewSet(viewsets.ModelViewSet[Action]):
    """Actions of the plans across the channels (fair, campaign, visit, digital,
    advertising, network, other) with dates, owner, budget and spent, status and the
    objective served. ``event`` or ``campaign`` is the fair or the prospecting campaign the
    action is (``results`` gives their leads, offers, orders and cost per lead);
    ``reference`` names it in words otherwise. Deleting is a manager's."""

    serializer_class = PlanActionSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Action]:
        return Action.objects.select_related(
            "plan", "owner", "objective", "event", "campaign"
        ).order_by("starts_on", "pk")

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str | None = None) -> Response:
        """The results of the fair or campaign the action is (``linked`` null when none)."""
        item = self.get_object()
        found = selectors.linked_results(item)
        if found is None:
            return Response({"linked": None})
        return Response(
            {
                "linked": {
                    "kind": found.kind,
                    "id": item.event_id if found.kind == "event" else item.campaign_id,
                    "name": found.name,
                    "status": found.status,
                    "leads": found.leads,
                    "lead_target": found.lead_target,
                    "meetings": found.meetings,
                    "offers": found.offers,
                    "orders": found.orders,
                    "offers_eur": _money(found.offers_eur),
                    "orders_eur": _money(found.orders_eur),
                    "cost": str(found.cost),
                    "currency": found.currency,
                    "cost_per_lead": _money(found.cost_per_lead),
                    "sent": found.sent,
                    "replies": found.replies,
                }
            }
        )

    def perform_destroy(self, instance: Action) -> None:
        services.delete_action(action=instance, user=acting_user(self.request))
