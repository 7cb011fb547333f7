"""Reads of the supplier-invoice area: lists, the three-way match of an invoice, the open
payables per currency (read by the currency exposure area) and landed costs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Substr, TruncMonth
from django.utils.translation import gettext as _
from django_stubs_ext import WithAnnotations

from comptoir.common.params import id_param, period_q
from comptoir.purchasing import selectors as purchasing
from comptoir.purchasing.models import PurchaseOrder, Receipt
from comptoir.trade import three_way_match as twm

from .inputs import InvoiceLineValues
from .models import (
    LandedCost,
    LandedCostLine,
    MatchSettings,
    SupplierInvoice,
    SupplierInvoiceLine,
    SupplierPayment,
)

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
    # the purchasing dashboard's drill-downs: the invoice date in a period, the supplier or
    # its country (a date that is not one, a reversed period: BadParameter naming the field)
    rows = rows.filter(
        period_q(
            params, "invoice_date", ("dated_from", _("Dated from")), ("dated_to", _("Dated to"))
        )
    )
    supplier_id = id_param(params, "supplier")
    if supplier_id is not None:
        rows = rows.filter(supplier_id=supplier_id)
    country = str(params.get("country") or "").strip().upper()[:2]
    if country:
        rows = rows.filter(supplier__country=country)
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


#: Invoices read together by :func:`match_inputs` (bounds the IN lists of each query).
MATCH_CHUNK = 1000

MatchInputs = tuple[
    twm.OrderHeader, list[twm.OrderLine], twm.InvoiceHeader, list[twm.InvoiceLine], twm.Tolerance
]


def match_inputs(invoice_ids: Iterable[int]) -> dict[int, MatchInputs]:
    """Per invoice id: what :func:`match_of` hands to the core, read for many invoices at once.

    Seven grouped queries per :data:`MATCH_CHUNK` invoices (the invoices; their orders; the
    orders' lines with their product; the quantities accepted per order line; the invoices'
    lines; the standing invoices per order; what each standing invoice bills per order line,
    for the orders billed more than once) and the settings once, instead of about seven queries per invoice. The same rules as :func:`match_of`: the
    order's lines in their order, accepted = received less refused over every receipt, billed
    before = the lines of the order's OTHER invoices still standing (not credit notes, not
    cancelled). Ids not found are left out.
    """
    settings = MatchSettings.get()
    ids = list(dict.fromkeys(invoice_ids))
    out: dict[int, MatchInputs] = {}
    for start in range(0, len(ids), MATCH_CHUNK):
        out.update(_match_inputs_chunk(ids[start : start + MATCH_CHUNK], settings))
    return out


def _match_inputs_chunk(ids: list[int], settings: MatchSettings) -> dict[int, MatchInputs]:
    # the purchasing area's lines and receipt lines, read in bulk (its selectors read them
    # order by order); imported here to keep this addition at the end of the module
    from django.db.models import Count

    from comptoir.purchasing.models import PurchaseOrderLine, ReceiptLine

    invoices = list(
        SupplierInvoice.objects.filter(pk__in=ids)
        .order_by()
        .values_list(
            "pk",
            "order_id",
            "currency",
            "payment_days",
            "end_of_month",
            "incoterm",
            "named_place",
            "eur_rate",
            "kind",
            "status",
        )
    )
    order_ids = {row[1] for row in invoices}
    # Orders where an invoice asked for has another standing invoice: only there is anything
    # billed before (most orders carry one invoice).
    standing = dict(
        SupplierInvoice.objects.filter(
            order_id__in=order_ids, kind=SupplierInvoice.Kind.INVOICE, status__in=STANDING
        )
        .values("order_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("order_id", "n")
    )
    shared = {
        row[1]
        for row in invoices
        if standing.get(row[1], 0)
        > (1 if row[8] == SupplierInvoice.Kind.INVOICE and row[9] in STANDING else 0)
    }
    orders = {
        pk: twm.OrderHeader(currency, days, False, incoterm, place)
        for pk, currency, days, incoterm, place in PurchaseOrder.objects.filter(pk__in=order_ids)
        .order_by()
        .values_list("pk", "currency", "payment_days", "incoterm", "named_place")
    }
    accepted: dict[int, Decimal] = {
        line_id: total or ZERO
        for line_id, total in ReceiptLine.objects.filter(line__order_id__in=order_ids)
        .values("line_id")
        .annotate(total=Sum("quantity_accepted"))
        .order_by()
        .values_list("line_id", "total")
    }
    # Per order: its lines as the core takes them, without what was billed before (per invoice).
    order_lines: dict[int, list[tuple[int, Decimal, Decimal, str]]] = {}
    for pk, order_id, quantity, price, description, reference in (
        PurchaseOrderLine.objects.filter(order_id__in=order_ids)
        .order_by("order_id", "position", "pk")
        .values_list(
            "pk", "order_id", "quantity", "unit_price", "description", "product__reference"
        )
    ):
        order_lines.setdefault(order_id, []).append(
            (pk, Decimal(quantity), Decimal(price), description or reference or "")
        )
    own: dict[int, list[twm.InvoiceLine]] = {}
    for invoice_id, line_id, quantity, price in (
        SupplierInvoiceLine.objects.filter(invoice_id__in=ids)
        .order_by("invoice_id", "position", "pk")
        .values_list("invoice_id", "order_line_id", "quantity", "unit_price")
    ):
        lines = own.setdefault(invoice_id, [])
        lines.append(twm.InvoiceLine(line_id, quantity, price, len(lines) + 1))
    # Per order, per order line: what each standing invoice bills, summed by the database as
    # invoiced_before does (same figures, same number of decimals as match_of).
    billed: dict[int, dict[int, list[tuple[int, Decimal]]]] = {}
    for invoice_id, order_id, line_id, total in (
        SupplierInvoiceLine.objects.filter(
            invoice__order_id__in=shared,
            invoice__kind=SupplierInvoice.Kind.INVOICE,
            invoice__status__in=STANDING,
        )
        .values("invoice_id", "invoice__order_id", "order_line_id")
        .annotate(total=Sum("quantity"))
        .order_by()
        .values_list("invoice_id", "invoice__order_id", "order_line_id", "total")
    ):
        billed.setdefault(order_id, {}).setdefault(line_id, []).append((invoice_id, total or ZERO))
    tolerances: dict[Decimal, twm.Tolerance] = {}
    out: dict[int, MatchInputs] = {}
    for pk, order_id, currency, days, end_of_month, incoterm, place, rate, _k, _s in invoices:
        before: dict[int, Decimal] = {}
        for line_id, rows in billed.get(order_id, {}).items():
            others = [quantity for invoice_id, quantity in rows if invoice_id != pk]
            if others:
                before[line_id] = sum(others[1:], others[0]) or ZERO
        if rate not in tolerances:
            tolerances[rate] = tolerance(rate, settings)
        out[pk] = (
            orders[order_id],
            [
                twm.OrderLine(
                    line_id,
                    quantity,
                    price,
                    accepted.get(line_id, ZERO),
                    before.get(line_id, ZERO),
                    label,
                )
                for line_id, quantity, price, label in order_lines.get(order_id, [])
            ],
            twm.InvoiceHeader(currency, days, end_of_month, incoterm, place),
            own.get(pk, []),
            tolerances[rate],
        )
    return out


def match_many(invoice_ids: Iterable[int]) -> dict[int, twm.MatchResult]:
    """Per invoice id: its match as it stands today, the same result as :func:`match_of` gives
    invoice by invoice, read in a few grouped queries (:func:`match_inputs`): for lists, a
    recheck of every open invoice, exports and the benchmark."""
    return {pk: twm.match(*inputs) for pk, inputs in match_inputs(invoice_ids).items()}


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


# ----------------------------------------------------------------------------- reporting


def spend_lines(since: dt.date, until: dt.date) -> QuerySet[WithAnnotations[SupplierInvoiceLine]]:
    """Lines of the supplier invoices dated in the period (cancelled ones left out), each
    with ``eur``: its amount in EUR at the invoice's own rate, negative on a credit note;
    ``month``: the first day of the invoice's month; ``chapter``: the HS chapter (two
    digits) of the ordered product, the family the purchasing dashboard groups by."""
    sign = Case(
        When(invoice__kind=SupplierInvoice.Kind.CREDIT_NOTE, then=Value(-1)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        SupplierInvoiceLine.objects.exclude(invoice__status=SupplierInvoice.Status.CANCELLED)
        .filter(invoice__invoice_date__gte=since, invoice__invoice_date__lte=until)
        .annotate(
            eur=ExpressionWrapper(
                F("amount") * F("invoice__eur_rate") * sign,
                output_field=DecimalField(max_digits=18, decimal_places=2),
            ),
            signed_quantity=ExpressionWrapper(
                F("quantity") * sign, output_field=DecimalField(max_digits=14, decimal_places=3)
            ),
            month=TruncMonth("invoice__invoice_date"),
            chapter=Substr("order_line__product__hs_code", 1, 2),
        )
        .order_by()
    )


def applied_landed_lines(since: dt.date, until: dt.date) -> QuerySet[LandedCostLine]:
    """The lines of the landed costs applied to the cost prices, for receipts of the period:
    goods in EUR and landed cost in EUR per received line."""
    return LandedCostLine.objects.filter(
        landed_cost__status=LandedCost.Status.APPLIED,
        landed_cost__receipt__received_on__gte=since,
        landed_cost__receipt__received_on__lte=until,
    ).order_by()
