"""The purchasing sections of the home, shipment, company and call-for-tender pages (registered in
``apps.PurchasingConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import Action, Record, allowed
from comptoir.common.dates import today
from comptoir.parties.models import Company
from comptoir.shipping.models import Shipment
from comptoir.tenders.models import Tender

from . import selectors
from .models import PurchaseOrder

HOME_ROWS = 15


def home(record: None, request: HttpRequest) -> dict[str, Any]:
    day = today()
    return {
        "purchase_arrivals": selectors.arrivals_within(day, 14)[:HOME_ROWS],
        "purchase_late": [
            (order, (day - (order.confirmed_date or order.requested_date or day)).days)
            for order in selectors.late_orders(day)[:HOME_ROWS]
        ],
    }


def shipment(shipment: Shipment, request: HttpRequest) -> dict[str, Any]:
    return {"shipment_purchase_orders": list(selectors.orders_of_shipment(shipment.pk))}


def company(company: Company, request: HttpRequest) -> dict[str, Any]:
    if not company.has_role("supplier"):
        return {"supplier_orders": []}
    return {"supplier_orders": list(selectors.orders_of_supplier(company.pk)[:10])}


def tender(tender: Tender, request: HttpRequest) -> dict[str, Any]:
    """The orders prepared from a decided tender, or the button that prepares them."""
    if tender.status != Tender.Status.DECIDED:
        return {"tender_decided": False}
    orders = selectors.orders_of_tender(tender.pk)
    live = [o for o in orders if o.status != PurchaseOrder.Status.CANCELLED]
    return {
        "tender_decided": True,
        "tender_pk": tender.pk,
        "tender_orders": orders,
        "tender_may_order": not live
        and allowed(request.user, Action.CREATE, Record.PURCHASE_ORDER),
    }
