"""Any dashboard as XLSX sheets (every table) and as JSON (the API): one generic pass over
figures, tables and charts, so builders never write an export themselves.

In JSON, amounts and other decimals are strings of Decimals (as everywhere in the API),
dates ISO 8601, whole numbers numbers; percentages are percentage points.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format

from comptoir.documents.report_xlsx import Sheet

from .dashboard import Chart, Column, Dashboard, Figure, Row, Table, Value
from .filters import ReportFilters
from .render import header


def _plain(value: Value) -> Value:
    return (
        str(value)
        if not isinstance(value, str | int | Decimal | dt.date) and value is not None
        else value
    )


def table_sheet(table: Table) -> Sheet:
    rows: list[tuple[Value, ...]] = [tuple(_plain(v) for v in r.values) for r in table.rows]
    if table.total is not None:
        rows.append(tuple(_plain(v) for v in table.total.values))
    return Sheet(
        title=str(table.title),
        header=tuple(header(c) for c in table.columns),
        kinds=tuple(c.kind for c in table.columns),
        rows=rows,
    )


def sheets(dashboard: Dashboard) -> list[Sheet]:
    return [table_sheet(t) for t in dashboard.tables()]


def _json_value(value: Value | object) -> Any:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _figure(figure: Figure) -> dict[str, Any]:
    return {
        "key": figure.key,
        "label": str(figure.label),
        "kind": figure.kind,
        "currency": figure.currency,
        "value": _json_value(figure.value),
        "previous": _json_value(figure.previous),
        "better": figure.better,
        "link": figure.link,
        "note": str(figure.note),
    }


def _column(column: Column) -> dict[str, Any]:
    return {
        "key": column.key,
        "label": str(column.label),
        "kind": column.kind,
        "currency": column.currency,
    }


def _row(row: Row) -> dict[str, Any]:
    return {"values": [_json_value(v) for v in row.values], "link": row.link}


def _table(table: Table) -> dict[str, Any]:
    return {
        "key": table.key,
        "title": str(table.title),
        "columns": [_column(c) for c in table.columns],
        "rows": [_row(r) for r in table.rows],
        "total": _row(table.total) if table.total else None,
        "note": str(table.note),
    }


def _chart(chart: Chart) -> dict[str, Any]:
    return {
        "key": chart.key,
        "title": str(chart.title),
        "kind": chart.kind,
        "table": chart.table_key,
        "kind_of_value": chart.kind_of_value,
        "currency": chart.currency,
        "series": [
            {
                "label": str(s.label),
                "points": [{"category": c, "value": _json_value(v)} for c, v in s.points],
            }
            for s in chart.series
        ],
    }


def as_json(dashboard: Dashboard, filters: ReportFilters) -> dict[str, Any]:
    return {
        "key": dashboard.key,
        "title": str(dashboard.title),
        "notes": [str(n) for n in dashboard.notes],
        "filters": {
            "start": filters.period.start.isoformat(),
            "end": filters.period.end.isoformat(),
            "compare": filters.compare,
            "country": filters.country,
            "zone": filters.zone_id,
            "client": filters.client_id,
            "supplier": filters.supplier_id,
            "product": filters.product_id,
            "agent": filters.agent_id,
            "transport_mode": filters.transport_mode,
        },
        "sections": [
            {
                "title": str(s.title),
                "note": str(s.note),
                "figures": [_figure(f) for f in s.figures],
                "charts": [_chart(c) for c in s.charts],
                "tables": [_table(t) for t in s.tables],
            }
            for s in dashboard.sections
        ],
    }


def period_words(filters: ReportFilters) -> str:
    return f"{date_format(filters.period.start, 'SHORT_DATE_FORMAT')} – {date_format(filters.period.end, 'SHORT_DATE_FORMAT')}"
