"""The typed values the customs services take (validated at the edge by a form, a
serializer or an import row)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from comptoir.catalog.models import Product
    from comptoir.parties.models import Company
    from comptoir.shipping.models import Shipment

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class TariffValues:
    code: str
    kind: str
    ad_valorem_pct: Decimal = ZERO
    specific_amount: Decimal = ZERO
    specific_unit: str = ""
    origin: str = ""
    agreement: str = ""
    producer: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class EntryValues:
    declared_on: dt.date
    currency: str = "EUR"
    exchange_rate: Decimal = Decimal(1)
    rate_date: dt.date | None = None
    shipment: Shipment | None = None
    supplier: Company | None = None
    broker: Company | None = None
    invoice_reference: str = ""
    incoterm: str = ""
    freight_to_border: Decimal = ZERO
    insurance_to_border: Decimal = ZERO
    transport_to_destination: Decimal = ZERO
    postponed_vat: bool = True
    vat_recoverable: bool = True
    broker_fees: Decimal = ZERO
    tolerance: Decimal = Decimal("1.00")


@dataclass(frozen=True, slots=True)
class LineValues:
    description: str
    cn_code: str
    origin: str
    quantity: Decimal
    invoice_amount: Decimal
    net_mass_kg: Decimal = ZERO
    product: Product | None = None
    agreement: str = ""
    proof_of_origin: str = ""
    producer: str = ""
    additions: Decimal = ZERO
    transport_after_border_in_price: Decimal = ZERO
    other_deductions: Decimal = ZERO
    other_taxes: Decimal = ZERO
    vat_rate: str = "20"
    #: True: the duty and anti-dumping rates come from the tariff table; False: the ones below
    rates_from_tariff: bool = True
    duty_pct: Decimal = ZERO
    specific_amount: Decimal = ZERO
    specific_unit: str = ""
    anti_dumping_pct: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class BrokerLineValues:
    position: int
    customs_value: Decimal | None = None
    duty: Decimal | None = None
    anti_dumping: Decimal | None = None
    vat: Decimal | None = None


@dataclass(frozen=True, slots=True)
class BrokerValues:
    """The figures of the broker's declaration (DAU / H1)."""

    mrn: str = ""
    declared_on: dt.date | None = None
    customs_value: Decimal | None = None
    duty: Decimal | None = None
    anti_dumping: Decimal | None = None
    vat: Decimal | None = None
    broker_fees: Decimal | None = None
    lines: tuple[BrokerLineValues, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportValues:
    mrn: str
    office_of_export: str
    declared_on: dt.date
    office_of_exit: str = ""
    invoice_reference: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ExitValues:
    exit_confirmed_on: dt.date
    exit_evidence: str = "exit_notice"
    office_of_exit: str = ""


@dataclass(frozen=True, slots=True)
class CarnetItemValues:
    description: str
    quantity: Decimal
    value: Decimal
    origin: str
    marks: str = ""
    weight_kg: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class CarnetValues:
    number: str
    issuing_chamber: str
    holder: str
    purpose: str
    issued_on: dt.date
    valid_until: dt.date | None = None
    representative: str = ""
    event: str = ""
    vouchers_bought: int = 0
    handled_by: User | None = None
    notes: str = ""
    items: tuple[CarnetItemValues, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class VisitValues:
    country: str
    entered_on: dt.date
    left_on: dt.date | None = None
    vouchers_used: int = 2
    office: str = ""


@dataclass(frozen=True, slots=True)
class ProcedureValues:
    kind: str
    description: str
    quantity: Decimal
    value: Decimal
    country: str
    exported_on: dt.date
    expected_return_on: dt.date | None = None
    export_mrn: str = ""
    shipment: Shipment | None = None
    handled_by: User | None = None
    notes: str = ""


#: The fields of an import declaration's line that the user types (the screen's form and the
#: API's serializer take the same ones; the computed amounts are the service's).
IMPORT_LINE_INPUTS = (
    "product",
    "description",
    "cn_code",
    "origin",
    "agreement",
    "proof_of_origin",
    "producer",
    "quantity",
    "net_mass_kg",
    "invoice_amount",
    "additions",
    "transport_after_border_in_price",
    "other_deductions",
    "other_taxes",
    "vat_rate",
    "rates_from_tariff",
    "duty_pct",
    "specific_amount",
    "specific_unit",
    "anti_dumping_pct",
)
