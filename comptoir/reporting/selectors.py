"""Reads of the reporting area's own records (the sales objectives)."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import SalesObjective

#: Most objectives the sales dashboard compares in one period (the list shows them all).
MAX_OBJECTIVES = 60


def sales_objectives(year: int | None = None) -> QuerySet[SalesObjective]:
    qs = SalesObjective.objects.select_related("person", "agent", "zone")
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("year", "quarter", "month", "country", "pk")


def objective_years() -> list[int]:
    return sorted(set(SalesObjective.objects.values_list("year", flat=True)))


def sales_objective_or_none(pk: int) -> SalesObjective | None:
    return sales_objectives().filter(pk=pk).first()
