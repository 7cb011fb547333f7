"""The rules of a fair's retro-planning, budget and cost per lead, with worked examples and
properties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade import events
from comptoir.trade.errors import TradeInputError

START = dt.date(2026, 2, 6)  # Ambiente 2026, Frankfurt: Friday 6 to Tuesday 10 February
END = dt.date(2026, 2, 10)


def test_due_dates_count_from_the_opening_or_the_closing_day() -> None:
    assert events.due_date(START, END, "start", -120) == dt.date(2025, 10, 9)
    assert events.due_date(START, END, "start", -30) == dt.date(2026, 1, 7)
    assert events.due_date(START, END, "start", 0) == START
    assert events.due_date(START, END, "end", 7) == dt.date(2026, 2, 17)


def test_bad_plans_are_refused_naming_the_field() -> None:
    with pytest.raises(TradeInputError) as err:
        events.due_date(END, START, "start", -30)
    assert err.value.field == "ends_on"
    with pytest.raises(TradeInputError) as err:
        events.due_date(START, END, "middle", 1)
    assert err.value.field == "anchor"
    with pytest.raises(TradeInputError) as err:
        events.due_date(START, END, "start", -731)
    assert err.value.field == "offset_days"


def test_late_is_not_done_and_past_its_day() -> None:
    assert events.is_late(dt.date(2026, 1, 7), None, dt.date(2026, 1, 8))
    assert not events.is_late(dt.date(2026, 1, 7), None, dt.date(2026, 1, 7))
    assert not events.is_late(dt.date(2026, 1, 7), dt.date(2026, 1, 9), dt.date(2026, 1, 10))


def test_follow_up_in_french_business_days_by_temperature() -> None:
    # The fair closes on Tuesday 10 February 2026: hot leads by Thursday 12, warm by
    # Tuesday 17, cold by Tuesday 24.
    assert events.follow_up_due(END, "hot") == dt.date(2026, 2, 12)
    assert events.follow_up_due(END, "warm") == dt.date(2026, 2, 17)
    assert events.follow_up_due(END, "cold") == dt.date(2026, 2, 24)
    # a visitor entered after the fair counts from the day it was entered
    assert events.follow_up_due(END, "hot", dt.date(2026, 2, 20)) == dt.date(2026, 2, 24)
    # Easter Monday 2026 (6 April) is not a French business day
    assert events.follow_up_due(dt.date(2026, 4, 3), "hot") == dt.date(2026, 4, 8)
    with pytest.raises(TradeInputError):
        events.follow_up_due(END, "tepid")


def test_budget_planned_vs_actual() -> None:
    result = events.budget(
        [
            events.BudgetLine("space", Decimal("9800.00"), Decimal("9800.00")),
            events.BudgetLine("stand", Decimal("6000.00"), Decimal("7150.50")),
            events.BudgetLine("travel", Decimal("1800.00"), None),
            events.BudgetLine("stand", Decimal("500.00"), Decimal("0")),
        ]
    )
    stand = next(r for r in result.rows if r.category == "stand")
    assert stand.planned == Decimal("6500.00")
    assert stand.actual == Decimal("7150.50")
    assert stand.variance == Decimal("650.50")
    assert stand.variance_pct == Decimal("10.0")
    assert result.total.planned == Decimal("18100.00")
    assert result.total.actual == Decimal("16950.50")
    assert result.total.variance == Decimal("-1149.50")
    assert result.total.variance_pct == Decimal("-6.4")
    assert [r.category for r in result.rows] == ["space", "stand", "travel"]
    with pytest.raises(TradeInputError):
        events.budget([events.BudgetLine("space", Decimal("-1"), None)])


def test_cost_per_lead_and_achievement() -> None:
    assert events.cost_per(Decimal("16950.50"), 30) == Decimal("565.02")
    assert events.cost_per(Decimal("16950.50"), 0) is None
    assert events.achievement_pct(30, 40) == Decimal("75")
    assert events.achievement_pct(3, None) is None
    with pytest.raises(TradeInputError):
        events.cost_per(Decimal("1"), -1)


amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)


@given(
    st.lists(st.tuples(st.sampled_from(["space", "stand", "hotel"]), amounts, amounts | st.none()))
)
def test_budget_totals_are_the_sum_of_the_rows(
    lines: list[tuple[str, Decimal, Decimal | None]],
) -> None:
    result = events.budget(events.BudgetLine(c, p, a) for c, p, a in lines)
    assert result.total.planned == sum((r.planned for r in result.rows), Decimal("0"))
    assert result.total.actual == sum((r.actual for r in result.rows), Decimal("0"))
    assert result.total.variance == result.total.actual - result.total.planned


@given(amounts, st.integers(min_value=1, max_value=10_000))
def test_cost_per_lead_times_leads_is_the_cost_to_half_a_cent_each(total: Decimal, n: int) -> None:
    each = events.cost_per(total, n)
    assert each is not None
    assert abs(each * n - total) <= Decimal("0.005") * n


@given(
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 1, 1)),
    st.integers(min_value=0, max_value=20),
    st.integers(min_value=-730, max_value=730),
)
def test_an_item_keeps_its_distance_to_its_anchor(start: dt.date, days: int, offset: int) -> None:
    end = start + dt.timedelta(days=days)
    assert (events.due_date(start, end, "start", offset) - start).days == offset
    assert (events.due_date(start, end, "end", offset) - end).days == offset


@given(
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 1, 1)),
    st.sampled_from(["hot", "warm", "cold"]),
)
def test_a_follow_up_is_after_the_fair_and_hot_comes_first(end: dt.date, temperature: str) -> None:
    due = events.follow_up_due(end, temperature)
    assert due > end
    assert events.follow_up_due(end, "hot") <= due <= events.follow_up_due(end, "cold")
