"""Balance of a loaded unit after the CTU Code (annex 7, 3.1.3-3.1.4)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.packing.balance import Cargo, Tolerances, balance

L, W, H = 589.0, 235.0, 239.0  # a 20' dry container inside


def box(x: float, y: float = 0.0, z: float = 0.0, kg: float = 500.0, size: float = 100.0) -> Cargo:
    return Cargo(x, y, z, size, size, size, kg)


def test_an_even_floor_load_is_balanced() -> None:
    cargo = [box(x, y) for x in (0, 100, 200, 300, 400) for y in (0, 117.5)]
    b = balance(500, W, H, cargo)
    assert b.balanced
    assert b.lengthwise_offset == pytest.approx(0.0)
    # box centres at 50 and 167.5 cm across 235: 8.75 cm left of the centre line
    assert b.sideways_offset == pytest.approx(-8.75 / W)
    assert b.front_half_share == pytest.approx(0.5)
    assert b.weight == 5000


def test_everything_against_the_front_wall_is_reported_lengthwise_and_by_halves() -> None:
    cargo = [box(0, y) for y in (0, 117.5)] + [box(100, y) for y in (0, 117.5)]
    b = balance(L, W, H, cargo)
    # centre at 100 cm of 589: 0.33 of the length towards the front wall
    assert b.lengthwise_offset == pytest.approx((100 - L / 2) / L)
    assert b.front_half_share == pytest.approx(1.0)
    messages = [str(p) for p in b.problems]
    assert any("towards the front wall" in m and "CTU Code" in m for m in messages)
    assert any("100.0 % of the cargo's weight is in the front half" in m for m in messages)


def test_a_load_on_one_side_leans() -> None:
    cargo = [box(x, 0) for x in (0, 100, 200, 300, 400, 489)]
    b = balance(L, W, H, cargo)
    assert b.sideways_offset == pytest.approx((50 - W / 2) / W)
    assert any("off the centre line" in str(p) for p in b.problems)


def test_heavy_goods_on_top_are_reported() -> None:
    cargo = [box(x, y, 0, kg=5) for x in (0, 489) for y in (0, 135)]
    cargo += [box(x, y, 139, kg=900) for x in (0, 489) for y in (0, 135)]
    b = balance(L, W, H, cargo)
    assert b.height_ratio > 0.5
    assert any("heavy goods should be at the bottom" in str(p) for p in b.problems)


def test_a_box_straddling_the_middle_counts_in_both_halves() -> None:
    b = balance(200, W, H, [Cargo(50, 0, 0, 100, 100, 100, 1000)])
    assert b.front_half_share == pytest.approx(0.5)
    assert b.balanced is False  # sideways: on the left wall


def test_tolerances_are_the_users() -> None:
    cargo = [box(0, 67.5), box(150, 67.5)]  # centre at 100 of 300: 16.7 % towards the front
    assert not balance(300, W, H, cargo).balanced
    loose = Tolerances(lengthwise=Decimal("0.2"), half_length_share=Decimal("1"))
    assert balance(300, W, H, cargo, loose).balanced
    with pytest.raises(TradeInputError) as err:
        Tolerances(lengthwise=Decimal("0.7"))
    assert err.value.field == "lengthwise"


def test_an_empty_unit_has_no_centre() -> None:
    b = balance(L, W, H, [])
    assert b.centre is None and b.balanced


@given(
    st.lists(
        st.tuples(st.floats(0, 489), st.floats(0, 135), st.floats(0, 139), st.floats(0.1, 2000)),
        min_size=1,
        max_size=30,
    )
)
def test_figures_stay_in_their_ranges_and_mirror(
    boxes: list[tuple[float, float, float, float]],
) -> None:
    cargo = [box(x, y, z, kg) for x, y, z, kg in boxes]
    b = balance(L, W, H, cargo)
    assert -0.5 <= b.lengthwise_offset <= 0.5
    assert -0.5 <= b.sideways_offset <= 0.5
    assert 0.0 <= b.front_half_share <= 1.0 + 1e-9
    # The same load turned end for end: the offset changes sign, the halves swap.
    mirrored = [Cargo(L - c.x - c.dx, c.y, c.z, c.dx, c.dy, c.dz, c.weight) for c in cargo]
    m = balance(L, W, H, mirrored)
    assert m.lengthwise_offset == pytest.approx(-b.lengthwise_offset, abs=1e-9)
    assert m.front_half_share == pytest.approx(1 - b.front_half_share, abs=1e-9)
    assert len(m.problems) == len(b.problems)
