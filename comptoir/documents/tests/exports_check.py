"""Assertions shared by the export tests of every area: no cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import zipfile

from openpyxl import load_workbook

#: OWASP's list, written out again here so the tests do not trust the code they test.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def assert_csv_is_inert(content: bytes, *expected: str) -> None:
    """No cell starts with = + - @ tab or CR; ``expected`` texts are there, quoted."""
    cells = csv_cells(content)
    live = [c for c in cells if c.startswith(FORMULA_TRIGGERS)]
    assert live == [], live
    for text in expected:
        assert "'" + text in cells, (text, cells)


def assert_xlsx_is_inert(content: bytes, *expected: str) -> None:
    """No formula in the sheet; ``expected`` texts are there as plain strings."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    sheet = load_workbook(io.BytesIO(content)).active
    values = {}
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
            values[cell.value] = cell.data_type
    for text in expected:
        assert values.get(text) == "s", (text, values)
