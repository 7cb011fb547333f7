"""Business and banking days per country, time zones and a partner's local clock.

Public holidays come from the ``holidays`` package (one calendar per ISO 3166-1
country, optionally per subdivision such as ``DE-BY``), including each country's
weekend (Saturday-Sunday in France, Friday-Saturday in Saudi Arabia) and the
weekend days some countries turn into working days (China's make-up days).

A *business day* (or *banking day*, UCP 600 art. 2: "a day on which a bank is
regularly open at the place at which an act subject to these rules is to be
performed") is modelled as a day that is neither a weekend day nor a public
holiday of the country. Bank-specific closures (a branch closed for works) are
not known here and are not extensions under UCP 600 anyway.

Time zones come from the IANA tz database shipped in the ``tzdata`` package.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from holidays.holiday_base import HolidayBase

from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import WEEKDAYS as DAY_NAMES
from comptoir.trade.texts import Text

__all__ = [
    "OFFICE_CLOSES",
    "OFFICE_OPENS",
    "PartnerClock",
    "add_business_days",
    "add_days_excluding_sundays_and_holidays",
    "country_code",
    "country_timezones",
    "holiday_name",
    "is_business_day",
    "is_weekend",
    "is_weekend_or_holiday",
    "local_now",
    "next_banking_day",
    "partner_clock",
]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: Longest run of closed days searched before giving up (China's Golden Week with
#: its weekends is about 9 days; 60 leaves a wide margin).
MAX_CLOSED_RUN = 60


@lru_cache(maxsize=1)
def _supported_countries() -> frozenset[str]:
    return frozenset(holidays.list_supported_countries())


def country_code(value: object, field: str = "country") -> str:
    """Validate an ISO 3166-1 alpha-2 country code with a holiday calendar; return it upper-cased.

    Source: ISO 3166-1 codes as supported by the ``holidays`` package.
    """
    if not isinstance(value, str) or not value.strip():
        raise TradeInputError("Give a country as a two-letter ISO 3166 code, e.g. FR.", field)
    code = value.strip().upper()
    if code not in _supported_countries():
        raise TradeInputError(
            f"Unknown country {value!r} or no holiday calendar for it: use an ISO 3166 code such as FR.",
            field,
        )
    return code


@lru_cache(maxsize=1024)
def _calendar(country: str, subdiv: str | None, year: int) -> HolidayBase:
    try:
        return holidays.country_holidays(country, subdiv=subdiv, years=year, language="en_US")
    except NotImplementedError:
        if subdiv is not None:
            raise TradeInputError(
                f"Unknown subdivision {subdiv!r} for country {country}.", "subdiv"
            ) from None
        raise TradeInputError(f"No holiday calendar for country {country!r}.", "country") from None


def _cal(country: str, day: date, subdiv: str | None) -> HolidayBase:
    return _calendar(country_code(country), subdiv, day.year)


def holiday_name(country: str, day: date, subdiv: str | None = None) -> str | None:
    """Name of the public holiday on ``day`` in ``country`` (``"Christmas Day"``), or ``None``.

    Source: the ``holidays`` package's calendar for the country (English names
    where the package has them). Several holidays on one day are joined with "; ".
    """
    names = _cal(country, day, subdiv).get_list(day)
    return "; ".join(names) if names else None


def is_weekend(country: str, day: date, subdiv: str | None = None) -> bool:
    """True if ``day`` falls on the country's weekend (Sat-Sun in FR, Fri-Sat in SA).

    Source: the country's weekend as defined in the ``holidays`` package.
    """
    return bool(_cal(country, day, subdiv).is_weekend(day))


def is_business_day(country: str, day: date, subdiv: str | None = None) -> bool:
    """True if ``day`` is a business (banking) day in ``country``: no weekend, no public holiday.

    Source: UCP 600 art. 2 ("banking day") approximated by the country's public
    calendar (``holidays`` package), including weekend days worked by law.
    """
    return bool(_cal(country, day, subdiv).is_working_day(day))


def is_weekend_or_holiday(country: str, day: date, subdiv: str | None = None) -> str | None:
    """Why ``day`` is not a working day in ``country``, or ``None`` if it is one.

    Returns the holiday name (``"Bastille Day"``) when it is a public holiday,
    ``"Weekend (Sunday)"`` on an ordinary weekend day, and ``None`` on a working
    day (including weekend days that the country works by law). Used by the CRM
    to show whether today is a holiday at a partner's place.
    Source: the ``holidays`` package's calendar of the country (public holidays, weekend).
    """
    name = holiday_name(country, day, subdiv)
    if name:
        return name
    if is_business_day(country, day, subdiv):
        return None
    return Text("Weekend ({weekday})", weekday=DAY_NAMES[day.weekday()])


def next_banking_day(country: str, day: date, subdiv: str | None = None) -> date:
    """``day`` itself if banks are open in ``country``, else the first following banking day.

    Source: UCP 600 art. 29 a ("extended to the first following banking day").
    """
    current = day
    for _ in range(MAX_CLOSED_RUN):
        if is_business_day(country, current, subdiv):
            return current
        current += timedelta(days=1)
    raise TradeInputError(
        f"No banking day in {country} within {MAX_CLOSED_RUN} days after {day.isoformat()}.",
        "country",
    )


def add_business_days(country: str, start: date, days: int, subdiv: str | None = None) -> date:
    """The date ``days`` business days after ``start`` (``start`` itself not counted).

    Source: common counting of working-day periods (e.g. UCP 600 art. 14 b "five
    banking days following the day of presentation").
    """
    if days < 0:
        raise TradeInputError("The number of days must not be negative.", "days")
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if is_business_day(country, current, subdiv):
            counted += 1
    return current


def add_days_excluding_sundays_and_holidays(
    country: str, start: date, days: int, subdiv: str | None = None
) -> date:
    """The date ``days`` days after ``start``, Sundays and public holidays not counted.

    Source: CMR art. 30 §1 ("within seven days of delivery, Sundays and public
    holidays excepted") and art. 30 §4 (the day of delivery is not included).
    Saturdays count; the public holidays are those of ``country`` (the place of
    delivery). The result is therefore never a Sunday or a public holiday.
    """
    if days < 0:
        raise TradeInputError("The number of days must not be negative.", "days")
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if current.weekday() != 6 and holiday_name(country, current, subdiv) is None:
            counted += 1
    return current


def local_now(tz: str, now: datetime | None = None) -> datetime:
    """The current time in the IANA time zone ``tz`` (``"Asia/Shanghai"``), time-zone aware.

    ``now`` (an aware datetime) replaces the clock, for tests and reproducible pages.
    Source: IANA tz database (``tzdata``).
    """
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise TradeInputError(
            f"Unknown time zone {tz!r}: use an IANA name such as Europe/Paris.", "tz"
        ) from None
    moment = now if now is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError("now must be time-zone aware")
    return moment.astimezone(zone)


@lru_cache(maxsize=1)
def _zone_tab() -> dict[str, tuple[str, ...]]:
    text = importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    zones: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        zones.setdefault(parts[0], []).append(parts[2])
    return {code: tuple(names) for code, names in zones.items()}


def country_timezones(country: str) -> tuple[str, ...]:
    """IANA time zones of a country, main zone first (``"FR"`` gives ``("Europe/Paris",)``).

    Source: IANA tz database ``zone.tab`` (``tzdata`` package). Empty if unknown.
    """
    return _zone_tab().get(country.strip().upper(), ())


#: Usual office hours used to flag a call at a bad time (local time of the partner).
OFFICE_OPENS: Final = time(9, 0)
OFFICE_CLOSES: Final = time(18, 0)


@dataclass(frozen=True, slots=True)
class PartnerClock:
    """A partner's local time, whether it is a working day there, and whether to call now."""

    country: str
    tz: str
    local_time: datetime
    day_off: str | None  # holiday name, "Weekend (Sunday)", or None on a working day
    is_weekend: bool = False  # the country's weekend (Friday-Saturday in Saudi Arabia)
    holiday_name: str | None = None  # in the language asked, when the calendar has it

    @property
    def is_working_day(self) -> bool:
        return self.day_off is None

    @property
    def time_zone(self) -> str:
        return self.tz

    @property
    def utc_offset(self) -> str:
        """``"UTC+09:00"``."""
        offset = self.local_time.strftime("%z")
        return f"UTC{offset[:3]}:{offset[3:]}"

    @property
    def within_office_hours(self) -> bool:
        return OFFICE_OPENS <= self.local_time.time() < OFFICE_CLOSES

    @property
    def good_time_to_call(self) -> bool:
        return self.within_office_hours and not self.is_weekend and self.holiday_name is None


def _local_calendar(country: str, year: int, language: str) -> HolidayBase | None:
    """The country's calendar with names in ``language`` when it has them; None without one."""
    try:
        calendar = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        return None
    supported = getattr(calendar, "supported_languages", ()) or ()
    wanted = next((lang for lang in supported if lang.split("_")[0] == language), None)
    if wanted:
        calendar = holidays.country_holidays(country, years=year, language=wanted)
    return calendar


def partner_clock(
    country: str,
    tz: str | None = None,
    now: datetime | None = None,
    subdiv: str | None = None,
    *,
    language: str = "en",
) -> PartnerClock:
    """Local time at a partner and whether today is a weekend or holiday there.

    ``tz`` defaults to the country's first IANA zone (pass it explicitly for
    countries spanning several zones, e.g. ``"America/Chicago"``). ``language``
    names the holiday (``holiday_name``) in the reader's language where the
    calendar has it. A country the ``holidays`` package has no calendar for gets a
    Saturday-Sunday weekend and no public holidays.
    Source: IANA tz database and the ``holidays`` calendars.
    """
    code = country.strip().upper() if isinstance(country, str) else ""
    zone = tz or (country_timezones(code) or ("UTC",))[0]
    moment = local_now(zone, now)
    day = moment.date()
    local = _local_calendar(code, day.year, language) if code else None
    if local is None:
        weekend = day.weekday() in (5, 6)
        rest: str | None = (
            Text("Weekend ({weekday})", weekday=DAY_NAMES[day.weekday()]) if weekend else None
        )
        return PartnerClock(code, zone, moment, rest, weekend, None)
    holiday = local.get(day)
    weekend = bool(local.is_weekend(day))
    day_off: str | None
    if code in _supported_countries():
        day_off = is_weekend_or_holiday(code, day, subdiv)
    else:  # a calendar reached by an alias of the code: its own names and weekend
        day_off = (
            str(holiday)
            if holiday
            else Text("Weekend ({weekday})", weekday=DAY_NAMES[day.weekday()])
            if weekend
            else None
        )
    return PartnerClock(
        code,
        zone,
        moment,
        day_off,
        weekend,
        str(holiday) if holiday else None,
    )
