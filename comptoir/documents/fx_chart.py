"""A currency's exposure as an SVG bar chart, drawn on the server (no script, no library):
per month, receipts above the axis, payments below, hedges as a hatched bar, the net position
as a line and the uncovered position as a dashed line. Readable in print: the series differ by
shape and hatching as well as colour, and every bar carries a tooltip with its figure.

Plain data in (:class:`ChartMonth`), a string of SVG out; the labels come translated from
the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
HEIGHT = 300
LEFT = 78
RIGHT = 16
TOP = 34
BOTTOM = 44
RECEIPTS = "#2f6f9f"
PAYMENTS = "#c0642b"
HEDGES = "#555555"
NET = "#111111"
UNCOVERED = "#b3261e"


@dataclass(frozen=True)
class ChartMonth:
    month: str  # YYYY-MM
    receipts: Decimal
    payments: Decimal
    hedged: Decimal  # signed: sell hedges positive
    net: Decimal
    uncovered: Decimal


@dataclass(frozen=True)
class ChartLabels:
    title: str
    receipts: str
    payments: str
    hedges: str
    net: str
    uncovered: str
    empty: str


def _nice_step(span: float) -> float:
    """A round step for about five grid lines over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1.0
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _figure(value: float) -> str:
    """A compact axis figure: 1.2M, 350k, 900."""
    size = abs(value)
    if size >= 1_000_000:
        text = f"{value / 1_000_000:.1f}M"
    elif size >= 1_000:
        text = f"{value / 1_000:.0f}k"
    else:
        text = f"{value:.0f}"
    return text.replace(".0M", "M")


def _amount(value: Decimal, currency: str) -> str:
    return f"{currency} {value:,.2f}".replace(",", "\u202f")


def exposure_chart(months: Sequence[ChartMonth], currency: str, labels: ChartLabels) -> SafeString:
    """The chart of one currency, ``months`` in order (empty: a short message)."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="fx-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-label="{escape(labels.title)}">',
        f"<title>{escape(labels.title)}</title>",
        f'<defs><pattern id="fx-hatch-{escape(currency)}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{HEDGES}" stroke-width="3"/></pattern></defs>',
    ]
    if not months:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" font-size="14" '
            f'fill="#444">{escape(labels.empty)}</text></svg>'
        )
        return mark_safe("".join(parts))  # noqa: S308  # every text is escaped above
    values: list[float] = [0.0]
    for m in months:
        values += [float(m.receipts), -float(m.payments), float(m.hedged), float(m.net)]
        values.append(float(m.uncovered))
    high, low = max(values), min(values)
    step = _nice_step(high - low)
    top = step * (int(high / step) + (1 if high % step else 0)) if high > 0 else 0.0
    bottom = -step * (int(-low / step) + (1 if -low % step else 0)) if low < 0 else 0.0
    if top == bottom:
        top = step

    def y(value: float) -> float:
        return TOP + (top - value) / (top - bottom) * plot_h

    # grid and axis figures
    tick = bottom
    while tick <= top + step / 1000:
        yy = y(tick)
        colour = "#333" if abs(tick) < step / 1000 else "#d8d8d8"
        parts.append(
            f'<line x1="{LEFT}" y1="{yy:.1f}" x2="{WIDTH - RIGHT}" y2="{yy:.1f}" '
            f'stroke="{colour}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#333">{escape(_figure(tick))}</text>'
        )
        tick += step
    parts.append(
        f'<text x="{LEFT - 8}" y="18" text-anchor="end" font-size="12" font-weight="bold" '
        f'fill="#333">{escape(currency)}</text>'
    )
    slot = plot_w / len(months)
    bar = max(min(slot / 4.2, 28.0), 3.0)
    net_points: list[str] = []
    open_points: list[str] = []
    for index, m in enumerate(months):
        x0 = LEFT + index * slot + (slot - 3 * bar) / 2
        for offset, value, fill, name in (
            (0, float(m.receipts), RECEIPTS, labels.receipts),
            (1, -float(m.payments), PAYMENTS, labels.payments),
            (2, float(m.hedged), f"url(#fx-hatch-{escape(currency)})", labels.hedges),
        ):
            if value == 0:
                continue
            y1, y2 = sorted((y(0), y(value)))
            shown = m.receipts if offset == 0 else m.payments if offset == 1 else m.hedged
            parts.append(
                f'<rect x="{x0 + offset * bar:.1f}" y="{y1:.1f}" width="{bar:.1f}" '
                f'height="{max(y2 - y1, 0.5):.1f}" fill="{fill}" stroke="{HEDGES if offset == 2 else fill}" '
                f'stroke-width="1"><title>{escape(m.month)} — {escape(name)}: '
                f"{escape(_amount(shown, currency))}</title></rect>"
            )
        centre = LEFT + index * slot + slot / 2
        net_points.append(f"{centre:.1f},{y(float(m.net)):.1f}")
        open_points.append(f"{centre:.1f},{y(float(m.uncovered)):.1f}")
        parts.append(
            f'<text x="{centre:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="11" fill="#333">{escape(m.month)}</text>'
        )
        parts.append(
            f'<rect x="{centre - 3.5:.1f}" y="{y(float(m.net)) - 3.5:.1f}" width="7" height="7" '
            f'fill="{NET}"><title>{escape(m.month)} — {escape(labels.net)}: '
            f"{escape(_amount(m.net, currency))}</title></rect>"
            f'<circle cx="{centre:.1f}" cy="{y(float(m.uncovered)):.1f}" r="4" fill="#fff" '
            f'stroke="{UNCOVERED}" stroke-width="2"><title>{escape(m.month)} — '
            f"{escape(labels.uncovered)}: {escape(_amount(m.uncovered, currency))}</title></circle>"
        )
    if len(months) > 1:
        parts.append(
            f'<polyline points="{" ".join(net_points)}" fill="none" stroke="{NET}" '
            f'stroke-width="2"/>'
            f'<polyline points="{" ".join(open_points)}" fill="none" stroke="{UNCOVERED}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
    # legend
    legend = (
        ("rect", RECEIPTS, labels.receipts),
        ("rect", PAYMENTS, labels.payments),
        ("hatch", HEDGES, labels.hedges),
        ("line", NET, labels.net),
        ("dash", UNCOVERED, labels.uncovered),
    )
    x = LEFT
    for shape, colour, text in legend:
        if shape == "rect":
            parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{colour}"/>')
        elif shape == "hatch":
            parts.append(
                f'<rect x="{x}" y="8" width="12" height="12" fill="url(#fx-hatch-{escape(currency)})" '
                f'stroke="{colour}"/>'
            )
        else:
            dash = ' stroke-dasharray="4 3"' if shape == "dash" else ""
            parts.append(
                f'<line x1="{x}" y1="14" x2="{x + 14}" y2="14" stroke="{colour}" '
                f'stroke-width="2"{dash}/>'
            )
        parts.append(f'<text x="{x + 18}" y="18" font-size="11" fill="#222">{escape(text)}</text>')
        x += 30 + int(len(text) * 6.8)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # built here, every text escaped
