"""Any :class:`Dashboard` made ready to show, on screen and in the monthly PDF: figures and
cells written in the reader's format, the change against the year before, each chart drawn
as SVG (``documents.charts``) beside the table that holds its exact figures.

Amounts of kind ``percent`` are percentage points (``Decimal("12.5")`` is 12.5 %).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from comptoir.common.dates import current_language
from comptoir.documents import charts

from .dashboard import Chart, Column, Dashboard, Figure, Label, Row, Section, Table, Value


def header(column: Column) -> str:
    """A column's title, with the currency of an amount: "Revenue (EUR)"."""
    label = str(column.label)
    if column.kind == "money" and column.currency:
        return f"{label} ({column.currency})"
    if column.kind == "percent":
        return f"{label} (%)"
    if column.kind == "kg":
        return f"{label} (kg)"
    return label


def cell_text(value: Value, kind: str, language: str) -> str:
    """A table cell in the reader's format (the currency is in the column's title)."""
    if value is None or value == "":
        return "—" if kind != "text" else ""
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, str):
        return value
    if kind == "money":
        return charts.format_number(value, language, 2)
    if kind == "percent":
        return charts.format_value(value, language, "percent")
    if kind == "kg":
        return charts.format_number(value, language, 0)
    return charts.format_value(value, language)


def change_percent(value: Decimal | int | None, previous: Decimal | int | None) -> Decimal | None:
    """The change from ``previous`` to ``value`` in percent (one decimal), or None."""
    if value is None or previous is None or previous == 0:
        return None
    change = (Decimal(value) - Decimal(previous)) / abs(Decimal(previous)) * 100
    return change.quantize(Decimal("0.1"))


@dataclass(frozen=True)
class FigureView:
    key: str
    label: str
    value: str
    previous: str
    change: str
    tone: str  # "good", "bad" or ""
    link: str
    note: str


@dataclass(frozen=True)
class CellView:
    text: str
    numeric: bool


@dataclass(frozen=True)
class RowView:
    cells: tuple[CellView, ...]
    link: str


@dataclass(frozen=True)
class TableView:
    key: str
    title: str
    headers: tuple[CellView, ...]
    rows: tuple[RowView, ...]
    total: RowView | None
    note: str


@dataclass(frozen=True)
class ChartView:
    key: str
    title: str
    svg: SafeString
    table: TableView | None


@dataclass(frozen=True)
class SectionView:
    title: str
    figures: tuple[FigureView, ...]
    charts: tuple[ChartView, ...]
    tables: tuple[TableView, ...]  # those no chart stands beside
    note: str


@dataclass(frozen=True)
class DashboardView:
    key: str
    title: str
    notes: tuple[str, ...]
    sections: tuple[SectionView, ...]


def figure_value(figure: Figure, value: Decimal | int | None, language: str) -> str:
    if value is None:
        return "—"
    kind = figure.kind
    if kind == "money":
        return charts.format_value(value, language, "money", figure.currency)
    if kind == "kg":
        return charts.format_value(value, language, "kg")
    if kind == "days":
        return charts.format_value(value, language) + " " + _("days")
    return charts.format_value(value, language, kind)


def figure_view(figure: Figure, language: str) -> FigureView:
    change = change_percent(figure.value, figure.previous)
    tone = ""
    if change is not None and change != 0 and figure.better:
        up = change > 0
        tone = "good" if up == (figure.better == "up") else "bad"
    change_text = ""
    if change is not None:
        sign = "+" if change > 0 else ""
        change_text = sign + charts.format_value(change, language, "percent")
    return FigureView(
        key=figure.key,
        label=str(figure.label),
        value=figure_value(figure, figure.value, language),
        previous=figure_value(figure, figure.previous, language)
        if figure.previous is not None
        else "",
        change=change_text,
        tone=tone,
        link=figure.link,
        note=str(figure.note),
    )


def _row(row: Row, columns: tuple[Column, ...], language: str) -> RowView:
    return RowView(
        tuple(
            CellView(
                cell_text(value, column.kind, language),
                column.kind not in ("text", "date"),
            )
            for value, column in zip(row.values, columns, strict=False)
        ),
        row.link,
    )


def table_view(table: Table, language: str) -> TableView:
    return TableView(
        key=table.key,
        title=str(table.title),
        headers=tuple(CellView(header(c), c.kind not in ("text", "date")) for c in table.columns),
        rows=tuple(_row(r, table.columns, language) for r in table.rows),
        total=_row(table.total, table.columns, language) if table.total else None,
        note=str(table.note),
    )


def chart_svg(chart: Chart, language: str) -> SafeString:
    categories: list[str] = []
    for series in chart.series:
        for category, _value in series.points:
            if category not in categories:
                categories.append(category)
    drawn = []
    for series in chart.series:
        values = dict(series.points)
        drawn.append(
            charts.ChartSeries(str(series.label), tuple(values.get(c) for c in categories))
        )
    draw = charts.bar_chart if chart.kind == "bar" else charts.line_chart
    return draw(
        title=str(chart.title),
        categories=categories,
        series=drawn,
        language=language,
        empty=_("No figures for this period."),
        kind=chart.kind_of_value,
        currency=chart.currency,
    )


def section_view(section: Section, language: str) -> SectionView:
    tables = {t.key: table_view(t, language) for t in section.tables}
    beside = {c.table_key for c in section.charts}
    return SectionView(
        title=str(section.title),
        figures=tuple(figure_view(f, language) for f in section.figures),
        charts=tuple(
            ChartView(c.key, str(c.title), chart_svg(c, language), tables.get(c.table_key))
            for c in section.charts
        ),
        tables=tuple(t for key, t in tables.items() if key not in beside),
        note=str(section.note),
    )


def dashboard_view(dashboard: Dashboard, language: str | None = None) -> DashboardView:
    language = language or current_language()
    return DashboardView(
        key=dashboard.key,
        title=str(dashboard.title),
        notes=tuple(str(n) for n in dashboard.notes),
        sections=tuple(section_view(s, language) for s in dashboard.sections),
    )


def month_label(month: dt.date) -> str:
    """The month by its full name in the active language ("juin 2025", "June 2025"):
    Django's French short names write both June and July "Jui"."""
    return date_format(month, "YEAR_MONTH_FORMAT")


def period_label(start: dt.date, end: dt.date) -> str:
    return _("%(start)s to %(end)s") % {
        "start": date_format(start, "SHORT_DATE_FORMAT"),
        "end": date_format(end, "SHORT_DATE_FORMAT"),
    }


__all__ = ["Label", "dashboard_view", "header", "month_label", "period_label"]
