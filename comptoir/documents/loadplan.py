"""What the plan page, the 3D view and the loading list show of a computed plan."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.trade.packing.axles import AxleLayout, axle_loads, distribution_diagram
from comptoir.trade.packing.balance import Balance, Cargo, balance
from comptoir.trade.packing.plan_result import (
    BuildPattern,
    Placement,
    PlanResult,
    ProductSummary,
    VehicleLoad,
)
from comptoir.trade.texts import Text, english_value, render

from . import loadplan_drawings as drawings
from .loadplan_drawings import PALLET_COLOUR


def unit_name(unit: VehicleLoad, language: str) -> str:
    return unit.name(language)


def product_name(product: ProductSummary, language: str) -> str:
    return product.name(language)


def stop_label(result: PlanResult, stop: int) -> str:
    """ "Stop 2 — Lyon" (or "Stop 2" when the place is not given)."""
    place = dict(result.stops()).get(stop, "")
    if place:
        return _("Stop %(n)d — %(place)s") % {"n": stop, "place": place}
    return _("Stop %(n)d") % {"n": stop}


def stop_rows(result: PlanResult) -> list[dict[str, Any]]:
    """The delivery stops of a multi-drop plan, 1 first: label, cartons, pallets, and the
    vehicles' loading steps of each (the last stop is loaded first)."""
    if not result.multi_drop:
        return []
    rows = []
    for stop, place in result.stops():
        cartons = sum(p.cartons for p in result.products if p.stop == stop)
        pallets = sum(1 for b in result.pallets if b.stop == stop)
        seqs = [i.seq for u in result.units for i in u.items if i.stop == stop]
        rows.append(
            {
                "stop": stop,
                "place": place,
                "label": stop_label(result, stop),
                "cartons": cartons,
                "pallets": pallets,
                "steps": f"{min(seqs)}–{max(seqs)}" if seqs else "",
                "loaded": len(seqs),
                "colour": STOP_COLOURS[(stop - 1) % len(STOP_COLOURS)],
            }
        )
    return rows


#: Colours per delivery stop in the 3D view's "by stop" mode (ColorBrewer Set1).
STOP_COLOURS = ("#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf")


def _pallet_contents(result: PlanResult, n: int) -> str:
    products = result.products_by_key()
    return ", ".join(
        f"{count} × {products[key].reference}"
        for key, count in result.pallet_build(n).cartons.items()
    )


def _pallet_boxes(
    result: PlanResult, item: Placement, n: int, language: str
) -> list[dict[str, Any]]:
    """A pallet as its deck plus its cartons; a pallet turned on the floor has its cartons'
    x and y swapped (a mirror of the pallet, the same physical build). With an overhang
    the item is the loaded footprint and the deck lies inside it."""
    pallet = result.pallet
    assert pallet is not None  # a pallet placement exists only in a plan with pallets
    products = result.products_by_key()
    seq, deck, over = item.seq, pallet.deck, pallet.overhang
    boxes: list[dict[str, Any]] = [
        {
            "x": item.x + over,
            "y": item.y + over,
            "z": item.z,
            "dx": item.dx - 2 * over,
            "dy": item.dy - 2 * over,
            "dz": deck,
            "color": PALLET_COLOUR,
            "label": _("%(seq)d · pallet %(n)d (%(name)s)")
            % {"seq": seq, "n": n, "name": pallet.name}
            + _stop_suffix(result, item.stop),
            "seq": seq,
            "group": n,
            "stop": item.stop,
            **_stop_colour(result, item.stop),
        }
    ]
    for slot in result.pallet_build(n).placements:
        cx, cy, cdx, cdy = slot.x, slot.y, slot.dx, slot.dy
        if item.turned:
            cx, cy, cdx, cdy = cy, cx, cdy, cdx
        product = products[slot.key]
        boxes.append(
            {
                "x": item.x + cx,
                "y": item.y + cy,
                "z": item.z + deck + slot.z,
                "dx": cdx,
                "dy": cdy,
                "dz": slot.dz,
                "color": product.colour,
                "label": _("%(seq)d · pallet %(n)d · %(ref)s %(name)s")
                % {
                    "seq": seq,
                    "n": n,
                    "ref": product.reference,
                    "name": product.name(language),
                }
                + _stop_suffix(result, item.stop),
                "seq": seq,
                "group": n,
                "stop": item.stop,
                **_stop_colour(result, item.stop),
            }
        )
    return boxes


