"""The dashboards' SVG charts: parsed with the standard XML parser, bars and points counted,
their place checked against the zero line, numbers in the reader's format."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from comptoir.documents.charts import (
    ChartSeries,
    bar_chart,
    format_number,
    format_value,
    line_chart,
    nice_ticks,
)

NS = {"svg": "http://www.w3.org/2000/svg"}


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _bars(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter(f"{{{NS['svg']}}}rect") if e.get("class") == "bar"]


def test_bar_chart_one_bar_per_value_and_series_side_by_side() -> None:
    svg = bar_chart(
        title="Revenue <by month>",
        categories=["Jan", "Feb", "Mar"],
        series=[
            ChartSeries("2026", (Decimal("100"), Decimal("250.5"), Decimal("80"))),
            ChartSeries("2025", (Decimal("90"), None, Decimal("120"))),
        ],
        language="en",
        empty="No data",
        kind="money",
        currency="EUR",
    )
    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Revenue <by month>"
    assert root.find("svg:title", NS) is not None
    assert root.find("svg:title", NS).text == "Revenue <by month>"  # type: ignore[union-attr]
    bars = _bars(root)
    assert len(bars) == 5  # the None is left out
    first = [b for b in bars if b.get("data-series") == "0"]
    second = [b for b in bars if b.get("data-series") == "1"]
    assert [b.get("data-value") for b in first] == ["100", "250.5", "80"]
    # side by side: in January the 2025 bar is right of the 2026 bar
    assert float(second[0].get("x") or 0) > float(first[0].get("x") or 0)
    # the tallest bar is February's
    heights = [float(b.get("height") or 0) for b in first]
    assert heights[1] == max(heights)
    tips = [b.find("svg:title", NS).text for b in bars]  # type: ignore[union-attr]
    assert "Feb — 2026: 250.50\u00a0EUR" in tips
    assert "script" not in svg and "var(" not in svg


def test_negative_bars_go_below_the_zero_line() -> None:
    svg = bar_chart(
        title="Net",
        categories=["A", "B"],
        series=[ChartSeries("x", (Decimal("50"), Decimal("-30")))],
        language="fr",
        empty="Rien",
    )
    root = _parse(svg)
    zero_lines = [e for e in root.iter(f"{{{NS['svg']}}}line") if e.get("stroke") == "#333333"]
    assert len(zero_lines) == 1
    zero = float(zero_lines[0].get("y1") or 0)
    positive, negative = _bars(root)
    assert float(positive.get("y") or 0) + float(positive.get("height") or 0) == pytest.approx(
        zero, abs=0.15
    )
    assert float(negative.get("y") or 0) == pytest.approx(zero, abs=0.15)
    labels = [t.text for t in root.iter(f"{{{NS['svg']}}}text")]
    assert "-40" in labels or "-30" in labels  # an axis tick below zero


def test_empty_chart_says_so() -> None:
    for svg in (
        bar_chart(title="T", categories=[], series=[], language="en", empty="Nothing yet"),
        line_chart(
            title="T",
            categories=["Jan"],
            series=[ChartSeries("s", (None,))],
            language="en",
            empty="Nothing yet",
        ),
    ):
        root = _parse(svg)
        assert not _bars(root)
        assert [t.text for t in root.iter(f"{{{NS['svg']}}}text")] == ["Nothing yet"]


def test_line_chart_points_and_gaps() -> None:
    svg = line_chart(
        title="Orders",
        categories=["J", "F", "M", "A"],
        series=[
            ChartSeries("this year", (1, 2, None, 4)),
            ChartSeries("last year", (2, 2, 3, 3)),
        ],
        language="en",
        empty="",
    )
    root = _parse(svg)
    points = [e for e in root.iter() if e.get("class") == "point"]
    assert len(points) == 7
    lines = [e for e in root.iter(f"{{{NS['svg']}}}polyline") if e.get("class") == "line"]
    # the first series is broken in two by its gap: the run J-F, A alone draws no line
    assert [len((ln.get("points") or "").split()) for ln in lines] == [2, 4]
    # the second series is dashed so that it reads in grey print
    assert lines[1].get("stroke-dasharray")
    # a higher value sits higher (smaller y)
    first = [p for p in points if p.get("data-series") == "0"]
    assert float(first[2].get("cy") or 0) < float(first[0].get("cy") or 0)


def test_numbers_in_the_readers_format() -> None:
    assert format_number(Decimal("1234.5"), "fr", 1) == "1\u202f234,5"
    assert format_number(Decimal("1234.5"), "en", 1) == "1,234.5"
    assert format_value(Decimal("1234.5"), "en", "money", "EUR") == "1,234.50\u00a0EUR"
    assert format_value(Decimal("12.34"), "fr", "percent") == "12,3\u202f%"
    assert format_value(None, "fr") == "—"
    svg = bar_chart(
        title="T",
        categories=["A"],
        series=[ChartSeries("s", (Decimal("1500000"),))],
        language="fr",
        empty="",
    )
    labels = [t.text for t in _parse(svg).iter(f"{{{NS['svg']}}}text")]
    assert "1,5\u202fM" in labels
    svg = bar_chart(
        title="T", categories=["A"], series=[ChartSeries("s", (1500000,))], language="en", empty=""
    )
    assert "1.5M" in [t.text for t in _parse(svg).iter(f"{{{NS['svg']}}}text")]


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 95, [0, 20, 40, 60, 80, 100]),
        (-30, 50, [-40, -20, 0, 20, 40, 60]),
        (0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (12, 13, [0, 5, 10, 15]),
        (0, 1234567, [0, 250000, 500000, 750000, 1000000, 1250000]),
    ],
)
def test_nice_ticks(low: float, high: float, expected: list[float]) -> None:
    assert nice_ticks(low, high) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 1, [0, 1]),
        (0, 3, [0, 1, 2, 3]),
        (0, 12, [0, 3, 6, 9, 12]),
        (0, 95, [0, 20, 40, 60, 80, 100]),
    ],
)
def test_counted_things_get_whole_steps(low: float, high: float, expected: list[float]) -> None:
    assert nice_ticks(low, high, whole=True) == pytest.approx(expected)


def test_a_chart_of_counts_has_no_fractional_axis_label() -> None:
    svg = bar_chart(
        title="T", categories=["A"], series=[ChartSeries("s", (1,))], language="fr", empty=""
    )
    labels = [t.text or "" for t in _parse(svg).iter(f"{{{NS['svg']}}}text")]
    assert "1" in labels and not any("," in label for label in labels), labels


def test_texts_are_escaped() -> None:
    svg = bar_chart(
        title="<script>alert(1)</script>",
        categories=["<b>"],
        series=[ChartSeries("a&b", (1,))],
        language="en",
        empty="",
    )
    root = _parse(svg)  # still well-formed XML
    assert "<script>" not in svg
    assert root.get("aria-label") == "<script>alert(1)</script>"
