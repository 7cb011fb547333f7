"""The communication materials as documents: the product sheet, the catalogue, the price list
(PDF and spreadsheet), the promotional flyer and the newsletter e-mail (HTML with its text
alternative). The marketing area gathers plain data (the charter's colours, fonts and logo as a
``data:`` URL, the products, prices and terms, see ``marketing.selectors.material_document``);
this module renders it in the document's language, never fetching anything (WeasyPrint only
reads ``data:`` URLs; the e-mail has inline styles and inline pictures)."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from .pdf import render_pdf
from .tabular import write_xlsx

TEMPLATES = {
    "sheet": "marketing/pdf/product_sheet.html",
    "catalogue": "marketing/pdf/catalogue.html",
    "price_list": "marketing/pdf/price_list.html",
    "promotion": "marketing/pdf/flyer.html",
}
NEWSLETTER_HTML = "marketing/email/newsletter.html"
NEWSLETTER_TEXT = "marketing/email/newsletter.txt"


def product_sheet(*, product: dict[str, Any], charter: dict[str, Any], language: str) -> bytes:
    """One product on one or two A4 pages."""
    context = {"product": product, "charter": charter, "language": language}
    with translation.override(language):
        return render_pdf(TEMPLATES["sheet"], context)


def material_pdf(document: dict[str, Any]) -> bytes:
    """A catalogue, price list or promotional flyer (``document["kind"]``)."""
    kind = document["kind"]
    if kind not in TEMPLATES:
        raise ValueError(f"no PDF for a {kind}")
    context = {"doc": document, "charter": document["charter"], "language": document["language"]}
    with translation.override(document["language"]):
        return render_pdf(TEMPLATES[kind], context)


def price_list_xlsx(header: list[str], rows: list[list[object]], title: str) -> bytes:
    """The price list as a spreadsheet: texts never become formulas (tabular.write_xlsx)."""
    return write_xlsx(header, rows, title)


_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def newsletter(document: dict[str, Any]) -> tuple[str, str]:
    """The newsletter e-mail: HTML with inline styles (e-mail programs drop style sheets)
    and the text alternative."""
    context = {"doc": document, "charter": document["charter"], "language": document["language"]}
    with translation.override(document["language"]):
        html = render_to_string(NEWSLETTER_HTML, context)
        text = unescape(render_to_string(NEWSLETTER_TEXT, context))
    text = _BLANK_LINES.sub(
        "\n\n", "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines())
    )
    return html, text.strip() + "\n"
