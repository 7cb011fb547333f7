"""Reads of the supplier-invoice area: lists, the three-way match of an invoice, the open
payables per currency (read by the currency exposure area) and landed costs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from comptoir.purchasing import selectors as purchasing
from comptoir.purchasing.models import PurchaseOrder, Receipt
from comptoir.trade import three_way_match as twm

from .inputs import InvoiceLineValues
from .models import LandedCost, MatchSettings, SupplierInvoice, SupplierInvoiceLine, SupplierPayment

ZERO = Decimal("0")
#: Invoices whose lines count as billed (a disputed invoice still claims its quantities).
STANDING = (
    SupplierInvoice.Status.TO_CHECK,
    SupplierInvoice.Status.MATCHED,
    SupplierInvoice.Status.DISPUTED,
    SupplierInvoice.Status.APPROVED,
    SupplierInvoice.Status.PAID,
)


def tolerance(eur_rate: Decimal, settings: MatchSettings | None = None) -> twm.Tolerance:
    """The company's tolerances, the amount brought into the invoice's currency at its rate."""
    settings = settings or MatchSettings.get()
    amount = settings.price_tolerance_eur
    if amount is not None and eur_rate:
        amount = (Decimal(amount) / eur_rate).quantize(Decimal("0.01"))
    return twm.Tolerance(
        price_pct=Decimal(settings.price_tolerance_pct),
        price_amount=amount,
        quantity_pct=Decimal(settings.quantity_tolerance_pct),
    )


def invoiced_before(
    order: PurchaseOrder, exclude: SupplierInvoice | None = None
) -> dict[int, Decimal]:
    """Per order line id: what other standing invoices of the order already bill."""
    rows = SupplierInvoiceLine.objects.filter(
        invoice__order=order,
        invoice__kind=SupplierInvoice.Kind.INVOICE,
        invoice__status__in=STANDING,
    )
    if exclude is not None and exclude.pk:
        rows = rows.exclude(invoice=exclude)
    return {
        row["order_line_id"]: row["total"] or ZERO
        for row in rows.values("order_line_id").annotate(total=Sum("quantity"))
    }


def compute_match(
    *,
    order: PurchaseOrder,
    currency: str,
    payment_days: int,
    end_of_month: bool,
    incoterm: str,
    named_place: str,
    lines: Iterable[InvoiceLineValues],
    eur_rate: Decimal,
    exclude: SupplierInvoice | None = None,
) -> twm.MatchResult:
    """The three-way match of invoice values against the order and its receipts (one call
    into :func:`comptoir.trade.three_way_match.match`)."""
    accepted = purchasing.accepted_quantities(order)
    before = invoiced_before(order, exclude)
    order_lines = [
        twm.OrderLine(
            line.pk,
            Decimal(line.quantity),
            Decimal(line.unit_price),
            accepted.get(line.pk, ZERO),
            before.get(line.pk, ZERO),
            line.description or (line.product.reference if line.product_id else ""),
        )
        for line in purchasing.order_lines(order)
    ]
    return twm.match(
        twm.OrderHeader(
            order.currency, order.payment_days, False, order.incoterm, order.named_place
        ),
        order_lines,
        twm.InvoiceHeader(currency, payment_days, end_of_month, incoterm, named_place),
        [
            twm.InvoiceLine(v.order_line_id, v.quantity, v.unit_price, i + 1)
            for i, v in enumerate(lines)
        ],
        tolerance(eur_rate),
    )


def line_values(invoice: SupplierInvoice) -> tuple[InvoiceLineValues, ...]:
    return tuple(
        InvoiceLineValues(
            order_line_id=line.order_line_id,
            quantity=line.quantity,
            unit_price=line.unit_price,
            description=line.description,
        )
        for line in invoice.lines.all()
    )


def match_of(invoice: SupplierInvoice) -> twm.MatchResult:
    """The invoice's match as it stands today (receipts may have come since it was saved)."""
    return compute_match(
        order=invoice.order,
        currency=invoice.currency,
        payment_days=invoice.payment_days,
        end_of_month=invoice.end_of_month,
        incoterm=invoice.incoterm,
        named_place=invoice.named_place,
        lines=line_values(invoice),
        eur_rate=invoice.eur_rate,
        exclude=invoice,
    )


def invoice_list(params: Mapping[str, str]) -> QuerySet[SupplierInvoice]:
    rows = SupplierInvoice.objects.select_related("supplier", "order")
    q = (params.get("q") or "").strip()
    if q:
        rows = rows.filter(
            Q(number__icontains=q) | Q(supplier__name__icontains=q) | Q(order__number__icontains=q)
        )
    status = params.get("status") or ""
    if status in SupplierInvoice.Status.values:
        rows = rows.filter(status=status)
    if params.get("open"):
        rows = rows.filter(balance_due__gt=0, kind=SupplierInvoice.Kind.INVOICE)
    return rows


