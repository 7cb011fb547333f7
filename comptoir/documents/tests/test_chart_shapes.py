"""The chart shapes the action plan, the currency exposure, the supplier prices and the
prospecting funnel use: bars with lines over them, stacked bars with their total, a date
axis with ticks at month starts, a funnel. Parsed with the standard XML parser; figures,
months and dates in French and in English; an empty chart is a valid SVG that says so."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from comptoir.documents.charts import (
    ChartSeries,
    DateSeries,
    FunnelStep,
    bar_chart,
    date_chart,
    format_value,
    funnel_chart,
    month_names,
    month_ticks,
    stacked_bar_chart,
)

SVG = "{http://www.w3.org/2000/svg}"


def _of(root: ET.Element, tag: str, css: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}{tag}") if e.get("class") == css]


def _tips(root: ET.Element) -> list[str]:
    return [e.text or "" for e in root.iter(f"{SVG}title")]


def _texts(root: ET.Element) -> list[str]:
    return [e.text or "" for e in root.iter(f"{SVG}text")]


def _f(element: ET.Element, name: str) -> float:
    return float(element.get(name) or "nan")


# ---------------------------------------------------------------- bars with lines over them


def _progress(language: str) -> ET.Element:
    return ET.fromstring(
        bar_chart(
            title="Revenue against the target",
            categories=month_names(language)[:4],
            series=[ChartSeries("In the month", (Decimal(100), Decimal(300), Decimal(200), None))],
            lines=[
                ChartSeries("Since 1 January", (Decimal(100), Decimal(400), Decimal(600), None)),
                ChartSeries("Target", (Decimal(250), Decimal(500), Decimal(750), Decimal(1000))),
            ],
            language=language,
            empty="No data",
            kind="money",
            currency="EUR",
            desc="Bars: the month; lines: the running total and the target.",
        )
    )


def test_bars_heights_are_proportional_to_the_values_and_lines_go_over_them() -> None:
    root = _progress("en")
    bars = _of(root, "rect", "bar")
    assert [b.get("data-value") for b in bars] == ["100", "300", "200"]  # None: no bar
    per_unit = {round(_f(b, "height") / float(b.get("data-value") or 0), 6) for b in bars}
    assert len(per_unit) == 1  # the same scale for every bar
    # the bars stand on the zero line: same bottom
    assert len({round(_f(b, "y") + _f(b, "height"), 1) for b in bars}) == 1
    lines = _of(root, "polyline", "overlay")
    # the running total drawn last: on top of the target where they meet
    assert [line.get("data-series") for line in lines] == ["1", "0"]
    assert lines[0].get("stroke-dasharray")  # the target is dashed: readable in grey
    assert not lines[1].get("stroke-dasharray")
    points = _of(root, "circle", "overlay-point") + _of(root, "rect", "overlay-point")
    assert len(points) == 3 + 4
    # the running total's point at 400 is four times as high above zero as the bar of 100
    zero = _f(bars[0], "y") + _f(bars[0], "height")
    at_400 = next(p for p in points if p.get("data-value") == "400")
    assert zero - _f(at_400, "cy") == pytest.approx(4 * _f(bars[0], "height"), abs=0.2)
    assert root.find(f"{SVG}desc") is not None
    assert "Feb — Since 1 January: 400.00\u00a0EUR" in _tips(root)


def test_month_names_and_figures_in_french_and_english() -> None:
    english, french = _progress("en"), _progress("fr")
    assert {"Jan", "Feb", "Mar", "Apr"} <= set(_texts(english))
    assert {"janv.", "févr.", "mars", "avr."} <= set(_texts(french))
    assert "févr. — Since 1 January: 400,00\u00a0EUR" in _tips(french)
    assert month_names("fr")[5:7] == ["juin", "juil."]  # Django's short names say "Jui" twice
    big = [format_value(Decimal("1234567.5"), lang, "money", "EUR") for lang in ("en", "fr")]
    assert big == ["1,234,567.50\u00a0EUR", "1\u202f234\u202f567,50\u00a0EUR"]


# ---------------------------------------------------------------- stacked bars


def _exposure(language: str = "en") -> ET.Element:
    return ET.fromstring(
        stacked_bar_chart(
            title="USD: position per month",
            categories=["Jan 2026", "Feb 2026", "Mar 2026"],
            series=[
                ChartSeries("Hedged", (Decimal(600), Decimal(0), Decimal(900))),
                ChartSeries("Uncovered", (Decimal(400), Decimal(-250), Decimal(-300))),
            ],
            total="Net position",
            lines=[ChartSeries("Receipts", (Decimal(1500), Decimal(0), Decimal(700)))],
            language=language,
            empty="Nothing expected",
            kind="money",
            currency="USD",
        )
    )


def test_stacked_bars_pile_up_to_their_total() -> None:
    root = _exposure()
    bars = _of(root, "rect", "bar")
    january = [b for b in bars if b.get("data-category") == "0"]
    assert [b.get("data-value") for b in january] == ["600", "400"]
    hedged, uncovered = january
    # one pile: the same x, the uncovered part on top of the hedged part
    assert hedged.get("x") == uncovered.get("x")
    assert _f(uncovered, "y") + _f(uncovered, "height") == pytest.approx(_f(hedged, "y"), abs=0.1)
    # the heights add up to the total's height, in proportion to the values
    unit = _f(hedged, "height") / 600
    assert _f(uncovered, "height") == pytest.approx(400 * unit, abs=0.1)
    totals = [p for p in root.iter() if p.get("class") == "overlay-point"]
    net = [p for p in totals if p.get("data-series") == "0"]
    assert [p.get("data-value") for p in net] == ["1000", "-250", "600"]
    # the total's marker sits on top of the pile
    assert _f(net[0], "cy") == pytest.approx(_f(uncovered, "y"), abs=0.2)
    # February: nothing hedged (no bar of 0), the uncovered part below the zero line
    february = [b for b in bars if b.get("data-category") == "1"]
    assert [b.get("data-value") for b in february] == ["-250"]
    assert _f(february[0], "y") == pytest.approx(_f(hedged, "y") + _f(hedged, "height"), abs=0.1)
    # March: over-hedged, 900 above and -300 below, the total 600
    march = [b for b in bars if b.get("data-category") == "2"]
    assert _f(march[0], "height") == pytest.approx(900 * unit, abs=0.1)
    assert _f(march[1], "height") == pytest.approx(300 * unit, abs=0.1)
    assert "Mar 2026 — Net position: 600.00\u00a0USD" in _tips(root)


def test_bars_differ_by_more_than_colour() -> None:
    names = ("one", "two", "three")
    for draw, plain in ((bar_chart, 2), (stacked_bar_chart, 1)):
        svg = draw(
            title="Three",
            categories=["A"],
            series=[ChartSeries(n, (1,)) for n in names],
            language="en",
            empty="-",
        )
        root = ET.fromstring(svg)
        fills = [b.get("fill") or "" for b in _of(root, "rect", "bar")]
        # side by side: dark, light, then patterns; piled up: dark, then patterns
        assert [f.startswith("url(#") for f in fills] == [i >= plain for i in range(3)]
        ids = {p.get("id") for p in root.iter(f"{SVG}pattern")}
        assert ids == {f[5:-1] for f in fills if f.startswith("url(")}
        legend = [e.get("fill") for e in _of(root, "rect", "legend")]
        assert legend == fills  # the legend shows the same fills


# ---------------------------------------------------------------- a date axis

JAN = dt.date(2026, 1, 5)


def _prices(language: str) -> ET.Element:
    return ET.fromstring(
        date_chart(
            title="Price of CMP-BTN",
            series=[
                DateSeries(
                    "USD FOB",
                    ((JAN + dt.timedelta(days=200), Decimal("0.62")), (JAN, Decimal("0.58"))),
                ),
                DateSeries("USD <EXW>", ((JAN + dt.timedelta(days=31), Decimal("0.5525")),)),
            ],
            language=language,
            empty="No price",
            kind="price",
        )
    )


def test_date_axis_ticks_at_month_starts_and_points_in_proportion_to_days() -> None:
    root = _prices("en")
    ticks = _of(root, "text", "date-tick")
    days = [dt.date.fromisoformat(t.get("data-date") or "") for t in ticks]
    # eight months on 550 px: a tick every other month, January-aligned
    assert days == [dt.date(2026, m, 1) for m in (1, 3, 5, 7)]
    assert [t.text for t in ticks] == ["Jan 2026", "Mar 2026", "May 2026", "Jul 2026"]
    points = [p for p in root.iter() if p.get("class") == "point"]
    fob = sorted((p for p in points if p.get("data-series") == "0"), key=lambda p: _f(p, "cx"))
    assert [p.get("data-date") for p in fob] == ["2026-01-05", "2026-07-24"]
    # x in proportion to the days from 1 January: the ticks and the points agree
    x_jan, x_jul = _f(ticks[0], "x"), _f(ticks[-1], "x")
    per_day = (x_jul - x_jan) / 181
    assert _f(fob[0], "cx") == pytest.approx(x_jan + 4 * per_day, abs=0.15)
    assert _f(fob[1], "cx") == pytest.approx(x_jan + 204 * per_day, abs=0.15)
    assert len(_of(root, "polyline", "line")) == 1  # one price: a marker, no line
    tips = _tips(root)
    assert "5 Jan 2026 — USD FOB: 0.58" in tips
    assert "5 Feb 2026 — USD <EXW>: 0.5525" in tips  # escaped in the SVG, parsed back


def test_date_axis_in_french() -> None:
    root = _prices("fr")
    assert [t.text for t in _of(root, "text", "date-tick")][:2] == ["janv. 2026", "mars 2026"]
    assert "5 janv. 2026 — USD FOB: 0,58" in _tips(root)


def test_long_periods_thin_the_month_ticks_out() -> None:
    ticks = month_ticks(dt.date(2023, 3, 9), dt.date(2026, 2, 1), most=8)
    assert all(t.day == 1 for t in ticks) and len(ticks) <= 8
    assert all(t.month in (1, 7) for t in ticks)  # every six months, January-aligned
    assert month_ticks(dt.date(2026, 3, 9), dt.date(2026, 3, 9)) == [
        dt.date(2026, 3, 1),
        dt.date(2026, 4, 1),
    ]


# ---------------------------------------------------------------- funnel


def test_funnel_widths_in_proportion_and_rates_in_the_readers_format() -> None:
    steps = [
        FunnelStep("Sent", 1200),
        FunnelStep("Delivered", 600, Decimal("50.0")),
        FunnelStep("Replies", 30, Decimal("5.0")),
    ]
    english = ET.fromstring(funnel_chart(title="Funnel", steps=steps, language="en", empty="-"))
    bars = _of(english, "rect", "bar")
    assert [_f(b, "width") for b in bars][1] == pytest.approx(_f(bars[0], "width") / 2, abs=0.1)
    # centred: the same middle
    assert len({round(_f(b, "x") + _f(b, "width") / 2, 1) for b in bars}) == 1
    figures = [t.text for t in _of(english, "text", "figure")]
    assert figures == ["1,200", "600 (50.0%)", "30 (5.0%)"]
    french = ET.fromstring(funnel_chart(title="Entonnoir", steps=steps, language="fr", empty="-"))
    assert [t.text for t in _of(french, "text", "figure")][:2] == [
        "1\u202f200",
        "600 (50,0\u202f%)",
    ]


# ---------------------------------------------------------------- empty charts


@pytest.mark.parametrize(
    "svg",
    [
        bar_chart(
            title="T", categories=[], series=[], lines=[], language="en", empty="No data yet."
        ),
        stacked_bar_chart(
            title="T",
            categories=["a"],
            series=[ChartSeries("x", (None,))],
            total="Net",
            language="en",
            empty="No data yet.",
        ),
        date_chart(title="T", series=[DateSeries("EUR", ())], language="fr", empty="No data yet."),
        funnel_chart(title="T", steps=[FunnelStep("Sent", 0)], language="en", empty="No data yet."),
        funnel_chart(title="T", steps=[], language="en", empty="No data yet."),
    ],
)
def test_an_empty_chart_is_a_valid_svg_that_says_so(svg: str) -> None:
    root = ET.fromstring(svg)  # well-formed
    assert root.get("role") == "img"
    assert [t.text for t in _of(root, "text", "empty")] == ["No data yet."]
    assert not _of(root, "rect", "bar") and not list(root.iter(f"{SVG}polyline"))


def test_a_long_legend_wraps_and_the_chart_grows() -> None:
    labels = [f"A rather long series label number {i}" for i in range(5)]
    root = ET.fromstring(
        bar_chart(
            title="T",
            categories=["a"],
            series=[ChartSeries(label, (i + 1,)) for i, label in enumerate(labels)],
            language="en",
            empty="-",
        )
    )
    height = float((root.get("viewBox") or "").split()[3])
    assert height > 280
    legend_y = {e.get("y") for e in root.iter(f"{SVG}rect") if e.get("class") == "legend"}
    assert len(legend_y) > 1
    assert all(float(y or 0) < height for y in legend_y)
