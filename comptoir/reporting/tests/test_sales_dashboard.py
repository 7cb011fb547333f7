"""The sales dashboard against figures computed by hand (sales_facts.sales_world):

revenue 2025 = 900 (EUR invoice) + (1000 + 100) x 0.9 (USD invoice) - 200 x 0.8 (USD credit
note at its own rate) = 1 730.00 EUR; 2024: 500.00."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal as D
from typing import Any

import pytest

from comptoir.reporting.dashboard import Dashboard, Table
from comptoir.reporting.dashboards.sales import build_sales
from comptoir.reporting.filters import Period, ReportFilters
from comptoir.reporting.models import SalesObjective
from comptoir.reporting.registry import get

pytestmark = pytest.mark.django_db
YEAR = ReportFilters(Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))


def figure(board: Dashboard, key: str) -> Any:
    return next(f for s in board.sections for f in s.figures if f.key == key)


def table(board: Dashboard, key: str) -> Table:
    return next(t for t in board.tables() if t.key == key)


def column(t: Table, key: str) -> int:
    return [c.key for c in t.columns].index(key)


def by_label(t: Table, key: str) -> dict[Any, Any]:
    i = column(t, key)
    return {r.values[0]: r.values[i] for r in t.rows}


def test_registered_with_its_filters() -> None:
    spec = get("sales")
    assert spec is not None and spec.build is build_sales
    assert "agent_id" in spec.filters and "product_id" in spec.filters


def test_revenue_in_eur_net_of_credit_notes(sales_world, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    # each figure reads its facts and monthly summaries in one query; the names of the
    # clients shown in one more
    with django_assert_max_num_queries(19):
        board = build_sales(YEAR, None)
    revenue = figure(board, "revenue")
    assert revenue.value == D("1730.00")
    assert revenue.previous == D("500.00")
    months = by_label(table(board, "revenue_by_month"), "revenue")
    assert months["2025-03"] == D("900.00")
    assert months["2025-04"] == D("990.00")
    assert months["2025-05"] == D("-160.00")
    assert months["2025-01"] == D("0.00")
    assert table(board, "revenue_by_month").total.values[1] == D("1730.00")  # type: ignore[union-attr]
    chart = next(c for s in board.sections for c in s.charts)
    assert chart.table_key == "revenue_by_month" and len(chart.series) == 2
    countries = by_label(table(board, "revenue_by_country"), "revenue")
    assert sorted(countries.values()) == [D("830.00"), D("900.00")]
    zones = by_label(table(board, "revenue_by_zone"), "revenue")
    assert zones["Europe"] == D("900.00")
    top = table(board, "top_clients")
    assert [r.values[0] for r in top.rows] == ["Küchenhaus", "Chef's Table"]
    assert top.rows[0].link == f"/parties/companies/{sales_world.de.pk}/"


def test_margin_with_and_without_known_costs(sales_world) -> None:  # type: ignore[no-untyped-def]
    board = build_sales(YEAR, None)
    sources = table(board, "margin_sources")
    offer_row, product_row, unknown_row = sources.rows
    # the EUR invoice's line: the accepted offer's unit cost 30 x 10
    assert offer_row.values[1:4] == (D("900.00"), D("300.00"), D("600.00"))
    # the USD line (5 x 200 x 0.9) less the credit note (-200 x 0.8) at the cost price 40
    assert product_row.values[1:4] == (D("740.00"), D("160.00"), D("580.00"))
    # the product without a cost price: 2 x 50 x 0.9
    assert unknown_row.values[1] == D("90.00")
    assert figure(board, "margin").value == D("1180.00")
    assert figure(board, "margin_rate").value == D("72.0")  # 1180 / 1640
    products = by_label(table(board, "revenue_by_product"), "no_cost")
    assert products["P2 P2"] == D("90.00") and products["P1 P1"] == D("0.00")


def test_intake_backlog_offers_discount(sales_world) -> None:  # type: ignore[no-untyped-def]
    board = build_sales(YEAR, None)
    # 900 EUR (February) + 300 USD x 0.90 (June); the cancelled order is left out
    assert figure(board, "intake").value == D("1170.00")
    # the EUR order is invoiced whole; the USD order is not: 300 x 0.90
    assert figure(board, "backlog").value == D("270.00")
    assert figure(board, "offers_sent").value == 4  # the draft is not sent
    assert figure(board, "conversion").value == D("33.3")  # 1 accepted of 3 decided
    # discount 100 on 1990 before discount (1000 + 900 + 90)
    assert figure(board, "discount").value == D("5.0")


def test_agent_revenue_follows_the_commission_rule(sales_world) -> None:  # type: ignore[no-untyped-def]
    board = build_sales(YEAR, None)
    # the contract starts on 20 April: the USD invoice of 15 April is not the agent's,
    # the credit note of 20 May is
    assert by_label(table(board, "revenue_by_agent"), "revenue") == {"Agence US": D("-160.00")}
    only = build_sales(replace(YEAR, agent_id=sales_world.agent.pk), None)
    assert figure(only, "revenue").value == D("-160.00")


@pytest.mark.parametrize(
    ("field", "attr", "expected"),
    [
        ("country", "DE", D("900.00")),
        ("client_id", "us", D("830.00")),
        ("zone_id", "europe", D("900.00")),
        ("product_id", "p2", D("90.00")),
    ],
)
def test_filters(sales_world, field: str, attr: str, expected: D) -> None:  # type: ignore[no-untyped-def]
    value = attr if field == "country" else getattr(sales_world, attr).pk
    board = build_sales(replace(YEAR, **{field: value}), None)
    assert figure(board, "revenue").value == expected


def test_period_filter_and_no_comparison(sales_world) -> None:  # type: ignore[no-untyped-def]
    march = ReportFilters(Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31)), compare=False)
    board = build_sales(march, None)
    assert figure(board, "revenue").value == D("900.00")
    assert figure(board, "revenue").previous is None
    assert len(next(c for s in board.sections for c in s.charts).series) == 1


def test_objectives_actual_reached_and_pro_rata(sales_world) -> None:  # type: ignore[no-untyped-def]
    SalesObjective.objects.create(year=2025, country="DE", revenue_eur=D("1800"))
    SalesObjective.objects.create(
        year=2025, quarter=1, person=sales_world.alice, revenue_eur=D("1000"), intake_eur=D("2000")
    )
    rows = table(build_sales(YEAR, None), "objectives").rows
    de = next(r for r in rows if r.values[0].startswith("2025 ·"))
    assert de.values[2:7] == (D("900.00"), D("1800"), D("50.0"), D("1800"), D("50.0"))
    q1 = next(r for r in rows if r.values[0].startswith("2025 Q1"))
    # the clients alice manages invoiced 900 in the first quarter, ordered 900 (EUR)
    assert q1.values[2:5] == (D("900.00"), D("1000"), D("90.0"))
    assert q1.values[7:10] == (D("900.00"), D("2000"), D("45.0"))
    half = ReportFilters(Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30)))
    de = next(
        r
        for r in table(build_sales(half, None), "objectives").rows
        if r.values[0].startswith("2025 ·")
    )
    # 1800 spread over 365 days, 181 elapsed on 30 June
    assert de.values[5] == D("892.60")
    assert de.values[6] == D("100.8")


def test_a_place_with_nothing_in_either_period_is_left_out(sales_world) -> None:  # type: ignore[no-untyped-def]
    # June 2025 against June 2024: nothing invoiced in either; the documents of March to May
    # 2025 lie between the two periods (read by the same query) and must not show as 0 / 0.
    june = ReportFilters(Period(dt.date(2025, 6, 1), dt.date(2025, 6, 30)))
    board = build_sales(june, None)
    assert figure(board, "revenue").value == D("0.00")
    for key in ("revenue_by_country", "revenue_by_zone", "top_clients", "falling_clients"):
        assert table(board, key).rows == (), key
