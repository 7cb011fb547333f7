"""PDF documents from Django templates, with WeasyPrint (HTML + CSS, no browser).

Documents are self-contained: the stylesheet is included in the template and pictures
are inline SVG or ``data:`` URLs, so rendering never touches the network or the disk
(WeasyPrint's fetcher is limited to ``data:``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_pdf(
    template: str,
    context: dict[str, Any],
    request: HttpRequest | None = None,
    variant: str | None = None,
) -> bytes:
    """Render ``template`` with ``context`` to PDF bytes; ``variant="pdf/a-3b"`` for
    documents kept as archives (invoices: PDF/A-3 is also what Factur-X embeds in)."""
    import weasyprint  # imported late: loading Pango takes a moment

    html = render_to_string(template, context, request=request)
    fetcher = weasyprint.URLFetcher(allowed_protocols=["data"])
    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    return bytes(document.write_pdf(pdf_variant=variant) if variant else document.write_pdf())


def pdf_response(pdf: bytes, filename: str, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def warm_up() -> bytes:
    """Render a tiny document in the fonts and PDF variant the documents use, so that the
    first real document of a process does not pay for loading Pango and the fonts."""
    import weasyprint

    html = (
        "<style>body{font-family:'DejaVu Sans',sans-serif}</style>"
        "<p>Comptoir <b>gras</b> <i>italique</i> 0123456789 €</p>"
    )
    fetcher = weasyprint.URLFetcher(allowed_protocols=["data"])
    return bytes(
        weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/a-3b")
    )
