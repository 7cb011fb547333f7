"""Business and banking days, holidays, local time.

Worked examples from the official calendars: French public holidays (Code du travail
art. L3133-1: 1 January, Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July,
15 August, 1 November, 11 November, 25 December); German Unity Day 3 October; the
Friday-Saturday weekend of Saudi Arabia; China's make-up working Saturdays (State
Council notice for 2026); CMR art. 30 §1 counting (Sundays and public holidays excepted).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.calendars import (
    add_business_days,
    add_days_excluding_sundays_and_holidays,
    country_code,
    country_timezones,
    holiday_name,
    is_business_day,
    is_weekend,
    is_weekend_or_holiday,
    local_now,
    next_banking_day,
    partner_clock,
)
from comptoir.trade.errors import TradeInputError


def test_french_holidays() -> None:
    """Code du travail L3133-1: 14 July and 8 May are public holidays in France."""
    assert holiday_name("FR", date(2026, 7, 14)) == "National Day"
    assert holiday_name("FR", date(2026, 5, 8)) == "Victory Day"
    assert holiday_name("FR", date(2026, 7, 15)) is None
    assert not is_business_day("FR", date(2026, 12, 25))
    assert is_business_day("FR", date(2026, 12, 24))


def test_german_unity_day_and_subdivision() -> None:
    """3 October everywhere in Germany; Epiphany only in some Länder (e.g. Bavaria)."""
    assert is_weekend_or_holiday("DE", date(2025, 10, 3)) == "German Unity Day"
    assert holiday_name("DE", date(2026, 1, 6)) is None
    assert holiday_name("DE", date(2026, 1, 6), "BY") == "Epiphany"


def test_saudi_weekend() -> None:
    """Saudi Arabia rests Friday and Saturday: Sunday is a working day."""
    assert is_weekend("SA", date(2026, 3, 6))  # Friday
    assert not is_weekend("SA", date(2026, 3, 8))  # Sunday
    assert next_banking_day("SA", date(2026, 3, 6)) == date(2026, 3, 8)
    assert is_weekend_or_holiday("SA", date(2026, 3, 7)) == "Weekend (Saturday)"


def test_china_make_up_saturday_is_a_working_day() -> None:
    """China works Saturday 28 February 2026 to make up for the Spring Festival."""
    assert is_business_day("CN", date(2026, 2, 28))
    assert is_weekend_or_holiday("CN", date(2026, 2, 28)) is None
    assert is_weekend_or_holiday("CN", date(2026, 10, 1)) == "National Day"


def test_next_banking_day_over_easter() -> None:
    """Germany: Good Friday and Easter Monday closed: Thursday's next is Tuesday."""
    assert next_banking_day("DE", date(2026, 4, 3)) == date(2026, 4, 7)
    assert next_banking_day("FR", date(2026, 4, 3)) == date(
        2026, 4, 3
    )  # Good Friday open in France
    assert next_banking_day("FR", date(2026, 4, 4)) == date(2026, 4, 7)  # Sat, Sun, Easter Monday


def test_business_day_arithmetic() -> None:
    """UCP 600 art. 14 b style count: 5 banking days after Thursday 30 April 2026 in France."""
    assert add_business_days("FR", date(2026, 4, 30), 5) == date(
        2026, 5, 11
    )  # skips 1 May and 8 May
    assert add_business_days("FR", date(2026, 4, 30), 0) == date(2026, 4, 30)


def test_cmr_seven_days_sundays_and_holidays_excepted() -> None:
    """CMR art. 30 §1 and §4: delivery Thursday 30 April 2026 in France -> Monday 11 May."""
    assert add_days_excluding_sundays_and_holidays("FR", date(2026, 4, 30), 7) == date(2026, 5, 11)
    # Saturdays count: delivery Monday 2 March 2026 -> Tuesday 10 March (Sunday 8 skipped)
    assert add_days_excluding_sundays_and_holidays("FR", date(2026, 3, 2), 7) == date(2026, 3, 10)


def test_local_time_and_partner_clock() -> None:
    noon_utc = datetime(2026, 7, 14, 12, 0, tzinfo=UTC)
    assert local_now("Asia/Shanghai", noon_utc).hour == 20
    assert local_now("Europe/Paris", noon_utc).utcoffset().total_seconds() == 7200  # type: ignore[union-attr]
    clock = partner_clock("FR", now=noon_utc)
    assert clock.tz == "Europe/Paris"
    assert clock.day_off == "National Day"
    assert not clock.is_working_day
    us = partner_clock("US", "America/Chicago", now=datetime(2026, 7, 3, 15, 0, tzinfo=UTC))
    assert us.day_off == "Independence Day (observed)"
    assert country_timezones("fr") == ("Europe/Paris",)
    assert "America/New_York" in country_timezones("US")
    assert country_timezones("ZZ") == ()
    assert local_now("UTC").tzinfo is not None


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: country_code("XX"), "country"),
        (lambda: country_code("", "bank_country"), "bank_country"),
        (lambda: country_code(None), "country"),
        (lambda: holiday_name("DE", date(2026, 1, 1), "ZZ"), "subdiv"),
        (lambda: local_now("Mars/Olympus"), "tz"),
        (lambda: add_business_days("FR", date(2026, 1, 1), -1), "days"),
        (lambda: add_days_excluding_sundays_and_holidays("FR", date(2026, 1, 1), -1), "days"),
    ],
)
def test_bad_input(call: object, field: str) -> None:
    with pytest.raises(TradeInputError) as caught:
        call()  # type: ignore[operator]
    assert caught.value.field == field


def test_naive_now_refused() -> None:
    with pytest.raises(ValueError):
        local_now("UTC", datetime(2026, 1, 1))


@settings(max_examples=60, deadline=None)
@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from(["FR", "DE", "GB", "US", "SA", "CN", "JP"]),
)
def test_next_banking_day_is_open_and_never_earlier(day: date, country: str) -> None:
    result = next_banking_day(country, day)
    assert result >= day
    assert is_business_day(country, result)
    assert (is_weekend_or_holiday(country, day) is None) == (result == day)


@settings(max_examples=40, deadline=None)
@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=1, max_value=10),
)
def test_cmr_count_lands_on_a_counted_day(day: date, days: int) -> None:
    result = add_days_excluding_sundays_and_holidays("FR", day, days)
    assert result.weekday() != 6 and holiday_name("FR", result) is None
    assert (result - day).days >= days
