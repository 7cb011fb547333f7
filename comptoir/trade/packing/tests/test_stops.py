"""Multi-drop (issue 18): the last stop loaded first, each stop's goods at the doors."""

from __future__ import annotations

import random
import time
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comptoir.trade.packing import (
    BoxType,
    Container,
    Options,
    PackingInputError,
    Placement,
    Plan,
    VehicleOffer,
    check,
    choose_vehicles,
    pack_json,
    palletise,
    palletise_by_product,
    pallets_as_boxes,
    solve,
    solve_stops,
)
from comptoir.trade.packing import solver as solver_module
from comptoir.trade.packing.fleet import Vehicle
from comptoir.trade.packing.limits import MAX_STOPS
from comptoir.trade.packing.model import summarise

C = Container(300, 100, 100)
QUICK = Options(min_support_ratio=1.0, time_limit_s=0.3, work_limit=150_000)


def _blocking(plan: Plan, boxes: list[BoxType]) -> list[tuple[int, int]]:
    """Naive pairwise test (no grid, no sharing with the checker): pairs (a, b) where b, of
    a later stop, lies wholly nearer the doors (x = length) than a, cross-sections meeting."""
    stop = {b.id: b.stop for b in boxes}
    ps = plan.placements
    out = []
    for i, a in enumerate(ps):
        for j, b in enumerate(ps):
            if stop[b.box_type_id] <= stop[a.box_type_id]:
                continue
            meet_y = min(a.y2, b.y2) - max(a.y, b.y) > 1e-6
            meet_z = min(a.z2, b.z2) - max(a.z, b.z) > 1e-6
            if meet_y and meet_z and b.x >= a.x2 - 1e-6:
                out.append((i, j))
    return out


# ----------------------------------------------------------------------- the value


@pytest.mark.parametrize("bad", [0, -1, MAX_STOPS + 1, 1.5, True, "2"])
def test_a_stop_out_of_bounds_is_refused(bad: Any) -> None:
    with pytest.raises(PackingInputError) as err:
        BoxType("A", 10, 10, 10, stop=bad)
    assert err.value.field == "stop"
    assert "stop" in err.value.message


def test_the_default_stop_is_one() -> None:
    assert BoxType("A", 10, 10, 10).stop == 1
    assert BoxType("A", 10, 10, 10, stop=MAX_STOPS).stop == MAX_STOPS


# --------------------------------------------------------------------- the checker


A1 = BoxType("A", 50, 100, 100, quantity=2, stop=1)
B2 = BoxType("B", 50, 100, 100, quantity=2, stop=2)


def kinds(placements: list[Placement]) -> list[str]:
    boxes = [A1, B2]
    plan = summarise(C, boxes, tuple(placements))
    return sorted(v.kind for v in check(C, boxes, plan, Options()))


def test_checker_accepts_the_last_stop_at_the_front_wall() -> None:
    assert (
        kinds([Placement("B", 0, 0, 0, 50, 100, 100), Placement("A", 50, 0, 0, 50, 100, 100)]) == []
    )


def test_checker_catches_a_later_stop_between_an_earlier_one_and_the_doors() -> None:
    ps = [Placement("A", 0, 0, 0, 50, 100, 100), Placement("B", 50, 0, 0, 50, 100, 100)]
    boxes = [A1, B2]
    violations = check(C, boxes, summarise(C, boxes, tuple(ps)), Options())
    assert [v.kind for v in violations] == ["stop_order"]
    assert violations[0].boxes == (0, 1)
    assert "stop 2" in violations[0].message and "doors" in violations[0].message


def test_checker_catches_it_far_away_and_partly_overlapping() -> None:
    small1 = BoxType("A", 20, 30, 30, quantity=1, stop=1)
    small3 = BoxType("B", 20, 30, 30, quantity=1, stop=3)
    boxes = [small1, small3]
    # Stop 3 box 200 cm nearer the doors, its cross-section overlapping by 5 x 5 cm.
    ps = (Placement("A", 0, 0, 0, 20, 30, 30), Placement("B", 220, 25, 25, 20, 30, 30))
    assert [v.kind for v in check(C, boxes, summarise(C, boxes, ps), Options(0.0))] == [
        "stop_order"
    ]
    # Side by side (cross-sections only touching): either may come out first.
    ps = (Placement("A", 0, 0, 0, 20, 30, 30), Placement("B", 220, 30, 0, 20, 30, 30))
    assert check(C, boxes, summarise(C, boxes, ps), Options(0.0)) == []


