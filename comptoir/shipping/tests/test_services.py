"""Shipments: created from a delivery with its goods and terms, containers checked, milestones
in order, status following the journey, roles enforced by the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from comptoir.shipping import services
from comptoir.shipping.inputs import ContainerValues, EventValues, MilestonePlan
from comptoir.shipping.models import Milestone, Shipment, Step

from .conftest import make_delivery

pytestmark = pytest.mark.django_db


def _at(day: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 11, day, hour, 0))


def test_from_delivery_takes_goods_terms_and_weights(delivery, product) -> None:  # type: ignore[no-untyped-def]
    shipment = services.create_from_deliveries(deliveries=[delivery], mode="air", user=None)
    order = delivery.order
    assert shipment.number == f"EXP-{shipment.created_at:%Y}-{shipment.pk:05d}"
    assert (shipment.partner, shipment.incoterm, shipment.incoterm_place) == (
        order.client,
        "FCA",
        "Thiers",
    )
    assert shipment.currency == "USD" and shipment.destination_country == "US"
    line = shipment.lines.get()
    # 10 casseroles, 2 per carton: 5 cartons of 10.4 kg; net 10 x 4.3
    assert (line.quantity, line.packages) == (Decimal("10"), 5)
    assert line.gross_weight_kg == Decimal("52.000") and line.net_weight_kg == Decimal("43.000")
    assert line.value == Decimal("790.00") and line.hs_code == "73239200"
    assert shipment.packages == 5 and shipment.gross_weight_kg == Decimal("52.000")
    # 5 cartons of 54 x 33 x 20 cm = 0.1782 m³; IATA 6000 cm³/kg: 29.7 kg < 52 kg gross
    assert shipment.volume_m3 == Decimal("0.178")
    assert shipment.chargeable_weight_kg == Decimal("52")
    # outside the EU: both clearance steps, the ready date from the delivery
    steps = set(shipment.milestones.values_list("step", flat=True))
    assert {"export_clearance", "import_clearance"} <= steps
    assert shipment.milestones.get(step="ready").planned_on == dt.date(2026, 12, 10)


def test_within_the_eu_there_is_no_clearance_step(clients, product, seller) -> None:  # type: ignore[no-untyped-def]
    delivery = make_delivery(clients["de"], product)
    shipment = services.create_from_deliveries(
        deliveries=[delivery], mode="road_groupage", user=None
    )
    steps = set(shipment.milestones.values_list("step", flat=True))
    assert "export_clearance" not in steps and "import_clearance" not in steps
    # road groupage: 333 kg/m³ on 0.178 m³ = 59.274 kg > 52 kg gross, rounded up to 0.1 kg
    assert shipment.chargeable_weight_kg == Decimal("59.3")


def test_a_delivery_travels_in_one_shipment(delivery) -> None:  # type: ignore[no-untyped-def]
    services.create_from_deliveries(deliveries=[delivery], mode="air", user=None)
    with pytest.raises(ValidationError) as caught:
        services.create_from_deliveries(deliveries=[delivery], mode="air", user=None)
    assert delivery.number in caught.value.messages[0]


def test_a_reader_cannot_create_a_shipment(delivery, reader) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.create_from_deliveries(deliveries=[delivery], mode="air", user=reader)
    assert not Shipment.objects.exists()


def test_container_numbers_are_checked(delivery) -> None:  # type: ignore[no-untyped-def]
    shipment = services.create_from_deliveries(deliveries=[delivery], mode="sea_fcl", user=None)
    with pytest.raises(ValidationError) as caught:
        services.save_containers(
            shipment=shipment, containers=[ContainerValues(number="CSQU3054384")], user=None
        )
    assert "containers.0.number" in caught.value.message_dict
    assert "should be 3" in caught.value.message_dict["containers.0.number"][0]
    saved = services.save_containers(
        shipment=shipment,
        containers=[ContainerValues(number="csqu 305438 3", seal_number="SEAL1")],
        user=None,
    )
    assert [c.number for c in saved] == ["CSQU3054383"]


def test_events_move_the_status_and_keep_the_order(delivery) -> None:  # type: ignore[no-untyped-def]
    shipment = services.create_from_deliveries(deliveries=[delivery], mode="air", user=None)
    services.record_event(
        shipment=shipment,
        event=EventValues(occurred_at=_at(20), step="departure", description="Departed CDG"),
        user=None,
    )
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.IN_TRANSIT
    # a pick-up after the departure contradicts the order of the steps
    with pytest.raises(ValidationError) as caught:
        services.record_event(
            shipment=shipment,
            event=EventValues(occurred_at=_at(21), step="pickup", description="Picked up"),
            user=None,
        )
    assert "occurred_at" in caught.value.message_dict
    assert Milestone.objects.get(shipment=shipment, step="pickup").actual_at is None
    services.record_event(
        shipment=shipment,
        event=EventValues(occurred_at=_at(22), step="delivery", description="Delivered"),
        user=None,
    )
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.DELIVERED
    assert shipment.events.count() == 2


def test_future_and_naive_events_are_refused(delivery) -> None:  # type: ignore[no-untyped-def]
    shipment = services.create_from_deliveries(deliveries=[delivery], mode="air", user=None)
    with pytest.raises(ValidationError) as caught:
        services.record_event(
            shipment=shipment,
            event=EventValues(
                occurred_at=timezone.now() + dt.timedelta(days=3), description="Arrived"
            ),
            user=None,
        )
    assert "occurred_at" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.record_event(
            shipment=shipment,
            event=EventValues(occurred_at=dt.datetime(2026, 11, 2, 10), description="Arrived"),
            user=None,
        )


def test_planned_dates_follow_the_goods(delivery) -> None:  # type: ignore[no-untyped-def]
    shipment = services.create_from_deliveries(deliveries=[delivery], mode="air", user=None)
    with pytest.raises(ValidationError) as caught:
        services.plan_milestones(
            shipment=shipment,
            plans=[
                MilestonePlan(step="departure", planned_on=dt.date(2026, 12, 12)),
                MilestonePlan(step="arrival", planned_on=dt.date(2026, 12, 11)),
            ],
            user=None,
        )
    assert "arrival" in caught.value.message_dict
    services.plan_milestones(
        shipment=shipment,
        plans=[MilestonePlan(step=Step.TRANSHIPMENT, planned_on=dt.date(2026, 12, 13))],
        user=None,
    )
    assert shipment.milestones.get(step="transhipment").planned_on == dt.date(2026, 12, 13)


def test_goods_that_left_cannot_be_cancelled(delivery) -> None:  # type: ignore[no-untyped-def]
    shipment = services.create_from_deliveries(deliveries=[delivery], mode="air", user=None)
    services.record_event(
        shipment=shipment,
        event=EventValues(occurred_at=_at(20), step="departure", description="Departed"),
        user=None,
    )
    with pytest.raises(ValidationError):
        services.set_status(shipment=shipment, status="cancelled", user=None)
    services.set_status(shipment=shipment, status="closed", user=None)
    shipment.refresh_from_db()
    assert shipment.status == "closed"


def test_choosing_a_carrier_books_the_shipment(delivery, clients) -> None:  # type: ignore[no-untyped-def]
    shipment = services.create_from_deliveries(deliveries=[delivery], mode="air", user=None)
    carrier = clients["de"]
    booked = services.set_providers(
        shipment=shipment,
        carrier=carrier,
        freight_cost=Decimal("640"),
        freight_currency="eur",
        user=None,
    )
    assert booked.status == "booked" and booked.freight_currency == "EUR"
    other = services.create_from_deliveries(
        deliveries=[make_delivery(delivery.order.client, delivery.order.lines.get().product)],
        mode="air",
        user=None,
    )
    # a forwarder alone books the shipment too (the forwarder names the airline later)
    assert (
        services.set_providers(shipment=other, carrier=None, forwarder=carrier, user=None).status
        == "booked"
    )
    with pytest.raises(ValidationError):
        services.set_providers(
            shipment=shipment, carrier=carrier, freight_cost=Decimal("-1"), user=None
        )


def test_a_computed_load_plan_gives_pallets_weight_and_loading_metres(delivery) -> None:  # type: ignore[no-untyped-def]
    from comptoir.logistics import runner
    from comptoir.logistics.models import Equipment
    from comptoir.logistics.services import ensure_standard_equipment
    from comptoir.sales import services as sales

    ensure_standard_equipment()
    Equipment.objects.update(freight_price=Decimal("900"))
    plan = sales.plan_load_for_delivery(delivery=delivery, user=None)
    runner.start(plan=plan, user=None, language="en")  # queued (the job waits for a commit)
    runner.run(pk=plan.pk, user_id=None, language="en")  # what the worker then runs
    plan.refresh_from_db()
    assert plan.result is not None, plan.error
    totals = plan.result.totals
    delivery.refresh_from_db()
    shipment = services.create_from_deliveries(
        deliveries=[delivery], mode="road_groupage", user=None
    )
    assert shipment.packages == totals.pallets == 1 and shipment.package_kind == "pallets"
    # the pallet's tare is in the plan's gross weight, not in the cartons' 52 kg
    assert shipment.gross_weight_kg == Decimal(str(totals.gross_weight)).quantize(Decimal("0.001"))
    assert shipment.gross_weight_kg > Decimal("52")
    # one EUR pallet 120 x 80 on a 2.40 m wide trailer: 0.4 loading metre
    assert shipment.loading_metres == Decimal("0.40")
