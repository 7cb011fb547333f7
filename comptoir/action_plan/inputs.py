"""Typed values the action plan services take (built by the forms and the API)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User

from comptoir.events.models import Event
from comptoir.parties.models import Company, Zone
from comptoir.prospecting.models import Campaign
from comptoir.sales.models import AgentContract


@dataclass(frozen=True, kw_only=True)
class ContractValues:
    partner: Company
    kind: str
    countries: str = ""
    zones: list[Zone] = field(default_factory=list)
    products: str = ""
    exclusive: bool = False
    starts_on: dt.date
    ends_on: dt.date | None = None
    tacit_renewal: bool = True
    renewal_months: int = 12
    notice_months: int | None = None
    non_compete_months: int = 0
    target_revenue_eur: Decimal = Decimal("0")
    target_new_clients: int = 0
    terms: str = ""
    commission: AgentContract | None = None
    responsible: User | None = None
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class NoticeValues:
    given_on: dt.date
    by: str  # "us" or "partner"
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class PlanValues:
    year: int
    title: str
    strategy: str = ""


@dataclass(frozen=True, kw_only=True)
class ObjectiveValues:
    zone: Zone | None = None
    country: str = ""
    person: User | None = None
    revenue_eur: Decimal = Decimal("0")
    new_clients: int = 0
    offers: int = 0
    margin_pct: Decimal | None = None
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class ActionValues:
    title: str
    channel: str
    starts_on: dt.date
    ends_on: dt.date
    owner: User
    budget_eur: Decimal = Decimal("0")
    spent_eur: Decimal = Decimal("0")
    status: str = "planned"
    reference: str = ""
    #: the event file or the prospecting campaign this action is (one of them at most)
    event: Event | None = None
    campaign: Campaign | None = None
    objective_id: int | None = None
    zone: Zone | None = None
    country: str = ""
    expected_result: str = ""
    result: str = ""
