"""Sections of other areas' pages (registered in ``apps.CreditInsuranceConfig.ready``): the
client's cover on the company page, the flag on the order page, what to watch on the home
page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import Action, Record, allowed
from comptoir.parties.models import Company
from comptoir.sales.models import Order

from . import selectors
from .models import BuyerCover

#: Home page: invoices shown when their deadline to declare comes within these days.
HOME_DECLARE_DAYS = 15


def company_cover(company: Company, request: HttpRequest) -> dict[str, Any]:
    if "client" not in company.role_list and not BuyerCover.objects.filter(buyer=company).exists():
        return {"insurance": None}  # a supplier, a carrier: nothing insured
    position = selectors.buyer_position(company)
    if position is None or (
        position.cover is None and position.outstanding.total == 0 and position.amount == 0
    ):
        return {"insurance": None}
    return {
        "insurance": position,
        "insurance_company": company,
        "insurance_events": list(selectors.cover_events(position.cover)[:8])
        if position.cover
        else [],
        "insurance_declarations": list(selectors.declarations_of(company)[:5]),
        "may_request_cover": allowed(request.user, Action.CREATE, Record.CREDIT_INSURANCE),
    }


def order_cover(order: Order, request: HttpRequest) -> dict[str, Any]:
    return {"insurance_flag": selectors.order_flag(order)}


def home_watch(_record: None, request: HttpRequest) -> dict[str, Any]:
    policy = selectors.policy_in_force()
    if policy is None:
        return {"insurance_home": None}
    due = [r for r in selectors.invoices_to_declare() if r.days_left <= HOME_DECLARE_DAYS]
    return {
        "insurance_home": policy,
        "insurance_beyond": selectors.orders_beyond_cover(limit=10),
        "insurance_to_declare": due[:10],
    }