def _stop_suffix(result: PlanResult, stop: int) -> str:
    return f" · {stop_label(result, stop)}" if result.multi_drop else ""


def _stop_colour(result: PlanResult, stop: int) -> dict[str, str]:
    """The box's colour in the 3D view's "by stop" mode (multi-drop plans only)."""
    if not result.multi_drop:
        return {}
    return {"stop_color": STOP_COLOURS[(stop - 1) % len(STOP_COLOURS)]}


def viewer_data(result: PlanResult, language: str) -> dict[str, Any]:
    """The JSON read by ``loadview.js``: one entry per vehicle, boxes in loading order."""
    products = result.products_by_key()
    units = []
    for index, unit in enumerate(result.units, start=1):
        boxes: list[dict[str, Any]] = []
        for item in unit.items:
            if item.pallet is not None and result.pallet is not None:
                boxes.extend(_pallet_boxes(result, item, item.pallet, language))
            elif item.carton is not None:
                product = products[item.carton]
                boxes.append(
                    {
                        "x": item.x,
                        "y": item.y,
                        "z": item.z,
                        "dx": item.dx,
                        "dy": item.dy,
                        "dz": item.dz,
                        "color": product.colour,
                        "label": f"{item.seq} · {product.reference} {product.name(language)}"
                        + _stop_suffix(result, item.stop),
                        "seq": item.seq,
                        "stop": item.stop,
                        **_stop_colour(result, item.stop),
                    }
                )
        units.append(
            {
                "label": f"{unit.name(language)} #{index}",
                "length": unit.length,
                "width": unit.width,
                "height": unit.height,
                "boxes": boxes,
            }
        )
    return {
        "units": units,
        "stops": [
            {"stop": r["stop"], "label": r["label"], "colour": r["colour"]}
            for r in stop_rows(result)
        ],
    }


def loading_steps(result: PlanResult, unit: VehicleLoad, language: str) -> list[dict[str, Any]]:
    """The loading list of one vehicle: step, what, contents, where (cm from the front wall,
    from the left side, above the floor), size as loaded and weight."""
    products = result.products_by_key()
    rows = []
    for item in unit.items:
        if item.pallet is not None:
            what = _("Pallet %(n)d") % {"n": item.pallet}
            contents = _pallet_contents(result, item.pallet)
            if item.turned:
                what += " " + _("(turned: long side across)")
        else:
            product = products[item.carton or ""]
            what = _("Carton %(ref)s") % {"ref": product.reference}
            contents = product.name(language)
        rows.append(
            {
                "stop": item.stop,
                "stop_label": stop_label(result, item.stop) if result.multi_drop else "",
                "seq": item.seq,
                "what": what,
                "contents": contents,
                "x": item.x,
                "y": item.y,
                "z": item.z,
                "size": (item.dx, item.dy, item.dz),
                "weight": item.weight,
                "stacked": item.z > 0.05,
                "is_pallet": item.is_pallet,
            }
        )
    return rows


def candidates(result: PlanResult, names: dict[str, str]) -> list[dict[str, Any]]:
    """The vehicle sets compared, cheapest first, as '2 × 40' HC + 1 × 20' dry'."""
    out = []
    for c in result.candidates:
        counts: dict[str, int] = {}
        for code in c.codes:
            counts[code] = counts.get(code, 0) + 1
        text = " + ".join(f"{n} × {names.get(code, code)}" for code, n in counts.items())
        out.append({"text": text, "cost": c.cost, "units": len(c.codes)})
    return out


