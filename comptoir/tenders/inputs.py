"""The clean values the tender services take (forms and serializers build them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from comptoir.catalog.models import Product
from comptoir.parties.models import Company


@dataclass(frozen=True, kw_only=True)
class LineValues:
    product: Product
    quantity: Decimal
    specifications: str = ""


@dataclass(frozen=True, kw_only=True)
class TenderValues:
    title: str
    reply_by: dt.date
    delivery_date: dt.date
    delivery_place: str
    lines: tuple[LineValues, ...]
    suppliers: tuple[Company, ...]
    incoterm: str = "FCA"
    incoterm_place: str = ""
    payment_terms: str = ""
    instructions: str = ""


@dataclass(frozen=True, kw_only=True)
class Weights:
    """The weights of the six criteria (only their ratios matter)."""

    price: int = 40
    quality: int = 20
    lead_time: int = 15
    reliability: int = 10
    payment: int = 10
    csr: int = 5


@dataclass(frozen=True, kw_only=True)
class CostValues:
    """A route cost from one supplier to our warehouse, in EUR."""

    kind: str
    basis: str
    amount: Decimal


@dataclass(frozen=True, kw_only=True)
class PriceValues:
    """The supplier's price for one tender line (``line`` is the line's position, from 1)."""

    line: int
    unit_price: Decimal
    moq: Decimal | None = None
    remarks: str = ""


@dataclass(frozen=True, kw_only=True)
class AnswerValues:
    received_on: dt.date
    currency: str
    incoterm: str
    incoterm_place: str
    lead_time_days: int
    valid_until: dt.date
    prices: tuple[PriceValues, ...]
    origin_country: str = ""
    preference_agreement: str = ""
    payment_terms: str = ""
    payment_days: int = 0
    samples: str = "none"
    quality_grade: int | None = None
    reference: str = ""
    remarks: str = ""


@dataclass(frozen=True, kw_only=True)
class DecisionValues:
    """The decision: ``overall`` awards every line to that supplier's answer; otherwise
    ``per_line`` maps a line's position to the supplier chosen for it."""

    reason: str = ""
    overall: Company | None = None
    per_line: tuple[tuple[int, Company], ...] = ()
    inform_losers: bool = True
