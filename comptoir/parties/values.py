"""The clean values the parties services take: one frozen dataclass per record.

Forms, serializers and imports validate, then build these (``common.values.values_from_form``)
and call the service; a service never sees a form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User

from .models import Company, Contact, LawfulBasis, Zone


@dataclass(frozen=True, kw_only=True)
class CompanyValues:
    name: str
    roles: tuple[str, ...]
    country: str
    legal_name: str = ""
    city: str = ""
    language: str = "en"
    currency: str = "EUR"
    time_zone: str = "Europe/Paris"
    vat_number: str = ""
    eori: str = ""
    registration_number: str = ""
    iban: str = ""
    bic: str = ""
    bank_name: str = ""
    payment_days: int = 30
    payment_end_of_month: bool = False
    credit_limit: Decimal = Decimal("0")
    solvency_notes: str = ""
    default_incoterm: str = ""
    incoterm_place: str = ""
    zone: Zone | None = None
    portfolio_owner: User | None = None
    website: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    is_active: bool = True


@dataclass(frozen=True, kw_only=True)
class AddressValues:
    kind: str
    line1: str
    city: str
    country: str
    label: str = ""
    line2: str = ""
    postcode: str = ""
    region: str = ""
    is_default: bool = True


@dataclass(frozen=True, kw_only=True)
class ContactValues:
    company: Company
    last_name: str
    first_name: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    language: str = "en"
    time_zone: str = ""
    lawful_basis: str = LawfulBasis.LEGITIMATE_INTEREST
    consent_date: dt.date | None = None
    opted_out: bool = False
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class TaskValues:
    title: str
    due_date: dt.date
    assigned_to: User
    company: Company | None = None
    contact: Contact | None = None
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class CountrySheetValues:
    zone: Zone | None = None
    risk_level: str = ""
    risk_notes: str = ""
    business_customs: str = ""
    intercultural_notes: str = ""
    useful_organisations: str = ""
    ports_airports: str = ""
