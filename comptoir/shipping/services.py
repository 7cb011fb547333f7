"""Writes of the shipping area: shipments, their goods, containers, milestones and events.

Every service takes validated values (:mod:`.inputs`) as keyword arguments, checks the role
first and writes in one transaction; the history names the author. Sales records are read
through ``sales.selectors`` and never written here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from decimal import ROUND_CEILING, Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Field, Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.common import gates
from comptoir.common.values import apply_values
from comptoir.parties.models import Company
from comptoir.sales import selectors as sales_selectors
from comptoir.sales.models import Delivery
from comptoir.trade import containers as iso6346
from comptoir.trade import freight
from comptoir.trade.errors import TradeInputError
from comptoir.trade.invoicing import EU_MEMBER_STATES

from . import notices, status_report
from .inputs import (
    ContainerValues,
    EventValues,
    MilestonePlan,
    ShipmentDetails,
    ShipmentLineValues,
)
from .models import (
    STEPS_IN_ORDER,
    Container,
    Milestone,
    Mode,
    Shipment,
    ShipmentDelivery,
    ShipmentLine,
    Step,
    TrackingEvent,
)
from .status_report import StatusReport

#: Monaco is inside the EU customs territory with France (UCC art. 4).
CUSTOMS_UNION = EU_MEMBER_STATES | {"MC"}

#: The step reached -> the shipment's status (cancelled and closed are set by hand).
STATUS_AFTER_STEP = {
    Step.READY.value: Shipment.Status.PLANNED,
    Step.PICKUP.value: Shipment.Status.IN_TRANSIT,
    Step.EXPORT_CLEARANCE.value: Shipment.Status.IN_TRANSIT,
    Step.DEPARTURE.value: Shipment.Status.IN_TRANSIT,
    Step.TRANSHIPMENT.value: Shipment.Status.IN_TRANSIT,
    Step.ARRIVAL.value: Shipment.Status.ARRIVED,
    Step.IMPORT_CLEARANCE.value: Shipment.Status.ARRIVED,
    Step.DELIVERY.value: Shipment.Status.DELIVERED,
    Step.PROOF_OF_DELIVERY.value: Shipment.Status.DELIVERED,
}
FINAL_STATUSES = {Shipment.Status.CLOSED, Shipment.Status.CANCELLED}

#: A shipment holds at most this many lines, containers or deliveries (a costly input).
MAX_LINES = 500
MAX_CONTAINERS = 200
MAX_DELIVERIES = 50


def crosses_customs_border(origin: str, destination: str) -> bool:
    """True when the goods leave or enter the EU customs territory (clearance steps apply)."""
    return (origin.upper() in CUSTOMS_UNION) != (destination.upper() in CUSTOMS_UNION)


def _check_details(details: ShipmentDetails) -> None:
    errors: dict[str, str] = {}
    if details.mode not in Mode.values:
        errors["mode"] = _("Choose a mode of transport.")
    if (
        details.gross_weight_kg is not None
        and details.net_weight_kg is not None
        and details.gross_weight_kg < details.net_weight_kg
    ):
        errors["gross_weight_kg"] = _("The gross weight cannot be lower than the net weight.")
    if (
        details.temperature_min_c is not None
        and details.temperature_max_c is not None
        and details.temperature_max_c < details.temperature_min_c
    ):
        errors["temperature_max_c"] = _("The maximum temperature is below the minimum.")
    unknown = [s for s in details.notify_steps if s not in STEPS_IN_ORDER]
    if unknown:
        errors["notify_steps"] = _("Unknown step: %(steps)s.") % {"steps": ", ".join(unknown)}
    if errors:
        raise ValidationError(errors)


def _apply_details(shipment: Shipment, details: ShipmentDetails) -> None:
    apply_values(shipment, details, skip=("notify_steps",))
    shipment.notify_steps = (
        "," + ",".join(details.notify_steps) + "," if details.notify_steps else ""
    )


def _number(shipment: Shipment) -> str:
    prefix = "EXP" if shipment.direction == "export" else "IMP"
    return f"{prefix}-{shipment.created_at:%Y}-{shipment.pk:05d}"


def _default_milestones(shipment: Shipment, ready_on: dt.date | None) -> None:
    clearance = crosses_customs_border(shipment.origin_country, shipment.destination_country)
    for step in STEPS_IN_ORDER:
        if step == Step.TRANSHIPMENT:
            continue  # added when the route has one
        if step in (Step.EXPORT_CLEARANCE, Step.IMPORT_CLEARANCE) and not clearance:
            continue
        Milestone.objects.create(
            shipment=shipment, step=step, planned_on=ready_on if step == Step.READY else None
        )


def create_shipment(
    *,
    details: ShipmentDetails,
    lines: Sequence[ShipmentLineValues],
    user: Actor,
    deliveries: Sequence[Delivery] = (),
    ready_on: dt.date | None = None,
) -> Shipment:
    """A new shipment with its goods and the usual milestones (clearance steps only when the
    goods cross the EU customs border)."""
    require(user, Action.CREATE, Record.SHIPMENT)
    _check_details(details)
    if len(lines) > MAX_LINES:
        raise ValidationError({"lines": _("At most %(n)d lines.") % {"n": MAX_LINES}})
    if len(deliveries) > MAX_DELIVERIES:
        raise ValidationError(
            {"deliveries": _("At most %(n)d deliveries in one shipment.") % {"n": MAX_DELIVERIES}}
        )
    with transaction.atomic():
        taken = ShipmentDelivery.objects.filter(delivery__in=deliveries).select_related(
            "delivery", "shipment"
        )
        if taken:
            first = taken[0]
            raise ValidationError(
                {
                    "deliveries": _("Delivery %(delivery)s already travels in %(shipment)s.")
                    % {"delivery": first.delivery.number, "shipment": first.shipment}
                }
            )
        shipment = Shipment(created_by=author(user))
        _apply_details(shipment, details)
        stamp(shipment, user)
        shipment.save()
        shipment.number = _number(shipment)
        shipment.save(update_fields=["number"])
        for delivery in deliveries:
            ShipmentDelivery.objects.create(shipment=shipment, delivery=delivery)
        _write_lines(shipment, lines, user)
        _default_milestones(shipment, ready_on)
    return shipment


def save_shipment(*, shipment: Shipment, details: ShipmentDetails, user: Actor) -> Shipment:
    require(user, Action.CHANGE, Record.SHIPMENT)
    _check_details(details)
    with transaction.atomic():
        target = Shipment.objects.select_for_update().get(pk=shipment.pk)
        _apply_details(target, details)
        stamp(target, user)
        target.save()
    return target


def set_providers(
    *,
    shipment: Shipment,
    user: Actor,
    carrier: Company | None,
    forwarder: Company | None = None,
    freight_cost: Decimal | None = None,
    freight_currency: str = "",
    reason: str = "",
) -> Shipment:
    """Name the carrier (and forwarder) chosen for the shipment and the carriage price agreed;
    a planned shipment is then booked. Freight quotes call this when a quote is accepted."""
    require(user, Action.CHANGE, Record.SHIPMENT)
    if freight_cost is not None and (freight_cost < 0 or len(freight_currency) != 3):
        raise ValidationError(
            {"freight_cost": _("Give the freight cost as a positive amount with its currency.")}
        )
    with transaction.atomic():
        target = Shipment.objects.select_for_update().get(pk=shipment.pk)
        target.carrier = carrier
        if forwarder is not None:
            target.forwarder = forwarder
        if freight_cost is not None:
            target.freight_cost = freight_cost
            target.freight_currency = freight_currency.upper()
        if target.status == Shipment.Status.PLANNED and (carrier or target.forwarder) is not None:
            target.status = Shipment.Status.BOOKED
        stamp(target, user, reason)
        target.save()
    return target


def set_status(*, shipment: Shipment, status: str, user: Actor, reason: str = "") -> Shipment:
    """Close or cancel a shipment (other statuses follow the milestones)."""
    require(user, Action.CHANGE, Record.SHIPMENT)
    if status not in (Shipment.Status.CLOSED, Shipment.Status.CANCELLED):
        raise ValidationError({"status": _("Only closing or cancelling is done by hand.")})
    with transaction.atomic():
        target = Shipment.objects.select_for_update().get(pk=shipment.pk)
        if (
            status == Shipment.Status.CANCELLED
            and target.milestones.filter(
                step__in=[Step.DEPARTURE, Step.ARRIVAL, Step.DELIVERY], actual_at__isnull=False
            ).exists()
        ):
            raise ValidationError(
                {"status": _("Goods that have left cannot be cancelled: close the shipment.")}
            )
        target.status = status
        stamp(target, user, reason)
        target.save()
    return target


def _write_lines(shipment: Shipment, lines: Sequence[ShipmentLineValues], user: Actor) -> None:
    for position, values in enumerate(lines, start=1):
        line = ShipmentLine(shipment=shipment, position=position)
        apply_values(line, values)
        line.full_clean(exclude=["shipment"])
        stamp(line, user)
        line.save()


def save_lines(*, shipment: Shipment, lines: Sequence[ShipmentLineValues], user: Actor) -> None:
    """Replace the goods of a shipment (documents already issued keep their own copy)."""
    require(user, Action.CHANGE, Record.SHIPMENT)
    if not lines:
        raise ValidationError({"lines": _("A shipment carries at least one line of goods.")})
    if len(lines) > MAX_LINES:
        raise ValidationError({"lines": _("At most %(n)d lines.") % {"n": MAX_LINES}})
    with transaction.atomic():
        Shipment.objects.select_for_update().get(pk=shipment.pk)
        shipment.lines.all().delete()
        _write_lines(shipment, lines, user)


def container_number(value: str, field: str = "number") -> str:
    """The container number normalised, or a ValidationError naming the ISO 6346 rule."""
    code = iso6346.normalise(value)
    if not iso6346.is_well_formed(code):
        raise ValidationError(
            {
                field: _(
                    "%(value)s is not a container number: 4 letters (owner code and U, J or Z) "
                    "then 7 digits, e.g. MSCU1234566 (ISO 6346)."
                )
                % {"value": value}
            }
        )
    expected = iso6346.check_digit(code[:10])
    if int(code[10]) != expected:
        raise ValidationError(
            {
                field: _(
                    "%(value)s: the check digit should be %(expected)d, not %(given)s "
                    "(ISO 6346): a character was probably mistyped."
                )
                % {"value": code, "expected": expected, "given": code[10]}
            }
        )
    return code


def save_containers(
    *, shipment: Shipment, containers: Sequence[ContainerValues], user: Actor
) -> list[Container]:
    """Replace the containers of a shipment; every number must pass the ISO 6346 check."""
    require(user, Action.CHANGE, Record.SHIPMENT)
    if len(containers) > MAX_CONTAINERS:
        raise ValidationError(
            {"containers": _("At most %(n)d containers.") % {"n": MAX_CONTAINERS}}
        )
    numbers = [
        container_number(c.number, f"containers.{i}.number") for i, c in enumerate(containers)
    ]
    if len(set(numbers)) != len(numbers):
        raise ValidationError({"containers": _("The same container is entered twice.")})
    saved: list[Container] = []
    with transaction.atomic():
        Shipment.objects.select_for_update().get(pk=shipment.pk)
        shipment.containers.all().delete()
        for number, values in zip(numbers, containers, strict=True):
            container = Container(shipment=shipment)
            apply_values(container, values)
            container.number = number
            stamp(container, user)
            container.save()
            saved.append(container)
    return saved


def plan_milestones(*, shipment: Shipment, plans: Sequence[MilestonePlan], user: Actor) -> None:
    """Set the planned dates (and places) of the steps; a step not there yet is added."""
    require(user, Action.CHANGE, Record.SHIPMENT)
    for plan in plans:
        if plan.step not in STEPS_IN_ORDER:
            raise ValidationError({"step": _("Unknown step: %(steps)s.") % {"steps": plan.step}})
    dated = sorted(
        (p for p in plans if p.planned_on is not None), key=lambda p: STEPS_IN_ORDER.index(p.step)
    )
    for before, after in zip(dated, dated[1:], strict=False):
        assert before.planned_on is not None and after.planned_on is not None
        if after.planned_on < before.planned_on:
            raise ValidationError(
                {
                    after.step: _(
                        "%(later)s is planned before %(earlier)s: the steps follow the goods."
                    )
                    % {"later": Step(after.step).label, "earlier": Step(before.step).label}
                }
            )
    with transaction.atomic():
        Shipment.objects.select_for_update().get(pk=shipment.pk)
        for plan in plans:
            milestone, _created = Milestone.objects.get_or_create(shipment=shipment, step=plan.step)
            milestone.planned_on = plan.planned_on
            milestone.location = plan.location or milestone.location
            stamp(milestone, user)
            milestone.save()


def _check_order(shipment: Shipment, step: str, when: dt.datetime) -> None:
    """A step cannot happen before an earlier step, nor after a later one that already did."""
    rank = STEPS_IN_ORDER.index(step)
    for other in shipment.milestones.filter(actual_at__isnull=False).exclude(step=step):
        assert other.actual_at is not None
        other_rank = STEPS_IN_ORDER.index(other.step)
        too_early = other_rank < rank and when < other.actual_at
        too_late = other_rank > rank and when > other.actual_at
        if too_early or too_late:
            raise ValidationError(
                {
                    "occurred_at": _(
                        "%(step)s on %(when)s contradicts %(other)s on %(other_when)s: the steps "
                        "of a shipment happen in order (ready, pick-up, clearance, departure, "
                        "arrival, delivery)."
                    )
                    % {
                        "step": Step(step).label,
                        "when": date_format(timezone.localtime(when), "SHORT_DATETIME_FORMAT"),
                        "other": Step(other.step).label,
                        "other_when": date_format(
                            timezone.localtime(other.actual_at), "SHORT_DATETIME_FORMAT"
                        ),
                    }
                }
            )


def _check_event(values: EventValues) -> None:
    errors: dict[str, str] = {}
    if values.step and values.step not in STEPS_IN_ORDER:
        errors["step"] = _("Unknown step: %(steps)s.") % {"steps": values.step}
    if timezone.is_naive(values.occurred_at):
        errors["occurred_at"] = _("Give the time with its time zone.")
    elif values.occurred_at > timezone.now() + dt.timedelta(days=1):
        errors["occurred_at"] = _("An event cannot be dated in the future.")
    if not values.description.strip():
        errors["description"] = _("Say what happened.")
    if errors:
        raise ValidationError(errors)


def _status_after(shipment: Shipment) -> str:
    if shipment.status in FINAL_STATUSES:
        return shipment.status
    reached = [
        m.step
        for m in shipment.milestones.filter(actual_at__isnull=False)
        if m.step in STATUS_AFTER_STEP
    ]
    if not reached:
        booked = shipment.carrier_id is not None or shipment.forwarder_id is not None
        return Shipment.Status.BOOKED if booked else Shipment.Status.PLANNED
    last = max(reached, key=STEPS_IN_ORDER.index)
    return STATUS_AFTER_STEP[last]


def record_event(*, shipment: Shipment, event: EventValues, user: Actor) -> TrackingEvent:
    """Store a tracking event; an event with a step dates that milestone (in order only) and
    moves the shipment's status on."""
    require(user, Action.CHANGE, Record.SHIPMENT)
    _check_event(event)
    if event.container_number:
        container_number(event.container_number, "container_number")
    with transaction.atomic():
        target = Shipment.objects.select_for_update().get(pk=shipment.pk)
        if target.status in FINAL_STATUSES:
            raise ValidationError(
                {
                    "shipment": _("This shipment is %(status)s.")
                    % {"status": target.get_status_display()}
                }
            )
        if event.step:
            _check_order(target, event.step, event.occurred_at)
            if event.step == Step.DEPARTURE:
                refused = gates.refusals(gates.SHIPMENT_DEPARTURE, shipment=target)
                if refused:
                    raise ValidationError({"step": refused})
            milestone, _created = Milestone.objects.get_or_create(shipment=target, step=event.step)
            milestone.actual_at = event.occurred_at
            if event.location:
                milestone.location = event.location
            stamp(milestone, user)
            milestone.save()
        saved = TrackingEvent.objects.create(
            shipment=target,
            occurred_at=event.occurred_at,
            step=event.step,
            location=event.location,
            locode=event.locode.upper(),
            description=event.description.strip(),
            container_number=iso6346.normalise(event.container_number),
            source=event.source,
            created_by=author(user),
        )
        status = _status_after(target)
        if status != target.status:
            target.status = status
            stamp(target, user)
            target.save(update_fields=["status", "updated_at"])
        if event.step:
            notices.queue_due_notices(shipment_ids=[target.pk], user=user)
    return saved


