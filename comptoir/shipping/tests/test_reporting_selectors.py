"""The reads the dashboards make of shipments: the period by the pick-up or departure, the
end milestone with its on-time flag and transit days, and the lane filter of the list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import F, Q
from django.utils import timezone

from comptoir.common.dbfunctions import AddDays, DaysBetween, NextMidnight, zone_offsets
from comptoir.parties.models import Company
from comptoir.shipping import selectors
from comptoir.shipping.models import Milestone, Shipment

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def _shipment(
    partner: Company, destination: str = "MA", **steps: tuple[object, object]
) -> Shipment:
    made = Shipment.objects.create(
        mode="sea_fcl",
        partner=partner,
        incoterm="CIF",
        origin_country="FR",
        destination_country=destination,
        value=Decimal("100"),
    )
    for step, (planned, actual) in steps.items():
        Milestone.objects.create(
            shipment=made,
            step=step,
            planned_on=planned,
            actual_at=_at(actual) if isinstance(actual, dt.date) else None,
        )
    return made


@pytest.fixture
def partner() -> Company:
    return Company.objects.create(name="Atlas", country="MA", city="Casablanca", roles=",client,")


def test_period_by_pickup_else_departure(partner: Company) -> None:
    march = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    picked = _shipment(partner, pickup=(dt.date(2026, 2, 27), dt.date(2026, 3, 1)))
    planned = _shipment(partner, pickup=(dt.date(2026, 3, 31), None))
    departed = _shipment(partner, departure=(None, dt.date(2026, 3, 15)))
    # picked up in February: its departure in March does not move it
    _shipment(
        partner,
        pickup=(None, dt.date(2026, 2, 28)),
        departure=(None, dt.date(2026, 3, 2)),
    )
    _shipment(partner, pickup=(dt.date(2026, 4, 1), None))
    found = set(selectors.shipments_shipped_between(*march).values_list("pk", flat=True))
    assert found == {picked.pk, planned.pk, departed.pk}
    Shipment.objects.filter(pk=picked.pk).update(status=Shipment.Status.CANCELLED)
    assert selectors.shipments_shipped_between(*march).count() == 2


def test_end_milestone_on_time_and_transit(partner: Company) -> None:
    delivered = _shipment(
        partner,
        pickup=(None, dt.date(2026, 3, 2)),
        arrival=(dt.date(2026, 3, 9), dt.date(2026, 3, 10)),
        delivery=(dt.date(2026, 3, 12), dt.date(2026, 3, 11)),
    )
    arrived_late = _shipment(
        partner,
        departure=(None, dt.date(2026, 3, 3)),
        arrival=(dt.date(2026, 3, 5), dt.date(2026, 3, 6)),
        delivery=(dt.date(2026, 3, 8), None),
    )
    unplanned = _shipment(partner, delivery=(None, dt.date(2026, 3, 20)))
    rows = {
        m.shipment_id: (m.step, m.on_time, m.transit_days)
        for m in selectors.end_milestones(Shipment.objects.all())
    }
    assert rows == {
        delivered.pk: ("delivery", 1, 9),
        arrived_late.pk: ("arrival", 0, 3),
        unplanned.pk: ("delivery", None, None),
    }


@pytest.mark.parametrize("zone", ["Europe/Paris", "America/New_York", "Asia/Tokyo"])
def test_on_time_at_local_midnight(partner: Company, zone: str) -> None:
    """On time up to the last minute of the planned day in the user's zone, late from the
    first minute after, in winter and in summer (the database brackets the moment between
    two offsets and works out the local day only near midnight)."""
    expected = {}
    with timezone.override(zone):
        tz = timezone.get_current_timezone()
        for planned in (dt.date(2026, 1, 15), dt.date(2026, 7, 15)):
            for moment, on_time in (
                (dt.datetime(2026, planned.month, 15, 12), 1),
                (dt.datetime(2026, planned.month, 15, 23, 59), 1),
                (dt.datetime(2026, planned.month, 16, 0, 1), 0),
                (dt.datetime(2026, planned.month, 16, 12), 0),
                (dt.datetime(2026, planned.month, 14, 0, 0), 1),
            ):
                made = _shipment(partner, delivery=(planned, None))
                Milestone.objects.filter(shipment=made).update(actual_at=moment.replace(tzinfo=tz))
                expected[made.pk] = on_time
        found = {m.shipment_id: m.on_time for m in selectors.end_milestones(Shipment.objects.all())}
    assert found == expected


def test_next_midnight_and_zone_offsets(partner: Company) -> None:
    low, high = zone_offsets("Europe/Paris")
    assert low <= 3600 - 3600 and high >= 7200 + 3600
    assert zone_offsets("UTC") == (-3600, 3600)
    made = _shipment(partner, delivery=(dt.date(2026, 7, 15), None))
    Milestone.objects.filter(shipment=made).update(
        actual_at=timezone.make_aware(dt.datetime(2026, 7, 15, 23, 30))  # 21:30 UTC
    )
    row = (
        Milestone.objects.filter(shipment=made)
        .annotate(
            exact_after=Q(
                actual_at__lt=NextMidnight("planned_on", zone="Europe/Paris", offset=7200)
            ),
            utc_after=Q(actual_at__lt=NextMidnight("planned_on", zone="UTC", offset=0)),
            later=AddDays(F("planned_on"), 30),
            earlier=AddDays(F("planned_on"), -15),
        )
        .values("exact_after", "utc_after", "later", "earlier")
        .get()
    )
    assert row == {
        "exact_after": True,
        "utc_after": True,
        "later": dt.date(2026, 8, 14),
        "earlier": dt.date(2026, 6, 30),
    }
    assert (
        Milestone.objects.filter(
            shipment=made, actual_at__lt=NextMidnight("planned_on", zone="Asia/Tokyo", offset=32400)
        ).count()
        == 0
    )


def test_days_between_dates_and_moments(partner: Company) -> None:
    made = _shipment(partner, pickup=(dt.date(2026, 1, 30), dt.date(2026, 3, 2)))
    row = (
        Milestone.objects.filter(shipment=made)
        .annotate(
            dates=DaysBetween(F("planned_on"), F("planned_on")),
            moments=DaysBetween(F("actual_at"), F("actual_at")),
        )
        .values("dates", "moments")
        .get()
    )
    assert row == {"dates": 0, "moments": 0}
    span = (
        Milestone.objects.filter(shipment=made)
        .annotate(days=DaysBetween(F("planned_on"), F("actual_at")))
        .values_list("days", flat=True)
        .get()
    )
    assert span == 31  # 30 January to 2 March 2026


def test_shipment_list_filters_a_lane(partner: Company) -> None:
    to_ma = _shipment(partner)
    _shipment(partner, destination="DE")
    found = selectors.shipment_list({"origin": "fr", "destination": "MA"}, dt.date(2026, 3, 1))
    assert list(found.values_list("pk", flat=True)) == [to_ma.pk]
