"""Reads of the documentary collections: lists, pages, the panels of other areas' pages,
and the facts the trade core checks (:mod:`comptoir.trade.collections`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Step
from comptoir.trade import collections as rules

from .models import FINISHED, Collection

if TYPE_CHECKING:
    from comptoir.parties.models import Company
    from comptoir.sales.models import Invoice, Order
    from comptoir.shipping.models import Shipment


def collection_list(params: Mapping[str, str]) -> QuerySet[Collection]:
    collections = Collection.objects.select_related("client")
    q = (params.get("q") or "").strip()[:100]
    if q:
        collections = collections.filter(
            Q(number__icontains=q)
            | Q(client__name__icontains=q)
            | Q(collecting_bank_name__icontains=q)
            | Q(invoices__number__icontains=q)
        ).distinct()
    status = params.get("status") or ""
    if status in Collection.Status.values:
        collections = collections.filter(status=status)
    if params.get("open") == "1":
        collections = collections.exclude(status__in=FINISHED)
    kind = params.get("kind") or ""
    if kind in ("dp", "da"):
        collections = collections.filter(kind=kind)
    return collections


def collection_for_page(pk: int) -> Collection:
    return Collection.objects.select_related(
        "client", "order", "shipment", "handled_by", "remitting_bank", "collecting_bank"
    ).get(pk=pk)


def collections_of_invoice(invoice: Invoice) -> QuerySet[Collection]:
    return Collection.objects.filter(invoices=invoice).order_by("-pk")


def collections_of_order(order: Order) -> QuerySet[Collection]:
    return (
        Collection.objects.filter(Q(order=order) | Q(invoices__order=order))
        .distinct()
        .order_by("-pk")
    )


def collections_due(today: dt.date, days: int = 30) -> QuerySet[Collection]:
    """Open collections whose bill falls due by ``today + days`` (overdue ones included)."""
    return (
        Collection.objects.exclude(status__in=FINISHED)
        .filter(due_date__isnull=False, due_date__lte=today + dt.timedelta(days=days))
        .select_related("client")
        .order_by("due_date", "pk")
    )


def billing_address(company: Company) -> str:
    address = company.addresses.filter(kind="billing").first() or company.addresses.first()
    if address is None:
        return f"{company.city} {company.country}".strip()
    lines = [
        address.line1,
        address.line2,
        f"{address.postcode} {address.city}".strip(),
        address.country,
    ]
    return "\n".join(line for line in lines if line)


def departure_date(shipment: Shipment | None) -> dt.date | None:
    """The shipment's departure (on board) date, when it happened."""
    if shipment is None:
        return None
    for milestone in shipping_selectors.milestones_in_order(shipment):
        if milestone.step == Step.DEPARTURE and milestone.actual_at is not None:
            return milestone.actual_at.date()
    return None


def instruction_facts(collection: Collection) -> rules.CollectionFacts:
    documents = (
        tuple((d.kind, d.originals, d.copies) for d in collection.documents.all())
        if collection.pk
        else ()
    )
    return rules.CollectionFacts(
        kind=collection.kind,
        tenor=collection.tenor,
        tenor_days=collection.tenor_days,
        amount=collection.amount,
        currency=collection.currency,
        drawee_name=collection.drawee_name,
        drawee_address=collection.drawee_address,
        collecting_bank_name=collection.collecting_bank_name,
        collecting_bank_bic=collection.collecting_bank_bic,
        remitting_bank_name=collection.remitting_bank_name,
        documents=documents,
        charges_for=collection.charges,
        charges_waivable=collection.charges_waivable,
        protest=collection.protest_non_payment or collection.protest_non_acceptance,
        unpaid_instructions=collection.unpaid_instructions,
        case_of_need=collection.case_of_need,
        case_of_need_powers=collection.case_of_need_powers,
        bill_of_exchange=collection.bill_of_exchange,
        interest_rate=collection.interest_rate,
    )


def due_date_result(collection: Collection) -> rules.BillDueDate:
    """The bill's due date from the trade core, at the drawee's place of payment."""
    sight = (
        collection.accepted_on if collection.tenor == "days_after_sight" else collection.at_bank_on
    )
    return rules.bill_due_date(
        tenor=collection.tenor,
        days=collection.tenor_days,
        country=collection.client.country or "FR",
        sight_date=sight,
        bl_date=collection.bl_date,
        invoice_date=collection.invoice_date,
        fixed_date=collection.fixed_due_date,
    )


def warnings(collection: Collection) -> list[str]:
    """What the page warns about (not blocking): the trade core's warnings, a collecting
    bank in another country than the drawee."""
    from comptoir.calculators.texts import translate

    found = [
        translate(message)
        for _, message, blocking in rules.problems(instruction_facts(collection))
        if not blocking
    ]
    bic = collection.collecting_bank_bic
    if len(bic) >= 6 and collection.client.country and bic[4:6] != collection.client.country:
        from django.utils.translation import gettext as _

        found.append(
            _("The collecting bank's BIC is in %(bic)s, the drawee in %(country)s: check the bank.")
            % {"bic": bic[4:6], "country": collection.client.country}
        )
    return found
