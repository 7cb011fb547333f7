"""Purchase orders to suppliers abroad: the rules, without Django.

- :func:`compare_confirmation`: the supplier's order confirmation read against our order,
  every difference listed (currency, Incoterm® and place, ready date, per line quantity,
  unit price and date, lines missing). An order confirmation that differs is, in law, a
  counter-offer (Vienna Convention on the International Sale of Goods, CISG art. 19 (1)
  and (3): price, quantity, place and date of delivery are material terms); the buyer
  accepts it or disputes it, and the screen shows exactly what changed.
- :func:`payment_schedule`: the payments due from the payment terms (advance, deposit and
  balance, L/C, D/P, D/A, open account), with their date once the event they wait for is
  known (order, goods ready, copy of the B/L, documents, arrival, invoice, receipt).
  Amounts in the order's currency, rounded to its minor unit; the balance is what is left,
  so no cent is lost.
- :func:`days_late`: an order is late when its confirmed date (else the requested date)
  has passed and the goods are not ready.
- :func:`check_receipt`: a receipt above the ordered quantity beyond the tolerance is
  refused. The tolerance is the order's; without one, none for counted units (pieces,
  cartons...) and 5 % for goods counted by weight, volume or length, the reading of
  UCP 600 art. 30 b, used here as the trade's usual reading of a quantity.
- :func:`claim_deadline`: the date before which an apparent defect or shortage must be
  notified to the supplier: the contract's period, else 8 days from receipt. CISG art. 38
  asks the buyer to examine the goods "within as short a period as is practicable" and
  art. 39 (1) to give notice "within a reasonable time", under pain of losing the right
  to rely on the lack of conformity; general purchase conditions usually fix that time,
  8 days being the common figure for apparent defects, which we apply by default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import round_money
from comptoir.trade.texts import Text

__all__ = [
    "BULK_TOLERANCE_PCT",
    "BULK_UNITS",
    "DEFAULT_CLAIM_DAYS",
    "ConfirmedLine",
    "ConfirmedTerms",
    "Difference",
    "Installment",
    "OrderedLine",
    "OrderedTerms",
    "PaymentTerms",
    "ReceiptCheck",
    "check_receipt",
    "claim_deadline",
    "compare_confirmation",
    "days_late",
    "payment_schedule",
    "receipt_tolerance",
]

HUNDRED = Decimal("100")
ZERO = Decimal("0")

#: Units counted by weight, volume or length (UCP 600 art. 30 b applies to them).
BULK_UNITS = frozenset({"kg", "t", "g", "l", "m3", "m", "m2", "lb", "gal", "mt"})
BULK_TOLERANCE_PCT = Decimal("5")
#: Days to notify an apparent defect when the contract says nothing (see the module text).
DEFAULT_CLAIM_DAYS = 8

# -- confirmation against order ----------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OrderedLine:
    key: int
    label: str
    quantity: Decimal
    unit_price: Decimal
    date: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class OrderedTerms:
    currency: str
    incoterm: str
    named_place: str
    ready_date: dt.date | None
    lines: Sequence[OrderedLine]


@dataclass(frozen=True, kw_only=True)
class ConfirmedLine:
    key: int
    quantity: Decimal
    unit_price: Decimal
    date: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class ConfirmedTerms:
    currency: str
    incoterm: str
    named_place: str
    ready_date: dt.date | None
    lines: Sequence[ConfirmedLine]


@dataclass(frozen=True)
class Difference:
    """One term the confirmation changes. ``field``: currency, incoterm, named_place,
    ready_date, quantity, unit_price, date, line_missing; ``line``: the order line's key
    (None for the order's terms); the values as plain strings (ISO dates, decimals)."""

    field: str
    ordered: str
    confirmed: str
    line: int | None = None
    label: str = ""
    #: signed change in value (confirmed - ordered) for quantities and prices, else None
    delta: Decimal | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "field": self.field,
            "line": self.line,
            "label": self.label,
            "ordered": self.ordered,
            "confirmed": self.confirmed,
            "delta": None if self.delta is None else str(self.delta),
        }


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _norm_place(value: str) -> str:
    return " ".join(value.casefold().split())


