"""The typed values the supplier services take (validated at the edge by a form or a
serializer, or built by the purchasing area)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True, slots=True)
class FileValues:
    status: str = "prospect"
    categories: str = ""
    buyer: User | None = None
    payment_terms: str = ""
    payment_days: int | None = None
    instruments: tuple[str, ...] = ()
    lead_time_days: int | None = None
    minimum_order: str = ""
    audit_interval_months: int = 12
    on_time_tolerance_days: int = 0
    in_full_tolerance_pct: Decimal = Decimal("0")
    notes: str = ""


@dataclass(frozen=True, slots=True)
class CertificationValues:
    kind: str
    other_kind: str = ""
    number: str = ""
    body: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ActionValues:
    description: str
    due_on: dt.date


@dataclass(frozen=True, slots=True)
class AuditValues:
    date: dt.date
    auditor: str
    kind: str
    score: int
    findings: str = ""
    actions: tuple[ActionValues, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class CsrValues:
    criterion: str
    met: bool
    evidence: str = ""
    checked_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class SuppliedValues:
    supplier_reference: str
    unit_price: Decimal
    currency: str
    incoterm: str
    incoterm_place: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    moq: Decimal | None = None
    lead_time_days: int | None = None


@dataclass(frozen=True, slots=True)
class ReviewGrades:
    """The reviewer's weights and final grades (0..10) per criterion, and the decision."""

    weights: dict[str, Decimal]
    grades: dict[str, Decimal]
    decision: str = ""
    comments: str = ""
