"""Collection of trade receivables: ageing, dunning, payments, exchange differences, credit control.

Sources:

* Ageing: the aged trial balance (balance âgée) of credit-management practice, in 30-day
  buckets of days past the due date.
* Dunning: Code de commerce art. L441-10 II (late-payment penalties and the EUR 40 recovery
  indemnity are due from the day after the due date, without any reminder); Code civil art.
  1344 (the debtor is put on notice, "mise en demeure", by a summons or a sufficiently explicit
  letter) and 1344-1 (the notice makes interest at the legal rate run on a sum of money): a
  letter of formal notice comes before any court action (e.g. an injunction to pay, Code de
  procédure civile art. 1405 ff.). Sending the levels one after the other, a week apart at
  least, is good practice, not law.
* Payments: Code civil art. 1302-1 (what is received but not owed must be returned), so an
  over-payment is refused here rather than booked as a negative receivable.
* Exchange differences: Plan comptable général (ANC regulation 2014-03) art. 420-5 ff. on
  foreign-currency receivables (booked at the rate of the transaction date; the difference
  realised on settlement is income or expense: account 666 "Pertes de change", 766 "Gains de
  change"; since ANC regulation 2015-05, differences on trade receivables may be booked in
  operating income, accounts 656/756). The brief cites art. 420-7; its wording was not checked
  here.
* Credit control: house credit policy (limit per customer, overdue tolerance); a confirmed
  documentary credit carries the confirming bank's definite undertaking to pay (UCP 600
  art. 8), so a secured order skips the limit test.
* Commission: Council Directive 86/653/EEC (commercial agents) art. 6-7 and 10, Code de
  commerce art. L134-5 to L134-9: a percentage of the value of the transactions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import currency_code, decimal_str, round_money, to_decimal
from comptoir.trade.texts import Text, figure

__all__ = [
    "BUCKETS",
    "CreditDecision",
    "DunningStep",
    "OpenItem",
    "aged_balance",
    "apply_payment",
    "bucket",
    "commission",
    "credit_decision",
    "exchange_difference",
    "next_dunning_level",
    "settled_on",
]

HUNDRED = Decimal(100)

#: Ageing buckets, by days past the due date.
BUCKETS = ("not_due", "1-30", "31-60", "61-90", "over_90")
_UPPER_BOUNDS = ((30, "1-30"), (60, "31-60"), (90, "61-90"))


def _whole_days(value: int, field: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise TradeInputError(f"Give a whole number of days, {minimum} or more.", field)
    return value


def bucket(due: date, as_of: date) -> str:
    """Ageing bucket of an item due on ``due``, seen on ``as_of``.

    ``not_due`` while ``as_of <= due`` (an invoice paid on its due date is on time); otherwise
    days overdue = ``(as_of - due).days``, in 1-30, 31-60, 61-90 or over_90.
    """
    overdue = (as_of - due).days
    if overdue <= 0:
        return "not_due"
    for upper, name in _UPPER_BOUNDS:
        if overdue <= upper:
            return name
    return "over_90"


@dataclass(frozen=True, slots=True)
class OpenItem:
    """An open item of the customer ledger: an invoice (or an unapplied credit, negative)."""

    reference: str
    due: date
    balance: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.reference, str) or not self.reference.strip():
            raise TradeInputError("Give the reference of the open item.", "reference")
        if not isinstance(self.due, date):
            raise TradeInputError("Give the due date as a date.", "due")
        object.__setattr__(self, "balance", to_decimal(self.balance, "balance"))
        object.__setattr__(self, "currency", currency_code(self.currency))


def aged_balance(items: Iterable[OpenItem], as_of: date) -> dict[str, dict[str, Decimal]]:
    """Aged balance per currency: every bucket of :data:`BUCKETS` plus ``"total"``.

    Currencies are never added together (converting is a dated operation, see
    :mod:`comptoir.trade.fx`). Balances are summed exactly; a negative balance (unapplied
    credit note) reduces its bucket. Currencies are listed in alphabetical order.
    """
    result: dict[str, dict[str, Decimal]] = {}
    for index, item in enumerate(items):
        if not isinstance(item, OpenItem):
            raise TradeInputError("Each item is an OpenItem.", f"items.{index}")
        row = result.setdefault(item.currency, {name: Decimal(0) for name in (*BUCKETS, "total")})
        row[bucket(item.due, as_of)] += item.balance
        row["total"] += item.balance
    return {code: result[code] for code in sorted(result)}


# --- dunning -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DunningStep:
    """A dunning letter: its level (1, 2, ...) and the days after the due date it is sent."""

    level: int
    days_after_due: int


def _check_steps(steps: Sequence[DunningStep]) -> None:
    if not steps:
        raise TradeInputError("Give at least one dunning step.", "steps")
    previous = 0
    for index, step in enumerate(steps):
        if not isinstance(step, DunningStep):
            raise TradeInputError(f"Step {index + 1} is not a DunningStep.", "steps")
        if isinstance(step.level, bool) or step.level != index + 1:
            raise TradeInputError(
                f"Dunning levels are numbered 1 to {len(steps)} in order: step {index + 1} has "
                f"level {step.level!r}.",
                "steps",
            )
        days = step.days_after_due
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise TradeInputError(
                f"Level {step.level} must be sent at least 1 day after the due date.", "steps"
            )
        if days <= previous:
            raise TradeInputError(
                f"Level {step.level} ({days} days) must come later than level {step.level - 1} "
                f"({previous} days).",
                "steps",
            )
        previous = days


def next_dunning_level(
    due: date,
    as_of: date,
    steps: Sequence[DunningStep],
    last_level_sent: int = 0,
    last_sent_on: date | None = None,
    min_days_between: int = 7,
) -> DunningStep | None:
    """The dunning letter to send on ``as_of``, or None when none is due.

    Levels are sent one after the other, never skipped: the next is ``last_level_sent + 1``,
    due once ``as_of >= due + its days_after_due`` and at least ``min_days_between`` days after
    the last letter (``last_sent_on``, required once a letter was sent). None when nothing is
    due yet or every level has been sent. ``steps`` are numbered 1..n with strictly increasing
    delays of at least one day (an invoice is overdue the day after its due date). Sources:
    Code de commerce L441-10 II (penalties run without reminder); Code civil art. 1344 (the
    last level should be the formal notice, "mise en demeure", before litigation).
    """
    _check_steps(steps)
    last = last_level_sent
    if isinstance(last, bool) or not isinstance(last, int) or not 0 <= last <= len(steps):
        raise TradeInputError(
            f"The last level sent is between 0 (none) and {len(steps)}.", "last_level_sent"
        )
    gap = _whole_days(min_days_between, "min_days_between")
    if last == 0 and last_sent_on is not None:
        raise TradeInputError(
            "A date of the last letter was given but no level was sent (last_level_sent = 0).",
            "last_sent_on",
        )
    if last > 0 and last_sent_on is None:
        raise TradeInputError(
            f"Give the date level {last} was sent, to keep letters apart.", "last_sent_on"
        )
    if last_sent_on is not None and last_sent_on > as_of:
        raise TradeInputError(
            f"The last letter is dated {last_sent_on.isoformat()}, after {as_of.isoformat()}.",
            "last_sent_on",
        )
    if last == len(steps):
        return None
    step = steps[last]
    if as_of < due + timedelta(days=step.days_after_due):
        return None
    if last_sent_on is not None and as_of < last_sent_on + timedelta(days=gap):
        return None
    return step


# --- payments and exchange differences -----------------------------------------------------


def apply_payment(open_balance: Decimal, payment: Decimal) -> Decimal:
    """New balance of an open item after a payment: ``open_balance - payment``.

    Raises :class:`TradeInputError` (field ``amount``) when the payment is not positive or
    exceeds the open balance: an over-payment is not owed and must be returned or recorded as
    a separate customer credit (Code civil art. 1302-1).
    """
    balance = to_decimal(open_balance, "open_balance", minimum=0, what="open balance")
    amount = to_decimal(payment, "amount", what="payment")
    if amount <= 0:
        raise TradeInputError("The payment must be greater than zero.", "amount")
    if amount > balance:
        raise TradeInputError(
            f"The payment of {decimal_str(amount)} exceeds the balance of {decimal_str(balance)}.",
            "amount",
        )
    return balance - amount


def settled_on(
    issued_on: date, total: Decimal, reductions: Iterable[tuple[date, Decimal]]
) -> date | None:
    """The day an invoice's balance reached zero for good, or None while it is not nil.

    ``reductions`` are what lowers the balance, each on the day it counts and positive:
    payments allocated (on the day received) and credit notes issued (on their date). A
    reduction counts at the earliest on the invoice's date (a payment received before the
    invoice is issued settles it from its date). When they add up to the total, the balance
    is nil from the day of the last one on, and was not the day before: that day is returned.
    A balance below zero (a credit note issued after the invoice was paid: the client is owed
    the difference) is not settled: None, as for a balance still due. An invoice of nothing
    is settled on its date.
    """
    gross = to_decimal(total, "total", minimum=0, what="invoice total")
    last, reduced = issued_on, Decimal(0)
    for day, amount in reductions:
        reduced += to_decimal(amount, "amount", minimum=0, what="reduction")
        last = max(last, day)
    return last if reduced == gross else None


def exchange_difference(
    amount: Decimal, booked_rate: Decimal, settled_rate: Decimal, home_currency: str
) -> Decimal:
    """Realised exchange difference on a receivable: ``amount x (settled - booked)``, rounded.

    Rates are in home currency per 1 unit of the invoice currency (EUR per USD). Positive is a
    gain (account 766, or 756 for trade receivables), negative a loss (666, or 656): PCG
    art. 420-5 ff., ANC regulation 2015-05. For a payable, the sign is the other way round.
    Rounded half-up to the home currency's minor unit.
    """
    code = currency_code(home_currency, "home_currency")
    base = to_decimal(amount, "amount", minimum=0)
    booked = to_decimal(booked_rate, "booked_rate", minimum=0, strict_minimum=True, what="rate")
    settled = to_decimal(settled_rate, "settled_rate", minimum=0, strict_minimum=True, what="rate")
    return round_money(base * (settled - booked), code)


# --- credit control ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CreditDecision:
    """Result of :func:`credit_decision`."""

    hold: bool
    reasons: tuple[Text, ...]  # sentences with the figures, one per cause of the hold
    outstanding: Decimal  # unpaid invoices + confirmed orders not yet invoiced
    available: Decimal | None  # credit limit - outstanding (never below 0); None: no limit


def credit_decision(
    *,
    credit_limit: Decimal | None,
    unpaid_invoices: Decimal,
    confirmed_not_invoiced: Decimal,
    order_amount: Decimal,
    oldest_overdue_days: int,
    max_overdue_days: int,
    secured: bool = False,
) -> CreditDecision:
    """Whether to hold a new order: credit limit and overdue tests, with the reasons.

    Outstanding = unpaid invoices + confirmed orders not yet invoiced. The order is held when
    outstanding + order exceeds the credit limit (None or 0: no credit granted, any amount on
    credit is held), or when the oldest overdue invoice is more than ``max_overdue_days`` past
    due. ``secured`` (advance payment, confirmed documentary credit: UCP 600 art. 8) skips the
    limit test but not the overdue test: a customer who pays late is stopped either way. All
    amounts are in one currency (the caller converts). Source: house credit policy.
    """
    limit = None if credit_limit is None else to_decimal(credit_limit, "credit_limit", minimum=0)
    unpaid = to_decimal(unpaid_invoices, "unpaid_invoices", minimum=0)
    confirmed = to_decimal(confirmed_not_invoiced, "confirmed_not_invoiced", minimum=0)
    order = to_decimal(order_amount, "order_amount", minimum=0, strict_minimum=True)
    oldest = _whole_days(oldest_overdue_days, "oldest_overdue_days")
    tolerance = _whole_days(max_overdue_days, "max_overdue_days")
    outstanding = unpaid + confirmed
    exposure = outstanding + order
    reasons: list[Text] = []
    if not secured:
        if limit is None or limit == 0:
            reasons.append(
                Text(
                    "No credit is granted to this customer (credit limit {limit}): the order of "
                    "{order} must be secured by an advance payment or a confirmed documentary "
                    "credit.",
                    limit=Text("none") if limit is None else figure(limit),
                    order=figure(order),
                )
            )
        elif exposure > limit:
            reasons.append(
                Text(
                    "Outstanding {outstanding} (unpaid invoices {unpaid} + confirmed orders not "
                    "invoiced {confirmed}) + this order {order} = {exposure} exceeds the credit "
                    "limit of {limit} by {excess}.",
                    outstanding=figure(outstanding),
                    unpaid=figure(unpaid),
                    confirmed=figure(confirmed),
                    order=figure(order),
                    exposure=figure(exposure),
                    limit=figure(limit),
                    excess=figure(exposure - limit),
                )
            )
    if oldest > tolerance:
        reasons.append(
            Text(
                "The oldest overdue invoice is {days} days past due, more than the {tolerance} "
                "days allowed.",
                days=oldest,
                tolerance=tolerance,
            )
        )
    available = None if limit is None else max(limit - outstanding, Decimal(0))
    return CreditDecision(bool(reasons), tuple(reasons), outstanding, available)


# --- commission ----------------------------------------------------------------------------


def commission(base: Decimal, rate_pct: Decimal, currency: str) -> Decimal:
    """Agent's commission: ``base x rate / 100``, rounded half-up to the currency.

    Source: Council Directive 86/653/EEC art. 6-7 and Code de commerce art. L134-5 and L134-6
    (a commission is a remuneration varying with the value of the transactions); art. 10 of
    the directive and L134-9 (it is earned once the principal has executed the transaction or
    should have). ``rate_pct`` is a percentage between 0 and 100.
    """
    code = currency_code(currency)
    amount = to_decimal(base, "base", minimum=0)
    rate = to_decimal(rate_pct, "rate_pct", minimum=0, maximum=100, what="commission rate")
    return round_money(amount * rate / HUNDRED, code)