def compare_confirmation(ordered: OrderedTerms, confirmed: ConfirmedTerms) -> list[Difference]:
    """Every difference between our order and the supplier's confirmation (empty: the
    confirmation matches). Decimals compare by value (10 == 10.000); places ignore case
    and spacing; a confirmed line not on the order is refused."""
    found: list[Difference] = []
    if ordered.currency.upper() != confirmed.currency.upper():
        found.append(Difference("currency", ordered.currency, confirmed.currency))
    if ordered.incoterm.upper() != confirmed.incoterm.upper():
        found.append(Difference("incoterm", ordered.incoterm, confirmed.incoterm))
    if confirmed.named_place and _norm_place(ordered.named_place) != _norm_place(
        confirmed.named_place
    ):
        found.append(Difference("named_place", ordered.named_place, confirmed.named_place))
    if confirmed.ready_date and confirmed.ready_date != ordered.ready_date:
        found.append(
            Difference("ready_date", _date(ordered.ready_date), _date(confirmed.ready_date))
        )
    by_key = {line.key: line for line in confirmed.lines}
    known = {line.key for line in ordered.lines}
    for key in by_key:
        if key not in known:
            raise TradeInputError("This line is not on the order.", field=f"lines.{key}")
    for line in ordered.lines:
        got = by_key.get(line.key)
        if got is None:
            found.append(
                Difference("line_missing", str(line.quantity), "", line=line.key, label=line.label)
            )
            continue
        if got.quantity != line.quantity:
            found.append(
                Difference(
                    "quantity",
                    str(line.quantity.normalize()),
                    str(got.quantity.normalize()),
                    line=line.key,
                    label=line.label,
                    delta=got.quantity - line.quantity,
                )
            )
        if got.unit_price != line.unit_price:
            found.append(
                Difference(
                    "unit_price",
                    str(line.unit_price.normalize()),
                    str(got.unit_price.normalize()),
                    line=line.key,
                    label=line.label,
                    delta=got.unit_price - line.unit_price,
                )
            )
        wanted = line.date or ordered.ready_date
        if got.date and got.date != wanted:
            found.append(
                Difference("date", _date(wanted), _date(got.date), line=line.key, label=line.label)
            )
    return found


# -- payments due --------------------------------------------------------------------------

INSTRUMENTS = ("advance", "deposit", "lc", "dp", "da", "open_account")
TRIGGERS = ("order", "before_shipment", "bl_copy", "documents", "arrival", "invoice", "receipt")


@dataclass(frozen=True, kw_only=True)
class PaymentTerms:
    instrument: str
    total: Decimal
    currency: str
    deposit_pct: Decimal = ZERO
    #: when the balance (or the single payment) falls due
    trigger: str = "invoice"
    #: days after the trigger (usance of an L/C or D/A, open account term)
    days: int = 0


@dataclass(frozen=True)
class Installment:
    kind: str  # deposit, balance, full
    percent: Decimal
    amount: Decimal
    trigger: str
    due_on: dt.date | None
    rule: Text


def _trigger_for(terms: PaymentTerms) -> str:
    if terms.instrument == "advance":
        return "order"
    if terms.instrument in ("lc", "dp", "da"):
        return "documents"
    return terms.trigger


def payment_schedule(
    terms: PaymentTerms, events: Mapping[str, dt.date | None]
) -> list[Installment]:
    """The payments due for ``terms``; ``events`` gives the date of each trigger that has
    happened (``{"order": ..., "bl_copy": ...}``): a payment waiting for an event not yet
    dated has ``due_on`` None.

    - advance: 100 % at order;
    - deposit: ``deposit_pct`` at order, the balance on ``trigger`` + ``days``;
    - L/C: paid by the bank against compliant documents, at sight or ``days`` after
      (deferred payment, acceptance: UCP 600 art. 7);
    - D/P: against payment of the documents (URC 522 art. 7 a); D/A: the draft accepted,
      payable ``days`` after;
    - open account: on ``trigger`` (the invoice by default) + ``days``.
    """
    if terms.instrument not in INSTRUMENTS:
        raise TradeInputError("Unknown payment instrument.", field="payment_instrument")
    if terms.trigger not in TRIGGERS:
        raise TradeInputError("Unknown payment event.", field="balance_trigger")
    if terms.total < 0:
        raise TradeInputError("The order total cannot be negative.", field="total")
    if not ZERO <= terms.deposit_pct <= HUNDRED:
        raise TradeInputError("A deposit is between 0 and 100 %.", field="deposit_pct")
    if not 0 <= terms.days <= 365:
        raise TradeInputError("The payment term is between 0 and 365 days.", field="payment_days")
    if terms.instrument == "deposit" and terms.deposit_pct in (ZERO, HUNDRED):
        raise TradeInputError(
            "A deposit is more than 0 and less than 100 %: else choose advance payment "
            "or another instrument.",
            field="deposit_pct",
        )

    def due(trigger: str, days: int) -> dt.date | None:
        when = events.get(trigger)
        return when + dt.timedelta(days=days) if when else None

    if terms.instrument == "advance":
        return [
            Installment(
                "full",
                HUNDRED,
                round_money(terms.total, terms.currency),
                "order",
                due("order", 0),
                Text("100 % in advance, at order"),
            )
        ]
    if terms.instrument == "deposit":
        deposit = round_money(terms.total * terms.deposit_pct / HUNDRED, terms.currency)
        balance = round_money(terms.total, terms.currency) - deposit
        return [
            Installment(
                "deposit",
                terms.deposit_pct,
                deposit,
                "order",
                due("order", 0),
                Text("{pct} % deposit at order", pct=terms.deposit_pct.normalize()),
            ),
            Installment(
                "balance",
                HUNDRED - terms.deposit_pct,
                balance,
                terms.trigger,
                due(terms.trigger, terms.days),
                Text(
                    "Balance {pct} %, {days} days after the event",
                    pct=(HUNDRED - terms.deposit_pct).normalize(),
                    days=terms.days,
                ),
            ),
        ]
    trigger = _trigger_for(terms)
    rules = {
        "lc": Text("By documentary credit, {days} days after compliant documents", days=terms.days),
        "dp": Text("Documents against payment, at sight"),
        "da": Text("Documents against acceptance, draft at {days} days", days=terms.days),
        "open_account": Text("Open account, {days} days after the event", days=terms.days),
    }
    days = 0 if terms.instrument == "dp" else terms.days
    return [
        Installment(
            "full",
            HUNDRED,
            round_money(terms.total, terms.currency),
            trigger,
            due(trigger, days),
            rules[terms.instrument],
        )
    ]


