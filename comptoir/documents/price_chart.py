"""A product's price trend from one supplier as an SVG line chart, drawn on the server (no
script, no library): one line per currency and Incoterm, a marker per price with its tooltip,
dates along the bottom. Readable in print: markers differ by shape as well as colour.

Plain data in (:class:`PriceSeries`), a string of SVG out; the labels come translated from
the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 560
HEIGHT = 220
LEFT = 64
RIGHT = 16
TOP = 30
BOTTOM = 36
COLOURS = ("#2f6f9f", "#c0642b", "#3c8d40", "#7a4fa0")
MARKERS = ("circle", "square", "diamond", "triangle")
#: most points drawn per series (the latest are kept)
MAX_POINTS = 400


@dataclass(frozen=True)
class PriceSeries:
    label: str  # e.g. "USD FOB"
    currency: str
    points: tuple[tuple[dt.date, Decimal], ...]  # in date order


def _marker(kind: str, x: float, y: float, colour: str, tip: str) -> str:
    title = f"<title>{escape(tip)}</title>"
    if kind == "square":
        return (
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}">'
            f"{title}</rect>"
        )
    if kind == "diamond":
        pts = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{colour}">{title}</polygon>'
    if kind == "triangle":
        pts = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
        return f'<polygon points="{pts}" fill="{colour}">{title}</polygon>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">{title}</circle>'


def _price(value: Decimal) -> str:
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    if "." in text and len(text.split(".")[1]) < 2:
        text += "0" * (2 - len(text.split(".")[1]))
    return text.replace(",", "\u202f")


def price_chart(series: Sequence[PriceSeries], title: str, empty: str) -> SafeString:
    """The chart of one product's prices (``series`` of one currency each); empty: a message."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="price-chart" viewBox="0 0 {WIDTH} '
        f'{HEIGHT}" width="100%" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    drawn = [s for s in series if s.points][: len(COLOURS)]
    if not drawn:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" font-size="13" '
            f'fill="#444">{escape(empty)}</text></svg>'
        )
        return mark_safe("".join(parts))  # noqa: S308  # every text is escaped above
    points = [p for s in drawn for p in s.points[-MAX_POINTS:]]
    first = min(d for d, _ in points)
    last = max(d for d, _ in points)
    low = float(min(v for _, v in points))
    high = float(max(v for _, v in points))
    margin = (high - low) * 0.1 or max(high * 0.1, 0.01)
    low, high = max(low - margin, 0.0), high + margin
    span_days = max((last - first).days, 1)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x(day: dt.date) -> float:
        if last == first:
            return LEFT + plot_w / 2
        return LEFT + (day - first).days / span_days * plot_w

    def y(value: float) -> float:
        return TOP + (high - value) / (high - low) * plot_h

    for i in range(5):
        value = low + (high - low) * i / 4
        yy = y(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{yy:.1f}" x2="{WIDTH - RIGHT}" y2="{yy:.1f}" '
            f'stroke="{"#333" if i == 0 else "#dddddd"}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#333">{escape(_price(Decimal(str(round(value, 4)))))}</text>'
        )
    for day in sorted({first, last}):
        anchor = "middle" if first == last else ("start" if day == first else "end")
        parts.append(
            f'<text x="{x(day):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="{anchor}" '
            f'font-size="11" fill="#333">{escape(day.isoformat())}</text>'
        )
    legend_x = LEFT
    for index, s in enumerate(drawn):
        colour, marker = COLOURS[index], MARKERS[index]
        shown = s.points[-MAX_POINTS:]
        if len(shown) > 1:
            line = " ".join(f"{x(d):.1f},{y(float(v)):.1f}" for d, v in shown)
            parts.append(
                f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for d, v in shown:
            tip = f"{d.isoformat()} — {s.label}: {_price(v)} {s.currency}"
            parts.append(_marker(marker, x(d), y(float(v)), colour, tip))
        parts.append(_marker(marker, legend_x + 5, 14, colour, s.label))
        parts.append(
            f'<text x="{legend_x + 14}" y="18" font-size="11" fill="#222">{escape(s.label)}</text>'
        )
        legend_x += 30 + int(len(s.label) * 6.8)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # built here, every text escaped
