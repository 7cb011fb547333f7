"""Order-to-cash panels shown on other areas' pages (client page, home page)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.db.models import Q, Sum
from django.utils import timezone

from comptoir.sales import collection
from comptoir.sales.models import Delivery, Invoice, Offer, Order

register = template.Library()


@register.inclusion_tag("sales/_client_panel.html", takes_context=True)
def client_sales_panel(context: template.Context, company: Any) -> dict[str, Any]:
    today = timezone.localdate()
    open_items = collection.open_invoices(company)
    balances = open_items.values("currency").annotate(total=Sum("balance")).order_by("currency")
    overdue = (
        open_items.filter(due_date__lt=today).values("currency").annotate(total=Sum("balance"))
    )
    return {
        "company": company,
        "user_can_edit": context.get("user_can_edit"),
        "balances": list(balances),
        "overdue": list(overdue),
        "in_dunning": collection.in_dunning(company),
        "offers": Offer.objects.filter(client=company).exclude(status=Offer.Status.SUPERSEDED)[:5],
        "orders": Order.objects.filter(client=company)[:5],
        "invoices": Invoice.objects.filter(client=company)[:8],
        "is_client": company.has_role("client") or company.has_role("prospect"),
    }


@register.inclusion_tag("sales/_home_panel.html", takes_context=True)
def sales_home_panel(context: template.Context) -> dict[str, Any]:
    today = timezone.localdate()
    week_end = today + dt.timedelta(days=7)
    overdue = (
        collection.open_invoices()
        .filter(due_date__lt=today)
        .select_related("client")
        .order_by("due_date")
    )
    return {
        "offers_to_follow": Offer.objects.filter(
            status=Offer.Status.SENT, valid_until__lte=today + dt.timedelta(days=7)
        )
        .select_related("client")
        .order_by("valid_until")[:10],
        "orders_on_hold": Order.objects.filter(status=Order.Status.ON_HOLD).select_related(
            "client"
        )[:10],
        "deliveries_due": Order.objects.filter(
            Q(confirmed_date__range=(today, week_end))
            | Q(confirmed_date__isnull=True, requested_date__range=(today, week_end)),
            status__in=[Order.Status.CONFIRMED, Order.Status.PARTLY_DELIVERED],
        ).select_related("client")[:10],
        "planned_deliveries": Delivery.objects.filter(
            status=Delivery.Status.PLANNED, planned_date__lte=week_end
        ).select_related("order__client")[:10],
        "overdue": overdue[:10],
        "overdue_count": overdue.count(),
        "dunning_count": collection.dunning_count(today),
        "today": today,
    }


@register.filter
def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}".replace(",", "\u202f")


@register.inclusion_tag("sales/_vat_preview.html", takes_context=True)
def vat_preview(context: template.Context, doc: Any, invoice: Any = None) -> dict[str, Any]:
    """The VAT case that issuing will decide for an offer, an order or a draft invoice (from
    where the goods go), the points to check and a term beyond the legal ceiling."""
    from django.utils import translation

    from comptoir.sales import taxes

    language = translation.get_language() or "en"
    order = invoice.order if invoice is not None else doc
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
