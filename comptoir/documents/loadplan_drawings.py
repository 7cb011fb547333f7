"""Printable pictures of a computed load plan: SVG views from the top, from the side, and
layer by layer, for the page and the PDF loading list (WeasyPrint draws inline SVG).

Everything works on the computed plan (:class:`comptoir.trade.packing.plan_result.PlanResult`).
Coordinates: x along the length from the front wall (doors at x = length), y across,
z up; an SVG's y axis points down, so the top view puts y = 0 at the top.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from comptoir.trade.packing.plan_result import (
    BuildPattern,
    CartonSlot,
    Placement,
    PlanResult,
    ProductSummary,
    VehicleLoad,
)

Row = TypeVar("Row")

PALLET_COLOUR = "#c8a26b"


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    label: str = ""
    title: str = ""


@dataclass
class PalletPattern:
    """Identical pallets (same cartons at the same places), built the same way."""

    numbers: list[int]
    height: float
    weight: float
    cartons: dict[str, int]
    placements: tuple[CartonSlot, ...]
    layers: list[LayerGroup] = field(default_factory=list)
    #: the single-product layer pattern these pallets are built with, if any
    build: BuildPattern | None = None


@dataclass
class LayerGroup:
    """Consecutive layers laid out the same way: the picture is drawn once."""

    first: int  # number of the first layer, from 1
    last: int
    z_from: float
    z_to: float
    rows: list[CartonSlot]  # the placements of the first of these layers


def _footprint(rows: Sequence[CartonSlot]) -> tuple[tuple[Any, ...], ...]:
    return tuple(
        sorted((r.key, round(r.x, 1), round(r.y, 1), round(r.dx, 1), round(r.dy, 1)) for r in rows)
    )


def group_layers(rows: Sequence[CartonSlot]) -> list[LayerGroup]:
    """A pallet's layers, consecutive identical ones (same cartons at the same places) merged."""
    groups: list[LayerGroup] = []
    previous: tuple[tuple[Any, ...], ...] | None = None
    for number, (z, layer_rows) in enumerate(layers(rows, lambda r: r.z), start=1):
        footprint = _footprint(layer_rows)
        if groups and footprint == previous:
            groups[-1].last = number
            groups[-1].z_to = z
        else:
            groups.append(LayerGroup(number, number, z, z, list(layer_rows)))
        previous = footprint
    return groups


def _svg(
    width_cm: float, height_cm: float, rects: Iterable[Rect], px: float, extra: str = ""
) -> SafeString:
    """An SVG of ``width_cm`` x ``height_cm`` drawn ``px`` pixels wide, rectangles in cm."""
    scale = px / width_cm
    w, h = px, height_cm * scale
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="plan-svg" width="{w:.0f}" height="{h:.0f}" '
        f'viewBox="0 0 {w:.1f} {h:.1f}" role="img">',
        f'<rect x="0" y="0" width="{w:.1f}" height="{h:.1f}" fill="#f4f4f4" stroke="#333" stroke-width="1.5"/>',
    ]
    for r in rects:
        rx, ry, rw, rh = r.x * scale, r.y * scale, r.w * scale, r.h * scale
        parts.append(
            f"<g><title>{escape(r.title or r.label)}</title>"
            f'<rect x="{rx:.1f}" y="{ry:.1f}" width="{rw:.1f}" height="{rh:.1f}" fill="{r.fill}" '
            f'stroke="#222" stroke-width="0.6"/>'
        )
        if r.label and rw >= 12 and rh >= 9:
            size = max(7.0, min(12.0, rh * 0.45, rw / max(len(r.label), 1) * 1.6))
            parts.append(
                f'<text x="{rx + rw / 2:.1f}" y="{ry + rh / 2:.1f}" font-size="{size:.1f}" '
                f'text-anchor="middle" dominant-baseline="central" font-family="sans-serif" '
                f'fill="#111">{escape(r.label)}</text>'
            )
        parts.append("</g>")
    parts.append(extra)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def item_colour(item: Placement, products: dict[str, ProductSummary]) -> str:
    if item.carton is not None:
        return products[item.carton].colour
    return PALLET_COLOUR


def item_label(item: Placement) -> str:
    return str(item.seq)


def _doors_marker(length: float, scale_px: float, width_cm: float, height_cm: float) -> str:
    """A heavy line on the door end (x = length) of a view."""
    s = scale_px / width_cm
    x = length * s
    return (
        f'<line x1="{x - 2:.1f}" y1="0" x2="{x - 2:.1f}" y2="{height_cm * s:.1f}" '
        f'stroke="#c0392b" stroke-width="4"/>'
    )


