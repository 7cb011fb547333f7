"""The "pallet pattern" section of the product page (registered in
``apps.LogisticsConfig.ready``): how the product's cartons stand on a EUR pallet and on a
120 x 100 cm pallet, layer drawn from above, at the plans' default height limit."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.catalog.models import Product
from comptoir.documents import loadplan as presentation
from comptoir.documents import loadplan_drawings as drawings
from comptoir.trade.packing import EUR_PALLET, INDUSTRIAL_PALLET, BoxType, PackingInputError
from comptoir.trade.packing.patterns import PalletPattern, pallet_pattern
from comptoir.trade.packing.plan_result import BuildPattern

from .models import LoadPlan

#: Cartons asked for: more than any pallet holds, so the pallet is full.
_MANY = 10_000


def _carton(product: Product) -> BoxType | None:
    if not (
        product.carton_length_cm
        and product.carton_width_cm
        and product.carton_height_cm
        and product.carton_gross_weight_kg is not None
    ):
        return None
    max_load = product.carton_max_load_kg
    return BoxType(
        id=product.reference,
        l=float(product.carton_length_cm),
        w=float(product.carton_width_cm),
        h=float(product.carton_height_cm),
        quantity=_MANY,
        weight=float(product.carton_gross_weight_kg),
        allowed_vertical=(False, False, True)
        if product.carton_this_side_up
        else (True, True, True),
        max_load_on_top=float(max_load) if max_load is not None else None,
    )


def _build(p: PalletPattern) -> BuildPattern:
    return BuildPattern(
        kind=p.kind,
        per_layer=p.per_layer,
        layers=p.layers,
        interlocked=p.interlocked,
        layer_optimal=p.layer.proven_optimal,
        pallet_optimal=p.proven_optimal,
    )


def product_pallet_patterns(product: Product, request: HttpRequest) -> dict[str, Any]:
    """The best pattern on each standard pallet, or nothing without carton data."""
    carton = _carton(product)
    if carton is None:
        return {"rows": []}
    height = float(LoadPlan._meta.get_field("max_pallet_height_cm").get_default())
    rows: list[dict[str, Any]] = []
    for pallet in (EUR_PALLET, INDUSTRIAL_PALLET):
        try:
            pattern = pallet_pattern(carton, pallet, height)
        except PackingInputError as error:
            rows.append({"pallet": pallet.name, "error": error.message})
            continue
        rows.append(
            {
                "pallet": pallet.name,
                "text": presentation.pattern_text(_build(pattern)),
                "cartons": pattern.per_pallet,
                "units": pattern.per_pallet * (product.units_per_carton or 0),
                "height": pattern.height,
                "weight": pattern.weight,
                "svg": drawings.layer_view(
                    pallet.length,
                    pallet.width,
                    [(s.x, s.y, s.dx, s.dy) for s in pattern.layer.spots],
                    label=product.reference,
                ),
            }
        )
    return {"rows": rows, "max_height": height}
