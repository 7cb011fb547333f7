"""Typed values the currency exposure services take (built by the forms and the API)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User

from comptoir.parties.models import Company


@dataclass(frozen=True, kw_only=True)
class HedgeValues:
    kind: str
    reference: str
    bank: str
    side: str
    currency: str
    amount: Decimal
    rate: Decimal
    trade_date: dt.date
    maturity: dt.date
    window_from: dt.date | None = None
    premium_eur: Decimal = Decimal("0")
    responsible: User | None = None
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class HedgeStatusValues:
    status: str
    delivered: Decimal


@dataclass(frozen=True, kw_only=True)
class PaymentValues:
    currency: str
    amount: Decimal
    due_on: dt.date
    supplier: Company | None = None
    purchase_reference: str = ""
    description: str = ""
    status: str = "expected"
