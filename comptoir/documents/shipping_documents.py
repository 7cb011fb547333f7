"""The export document set printed: one template per document, one dataset for all.

The shipping documents area builds the dataset of a shipment (plain frozen values) and the
document's own facts (number, date, version); this module only renders them, in the
partner's language, and knows no business model.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation

from .pdf import render_pdf

#: The template of each document we print (the commercial invoice is the sales invoice's
#: own PDF; the documents others issue are received, not printed).
TEMPLATES: dict[str, str] = {
    "packing_list": "shipping_documents/pdf/packing_list.html",
    "shipping_instructions": "shipping_documents/pdf/shipping_instructions.html",
    "cmr": "shipping_documents/pdf/cmr.html",
    "bl_instructions": "shipping_documents/pdf/bl_instructions.html",
    "awb_instructions": "shipping_documents/pdf/awb_instructions.html",
    "origin_request": "shipping_documents/pdf/origin_request.html",
    "eur1": "shipping_documents/pdf/eur1.html",
    "insurance_request": "shipping_documents/pdf/insurance_request.html",
    "dangerous_goods": "shipping_documents/pdf/dangerous_goods.html",
}


def printable(kind: str) -> bool:
    return kind in TEMPLATES


def document_pdf(kind: str, context: dict[str, Any], language: str) -> bytes:
    """One document of the set as PDF, in ``language`` (the partner's)."""
    with translation.override(language):
        return render_pdf(TEMPLATES[kind], context)
