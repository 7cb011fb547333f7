"""The typed values the collection services take (validated by a form or a serializer)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from comptoir.parties.models import Company
    from comptoir.sales.models import Invoice, Order
    from comptoir.shipping.models import Shipment


@dataclass(frozen=True, slots=True)
class CollectionValues:
    """The collection and its instruction to our bank."""

    client: Company
    invoices: tuple[Invoice, ...]
    kind: str
    tenor: str
    remitting_bank_name: str
    collecting_bank_name: str
    collecting_bank_bic: str
    drawee_address: str = ""  # empty: the client's billing address
    tenor_days: int = 0
    fixed_due_date: dt.date | None = None
    bl_date: dt.date | None = None  # empty: the shipment's departure
    amount: Decimal | None = None  # empty: what is still due on the invoices
    currency: str = ""  # empty: the invoices'
    order: Order | None = None
    shipment: Shipment | None = None
    remitting_bank: Company | None = None
    remitting_bank_bic: str = ""
    remitting_reference: str = ""
    collecting_bank: Company | None = None
    collecting_bank_address: str = ""
    collecting_reference: str = ""
    bill_of_exchange: bool = False
    charges: str = "shared"
    charges_waivable: bool = False
    interest_rate: Decimal | None = None
    protest_non_payment: bool = False
    protest_non_acceptance: bool = False
    unpaid_instructions: str = ""
    case_of_need: str = ""
    case_of_need_powers: str = ""
    advise_by: str = "SWIFT"
    chase_after_days: int = 10
    handled_by: User | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class DocumentValues:
    kind: str
    reference: str = ""
    originals: int = 1
    copies: int = 0


@dataclass(frozen=True, slots=True)
class StepValues:
    """A follow-up step: what the bank advised and when."""

    step: str  # one of STEPS
    on: dt.date
    reference: str = ""
    reason: str = ""
    amount_received: Decimal | None = None
    bank_charges: Decimal = field(default=Decimal("0"))
    eur_per_unit: Decimal | None = None


#: The follow-up steps, in the order they usually come.
STEPS = ("sent", "at_bank", "accepted", "paid", "unpaid", "protested", "returned")
