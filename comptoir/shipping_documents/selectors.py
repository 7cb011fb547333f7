"""Reads of the document set for the shipment page, the API and, later, the L/C checker.

:func:`presentation` gathers in one value what a documentary-credit check needs: the
documents as issued or received with their key figures, the documents required, and the
consistency result.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from comptoir.shipping.models import Shipment
from comptoir.trade import export_documents as rules

from . import dataset as ds
from .models import DocumentSet, Kind, ShippingDocument

#: Weights must be the same on every document: no tolerance (a bank's checker accepts none
#: between documents, UCP 600 art. 14 (d)).
WEIGHT_TOLERANCE_PCT = Decimal(0)


def documents(shipment: Shipment) -> QuerySet[ShippingDocument]:
    """Every document of the shipment, newest version first within a kind."""
    return ShippingDocument.objects.filter(shipment=shipment).select_related("created_by")


def current_documents(shipment: Shipment) -> list[ShippingDocument]:
    """The latest version of each document (replaced versions left out)."""
    return [
        d for d in documents(shipment).defer("pdf") if d.status != ShippingDocument.Status.REPLACED
    ]


def document_with_pdf(pk: int) -> ShippingDocument:
    return ShippingDocument.objects.select_related("shipment").get(pk=pk)


def document_set(shipment: Shipment) -> DocumentSet | None:
    return DocumentSet.objects.filter(shipment=shipment).first()


def checklist_facts(data: ds.ShipmentDataset) -> rules.ChecklistFacts:
    return rules.ChecklistFacts(
        incoterm=data.incoterm,
        mode=data.mode_group,
        origin_country=data.origin_country,
        destination_country=data.destination_country,
        payment_instrument=data.payment_instrument,
        dangerous_goods=bool(data.dangerous_lines),
        eu_origin=data.eu_origin,
    )


@dataclass(frozen=True)
class ChecklistItem:
    kind: str
    label: str
    ours: bool
    required: rules.RequiredDocument | None
    document: ShippingDocument | None
    status: str
    status_label: str
    invoices: tuple[ds.InvoiceRef, ...] = ()

    @property
    def done(self) -> bool:
        return self.status != "to_do"


def label_of(document: ShippingDocument) -> str:
    return f"{Kind(document.kind).label} {document.number}"


def _status(document: ShippingDocument | None) -> tuple[str, str]:
    if document is None:
        return "to_do", _("To do")
    return document.status, str(ShippingDocument.Status(document.status).label)


def checklist(shipment: Shipment, data: ds.ShipmentDataset | None = None) -> list[ChecklistItem]:
    """The required documents with their status, then any other document of the set."""
    data = data or ds.build(shipment)
    required = rules.required_documents(checklist_facts(data))
    current = {d.kind: d for d in current_documents(shipment)}
    items: list[ChecklistItem] = []
    for req in required:
        document = current.get(req.kind)
        status = _status(document)
        invoices: tuple[ds.InvoiceRef, ...] = ()
        if req.kind == Kind.COMMERCIAL_INVOICE:
            invoices = data.invoices
            if document is None and invoices:
                status = ("issued", _("Issued"))
        items.append(
            ChecklistItem(
                kind=req.kind,
                label=str(Kind(req.kind).label),
                ours=rules.DOCUMENT_KINDS[req.kind],
                required=req,
                document=document,
                status=status[0],
                status_label=status[1],
                invoices=invoices,
            )
        )
    listed = {r.kind for r in required}
    for kind, document in current.items():
        if kind not in listed:
            status = _status(document)
            items.append(
                ChecklistItem(
                    kind=kind,
                    label=str(Kind(kind).label),
                    ours=rules.DOCUMENT_KINDS[kind],
                    required=None,
                    document=document,
                    status=status[0],
                    status_label=status[1],
                )
            )
    return items


def missing(items: list[ChecklistItem]) -> list[ChecklistItem]:
    """Required documents not issued nor received (the preference, only possible, aside)."""
    return [
        i
        for i in items
        if i.required is not None and not i.required.to_confirm and i.status == "to_do"
    ]


def figures_in_set(
    shipment: Shipment, data: ds.ShipmentDataset | None = None
) -> list[rules.DocumentFigures]:
    """The shipment's current figures, the invoice(s), and every current document's snapshot."""
    data = data or ds.build(shipment)
    out = [ds.shipment_figures(data, _("Shipment %(number)s") % {"number": data.shipment_number})]
    current = current_documents(shipment)
    if not any(d.kind == Kind.COMMERCIAL_INVOICE for d in current):
        numbers = ", ".join(i.number for i in data.invoices)
        invoice = ds.invoice_figures(
            ds.issued_invoices(shipment),
            _("Commercial invoice %(number)s") % {"number": numbers},
            consignee_is_buyer=(shipment.consignee_id in (None, shipment.partner_id)),
        )
        if invoice is not None:
            out.append(invoice)
    out.extend(ds.figures_of(label_of(d), d.kind, d.figures) for d in current)
    return out


def consistency(
    shipment: Shipment, data: ds.ShipmentDataset | None = None
) -> rules.ConsistencyResult:
    return rules.check_consistency(
        figures_in_set(shipment, data), tolerance_pct=WEIGHT_TOLERANCE_PCT
    )


@dataclass(frozen=True)
class Presentation:
    """What the documentary-credit checker reads: the dataset, the documents and their
    figures, the documents required, and whether they agree."""

    data: ds.ShipmentDataset
    documents: tuple[ShippingDocument, ...]
    figures: tuple[rules.DocumentFigures, ...]
    checklist: tuple[ChecklistItem, ...]
    consistency: rules.ConsistencyResult


def presentation(shipment: Shipment) -> Presentation:
    data = ds.build(shipment)
    figures = figures_in_set(shipment, data)
    return Presentation(
        data=data,
        documents=tuple(current_documents(shipment)),
        figures=tuple(figures),
        checklist=tuple(checklist(shipment, data)),
        consistency=rules.check_consistency(figures, tolerance_pct=WEIGHT_TOLERANCE_PCT),
    )
