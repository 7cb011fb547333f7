"""Documentary collections: the bill's due date (ULB art. 33-35, 72-73) and the collection
instruction's checks (URC 522 art. 4, 6, 7, 25).

Worked examples:

1. D/A 60 days after sight, accepted Thursday 5 March 2026: 5 March + 60 days = Monday
   4 May 2026 (ULB art. 35: from the acceptance; art. 73: the first day is not counted).
2. 90 days after B/L date 2 February 2026 = Sunday 3 May 2026: French banks closed, payable
   on Monday 4 May 2026 (ULB art. 72).
3. 30 days after invoice date 15 April 2026 = Friday 15 May 2026 (banks open in FR).
4. 30 days after B/L date 2 December 2025 = 1 January 2026 (New Year's Day in the UK), payable
   on Friday 2 January 2026 (Bills of Exchange Act 1882 s. 14).
5. D/A at sight is impossible (URC 522 art. 6, 7: a sight bill is paid, not accepted).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade.calendars import is_business_day
from comptoir.trade.collections import (
    CollectionFacts,
    bill_due_date,
    checklist,
    law_of_bill,
    problems,
)
from comptoir.trade.errors import TradeInputError


def test_days_after_sight_counts_from_acceptance() -> None:
    result = bill_due_date(tenor="days_after_sight", days=60, sight_date=date(2026, 3, 5))
    assert result.due_date == date(2026, 5, 4)
    assert result.counted_from == date(2026, 3, 5)
    assert not result.extended


def test_due_on_sunday_moves_to_monday() -> None:
    result = bill_due_date(tenor="days_after_bl", days=90, bl_date=date(2026, 2, 2))
    assert result.unadjusted == date(2026, 5, 3)
    assert result.due_date == date(2026, 5, 4)
    assert result.extended
    assert "art. 72" in str(result.steps[-1])


def test_after_invoice_date_open_day() -> None:
    result = bill_due_date(tenor="days_after_invoice", days=30, invoice_date=date(2026, 4, 15))
    assert result.due_date == date(2026, 5, 15)
    assert not result.extended


def test_english_law_new_year() -> None:
    result = bill_due_date(tenor="days_after_bl", days=30, bl_date=date(2025, 12, 2), country="GB")
    assert result.unadjusted == date(2026, 1, 1)
    assert result.due_date == date(2026, 1, 2)
    assert "Bills of Exchange Act 1882" in str(result.steps[-1])


def test_sight_and_pending() -> None:
    assert bill_due_date(tenor="sight").due_date is None
    assert bill_due_date(tenor="sight", sight_date=date(2026, 3, 5)).due_date == date(2026, 3, 5)
    pending = bill_due_date(tenor="days_after_sight", days=90)
    assert pending.due_date is None
    assert "accepts" in str(pending.steps[0])


def test_law_of_other_countries() -> None:
    assert "place of payment (MA)" in str(law_of_bill("MA"))
    assert "Geneva" in str(law_of_bill("DE"))


def test_bad_input() -> None:
    with pytest.raises(TradeInputError) as err:
        bill_due_date(tenor="days_after_bl", days=0, bl_date=date(2026, 1, 1))
    assert err.value.field == "tenor_days"
    with pytest.raises(TradeInputError) as err:
        bill_due_date(tenor="monthly")
    assert err.value.field == "tenor"
    with pytest.raises(TradeInputError) as err:
        bill_due_date(tenor="fixed_date")
    assert err.value.field == "fixed_date"
    with pytest.raises(TradeInputError):
        bill_due_date(tenor="days_after_bl", days=30, bl_date=date(9999, 12, 20))


@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=1, max_value=720),
    st.sampled_from(["FR", "GB", "DE", "US", "MA", "AE"]),
)
def test_due_date_is_a_banking_day_never_before_the_term(
    start: date, days: int, country: str
) -> None:
    result = bill_due_date(tenor="days_after_bl", days=days, bl_date=start, country=country)
    assert result.due_date is not None and result.unadjusted is not None
    assert result.unadjusted == start + timedelta(days=days)
    assert result.due_date >= result.unadjusted
    assert is_business_day(country, result.due_date)
    assert result.extended == (result.due_date != result.unadjusted)


def _facts(**changes: object) -> CollectionFacts:
    values: dict[str, object] = dict(
        kind="dp",
        tenor="sight",
        tenor_days=0,
        amount=Decimal("48600.00"),
        currency="EUR",
        drawee_name="Atlas Cuisine SARL",
        drawee_address="12 bd Zerktouni, Casablanca",
        collecting_bank_name="Attijariwafa bank",
        collecting_bank_bic="BCMAMAMC",
        remitting_bank_name="Crédit Agricole",
        documents=(("commercial_invoice", 3, 2), ("bill_of_lading", 3, 0)),
        charges_for="drawee",
        charges_waivable=False,
        protest=False,
        unpaid_instructions="Store and insure the goods, advise us by SWIFT.",
        case_of_need="",
        case_of_need_powers="",
        bill_of_exchange=False,
    )
    values.update(changes)
    return CollectionFacts(**values)  # type: ignore[arg-type]


def test_a_complete_dp_instruction() -> None:
    assert problems(_facts()) == ()
    assert all(item.ok for item in checklist(_facts()))


def test_da_at_sight_is_blocking() -> None:
    found = {
        field: blocking for field, _, blocking in problems(_facts(kind="da", bill_of_exchange=True))
    }
    assert found == {"tenor": True}


def test_da_needs_a_bill() -> None:
    found = problems(_facts(kind="da", tenor="days_after_sight", tenor_days=60))
    assert [(f, b) for f, _, b in found] == [("bill_of_exchange", True)]


def test_dp_with_time_bill_is_a_warning_citing_art_7() -> None:
    found = problems(_facts(tenor="days_after_bl", tenor_days=30, bill_of_exchange=True))
    assert [(f, b) for f, _, b in found] == [("tenor", False)]
    assert "art. 7" in str(found[0][1])


def test_case_of_need_without_powers_and_missing_items() -> None:
    facts = _facts(case_of_need="Agent Casablanca", unpaid_instructions="", documents=())
    fields = {f for f, _, _ in problems(facts)}
    assert fields == {"case_of_need_powers", "unpaid_instructions", "documents"}
    missing = {item.key for item in checklist(facts) if not item.ok}
    assert missing == {"documents", "unpaid", "case_of_need"}
