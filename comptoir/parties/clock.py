"""The partner's clock: local time now, weekend or public holiday there, and whether to call.

Sources: IANA time zone database (tzdata) for local time; the ``holidays`` package for each
country's public holidays and its weekend days (e.g. Friday-Saturday in Saudi Arabia).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

import holidays

#: Usual office hours used to flag a call at a bad time (local time of the partner).
OFFICE_OPENS = dt.time(9, 0)
OFFICE_CLOSES = dt.time(18, 0)


@dataclass(frozen=True)
class PartnerClock:
    local_time: dt.datetime
    time_zone: str
    utc_offset: str
    is_weekend: bool
    holiday_name: str | None
    within_office_hours: bool

    @property
    def good_time_to_call(self) -> bool:
        return self.within_office_hours and not self.is_weekend and self.holiday_name is None


def _country_holidays(country: str, year: int, language: str) -> holidays.HolidayBase | None:
    try:
        calendar = holidays.country_holidays(country.upper(), years=year)
    except NotImplementedError:
        return None
    supported = getattr(calendar, "supported_languages", ()) or ()
    wanted = next((lang for lang in supported if lang.split("_")[0] == language), None)
    if wanted:
        calendar = holidays.country_holidays(country.upper(), years=year, language=wanted)
    return calendar


def partner_clock(
    country: str, time_zone: str, now: dt.datetime, language: str = "en"
) -> PartnerClock:
    """The partner's local time at ``now`` (aware) and what kind of day it is there."""
    try:
        zone = zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    local = now.astimezone(zone)
    calendar = _country_holidays(country, local.year, language)
    weekend_days = getattr(calendar, "weekend", {5, 6}) if calendar is not None else {5, 6}
    holiday = calendar.get(local.date()) if calendar is not None else None
    offset = local.strftime("%z")
    return PartnerClock(
        local_time=local,
        time_zone=str(zone),
        utc_offset=f"UTC{offset[:3]}:{offset[3:]}",
        is_weekend=local.weekday() in weekend_days,
        holiday_name=str(holiday) if holiday else None,
        within_office_hours=OFFICE_OPENS <= local.time() < OFFICE_CLOSES,
    )
