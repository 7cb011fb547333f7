"""The solver on small cases with a known optimum, and its constraints."""

from __future__ import annotations

import math

import pytest

from comptoir.trade.packing import BoxType, Container, Options, check, solve

FAST = Options(time_limit_s=1.0)


def test_identical_boxes_tile_the_container_exactly() -> None:
    c = Container(100, 60, 40)
    boxes = [BoxType("A", 20, 30, 10, quantity=40)]
    plan = solve(c, boxes, FAST)
    assert plan.volume_utilisation == pytest.approx(1.0)
    assert plan.unplaced == {}
    assert check(c, boxes, plan, FAST) == []
    assert plan.centre_of_gravity == pytest.approx((50, 30, 20))


def test_tiling_needs_a_rotation() -> None:
    # 30 x 20 boxes standing upright only, in a 60 x 90 floor: three rows of two turned.
    c = Container(60, 90, 20)
    boxes = [BoxType("A", 20, 30, 20, quantity=9, allowed_vertical=(False, False, True))]
    plan = solve(c, boxes, FAST)
    assert plan.volume_utilisation == pytest.approx(1.0)
    assert check(c, boxes, plan, FAST) == []


def test_two_types_tile_exactly() -> None:
    c = Container(100, 100, 50)
    boxes = [
        BoxType("big", 50, 50, 50, quantity=2),
        BoxType("small", 50, 50, 25, quantity=4, allowed_vertical=(False, False, True)),
    ]
    plan = solve(c, boxes, FAST)
    assert plan.volume_utilisation == pytest.approx(1.0)
    assert check(c, boxes, plan, FAST) == []


def test_decimal_sizes_are_exact() -> None:
    c = Container(79.5, 53, 30)
    boxes = [BoxType("A", 26.5, 26.5, 10, quantity=18)]
    plan = solve(c, boxes, FAST)
    assert plan.volume_utilisation == pytest.approx(1.0)
    assert check(c, boxes, plan, FAST) == []
    assert {p.x for p in plan.placements} == {0, 26.5, 53}


def test_box_that_fits_nowhere_is_left_out() -> None:
    c = Container(100, 100, 100)
    boxes = [BoxType("huge", 150, 20, 20, quantity=1), BoxType("ok", 10, 10, 10, quantity=3)]
    plan = solve(c, boxes, FAST)
    assert plan.unplaced == {"huge": 1}
    assert plan.counts() == {"ok": 3}


def test_payload_is_kept() -> None:
    c = Container(100, 100, 100, max_payload=95)
    boxes = [BoxType("A", 10, 10, 10, quantity=20, weight=10)]
    plan = solve(c, boxes, FAST)
    assert plan.placed_count == 9
    assert plan.total_weight == pytest.approx(90)
    assert plan.weight_utilisation == pytest.approx(90 / 95)
    assert check(c, boxes, plan, FAST) == []


def test_not_stackable_boxes_stay_on_the_floor() -> None:
    c = Container(100, 100, 100)
    boxes = [BoxType("P", 50, 50, 40, quantity=8, weight=100, max_load_on_top=0)]
    plan = solve(c, boxes, FAST)
    assert plan.placed_count == 4
    assert all(p.z == 0 for p in plan.placements)
    assert check(c, boxes, plan, FAST) == []


def test_max_stack_weight_limits_columns() -> None:
    c = Container(20, 20, 100)
    boxes = [
        BoxType("A", 20, 20, 10, quantity=10, weight=10, allowed_vertical=(False, False, True))
    ]
    opts = Options(max_stack_weight=30, time_limit_s=1)
    plan = solve(c, boxes, opts)
    assert plan.placed_count == 4  # the bottom box carries three
    assert check(c, boxes, plan, opts) == []


def test_full_support_plan_is_stackable() -> None:
    c = Container(120, 80, 100)
    boxes = [
        BoxType("A", 40, 30, 25, quantity=12, weight=8),
        BoxType("B", 35, 25, 20, quantity=10, weight=5),
        BoxType("C", 60, 40, 30, quantity=4, weight=12, allowed_vertical=(False, False, True)),
    ]
    opts = Options(time_limit_s=1)
    plan = solve(c, boxes, opts)
    assert plan.placed_count > 0
    assert check(c, boxes, plan, opts) == []


def test_loading_order_puts_supporters_first() -> None:
    c = Container(100, 100, 100)
    boxes = [BoxType("A", 50, 50, 50, quantity=8)]
    plan = solve(c, boxes, FAST)
    seen: list[tuple[float, float, float]] = []
    for p in plan.placements:
        if p.z > 0:
            assert (p.x, p.y, p.z - 50) in seen
        seen.append((p.x, p.y, p.z))


def test_empty_order_gives_empty_plan() -> None:
    c = Container(100, 100, 100)
    plan = solve(c, [BoxType("A", 10, 10, 10, quantity=0)], FAST)
    assert plan.placements == ()
    assert plan.centre_of_gravity is None
    assert not math.isnan(plan.volume_utilisation)


def test_zero_time_limit_still_gives_a_complete_greedy_plan() -> None:
    c = Container(100, 60, 40)
    boxes = [BoxType("A", 20, 30, 10, quantity=40)]
    opts = Options(time_limit_s=0)
    plan = solve(c, boxes, opts)
    assert plan.placed_count == 40
    assert check(c, boxes, plan, opts) == []
