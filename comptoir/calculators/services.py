"""The calculators' one record: the company's own exchange rates (bank, budget…), which the
fx calculator uses before the reference rates when asked to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from comptoir.accounts.roles import Actor
from comptoir.audit import save_values
from comptoir.common.values import apply_values

from .models import ExchangeRate


@dataclass(frozen=True)
class ExchangeRateValues:
    """A rate validated at the edge: 1 ``from_currency`` = ``rate`` ``to_currency``."""

    from_currency: str
    to_currency: str
    valid_from: dt.date
    rate: Decimal
    kind: str = ExchangeRate.Kind.BANK
    note: str = ""


def save_exchange_rate(*, values: ExchangeRateValues, user: Actor) -> ExchangeRate:
    """Record a rate, audited; the role matrix decides who may (reference data)."""
    rate = ExchangeRate()
    apply_values(rate, values)
    return save_values(rate, user)
