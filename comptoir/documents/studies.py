"""Market studies documents: the synthesis note of a thematic file (PDF and DOCX), the market
selection (PDF with its chart) and SWOT/PESTEL notes (PDF).

The studies area gathers the facts into plain dataclasses; this module renders them in the
document's language (the note's own language: FR or EN). DOCX files are written with
python-docx: headings, paragraphs, the numbered sources at the end, nothing live.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .pdf import render_pdf

NOTE_TEMPLATE = "studies/pdf/note.html"
SELECTION_TEMPLATE = "studies/pdf/selection.html"
STRATEGY_TEMPLATE = "studies/pdf/strategy.html"


@dataclass(frozen=True)
class SourceRef:
    number: int
    title: str
    source: str
    reliability: str
    link: str
    published: dt.date | None
    comment: str = ""


@dataclass(frozen=True)
class NoteDocument:
    language: str
    title: str
    file_title: str
    company: str
    author: str
    version: int
    written_on: dt.date
    sections: list[dict[str, str]]
    conclusion: str
    sources: list[SourceRef]
    key_terms: list[str] = field(default_factory=list)


def note_pdf(document: NoteDocument) -> bytes:
    with translation.override(document.language):
        return render_pdf(NOTE_TEMPLATE, {"doc": document, "language": document.language})


def _docx_paragraphs(doc: Any, text: str) -> None:
    for block in text.split("\n\n"):
        if block.strip():
            doc.add_paragraph(block.strip())


def note_docx(document: NoteDocument) -> bytes:
    """The synthesis note as a Word document (python-docx), in the note's language."""
    import docx
    from docx.shared import Pt

    with translation.override(document.language):
        doc = docx.Document()
        style = doc.styles["Normal"]
        style.font.name = "Calibri"
        style.font.size = Pt(10.5)
        doc.core_properties.title = document.title
        doc.core_properties.author = document.author or document.company
        doc.core_properties.language = document.language
        doc.add_heading(document.title, level=0)
        doc.add_paragraph(
            _("Synthesis note · file: %(file)s · version %(version)d · %(date)s · %(author)s")
            % {
                "file": document.file_title,
                "version": document.version,
                "date": document.written_on.isoformat(),
                "author": document.author or document.company,
            }
        )
        if document.key_terms:
            doc.add_paragraph(_("Key terms: %(terms)s") % {"terms": ", ".join(document.key_terms)})
        for section in document.sections:
            if section.get("heading"):
                doc.add_heading(section["heading"], level=1)
            _docx_paragraphs(doc, section.get("body", ""))
        if document.conclusion:
            doc.add_heading(_("Conclusion"), level=1)
            _docx_paragraphs(doc, document.conclusion)
        if document.sources:
            doc.add_heading(_("Sources"), level=1)
            for ref in document.sources:
                line = f"[{ref.number}] {ref.title} — {ref.source}"
                if ref.published:
                    line += f", {ref.published.isoformat()}"
                line += " · " + _("reliability %(r)s") % {"r": ref.reliability}
                if ref.link:
                    line += f" · {ref.link}"
                doc.add_paragraph(line)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


# ----------------------------------------------------------------------------- market selection


WIDTH = 640
BAR = 22
GAP = 10
LEFT = 150
RIGHT = 60
TOP = 16
COLOURS = ("#0b4f6c", "#2f8fb8", "#3c8d40", "#c0642b", "#a33c3c", "#7a4fa0", "#b59a1c")


@dataclass(frozen=True)
class ChartBar:
    label: str  # the country, with its rank
    total: Decimal  # weighted score 0-5
    parts: tuple[Decimal, ...]  # points per criterion, in the order of ``criteria``


def selection_chart(
    bars: Sequence[ChartBar], criteria: Sequence[str], title: str, scale_max: int = 5
) -> SafeString:
    """Weighted score per country as horizontal bars stacked by criterion (SVG, no script);
    a legend names the criteria, each segment has its tooltip. Labels come translated."""
    legend_rows = (len(criteria) + 2) // 3
    height = TOP + len(bars) * (BAR + GAP) + 28 + legend_rows * 18
    plot = WIDTH - LEFT - RIGHT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="selection-chart" viewBox="0 0 {WIDTH} '
        f'{height}" width="100%" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in range(scale_max + 1):
        x = LEFT + plot * tick / scale_max
        bottom = TOP + len(bars) * (BAR + GAP)
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{"#333" if tick == 0 else "#dddddd"}" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{bottom + 12:.1f}" text-anchor="middle" font-size="10" '
            f'fill="#333">{tick}</text>'
        )
    for row, bar in enumerate(bars):
        y = TOP + row * (BAR + GAP)
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + BAR / 2 + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#111">{escape(bar.label)}</text>'
        )
        x = float(LEFT)
        for index, points in enumerate(bar.parts):
            width = float(points) / scale_max * plot
            if width <= 0:
                continue
            colour = COLOURS[index % len(COLOURS)]
            tip = f"{bar.label} — {criteria[index]}: {points:.2f}"
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" fill="{colour}" '
                f'stroke="#fff" stroke-width="0.6"><title>{escape(tip)}</title></rect>'
            )
            x += width
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + BAR / 2 + 4:.1f}" font-size="11" font-weight="bold" '
            f'fill="#111">{bar.total:.2f}</text>'
        )
    legend_y = TOP + len(bars) * (BAR + GAP) + 28
    for index, name in enumerate(criteria):
        lx = 40 + (index % 3) * 200
        ly = legend_y + (index // 3) * 18
        parts.append(
            f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" '
            f'fill="{COLOURS[index % len(COLOURS)]}"/>'
            f'<text x="{lx + 14}" y="{ly}" font-size="10" fill="#333">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # every text is escaped above


@dataclass(frozen=True)
class SelectionDocument:
    language: str
    title: str
    scope: str
    company: str
    printed_on: dt.date
    criteria: list[dict[str, Any]]  # name, label, weight
    rows: list[dict[str, Any]]  # rank, country, grades [..], score, chosen
    chart: str
    status: str
    decision: dict[str, Any] = field(default_factory=dict)
    missing: int = 0


def selection_pdf(document: SelectionDocument) -> bytes:
    with translation.override(document.language):
        return render_pdf(
            SELECTION_TEMPLATE,
            {"doc": document, "chart": mark_safe(document.chart)},  # noqa: S308
        )


# ----------------------------------------------------------------------------- SWOT / PESTEL


@dataclass(frozen=True)
class StrategyDocument:
    language: str
    kind: str  # swot / pestel
    kind_label: str
    title: str
    subject: str
    company: str
    author: str
    written_on: dt.date
    parts: list[dict[str, Any]]  # key, label, points
    conclusion: str
    files: list[str] = field(default_factory=list)


def strategy_pdf(document: StrategyDocument) -> bytes:
    with translation.override(document.language):
        return render_pdf(STRATEGY_TEMPLATE, {"doc": document})
