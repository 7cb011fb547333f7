"""Charts as SVG drawn on the server (no script, no library, no CSS variable), one module
for the whole product: the dashboards, the action plan's progress, the currency exposure,
the supplier price history and the prospecting funnel, on screen, in print and in the PDFs
(WeasyPrint).

Plain values in (categories and :class:`ChartSeries`, :class:`DateSeries`,
:class:`FunnelStep`), a string of SVG out; the labels come translated from the caller and the
numbers, months and dates are written in the reader's format with Babel (French ``1 234,5``,
``janv. 2026``; English ``1,234.5``, ``Jan 2026``). The shapes:

* :func:`bar_chart` — bars side by side per category, optionally with lines over them
  (a running total, a target);
* :func:`stacked_bar_chart` — the series piled up per category (negatives below the zero
  line), their total as a line with markers;
* :func:`line_chart` — one line per series over the categories;
* :func:`date_chart` — lines over a true time axis (x in proportion to the days), ticks at
  month starts;
* :func:`funnel_chart` — one centred horizontal bar per step, its count and its rate from
  the step before written on it.

Readable without colour: bars differ by shade, then by hatching or dots; lines by dash and
marker shape; the funnel's figures are written. Every bar and point carries a tooltip with
its figure; the ``<title>`` (and ``<desc>`` when given) make the chart an accessible image.
An empty chart says so in a sentence, in a valid SVG.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, get_month_names
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
#: Bars of these series are filled with a pattern (hatching, dots, cross-hatching) in their
#: colour, so that a third or fourth series stays distinct in black-and-white print.
PATTERNS = {2: "hatch", 3: "dots", 4: "cross"}
#: Lines drawn over bars (running total, target, stacked total): dark, then orange dashed...
OVERLAY_COLOURS = ("#111111", "#c0642b", "#4d8f4a", "#7a5195")
OVERLAY_DASHES = ("", "6 4", "2 3", "8 3 2 3")
OVERLAY_MARKERS = ("circle", "square", "diamond", "triangle")
#: Lines of a date chart: dark shades first (a light line is hard to see on white paper).
LINE_COLOURS = ("#1f5f8b", "#c0642b", "#4d8f4a", "#7a5195", "#111111", "#888888")
#: Most points drawn per series on a date chart (the latest are kept).
MAX_POINTS = 400
LEGEND_ROW = 16

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


@functools.lru_cache(maxsize=8)
def _babel(language: str) -> Locale:
    """The reader's Babel locale, parsed once: a new Locale reloads its CLDR data, which
    made a chart of a hundred figures take tens of milliseconds."""
    return Locale.parse(babel_locale(language))


def format_number(value: Number, language: str, decimals: int = 0) -> str:
    """``value`` with ``decimals`` decimals in the reader's format (1 234,5 / 1,234.5)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return str(
        format_decimal(
            Decimal(str(value)),
            format=pattern,
            locale=_babel(language),
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
    if kind == "price":
        # unit prices: two to four decimals, as many as the price has
        exponent = Decimal(str(value)).normalize().as_tuple().exponent
        decimals = min(4, max(2, -exponent if isinstance(exponent, int) else 2))
        text = format_number(value, language, decimals)
        return f"{text}\u00a0{currency}" if currency else text
    if kind in ("kg",):
        return format_number(value, language, 0) + "\u00a0kg"
    if isinstance(value, int):
        return format_number(value, language, 0)
    decimals = 0 if Decimal(str(value)) == Decimal(str(value)).to_integral_value() else 1
    return format_number(value, language, decimals)


def nice_ticks(
    low: float, high: float, count: int = 5, whole: bool = False, include_zero: bool = True
) -> list[float]:
    """Round grid values (1, 2, 2.5 or 5 times a power of ten) covering ``low..high``,
    zero included (unless ``include_zero`` is false: a price trend), about ``count``
    intervals; ``whole``: counted things, so the step is a whole number (no "0.2
    shipment")."""
    if include_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        if include_zero:
            high = low + 1.0
        else:
            pad = abs(high) * 0.1 or 1.0
            low, high = low - pad, high + pad
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


def month_names(language: str) -> list[str]:
    """The twelve months' short names in the reader's language (janv., févr. / Jan, Feb):
    Babel's, since Django's French short names write both June and July "Jui"."""
    names = get_month_names("abbreviated", locale=_babel(language))
    return [str(names[m]) for m in range(1, 13)]


def month_label(day: dt.date, language: str) -> str:
    """A month on an axis or in a tooltip: ``mars 2026`` / ``Mar 2026``."""
    return str(format_date(day, "MMM y", locale=_babel(language)))


def date_label(day: dt.date, language: str) -> str:
    """A day in a tooltip: ``5 janv. 2026`` / ``5 Jan 2026``."""
    return str(format_date(day, "medium", locale=_babel(language)))


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


# ---------------------------------------------------------------------------- the frame


def _uid(*payload: object) -> str:
    """An id prefix for the chart's patterns, the same for the same chart (several charts
    are inlined in one HTML page, whose ids are shared)."""
    return "ch" + hashlib.sha1(repr(payload).encode(), usedforsecurity=False).hexdigest()[:10]


def _frame(title: str, css: str, height: int = HEIGHT, desc: str = "") -> list[str]:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" viewBox="0 0 {WIDTH} '
        f'{height}" width="100%" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    if desc:
        parts.append(f"<desc>{escape(desc)}</desc>")
    return parts


def _empty(parts: list[str], message: str, height: int = HEIGHT) -> SafeString:
    parts.append(
        f'<text class="empty" x="{WIDTH / 2}" y="{height / 2}" text-anchor="middle" '
        f'font-size="13" fill="#444">{escape(message)}</text></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308  # every text is escaped


def _values(series: Sequence[ChartSeries]) -> list[float]:
    return [float(v) for s in series for v in s.values if v is not None]


def _unit(kind: str, currency: str) -> str:
    return currency if kind in ("money", "price") else "%" if kind == "percent" else ""


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


def _scale(values: list[float], include_zero: bool = True) -> tuple[list[float], Scale]:
    ticks = nice_ticks(
        min(values),
        max(values),
        whole=all(v == int(v) for v in values),
        include_zero=include_zero,
    )
    low, high = ticks[0], ticks[-1]
    plot_h = HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + (high - value) / (high - low) * plot_h

    return ticks, y


# ---------------------------------------------------------------------------- fills, markers


def _fill(index: int, uid: str) -> str:
    """A bar's fill: the series' colour, or a pattern of it from the third series on."""
    at = index % len(COLOURS)
    return f"url(#{uid}-p{at})" if at in PATTERNS else COLOURS[at]


def _patterns(uid: str, styles: Sequence[int]) -> str:
    """The ``<defs>`` of the patterns the bars of these styles use ("" if none)."""
    defs: list[str] = []
    for at in sorted({i % len(COLOURS) for i in styles} & set(PATTERNS)):
        colour = COLOURS[at]
        turn = ' patternTransform="rotate(45)"' if PATTERNS[at] != "dots" else ""
        head = (
            f'<pattern id="{uid}-p{at}" width="6" height="6" patternUnits="userSpaceOnUse"{turn}>'
            '<rect width="6" height="6" fill="#ffffff"/>'
        )
        if PATTERNS[at] == "hatch":
            body = f'<line x1="0" y1="0" x2="0" y2="6" stroke="{colour}" stroke-width="3"/>'
        elif PATTERNS[at] == "dots":
            body = f'<circle cx="3" cy="3" r="1.7" fill="{colour}"/>'
        else:
            body = (
                f'<line x1="0" y1="0" x2="0" y2="6" stroke="{colour}" stroke-width="2"/>'
                f'<line x1="0" y1="0" x2="6" y2="0" stroke="{colour}" stroke-width="2"/>'
            )
        defs.append(f"{head}{body}</pattern>")
    return f"<defs>{''.join(defs)}</defs>" if defs else ""


def _marker(
    kind: str, cx: float, cy: float, colour: str, *, hollow: bool = False, data: str = ""
) -> tuple[str, str]:
    """The opening tag of a point's marker (a tooltip goes inside) and its closing tag."""
    paint = f'fill="#ffffff" stroke="{colour}" stroke-width="1.8"' if hollow else f'fill="{colour}"'
    data = f"{data} " if data else ""
    if kind == "circle":
        return f'<circle {data}cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" {paint}>', "</circle>"
    if kind == "square":
        return (
            f'<rect {data}x="{cx - 3.5:.1f}" y="{cy - 3.5:.1f}" width="7" height="7" {paint}>',
            "</rect>",
        )
    if kind == "triangle":
        points = (
            f"{cx:.1f},{cy - 4.5:.1f} {cx + 4.5:.1f},{cy + 3.5:.1f} {cx - 4.5:.1f},{cy + 3.5:.1f}"
        )
    else:
        points = (
            f"{cx:.1f},{cy - 4.5:.1f} {cx + 4.5:.1f},{cy:.1f} "
            f"{cx:.1f},{cy + 4.5:.1f} {cx - 4.5:.1f},{cy:.1f}"
        )
    return f'<polygon {data}points="{points}" {paint}>', "</polygon>"


# ---------------------------------------------------------------------------- the legend


@dataclass(frozen=True)
class _Key:
    label: str
    #: "bar" (a swatch filled with ``paint``) or "line" (``paint`` stroke, dash, marker)
    shape: str
    paint: str
    dash: str = ""
    marker: str = ""
    hollow: bool = False


def _legend_places(keys: Sequence[_Key]) -> list[tuple[int, int]]:
    """Where each key goes (x, row): left to right, on a new row when the width is full."""
    places: list[tuple[int, int]] = []
    x, row = LEFT, 0
    for key in keys:
        width = 20 + int(len(key.label) * 6.5)
        if x > LEFT and x + width > WIDTH - RIGHT:
            x, row = LEFT, row + 1
        places.append((x, row))
        x += 34 + int(len(key.label) * 6.5)
    return places


def _legend_height(keys: Sequence[_Key]) -> int:
    """The chart's height with the legend's extra rows."""
    rows = max((row for _, row in _legend_places(keys)), default=0)
    return HEIGHT + rows * LEGEND_ROW


def _legend(parts: list[str], keys: Sequence[_Key]) -> None:
    for key, (x, row) in zip(keys, _legend_places(keys), strict=True):
        y = HEIGHT - 10 + row * LEGEND_ROW
        if key.shape == "line":
            dashed = f' stroke-dasharray="{key.dash}"' if key.dash else ""
            parts.append(
                f'<line class="legend" x1="{x}" y1="{y - 4}" x2="{x + 16}" y2="{y - 4}" '
                f'stroke="{key.paint}" stroke-width="2.5"{dashed}/>'
            )
            if key.marker:
                opening, closing = _marker(key.marker, x + 8, y - 4, key.paint, hollow=key.hollow)
                parts.append(opening + closing)
        else:
            parts.append(
                f'<rect class="legend" x="{x}" y="{y - 10}" width="12" height="10" '
                f'fill="{key.paint}" stroke="#333333" stroke-width="0.5"/>'
            )
        parts.append(
            f'<text x="{x + 20}" y="{y}" font-size="11" fill="#222222">{escape(key.label)}</text>'
        )


# ---------------------------------------------------------------------------- lines


def _lines(
    parts: list[str],
    *,
    categories: Sequence[str],
    series: Sequence[ChartSeries],
    x: Scale,
    y: Scale,
    language: str,
    kind: str,
    currency: str,
    overlay: bool,
) -> None:
    """The series as lines with a marker per value (a gap at None); ``overlay``: drawn over
    bars, in the overlay styles with a white halo and hollow markers, the first series
    last so that it stays on top (a total, a running total)."""
    css = "overlay" if overlay else "line"
    order = list(enumerate(series))
    for s_index, s in reversed(order) if overlay else order:
        if overlay:
            at = s_index % len(OVERLAY_COLOURS)
            colour, dash, marker = OVERLAY_COLOURS[at], OVERLAY_DASHES[at], OVERLAY_MARKERS[at]
        else:
            at = s_index % len(COLOURS)
            colour, dash, marker = COLOURS[at], DASHES[at], MARKERS[at]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        runs: list[list[str]] = [[]]
        for index, value in enumerate(s.values[: len(categories)]):
            if value is None:
                runs.append([])
                continue
            runs[-1].append(f"{x(index):.1f},{y(float(value)):.1f}")
        for run in runs:
            if len(run) > 1:
                points = " ".join(run)
                if overlay:
                    parts.append(
                        f'<polyline points="{points}" fill="none" stroke="#ffffff" '
                        f'stroke-width="4.5" stroke-opacity="0.8"/>'
                    )
                parts.append(
                    f'<polyline class="{css}" data-series="{s_index}" points="{points}" '
                    f'fill="none" stroke="{colour}" stroke-width="2.2"{dashed}/>'
                )
        for index, value in enumerate(s.values[: len(categories)]):
            if value is None:
                continue
            tip = escape(
                f"{categories[index]} — {s.label}: {format_value(value, language, kind, currency)}"
            )
            data = (
                f'class="{"overlay-point" if overlay else "point"}" data-series="{s_index}" '
                f'data-value="{escape(str(value))}"'
            )
            opening, closing = _marker(
                marker, x(index), y(float(value)), colour, hollow=overlay, data=data
            )
            parts.append(f"{opening}<title>{tip}</title>{closing}")


# ---------------------------------------------------------------------------- bars


def _total(series: Sequence[ChartSeries], index: int) -> Number | None:
    values = [s.values[index] for s in series if index < len(s.values)]
    present = [Decimal(str(v)) for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _bar_chart(
    *,
    css: str,
    title: str,
    categories: Sequence[str],
    bars: Sequence[ChartSeries],
    lines: Sequence[ChartSeries],
    stacked: bool,
    total: str,
    language: str,
    empty: str,
    kind: str,
    currency: str,
    desc: str,
) -> SafeString:
    overlays = list(lines)
    if stacked and total and bars:
        totals = tuple(_total(bars, i) for i in range(len(categories)))
        overlays.insert(0, ChartSeries(total, totals))
    uid = _uid(title, categories, bars, overlays)
    # side by side, the bars differ by shade first (dark, light); piled up, a light part
    # would hardly show against its neighbour: the second is hatched
    styles = [i if not stacked or i == 0 else i + 1 for i in range(len(bars))]
    keys = [_Key(s.label, "bar", _fill(styles[i], uid)) for i, s in enumerate(bars)]
    # the overlays' keys are the same whatever is drawn: work them out for the height
    keys += [
        _Key(s.label, "line", OVERLAY_COLOURS[i % 4], OVERLAY_DASHES[i % 4], OVERLAY_MARKERS[i % 4])
        for i, s in enumerate(overlays)
    ]
    height = _legend_height(keys)
    parts = _frame(title, css, height, desc)
    values = _values(bars) + _values(overlays)
    if not categories or not values:
        return _empty(parts, empty, height)
    if stacked:
        for index in range(len(categories)):
            column = [float(s.values[index] or 0) for s in bars if index < len(s.values)]
            values += [sum(v for v in column if v > 0), sum(v for v in column if v < 0)]
    patterns = _patterns(uid, styles)
    if patterns:
        parts.append(patterns)
    ticks, y = _scale(values)
    _grid(parts, ticks, y, language, _unit(kind, currency))
    plot_w = WIDTH - LEFT - RIGHT
    slot = plot_w / len(categories)

    def x(index: float) -> float:
        return LEFT + slot * index + slot / 2

    zero = y(0.0)
    if stacked:
        width = max(min(slot * 0.6, 40.0), 1.5)
        for index in range(len(categories)):
            above = below = 0.0
            for s_index, s in enumerate(bars):
                value = s.values[index] if index < len(s.values) else None
                if value is None or float(value) == 0:
                    continue
                base = above if float(value) > 0 else below
                end = base + float(value)
                if float(value) > 0:
                    above = end
                else:
                    below = end
                top, bottom = sorted((y(end), y(base)))
                tip = (
                    f"{categories[index]} — {s.label}: "
                    f"{format_value(value, language, kind, currency)}"
                )
                parts.append(
                    f'<rect class="bar" data-series="{s_index}" data-category="{index}" '
                    f'data-value="{escape(str(value))}" x="{x(index) - width / 2:.1f}" '
                    f'y="{top:.1f}" width="{width:.1f}" height="{max(bottom - top, 0.5):.1f}" '
                    f'fill="{_fill(styles[s_index], uid)}" stroke="#333333" stroke-width="0.4">'
                    f"<title>{escape(tip)}</title></rect>"
                )
    else:
        bar = max(min(slot * 0.8 / max(len(bars), 1), 40.0), 1.5)
        for s_index, s in enumerate(bars):
            for index, value in enumerate(s.values[: len(categories)]):
                if value is None:
                    continue
                top, bottom = sorted((y(float(value)), zero))
                left = x(index) - bar * len(bars) / 2 + s_index * bar
                tip = (
                    f"{categories[index]} — {s.label}: "
                    f"{format_value(value, language, kind, currency)}"
                )
                parts.append(
                    f'<rect class="bar" data-series="{s_index}" data-value="{escape(str(value))}" '
                    f'x="{left:.1f}" y="{top:.1f}" width="{bar:.1f}" '
                    f'height="{max(bottom - top, 0.5):.1f}" '
                    f'fill="{_fill(styles[s_index], uid)}" stroke="#333333" stroke-width="0.4">'
                    f"<title>{escape(tip)}</title></rect>"
                )
    if overlays:
        _lines(
            parts,
            categories=categories,
            series=overlays,
            x=x,
            y=y,
            language=language,
            kind=kind,
            currency=currency,
            overlay=True,
        )
    _categories(parts, categories, x, slot)
    _legend(parts, keys)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # built here, every text is escaped


def bar_chart(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[ChartSeries],
    language: str,
    empty: str,
    kind: str = "number",
    currency: str = "",
    lines: Sequence[ChartSeries] = (),
    desc: str = "",
) -> SafeString:
    """Bars side by side per category, one per series (this year, last year...); ``lines``
    drawn over them on the same scale (a running total, a target), a gap where None."""
    return _bar_chart(
        css="bar-chart",
        title=title,
        categories=categories,
        bars=series,
        lines=lines,
        stacked=False,
        total="",
        language=language,
        empty=empty,
        kind=kind,
        currency=currency,
        desc=desc,
    )


def stacked_bar_chart(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[ChartSeries],
    language: str,
    empty: str,
    kind: str = "number",
    currency: str = "",
    total: str = "",
    lines: Sequence[ChartSeries] = (),
    desc: str = "",
) -> SafeString:
    """The series piled up per category, positive values upwards from the zero line and
    negative ones downwards; ``total`` (its label): the category's sum drawn as a line with
    markers over the piles; ``lines`` drawn over them too."""
    return _bar_chart(
        css="stacked-chart",
        title=title,
        categories=categories,
        bars=series,
        lines=lines,
        stacked=True,
        total=total,
        language=language,
        empty=empty,
        kind=kind,
        currency=currency,
        desc=desc,
    )


def line_chart(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[ChartSeries],
    language: str,
    empty: str,
    kind: str = "number",
    currency: str = "",
    desc: str = "",
) -> SafeString:
    """One line per series over the categories (months...); a gap where a value is None."""
    keys = [
        _Key(
            s.label,
            "line",
            COLOURS[i % len(COLOURS)],
            DASHES[i % len(DASHES)],
            MARKERS[i % len(MARKERS)],
        )
        for i, s in enumerate(series)
    ]
    height = _legend_height(keys)
    parts = _frame(title, "line-chart", height, desc)
    values = _values(series)
    if not categories or not series or not values:
        return _empty(parts, empty, height)
    ticks, y = _scale(values)
    _grid(parts, ticks, y, language, _unit(kind, currency))
    plot_w = WIDTH - LEFT - RIGHT
    slot = plot_w / len(categories)

    def x(index: float) -> float:
        return LEFT + slot * index + slot / 2

    _lines(
        parts,
        categories=categories,
        series=series,
        x=x,
        y=y,
        language=language,
        kind=kind,
        currency=currency,
        overlay=False,
    )
    _categories(parts, categories, x, slot)
    _legend(parts, keys)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # built here, every text is escaped


# ---------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class DateSeries:
    label: str
    #: (day, value) pairs; drawn in date order, the latest MAX_POINTS
    points: tuple[tuple[dt.date, Number], ...]


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def month_ticks(first: dt.date, last: dt.date, most: int = 8) -> list[dt.date]:
    """Month starts from ``first``'s month to the one after ``last``: every month, or every
    2, 3, 6, 12, 24... months (January-aligned) so that there are at most ``most``."""
    start, end = first.replace(day=1), _next_month(last)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next(
        (s for s in (1, 2, 3, 6, 12) if math.ceil(months / s) <= most),
        12 * math.ceil(months / 12 / max(most, 1)),
    )
    ticks: list[dt.date] = []
    day = start
    while day <= end:
        if (day.year * 12 + day.month - 1) % step == 0:
            ticks.append(day)
        day = _next_month(day)
    return ticks


def date_chart(
    *,
    title: str,
    series: Sequence[DateSeries],
    language: str,
    empty: str,
    kind: str = "number",
    currency: str = "",
    include_zero: bool = False,
    desc: str = "",
) -> SafeString:
    """One line per series over a true time axis (a point's x in proportion to its day),
    the axis from the first month start to the month after the last day, ticks and their
    labels (``janv. 2026`` / ``Jan 2026``) at month starts."""
    drawn = [
        DateSeries(s.label, tuple(sorted(s.points, key=lambda p: p[0]))[-MAX_POINTS:])
        for s in series
        if s.points
    ][: len(LINE_COLOURS)]
    keys = [
        _Key(s.label, "line", LINE_COLOURS[i], DASHES[i], MARKERS[i]) for i, s in enumerate(drawn)
    ]
    height = _legend_height(keys)
    parts = _frame(title, "date-chart", height, desc)
    if not drawn:
        return _empty(parts, empty, height)
    values = [float(v) for s in drawn for _, v in s.points]
    days = [d for s in drawn for d, _ in s.points]
    ticks, y = _scale(values, include_zero)
    _grid(parts, ticks, y, language, _unit(kind, currency))
    plot_w = WIDTH - LEFT - RIGHT
    start, end = min(days).replace(day=1), _next_month(max(days))
    span = (end - start).days

    def x(day: dt.date) -> float:
        return LEFT + (day - start).days / span * plot_w

    months = month_ticks(min(days), max(days), most=max(2, int(plot_w // 72)))
    yearly = (
        len(months) > 1
        and (months[1].year - months[0].year) * 12 + (months[1].month - months[0].month) >= 12
    )
    for day in months:
        xx = x(day)
        label = str(day.year) if yearly else month_label(day, language)
        parts.append(
            f'<line x1="{xx:.1f}" y1="{TOP}" x2="{xx:.1f}" y2="{HEIGHT - BOTTOM}" '
            f'stroke="#e4e4e4" stroke-width="1"/>'
            f'<line x1="{xx:.1f}" y1="{HEIGHT - BOTTOM}" x2="{xx:.1f}" '
            f'y2="{HEIGHT - BOTTOM + 4}" stroke="#333333" stroke-width="1"/>'
            f'<text class="date-tick" data-date="{day.isoformat()}" x="{xx:.1f}" '
            f'y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="10" '
            f'fill="#333333">{escape(label)}</text>'
        )
    for s_index, s in enumerate(drawn):
        colour, dash, marker = LINE_COLOURS[s_index], DASHES[s_index], MARKERS[s_index]
        if len(s.points) > 1:
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            points = " ".join(f"{x(d):.1f},{y(float(v)):.1f}" for d, v in s.points)
            parts.append(
                f'<polyline class="line" data-series="{s_index}" points="{points}" '
                f'fill="none" stroke="{colour}" stroke-width="2"{dashed}/>'
            )
        for day, value in s.points:
            tip = escape(
                f"{date_label(day, language)} — {s.label}: "
                f"{format_value(value, language, kind, currency)}"
            )
            data = (
                f'class="point" data-series="{s_index}" data-date="{day.isoformat()}" '
                f'data-value="{escape(str(value))}"'
            )
            opening, closing = _marker(marker, x(day), y(float(value)), colour, data=data)
            parts.append(f"{opening}<title>{tip}</title>{closing}")
    _legend(parts, keys)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # built here, every text is escaped


# ---------------------------------------------------------------------------- funnel

FUNNEL_BAR = 30
FUNNEL_GAP = 8
FUNNEL_LABELS = 170


@dataclass(frozen=True)
class FunnelStep:
    label: str
    count: int
    #: its share of the step before, in % (None: not shown, e.g. the first step)
    rate: Number | None = None


def funnel_chart(
    *,
    title: str,
    steps: Sequence[FunnelStep],
    language: str,
    empty: str,
    desc: str = "",
) -> SafeString:
    """One centred horizontal bar per step, its width in proportion to the largest step,
    the label on the left and the count with its rate written on or beside the bar (the
    figures are readable without colour)."""
    rows = len(steps) if any(s.count for s in steps) else 0
    height = max(rows * (FUNNEL_BAR + FUNNEL_GAP) + FUNNEL_GAP, 60)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart funnel-chart" viewBox="0 0 '
        f'{WIDTH} {height}" width="100%" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    if desc:
        parts.append(f"<desc>{escape(desc)}</desc>")
    if not rows:
        parts.append(
            f'<text class="empty" x="{WIDTH / 2}" y="{height / 2 + 4}" text-anchor="middle" '
            f'font-size="13" fill="#444">{escape(empty)}</text></svg>'
        )
        return mark_safe("".join(parts))  # noqa: S308  # every text is escaped
    largest = max(s.count for s in steps)
    room = WIDTH - RIGHT - FUNNEL_LABELS
    centre = FUNNEL_LABELS + room / 2
    for index, step in enumerate(steps):
        top = FUNNEL_GAP + index * (FUNNEL_BAR + FUNNEL_GAP)
        width = max(room * step.count / largest, 1.0)
        text = format_number(step.count, language)
        if step.rate is not None:
            text += f" ({format_value(step.rate, language, 'percent')})"
        inside = width >= len(text) * 7 + 12
        middle = top + FUNNEL_BAR / 2 + 4
        parts.append(
            f'<text x="{FUNNEL_LABELS - 8}" y="{middle:.0f}" text-anchor="end" font-size="12" '
            f'fill="#222222">{escape(step.label)}</text>'
            f'<rect class="bar" data-value="{step.count}" x="{centre - width / 2:.1f}" '
            f'y="{top}" width="{width:.1f}" height="{FUNNEL_BAR}" rx="3" fill="{COLOURS[0]}" '
            f'stroke="#333333" stroke-width="0.4"><title>{escape(step.label)}: '
            f"{escape(text)}</title></rect>"
        )
        if inside:
            parts.append(
                f'<text class="figure" x="{centre:.1f}" y="{middle:.0f}" text-anchor="middle" '
                f'font-size="12" fill="#ffffff">{escape(text)}</text>'
            )
        else:
            parts.append(
                f'<text class="figure" x="{centre + width / 2 + 6:.1f}" y="{middle:.0f}" '
                f'font-size="12" fill="#222222">{escape(text)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # built here, every text is escaped
