"""Read and write simple tables as CSV or XLSX (openpyxl), for imports and exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO

from openpyxl import Workbook, load_workbook


class TableError(ValueError):
    """The file cannot be read as a table."""


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return (
            format(Decimal(repr(value)).normalize(), "f")
            if value != int(value)
            else str(int(value))
        )
    return str(value).strip()


def read_table(stream: IO[bytes], filename: str) -> tuple[list[str], list[dict[str, str]]]:
    """Return the header (lower-cased) and the rows as dicts of text.

    CSV files may be UTF-8 (with or without BOM) or Windows-1252, comma or semicolon separated
    (French Excel writes semicolons).
    """
    if filename.lower().endswith(".xlsx"):
        try:
            workbook = load_workbook(stream, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds of errors on a broken file
            raise TableError(str(exc)) from exc
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    else:
        raw = stream.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
            delimiter = dialect.delimiter
        except csv.Error:
            delimiter = ","
        rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise TableError("empty file")
    header = [h.strip().lower() for h in rows[0]]
    records = []
    for row in rows[1:]:
        padded = list(row) + [""] * (len(header) - len(row))
        records.append({header[i]: padded[i] for i in range(len(header)) if header[i]})
    return header, records


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell_text(v) if not isinstance(v, str) else v for v in row])
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[object]], title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(header))
    for row in rows:
        sheet.append(
            [v if isinstance(v, int | Decimal | str | dt.date) else _cell_text(v) for v in row]
        )
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 50)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
