"""The purchase order sent to a supplier, as PDF. The purchasing area builds a
:class:`PurchaseOrderDocument` of plain values in the supplier's language (French or
English); this module only lays it out: our letterhead, the supplier, the order's number,
revision and dates, the lines with the supplier's references, the delivery address, the
Incoterm® 2020 with its place, the payment terms and the conditions."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .pdf import render_pdf

TEMPLATE = "purchasing/pdf/purchase_order.html"


@dataclass(frozen=True, slots=True)
class PurchaseOrderRow:
    position: str
    our_reference: str
    supplier_reference: str
    description: str
    quantity: str
    unit: str
    unit_price: str
    amount: str
    date: str


@dataclass(frozen=True, slots=True)
class PurchaseOrderDocument:
    language: str
    title: str
    subtitle: str
    buyer: tuple[str, ...]
    supplier_title: str
    supplier: tuple[str, ...]
    deliver_title: str
    deliver_to: tuple[str, ...]
    facts: tuple[tuple[str, str], ...]
    headers: tuple[str, ...]
    rows: tuple[PurchaseOrderRow, ...]
    total_label: str
    total: str
    terms_title: str
    terms: tuple[tuple[str, str], ...]
    conditions: str
    footer: str


def render_purchase_order(document: PurchaseOrderDocument) -> bytes:
    """The order as PDF bytes (WeasyPrint, network-free)."""
    return render_pdf(TEMPLATE, {"po": asdict(document)})
