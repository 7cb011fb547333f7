"""A computed pivot laid out flat: one header per shown column (column value x measure x
this year / last year / change) and one line per row value, then the totals. The screen,
the XLSX and the API all read this layout, so they show the same figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext

from ..dashboard import ColumnKind
from .engine import NO_COLUMN, PivotResult, change_pct

Part = Literal["value", "previous", "change"]
#: (row key or None for the total, column key or None for the total, last year?) -> URL
LinkFor = Callable[[str | None, str | None, bool], str]


@dataclass(frozen=True)
class FlatColumn:
    column: str | None  # the column value's key; None: the row's total
    column_label: str
    measure: str
    measure_label: str
    kind: ColumnKind
    currency: str
    part: Part

    @property
    def header(self) -> str:
        label = self.measure_label
        if self.currency:
            label = f"{label} ({self.currency})"
        if self.part == "previous":
            label = gettext("%(measure)s, a year earlier") % {"measure": label}
        elif self.part == "change":
            label = gettext("%(measure)s, change (%%)") % {"measure": self.measure_label}
        return f"{self.column_label} — {label}" if self.column_label else label


@dataclass(frozen=True)
class FlatCell:
    value: Decimal | int | None
    kind: ColumnKind
    link: str = ""


@dataclass(frozen=True)
class FlatRow:
    key: str | None  # None: the total line
    label: str
    cells: tuple[FlatCell, ...]


@dataclass(frozen=True)
class FlatPivot:
    row_label: str
    columns: tuple[FlatColumn, ...]
    rows: tuple[FlatRow, ...]  # the total line last


def flatten(result: PivotResult, link_for: LinkFor | None = None) -> FlatPivot:
    source = result.source
    parts: tuple[Part, ...] = ("value", "previous", "change") if result.spec.compare else ("value",)
    columns: list[FlatColumn] = []
    shown = [(c.key, c.label) for c in result.columns]
    if shown:
        shown.append((None, gettext("Total")))  # type: ignore[arg-type]
    else:
        shown = [(None, "")]  # type: ignore[list-item]
    for key, label in shown:
        for measure in result.measures:
            for part in parts:
                kind: ColumnKind = "percent" if part == "change" else measure.kind
                columns.append(
                    FlatColumn(
                        key,
                        label,
                        measure.key,
                        str(measure.label),
                        kind,
                        measure.currency if part != "change" else "",
                        part,
                    )
                )

    def cell(row: str | None, column: FlatColumn) -> FlatCell:
        if row is None:
            now = (
                result.total
                if column.column is None
                else result.column_totals.get(column.column, {})
            )
            before = (
                result.previous_total
                if column.column is None
                else result.previous_column_totals.get(column.column, {})
            )
        elif column.column is None:
            now = result.row_totals.get(row, {})
            before = result.previous_row_totals.get(row, {})
        else:
            now = result.cells.get((row, column.column), {})
            before = result.previous_cells.get((row, column.column), {})
        value_now, value_before = now.get(column.measure), before.get(column.measure)
        if column.part == "change":
            return FlatCell(change_pct(value_now, value_before), "percent")
        value = value_now if column.part == "value" else value_before
        link = ""
        if link_for is not None and value is not None:
            link = link_for(row, column.column, column.part == "previous")
        return FlatCell(value, column.kind, link)

    rows = [FlatRow(h.key, h.label, tuple(cell(h.key, c) for c in columns)) for h in result.rows]
    rows.append(FlatRow(None, gettext("Total"), tuple(cell(None, c) for c in columns)))
    row_dim = source.dimension(result.spec.rows)
    return FlatPivot(str(row_dim.label) if row_dim else "", tuple(columns), tuple(rows))


__all__ = ["NO_COLUMN", "FlatCell", "FlatColumn", "FlatPivot", "FlatRow", "flatten"]