# --------------------------------------------------------------------- from deliveries


def _lines_from_delivery(delivery: Delivery, language: str) -> list[ShipmentLineValues]:
    packages = sales_selectors.delivery_packages(delivery)
    lines: list[ShipmentLineValues] = []
    for row in packages["rows"]:
        product, line = row["product"], row["line"]
        order_line = line.order_line
        price = order_line.unit_price * (1 - order_line.discount_pct / 100)
        name = product.name_fr if language == "fr" else product.name_en
        lines.append(
            ShipmentLineValues(
                product=product,
                description=(order_line.description or name)[:300],
                hs_code=product.cn8 or product.hs_code,
                origin_country=product.origin_country,
                quantity=line.quantity,
                packages=row["cartons"],
                package_kind=_("cartons") if row["cartons"] else "",
                net_weight_kg=row["net"],
                gross_weight_kg=row["gross"],
                value=(price * line.quantity).quantize(Decimal("0.01")),
                un_number=product.un_number,
                dangerous_class=product.dangerous_class,
                packing_group=product.packing_group,
            )
        )
    return lines


def _volume_m3(lines: Sequence[ShipmentLineValues]) -> Decimal | None:
    total = Decimal(0)
    for line in lines:
        p = line.product
        if p is None or line.packages is None or not p.carton_length_cm:
            return None
        assert p.carton_width_cm is not None and p.carton_height_cm is not None
        total += p.carton_length_cm * p.carton_width_cm * p.carton_height_cm * line.packages
    return (total / Decimal(1_000_000)).quantize(Decimal("0.001"))


