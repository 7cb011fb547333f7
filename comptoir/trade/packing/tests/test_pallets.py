"""Palletisation reuses the solver; loaded pallets then go into a container."""

from __future__ import annotations

import pytest

from comptoir.trade.packing import (
    EUR_PALLET,
    INDUSTRIAL_PALLET,
    BoxType,
    Container,
    Options,
    PackingInputError,
    check,
    pallet_space,
    palletise,
    palletise_by_product,
    pallets_as_boxes,
    solve,
)

OPTS = Options(time_limit_s=0.3)


def test_cartons_onto_eur_pallets() -> None:
    cartons = [
        BoxType("A", 40, 30, 30, quantity=50, weight=8, allowed_vertical=(False, False, True)),
        BoxType("B", 60, 40, 25, quantity=12, weight=15),
    ]
    loads = palletise(cartons, EUR_PALLET, max_height=160, options=OPTS)
    space = pallet_space(EUR_PALLET, 160)
    assert space.height == pytest.approx(160 - 14.4)
    placed: dict[str, int] = {}
    for load in loads:
        assert check(space, cartons, load.plan, OPTS) == []
        assert load.height <= 160 + 1e-9
        assert load.weight == pytest.approx(EUR_PALLET.tare_weight + load.plan.total_weight)
        for k, n in load.plan.counts().items():
            placed[k] = placed.get(k, 0) + n
    assert placed == {"A": 50, "B": 12}
    assert len(loads) == 2  # 1.56 m3 of cartons, 1.4 m3 per pallet


def test_loaded_pallets_into_a_container_not_stacked() -> None:
    cartons = [BoxType("A", 40, 40, 40, quantity=70, weight=10)]
    loads = palletise(cartons, INDUSTRIAL_PALLET, max_height=100, options=OPTS)
    pallets = pallets_as_boxes(loads)
    assert sum(p.quantity for p in pallets) == len(loads)
    truck = Container(1360, 245, 270, max_payload=24000, name="13.6 m trailer")
    opts = Options(time_limit_s=0.5)
    plan = solve(truck, pallets, opts)
    assert plan.unplaced == {}
    assert all(p.z == 0 for p in plan.placements)  # not stackable
    assert check(truck, pallets, plan, opts) == []


def test_carton_too_big_for_the_pallet_is_named() -> None:
    with pytest.raises(PackingInputError, match="'BIG'"):
        palletise([BoxType("BIG", 130, 90, 170, quantity=1)], EUR_PALLET, options=OPTS)
    with pytest.raises(PackingInputError, match="height limit"):
        pallet_space(EUR_PALLET, 10)


def test_single_reference_pallets_first_then_one_mixed_pallet() -> None:
    # Whole pallets of A, then the rest of A mixed with the few B on one pallet.
    a = BoxType("A", 40, 40, 30, quantity=130, weight=5, allowed_vertical=(False, False, True))
    b = BoxType("B", 60, 40, 30, quantity=3, weight=9, allowed_vertical=(False, False, True))
    loads = palletise_by_product([a, b], EUR_PALLET, max_height=180, options=OPTS)
    space = pallet_space(EUR_PALLET, 180)
    # 6 cartons of A per layer (3 x 2 of 40 x 40 on 120 x 80), 5 layers of 30 cm in 165.6 cm.
    per_pallet = 6 * 5
    full = [load for load in loads if set(load.plan.counts()) == {"A"}]
    assert len(full) == 130 // per_pallet  # 4 full pallets of A only
    assert all(load.plan.placed_count == per_pallet for load in full)
    mixed = loads[len(full) :]
    assert loads[: len(full)] == full  # single-reference pallets come first
    rest: dict[str, int] = {}
    for load in mixed:
        assert check(space, [a, b], load.plan, OPTS) == []
        for key, n in load.plan.counts().items():
            rest[key] = rest.get(key, 0) + n
    assert rest == {"A": 130 - 4 * per_pallet, "B": 3}
    assert len(mixed) == 1


def test_by_product_keeps_a_lone_partial_pallet_in_the_mixed_pool() -> None:
    # Each reference fills less than one pallet: nothing is "full", one mixed pallet.
    a = BoxType("A", 40, 40, 30, quantity=10, weight=5, allowed_vertical=(False, False, True))
    b = BoxType("B", 60, 40, 30, quantity=4, weight=9, allowed_vertical=(False, False, True))
    loads = palletise_by_product([a, b], EUR_PALLET, max_height=180, options=OPTS)
    assert len(loads) == 1
    assert loads[0].plan.counts() == {"A": 10, "B": 4}


def test_single_product_pallets_are_built_with_the_layer_pattern() -> None:
    # 35 x 21 cm upright on EUR: the pinwheel layer holds 12, 7 layers of 22 cm in 165.6.
    carton = BoxType(
        "D", 35, 21, 22, quantity=200, weight=12, allowed_vertical=(False, False, True)
    )
    loads = palletise([carton], EUR_PALLET, max_height=180, options=OPTS)
    assert [load.plan.placed_count for load in loads] == [84, 84, 32]
    assert all(load.pattern is not None and load.pattern.kind == "pinwheel" for load in loads)
    space = pallet_space(EUR_PALLET, 180)
    for load in loads:
        assert check(space, [carton], load.plan, OPTS) == []
    # Without patterns, the solver alone fills a pallet with fewer cartons.
    solver_only = palletise([carton], EUR_PALLET, max_height=180, options=OPTS, patterns=False)
    assert all(load.pattern is None for load in solver_only)
    assert solver_only[0].plan.placed_count < 84


def test_single_product_plan_keeps_the_better_of_pattern_and_solver() -> None:
    from comptoir.trade.packing.pallets import single_product_plan
    from comptoir.trade.packing.patterns import pallet_pattern

    carton = BoxType("E", 38, 26, 20, quantity=500, weight=8)
    space = pallet_space(EUR_PALLET, 180)
    plan, pattern = single_product_plan(space, carton, EUR_PALLET, 180, OPTS)
    layered = pallet_pattern(carton, EUR_PALLET, 180)
    assert plan.placed_count >= layered.per_pallet
    if pattern is None:  # the solver mixed orientations and won
        assert plan.placed_count > layered.per_pallet
    else:
        assert plan.placements == pattern.placements
    assert check(space, [carton], plan, OPTS) == []


def test_overhang_enlarges_the_loaded_pallet() -> None:
    carton = BoxType("A", 41, 27, 20, quantity=100, weight=5, allowed_vertical=(False, False, True))
    flush = palletise([carton], EUR_PALLET, max_height=180, options=OPTS)
    over = palletise([carton], EUR_PALLET, max_height=180, options=OPTS, overhang=2)
    assert over[0].plan.placed_count > flush[0].plan.placed_count  # 9 a layer, not 6
    assert over[0].footprint == (124, 84)
    assert over[0].plan.container.length == 124
    boxes = pallets_as_boxes(over)
    assert {(b.l, b.w) for b in boxes} == {(124, 84)}
    for load in over:
        assert check(load.plan.container, [carton], load.plan, OPTS) == []
