"""The sales objectives in the API (``/api/sales-objectives/``): the revenue and order intake
objectives the sales dashboard compares with. Serializers validate, then call the same
services as the screens (``comptoir.reporting.services``); refusals are JSON naming the
field; token users obey the role matrix (managers set them, everyone reads them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from rest_framework import serializers, viewsets

from comptoir.accounts.roles import acting_user
from comptoir.parties.models import Company, Zone
from comptoir.reporting import selectors, services
from comptoir.reporting.inputs import SalesObjectiveValues
from comptoir.reporting.models import SalesObjective

from .errors import refusal as _refusal

AMOUNT: dict[str, Any] = {
    "max_digits": 14,
    "decimal_places": 2,
    "min_value": Decimal("0"),
    "max_value": Decimal("999999999999.99"),
}
NAMES = [
    "year",
    "quarter",
    "month",
    "person",
    "agent",
    "zone",
    "country",
    "revenue_eur",
    "intake_eur",
    "notes",
]


class SalesObjectiveSerializer(serializers.ModelSerializer[SalesObjective]):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(min_value=1, max_value=4, required=False, allow_null=True)
    month = serializers.IntegerField(min_value=1, max_value=12, required=False, allow_null=True)
    person = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    agent = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.with_role("agent"), required=False, allow_null=True
    )
    zone = serializers.PrimaryKeyRelatedField(
        queryset=Zone.objects.all(), required=False, allow_null=True
    )
    country = serializers.CharField(max_length=2, allow_blank=True, required=False)
    revenue_eur = serializers.DecimalField(**AMOUNT)
    intake_eur = serializers.DecimalField(**AMOUNT, required=False, allow_null=True)
    notes = serializers.CharField(max_length=300, allow_blank=True, required=False)
    scope = serializers.CharField(read_only=True)

    class Meta:
        model = SalesObjective
        fields = ["id", *NAMES, "scope"]

    def _save(self, objective: SalesObjective | None) -> SalesObjective:
        current = {n: getattr(objective, n) for n in NAMES} if objective else {}
        data = {**current, **self.validated_data}
        try:
            return services.save_sales_objective(
                objective=objective,
                values=SalesObjectiveValues(**{n: data[n] for n in NAMES if n in data}),
                user=acting_user(self.context["request"]),
            )
        except DjangoValidationError as exc:
            raise _refusal(exc) from None

    def create(self, validated_data: dict[str, Any]) -> SalesObjective:
        return self._save(None)

    def update(self, instance: SalesObjective, validated_data: dict[str, Any]) -> SalesObjective:
        return self._save(instance)


class SalesObjectiveViewSet(viewsets.ModelViewSet[SalesObjective]):
    """Sales objectives: revenue (and optionally order intake) in EUR for a year, a quarter or
    a month, for a salesperson, an agent, a zone, a country or the whole company (none of
    them). Set, changed and deleted by managers; ``?year=`` keeps one year."""

    serializer_class = SalesObjectiveSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[SalesObjective]:
        year = self.request.query_params.get("year", "") if self.request else ""
        qs = selectors.sales_objectives()
        if year.isdigit() and len(year) == 4:
            qs = qs.filter(year=int(year))
        return qs.order_by("pk")

    def perform_destroy(self, instance: SalesObjective) -> None:
        services.delete_sales_objective(objective=instance, user=acting_user(self.request))
