"""Three-way match of a supplier invoice: the purchase order, the goods received, the invoice.

Before a supplier invoice is approved for payment, each of its lines is checked against the
order line it bills and the quantity received and accepted for that line:

* **quantity**: what is invoiced (with what earlier invoices already billed) may not exceed
  what was received and accepted at the goods receipt; billing beyond the ordered quantity is
  listed too. Goods not yet received are not owed: Code civil art. 1217 (the creditor of an
  obligation not performed may refuse to perform his own) and the buyer's duty to pay the
  price "at the time and place of delivery" (Vienna Convention on the International Sale of
  Goods, CISG art. 58(1)). A quantity tolerance (bulk goods delivered "about" a quantity,
  UCP 600 art. 30 (b) gives 5 % for goods not counted in units) may be set; it is 0 by default.
* **unit price** against the order's: a difference is tolerated when it stays within the
  company's limits, both a percentage of the ordered price and an absolute amount per line
  (the stricter applies), as accounts-payable practice sets them so that rounding and small
  surcharges do not hold an invoice; the contract price binds (Code civil art. 1103).
* **currency**, **payment terms** and **Incoterm**: the invoice must carry the order's; a
  shorter payment term or another Incoterm (which moves costs and risks between buyer and
  seller, Incoterms® 2020 A9/B9) is a difference to settle before approval.

Every difference is listed with its amount in the invoice's currency (positive: the supplier
asks more than the order and the receipt justify) so that the buyer can dispute it or accept
it before approval. Amounts are rounded half-up to the currency's minor unit at line level.

Also here: the approval level (a manager above the company's threshold, or when a tolerated
difference was accepted), the due date from the terms (:func:`comptoir.trade.invoicing.due_date`)
and the realised exchange difference on a payable (PCG art. 420-5 ff.: the debt is booked at the
rate of the invoice date; at payment the difference is an exchange loss, account 666, or gain,
766; ANC regulation 2015-05 allows 656/756 for trade payables).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Final

from comptoir.trade.errors import TradeInputError
from comptoir.trade.invoicing import due_date
from comptoir.trade.money import currency_code, round_money, to_decimal
from comptoir.trade.texts import Text, in_currency, number, percent

__all__ = [
    "CURRENCY",
    "INCOTERM",
    "KINDS",
    "NOT_ON_ORDER",
    "OVER_ORDERED",
    "OVER_RECEIVED",
    "PRICE",
    "TERMS",
    "Difference",
    "InvoiceHeader",
    "InvoiceLine",
    "LineMatch",
    "MatchResult",
    "OrderHeader",
    "OrderLine",
    "Tolerance",
    "credit_note_room",
    "invoice_due_date",
    "match",
    "needs_manager",
    "payable_exchange_difference",
]

ZERO: Final = Decimal(0)
HUNDRED: Final = Decimal(100)

OVER_RECEIVED: Final = "quantity_over_received"
OVER_ORDERED: Final = "quantity_over_ordered"
PRICE: Final = "price"
CURRENCY: Final = "currency"
TERMS: Final = "terms"
INCOTERM: Final = "incoterm"
NOT_ON_ORDER: Final = "not_on_order"
KINDS: Final = (OVER_RECEIVED, OVER_ORDERED, PRICE, CURRENCY, TERMS, INCOTERM, NOT_ON_ORDER)

#: Most lines one invoice may carry (a costly input, bounded).
MAX_LINES: Final = 500


@dataclass(frozen=True, slots=True)
class Tolerance:
    """The company's matching tolerances.

    ``price_pct``: a unit price above the order's by at most this percentage of the ordered
    price is tolerated; ``price_amount``: and the line's difference (price difference x
    quantity invoiced) at most this amount in the invoice currency (None: no absolute limit).
    ``quantity_pct``: invoiced quantity above the received one by at most this percentage
    (bulk goods; 0 for goods counted in units).
    """

    price_pct: Decimal = Decimal("2")
    price_amount: Decimal | None = Decimal("50")
    quantity_pct: Decimal = ZERO

    def __post_init__(self) -> None:
        to_decimal(self.price_pct, "price_pct", minimum=0, maximum=100, what="percentage")
        to_decimal(self.quantity_pct, "quantity_pct", minimum=0, maximum=100, what="percentage")
        if self.price_amount is not None:
            to_decimal(self.price_amount, "price_amount", minimum=0)


@dataclass(frozen=True, slots=True)
class OrderHeader:
    """What the order fixed: currency, payment term (days, end of month) and Incoterm."""

    currency: str
    payment_days: int = 30
    end_of_month: bool = False
    incoterm: str = ""
    place: str = ""


@dataclass(frozen=True, slots=True)
class InvoiceHeader:
    """What the supplier's invoice says, for the same facts."""

    currency: str
    payment_days: int = 30
    end_of_month: bool = False
    incoterm: str = ""
    place: str = ""


