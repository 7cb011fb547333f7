"""The overview's figures on hand-made invoices: USD and EUR invoices and a credit note give
the net invoiced in EUR exactly; drafts never count; the filters change the result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from comptoir.reporting.dashboards import overview
from comptoir.reporting.filters import Period, ReportFilters
from comptoir.sales.models import Invoice

from .shell_fakes import company, invoice

pytestmark = pytest.mark.django_db

MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))


@pytest.fixture
def documents():  # type: ignore[no-untyped-def]
    us = company("Acme Inc", "US")
    de = company("Kunde GmbH", "DE")
    invoice(us, "1000.00", dt.date(2026, 3, 5), rate="0.9", currency="USD")  # 900.00 EUR
    invoice(de, "500.00", dt.date(2026, 3, 20))  # 500.00 EUR
    invoice(de, "120.00", dt.date(2026, 3, 25), kind=Invoice.Kind.CREDIT_NOTE)  # -120 EUR
    invoice(de, "9999.00", dt.date(2026, 3, 26), status=Invoice.Status.DRAFT)  # never
    invoice(de, "300.00", dt.date(2025, 3, 10))  # the year before
    invoice(us, "50.00", dt.date(2026, 4, 1))  # after the period
    return us, de


def _figure(dashboard, key):  # type: ignore[no-untyped-def]
    return next(f for s in dashboard.sections for f in s.figures if f.key == key)


def test_net_invoiced_in_eur_net_of_credit_notes(documents, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(5):
        board = overview.build(ReportFilters(MARCH), None)
    net = _figure(board, "net_invoiced")
    assert net.value == D("1280.00")  # 900 + 500 - 120
    assert net.previous == D("300.00")
    assert _figure(board, "invoices").value == 2
    assert _figure(board, "credit_notes").value == 1
    table = board.tables()[0]
    assert len(table.rows) == 1
    assert table.rows[0].values[1:5] == (2, 1, D("1280.00"), D("300.00"))
    assert table.rows[0].values[5] == D("326.7")  # (1280 - 300) / 300


def test_filters_change_the_result(documents) -> None:  # type: ignore[no-untyped-def]
    us, de = documents
    assert _figure(
        overview.build(ReportFilters(MARCH, country="US"), None), "net_invoiced"
    ).value == D("900.00")
    board = overview.build(ReportFilters(MARCH, client_id=de.pk, compare=False), None)
    assert _figure(board, "net_invoiced").value == D("380.00")
    assert _figure(board, "net_invoiced").previous is None
    april = Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert _figure(overview.build(ReportFilters(april), None), "net_invoiced").value == D("50.00")
