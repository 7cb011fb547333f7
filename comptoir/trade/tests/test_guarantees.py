"""Bank guarantees and standby credits: amount in force (URDG 758 art. 13, 25 a), expiry
(art. 25 c-d, ISP98 rule 3.13, UCP 600 art. 29 a), fees per quarter begun, demands (art. 14,
15, 17, 20).

Worked examples:

1. Performance bond EUR 50,000 reduced to 25,000 on 30 June 2026 and to 10,000 when the
   acceptance certificate is presented (occurred 15 September 2026): 50,000 on 1 June,
   25,000 on 1 July, 10,000 on 20 September.
2. Expiry Saturday 31 October 2026 under URDG 758: a demand on Monday 2 November is in time
   (art. 25 d); under local law it is not moved.
3. URDG 758 guarantee issued 15 January 2026 with no expiry: ends 15 January 2029 (art. 25 c).
4. Fee 0.5 % per quarter on 50,000 from 1 January 2026 to 15 April 2026: two quarters begun,
   250 + 250 = 500; with a reduction to 25,000 on 1 April: 250 + 125 = 375.
5. Demand presented Friday 6 November 2026 in France: examined by Friday 13 November
   (five business days, art. 20 a; 11 November is a French holiday: by Monday 16 November).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.guarantees import (
    Reduction,
    add_months,
    amount_in_force,
    check_demand,
    expiry,
    fees,
)

D = Decimal
CLAUSE = (
    Reduction(on=date(2026, 6, 30), amount_after=D("25000")),
    Reduction(
        event="Acceptance certificate", occurred_on=date(2026, 9, 15), amount_after=D("10000")
    ),
)


def test_reduction_clause_by_date_and_event() -> None:
    assert amount_in_force(
        amount=D("50000"), currency="EUR", day=date(2026, 6, 1), reductions=CLAUSE
    ).amount == D("50000.00")
    assert amount_in_force(
        amount=D("50000"), currency="EUR", day=date(2026, 7, 1), reductions=CLAUSE
    ).amount == D("25000.00")
    late = amount_in_force(
        amount=D("50000"), currency="EUR", day=date(2026, 9, 20), reductions=CLAUSE
    )
    assert late.amount == D("10000.00")
    assert late.reductions_applied == 2


def test_event_not_occurred_waits() -> None:
    clause = (Reduction(event="Delivery", amount_after=D("1000")),)
    result = amount_in_force(
        amount=D("5000"), currency="EUR", day=date(2030, 1, 1), reductions=clause
    )
    assert result.amount == D("5000.00")
    assert "Not yet" in str(result.steps[-1])


def test_reduce_by_and_paid() -> None:
    clause = (Reduction(on=date(2026, 1, 1), reduce_by=D("2000")),)
    result = amount_in_force(
        amount=D("10000"), currency="USD", day=date(2026, 2, 1), reductions=clause, paid=D("3000")
    )
    assert result.amount == D("5000.00")


def test_reduction_never_raises() -> None:
    clause = (
        Reduction(on=date(2026, 1, 1), amount_after=D("3000")),
        Reduction(on=date(2026, 2, 1), amount_after=D("4000")),
    )
    assert amount_in_force(
        amount=D("5000"), currency="EUR", day=date(2026, 3, 1), reductions=clause
    ).amount == D("3000.00")


def test_bad_reductions() -> None:
    with pytest.raises(TradeInputError) as err:
        amount_in_force(
            amount=D("5000"),
            currency="EUR",
            day=date(2026, 1, 1),
            reductions=(Reduction(amount_after=D("1")),),
        )
    assert err.value.field == "reductions.0.on"
    with pytest.raises(TradeInputError) as err:
        amount_in_force(
            amount=D("5000"),
            currency="EUR",
            day=date(2026, 1, 1),
            reductions=(Reduction(on=date(2026, 1, 1), amount_after=D("6000")),),
        )
    assert err.value.field == "reductions.0.amount_after"


def test_expiry_on_saturday_urdg_and_local() -> None:
    urdg = expiry(rules="urdg758", expiry_date=date(2026, 10, 31))
    assert urdg.last_day == date(2026, 11, 2) and urdg.extended
    assert "25 d" in str(urdg.rule)
    local = expiry(rules="local", expiry_date=date(2026, 10, 31))
    assert local.last_day == date(2026, 10, 31) and not local.extended
    isp = expiry(rules="isp98", expiry_date=date(2026, 10, 31))
    assert "3.13" in str(isp.rule)


def test_urdg_without_expiry_three_years() -> None:
    result = expiry(rules="urdg758", expiry_date=None, issue_date=date(2026, 1, 15))
    assert result.stated == date(2029, 1, 15)
    assert "25 c" in str(result.steps[0])
    event = expiry(rules="urdg758", expiry_date=None, expiry_event="Final acceptance")
    assert event.last_day is None


def test_expiry_before_issue_refused() -> None:
    with pytest.raises(TradeInputError) as err:
        expiry(rules="urdg758", expiry_date=date(2026, 1, 1), issue_date=date(2026, 2, 1))
    assert err.value.field == "expiry_date"


def test_fees_per_quarter_begun() -> None:
    flat = fees(
        amount=D("50000"),
        currency="EUR",
        rate_pct_per_quarter=D("0.5"),
        start=date(2026, 1, 1),
        end=date(2026, 4, 15),
    )
    assert flat.total == D("500.00")
    assert len(flat.quarters) == 2
    reduced = fees(
        amount=D("50000"),
        currency="EUR",
        rate_pct_per_quarter=D("0.5"),
        start=date(2026, 1, 1),
        end=date(2026, 4, 15),
        reductions=(Reduction(on=date(2026, 4, 1), amount_after=D("25000")),),
    )
    assert reduced.total == D("375.00")
    minimum = fees(
        amount=D("1000"),
        currency="EUR",
        rate_pct_per_quarter=D("0.5"),
        start=date(2026, 1, 1),
        end=date(2026, 1, 1),
        minimum_per_quarter=D("80"),
    )
    assert minimum.total == D("80.00")


def test_add_months_end_of_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    with pytest.raises(TradeInputError):
        add_months(date(9999, 12, 1), 1)


def test_demand_checks() -> None:
    ok = check_demand(
        rules="urdg758",
        presented_on=date(2026, 11, 6),
        amount=D("10000"),
        currency="EUR",
        guarantee_currency="EUR",
        available=D("25000"),
        last_day=date(2026, 12, 31),
        statement_of_breach=True,
    )
    assert ok.compliant
    assert ok.examine_by == date(2026, 11, 16)  # 11 November (Armistice) not counted
    bad = check_demand(
        rules="urdg758",
        presented_on=date(2027, 1, 4),
        amount=D("30000"),
        currency="USD",
        guarantee_currency="EUR",
        available=D("25000"),
        last_day=date(2026, 12, 31),
        statement_of_breach=False,
    )
    assert not bad.compliant
    assert {field for field, _ in bad.issues} == {
        "presented_on",
        "currency",
        "amount",
        "statement_of_breach",
    }
    isp = check_demand(
        rules="isp98",
        presented_on=date(2026, 11, 6),
        amount=D("1000"),
        currency="EUR",
        guarantee_currency="EUR",
        available=D("25000"),
        last_day=None,
        statement_of_breach=False,
    )
    assert isp.compliant


@given(
    st.decimals(min_value=1, max_value=10_000_000, places=2),
    st.lists(st.decimals(min_value=0, max_value=1, places=2), max_size=5),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 1, 1)),
)
def test_amount_in_force_between_zero_and_amount_and_never_rises(
    amount: Decimal, shares: list[Decimal], day: date
) -> None:
    clause = tuple(
        Reduction(on=date(2025, 1, 1 + i), amount_after=(amount * share).quantize(D("0.01")))
        for i, share in enumerate(shares)
    )
    before = amount_in_force(amount=amount, currency="EUR", day=day, reductions=clause).amount
    after = amount_in_force(
        amount=amount, currency="EUR", day=date(2030, 6, 1), reductions=clause
    ).amount
    assert D(0) <= after <= before <= amount
