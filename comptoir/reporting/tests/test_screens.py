"""The reporting screens show any registered dashboard: every page read without a write,
filters offered by the spec, bad values refused naming the field, XLSX typed."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from comptoir.reporting.forms import preset_period
from comptoir.sales.models import Invoice

from . import shell_fakes as conftest
from .shell_fakes import company, invoice

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")


def _no_write(client, url: str, status: int = 200):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)] == []
    return response


def test_index_lists_the_dashboards(reader_client, fake_dashboard) -> None:  # type: ignore[no-untyped-def]
    html = _no_write(reader_client, reverse("reporting:index")).content.decode()
    assert reverse("reporting:dashboard", args=["overview"]) in html
    assert reverse("reporting:dashboard", args=["fake-test"]) in html
    assert html.index("Fake dashboard") > html.index(
        reverse("reporting:dashboard", args=["overview"])
    )


def test_fake_dashboard_page(reader_client, fake_dashboard) -> None:  # type: ignore[no-untyped-def]
    url = reverse("reporting:dashboard", args=["fake-test"])
    html = _no_write(
        reader_client, url + "?period=custom&start=2026-03-01&end=2026-03-31"
    ).content.decode()
    assert conftest.SEEN[-1].period.start == dt.date(2026, 3, 1)
    assert "<svg" in html and 'aria-label="Revenue chart"' in html
    assert "Revenue (EUR)" in html and "Share (%)" in html
    assert "1\u202f234,50" in html  # French by default
    assert 'class="change good"' in html  # revenue up, better up
    assert 'class="change bad"' in html  # late up, better down
    assert 'href="/sales/invoices/"' in html  # the row's drill-down
    for name in ("country", "zone", "client", "supplier", "agent", "product", "transport_mode"):
        assert f'name="{name}"' in html
    assert "export-xlsx" in html


def test_english_formats(reader_client, fake_dashboard) -> None:  # type: ignore[no-untyped-def]
    reader_client.cookies["comptoir_language"] = "en"
    html = _no_write(
        reader_client, reverse("reporting:dashboard", args=["fake-test"]) + "?period=last_month"
    ).content.decode()
    assert "1,234.50" in html


def test_overview_offers_only_its_filters(reader_client) -> None:  # type: ignore[no-untyped-def]
    de = company("Kunde GmbH", "DE")
    invoice(de, "500.00", dt.date.today())
    html = _no_write(
        reader_client, reverse("reporting:dashboard", args=["overview"])
    ).content.decode()
    assert 'name="country"' in html and 'name="client"' in html
    assert 'name="supplier"' not in html and 'name="transport_mode"' not in html
    assert "500,00" in html


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("period=custom&start=2026-13-01&end=2026-03-31", "start"),
        ("period=custom&start=2026-03-01", "end"),
        ("start=2026-03-31&end=2026-03-01", "end"),
        ("period=custom&start=1990-01-01&end=1990-02-01", "start"),
        ("period=custom&start=2020-01-01&end=2026-03-01", "end"),
        ("period=forever", "period"),
        ("country=XX", "country"),
        ("client=abc", "client"),
        ("client=99999999999999999999999", "client"),
        ("client=424242", "client"),
        ("product=0", "product"),
        ("zone=7777", "zone"),
        ("compare=maybe", "compare"),
        ("transport_mode=teleport", "transport_mode"),
    ],
)
def test_bad_filters_name_the_field(reader_client, fake_dashboard, query: str, field: str) -> None:  # type: ignore[no-untyped-def]
    url = reverse("reporting:dashboard", args=["fake-test"]) + "?" + query
    html = _no_write(reader_client, url, status=400).content.decode()
    assert f'id="field-{field}"' in html
    assert re.search(r'class="field has-error"\s+id="field-' + field + '"', html)
    assert conftest.SEEN == []
    xlsx = reader_client.get(reverse("reporting:dashboard_xlsx", args=["fake-test"]) + "?" + query)
    assert xlsx.status_code == 400


def test_a_supplier_is_not_a_client(reader_client, fake_dashboard) -> None:  # type: ignore[no-untyped-def]
    supplier = company("Fournisseur SA", "FR", ",supplier,")
    url = reverse("reporting:dashboard", args=["fake-test"])
    _no_write(reader_client, f"{url}?client={supplier.pk}", status=400)
    _no_write(reader_client, f"{url}?supplier={supplier.pk}")
    assert conftest.SEEN[-1].supplier_id == supplier.pk


def test_unknown_dashboard_is_404(reader_client) -> None:  # type: ignore[no-untyped-def]
    assert reader_client.get(reverse("reporting:dashboard", args=["nothing"])).status_code == 404
    assert (
        reader_client.get(reverse("reporting:dashboard_xlsx", args=["nothing"])).status_code == 404
    )


def test_xlsx_every_table_typed(reader_client, fake_dashboard) -> None:  # type: ignore[no-untyped-def]
    url = reverse("reporting:dashboard_xlsx", args=["fake-test"]) + "?period=this_month"
    response = _no_write(reader_client, url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Rows = of the fake"]
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Day", "Name", "Revenue (EUR)", "Share (%)", "Count")
    assert rows[1][0] == dt.datetime(2026, 3, 1)  # a date cell
    assert sheet.cell(2, 1).is_date
    assert rows[1][1] == '=HYPERLINK("http://x")'  # a text cell, never a formula
    assert sheet.cell(2, 2).data_type == "s"
    assert rows[1][2] == pytest.approx(1234.5) and sheet.cell(2, 3).data_type == "n"
    assert sheet.cell(2, 3).number_format == "#,##0.00"
    assert rows[1][3] == pytest.approx(0.125) and sheet.cell(2, 4).number_format == "0.0%"
    assert rows[2][2] == pytest.approx(-10)
    assert rows[3][1] == "Total"


def test_suggestions_by_role(reader_client) -> None:  # type: ignore[no-untyped-def]
    company("Acme Clients", "US")
    company("Acme Supplies", "US", ",supplier,")
    html = _no_write(
        reader_client, reverse("reporting:suggest", args=["supplier"]) + "?q=acme&field=id_supplier"
    ).content.decode()
    assert "Acme Supplies" in html and "Acme Clients" not in html
    assert (
        reader_client.get(reverse("reporting:suggest", args=["nobody"]) + "?q=ac").status_code
        == 404
    )


@pytest.mark.parametrize(
    ("preset", "start", "end"),
    [
        ("this_month", dt.date(2026, 5, 1), dt.date(2026, 5, 14)),
        ("last_month", dt.date(2026, 4, 1), dt.date(2026, 4, 30)),
        ("this_quarter", dt.date(2026, 4, 1), dt.date(2026, 5, 14)),
        ("year_to_date", dt.date(2026, 1, 1), dt.date(2026, 5, 14)),
        ("last_year", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ],
)
def test_presets(preset: str, start: dt.date, end: dt.date) -> None:
    period = preset_period(preset, dt.date(2026, 5, 14))
    assert (period.start, period.end) == (start, end)


def test_last_month_in_january() -> None:
    period = preset_period("last_month", dt.date(2026, 1, 9))
    assert (period.start, period.end) == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))


def test_drafts_do_not_count_on_screen(reader_client) -> None:  # type: ignore[no-untyped-def]
    de = company("Kunde GmbH", "DE")
    invoice(de, "777.00", dt.date.today(), status=Invoice.Status.DRAFT)
    html = _no_write(
        reader_client, reverse("reporting:dashboard", args=["overview"])
    ).content.decode()
    assert "777" not in html
    assert "0,00\u00a0EUR" in html  # the page shows zero, not the draft
