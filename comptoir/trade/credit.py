"""Documentary credits under UCP 600: presentation deadline and amount tolerances.

Source: ICC Uniform Customs and Practice for Documentary Credits, 2007 Revision,
ICC Publication No. 600 (UCP 600):

* art. 3: "after" excludes the date mentioned when determining a period;
* art. 6 d-e: a credit states an expiry date for presentation; presentation must
  be made on or before it, except as provided in art. 29 a;
* art. 14 c: a presentation including original transport documents must be made
  not later than 21 calendar days after the date of shipment, and in any event
  not later than the expiry date (a credit may stipulate another period);
* art. 29 a: if the expiry date or the last day for presentation falls on a day
  when the bank to which presentation is to be made is closed (other than for
  force majeure, art. 36), it is extended to the first following banking day;
  art. 29 b: the nominated bank then states so on its covering schedule;
  art. 29 c: the latest shipment date is not extended;
* art. 30 a: "about" or "approximately" allows 10 % more or less;
  art. 30 b: 5 % more or less on a *quantity* not stated in packing units or
  items, as long as the drawings do not exceed the credit amount;
  art. 30 c: when partial shipments are not allowed, a drawing up to 5 % less than
  the credit amount is allowed (full quantity shipped, unit price not reduced),
  unless the credit states a tolerance or uses "about";
* art. 31 a: partial drawings or shipments are allowed unless the credit says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from comptoir.trade import calendars
from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import currency_code, format_amount, quantum
from comptoir.trade.texts import Text, joined, number, percent

__all__ = ["LcAmount", "LcDates", "lc_amount", "latest_presentation_date"]

DEFAULT_PRESENTATION_DAYS = 21
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class LcDates:
    """Result of :func:`latest_presentation_date`."""

    latest_presentation_date: date
    presentation_period_end: date  # shipment + presentation days (before art. 29 a)
    expiry_date: date
    limiting: str  # "presentation_period" or "expiry_date"
    extended: bool  # moved by art. 29 a
    closed_reason: str | None  # why the bank was closed on the unextended date
    rule: Text
    steps: tuple[Text, ...]


def latest_presentation_date(
    shipment_date: date,
    expiry_date: date,
    presentation_days: int = DEFAULT_PRESENTATION_DAYS,
    bank_country: str = "FR",
    bank_subdiv: str | None = None,
) -> LcDates:
    """Latest date for presenting the documents under a documentary credit.

    Source: UCP 600 art. 14 c (not later than ``presentation_days``, 21 by default,
    calendar days after the date of shipment, and in any event not later than the
    expiry date), art. 3 ("after" excludes the shipment date) and art. 29 a (a last
    day falling when the bank at the place of presentation is closed is extended to
    the first following banking day; ``bank_country`` gives that bank's calendar).
    """
    if expiry_date < shipment_date:
        raise TradeInputError(
            f"The expiry date {expiry_date.isoformat()} is before the shipment date {shipment_date.isoformat()}: "
            "the documents could never be presented in time.",
            "expiry_date",
        )
    if (
        isinstance(presentation_days, bool)
        or not isinstance(presentation_days, int)
        or not 1 <= presentation_days <= 366
    ):
        raise TradeInputError(
            "The presentation period is a whole number of days between 1 and 366.",
            "presentation_days",
        )
    country = calendars.country_code(bank_country, "bank_country")
    period_end = shipment_date + timedelta(days=presentation_days)
    if period_end <= expiry_date:
        unextended, limiting = period_end, "presentation_period"
    else:
        unextended, limiting = expiry_date, "expiry_date"
    latest = calendars.next_banking_day(country, unextended, bank_subdiv)
    extended = latest != unextended
    reason = calendars.is_weekend_or_holiday(country, unextended, bank_subdiv) if extended else None
    steps = [
        Text(
            "Shipment {shipment} + {days} calendar days (art. 14 c; the shipment date is not "
            "counted, art. 3) = {period_end}",
            shipment=shipment_date,
            days=presentation_days,
            period_end=period_end,
        ),
        Text("Expiry date of the credit: {expiry} (art. 6 e)", expiry=expiry_date),
        (
            Text("The earlier is the end of the presentation period, {day}", day=unextended)
            if limiting == "presentation_period"
            else Text(
                "The earlier is the expiry date, {day}: documents must be presented by then even "
                "though the presentation period runs longer (art. 14 c)",
                day=unextended,
            )
        ),
    ]
    if extended:
        steps.append(
            Text(
                "Banks in {country} are closed on {day} ({reason}): extended to the first following "
                "banking day, {latest} (art. 29 a); the nominated bank must state this on its "
                "covering schedule (art. 29 b)",
                country=country,
                day=unextended,
                reason=reason or "",
                latest=latest,
            )
        )
    else:
        steps.append(
            Text(
                "Banks in {country} are open on {day}: no extension (art. 29 a)",
                country=country,
                day=unextended,
            )
        )
    steps.append(
        Text(
            "The latest shipment date is never extended (art. 29 c), nor a deadline missed for "
            "force majeure (art. 36)."
        )
    )
    rule = Text(
        "UCP 600 art. 14 c (21 days after shipment, not later than expiry) and art. 29 a "
        "(bank closed: next banking day)"
    )
    if presentation_days != DEFAULT_PRESENTATION_DAYS:
        rule = Text(
            "UCP 600 art. 14 c with the credit's {days}-day presentation period, and art. 29 a",
            days=presentation_days,
        )
    return LcDates(latest, period_end, expiry_date, limiting, extended, reason, rule, tuple(steps))


@dataclass(frozen=True, slots=True)
class LcAmount:
    """Result of :func:`lc_amount`."""

    min_amount: Decimal  # lowest total of drawings using the credit in full
    max_amount: Decimal  # highest total of drawings allowed
    available: Decimal  # max_amount - drawn (never below 0)
    ok: bool | None  # whether the invoice fits; None when no invoice was given
    tolerance_plus_pct: Decimal
    tolerance_minus_pct: Decimal
    reasons: tuple[Text, ...]  # why not ok
    rule: Text
    steps: tuple[Text, ...]


def lc_amount(
    credit_amount: Decimal,
    *,
    about: bool = False,
    tolerance_plus_pct: Decimal | None = None,
    tolerance_minus_pct: Decimal | None = None,
    drawn: Decimal = Decimal(0),
    invoice_amount: Decimal | None = None,
    partial_shipments_allowed: bool = True,
    currency: str | None = None,
) -> LcAmount:
    """Amount tolerance of a documentary credit and whether an invoice fits in it.

    Source: UCP 600 art. 30 a ("about": 10 % more or less), the credit's own
    tolerance when it states one, art. 30 c (no tolerance stated and partial
    shipments prohibited: up to 5 % less allowed) and art. 31 a (partial drawings
    allowed unless prohibited, so a drawing below the minimum is then still fine).
    The maximum is rounded down and the minimum up to the currency's minor unit
    (2 decimals without currency), so any amount between them is within tolerance.
    """
    code = currency_code(currency) if currency is not None else None
    step_unit = quantum(code) if code else Decimal("0.01")

    def show(value: Decimal) -> Decimal:
        return Decimal(
            format_amount(value, code) if code else format(value.quantize(step_unit), "f")
        )

    if credit_amount <= 0:
        raise TradeInputError("The credit amount must be greater than zero.", "credit_amount")
    if drawn < 0:
        raise TradeInputError("The amount already drawn must not be negative.", "drawn")
    if invoice_amount is not None and invoice_amount <= 0:
        raise TradeInputError("The invoice amount must be greater than zero.", "invoice_amount")
    explicit = tolerance_plus_pct is not None or tolerance_minus_pct is not None
    if about and explicit:
        raise TradeInputError(
            "Give either about (10 % either way, art. 30 a) or an explicit tolerance, not both.",
            "tolerance_plus_pct" if tolerance_plus_pct is not None else "tolerance_minus_pct",
        )
    for name, value in (
        ("tolerance_plus_pct", tolerance_plus_pct),
        ("tolerance_minus_pct", tolerance_minus_pct),
    ):
        if value is not None and not 0 <= value <= 100:
            raise TradeInputError("A tolerance is a percentage between 0 and 100.", name)
    steps: list[Text] = []
    rule: Text
    if about:
        plus, minus = Decimal(10), Decimal(10)
        rule = Text('UCP 600 art. 30 a: "about" allows a tolerance of 10 % more or 10 % less')
    elif explicit:
        plus, minus = tolerance_plus_pct or Decimal(0), tolerance_minus_pct or Decimal(0)
        rule = Text("Tolerance stated in the credit (UCP 600 art. 30 c does not then apply)")
    else:
        plus, minus = Decimal(0), Decimal(5)
        rule = Text(
            "No tolerance stated: the credit amount may not be exceeded; UCP 600 art. 30 c allows "
            "up to 5 % less when the full quantity is shipped at the stated unit price"
        )
    max_amount = (credit_amount * (HUNDRED + plus) / HUNDRED).quantize(
        step_unit, rounding=ROUND_FLOOR
    )
    min_amount = (credit_amount * (HUNDRED - minus) / HUNDRED).quantize(
        step_unit, rounding=ROUND_CEILING
    )
    available = max(max_amount - drawn, Decimal(0))
    steps.append(
        Text(
            "Credit amount {amount}, tolerance +{plus} % / -{minus} %: {rule}",
            amount=show(credit_amount),
            plus=number(plus),
            minus=number(minus),
            rule=rule,
        )
    )
    steps.append(
        Text(
            "Maximum = {amount} x {factor} = {maximum} (rounded down)",
            amount=show(credit_amount),
            factor=number((HUNDRED + plus) / HUNDRED),
            maximum=show(max_amount),
        )
    )
    steps.append(
        Text(
            "Minimum = {amount} x {factor} = {minimum} (rounded up)",
            amount=show(credit_amount),
            factor=number((HUNDRED - minus) / HUNDRED),
            minimum=show(min_amount),
        )
    )
    steps.append(
        Text(
            "Available = maximum {maximum} - already drawn {drawn} = {available}",
            maximum=show(max_amount),
            drawn=show(drawn),
            available=show(available),
        )
    )
    reasons: list[Text] = []
    ok: bool | None = None
    if invoice_amount is not None:
        total = drawn + invoice_amount
        if total > max_amount:
            reasons.append(
                Text(
                    "Drawings would total {total}, above the maximum {maximum}.",
                    total=show(total),
                    maximum=show(max_amount),
                )
            )
        if not partial_shipments_allowed:
            if drawn > 0:
                reasons.append(
                    Text("Partial shipments are not allowed, yet an amount was already drawn.")
                )
            if total < min_amount:
                reasons.append(
                    Text(
                        "Partial shipments are not allowed and {total} is below the minimum "
                        "{minimum} (art. 30 c / tolerance).",
                        total=show(total),
                        minimum=show(min_amount),
                    )
                )
        elif total < min_amount:
            steps.append(
                Text(
                    "{total} is below the minimum: a partial drawing, allowed unless the credit "
                    "prohibits partial shipments (art. 31 a)",
                    total=show(total),
                )
            )
        ok = not reasons
        steps.append(
            Text(
                "Invoice {amount}: {verdict}",
                amount=show(invoice_amount),
                verdict=Text("within the credit.") if ok else joined(" ", reasons),
            )
        )
    steps.append(
        Text(
            "Art. 30 b ({share} on a quantity not stated in units) never allows drawing more than "
            "the credit amount.",
            share=percent(5),
        )
    )
    return LcAmount(
        min_amount, max_amount, available, ok, plus, minus, tuple(reasons), rule, tuple(steps)
    )
