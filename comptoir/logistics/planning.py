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
from typing import Any

from django.utils.translation import gettext as _

from comptoir.catalog.models import Product
from comptoir.trade.packing import (
    EUR_PALLET,
    INDUSTRIAL_PALLET,
    BoxType,
    Options,
    Pallet,
    PalletLoad,
    Vehicle,
    VehicleOffer,
    check,
    choose_vehicles,
    palletise,
    palletise_by_product,
    pallets_as_boxes,
)
from comptoir.trade.packing.limits import MAX_BOXES

from .forms import cartons_for, too_many_cartons
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


def carton_lines(plan: LoadPlan) -> list[CartonLine]:
    """One carton type per product of the plan (lines of the same product are added up).

    A last, incomplete carton is counted as a full one (same size, same weight): the plan
    stays on the safe side for space and weight.
    """
    units: dict[int, int] = {}
    products: dict[int, Product] = {}
    for line in plan.lines.select_related("product"):
        units[line.product_id] = units.get(line.product_id, 0) + line.quantity
        products[line.product_id] = line.product
    if not units:
        raise LoadPlanError(_("Add at least one product and its quantity."))
    out = []
    for pid, qty in units.items():
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
        key = f"P{pid}"
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
        )
        out.append(CartonLine(key, p, qty, box))
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


def _rows(placements: Any) -> list[list[Any]]:
    return [
        [p.box_type_id, p.x, p.y, p.z, p.dx, p.dy, p.dz]
        for p in placements  # compact rows: key, position, oriented size
    ]


def compute(plan: LoadPlan, progress: Progress | None = None) -> dict[str, Any]:
    """Compute the plan and return the JSON result (raises :class:`LoadPlanError`)."""
    started = time.monotonic()
    report = progress or (lambda fraction, message: None)
    lines = carton_lines(plan)
    offers, equipment = offers_for(plan)
    cartons = [line.box for line in lines]
    pallet = pallet_of(plan)
    violations: list[str] = []
    loads: list[PalletLoad] = []
    if pallet is not None:
        report(0.0, _("Palletising"))
        pallet_options = Options(min_support_ratio=SUPPORT, time_limit_s=PALLET_TIME_S)
        build = palletise_by_product if plan.single_product_pallets else palletise
        loads = build(
            cartons,
            pallet,
            float(plan.max_pallet_height_cm),
            pallet_options,
            progress=lambda f, m: report(
                0.4 * f, _("Palletising: %(pct)d %% of the cartons") % {"pct": round(100 * f)}
            ),
        )
        for n, load in enumerate(loads, start=1):
            for v in check(load.plan.container, cartons, load.plan, pallet_options):
                violations.append(f"pallet {n}: {v.message}")
        items = pallets_as_boxes(loads, stackable=plan.stackable_pallets)
    else:
        items = cartons
    vehicle_options = Options(min_support_ratio=SUPPORT, time_limit_s=VEHICLE_TIME_S)
    base = 0.4 if pallet is not None else 0.0
    shipment = choose_vehicles(
        items,
        offers,
        vehicle_options,
        progress=lambda f, m: report(base + (1 - base) * f, m),
    )
    for u, unit in enumerate(shipment.units, start=1):
        for v in check(unit.plan.container, items, unit.plan, vehicle_options):
            violations.append(f"unit {u}: {v.message}")

    # Which loaded pallet each pallet placement is, in loading order.
    queues: dict[str, deque[int]] = {}
    if pallet is not None:
        by_shape: dict[tuple[float, float], deque[int]] = {}
        for n, load in enumerate(loads, start=1):
            by_shape.setdefault((round(load.height, 6), round(load.weight, 6)), deque()).append(n)
        for item in items:
            queues[item.id] = by_shape[(round(item.h, 6), round(item.weight, 6))]

    carton_weight = {b.id: b.weight for b in cartons}
    units_json = []
    seq = 0
    for unit in shipment.units:
        e = equipment[unit.vehicle.code]
        rows = []
        for p in unit.plan.placements:
            seq += 1
            row: dict[str, Any] = {
                "seq": seq,
                "x": p.x,
                "y": p.y,
                "z": p.z,
                "dx": p.dx,
                "dy": p.dy,
                "dz": p.dz,
            }
            if pallet is not None:
                n = queues[p.box_type_id].popleft()
                row["pallet"] = n
                row["turned"] = abs(p.dx - pallet.length) > 1e-6
                row["weight"] = loads[n - 1].weight
            else:
                row["carton"] = p.box_type_id
                row["weight"] = carton_weight[p.box_type_id]
            rows.append(row)
        plan_ = unit.plan
        units_json.append(
            {
                "code": e.code,
                "name_fr": e.name_fr,
                "name_en": e.name_en,
                "price": str(unit.price),
                "length": unit.vehicle.length,
                "width": unit.vehicle.width,
                "height": unit.vehicle.height,
                "payload": unit.vehicle.max_payload,
                "door_height": unit.vehicle.door_height,
                "volume_utilisation": plan_.volume_utilisation,
                "weight_utilisation": plan_.weight_utilisation,
                "total_weight": plan_.total_weight,
                "cog": list(plan_.centre_of_gravity) if plan_.centre_of_gravity else None,
                "items": rows,
            }
        )
    products = []
    for i, line in enumerate(lines):
        p = line.product
        products.append(
            {
                "key": line.key,
                "product_id": p.pk,
                "reference": p.reference,
                "name_fr": p.name_fr,
                "name_en": p.name_en,
                "units": line.units,
                "cartons": line.box.quantity,
                "units_per_carton": p.units_per_carton,
                "carton": [line.box.l, line.box.w, line.box.h],
                "carton_weight": line.box.weight,
                "upright": not line.box.allowed_vertical[0],
                "colour": COLOURS[i % len(COLOURS)],
                "un_number": p.un_number,
            }
        )
    pallets_json = [
        {
            "n": n,
            "height": load.height,
            "weight": load.weight,
            "cartons": load.plan.counts(),
            "placements": _rows(load.plan.placements),
        }
        for n, load in enumerate(loads, start=1)
    ]
    gross = sum(b.weight * b.quantity for b in cartons) + sum(
        load.pallet.tare_weight for load in loads
    )
    return {
        "version": 1,
        "currency": shipment.currency,
        "total_cost": str(shipment.total_cost),
        "pallet": (
            {
                "name": pallet.name,
                "length": pallet.length,
                "width": pallet.width,
                "deck": pallet.base_height,
                "tare": pallet.tare_weight,
                "max_height": float(plan.max_pallet_height_cm),
                "stackable": plan.stackable_pallets,
                "single_product": plan.single_product_pallets,
            }
            if pallet is not None
            else None
        ),
        "products": products,
        "pallets": pallets_json,
        "units": units_json,
        "candidates": [{"codes": list(c.codes), "cost": str(c.cost)} for c in shipment.candidates],
        "totals": {
            "cartons": sum(b.quantity for b in cartons),
            "pallets": len(loads),
            "gross_weight": gross,
            "volume_m3": sum(b.volume * b.quantity for b in cartons) / 1e6,
            "units": len(units_json),
        },
        "violations": violations,
        "elapsed_s": round(time.monotonic() - started, 2),
    }
