"""Reads of the events area: lists, the checklist with its late items, the budget, the
leads and their follow-up, the offers and orders that came from a fair, the event report.

The screens, the API, the home page and the PDF report call the same functions. Sales are
read through ``sales.selectors`` and the sales models' querysets only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet

from comptoir.common import countries
from comptoir.sales import selectors as sales
from comptoir.sales.models import Offer, Order
from comptoir.trade import events as rules

from .models import (
    BudgetCategory,
    BudgetLine,
    ChecklistItem,
    ChecklistTemplate,
    Event,
    Invitation,
    Temperature,
    Visitor,
)

#: The offers and orders counted as results (a draft or a replaced revision is not one).
OFFER_STATUSES = ("sent", "accepted", "declined", "expired")
ORDER_STATUSES = ("on_hold", "confirmed", "partly_delivered", "delivered")


def event_list(params: Mapping[str, str]) -> QuerySet[Event]:
    events = Event.objects.annotate(
        visitor_count=Count("visitors", distinct=True),
    )
    q = (params.get("q") or "").strip()
    if q:
        events = events.filter(
            Q(name__icontains=q) | Q(city__icontains=q) | Q(organiser__icontains=q)
        )
    status = params.get("status") or ""
    if status in Event.Status.values:
        events = events.filter(status=status)
    kind = params.get("kind") or ""
    if kind:
        events = events.filter(kind=kind)
    return events.order_by("-starts_on", "-pk")


def event_for_page(pk: int | str) -> Event:
    return Event.objects.prefetch_related("team").get(pk=pk)


def templates() -> QuerySet[ChecklistTemplate]:
    return ChecklistTemplate.objects.prefetch_related("items")


@dataclass(frozen=True)
class ChecklistRow:
    item: ChecklistItem
    late: bool


def checklist(event: Event, today: dt.date) -> list[ChecklistRow]:
    return [
        ChecklistRow(item, rules.is_late(item.due_on, item.done_on, today))
        for item in event.checklist.select_related("owner")
    ]


def late_items(user: User, today: dt.date, limit: int = 20) -> list[ChecklistItem]:
    """Checklist items past their day and not done, of events not cancelled nor closed:
    the user's own, and those without owner of events whose team the user is in."""
    return list(
        ChecklistItem.objects.filter(done_on__isnull=True, due_on__lt=today)
        .exclude(event__status__in=[Event.Status.CANCELLED, Event.Status.CLOSED])
        .filter(Q(owner=user) | Q(owner__isnull=True, event__team=user))
        .select_related("event")
        .distinct()
        .order_by("due_on", "pk")[:limit]
    )


@dataclass(frozen=True)
class BudgetSummary:
    lines: list[BudgetLine]
    rows: list[dict[str, Any]]
    total: rules.BudgetRow


def budget(event: Event) -> BudgetSummary:
    lines = list(event.budget_lines.prefetch_related("receipts"))
    result = rules.budget(
        rules.BudgetLine(line.category, line.planned, line.actual) for line in lines
    )
    labels = dict(BudgetCategory.choices)
    rows = [
        {
            "category": row.category,
            "label": labels.get(row.category, row.category),
            "planned": row.planned,
            "actual": row.actual,
            "variance": row.variance,
            "variance_pct": row.variance_pct,
        }
        for row in result.rows
    ]
    return BudgetSummary(lines, rows, result.total)


def invitations(event: Event) -> QuerySet[Invitation]:
    return event.invitations.select_related("contact", "contact__company")


def invitation_counts(event: Event) -> dict[str, int]:
    counts = Counter(event.invitations.values_list("status", flat=True))
    return {status: counts.get(status, 0) for status in Invitation.Status.values} | {
        "total": sum(counts.values())
    }


def visitors(event: Event) -> QuerySet[Visitor]:
    return event.visitors.select_related(
        "company", "contact", "task", "entered_by"
    ).prefetch_related("products")


def follow_up(visitor: Visitor, today: dt.date) -> str:
    """done, late, open or none (no task: nobody on the team to follow up)."""
    task = visitor.task
    if task is None:
        return "none"
    if task.done_at is not None:
        return "done"
    return "late" if task.due_date < today else "open"


@dataclass(frozen=True)
class DealRow:
    kind: str  # offer or order
    reference: str
    company: str
    day: dt.date
    amount: Decimal
    currency: str
    amount_eur: Decimal | None
    by_hand: bool
    url: str