def _uppermost(drawn: Sequence[Placement], face: tuple[str, ...]) -> list[Placement]:
    """Of items drawn in this order with the same face, only the last: the others lie
    exactly under it, unseen (a column of 14 cartons is one rectangle, not 14, which keeps
    a full container's drawing, and its PDF, small)."""
    last: dict[tuple[float, ...], int] = {}
    for index, item in enumerate(drawn):
        last[tuple(round(getattr(item, k), 3) for k in face)] = index
    keep = set(last.values())
    return [item for index, item in enumerate(drawn) if index in keep]


def top_view(
    unit: VehicleLoad,
    products: dict[str, ProductSummary],
    items: Sequence[Placement] | None = None,
    px: float = 680,
) -> SafeString:
    """The unit seen from above: every item drawn lowest first, numbered by loading step."""
    chosen = _uppermost(
        sorted(items if items is not None else unit.items, key=lambda i: (i.z + i.dz, i.seq)),
        ("x", "y", "dx", "dy"),
    )
    rects = [Rect(i.x, i.y, i.dx, i.dy, item_colour(i, products), item_label(i)) for i in chosen]
    return _svg(
        unit.length,
        unit.width,
        rects,
        px,
        _doors_marker(unit.length, px, unit.length, unit.width),
    )


def side_view(
    unit: VehicleLoad, products: dict[str, ProductSummary], px: float = 680
) -> SafeString:
    """The unit seen from its left side (y = 0 nearest): far items first, near ones over them."""
    chosen = _uppermost(sorted(unit.items, key=lambda i: (-i.y, i.seq)), ("x", "z", "dx", "dz"))
    h = unit.height
    rects = [
        Rect(i.x, h - i.z - i.dz, i.dx, i.dz, item_colour(i, products), item_label(i))
        for i in chosen
    ]
    return _svg(unit.length, h, rects, px, _doors_marker(unit.length, px, unit.length, h))


def layers(rows: Iterable[Row], z_of: Callable[[Row], float]) -> list[tuple[float, list[Row]]]:
    """Group rows by the height of their base (to the millimetre), lowest layer first."""
    groups: dict[float, list[Row]] = {}
    for row in rows:
        groups.setdefault(round(z_of(row), 1), []).append(row)
    return sorted(groups.items())


def unit_layers(
    unit: VehicleLoad, products: dict[str, ProductSummary], px: float = 560
) -> list[tuple[float, SafeString]]:
    """One top view per layer of the unit (items whose base is at the same height)."""
    return [(z, top_view(unit, products, rows, px)) for z, rows in layers(unit.items, _base)]


def _base(item: Placement) -> float:
    return item.z


def pallet_patterns(result: PlanResult) -> list[PalletPattern]:
    """Pallets grouped by identical build (same cartons at the same places)."""
    groups: dict[tuple[Any, ...], PalletPattern] = {}
    for p in result.pallets:
        key = tuple(
            (slot.key, *(round(v, 3) for v in (slot.x, slot.y, slot.z, slot.dx, slot.dy, slot.dz)))
            for slot in p.placements
        )
        if key in groups:
            groups[key].numbers.append(p.n)
        else:
            groups[key] = PalletPattern(
                numbers=[p.n],
                height=p.height,
                weight=p.weight,
                cartons=p.cartons,
                placements=p.placements,
                layers=group_layers(p.placements),
                build=p.pattern,
            )
    return list(groups.values())


def pallet_layer_view(
    result: PlanResult, rows: Sequence[CartonSlot], px: float = 240
) -> SafeString:
    """One layer of a pallet seen from above, cartons numbered in the order to put them.
    With an overhang the picture is the loaded footprint and the deck's edge is dashed."""
    pallet = result.pallet
    if pallet is None:
        raise ValueError("a plan without pallets has no pallet layers")
    products = result.products_by_key()
    rects = [
        Rect(r.x, r.y, r.dx, r.dy, products[r.key].colour, str(k), products[r.key].reference)
        for k, r in enumerate(rows, start=1)
    ]
    over = pallet.overhang
    length, width = pallet.length + 2 * over, pallet.width + 2 * over
    deck = ""
    if over > 0:
        s = px / length
        deck = (
            f'<rect x="{over * s:.1f}" y="{over * s:.1f}" width="{pallet.length * s:.1f}" '
            f'height="{pallet.width * s:.1f}" fill="none" stroke="#8a5a00" stroke-width="1.5" '
            f'stroke-dasharray="5 3"><title>{escape(_("Pallet deck"))}</title></rect>'
        )
    return _svg(length, width, rects, px, deck)


