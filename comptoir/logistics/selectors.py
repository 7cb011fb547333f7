"""Reads of the logistics area for the screens and the API: lists, a plan's page, names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, FloatField, Q, QuerySet, Sum, Value, When
from django.db.models.fields.json import KT, KeyTextTransform
from django.db.models.functions import Cast

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


# ----------------------------------------------------------------------------- reporting

#: Vehicles of one plan the dashboards read (a plan with more is counted on its first ones).
MAX_VEHICLES_READ = 12


def _vehicle(index: int, key: str) -> KeyTextTransform:
    return KT(f"result__units__{index}__{key}")


def computed_plans(since: dt.date, until: dt.date) -> QuerySet[LoadPlan]:
    """Plans computed between the two days (inclusive), their result present."""
    return LoadPlan.objects.filter(
        status=LoadPlan.Status.DONE,
        result__isnull=False,
        computed_at__date__gte=since,
        computed_at__date__lte=until,
    )


def fill_by_equipment(since: dt.date, until: dt.date) -> dict[str, dict[str, float]]:
    """Per equipment code, over the vehicles of the plans computed in the period: how many
    vehicles, and the sums of their volume and weight fill (shares 0..1). Aggregated in the
    database, one query per vehicle position (1st vehicle of every plan, 2nd, ...), stopping
    at the first position no plan has."""
    totals: dict[str, dict[str, float]] = {}
    plans = computed_plans(since, until)
    for index in range(MAX_VEHICLES_READ):
        rows = (
            plans.annotate(code=_vehicle(index, "code"))
            .filter(**{f"result__units__{index}__code__isnull": False})
            .values("code")
            .annotate(
                vehicles=Count("pk"),
                volume=Sum(Cast(_vehicle(index, "volume_utilisation"), FloatField())),
                weight=Sum(Cast(_vehicle(index, "weight_utilisation"), FloatField())),
            )
            .order_by()
        )
        found = False
        for row in rows:
            found = True
            into = totals.setdefault(
                str(row["code"]), {"vehicles": 0, "volume": 0.0, "weight": 0.0}
            )
            into["vehicles"] += row["vehicles"]
            into["volume"] += row["volume"] or 0.0
            into["weight"] += row["weight"] or 0.0
        if not found:
            break
    return totals


def latest_plan_fills(since: dt.date, until: dt.date, limit: int = 20) -> list[dict[str, Any]]:
    """The latest plans computed in the period with their first vehicle (code, volume and
    weight fill) and the number of vehicles read (up to ``MAX_VEHICLES_READ``)."""
    vehicles: Any = Value(0)
    for index in range(MAX_VEHICLES_READ):
        vehicles = vehicles + Case(
            When(**{f"result__units__{index}__code__isnull": False}, then=Value(1)),
            default=Value(0),
        )
    return list(
        computed_plans(since, until)
        .annotate(
            code=_vehicle(0, "code"),
            volume=Cast(_vehicle(0, "volume_utilisation"), FloatField()),
            weight=Cast(_vehicle(0, "weight_utilisation"), FloatField()),
            vehicles=vehicles,
        )
        .values(
            "pk", "title", "client__name", "code", "volume", "weight", "vehicles", "computed_at"
        )
        .order_by("-computed_at", "-pk")[:limit]
    )
