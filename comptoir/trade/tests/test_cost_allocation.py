"""Landed cost per received line.

Worked example (computed by hand): a container of two lines, enamelled lids (1,000 pcs, goods
EUR 2,208.00, 460 kg) and cast-iron handles (500 pcs, goods EUR 1,104.00, 740 kg).

* sea freight EUR 1,200.00 by weight (1,200 kg): 460.00 and 740.00;
* insurance EUR 33.12 by value (3,312.00): 22.08 and 11.04;
* duty from the declaration, line by line: 88.32 and 36.43;
* inspection EUR 150.00 by quantity (1,500 pcs): 100.00 and 50.00.

Lids: 2,208.00 + 460.00 + 22.08 + 88.32 + 100.00 = 2,878.40, i.e. 2.8784 per piece.
Handles: 1,104.00 + 740.00 + 11.04 + 36.43 + 50.00 = 1,941.47, i.e. 3.8829 per piece
(3.88294 rounded half-up to four decimals).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade import cost_allocation as ca
from comptoir.trade.errors import TradeInputError

D = Decimal
LINES = [
    ca.ReceivedLine("lids", D("1000"), D("2208.00"), D("460")),
    ca.ReceivedLine("handles", D("500"), D("1104.00"), D("740")),
]
COSTS = [
    ca.Cost("freight", D("1200.00"), ca.WEIGHT),
    ca.Cost("insurance", D("33.12"), ca.VALUE),
    ca.Cost("duty", D("124.75"), ca.DIRECT, direct={"lids": D("88.32"), "handles": D("36.43")}),
    ca.Cost("inspection", D("150.00"), ca.QUANTITY),
]


def test_worked_container() -> None:
    result = ca.landed_cost(LINES, COSTS)
    lids, handles = result.lines
    assert lids.shares == (D("460.00"), D("22.08"), D("88.32"), D("100.00"))
    assert lids.total == D("2878.40") and lids.unit_cost == D("2.8784")
    assert handles.total == D("1941.47") and handles.unit_cost == D("3.8829")
    assert result.total == D("4819.87") == result.goods + result.total_costs
    assert lids.by_kind(COSTS)["duty"] == D("88.32")
    assert "shared by weight" in result.steps[0]


def test_largest_remainder_gives_the_odd_cent() -> None:
    assert ca.share(D("100.00"), [D(1), D(1), D(1)]) == [D("33.34"), D("33.33"), D("33.33")]
    assert ca.share(D("-0.05"), [D(1), D(1)]) == [D("-0.03"), D("-0.02")]


def test_refusals_name_the_field() -> None:
    no_weight = [ca.ReceivedLine("a", D(1), D(10)), ca.ReceivedLine("b", D(1), D(10), D(5))]
    with pytest.raises(TradeInputError) as err:
        ca.landed_cost(no_weight, [ca.Cost("freight", D(100), ca.WEIGHT)])
    assert err.value.field == "costs.0.basis"
    with pytest.raises(TradeInputError) as err:
        ca.landed_cost(LINES, [ca.Cost("duty", D(10), ca.DIRECT, direct={"lids": D(4)})])
    assert err.value.field == "costs.0.amount"
    with pytest.raises(TradeInputError) as err:
        ca.landed_cost(LINES, [ca.Cost("x", D(10), "volume")])
    assert err.value.field == "costs.0.basis"
    with pytest.raises(TradeInputError) as err:
        ca.landed_cost([ca.ReceivedLine("a", D(0), D(10))], [])
    assert err.value.field == "lines.0.quantity"
    with pytest.raises(TradeInputError):
        ca.landed_cost([], [])


amounts = st.integers(min_value=-10_000_000, max_value=10_000_000).map(lambda c: D(c) / 100)
weights = st.lists(st.integers(min_value=0, max_value=100_000).map(D), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(total=amounts, ws=weights)
def test_shares_add_up_exactly_to_the_cent(total: Decimal, ws: list[Decimal]) -> None:
    if sum(ws) == 0:
        ws = [*ws[:-1], D(1)]
    parts = ca.share(total, ws)
    assert sum(parts, D(0)) == total
    assert all(p == p.quantize(D("0.01")) for p in parts)
    # Each share is within one cent of its exact proportion; a zero weight gets nothing.
    for part, w in zip(parts, ws, strict=True):
        assert abs(part - total * w / sum(ws)) < D("0.01")
        if w == 0:
            assert part == 0


lines_st = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=10_000),
        st.integers(min_value=0, max_value=10_000_000),
        st.integers(min_value=1, max_value=50_000),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(rows=lines_st, costs=st.lists(st.tuples(amounts, st.sampled_from(ca.BASES[:3])), max_size=6))
def test_landed_total_is_goods_plus_costs(
    rows: list[tuple[int, int, int]], costs: list[tuple[Decimal, str]]
) -> None:
    lines = [ca.ReceivedLine(i, D(q), D(v) / 100, D(w)) for i, (q, v, w) in enumerate(rows)]
    if sum(line.goods_eur for line in lines) == 0:
        costs = [(a, b) for a, b in costs if b != ca.VALUE]
    cost_list = [ca.Cost("other", a, b) for a, b in costs]
    result = ca.landed_cost(lines, cost_list)
    assert result.total_costs == sum((a for a, _ in costs), D(0))
    assert sum((x.total for x in result.lines), D(0)) == result.total
    for i, cost in enumerate(cost_list):
        assert sum((x.shares[i] for x in result.lines), D(0)) == cost.amount