def test_checker_lets_an_earlier_stop_stand_on_top_of_a_later_one() -> None:
    low = BoxType("B", 100, 100, 50, stop=2)
    high = BoxType("A", 100, 100, 50, stop=1)
    boxes = [high, low]
    ps = (Placement("B", 0, 0, 0, 100, 100, 50), Placement("A", 0, 0, 50, 100, 100, 50))
    assert check(C, boxes, summarise(C, boxes, ps), Options()) == []


# ---------------------------------------------------------------------- the solver


def _load(seed: int, stops: int, types: int = 9) -> list[BoxType]:
    rng = random.Random(seed)
    return [
        BoxType(
            f"T{i}",
            rng.randint(20, 60),
            rng.randint(20, 50),
            rng.randint(15, 45),
            quantity=rng.randint(2, 8),
            weight=rng.choice([2.0, 8.0, 15.0]),
            stop=i % stops + 1,
        )
        for i in range(types)
    ]


def test_a_single_stop_load_gets_the_solver_s_plan_unchanged() -> None:
    boxes = _load(3, 1)
    for given_stop in (1, 4):  # all boxes at one stop, whichever its number
        same = [replace(b, stop=given_stop) for b in boxes]
        a = solve(Container(240, 120, 110), same, QUICK)
        b = solve_stops(Container(240, 120, 110), same, QUICK)
        assert a.placements == b.placements and a.work == b.work


def test_three_stops_all_loaded_in_stop_order() -> None:
    container = Container(600, 240, 240)
    boxes = _load(7, 3)
    plan = solve_stops(container, boxes, QUICK)
    assert plan.unplaced == {}
    assert check(container, boxes, plan, QUICK) == []
    assert _blocking(plan, boxes) == []
    stop = {b.id: b.stop for b in boxes}
    # The last stop against the front wall, stop 1 towards the doors.
    first = [p for p in plan.placements if stop[p.box_type_id] == 1]
    last = [p for p in plan.placements if stop[p.box_type_id] == 3]
    assert min(p.x for p in last) == 0
    assert max(p.x2 for p in first) > max(p.x2 for p in last)
    # Loading order: the boxes of stop 3 go in before those of stop 1.
    order = [stop[p.box_type_id] for p in plan.placements]
    assert order.index(1) > max(i for i, s in enumerate(order) if s == 3)


def test_the_same_multi_drop_plan_every_time() -> None:
    container = Container(400, 200, 200)
    boxes = _load(11, 2)
    first = solve_stops(container, boxes, QUICK)
    again = solve_stops(container, boxes, QUICK)
    assert first.placements == again.placements and first.work == again.work
    assert not first.stopped_by_clock


def test_a_slower_clock_does_not_change_the_multi_drop_plan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each stop and each length tried is a sub-problem: the safety stop of each is the
    # whole plan's, not a share of it, so a machine four times slower gives the same plan.
    container = Container(400, 200, 200)
    boxes = _load(13, 3)
    opts = Options(min_support_ratio=1.0, time_limit_s=0.5, work_limit=150_000)
    normal = solve_stops(container, boxes, opts)
    origin, cpu_start = time.monotonic(), time.process_time()
    monkeypatch.setattr(
        solver_module.time,
        "monotonic",
        lambda: origin + 4 * (time.process_time() - cpu_start),
    )
    slow = solve_stops(container, boxes, opts)
    assert slow.placements == normal.placements and slow.work == normal.work
    assert not slow.stopped_by_clock


def test_a_stop_that_finds_no_room_is_reported_unplaced() -> None:
    container = Container(100, 100, 100)
    boxes = [
        BoxType("far", 100, 100, 100, quantity=1, stop=2),
        BoxType("near", 50, 50, 50, quantity=3, stop=1),
    ]
    plan = solve_stops(container, boxes, QUICK)
    assert plan.counts() == {"far": 1}
    assert plan.unplaced == {"near": 3}
    assert check(container, boxes, plan, QUICK) == []


# ------------------------------------------------------------------ property test

sizes = st.integers(min_value=8, max_value=60)


