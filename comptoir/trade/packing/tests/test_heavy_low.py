"""Heavy goods low, fragile on top (issue 18; CTU Code annex 7, 3.1.3).

``max_load_on_top`` is a hard rule (the checker's ``stacking``); the ranking of the blocks
then prefers dense boxes on the lower floors and fragile ones on the upper floors, and the
checker's advice :func:`heavy_on_light` lists the heavy boxes resting on lighter ones.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comptoir.trade.packing import BoxType, Container, Options, Plan, check, solve
from comptoir.trade.packing import solver as solver_module
from comptoir.trade.packing.checker import heavy_on_light

FULL = Options(min_support_ratio=1.0, work_limit=200_000)


def _weight_height(plan: Plan, weights: dict[str, float]) -> float:
    """Mean height of the boxes' centres, weighted by their weights."""
    total = sum(weights[p.box_type_id] for p in plan.placements)
    return sum(weights[p.box_type_id] * (p.z + p.dz / 2) for p in plan.placements) / total


def test_the_heavy_cartons_go_on_the_floor() -> None:
    # Two layers of 4 cartons each: the heavy layer must be the lower one.
    container = Container(100, 100, 100)
    boxes = [
        BoxType("LIGHT", 50, 50, 50, quantity=4, weight=2, allowed_vertical=(False, False, True)),
        BoxType("HEAVY", 50, 50, 50, quantity=4, weight=40, allowed_vertical=(False, False, True)),
    ]
    plan = solve(container, boxes, FULL)
    assert plan.unplaced == {}
    assert check(container, boxes, plan, FULL) == []
    assert {p.z for p in plan.placements if p.box_type_id == "HEAVY"} == {0}
    assert heavy_on_light(container, boxes, plan) == []


def test_the_ranking_lowers_the_centre_of_gravity(monkeypatch: pytest.MonkeyPatch) -> None:
    container = Container(120, 80, 90)
    boxes = [
        BoxType("A", 40, 40, 30, quantity=12, weight=3, allowed_vertical=(False, False, True)),
        BoxType("B", 40, 40, 30, quantity=12, weight=30, allowed_vertical=(False, False, True)),
        BoxType("C", 40, 20, 30, quantity=12, weight=8, allowed_vertical=(False, False, True)),
    ]
    weights = {b.id: b.weight for b in boxes}
    graded = solve(container, boxes, FULL)
    monkeypatch.setattr(solver_module, "GRADE_W", 0.0)
    plain = solve(container, boxes, FULL)
    assert check(container, boxes, graded, FULL) == []
    assert graded.volume_utilisation >= plain.volume_utilisation - 1e-9
    assert _weight_height(graded, weights) < _weight_height(plain, weights)


def test_fragile_cartons_are_kept_for_the_top() -> None:
    # Fragile cartons on the floor would waste the room above them (nothing may rest on
    # them): they go on top of the sturdy ones and everything is loaded.
    container = Container(100, 100, 100)
    boxes = [
        BoxType(
            "GLASS",
            50,
            50,
            50,
            quantity=4,
            weight=5,
            max_load_on_top=0,
            allowed_vertical=(False, False, True),
        ),
        BoxType("TINS", 50, 50, 50, quantity=4, weight=5, allowed_vertical=(False, False, True)),
    ]
    plan = solve(container, boxes, FULL)
    assert plan.unplaced == {}
    assert check(container, boxes, plan, FULL) == []
    assert {p.z for p in plan.placements if p.box_type_id == "GLASS"} == {50}


def test_heavy_on_light_names_both_boxes_and_says_fragile() -> None:
    container = Container(100, 100, 100)
    boxes = [
        BoxType("EGGS", 50, 50, 50, quantity=1, weight=2, max_load_on_top=1),
        BoxType("IRON", 50, 50, 50, quantity=1, weight=50),
    ]
    from comptoir.trade.packing.model import Placement, summarise

    stacked = summarise(
        container,
        boxes,
        (Placement("EGGS", 0, 0, 0, 50, 50, 50), Placement("IRON", 0, 0, 50, 50, 50, 50)),
    )
    advice = heavy_on_light(container, boxes, stacked)
    assert [(v.kind, v.boxes) for v in advice] == [("heavy_on_light", (1, 0))]
    assert "fragile" in advice[0].message and "IRON" in advice[0].message
    # The hard rule says the same in its own words.
    assert [v.kind for v in check(container, boxes, stacked, FULL)] == ["stacking"]
    side_by_side = summarise(
        container,
        boxes,
        (Placement("EGGS", 0, 0, 0, 50, 50, 50), Placement("IRON", 50, 0, 0, 50, 50, 50)),
    )
    assert heavy_on_light(container, boxes, side_by_side) == []


sizes = st.integers(min_value=10, max_value=50)


@st.composite
def fragile_loads(draw: st.DrawFn) -> tuple[Container, list[BoxType], Options]:
    container = Container(
        draw(st.integers(60, 150)), draw(st.integers(40, 100)), draw(st.integers(40, 100))
    )
    n = draw(st.integers(2, 4))
    boxes = [
        BoxType(
            id=f"T{i}",
            l=draw(sizes),
            w=draw(sizes),
            h=draw(sizes),
            quantity=draw(st.integers(1, 15)),
            weight=draw(st.sampled_from([1.0, 4.0, 12.0])),
            allowed_vertical=draw(st.sampled_from([(True, True, True), (False, False, True)])),
            # the first type is always fragile
            max_load_on_top=0.0 if i == 0 else draw(st.sampled_from([None, 0.0, 20.0])),
        )
        for i in range(n)
    ]
    options = Options(min_support_ratio=draw(st.sampled_from([0.0, 0.8, 1.0])), work_limit=60_000)
    return container, boxes, options


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(fragile_loads())
def test_nothing_rests_on_a_box_that_may_carry_nothing(
    problem: tuple[Container, list[BoxType], Options],
) -> None:
    container, boxes, options = problem
    plan = solve(container, boxes, options)
    assert check(container, boxes, plan, options) == []
    fragile = {b.id for b in boxes if b.max_load_on_top == 0}
    ps = plan.placements
    for a in ps:
        for q in ps:
            if q.box_type_id not in fragile or abs(q.z2 - a.z) > 1e-6:
                continue
            overlap_x = min(a.x2, q.x2) - max(a.x, q.x)
            overlap_y = min(a.y2, q.y2) - max(a.y, q.y)
            assert overlap_x <= 1e-6 or overlap_y <= 1e-6, (a, q)
