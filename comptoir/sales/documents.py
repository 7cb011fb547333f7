"""The documents of order to cash: what each PDF shows, and the Factur-X of an invoice.

Documents are in the partner's language (the offer's, order's or invoice's ``language``);
the caller renders them inside ``translation.override(language)``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from comptoir.catalog import selectors as catalog_selectors
from comptoir.common.countries import country_name
from comptoir.common.dates import today
from comptoir.documents import invoices, snapshots
from comptoir.parties.models import Company
from comptoir.parties.selectors import printed_party
from comptoir.trade import einvoice, invoice_document, invoicing

from . import taxes
from .models import (
    DocumentLine,
    Invoice,
    InvoiceLine,
    Offer,
    Order,
    SellerProfile,
)
from .selectors import packed_weights


def seller_context(snapshot: dict[str, Any] | None = None) -> dict[str, Any]:
    """Our letterhead: the issued snapshot for an invoice, the current profile otherwise."""
    if snapshot:
        return snapshot
    seller = SellerProfile.current()
    if seller is None:
        return {"legal_name": "", "street": "", "postcode": "", "city": "", "country": "FR"}
    return {f.name: getattr(seller, f.name) for f in SellerProfile._meta.fields}


def party_snapshot(company: Company) -> dict[str, Any]:
    """The client as printed (``documents.snapshots``): an issued invoice keeps this copy, so
    it never changes when the client's record does."""
    return snapshots.party_snapshot(printed_party(company))


def client_block(company: Company, language: str) -> dict[str, Any]:
    """The client's block of a document, with the country named in the document's language."""
    return party_snapshot(company) | {"country_name": country_name(company.country, language)}


def _lines(
    lines: list[DocumentLine], nets: tuple[Decimal, ...], language: str
) -> list[dict[str, Any]]:
    rows = []
    # the CN code's label in the partner's language, the rule written once in the catalog
    labels = catalog_selectors.cn_short_labels((line.product.cn8 for line in lines), language)
    for line, net in zip(lines, nets, strict=True):
        product = line.product
        _cartons, net_weight, gross_weight = packed_weights(product, line.quantity)
        rows.append(
            {
                "reference": product.reference,
                "description": line.description or product.name(language),
                "hs_code": product.cn8 or product.hs_code,
                "goods_label": labels.get(product.cn8, ""),
                "origin": product.origin_country,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "discount_pct": line.discount_pct,
                "amount": net,
                "net_weight": net_weight,
                "gross_weight": gross_weight,
            }
        )
    return rows


def _commercial_document(
    document: Offer | Order,
    lines: list[DocumentLine],
    ship_to: dict[str, Any],
    seller: SellerProfile | None,
) -> invoice_document.ComputedInvoice:
    """The invoice an offer or order announces, computed in one call: line amounts, totals,
    the VAT that would apply, the payment clause at our company's ECB rate."""
    facts = invoice_document.InvoiceFacts(
        kind=invoice_document.DocumentKind.INVOICE,
        issue_date=today(),
        currency=document.currency,
        language=document.language,
        lines=tuple(
            invoice_document.LineFacts(
                reference=line.product.reference,
                description=line.description,
                hs_code="",
                origin_country="",
                quantity=line.quantity,
                unit_price=line.unit_price,
                discount_pct=line.discount_pct,
            )
            for line in lines
        ),
        payment_days=min(document.payment_days, invoicing.MAX_PAYMENT_DAYS),
        payment_end_of_month=document.payment_end_of_month,
        dispatch=taxes.dispatch_for(client=document.client, order=document, ship_to=ship_to),
        domestic_rate=seller.domestic_vat_rate if seller else Decimal("20"),
        fixed_key_rate=seller.ecb_rate if seller else None,
    )
    try:
        return invoice_document.compute_invoice(facts)
    except invoice_document.VatCaseError as exc:
        raise taxes.vat_case_error(exc) from None


