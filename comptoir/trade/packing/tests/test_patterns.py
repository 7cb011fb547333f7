"""Pallet patterns for one product: layer counts from the literature, the bound, the
pallets built (checked by the independent checker), overhang and interlocking."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.packing import (
    EUR_PALLET,
    INDUSTRIAL_PALLET,
    BoxType,
    Options,
    PackingInputError,
    check,
)
from comptoir.trade.packing.model import summarise
from comptoir.trade.packing.patterns import (
    BLOCK,
    FIVE_BLOCK,
    PINWHEEL,
    TWO_BLOCK,
    LayerPattern,
    Spot,
    _Layer,
    best_layer,
    interlocking_layer,
    loaded_space,
    pallet_pattern,
    summary,
)

FULL_SUPPORT = Options(min_support_ratio=1.0)


def _inside_and_apart(layer: LayerPattern) -> None:
    tol = 1e-9
    for s in layer.spots:
        assert s.x >= -tol and s.y >= -tol
        assert s.x + s.dx <= layer.length + tol and s.y + s.dy <= layer.width + tol
        assert sorted((s.dx, s.dy)) == sorted((layer.a, layer.b))
    for i, s in enumerate(layer.spots):
        for t in layer.spots[i + 1 :]:
            ox = min(s.x + s.dx, t.x + t.dx) - max(s.x, t.x)
            oy = min(s.y + s.dy, t.y + t.dy) - max(s.y, t.y)
            assert ox <= tol or oy <= tol, (s, t)


@pytest.mark.parametrize(
    ("pallet", "carton", "count", "kind"),
    [
        # EUR pallet, 400 x 300 mm cartons: 4 x 2 the long side across, a block of 8.
        ((120, 80), (40, 30), 8, BLOCK),
        # ISO 1200 x 1000: 6 one way, 4 the other way, two blocks (10 = the area bound).
        ((120, 100), (40, 30), 10, TWO_BLOCK),
        # The smallest pinwheel: four 3 x 2 round a 1 x 1 hole; any guillotine cut gives 3.
        ((5, 5), (3, 2), 4, PINWHEEL),
        # Dowsland's (22, 16, 5, 3): 23, non-guillotine (guillotine patterns give 22).
        ((22, 16), (5, 3), 23, FIVE_BLOCK),
        # EUR pallet, 42 x 35 cm: a block holds 4, the pinwheel 6.
        ((120, 80), (42, 35), 6, PINWHEEL),
        # EUR pallet, 35 x 21 cm: the pinwheel holds 12 (the 3D solver found 11 a layer).
        ((120, 80), (35, 21), 12, PINWHEEL),
    ],
)
def test_known_layer_counts(
    pallet: tuple[float, float], carton: tuple[float, float], count: int, kind: str
) -> None:
    layer = best_layer(*pallet, *carton)
    assert layer.count == count
    assert layer.kind == kind
    assert layer.proven_optimal  # each of these reaches the area bound
    assert layer.complete
    _inside_and_apart(layer)


def test_a_pinwheel_beats_every_guillotine_layer() -> None:
    # Dowsland's instance: the best guillotine layer (the exact dynamic programme) has 22.
    exact = _Layer(22, 16, 5, 3)
    exact.solve()
    assert exact.val(22, 16) == 22
    layer = best_layer(22, 16, 5, 3)
    assert layer.count == 23
    assert layer.kind in (PINWHEEL, FIVE_BLOCK)
    assert len({(s.dx, s.dy) for s in layer.spots}) == 2


def test_bound_not_reached_is_not_called_optimal() -> None:
    layer = best_layer(120, 100, 33, 21)
    assert layer.count == 16
    assert layer.upper_bound == 17
    assert not layer.proven_optimal


def test_decimal_sizes_are_exact() -> None:
    layer = best_layer(120, 80, 39.5, 29.5)
    assert layer.count == 8
    assert {(s.dx, s.dy) for s in layer.spots} <= {(39.5, 29.5), (29.5, 39.5)}
    odd = best_layer(120, 80, 39.55, 29.512)  # micrometres: rounded up, laid at true size
    assert odd.count == 8
    assert {(s.dx, s.dy) for s in odd.spots} <= {(39.55, 29.512), (29.512, 39.55)}
    _inside_and_apart(odd)


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(PackingInputError, match="carton width"):
        best_layer(120, 80, 40, 0)
    with pytest.raises(PackingInputError, match="does not fit"):
        best_layer(120, 80, 130, 90)
    with pytest.raises(PackingInputError, match="too small"):
        best_layer(120, 100, 1, 1)


def test_tiny_cartons_keep_to_the_work_limit() -> None:
    layer = best_layer(120, 100, 3.5, 2.5)  # thousands of raster points
    assert not layer.complete
    assert layer.count >= 1360
    assert layer.count <= layer.upper_bound
    assert layer.utilisation <= 1


@settings(max_examples=60, deadline=None)
@given(
    length=st.integers(20, 130),
    width=st.integers(20, 130),
    a=st.integers(5, 60),
    b=st.integers(5, 60),
)
def test_any_layer_is_inside_apart_and_within_the_bound(
    length: int, width: int, a: int, b: int
) -> None:
    if not (min(a, b) <= min(length, width) and max(a, b) <= max(length, width)):
        with pytest.raises(PackingInputError):
            best_layer(length, width, a, b)
        return
    layer = best_layer(length, width, a, b)
    _inside_and_apart(layer)
    assert 1 <= layer.count <= layer.upper_bound
    assert layer.count * a * b <= length * width
    # never worse than a block either way round
    assert layer.count >= max((length // a) * (width // b), (length // b) * (width // a))


def test_eur_pallet_of_one_product_checked() -> None:
    carton = BoxType("A", 40, 30, 20, quantity=500, weight=5, allowed_vertical=(False, False, True))
    p = pallet_pattern(carton, EUR_PALLET, 180)
    assert (p.per_layer, p.layers, p.per_pallet) == (8, 8, 64)  # 165.6 cm above the deck
    assert p.kind == BLOCK
    assert p.limited_by == "height"
    plan = summarise(p.container, [carton], p.placements)
    assert check(p.container, [carton], plan, FULL_SUPPORT) == []
    assert p.weight == pytest.approx(25 + 64 * 5)
    assert p.height == pytest.approx(14.4 + 160)
    assert summary(p) == "block, 8 per layer x 8 layers, in columns"
    assert p.upper_bound == 64 and p.proven_optimal  # 8 levels of at most 8
    free = pallet_pattern(BoxType("E", 38, 26, 20, quantity=500, weight=8), EUR_PALLET, 180)
    assert free.per_pallet == 72
    assert free.upper_bound == 120 * 80 * 165.6 // (38 * 26 * 20)  # the volume: 80
    assert not free.proven_optimal


def test_interlocked_two_block_layers_are_checked() -> None:
    carton = BoxType("A", 40, 30, 20, quantity=500, weight=5, allowed_vertical=(False, False, True))
    p = pallet_pattern(carton, INDUSTRIAL_PALLET, 180)
    assert p.per_layer == 10 and p.layers == 8
    assert p.interlocked
    first = {(q.x, q.y, q.dx, q.dy) for q in p.placements if q.z == 0}
    second = {(q.x, q.y, q.dx, q.dy) for q in p.placements if q.z == 20}
    assert first != second  # the second layer is mirrored
    plan = summarise(p.container, [carton], p.placements)
    assert check(p.container, [carton], plan, FULL_SUPPORT) == []
    columns = pallet_pattern(carton, INDUSTRIAL_PALLET, 180, interlock=False)
    assert not columns.interlocked
    assert {(q.x, q.y) for q in columns.placements if q.z == 20} == {
        (q.x, q.y) for q in columns.placements if q.z == 0
    }


def test_interlocking_refused_when_a_carton_would_overhang_a_gap() -> None:
    # 3 x 38 = 114 on 120: mirrored, the last carton would rest on 32 of its 38 cm.
    layer = best_layer(120, 80, 38, 26)
    assert layer.kind == BLOCK
    assert interlocking_layer(layer) is None
    tiled = LayerPattern(
        "two-block", 4, 3, 2, 1, (Spot(0, 0, 2, 1), Spot(2, 0, 2, 1), Spot(0, 1, 1, 2)), 6
    )
    assert interlocking_layer(tiled) is None  # mirrored, cartons would hang over the hole


def test_weight_and_load_on_top_limit_the_layers() -> None:
    heavy = BoxType("H", 40, 30, 20, quantity=500, weight=40, allowed_vertical=(False, False, True))
    p = pallet_pattern(heavy, EUR_PALLET, 180)
    assert p.per_pallet == 37  # 1 500 kg / 40 kg
    assert p.limited_by == "weight"
    assert p.layers == 5  # four full layers of 8 and five cartons on top
    plan = summarise(p.container, [heavy], p.placements)
    assert check(p.container, [heavy], plan, FULL_SUPPORT) == []
    soft = BoxType(
        "S",
        40,
        30,
        20,
        quantity=500,
        weight=5,
        allowed_vertical=(False, False, True),
        max_load_on_top=10,
    )
    q = pallet_pattern(soft, EUR_PALLET, 180)
    assert q.layers == 3 and q.limited_by == "load_on_top"  # two cartons on the bottom one
    plan = summarise(q.container, [soft], q.placements)
    assert check(q.container, [soft], plan, FULL_SUPPORT) == []


def test_quantity_caps_the_pallet_and_orientation_is_chosen() -> None:
    few = BoxType("A", 40, 30, 20, quantity=13, weight=5, allowed_vertical=(False, False, True))
    p = pallet_pattern(few, EUR_PALLET, 180)
    assert p.per_pallet == 13 and p.layers == 2 and p.limited_by == "quantity"
    # Free to turn: 70 x 50 x 35 flat holds 2 a layer x 4 layers = 8; on its 70 x 35 side,
    # 3 a layer x 3 layers of 50 cm = 9; on its end (50 x 35), 4 a layer x 2 layers = 8.
    free = BoxType("F", 70, 50, 35, quantity=500, weight=1)
    q = pallet_pattern(free, EUR_PALLET, 180)
    assert q.per_pallet == 9 and q.carton_height == 50
    plan = summarise(q.container, [free], q.placements)
    assert check(q.container, [free], plan, FULL_SUPPORT) == []
    upright = BoxType(
        "U", 70, 50, 35, quantity=500, weight=1, allowed_vertical=(False, False, True)
    )
    assert all(x.dz == 35 for x in pallet_pattern(upright, EUR_PALLET, 180).placements)


def test_overhang_gives_room_and_is_bounded() -> None:
    carton = BoxType("A", 41, 27, 20, quantity=500, weight=5, allowed_vertical=(False, False, True))
    flush = pallet_pattern(carton, EUR_PALLET, 180)
    over = pallet_pattern(carton, EUR_PALLET, 180, overhang=2)
    assert over.container.length == 124 and over.container.width == 84
    assert over.per_layer > flush.per_layer  # 3 x 3 = 9 on 124 x 84 against 2 x 2 + ... on 120 x 80
    plan = summarise(over.container, [carton], over.placements)
    assert check(over.container, [carton], plan, FULL_SUPPORT) == []
    with pytest.raises(PackingInputError, match="overhang"):
        pallet_pattern(carton, EUR_PALLET, 180, overhang=11)
    with pytest.raises(PackingInputError, match="overhang"):
        loaded_space(EUR_PALLET, 180, -1)


def test_carton_too_big_is_named() -> None:
    with pytest.raises(PackingInputError, match="'BIG'"):
        pallet_pattern(
            BoxType("BIG", 130, 90, 20, quantity=1, allowed_vertical=(False, False, True)),
            EUR_PALLET,
            180,
        )
    lying = pallet_pattern(BoxType("LONG", 130, 30, 20, quantity=4), EUR_PALLET, 180)
    assert lying.carton_height == 130  # free to turn: it stands on its end


@settings(max_examples=30, deadline=None)
@given(
    length=st.integers(15, 80),
    w=st.integers(10, 60),
    h=st.integers(10, 60),
    weight=st.integers(0, 60),
    upright=st.booleans(),
    overhang=st.sampled_from([0, 0, 1.5, 3]),
    industrial=st.booleans(),
)
def test_any_pallet_pattern_passes_the_independent_checker(
    length: int, w: int, h: int, weight: int, upright: bool, overhang: float, industrial: bool
) -> None:
    carton = BoxType(
        "X",
        length,
        w,
        h,
        quantity=5000,
        weight=weight,
        allowed_vertical=(False, False, True) if upright else (True, True, True),
    )
    pallet = INDUSTRIAL_PALLET if industrial else EUR_PALLET
    p = pallet_pattern(carton, pallet, 180, overhang=overhang)
    plan = summarise(p.container, [carton], p.placements)
    assert check(p.container, [carton], plan, FULL_SUPPORT) == []
    assert 1 <= p.per_pallet <= p.upper_bound
    assert p.per_layer <= p.layer.upper_bound
    assert p.height <= 180 + 1e-9
    assert p.weight <= pallet.tare_weight + pallet.max_load + 1e-9
