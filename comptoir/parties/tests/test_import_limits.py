"""Imports: bounded reading (rows, unzipped size), files named for what they are, and a
warning before the same records are imported twice."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from comptoir.documents import tabular
from comptoir.parties import services
from comptoir.parties.models import Company, Contact

from .factories import company

pytestmark = pytest.mark.django_db

HEADER = "name\troles\tcountry\tcity\temail"
ROWS = ["Küchenhaus Berger GmbH\tclient\tDE\tMünchen\tinfo@kuechenhaus.example"]


def _xlsx(rows: list[list[object]]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def test_excel_unicode_text_utf16_with_bom_imports(assistant):
    # Excel's "Unicode text" is UTF-16 with a BOM, tab separated: once "missing columns".
    data = "\n".join([HEADER, *ROWS]).encode("utf-16")
    report = services.import_table(
        kind="companies", stream=io.BytesIO(data), filename="c.txt.csv", user=assistant
    )
    assert report.ok, report.errors
    assert Company.objects.get().city == "München"


def test_utf16_without_bom_is_read_too(assistant):
    data = "\n".join([HEADER, *ROWS]).encode("utf-16-le")
    report = services.import_table(
        kind="companies", stream=io.BytesIO(data), filename="c.csv", user=assistant
    )
    assert report.ok, report.errors


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,
        bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 50,  # neither UTF-8 nor Windows-1252
        b"%PDF-1.7\n" + bytes(range(1, 32)) * 40,
    ],
)
def test_a_binary_file_is_said_not_to_be_a_table(assistant, data):
    report = services.import_table(
        kind="companies", stream=io.BytesIO(data), filename="c.csv", user=assistant
    )
    assert [e.row for e in report.errors] == [0]
    assert "not a CSV or XLSX file" in report.errors[0].message
    assert "codec" not in report.errors[0].message


def test_an_old_xls_file_is_named(assistant):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)
    report = services.import_table(
        kind="companies", stream=io.BytesIO(data), filename="c.xls.xlsx", user=assistant
    )
    assert ".xls" in report.errors[0].message and "save it as .xlsx" in report.errors[0].message


def test_rows_beyond_the_cap_stop_the_reading_and_nothing_is_imported(assistant, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 50)
    rows = [["name", "roles", "country"]] + [[f"Firm {i}", "client", "FR"] for i in range(60)]
    report = services.import_table(
        kind="companies", stream=_xlsx(rows), filename="c.xlsx", user=assistant
    )
    assert len(report.errors) == 1 and "more than 50 rows" in report.errors[0].message
    assert Company.objects.count() == 0
    text = "\n".join(",".join(r) for r in rows).encode()
    report = services.import_table(
        kind="companies", stream=io.BytesIO(text), filename="c.csv", user=assistant
    )
    assert "more than 50 rows" in report.errors[0].message


def test_reading_stops_at_the_first_row_beyond_the_cap():
    def endless():  # a sheet of millions of rows: only cap + 1 are ever asked for
        yield ["name"]
        n = 0
        while True:
            n += 1
            if n > 1000:
                raise AssertionError("read past the cap")
            yield [f"row {n}"]

    with pytest.raises(tabular.TableError, match="more than 10"):
        tabular._bounded(endless(), 10)


def test_the_default_cap_is_ten_thousand_rows(assistant):
    lines = ["name,roles,country"] + [f"Firm {i},client,FR" for i in range(10_001)]
    data = "\n".join(lines).encode()
    report = services.import_table(
        kind="companies", stream=io.BytesIO(data), filename="c.csv", user=assistant
    )
    assert "10\u202f000 rows" in report.errors[0].message
    assert Company.objects.count() == 0


def test_a_zip_bomb_is_refused_before_it_is_opened(assistant, monkeypatch):
    # 3 MB of XLSX once held 718 MB of sheet XML; here 6 MB of XML in a few kilobytes.
    book = _xlsx([["name", "roles", "country"], ["A", "client", "FR"]]).getvalue()
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(book)) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * 6_000_000)
            target.writestr(item, data)
    assert len(bomb.getvalue()) < 100_000
    monkeypatch.setattr(tabular, "MAX_UNZIPPED_BYTES", 5_000_000)
    report = services.import_table(
        kind="companies", stream=io.BytesIO(bomb.getvalue()), filename="c.xlsx", user=assistant
    )
    assert "too large once unzipped" in report.errors[0].message
    assert Company.objects.count() == 0


def test_an_xlsx_that_is_not_a_zip_is_named(assistant):
    report = services.import_table(
        kind="companies", stream=io.BytesIO(b"name,roles\n"), filename="c.xlsx", user=assistant
    )
    assert "not an XLSX file" in report.errors[0].message


# --------------------------------------------------------------------------- duplicates

COMPANIES = (
    "name;roles;country;city;email\n"
    "Casa Cucina S.r.l.;client;IT;Milan;ordini@casacucina.example\n"
    "Harcourt Kitchen Supplies Ltd;client;GB;London;\n"
)


def test_importing_the_same_companies_twice_warns_and_creates_nothing(assistant):
    first = services.import_table(
        kind="companies", stream=io.BytesIO(COMPANIES.encode()), filename="c.csv", user=assistant
    )
    assert first.ok and first.created == 2
    again = services.import_table(
        kind="companies", stream=io.BytesIO(COMPANIES.encode()), filename="c.csv", user=assistant
    )
    assert not again.ok and again.needs_confirmation and again.created == 0
    assert [(d.row, d.existing) for d in again.duplicates] == [
        (2, "Casa Cucina S.r.l."),
        (3, "Harcourt Kitchen Supplies Ltd"),
    ]
    assert "e-mail" in again.duplicates[0].reason
    assert "name and country" in again.duplicates[1].reason
    assert Company.objects.count() == 2
    forced = services.import_table(
        kind="companies",
        stream=io.BytesIO(COMPANIES.encode()),
        filename="c.csv",
        user=assistant,
        allow_duplicates=True,
    )
    assert forced.ok and forced.created == 2 and Company.objects.count() == 4


def test_same_name_in_another_country_is_not_a_duplicate(assistant):
    company(name="Casa Cucina S.r.l.", country="ES", time_zone="Europe/Madrid")
    data = "name;roles;country\nCasa Cucina S.r.l.;client;IT\n"
    report = services.import_table(
        kind="companies", stream=io.BytesIO(data.encode()), filename="c.csv", user=assistant
    )
    assert report.ok and report.created == 1


def test_importing_the_same_contacts_twice_warns(assistant):
    firm = company()
    data = (
        f"company,first_name,last_name,email\n"
        f"{firm.name},Anja,Vogel,a.vogel@example.de\n"
        f"{firm.name},Jan,Roth,\n"
    )
    assert services.import_table(
        kind="contacts", stream=io.BytesIO(data.encode()), filename="p.csv", user=assistant
    ).ok
    again = services.import_table(
        kind="contacts", stream=io.BytesIO(data.encode()), filename="p.csv", user=assistant
    )
    assert [d.row for d in again.duplicates] == [2, 3]
    assert Contact.objects.count() == 2


def test_the_import_screen_lists_duplicates_and_imports_once_confirmed(assistant_client, assistant):
    assistant_client.cookies["comptoir_language"] = "en"
    services.import_table(
        kind="companies",
        stream=io.BytesIO(COMPANIES.encode()),
        filename="c.csv",
        user=assistant,
        allow_duplicates=True,
    )

    def send(**extra: str):
        upload = io.BytesIO(COMPANIES.encode())
        upload.name = "companies.csv"
        return assistant_client.post(
            "/parties/import/", {"kind": "companies", "file": upload, **extra}
        )

    page = send().content.decode()
    assert 'id="import-duplicates"' in page and "Casa Cucina" in page
    assert "send the file again" in page
    assert Company.objects.count() == 2
    send(allow_duplicates="on")
    assert Company.objects.count() == 4


def test_the_import_page_says_the_row_limit(assistant_client):
    assistant_client.cookies["comptoir_language"] = "en"
    page = assistant_client.get("/parties/import/").content.decode()
    assert "At most" in page and "rows per file" in page


def test_a_damaged_xlsx_is_said_to_be_damaged(assistant):
    # Damaged compressed data raised zlib.error, which nothing caught: a server error.
    sheet = _xlsx([["name", "roles", "country"], ["x" * 5000, "client", "FR"]]).getvalue()
    damaged = bytearray(sheet)
    damaged[len(damaged) // 2 : len(damaged) // 2 + 40] = b"\xff" * 40
    report = services.import_table(
        kind="companies", stream=io.BytesIO(bytes(damaged)), filename="c.xlsx", user=assistant
    )
    assert "damaged" in report.errors[0].message
    assert Company.objects.count() == 0


def test_an_xlsx_with_broken_sheet_xml_is_named(assistant):
    book = _xlsx([["name", "roles", "country"], ["A", "client", "FR"]]).getvalue()
    broken = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(book)) as source,
        zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"<row><c></sheetData>")
            target.writestr(item, data)
    report = services.import_table(
        kind="companies", stream=io.BytesIO(broken.getvalue()), filename="c.xlsx", user=assistant
    )
    assert "not an XLSX file that can be read" in report.errors[0].message


def test_empty_rows_after_the_data_cost_nothing_and_rows_keep_their_numbers(assistant):
    rows = [["name", "roles", "country"], ["A", "client", "FR"], [], ["B", "client", "XX"]]
    rows += [[] for _ in range(2000)]
    text = "\n".join(",".join(r) for r in rows).encode()
    report = services.import_table(
        kind="companies", stream=io.BytesIO(text), filename="c.csv", user=assistant
    )
    assert [(e.row, e.column) for e in report.errors] == [(4, "country")]
    kept = tabular._bounded(iter(rows), 10)
    assert len(kept) == 4