def _pallets(lines: Sequence[ShipmentLineValues]) -> int | None:
    count = 0
    for line in lines:
        p = line.product
        if p is None or line.packages is None or not p.cartons_per_pallet:
            return None
        count += math.ceil(line.packages / p.cartons_per_pallet)
    return count


def _chargeable(mode: str, gross: Decimal, volume: Decimal | None) -> Decimal | None:
    """The carrier's chargeable weight from the trade core (IATA 6000 cm³/kg, express 5000,
    road 333 kg/m³, LCL 1 t = 1 m³), on the whole consignment."""
    core_mode = {
        Mode.AIR: "air",
        Mode.EXPRESS: "express",
        Mode.ROAD_GROUPAGE: "road",
        Mode.SEA_LCL: "sea_lcl",
    }.get(Mode(mode))
    if core_mode is None or volume is None or gross <= 0:
        return None
    # the whole volume as one piece of 1 m x 1 m x h: the same volume, so the same volume weight
    height = volume * 100
    try:
        result = freight.chargeable_weight(
            core_mode,
            [
                freight.Piece(
                    length_cm=Decimal(100), width_cm=Decimal(100), height_cm=height, weight_kg=gross
                )
            ],
            basis="shipment",
        )
    except TradeInputError:
        return None
    # stored to 0.1 kg, rounded up as carriers do (air is already rounded up to 0.5 kg)
    return result.chargeable_weight_kg.quantize(Decimal("0.1"), rounding=ROUND_CEILING)