def commercial_context(document: Offer | Order, title: str) -> dict[str, Any]:
    """Offer, order confirmation or pro-forma: lines, totals with the VAT that would apply."""
    seller = SellerProfile.current()
    language = document.language
    lines: list[DocumentLine] = list(document.lines.select_related("product"))
    ship_to = taxes.address_snapshot(taxes.delivery_address(order=document), document.client)
    computed = _commercial_document(document, lines, ship_to, seller)
    rows = _lines(lines, computed.line_nets, language)
    return {
        "title": title,
        "doc": document,
        "seller": seller_context(),
        "client": client_block(document.client, language),
        "rows": rows,
        "totals": computed.totals,
        "vat_mention": computed.vat_mention,
        "vat_rate": computed.treatment.rate,
        "ship_to": _ship_to_block(ship_to, document.client, language),
        "net_weight": sum((r["net_weight"] for r in rows), Decimal("0")),
        "gross_weight": sum((r["gross_weight"] for r in rows), Decimal("0")),
        # Without our company's page, the statutory wording (ECB rate + 10 points).
        "penalty_clause": computed.payment_clause
        if seller
        else invoicing.late_payment_clause(None, language),
    }


def invoice_context(
    invoice: Invoice, lines: list[InvoiceLine], payment_clause: str
) -> dict[str, Any]:
    """What the invoice PDF shows: the document as computed and stored (``payment_clause``
    from the computed document, ``ComputedInvoice.payment_clause``)."""
    language = invoice.language
    seller = invoice.seller
    buyer = dict(invoice.buyer)
    buyer["country_name"] = country_name(buyer.get("country", ""), language)
    facts = invoice.tax or {}
    return {
        "invoice": invoice,
        "seller": seller,
        "client": buyer,
        "ship_to": _ship_to_block(invoice.ship_to, buyer, language),
        "vat_eur": _vat_eur_line(invoice, facts),
        "lines": lines,
        # each line with the label of its CN code in the invoice's language (a snapshot: the
        # PDF is rendered once, when the invoice is issued)
        "labelled_lines": labelled_lines(lines, language),
        "net_weight": sum((line.net_weight_kg for line in lines), Decimal("0")),
        "gross_weight": sum((line.gross_weight_kg for line in lines), Decimal("0")),
        "penalty_clause": payment_clause,
        "is_credit_note": invoice.kind == Invoice.Kind.CREDIT_NOTE,
    }


def labelled_lines(lines: list[InvoiceLine], language: str) -> list[tuple[InvoiceLine, str]]:
    """Each invoice line with the label of its CN code (``""`` for an HS code only)."""
    labels = catalog_selectors.cn_short_labels((line.hs_code for line in lines), language)
    return [
        (line, labels.get(line.hs_code, "") if len(line.hs_code) >= 8 else "") for line in lines
    ]


def delivery_rows(rows: list[Any], language: str) -> list[dict[str, Any]]:
    """The delivery note's rows (``selectors.delivery_packages``) with each product's customs
    code (CN, else HS) and the CN label in the client's language."""
    labels = catalog_selectors.cn_short_labels((row["product"].cn8 for row in rows), language)
    return [
        dict(row)
        | {
            "hs_code": row["product"].cn8 or row["product"].hs_code,
            "goods_label": labels.get(row["product"].cn8, ""),
        }
        for row in rows
    ]


def _ship_to_block(
    ship_to: dict[str, Any] | None, client: Company | dict[str, Any], language: str
) -> dict[str, Any] | None:
    """The delivery address to print, when it is an address and differs from the billing one."""
    if not ship_to or ship_to.get("source") != "address":
        return None
    billing = client if isinstance(client, dict) else party_snapshot(client)
    same = (ship_to.get("street"), ship_to.get("city"), ship_to.get("country")) == (
        billing.get("street"),
        billing.get("city"),
        billing.get("country"),
    )
    if same:
        return None
    return dict(ship_to) | {"country_name": country_name(ship_to.get("country", ""), language)}


def _vat_eur_line(invoice: Invoice, facts: dict[str, Any]) -> dict[str, Any] | None:
    """VAT in EUR on an invoice in another currency (directive 2006/112/EC art. 230)."""
    if invoice.currency == "EUR" or invoice.vat_total_eur is None or not facts.get("vat_eur_rate"):
        return None
    return {
        "amount": invoice.vat_total_eur,
        "rate": Decimal(facts["vat_eur_rate"]),
        "date": dt.date.fromisoformat(facts["vat_eur_rate_date"])
        if facts.get("vat_eur_rate_date")
        else None,
        "source": facts.get("vat_eur_source", ""),
        "ecb": str(facts.get("vat_eur_source", "")).upper().startswith("ECB"),
    }


