"""An invoice or credit note rendered once: its PDF/A-3, with its Factur-X XML embedded.

The area gives the template's context and the e-invoice model the trade core computed
(``trade.invoice_document``); this module knows no business model.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation

from comptoir.trade import einvoice

from .pdf import render_pdf


def invoice_pdf(template: str, context: dict[str, Any], language: str) -> bytes:
    """The printed document, archived for ten years: PDF/A-3b, the Factur-X container."""
    with translation.override(language):
        return render_pdf(template, context, variant="pdf/a-3b")


def with_facturx(model: einvoice.EInvoice, pdf: bytes) -> bytes:
    """The PDF with the model's Factur-X XML, checked against the XSD and, where SaxonC runs
    (the test suite), the EN 16931 and French CTC schematrons (``TradeInputError``)."""
    xml = einvoice.facturx_xml(model)  # checked by embed_in_pdf
    return einvoice.embed_in_pdf(pdf, xml)
