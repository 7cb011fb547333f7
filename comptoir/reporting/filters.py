"""The filters every dashboard understands: the period, its comparison, and what to keep."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    def previous_year(self) -> Period:
        return Period(_shift_year(self.start, -1), _shift_year(self.end, -1))


@dataclass(frozen=True)
class ReportFilters:
    """Empty values keep everything. A builder ignores the filters that do not apply to it
    (the registry says which ones each dashboard offers)."""

    period: Period
    compare: bool = True  # with the same period a year earlier
    country: str = ""  # ISO 3166 alpha-2 of the partner
    zone_id: int | None = None  # parties.Zone
    client_id: int | None = None  # parties.Company (a client)
    supplier_id: int | None = None  # parties.Company (a supplier)
    product_id: int | None = None  # catalog.Product
    agent_id: int | None = None  # parties.Company (a sales agent)
    transport_mode: str = ""  # sales.TransportMode value

    def previous_year(self) -> ReportFilters:
        return replace(self, period=self.period.previous_year())
