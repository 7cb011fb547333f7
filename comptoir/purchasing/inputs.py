"""The clean values the purchasing services take (forms, serializers and the demo build
them; a service never sees a form)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile

from comptoir.catalog.models import Product
from comptoir.parties.models import Address, Company

from .models import PurchaseOrderLine


@dataclass(frozen=True, kw_only=True)
class OrderValues:
    supplier: Company
    order_date: dt.date
    currency: str
    incoterm: str
    named_place: str
    payment_instrument: str = "open_account"
    deposit_pct: Decimal = Decimal("0")
    balance_trigger: str = "invoice"
    payment_days: int = 0
    transport_mode: str = "sea"
    delivery_address: Address | None = None
    supplier_reference: str = ""
    requested_date: dt.date | None = None
    receipt_tolerance_pct: Decimal | None = None
    claim_days: int | None = None
    language: str = ""  # empty: the supplier's
    terms: str = ""
    notes: str = ""
    tender_id: int | None = None
    tender_reference: str = ""


@dataclass(frozen=True, kw_only=True)
class LineValues:
    product: Product
    quantity: Decimal
    unit_price: Decimal
    unit: str = "pcs"
    supplier_reference: str = ""
    description: str = ""
    requested_date: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class ConfirmationValues:
    received_on: dt.date
    currency: str
    incoterm: str
    named_place: str = ""
    reference: str = ""
    ready_date: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class ConfirmedLineValues:
    line: PurchaseOrderLine
    quantity: Decimal
    unit_price: Decimal
    date: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class MilestoneValues:
    kind: str
    planned_on: dt.date | None = None
    actual_on: dt.date | None = None
    label: str = ""
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class InspectionValues:
    inspector: str
    inspection_date: dt.date
    result: str = "pending"
    remarks: str = ""
    report: UploadedFile | None = None


@dataclass(frozen=True, kw_only=True)
class ReceiptValues:
    received_on: dt.date
    delivery_note: str = ""
    quality_result: str = "pass"
    remarks: str = ""


@dataclass(frozen=True, kw_only=True)
class ReceiptLineValues:
    line: PurchaseOrderLine
    quantity_received: Decimal
    #: what the packing list or delivery note announced; None: what is still to receive
    quantity_expected: Decimal | None = None
    #: None: all that was received (good condition)
    quantity_accepted: Decimal | None = None
    condition: str = "good"
    note: str = ""
