"""Reads of the credits area: lists, the credit's terms for the trade core, the sale it is
read against, its deadlines, and the document checker's input built from what Comptoir knows
(the order's invoice, the shipment, its packing list)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from comptoir.parties import selectors as parties_selectors
from comptoir.parties.models import Company
from comptoir.purchasing.models import PurchaseOrder
from comptoir.sales import selectors as sales_selectors
from comptoir.sales.models import Invoice, Order, PaymentInstrument, SellerProfile
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Mode, Shipment
from comptoir.shipping_documents import selectors as documents_selectors
from comptoir.trade import lc_receipt
from comptoir.trade.errors import TradeInputError

from .inputs import PRESENTABLE, PresentationFields
from .models import (
    CLOSED,
    Amendment,
    Credit,
    Presentation,
    RequiredDocument,
)

#: Deadlines shown on the home page this many days ahead (and those passed).
HOME_DAYS = 14
PAGE_SIZE = 50


def credit_list(params: Mapping[str, str]) -> QuerySet[Credit]:
    credits = Credit.objects.select_related("partner", "order")
    q = params.get("q", "").strip()[:100]
    if q:
        credits = credits.filter(
            Q(number__icontains=q)
            | Q(reference__icontains=q)
            | Q(partner__name__icontains=q)
            | Q(order__number__icontains=q)
            | Q(issuing_bank__icontains=q)
        )
    status = params.get("status", "")
    if status == "open":
        credits = credits.exclude(status__in=CLOSED)
    elif status in Credit.Status.values:
        credits = credits.filter(status=status)
    direction = params.get("direction", "")
    if direction in ("export", "import"):
        credits = credits.filter(direction=direction)
    return credits


def credit_for_page(pk: int) -> Credit:
    return Credit.objects.select_related(
        "partner", "order", "shipment", "handled_by", "order__offer"
    ).get(pk=pk)


def api_credits() -> QuerySet[Credit]:
    return Credit.objects.select_related("partner", "order").prefetch_related("documents")


def amendments(credit: Credit) -> QuerySet[Amendment]:
    return credit.amendments.all()


def presentations(credit: Credit) -> QuerySet[Presentation]:
    return credit.presentations.select_related("invoice", "notice")


def pending_amendment(credit: Credit) -> Amendment | None:
    return credit.amendments.filter(
        status__in=(Amendment.Status.REQUESTED, Amendment.Status.RECEIVED)
    ).last()


# ---------------------------------------------------------------- terms for the trade core


def credit_terms(
    credit: Credit, documents: list[RequiredDocument] | None = None
) -> lc_receipt.CreditTerms:
    """The credit as the trade core reads it (``documents``: not saved yet, when given)."""
    if documents is None:
        documents = list(credit.documents.all())
    return lc_receipt.CreditTerms(
        currency=credit.currency,
        amount=credit.amount,
        expiry_date=credit.expiry_date,
        expiry_country=credit.expiry_country or "FR",
        latest_shipment_date=credit.latest_shipment_date,
        issue_date=credit.issue_date,
        about=credit.about,
        tolerance_plus_pct=credit.tolerance_plus_pct,
        tolerance_minus_pct=credit.tolerance_minus_pct,
        presentation_days=credit.presentation_days,
        partial_shipments_allowed=credit.partial_shipments == "allowed",
        transhipment_allowed=credit.transhipment == "allowed",
        confirmed=credit.confirmed,
        availability=credit.availability,
        usance_days=credit.usance_days,
        available_with=credit.available_with,
        incoterm=credit.incoterm,
        named_place=credit.named_place,
        port_of_loading=credit.port_of_loading,
        port_of_discharge=credit.port_of_discharge,
        quantity=credit.quantity,
        unit=credit.unit,
        unit_price=credit.unit_price,
        documents=tuple(
            lc_receipt.RequiredDocument(
                type=d.type,
                originals=d.originals,
                copies=d.copies,
                issuer=d.issuer,
                legalised=d.legalised,
                freight=d.freight,
                cover_pct=d.cover_pct,
                risks=d.risks,
                details=d.details,
            )
            for d in documents
        ),
        special_conditions=credit.special_conditions,
        charges=credit.charges,
    )


def _mode_group(mode: str) -> str:
    if mode in Mode.sea():
        return "sea"
    if mode in Mode.air():
        return "air"
    if mode in Mode.road():
        return "road"
    return mode


def _shipment_of(credit: Credit) -> Shipment | None:
    if credit.shipment_id:
        return credit.shipment
    if credit.order_id is None:
        return None
    for delivery in credit.order.deliveries.all() if credit.order else ():
        shipment = shipping_selectors.shipment_of_delivery(delivery.pk)
        if shipment is not None:
            return shipment
    return None


def _dates(shipment: Shipment) -> dict[str, dt.date | None]:
    """Each milestone's date: what happened, else what is planned."""
    days: dict[str, dt.date | None] = {}
    for m in shipping_selectors.milestones_in_order(shipment):
        days[m.step] = m.actual_at.date() if m.actual_at else m.planned_on
    return days


