"""The supplier panel's sections of the company and product pages (registered in apps.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.accounts.roles import Action, Record, allowed
from comptoir.catalog.models import Product
from comptoir.parties.models import Company

from . import selectors


def company(company: Company, request: HttpRequest) -> dict[str, Any]:
    context = selectors.company_panel(company)
    if context:
        context["may_open_supplier_file"] = allowed(
            request.user, Action.CREATE, Record.SUPPLIER_FILE
        )
    return context


def product(product: Product, request: HttpRequest) -> dict[str, Any]:
    return {"product_suppliers": list(selectors.supplied_products(product))}
