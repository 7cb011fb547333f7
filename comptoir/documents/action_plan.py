"""The commercial action plan as a PDF, in French or English: the strategy, the objectives
with their progress, the actions by date with channel, owner, budget and status, the budget
per channel and the progress chart. The action plan area gathers the facts into a
:class:`PlanDocument` (plain values, texts already translated); this module renders it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .pdf import render_pdf

TEMPLATE = "action_plan/pdf/plan.html"


@dataclass(frozen=True)
class PlanDocument:
    year: int
    title: str
    strategy: str
    until: dt.date
    company: str
    objectives: list[dict[str, Any]]
    actions: list[dict[str, Any]]
    channels: list[dict[str, Any]]
    totals: dict[str, Any]
    chart: str  # inline SVG
    #: the chart's figures per month (month, monthly, cumulative, target), shown beside it
    months: list[dict[str, Any]] = field(default_factory=list)
    contracts: list[dict[str, Any]] = field(default_factory=list)


def render(document: PlanDocument) -> bytes:
    return render_pdf(TEMPLATE, {"doc": document})
