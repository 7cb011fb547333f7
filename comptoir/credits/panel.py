"""The credits' sections of the home, order, purchase order and company pages (registered in apps.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import Action, Record, allowed
from comptoir.common.dates import today
from comptoir.parties.models import Company
from comptoir.purchasing.models import PurchaseOrder
from comptoir.sales.models import Order

from . import selectors


def home(record: None, request: HttpRequest) -> dict[str, Any]:
    return selectors.home_panel(today())


def order(order: Order, request: HttpRequest) -> dict[str, Any]:
    return {
        **selectors.order_panel(order),
        "may_record_credit": allowed(request.user, Action.CREATE, Record.DOCUMENTARY_CREDIT),
    }


def company(company: Company, request: HttpRequest) -> dict[str, Any]:
    return selectors.company_panel(company)


def purchase_order(order: PurchaseOrder, request: HttpRequest) -> dict[str, Any]:
    return {
        **selectors.purchase_order_panel(order),
        "may_record_credit": allowed(request.user, Action.CREATE, Record.DOCUMENTARY_CREDIT),
    }
