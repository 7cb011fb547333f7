"""The monthly report as a PDF: a cover (the company, the month, the periods compared), the
commentary, then each chosen dashboard with its key figures, its charts (SVG) beside the
tables of exact figures, and its notes; pages numbered.

The reporting area builds the dashboards and makes them ready to show (texts translated,
numbers written in the report's language, charts drawn); this module is given those plain
values and renders them, in the report's language (dates of the cover and the page footer
follow it too). It imports no area."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from .pdf import render_pdf

TEMPLATE = "reporting/pdf/monthly.html"


@dataclass(frozen=True)
class MonthlyReportDocument:
    company: str
    month: dt.date  # its first day
    language: str  # "fr" or "en"
    period: str  # "01/11/2026 to 30/11/2026", already in the report's language
    compared: str  # the same month a year earlier ("" when not compared)
    year_to_date: str  # the year to date ("" when the report has none)
    commentary: str
    #: the dashboards ready to show (``reporting.render.DashboardView``: titles, notes,
    #: sections with figures, charts as SVG beside their tables), the month's then, when
    #: asked, the year to date's: pairs (heading, dashboard view)
    dashboards: Sequence[tuple[str, Any]]
    draft: bool = False  # a preview: marked as such on every page
    prepared_on: dt.date | None = None


def render(document: MonthlyReportDocument) -> bytes:
    with translation.override(document.language):
        return render_pdf(TEMPLATE, {"doc": document})
