"""Reads of prospecting: the lists and campaigns, a campaign's results (the same figures on
the screen, in the API and in the demo) and what the CRM filters offer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from comptoir.common.dates import current_language
from comptoir.documents.charts import FunnelStep
from comptoir.documents.charts import funnel_chart as draw_funnel
from comptoir.sales.models import Offer, Order
from comptoir.trade import prospecting as core

from .models import (
    CallOutcome,
    Campaign,
    Channel,
    EventKind,
    MatchState,
    Recipient,
    RecipientState,
    Target,
    TargetList,
)


def target_lists(archived: bool = False) -> QuerySet[TargetList]:
    """The lists in use (or, ``archived=True``, those kept for a sent campaign)."""
    return (
        TargetList.objects.filter(archived_at__isnull=not archived)
        .annotate(
            size=Count("targets"),
            in_crm=Count("targets", filter=Q(targets__company__isnull=False)),
            to_decide=Count("targets", filter=Q(targets__match=MatchState.PROPOSED)),
        )
        .order_by("-created_at", "-id")
    )


def campaigns(params: Mapping[str, str] | None = None) -> QuerySet[Campaign]:
    items = Campaign.objects.select_related("target_list").annotate(
        listed=Count("recipients", filter=~Q(recipients__state=RecipientState.EXCLUDED)),
        sent=Count("recipients", filter=Q(recipients__state=RecipientState.SENT)),
    )
    params = params or {}
    if params.get("channel") in Channel.values:
        items = items.filter(channel=params["channel"])
    if params.get("status") in Campaign.Status.values:
        items = items.filter(status=params["status"])
    return items.order_by("-created_at", "-id")


def targets_of(target_list: TargetList, match: str = "") -> QuerySet[Target]:
    items = target_list.targets.select_related("company", "contact", "proposed")
    if match in MatchState.values:
        items = items.filter(match=match)
    elif match == "outside":
        items = items.filter(company__isnull=True)
    return items.order_by("row", "id")


def recipients_of(campaign: Campaign, state: str = "") -> QuerySet[Recipient]:
    items = campaign.recipients.select_related("company", "contact")
    if state in RecipientState.values:
        items = items.filter(state=state)
    return items.order_by("id")


def outside_crm(campaign: Campaign) -> int:
    """Targets of the campaign's list that are not in the CRM yet (left out)."""
    if campaign.target_list is None:
        return 0
    return campaign.target_list.targets.filter(company__isnull=True).count()


@dataclass(frozen=True)
class Results:
    channel: str
    listed: int
    excluded: int
    sent: int
    failed: int
    queued: int
    delivered: int
    hard_bounces: int
    soft_bounces: int
    opt_outs: int
    replies: int
    called: int
    reached: int
    interested: int
    meetings: int
    offers: list[Offer]
    orders: list[Order]
    leads: int
    cost: Decimal
    currency: str
    cost_per_lead: Decimal | None
    cost_per_meeting: Decimal | None
    window_from: dt.date | None
    window_to: dt.date | None
    stages: list[core.Stage]

    @property
    def offer_count(self) -> int:
        return len(self.offers)

    @property
    def order_count(self) -> int:
        return len(self.orders)


def _sales(campaign: Campaign, companies: list[int]) -> tuple[list[Offer], list[Order]]:
    """Offers and orders of the companies reached, dated within the window after the
    campaign started, and those linked by hand."""
    offers: dict[int, Offer] = {}
    orders: dict[int, Order] = {}
    if campaign.started_at is not None and companies:
        start = campaign.started_at.date()
        end = start + dt.timedelta(days=campaign.results_window_days)
        for i in range(0, len(companies), 500):
            chunk = companies[i : i + 500]
            for offer in Offer.objects.filter(
                client_id__in=chunk, offer_date__gte=start, offer_date__lte=end
            ).select_related("client"):
                offers[offer.pk] = offer
            for order in Order.objects.filter(
                client_id__in=chunk, order_date__gte=start, order_date__lte=end
            ).select_related("client"):
                orders[order.pk] = order
    for link in campaign.linked_sales.select_related("offer__client", "order__client"):
        if link.offer is not None:
            offers[link.offer.pk] = link.offer
        if link.order is not None:
            orders[link.order.pk] = link.order
    return (
        sorted(offers.values(), key=lambda o: (o.offer_date, o.pk)),
        sorted(orders.values(), key=lambda o: (o.order_date, o.pk)),
    )


