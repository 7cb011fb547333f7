"""The yearly supplier review, printable: the grid (criteria, weights, proposed and final
grades), the figures, the score and the decision. The suppliers area gathers the facts into
a :class:`ReviewDocument` (plain values); this module renders it with WeasyPrint in the
active language (an internal document: the reader's)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .pdf import render_pdf

TEMPLATE = "suppliers/pdf/review.html"


@dataclass(frozen=True)
class ReviewDocument:
    supplier: str
    country: str
    year: int
    rows: list[dict[str, Any]]
    figures: dict[str, Any]
    score: str
    decision: str
    comments: str
    reviewer: str
    decided_on: dt.date | None
    steps: list[str] = field(default_factory=list)


def render(document: ReviewDocument) -> bytes:
    return render_pdf(TEMPLATE, {"doc": document})
