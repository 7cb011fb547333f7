"""Bar and line charts as SVG drawn on the server (no script, no library, no CSS variable):
the dashboards' charts on screen, in print and in the monthly PDF (WeasyPrint).

Plain values in (categories, :class:`ChartSeries`), a string of SVG out; the labels come
translated from the caller and the numbers are written in the reader's format with Babel
(French ``1 234,5``, English ``1,234.5``). Readable without colour: series differ by shade
and, on line charts, by dash and marker; every bar and point carries a tooltip with its
figure. Negative values go below the zero line; an empty chart says so.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_decimal
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
HEIGHT = 280
LEFT = 76
RIGHT = 14
TOP = 34
BOTTOM = 46
#: Shades that stay distinct in grey print (dark, light, middle...).
COLOURS = ("#1f5f8b", "#9cc3de", "#c0642b", "#4d8f4a", "#7a5195", "#888888")
DASHES = ("", "6 4", "2 3", "8 3 2 3", "1 2", "10 4")
MARKERS = ("circle", "square", "diamond", "circle", "square", "diamond")

Number = Decimal | int | float
Scale = Callable[[float], float]


@dataclass(frozen=True)
class ChartSeries:
    label: str
    #: one value per category, in the same order; None where there is no figure
    values: tuple[Number | None, ...]


def babel_locale(language: str) -> str:
    """The CLDR locale Babel writes the reader's numbers and dates in."""
    return "fr_FR" if language.startswith("fr") else "en_GB"


def format_number(value: Number, language: str, decimals: int = 0) -> str:
    """``value`` with ``decimals`` decimals in the reader's format (1 234,5 / 1,234.5)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return str(
        format_decimal(
            Decimal(str(value)),
            format=pattern,
            locale=babel_locale(language),
            decimal_quantization=True,
        )
    )


def format_value(
    value: Number | None, language: str, kind: str = "number", currency: str = ""
) -> str:
    """A figure as written in a table or a tooltip: money with 2 decimals and its currency,
    percent with one decimal and ``%``, kilograms and days as whole numbers."""
    if value is None:
        return "—"
    if kind == "money":
        text = format_number(value, language, 2)
        return f"{text}\u00a0{currency}" if currency else text
    if kind == "percent":
        return format_number(value, language, 1) + ("\u202f%" if language.startswith("fr") else "%")
    if kind in ("kg",):
        return format_number(value, language, 0) + "\u00a0kg"
    if isinstance(value, int):
        return format_number(value, language, 0)
    decimals = 0 if Decimal(str(value)) == Decimal(str(value)).to_integral_value() else 1
    return format_number(value, language, decimals)


def nice_ticks(low: float, high: float, count: int = 5, whole: bool = False) -> list[float]:
    """Round grid values (1, 2, 2.5 or 5 times a power of ten) covering ``low..high``,
    zero included, about ``count`` intervals; ``whole``: counted things, so the step is a
    whole number (no "0.2 shipment")."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + 1.0
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(f * magnitude for f in (1, 2, 2.5, 5, 10) if raw <= f * magnitude * (1 + 1e-9))
    if whole:
        step = max(1.0, step if step >= 1 and step == int(step) else math.ceil(step))
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    ticks: list[float] = []
    n = round((last - first) / step)
    for i in range(n + 1):
        tick = first + i * step
        ticks.append(0.0 if abs(tick) < step / 1e6 else round(tick, 10))
    return ticks


def _axis_label(value: float, language: str) -> str:
    """A compact axis figure in the reader's format: 1,5 M / 1.5M, 350 k, 900."""
    size = abs(value)
    fr = language.startswith("fr")
    if size >= 1_000_000:
        text, unit = format_number(value / 1_000_000, language, 1), "M"
    elif size >= 10_000:
        text, unit = format_number(value / 1_000, language, 0), "k"
    else:
        decimals = 0 if value == int(value) else (1 if value * 10 == int(value * 10) else 2)
        return format_number(value, language, decimals)
    for zero in (",0", ".0"):
        if text.endswith(zero):
            text = text[: -len(zero)]
    return f"{text}\u202f{unit}" if fr else f"{text}{unit}"


