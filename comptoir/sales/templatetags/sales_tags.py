"""Order-to-cash panels shown on other areas' pages (client page, home page)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from comptoir.common.dates import current_language, today
from comptoir.parties.models import Company
from comptoir.sales import selectors, taxes
from comptoir.sales.models import Invoice, Offer, Order

register = template.Library()


@register.inclusion_tag("sales/_client_panel.html", takes_context=True)
def client_sales_panel(context: template.Context, company: Company) -> dict[str, Any]:
    return {
        "company": company,
        "user_can_edit": context.get("user_can_edit"),
        "is_client": company.has_role("client") or company.has_role("prospect"),
        **selectors.client_panel(company, today()),
    }


@register.inclusion_tag("sales/_home_panel.html", takes_context=True)
def sales_home_panel(context: template.Context) -> dict[str, Any]:
    return selectors.home_panel(today())


@register.filter
def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}".replace(",", "\u202f")


@register.inclusion_tag("sales/_vat_preview.html", takes_context=True)
def vat_preview(
    context: template.Context, doc: Offer | Order | Invoice, invoice: Invoice | None = None
) -> dict[str, Any]:
    """The VAT case that issuing will decide for an offer, an order or a draft invoice (from
    where the goods go), the points to check and a term beyond the legal ceiling."""
    language = current_language()
    order = invoice.order if invoice is not None else doc
    if isinstance(order, Invoice):  # a draft invoice's facts come from its order
        order = order.order
    address = taxes.delivery_address(invoice, order=order)
    ship_to = taxes.address_snapshot(address, doc.client)
    return {
        "vp": taxes.preview(
            client=doc.client,
            order=order,
            ship_to=ship_to,
            language=language,
            days=doc.payment_days,
            end_of_month=doc.payment_end_of_month,
        )
    }
