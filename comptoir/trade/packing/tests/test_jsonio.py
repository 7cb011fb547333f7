"""JSON in and out, and clear errors for bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest

from comptoir.trade.errors import TradeInputError
from comptoir.trade.packing import (
    BoxType,
    Container,
    PackingInputError,
    check,
    pack_json,
    plan_from_json,
    plan_to_json,
    problem_from_json,
)


def problem(**box: Any) -> dict[str, Any]:
    b = {"id": "CTN-A", "l": 60, "w": 40, "h": 30, "quantity": 10, "weight": 12}
    b.update(box)
    return {
        "container": {"length": 120, "width": 80, "height": 100, "max_payload": 1000},
        "boxes": [b],
        "options": {"time_limit_s": 0.5},
    }


def test_pack_json_gives_a_valid_plan_that_round_trips() -> None:
    out = pack_json(problem())
    assert out["violations"] == []
    assert len(out["placements"]) == 10
    assert out["unplaced"] == {}
    assert out["total_weight"] == 120
    json.dumps(out)  # plain JSON values only
    plan = plan_from_json(json.loads(json.dumps(out)))
    container, boxes, options = problem_from_json(problem())
    assert check(container, boxes, plan, options) == []
    assert plan_to_json(plan)["placements"] == out["placements"]
    # The output says how much search was done and whether the clock had to stop it.
    assert out["work"] > 0 and out["stopped_by_clock"] is False
    assert plan.work == out["work"]


def test_work_limit_option_gives_the_same_plan_every_time() -> None:
    p = problem(quantity=7, l=37, w=23, h=19)
    p["options"] = {"time_limit_s": 10, "work_limit": 20_000, "min_support_ratio": 0}
    first, second = pack_json(p), pack_json(p)
    assert first["placements"] == second["placements"]
    assert first["violations"] == []


def test_workers_option_is_read_and_gives_the_same_plan_every_time() -> None:
    p = problem(quantity=7, l=37, w=23, h=19)
    p["options"] = {"work_limit": 20_000, "min_support_ratio": 0, "workers": 2}
    _, _, options = problem_from_json(p)
    assert options.workers == 2
    first, second = pack_json(p), pack_json(p)
    assert first["placements"] == second["placements"]
    assert first["violations"] == []
    p["options"]["workers"] = None  # null: the default, one search
    assert problem_from_json(p)[2].workers == 1


def test_this_side_up_shorthand() -> None:
    _, boxes, _ = problem_from_json(problem(this_side_up=True))
    assert boxes[0].allowed_vertical == (False, False, True)


@pytest.mark.parametrize(
    ("box", "words"),
    [
        ({"l": -60}, ["CTN-A", "length", "positive"]),
        ({"w": 0}, ["CTN-A", "width", "positive"]),
        ({"h": "tall"}, ["CTN-A", "'h'", "number"]),
        ({"l": 130, "w": 90, "h": 110}, ["CTN-A", "no allowed orientation"]),
        (
            {"l": 40, "w": 30, "h": 110, "allowed_vertical": [False, False, True]},
            ["CTN-A", "no allowed orientation"],
        ),
        ({"quantity": -1}, ["CTN-A", "quantity"]),
        ({"weight": 2000}, ["CTN-A", "maximum payload"]),
    ],
)
def test_bad_box_is_named(box: dict[str, Any], words: list[str]) -> None:
    with pytest.raises(PackingInputError) as err:
        pack_json(problem(**box))
    assert isinstance(err.value, ValueError)
    assert isinstance(err.value, TradeInputError)
    assert err.value.field == "boxes.0"
    assert err.value.as_dict()["field"] == "boxes.0"
    for w in words:
        assert w in err.value.message


def test_bad_container_and_shape() -> None:
    p = problem()
    p["container"]["height"] = -1
    with pytest.raises(PackingInputError, match="container: height"):
        pack_json(p)
    with pytest.raises(PackingInputError, match="boxes"):
        pack_json({"container": problem()["container"], "boxes": []})
    with pytest.raises(PackingInputError, match="JSON object"):
        pack_json([])  # type: ignore[arg-type]
    p = problem()
    p["boxes"].append(dict(p["boxes"][0]))
    with pytest.raises(PackingInputError, match="used twice"):
        pack_json(p)


def test_constructors_validate() -> None:
    with pytest.raises(PackingInputError, match="box 'X': length"):
        BoxType("X", 0, 1, 1)
    with pytest.raises(PackingInputError, match="allowed_vertical"):
        BoxType("X", 1, 1, 1, allowed_vertical=(False, False, False))
    with pytest.raises(PackingInputError, match="width"):
        Container(1, -2, 1)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"boxes.0.quantity": 10**12}, "boxes.0.quantity", ["quantity", "50 000"]),
        ({"boxes.0.l": 5000}, "boxes.0.l", ["CTN-A", "2 000 cm"]),
        ({"boxes.0.weight": 10**7}, "boxes.0.weight", ["weight", "kg"]),
        ({"container.length": 10**6}, "container.length", ["length", "2 000 cm"]),
        ({"container.max_payload": 10**9}, "container.max_payload", ["max_payload"]),
        ({"options.time_limit_s": 3600}, "options.time_limit_s", ["time_limit_s", "60 s"]),
        ({"options.max_stack_weight": 10**9}, "options.max_stack_weight", ["max_stack_weight"]),
        ({"options.work_limit": 10**12}, "options.work_limit", ["work_limit", "48 000 000"]),
        ({"options.work_limit": "many"}, "options.work_limit", ["whole number"]),
        ({"options.work_limit": -1}, "options.work_limit", ["negative"]),
        ({"options.workers": 17}, "options.workers", ["workers", "between 1 and 16"]),
        ({"options.workers": 0}, "options.workers", ["workers", "between 1 and 16"]),
        ({"options.workers": "two"}, "options.workers", ["whole number"]),
        (
            {"options.workers": 16, "options.time_limit_s": 60},
            "options.workers",
            ["16 workers", "192 000 000"],
        ),
    ],
)
def test_costly_input_is_refused_naming_the_field(
    change: dict[str, Any], field: str, words: list[str]
) -> None:
    # A quantity of 10**12 tiny boxes once took the server past 6 GB in ten seconds.
    p = problem(l=1, w=1, h=1)
    for path, value in change.items():
        where: Any = p
        *parents, last = path.split(".")
        for key in parents:
            where = where[int(key)] if key.isdigit() else where[key]
        where[last] = value
    with pytest.raises(PackingInputError) as err:
        pack_json(p)
    assert err.value.field == field
    for w in words:
        assert w in err.value.message


def test_too_many_boxes_or_box_types_in_all_are_refused() -> None:
    from comptoir.trade.packing.limits import MAX_BOX_TYPES, MAX_BOXES

    p = problem()
    p["boxes"] = [dict(p["boxes"][0], id=f"T{i}", quantity=1) for i in range(MAX_BOX_TYPES + 1)]
    with pytest.raises(PackingInputError, match="box types") as err:
        pack_json(p)
    assert err.value.field == "boxes"
    p["boxes"] = [dict(p["boxes"][0], id=f"T{i}", quantity=MAX_BOXES // 2) for i in range(3)]
    with pytest.raises(PackingInputError, match="boxes in all") as err:
        pack_json(p)
    assert err.value.field == "boxes"


def test_the_engine_itself_refuses_an_unbounded_load() -> None:
    from comptoir.trade.packing import Options, solve
    from comptoir.trade.packing.limits import MAX_BOXES

    container = Container(100, 100, 100)
    many = [BoxType(f"T{i}", 1, 1, 1, quantity=MAX_BOXES) for i in range(2)]
    with pytest.raises(PackingInputError, match="boxes in all"):
        solve(container, many, Options(time_limit_s=0.1))
    with pytest.raises(PackingInputError, match="time_limit_s"):
        Options(time_limit_s=10**6)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda p: p.update(option={}), "option"),
        (lambda p: p["container"].update(lenght=10), "container.lenght"),
        (lambda p: p["boxes"][0].update(qty=3), "boxes.0.qty"),
        (lambda p: p.update(options={"timelimit": 1}), "options.timelimit"),
    ],
)
def test_an_unknown_key_is_refused_naming_it(change: Any, field: str) -> None:
    payload = problem()
    change(payload)
    with pytest.raises(TradeInputError) as info:
        pack_json(payload)
    assert info.value.field == field and "unknown key" in info.value.message
