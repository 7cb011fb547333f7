"""The pivot's figures on the hand-made facts of conftest.py, its checks and its bounds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from comptoir.reporting.pivot import engine, spec
from comptoir.reporting.pivot.spec import PivotError, parse_spec

D = Decimal
TODAY = dt.date(2026, 12, 6)
YEAR_2026 = {"period": "custom", "start": "2026-01-01", "end": "2026-12-31"}


def _pivot(**fields: Any) -> engine.PivotResult:
    return engine.compute(parse_spec(YEAR_2026 | fields), today=TODAY)


def _row(result: engine.PivotResult, key: str, measure: str) -> Any:
    return result.row_totals[key][measure]


def test_revenue_by_country_in_eur_net_of_credit_notes(facts: Any) -> None:
    result = _pivot(source="invoice_lines", rows="country", measures=["revenue"])
    # DE: 1 000 - 200 (credit note); US: 1 000 USD x 0.9; the draft never counts
    assert _row(result, "DE", "revenue") == D("800.00")
    assert _row(result, "US", "revenue") == D("900.00")
    assert result.total["revenue"] == D("1700.00")
    # sorted by the first measure, largest first
    assert [h.key for h in result.rows] == ["US", "DE"]
    assert result.rows[1].label == "Germany (DE)"


def test_credit_note_counts_in_its_own_month(facts: Any) -> None:
    result = _pivot(source="invoice_lines", rows="country", columns="month", measures=["revenue"])
    assert [c.key for c in result.columns] == ["2026-03", "2026-04"]
    assert result.cells[("DE", "2026-03")]["revenue"] == D("1000.00")
    assert result.cells[("DE", "2026-04")]["revenue"] == D("-200.00")
    assert result.column_totals["2026-04"]["revenue"] == D("700.00")


def test_margin_where_the_offer_gives_the_cost(facts: Any) -> None:
    result = _pivot(
        source="invoice_lines", rows="country", measures=["revenue", "margin", "margin_rate"]
    )
    # I1: 1 000 - 10 x 50 = 500; credit note: -(200 - 2 x 50) = -100; US: no offer, so the
    # product's cost price (40 EUR, the same rule as the sales dashboard): 900 - 5 x 40 = 700
    assert _row(result, "DE", "margin") == D("400.00")
    assert _row(result, "DE", "margin_rate") == D("50.0")
    assert _row(result, "US", "margin") == D("700.00")
    assert _row(result, "US", "margin_rate") == D("77.8")
    assert result.total["margin"] == D("1100.00")
    assert result.total["margin_rate"] == D("64.7")  # 1 100 / (800 + 900)


def test_quantity_and_kg_net_of_credit_notes(facts: Any) -> None:
    result = _pivot(source="invoice_lines", rows="product", measures=["quantity", "net_kg"])
    p1 = str(facts.p1.pk)
    assert _row(result, p1, "quantity") == D("8.000")
    assert _row(result, p1, "net_kg") == D("16.000")
    assert next(h.label for h in result.rows if h.key == p1) == "P1 — Product P1"


def test_compare_with_the_year_before(facts: Any) -> None:
    result = _pivot(
        source="invoice_lines", rows="month", columns="country", measures=["revenue"], compare=True
    )
    # March 2025 (500 EUR) sits beside March 2026
    assert result.previous_cells[("2026-03", "DE")]["revenue"] == D("500.00")
    assert result.previous_total["revenue"] == D("500.00")
    assert engine.change_pct(D("1000"), D("500")) == D("100.0")
    assert engine.change_pct(D("1"), None) is None


def test_filters_change_the_result(facts: Any) -> None:
    by_zone = _pivot(
        source="invoice_lines",
        rows="month",
        measures=["revenue"],
        filters={"zone": str(facts.americas.pk)},
    )
    assert by_zone.total["revenue"] == D("900.00")
    by_client = _pivot(
        source="invoice_lines",
        rows="month",
        measures=["revenue"],
        filters={"client": str(facts.de.pk)},
    )
    assert by_client.total["revenue"] == D("800.00")
    by_kind = _pivot(
        source="invoice_lines",
        rows="country",
        measures=["revenue"],
        filters={"kind": "credit_note"},
    )
    assert by_kind.total["revenue"] == D("-200.00")
    march = _pivot(
        source="invoice_lines", rows="country", measures=["revenue"], filters={"month": "2026-03"}
    )
    assert march.total["revenue"] == D("1000.00")
    earlier = engine.compute(
        parse_spec({"source": "invoice_lines", "rows": "country", "period": "last_year"}),
        today=TODAY,
    )
    assert earlier.total["revenue"] == D("500.00")  # fmt: skip


def test_quarter_category_zone_and_currency_dimensions(facts: Any) -> None:
    quarters = _pivot(source="invoice_lines", rows="quarter", measures=["revenue"])
    assert [h.key for h in quarters.rows] == ["2026-Q1", "2026-Q2"]
    assert _row(quarters, "2026-Q2", "revenue") == D("700.00")
    categories = _pivot(source="invoice_lines", rows="category", measures=["revenue"])
    assert _row(categories, "73", "revenue") == D("800.00")
    assert _row(categories, "82", "revenue") == D("900.00")
    zones = _pivot(source="invoice_lines", rows="zone", columns="currency", measures=["revenue"])
    assert zones.cells[(str(facts.americas.pk), "USD")]["revenue"] == D("900.00")
    assert {h.label for h in zones.rows} == {"Europe", "Americas"}


def test_order_intake_converted_at_the_month_rate(facts: Any) -> None:
    result = _pivot(source="order_lines", rows="country", measures=["intake", "quantity"])
    assert _row(result, "DE", "intake") == D("1000.00")
    assert _row(result, "US", "intake") == D("900.00")  # 1 000 USD x 0.9 (company rate)
    assert result.warnings == ()


def test_missing_rate_is_said_and_left_out(facts: Any) -> None:
    from comptoir.calculators.models import ExchangeRate

    ExchangeRate.objects.all().delete()
    facts.o2.currency = "XAF"  # no ECB rate, no company rate
    facts.o2.save()
    result = _pivot(source="order_lines", rows="country", measures=["intake"])
    assert _row(result, "DE", "intake") == D("1000.00")
    assert _row(result, "US", "intake") is None
    assert any("XAF" in w for w in result.warnings)


def test_shipments_by_mode(facts: Any) -> None:
    result = _pivot(
        source="shipments", rows="transport_mode", columns="month",
        measures=["count", "gross_kg", "value", "freight"],
    )  # fmt: skip
    cell = result.cells[("sea_fcl", "2026-04")]  # dated by its planned departure
    assert cell == {
        "count": 1,
        "gross_kg": D("120.000"),
        "value": D("900.00"),
        "freight": D("300.00"),
    }


def test_agent_by_contract(facts: Any) -> None:
    from comptoir.sales.collection import AgentContractValues, save_agent_contract
    from comptoir.sales.models import AgentContract

    agent = facts.de.__class__.objects.create(name="Agent US", country="US", roles=",agent,")
    # entered through the service after the invoices: their sales facts take the agent
    save_agent_contract(
        values=AgentContractValues(
            agent=agent, countries="US, CA", rate_pct=D(5), valid_from=dt.date(2025, 1, 1)
        ),
        user=None,
    )
    assert AgentContract.objects.filter(agent=agent).count() == 1
    result = _pivot(source="invoice_lines", rows="agent", measures=["revenue"])
    assert _row(result, str(agent.pk), "revenue") == D("900.00")
    assert _row(result, "none", "revenue") == D("800.00")
    assert {h.label for h in result.rows} == {"Agent US", "(none)"}
    filtered = _pivot(
        source="invoice_lines",
        rows="country",
        measures=["revenue"],
        filters={"agent": str(agent.pk)},
    )
    assert filtered.total["revenue"] == D("900.00")  # fmt: skip


def test_queries_are_few(facts: Any, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(3):  # exchange rates, this year, last year
        _pivot(source="invoice_lines", rows="country", columns="month", measures=["revenue", "margin"], compare=True)  # fmt: skip
    with django_assert_max_num_queries(5):  # + the company's rates and currencies in use
        _pivot(source="order_lines", rows="client", columns="month", measures=["intake"], compare=True)  # fmt: skip


def test_drill_down_lists_the_lines_of_a_cell(facts: Any) -> None:
    asked = parse_spec(
        YEAR_2026 | {"source": "invoice_lines", "rows": "country", "columns": "month"}
    )
    lines = list(engine.drill(asked, today=TODAY, row="DE", column="2026-04"))
    assert [(line["invoice__number"], line["_eur"]) for line in lines] == [("AV-1", D("-200.00"))]
    assert lines[0]["_id"] == facts.c1.pk
    everything = list(engine.drill(asked, today=TODAY))
    assert {line["invoice__number"] for line in everything} == {"IN-1", "IN-2", "AV-1"}
    before = list(engine.drill(asked, today=TODAY, row="DE", column="2026-03", previous=True))
    assert [line["invoice__number"] for line in before] == ["IN-0"]  # fmt: skip


# --------------------------------------------------------------------------- the spec's checks


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"source": "invoices"}, "source", "Unknown source invoices"),
        ({"rows": "planet"}, "rows", "Unknown dimension planet"),
        ({"rows": ""}, "rows", "Choose what the rows show"),
        ({"rows": "country", "columns": "country"}, "columns", "different"),
        ({"rows": "country", "measures": ["weight"]}, "measures", "Unknown measure weight"),
        ({"rows": "country", "measures": ["revenue_with_cost"]}, "measures", "Unknown measure"),
        ({"rows": "country", "filters": {"planet": "Mars"}}, "filters.planet", "Unknown dimension"),
        ({"rows": "country", "filters": {"country": "Germany"}}, "filters.country", "two-letter"),
        ({"rows": "country", "filters": {"month": "March"}}, "filters.month", "2026-03"),
        ({"rows": "country", "filters": {"client": "x"}}, "filters.client", "id"),
        ({"rows": "country", "filters": {"transport_mode": "horse"}}, "filters.transport_mode", "road"),
        ({"rows": "country", "period": "forever"}, "period", "Unknown period"),
        ({"rows": "country", "period": "custom", "start": "2026-13-01", "end": "2026-12-31"}, "start", "not a date"),
        ({"rows": "country", "period": "custom", "start": "2026-02-01", "end": "2026-01-01"}, "end", "before"),
        ({"rows": "country", "period": "custom", "start": "2000-01-01", "end": "2026-01-01"}, "end", "ten years"),
        ({"rows": "country", "measures": ["revenue", "margin", "margin_rate", "quantity", "net_kg"]}, "measures", "At most"),
        ({"source": "shipments", "rows": "product"}, "rows", "Unknown dimension product"),
    ],
)  # fmt: skip
def test_spec_refused_naming_the_field(data: dict[str, Any], field: str, words: str) -> None:
    with pytest.raises(PivotError) as caught:
        parse_spec(data)
    assert field in caught.value.errors
    assert words in caught.value.errors[field]


def test_spec_round_trips_through_json_and_query() -> None:
    from django.http import QueryDict

    asked = parse_spec(
        YEAR_2026
        | {"rows": "country", "columns": "month", "measures": "revenue,margin", "filters": {"zone": "3"}, "compare": "1"}
    )  # fmt: skip
    assert parse_spec(asked.to_data()) == asked
    query = QueryDict(mutable=True)
    for key, value in asked.to_query():
        query.appendlist(key, value)
    assert parse_spec(spec.from_query(query)) == asked
    assert asked.measures == ("revenue", "margin")


def test_periods() -> None:
    assert parse_spec({"rows": "country"}).dates(TODAY).start == dt.date(2026, 1, 1)
    last12 = parse_spec({"rows": "country", "period": "last_12_months"}).dates(TODAY)
    assert (last12.start, last12.end) == (dt.date(2026, 1, 1), TODAY)  # this month and 11 before


def test_too_many_rows_refused(facts: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "MAX_ROWS", 1)
    with pytest.raises(PivotError) as caught:
        _pivot(source="invoice_lines", rows="country", measures=["revenue"])
    assert "More than 1 different values of Country" in caught.value.errors["rows"]
    monkeypatch.setattr(engine, "MAX_ROWS", 500)
    monkeypatch.setattr(engine, "MAX_COLUMNS", 1)
    with pytest.raises(PivotError) as caught:
        _pivot(source="invoice_lines", rows="country", columns="month", measures=["revenue"])
    assert "Month" in caught.value.errors["columns"]


@pytest.mark.parametrize(
    ("language", "label"), [("fr", "mars 2026"), ("en", "Mar 2026"), ("fr", "juil. 2026")]
)
def test_a_month_is_labelled_as_the_reader_writes_it(language: str, label: str) -> None:
    from comptoir.reporting.pivot.sources import Dimension

    month = Dimension("month", "Month", "month")
    value = dt.date(2026, 7 if label.startswith("juil") else 3, 1)
    assert month.label_of(value, language) == label
    assert month.to_text(value) == f"{value:%Y-%m}"  # the key stays the ISO month