def line_facts(lines: list[InvoiceLine]) -> tuple[invoice_document.LineFacts, ...]:
    return tuple(
        invoice_document.LineFacts(
            reference=line.reference,
            description=line.description,
            hs_code=line.hs_code,
            origin_country=line.origin_country,
            quantity=line.quantity,
            unit_price=line.unit_price,
            discount_pct=line.discount_pct,
            net_amount=line.net_amount,
        )
        for line in lines
    )


def delivery_facts(invoice: Invoice) -> dict[str, Any]:
    """What the e-invoice says of the delivery: the client's order reference, the shipment's
    date and the planned delivery (BT-10, BT-72, BG-14)."""
    planned = None
    if invoice.delivery is not None:
        planned = invoice.delivery.planned_date
    elif invoice.order is not None:
        planned = invoice.order.confirmed_date or invoice.order.requested_date
    return {
        "buyer_reference": invoice.order.client_reference if invoice.order else "",
        "shipped_on": invoice.delivery.shipped_on if invoice.delivery else None,
        "planned_delivery": planned,
    }


def facturx_invoice(invoice: Invoice, lines: list[InvoiceLine]) -> einvoice.EInvoice:
    """The EN 16931 / French CTC view of an issued invoice, from its stored facts and figures
    only (nothing recomputed: what was issued)."""
    kind = invoice_document.DocumentKind(invoice.kind)
    credited = invoice.credited_invoice
    facts = invoice_document.InvoiceFacts(
        kind=kind,
        issue_date=invoice.issue_date,  # type: ignore[arg-type]  # set on an issued invoice
        currency=invoice.currency,
        language=invoice.language,
        lines=line_facts(lines),
        payment_days=invoice.payment_days,
        payment_end_of_month=invoice.payment_end_of_month,
        stored_tax=invoice.tax,
        number=invoice.number or "",
        seller=invoice.seller,
        buyer=invoice.buyer,
        ship_to=invoice.ship_to or {},
        credited=invoice_document.CreditedInvoice(
            credited.number or "", credited.issue_date, credited.gross_total, Decimal("0")
        )
        if credited
        else None,
        reason=invoice.reason if kind is invoice_document.DocumentKind.CREDIT_NOTE else "",
        **delivery_facts(invoice),
    )
    rate = (
        invoicing.late_payment_rate(Decimal(invoice.seller["ecb_rate"]))
        if invoice.seller.get("ecb_rate")
        else None
    )
    notes = invoicing.payment_notes(rate, invoice.language)
    treatment = invoice_document.treatment_from_record(invoice.tax)
    stored = invoice_document.ComputedInvoice(
        treatment=treatment,
        tax=dict(invoice.tax),
        vat_rate=invoice.vat_rate,
        vat_mention=invoice.vat_mention,
        line_nets=tuple(line.net_amount for line in lines),
        totals=invoicing.Totals(
            invoice.net_total, invoice.vat_total, invoice.gross_total, invoice.vat_rate
        ),
        vat_total_eur=invoice.vat_total_eur,
        vat_eur_missing=False,
        buyer_vat_missing=False,
        term_excess=None,
        term_problem=None,
        credit_problem=None,
        due_date=invoice.due_date,  # type: ignore[arg-type]  # set on an issued invoice
        balance_due=invoice.balance_due,
        key_rate=Decimal(invoice.seller.get("ecb_rate") or "0"),
        seller=dict(invoice.seller),
        payment_notes=notes,
        payment_clause=" ".join((notes.penalties, notes.indemnity, notes.discount)),
        facturx=True,
        einvoice=None,
    )
    return invoice_document.einvoice_model(facts, stored)


def with_facturx(model: einvoice.EInvoice, pdf: bytes) -> bytes:
    """The PDF with its Factur-X XML (``documents.invoices.with_facturx``)."""
    return invoices.with_facturx(model, pdf)
