"""The typed values the claim services take (validated at the edge by a form or a serializer)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from comptoir.parties.models import Company


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """What happened, what the claim is about and against whom."""

    kind: str
    apparent: bool
    description: str
    discovered_on: dt.date
    delivery_date: dt.date
    weight_affected_kg: Decimal
    amount_claimed: Decimal
    currency: str
    carrier: Company
    packages_affected: int | None = None
    consignment_weight_kg: Decimal | None = None
    convention: str = ""  # empty: chosen from the shipment's mode and route
    convention_reason: str = ""
    reserves_taken: bool = False
    reserves_text: str = ""
    reserves_date: dt.date | None = None
    reserves_document: str = ""
    insurer: Company | None = None
    insurance_policy: str = ""
    sdr_rate: Decimal | None = None
    sdr_rate_date: dt.date | None = None
    handled_by: User | None = None
    #: a claim past its time bar is refused unless the user says why it is recorded anyway
    late_reason: str = ""


@dataclass(frozen=True, slots=True)
class ClaimAmounts:
    amount_claimed: Decimal
    recovered_carrier: Decimal
    recovered_insurer: Decimal
    outcome: str = ""


LETTERS = ("reserves", "claim", "insurer")
