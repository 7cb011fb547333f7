"""JSON in and out of load planning, for the CLI (``comptoir pack --file PLAN.json``) and API.

Problem (input of :func:`pack_json`)::

    {
      "container": {"length": 587, "width": 233, "height": 220,
                    "max_payload": 21000, "name": "20' dry"},
      "boxes": [
        {"id": "CTN-A", "l": 60, "w": 40, "h": 30, "quantity": 120, "weight": 11.5,
         "allowed_vertical": [false, false, true], "max_load_on_top": 80, "stop": 1}
      ],
      "options": {"min_support_ratio": 1.0, "max_stack_weight": null, "time_limit_s": 5,
                  "work_limit": null, "workers": 1}
    }

``max_payload`` (default unlimited), ``weight`` (0), ``quantity`` (1),
``allowed_vertical`` (all true; ``"this_side_up": true`` is a shorthand for
``[false, false, true]``), ``max_load_on_top``, ``stop`` (the delivery stop of a
multi-drop load, 1 = delivered first, the default; the plan then loads the last stop
first, see :mod:`comptoir.trade.packing.stops`) and the whole ``options`` object are
optional; ``options.workers`` (1 to 16, default 1) runs that many different searches side by
side and keeps the best plan (the same plan for the same input and ``workers``). Plan (output of :func:`plan_to_json`): the container, ``placements`` (box id,
position ``x, y, z`` of the corner nearest the origin and oriented size ``dx, dy, dz``, in
loading order), ``unplaced`` (id -> count), ``volume_utilisation``,
``weight_utilisation``, ``total_weight``, ``centre_of_gravity`` ``[x, y, z]`` or null,
``elapsed_s``, ``work`` (the search's work units: the plan depends on the input and options,
not on the machine) and ``stopped_by_clock`` (true when the wall-clock safety stop cut the
search short, the one case where a busier machine may give another plan); :func:`pack_json`
adds ``violations`` from the independent checker.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from comptoir.trade.packing.checker import check
from comptoir.trade.packing.limits import check_box_types
from comptoir.trade.packing.model import (
    BoxType,
    Container,
    Options,
    PackingInputError,
    Placement,
    Plan,
    validate,
)
from comptoir.trade.packing.stops import solve_stops


def _under(prefix: str, field: str | None) -> str:
    """The JSON path of a value's field (``boxes.3`` + ``quantity``), or of the value."""
    return f"{prefix}.{field}" if field else prefix


