"""Reads of the currency exposure: the flows expected per foreign currency (from sales, and
the expected payments entered here), the open hedges, the rates to value them, and the
exposure computed once by the trade core (:func:`comptoir.trade.fx_exposure.exposure`) for
the page, the chart, the spreadsheet and the API.

Where each receipt is expected:

* an open invoice: its balance on its due date;
* a confirmed order not yet invoiced: what is left to invoice, on the confirmed (else the
  requested, else the order) date plus the payment term;
* an accepted offer without an order yet: its net total, on the day it was accepted plus the
  payment term (an estimate, the order will say better).

Where each payment to a supplier is expected (:func:`payables`):

* a supplier invoice matched or approved, not fully paid: its balance on its due date;
* a payment due of an issued purchase order (deposit, balance...), not paid and not yet
  covered by a matched, approved or paid invoice of the order: its amount on its due date,
  or, while the event it waits for has not happened, on the order's ready date (confirmed,
  else requested, else the order date) plus the payment term, said "estimated". What the
  order's accepted invoices claim (total less the deposit they deduct) covers its unpaid
  installments from the balance back: the same money is never counted twice;
* an invoice still to check or disputed is not counted yet: the order's payments due stand;
* an expected payment entered here, unless it names a purchase order purchasing follows.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from comptoir.calculators.models import ExchangeRate
from comptoir.common.dates import today as local_today
from comptoir.purchasing import selectors as purchasing_selectors
from comptoir.purchasing.models import PurchaseOrder
from comptoir.sales import selectors as sales_selectors
from comptoir.sales.models import Invoice, Offer, Order
from comptoir.supplier_invoices import selectors as supplier_invoices
from comptoir.supplier_invoices.models import SupplierInvoice
from comptoir.trade import fx
from comptoir.trade import fx_exposure as core

from .models import ExpectedPayment, Hedge

ZERO = Decimal("0")
#: The most open items one exposure reads per source (a bound on the page's cost).
MAX_ITEMS = 5000
CONFIRMED = (Order.Status.CONFIRMED, Order.Status.PARTLY_DELIVERED, Order.Status.DELIVERED)


def _payment_date(start: dt.date, days: int, end_of_month: bool) -> dt.date:
    day = start + dt.timedelta(days=days)
    if end_of_month:
        day = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day


@dataclass(frozen=True)
class Payable:
    """A payment to a supplier as the exposure counts it, with the page it comes from."""

    flow: core.Flow
    kind: str  # "supplier_invoice", "purchase_order" or "payment"
    label: str  # what it is, in the user's language
    supplier: str
    url: str
    estimated: bool = False


#: Which installments an accepted invoice covers first: the balance, then the deposit.
_COVER_ORDER = {"balance": 0, "full": 0, "deposit": 1}


def _estimated_due(order: PurchaseOrder) -> dt.date:
    start = order.ready_date or order.confirmed_date or order.requested_date or order.order_date
    return start + dt.timedelta(days=order.payment_days)


def payables(as_of: dt.date) -> list[Payable]:
    """Every payment to a supplier expected in a currency other than EUR (see the module)."""
    out: list[Payable] = []
    counted = {
        SupplierInvoice.Status.MATCHED,
        SupplierInvoice.Status.APPROVED,
    }
    for row in supplier_invoices.open_payables()[:MAX_ITEMS]:
        if row.currency == "EUR" or row.status not in counted:
            continue
        out.append(
            Payable(
                core.Flow(
                    currency=row.currency,
                    amount=row.balance,
                    on=row.due_date,
                    direction=core.PAY,
                    source="supplier_invoice",
                    reference=row.number,
                ),
                "supplier_invoice",
                _("Supplier invoice %(number)s") % {"number": row.number},
                row.supplier,
                reverse("supplier_invoices:invoice_detail", args=[row.invoice_id]),
            )
        )
    due = list(purchasing_selectors.unpaid_payments_due()[:MAX_ITEMS])
    covered = supplier_invoices.invoiced_by_order({p.order_id for p in due})
    due.sort(key=lambda p: (p.order_id, _COVER_ORDER.get(p.kind, 0), p.pk))
    for payment in due:
        left = payment.amount
        claim = covered.get(payment.order_id, ZERO)
        if claim > ZERO:
            used = min(claim, left)
            covered[payment.order_id] = claim - used
            left -= used
        if left <= ZERO:
            continue
        order = payment.order
        number = order.number or str(order.pk)
        out.append(
            Payable(
                core.Flow(
                    currency=payment.currency,
                    amount=left,
                    on=payment.due_on or _estimated_due(order),
                    direction=core.PAY,
                    source="purchase_order",
                    reference=f"{number} {payment.kind}",
                ),
                "purchase_order",
                _("%(payment)s of purchase order %(number)s")
                % {"payment": payment.get_kind_display(), "number": number},
                order.supplier.name,
                order.get_absolute_url(),
                estimated=payment.due_on is None,
            )
        )
    expected = list(expected_payments().filter(status=ExpectedPayment.Status.EXPECTED)[:MAX_ITEMS])
    linked = {p.purchase_order_id for p in expected if p.purchase_order_id}
    followed = (
        set(purchasing_selectors.issued_orders().filter(pk__in=linked).values_list("pk", flat=True))
        if linked
        else set()
    )
    for entry in expected:
        if entry.purchase_order_id in followed:
            continue  # purchasing follows that order's payments: counted above
        out.append(
            Payable(
                core.Flow(
                    currency=entry.currency,
                    amount=entry.amount,
                    on=entry.due_on,
                    direction=core.PAY,
                    source="payment",
                    reference=entry.purchase_reference or entry.description,
                ),
                "payment",
                entry.description or entry.purchase_reference or _("Expected payment"),
                entry.supplier.name if entry.supplier else "",
                reverse("fx_exposure:payment_edit", args=[entry.pk]),
            )
        )
    return [p for p in out if p.flow.currency != "EUR"]


def flows(as_of: dt.date, paying: list[Payable] | None = None) -> list[core.Flow]:
    """Every receipt and payment expected in a currency other than EUR."""
    out: list[core.Flow] = []
    for invoice in (
        Invoice.objects.filter(
            kind=Invoice.Kind.INVOICE, status=Invoice.Status.ISSUED, balance_due__gt=0
        )
        .exclude(currency="EUR")
        .order_by("due_date", "pk")[:MAX_ITEMS]
    ):
        out.append(
            core.Flow(
                currency=invoice.currency,
                amount=invoice.balance_due,
                on=invoice.due_date or as_of,
                direction=core.RECEIVE,
                source="invoice",
                reference=invoice.number or "",
            )
        )
    for order in (
        Order.objects.filter(status__in=CONFIRMED)
        .exclude(currency="EUR")
        .prefetch_related("lines")
        .order_by("pk")[:MAX_ITEMS]
    ):
        left = sales_selectors.uninvoiced_amount(order)
        if left <= ZERO:
            continue
        start = order.confirmed_date or order.requested_date or order.order_date
        out.append(
            core.Flow(
                currency=order.currency,
                amount=left,
                on=_payment_date(start, order.payment_days, order.payment_end_of_month),
                direction=core.RECEIVE,
                source="order",
                reference=order.number,
            )
        )
    for offer in (
        Offer.objects.filter(status=Offer.Status.ACCEPTED, order__isnull=True)
        .exclude(currency="EUR")
        .prefetch_related("lines")
        .order_by("pk")[:MAX_ITEMS]
    ):
        start = offer.decided_at.date() if offer.decided_at else offer.offer_date
        out.append(
            core.Flow(
                currency=offer.currency,
                amount=sales_selectors.offer_totals(offer)["net"],
                on=_payment_date(start, offer.payment_days, offer.payment_end_of_month),
                direction=core.RECEIVE,
                source="offer",
                reference=f"{offer.number}",
            )
        )
    out.extend(p.flow for p in (payables(as_of) if paying is None else paying))
    return out


def open_hedges() -> QuerySet[Hedge]:
    return Hedge.objects.filter(status=Hedge.Status.OPEN).order_by("maturity", "pk")


def hedges(params: dict[str, str] | None = None) -> QuerySet[Hedge]:
    qs = Hedge.objects.select_related("responsible")
    status = (params or {}).get("status", "")
    if status in Hedge.Status.values:
        qs = qs.filter(status=status)
    currency = (params or {}).get("currency", "").upper()
    if len(currency) == 3:
        qs = qs.filter(currency=currency)
    return qs.order_by("maturity", "pk")


def expected_payments() -> QuerySet[ExpectedPayment]:
    return ExpectedPayment.objects.select_related("supplier").order_by("due_on", "pk")


def core_hedges() -> list[core.Hedge]:
    return [
        core.Hedge(
            currency=h.currency,
            amount=h.open_amount,
            side=h.side,
            rate=h.rate,
            maturity=h.maturity,
            kind=h.kind,
            reference=h.reference,
        )
        for h in open_hedges()[:MAX_ITEMS]
        if h.open_amount > ZERO
    ]


@dataclass(frozen=True)
class RateUsed:
    rate: Decimal  # EUR per unit
    day: dt.date
    source: str


def _company_rates(*, budget: bool) -> fx.DictRateSource:
    """The company's budget rates, or its other rates (bank, other): never one for the other."""
    rates = ExchangeRate.objects.all()
    rates = (
        rates.filter(kind=ExchangeRate.Kind.BUDGET)
        if budget
        else rates.exclude(kind=ExchangeRate.Kind.BUDGET)
    )
    return fx.DictRateSource(
        fx.CompanyRate(
            r.from_currency,
            r.to_currency,
            r.valid_from,
            r.rate,
            r.get_kind_display() + (f" — {r.note}" if r.note else ""),
        )
        for r in rates
    )


