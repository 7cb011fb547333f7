"""The pivot in the API: ``/api/reporting/pivot/`` (the spec as query parameters on GET or
as a JSON body on POST -> the cells, totals and the year before, in JSON) and
``/api/pivot-views/`` (the saved views: one's own and the shared ones). A bad spec is a
400 naming each field; every figure is computed by the same engine as the screen."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from comptoir.accounts.roles import acting_user
from comptoir.common.dates import current_language, today
from comptoir.reporting import selectors, services
from comptoir.reporting.models import PivotView
from comptoir.reporting.pivot import engine
from comptoir.reporting.pivot.spec import PivotError, from_query, parse_spec

from .errors import refusal

_VALUES = serializers.DictField(
    child=serializers.CharField(allow_null=True),
    help_text="Measure -> value (amounts as decimal strings, counts as integers, null: none).",
)
PIVOT = inline_serializer(
    "Pivot",
    fields={
        "spec": serializers.DictField(help_text="The checked spec, as saved views keep it."),
        "period": serializers.DictField(child=serializers.DateField()),
        "previous_period": serializers.DictField(child=serializers.DateField(), allow_null=True),
        "measures": serializers.ListField(child=serializers.DictField()),
        "rows": serializers.ListField(child=serializers.DictField(child=serializers.CharField())),
        "columns": serializers.ListField(
            child=serializers.DictField(child=serializers.CharField())
        ),
        "cells": serializers.ListField(child=serializers.DictField()),
        "row_totals": serializers.ListField(child=serializers.DictField()),
        "column_totals": serializers.ListField(child=serializers.DictField()),
        "total": _VALUES,
        "previous_total": _VALUES,
        "warnings": serializers.ListField(child=serializers.CharField()),
    },
)
#: 400: each refused field with its messages, {"rows": ["Choose what the rows show."]}
PIVOT_ERRORS = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description='Each refused field with its messages: {"rows": ["Choose what the rows show."]}',
)


def _value(value: Decimal | int | None) -> str | int | None:
    if value is None or isinstance(value, int):
        return value
    return str(value)


def _values(values: dict[str, Decimal | int | None], keys: list[str]) -> dict[str, Any]:
    return {k: _value(values.get(k)) for k in keys}


def pivot_json(result: engine.PivotResult) -> dict[str, Any]:
    keys = [m.key for m in result.measures]
    compared = result.previous_period is not None

    def pair(now: Any, before: Any) -> dict[str, Any]:
        found = {"values": _values(now, keys)}
        if compared:
            found["previous"] = _values(before, keys)
        return found

    columns = result.column_keys()
    return {
        "spec": result.spec.to_data(),
        "period": {"start": result.period.start, "end": result.period.end},
        "previous_period": (
            {"start": result.previous_period.start, "end": result.previous_period.end}
            if result.previous_period
            else None
        ),
        "measures": [
            {"key": m.key, "label": str(m.label), "kind": m.kind, "currency": m.currency}
            for m in result.measures
        ],
        "rows": [{"key": h.key, "label": h.label} for h in result.rows],
        "columns": [{"key": h.key, "label": h.label} for h in result.columns],
        "cells": [
            {"row": h.key, "column": c}
            | pair(result.cells.get((h.key, c), {}), result.previous_cells.get((h.key, c), {}))
            for h in result.rows
            for c in columns
            if (h.key, c) in result.cells or (h.key, c) in result.previous_cells
        ],
        "row_totals": [
            {"row": h.key}
            | pair(result.row_totals.get(h.key, {}), result.previous_row_totals.get(h.key, {}))
            for h in result.rows
        ],
        "column_totals": [
            {"column": h.key}
            | pair(
                result.column_totals.get(h.key, {}), result.previous_column_totals.get(h.key, {})
            )
            for h in result.columns
        ],
        "total": _values(result.total, keys),
        "previous_total": _values(result.previous_total, keys) if compared else None,
        "warnings": list(result.warnings),
    }


def _answer(data: Any) -> Response:
    try:
        result = engine.compute(parse_spec(data), today=today(), language=current_language())
    except PivotError as exc:
        return Response({k: [v] for k, v in exc.errors.items()}, status=400)
    return Response(pivot_json(result))


class PivotApiView(APIView):
    """A pivot of the invoice lines (revenue, margin), order lines (intake), shipments or
    purchase lines (spend): rows, columns, measures, filters, period, the year before."""

    @extend_schema(
        operation_id="reporting_pivot_get",
        parameters=[
            OpenApiParameter("source", str, description="invoice_lines, order_lines, shipments, purchase_lines"),
            OpenApiParameter("rows", str, description="A dimension of the source (month, country, client...)."),
            OpenApiParameter("columns", str, description="Another dimension, or empty."),
            OpenApiParameter("measures", str, many=True, description="Measures of the source (revenue, margin...)."),
            OpenApiParameter("period", str, enum=["this_year", "last_12_months", "last_year", "custom"]),
            OpenApiParameter("start", OpenApiTypes.DATE, description="custom period"),
            OpenApiParameter("end", OpenApiTypes.DATE, description="custom period"),
            OpenApiParameter("compare", bool, description="With the same period a year earlier."),
        ],
        responses={200: PIVOT, 400: PIVOT_ERRORS},
        description="Filters as f_<dimension>=<value> (f_country=DE, f_month=2026-03, f_client=12).",
    )  # fmt: skip
    def get(self, request: Request) -> Response:
        return _answer(from_query(request.query_params))

    @extend_schema(
        operation_id="reporting_pivot_post",
        request=inline_serializer(
            "PivotSpec",
            fields={
                "source": serializers.CharField(required=False),
                "rows": serializers.CharField(),
                "columns": serializers.CharField(required=False),
                "measures": serializers.ListField(child=serializers.CharField(), required=False),
                "filters": serializers.DictField(child=serializers.CharField(), required=False),
                "period": serializers.CharField(required=False),
                "start": serializers.DateField(required=False),
                "end": serializers.DateField(required=False),
                "compare": serializers.BooleanField(required=False),
            },
        ),
        responses={200: PIVOT, 400: PIVOT_ERRORS},
    )
    def post(self, request: Request) -> Response:
        return _answer(request.data)


class PivotViewSerializer(serializers.ModelSerializer[PivotView]):
    owner = serializers.CharField(source="owner.username", read_only=True)
    spec = serializers.JSONField(help_text="The pivot, as /api/reporting/pivot/ POST takes it.")

    class Meta:
        model = PivotView
        fields = ["id", "name", "owner", "shared", "spec", "created_at", "updated_at"]
        read_only_fields = ["id", "owner", "created_at", "updated_at"]

    def validate_spec(self, value: Any) -> dict[str, Any]:
        try:
            return parse_spec(value).to_data()
        except PivotError as exc:
            raise serializers.ValidationError(
                [f"{k}: {v}" for k, v in exc.errors.items()]
            ) from None

    def create(self, validated_data: dict[str, Any]) -> PivotView:
        user = acting_user(self.context["request"])
        try:
            view = services.save_view(
                owner=user,
                name=validated_data.get("name", ""),
                spec=parse_spec(validated_data["spec"]),
                user=user,
            )
            if validated_data.get("shared"):
                view = services.share_view(view=view, shared=True, user=user)
        except DjangoValidationError as exc:
            raise refusal(exc) from None
        return view

    def update(self, instance: PivotView, validated_data: dict[str, Any]) -> PivotView:
        user = acting_user(self.context["request"])
        try:
            if "spec" in validated_data:
                raise serializers.ValidationError(
                    {"spec": [_("A saved view's pivot is not changed: save a new view.")]}
                )
            if "name" in validated_data and validated_data["name"] != instance.name:
                instance = services.rename_view(
                    view=instance, name=validated_data["name"], user=user
                )
            if "shared" in validated_data and validated_data["shared"] != instance.shared:
                instance = services.share_view(
                    view=instance, shared=validated_data["shared"], user=user
                )
        except DjangoValidationError as exc:
            raise refusal(exc) from None
        return instance


class PivotViewViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[PivotView],
):
    """Saved pivot views: one's own and those a manager shared. Sharing (``shared``) is a
    manager's; renaming and deleting, the owner's."""

    serializer_class = PivotViewSerializer
    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[PivotView]:
        return selectors.pivot_views(self.request.user).order_by("name", "pk")

    def perform_destroy(self, instance: PivotView) -> None:
        services.delete_view(view=instance, user=acting_user(self.request))