def shipped_on(credit: Credit) -> dt.date | None:
    """The date the goods actually left (the departure milestone that happened)."""
    shipment = _shipment_of(credit)
    if shipment is None:
        return None
    for m in shipping_selectors.milestones_in_order(shipment):
        if m.step == "departure" and m.actual_at:
            return m.actual_at.date()
    return None


def sale_terms(credit: Credit) -> lc_receipt.SaleTerms | None:
    """The sale the credit pays for (the order, its offer, deliveries and shipment)."""
    order = credit.order
    if order is None:
        return None
    lines = list(order.lines.all())
    deliveries = list(order.deliveries.all())
    planned = [d.planned_date for d in deliveries]
    ready = min(planned) if planned else (order.confirmed_date or order.requested_date)
    shipment = _shipment_of(credit)
    mode = order.transport_mode
    transit: int | None = None
    loading = discharge = ""
    tranship: bool | None = None
    containerised: bool | None = None
    if shipment is not None:
        mode = _mode_group(shipment.mode)
        days = _dates(shipment)
        if days.get("departure") and days.get("arrival"):
            transit = (days["arrival"] - days["departure"]).days  # type: ignore[operator]
        if days.get("departure") and ready is None:
            ready = days["departure"]
        loading = " ".join(filter(None, (shipment.loading_locode, shipment.place_of_loading)))
        discharge = " ".join(filter(None, (shipment.discharge_locode, shipment.place_of_discharge)))
        tranship = "transhipment" in days
        containerised = shipment.containers.exists()
    sheet = parties_selectors.country_sheet(credit.partner.country)
    single = len({line.product_id for line in lines}) == 1
    return lc_receipt.SaleTerms(
        currency=order.currency,
        amount=sales_selectors.order_amount(order),
        incoterm=order.incoterm,
        named_place=order.incoterm_place,
        payment_days=order.payment_days,
        confirmed_required=order.payment_instrument == PaymentInstrument.CONFIRMED_CREDIT,
        ready_date=ready,
        deliveries=max(len(deliveries), 1),
        mode=mode,
        transit_days=transit,
        port_of_loading=loading,
        port_of_discharge=discharge,
        transhipment_planned=tranship,
        containerised=containerised,
        quantity=sum((line.quantity for line in lines), Decimal(0)) if single else None,
        unit="",
        unit_price=lines[0].unit_price if single and lines else None,
        beneficiary_country=(SellerProfile.current() or SellerProfile(country="FR")).country,
        applicant_country=credit.partner.country,
        country_risk=sheet.risk_level if sheet else "",
    )


def findings(credit: Credit, today: dt.date) -> tuple[list[lc_receipt.Finding], str]:
    """The receipt check of an export credit against its order (empty for an import credit
    or a credit without order), and the error that stopped it."""
    sale = sale_terms(credit) if credit.is_export else None
    if sale is None:
        return [], ""
    try:
        return lc_receipt.review(credit_terms(credit), sale, today=today), ""
    except TradeInputError as error:
        return [], error.message


