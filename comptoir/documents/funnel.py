"""A funnel chart as SVG, drawn on the server (no script, no library): one centred bar per
stage, its width in proportion to the first stage, the count and the rate from the stage
before written on it. Readable in print and without colour (the figures are written).

Plain data in (:class:`FunnelStage`, labels already translated by the caller), a string of
SVG out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 520
BAR_HEIGHT = 30
GAP = 8
LABEL_WIDTH = 150
MIN_BAR = 4
COLOURS = ("#2f6f9f", "#3c7fb0", "#4f8fbe", "#6aa3cc", "#86b6d8", "#a3c9e4", "#bfd9ee")


@dataclass(frozen=True)
class FunnelStage:
    label: str
    count: int
    #: e.g. "42.0 %" of the stage before ("" for the first)
    rate: str = ""


def funnel_svg(stages: Sequence[FunnelStage], title: str) -> SafeString:
    """The chart; an empty chart (one line of text) when there is no stage."""
    height = max(1, len(stages)) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'class="funnel-chart"><title>{escape(title)}</title>'
    ]
    first = stages[0].count if stages else 0
    room = WIDTH - LABEL_WIDTH - 10
    for index, stage in enumerate(stages):
        y = GAP + index * (BAR_HEIGHT + GAP)
        share = stage.count / first if first else 0
        width = max(MIN_BAR, round(room * min(1.0, share)))
        x = LABEL_WIDTH + (room - width) / 2
        colour = COLOURS[min(index, len(COLOURS) - 1)]
        text = f"{stage.count}" + (f" ({stage.rate})" if stage.rate else "")
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT / 2 + 4:.0f}" '
            f'text-anchor="end" font-size="12" fill="#222">{escape(stage.label)}</text>'
            f'<rect x="{x:.1f}" y="{y}" width="{width}" height="{BAR_HEIGHT}" rx="3" '
            f'fill="{colour}"><title>{escape(stage.label)}: {escape(text)}</title></rect>'
            f'<text x="{LABEL_WIDTH + room / 2:.0f}" y="{y + BAR_HEIGHT / 2 + 4:.0f}" '
            f'text-anchor="middle" font-size="12" fill="{"#fff" if share > 0.25 else "#222"}">'
            f"{escape(text)}</text>"
        )
    if not stages:
        parts.append(f'<text x="10" y="24" font-size="12">{escape(title)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
