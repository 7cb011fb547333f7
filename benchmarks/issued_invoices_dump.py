"""Dump what the demo's issued invoices, credit notes, offers and orders are made of, to
compare two versions.

Not a speed benchmark: a before/after check for refactorings of issuing (issue 11, "fewer
trips between the layers"). It loads the demo into a fresh SQLite database and writes, per
issued document, its Factur-X XML (as embedded in the PDF), its PDF's text and its stored
figures and snapshots, and the text of the first offers' and orders' PDFs, as JSON. Run it
on both versions the same day and compare the files::

    .venv/bin/python benchmarks/issued_invoices_dump.py /tmp/before.json   # old code
    .venv/bin/python benchmarks/issued_invoices_dump.py /tmp/after.json    # new code
    cmp /tmp/before.json /tmp/after.json
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

#: How many offers and orders to print (each one is a PDF to render).
COMMERCIAL = 15

FIELDS = (
    "kind", "number", "currency", "language", "vat_case", "vat_rate", "vat_mention",
    "net_total", "vat_total", "gross_total", "vat_total_eur", "eur_rate", "balance_due",
    "issue_date", "due_date", "tax", "ship_to", "seller", "buyer", "facturx",
    "term_basis", "term_reason", "review_note",
)  # fmt: skip


def main(out: Path) -> None:
    var = Path(tempfile.mkdtemp(prefix="comptoir-dump-"))
    os.environ["COMPTOIR_VAR_DIR"] = str(var)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    from comptoir.demo import build_demo
    from comptoir.sales.models import Invoice, Offer, Order
    from comptoir.trade import einvoice

    call_command("migrate", interactive=False, verbosity=0)
    build_demo(load_hs=False)
    rows = []
    for invoice in Invoice.objects.filter(status=Invoice.Status.ISSUED).order_by("kind", "number"):
        row = {f: str(getattr(invoice, f)) for f in FIELDS}
        row["lines"] = [
            [str(v) for v in line]
            for line in invoice.lines.order_by("pk").values_list(
                "reference", "description", "quantity", "unit_price", "discount_pct",
                "net_amount", "net_weight_kg", "gross_weight_kg",
            )
        ]  # fmt: skip
        row["xml"] = einvoice.xml_from_pdf(bytes(invoice.pdf)).decode() if invoice.facturx else ""
        row["pdf_text"] = _pdf_text(bytes(invoice.pdf))
        rows.append(row)
    rows += _commercial(Offer.objects.order_by("pk")[:COMMERCIAL], "offer")
    rows += _commercial(Order.objects.order_by("pk")[:COMMERCIAL], "order")
    out.write_text(json.dumps(rows, indent=1, ensure_ascii=False, sort_keys=True))
    with_xml = sum(1 for r in rows if r.get("xml"))
    print(f"{len(rows)} documents ({with_xml} with Factur-X) written to {out}")


def _pdf_text(pdf: bytes) -> str:
    """The text of a PDF (its bytes carry the time it was made)."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _commercial(documents: Any, kind: str) -> list[dict[str, Any]]:
    """Offers and order confirmations as printed: their PDF's text."""
    from django.utils import translation

    from comptoir.documents.pdf import render_pdf
    from comptoir.sales import documents as sales_documents

    rows = []
    for document in documents:
        with translation.override(document.language):
            context = sales_documents.commercial_context(document, kind) | {"kind": kind}
            pdf = render_pdf("sales/pdf/commercial.html", context)
        rows.append({"kind": kind, "number": str(document.pk), "pdf_text": _pdf_text(pdf)})
    return rows


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "issued_invoices.json"))
