"""Database functions Django does not give portably (SQLite and PostgreSQL, both tested)."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from typing import Any

from django.db.models import DateField, DateTimeField, Func, IntegerField


class DaysBetween(Func):
    """Whole days from the first date (or moment) to the second (``end - start``), computed
    in the database: the rounded ``julianday`` difference on SQLite, the difference of the
    dates on PostgreSQL (equal for dates, and for two moments at the same time of day). NULL
    when either is NULL. Grouping on it gives a small histogram (days -> count) from which medians
    and percentiles are read exactly, without fetching the rows."""

    output_field = IntegerField()
    arity = 2

    def __init__(self, start: Any, end: Any, **extra: Any) -> None:
        super().__init__(end, start, **extra)  # the SQL reads "end - start"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="((%(expressions)s)::date)",
            arg_joiner=")::date - (",
            **extra,
        )


class AddDays(Func):
    """A date ``days`` days later (a whole number known when the query is written), computed
    by the database itself: ``date(d, '+N days')`` on SQLite, ``d + N`` on PostgreSQL (Django's
    ``F(...) + timedelta`` runs a Python function per row on SQLite)."""

    output_field = DateField()
    arity = 1

    def __init__(self, expression: Any, days: int, **extra: Any) -> None:
        self.days = int(days)
        super().__init__(expression, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template=f"date(%(expressions)s, '{self.days:+d} days')", **extra
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template=f"((%(expressions)s)::date + {self.days:d})", **extra
        )


class NextMidnight(Func):
    """The moment the day after ``day`` (a date) starts in ``zone``: exact on PostgreSQL
    (``AT TIME ZONE``); on SQLite, which knows no time-zone rules, local midnight taken at the
    fixed UTC offset ``offset`` (seconds), so callers compare against it twice, with the
    zone's smallest and largest offsets (:func:`zone_offsets`), to bracket the true moment
    without a Python function per row."""

    output_field = DateTimeField()
    arity = 1

    def __init__(self, day: Any, *, zone: str, offset: int, **extra: Any) -> None:
        self.zone, self.offset = zone, int(offset)
        super().__init__(day, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        shift = f"{-self.offset:+d} seconds"
        return self.as_sql(
            compiler,
            connection,
            template=f"datetime(%(expressions)s, '+1 day', '{shift}')",
            **extra,
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = self.as_sql(
            compiler, connection, template="(((%(expressions)s)::date + 1)::timestamp", **extra
        )
        return f"{sql} AT TIME ZONE %s)", (*params, self.zone)


@functools.cache
def zone_offsets(zone: str) -> tuple[int, int]:
    """The smallest and largest UTC offsets (seconds) ``zone`` uses from 1900 to 2100, each
    widened by an hour (a margin for rules not sampled: wider only costs precision)."""
    tz = zoneinfo.ZoneInfo(zone)
    seen = {
        int(offset.total_seconds())
        for year in range(1900, 2101)
        for month in range(1, 13)
        for day in (1, 15)
        if (offset := dt.datetime(year, month, day, 12, tzinfo=tz).utcoffset()) is not None
    }
    return min(seen) - 3600, max(seen) + 3600


class LocalDate(Func):
    """The date of a moment in ``zone``, as ``TruncDate`` gives it, without a Python function
    per row on SQLite: the date is read at the zone's smallest and largest UTC offsets
    (:func:`zone_offsets`); when both give the same day (every moment but those a few hours
    around midnight) that is the day, else ``TruncDate`` decides. PostgreSQL: ``TruncDate``
    (exact, in the database)."""

    output_field = DateField()
    arity = 1

    def __init__(self, moment: Any, *, zone: str, **extra: Any) -> None:
        self.zone = zone
        super().__init__(moment, **extra)

    def _exact(self) -> Any:
        from django.db.models.functions import TruncDate

        return TruncDate(self.source_expressions[0], tzinfo=zoneinfo.ZoneInfo(self.zone))

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return compiler.compile(self._exact())

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        moment, params = compiler.compile(self.source_expressions[0])
        exact, exact_params = compiler.compile(self._exact())
        low, high = (f"'{offset:+d} seconds'" for offset in zone_offsets(self.zone))
        sql = (
            f"CASE WHEN ({moment}) IS NULL THEN NULL"
            f" WHEN date({moment}, {low}) = date({moment}, {high}) THEN date({moment}, {low})"
            f" ELSE {exact} END"
        )
        return sql, (*params, *params, *params, *params, *params, *exact_params)
