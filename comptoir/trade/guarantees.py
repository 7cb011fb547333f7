"""Bank guarantees and standby letters of credit: amount in force, expiry, fees, demands.

Sources:

* ICC Uniform Rules for Demand Guarantees, 2010 Revision, ICC Publication No. 758 (URDG 758):

  - art. 13: the amount may be reduced on specified dates or on the occurrence of a
    specified event (a reduction clause); an event counts when the document the guarantee
    names for it is presented (or the event is apparent from the guarantor's records);
  - art. 14 a: a demand is presented at the place of issue on or before expiry;
  - art. 15 a: a demand is supported by a statement of the beneficiary saying in what
    respect the applicant is in breach (unless the guarantee excludes it, art. 15 c);
  - art. 17 a-b: a demand may be for less than the amount available; several demands may
    be made; a demand for more than the amount available is not complying;
  - art. 20 a: the guarantor has five business days following the day of presentation to
    examine the demand;
  - art. 23: "extend or pay": the guarantor may suspend payment for up to 30 calendar days;
  - art. 25 a: the amount is reduced by any amount paid, by a reduction clause, and by a
    partial release signed by the beneficiary;
  - art. 25 b: whether or not the guarantee document is returned, the guarantee terminates
    on expiry, when nothing remains payable, or on the beneficiary's signed release;
  - art. 25 c: a guarantee with neither expiry date nor expiry event terminates three years
    after its issue;
  - art. 25 d: an expiry date falling on a day that is not a business day at the place for
    presentation is extended to the next business day there.

* ICC International Standby Practices, ICC Publication No. 590 (ISP98): rule 3.13 (an
  expiry date that is not a business day: presentation on the next business day is timely),
  rule 9.01 (a standby states an expiry date or lets the issuer terminate), rule 9.05
  (keeping the original standby after expiry preserves no right).

* UCP 600, for a standby subject to it: art. 29 a (expiry on a bank closing day: the next
  banking day), art. 36 (no extension after force majeure).

Bank fees: French banks charge a guarantee commission as a percentage per quarter, each
quarter begun due in full, on the amount in force at the start of the quarter, often with a
minimum per quarter. Comptoir counts quarters from the issue date to the release (or
expiry, or today).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from comptoir.trade import calendars
from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import quantum
from comptoir.trade.texts import Text

__all__ = [
    "DEMAND_EXAMINATION_DAYS",
    "RULES",
    "AmountInForce",
    "DemandCheck",
    "Expiry",
    "FeeQuarter",
    "Fees",
    "Reduction",
    "add_months",
    "amount_in_force",
    "check_demand",
    "expiry",
    "fees",
]

RULES = ("urdg758", "isp98", "ucp600", "local")
#: URDG 758 art. 20 a: five business days following the day of presentation.
DEMAND_EXAMINATION_DAYS = 5
#: URDG 758 art. 25 c: no expiry date nor event: three years after issue.
URDG_DEFAULT_YEARS = 3
HUNDRED = Decimal(100)
MAX_QUARTERS = 400


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, kept to the month's last day when the
    month is shorter (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if not 1 <= year <= 9999:
        raise TradeInputError("The date is out of range.", "date")
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class Reduction:
    """One line of a reduction clause: on a date, or on an event once it occurred
    (``occurred_on``); the amount in force afterwards, or the amount it reduces by."""

    on: date | None = None
    event: str = ""
    occurred_on: date | None = None
    amount_after: Decimal | None = None
    reduce_by: Decimal | None = None

    @property
    def effective(self) -> date | None:
        return self.on if self.on is not None else self.occurred_on


@dataclass(frozen=True, slots=True)
class AmountInForce:
    amount: Decimal
    reductions_applied: int
    paid: Decimal
    rule: Text
    steps: tuple[Text, ...]


def _check_reductions(amount: Decimal, reductions: tuple[Reduction, ...]) -> None:
    for index, line in enumerate(reductions):
        field = f"reductions.{index}"
        if line.on is None and not line.event.strip():
            raise TradeInputError(
                "A reduction takes effect on a date or on an event.", f"{field}.on"
            )
        if (line.amount_after is None) == (line.reduce_by is None):
            raise TradeInputError(
                "Give either the amount in force after the reduction or the amount it reduces by.",
                f"{field}.amount_after",
            )
        value = line.amount_after if line.amount_after is not None else line.reduce_by
        assert value is not None
        if value < 0 or value > amount:
            raise TradeInputError(
                "A reduction is between zero and the guarantee's amount.", f"{field}.amount_after"
            )


def amount_in_force(
    *,
    amount: Decimal,
    currency: str,
    day: date,
    reductions: tuple[Reduction, ...] = (),
    paid: Decimal = Decimal(0),
) -> AmountInForce:
    """The amount the beneficiary may still demand on ``day`` (URDG 758 art. 13, 25 a):
    the amount, reduced by the reduction lines that took effect by then (in date order;
    "reduced to" never raises it) and by what was paid on demands."""
    if amount <= 0:
        raise TradeInputError("The guarantee's amount must be positive.", "amount")
    if paid < 0:
        raise TradeInputError("Amounts paid cannot be negative.", "paid")
    _check_reductions(amount, reductions)
    steps = [Text("Amount of the guarantee: {amount} {currency}", amount=amount, currency=currency)]
    current = amount
    applied = 0
    dated = sorted(
        (r for r in reductions if r.effective is not None and r.effective <= day),
        key=lambda r: r.effective or day,
    )
    for line in dated:
        before = current
        if line.amount_after is not None:
            current = min(current, line.amount_after)
        else:
            assert line.reduce_by is not None
            current = max(Decimal(0), current - line.reduce_by)
        applied += 1
        what = (
            Text("on {day}", day=line.effective or day)
            if line.on is not None
            else Text("{event} (occurred on {day})", event=line.event, day=line.effective or day)
        )
        steps.append(
            Text(
                "Reduction {what}: {before} → {after} {currency} (URDG 758 art. 13)",
                what=what,
                before=before,
                after=current,
                currency=currency,
            )
        )
    waiting = [r for r in reductions if r.effective is None or r.effective > day]
    for line in waiting:
        steps.append(
            Text("Not yet: reduction on {day}", day=line.on)
            if line.on is not None
            else Text(
                "Not yet: reduction when {event} (the document must be presented)", event=line.event
            )
        )
    if paid > 0:
        current = max(Decimal(0), current - paid)
        steps.append(
            Text(
                "Paid on demands: {paid} → {after} {currency} (URDG 758 art. 25 a i)",
                paid=paid,
                after=current,
                currency=currency,
            )
        )
    current = current.quantize(quantum(currency))
    return AmountInForce(
        current,
        applied,
        paid,
        Text("URDG 758 art. 13 (reduction clause) and art. 25 a (amounts paid)"),
        tuple(steps),
    )


# --------------------------------------------------------------------------------- expiry


@dataclass(frozen=True, slots=True)
class Expiry:
    last_day: date | None  # the last day a demand may be presented
    stated: date | None
    extended: bool
    rule: Text
    steps: tuple[Text, ...]


def expiry(
    *,
    rules: str,
    expiry_date: date | None,
    expiry_event: str = "",
    issue_date: date | None = None,
    country: str = "FR",
) -> Expiry:
    """The last day for a demand under the guarantee's rules, at the place of presentation
    (``country``: the guarantor's counter, or the local bank's when indirect)."""
    if rules not in RULES:
        raise TradeInputError(f"Unknown rules {rules!r}: one of {', '.join(RULES)}.", "rules")
    if expiry_date is not None and issue_date is not None and expiry_date < issue_date:
        raise TradeInputError("The expiry date is before the issue date.", "expiry_date")
    place = calendars.country_code(country, "country")
    steps: list[Text] = []
    stated = expiry_date
    if stated is None:
        if expiry_event.strip():
            return Expiry(
                None,
                None,
                False,
                Text("URDG 758 art. 25 b i: terminates on the expiry event"),
                (
                    Text(
                        "Expires on an event: {event}. Record its date when the document that "
                        "shows it is presented.",
                        event=expiry_event,
                    ),
                ),
            )
        if rules == "urdg758" and issue_date is not None:
            stated = add_months(issue_date, 12 * URDG_DEFAULT_YEARS)
            steps.append(
                Text(
                    "No expiry date or event: the guarantee ends three years after its issue, "
                    "{day} (URDG 758 art. 25 c)",
                    day=stated,
                )
            )
        else:
            return Expiry(
                None,
                None,
                False,
                Text("ISP98 rule 9.01: a standby states an expiry date"),
                (Text("No expiry date: ask the bank for one (open-ended commitment)."),),
            )
    else:
        if expiry_event.strip():
            steps.append(
                Text(
                    "Expires on {day} or on {event}, whichever comes first",
                    day=stated,
                    event=expiry_event,
                )
            )
        else:
            steps.append(Text("Expiry date stated: {day}", day=stated))
    assert stated is not None
    if rules == "local":
        steps.append(
            Text(
                "Under local law the date is not moved: a demand must reach the bank by {day}",
                day=stated,
            )
        )
        return Expiry(stated, stated, False, Text("The guarantee's governing law"), tuple(steps))
    last = calendars.next_banking_day(place, stated)
    extended = last != stated
    rule = {
        "urdg758": Text("URDG 758 art. 25 d (expiry on a non-business day: next business day)"),
        "isp98": Text("ISP98 rule 3.13 (expiry on a non-business day: next business day)"),
        "ucp600": Text("UCP 600 art. 29 a (expiry on a bank closing day: next banking day)"),
    }[rules]
    if extended:
        reason = calendars.is_weekend_or_holiday(place, stated) or ""
        steps.append(
            Text(
                "Banks in {country} are closed on {day} ({reason}): a demand on {last} is in time ({rule})",
                country=place,
                day=stated,
                reason=reason,
                last=last,
                rule=rule,
            )
        )
    else:
        steps.append(Text("Banks in {country} are open on {day}", country=place, day=stated))
    return Expiry(last, stated, extended, rule, tuple(steps))


# ----------------------------------------------------------------------------------- fees


@dataclass(frozen=True, slots=True)
class FeeQuarter:
    start: date
    end: date  # the day before the next quarter starts
    base: Decimal
    fee: Decimal


@dataclass(frozen=True, slots=True)
class Fees:
    total: Decimal
    quarters: tuple[FeeQuarter, ...]
    rule: Text
    steps: tuple[Text, ...]


def fees(
    *,
    amount: Decimal,
    currency: str,
    rate_pct_per_quarter: Decimal,
    start: date,
    end: date,
    reductions: tuple[Reduction, ...] = (),
    minimum_per_quarter: Decimal = Decimal(0),
) -> Fees:
    """Bank commission from ``start`` (issue) to ``end`` (release, expiry or today): each
    quarter begun is due in full, on the amount in force on the quarter's first day, never
    less than ``minimum_per_quarter``."""
    if not Decimal(0) <= rate_pct_per_quarter <= Decimal(25):
        raise TradeInputError("The commission is between 0 and 25 % per quarter.", "fee_rate_pct")
    if minimum_per_quarter < 0:
        raise TradeInputError("The minimum fee cannot be negative.", "fee_minimum")
    if end < start:
        return Fees(Decimal(0).quantize(quantum(currency)), (), Text("Bank's fee terms"), ())
    quarters: list[FeeQuarter] = []
    steps: list[Text] = []
    index = 0
    q = quantum(currency)
    while True:
        q_start = add_months(start, 3 * index)
        if q_start > end:
            break
        if index >= MAX_QUARTERS:
            raise TradeInputError("More than 100 years of fees: check the dates.", "issue_date")
        q_end = add_months(start, 3 * (index + 1)) - timedelta(days=1)
        base = amount_in_force(
            amount=amount, currency=currency, day=q_start, reductions=reductions
        ).amount
        fee = max(
            (base * rate_pct_per_quarter / HUNDRED).quantize(q, ROUND_HALF_UP), minimum_per_quarter
        )
        quarters.append(FeeQuarter(q_start, q_end, base, fee))
        steps.append(
            Text(
                "Quarter from {start} to {end}: {base} {currency} × {rate} % = {fee} {currency}",
                start=q_start,
                end=q_end,
                base=base,
                currency=currency,
                rate=rate_pct_per_quarter,
                fee=fee,
            )
        )
        index += 1
    total = sum((row.fee for row in quarters), Decimal(0)).quantize(q)
    steps.append(
        Text(
            "{count} quarters begun: {total} {currency} (each quarter begun is due in full)",
            count=len(quarters),
            total=total,
            currency=currency,
        )
    )
    return Fees(
        total,
        tuple(quarters),
        Text("Commission per quarter begun, on the amount in force at the start of the quarter"),
        tuple(steps),
    )


# -------------------------------------------------------------------------------- demands


@dataclass(frozen=True, slots=True)
class DemandCheck:
    compliant: bool
    issues: tuple[tuple[str, Text], ...]  # (field, message)
    examine_by: date
    rule: Text
    steps: tuple[Text, ...]


def check_demand(
    *,
    rules: str,
    presented_on: date,
    amount: Decimal,
    currency: str,
    guarantee_currency: str,
    available: Decimal,
    last_day: date | None,
    statement_of_breach: bool,
    statement_required: bool = True,
    extend_or_pay: bool = False,
    country: str = "FR",
) -> DemandCheck:
    """Whether a demand complies on its face (URDG 758 art. 14, 15, 17; ISP98 rules 3.13,
    4.16) and by when the guarantor must decide (art. 20 a: five business days)."""
    if rules not in RULES:
        raise TradeInputError(f"Unknown rules {rules!r}: one of {', '.join(RULES)}.", "rules")
    if amount <= 0:
        raise TradeInputError("The amount demanded must be positive.", "amount")
    place = calendars.country_code(country, "country")
    issues: list[tuple[str, Text]] = []
    steps: list[Text] = []
    if last_day is not None and presented_on > last_day:
        issues.append(
            (
                "presented_on",
                Text(
                    "Presented on {day}, after the last day {last}: the guarantee had expired "
                    "(URDG 758 art. 14 a, 25 b).",
                    day=presented_on,
                    last=last_day,
                ),
            )
        )
    if currency != guarantee_currency:
        issues.append(
            (
                "currency",
                Text(
                    "The demand is in {currency}, the guarantee in {expected}.",
                    currency=currency,
                    expected=guarantee_currency,
                ),
            )
        )
    if amount > available:
        issues.append(
            (
                "amount",
                Text(
                    "{amount} {currency} demanded, more than the {available} still in force "
                    "(URDG 758 art. 17 b).",
                    amount=amount,
                    currency=guarantee_currency,
                    available=available,
                ),
            )
        )
    if rules == "urdg758" and statement_required and not statement_of_breach:
        issues.append(
            (
                "statement_of_breach",
                Text(
                    "No statement saying in what respect the applicant is in breach (URDG 758 "
                    "art. 15 a)."
                ),
            )
        )
    examine_by = calendars.add_business_days(place, presented_on, DEMAND_EXAMINATION_DAYS)
    steps.append(
        Text(
            "Presented on {day}: the guarantor examines it within five business days, by {by} "
            "(URDG 758 art. 20 a; ISP98 rule 5.01: three business days are not unreasonable, "
            "more than seven are)",
            day=presented_on,
            by=examine_by,
        )
    )
    if extend_or_pay:
        steps.append(
            Text(
                "Extend or pay: the guarantor may suspend payment for up to 30 calendar days, to "
                "{day} (URDG 758 art. 23)",
                day=presented_on + timedelta(days=30),
            )
        )
    if amount < available and not issues:
        steps.append(
            Text(
                "A demand for part of the amount is allowed; what is paid reduces the amount "
                "(URDG 758 art. 17 a, 25 a i)"
            )
        )
    rule = {
        "urdg758": Text("URDG 758 art. 14, 15, 17, 20"),
        "isp98": Text(
            "ISP98 rules 3.13, 4.16 (the demand need not say more than that payment is demanded)"
        ),
        "ucp600": Text("UCP 600 art. 14 (standby subject to UCP: documents checked on their face)"),
        "local": Text("The guarantee's own terms and its governing law"),
    }[rules]
    return DemandCheck(not issues, tuple(issues), examine_by, rule, tuple(steps))
