"""From a load plan's lines to a computed plan: cartons, pallets, vehicles (pure data out).

The computation is the trade core's (``comptoir.trade.packing``): :func:`palletise`, then
:func:`choose_vehicles` over the vehicle types the user priced. This module turns the
records into the core's values and the core's answer into the JSON kept on the plan, a
snapshot that stays readable when products or prices change later.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from comptoir.catalog.models import Product
from comptoir.trade.packing import (
    EUR_PALLET,
    INDUSTRIAL_PALLET,
    BoxType,
    Options,
    Pallet,
    PalletLoad,
    Shipment,
    Vehicle,
    VehicleOffer,
    check,
    choose_vehicles,
    palletise,
    palletise_by_product,
    pallets_as_boxes,
)
from comptoir.trade.packing.limits import MAX_BOXES
from comptoir.trade.packing.plan_result import (
    BuildPattern,
    CandidateSet,
    CartonSlot,
    PalletBuild,
    PalletSpec,
    Placement,
    PlanResult,
    ProductSummary,
    Totals,
    VehicleLoad,
)

from .inputs import cartons_for, too_many_cartons
from .models import Equipment, LoadPlan

#: Seconds the solver may search for one pallet and for one vehicle.
PALLET_TIME_S = 1.0
VEHICLE_TIME_S = 1.5
#: A warehouse plan: every carton and pallet rests fully on what is below it.
SUPPORT = 1.0
#: Colours per product (Tableau 10, readable in print and by most colour-blind readers).
COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)

Progress = Callable[[float, str], None]


class LoadPlanError(ValueError):
    """A plan that cannot be computed as entered; the message says what to correct."""


@dataclass(frozen=True)
class CartonLine:
    key: str
    product: Product
    units: int
    box: BoxType
    stop: int = 1
    stop_place: str = ""


def carton_key(product_id: int, stop: int) -> str:
    """The carton type's key: ``P<id>``, with ``-S<stop>`` from the second stop on (a
    single-drop plan keeps the keys it always had)."""
    return f"P{product_id}" if stop == 1 else f"P{product_id}-S{stop}"


def carton_lines(plan: LoadPlan) -> list[CartonLine]:
    """One carton type per product and delivery stop of the plan (lines of the same product
    for the same stop are added up).

    A last, incomplete carton is counted as a full one (same size, same weight): the plan
    stays on the safe side for space and weight.
    """
    units: dict[tuple[int, int], int] = {}
    products: dict[int, Product] = {}
    places: dict[int, str] = {}
    for line in plan.lines.select_related("product"):
        at = (line.product_id, line.stop)
        units[at] = units.get(at, 0) + line.quantity
        products[line.product_id] = line.product
        if line.stop_place:
            places.setdefault(line.stop, line.stop_place)
    if not units:
        raise LoadPlanError(_("Add at least one product and its quantity."))
    out = []
    for (pid, stop), qty in sorted(units.items(), key=lambda kv: kv[0][1]):
        p = products[pid]
        if not (
            p.units_per_carton
            and p.carton_length_cm
            and p.carton_width_cm
            and p.carton_height_cm
            and p.carton_gross_weight_kg
        ):
            raise LoadPlanError(
                _(
                    "Product %(ref)s has no complete carton data (units per carton, carton "
                    "size and weight): complete it on the product page."
                )
                % {"ref": p.reference}
            )
        key = carton_key(pid, stop)
        if cartons_for(p, qty) > MAX_BOXES:
            raise LoadPlanError(too_many_cartons(cartons_for(p, qty)))
        max_load = p.carton_max_load_kg
        box = BoxType(
            id=key,
            l=float(p.carton_length_cm),
            w=float(p.carton_width_cm),
            h=float(p.carton_height_cm),
            quantity=math.ceil(qty / p.units_per_carton),
            weight=float(p.carton_gross_weight_kg),
            allowed_vertical=(False, False, True) if p.carton_this_side_up else (True, True, True),
            max_load_on_top=float(max_load) if max_load is not None else None,
            stop=stop,
        )
        out.append(CartonLine(key, p, qty, box, stop, places.get(stop, "")))
    total = sum(line.box.quantity for line in out)
    if total > MAX_BOXES:  # the form refuses it; a plan saved before the limit is said here
        raise LoadPlanError(too_many_cartons(total))
    return out


def vehicle_of(equipment: Equipment) -> Vehicle:
    return Vehicle(
        code=equipment.code,
        name=equipment.name_en,
        length=float(equipment.length_cm),
        width=float(equipment.width_cm),
        height=float(equipment.height_cm),
        max_payload=float(equipment.max_payload_kg),
        door_height=float(equipment.door_height_cm) if equipment.door_height_cm else None,
        door_width=float(equipment.door_width_cm) if equipment.door_width_cm else None,
    )


def offers_for(plan: LoadPlan) -> tuple[list[VehicleOffer], dict[str, Equipment]]:
    """The vehicle types priced on the plan; a type without a price is not considered."""
    equipment = {e.code: e for e in Equipment.objects.filter(is_active=True)}
    offers = []
    for code, raw in (plan.prices or {}).items():
        if code not in equipment or raw in (None, ""):
            continue
        try:
            price = Decimal(str(raw))
        except InvalidOperation:
            raise LoadPlanError(
                _("The freight price of %(code)s is not a number.") % {"code": code}
            ) from None
        offers.append(VehicleOffer(vehicle_of(equipment[code]), price, plan.currency))
    if not offers:
        raise LoadPlanError(
            _("Enter a freight price for at least one container or truck type to compare.")
        )
    return offers, equipment


def pallet_of(plan: LoadPlan) -> Pallet | None:
    if plan.pallet == LoadPlan.PalletChoice.EUR:
        return EUR_PALLET
    if plan.pallet == LoadPlan.PalletChoice.INDUSTRIAL:
        return INDUSTRIAL_PALLET
    return None


@dataclass(frozen=True)
class Palletised:
    """What is loaded into the vehicles: the pallets built (none when floor-loaded) and the
    items the vehicles take (one box per pallet, or the cartons themselves)."""

    pallet: Pallet | None
    loads: list[PalletLoad]
    items: list[BoxType]


def compute(plan: LoadPlan, progress: Progress | None = None) -> PlanResult:
    """Compute the plan (raises :class:`LoadPlanError`): cartons, then pallets, then the
    cheapest vehicles, every plan checked by the independent checker."""
    started = time.monotonic()
    report: Progress = progress or (lambda fraction, message: None)
    lines = carton_lines(plan)
    offers, equipment = offers_for(plan)
    cartons = [line.box for line in lines]
    violations: list[str] = []
    packed = build_pallets(plan, cartons, report, violations)
    shipment = load_vehicles(packed, offers, report, violations)
    units = vehicle_loads(shipment, equipment, packed, cartons)
    return PlanResult(
        currency=shipment.currency,
        total_cost=shipment.total_cost,
        pallet=pallet_spec(plan, packed.pallet),
        products=product_summaries(lines),
        pallets=pallet_builds(packed.loads),
        units=units,
        candidates=tuple(
            CandidateSet(tuple(c.codes), Decimal(str(c.cost))) for c in shipment.candidates
        ),
        totals=totals(cartons, packed.loads, len(units)),
        violations=tuple(violations),
        elapsed_s=round(time.monotonic() - started, 2),
        stopped_by_clock=any(p.plan.stopped_by_clock for p in packed.loads)
        or any(u.plan.stopped_by_clock for u in shipment.units),
    )


def build_pallets(
    plan: LoadPlan, cartons: list[BoxType], report: Progress, violations: list[str]
) -> Palletised:
    """Palletise the cartons as the plan asks (40 % of the progress bar), each pallet
    checked; without pallets the cartons go into the vehicles as they are."""
    pallet = pallet_of(plan)
    if pallet is None:
        return Palletised(None, [], cartons)
    report(0.0, _("Palletising"))
    options = Options(min_support_ratio=SUPPORT, time_limit_s=PALLET_TIME_S)
    build = palletise_by_product if plan.single_product_pallets else palletise
    loads = build(
        cartons,
        pallet,
        float(plan.max_pallet_height_cm),
        options,
        progress=lambda f, m: report(
            0.4 * f, _("Palletising: %(pct)d %% of the cartons") % {"pct": round(100 * f)}
        ),
        overhang=float(plan.pallet_overhang_cm),
    )
    for n, load in enumerate(loads, start=1):
        for v in check(load.plan.container, cartons, load.plan, options):
            violations.append(f"pallet {n}: {v.message}")
    return Palletised(pallet, loads, pallets_as_boxes(loads, stackable=plan.stackable_pallets))


def load_vehicles(
    packed: Palletised, offers: list[VehicleOffer], report: Progress, violations: list[str]
) -> Shipment:
    """The cheapest set of the priced vehicles for the items, each vehicle plan checked."""
    options = Options(min_support_ratio=SUPPORT, time_limit_s=VEHICLE_TIME_S)
    base = 0.4 if packed.pallet is not None else 0.0
    shipment = choose_vehicles(
        packed.items,
        offers,
        options,
        progress=lambda f, m: report(base + (1 - base) * f, m),
    )
    for u, unit in enumerate(shipment.units, start=1):
        for v in check(unit.plan.container, packed.items, unit.plan, options):
            violations.append(f"unit {u}: {v.message}")
    return shipment


def _pallet_numbers(packed: Palletised) -> dict[str, deque[int]]:
    """Per pallet item type, the numbers of the loaded pallets of that shape, in order:
    which pallet each pallet placement is, in loading order."""
    by_shape: dict[tuple[float, float, int], deque[int]] = {}
    for n, load in enumerate(packed.loads, start=1):
        shape = (round(load.height, 6), round(load.weight, 6), load.stop)
        by_shape.setdefault(shape, deque()).append(n)
    return {
        item.id: by_shape[(round(item.h, 6), round(item.weight, 6), item.stop)]
        for item in packed.items
    }


def vehicle_loads(
    shipment: Shipment,
    equipment: dict[str, Equipment],
    packed: Palletised,
    cartons: list[BoxType],
) -> tuple[VehicleLoad, ...]:
    """Each vehicle of the shipment and its loading steps, numbered across vehicles."""
    queues = _pallet_numbers(packed) if packed.pallet is not None else {}
    carton_weight = {b.id: b.weight for b in cartons}
    stop_of = {b.id: b.stop for b in [*cartons, *packed.items]}
    out = []
    seq = 0
    for unit in shipment.units:
        e = equipment[unit.vehicle.code]
        items = []
        for p in unit.plan.placements:
            seq += 1
            if packed.pallet is not None:
                n = queues[p.box_type_id].popleft()
                step = Placement(
                    seq,
                    p.x,
                    p.y,
                    p.z,
                    p.dx,
                    p.dy,
                    p.dz,
                    weight=packed.loads[n - 1].weight,
                    pallet=n,
                    turned=abs(p.dx - packed.loads[n - 1].footprint[0]) > 1e-6,
                    stop=stop_of.get(p.box_type_id, 1),
                )
            else:
                step = Placement(
                    seq,
                    p.x,
                    p.y,
                    p.z,
                    p.dx,
                    p.dy,
                    p.dz,
                    weight=carton_weight[p.box_type_id],
                    carton=p.box_type_id,
                    stop=stop_of.get(p.box_type_id, 1),
                )
            items.append(step)
        loaded = unit.plan
        cog = loaded.centre_of_gravity
        out.append(
            VehicleLoad(
                code=e.code,
                name_fr=e.name_fr,
                name_en=e.name_en,
                price=unit.price,
                length=unit.vehicle.length,
                width=unit.vehicle.width,
                height=unit.vehicle.height,
                payload=unit.vehicle.max_payload,
                door_height=unit.vehicle.door_height,
                volume_utilisation=loaded.volume_utilisation,
                weight_utilisation=loaded.weight_utilisation,
                total_weight=loaded.total_weight,
                cog=(cog[0], cog[1], cog[2]) if cog else None,
                items=tuple(items),
            )
        )
    return tuple(out)


def product_summaries(lines: list[CartonLine]) -> tuple[ProductSummary, ...]:
    """The products as computed, each with its colour in the drawings."""
    return tuple(
        ProductSummary(
            key=line.key,
            product_id=line.product.pk,
            reference=line.product.reference,
            name_fr=line.product.name_fr,
            name_en=line.product.name_en,
            units=line.units,
            cartons=line.box.quantity,
            units_per_carton=line.product.units_per_carton or 0,
            carton=(line.box.l, line.box.w, line.box.h),
            carton_weight=line.box.weight,
            upright=not line.box.allowed_vertical[0],
            colour=COLOURS[i % len(COLOURS)],
            un_number=line.product.un_number or "",
            stop=line.stop,
            stop_place=line.stop_place,
        )
        for i, line in enumerate(lines)
    )


def pallet_builds(loads: list[PalletLoad]) -> tuple[PalletBuild, ...]:
    """Each loaded pallet with its cartons as compact rows: key, position, oriented size."""
    return tuple(
        PalletBuild(
            n=n,
            height=load.height,
            weight=load.weight,
            cartons=load.plan.counts(),
            stop=load.stop,
            placements=tuple(
                CartonSlot(p.box_type_id, p.x, p.y, p.z, p.dx, p.dy, p.dz)
                for p in load.plan.placements
            ),
            pattern=build_pattern(load),
        )
        for n, load in enumerate(loads, start=1)
    )


def build_pattern(load: PalletLoad) -> BuildPattern | None:
    """The layer pattern of a single-product pallet, as stored with the result."""
    p = load.pattern
    if p is None:
        return None
    return BuildPattern(
        kind=p.kind,
        per_layer=p.per_layer,
        layers=p.layers,
        interlocked=p.interlocked,
        layer_optimal=p.layer.proven_optimal,
        pallet_optimal=p.proven_optimal,
    )


def pallet_spec(plan: LoadPlan, pallet: Pallet | None) -> PalletSpec | None:
    if pallet is None:
        return None
    return PalletSpec(
        name=pallet.name,
        length=pallet.length,
        width=pallet.width,
        deck=pallet.base_height,
        tare=pallet.tare_weight,
        max_height=float(plan.max_pallet_height_cm),
        stackable=plan.stackable_pallets,
        single_product=plan.single_product_pallets,
        overhang=float(plan.pallet_overhang_cm),
    )


def totals(cartons: list[BoxType], loads: list[PalletLoad], vehicles: int) -> Totals:
    """Cartons, pallets, gross weight (cartons plus the pallets' tare) and carton volume."""
    gross = sum(b.weight * b.quantity for b in cartons) + sum(
        load.pallet.tare_weight for load in loads
    )
    return Totals(
        cartons=sum(b.quantity for b in cartons),
        pallets=len(loads),
        gross_weight=gross,
        volume_m3=sum(b.volume * b.quantity for b in cartons) / 1e6,
        units=vehicles,
    )
