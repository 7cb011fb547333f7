"""Reads of the shipping area for the pages, the API, the documents and other areas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from .models import (
    STEPS_IN_ORDER,
    Milestone,
    Shipment,
    ShipmentLine,
    ShipmentNotice,
    TrackingEvent,
)

OPEN_STATUSES = (
    Shipment.Status.PLANNED,
    Shipment.Status.BOOKED,
    Shipment.Status.IN_TRANSIT,
    Shipment.Status.ARRIVED,
)


#: The rank of a milestone's step, in SQL (the steps are stored by name).
STEP_RANK = Case(
    *[When(step=step, then=Value(rank)) for rank, step in enumerate(STEPS_IN_ORDER)],
    output_field=IntegerField(),
)


def _passed_by_a_later_step() -> Exists:
    """The milestone's shipment already went through a later step (so it is not late: the
    goods went on, only its own date was not recorded). One correlated subquery on the
    shipment's few milestones."""
    return Exists(
        Milestone.objects.filter(shipment=OuterRef("shipment"), actual_at__isnull=False)
        .annotate(step_rank=STEP_RANK)
        .filter(step_rank__gt=OuterRef("step_rank"))
    )


def late_milestones(today: dt.date) -> QuerySet[Milestone]:
    """Steps planned before today that have not happened, on shipments still under way,
    when no later step has happened either."""
    return (
        Milestone.objects.filter(
            # from the shipments under way (a few hundred, by the status index) to their
            # milestones, rather than from every milestone planned in the past
            shipment_id__in=Shipment.objects.filter(status__in=OPEN_STATUSES).values("pk"),
            planned_on__lt=today,
            actual_at__isnull=True,
        )
        .annotate(step_rank=STEP_RANK)
        .exclude(_passed_by_a_later_step())
        .select_related("shipment", "shipment__partner")
        .order_by("planned_on", "shipment_id")
    )


def is_late(milestone: Milestone, milestones: list[Milestone], today: dt.date) -> bool:
    """The same rule as :func:`late_milestones`, on a shipment's milestones in memory."""
    if milestone.actual_at is not None or milestone.planned_on is None:
        return False
    if milestone.planned_on >= today or milestone.shipment.status not in OPEN_STATUSES:
        return False
    rank = STEPS_IN_ORDER.index(milestone.step)
    return not any(
        m.actual_at is not None and STEPS_IN_ORDER.index(m.step) > rank for m in milestones
    )


def shipment_list(params: Mapping[str, str], today: dt.date) -> QuerySet[Shipment]:
    qs = Shipment.objects.select_related("partner", "carrier", "forwarder")
    if q := params.get("q", "").strip():
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(reference__icontains=q)
            | Q(partner__name__icontains=q)
            | Q(transport_document_number__icontains=q)
            | Q(containers__number__icontains=q.replace(" ", "").upper())
        ).distinct()
    if (mode := params.get("mode")) and mode:
        qs = qs.filter(mode=mode)
    if (status := params.get("status")) and status:
        qs = qs.filter(status=status)
    elif params.get("open", "") == "1":
        qs = qs.filter(status__in=OPEN_STATUSES)
    if (direction := params.get("direction")) and direction:
        qs = qs.filter(direction=direction)
    if params.get("late") == "1":
        qs = qs.filter(
            Exists(late_milestones(today).filter(shipment=OuterRef("pk"))),
            status__in=OPEN_STATUSES,
        )
    return qs.order_by("-created_at", "-pk")


def shipment_for_page(pk: int) -> Shipment:
    return Shipment.objects.select_related(
        "partner",
        "shipper",
        "consignee",
        "consignee_address",
        "notify",
        "carrier",
        "forwarder",
        "customs_broker",
    ).get(pk=pk)


def lines(shipment: Shipment) -> QuerySet[ShipmentLine]:
    return shipment.lines.select_related("product")


def milestones_in_order(shipment: Shipment) -> list[Milestone]:
    return sorted(shipment.milestones.all(), key=lambda m: STEPS_IN_ORDER.index(m.step))


def recent_events(shipment: Shipment, limit: int = 50) -> QuerySet[TrackingEvent]:
    return shipment.events.select_related("created_by").order_by("-occurred_at", "-pk")[:limit]


