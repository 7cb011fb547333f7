"""Money: a ``Decimal`` amount with an explicit ISO 4217 currency.

Rules of the house (docs/architecture.md):

* amounts are ``decimal.Decimal``, never ``float``;
* every amount has a currency, identified by its ISO 4217 alphabetic code
  (checked against ``pycountry``'s copy of the ISO 4217 list);
* amounts are rounded half-up (``ROUND_HALF_UP``, the commercial rounding
  taught in schools and used on invoices) to the currency's minor unit only at
  the documented points: the end of a calculation, line and document totals.
  The minor unit comes from the Unicode CLDR data shipped with Babel, which
  follows ISO 4217 (JPY 0 decimals, EUR 2, KWD 3).

The parsing helpers (:func:`to_decimal`, :func:`currency_code`) turn JSON values
into these types and raise :class:`~comptoir.trade.errors.TradeInputError`
naming the field when the value is not acceptable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

import pycountry
from babel.numbers import format_currency, get_currency_precision

from comptoir.trade.errors import TradeInputError

__all__ = [
    "MAX_AMOUNT",
    "Money",
    "currency_code",
    "decimal_str",
    "format_amount",
    "is_currency",
    "minor_units",
    "quantum",
    "round_money",
    "to_decimal",
]

#: Largest absolute value accepted for any amount or quantity (10^15): far above
#: any trade figure, low enough that 28-digit decimal arithmetic stays exact.
MAX_AMOUNT = Decimal(10) ** 15

# Codes in the ISO 4217 list that are not money one can invoice in.
_NOT_MONEY = frozenset({"XXX", "XTS"})

_PLAIN_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


@lru_cache(maxsize=512)
def is_currency(code: str) -> bool:
    """True if ``code`` is an ISO 4217 alphabetic currency code (e.g. ``"EUR"``).

    Source: ISO 4217 list as shipped by ``pycountry``.
    """
    if len(code) != 3 or not code.isalpha() or not code.isupper() or code in _NOT_MONEY:
        return False
    return pycountry.currencies.get(alpha_3=code) is not None


def currency_code(value: object, field: str = "currency") -> str:
    """Validate an ISO 4217 alphabetic code and return it upper-cased.

    Source: ISO 4217. Raises :class:`TradeInputError` naming ``field`` when the
    value is not a known currency code.
    """
    if not isinstance(value, str) or not value.strip():
        raise TradeInputError("Give a currency as a three-letter ISO 4217 code, e.g. EUR.", field)
    code = value.strip().upper()
    if not is_currency(code):
        raise TradeInputError(
            f"Unknown currency {value!r}: use an ISO 4217 code such as EUR, USD or JPY.", field
        )
    return code


@lru_cache(maxsize=512)
def minor_units(currency: str) -> int:
    """Number of decimals of the currency's minor unit (JPY 0, EUR 2, KWD 3).

    Source: ISO 4217 minor units, as published in the Unicode CLDR
    ``currencyData`` (via Babel).
    """
    return int(get_currency_precision(currency))


def quantum(currency: str) -> Decimal:
    """The smallest amount of the currency: ``Decimal("0.01")`` for EUR, ``Decimal("1")`` for JPY.

    Source: ISO 4217 minor units (Unicode CLDR ``currencyData``, via Babel).
    """
    return Decimal(1).scaleb(-minor_units(currency))


def round_money(amount: Decimal, currency: str, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round ``amount`` to the currency's minor unit, half-up by default.

    Source: house rule (docs/architecture.md): half-up rounding to the ISO 4217
    minor unit, applied only at documented points. A negative zero is returned as
    a plain zero.
    """
    result = amount.quantize(quantum(currency), rounding=rounding)
    return result + 0 if result.is_zero() else result  # drop the sign of -0.00


def decimal_str(value: Decimal, places: int | None = None) -> str:
    """Plain-notation string of ``value`` (never ``1E+3``).

    With ``places``, the value is rounded half-up to that many decimals and then
    stripped of trailing zeros (``Decimal("160.500")`` with ``places=3`` gives
    ``"160.5"``); without, it is only stripped. Source: house rule for JSON
    quantities (decimal strings, no exponent).
    """
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if value.is_zero():
        return "0"
    return format(value.normalize(), "f")