@dataclass(frozen=True, slots=True)
class OrderLine:
    """An order line as the receipt left it.

    ``received``: the quantity received and accepted (refused goods are not owed);
    ``invoiced_before``: already billed on other invoices of the supplier still standing.
    """

    key: Hashable
    ordered: Decimal
    unit_price: Decimal
    received: Decimal = ZERO
    invoiced_before: Decimal = ZERO
    label: str = ""


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    """A line of the supplier's invoice, billing the order line ``order_line``."""

    order_line: Hashable
    quantity: Decimal
    unit_price: Decimal
    position: int = 0


@dataclass(frozen=True, slots=True)
class Difference:
    """One difference: its kind, the line (position on the invoice, 0 for the header), what
    was expected and found, its amount in the invoice's currency (positive: more is asked than
    is owed) and whether it is within the company's tolerance."""

    kind: str
    position: int
    expected: str
    found: str
    amount: Decimal
    within_tolerance: bool
    text: Text


@dataclass(frozen=True, slots=True)
class LineMatch:
    """One invoice line checked: the amount billed, and the amount owed by order and receipt."""

    position: int
    order_line: Hashable
    quantity: Decimal
    unit_price: Decimal
    billed: Decimal
    owed: Decimal
    ordered_price: Decimal | None
    available: Decimal
    differences: tuple[Difference, ...] = ()

    @property
    def matched(self) -> bool:
        return all(d.within_tolerance for d in self.differences)


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The invoice checked: the lines, every difference and the totals (invoice currency)."""

    currency: str
    lines: tuple[LineMatch, ...]
    differences: tuple[Difference, ...]
    billed: Decimal
    owed: Decimal
    header: tuple[Difference, ...] = field(default=())

    @property
    def matched(self) -> bool:
        """True when nothing is left outside the tolerances: the invoice may be approved."""
        return all(d.within_tolerance for d in self.differences)

    @property
    def blocking(self) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if not d.within_tolerance)

    @property
    def tolerated(self) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if d.within_tolerance)

    @property
    def difference(self) -> Decimal:
        """What the invoice asks beyond what is owed (negative: less is asked)."""
        return self.billed - self.owed


def _qty(value: object, name: str) -> Decimal:
    return to_decimal(value, name, minimum=0, what="quantity")


def _header_differences(
    order: OrderHeader, invoice: InvoiceHeader, total: Decimal
) -> list[Difference]:
    found: list[Difference] = []
    order_cur = currency_code(order.currency, "order.currency")
    invoice_cur = currency_code(invoice.currency, "currency")
    if order_cur != invoice_cur:
        found.append(
            Difference(
                CURRENCY,
                0,
                order_cur,
                invoice_cur,
                total,
                False,
                Text(
                    "The invoice is in {found}, the order in {expected}: ask the supplier for an "
                    "invoice in {expected}.",
                    found=invoice_cur,
                    expected=order_cur,
                ),
            )
        )
    if (invoice.payment_days, invoice.end_of_month) != (order.payment_days, order.end_of_month):
        expected = _terms_text(order.payment_days, order.end_of_month)
        got = _terms_text(invoice.payment_days, invoice.end_of_month)
        shorter = _term_length(invoice.payment_days, invoice.end_of_month) < _term_length(
            order.payment_days, order.end_of_month
        )
        found.append(
            Difference(
                TERMS,
                0,
                str(expected),
                str(got),
                ZERO,
                not shorter,
                Text(
                    "Payment terms {found} on the invoice, {expected} on the order: the order's "
                    "terms apply.",
                    found=got,
                    expected=expected,
                )
                if shorter
                else Text(
                    "Payment terms {found} on the invoice, {expected} on the order (longer: in "
                    "our favour).",
                    found=got,
                    expected=expected,
                ),
            )
        )
    if (
        order.incoterm
        and invoice.incoterm
        and (
            order.incoterm.upper() != invoice.incoterm.upper()
            or (
                order.place
                and invoice.place
                and order.place.strip().lower() != invoice.place.strip().lower()
            )
        )
    ):
        expected_i = f"{order.incoterm} {order.place}".strip()
        got_i = f"{invoice.incoterm} {invoice.place}".strip()
        found.append(
            Difference(
                INCOTERM,
                0,
                expected_i,
                got_i,
                ZERO,
                False,
                Text(
                    "Incoterm {found} on the invoice, {expected} on the order: costs and risks "
                    "would move between buyer and seller (Incoterms® 2020 A9/B9).",
                    found=got_i,
                    expected=expected_i,
                ),
            )
        )
    return found


def _terms_text(days: int, end_of_month: bool) -> Text:
    if end_of_month:
        return Text("{days} days end of month", days=days)
    return Text("{days} days", days=days)


def _term_length(days: int, end_of_month: bool) -> int:
    # End of month adds on average half a month: compare on that footing.
    return days * 2 + (30 if end_of_month else 0)


def match(
    order: OrderHeader,
    order_lines: Iterable[OrderLine],
    invoice: InvoiceHeader,
    invoice_lines: Sequence[InvoiceLine],
    tolerance: Tolerance = Tolerance(),
) -> MatchResult:
    """Match the invoice's lines with the order and what was received (see the module).

    Lines billing the same order line share its quantity available in invoice order. Raises
    :class:`TradeInputError` naming the field for a negative quantity or price, or more than
    :data:`MAX_LINES` lines.
    """
    if len(invoice_lines) > MAX_LINES:
        raise TradeInputError(f"An invoice has at most {MAX_LINES} lines.", "lines")
    currency = currency_code(invoice.currency, "currency")
    by_key: dict[Hashable, OrderLine] = {}
    for order_line in order_lines:
        by_key[order_line.key] = order_line
    used: dict[Hashable, Decimal] = {}
    results: list[LineMatch] = []
    billed_total = ZERO
    owed_total = ZERO
    for index, line in enumerate(invoice_lines):
        position = line.position or index + 1
        qty = _qty(line.quantity, f"lines.{index}.quantity")
        price = to_decimal(line.unit_price, f"lines.{index}.unit_price", minimum=0, what="price")
        billed = round_money(qty * price, currency)
        billed_total += billed
        ordered = by_key.get(line.order_line)
        if ordered is None:
            diff = Difference(
                NOT_ON_ORDER,
                position,
                "",
                str(number(qty)),
                billed,
                False,
                Text(
                    "Line {position} bills goods that are not on the order: {amount} {currency}.",
                    position=position,
                    amount=in_currency(billed, currency),
                    currency=currency,
                ),
            )
            results.append(
                LineMatch(position, line.order_line, qty, price, billed, ZERO, None, ZERO, (diff,))
            )
            continue
        diffs: list[Difference] = []
        before = _qty(ordered.invoiced_before, "invoiced_before") + used.get(line.order_line, ZERO)
        received = _qty(ordered.received, "received")
        available = max(received - before, ZERO)
        ordered_left = max(_qty(ordered.ordered, "ordered") - before, ZERO)
        used[line.order_line] = used.get(line.order_line, ZERO) + qty
        owed_qty = min(qty, available)
        owed = round_money(owed_qty * ordered.unit_price, currency)
        owed_total += owed
        if qty > available:
            excess = qty - available
            allowed = received * tolerance.quantity_pct / HUNDRED
            diffs.append(
                Difference(
                    OVER_RECEIVED,
                    position,
                    str(number(available)),
                    str(number(qty)),
                    round_money(excess * price, currency),
                    excess <= allowed,
                    Text(
                        "Line {position}: {found} invoiced, {expected} received and not yet "
                        "invoiced: {excess} too many.",
                        position=position,
                        found=number(qty),
                        expected=number(available),
                        excess=number(excess),
                    ),
                )
            )
        if qty > ordered_left:
            excess = qty - ordered_left
            allowed = ordered.ordered * tolerance.quantity_pct / HUNDRED
            diffs.append(
                Difference(
                    OVER_ORDERED,
                    position,
                    str(number(ordered_left)),
                    str(number(qty)),
                    round_money(excess * price, currency),
                    excess <= allowed,
                    Text(
                        "Line {position}: {found} invoiced, {expected} left on the order.",
                        position=position,
                        found=number(qty),
                        expected=number(ordered_left),
                    ),
                )
            )
        if price != ordered.unit_price:
            amount = round_money((price - ordered.unit_price) * qty, currency)
            pct = (
                (price - ordered.unit_price) / ordered.unit_price * HUNDRED
                if ordered.unit_price
                else HUNDRED
            )
            within = price < ordered.unit_price or (
                pct <= tolerance.price_pct
                and (tolerance.price_amount is None or amount <= tolerance.price_amount)
            )
            diffs.append(
                Difference(
                    PRICE,
                    position,
                    str(ordered.unit_price),
                    str(price),
                    amount,
                    within,
                    Text(
                        "Line {position}: unit price {found} {currency}, {expected} on the order "
                        "({pct}): {amount} {currency} on the line.",
                        position=position,
                        found=number(price),
                        expected=number(ordered.unit_price),
                        currency=currency,
                        pct=percent(number(pct, 2)),
                        amount=in_currency(amount, currency),
                    ),
                )
            )
        results.append(
            LineMatch(
                position,
                line.order_line,
                qty,
                price,
                billed,
                owed,
                ordered.unit_price,
                available,
                tuple(diffs),
            )
        )
    header = _header_differences(order, invoice, billed_total)
    differences = tuple(header) + tuple(d for r in results for d in r.differences)
    return MatchResult(
        currency, tuple(results), differences, billed_total, owed_total, tuple(header)
    )


def needs_manager(amount_eur: Decimal, threshold_eur: Decimal | None, result: MatchResult) -> bool:
    """A manager approves an invoice above the company's threshold (EUR), or one whose
    differences beyond the tolerances the approver accepts as they are. House rule (delegation
    of the power to commit the company's money; segregation of duties in accounts payable)."""
    if not result.matched:
        return True
    return threshold_eur is not None and amount_eur > threshold_eur


def invoice_due_date(
    invoice_date: date, days: int, end_of_month: bool = False, runs_from: date | None = None
) -> date:
    """Due date of a supplier invoice: the term counted from the invoice date, or from the
    date the contract names (bill of lading, receipt) when given. Source:
    :func:`comptoir.trade.invoicing.due_date` (Code de commerce art. L441-10 I reading)."""
    return due_date(runs_from or invoice_date, days, end_of_month)


def payable_exchange_difference(
    amount: Decimal, booked_rate: Decimal, settled_rate: Decimal, home_currency: str = "EUR"
) -> Decimal:
    """Realised exchange difference on a payable in foreign currency, in home currency.

    ``amount`` paid in the invoice's currency; rates are home currency per unit of it (EUR per
    USD): ``booked`` at the invoice date, ``settled`` at payment. A debt that costs more home
    currency at payment is a loss (negative, account 666), one that costs less a gain (positive,
    766): ``amount x (booked - settled)``, rounded half-up to the home currency's minor unit.
    Source: PCG art. 420-5 ff. (ANC regulation 2014-03), ANC regulation 2015-05.
    """
    code = currency_code(home_currency, "home_currency")
    base = to_decimal(amount, "amount", minimum=0)
    booked = to_decimal(booked_rate, "booked_rate", minimum=0, strict_minimum=True, what="rate")
    settled = to_decimal(settled_rate, "settled_rate", minimum=0, strict_minimum=True, what="rate")
    return round_money(base * (booked - settled), code)


def credit_note_room(invoice_total: Decimal, credited_before: Decimal, credit: Decimal) -> Decimal:
    """What is left of the invoice after a supplier's credit note; a credit note larger than
    what the invoice still carries is refused (field ``amount``): it would credit goods never
    billed (CGI art. 289 I-1: a document amending an invoice refers to it, and corrects only
    what it billed)."""
    total = to_decimal(invoice_total, "invoice_total", minimum=0)
    before = to_decimal(credited_before, "credited_before", minimum=0)
    amount = to_decimal(credit, "amount", minimum=0, strict_minimum=True)
    if amount > total - before:
        raise TradeInputError(
            f"The credit note of {amount} is more than the {total - before} the invoice still carries.",
            "amount",
        )
    return total - before - amount
