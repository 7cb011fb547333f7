"""Reads of the shipping area for the pages, the API, the documents and other areas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db.models import (
    Case,
    DateField,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django_stubs_ext import WithAnnotations

from comptoir.common.dbfunctions import DaysBetween, LocalDate, NextMidnight, zone_offsets
from comptoir.common.params import MAX_DATE, MIN_DATE, period_params
from comptoir.sales.models import Invoice

from .models import (
    STEPS_IN_ORDER,
    Milestone,
    Shipment,
    ShipmentDelivery,
    ShipmentLine,
    ShipmentNotice,
    Step,
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
    """The shipment list's filters; a date that is not one or a reversed period raises
    ``BadParameter`` naming the field."""
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
    # a lane of the logistics dashboard: country of departure, of destination
    if origin := params.get("origin", "").strip().upper()[:2]:
        qs = qs.filter(origin_country=origin)
    if destination := params.get("destination", "").strip().upper()[:2]:
        qs = qs.filter(destination_country=destination)
    # the country of the logistics dashboard: leaving from or going to it
    if country := params.get("country", "").strip().upper()[:2]:
        qs = qs.filter(Q(origin_country=country) | Q(destination_country=country))
    if params.get("late") == "1":
        qs = qs.filter(
            Exists(late_milestones(today).filter(shipment=OuterRef("pk"))),
            status__in=OPEN_STATUSES,
        )
    # the day the goods leave (pick-up, else departure: the dashboards' rule) in a period
    start, end = period_params(params, ("left_from", _("Left from")), ("left_to", _("Left to")))
    if start is not None or end is not None:
        leaving = shipments_shipped_between(start or MIN_DATE, end or MAX_DATE)
        qs = qs.filter(pk__in=leaving.values("pk"))
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


# ----------------------------------------------------------------------------- reporting


def _day_between(since: dt.date, until: dt.date) -> Q:
    """A milestone whose day lies in the period: happened between local midnight of
    ``since`` and of the day after ``until`` (compared as stored, no per-row conversion, so
    the database reads it fast), else, not happened yet, planned in the period."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(since, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return Q(actual_at__gte=start, actual_at__lt=end) | Q(
        actual_at__isnull=True, planned_on__gte=since, planned_on__lte=until
    )


def shipments_shipped_between(since: dt.date, until: dt.date) -> QuerySet[Shipment]:
    """Shipments not cancelled whose goods leave in the period: the day of the pick-up
    (happened, else planned), or for a shipment without a dated pick-up, of its departure.
    Read from the milestones in two passes over one step each, not per shipment."""
    in_period = _day_between(since, until)
    pickups = Milestone.objects.filter(in_period, step="pickup")
    dated_pickup = Milestone.objects.filter(step="pickup", shipment=OuterRef("shipment")).filter(
        Q(actual_at__isnull=False) | Q(planned_on__isnull=False)
    )
    departures = Milestone.objects.filter(in_period, step="departure").exclude(Exists(dated_pickup))
    return Shipment.objects.exclude(status=Shipment.Status.CANCELLED).filter(
        Q(pk__in=pickups.values("shipment_id")) | Q(pk__in=departures.values("shipment_id"))
    )


def _happened_at(step: str) -> Subquery:
    return Subquery(
        Milestone.objects.filter(shipment=OuterRef("shipment"), step=step, actual_at__isnull=False)
        .order_by()  # one per step: no join on the shipments for the default ordering
        .values("actual_at")[:1],
    )


