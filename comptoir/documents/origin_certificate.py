"""The data sheet of a movement certificate EUR.1 or EUR-MED, box by box, as PDF: what the
assistant types on the official form (or in the customs' online service) before customs
endorse it. The origin area builds the boxes as plain values; this module lays them out."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from .pdf import render_pdf

TEMPLATE = "origin/pdf/certificate.html"


def render_certificate(data: dict[str, Any], language: str) -> bytes:
    """The sheet as PDF bytes, its labels in ``language`` (WeasyPrint, network-free)."""
    with translation.override(language):
        return render_pdf(TEMPLATE, {"c": data, "language": language})
