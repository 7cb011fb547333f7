"""Typed values the reporting services take (built by the forms and the API)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User

from comptoir.parties.models import Company, Zone


@dataclass(frozen=True, kw_only=True)
class SalesObjectiveValues:
    year: int
    revenue_eur: Decimal
    quarter: int | None = None
    month: int | None = None
    person: User | None = None
    agent: Company | None = None
    zone: Zone | None = None
    country: str = ""
    intake_eur: Decimal | None = None
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class Recipient:
    email: str
    language: str = "fr"  # of the e-mail's subject and text: "fr" or "en"


@dataclass(frozen=True, kw_only=True)
class MonthlySettingsValues:
    dashboards: tuple[str, ...]  # registry keys, in the report's order
    recipients: tuple[Recipient, ...]
    language: str = "fr"  # of the PDF
    auto_send: bool = False
    year_to_date: bool = True
