"""The ECB's main refinancing rate, and the late-payment rate of each half-year.

Code de commerce art. L441-10 II: unless the contract says otherwise, late-payment penalties
run at the ECB's main refinancing rate + 10 percentage points, "le taux applicable pendant le
premier semestre de l'année concernée [étant] le taux en vigueur au 1er janvier de l'année en
question" and, for the second half-year, the rate in force on 1 July. A delay that runs across
1 January or 1 July is therefore charged at two rates, one per half-year.

Source of :data:`ECB_MRO_CHANGES`: ECB, "Key ECB interest rates", main refinancing operations
(fixed rate), dates the change took effect. The table is complete up to
:data:`KNOWN_UNTIL`; the rate of a later half-year must be given by the user (the company's
entered rates), never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import currency_code, round_money, to_decimal

__all__ = [
    "ECB_MRO_CHANGES",
    "KNOWN_UNTIL",
    "LatePeriod",
    "half_year_start",
    "late_payment_periods",
    "rate_in_force",
    "reference_rate",
]

#: (date the new rate took effect, main refinancing rate in percent), oldest first.
ECB_MRO_CHANGES: tuple[tuple[date, Decimal], ...] = (
    (date(2011, 12, 14), Decimal("1.00")),
    (date(2012, 7, 11), Decimal("0.75")),
    (date(2013, 5, 8), Decimal("0.50")),
    (date(2013, 11, 13), Decimal("0.25")),
    (date(2014, 6, 11), Decimal("0.15")),
    (date(2014, 9, 10), Decimal("0.05")),
    (date(2016, 3, 16), Decimal("0.00")),
    (date(2022, 7, 27), Decimal("0.50")),
    (date(2022, 9, 14), Decimal("1.25")),
    (date(2022, 11, 2), Decimal("2.00")),
    (date(2022, 12, 21), Decimal("2.50")),
    (date(2023, 2, 8), Decimal("3.00")),
    (date(2023, 3, 22), Decimal("3.50")),
    (date(2023, 5, 10), Decimal("3.75")),
    (date(2023, 6, 21), Decimal("4.00")),
    (date(2023, 8, 2), Decimal("4.25")),
    (date(2023, 9, 20), Decimal("4.50")),
    (date(2024, 6, 12), Decimal("4.25")),
    (date(2024, 9, 18), Decimal("3.65")),
    (date(2024, 10, 23), Decimal("3.40")),
    (date(2024, 12, 18), Decimal("3.15")),
    (date(2025, 2, 5), Decimal("2.90")),
    (date(2025, 3, 12), Decimal("2.65")),
    (date(2025, 4, 23), Decimal("2.40")),
    (date(2025, 6, 11), Decimal("2.15")),
)
#: The last day the table is known to be complete (the ECB's meeting of 30 October 2025 left
#: the rates unchanged).
KNOWN_UNTIL = date(2025, 10, 30)
FIRST_KNOWN = ECB_MRO_CHANGES[0][0]
LATE_PAYMENT_MARGIN = Decimal("10")


def half_year_start(day: date) -> date:
    """1 January or 1 July: the first day of ``day``'s half-year."""
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def _next_half_year(start: date) -> date:
    return date(start.year, 7, 1) if start.month == 1 else date(start.year + 1, 1, 1)


def rate_in_force(day: date) -> Decimal:
    """The main refinancing rate in force on ``day``, from :data:`ECB_MRO_CHANGES`."""
    if not FIRST_KNOWN <= day <= KNOWN_UNTIL:
        raise TradeInputError(
            f"The ECB rate in force on {day.isoformat()} is not in the bundled table "
            f"({FIRST_KNOWN.isoformat()} to {KNOWN_UNTIL.isoformat()}): enter it.",
            "ecb_rate",
        )
    rate = ECB_MRO_CHANGES[0][1]
    for since, value in ECB_MRO_CHANGES:
        if since > day:
            break
        rate = value
    return rate


def reference_rate(day: date, entered: Mapping[date, Decimal] | None = None) -> Decimal:
    """The ECB rate that applies to ``day`` for late payment: the rate in force on the first
    day of its half-year (Code de commerce art. L441-10 II). ``entered`` maps a half-year's
    first day (1 January or 1 July) to the rate the company entered; it wins over the table."""
    start = half_year_start(day)
    if entered and start in entered:
        return to_decimal(entered[start], "ecb_rate", minimum=-100, maximum=100, what="ECB rate")
    return rate_in_force(start)


@dataclass(frozen=True, slots=True)
class LatePeriod:
    """Part of a delay within one half-year, at that half-year's penalty rate."""

    start: date  # first day of delay in the period
    end: date  # last day of delay in the period
    days: int
    ecb_rate: Decimal
    penalty_rate: Decimal  # ECB rate + 10 points
    interest: Decimal


def late_payment_periods(
    amount: Decimal,
    due: date,
    until: date,
    currency: str,
    entered: Mapping[date, Decimal] | None = None,
    *,
    contractual_rate: Decimal | None = None,
) -> tuple[LatePeriod, ...]:
    """Late-payment penalties on ``amount`` from the day after ``due`` to ``until`` included,
    split at 1 January and 1 July, each part at its half-year's rate + 10 points (L441-10 II).

    Simple interest over a 365-day year, each part rounded half-up to the currency's minor
    unit. ``contractual_rate`` (percent a year), when the contract sets one, applies to the
    whole delay instead. No delay: an empty tuple.
    """
    code = currency_code(currency)
    base = to_decimal(amount, "amount", minimum=0)
    if until <= due:
        return ()
    periods = []
    start = due + timedelta(days=1)
    while start <= until:
        end = min(until, _next_half_year(half_year_start(start)) - timedelta(days=1))
        days = (end - start).days + 1
        if contractual_rate is not None:
            ecb = Decimal(0)
            rate = to_decimal(contractual_rate, "contractual_rate", minimum=0, maximum=100)
        else:
            ecb = reference_rate(start, entered)
            rate = ecb + LATE_PAYMENT_MARGIN
        interest = round_money(base * rate / 100 * days / 365, code)
        periods.append(LatePeriod(start, end, days, ecb, rate, interest))
        start = end + timedelta(days=1)
    return tuple(periods)
