"""Database functions Django does not give portably (SQLite and PostgreSQL, both tested)."""

from __future__ import annotations

from typing import Any

from django.db.models import Func, IntegerField


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
