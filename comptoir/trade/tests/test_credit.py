"""Documentary credits: UCP 600 art. 14 c, 29 a, 30, 31 a.

Worked examples:

1. UCP 600 art. 14 c: shipment Monday 2 March 2026, 21 days -> Monday 23 March 2026.
2. Trade Finance Expertise, "UCP 600 - Article 29"
   (https://tradefinanceexpertise.blogspot.com/2023/01/ucp-600-article-29.html): a credit
   expiring on Saturday 19 June (2021) may be presented on Monday 21 June.
3. Expiry before the 21st day: the expiry governs (art. 14 c "in any event not later than").
4. A French public holiday (Christmas, Easter Monday) moves the last day (art. 29 a).
5. "About USD 100,000" allows 90,000 to 110,000 (art. 30 a; R. Bose, "Decoding UCP
   Article 30", https://rnbose.blogspot.com/2016/11/interpretation-and-analysis-of-ucp-600.html).
6. ICC forum, "tolerance allowed - sub-article 30 (c)" (https://library.iccwbo.org/iccForum/viewtopic.php?p=2994):
   EUR 12,000, no tolerance, partial shipments not allowed: 5 % less allowed, i.e. 11,400.
7. 2,000 MT for USD 0.9 million, no more-or-less clause, partial shipment prohibited: quantity
   may vary 5 % but the amount may not exceed USD 900,000 (art. 30 b; exam question,
   https://m.pipixue.com/ti/baf23c442bdb4b76a88297e873e6346a.html).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.calendars import is_business_day
from comptoir.trade.credit import latest_presentation_date, lc_amount
from comptoir.trade.errors import TradeInputError

D = Decimal


def test_21_days_after_shipment() -> None:
    """Art. 14 c and art. 3: 2 March + 21 days = 23 March 2026 (a Monday, banks open)."""
    result = latest_presentation_date(date(2026, 3, 2), date(2026, 4, 15))
    assert result.latest_presentation_date == date(2026, 3, 23)
    assert result.limiting == "presentation_period"
    assert not result.extended


def test_expiry_on_saturday_extended_to_monday() -> None:
    """Art. 29 a: expiry Saturday 19 June 2021 -> Monday 21 June 2021."""
    result = latest_presentation_date(date(2021, 6, 10), date(2021, 6, 19), bank_country="GB")
    assert result.limiting == "expiry_date"
    assert result.latest_presentation_date == date(2021, 6, 21)
    assert result.extended
    assert result.closed_reason == "Weekend (Saturday)"
    assert any("art. 29 b" in step for step in result.steps)


def test_expiry_earlier_than_presentation_period() -> None:
    """Art. 14 c: shipment 2 March, expiry Friday 13 March: the expiry governs."""
    result = latest_presentation_date(date(2026, 3, 2), date(2026, 3, 13))
    assert result.latest_presentation_date == date(2026, 3, 13)
    assert result.presentation_period_end == date(2026, 3, 23)


def test_christmas_in_france() -> None:
    """Shipment 4 December 2026 + 21 = Friday 25 December, closed: Monday 28 December."""
    result = latest_presentation_date(date(2026, 12, 4), date(2027, 1, 31), 21, "FR")
    assert result.presentation_period_end == date(2026, 12, 25)
    assert result.latest_presentation_date == date(2026, 12, 28)
    assert result.closed_reason == "Christmas Day"


def test_easter_monday_and_the_bank_country_matters() -> None:
    """Good Friday 3 April 2026: banks open in France, closed in Germany (to Tuesday 7 April)."""
    shipment = date(2026, 3, 13)  # + 21 = Friday 3 April
    assert latest_presentation_date(
        shipment, date(2026, 5, 1), 21, "FR"
    ).latest_presentation_date == date(2026, 4, 3)
    assert latest_presentation_date(
        shipment, date(2026, 5, 1), 21, "DE"
    ).latest_presentation_date == date(2026, 4, 7)


def test_credit_with_other_presentation_period() -> None:
    """A credit stipulating 10 days: 2 March + 10 = Thursday 12 March."""
    result = latest_presentation_date(date(2026, 3, 2), date(2026, 4, 15), 10)
    assert result.latest_presentation_date == date(2026, 3, 12)
    assert "10-day" in result.rule


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((date(2026, 3, 2), date(2026, 3, 1)), "expiry_date"),
        ((date(2026, 3, 2), date(2026, 4, 1), 0), "presentation_days"),
        ((date(2026, 3, 2), date(2026, 4, 1), 21, "XX"), "bank_country"),
    ],
)
def test_bad_dates(args: tuple[object, ...], field: str) -> None:
    with pytest.raises(TradeInputError) as caught:
        latest_presentation_date(*args)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_about_ten_percent() -> None:
    """Art. 30 a: about USD 100,000 -> 90,000 to 110,000."""
    result = lc_amount(D("100000"), about=True, invoice_amount=D("108500"), currency="USD")
    assert (result.min_amount, result.max_amount) == (D("90000.00"), D("110000.00"))
    assert result.ok is True
    assert "30 a" in result.rule


def test_art_30_c_five_percent_less() -> None:
    """ICC forum: EUR 12,000, no tolerance, partial shipments not allowed: 11,400 minimum."""
    result = lc_amount(
        D("12000"), partial_shipments_allowed=False, invoice_amount=D("11500"), currency="EUR"
    )
    assert result.min_amount == D("11400.00")
    assert result.max_amount == D("12000.00")
    assert result.ok is True
    short = lc_amount(D("12000"), partial_shipments_allowed=False, invoice_amount=D("11000"))
    assert short.ok is False
    assert "below the minimum" in short.reasons[0]


def test_art_30_b_amount_never_exceeded() -> None:
    """Exam question: USD 0.9 million, no more-or-less clause: USD 900,000 is the ceiling."""
    result = lc_amount(D("900000"), invoice_amount=D("900000.01"), partial_shipments_allowed=False)
    assert result.max_amount == D("900000.00")
    assert result.ok is False


def test_explicit_tolerance_and_drawings() -> None:
    """Credit +/- 5 %: 105,000 maximum; 60,000 drawn leaves 45,000; 50,000 more is too much."""
    result = lc_amount(
        D("100000"),
        tolerance_plus_pct=D("5"),
        tolerance_minus_pct=D("5"),
        drawn=D("60000"),
        invoice_amount=D("50000"),
    )
    assert result.available == D("45000.00")
    assert result.ok is False
    partial = lc_amount(D("100000"), drawn=D("20000"), invoice_amount=D("30000"))
    assert partial.ok is True  # partial drawings allowed (art. 31 a)
    assert lc_amount(D("100000")).ok is None


def test_limits_rounded_inwards() -> None:
    """Max rounded down and min rounded up: 10 % of 12,345.67 gives 13,580.23 / 11,111.11."""
    result = lc_amount(D("12345.67"), about=True)
    assert result.max_amount == D("13580.23")  # 13,580.237
    assert result.min_amount == D("11111.11")  # 11,111.103
    jpy = lc_amount(D("1000005"), about=True, currency="JPY")
    assert jpy.max_amount == D("1100005")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"credit_amount": D("0")}, "credit_amount"),
        ({"drawn": D("-1")}, "drawn"),
        ({"invoice_amount": D("0")}, "invoice_amount"),
        ({"about": True, "tolerance_plus_pct": D("5")}, "tolerance_plus_pct"),
        ({"tolerance_minus_pct": D("101")}, "tolerance_minus_pct"),
        ({"currency": "ZZZ"}, "currency"),
    ],
)
def test_bad_amounts(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"credit_amount": D("1000")}
    args.update(kwargs)
    amount = args.pop("credit_amount")
    with pytest.raises(TradeInputError) as caught:
        lc_amount(amount, **args)  # type: ignore[arg-type]
    assert caught.value.field == field


@settings(max_examples=60, deadline=None)
@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=1, max_value=30),
    st.sampled_from(["FR", "DE", "GB", "SA"]),
)
def test_presentation_date_properties(
    shipment: date, validity: int, days: int, country: str
) -> None:
    """Never before the earlier limit, always a banking day, at most a closure run later."""
    expiry = shipment + timedelta(days=validity)
    result = latest_presentation_date(shipment, expiry, days, country)
    earlier = min(shipment + timedelta(days=days), expiry)
    assert result.latest_presentation_date >= earlier
    assert is_business_day(country, result.latest_presentation_date)
    assert result.extended == (result.latest_presentation_date != earlier)
    assert (result.latest_presentation_date - earlier).days < 10


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(min_value=1, max_value=10**8, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=20, places=1, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=20, places=1, allow_nan=False, allow_infinity=False),
)
def test_tolerance_limits_inside_the_exact_band(
    amount: Decimal, plus: Decimal, minus: Decimal
) -> None:
    result = lc_amount(amount, tolerance_plus_pct=plus, tolerance_minus_pct=minus)
    assert result.min_amount <= amount <= result.max_amount
    assert result.max_amount <= amount * (100 + plus) / 100
    assert result.min_amount >= amount * (100 - minus) / 100