def end_milestones(shipments: QuerySet[Shipment]) -> QuerySet[WithAnnotations[Milestone]]:
    """The milestone that ends each shipment's journey, when it happened: the delivery, else
    (no delivery happened) the arrival. Each with ``end_day`` (its local date), ``on_time``
    (1 when on or before the day planned for that step, 0 after, None without a planned day)
    and ``transit_days`` from the pick-up (else the departure) that happened."""
    delivered = Milestone.objects.filter(
        shipment=OuterRef("shipment"), step="delivery", actual_at__isnull=False
    )
    # on time: happened before local midnight after the planned day. Bracketed first by that
    # midnight at the zone's largest and smallest offsets (plain comparisons in the database);
    # only a moment between the two (hours around midnight) has its local day computed, which
    # SQLite does in Python, row by row.
    zone = timezone.get_current_timezone_name()
    earliest, latest = (
        NextMidnight("planned_on", zone=zone, offset=offset)
        for offset in reversed(zone_offsets(zone))
    )
    return (
        Milestone.objects.filter(shipment__in=shipments, actual_at__isnull=False)
        .filter(Q(step="delivery") | Q(step="arrival") & ~Exists(delivered))
        .annotate(end_day=TruncDate("actual_at"))
        .annotate(
            on_time=Case(
                When(planned_on__isnull=True, then=None),
                When(actual_at__lt=earliest, then=Value(1)),
                When(actual_at__gte=latest, then=Value(0)),
                When(end_day__lte=F("planned_on"), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            # whole days between the two moments as stored (no per-row time-zone
            # conversion: the transit of every shipment of the period is read)
            transit_days=DaysBetween(
                Coalesce(_happened_at("pickup"), _happened_at("departure")), F("actual_at")
            ),
        )
        .order_by()
    )


def invoices_of_shipments(shipments: QuerySet[Shipment]) -> QuerySet[Invoice]:
    """Issued invoices of the shipments' deliveries (``delivery__shipment_link__shipment``
    leads to the shipment), each with ``eur``: its net total at its own EUR rate."""
    return (
        Invoice.objects.filter(
            status=Invoice.Status.ISSUED,
            kind=Invoice.Kind.INVOICE,
            delivery__shipment_link__shipment__in=shipments,
        )
        .annotate(eur=_net_eur())
        .order_by()
    )


def credit_notes_of_shipments(shipments: QuerySet[Shipment]) -> QuerySet[Invoice]:
    """Issued credit notes of those invoices (``credited_invoice__delivery__shipment_link__
    shipment`` leads to the shipment), ``eur`` as above (positive: subtract it)."""
    return (
        Invoice.objects.filter(
            status=Invoice.Status.ISSUED,
            kind=Invoice.Kind.CREDIT_NOTE,
            credited_invoice__delivery__shipment_link__shipment__in=shipments,
        )
        .annotate(eur=_net_eur())
        .order_by()
    )


def _net_eur() -> ExpressionWrapper[CombinedExpression]:
    return ExpressionWrapper(
        F("net_total") * F("eur_rate"), output_field=DecimalField(max_digits=18, decimal_places=2)
    )


def invoiced(shipments: QuerySet[Shipment]) -> QuerySet[Shipment]:
    """The shipments with at least one issued invoice of their deliveries: one list of
    shipments read once (a subquery per shipment made SQLite scan the invoices for each)."""
    billed = ShipmentDelivery.objects.filter(
        delivery__invoices__status=Invoice.Status.ISSUED,
        delivery__invoices__kind=Invoice.Kind.INVOICE,
    ).values("shipment_id")
    return shipments.filter(pk__in=billed)


# --------------------------------------------------------------------------- reporting facts


def shipments_for_reporting() -> QuerySet[Shipment]:
    """Shipments that happened or will (cancelled ones left out), joined to their pick-up
    and departure milestones (one at most of each per shipment) for :func:`leaving_day`:
    the logistics facts of the reporting area, which groups and sums them in the database."""
    return Shipment.objects.exclude(status=Shipment.Status.CANCELLED).alias(
        pickup=FilteredRelation("milestones", condition=Q(milestones__step=Step.PICKUP)),
        departure=FilteredRelation("milestones", condition=Q(milestones__step=Step.DEPARTURE)),
    )


def leaving_day() -> Coalesce:
    """The day the goods leave, as an expression on :func:`shipments_for_reporting`: the
    pick-up (the day it happened, else the planned one), else the departure (the same way);
    None when neither is dated. The rule of :func:`shipments_shipped_between` (the logistics
    dashboard), so the pivot and the dashboard count the same shipments in a month. A join,
    not a subquery: the day is read in the filter, the grouping and the rates."""
    zone = timezone.get_current_timezone_name()
    return Coalesce(
        LocalDate("pickup__actual_at", zone=zone),
        F("pickup__planned_on"),
        LocalDate("departure__actual_at", zone=zone),
        F("departure__planned_on"),
        output_field=DateField(),
    )


def in_transit_count(*, country: str = "", partner_id: int | None = None) -> int:
    """Shipments on their way (status "in transit"), of a partner's country or a partner."""
    shipments = Shipment.objects.filter(status=Shipment.Status.IN_TRANSIT)
    if country:
        shipments = shipments.filter(partner__country=country)
    if partner_id is not None:
        shipments = shipments.filter(partner_id=partner_id)
    return shipments.count()