def _loading_metres(mode: str, pallets: int | None) -> Decimal | None:
    if mode not in Mode.road() or not pallets:
        return None
    result = freight.loading_metres(
        [freight.Pallet(length_cm=Decimal(120), width_cm=Decimal(80), quantity=pallets)]
    )
    return result.loading_metres.quantize(Decimal("0.01"))


def _from_load_plans(deliveries: Sequence[Delivery], mode: str) -> dict[str, Any] | None:
    """Packages, gross weight (pallets included), volume and loading metres from the
    deliveries' computed load plans, when every delivery has one: the warehouse loads what
    the plan says, so the transport documents declare the same."""
    results = [d.load_plan.result if d.load_plan is not None else None for d in deliveries]
    if not results or any(r is None for r in results):
        return None
    pallets = sum(r.totals.pallets for r in results if r is not None)
    cartons = sum(r.totals.cartons for r in results if r is not None)
    gross = sum((Decimal(str(r.totals.gross_weight)) for r in results if r is not None), Decimal(0))
    volume = sum((Decimal(str(r.totals.volume_m3)) for r in results if r is not None), Decimal(0))
    gross, volume = gross.quantize(Decimal("0.001")), volume.quantize(Decimal("0.001"))
    spec = next((r.pallet for r in results if r is not None and r.pallet is not None), None)
    metres = None
    if mode in Mode.road() and pallets and spec is not None:
        metres = freight.loading_metres(
            [
                freight.Pallet(
                    length_cm=Decimal(str(spec.length)),
                    width_cm=Decimal(str(spec.width)),
                    # counted on the floor: the carrier charges the floor they take
                    quantity=pallets,
                )
            ]
        ).loading_metres.quantize(Decimal("0.01"))
    return {
        "packages": pallets or cartons,
        "package_kind": _("pallets") if pallets else _("cartons"),
        "gross_weight_kg": gross,
        "volume_m3": volume,
        "chargeable_weight_kg": _chargeable(mode, gross, volume),
        "loading_metres": metres,
    }