#: Rows of the printed loading list, in all: WeasyPrint took 6.5 minutes for a table of
#: 7 820 cartons, one row each; grouped, a full 40' high cube fits in a few hundred rows.
MAX_PRINTED_STEPS = 600


def grouped_steps(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive cartons of one product, loaded the same way in one row (same height) or
    one column (each on the previous one), as one line of the list.

    The line keeps the first carton's position and the size of one carton, and gives the
    steps it covers (``"12–35"``), their number and total weight. Pallets stay one a line.
    """
    out: list[dict[str, Any]] = []
    for step in steps:
        last = out[-1] if out else None
        mode = None
        if (
            last is not None
            and not step["is_pallet"]
            and last["what_one"] == step["what"]
            and last.get("stop") == step.get("stop")
            and last["size"] == step["size"]
            and last["last_seq"] + 1 == step["seq"]
        ):
            top = last["last_z"] + step["size"][2]
            if abs(last["z"] - step["z"]) < 0.05:
                mode = "row"
            elif (
                abs(last["x"] - step["x"]) < 0.05
                and abs(last["y"] - step["y"]) < 0.05
                and abs(top - step["z"]) < 0.05
            ):
                mode = "column"
        if last is not None and mode is not None and last["mode"] in (None, mode):
            last["mode"] = mode
            last["count"] += 1
            last["last_seq"] = step["seq"]
            last["last_z"] = step["z"]
            last["weight"] += step["weight"]
            continue
        out.append(
            {
                **step,
                "what_one": step["what"],
                "count": 1,
                "last_seq": step["seq"],
                "last_z": step["z"],
                "mode": None,
            }
        )
    for row in out:
        if row["count"] > 1:
            row["seq"] = f"{row['seq']}–{row['last_seq']}"
            row["what"] = f"{row['count']} × {row['what_one']}"
    return out


def pattern_kind(kind: str) -> str:
    """The name of a layer pattern family in the reader's language."""
    names = {
        "block": _("block"),
        "two-block": _("two blocks"),
        "guillotine": _("blocks (guillotine cuts)"),
        "pinwheel": _("pinwheel"),
        "five-block": _("five blocks"),
    }
    return names.get(kind, kind)


def pattern_text(pattern: BuildPattern) -> str:
    """ "Pattern: pinwheel, 12 per layer × 7 layers, interlocked" and whether it is the best."""
    stack = _("interlocked") if pattern.interlocked else _("in columns")
    text = _("Pattern: %(kind)s, %(per_layer)d per layer × %(layers)d layers, %(stack)s") % {
        "kind": pattern_kind(pattern.kind),
        "per_layer": pattern.per_layer,
        "layers": pattern.layers,
        "stack": stack,
    }
    if pattern.pallet_optimal:
        return text + " " + _("(proven: no pallet of this carton holds more)")
    if pattern.layer_optimal:
        return text + " " + _("(proven: no layer of this carton holds more)")
    return text


def _pattern_rows(result: PlanResult, language: str) -> list[dict[str, Any]]:
    """The pallet builds, lettered A, B, … with their contents and layer drawings."""
    products = result.products_by_key()
    patterns = []
    for k, pattern in enumerate(drawings.pallet_patterns(result), start=1):
        patterns.append(
            {
                "letter": chr(64 + k) if k <= 26 else str(k),
                "pattern": pattern,
                "pattern_text": pattern_text(pattern.build) if pattern.build else "",
                "contents": [
                    {
                        "reference": products[key].reference,
                        "name": products[key].name(language),
                        "count": count,
                        "colour": products[key].colour,
                    }
                    for key, count in pattern.cartons.items()
                ],
                "layers": [
                    {
                        "group": g,
                        "count": len(g.rows),
                        "svg": drawings.pallet_layer_view(result, g.rows),
                    }
                    for g in pattern.layers
                ],
            }
        )
    return patterns


def _value(language: str) -> Any:
    if not language.startswith("fr"):
        return english_value

    def french(value: Any) -> str:
        written = english_value(value)
        return written.replace(".", ",") if isinstance(value, Decimal) else written

    return french


def say(text: Text, language: str) -> str:
    """A trade-core sentence in ``language``."""
    with translation.override(language):
        return render(text, translation.gettext, _value(language))


def unit_balance(unit: VehicleLoad) -> Balance:
    """Where the unit's centre of gravity lies against the CTU Code's tolerances."""
    cargo = [Cargo(i.x, i.y, i.z, i.dx, i.dy, i.dz, i.weight) for i in unit.items]
    return balance(unit.length, unit.width, unit.height, cargo)


def _balance_row(unit: VehicleLoad, language: str) -> dict[str, Any]:
    b = unit_balance(unit)
    return {
        "figures": b,
        "lengthwise_pct": 100 * b.lengthwise_offset,
        "sideways_pct": 100 * b.sideways_offset,
        "front_pct": 100 * b.front_half_share,
        "height_pct": 100 * b.height_ratio,
        "problems": [say(p, language) for p in b.problems],
    }


def _axle_row(unit: VehicleLoad, layout: AxleLayout | None, language: str) -> dict[str, Any]:
    """The unit's axle loads against its layout's limits, and its load distribution diagram
    with the cargo's point (None when the type has no layout filled in)."""
    if layout is None:
        return {}
    loads = axle_loads(layout, ((i.x + i.dx / 2, i.weight) for i in unit.items))
    with translation.override(language):
        rows = [
            {
                "name": say(Text(layout.front_name), language),
                "load": loads.front,
                "limit": loads.front_limit,
                "ok": -0.5 <= loads.front <= loads.front_limit + 0.5,
            },
            {
                "name": say(Text(layout.rear_name), language),
                "load": loads.rear,
                "limit": loads.rear_limit,
                "ok": -0.5 <= loads.rear <= loads.rear_limit + 0.5,
            },
        ]
    diagram = distribution_diagram(layout, unit.length, unit.payload, steps=68)
    point = (unit.cog[0], unit.total_weight) if unit.cog else None
    return {
        "rows": rows,
        "legal": loads.legal,
        "problems": [say(p, language) for p in loads.problems],
        "svg": drawings.distribution_chart(diagram, point, unit.length, unit.payload),
    }


def result_context(
    result: PlanResult,
    language: str,
    equipment_names: dict[str, str],
    axle_layouts: dict[str, AxleLayout] | None = None,
) -> dict[str, Any]:
    """What the plan's page and its loading list show of the computed plan: each vehicle
    with its drawings and steps, the pallet builds, the legend, the sets compared and the
    3D view's data. ``equipment_names`` names the compared types in the reader's language."""
    products = result.products_by_key()
    names = {u.code: u.name(language) for u in result.units}
    names.update(equipment_names)
    units = [
        {
            "index": index,
            "number": index + 1,
            "name": unit.name(language),
            "data": unit,
            "top": drawings.top_view(unit, products),
            "side": drawings.side_view(unit, products),
            "layers": drawings.unit_layers(unit, products),
            "steps": loading_steps(result, unit, language),
            "volume_pct": 100 * unit.volume_utilisation,
            "weight_pct": 100 * unit.weight_utilisation,
            "balance": _balance_row(unit, language),
            "axles": _axle_row(unit, (axle_layouts or {}).get(unit.code), language),
        }
        for index, unit in enumerate(result.units)
    ]
    return {
        "result": result,
        "units": units,
        "patterns": _pattern_rows(result, language),
        "legend": drawings.legend_rows(result, language),
        "candidates": candidates(result, names),
        "viewer": viewer_data(result, language),
        "stops": stop_rows(result),
    }


def limit_printed_steps(units: list[dict[str, Any]]) -> None:
    """Group each vehicle's steps for print and keep at most :data:`MAX_PRINTED_STEPS`
    rows in all; the rows left out are counted on the list (``steps_left_out``)."""
    room = MAX_PRINTED_STEPS
    for unit in units:
        steps = grouped_steps(unit["steps"])
        unit["steps"], unit["steps_left_out"] = steps[: max(room, 0)], steps[max(room, 0) :]
        room -= len(unit["steps"])
