"""Hand-made records for the operations dashboards' tests (created directly: the tests read
them, they do not test the services that write them)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from comptoir.calculators.models import ExchangeRate
from comptoir.parties.models import Company
from comptoir.sales.models import Delivery, Invoice, Order
from comptoir.shipping.models import Milestone, Shipment, ShipmentDelivery

D = Decimal


def usd_rate(rate: str = "0.92") -> None:
    ExchangeRate.objects.get_or_create(
        from_currency="USD",
        to_currency="EUR",
        valid_from=dt.date(2020, 1, 1),
        defaults={"rate": D(rate)},
    )


def company(name: str, country: str, roles: str = ",client,") -> Company:
    return Company.objects.create(name=name, country=country, city="X", roles=roles)


def at(day: dt.date) -> dt.datetime:
    """Noon of the day in the current time zone (its local date is the day)."""
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 12, 0))


def shipment(
    partner: Company,
    *,
    mode: str = "sea_fcl",
    origin: str = "FR",
    destination: str = "MA",
    kg: str | None = "1000",
    value: str = "10000",
    currency: str = "EUR",
    freight: str | None = None,
    freight_currency: str = "",
    status: str = Shipment.Status.DELIVERED,
    steps: dict[str, tuple[dt.date | None, dt.date | None]] | None = None,
    **fields: Any,
) -> Shipment:
    """A shipment and its milestones: ``steps`` maps a step to (planned day, actual day)."""
    made = Shipment.objects.create(
        mode=mode,
        partner=partner,
        incoterm="CIF",
        origin_country=origin,
        destination_country=destination,
        gross_weight_kg=D(kg) if kg is not None else None,
        value=D(value),
        currency=currency,
        freight_cost=D(freight) if freight is not None else None,
        freight_currency=freight_currency if freight is not None else "",
        status=status,
        **fields,
    )
    for step, (planned, actual) in (steps or {}).items():
        Milestone.objects.create(
            shipment=made,
            step=step,
            planned_on=planned,
            actual_at=at(actual) if actual else None,
        )
    return made


_numbers = {"n": 0}


def _next(prefix: str) -> str:
    _numbers["n"] += 1
    return f"{prefix}-{_numbers['n']:05d}"


def invoiced(
    made: Shipment,
    net: str,
    *,
    currency: str = "EUR",
    eur_rate: str = "1",
    issued: dt.date = dt.date(2026, 3, 20),
    credit: str | None = None,
) -> Invoice:
    """An issued invoice of a delivery carried by the shipment (and a credit note of
    ``credit`` on it when given)."""
    order = Order.objects.create(
        number=_next("SO"),
        client=made.partner,
        client_reference="ref",
        order_date=issued,
        currency=currency,
        incoterm_place="Casablanca",
        status="confirmed",
    )
    delivery = Delivery.objects.create(number=_next("DL"), order=order, planned_date=issued)
    ShipmentDelivery.objects.create(shipment=made, delivery=delivery)
    invoice = Invoice.objects.create(
        kind=Invoice.Kind.INVOICE,
        status=Invoice.Status.ISSUED,
        number=_next("INV"),
        client=made.partner,
        order=order,
        delivery=delivery,
        issue_date=issued,
        currency=currency,
        net_total=D(net),
        gross_total=D(net),
        eur_rate=D(eur_rate),
    )
    if credit is not None:
        Invoice.objects.create(
            kind=Invoice.Kind.CREDIT_NOTE,
            status=Invoice.Status.ISSUED,
            number=_next("CN"),
            client=made.partner,
            order=order,
            credited_invoice=invoice,
            issue_date=issued,
            currency=currency,
            net_total=D(credit),
            gross_total=D(credit),
            eur_rate=D(eur_rate),
        )
    return invoice
