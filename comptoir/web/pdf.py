"""PDF documents from Django templates, with WeasyPrint (HTML + CSS, no browser).

Documents are self-contained: the stylesheet is included in the template and pictures
are inline SVG or ``data:`` URLs, so rendering never touches the network or the disk
(WeasyPrint's fetcher is limited to ``data:``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    """Render ``template`` with ``context`` to PDF bytes."""
    import weasyprint  # imported late: loading Pango takes a moment

    html = render_to_string(template, context, request=request)
    fetcher = weasyprint.URLFetcher(allowed_protocols=["data"])
    return bytes(weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf())


def pdf_response(pdf: bytes, filename: str, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