def layer_view(
    length: float,
    width: float,
    spots: Sequence[tuple[float, float, float, float]],
    label: str = "",
    colour: str = "#4e79a7",
    px: float = 240,
) -> SafeString:
    """A layer of identical cartons ``(x, y, dx, dy)`` on a ``length`` x ``width`` pallet
    seen from above, numbered in the order to put them (the product page's pattern)."""
    rects = [Rect(x, y, dx, dy, colour, str(k), label) for k, (x, y, dx, dy) in enumerate(spots, 1)]
    return _svg(length, width, rects, px)


def legend_rows(result: PlanResult, language: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for p in result.products:
        rows.append(
            {
                "colour": p.colour,
                "reference": p.reference,
                "name": p.name(language),
                "units": p.units,
                "cartons": p.cartons,
                "carton": p.carton,
                "carton_weight": p.carton_weight,
                "upright": p.upright,
                "un_number": p.un_number,
                "stop": p.stop if result.multi_drop else None,
            }
        )
    if result.pallet is not None:
        rows.append(
            {
                "colour": PALLET_COLOUR,
                "reference": "",
                "name": _("Pallet (loading step number in the views)"),
                "units": None,
                "cartons": None,
                "carton": None,
                "carton_weight": None,
                "upright": True,
                "un_number": "",
                "stop": None,
            }
        )
    return rows


def distribution_chart(
    points: Sequence[tuple[float, float]],
    cargo: tuple[float, float] | None,
    length_cm: float,
    payload_kg: float,
    px: float = 520,
) -> SafeString:
    """The load distribution diagram: the heaviest cargo (kg, up) for each position of its
    centre of gravity (cm from the front wall, right), the area under the line allowed;
    ``cargo`` is this plan's point (green inside, red outside)."""
    height, margin = 180.0, 36.0
    top = max([payload_kg, *(w for _, w in points)] + ([cargo[1]] if cargo else [])) * 1.1 or 1
    sx = (px - 2 * margin) / length_cm
    sy = (height - 2 * margin) / top

    def at(x: float, w: float) -> tuple[float, float]:
        return margin + x * sx, height - margin - w * sy

    line = " ".join(f"{a:.1f},{b:.1f}" for a, b in (at(x, w) for x, w in points))
    x0, y0 = at(0, 0)
    x1, _y1 = at(length_cm, 0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="plan-svg axle-chart" width="{px:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {px:.0f} {height:.0f}" role="img">',
        f"<title>{escape(_('Load distribution diagram'))}</title>",
        f'<polygon points="{x0:.1f},{y0:.1f} {line} {x1:.1f},{y0:.1f}" fill="#dbead5" '
        'stroke="#3c7a2c" stroke-width="1.5"/>',
        f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y0:.1f}" stroke="#333"/>',
        f'<text x="{x0:.1f}" y="{y0 + 14:.1f}" font-size="10" font-family="sans-serif">'
        f"{escape(_('front wall'))}</text>",
        f'<text x="{x1:.1f}" y="{y0 + 14:.1f}" font-size="10" font-family="sans-serif" '
        f'text-anchor="end">{escape(_("doors"))}</text>',
        f'<text x="{x0:.1f}" y="{margin - 8:.1f}" font-size="10" font-family="sans-serif">'
        f"{escape(_('heaviest cargo (kg) by position of its centre of gravity'))}</text>",
    ]
    px0, py0 = at(0, payload_kg)
    parts.append(
        f'<line x1="{px0:.1f}" y1="{py0:.1f}" x2="{x1:.1f}" y2="{py0:.1f}" stroke="#777" '
        f'stroke-dasharray="4 3"/><text x="{x1:.1f}" y="{py0 - 4:.1f}" font-size="10" '
        f'font-family="sans-serif" text-anchor="end">'
        f"{escape(_('payload'))} {payload_kg:,.0f} kg</text>"
    )
    if cargo is not None:
        cx, cy = at(*cargo)
        allowed = _allowed(points, cargo)
        colour = "#2e7d32" if allowed else "#c62828"
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{colour}"><title>'
            f"{escape(_('This load'))}: {cargo[1]:.0f} kg, {cargo[0]:.0f} cm</title></circle>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _allowed(points: Sequence[tuple[float, float]], cargo: tuple[float, float]) -> bool:
    """Whether ``cargo`` lies under the diagram's line (linear between its points)."""
    x, w = cargo
    for (xa, wa), (xb, wb) in zip(points, points[1:], strict=False):
        if xa <= x <= xb:
            limit = wa if xb == xa else wa + (wb - wa) * (x - xa) / (xb - xa)
            return w <= limit + 0.5
    return False
