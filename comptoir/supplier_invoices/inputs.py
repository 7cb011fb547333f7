"""The clean values the supplier-invoice services take (forms and serializers build them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from comptoir.parties.models import Company
from comptoir.purchasing.models import PurchaseOrder


@dataclass(frozen=True, kw_only=True)
class InvoiceLineValues:
    """A line of the supplier's invoice: the order line it bills (its id), quantity, price."""

    order_line_id: int
    quantity: Decimal
    unit_price: Decimal
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class InvoiceValues:
    supplier: Company
    order: PurchaseOrder
    number: str
    invoice_date: dt.date
    currency: str
    lines: tuple[InvoiceLineValues, ...]
    received_on: dt.date | None = None
    incoterm: str = ""
    named_place: str = ""
    payment_days: int = 0
    end_of_month: bool = False
    terms_from: dt.date | None = None
    advance_deducted: Decimal = Decimal(0)
    eur_rate: Decimal | None = None  # None: the company's rate, else the ECB's, of the date
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class CreditNoteValues:
    number: str
    invoice_date: dt.date
    amount: Decimal
    reason: str


@dataclass(frozen=True, kw_only=True)
class PaymentValues:
    paid_on: dt.date
    amount: Decimal
    eur_rate: Decimal | None = None  # the bank's rate; None: the dated rate of the day
    reference: str = ""
    method: str = "transfer"


@dataclass(frozen=True, kw_only=True)
class SettingsValues:
    price_tolerance_pct: Decimal
    price_tolerance_eur: Decimal | None
    quantity_tolerance_pct: Decimal
    approval_threshold_eur: Decimal | None


@dataclass(frozen=True, kw_only=True)
class CostValues:
    """A cost of the landed cost, in its currency; ``direct``: EUR per receipt line id."""

    kind: str
    amount: Decimal
    currency: str = "EUR"
    basis: str = "value"
    label: str = ""
    provider: Company | None = None
    reference: str = ""
    on: dt.date | None = None  # the rate's date; None: the receipt date
    eur_rate: Decimal | None = None
    direct: dict[int, Decimal] | None = None
