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
