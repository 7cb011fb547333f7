"""The typed values the guarantee services take (validated by a form or a serializer)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from comptoir.parties.models import Company
    from comptoir.sales.models import Offer, Order


@dataclass(frozen=True, slots=True)
class GuaranteeValues:
    direction: str
    kind: str
    partner: Company
    amount: Decimal
    currency: str
    issuing_bank_name: str
    rules: str = "urdg758"
    governing_law: str = ""
    structure: str = "direct"
    issuing_bank: Company | None = None
    issuing_bank_bic: str = ""
    local_bank_name: str = ""
    local_bank_bic: str = ""
    bank_reference: str = ""
    presentation_country: str = "FR"
    order: Order | None = None
    offer: Offer | None = None
    purchase_reference: str = ""
    #: received: the purchase order secured (its number becomes the purchase reference)
    purchase_order_id: int | None = None
    underlying: str = ""
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None
    expiry_event: str = ""
    statement_required: bool = True
    fee_rate_pct: Decimal = Decimal("0")
    fee_minimum: Decimal = Decimal("0")
    remind_days: int = 30
    handled_by: User | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ReductionValues:
    amount_after: Decimal
    on: dt.date | None = None
    event: str = ""
    occurred_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class AmendmentValues:
    on: dt.date
    description: str
    new_amount: Decimal | None = None
    new_expiry_date: dt.date | None = None
    accepted: bool = True


@dataclass(frozen=True, slots=True)
class DemandValues:
    presented_on: dt.date
    amount: Decimal
    currency: str
    statement_of_breach: bool = True
    extend_or_pay: bool = False
    documents: str = ""


#: How a demand ends.
OUTCOMES = ("paid", "rejected", "extended", "withdrawn")
