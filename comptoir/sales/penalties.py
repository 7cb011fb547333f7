"""Late-payment penalties at the ECB rate of each half-year + 10 points (L441-10 II).

The ECB rate of a half-year is the one in force on 1 January or 1 July: the core's bundled
table (``trade.keyrates``), else the rate the company entered for that half-year (``KeyRate``),
else, for the current half-year only, the rate on our company's page.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User

from comptoir.common.dates import today
from comptoir.trade import keyrates
from comptoir.trade.errors import TradeInputError

from .models import KeyRate, SellerProfile


def entered_rates(seller: SellerProfile | None) -> dict[Any, Decimal]:
    rates: dict[Any, Decimal] = dict(KeyRate.entered())
    if seller is not None:
        rates.setdefault(keyrates.half_year_start(today()), seller.ecb_rate)
    return rates


def ecb_rate_on(seller: SellerProfile, day: dt.date) -> Decimal:
    """The ECB rate that sets the penalty rate printed on an invoice issued on ``day``."""
    try:
        return keyrates.reference_rate(day, entered_rates(seller))
    except TradeInputError:
        return seller.ecb_rate


def interest(
    amount: Decimal, due: dt.date, until: dt.date, currency: str, seller: SellerProfile | None
) -> tuple[Decimal | None, tuple[keyrates.LatePeriod, ...]]:
    """Penalties on ``amount`` from the day after ``due`` to ``until``, split per half-year;
    (None, ()) when the rate of a half-year of the delay is not known (never guessed)."""
    try:
        periods = keyrates.late_payment_periods(amount, due, until, currency, entered_rates(seller))
    except TradeInputError:
        return None, ()
    return sum((p.interest for p in periods), Decimal("0")), periods


def record_current_rate(*, seller: SellerProfile, user: User | None) -> None:
    """Keep the rate of our company's page as the current half-year's ECB rate, so that
    later penalties on this half-year still find it after the page is updated."""
    from django.db import transaction

    from comptoir.audit import stamp

    start = keyrates.half_year_start(today())
    with transaction.atomic():
        rate = KeyRate.objects.filter(half_year_start=start).first() or KeyRate(
            half_year_start=start
        )
        if rate.rate != seller.ecb_rate:
            rate.rate = seller.ecb_rate
            stamp(rate, user, "from our company's page")
            rate.save()
