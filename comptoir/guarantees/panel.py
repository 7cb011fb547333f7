"""The guarantees sections of the company, order, purchase order and home pages (registered in
``apps.GuaranteesConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import Action, Record, allowed
from comptoir.common.dates import today
from comptoir.parties.models import Company
from comptoir.purchasing.models import PurchaseOrder
from comptoir.sales.models import Order

from . import selectors
from .models import Guarantee


def _rows(guarantees: list[Guarantee]) -> list[dict[str, Any]]:
    day = today()
    return [
        {
            "guarantee": g,
            "in_force": selectors.amount_in_force(g, day).amount if g.is_live else None,
        }
        for g in guarantees
    ]


def of_company(company: Company, request: HttpRequest) -> dict[str, Any]:
    guarantees = list(selectors.of_company(company)[:30])
    may = allowed(request.user, Action.CREATE, Record.BANK_GUARANTEE) and not company.has_role(
        "bank"
    )
    return {
        "rows": _rows(guarantees),
        "new_url_query": f"partner={company.pk}",
        "may_create": may,
        "show": bool(guarantees) or company.has_role("client") or company.has_role("supplier"),
    }


def of_order(order: Order, request: HttpRequest) -> dict[str, Any]:
    return {
        "rows": _rows(list(selectors.of_order(order))),
        "new_url_query": f"order={order.pk}",
        "may_create": allowed(request.user, Action.CREATE, Record.BANK_GUARANTEE),
        "show": True,
    }


def of_purchase_order(order: PurchaseOrder, request: HttpRequest) -> dict[str, Any]:
    return {
        "rows": _rows(list(selectors.of_purchase_order(order.pk)[:30])),
        "new_url_query": f"purchase_order={order.pk}",
        "may_create": allowed(request.user, Action.CREATE, Record.BANK_GUARANTEE)
        and not order.is_draft,
        "show": True,
    }


def home(record: None, request: HttpRequest) -> dict[str, Any]:
    day = today()
    return {"expiring": list(selectors.expiring(day, 30)[:20]), "today": day}
