"""The typed values the events services take (validated at the edge by a form or a
serializer, never a form itself)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from comptoir.catalog.models import Product


@dataclass(frozen=True, kw_only=True)
class EventValues:
    name: str
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    status: str = "planned"
    city: str = ""
    country: str = ""
    venue: str = ""
    organiser: str = ""
    website: str = ""
    stand_type: str = "own"
    hall: str = ""
    stand_number: str = ""
    stand_area_m2: Decimal | None = None
    shared_with: str = ""
    lead_target: int | None = None
    meeting_target: int | None = None
    meetings_held: int = 0
    objectives: str = ""
    sales_window_days: int = 180
    notes: str = ""
    team: tuple[User, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ChecklistItemValues:
    title: str
    anchor: str
    offset_days: int
    owner: User | None = None
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class BudgetLineValues:
    category: str
    label: str
    planned: Decimal
    actual: Decimal | None = None
    supplier: str = ""


@dataclass(frozen=True, kw_only=True)
class VisitorValues:
    """One visitor form as the stand's device sent it; ``client_id`` is made on the device."""

    client_id: uuid.UUID
    company_name: str
    last_name: str
    country: str
    temperature: str
    met_at: dt.datetime
    first_name: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    interest: str = ""
    products: tuple[Product, ...] = field(default_factory=tuple)
    consent: bool = False
    consent_date: dt.date | None = None
    notes: str = ""
    #: the photo of the business card (already resized on the device), as bytes
    card: bytes | None = None
