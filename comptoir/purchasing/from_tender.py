"""Purchase orders prepared from a decided call for tender: one draft order per supplier
(and currency, Incoterm and place) with the awarded lines at the answered prices.

The drafts carry the tender's number; the buyer checks them (delivery address, terms) and
issues them as any other order. A tender gives its orders once: the cancelled ones aside,
asking again is refused with the numbers already prepared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.tenders import selectors as tenders
from comptoir.tenders.models import Tender
from comptoir.trade.incoterms import get_rule
from comptoir.trade.invoicing import EU_MEMBER_STATES

from . import selectors, services
from .inputs import LineValues, OrderValues
from .models import BalanceTrigger, PaymentInstrument, PurchaseOrder

GroupKey = tuple[int, str, str, str]


def _payment(days: int) -> tuple[str, str]:
    """The answer gives days after invoice (open account) or 0: paid before shipment."""
    if days > 0:
        return PaymentInstrument.OPEN_ACCOUNT, BalanceTrigger.INVOICE
    return PaymentInstrument.ADVANCE, BalanceTrigger.ORDER


def _transport_mode(incoterm: str, supplier_country: str) -> str:
    if get_rule(incoterm, "incoterm").modes == "sea_and_inland_waterway":
        return "sea"
    return "road" if supplier_country in EU_MEMBER_STATES else "sea"


def _values(
    tender: Tender, lines: Sequence[tenders.AwardedLine], order_date: dt.date
) -> OrderValues:
    first = lines[0]
    instrument, trigger = _payment(first.payment_days)
    lead_time = max(line.lead_time_days for line in lines)
    note = _("Prepared from call for tender %(number)s (%(title)s).") % {
        "number": tender.number,
        "title": tender.title,
    }
    return OrderValues(
        supplier=first.supplier,
        order_date=order_date,
        currency=first.currency,
        incoterm=first.incoterm,
        named_place=first.incoterm_place,
        payment_instrument=instrument,
        balance_trigger=trigger,
        payment_days=first.payment_days,
        transport_mode=_transport_mode(first.incoterm, first.supplier.country),
        supplier_reference=first.supplier_reference,
        requested_date=order_date + dt.timedelta(days=lead_time),
        terms=first.payment_terms,
        notes=note,
        tender_id=tender.pk,
        tender_reference=tender.number or "",
    )


def create_orders_from_tender(
    *, tender: Tender, order_date: dt.date, user: Actor
) -> list[PurchaseOrder]:
    """One draft purchase order per awarded supplier (split further when one supplier's
    answers differ in currency, Incoterm or place), lines in the tender's order."""
    require(user, Action.CREATE, Record.PURCHASE_ORDER)
    awarded = tenders.awarded_lines(tender)
    if not awarded:
        raise ValidationError({"tender": _("The call for tender has no decision yet.")})
    prepared = [
        o
        for o in selectors.orders_of_tender(tender.pk)
        if o.status != PurchaseOrder.Status.CANCELLED
    ]
    if prepared:
        numbers = ", ".join(
            o.number or _("draft of %(supplier)s") % {"supplier": o.supplier.name} for o in prepared
        )
        raise ValidationError(
            {
                "tender": _(
                    "Purchase orders are already prepared from this call for tender: %(orders)s."
                )
                % {"orders": numbers}
            }
        )
    groups: dict[GroupKey, list[tenders.AwardedLine]] = {}
    for line in awarded:
        key = (line.supplier.pk, line.currency, line.incoterm, line.incoterm_place)
        groups.setdefault(key, []).append(line)
    orders = []
    with transaction.atomic():
        for lines in groups.values():
            order = services.create_order(
                values=_values(tender, lines, order_date),
                lines=[
                    LineValues(
                        product=line.product,
                        quantity=line.quantity,
                        unit_price=line.unit_price,
                        description=line.specifications.strip()[:250],
                        requested_date=order_date + dt.timedelta(days=line.lead_time_days),
                    )
                    for line in lines
                ],
                user=user,
            )
            orders.append(order)
    return orders