def spot_rate(currency: str, day: dt.date) -> RateUsed | None:
    """The ECB reference rate of the day (latest fixing on or before it); when the rates held
    here stop earlier, the company's latest bank rate, said so."""
    try:
        quote = fx.EcbRateSource().quote(currency, "EUR", day)
    except fx.RateNotFoundError:
        try:
            quote = _company_rates(budget=False).quote(currency, "EUR", day)
        except fx.RateNotFoundError:
            return None
    return RateUsed(quote.rate, quote.rate_date, str(quote.source))


def budget_rate(currency: str, day: dt.date) -> RateUsed | None:
    """The company's budget rate (Calculators → Our exchange rates, kind "Budget rate")."""
    try:
        quote = _company_rates(budget=True).quote(currency, "EUR", day)
    except fx.RateNotFoundError:
        return None
    return RateUsed(quote.rate, quote.rate_date, str(quote.source))


@dataclass
class Exposure:
    as_of: dt.date
    currencies: list[core.CurrencyExposure]
    spot: dict[str, RateUsed] = field(default_factory=dict)
    budget: dict[str, RateUsed] = field(default_factory=dict)
    flows: list[core.Flow] = field(default_factory=list)
    payables: list[Payable] = field(default_factory=list)

    def payables_in(self, currency: str) -> list[Payable]:
        return sorted(
            (p for p in self.payables if p.flow.currency == currency),
            key=lambda p: (p.flow.on, p.label),
        )


