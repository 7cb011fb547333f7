"""Reads of the purchasing area, for its views, the API, documents and the areas above
(supplier invoices read ``order_lines`` and ``received_quantities`` for the three-way
match)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from comptoir.shipping.models import Milestone, Shipment, Step

from .models import (
    OPEN_EXCLUDED,
    PaymentDue,
    PurchaseOrder,
    PurchaseOrderLine,
    Receipt,
    ReceiptLine,
    SupplierClaim,
)

ZERO = Decimal("0")
#: Statuses where the goods are not yet ready: an order past its date there is late.
NOT_READY = (
    PurchaseOrder.Status.ISSUED,
    PurchaseOrder.Status.CONFIRMED,
    PurchaseOrder.Status.DISPUTED,
    PurchaseOrder.Status.IN_PRODUCTION,
)


def order_lines(order: PurchaseOrder) -> QuerySet[PurchaseOrderLine]:
    """The order's lines in their order, with their product."""
    return order.lines.select_related("product").order_by("position", "pk")


def received_quantities(order: PurchaseOrder) -> dict[int, Decimal]:
    """Per order line id: the quantity received so far (every receipt), 0 when none."""
    totals = dict.fromkeys(order.lines.values_list("pk", flat=True), ZERO)
    rows = (
        ReceiptLine.objects.filter(line__order=order)
        .values("line_id")
        .annotate(total=Sum("quantity_received"))
    )
    for row in rows:
        totals[row["line_id"]] = row["total"] or ZERO
    return totals


def accepted_quantities(order: PurchaseOrder) -> dict[int, Decimal]:
    """Per order line id: the quantity accepted so far (received less refused)."""
    totals = dict.fromkeys(order.lines.values_list("pk", flat=True), ZERO)
    rows = (
        ReceiptLine.objects.filter(line__order=order)
        .values("line_id")
        .annotate(total=Sum("quantity_accepted"))
    )
    for row in rows:
        totals[row["line_id"]] = row["total"] or ZERO
    return totals


def order_total(order: PurchaseOrder) -> Decimal:
    return sum((line.amount for line in order.lines.all()), ZERO)


def order_list(params: Mapping[str, str]) -> QuerySet[PurchaseOrder]:
    orders = PurchaseOrder.objects.select_related("supplier")
    query = params.get("q", "").strip()
    if query:
        orders = orders.filter(
            Q(number__icontains=query)
            | Q(supplier__name__icontains=query)
            | Q(supplier_reference__icontains=query)
        )
    status = params.get("status", "")
    if status == "open":
        orders = orders.exclude(status__in=OPEN_EXCLUDED)
    elif status in PurchaseOrder.Status.values:
        orders = orders.filter(status=status)
    supplier = params.get("supplier", "")
    if supplier.isdigit():
        orders = orders.filter(supplier_id=int(supplier))
    return orders


def order_for_page(pk: int) -> PurchaseOrder:
    return PurchaseOrder.objects.select_related(
        "supplier", "delivery_address", "shipment", "created_by"
    ).get(pk=pk)


def orders_of_supplier(supplier_id: int) -> QuerySet[PurchaseOrder]:
    return PurchaseOrder.objects.filter(supplier_id=supplier_id)


def orders_of_shipment(shipment_id: int) -> QuerySet[PurchaseOrder]:
    """The purchase orders whose goods travel in the inbound shipment."""
    return PurchaseOrder.objects.filter(shipment_id=shipment_id).select_related("supplier")


def orders_of_tender(tender_id: int) -> list[PurchaseOrder]:
    """The purchase orders prepared from a call for tender (cancelled ones included), oldest
    first."""
    return list(
        PurchaseOrder.objects.filter(tender_id=tender_id).select_related("supplier").order_by("pk")
    )


def late_orders(today: dt.date) -> QuerySet[PurchaseOrder]:
    """Orders whose confirmed date (else requested) has passed, goods not ready."""
    return (
        PurchaseOrder.objects.filter(status__in=NOT_READY, ready_date__isnull=True)
        .filter(
            Q(confirmed_date__lt=today) | Q(confirmed_date__isnull=True, requested_date__lt=today)
        )
        .select_related("supplier")
        .order_by("confirmed_date", "requested_date", "pk")
    )


