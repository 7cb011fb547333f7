"""Reads of the logistics area for the screens and the API: lists, a plan's page, names."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, QuerySet

from comptoir.trade.packing.axles import AxleLayout

from .models import Equipment, LoadPlan, LoadPlanLine


def plans(*, search: str = "", status: str = "") -> QuerySet[LoadPlan]:
    """Load plans, newest first, matching ``search`` (title, client, destination) and
    ``status`` (ignored when it is not a status)."""
    found = LoadPlan.objects.select_related("client", "created_by")
    search = search.strip()
    if search:
        found = found.filter(
            Q(title__icontains=search)
            | Q(client__name__icontains=search)
            | Q(destination__icontains=search)
        )
    if status in LoadPlan.Status.values:
        found = found.filter(status=status)
    return found


def plans_with_lines() -> QuerySet[LoadPlan]:
    """Every plan with its lines (the API's list)."""
    return LoadPlan.objects.prefetch_related("lines").order_by("-created_at")


def plan_for_page(pk: int) -> LoadPlan:
    """One plan with its client and author (raises ``LoadPlan.DoesNotExist``)."""
    return LoadPlan.objects.select_related("client", "created_by").get(pk=pk)


def plan_lines(plan: LoadPlan) -> QuerySet[LoadPlanLine]:
    return plan.lines.select_related("product")


def equipment() -> QuerySet[Equipment]:
    """Every container and truck type, in the model's order (kind, then size)."""
    return Equipment.objects.all()


def active_equipment() -> list[Equipment]:
    """The types a plan may be priced on."""
    return list(Equipment.objects.filter(is_active=True))


def active_codes() -> set[str]:
    return set(Equipment.objects.filter(is_active=True).values_list("code", flat=True))


def equipment_names(language: str, codes: set[str] | None = None) -> dict[str, str]:
    """The name of each type (of ``codes`` only, when given) in ``language``."""
    found = Equipment.objects.all() if codes is None else Equipment.objects.filter(code__in=codes)
    return {e.code: e.name(language) for e in found}


def axle_layouts(codes: set[str]) -> dict[str, AxleLayout]:
    """The axle layout of each truck type of ``codes`` that has one filled in."""
    found = Equipment.objects.filter(code__in=codes).exclude(axle_layout="")
    layouts = {e.code: e.axle_layout_figures() for e in found}
    return {code: layout for code, layout in layouts.items() if layout is not None}


def price_rows(plan: LoadPlan, language: str) -> list[tuple[str, str]]:
    """The plan's freight prices as (type name, price), in the order they were entered."""
    names = equipment_names(language, set(plan.prices))
    return [(names.get(code, code), price) for code, price in plan.prices.items()]


def usual_freight_prices(currency: str) -> dict[str, Decimal]:
    """The usual freight price of each active type that has one in ``currency``."""
    return {
        e.code: e.freight_price
        for e in Equipment.objects.filter(
            is_active=True, freight_price__isnull=False, currency=currency
        )
        if e.freight_price is not None
    }
