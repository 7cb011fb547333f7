"""Demo: the suppliers' invoices of the demo's purchase orders, matched three ways (one with a
price difference, disputed), paid, and the landed cost of the received container.

``build(users, orders=..., container_receipt=...)`` needs the purchase orders the purchasing
demo created (issued, with their goods receipts) and the receipt of the inbound container.
Everything goes through the services, as the system (``user=None``) or the demo users."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from comptoir.purchasing import selectors as purchasing
from comptoir.purchasing.models import PurchaseOrder, Receipt
from comptoir.supplier_invoices import services
from comptoir.supplier_invoices.inputs import (
    CostValues,
    InvoiceLineValues,
    InvoiceValues,
    PaymentValues,
)
from comptoir.supplier_invoices.models import SupplierInvoice


def _invoice(
    order: PurchaseOrder, n: int, *, surcharge: Decimal = Decimal(0)
) -> SupplierInvoice | None:
    accepted = purchasing.accepted_quantities(order)
    lines = []
    for i, line in enumerate(purchasing.order_lines(order)):
        qty = accepted.get(line.pk, Decimal(0))
        if qty <= 0:
            continue
        price = Decimal(line.unit_price)
        if i == 0 and surcharge:
            price = (price * (1 + surcharge)).quantize(Decimal("0.0001"))
        lines.append(InvoiceLineValues(order_line_id=line.pk, quantity=qty, unit_price=price))
    if not lines:
        return None
    receipts = list(purchasing.receipts(order))
    day = receipts[0].received_on if receipts else order.order_date
    return services.save_invoice(
        invoice=None,
        values=InvoiceValues(
            supplier=order.supplier,
            order=order,
            number=f"{order.supplier.name[:3].upper()}-INV-{2026}{n:03d}",
            invoice_date=min(day, dt.date.today()),
            received_on=min(day + dt.timedelta(days=2), dt.date.today()),
            currency=order.currency,
            incoterm=order.incoterm,
            named_place=order.named_place,
            payment_days=order.payment_days,
            lines=tuple(lines),
        ),
        user=None,
    )


def build(
    users: Mapping[str, Any],
    *,
    orders: Sequence[PurchaseOrder],
    container_receipt: Receipt | None = None,
) -> list[SupplierInvoice]:
    """Record one invoice per received order; the second one with a price 6 % above the order
    on its first line, disputed by the assistant; the others approved, the oldest paid; the
    container's landed cost computed and applied to the products' cost prices."""
    claire = users.get("claire")
    julien = users.get("julien")
    done: list[SupplierInvoice] = []
    for n, order in enumerate(orders, start=1):
        invoice = _invoice(order, n, surcharge=Decimal("0.06") if n == 2 else Decimal(0))
        if invoice is None:
            continue
        if n == 2:
            services.dispute(
                invoice=invoice,
                reason="Unit price agreed on the order; please send a credit note for the difference.",
                user=claire,
            )
        elif invoice.status == SupplierInvoice.Status.MATCHED:
            services.approve(invoice=invoice, user=julien)
        else:
            services.approve(invoice=invoice, user=julien, note="Shortage claimed separately.")
        done.append(invoice)
    approved = [i for i in done if i.status == SupplierInvoice.Status.APPROVED]
    if approved:
        first = approved[0]
        services.record_payment(
            invoice=first,
            values=PaymentValues(
                paid_on=min(first.due_date, dt.date.today()),
                amount=first.balance_due,
                reference="VIR-DEMO-001",
            ),
            user=claire,
        )
    if container_receipt is not None:
        landed = services.open_landed_cost(receipt=container_receipt, user=claire)
        for kind, amount, currency, basis in (
            ("freight", Decimal("1850"), "USD", "weight"),
            ("insurance", Decimal("62.40"), "EUR", "value"),
            ("brokerage", Decimal("145"), "EUR", "value"),
            ("handling", Decimal("320"), "EUR", "weight"),
        ):
            services.add_cost(
                landed_cost=landed,
                values=CostValues(kind=kind, amount=amount, currency=currency, basis=basis),
                user=claire,
            )
        if landed.goods_source == "invoice":
            services.apply_cost_prices(landed_cost=landed, user=claire)
    return done
