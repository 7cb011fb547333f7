"""The large XLSX writer: typed numbers and dates, texts never formulas, control
characters dropped, readable by openpyxl (as by Excel)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from comptoir.documents.tabular import write_large_xlsx


def test_values_typed_and_texts_never_formulas() -> None:
    raw = write_large_xlsx(
        ["Invoice", "Date", "Amount (EUR)", "Qty"],
        [
            ['=HYPERLINK("http://evil")', dt.date(2026, 3, 10), Decimal("-200.50"), 3],
            ["A & B <c>\x07", None, Decimal("0"), ""],
        ],
        "pivot-lines",
    )
    book = load_workbook(io.BytesIO(raw))
    sheet = book.active
    assert sheet.title == "pivot-lines"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Invoice", "Date", "Amount (EUR)", "Qty")
    assert rows[1][0] == '=HYPERLINK("http://evil")'
    assert sheet["A2"].data_type != "f"
    assert rows[1][1] == dt.datetime(2026, 3, 10)  # a date cell, shown as a date
    assert sheet["B2"].is_date
    assert rows[1][2] == -200.5 and rows[1][3] == 3
    assert rows[2][0] == "A & B <c>"  # the bell character dropped
    assert rows[2][1] is None
    assert sheet.freeze_panes == "A2"