def _eur(amount: Decimal, currency: str, day: dt.date) -> Decimal | None:
    try:
        return sales.to_eur(amount, currency, day)
    except ValidationError:
        return None


def deals(event: Event) -> list[DealRow]:
    """Offers and orders of the visitors' companies dated from the fair's first day to the
    end of its window, plus those linked by hand."""
    company_ids = set(
        event.visitors.exclude(company__isnull=True).values_list("company_id", flat=True)
    )
    until = event.starts_on + dt.timedelta(days=event.sales_window_days)
    hand = list(event.deals.select_related("offer__client", "order__client"))
    hand_offers = {d.offer_id for d in hand if d.offer_id}
    hand_orders = {d.order_id for d in hand if d.order_id}
    offers = (
        Offer.objects.filter(
            Q(
                client_id__in=company_ids,
                offer_date__gte=event.starts_on,
                offer_date__lte=until,
                status__in=OFFER_STATUSES,
            )
            | Q(pk__in=hand_offers)
        )
        .select_related("client")
        .prefetch_related("lines")
    )
    orders = (
        Order.objects.filter(
            Q(
                client_id__in=company_ids,
                order_date__gte=event.starts_on,
                order_date__lte=until,
                status__in=ORDER_STATUSES,
            )
            | Q(pk__in=hand_orders)
        )
        .select_related("client")
        .prefetch_related("lines")
    )
    rows: list[DealRow] = []
    for offer in offers:
        net = sales.offer_totals(offer)["net"]
        rows.append(
            DealRow(
                "offer",
                offer.reference,
                offer.client.name,
                offer.offer_date,
                net,
                offer.currency,
                _eur(net, offer.currency, offer.offer_date),
                offer.pk in hand_offers,
                offer.get_absolute_url(),
            )
        )
    for order in orders:
        amount = sales.order_amount(order)
        rows.append(
            DealRow(
                "order",
                order.number,
                order.client.name,
                order.order_date,
                amount,
                order.currency,
                _eur(amount, order.currency, order.order_date),
                order.pk in hand_orders,
                order.get_absolute_url(),
            )
        )
    rows.sort(key=lambda r: (r.day, r.reference))
    return rows


def report(event: Event, today: dt.date, language: str) -> dict[str, Any]:
    """Objectives vs results, leads by temperature and country, follow-up, budget vs
    actual, cost per lead and per meeting, the deals: one set of figures for the page, the
    PDF and the API."""
    people = list(visitors(event))
    leads = len(people)
    by_temperature = Counter(v.temperature for v in people)
    by_country = Counter(v.country for v in people)
    follow = Counter(follow_up(v, today) for v in people)
    summary = budget(event)
    spent = summary.total.actual
    deal_rows = deals(event)
    orders_eur = sum(
        (d.amount_eur or Decimal("0") for d in deal_rows if d.kind == "order"), Decimal("0")
    )
    offers_eur = sum(
        (d.amount_eur or Decimal("0") for d in deal_rows if d.kind == "offer"), Decimal("0")
    )
    return {
        "event": event,
        "leads": leads,
        "lead_target": event.lead_target,
        "lead_pct": rules.achievement_pct(leads, event.lead_target),
        "meetings": event.meetings_held,
        "meeting_target": event.meeting_target,
        "meeting_pct": rules.achievement_pct(event.meetings_held, event.meeting_target),
        "new_prospects": sum(1 for v in people if not v.existing_company),
        "known_companies": sum(1 for v in people if v.existing_company),
        "with_consent": sum(1 for v in people if v.consent),
        "by_temperature": [
            {"key": key, "label": label, "count": by_temperature.get(key, 0)}
            for key, label in Temperature.choices
        ],
        "by_country": [
            {
                "country": code,
                "name": countries.country_name(code, language) if code else "",
                "count": n,
            }
            for code, n in by_country.most_common()
        ],
        "follow_up": {key: follow.get(key, 0) for key in ("done", "open", "late", "none")},
        "budget": summary,
        "spent": spent,
        "cost_per_lead": rules.cost_per(spent, leads),
        "cost_per_meeting": rules.cost_per(spent, event.meetings_held),
        "deals": deal_rows,
        "offers_eur": offers_eur,
        "orders_eur": orders_eur,
        "invitations": invitation_counts(event),
        "today": today,
    }


def upcoming(today: dt.date, limit: int = 5) -> QuerySet[Event]:
    return (
        Event.objects.filter(ends_on__gte=today)
        .exclude(status=Event.Status.CANCELLED)
        .order_by("starts_on")[:limit]
    )
