"""Comparison of answers to a call for tender: one currency, DAP our warehouse, one cost per
unit delivered, then the weighted score.

Worked cases (computed by hand, figures in EUR):

1. EXW Ningbo, 1,000 lids at 2.00 USD, 0.90 EUR for 1 USD, 0.5 kg each, duty 3.2 %.
   Route: pre-carriage 200, export clearance 100, main freight 1,500 (per shipment),
   insurance 0.3 % of the value x 110 %, destination charges 400, on-carriage 300.
   Goods 1,800.00; insurance 1,800 x 1.1 x 0.3 % = 5.94; customs value
   1,800 + 200 + 100 + 1,500 + 5.94 = 3,605.94; duty 3.2 % = 115.39;
   delivered 1,800 + 1,805.94 + 700 + 115.39 = 4,421.33, i.e. 4.4213 per unit;
   import VAT (3,605.94 + 115.39 + 700) x 20 % = 884.27, cash only.
2. The same at FOB: pre-carriage and export clearance are the seller's (B9 of FOB):
   customs value 3,305.94, duty 105.79, delivered 4,111.73.
3. DDP: nothing more, no duty, no VAT for us: delivered = goods.
4. Two lines, 100 units of 1 kg and 100 of 3 kg: 400 per shipment is shared 100 / 300;
   2 per kg gives 200 / 600.
5. Score: A cheaper (delivered 4,111.73) but slower (60 days) than B (4,421.33, 30 days):
   price grades 10 and 10 x 4,111.73 / 4,421.33 = 9.30; lead time 5 and 10.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade import tender_comparison as tc
from comptoir.trade.errors import TradeInputError

D = Decimal

ROUTE = (
    tc.CostInput("pre_carriage", "shipment", D(200)),
    tc.CostInput("export_clearance", "shipment", D(100)),
    tc.CostInput("main_freight", "shipment", D(1500)),
    tc.CostInput("insurance", "percent", D("0.3")),
    tc.CostInput("destination_charges", "shipment", D(400)),
    tc.CostInput("on_carriage", "shipment", D(300)),
)


def lids(incoterm: str = "EXW", key: str = "Ningbo", **extra: object) -> tc.AnswerInput:
    values: dict[str, object] = {
        "key": key,
        "currency": "USD",
        "rate": D("0.9"),
        "incoterm": incoterm,
        "lines": (
            tc.LineInput(
                key="L1",
                quantity=D(1000),
                unit_price=D(2),
                unit_weight_kg=D("0.5"),
                duty_pct=D("3.2"),
            ),
        ),
        "costs": ROUTE,
        "lead_time_days": 45,
        "payment_days": 0,
    }
    values.update(extra)
    return tc.AnswerInput(**values)  # type: ignore[arg-type]


def test_exw_brought_to_our_warehouse() -> None:
    result = tc.deliver(lids("EXW"))
    line = result.lines[0]
    assert line.goods == D("1800.00")
    assert line.costs["insurance"] == D("5.94")
    assert line.customs_value == D("3605.94")
    assert line.duty == D("115.39")
    assert line.delivered == D("4421.33")
    assert line.unit_delivered == D("4.4213")
    assert line.import_vat == D("884.27")
    assert result.delivered == D("4421.33")
    assert any("cash only" in step for step in line.steps)


def test_fob_leaves_the_origin_costs_to_the_seller() -> None:
    result = tc.deliver(lids("FOB"))
    line = result.lines[0]
    assert "pre_carriage" not in line.costs and "export_clearance" not in line.costs
    assert line.customs_value == D("3305.94")
    assert line.duty == D("105.79")
    assert line.delivered == D("4111.73")
    assert any("already in the supplier's price" in step for step in result.steps)


def test_ddp_adds_nothing_and_no_duty() -> None:
    line = tc.deliver(lids("DDP")).lines[0]
    assert line.delivered == line.goods == D("1800.00")
    assert line.duty == 0 and line.import_vat == 0


def test_within_the_eu_no_duty_and_no_import_vat() -> None:
    line = tc.deliver(lids("FCA", customs=False)).lines[0]
    assert line.duty == 0 and line.import_vat == 0
    assert line.delivered == D("1800.00") + D("1500") + D("5.94") + D("700")
    assert any("intra-Community" in step for step in line.steps)


def test_costs_shared_by_weight_and_per_kg() -> None:
    answer = tc.AnswerInput(
        key="A",
        currency="EUR",
        rate=D(1),
        incoterm="FCA",
        lines=(
            tc.LineInput("L1", D(100), D(1), unit_weight_kg=D(1)),
            tc.LineInput("L2", D(100), D(1), unit_weight_kg=D(3)),
        ),
        costs=(
            tc.CostInput("main_freight", "shipment", D(400)),
            tc.CostInput("on_carriage", "kg", D(2)),
        ),
    )
    first, second = tc.deliver(answer).lines
    assert first.costs == {"main_freight": D(100), "on_carriage": D(200)}
    assert second.costs == {"main_freight": D(300), "on_carriage": D(600)}


def test_without_weights_shared_by_quantity() -> None:
    answer = tc.AnswerInput(
        key="A",
        currency="EUR",
        rate=D(1),
        incoterm="EXW",
        lines=(tc.LineInput("L1", D(300), D(1)), tc.LineInput("L2", D(100), D(1))),
        costs=(tc.CostInput("main_freight", "shipment", D(400)),),
    )
    first, second = tc.deliver(answer).lines
    assert (first.costs["main_freight"], second.costs["main_freight"]) == (D(300), D(100))


def test_score_worked_case() -> None:
    cheap = lids("FOB", key="A", lead_time_days=60)
    dear = lids("EXW", key="B", lead_time_days=30)
    result = tc.compare([cheap, dear], {"price": 50, "lead_time": 50})
    grades = {g.key: g.grades for g in result.graded}
    assert grades["A"]["price"] == D(10)
    assert grades["B"]["price"] == D("9.30")
    assert grades["A"]["lead_time"] == D(5)
    assert grades["B"]["lead_time"] == D(10)
    assert result.best_per_line == {"L1": "A"}
    assert result.score is not None
    assert result.score.ranking[0].name == "B"  # (9.30 + 10) / 2 beats (10 + 5) / 2


def test_partial_answer_graded_on_its_share() -> None:
    full = tc.AnswerInput(
        key="full",
        currency="EUR",
        rate=D(1),
        incoterm="DAP",
        lines=(tc.LineInput("L1", D(10), D(10)), tc.LineInput("L2", D(10), D(10))),
    )
    half = tc.AnswerInput(
        key="half",
        currency="EUR",
        rate=D(1),
        incoterm="DAP",
        lines=(tc.LineInput("L1", D(10), D(10)),),
    )
    grades = {g.key: g.grades["price"] for g in tc.compare([full, half], {"price": 1}).graded}
    assert grades == {"full": D(10), "half": D(5)}


def test_unknown_grades_are_neutral_and_payment_terms() -> None:
    a = lids("FOB", key="A", payment_days=60, quality=D(8))
    b = lids("FOB", key="B", payment_days=30)
    graded = {g.key: g for g in tc.compare([a, b], {"payment": 1}).graded}
    assert graded["A"].grades["payment"] == D(10)
    assert graded["B"].grades["payment"] == D(5)
    assert graded["A"].grades["quality"] == D(8)
    assert graded["B"].grades["quality"] == D(5)
    assert "neutral" in graded["B"].explanations["reliability"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rate": D(0)}, "rate"),
        ({"incoterm": "XYZ"}, "incoterm"),
        ({"lines": (tc.LineInput("L1", D(1), D(-1)),)}, "lines.0.unit_price"),
        ({"lines": (tc.LineInput("L1", D(0), D(1)),)}, "lines.0.quantity"),
        ({"lead_time_days": 1000}, "lead_time_days"),
        ({"costs": (tc.CostInput("main_freight", "shipment", D(-5)),)}, "costs.0.amount"),
        ({"costs": (tc.CostInput("bribe", "shipment", D(5)),)}, "costs.0.kind"),
        ({"quality": D(11)}, "quality"),
    ],
)
def test_bad_input_names_the_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(TradeInputError) as info:
        tc.deliver(lids(**change))  # type: ignore[arg-type]
    assert info.value.field == field


def test_unknown_criterion_refused() -> None:
    with pytest.raises(TradeInputError) as info:
        tc.compare([lids()], {"beauty": 1})
    assert info.value.field == "weights.beauty"


# ----------------------------------------------------------------------------- properties

amounts = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False)
prices = st.decimals(min_value=D("0.01"), max_value=1000, places=4, allow_nan=False)
quantities = st.integers(min_value=1, max_value=100000).map(D)
LADDER = ("EXW", "FCA", "FOB", "CFR", "CIF", "DAP")


@st.composite
def answers(draw: st.DrawFn, incoterm: str | None = None) -> tc.AnswerInput:
    n = draw(st.integers(min_value=1, max_value=4))
    lines = tuple(
        tc.LineInput(
            f"L{i}",
            draw(quantities),
            draw(prices),
            unit_weight_kg=draw(st.decimals(min_value=0, max_value=50, places=3)),
            duty_pct=draw(st.decimals(min_value=0, max_value=20, places=1)),
        )
        for i in range(n)
    )
    costs = tuple(tc.CostInput(kind, "shipment", draw(amounts)) for kind in tc.COST_KINDS)
    return tc.AnswerInput(
        key="A",
        currency="USD",
        rate=draw(st.decimals(min_value=D("0.01"), max_value=10, places=4)),
        incoterm=incoterm or draw(st.sampled_from(sorted(tc.BUYER_COSTS))),
        lines=lines,
        costs=costs,
    )


@settings(max_examples=60, deadline=None)
@given(answers())
def test_delivered_never_below_goods_and_units_add_up(answer: tc.AnswerInput) -> None:
    result = tc.deliver(answer)
    for line in result.lines:
        assert line.delivered >= line.goods
        assert abs(line.unit_delivered * line.quantity - line.delivered) <= line.quantity * D(
            "0.00005"
        )
    assert result.delivered == sum((x.delivered for x in result.lines), D(0))


@settings(max_examples=40, deadline=None)
@given(answers(incoterm="EXW"))
def test_a_later_incoterm_never_costs_us_more(answer: tc.AnswerInput) -> None:
    from dataclasses import replace

    costs = [tc.deliver(replace(answer, incoterm=rule)).delivered for rule in LADDER]
    assert costs == sorted(costs, reverse=True)


@settings(max_examples=40, deadline=None)
@given(answers(), st.decimals(min_value=0, max_value=25, places=1))
def test_import_vat_is_not_a_cost(answer: tc.AnswerInput, vat: Decimal) -> None:
    from dataclasses import replace

    other = replace(answer, lines=tuple(replace(line, vat_pct=vat) for line in answer.lines))
    assert tc.deliver(other).delivered == tc.deliver(answer).delivered


@settings(max_examples=40, deadline=None)
@given(st.lists(answers(incoterm="FOB"), min_size=1, max_size=4))
def test_cheapest_full_answer_gets_ten(found: list[tc.AnswerInput]) -> None:
    from dataclasses import replace

    named = [replace(a, key=f"S{i}", lines=found[0].lines) for i, a in enumerate(found)]
    result = tc.compare(named, {"price": 1})
    grades = [g.grades["price"] for g in result.graded]
    cheapest = min(range(len(named)), key=lambda i: result.results[i].delivered)
    assert grades[cheapest] == D(10)
    assert all(D(0) <= g <= D(10) for g in grades)
