"""A dashboard's tables as one XLSX workbook, one sheet per table, values typed: dates as
dates, amounts as numbers (the currency is in the column's title), percentages as numbers
with a % format, texts as text that no spreadsheet runs as a formula (``tabular``).

Plain values in (:class:`Sheet`), bytes out; the caller gives the translated titles.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook

from . import tabular
from .exports import MAX_EXPORT_ROWS

FORMATS = {
    "money": "#,##0.00",
    "percent": "0.0%",
    "number": "#,##0.##",
    "days": "#,##0.#",
    "kg": "#,##0",
}
_BAD_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")


class TooManyRows(ValueError):
    """A table longer than the export allows (``MAX_EXPORT_ROWS``)."""


@dataclass(frozen=True)
class Sheet:
    title: str
    header: tuple[str, ...]
    kinds: tuple[str, ...]  # per column: text, money, number, percent, days, kg, date
    rows: Sequence[Sequence[object]]


def sheet_titles(titles: Sequence[str]) -> list[str]:
    """Sheet names Excel accepts: 31 characters, none of ``[]:*?/\\``, each different."""
    names: list[str] = []
    for title in titles:
        base = _BAD_SHEET_CHARACTERS.sub(" ", title).strip().strip("'")[:31] or "Sheet"
        name, n = base, 2
        while name.lower() in (x.lower() for x in names):
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def _value(value: object, kind: str) -> object:
    if kind == "percent" and isinstance(value, int | Decimal) and not isinstance(value, bool):
        return Decimal(value) / 100  # percentage points -> the fraction Excel formats as %
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return value


def write_workbook(sheets: Sequence[Sheet]) -> bytes:
    """The workbook; raises :class:`TooManyRows` rather than build one without end."""
    if sum(len(s.rows) for s in sheets) > MAX_EXPORT_ROWS:
        raise TooManyRows(MAX_EXPORT_ROWS)
    workbook = Workbook(write_only=True)
    for sheet, name in zip(sheets, sheet_titles([s.title for s in sheets]), strict=True):
        ws = workbook.create_sheet(name)
        for i, title in enumerate(sheet.header):
            ws.column_dimensions[tabular._column_letter(i)].width = min(max(len(title) + 2, 12), 50)
        ws.freeze_panes = "A2"
        ws.append([tabular.typed_cell(ws, h) for h in sheet.header])
        for row in sheet.rows:
            ws.append(
                [
                    tabular.typed_cell(ws, _value(v, kind), FORMATS.get(kind, ""))
                    for v, kind in zip(row, sheet.kinds, strict=False)
                ]
            )
    if not sheets:
        workbook.create_sheet("Empty")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
