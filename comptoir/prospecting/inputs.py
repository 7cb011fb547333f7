"""The clean values the prospecting services take (forms, serializers and imports build them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User

from comptoir.parties.models import Zone

from .models import TargetList


@dataclass(frozen=True, kw_only=True)
class ListValues:
    name: str
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class CrmCriteria:
    """Which CRM companies go into a list. Empty tuples: no filter on that criterion."""

    countries: tuple[str, ...] = ()
    zones: tuple[Zone, ...] = ()
    roles: tuple[str, ...] = ()
    #: NACE/NAF codes or their beginnings ("47" = retail trade, "47.59" ...)
    sectors: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    #: "with": only companies with a contact we may e-mail; "without": only those without
    mailable: str = ""


@dataclass(frozen=True, kw_only=True)
class CampaignValues:
    name: str
    channel: str
    target_list: TargetList | None = None
    subject_fr: str = ""
    subject_en: str = ""
    body_fr: str = ""
    body_en: str = ""
    #: the bodies are HTML (a newsletter built by marketing), sanitised before sending
    html: bool = False
    origin: str = ""
    cost: Decimal = Decimal("0")
    currency: str = "EUR"
    batch_size: int = 50
    pause_seconds: int = 60
    results_window_days: int = 90
    sender: User | None = None


@dataclass(frozen=True, kw_only=True)
class CallValues:
    outcome: str
    note: str = ""
    #: the day to call back, or the meeting's day
    follow_up_on: dt.date | None = None
    #: who does the follow-up (default: the caller)
    assigned_to: User | None = None


@dataclass(frozen=True, kw_only=True)
class EventValues:
    address: str
    kind: str
    occurred_on: dt.date
    note: str = ""
