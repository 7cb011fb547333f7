"""The partner's clock for a company or contact: the trade core's ``partner_clock``.

The computation (local time, weekend, public holiday, office hours) lives in
``comptoir.trade.calendars``; this adapter only keeps the pages working when a
stored time zone is not a valid IANA name (the clock then shows UTC).
"""

from __future__ import annotations

import datetime as dt

from comptoir.trade.calendars import PartnerClock
from comptoir.trade.calendars import partner_clock as core_partner_clock
from comptoir.trade.errors import TradeInputError

__all__ = ["PartnerClock", "partner_clock"]


def partner_clock(
    country: str, time_zone: str, now: dt.datetime, language: str = "en"
) -> PartnerClock:
    """The partner's local time at ``now`` (aware) and what kind of day it is there."""
    try:
        return core_partner_clock(country, time_zone or "UTC", now, language=language)
    except TradeInputError as error:
        if error.field != "tz":
            raise
        return core_partner_clock(country, "UTC", now, language=language)
