"""Typed values the credit insurance services take (built by the forms and the API)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User

from comptoir.parties.models import Company
from comptoir.sales.models import Invoice


@dataclass(frozen=True, kw_only=True)
class PolicyValues:
    insurer: str
    number: str
    starts_on: dt.date
    ends_on: dt.date
    commercial_share_pct: Decimal
    political_share_pct: Decimal | None = None
    max_credit_days: int = 120
    threatened_loss_days: int = 60
    waiting_period_days: int = 150
    premium_rate_pct: Decimal = Decimal("0")
    discretionary_limit: Decimal = Decimal("0")
    refuse_when_cancelled: bool = False
    responsible: User | None = None
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class CoverRequest:
    buyer: Company
    amount: Decimal
    requested_on: dt.date
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class CoverDecision:
    state: str  # granted, reduced, refused, cancelled
    amount: Decimal
    decided_on: dt.date
    effective_from: dt.date | None = None
    insurer_reference: str = ""
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class DeclarationValues:
    buyer: Company
    invoices: list[Invoice] = field(default_factory=list)
    declared_on: dt.date
    amount_declared: Decimal | None = None  # None: the invoices' balances in EUR
    reference: str = ""
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class ClaimValues:
    status: str
    claim_filed_on: dt.date | None = None
    recovered_before: Decimal = Decimal("0")
    indemnity_received: Decimal = Decimal("0")
    indemnity_received_on: dt.date | None = None
    recovered_after: Decimal = Decimal("0")
    reference: str = ""
    notes: str = ""
