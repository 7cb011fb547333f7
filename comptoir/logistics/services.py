"""Writes of the logistics area: load plans and the container and truck types.

Every service takes plain, validated values (:mod:`comptoir.logistics.inputs`) as keyword
arguments: the screens' forms and the API's serializers check what the user sent first.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Record, require
from comptoir.audit import author, save_instance, stamp
from comptoir.common.values import apply_values
from comptoir.parties.models import Company
from comptoir.trade.packing.limits import MAX_STOPS

from . import standard_equipment
from .inputs import EquipmentValues, FreightPrices, PlanHeader, PlanLineValues, PlanOptions
from .models import Equipment, LoadPlan, LoadPlanLine
from .selectors import usual_freight_prices


def ensure_standard_equipment() -> int:
    """Create the standard container and truck types when none exists; returns how many.

    A data migration installs them; this puts them back where a database was emptied
    (the demo, tests that start from an empty table). The system seeds them (no user)."""
    with transaction.atomic():
        return standard_equipment.install(Equipment)


def _check_lines(lines: Sequence[PlanLineValues]) -> None:
    """What every plan must hold, whoever sends it: goods in positive quantities. (The
    carton limit is checked where the user enters the goods, and again by the computation,
    which names it.)"""
    if not lines:
        raise ValidationError({"lines": _("Add at least one product and its quantity.")})
    if any(line.quantity < 1 for line in lines):
        raise ValidationError({"lines": _("Each quantity must be at least 1.")})
    if any(not 1 <= line.stop <= MAX_STOPS for line in lines):
        raise ValidationError(
            {"lines": _("Each delivery stop must lie between 1 and %(max)d.") % {"max": MAX_STOPS}}
        )
    places: dict[int, str] = {}
    for line in lines:
        place = line.stop_place.strip()
        if not place:
            continue
        if places.setdefault(line.stop, place) != place:
            raise ValidationError(
                {
                    "lines": _(
                        "Stop %(stop)d is named both “%(one)s” and “%(other)s”: one stop is "
                        "one place; give the other place its own stop number."
                    )
                    % {"stop": line.stop, "one": places[line.stop], "other": place}
                }
            )


def save_plan(
    *,
    plan: LoadPlan | None = None,
    header: PlanHeader,
    options: PlanOptions,
    prices: FreightPrices,
    lines: Sequence[PlanLineValues],
    user: User | None,
) -> LoadPlan:
    """Create a plan (``plan`` None) or change one, with its lines, in one transaction.

    A changed plan must be computed again: its result is dropped (unless it is being
    computed, which the screens refuse). Lines with a ``line_id`` change that line, lines
    without one are added, stored lines not named are removed."""
    require(user, Action.CHANGE if plan is not None else Action.CREATE, Record.LOAD_PLAN)
    _check_lines(lines)
    if not (Decimal("0") <= options.pallet_overhang_cm <= Decimal("10")):
        raise ValidationError(
            {"pallet_overhang_cm": _("The overhang must lie between 0 and 10 cm per side.")}
        )
    with transaction.atomic():
        if plan is None:
            target = LoadPlan(created_by=author(user))
        else:
            target = LoadPlan.objects.select_for_update().get(pk=plan.pk)
        _apply(target, header, options, prices)
        if target.pk is not None and target.status != LoadPlan.Status.DRAFT and not target.is_busy:
            target.status = LoadPlan.Status.DRAFT
            target.result = None
            target.total_cost = None
            target.computed_at = None
            target.progress = 0
        stamp(target, user)
        target.save()
        _save_lines(target, lines, user)
    return target


def _apply(plan: LoadPlan, header: PlanHeader, options: PlanOptions, prices: FreightPrices) -> None:
    plan.title = header.title
    plan.client = header.client
    plan.destination = header.destination
    plan.notes = header.notes
    plan.pallet = options.pallet
    plan.max_pallet_height_cm = options.max_pallet_height_cm
    plan.stackable_pallets = options.stackable_pallets
    plan.single_product_pallets = options.single_product_pallets
    plan.pallet_overhang_cm = options.pallet_overhang_cm
    plan.currency = prices.currency
    plan.prices = prices.as_stored()


def _save_lines(plan: LoadPlan, lines: Sequence[PlanLineValues], user: User | None) -> None:
    stored = {line.pk: line for line in plan.lines.all()}
    kept = set()
    for values in lines:
        line = stored.get(values.line_id) if values.line_id is not None else None
        if line is None:
            line = LoadPlanLine(plan=plan)
        elif (
            line.product_id == values.product.pk
            and line.quantity == values.quantity
            and line.stop == values.stop
            and line.stop_place == values.stop_place.strip()
        ):
            kept.add(line.pk)
            continue
        line.product = values.product
        line.quantity = values.quantity
        line.stop = values.stop
        line.stop_place = values.stop_place.strip()
        stamp(line, user)
        line.save()
        kept.add(line.pk)
    for pk, line in stored.items():
        if pk not in kept:
            stamp(line, user)
            line.delete()


def plan_for_delivery(
    *,
    delivery_number: str,
    client: Company,
    destination: str,
    lines: Sequence[PlanLineValues],
    user: User | None,
) -> LoadPlan:
    """A load plan for the goods of a delivery: its client and destination, the company's
    usual freight prices in EUR (the vehicle types with one), in one transaction, audited.

    The caller (sales) links the plan to its delivery; the plan itself knows only the
    delivery's number, in its title."""
    return save_plan(
        header=PlanHeader(
            title=_("Delivery %(n)s") % {"n": delivery_number},
            client=client,
            destination=destination,
        ),
        options=PlanOptions(),
        prices=FreightPrices("EUR", usual_freight_prices("EUR")),
        lines=lines,
        user=user,
    )


def save_equipment(
    *, equipment: Equipment | None = None, values: EquipmentValues, user: User | None
) -> Equipment:
    """Create a container or truck type (``equipment`` None) or change one, audited; the
    role matrix keeps reference data to administrators."""
    target = Equipment() if equipment is None else Equipment.objects.get(pk=equipment.pk)
    apply_values(target, values)
    _check_axle_layout(target)
    return save_instance(target, user)


AXLE_FIELDS = (
    "front_support_cm",
    "front_tare_kg",
    "front_limit_kg",
    "rear_axles_cm",
    "rear_tare_kg",
    "rear_limit_kg",
)


def _check_axle_layout(equipment: Equipment) -> None:
    """An axle layout is whole (every figure) and its axles lie behind the front support."""
    if not equipment.axle_layout:
        return
    missing = {
        name: _("Needed for the axle loads.")
        for name in AXLE_FIELDS
        if getattr(equipment, name) is None
    }
    if missing:
        raise ValidationError(missing)
    if equipment.rear_axles_cm <= equipment.front_support_cm:  # type: ignore[operator]
        raise ValidationError(
            {"rear_axles_cm": _("The rear axles must lie behind the king pin or front axle.")}
        )