def create_from_deliveries(*, deliveries: Sequence[Delivery], mode: str, user: Actor) -> Shipment:
    """A shipment for deliveries of one client: Incoterm, place, payment instrument and
    currency from the order, goods, packages and weights from the deliveries' products,
    chargeable weight and loading metres from the trade core."""
    if not deliveries:
        raise ValidationError({"deliveries": _("Choose at least one delivery.")})
    orders = {d.order_id: d.order for d in deliveries}
    first = deliveries[0].order
    if len({o.client_id for o in orders.values()}) > 1:
        raise ValidationError({"deliveries": _("The deliveries must be for one client.")})
    if len({(o.incoterm, o.incoterm_place, o.currency) for o in orders.values()}) > 1:
        raise ValidationError(
            {"deliveries": _("The orders have different Incoterms or currencies: ship them apart.")}
        )
    client = first.client
    language = first.language or client.language
    lines = [line for d in deliveries for line in _lines_from_delivery(d, language)]
    address = deliveries[0].delivery_address or first.delivery_address
    destination = address.country if address is not None else client.country
    gross = sum((line.gross_weight_kg for line in lines), Decimal(0))
    net = sum((line.net_weight_kg for line in lines), Decimal(0))
    volume = _volume_m3(lines)
    cartons = [line.packages for line in lines]
    details = ShipmentDetails(
        mode=mode,
        partner=client,
        consignee=client,
        consignee_address=address,
        incoterm=first.incoterm,
        incoterm_place=first.incoterm_place,
        payment_instrument=first.payment_instrument,
        origin_country=first.ship_from_country or "FR",
        destination_country=destination,
        value=sum((line.value for line in lines), Decimal(0)),
        currency=first.currency,
        reference=", ".join(sorted({o.number or "" for o in orders.values()})),
        place_of_delivery=address.city if address is not None else client.city,
        goods_description="; ".join(sorted({line.description for line in lines}))[:1000],
        marks_and_numbers=f"{client.name}\n{', '.join(sorted({o.number or '' for o in orders.values()}))}",
        packages=sum(c for c in cartons if c) if all(cartons) else None,
        package_kind=_("cartons") if all(cartons) else "",
        gross_weight_kg=gross,
        net_weight_kg=net,
        volume_m3=volume,
        chargeable_weight_kg=_chargeable(mode, gross, volume),
        loading_metres=_loading_metres(mode, _pallets(lines)),
        insured_value=None,
    )
    planned = _from_load_plans(deliveries, mode)
    if planned is not None:
        details = dataclasses.replace(details, **planned)
    ready_on = min(d.planned_date for d in deliveries)
    return create_shipment(
        details=details, lines=lines, user=user, deliveries=deliveries, ready_on=ready_on
    )


