"""Progress against a yearly target as an SVG chart drawn on the server (no script): the
monthly figures as bars, their running total as a solid line, the target spread over the
year as a dashed line. Readable in print and without colour: bars, a solid line with round
markers and a dashed line with square ones.

Plain data in (:class:`ProgressSeries`), a string of SVG out; the labels come translated
from the caller. Used on the screens and in the action plan PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 620
HEIGHT = 240
LEFT = 70
RIGHT = 16
TOP = 34
BOTTOM = 30
BAR = "#9cc3de"
ACTUAL = "#1f5f8b"
TARGET = "#c0642b"


@dataclass(frozen=True)
class ProgressSeries:
    months: tuple[str, ...]  # 12 short month names, in the reader's language
    monthly: tuple[Decimal, ...]  # the month's figure (may be negative: credit notes)
    cumulative: tuple[Decimal, ...]  # running total up to each month shown
    target: tuple[Decimal, ...]  # the target cumulated by month (12 values, or none)
    shown_months: int  # months with figures (the rest of the year is to come)
    legend_monthly: str
    legend_actual: str
    legend_target: str


def _amount(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f} M".replace(".", ",")
    if abs(value) >= 1_000:
        return f"{value / 1_000:.0f} k"
    return f"{value:.0f}"


def progress_chart(series: ProgressSeries, title: str, empty: str) -> SafeString:
    """The year's chart; ``empty`` is said instead when there is neither figure nor target."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="progress-chart" viewBox="0 0 {WIDTH} '
        f'{HEIGHT}" width="100%" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    shown = max(0, min(series.shown_months, len(series.months), len(series.monthly)))
    monthly = [float(v) for v in series.monthly[:shown]]
    cumulative = [float(v) for v in series.cumulative[:shown]]
    target = [float(v) for v in series.target]
    values = monthly + cumulative + target
    if not any(values):
        parts.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" font-size="13" '
            f'fill="#444">{escape(empty)}</text></svg>'
        )
        return mark_safe("".join(parts))  # noqa: S308  # every text is escaped above
    high = max(values + [0.0]) * 1.08 or 1.0
    low = min(values + [0.0])
    low = low * 1.08 if low < 0 else 0.0
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    count = len(series.months) or 12
    step = plot_w / count

    def x(index: int) -> float:
        return LEFT + step * index + step / 2

    def y(value: float) -> float:
        return TOP + (high - value) / (high - low) * plot_h

    for i in range(5):
        value = low + (high - low) * i / 4
        yy = y(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{yy:.1f}" x2="{WIDTH - RIGHT}" y2="{yy:.1f}" '
            f'stroke="#dddddd" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#333">{escape(_amount(value))}</text>'
        )
    zero = y(0.0)
    parts.append(
        f'<line x1="{LEFT}" y1="{zero:.1f}" x2="{WIDTH - RIGHT}" y2="{zero:.1f}" '
        f'stroke="#333" stroke-width="1"/>'
    )
    for index, label in enumerate(series.months):
        parts.append(
            f'<text x="{x(index):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="10" fill="#333">{escape(label)}</text>'
        )
    for index, value in enumerate(monthly):
        top, bottom = sorted((y(value), zero))
        parts.append(
            f'<rect x="{x(index) - step * 0.3:.1f}" y="{top:.1f}" width="{step * 0.6:.1f}" '
            f'height="{max(bottom - top, 0.5):.1f}" fill="{BAR}">'
            f"<title>{escape(series.months[index])}: {escape(_amount(value))}</title></rect>"
        )
    if target:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(target))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{TARGET}" stroke-width="2" '
            f'stroke-dasharray="6 4"/>'
        )
        for i, v in enumerate(target):
            parts.append(
                f'<rect x="{x(i) - 3:.1f}" y="{y(v) - 3:.1f}" width="6" height="6" '
                f'fill="{TARGET}"><title>{escape(series.legend_target)}: '
                f"{escape(_amount(v))}</title></rect>"
            )
    if cumulative:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(cumulative))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{ACTUAL}" stroke-width="2.5"/>'
        )
        for i, v in enumerate(cumulative):
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{ACTUAL}">'
                f"<title>{escape(series.legend_actual)}: {escape(_amount(v))}</title></circle>"
            )
    legend = [
        (f'<rect x="{{x}}" y="9" width="12" height="10" fill="{BAR}"/>', series.legend_monthly),
        (f'<circle cx="{{cx}}" cy="14" r="4" fill="{ACTUAL}"/>', series.legend_actual),
        (
            f'<line x1="{{x}}" y1="14" x2="{{x2}}" y2="14" stroke="{TARGET}" stroke-width="2" '
            f'stroke-dasharray="6 4"/>',
            series.legend_target,
        ),
    ]
    legend_x = LEFT
    for shape, label in legend:
        parts.append(shape.format(x=legend_x, cx=legend_x + 6, x2=legend_x + 14))
        parts.append(
            f'<text x="{legend_x + 18}" y="18" font-size="11" fill="#222">{escape(label)}</text>'
        )
        legend_x += 30 + int(len(label) * 6.2)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # built here, every text is escaped


def series_of(
    *,
    months: Sequence[str],
    monthly: Sequence[Decimal],
    cumulative: Sequence[Decimal],
    target: Sequence[Decimal],
    shown_months: int,
    legends: tuple[str, str, str],
) -> ProgressSeries:
    return ProgressSeries(
        tuple(months),
        tuple(monthly),
        tuple(cumulative),
        tuple(target),
        shown_months,
        *legends,
    )