def invoice_for_page(pk: int) -> SupplierInvoice:
    return SupplierInvoice.objects.select_related(
        "supplier", "order", "credited_invoice", "task", "approved_by"
    ).get(pk=pk)


def invoices_of_order(order: PurchaseOrder) -> QuerySet[SupplierInvoice]:
    return SupplierInvoice.objects.filter(order=order).order_by("invoice_date", "pk")


def payments(invoice: SupplierInvoice) -> QuerySet[SupplierPayment]:
    return invoice.payments.all().order_by("paid_on", "pk")


@dataclass(frozen=True)
class OpenPayable:
    """An approved or pending supplier invoice not fully paid: what is still owed."""

    invoice_id: int
    purchase_order_id: int
    supplier_id: int
    supplier: str
    number: str
    currency: str
    balance: Decimal
    due_date: dt.date
    booked_eur_rate: Decimal
    status: str


def open_payables(currency: str | None = None) -> list[OpenPayable]:
    """Every supplier invoice still owed (not cancelled, balance above zero), by due date.

    For the currency exposure area (above): each carries its currency, balance in that
    currency, due date, the rate it was booked at and its purchase order's id.
    """
    rows = SupplierInvoice.objects.filter(
        kind=SupplierInvoice.Kind.INVOICE, balance_due__gt=0
    ).exclude(status=SupplierInvoice.Status.CANCELLED)
    if currency:
        rows = rows.filter(currency=currency)
    return [
        OpenPayable(
            inv.pk,
            inv.order_id,
            inv.supplier_id,
            inv.supplier.name,
            inv.number,
            inv.currency,
            inv.balance_due,
            inv.due_date,
            inv.eur_rate,
            inv.status,
        )
        for inv in rows.select_related("supplier").order_by("due_date", "pk")
    ]


def open_payables_by_currency() -> dict[str, Decimal]:
    """The total still owed to suppliers per currency (currencies are never added together)."""
    out: dict[str, Decimal] = {}
    for row in (
        SupplierInvoice.objects.filter(kind=SupplierInvoice.Kind.INVOICE, balance_due__gt=0)
        .exclude(status=SupplierInvoice.Status.CANCELLED)
        .values("currency")
        .annotate(total=Sum("balance_due"))
        .order_by("currency")
    ):
        out[row["currency"]] = row["total"] or ZERO
    return out


def due_within(today: dt.date, days: int = 14) -> QuerySet[SupplierInvoice]:
    """Approved invoices to pay within ``days`` (and the overdue ones), for the home page."""
    return (
        SupplierInvoice.objects.filter(
            kind=SupplierInvoice.Kind.INVOICE,
            balance_due__gt=0,
            status=SupplierInvoice.Status.APPROVED,
            due_date__lte=today + dt.timedelta(days=days),
        )
        .select_related("supplier")
        .order_by("due_date")
    )


def landed_cost_of(receipt: Receipt) -> LandedCost | None:
    return LandedCost.objects.filter(receipt=receipt).first()


def landed_cost_list() -> QuerySet[LandedCost]:
    return LandedCost.objects.select_related(
        "receipt", "receipt__order", "receipt__order__supplier"
    )


def receipts_without_landed_cost() -> QuerySet[Receipt]:
    return Receipt.objects.filter(landed_cost__isnull=True).select_related(
        "order", "order__supplier"
    )


#: Invoices the currency exposure counts as the debt (checked against the order): from then
#: on what the order still owes is the invoice's, not the order's payments due.
ACCEPTED = (
    SupplierInvoice.Status.MATCHED,
    SupplierInvoice.Status.APPROVED,
    SupplierInvoice.Status.PAID,
)


def invoiced_by_order(order_ids: Iterable[int]) -> dict[int, Decimal]:
    """Per purchase order id: what its matched, approved or paid invoices claim beyond the
    deposits they deduct (total less advance deducted), in the order's currency."""
    out: dict[int, Decimal] = {}
    for row in (
        SupplierInvoice.objects.filter(
            order_id__in=list(order_ids), kind=SupplierInvoice.Kind.INVOICE, status__in=ACCEPTED
        )
        .values("order_id")
        .annotate(total=Sum("total"), advance=Sum("advance_deducted"))
    ):
        out[row["order_id"]] = (row["total"] or ZERO) - (row["advance"] or ZERO)
    return out
