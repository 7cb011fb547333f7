"""Late steps: planned before today, not happened, on a shipment under way, and no later
step happened either (the goods went on: only that step's date is missing)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from comptoir.shipping import selectors, services
from comptoir.shipping.inputs import EventValues, MilestonePlan
from comptoir.shipping.models import Step

from .factories import shipment

pytestmark = pytest.mark.django_db


def test_late_steps_and_the_ones_the_goods_went_past(assistant) -> None:
    today = timezone.localdate()
    waiting = shipment(reference="WAIT")
    went_on = shipment(reference="WENT")
    closed = shipment(reference="CLOSED")
    for s in (waiting, went_on, closed):
        services.plan_milestones(
            shipment=s,
            plans=[
                MilestonePlan(step=Step.READY, planned_on=None),
                MilestonePlan(step=Step.PICKUP, planned_on=today - dt.timedelta(days=3)),
                MilestonePlan(step=Step.DEPARTURE, planned_on=today + dt.timedelta(days=2)),
            ],
            user=assistant,
        )
    services.record_event(
        shipment=went_on,
        event=EventValues(
            occurred_at=timezone.now() - dt.timedelta(hours=2),
            description="Departed",
            step=Step.DEPARTURE,
        ),
        user=assistant,
    )
    services.set_status(shipment=closed, status="cancelled", user=assistant)
    late = list(selectors.late_milestones(today))
    assert [(m.shipment.reference, m.step) for m in late] == [("WAIT", "pickup")]
    panel = selectors.late_panel(today)
    assert panel["late_shipments"] == 1 and panel["late_steps"][0]["days"] == 3  # type: ignore[index]
    listed = selectors.shipment_list({"late": "1"}, today)
    assert [s.reference for s in listed] == ["WAIT"]
    milestones = selectors.milestones_in_order(went_on)
    pickup = next(m for m in milestones if m.step == Step.PICKUP)
    assert not selectors.is_late(pickup, milestones, today)
    milestones = selectors.milestones_in_order(waiting)
    pickup = next(m for m in milestones if m.step == Step.PICKUP)
    assert selectors.is_late(pickup, milestones, today)
