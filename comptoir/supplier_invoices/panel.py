"""The supplier invoices section of the purchase order page (registered in
``apps.SupplierInvoicesConfig.ready``): the order's invoices with their status and balance,
the link that records the next one, and each receipt's landed cost."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import Action, Record, allowed
from comptoir.purchasing import selectors as purchasing
from comptoir.purchasing.models import PurchaseOrder

from . import selectors, services


def purchase_order(order: PurchaseOrder, request: HttpRequest) -> dict[str, Any]:
    if order.status not in services.BILLABLE_ORDER:
        return {"order_invoices_shown": False}
    receipts = list(purchasing.receipts(order).select_related("landed_cost"))
    return {
        "order_invoices_shown": True,
        "order_pk": order.pk,
        "order_invoices": list(selectors.invoices_of_order(order)),
        "order_may_invoice": allowed(request.user, Action.CREATE, Record.SUPPLIER_INVOICE),
        "order_receipts": [(r, getattr(r, "landed_cost", None)) for r in receipts],
    }
