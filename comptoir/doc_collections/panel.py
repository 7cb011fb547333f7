"""The collections sections of the invoice, order and home pages (registered in
``apps.DocCollectionsConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import Action, Record, allowed
from comptoir.common.dates import today
from comptoir.sales.models import Invoice, Order

from . import selectors


def of_invoice(invoice: Invoice, request: HttpRequest) -> dict[str, Any]:
    may = (
        allowed(request.user, Action.CREATE, Record.DOCUMENTARY_COLLECTION)
        and invoice.is_issued
        and invoice.kind == Invoice.Kind.INVOICE
        and invoice.balance_due > 0
    )
    return {
        "collections": list(selectors.collections_of_invoice(invoice)),
        "new_url_query": f"invoice={invoice.pk}",
        "may_create": may,
    }


def of_order(order: Order, request: HttpRequest) -> dict[str, Any]:
    return {
        "collections": list(selectors.collections_of_order(order)),
        "new_url_query": f"order={order.pk}",
        "may_create": allowed(request.user, Action.CREATE, Record.DOCUMENTARY_COLLECTION),
    }


def home(record: None, request: HttpRequest) -> dict[str, Any]:
    day = today()
    return {"collections_due": list(selectors.collections_due(day, 30)[:20]), "today": day}
