"""The clean values the shipping services take (forms, serializers and imports build them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from comptoir.catalog.models import Product
from comptoir.parties.models import Address, Company


@dataclass(frozen=True, kw_only=True)
class ShipmentDetails:
    """What the user sets on a shipment (the goods lines and milestones are separate)."""

    mode: str
    partner: Company
    incoterm: str
    origin_country: str
    destination_country: str
    value: Decimal
    currency: str = "EUR"
    direction: str = "export"
    reference: str = ""
    shipper: Company | None = None
    consignee: Company | None = None
    consignee_address: Address | None = None
    notify: Company | None = None
    carrier: Company | None = None
    forwarder: Company | None = None
    customs_broker: Company | None = None
    incoterm_place: str = ""
    payment_instrument: str = ""
    place_of_loading: str = ""
    loading_locode: str = ""
    place_of_discharge: str = ""
    discharge_locode: str = ""
    place_of_delivery: str = ""
    delivery_locode: str = ""
    vessel: str = ""
    voyage: str = ""
    flight: str = ""
    transport_document_number: str = ""
    goods_description: str = ""
    marks_and_numbers: str = ""
    packages: int | None = None
    package_kind: str = ""
    gross_weight_kg: Decimal | None = None
    net_weight_kg: Decimal | None = None
    volume_m3: Decimal | None = None
    chargeable_weight_kg: Decimal | None = None
    loading_metres: Decimal | None = None
    temperature_min_c: Decimal | None = None
    temperature_max_c: Decimal | None = None
    handling_instructions: str = ""
    insured_value: Decimal | None = None
    notify_steps: tuple[str, ...] = ("departure", "arrival")


@dataclass(frozen=True, kw_only=True)
class ShipmentLineValues:
    description: str
    quantity: Decimal
    net_weight_kg: Decimal
    gross_weight_kg: Decimal
    value: Decimal
    product: Product | None = None
    hs_code: str = ""
    origin_country: str = ""
    packages: int | None = None
    package_kind: str = ""
    un_number: str = ""
    dangerous_class: str = ""
    packing_group: str = ""


@dataclass(frozen=True, kw_only=True)
class ContainerValues:
    number: str
    seal_number: str = ""
    equipment_code: str = ""
    packages: int | None = None
    gross_weight_kg: Decimal | None = None
    verified_gross_mass_kg: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class EventValues:
    """One tracking event; with a ``step``, it dates that milestone."""

    occurred_at: dt.datetime
    description: str
    step: str = ""
    location: str = ""
    locode: str = ""
    container_number: str = ""
    source: str = "manual"


@dataclass(frozen=True, kw_only=True)
class MilestonePlan:
    step: str
    planned_on: dt.date | None
    location: str = ""