def deadlines(credit: Credit) -> lc_receipt.Deadlines | None:
    try:
        return lc_receipt.deadlines(credit_terms(credit), shipped_on=shipped_on(credit))
    except TradeInputError:
        return None


def deadline_rows(credit: Credit, today: dt.date) -> list[dict[str, Any]]:
    """The credit's open deadlines: kind, date, days left."""
    result = deadlines(credit)
    if result is None or not credit.is_open:
        return []
    presented = credit.presentations.exclude(status="replaced").exists()
    rows: list[dict[str, Any]] = []
    if result.latest_shipment and shipped_on(credit) is None:
        rows.append({"kind": "shipment", "day": result.latest_shipment})
    if result.last_presentation and not presented:
        rows.append({"kind": "presentation", "day": result.last_presentation})
    if credit.status not in ("presented", "paid"):
        rows.append({"kind": "expiry", "day": result.expiry})
    for row in rows:
        row["days"] = (row["day"] - today).days
        row["credit"] = credit
    return rows


def deadlines_due(today: dt.date, days: int = HOME_DAYS) -> list[dict[str, Any]]:
    """Every open credit's deadline within ``days`` or passed, soonest first."""
    horizon = today + dt.timedelta(days=days + 31)
    rows: list[dict[str, Any]] = []
    credits = (
        Credit.objects.exclude(status__in=CLOSED)
        .exclude(status="draft")
        .filter(Q(expiry_date__lte=horizon) | Q(latest_shipment_date__lte=horizon))
        .select_related("partner", "order", "shipment")
        .prefetch_related("documents")[:200]
    )
    for credit in credits:
        rows += [row for row in deadline_rows(credit, today) if row["days"] <= days]
    return sorted(rows, key=lambda row: row["day"])


def of_order(order: Order) -> QuerySet[Credit]:
    return Credit.objects.filter(order=order)


def of_company(company: Company) -> QuerySet[Credit]:
    return Credit.objects.filter(partner=company).select_related("order")


def drawn(credit: Credit) -> Decimal:
    return sum(
        (p.amount for p in credit.presentations.exclude(status__in=("refused", "replaced"))),
        Decimal(0),
    )


# ---------------------------------------------------------------- the checker's input


def _invoice_of(credit: Credit) -> Invoice | None:
    if credit.order is None:
        return None
    return (
        credit.order.invoices.filter(kind="invoice", status="issued")
        .order_by("-issue_date", "-pk")
        .first()
    )


def invoices_of(credit: Credit) -> QuerySet[Invoice]:
    if credit.order is None:
        return Invoice.objects.none()
    return credit.order.invoices.filter(kind="invoice").order_by("-issue_date", "-pk")


def _str(value: object) -> str:
    return "" if value is None else str(value)


