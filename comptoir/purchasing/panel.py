"""The purchasing sections of the home, shipment and company pages (registered in
``apps.PurchasingConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.common.dates import today
from comptoir.parties.models import Company
from comptoir.shipping.models import Shipment

from . import selectors

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
