"""Sales network contracts and action plan progress (Code de commerce L134-11 to L134-14,
L442-1 II; Reg. (EU) 2022/720 art. 4 b).

Worked examples:

1. An agent's contract signed 1 March 2024: notice given 10 February 2025 (first year): one
   month, ending 31 March 2025 (end of a calendar month); given 10 June 2025 (second year
   begun): two months, ending 31 August 2025; given 2 March 2026 (third year begun): three.
2. A distributor's contract 1 January 2025 – 31 December 2025, renewed tacitly by 12 months,
   notice 3 months: on 5 December 2026 the term running ends 31 December 2026; notice by
   30 September 2026 (already past), the next one by 30 September 2027.
3. An agent paid 40,000, 50,000 and 60,000 EUR of commissions over the last three years: the
   usual indemnity is 2 × 50,000 = 100,000 EUR (case law on L134-12).
4. A revenue target of 365,000 EUR: 31,000 expected on 31 January; 28,000 invoiced is on
   track (≥ 90 % of 31,000 = 27,900), 27,000 is behind.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade import sales_network as rules
from comptoir.trade.errors import TradeInputError

D = Decimal
AGENT = rules.ContractKind.AGENT
DISTRIBUTOR = rules.ContractKind.DISTRIBUTOR
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


# ---------------------------------------------------------------------- worked example 1


def test_agent_notice_by_year_of_the_contract() -> None:
    start = date(2024, 3, 1)
    assert rules.agent_legal_notice_months(start, date(2025, 2, 10)) == 1
    assert rules.agent_legal_notice_months(start, date(2025, 2, 28)) == 1
    assert rules.agent_legal_notice_months(start, date(2025, 3, 1)) == 2
    assert rules.agent_legal_notice_months(start, date(2025, 6, 10)) == 2
    assert rules.agent_legal_notice_months(start, date(2026, 3, 2)) == 3
    assert rules.agent_legal_notice_months(start, date(2034, 3, 2)) == 3


def test_agent_notice_ends_at_the_end_of_a_calendar_month() -> None:
    assert rules.notice_end(AGENT, date(2025, 2, 10), 1) == date(2025, 3, 31)
    assert rules.notice_end(AGENT, date(2025, 6, 10), 2) == date(2025, 8, 31)
    # agreed otherwise: the day itself
    assert rules.notice_end(AGENT, date(2025, 6, 10), 2, end_of_month_rule=False) == date(
        2025, 8, 10
    )
    # a distributor: no such rule
    assert rules.notice_end(DISTRIBUTOR, date(2025, 6, 10), 3) == date(2025, 9, 10)


def test_an_agreed_notice_shorter_than_the_law_gives_way() -> None:
    start = date(2020, 1, 1)
    assert rules.notice_months(AGENT, start, date(2026, 1, 1), 1) == 3
    assert rules.notice_months(AGENT, start, date(2026, 1, 1), 6) == 6
    assert rules.notice_months(DISTRIBUTOR, start, date(2026, 1, 1), None) == 1
    assert rules.notice_months(DISTRIBUTOR, start, date(2026, 1, 1), 6) == 6
    with pytest.raises(TradeInputError) as exc:
        rules.notice_months(AGENT, start, date(2026, 1, 1), -1)
    assert exc.value.field == "notice_months"


# ---------------------------------------------------------------------- worked example 2


def test_tacit_renewal_and_the_last_day_to_give_notice() -> None:
    kwargs = {
        "kind": DISTRIBUTOR,
        "starts_on": date(2025, 1, 1),
        "ends_on": date(2025, 12, 31),
        "tacit_renewal": True,
        "renewal_months": 12,
        "agreed_notice_months": 3,
    }
    found = rules.deadlines(**kwargs, today=date(2026, 12, 5))  # type: ignore[arg-type]
    assert [(d.kind, d.day) for d in found] == [
        ("notice", date(2026, 9, 30)),
        ("end", date(2026, 12, 31)),
    ]
    assert "Give notice by 2026-09-30" in str(found[0].text)
    before = rules.deadlines(**kwargs, today=date(2025, 6, 1))  # type: ignore[arg-type]
    assert before[0].day == date(2025, 9, 30)
    assert before[1].day == date(2025, 12, 31)


def test_a_fixed_term_without_renewal_has_only_its_end() -> None:
    found = rules.deadlines(
        kind=AGENT,
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 6, 30),
        tacit_renewal=False,
        renewal_months=12,
        agreed_notice_months=None,
        today=date(2026, 1, 1),
    )
    assert [(d.kind, d.day) for d in found] == [("end", date(2027, 6, 30))]


def test_open_ended_contract_has_no_deadline() -> None:
    assert (
        rules.deadlines(
            kind=AGENT,
            starts_on=date(2025, 1, 1),
            ends_on=None,
            tacit_renewal=True,
            renewal_months=12,
            agreed_notice_months=None,
            today=date(2026, 1, 1),
        )
        == []
    )


def test_dates_in_the_wrong_order_name_the_field() -> None:
    with pytest.raises(TradeInputError) as exc:
        rules.current_term_end(
            date(2025, 1, 1),
            date(2024, 1, 1),
            tacit_renewal=False,
            renewal_months=12,
            today=date(2025, 1, 1),
        )
    assert exc.value.field == "ends_on"
    with pytest.raises(TradeInputError) as exc:
        rules.current_term_end(
            date(2020, 1, 1),
            date(2021, 1, 1),
            tacit_renewal=True,
            renewal_months=0,
            today=date(2025, 1, 1),
        )
    assert exc.value.field == "renewal_months"


# ---------------------------------------------------------------------- worked example 3


def test_agent_indemnity_two_years_on_the_average() -> None:
    found = rules.agent_indemnity([D("30000"), D("40000"), D("50000"), D("60000")])
    assert found.years_counted == 3
    assert found.yearly_average == D("50000.00")
    assert found.amount == D("100000.00")
    assert "case law" in str(found.basis)
    assert "L134-13" in str(found.basis)
    assert rules.agent_indemnity([]).amount == 0
    with pytest.raises(TradeInputError):
        rules.agent_indemnity([D("-1")])


def test_non_compete_limits() -> None:
    assert rules.non_compete_problems(24, limited_to_territory_and_goods=True) == []
    assert rules.non_compete_problems(0, limited_to_territory_and_goods=False) == []
    too_long = rules.non_compete_problems(36, limited_to_territory_and_goods=True)
    assert len(too_long) == 1 and "L134-14" in str(too_long[0])
    assert len(rules.non_compete_problems(12, limited_to_territory_and_goods=False)) == 1


def test_active_and_passive_sales() -> None:
    assert rules.restriction_verdict(passive=False, into_exclusive_territory=True).allowed
    assert not rules.restriction_verdict(passive=True, into_exclusive_territory=True).allowed
    assert not rules.restriction_verdict(passive=False, into_exclusive_territory=False).allowed
    assert "2022/720" in str(
        rules.restriction_verdict(passive=True, into_exclusive_territory=True).text
    )


def test_notice_guidance_cites_the_article() -> None:
    assert "L134-11" in str(rules.notice_guidance(AGENT, date(2025, 1, 1), date(2026, 6, 1)))
    assert "L442-1" in str(rules.notice_guidance(DISTRIBUTOR, date(2020, 1, 1), date(2026, 6, 1)))


# ---------------------------------------------------------------------- worked example 4


def test_progress_against_the_pro_rata_target() -> None:
    target = D("365000")
    expected = rules.expected_to_date(target, 2026, date(2026, 1, 31))
    assert expected == D("31000.00")
    assert rules.status(D("28000"), target, expected) == rules.Status.ON_TRACK
    assert rules.status(D("27000"), target, expected) == rules.Status.BEHIND
    assert rules.status(D("40000"), target, expected) == rules.Status.AHEAD
    assert rules.status(D("5"), D("0"), D("0")) == rules.Status.NO_TARGET
    assert rules.progress_pct(D("28000"), target) == D("7.7")
    assert rules.progress_pct(D("1"), D("0")) is None
    assert rules.expected_to_date(target, 2026, date(2025, 12, 31)) == 0
    assert rules.expected_to_date(target, 2026, date(2027, 1, 1)) == target


def test_chart_lines() -> None:
    assert rules.cumulative([D("1"), D("2"), D("0"), D("3")]) == [D("1"), D("3"), D("3"), D("6")]
    line = rules.target_line(D("120000"))
    assert line[0] == D("10000.00") and line[-1] == D("120000.00") and len(line) == 12


# ------------------------------------------------------------------------------ properties


@given(start=days, offset=st.integers(min_value=0, max_value=8000))
def test_agent_notice_grows_with_time_and_stays_between_one_and_three(
    start: date, offset: int
) -> None:
    first = rules.agent_legal_notice_months(start, start + timedelta(days=offset))
    later = rules.agent_legal_notice_months(start, start + timedelta(days=offset + 200))
    assert 1 <= first <= later <= 3


@given(given_on=days, months=st.integers(min_value=0, max_value=36))
def test_agent_notice_end_is_a_month_end_after_the_notice(given_on: date, months: int) -> None:
    end = rules.notice_end(AGENT, given_on, months)
    assert (end + timedelta(days=1)).day == 1
    assert end >= rules.add_months(given_on, months)


@given(
    starts_on=days,
    length=st.integers(min_value=0, max_value=3000),
    renewal=st.integers(min_value=1, max_value=36),
    later=st.integers(min_value=0, max_value=6000),
)
def test_the_term_running_always_covers_today(
    starts_on: date, length: int, renewal: int, later: int
) -> None:
    ends_on = starts_on + timedelta(days=length)
    today = starts_on + timedelta(days=later)
    end = rules.current_term_end(
        starts_on, ends_on, tacit_renewal=True, renewal_months=renewal, today=today
    )
    assert end is not None and end >= today and end >= ends_on


@given(st.lists(st.decimals(min_value=0, max_value=10**7, places=2), max_size=6))
def test_indemnity_is_twice_an_average_within_the_years_counted(values: list[Decimal]) -> None:
    found = rules.agent_indemnity(values)
    counted = values[-3:]
    if counted:
        assert min(counted) - D("0.01") <= found.yearly_average <= max(counted) + D("0.01")
    assert found.amount == (found.yearly_average * 2).quantize(D("0.01"))


@given(
    target=st.decimals(min_value=0, max_value=10**9, places=2),
    first=st.integers(min_value=0, max_value=364),
    more=st.integers(min_value=0, max_value=364),
)
def test_expected_to_date_grows_to_the_target(target: Decimal, first: int, more: int) -> None:
    day = date(2026, 1, 1) + timedelta(days=first)
    a = rules.expected_to_date(target, 2026, day)
    b = rules.expected_to_date(target, 2026, day + timedelta(days=more))
    assert 0 <= a <= b <= target