def format_amount(amount: Decimal, currency: str) -> str:
    """JSON string of an amount: at least the currency's minor-unit decimals.

    ``Decimal("1000")`` in EUR gives ``"1000.00"``; an amount already carrying more
    decimals than the minor unit (an input echoed back) keeps them.
    Source: the calculators' JSON contract (issue 3: amounts are decimal strings).
    """
    places = minor_units(currency)
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        text = format(amount, "f")
    else:
        text = format(amount.quantize(quantum(currency)), "f")
    if text.startswith("-") and Decimal(text).is_zero():
        text = text[1:]
    return text


def to_decimal(
    value: object,
    field: str,
    *,
    minimum: Decimal | int | None = None,
    maximum: Decimal | int | None = None,
    strict_minimum: bool = False,
    what: str = "amount",
) -> Decimal:
    """Parse a JSON number or a plain decimal string (``"1234.56"``) into a Decimal.

    Accepted: JSON numbers (``1234.56``, ``12``) and strings of plain decimals with a
    dot as separator. Refused, with a :class:`TradeInputError` naming ``field``:
    booleans, exponent notation in strings (``"1e5"``), ``NaN``/``Infinity``,
    thousands separators, commas, values beyond ``MAX_AMOUNT``, and values below
    ``minimum`` (or equal to it when ``strict_minimum``) or above ``maximum``.
    Source: the calculators' JSON contract (issue 3: amounts as decimal strings).
    """
    if isinstance(value, bool) or value is None:
        raise TradeInputError(
            f'Give the {what} as a number or a decimal string such as "1234.56".', field
        )
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        if not _PLAIN_DECIMAL.fullmatch(text):
            hint = " (use a dot as decimal separator)" if "," in text else ""
            raise TradeInputError(
                f'{value!r} is not a plain decimal number{hint}: write it like "1234.56".', field
            )
        try:
            number = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern only lets decimals through
            raise TradeInputError(f"{value!r} is not a decimal number.", field) from None
    else:
        raise TradeInputError(
            f'Give the {what} as a number or a decimal string such as "1234.56".', field
        )
    if not number.is_finite():
        raise TradeInputError(f"The {what} must be a finite number.", field)
    if abs(number) >= MAX_AMOUNT:
        raise TradeInputError(f"The {what} is too large (limit 10^15).", field)
    if minimum is not None:
        low = Decimal(minimum)
        if number < low or (strict_minimum and number == low):
            relation = "greater than" if strict_minimum else "at least"
            raise TradeInputError(
                f"The {what} must be {relation} {decimal_str(low)} (got {decimal_str(number)}).",
                field,
            )
    if maximum is not None and number > Decimal(maximum):
        raise TradeInputError(
            f"The {what} must be at most {decimal_str(Decimal(maximum))} (got {decimal_str(number)}).",
            field,
        )
    return number + 0 if number.is_zero() else number


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money: a ``Decimal`` and an ISO 4217 currency code.

    Arithmetic between two ``Money`` values requires the same currency
    (converting is an explicit, dated operation: :mod:`comptoir.trade.fx`).
    Amounts keep full precision until :meth:`rounded` is called.
    """

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise TypeError("Money.amount must be a finite Decimal")
        if not is_currency(self.currency):
            raise TradeInputError(f"Unknown currency {self.currency!r}.", "currency")

    @classmethod
    def of(cls, amount: object, currency: str, field: str = "amount") -> Money:
        """Build from a JSON value (``"1234.56"`` or a number) and a currency code."""
        return cls(to_decimal(amount, field), currency_code(currency))

    @classmethod
    def zero(cls, currency: str) -> Money:
        """Zero in ``currency``."""
        return cls(Decimal(0), currency)

    def _check(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(
                f"Cannot combine {self.currency} and {other.currency} without a dated conversion"
            )

    def __add__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __truediv__(self, divisor: Decimal | int) -> Money:
        return Money(self.amount / divisor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._check(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._check(other)
        return self.amount <= other.amount

    def rounded(self) -> Money:
        """Rounded half-up to the currency's minor unit (the documented rounding point)."""
        return Money(round_money(self.amount, self.currency), self.currency)

    def to_json(self) -> str:
        """The contract's JSON form: a decimal string (``"1234.56"``), rounded half-up."""
        return format_amount(round_money(self.amount, self.currency), self.currency)

    def format(self, locale: str = "en") -> str:
        """Localised display (``"€1,234.56"`` in ``en``, ``"1 234,56 €"`` in ``fr``), via Babel."""
        return str(
            format_currency(round_money(self.amount, self.currency), self.currency, locale=locale)
        )

    def __str__(self) -> str:
        return f"{self.to_json()} {self.currency}"