def exposure(as_of: dt.date | None = None) -> Exposure:
    """The whole exposure as of a day (today by default)."""
    as_of = as_of or local_today()
    paying = payables(as_of)
    expected = flows(as_of, paying)
    hedged = core_hedges()
    currencies = sorted({f.currency for f in expected} | {h.currency for h in hedged} - {"EUR"})
    spot: dict[str, RateUsed] = {}
    budget: dict[str, RateUsed] = {}
    for currency in currencies:
        if (found := spot_rate(currency, as_of)) is not None:
            spot[currency] = found
        if (planned := budget_rate(currency, as_of)) is not None:
            budget[currency] = planned
    result = core.exposure(
        expected,
        hedged,
        as_of,
        {c: r.rate for c, r in spot.items()},
        {c: r.rate for c, r in budget.items()},
    )
    return Exposure(as_of, result, spot, budget, expected, paying)


def maturing(day: dt.date, within_days: int) -> QuerySet[Hedge]:
    return open_hedges().filter(maturity__lte=day + dt.timedelta(days=within_days))


def hedge_value(hedge: Hedge) -> tuple[core.HedgeValue | None, RateUsed | None]:
    """One hedge's open amount valued at today's rate and against the budget rate."""
    day = local_today()
    spot = spot_rate(hedge.currency, day)
    if hedge.open_amount <= ZERO:
        return None, spot
    budget = budget_rate(hedge.currency, day)
    one = core.Hedge(
        currency=hedge.currency,
        amount=hedge.open_amount,
        side=hedge.side,
        rate=hedge.rate,
        maturity=hedge.maturity,
        kind=hedge.kind,
        reference=hedge.reference,
    )
    result = core.exposure(
        [],
        [one],
        day,
        {hedge.currency: spot.rate} if spot else {},
        {hedge.currency: budget.rate} if budget else {},
    )
    return result[0].hedges[0], spot
