"""The request for offers of a call for tender, as each invited supplier receives it. The
tenders area gathers the facts into a :class:`TenderDocument` (plain values); this module
renders it, in the supplier's language, with WeasyPrint."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation

from .pdf import render_pdf

TEMPLATE = "tenders/pdf/request.html"


@dataclass(frozen=True)
class TenderDocument:
    language: str
    number: str
    issued_on: dt.date
    seller: dict[str, Any]
    supplier: dict[str, Any]
    lines: list[dict[str, Any]]
    facts: dict[str, Any] = field(default_factory=dict)
    sender: dict[str, str] = field(default_factory=dict)


def render(document: TenderDocument) -> bytes:
    """The PDF of the request for offers, in its language."""
    context = {
        "doc": document,
        "seller": document.seller,
        "client": document.supplier,
        "lines": document.lines,
        "facts": document.facts,
        "sender": document.sender,
        "language": document.language,
    }
    with translation.override(document.language):
        return render_pdf(TEMPLATE, context)
