"""The typed values the credit services take (validated at the edge by a form or a serializer)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from comptoir.parties.models import Company
    from comptoir.purchasing.models import PurchaseOrder
    from comptoir.sales.models import Invoice, Order
    from comptoir.shipping.models import Shipment


@dataclass(frozen=True, slots=True)
class DocumentValues:
    type: str
    originals: int = 1
    copies: int = 0
    issuer: str = ""
    legalised: bool = False
    consignee: str = ""
    notify: str = ""
    freight: str = ""
    clean_on_board: bool = False
    cover_pct: Decimal | None = None
    risks: str = ""
    details: str = ""


#: The credit's fields a form, a serializer or an amendment sets (``CreditValues``).
CREDIT_FIELDS = (
    "number",
    "applicant_name",
    "applicant_address",
    "beneficiary_name",
    "beneficiary_address",
    "issuing_bank",
    "issuing_bank_bic",
    "advising_bank",
    "advising_bank_bic",
    "confirming_bank",
    "confirming_bank_bic",
    "nominated_bank",
    "nominated_bank_bic",
    "confirmed",
    "transferable",
    "currency",
    "amount",
    "about",
    "tolerance_plus_pct",
    "tolerance_minus_pct",
    "issue_date",
    "expiry_date",
    "expiry_place",
    "expiry_country",
    "latest_shipment_date",
    "presentation_days",
    "availability",
    "usance_days",
    "usance_basis",
    "available_with",
    "partial_shipments",
    "transhipment",
    "incoterm",
    "named_place",
    "port_of_loading",
    "port_of_discharge",
    "goods_description",
    "quantity",
    "unit",
    "unit_price",
    "special_conditions",
    "charges",
    "purchase_reference",
    "notes",
)

#: What an amendment may change (the documents change by editing them after acceptance).
AMENDABLE = (
    "amount",
    "currency",
    "about",
    "tolerance_plus_pct",
    "tolerance_minus_pct",
    "expiry_date",
    "expiry_place",
    "expiry_country",
    "latest_shipment_date",
    "presentation_days",
    "availability",
    "usance_days",
    "available_with",
    "confirmed",
    "confirming_bank",
    "confirming_bank_bic",
    "partial_shipments",
    "transhipment",
    "incoterm",
    "named_place",
    "port_of_loading",
    "port_of_discharge",
    "goods_description",
    "quantity",
    "unit",
    "unit_price",
    "special_conditions",
    "charges",
)


@dataclass(frozen=True, slots=True)
class CreditValues:
    direction: str
    partner: Company
    currency: str
    amount: Decimal
    expiry_date: dt.date
    issuing_bank: str
    applicant_name: str
    beneficiary_name: str
    order: Order | None = None
    shipment: Shipment | None = None
    handled_by: User | None = None
    number: str = ""
    applicant_address: str = ""
    beneficiary_address: str = ""
    issuing_bank_bic: str = ""
    advising_bank: str = ""
    advising_bank_bic: str = ""
    confirming_bank: str = ""
    confirming_bank_bic: str = ""
    nominated_bank: str = ""
    nominated_bank_bic: str = ""
    confirmed: bool = False
    transferable: bool = False
    about: bool = False
    tolerance_plus_pct: Decimal | None = None
    tolerance_minus_pct: Decimal | None = None
    issue_date: dt.date | None = None
    expiry_place: str = ""
    expiry_country: str = "FR"
    latest_shipment_date: dt.date | None = None
    presentation_days: int = 21
    availability: str = "sight"
    usance_days: int = 0
    usance_basis: str = ""
    available_with: str = "advising"
    partial_shipments: str = "allowed"
    transhipment: str = "allowed"
    incoterm: str = ""
    named_place: str = ""
    port_of_loading: str = ""
    port_of_discharge: str = ""
    goods_description: str = ""
    quantity: Decimal | None = None
    unit: str = ""
    unit_price: Decimal | None = None
    special_conditions: str = ""
    charges: str = "usual"
    purchase_reference: str = ""
    notes: str = ""
    documents: tuple[DocumentValues, ...] = ()
    #: import: the purchase order the credit pays (its number becomes the purchase reference)
    purchase_order: PurchaseOrder | None = None


@dataclass(frozen=True, slots=True)
class AmendmentReceived:
    received_on: dt.date
    description: str
    changes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PresentationFields:
    """What the documents say, as the assistant checked or entered them (the form is
    filled from the invoice, the shipment and the packing list Comptoir knows)."""

    presented_on: dt.date
    bank: str
    documents: tuple[str, ...]  # the types presented
    invoice: Invoice | None = None
    invoice_issuer: str = ""
    invoice_addressee: str = ""
    invoice_date: dt.date | None = None
    invoice_currency: str = ""
    invoice_amount: Decimal | None = None
    invoice_quantity: Decimal | None = None
    invoice_unit_price: Decimal | None = None
    invoice_description: str = ""
    invoice_incoterm: str = ""
    invoice_place: str = ""
    bl_number: str = ""
    bl_date: dt.date | None = None
    on_board_date: dt.date | None = None
    port_of_loading: str = ""
    port_of_discharge: str = ""
    bl_clean: bool = True
    bl_clauses: str = ""
    bl_originals_issued: int | None = None
    bl_originals_presented: int | None = None
    bl_freight: str = ""
    bl_transhipment: bool = False
    bl_containerised: bool = False
    bl_gross_weight_kg: Decimal | None = None
    bl_description: str = ""
    insurance_date: dt.date | None = None
    insurance_effective_date: dt.date | None = None
    insurance_currency: str = ""
    insurance_amount: Decimal | None = None
    insurance_risks: str = ""
    packing_date: dt.date | None = None
    packing_gross_weight_kg: Decimal | None = None
    packing_packages: int | None = None
    origin_date: dt.date | None = None
    origin_country: str = ""


@dataclass(frozen=True, slots=True)
class BankAnswer:
    """The bank's answer to a presentation: ``paid``, ``accepted`` (deferred payment or an
    accepted draft, due later) or ``discrepant`` (a notice of refusal, art. 16)."""

    kind: str
    on: dt.date
    amount: Decimal | None = None
    due_date: dt.date | None = None
    charges: Decimal | None = None
    discrepancies: str = ""
    disposal: str = "holding_waiver"


PRESENTABLE = (
    "commercial_invoice",
    "bill_of_lading",
    "insurance",
    "packing_list",
    "certificate_of_origin",
)
