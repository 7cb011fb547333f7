"""The clean values the freight services take (forms and serializers build them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from comptoir.parties.models import Company


@dataclass(frozen=True, kw_only=True)
class RequestValues:
    """A request for quotation: who is asked, by when, what for."""

    providers: tuple[Company, ...]
    reply_by: dt.date
    ready_on: dt.date | None = None
    services_asked: str = ""
    instructions: str = ""


@dataclass(frozen=True, kw_only=True)
class Weights:
    """The weights of the comparison's four criteria (only their ratios matter)."""

    cost: int = 40
    transit: int = 25
    reliability: int = 20
    service: int = 15


@dataclass(frozen=True, kw_only=True)
class ChargeValues:
    """A price line of a quote (in its currency) or of a provider's invoice."""

    kind: str
    amount: Decimal
    currency: str = "EUR"
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class QuoteValues:
    provider: Company
    received_on: dt.date
    currency: str
    transit_days: int
    valid_until: dt.date
    lines: tuple[ChargeValues, ...]
    reference: str = ""
    conditions: str = ""
    service_grade: int = 5
    carrier_name: str = ""


@dataclass(frozen=True, kw_only=True)
class InvoiceValues:
    number: str
    invoice_date: dt.date
    currency: str
    lines: tuple[ChargeValues, ...]
    notes: str = ""
