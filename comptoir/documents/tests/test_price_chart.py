"""The price-trend chart: plain data in, SVG out, every text escaped."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from comptoir.documents.price_chart import PriceSeries, price_chart

DAY = dt.date(2026, 1, 5)


def test_a_line_and_a_marker_per_price_with_tooltips() -> None:
    series = [
        PriceSeries(
            "USD FOB",
            "USD",
            ((DAY, Decimal("0.58")), (DAY + dt.timedelta(days=200), Decimal("0.62"))),
        ),
        PriceSeries("USD <EXW>", "USD", ((DAY, Decimal("0.55")),)),
    ]
    svg = str(price_chart(series, "Price of CMP-BTN", "No price"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<polyline") == 1  # one point: no line
    assert "2026-01-05 — USD FOB: 0.58 USD" in svg
    assert "USD &lt;EXW&gt;" in svg and "<EXW>" not in svg
    assert "2026-07-24" in svg  # the last date on the axis


def test_empty_chart_says_so() -> None:
    svg = str(price_chart([PriceSeries("EUR", "EUR", ())], "Price", "No price recorded."))
    assert "No price recorded." in svg and "<polyline" not in svg