def deliveries(shipment: Shipment) -> list[object]:
    return [
        link.delivery
        for link in shipment.delivery_links.select_related("delivery", "delivery__order")
    ]


def shipment_of_delivery(delivery_id: int) -> Shipment | None:
    return Shipment.objects.filter(delivery_links__delivery_id=delivery_id).first()


def dangerous_lines(shipment: Shipment) -> QuerySet[ShipmentLine]:
    return shipment.lines.exclude(un_number="")


#: Late steps listed on the home page (the list's "late" filter shows them all).
HOME_LATE_STEPS = 10


def late_panel(today: dt.date) -> dict[str, object]:
    """The home page's late steps: the first ones by planned date, and how many shipments."""
    late = late_milestones(today)
    return {
        "late_steps": [
            {"milestone": m, "days": (today - m.planned_on).days if m.planned_on else 0}
            for m in late[:HOME_LATE_STEPS]
        ],
        "late_shipments": late.order_by().values("shipment_id").distinct().count(),
    }


def timeline(
    shipment: Shipment, milestones: list[Milestone], today: dt.date
) -> list[dict[str, object]]:
    """Each step planned against happened, late ones flagged, with its notice if any."""
    notices = {n.step: n for n in shipment.notices.all()}
    rows = []
    for milestone in milestones:
        milestone.shipment = shipment  # is_late reads its status; no query
        late = is_late(milestone, milestones, today)
        drift = None
        if milestone.actual_at is not None and milestone.planned_on is not None:
            drift = (timezone.localtime(milestone.actual_at).date() - milestone.planned_on).days
        rows.append(
            {
                "milestone": milestone,
                "late": late,
                "days_late": (today - milestone.planned_on).days
                if late and milestone.planned_on
                else 0,
                "drift": drift,
                "notice": notices.get(milestone.step),
                "notify": milestone.step in shipment.steps_to_notify,
            }
        )
    return rows


def event_count(shipment: Shipment) -> int:
    return shipment.events.count()


def events(shipment: Shipment) -> QuerySet[TrackingEvent]:
    return shipment.events.select_related("created_by").order_by("-occurred_at", "-pk")


def notices(shipment: Shipment) -> QuerySet[ShipmentNotice]:
    return shipment.notices.select_related("created_by").order_by("created_at", "pk")


def provider_shipment_facts(provider_ids: list[int] | None = None) -> list[dict[str, object]]:
    """Per shipment carried or forwarded by the providers (all providers when ``None``): its
    carrier, forwarder, gross weight, freight cost, and the planned and actual pick-up and
    delivery (dates in the local time zone). Read by the freight area's reliability grade
    and provider KPIs; two queries whatever the number of shipments."""
    from django.utils import timezone

    qs = Shipment.objects.exclude(status=Shipment.Status.CANCELLED).filter(
        Q(carrier__isnull=False) | Q(forwarder__isnull=False)
    )
    if provider_ids is not None:
        qs = qs.filter(Q(carrier_id__in=provider_ids) | Q(forwarder_id__in=provider_ids))
    rows = {
        row["pk"]: row | {"pickup": (None, None), "delivery": (None, None)}
        for row in qs.values(
            "pk",
            "number",
            "carrier_id",
            "forwarder_id",
            "gross_weight_kg",
            "freight_cost",
            "freight_currency",
            "status",
            "created_at",
        )
    }
    for shipment_id, step, planned, actual in Milestone.objects.filter(
        shipment__in=qs.values("pk"), step__in=["pickup", "delivery"]
    ).values_list("shipment_id", "step", "planned_on", "actual_at"):
        local = timezone.localtime(actual).date() if actual is not None else None
        rows[shipment_id][step] = (planned, local)
    return list(rows.values())


def in_transit_count(*, country: str = "", partner_id: int | None = None) -> int:
    """Shipments on their way (status "in transit"), of a partner's country or a partner."""
    shipments = Shipment.objects.filter(status=Shipment.Status.IN_TRANSIT)
    if country:
        shipments = shipments.filter(partner__country=country)
    if partner_id is not None:
        shipments = shipments.filter(partner_id=partner_id)
    return shipments.count()
