"""The receivables dashboard against figures computed by hand (sales_facts.receivables_world),
on 31 December 2025:

- FA1 900 EUR due 9 April, paid 400 + 100: 400 overdue over 90 days;
- FA2 1 100 USD at 0.9 due 15 May, credited 200: 900 USD = 810 EUR over 90 days;
- FA3 300 EUR due 14 January 2026: not due; FA4 100 EUR due 10 December: 1-30 days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal as D
from typing import Any

import pytest

from comptoir.reporting.dashboard import Dashboard, Table
from comptoir.reporting.dashboards.receivables import ageing_by_currency, build_receivables, dso
from comptoir.reporting.filters import Period, ReportFilters
from comptoir.sales import figures, selectors

pytestmark = pytest.mark.django_db
YEAR = ReportFilters(Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))


def figure(board: Dashboard, key: str) -> Any:
    return next(f for s in board.sections for f in s.figures if f.key == key)


def table(board: Dashboard, key: str) -> Table:
    return next(t for t in board.tables() if t.key == key)


def test_outstanding_overdue_dso_ageing(receivables_world, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(8):
        board = build_receivables(YEAR, None)
    assert figure(board, "outstanding").value == D("1610.00")
    assert figure(board, "overdue").value == D("1310.00")
    assert figure(board, "overdue_share").value == D("81.4")
    # invoiced in 2025 VAT included: 900 + 990 - 160 + 300 + 100 = 2130; 1610 x 365 / 2130
    assert figure(board, "dso").value == D("275.9")
    now = table(board, "ageing").rows[0].values
    assert now[1:6] == (D("300.00"), D("100.00"), D("0.00"), D("0.00"), D("1210.00"))


def test_ageing_trend_month_by_month(receivables_world) -> None:  # type: ignore[no-untyped-def]
    trend = {
        r.values[0]: r.values for r in table(build_receivables(YEAR, None), "ageing_trend").rows
    }
    # 30 April: FA1 900 - 400 paid that day, 21 days late; FA2 990 EUR not due
    assert trend["2025-04"][1:8] == (
        D("990.00"),
        D("500.00"),
        D("0.00"),
        D("0.00"),
        D("0.00"),
        D("1490.00"),
        D("33.6"),
    )
    # 31 May: FA1 500 is 52 days late; FA2 990 - 180 (the credit note at FA2's rate) 16 days
    assert trend["2025-05"][1:6] == (D("0.00"), D("810.00"), D("500.00"), D("0.00"), D("0.00"))
    assert trend["2025-12"][6] == D("1610.00")
    assert len(trend) == 12


def test_dunning_results(receivables_world) -> None:  # type: ignore[no-untyped-def]
    rows = table(build_receivables(YEAR, None), "dunning").rows
    # one level-1 letter on 1 June; 100 paid on 20 June (the 400 of April came before)
    assert [r.values for r in rows] == [(1, 1, D("100.00"))]


def test_filters(receivables_world) -> None:  # type: ignore[no-untyped-def]
    us = build_receivables(replace(YEAR, client_id=receivables_world.us.pk), None)
    assert figure(us, "outstanding").value == D("810.00")
    de = build_receivables(replace(YEAR, country="DE"), None)
    assert figure(de, "outstanding").value == D("800.00")
    june = ReportFilters(Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30)), compare=False)
    assert figure(build_receivables(june, None), "outstanding").value == D("1210.00")


def test_dso_formula() -> None:
    assert dso(D("1000"), D("3650"), 365) == D("100.0")
    assert dso(D("1000"), D("0"), 365) is None


def test_rebuilt_ageing_is_sales_aged_receivables(receivables_world) -> None:  # type: ignore[no-untyped-def]
    """Today, the balances rebuilt from the movements equal the stored balances that the
    aged receivables of sales read, bucket by bucket and currency by currency."""
    day = dt.date.today()
    mine = ageing_by_currency(figures.receivable_movements(day, figures.Scope()), day)
    report = selectors.aged_receivables(day, "currency")
    theirs = {
        r.currency: {b: v.quantize(D("0.01")) for b, v in r.buckets.items()} for r in report["rows"]
    }
    assert mine == theirs
    assert sum(mine["USD"].values()) == D("900.00")