@st.composite
def problems(draw: st.DrawFn) -> tuple[Container, list[BoxType], Options]:
    container = Container(
        draw(st.integers(80, 250)),
        draw(st.integers(40, 120)),
        draw(st.integers(30, 120)),
        max_payload=draw(st.sampled_from([float("inf"), 400.0])),
    )
    n = draw(st.integers(2, 6))
    boxes = [
        BoxType(
            id=f"T{i}",
            l=draw(sizes),
            w=draw(sizes),
            h=draw(sizes),
            quantity=draw(st.integers(0, 12)),
            weight=draw(st.sampled_from([0.0, 2.0, 9.0])),
            allowed_vertical=draw(st.sampled_from([(True, True, True), (False, False, True)])),
            max_load_on_top=draw(st.sampled_from([None, None, 20.0])),
            stop=draw(st.integers(1, 4)),
        )
        for i in range(n)
    ]
    options = Options(
        min_support_ratio=draw(st.sampled_from([0.0, 0.8, 1.0])),
        time_limit_s=0.2,
        work_limit=draw(st.sampled_from([5_000, 40_000])),
    )
    return container, boxes, options


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(problems())
def test_every_multi_drop_plan_passes_the_checker_and_stop_1_is_at_the_doors(
    problem: tuple[Container, list[BoxType], Options],
) -> None:
    container, boxes, options = problem
    plan = solve_stops(container, boxes, options)
    assert check(container, boxes, plan, options) == []
    counts = plan.counts()
    for b in boxes:
        assert counts.get(b.id, 0) + plan.unplaced.get(b.id, 0) == b.quantity
    # Independently of the checker: nothing of a later stop between any box and the doors,
    # so in particular every box of stop 1 comes out first.
    assert _blocking(plan, boxes) == []
    stop = {b.id: b.stop for b in boxes}
    for i, p in enumerate(plan.placements):
        if stop[p.box_type_id] == 1:
            assert not [j for a, j in _blocking(plan, boxes) if a == i]


# ------------------------------------------------------------- JSON, pallets, fleet


def _problem(**box: Any) -> dict[str, Any]:
    return {
        "container": {"length": 300, "width": 100, "height": 100},
        "boxes": [
            {"id": "A", "l": 50, "w": 50, "h": 50, "quantity": 4, "stop": 1},
            {"id": "B", "l": 50, "w": 50, "h": 50, "quantity": 4, **box},
        ],
        "options": {"time_limit_s": 0.2, "work_limit": 50_000},
    }


def test_pack_json_reads_the_stop_and_says_each_placement_s_stop() -> None:
    out = pack_json(_problem(stop=2))
    assert out["violations"] == []
    assert {r["box"]: r["stop"] for r in out["placements"]} == {"A": 1, "B": 2}
    b_end = max(r["x"] + r["dx"] for r in out["placements"] if r["box"] == "B")
    a_start = min(r["x"] for r in out["placements"] if r["box"] == "A")
    assert b_end <= a_start + 1e-6


@pytest.mark.parametrize("bad", [0, 2.5, "2", True, MAX_STOPS + 1])
def test_pack_json_refuses_a_bad_stop_naming_the_field(bad: Any) -> None:
    with pytest.raises(PackingInputError) as err:
        pack_json(_problem(stop=bad))
    assert err.value.field == "boxes.1.stop"


def test_pack_json_still_refuses_unknown_keys() -> None:
    with pytest.raises(PackingInputError) as err:
        pack_json(_problem(drop=2))
    assert err.value.field == "boxes.1.drop"


def test_pallets_never_mix_stops() -> None:
    cartons = [
        BoxType("X", 40, 30, 30, quantity=20, weight=5, stop=1),
        BoxType("Y", 40, 30, 30, quantity=20, weight=5, stop=2),
    ]
    for build in (palletise, palletise_by_product):
        loads = build(cartons, options=Options(time_limit_s=0.2, work_limit=30_000))
        for load in loads:
            types = set(load.plan.counts())
            assert types in ({"X"}, {"Y"})
            assert load.stop == (1 if types == {"X"} else 2)
        items = pallets_as_boxes(loads)
        assert {b.stop for b in items} == {1, 2}
        assert sum(b.quantity for b in items if b.stop == 2) == sum(
            1 for load in loads if load.stop == 2
        )


def test_each_vehicle_of_a_shipment_keeps_the_stop_order() -> None:
    boxes = [replace(b, quantity=b.quantity * 3) for b in _load(5, 3)]
    truck = Vehicle("T", "truck", 300, 200, 200, 20_000)
    shipment = choose_vehicles(boxes, [VehicleOffer(truck, Decimal(100), "EUR")], QUICK)
    assert len(shipment.units) >= 1
    for unit in shipment.units:
        assert check(unit.plan.container, boxes, unit.plan, QUICK) == []
