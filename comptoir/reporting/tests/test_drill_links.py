"""Drill-downs carry the period (issue 17): a dashboard's figure opens the list of the
documents it counts — invoices issued in the period, orders ordered in it, shipments whose
goods left in it, supplier invoices dated in it — with the country and client the list
understands; a month's row opens that month."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from comptoir.reporting.dashboard import Dashboard
from comptoir.reporting.dashboards import logistics, overview, purchasing, receivables, sales
from comptoir.reporting.drill import list_link, month_of
from comptoir.reporting.filters import Period, ReportFilters

pytestmark = pytest.mark.django_db

Q1 = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def _figure_link(board: Dashboard, key: str) -> tuple[str, dict[str, str]]:
    for section in board.sections:
        for figure in section.figures:
            if figure.key == key:
                parts = urlsplit(figure.link)
                return parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()}
    raise AssertionError(f"no figure {key}")


def test_list_link_and_month_of() -> None:
    filters = ReportFilters(period=Q1, country="DE", client_id=7, zone_id=3)
    assert list_link("invoices", filters) == (
        "/sales/invoices/?issued_from=2026-01-01&issued_to=2026-03-31&country=DE&client=7"
    )
    assert list_link("orders", filters, until_only=True, status="confirmed") == (
        "/sales/orders/?ordered_to=2026-03-31&country=DE&client=7&status=confirmed"
    )
    assert list_link("shipments", filters).endswith(
        "?left_from=2026-01-01&left_to=2026-03-31&country=DE"
    )
    assert list_link("orders", status="confirmed") == "/sales/orders/?status=confirmed"
    assert month_of(
        Period(dt.date(2026, 1, 15), dt.date(2026, 3, 10)), dt.date(2026, 1, 1)
    ) == Period(dt.date(2026, 1, 15), dt.date(2026, 1, 31))
    assert month_of(Q1, dt.date(2026, 2, 1)) == Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28))


@pytest.mark.parametrize(
    ("build", "key", "path", "expected"),
    [
        (
            overview.build,
            "net_invoiced",
            "/sales/invoices/",
            {
                "issued_from": "2026-01-01",
                "issued_to": "2026-03-31",
                "country": "DE",
                "client": "7",
            },
        ),
        (
            sales.build_sales,
            "revenue",
            "/sales/invoices/",
            {
                "issued_from": "2026-01-01",
                "issued_to": "2026-03-31",
                "country": "DE",
                "client": "7",
            },
        ),
        (
            sales.build_sales,
            "intake",
            "/sales/orders/",
            {
                "ordered_from": "2026-01-01",
                "ordered_to": "2026-03-31",
                "country": "DE",
                "client": "7",
            },
        ),
        (
            sales.build_sales,
            "backlog",
            "/sales/orders/",
            {"ordered_to": "2026-03-31", "country": "DE", "client": "7", "status": "confirmed"},
        ),
        (
            receivables.build_receivables,
            "outstanding",
            "/sales/invoices/",
            {"issued_to": "2026-03-31", "country": "DE", "client": "7", "state": "open"},
        ),
        (
            logistics.build,
            "shipments",
            "/shipping/shipments/",
            {"left_from": "2026-01-01", "left_to": "2026-03-31", "country": "DE"},
        ),
        (
            purchasing.build,
            "spend",
            "/supplier-invoices/",
            {"dated_from": "2026-01-01", "dated_to": "2026-03-31", "country": "DE"},
        ),
    ],
)
def test_figures_open_their_list_for_the_period(build, key, path, expected) -> None:  # type: ignore[no-untyped-def]
    filters = ReportFilters(period=Q1, country="DE", client_id=7)
    found_path, query = _figure_link(build(filters, None), key)
    assert found_path.endswith(path) and query == expected


def test_a_month_row_opens_that_month_and_the_list_holds_what_it_counts(
    facts: Any, assistant_client: Any
) -> None:
    # March-April 2026: I1 (DE, March), I2 (US, April), C1 (credit note, April)
    filters = ReportFilters(period=Period(dt.date(2026, 3, 1), dt.date(2026, 4, 30)))
    board = overview.build(filters, None)
    table = next(t for t in board.tables() if t.key == "invoicing_by_month")
    march, april = table.rows[0], table.rows[1]
    assert "issued_from=2026-03-01&issued_to=2026-03-31" in march.link
    assert "issued_from=2026-04-01&issued_to=2026-04-30" in april.link
    counted = {
        "march": march.values[1] + march.values[2],
        "april": april.values[1] + april.values[2],
    }
    for name, row in (("march", march), ("april", april)):
        listed = list(assistant_client.get(row.link).context["page"])
        issued = [i for i in listed if i.status == "issued"]
        assert len(issued) == counted[name], (name, listed)
    # the whole period's figure: every issued document of March and April, not last year's
    _, query = _figure_link(board, "invoices")
    assert (query["issued_from"], query["issued_to"]) == ("2026-03-01", "2026-04-30")
    link = next(f.link for s in board.sections for f in s.figures if f.key == "invoices")
    listed = assistant_client.get(link).context["page"]
    numbers = {i.number for i in listed if i.status == "issued"}
    assert facts.i0.number not in numbers and facts.i1.number in numbers