def presentation_initial(
    credit: Credit, today: dt.date, invoice: Invoice | None = None
) -> dict[str, Any]:
    """The presentation form filled from what Comptoir knows: the invoice (issuer = our
    company), the shipment (ports, on-board date from the departure, containers, gross
    weight, insured value) and the packing list."""
    invoice = invoice or _invoice_of(credit)
    seller = SellerProfile.current()
    required = [d.type for d in credit.documents.all() if d.type in PRESENTABLE]
    initial: dict[str, Any] = {
        "presented_on": today,
        "bank": credit.nominated_bank
        or credit.confirming_bank
        or credit.advising_bank
        or credit.issuing_bank,
        "documents": required or ["commercial_invoice"],
        "invoice_issuer": seller.legal_name if seller else credit.beneficiary_name,
        "invoice_addressee": credit.applicant_name,
        "invoice_incoterm": credit.incoterm,
        "invoice_place": credit.named_place,
        "invoice_currency": credit.currency,
        "bl_originals_issued": 3,
        "bl_originals_presented": 3,
        "bl_clean": True,
        "bl_freight": next(
            (d.freight for d in credit.documents.all() if d.type == "bill_of_lading"), ""
        ),
        "insurance_currency": credit.currency,
        "insurance_risks": next(
            (d.risks for d in credit.documents.all() if d.type == "insurance"), ""
        ),
    }
    if invoice is not None:
        lines = list(invoice.lines.all())
        buyer = invoice.buyer or {}
        initial.update(
            invoice=invoice.pk,
            invoice_date=invoice.issue_date,
            invoice_currency=invoice.currency,
            invoice_amount=invoice.gross_total,
            invoice_quantity=sum((line.quantity for line in lines), Decimal(0)),
            invoice_unit_price=lines[0].unit_price if len(lines) == 1 else None,
            invoice_description="; ".join(line.description for line in lines)[:1000],
            invoice_incoterm=invoice.incoterm or credit.incoterm,
            invoice_place=invoice.incoterm_place or credit.named_place,
            invoice_addressee=str(buyer.get("name") or invoice.client.name),
            origin_country=next((line.origin_country for line in lines if line.origin_country), ""),
        )
        if seller is not None and invoice.seller.get("legal_name"):
            initial["invoice_issuer"] = invoice.seller["legal_name"]
    shipment = _shipment_of(credit)
    if shipment is not None:
        data = documents_selectors.presentation(shipment).data
        on_board = shipped_on(credit) or data.departure_on
        initial.update(
            bl_number=shipment.transport_document_number,
            bl_date=on_board,
            on_board_date=on_board,
            port_of_loading=data.place_of_loading or data.loading_locode,
            port_of_discharge=data.place_of_discharge or data.discharge_locode,
            bl_containerised=bool(data.containers),
            bl_transhipment="transhipment" in _dates(shipment),
            bl_gross_weight_kg=data.gross_weight_kg,
            bl_description=data.goods_description,
            packing_gross_weight_kg=data.gross_weight_kg,
            packing_packages=data.packages,
            insurance_amount=data.insured_value or None,
            insurance_currency=data.currency,
            insurance_date=on_board,
            origin_date=on_board,
        )
        for document in documents_selectors.current_documents(shipment):
            if document.kind == "packing_list":
                initial["packing_date"] = document.document_date
            elif document.kind == "insurance_certificate":
                initial["insurance_date"] = document.document_date
            elif document.kind == "origin_certificate":
                initial["origin_date"] = document.document_date
    return initial


def _credit_payload(credit: Credit) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "currency": credit.currency,
        "amount": str(credit.amount),
        "about": credit.about,
        "issue_date": credit.issue_date.isoformat() if credit.issue_date else None,
        "expiry_date": credit.expiry_date.isoformat(),
        "expiry_country": credit.expiry_country or "FR",
        "latest_shipment_date": (
            credit.latest_shipment_date.isoformat() if credit.latest_shipment_date else None
        ),
        "presentation_days": credit.presentation_days,
        "partial_shipments": credit.partial_shipments,
        "transhipment": credit.transhipment,
        "incoterm": credit.incoterm,
        "named_place": credit.named_place,
        "port_of_loading": credit.port_of_loading,
        "port_of_discharge": credit.port_of_discharge,
        "goods_description": credit.goods_description,
        "applicant": credit.applicant_name,
        "beneficiary": credit.beneficiary_name,
        "documents_required": [],
    }
    if credit.tolerance_plus_pct is not None:
        payload["tolerance_plus_pct"] = str(credit.tolerance_plus_pct)
    if credit.tolerance_minus_pct is not None:
        payload["tolerance_minus_pct"] = str(credit.tolerance_minus_pct)
    if credit.quantity is not None:
        payload["quantity"] = str(credit.quantity)
        payload["unit"] = credit.unit
    if credit.unit_price is not None:
        payload["unit_price"] = str(credit.unit_price)
    for d in credit.documents.all():
        if d.type not in PRESENTABLE:
            continue
        item: dict[str, Any] = {"type": d.type, "originals": d.originals}
        if d.type == "bill_of_lading":
            item["clean_on_board"] = d.clean_on_board
            if d.freight:
                item["freight"] = d.freight
        if d.type == "insurance":
            if d.cover_pct is not None:
                item["cover_pct"] = str(d.cover_pct)
            if d.risks:
                item["risks"] = d.risks
        payload["documents_required"].append(item)
    if payload["issue_date"] is None:
        del payload["issue_date"]
    if payload["latest_shipment_date"] is None:
        del payload["latest_shipment_date"]
    return {key: value for key, value in payload.items() if value != ""}


