"""The freight documents: a request for quotation to a carrier or forwarder, and the booking
sent to the one chosen. The freight area gathers the facts into a :class:`FreightDocument`
(plain values); this module renders it, in the document's language, with WeasyPrint."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation

from .pdf import render_pdf

TEMPLATES = {
    "request": "freight/pdf/request.html",
    "booking": "freight/pdf/booking.html",
}
#: A document prints at most this many goods lines (the rest are summed in the totals).
MAX_PRINTED_LINES = 200


@dataclass(frozen=True)
class FreightDocument:
    kind: str  # "request" or "booking"
    language: str
    number: str
    issued_on: dt.date
    seller: dict[str, Any]
    provider: dict[str, Any]
    shipment: dict[str, Any]
    facts: dict[str, Any] = field(default_factory=dict)
    sender: dict[str, str] = field(default_factory=dict)


def render(document: FreightDocument) -> bytes:
    """The PDF of the document, in its language."""
    shipment = dict(document.shipment)
    lines = list(shipment.get("lines", []))
    shipment["lines"] = lines[:MAX_PRINTED_LINES]
    shipment["lines_left_out"] = max(0, len(lines) - MAX_PRINTED_LINES)
    context = {
        "doc": document,
        "seller": document.seller,
        "client": document.provider,
        "shipment": shipment,
        "facts": document.facts,
        "sender": document.sender,
        "language": document.language,
    }
    with translation.override(document.language):
        return render_pdf(TEMPLATES[document.kind], context)