def arrivals_within(today: dt.date, days: int = 14) -> list[tuple[PurchaseOrder, dt.date]]:
    """Orders whose inbound shipment's arrival (else delivery) is planned within ``days``
    and has not happened: the ETA list of the home page."""
    end = today + dt.timedelta(days=days)
    milestones = (
        Milestone.objects.filter(
            shipment__purchase_orders__isnull=False,
            step__in=[Step.ARRIVAL, Step.DELIVERY],
            actual_at__isnull=True,
            planned_on__gte=today,
            planned_on__lte=end,
        )
        .exclude(shipment__status__in=[Shipment.Status.CANCELLED, Shipment.Status.CLOSED])
        .values_list("shipment_id", "step", "planned_on")
    )
    eta: dict[int, dt.date] = {}
    for shipment_id, step, planned in milestones:
        if planned is None:
            continue
        if step == Step.ARRIVAL or shipment_id not in eta:
            eta[shipment_id] = planned
    orders = (
        PurchaseOrder.objects.filter(shipment_id__in=eta)
        .exclude(status__in=[PurchaseOrder.Status.RECEIVED, PurchaseOrder.Status.CLOSED])
        .select_related("supplier", "shipment")
    )
    rows = [(order, eta[order.shipment_id]) for order in orders if order.shipment_id]
    return sorted(rows, key=lambda row: (row[1], row[0].pk))


def shipment_eta(shipment: Shipment | None) -> dt.date | None:
    if shipment is None:
        return None
    for step in (Step.ARRIVAL, Step.DELIVERY):
        milestone = shipment.milestones.filter(step=step).first()
        if milestone is not None and milestone.planned_on:
            return milestone.planned_on
    return None


def payments_due(order: PurchaseOrder) -> QuerySet[PaymentDue]:
    return order.payments.order_by("pk")


def unpaid_payments(until: dt.date) -> QuerySet[PaymentDue]:
    return PaymentDue.objects.filter(
        paid_on__isnull=True, due_on__isnull=False, due_on__lte=until
    ).select_related("order", "order__supplier")


def receipts(order: PurchaseOrder) -> QuerySet[Receipt]:
    return order.receipts.prefetch_related("lines__line__product").order_by("received_on", "pk")


def claims(order: PurchaseOrder) -> QuerySet[SupplierClaim]:
    return order.claims.select_related("line__product", "receipt")


def open_claims(until: dt.date) -> QuerySet[SupplierClaim]:
    return SupplierClaim.objects.filter(
        status=SupplierClaim.Status.OPEN, deadline__lte=until
    ).select_related("order", "order__supplier")


# -- read by the payments areas above (credits, guarantees, currency exposure) ------------------

#: Statuses of an order whose payments are still to come (issued, not cancelled nor closed).
LIVE = (
    PurchaseOrder.Status.ISSUED,
    PurchaseOrder.Status.CONFIRMED,
    PurchaseOrder.Status.DISPUTED,
    PurchaseOrder.Status.IN_PRODUCTION,
    PurchaseOrder.Status.READY,
    PurchaseOrder.Status.SHIPPED,
    PurchaseOrder.Status.PARTLY_RECEIVED,
    PurchaseOrder.Status.RECEIVED,
)


def issued_orders(
    supplier_id: int | None = None, instrument: str | None = None
) -> QuerySet[PurchaseOrder]:
    """Issued orders not cancelled nor closed (of one supplier, paid by one instrument), for
    the choice of a purchase order in a documentary credit or a guarantee."""
    orders = PurchaseOrder.objects.filter(status__in=LIVE).select_related("supplier")
    if supplier_id is not None:
        orders = orders.filter(supplier_id=supplier_id)
    if instrument:
        orders = orders.filter(payment_instrument=instrument)
    return orders.order_by("-order_date", "-pk")


def order_by_id(pk: int) -> PurchaseOrder | None:
    return PurchaseOrder.objects.select_related("supplier").filter(pk=pk).first()


def unpaid_payments_due(exclude_currency: str = "EUR") -> QuerySet[PaymentDue]:
    """Every payment due not yet made on an issued order (dated or still waiting for its
    event), in another currency than ``exclude_currency``, with its order and supplier."""
    return (
        PaymentDue.objects.filter(paid_on__isnull=True, order__status__in=LIVE)
        .exclude(currency=exclude_currency)
        .select_related("order", "order__supplier")
        .order_by("order_id", "pk")
    )


# --------------------------------------------------------------------------- reporting facts


def placed_order_lines() -> QuerySet[PurchaseOrderLine]:
    """Lines of the purchase orders sent to suppliers (drafts and cancelled orders left
    out): the spend facts of the reporting area, which groups and sums them in the
    database."""
    return PurchaseOrderLine.objects.exclude(
        order__status__in=(PurchaseOrder.Status.DRAFT, PurchaseOrder.Status.CANCELLED)
    )