def results(campaign: Campaign) -> Results:
    """The campaign's figures: sent, delivered, bounces, unsubscriptions, replies (e-mail) or
    calls, people reached, interested, meetings (calls), offers and orders that followed,
    cost per lead. A lead is a person who replied, said they were interested or booked a
    meeting."""
    rows = campaign.recipients.aggregate(
        listed=Count("id", filter=~Q(state=RecipientState.EXCLUDED)),
        excluded=Count("id", filter=Q(state=RecipientState.EXCLUDED)),
        sent=Count("id", filter=Q(state=RecipientState.SENT)),
        failed=Count("id", filter=Q(state=RecipientState.FAILED)),
        queued=Count("id", filter=Q(state__in=[RecipientState.QUEUED, RecipientState.SENDING])),
        hard=Count("id", filter=Q(bounced="hard")),
        soft=Count("id", filter=Q(bounced="soft")),
        opt_outs=Count("id", filter=Q(opted_out_at__isnull=False)),
        replies=Count("id", filter=Q(replied_at__isnull=False)),
        called=Count("id", filter=Q(state=RecipientState.CALLED)),
        reached=Count(
            "id",
            filter=Q(state=RecipientState.CALLED)
            & ~Q(outcome__in=[CallOutcome.NO_ANSWER, CallOutcome.WRONG_NUMBER]),
        ),
        interested=Count("id", filter=Q(outcome__in=[CallOutcome.INTERESTED, CallOutcome.MEETING])),
        meetings=Count("id", filter=Q(outcome=CallOutcome.MEETING)),
        leads=Count(
            "id",
            filter=Q(replied_at__isnull=False)
            | Q(outcome__in=[CallOutcome.INTERESTED, CallOutcome.MEETING]),
        ),
    )
    reached_states = [RecipientState.SENT, RecipientState.CALLED]
    companies = sorted(
        set(
            campaign.recipients.filter(state__in=reached_states).values_list(
                "company_id", flat=True
            )
        )
    )
    offers, orders = _sales(campaign, companies)
    delivered = max(0, rows["sent"] - rows["hard"] - rows["soft"])
    if campaign.channel == Channel.EMAIL:
        stages = core.funnel(
            [
                ("sent", rows["sent"]),
                ("delivered", delivered),
                ("replies", rows["replies"]),
                ("offers", len(offers)),
                ("orders", len(orders)),
            ]
        )
    else:
        stages = core.funnel(
            [
                ("called", rows["called"]),
                ("reached", rows["reached"]),
                ("interested", rows["interested"]),
                ("meetings", rows["meetings"]),
                ("offers", len(offers)),
                ("orders", len(orders)),
            ]
        )
    start = campaign.started_at.date() if campaign.started_at else None
    return Results(
        channel=campaign.channel,
        listed=rows["listed"],
        excluded=rows["excluded"],
        sent=rows["sent"],
        failed=rows["failed"],
        queued=rows["queued"],
        delivered=delivered,
        hard_bounces=rows["hard"],
        soft_bounces=rows["soft"],
        opt_outs=rows["opt_outs"],
        replies=rows["replies"],
        called=rows["called"],
        reached=rows["reached"],
        interested=rows["interested"],
        meetings=rows["meetings"],
        offers=offers,
        orders=orders,
        leads=rows["leads"],
        cost=campaign.cost,
        currency=campaign.currency,
        cost_per_lead=core.cost_per(campaign.cost, rows["leads"]),
        cost_per_meeting=core.cost_per(campaign.cost, rows["meetings"]),
        window_from=start,
        window_to=start + dt.timedelta(days=campaign.results_window_days) if start else None,
        stages=stages,
    )


def stage_labels() -> dict[str, str]:
    return {
        "sent": _("Sent"),
        "delivered": _("Delivered"),
        "replies": _("Replies"),
        "called": _("Called"),
        "reached": _("Reached"),
        "interested": _("Interested"),
        "meetings": _("Meetings"),
        "offers": _("Offers"),
        "orders": _("Orders"),
    }


def funnel_chart(result: Results) -> str:
    """The campaign's funnel: each stage's count and its rate from the stage before, in the
    reader's format; its figures are in the table beside it (:func:`funnel_rows`)."""
    labels = stage_labels()
    return draw_funnel(
        title=_("Campaign funnel"),
        steps=[
            FunnelStep(labels[s.key], s.count, s.of_previous if i else None)
            for i, s in enumerate(result.stages)
        ],
        language=current_language(),
        empty=_("Nothing sent or called yet."),
        desc=_("One bar per stage, its width in proportion to the largest stage."),
    )


def funnel_rows(result: Results) -> list[dict[str, object]]:
    """The funnel's figures: per stage, its count, its share of the stage before and of
    the first stage (in %, None where there is no rate)."""
    labels = stage_labels()
    return [
        {
            "label": labels[s.key],
            "count": s.count,
            "of_previous": s.of_previous if i else None,
            "of_first": s.of_first,
        }
        for i, s in enumerate(result.stages)
    ]


def events_of(campaign: Campaign) -> QuerySet:  # type: ignore[type-arg]
    return campaign.events.order_by("-occurred_on", "-id")


def unsubscribed_kind() -> str:
    return EventKind.UNSUBSCRIBE
