"""Axle loads and the load distribution diagram (Directive 96/53/EC limits)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.packing.axles import (
    STANDARD_LAYOUTS,
    AxleLayout,
    axle_loads,
    distribution_diagram,
    max_cargo_at,
)

TRAILER = STANDARD_LAYOUTS["TRAILER136"]


def test_lever_rule_on_a_semi_trailer() -> None:
    # 24 t with its centre at 680 cm: 24000 * (680 - 159) / 771 = 16 218 kg on the axles.
    loads = axle_loads(TRAILER, [(680.0, 24000.0)])
    assert loads.rear == pytest.approx(4500 + 24000 * 521 / 771)
    assert loads.front == pytest.approx(2500 + 24000 * 250 / 771)
    assert loads.front + loads.rear == pytest.approx(24000 + 7000)
    assert loads.legal


def test_a_full_load_against_the_front_wall_overloads_the_king_pin() -> None:
    loads = axle_loads(TRAILER, [(300.0, 24000.0)])
    assert not loads.legal
    message = str(loads.problems[0])
    assert "king pin carries" in message and "towards the doors" in message
    assert "96/53/EC" in message


def test_heavy_goods_behind_the_rear_axle_lift_the_front() -> None:
    rigid = STANDARD_LAYOUTS["SWAP72"]
    loads = axle_loads(rigid, [(720.0, 13000.0)])
    assert loads.front < 0
    assert any("would be lifted" in str(p) for p in loads.problems)


def test_the_diagram_peaks_where_both_limits_meet_and_keeps_the_payload() -> None:
    points = distribution_diagram(TRAILER, 1360, 24000, steps=68)
    best = max(w for _, w in points)
    assert best == pytest.approx(24000)  # the payload caps the middle of the body
    front_end = points[0][1]
    assert front_end < 24000  # the king pin limits a load centred near the front wall
    # At the king pin itself the whole cargo goes on the tractor: 12000 - 2500 kg.
    assert max_cargo_at(TRAILER, 159.0, 24000) == pytest.approx(9500)


def test_a_layout_is_checked() -> None:
    with pytest.raises(TradeInputError) as err:
        AxleLayout("king pin", 500, 0, 1000, "axles", 400, 0, 1000)
    assert err.value.field == "rear_at"
    with pytest.raises(TradeInputError):
        distribution_diagram(TRAILER, 1360, 24000, steps=10**6)


@given(st.floats(0, 1360), st.floats(1, 30000))
def test_a_cargo_at_the_diagram_limit_is_legal(centre: float, payload: float) -> None:
    weight = max_cargo_at(TRAILER, centre, payload)
    assert weight <= payload + 1e-6
    if weight > 0:
        loads = axle_loads(TRAILER, [(centre, weight * 0.999)])
        assert loads.front <= TRAILER.front_limit + 1 and loads.rear <= TRAILER.rear_limit + 1
        assert loads.front >= -1 and loads.rear >= -1