# -- lateness --------------------------------------------------------------------------------


def days_late(
    *,
    confirmed: dt.date | None,
    requested: dt.date | None,
    ready: dt.date | None,
    today: dt.date,
) -> int:
    """Days the goods are late: after the confirmed date (the requested one when the
    supplier has not confirmed) and not ready. 0 when on time, ready, or without a date."""
    promised = confirmed or requested
    if promised is None or ready is not None:
        return 0
    return max((today - promised).days, 0)


# -- receipt ----------------------------------------------------------------------------------


def receipt_tolerance(unit: str, tolerance_pct: Decimal | None) -> Decimal:
    """Over-delivery accepted (%): the order's, else 5 % for bulk units, 0 for counted ones."""
    if tolerance_pct is not None:
        return tolerance_pct
    return BULK_TOLERANCE_PCT if unit.strip().lower() in BULK_UNITS else ZERO


@dataclass(frozen=True)
class ReceiptCheck:
    ordered: Decimal
    received_before: Decimal
    received_now: Decimal
    maximum: Decimal
    #: still to receive after this receipt (negative: an accepted over-delivery)
    outstanding: Decimal
    complete: bool


def check_receipt(
    *,
    ordered: Decimal,
    received_before: Decimal,
    received_now: Decimal,
    unit: str,
    tolerance_pct: Decimal | None,
    field_name: str = "quantity_received",
) -> ReceiptCheck:
    """Refuse a quantity received that brings the line above the ordered quantity plus its
    tolerance (:func:`receipt_tolerance`), naming the figures."""
    if received_now < 0:
        raise TradeInputError("A quantity received cannot be negative.", field=field_name)
    tolerance = receipt_tolerance(unit, tolerance_pct)
    maximum = ordered * (HUNDRED + tolerance) / HUNDRED
    total = received_before + received_now
    if total > maximum:
        raise TradeInputError(
            Text(
                "{total} {unit} received in all is above the {ordered} {unit} ordered "
                "(tolerance {tolerance} %): at most {left} {unit} more can be received.",
                total=total.normalize(),
                unit=unit,
                ordered=ordered.normalize(),
                tolerance=tolerance.normalize(),
                left=max(maximum - received_before, ZERO).normalize(),
            ),
            field=field_name,
        )
    return ReceiptCheck(
        ordered=ordered,
        received_before=received_before,
        received_now=received_now,
        maximum=maximum,
        outstanding=ordered - total,
        complete=total >= ordered,
    )


@dataclass(frozen=True)
class ClaimDeadline:
    deadline: dt.date
    days: int
    rule: Text = field(compare=False)


def claim_deadline(received_on: dt.date, contract_days: int | None) -> ClaimDeadline:
    """Notify the supplier of an apparent defect, damage or shortage before this date."""
    if contract_days is not None:
        if not 1 <= contract_days <= 365:
            raise TradeInputError("The claim period is between 1 and 365 days.", "claim_days")
        return ClaimDeadline(
            received_on + dt.timedelta(days=contract_days),
            contract_days,
            Text("{days} days after receipt, as the order's terms say", days=contract_days),
        )
    return ClaimDeadline(
        received_on + dt.timedelta(days=DEFAULT_CLAIM_DAYS),
        DEFAULT_CLAIM_DAYS,
        Text(
            "{days} days after receipt for an apparent defect (no period in the contract; "
            "CISG art. 38 and 39: examine promptly, notify within a reasonable time)",
            days=DEFAULT_CLAIM_DAYS,
        ),
    )