def _frame(title: str, css: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" viewBox="0 0 {WIDTH} '
        f'{HEIGHT}" width="100%" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]


def _empty(parts: list[str], message: str) -> SafeString:
    parts.append(
        f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" font-size="13" '
        f'fill="#444">{escape(message)}</text></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308  # every text is escaped


def _values(series: Sequence[ChartSeries]) -> list[float]:
    return [float(v) for s in series for v in s.values if v is not None]


def _grid(parts: list[str], ticks: list[float], y: Scale, language: str, unit: str) -> None:
    for tick in ticks:
        yy = y(tick)
        colour = "#333333" if tick == 0 else "#d8d8d8"
        parts.append(
            f'<line x1="{LEFT}" y1="{yy:.1f}" x2="{WIDTH - RIGHT}" y2="{yy:.1f}" '
            f'stroke="{colour}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#333333">{escape(_axis_label(tick, language))}</text>'
        )
    if unit:
        parts.append(
            f'<text x="{LEFT - 6}" y="{TOP - 10}" text-anchor="end" font-size="11" '
            f'font-weight="bold" fill="#333333">{escape(unit)}</text>'
        )


def _categories(parts: list[str], categories: Sequence[str], x: Scale, slot: float) -> None:
    # thin the labels out when they would overlap (about 6.5 px per character)
    longest = max((len(c) for c in categories), default=1)
    every = max(1, math.ceil(longest * 6.5 / max(slot, 1.0)))
    for index, label in enumerate(categories):
        if index % every:
            continue
        parts.append(
            f'<text x="{x(index):.1f}" y="{HEIGHT - BOTTOM + 16}" '
            f'text-anchor="middle" font-size="10" fill="#333333">{escape(label)}</text>'
        )


def _legend(parts: list[str], series: Sequence[ChartSeries], line: bool) -> None:
    x = LEFT
    y = HEIGHT - 10
    for index, s in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        if line:
            dash = DASHES[index % len(DASHES)]
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<line class="legend" x1="{x}" y1="{y - 4}" x2="{x + 16}" y2="{y - 4}" '
                f'stroke="{colour}" stroke-width="2.5"{dashed}/>'
            )
        else:
            parts.append(
                f'<rect class="legend" x="{x}" y="{y - 10}" width="12" height="10" '
                f'fill="{colour}" stroke="#333333" stroke-width="0.5"/>'
            )
        parts.append(
            f'<text x="{x + 20}" y="{y}" font-size="11" fill="#222222">{escape(s.label)}</text>'
        )
        x += 34 + int(len(s.label) * 6.5)


def _scale(values: list[float]) -> tuple[list[float], Scale]:
    ticks = nice_ticks(min(values), max(values), whole=all(v == int(v) for v in values))
    low, high = ticks[0], ticks[-1]
    plot_h = HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + (high - value) / (high - low) * plot_h

    return ticks, y


def bar_chart(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[ChartSeries],
    language: str,
    empty: str,
    kind: str = "number",
    currency: str = "",
) -> SafeString:
    """Bars side by side per category, one per series (this year, last year...)."""
    parts = _frame(title, "bar-chart")
    values = _values(series)
    if not categories or not series or not values:
        return _empty(parts, empty)
    ticks, y = _scale(values)
    _grid(
        parts, ticks, y, language, currency if kind == "money" else "%" if kind == "percent" else ""
    )
    plot_w = WIDTH - LEFT - RIGHT
    slot = plot_w / len(categories)
    bar = max(min(slot * 0.8 / len(series), 40.0), 1.5)

    def x(index: float) -> float:
        return LEFT + slot * index + slot / 2

    zero = y(0.0)
    for s_index, s in enumerate(series):
        colour = COLOURS[s_index % len(COLOURS)]
        for index, value in enumerate(s.values[: len(categories)]):
            if value is None:
                continue
            top, bottom = sorted((y(float(value)), zero))
            left = x(index) - bar * len(series) / 2 + s_index * bar
            tip = (
                f"{categories[index]} — {s.label}: {format_value(value, language, kind, currency)}"
            )
            parts.append(
                f'<rect class="bar" data-series="{s_index}" data-value="{escape(str(value))}" '
                f'x="{left:.1f}" y="{top:.1f}" width="{bar:.1f}" height="{max(bottom - top, 0.5):.1f}" '
                f'fill="{colour}" stroke="#333333" stroke-width="0.4">'
                f"<title>{escape(tip)}</title></rect>"
            )
    _categories(parts, categories, x, slot)
    _legend(parts, series, line=False)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # built here, every text is escaped


def line_chart(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[ChartSeries],
    language: str,
    empty: str,
    kind: str = "number",
    currency: str = "",
) -> SafeString:
    """One line per series over the categories (months...); a gap where a value is None."""
    parts = _frame(title, "line-chart")
    values = _values(series)
    if not categories or not series or not values:
        return _empty(parts, empty)
    ticks, y = _scale(values)
    _grid(
        parts, ticks, y, language, currency if kind == "money" else "%" if kind == "percent" else ""
    )
    plot_w = WIDTH - LEFT - RIGHT
    slot = plot_w / len(categories)

    def x(index: float) -> float:
        return LEFT + slot * index + slot / 2

    for s_index, s in enumerate(series):
        colour = COLOURS[s_index % len(COLOURS)]
        dash = DASHES[s_index % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        runs: list[list[str]] = [[]]
        for index, value in enumerate(s.values[: len(categories)]):
            if value is None:
                runs.append([])
                continue
            runs[-1].append(f"{x(index):.1f},{y(float(value)):.1f}")
        for run in runs:
            if len(run) > 1:
                parts.append(
                    f'<polyline class="line" data-series="{s_index}" points="{" ".join(run)}" '
                    f'fill="none" stroke="{colour}" stroke-width="2.2"{dashed}/>'
                )
        marker = MARKERS[s_index % len(MARKERS)]
        for index, value in enumerate(s.values[: len(categories)]):
            if value is None:
                continue
            cx, cy = x(index), y(float(value))
            tip = escape(
                f"{categories[index]} — {s.label}: {format_value(value, language, kind, currency)}"
            )
            data = f'class="point" data-series="{s_index}" data-value="{escape(str(value))}"'
            if marker == "circle":
                shape = f'<circle {data} cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="{colour}">'
                end = "</circle>"
            elif marker == "square":
                shape = (
                    f'<rect {data} x="{cx - 3.5:.1f}" y="{cy - 3.5:.1f}" width="7" height="7" '
                    f'fill="{colour}">'
                )
                end = "</rect>"
            else:
                shape = (
                    f'<polygon {data} points="{cx:.1f},{cy - 4.5:.1f} {cx + 4.5:.1f},{cy:.1f} '
                    f'{cx:.1f},{cy + 4.5:.1f} {cx - 4.5:.1f},{cy:.1f}" fill="{colour}">'
                )
                end = "</polygon>"
            parts.append(f"{shape}<title>{tip}</title>{end}")
    _categories(parts, categories, x, slot)
    _legend(parts, series, line=True)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # built here, every text is escaped
