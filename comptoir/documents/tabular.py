"""Read and write simple tables as CSV or XLSX (openpyxl), for imports and exports.

Reading is bounded: at most ``MAX_ROWS`` rows are read (reading stops at the first row
beyond), an XLSX file is refused before it is opened when its parts would unzip to more
than ``MAX_UNZIPPED_BYTES`` (a 3 MB file may hold 700 MB of sheet XML), and the sheet is
read in openpyxl's streaming mode. A file that is not a table (binary, old ``.xls``) is
said to be so, and CSV text may be UTF-8, Windows-1252 or UTF-16 (Excel's "Unicode text").

Writing neutralises spreadsheet formulas: see :func:`safe_text`.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

#: Data rows one import may hold (the header row aside).
MAX_ROWS = 10_000
#: Bytes the parts of an XLSX file may unzip to, in all.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
#: Parts (files) an XLSX zip may hold; a workbook of one sheet has about ten.
MAX_ZIP_MEMBERS = 1_000
#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV
#: injection": = + - @, and tab and carriage return that some programs skip first).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls, Word .doc


class TableError(ValueError):
    """The file cannot be read as a table; the message says why, in the user's language."""


def _number(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


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


def _unquote(text: str) -> str:
    """Undo the export's neutralisation (``'=x`` back to ``=x``) so exports re-import."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


# --------------------------------------------------------------------------- reading


def read_table(
    stream: IO[bytes], filename: str, max_rows: int | None = None
) -> tuple[list[str], list[dict[str, str]]]:
    """Return the header (lower-cased) and the rows as dicts of text.

    The kind of file is told by its content, not only its name. CSV files may be UTF-8
    (with or without BOM), Windows-1252 or UTF-16 with its BOM, comma, semicolon or tab
    separated (French Excel writes semicolons, "Unicode text" tabs). Raises
    :class:`TableError` for a file that is not a table, too large once unzipped, or with
    more than ``max_rows`` data rows (default ``MAX_ROWS``).
    """
    max_rows = MAX_ROWS if max_rows is None else max_rows
    raw = stream.read()
    if raw.startswith(_ZIP_MAGIC):
        rows = _xlsx_rows(raw, max_rows)
    elif raw.startswith(_OLE_MAGIC):
        raise TableError(
            _(
                "This is an old Excel 97-2003 file (.xls): open it in your spreadsheet and "
                "save it as .xlsx or CSV."
            )
        )
    elif filename.lower().endswith(".xlsx"):
        raise TableError(_("This is not an XLSX file (it is not a zip archive)."))
    else:
        rows = _csv_rows(_decode(raw), max_rows)
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise TableError(_("The file is empty."))
    header = [h.strip().lower() for h in rows[0]]
    records = []
    for row in rows[1:]:
        padded = list(row) + [""] * (len(header) - len(row))
        records.append({header[i]: _unquote(padded[i]) for i in range(len(header)) if header[i]})
    return header, records


def _too_many_rows(max_rows: int) -> TableError:
    return TableError(
        _(
            "The file has more than %(max)s rows: an import takes at most %(max)s rows. "
            "Split it into several files."
        )
        % {"max": _number(max_rows)}
    )


def _bounded(rows: Iterable[list[str]], max_rows: int) -> list[list[str]]:
    """The header and at most ``max_rows`` data rows; stop reading at the first beyond.

    Empty rows count only when data follows them (they keep the row numbers right); the
    empty rows a spreadsheet leaves after the data (formatted to row 1 048 576) are
    counted, not kept, so they cost no memory.
    """
    out: list[list[str]] = []
    pending = 0  # empty rows seen since the last row with data
    for row in rows:
        if not out:
            out.append(row)
            continue
        if not any(row):
            pending += 1
            continue
        if len(out) - 1 + pending + 1 > max_rows:
            raise _too_many_rows(max_rows)
        out.extend([] for _ in range(pending))
        pending = 0
        out.append(row)
    return out


def check_zip(raw: bytes) -> None:
    """Refuse a zip (XLSX) that would unzip to more than ``MAX_UNZIPPED_BYTES``.

    The sizes the archive declares are checked first, then each part is decompressed
    (and thrown away) while counting, so a part lying about its size is caught too, at a
    cost bounded by the limit.
    """
    too_big = TableError(
        _(
            "The XLSX file is too large once unzipped (more than %(mb)s MB): an import takes "
            "at most %(rows)s rows. Split it into several files."
        )
        % {"mb": MAX_UNZIPPED_BYTES // (1024 * 1024), "rows": _number(MAX_ROWS)}
    )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise too_big
            if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
                raise too_big
            actual = 0
            for member in members:
                with archive.open(member) as part:
                    while chunk := part.read(1 << 20):
                        actual += len(chunk)
                        if actual > MAX_UNZIPPED_BYTES:
                            raise too_big
    except (
        zipfile.BadZipFile,  # not a zip, or a part whose checksum is wrong
        zipfile.LargeZipFile,
        zlib.error,  # a part whose compressed data is damaged
        EOFError,
        NotImplementedError,  # an unknown compression method
        RuntimeError,  # an encrypted part
    ) as exc:
        raise TableError(
            _("The XLSX file is damaged: %(reason)s") % {"reason": str(exc) or type(exc).__name__}
        ) from exc


def _xlsx_rows(raw: bytes, max_rows: int) -> list[list[str]]:
    check_zip(raw)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on a broken file
        raise TableError(
            _("This is not an XLSX file that can be read: %(reason)s") % {"reason": exc}
        ) from exc
    try:
        if not workbook.worksheets:
            raise TableError(_("The file is empty."))
        sheet = workbook.worksheets[0]
        cells: Iterator[list[str]] = (
            [_cell_text(c) for c in row] for row in sheet.iter_rows(values_only=True)
        )
        return _bounded(cells, max_rows)
    except TableError:
        raise
    except Exception as exc:  # a sheet's XML is read lazily: broken XML shows up here
        raise TableError(
            _("This is not an XLSX file that can be read: %(reason)s") % {"reason": exc}
        ) from exc
    finally:
        workbook.close()


def _not_a_table() -> TableError:
    return TableError(
        _(
            "This is not a CSV or XLSX file: send a table saved from your spreadsheet as "
            "CSV (UTF-8) or XLSX."
        )
    )


def _decode(raw: bytes) -> str:
    """The text of a CSV file; UTF-16 (Excel's "Unicode text") is told by its BOM."""
    try:
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return raw.decode("utf-16")
        if raw.startswith(codecs.BOM_UTF8):
            return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _not_a_table() from None
    sample = raw[:4096]
    if b"\x00" in sample:
        # UTF-16 without a BOM has a zero byte beside every ASCII character.
        for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
            if zeros and zeros.count(0) >= 0.9 * len(zeros):
                try:
                    return raw.decode(encoding)
                except UnicodeDecodeError:
                    break
        raise _not_a_table()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise _not_a_table() from None
    head = text[:4096]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > max(2, len(head) // 100):
        raise _not_a_table()
    return text


def _csv_rows(text: str, max_rows: int) -> list[list[str]]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return _bounded(([c.strip() for c in r] for r in reader), max_rows)
    except csv.Error as exc:
        raise TableError(_("The CSV file cannot be read: %(reason)s") % {"reason": exc}) from exc


# --------------------------------------------------------------------------- writing


def safe_text(value: object) -> str:
    """A cell's text that no spreadsheet runs as a formula.

    Text starting with ``= + - @``, a tab or a carriage return gets a leading single
    quote (OWASP's advice for CSV): ``=HYPERLINK(...)`` is written ``'=HYPERLINK(...)``
    and shown as text. The import removes that quote again.
    """
    text = value if isinstance(value, str) else _cell_text(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 CSV (with BOM, for Excel); numbers as numbers, every text made safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_text(h) for h in header])
    for row in rows:
        writer.writerow(
            [
                v if isinstance(v, int | Decimal) and not isinstance(v, bool) else safe_text(v)
                for v in row
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[object]], title: str) -> bytes:
    """One sheet; texts are string cells (never formulas), numbers and dates typed."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    body = [list(row) for row in rows]
    widths = [len(str(h)) for h in header]
    for row in body:
        for i, v in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], len(_cell_text(v)))
    for i, width in enumerate(widths):
        sheet.column_dimensions[_column_letter(i)].width = min(max(width + 2, 8), 50)
    sheet.freeze_panes = "A2"
    sheet.append([_xlsx_cell(sheet, h) for h in header])
    for row in body:
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(index + 1)
    return letter


def _xlsx_cell(sheet: object, value: object) -> WriteOnlyCell:
    """A typed cell: numbers and dates as such; anything else a string cell (``t="s"``).

    openpyxl turns a text starting with ``=`` into a formula; setting the data type
    afterwards keeps it plain text, shown as typed, never run.
    """
    if isinstance(value, int | Decimal | dt.date) and not isinstance(value, bool):
        return WriteOnlyCell(sheet, value=value)
    text = value if isinstance(value, str) else _cell_text(value)
    cell = WriteOnlyCell(sheet, value=text or None)
    if text:
        cell.data_type = "s"
    return cell


# --------------------------------------------------------------------------- large XLSX

#: One pass over a text: XML's three specials escaped, the control characters XML 1.0
#: forbids dropped.
_XML_TEXT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
    | {chr(c): None for c in (*range(0, 9), 11, 12, *range(14, 32))}
)
_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year quirk)
_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def _xml_text(value: str) -> str:
    return value.translate(_XML_TEXT)


def write_large_xlsx(header: Sequence[str], rows: Iterable[Sequence[object]], title: str) -> bytes:
    """One sheet written straight as SpreadsheetML, for exports of up to 100,000 rows that
    :func:`write_xlsx` (openpyxl, ~50 µs a cell) would take minutes to write. The same
    promises: numbers and dates typed (dates with a date format), every text an inline
    string, never a formula (there is no formula element), control characters dropped."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        f'<cols><col min="1" max="{max(len(header), 1)}" width="16" customWidth="1"/></cols>'
        "<sheetData>",
        '<row r="1">'
        + "".join(
            f'<c t="inlineStr" s="2"><is><t xml:space="preserve">{_xml_text(str(h))}</t></is></c>'
            for h in header
        )
        + "</row>",
    ]
    append = parts.append
    for index, row in enumerate(rows, start=2):
        cells = []
        for value in row:
            if value is None or value == "":
                cells.append("<c/>")
            elif isinstance(value, bool):
                cells.append(f'<c t="inlineStr"><is><t>{value}</t></is></c>')
            elif isinstance(value, int | Decimal | float):
                cells.append(f"<c><v>{value}</v></c>")
            elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                cells.append(f'<c s="1"><v>{(value - _EPOCH).days}</v></c>')
            else:
                text = _xml_text(value if isinstance(value, str) else _cell_text(value))
                cells.append(f'<c t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
        append(f'<row r="{index}">{"".join(cells)}</row>')
    parts.append("</sheetData></worksheet>")
    sheet_name = _xml_text(title[:31]).replace('"', "&quot;") or "Sheet1"
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, content in _XLSX_PARTS.items():
            archive.writestr(name, content)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/worksheets/sheet1.xml", "".join(parts))
    return out.getvalue()


def typed_cell(sheet: object, value: object, number_format: str = "") -> WriteOnlyCell:
    """A typed cell of a write-only sheet (see :func:`_xlsx_cell`: never a formula), with a
    number format for numbers ("#,##0.00", "0.0%")."""
    cell = _xlsx_cell(sheet, value)
    if number_format and isinstance(value, int | Decimal) and not isinstance(value, bool):
        cell.number_format = number_format
    return cell
