"""Export credit insurance rules: cover in force, outstanding vs cover, deadlines, indemnity.

Worked examples (figures computed by hand, policy conditions of the usual French policies):

1. Cover: a buyer with a limit of 100,000 granted; the discretionary limit of 20,000 does not
   add to it. A buyer never named is covered up to the discretionary limit; a buyer the
   insurer refused is not covered at all, discretionary limit or not.
2. Position: outstanding 130,000, cover 100,000, insured share 90 %: covered 100,000,
   uncovered 30,000, used 130 %, the insurer would pay 90,000, we keep 40,000 at our risk.
3. Deadline: invoice due Saturday 31 January 2026, policy 60 days: declare by 1 April 2026
   (February 2026 has 28 days); 30 days: 2 March.
4. Indemnity: loss 120,000, cover 100,000, 90 %: 90,000 paid, 20,000 not covered, 30,000
   retained; 15,000 recovered before the claim: loss 105,000, covered 100,000, 90,000 paid.
5. Recovery after indemnity: loss 100,000, indemnity 90,000, 10,000 recovered later: 9,000
   to the insurer (subrogated for 90 %), 1,000 kept.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade import credit_insurance as ci
from comptoir.trade.errors import TradeInputError

D = Decimal
amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
shares = st.decimals(min_value=D("0.01"), max_value=100, places=2, allow_nan=False)


def test_cover_granted_replaces_the_discretionary_limit() -> None:
    assert ci.effective_cover("granted", D("100000"), D("20000")) == (D("100000"), "limit")
    assert ci.effective_cover("reduced", D("40000"), D("50000")) == (D("40000"), "limit")


def test_buyer_never_named_is_covered_up_to_the_discretionary_limit() -> None:
    assert ci.effective_cover("none", D("0"), D("20000")) == (D("20000"), "discretionary")
    assert ci.effective_cover("requested", D("0"), D("20000")) == (D("20000"), "discretionary")
    assert ci.effective_cover("none", D("0"), D("0")) == (D("0"), "none")


def test_refused_or_cancelled_buyer_has_no_cover_at_all() -> None:
    for state in ("refused", "cancelled"):
        assert ci.effective_cover(state, D("0"), D("20000")) == (D("0"), "none")


def test_unknown_state_names_the_field() -> None:
    with pytest.raises(TradeInputError) as caught:
        ci.effective_cover("maybe", D("0"), D("0"))
    assert caught.value.field == "state"


def test_position_worked_example() -> None:
    p = ci.position(D("130000"), D("100000"), D("90"))
    assert (p.covered, p.uncovered, p.used_pct) == (D("100000"), D("30000"), D("130.00"))
    assert (p.insured, p.retained) == (D("90000.00"), D("40000.00"))
    assert p.beyond_cover


def test_position_without_cover_is_all_uncovered() -> None:
    p = ci.position(D("5000"), D("0"), D("90"))
    assert p.used_pct is None and p.uncovered == D("5000") and p.insured == D("0")


@pytest.mark.parametrize("share", [D("0"), D("100.01"), D("-5")])
def test_insured_share_out_of_range_is_refused(share: Decimal) -> None:
    with pytest.raises(TradeInputError) as caught:
        ci.position(D("1"), D("1"), share)
    assert caught.value.field == "insured_share_pct"


def test_order_beyond_cover_counts_only_what_the_order_adds() -> None:
    # outstanding 80,000, cover 100,000, an order of 30,000: 10,000 beyond
    assert ci.order_beyond_cover(D("80000"), D("30000"), D("100000")) == (True, D("10000"))
    # already beyond: the whole order is beyond
    assert ci.order_beyond_cover(D("120000"), D("5000"), D("100000")) == (True, D("5000"))
    assert ci.order_beyond_cover(D("50000"), D("50000"), D("100000")) == (False, D("0"))


def test_threatened_loss_deadline_worked_example() -> None:
    assert ci.threatened_loss_deadline(date(2026, 1, 31), 60) == date(2026, 4, 1)
    assert ci.threatened_loss_deadline(date(2026, 1, 31), 30) == date(2026, 3, 2)


def test_deadline_days_bounded() -> None:
    with pytest.raises(TradeInputError) as caught:
        ci.threatened_loss_deadline(date(2026, 1, 31), 721)
    assert caught.value.field == "threatened_loss_days"


def test_indemnity_expected_on_after_the_waiting_period() -> None:
    assert ci.indemnity_expected_on(date(2026, 3, 1), 150) == date(2026, 7, 29)


def test_credit_period_beyond_the_policy() -> None:
    assert ci.term_exceeds_policy(150, 120)
    assert not ci.term_exceeds_policy(120, 120)
    assert not ci.term_exceeds_policy(365, 0)


def test_indemnity_worked_examples() -> None:
    result = ci.indemnity(D("120000"), D("100000"), D("90"))
    assert (result.indemnity, result.uncovered_loss, result.retained) == (
        D("90000.00"),
        D("20000"),
        D("30000.00"),
    )
    after = ci.indemnity(D("120000"), D("100000"), D("90"), D("15000"))
    assert (after.loss, after.covered_loss, after.indemnity) == (
        D("105000"),
        D("100000"),
        D("90000.00"),
    )


def test_recovering_more_than_the_loss_is_refused() -> None:
    with pytest.raises(TradeInputError) as caught:
        ci.indemnity(D("100"), D("100"), D("90"), D("101"))
    assert caught.value.field == "recovered_before"


def test_recovery_after_indemnity_is_shared() -> None:
    split = ci.split_recovery(D("10000"), D("90000"), D("100000"))
    assert (split.to_insurer, split.kept) == (D("9000.00"), D("1000.00"))
    assert ci.split_recovery(D("500"), D("0"), D("1000")) == ci.RecoverySplit(D("0"), D("500"))


@given(amounts, amounts, shares)
def test_position_parts_add_up(outstanding: Decimal, cover: Decimal, share: Decimal) -> None:
    p = ci.position(outstanding, cover, share)
    assert p.covered + p.uncovered == outstanding
    assert p.covered <= cover
    assert D("0") <= p.insured <= p.covered + D("0.005")
    assert p.insured + p.retained == outstanding


@given(amounts, amounts, shares, amounts)
def test_indemnity_never_exceeds_cover_or_loss(
    loss: Decimal, cover: Decimal, share: Decimal, recovered: Decimal
) -> None:
    if recovered > loss:
        recovered = loss
    result = ci.indemnity(loss, cover, share, recovered)
    assert result.indemnity <= min(cover, loss - recovered) + D("0.005")
    assert result.covered_loss + result.uncovered_loss == loss - recovered
    assert result.indemnity + result.retained == loss - recovered


@given(amounts, amounts, amounts)
def test_order_beyond_cover_never_more_than_the_order(
    outstanding: Decimal, order: Decimal, cover: Decimal
) -> None:
    beyond, by = ci.order_beyond_cover(outstanding, order, cover)
    assert D("0") <= by <= order
    assert beyond == (by > 0)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 720))
def test_deadline_is_after_the_due_date(due: date, days: int) -> None:
    assert ci.threatened_loss_deadline(due, days) - due == timedelta(days=days)


@given(amounts, amounts, amounts)
def test_recovery_split_adds_up(recovered: Decimal, indemnity: Decimal, loss: Decimal) -> None:
    if indemnity > loss:
        indemnity, loss = loss, indemnity
    split = ci.split_recovery(recovered, indemnity, loss)
    assert split.to_insurer + split.kept == recovered
    assert D("0") <= split.to_insurer <= recovered