# --------------------------------------------------------------------- status reports


def _status_from(shipment: Shipment, milestones: Iterable[Milestone]) -> str:
    """The status the dated milestones give (as :func:`_status_after`, from memory)."""
    if shipment.status in FINAL_STATUSES:
        return shipment.status
    reached = [
        m.step for m in milestones if m.actual_at is not None and m.step in STATUS_AFTER_STEP
    ]
    if not reached:
        booked = shipment.carrier_id is not None or shipment.forwarder_id is not None
        return Shipment.Status.BOOKED if booked else Shipment.Status.PLANNED
    return STATUS_AFTER_STEP[max(reached, key=STEPS_IN_ORDER.index)]


def _update_rows(model: type[Model], objects: Sequence[Model], fields: Sequence[str]) -> None:
    """``UPDATE ... WHERE id = ?`` for each object, in one ``executemany``: Django's
    ``bulk_update`` writes one CASE per field and row, some twenty times slower here."""
    meta = model._meta
    quote = connection.ops.quote_name
    columns = [field for name in fields if isinstance(field := meta.get_field(name), Field)]
    assert meta.pk is not None
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(meta.db_table),
        ", ".join(f"{quote(str(f.column))} = %s" for f in columns),
        quote(str(meta.pk.column)),
    )
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in columns] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def import_status_report(
    *, stream: IO[bytes], filename: str, time_zone: str, user: Actor
) -> StatusReport:
    """Import a forwarder's status report: every valid row in one transaction, the others
    listed with their line, column and reason (:mod:`.status_report`).

    The rows are played shipment by shipment in time order, with the shipments locked: a
    step is dated by its first event (in order only), an event already there is skipped,
    an ETA column moves the planned arrival while the goods are on their way; the statuses
    follow and the partner's notices are queued. Events, milestones and statuses are written
    in bulk (10,000 rows in a few seconds), the milestones' and statuses' history kept."""
    require(user, Action.CHANGE, Record.SHIPMENT)
    report = status_report.read_report(stream, filename, time_zone)
    if report.fatal or not report.events:
        return report
    recorded_by = author(user)
    reason = f"status report {filename}"[:100]
    with transaction.atomic():
        ids = sorted({e.row.shipment.pk for e in report.events if e.row.shipment})
        locked: dict[int, Shipment] = {}
        for start in range(0, len(ids), 500):
            for shipment in Shipment.objects.select_for_update().filter(
                pk__in=ids[start : start + 500]
            ):
                locked[shipment.pk] = shipment
        kept = []
        for event in report.events:
            assert event.row.shipment is not None
            shipment = locked[event.row.shipment.pk]
            if shipment.status in FINAL_STATUSES:  # closed since the file was read
                report.problems.append(
                    status_report.RowProblem(
                        event.row.line,
                        "",
                        _("This shipment is %(status)s.")
                        % {"status": shipment.get_status_display()},
                    )
                )
                continue
            if event.step == Step.DEPARTURE and (
                refused := gates.refusals(gates.SHIPMENT_DEPARTURE, shipment=shipment)
            ):
                report.problems.append(status_report.RowProblem(event.row.line, "", refused[0]))
                continue
            event.row.shipment = shipment
            kept.append(event)
        report.events = kept
        plan = status_report.plan_import(report)
        TrackingEvent.objects.bulk_create(
            [
                TrackingEvent(
                    shipment=e.row.shipment,
                    occurred_at=e.row.occurred_at,
                    step=e.step,
                    location=e.row.location,
                    locode=e.row.locode,
                    description=e.row.description,
                    container_number=e.row.container_number,
                    source=TrackingEvent.Source.IMPORT,
                    created_by=recorded_by,
                )
                for e in report.events
            ],
            batch_size=1000,
        )
        new_milestones: list[Milestone] = []
        changed_milestones: list[Milestone] = []
        changed_shipments: list[Shipment] = []
        now = timezone.now()
        for changes in plan.changes.values():
            if changes.eta is not None:
                arrival = changes.milestones.get(Step.ARRIVAL.value)
                if arrival is None:
                    arrival = Milestone(shipment=changes.shipment, step=Step.ARRIVAL.value)
                    changes.milestones[Step.ARRIVAL.value] = arrival
                    changes.created_steps.add(Step.ARRIVAL.value)
                if arrival.actual_at is None and arrival.planned_on != changes.eta:
                    arrival.planned_on = changes.eta
                    changes.changed_steps.add(Step.ARRIVAL.value)
            for step in changes.changed_steps | changes.created_steps:
                milestone = changes.milestones[step]
                (new_milestones if step in changes.created_steps else changed_milestones).append(
                    milestone
                )
            shipment = changes.shipment
            status = _status_from(shipment, changes.milestones.values())
            if status != shipment.status:
                shipment.status = status
                shipment.updated_at = now
                changed_shipments.append(shipment)
        if new_milestones:
            bulk_create_with_history(
                new_milestones,
                Milestone,
                batch_size=500,
                default_user=recorded_by,
                default_change_reason=reason,
            )
        for model, objects, fields in (
            (Milestone, changed_milestones, ("actual_at", "location", "planned_on")),
            (Shipment, changed_shipments, ("status", "updated_at")),
        ):
            if objects:
                _update_rows(model, objects, fields)
                model.history.bulk_history_create(
                    objects, update=True, default_user=recorded_by, default_change_reason=reason
                )
        dated = [pk for pk, c in plan.changes.items() if c.changed_steps]
        notices.queue_due_notices(shipment_ids=dated, user=user)
    report.imported = len(report.events)
    return report