def _obj(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise PackingInputError(f"{what} must be a JSON object")
    return value


PROBLEM_KEYS = ("container", "boxes", "options")
CONTAINER_KEYS = ("length", "width", "height", "max_payload", "name")
BOX_KEYS = (
    "id",
    "l",
    "w",
    "h",
    "quantity",
    "weight",
    "allowed_vertical",
    "this_side_up",
    "max_load_on_top",
    "stop",
)
OPTION_KEYS = ("min_support_ratio", "max_stack_weight", "time_limit_s", "work_limit", "workers")


def _known_keys(data: Mapping[str, Any], known: tuple[str, ...], what: str) -> None:
    """Refuse a key the planner does not read: a misspelt option (``timelimit``) must not be
    ignored in silence. The error's field is the key itself."""
    for key in data:
        if key not in known:
            raise PackingInputError(
                f"{what}: unknown key {key!r} (known: {', '.join(known)})", str(key)
            )


def _num(data: Mapping[str, Any], key: str, what: str, default: float | None = None) -> float:
    if key not in data or data[key] is None:
        if default is None:
            raise PackingInputError(f"{what}: {key!r} is missing")
        return default
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PackingInputError(f"{what}: {key!r} must be a number, got {value!r}")
    return float(value) if isinstance(value, float) else value


def container_from_json(data: Any) -> Container:
    """Read the JSON container; errors carry the field ``container``."""
    try:
        return _container_from_json(data)
    except PackingInputError as e:
        raise PackingInputError(e.message, _under("container", e.field)) from None


def _container_from_json(data: Any) -> Container:
    d = _obj(data, "container")
    _known_keys(d, CONTAINER_KEYS, "container")
    name = str(d.get("name", ""))
    what = f"container {name!r}" if name else "container"
    return Container(
        length=_num(d, "length", what),
        width=_num(d, "width", what),
        height=_num(d, "height", what),
        max_payload=_num(d, "max_payload", what, math.inf),
        name=name,
    )


def container_to_json(c: Container) -> dict[str, Any]:
    return {
        "name": c.name,
        "length": c.length,
        "width": c.width,
        "height": c.height,
        "max_payload": c.max_payload if math.isfinite(c.max_payload) else None,
    }


def box_from_json(data: Any, index: int) -> BoxType:
    """Read box ``index`` of the JSON problem; errors carry the field ``boxes.<index>``."""
    try:
        return _box_from_json(data, index)
    except PackingInputError as e:
        raise PackingInputError(e.message, _under(f"boxes.{index}", e.field)) from None


def _box_from_json(data: Any, index: int) -> BoxType:
    d = _obj(data, f"box #{index + 1}")
    _known_keys(d, BOX_KEYS, f"box #{index + 1}")
    if "id" not in d or d["id"] in (None, ""):
        raise PackingInputError(f"box #{index + 1}: 'id' is missing")
    bid = str(d["id"])
    what = f"box {bid!r}"
    qty = d.get("quantity", 1)
    if isinstance(qty, bool) or not isinstance(qty, int):
        raise PackingInputError(f"{what}: 'quantity' must be an integer, got {qty!r}")
    if "allowed_vertical" in d and d["allowed_vertical"] is not None:
        av = d["allowed_vertical"]
        if (
            not isinstance(av, list | tuple)
            or len(av) != 3
            or not all(isinstance(v, bool) for v in av)
        ):
            raise PackingInputError(f"{what}: 'allowed_vertical' must be three booleans")
        allowed = (bool(av[0]), bool(av[1]), bool(av[2]))
    elif d.get("this_side_up"):
        allowed = (False, False, True)
    else:
        allowed = (True, True, True)
    mlt = d.get("max_load_on_top")
    stop = d.get("stop")
    if stop is None:
        stop = 1
    elif isinstance(stop, bool) or not isinstance(stop, int):
        raise PackingInputError(f"{what}: 'stop' must be a whole number, got {stop!r}", "stop")
    return BoxType(
        id=bid,
        l=_num(d, "l", what),
        w=_num(d, "w", what),
        h=_num(d, "h", what),
        quantity=qty,
        weight=_num(d, "weight", what, 0.0),
        allowed_vertical=allowed,
        max_load_on_top=None if mlt is None else _num(d, "max_load_on_top", what),
        stop=stop,
    )


def box_to_json(b: BoxType) -> dict[str, Any]:
    return {
        "id": b.id,
        "l": b.l,
        "w": b.w,
        "h": b.h,
        "quantity": b.quantity,
        "weight": b.weight,
        "allowed_vertical": list(b.allowed_vertical),
        "max_load_on_top": b.max_load_on_top,
        "stop": b.stop,
    }


def options_from_json(data: Any) -> Options:
    if data is None:
        return Options()
    d = _obj(data, "options")
    _known_keys(d, OPTION_KEYS, "options")
    msw = d.get("max_stack_weight")
    work = d.get("work_limit")
    if work is not None and (isinstance(work, bool) or not isinstance(work, int)):
        raise PackingInputError("options: work_limit must be a whole number", "work_limit")
    return Options(
        min_support_ratio=_num(d, "min_support_ratio", "options", 1.0),
        max_stack_weight=None if msw is None else _num(d, "max_stack_weight", "options"),
        time_limit_s=_num(d, "time_limit_s", "options", 5.0),
        work_limit=work,
        workers=1 if d.get("workers") is None else d["workers"],
    )


def problem_from_json(payload: Any) -> tuple[Container, list[BoxType], Options]:
    """Read and validate a problem; raise :class:`PackingInputError` naming what is wrong."""
    d = _obj(payload, "the problem")
    _known_keys(d, PROBLEM_KEYS, "the problem")
    container = container_from_json(d.get("container"))
    raw = d.get("boxes")
    if not isinstance(raw, list) or not raw:
        raise PackingInputError("'boxes' must be a non-empty list", "boxes")
    check_box_types(len(raw))  # before reading the boxes: the list itself may be huge
    boxes = [box_from_json(b, i) for i, b in enumerate(raw)]
    try:
        validate(container, boxes)
    except PackingInputError as e:
        if e.field:  # a limit of the whole load (``boxes``)
            raise
        # validate() names the box by id: point at its place in the list too.
        index = next((i for i, b in enumerate(boxes) if f"box {b.id!r}" in e.message), None)
        raise PackingInputError(e.message, None if index is None else f"boxes.{index}") from None
    try:
        options = options_from_json(d.get("options"))
    except PackingInputError as e:
        raise PackingInputError(e.message, _under("options", e.field)) from None
    return container, boxes, options


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The plan as plain JSON values."""
    return {
        "container": container_to_json(plan.container),
        "placements": [
            {"box": p.box_type_id, "x": p.x, "y": p.y, "z": p.z, "dx": p.dx, "dy": p.dy, "dz": p.dz}
            for p in plan.placements
        ],
        "unplaced": dict(plan.unplaced),
        "volume_utilisation": plan.volume_utilisation,
        "weight_utilisation": plan.weight_utilisation,
        "total_weight": plan.total_weight,
        "centre_of_gravity": list(plan.centre_of_gravity) if plan.centre_of_gravity else None,
        "elapsed_s": plan.elapsed_s,
        "work": plan.work,
        "stopped_by_clock": plan.stopped_by_clock,
    }


def plan_from_json(data: Any) -> Plan:
    """Read back a plan written by :func:`plan_to_json` (extra keys are ignored)."""
    d = _obj(data, "the plan")
    container = container_from_json(d.get("container"))
    raw = d.get("placements", [])
    if not isinstance(raw, list):
        raise PackingInputError("'placements' must be a list")
    placements = []
    for i, r in enumerate(raw):
        p = _obj(r, f"placement #{i}")
        what = f"placement #{i}"
        placements.append(
            Placement(
                box_type_id=str(p.get("box", "")),
                x=_num(p, "x", what),
                y=_num(p, "y", what),
                z=_num(p, "z", what),
                dx=_num(p, "dx", what),
                dy=_num(p, "dy", what),
                dz=_num(p, "dz", what),
            )
        )
    cog = d.get("centre_of_gravity")
    unplaced = d.get("unplaced") or {}
    return Plan(
        container=container,
        placements=tuple(placements),
        unplaced={str(k): int(v) for k, v in _obj(unplaced, "unplaced").items()},
        volume_utilisation=float(d.get("volume_utilisation", 0.0)),
        weight_utilisation=float(d.get("weight_utilisation", 0.0)),
        total_weight=float(d.get("total_weight", 0.0)),
        centre_of_gravity=(float(cog[0]), float(cog[1]), float(cog[2])) if cog else None,
        elapsed_s=float(d.get("elapsed_s", 0.0)),
        work=int(d.get("work", 0)),
        stopped_by_clock=bool(d.get("stopped_by_clock", False)),
    )


def pack_json(payload: dict[str, Any]) -> dict[str, Any]:
    """Solve a JSON problem and return the JSON plan, with the checker's ``violations``.

    Raises :class:`PackingInputError` (a ``TradeInputError``, so a ``ValueError``) with a
    message naming the box or field at fault and ``field`` its JSON path, e.g. a box larger than the container in every allowed orientation or a
    size that is zero or negative.
    """
    container, boxes, options = problem_from_json(payload)
    plan = solve_stops(container, boxes, options)
    out = plan_to_json(plan)
    stop_of = {b.id: b.stop for b in boxes}
    if len(set(stop_of.values())) > 1:  # multi-drop: each placement's stop
        for row in out["placements"]:
            row["stop"] = stop_of.get(row["box"], 1)
    out["violations"] = [
        {"kind": v.kind, "message": v.message, "boxes": list(v.boxes)}
        for v in check(container, boxes, plan, options)
    ]
    return out
