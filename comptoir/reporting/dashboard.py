"""What a dashboard is, independent of how it is shown.

A dashboard builder reads the areas (through their selectors, aggregating in the database)
and returns a :class:`Dashboard`: key figures, tables and charts in sections. One renderer
shows any dashboard on screen, in the API (JSON), in XLSX (every table) and in the monthly
PDF report, so builders never render anything themselves.

Charts always name the table that holds their exact figures (``Chart.table_key``): a chart
is read beside its table on screen and in print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, TypeAlias

from django.utils.functional import Promise

Label: TypeAlias = str | Promise
#: A value in a table cell or a key figure. Money is Decimal in the column's currency.
Value: TypeAlias = Decimal | int | str | dt.date | None
ColumnKind = Literal["text", "money", "number", "percent", "days", "kg", "date"]


@dataclass(frozen=True)
class Figure:
    """A key figure (a tile): the value for the period and, when compared, the year before."""

    key: str
    label: Label
    value: Decimal | int | None
    kind: ColumnKind = "number"
    currency: str = ""  # for kind "money": "EUR"
    previous: Decimal | int | None = None  # the same period a year earlier, when compared
    link: str = ""  # drill down: the list of documents behind the figure
    note: Label = ""  # how it is computed, in the reader's words
    better: Literal["up", "down", ""] = ""  # which way is good (colours the change)


@dataclass(frozen=True)
class Column:
    key: str
    label: Label
    kind: ColumnKind = "text"
    currency: str = ""  # for kind "money": shown in the header ("Revenue (EUR)")


@dataclass(frozen=True)
class Row:
    values: tuple[Value, ...]
    link: str = ""  # drill down: the document or the filtered list behind the row


@dataclass(frozen=True)
class Table:
    key: str
    title: Label
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    note: Label = ""


@dataclass(frozen=True)
class Series:
    label: Label
    #: (category label, value) in the order shown: months, countries, ...
    points: tuple[tuple[str, Decimal | int | None], ...]


@dataclass(frozen=True)
class Chart:
    key: str
    title: Label
    kind: Literal["bar", "line"]
    series: tuple[Series, ...]
    table_key: str  # the table with the exact figures
    kind_of_value: ColumnKind = "number"
    currency: str = ""


@dataclass(frozen=True)
class Section:
    title: Label
    figures: tuple[Figure, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()
    note: Label = ""


@dataclass(frozen=True)
class Dashboard:
    key: str
    title: Label
    sections: tuple[Section, ...]
    #: what the dashboard cannot show yet, how figures are computed (shown under the title)
    notes: tuple[Label, ...] = field(default=())

    def tables(self) -> tuple[Table, ...]:
        return tuple(t for s in self.sections for t in s.tables)
