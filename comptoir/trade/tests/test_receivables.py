"""Collection: ageing, dunning, payments, exchange differences, credit control, commission.

Worked examples (figures computed by hand):

1. Ageing of an invoice due Saturday 31 January 2026: 30 days later is 2 March (February 2026
   has 28 days), 60 days 1 April, 90 days 1 May.
2. Exchange difference: USD 10,000 booked at 0.9200 EUR per USD and collected at 0.9050:
   10,000 x (0.9050 - 0.9200) = -150.00 EUR, a loss (PCG account 666); JPY 1,000,000 booked
   at 0.0062 and collected at 0.0064 EUR per JPY: +200.00 EUR, a gain (766).
3. Credit control: limit 50,000, unpaid 30,000, confirmed not invoiced 15,000: outstanding
   45,000, 5,000 available; an order of 10,000 brings the exposure to 55,000, 5,000 over.
4. Commission: 5 % of 12,345.67 = 617.2835 -> 617.28.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.receivables import (
    BUCKETS,
    DunningStep,
    OpenItem,
    aged_balance,
    apply_payment,
    bucket,
    commission,
    credit_decision,
    exchange_difference,
    next_dunning_level,
    settled_on,
)

D = Decimal
DUE = date(2026, 1, 31)
STEPS = (DunningStep(1, 7), DunningStep(2, 21), DunningStep(3, 45))


# --- ageing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2026, 1, 15), "not_due"),
        (date(2026, 1, 31), "not_due"),  # paid on the due date: on time
        (date(2026, 2, 1), "1-30"),
        (date(2026, 3, 2), "1-30"),  # 30 days
        (date(2026, 3, 3), "31-60"),  # 31 days
        (date(2026, 4, 1), "31-60"),  # 60 days
        (date(2026, 4, 2), "61-90"),
        (date(2026, 5, 1), "61-90"),  # 90 days
        (date(2026, 5, 2), "over_90"),
    ],
)
def test_bucket_boundaries(as_of: date, expected: str) -> None:
    assert bucket(DUE, as_of) == expected


def test_aged_balance_per_currency() -> None:
    items = [
        OpenItem("F-001", date(2026, 3, 31), D("1000.00"), "EUR"),  # not due
        OpenItem("F-002", date(2026, 3, 1), D("250.50"), "EUR"),  # 30 days
        OpenItem("F-003", date(2025, 12, 1), D("99.50"), "EUR"),  # 120 days
        OpenItem("AV-004", date(2026, 3, 1), D("-50.50"), "EUR"),  # unapplied credit note
        OpenItem("F-005", date(2026, 2, 1), D("4000"), "usd"),  # 58 days
    ]
    result = aged_balance(items, date(2026, 3, 31))
    assert list(result) == ["EUR", "USD"]
    assert result["EUR"] == {
        "not_due": D("1000.00"),
        "1-30": D("200.00"),
        "31-60": D("0"),
        "61-90": D("0"),
        "over_90": D("99.50"),
        "total": D("1299.50"),
    }
    assert result["USD"]["31-60"] == D("4000")
    assert result["USD"]["total"] == D("4000")
    assert aged_balance([], date(2026, 3, 31)) == {}


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("", DUE, D("1"), "EUR"), "reference"),
        (("F-1", DUE, D("1"), "EURO"), "currency"),
        (("F-1", DUE, "1,5", "EUR"), "balance"),
        (("F-1", DUE, D("NaN"), "EUR"), "balance"),
    ],
)
def test_open_item_bad_input(args: tuple[object, ...], field: str) -> None:
    with pytest.raises(TradeInputError) as excinfo:
        OpenItem(*args)  # type: ignore[arg-type]
    assert excinfo.value.field == field


_ITEMS = st.lists(
    st.builds(
        OpenItem,
        st.text("ABCF0123456789-", min_size=1, max_size=8),
        st.dates(date(2025, 1, 1), date(2026, 12, 31)),
        st.decimals(D("-10000"), D("1000000"), places=2),
        st.sampled_from(["EUR", "USD", "JPY"]),
    ),
    max_size=30,
)


@settings(max_examples=100, deadline=None)
@given(_ITEMS, st.dates(date(2025, 1, 1), date(2027, 6, 30)))
def test_aged_balance_adds_up(items: list[OpenItem], as_of: date) -> None:
    result = aged_balance(items, as_of)
    assert set(result) == {item.currency for item in items}
    for currency, row in result.items():
        assert set(row) == {*BUCKETS, "total"}
        balances = sum((i.balance for i in items if i.currency == currency), D(0))
        assert sum((row[name] for name in BUCKETS), D(0)) == row["total"] == balances


@settings(max_examples=100, deadline=None)
@given(st.dates(date(2020, 1, 1), date(2030, 1, 1)), st.integers(-400, 400), st.integers(0, 400))
def test_bucket_never_gets_younger(due: date, offset: int, later: int) -> None:
    as_of = due + timedelta(days=offset)
    first = BUCKETS.index(bucket(due, as_of))
    second = BUCKETS.index(bucket(due, as_of + timedelta(days=later)))
    assert second >= first


# --- dunning -------------------------------------------------------------------------------


def test_first_letter_seven_days_after_due() -> None:
    assert next_dunning_level(DUE, date(2026, 2, 6), STEPS) is None
    assert next_dunning_level(DUE, date(2026, 2, 7), STEPS) == DunningStep(1, 7)


def test_second_letter_after_the_first() -> None:
    sent = date(2026, 2, 7)
    assert next_dunning_level(DUE, date(2026, 2, 20), STEPS, 1, sent) is None
    assert next_dunning_level(DUE, date(2026, 2, 21), STEPS, 1, sent) == DunningStep(2, 21)


def test_levels_are_never_skipped() -> None:
    """60 days overdue with no letter yet: level 1, not level 3."""
    assert next_dunning_level(DUE, date(2026, 4, 1), STEPS) == DunningStep(1, 7)


def test_minimum_gap_between_letters() -> None:
    late_first = date(2026, 2, 18)  # level 1 sent late; level 2 falls due on 21 February
    assert next_dunning_level(DUE, date(2026, 2, 21), STEPS, 1, late_first) is None
    assert next_dunning_level(DUE, date(2026, 2, 25), STEPS, 1, late_first) == DunningStep(2, 21)
    assert next_dunning_level(DUE, date(2026, 2, 21), STEPS, 1, late_first, 3) == DunningStep(2, 21)


def test_nothing_after_the_last_level() -> None:
    assert next_dunning_level(DUE, date(2027, 1, 1), STEPS, 3, date(2026, 3, 17)) is None


@pytest.mark.parametrize(
    ("steps", "kwargs", "field"),
    [
        ((), {}, "steps"),
        ((DunningStep(2, 7), DunningStep(3, 21)), {}, "steps"),
        ((DunningStep(1, 7), DunningStep(2, 7)), {}, "steps"),
        ((DunningStep(1, 0),), {}, "steps"),
        (STEPS, {"last_level_sent": 4, "last_sent_on": DUE}, "last_level_sent"),
        (STEPS, {"last_level_sent": 1}, "last_sent_on"),
        (STEPS, {"last_sent_on": DUE}, "last_sent_on"),
        (STEPS, {"last_level_sent": 1, "last_sent_on": date(2027, 1, 1)}, "last_sent_on"),
        (STEPS, {"min_days_between": -1}, "min_days_between"),
    ],
)
def test_dunning_bad_input(
    steps: tuple[DunningStep, ...], kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(TradeInputError) as excinfo:
        next_dunning_level(DUE, date(2026, 6, 1), steps, **kwargs)  # type: ignore[arg-type]
    assert excinfo.value.field == field


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1, 30), min_size=1, max_size=5),
    st.integers(0, 20),
    st.dates(date(2025, 1, 1), date(2026, 12, 31)),
)
def test_letters_sent_daily_come_in_order_on_time_and_apart(
    increments: list[int], gap: int, due: date
) -> None:
    """Asking every day and sending what is due: levels 1..n, each on time and gap apart."""
    delays = [sum(increments[: i + 1]) for i in range(len(increments))]
    steps = [DunningStep(i + 1, days) for i, days in enumerate(delays)]
    sent: list[tuple[int, date]] = []
    day = due
    while day <= due + timedelta(days=delays[-1] + gap * len(steps) + 1):
        last_level, last_on = sent[-1] if sent else (0, None)
        step = next_dunning_level(due, day, steps, last_level, last_on, gap)
        if step is not None:
            sent.append((step.level, day))
        day += timedelta(days=1)
    assert [level for level, _ in sent] == list(range(1, len(steps) + 1))
    for (level, on), (_, previous) in zip(sent[1:], sent, strict=False):
        assert (on - previous).days >= gap
        assert on >= due + timedelta(days=delays[level - 1])
    assert sent[0][1] == due + timedelta(days=delays[0])


# --- payments and exchange differences -----------------------------------------------------


def test_apply_payment() -> None:
    assert apply_payment(D("1000.00"), D("400.00")) == D("600.00")
    assert apply_payment(D("1000.00"), D("1000.00")) == D("0")


@pytest.mark.parametrize("payment", [D("1000.01"), D("0"), D("-5")])
def test_apply_payment_refuses_over_and_non_positive_payments(payment: Decimal) -> None:
    with pytest.raises(TradeInputError) as excinfo:
        apply_payment(D("1000.00"), payment)
    assert excinfo.value.field == "amount"
    if payment > 0:
        assert "exceeds the balance of 1000" in excinfo.value.message


def test_exchange_difference_loss_and_gain() -> None:
    assert exchange_difference(D("10000"), D("0.9200"), D("0.9050"), "EUR") == D("-150.00")
    assert exchange_difference(D("1000000"), D("0.0062"), D("0.0064"), "EUR") == D("200.00")
    # home currency JPY: 333 x 0.255 = 84.915 -> 85 yen
    assert exchange_difference(D("333"), D("150.000"), D("150.255"), "JPY") == D("85")
    assert exchange_difference(D("500"), D("1.1"), D("1.1"), "EUR") == D("0.00")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((D("100"), D("0"), D("1"), "EUR"), "booked_rate"),
        ((D("100"), D("1"), D("-1"), "EUR"), "settled_rate"),
        ((D("-100"), D("1"), D("1"), "EUR"), "amount"),
        ((D("100"), D("1"), D("1"), "E"), "home_currency"),
    ],
)
def test_exchange_difference_bad_input(args: tuple[object, ...], field: str) -> None:
    with pytest.raises(TradeInputError) as excinfo:
        exchange_difference(*args)  # type: ignore[arg-type]
    assert excinfo.value.field == field


_RATES = st.decimals(D("0.0001"), D("200"), places=4)


@settings(max_examples=100, deadline=None)
@given(
    st.decimals(D("0"), D("10000000"), places=2), _RATES, _RATES, st.sampled_from(["EUR", "JPY"])
)
def test_exchange_difference_is_antisymmetric(
    amount: Decimal, booked: Decimal, settled: Decimal, home: str
) -> None:
    """Swapping the two rates turns a gain into the same loss; equal rates give zero."""
    gain = exchange_difference(amount, booked, settled, home)
    assert exchange_difference(amount, settled, booked, home) == -gain
    assert (gain > 0) <= (settled > booked)
    assert exchange_difference(amount, booked, booked, home) == 0


# --- credit control ------------------------------------------------------------------------


def _decide(**overrides: object) -> object:
    kwargs: dict[str, object] = {
        "credit_limit": D("50000"),
        "unpaid_invoices": D("30000"),
        "confirmed_not_invoiced": D("15000"),
        "order_amount": D("10000"),
        "oldest_overdue_days": 10,
        "max_overdue_days": 60,
    }
    kwargs.update(overrides)
    return credit_decision(**kwargs)  # type: ignore[arg-type]


def test_order_over_the_limit_is_held_with_the_figures() -> None:
    decision = credit_decision(
        credit_limit=D("50000"),
        unpaid_invoices=D("30000"),
        confirmed_not_invoiced=D("15000"),
        order_amount=D("10000"),
        oldest_overdue_days=10,
        max_overdue_days=60,
    )
    assert decision.hold
    assert decision.outstanding == D("45000")
    assert decision.available == D("5000")
    (reason,) = decision.reasons
    assert "55,000.00" in reason and "50,000.00" in reason and "5,000.00" in reason


def test_order_up_to_the_limit_passes() -> None:
    decision = credit_decision(
        credit_limit=D("50000"),
        unpaid_invoices=D("30000"),
        confirmed_not_invoiced=D("15000"),
        order_amount=D("5000"),
        oldest_overdue_days=60,
        max_overdue_days=60,
    )
    assert not decision.hold
    assert decision.reasons == ()


def test_secured_order_skips_the_limit_but_not_the_overdue_test() -> None:
    secured = credit_decision(
        credit_limit=D("50000"),
        unpaid_invoices=D("30000"),
        confirmed_not_invoiced=D("15000"),
        order_amount=D("100000"),
        oldest_overdue_days=10,
        max_overdue_days=60,
        secured=True,
    )
    assert not secured.hold
    late = credit_decision(
        credit_limit=D("50000"),
        unpaid_invoices=D("30000"),
        confirmed_not_invoiced=D("0"),
        order_amount=D("100"),
        oldest_overdue_days=75,
        max_overdue_days=60,
        secured=True,
    )
    assert late.hold
    (reason,) = late.reasons
    assert "75 days" in reason and "60 days" in reason


def test_no_credit_granted() -> None:
    for limit in (None, D("0")):
        decision = credit_decision(
            credit_limit=limit,
            unpaid_invoices=D("0"),
            confirmed_not_invoiced=D("0"),
            order_amount=D("1"),
            oldest_overdue_days=0,
            max_overdue_days=30,
        )
        assert decision.hold
        assert "No credit" in decision.reasons[0]
    assert decision.available == D("0")
    unlimited = credit_decision(
        credit_limit=None,
        unpaid_invoices=D("0"),
        confirmed_not_invoiced=D("0"),
        order_amount=D("1"),
        oldest_overdue_days=0,
        max_overdue_days=30,
        secured=True,
    )
    assert not unlimited.hold
    assert unlimited.available is None


def test_both_causes_are_listed() -> None:
    decision = credit_decision(
        credit_limit=D("1000"),
        unpaid_invoices=D("900"),
        confirmed_not_invoiced=D("0"),
        order_amount=D("200"),
        oldest_overdue_days=91,
        max_overdue_days=30,
    )
    assert decision.hold
    assert len(decision.reasons) == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"credit_limit": D("-1")}, "credit_limit"),
        ({"unpaid_invoices": D("-1")}, "unpaid_invoices"),
        ({"confirmed_not_invoiced": D("-1")}, "confirmed_not_invoiced"),
        ({"order_amount": D("0")}, "order_amount"),
        ({"oldest_overdue_days": -1}, "oldest_overdue_days"),
        ({"max_overdue_days": 1.5}, "max_overdue_days"),
    ],
)
def test_credit_decision_bad_input(overrides: dict[str, object], field: str) -> None:
    with pytest.raises(TradeInputError) as excinfo:
        _decide(**overrides)
    assert excinfo.value.field == field


_AMOUNT = st.decimals(D("0"), D("1000000"), places=2)


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(st.none(), _AMOUNT),
    _AMOUNT,
    _AMOUNT,
    st.decimals(D("0.01"), D("1000000"), places=2),
    st.decimals(D("0"), D("1000000"), places=2),
    st.integers(0, 200),
    st.integers(0, 120),
)
def test_credit_decision_is_monotonic(
    limit: Decimal | None,
    unpaid: Decimal,
    confirmed: Decimal,
    order: Decimal,
    more: Decimal,
    oldest: int,
    tolerance: int,
) -> None:
    """Securing never adds a hold; a larger order never lifts one; outstanding adds up."""

    def decide(amount: Decimal, secured: bool) -> bool:
        return credit_decision(
            credit_limit=limit,
            unpaid_invoices=unpaid,
            confirmed_not_invoiced=confirmed,
            order_amount=amount,
            oldest_overdue_days=oldest,
            max_overdue_days=tolerance,
            secured=secured,
        ).hold

    assert decide(order, True) <= decide(order, False)
    assert decide(order, False) <= decide(order + more, False)
    assert decide(order, True) == (oldest > tolerance)
    decision = credit_decision(
        credit_limit=limit,
        unpaid_invoices=unpaid,
        confirmed_not_invoiced=confirmed,
        order_amount=order,
        oldest_overdue_days=oldest,
        max_overdue_days=tolerance,
    )
    assert decision.outstanding == unpaid + confirmed
    assert decision.hold == bool(decision.reasons)


# --- commission ----------------------------------------------------------------------------


def test_commission_rounded_to_the_currency() -> None:
    assert commission(D("12345.67"), D("5"), "EUR") == D("617.28")
    # 1,000,001 x 3.5 % = 35,000.035 -> 35,000 yen
    assert commission(D("1000001"), D("3.5"), "JPY") == D("35000")
    assert commission(D("12345.67"), D("0"), "EUR") == D("0.00")
    assert commission(D("80"), D("100"), "EUR") == D("80.00")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((D("100"), D("100.01"), "EUR"), "rate_pct"),
        ((D("100"), D("-1"), "EUR"), "rate_pct"),
        ((D("-100"), D("5"), "EUR"), "base"),
        ((D("100"), D("5"), "XXX"), "currency"),
    ],
)
def test_commission_bad_input(args: tuple[object, ...], field: str) -> None:
    with pytest.raises(TradeInputError) as excinfo:
        commission(*args)  # type: ignore[arg-type]
    assert excinfo.value.field == field


# --- settlement day ----------------------------------------------------------------------------


def test_settled_on_the_day_of_the_last_reduction() -> None:
    # 1,000 issued on 2 March: 600 paid on 20 March, a credit note of 400 on 5 April
    issued = date(2026, 3, 2)
    reductions = [(date(2026, 3, 20), Decimal("600")), (date(2026, 4, 5), Decimal("400"))]
    assert settled_on(issued, Decimal("1000"), reductions) == date(2026, 4, 5)
    assert settled_on(issued, Decimal("1000"), reductions[:1]) is None  # 400 still due
    # paid before it was issued (an advance): settled from its own date
    assert settled_on(issued, Decimal("50"), [(date(2026, 2, 1), Decimal("50"))]) == issued
    # credited after it was paid: 100 owed to the client, not settled
    over = [(date(2026, 3, 20), Decimal("1000")), (date(2026, 4, 5), Decimal("100"))]
    assert settled_on(issued, Decimal("1000"), over) is None
    assert settled_on(issued, Decimal("0"), []) == issued  # an invoice of nothing
    with pytest.raises(TradeInputError) as caught:
        settled_on(issued, Decimal("10"), [(issued, Decimal("-1"))])
    assert caught.value.field == "amount"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(-10, 60), st.integers(1, 50_000)),
        max_size=6,
    ),
    st.integers(0, 100_000),
)
def test_settled_on_is_the_first_day_from_which_the_balance_stays_nil(
    events: list[tuple[int, int]], cents: int
) -> None:
    issued = date(2026, 1, 10)
    total = Decimal(cents) / 100
    reductions = [(issued + timedelta(days=d), Decimal(c) / 100) for d, c in events]

    def balance(day: date) -> Decimal:
        return total - sum((a for d, a in reductions if max(d, issued) <= day), Decimal(0))

    found = settled_on(issued, total, reductions)
    last = max([issued, *(d for d, _a in reductions)])
    if found is None:
        assert balance(last) != 0
    else:
        assert all(balance(found + timedelta(days=k)) == 0 for k in range(0, 3))
        assert found == issued or balance(found - timedelta(days=1)) != 0
