"""Reads of the bank guarantees: lists, pages, panels, and the figures of the trade core
(amount in force, last day for a demand, fees to date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from comptoir.trade import guarantees as rules

from .models import LIVE, Guarantee, GuaranteeKind

if TYPE_CHECKING:
    from comptoir.parties.models import Company
    from comptoir.sales.models import Order


def guarantee_list(params: Mapping[str, str]) -> QuerySet[Guarantee]:
    guarantees = Guarantee.objects.select_related("partner").prefetch_related(
        "reductions", "demands"
    )
    q = (params.get("q") or "").strip()[:100]
    if q:
        guarantees = guarantees.filter(
            Q(number__icontains=q)
            | Q(partner__name__icontains=q)
            | Q(issuing_bank_name__icontains=q)
            | Q(bank_reference__icontains=q)
            | Q(underlying__icontains=q)
        )
    for key, values in (
        ("status", Guarantee.Status.values),
        ("direction", ("given", "received")),
        ("kind", GuaranteeKind.values),
    ):
        value = params.get(key) or ""
        if value in values:
            guarantees = guarantees.filter(**{key: value})
    if params.get("live") == "1":
        guarantees = guarantees.filter(status__in=LIVE)
    return guarantees


def guarantee_for_page(pk: int) -> Guarantee:
    return Guarantee.objects.select_related(
        "partner", "order", "offer", "issuing_bank", "handled_by"
    ).get(pk=pk)


def of_company(company: Company) -> QuerySet[Guarantee]:
    return (
        Guarantee.objects.filter(Q(partner=company) | Q(issuing_bank=company))
        .select_related("partner")
        .prefetch_related("reductions", "demands")
        .order_by("-pk")
    )


def of_order(order: Order) -> QuerySet[Guarantee]:
    return (
        Guarantee.objects.filter(Q(order=order) | Q(offer__order=order))
        .distinct()
        .prefetch_related("reductions", "demands")
        .order_by("-pk")
    )


def expiring(today: dt.date, days: int = 30) -> QuerySet[Guarantee]:
    """Live guarantees whose expiry date falls in the next ``days`` days (or has passed)."""
    return (
        Guarantee.objects.filter(status__in=LIVE, expiry_date__isnull=False)
        .filter(expiry_date__lte=today + dt.timedelta(days=days))
        .select_related("partner")
        .order_by("expiry_date", "pk")
    )


def reductions(guarantee: Guarantee) -> tuple[rules.Reduction, ...]:
    return tuple(
        rules.Reduction(
            on=line.on,
            event=line.event,
            occurred_on=line.occurred_on,
            amount_after=line.amount_after,
        )
        for line in guarantee.reductions.all()
    )


def paid(guarantee: Guarantee) -> Decimal:
    """What was paid on demands (read from the prefetched demands when the list has them)."""
    return sum((d.paid_amount for d in guarantee.demands.all() if d.outcome == "paid"), Decimal(0))


def forget_lines(guarantee: Guarantee) -> Guarantee:
    """Drop the reductions and demands a list prefetched, so that the next figures read what
    a write just changed."""
    cache = getattr(guarantee, "_prefetched_objects_cache", None)
    if cache:
        cache.pop("reductions", None)
        cache.pop("demands", None)
    return guarantee


def amount_in_force(guarantee: Guarantee, day: dt.date) -> rules.AmountInForce:
    return rules.amount_in_force(
        amount=guarantee.amount,
        currency=guarantee.currency,
        day=day,
        reductions=reductions(guarantee),
        paid=paid(guarantee),
    )


def expiry(guarantee: Guarantee) -> rules.Expiry:
    return rules.expiry(
        rules=guarantee.rules,
        expiry_date=guarantee.expiry_date,
        expiry_event=guarantee.expiry_event,
        issue_date=guarantee.issue_date,
        country=guarantee.presentation_country or "FR",
    )


def fees(guarantee: Guarantee, today: dt.date) -> rules.Fees | None:
    """The bank's commission from issue to the release (or expiry, or today)."""
    if guarantee.issue_date is None or guarantee.fee_rate_pct <= 0:
        return None
    end = today
    if guarantee.released_on is not None:
        end = min(end, guarantee.released_on)
    elif guarantee.status == Guarantee.Status.EXPIRED and guarantee.expiry_date is not None:
        end = min(end, guarantee.expiry_date)
    return rules.fees(
        amount=guarantee.amount,
        currency=guarantee.currency,
        rate_pct_per_quarter=guarantee.fee_rate_pct,
        start=guarantee.issue_date,
        end=end,
        reductions=reductions(guarantee),
        minimum_per_quarter=guarantee.fee_minimum,
    )


def totals_in_force(guarantees: list[Guarantee], today: dt.date) -> dict[str, Decimal]:
    """Per currency, what the live guarantees commit today (given) or secure (received)."""
    totals: dict[str, Decimal] = {}
    for guarantee in guarantees:
        if guarantee.status not in LIVE:
            continue
        key = f"{guarantee.direction} {guarantee.currency}"
        totals[key] = totals.get(key, Decimal(0)) + amount_in_force(guarantee, today).amount
    return totals


def of_purchase_order(order_id: int) -> QuerySet[Guarantee]:
    """The guarantees received that secure a purchase order."""
    return (
        Guarantee.objects.filter(purchase_order_id=order_id)
        .prefetch_related("reductions", "demands")
        .order_by("-pk")
    )
