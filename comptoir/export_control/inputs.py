"""The typed values the export control services take (built by forms, serializers, demo)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User

from comptoir.catalog.models import Product
from comptoir.parties.models import Company


@dataclass(frozen=True)
class MeasureValues:
    country: str
    kind: str
    title_en: str
    title_fr: str
    legal_reference: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    cn_prefixes: str = ""
    description_en: str = ""
    description_fr: str = ""
    source_url: str = ""


@dataclass(frozen=True)
class ClassificationValues:
    control_number: str  # "" : checked, not listed
    annex_iv: bool = False
    basis: str = ""
    classified_on: dt.date | None = None  # None: today


@dataclass(frozen=True)
class LicenceValues:
    number: str
    kind: str
    countries: str  # codes separated by spaces or commas; "" for a Union authorisation: its list
    valid_from: dt.date
    valid_until: dt.date | None = None
    eu_authorisation: str = ""
    authority: str = "SBDU"
    control_numbers: str = ""
    products: tuple[Product, ...] = ()
    end_users: tuple[Company, ...] = ()
    end_use: str = ""
    quantity_limit: Decimal | None = None
    value_limit: Decimal | None = None
    currency: str = "EUR"
    suspended: bool = False
    responsible: User | None = None
    notes: str = ""


@dataclass(frozen=True)
class AllocationValues:
    licence_id: int
    quantity: Decimal | None = None  # None: the whole line
    value: Decimal | None = None  # None: the line's value, when in the licence's currency