def _put(target: dict[str, Any], key: str, value: object) -> None:
    if value is None or value == "":
        return
    if isinstance(value, dt.date):
        target[key] = value.isoformat()
    elif isinstance(value, Decimal):
        target[key] = str(value)
    else:
        target[key] = value


def check_input(credit: Credit, fields: PresentationFields) -> dict[str, Any]:
    """The checker's input (``trade.lc_check`` contract) from the credit and the documents."""
    value: object
    documents: list[dict[str, Any]] = []
    for kind in fields.documents:
        document: dict[str, Any] = {"type": kind}
        if kind == "commercial_invoice":
            for key, value in (
                ("issuer", fields.invoice_issuer),
                ("addressee", fields.invoice_addressee),
                ("date", fields.invoice_date),
                ("currency", fields.invoice_currency),
                ("amount", fields.invoice_amount),
                ("quantity", fields.invoice_quantity),
                ("unit_price", fields.invoice_unit_price),
                ("goods_description", fields.invoice_description),
                ("incoterm", fields.invoice_incoterm),
                ("named_place", fields.invoice_place),
            ):
                _put(document, key, value)
        elif kind == "bill_of_lading":
            for key, value in (
                ("date", fields.bl_date),
                ("on_board_date", fields.on_board_date),
                ("port_of_loading", fields.port_of_loading),
                ("port_of_discharge", fields.port_of_discharge),
                ("clauses", fields.bl_clauses),
                ("originals_issued", fields.bl_originals_issued),
                ("originals_presented", fields.bl_originals_presented),
                ("freight", fields.bl_freight),
                ("gross_weight_kg", fields.bl_gross_weight_kg),
                ("goods_description", fields.bl_description),
            ):
                _put(document, key, value)
            document["clean"] = fields.bl_clean
            document["transhipment"] = fields.bl_transhipment
            document["containerised"] = fields.bl_containerised
        elif kind == "insurance":
            for key, value in (
                ("date", fields.insurance_date),
                ("effective_date", fields.insurance_effective_date),
                ("currency", fields.insurance_currency),
                ("amount", fields.insurance_amount),
                ("risks", fields.insurance_risks),
            ):
                _put(document, key, value)
        elif kind == "packing_list":
            _put(document, "date", fields.packing_date)
            _put(document, "gross_weight_kg", fields.packing_gross_weight_kg)
            _put(document, "packages", fields.packing_packages)
        elif kind == "certificate_of_origin":
            _put(document, "date", fields.origin_date)
            _put(document, "country_of_origin", fields.origin_country)
        documents.append(document)
    return {
        "credit": _credit_payload(credit),
        "presentation": {"date": fields.presented_on.isoformat(), "documents": documents},
    }


# ------------------------------------------------------------------------------ panels


def home_panel(today: dt.date) -> dict[str, Any]:
    return {"credit_deadlines": deadlines_due(today), "today": today}


def order_panel(order: Order) -> dict[str, Any]:
    return {"order_credits": list(of_order(order)), "credit_order": order}


def company_panel(company: Company) -> dict[str, Any]:
    return {"company_credits": list(of_company(company)[:50]), "credit_company": company}


def of_purchase_order(order_id: int) -> QuerySet[Credit]:
    """The import credits that pay a purchase order (the live one first)."""
    return Credit.objects.filter(purchase_order_id=order_id).order_by("-issue_date", "-pk")


def purchase_order_panel(order: PurchaseOrder) -> dict[str, Any]:
    """The credits section of a purchase order's page."""
    return {
        "po_credits": list(of_purchase_order(order.pk)[:20]),
        "credit_purchase_order": order,
        "po_needs_credit": order.payment_instrument == "lc",
    }
