"""Money, currencies, rounding and decimal parsing.

Worked examples: the ISO 4217 minor units (ISO 4217:2015 "List one", as
reproduced in the Unicode CLDR currencyData): JPY and CLP 0 decimals, EUR and USD 2,
KWD, BHD and TND 3; half-up rounding as taught for invoices (0.5 rounds away from zero).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import (
    Money,
    currency_code,
    decimal_str,
    format_amount,
    minor_units,
    quantum,
    round_money,
    to_decimal,
)


@pytest.mark.parametrize(
    ("code", "places"),
    [("JPY", 0), ("CLP", 0), ("EUR", 2), ("USD", 2), ("KWD", 3), ("BHD", 3), ("TND", 3)],
)
def test_minor_units_follow_iso_4217(code: str, places: int) -> None:
    """ISO 4217 List one: minor unit per currency."""
    assert minor_units(code) == places
    assert quantum(code) == Decimal(1).scaleb(-places)


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("2.345", "EUR", "2.35"),
        ("2.344", "EUR", "2.34"),
        ("-2.345", "EUR", "-2.35"),
        ("1234.5", "JPY", "1235"),
        ("1.2345", "KWD", "1.235"),
        ("-0.001", "EUR", "0.00"),
    ],
)
def test_round_half_up_to_minor_unit(amount: str, currency: str, expected: str) -> None:
    """Half-up (commercial) rounding: a tie goes away from zero; no negative zero."""
    result = round_money(Decimal(amount), currency)
    assert str(result) == expected


def test_format_amount_pads_to_minor_unit_and_keeps_extra_decimals() -> None:
    assert format_amount(Decimal("1000"), "EUR") == "1000.00"
    assert format_amount(Decimal("1000"), "JPY") == "1000"
    assert format_amount(Decimal("1E+3"), "EUR") == "1000.00"
    assert format_amount(Decimal("12.125"), "EUR") == "12.125"
    assert format_amount(Decimal("-0.00"), "EUR") == "0.00"


def test_decimal_str_plain_notation() -> None:
    assert decimal_str(Decimal("1E+3")) == "1000"
    assert decimal_str(Decimal("160.500"), 3) == "160.5"
    assert decimal_str(Decimal("0.0000"), 2) == "0"
    assert decimal_str(Decimal("2.0005"), 3) == "2.001"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234.56", "1234.56"),
        (" 12.5 ", "12.5"),
        (".5", "0.5"),
        ("5.", "5"),
        (12, "12"),
        (0.1, "0.1"),
        ("-3", "-3"),
    ],
)
def test_to_decimal_accepts_numbers_and_plain_decimal_strings(value: object, expected: str) -> None:
    assert to_decimal(value, "amount") == Decimal(expected)


@pytest.mark.parametrize(
    "value",
    [
        "1e5",
        "NaN",
        "Infinity",
        "-inf",
        "1,5",
        "1 000",
        "12abc",
        "",
        True,
        None,
        [],
        {},
        float("nan"),
        float("inf"),
        1e16,
        "1" * 20,
    ],
)
def test_to_decimal_rejects_with_field(value: object) -> None:
    with pytest.raises(TradeInputError) as caught:
        to_decimal(value, "pieces.0.weight_kg")
    assert caught.value.field == "pieces.0.weight_kg"
    assert caught.value.message


def test_to_decimal_bounds() -> None:
    assert to_decimal("0", "x", minimum=0) == 0
    with pytest.raises(TradeInputError, match="at least 0"):
        to_decimal("-1", "x", minimum=0)
    with pytest.raises(TradeInputError, match="greater than 0"):
        to_decimal("0", "x", minimum=0, strict_minimum=True)
    with pytest.raises(TradeInputError, match="at most 100"):
        to_decimal("101", "x", maximum=100)


def test_comma_hint() -> None:
    with pytest.raises(TradeInputError, match="dot as decimal separator"):
        to_decimal("12,50", "exw")


def test_currency_code() -> None:
    assert currency_code("eur") == "EUR"
    assert currency_code(" USD ") == "USD"
    for bad in ("XYZ", "EURO", "", 978, None, "XXX"):
        with pytest.raises(TradeInputError) as caught:
            currency_code(bad, "to")
        assert caught.value.field == "to"


def test_money_arithmetic_and_rounding_only_when_asked() -> None:
    a = Money(Decimal("10.005"), "EUR")
    b = Money(Decimal("0.001"), "EUR")
    assert (a + b).amount == Decimal("10.006")
    assert (a + b).rounded().amount == Decimal("10.01")
    assert (a * 3).amount == Decimal("30.015")
    assert (3 * a).to_json() == "30.02"
    assert (a / 2).amount == Decimal("5.0025")
    assert str(Money.of("5", "JPY")) == "5 JPY"
    assert Money.zero("KWD").to_json() == "0.000"
    assert b < a and b <= a
    assert (-a).amount == Decimal("-10.005")
    assert (a - b).amount == Decimal("10.004")
    with pytest.raises(ValueError, match="dated conversion"):
        _ = a + Money(Decimal(1), "USD")
    with pytest.raises(TypeError):
        Money(1.5, "EUR")  # type: ignore[arg-type]
    with pytest.raises(TradeInputError):
        Money(Decimal(1), "ABC")


def test_money_localised_format() -> None:
    amount = Money(Decimal("1234.5"), "EUR")
    assert amount.format("en") == "€1,234.50"
    assert amount.format("fr").replace("\u202f", " ").replace("\xa0", " ") == "1 234,50 €"


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(
        min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False, places=6
    ),
    st.sampled_from(["EUR", "JPY", "KWD"]),
)
def test_rounding_is_idempotent_and_within_half_a_unit(amount: Decimal, currency: str) -> None:
    rounded = round_money(amount, currency)
    assert round_money(rounded, currency) == rounded
    assert abs(rounded - amount) <= quantum(currency) / 2


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(
        min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=4
    )
)
def test_plain_decimal_strings_round_trip(value: Decimal) -> None:
    assert to_decimal(format(value, "f"), "amount") == value
