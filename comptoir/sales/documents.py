"""The documents of order to cash: what each PDF shows, and the Factur-X of an invoice.

Documents are in the partner's language (the offer's, order's or invoice's ``language``);
the caller renders them inside ``translation.override(language)``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from comptoir.parties.countries import country_name
from comptoir.trade import einvoice, invoicing

from . import taxes
from .models import Invoice, InvoiceLine, Offer, Order, SellerProfile


def seller_context(snapshot: dict[str, Any] | None = None) -> dict[str, Any]:
    """Our letterhead: the issued snapshot for an invoice, the current profile otherwise."""
    if snapshot:
        return snapshot
    seller = SellerProfile.current()
    if seller is None:
        return {"legal_name": "", "street": "", "postcode": "", "city": "", "country": "FR"}
    return {f.name: getattr(seller, f.name) for f in SellerProfile._meta.fields}


def party_snapshot(company: Any) -> dict[str, Any]:
    """The client as printed: name, billing address, VAT and EORI numbers, e-mail. An issued
    invoice keeps this copy, so it never changes when the client's record does."""
    address = company.addresses.filter(kind="billing").order_by("-is_default", "pk").first()
    return {
        "name": company.legal_name or company.name,
        "street": address.line1 if address else "",
        "street2": address.line2 if address else "",
        "postcode": address.postcode if address else "",
        "city": (address.city if address else company.city) or "",
        "country": company.country,
        "vat_number": company.vat_number,
        "eori": company.eori,
        "email": company.email or _contact_email(company),
        "siren": french_siren(company),
    }


def _contact_email(company: Any) -> str:
    """A contact's e-mail when the company has none of its own (the e-invoice's address)."""
    contact = (
        company.contacts.filter(erased_at__isnull=True).exclude(email="").order_by("pk").first()
    )
    return contact.email if contact else ""


def french_siren(company: Any) -> str:
    """The SIREN of a French company (from its registration number, SIRET or SIREN, or its
    French VAT number), printed on French invoices and used as its e-invoicing address."""
    from stdnum.fr import siren, siret

    if company.country not in ("FR", "MC"):
        return ""
    number = "".join(ch for ch in (company.registration_number or "") if ch.isdigit())
    valid = (len(number) == 14 and siret.is_valid(number)) or (
        len(number) == 9 and siren.is_valid(number)
    )
    party = einvoice.Party(
        name=company.name,
        country=company.country,
        vat_number=(company.vat_number or "").replace(" ", "").upper(),
        legal_id=number if valid else "",
    )
    return einvoice.siren(party)


def client_block(company: Any, language: str) -> dict[str, Any]:
    """The client's block of a document, with the country named in the document's language."""
    return party_snapshot(company) | {"country_name": country_name(company.country, language)}


def _lines(lines: Any, currency: str, language: str) -> list[dict[str, Any]]:
    rows = []
    for line in lines:
        product = line.product
        rows.append(
            {
                "reference": product.reference,
                "description": line.description or product.name(language),
                "hs_code": product.hs_national or product.hs_code,
                "origin": product.origin_country,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "discount_pct": line.discount_pct,
                "amount": invoicing.line_net(
                    invoicing.Line(line.quantity, line.unit_price, line.discount_pct), currency
                ),
                "net_weight": (product.net_weight_kg * line.quantity).quantize(Decimal("0.001")),
                "gross_weight": (product.gross_weight_kg * line.quantity).quantize(
                    Decimal("0.001")
                ),
            }
        )
    return rows


def commercial_context(document: Offer | Order, title: str) -> dict[str, Any]:
    """Offer, order confirmation or pro-forma: lines, totals with the VAT that would apply."""
    seller = SellerProfile.current()
    language = document.language
    rows = _lines(document.lines.select_related("product"), document.currency, language)
    ship_to = taxes.address_snapshot(taxes.delivery_address(order=document), document.client)
    treatment = taxes.treatment_for(
        client=document.client, order=document, ship_to=ship_to, seller=seller
    )
    totals = invoicing.totals(
        [invoicing.Line(r["quantity"], r["unit_price"], r["discount_pct"]) for r in rows],
        treatment.rate,
        document.currency,
    )
    return {
        "title": title,
        "doc": document,
        "seller": seller_context(),
        "client": client_block(document.client, language),
        "rows": rows,
        "totals": totals,
        "vat_mention": treatment.mention_fr if language == "fr" else treatment.mention_en,
        "vat_rate": treatment.rate,
        "ship_to": _ship_to_block(ship_to, document.client, language),
        "net_weight": sum((r["net_weight"] for r in rows), Decimal("0")),
        "gross_weight": sum((r["gross_weight"] for r in rows), Decimal("0")),
        "penalty_clause": invoicing.late_payment_clause(
            invoicing.late_payment_rate(seller.ecb_rate) if seller else None, language
        ),
    }


def invoice_context(invoice: Invoice, lines: list[InvoiceLine]) -> dict[str, Any]:
    language = invoice.language
    seller = invoice.seller
    rate = (
        invoicing.late_payment_rate(Decimal(seller["ecb_rate"])) if seller.get("ecb_rate") else None
    )
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
        "net_weight": sum((line.net_weight_kg for line in lines), Decimal("0")),
        "gross_weight": sum((line.gross_weight_kg for line in lines), Decimal("0")),
        "penalty_clause": invoicing.late_payment_clause(rate, language),
        "is_credit_note": invoice.kind == Invoice.Kind.CREDIT_NOTE,
    }


def _ship_to_block(
    ship_to: dict[str, Any] | None, client: Any, language: str
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


def wants_facturx(invoice: Invoice) -> bool:
    """Factur-X for invoices to businesses in the EU (France included): the client has a VAT
    number, the sale is domestic or intra-EU, and the buyer has an electronic address (its
    SIREN in France, scheme 0225; else an e-mail), without which the French rules refuse it
    (BR-FR-12): a buyer abroad without e-mail gets the PDF alone."""
    case = (invoice.tax or {}).get("case", invoice.vat_case)
    if not invoice.buyer.get("vat_number") or case not in (
        invoicing.VatCase.DOMESTIC,
        invoicing.VatCase.INTRA_EU_B2B,
    ):
        return False
    return (
        einvoice.electronic_address(_party(invoice.buyer, invoice.buyer.get("siren", "")))
        is not None
    )


def _party(snapshot: dict[str, Any], legal_id: str = "") -> einvoice.Party:
    """A party of the e-invoice; its electronic address is its SIREN in France (scheme 0225),
    else its e-mail, else its VAT number with the country's scheme (EAS code list)."""
    address: tuple[str, str] | None = None
    if not (snapshot.get("email") or (snapshot.get("country") == "FR" and legal_id)):
        address = einvoice.vat_electronic_address(snapshot.get("vat_number", ""))
    return einvoice.Party(
        electronic_address=address[0] if address else "",
        electronic_scheme=address[1] if address else "",
        name=snapshot.get("legal_name") or snapshot.get("name", ""),
        country=snapshot.get("country", ""),
        street=snapshot.get("street", ""),
        postcode=snapshot.get("postcode", ""),
        city=snapshot.get("city", ""),
        vat_number=snapshot.get("vat_number", ""),
        legal_id=legal_id,
        email=snapshot.get("email", ""),
    )


def facturx_invoice(invoice: Invoice, lines: list[InvoiceLine]) -> einvoice.EInvoice:
    """The EN 16931 / French CTC view of an issued invoice, from its stored facts only."""
    treatment = taxes.treatment_from_facts(invoice.tax)
    category = treatment.vat_category
    e_lines = tuple(
        einvoice.discounted_line(
            line_id=str(n),
            name=line.description,
            quantity=line.quantity,
            unit_code="C62",
            # The gross price less the discount, written exactly (or as a line allowance),
            # so every line total the screens computed can be issued (issue 9, item 3).
            gross_price=line.unit_price,
            discount_pct=line.discount_pct,
            line_total=line.net_amount,
            vat_category=category,
            vat_rate=invoice.vat_rate,
            hs_code=line.hs_code[:6] if line.hs_code else "",
            origin_country=line.origin_country,
            seller_item_id=line.reference,
        )
        for n, line in enumerate(lines, start=1)
    )
    credited = invoice.credited_invoice
    rate = (
        invoicing.late_payment_rate(Decimal(invoice.seller["ecb_rate"]))
        if invoice.seller.get("ecb_rate")
        else None
    )
    mentions = invoicing.payment_notes(rate, invoice.language)
    buyer = _party(invoice.buyer, invoice.buyer.get("siren", ""))
    notes = [
        einvoice.Note(mentions.penalties, einvoice.LATE_PAYMENT_PENALTIES),
        einvoice.Note(mentions.indemnity, einvoice.RECOVERY_INDEMNITY),
        einvoice.Note(mentions.discount, einvoice.EARLY_PAYMENT_DISCOUNT),
        # BR-FR-20: a business in France (its SIREN is its e-invoicing address), or abroad.
        einvoice.Note("B2B" if buyer.country == "FR" and buyer.legal_id else "B2BINT", "BAR"),
    ]
    if invoice.vat_mention:
        notes.append(einvoice.Note(invoice.vat_mention))
    if invoice.kind == Invoice.Kind.CREDIT_NOTE and invoice.reason:
        notes.append(einvoice.Note(invoice.reason))
    ship_to = invoice.ship_to or {}
    shown = ship_to if ship_to.get("source") == "address" else {}
    delivered = delivery_date(invoice)
    period = _invoicing_period(invoice) if delivered is None and category == "K" else (None, None)
    return einvoice.EInvoice(
        number=invoice.number or "",
        issue_date=invoice.issue_date,  # type: ignore[arg-type]
        type_code="381" if invoice.kind == Invoice.Kind.CREDIT_NOTE else "380",
        currency=invoice.currency,
        seller=_party(invoice.seller, invoice.seller.get("siren", "")),
        buyer=buyer,
        lines=e_lines,
        vat_breakdown=(
            einvoice.VatBreakdown(
                category=category,
                rate=invoice.vat_rate,
                base=invoice.net_total,
                amount=invoice.vat_total,
                exemption_reason=treatment.mention_en if treatment.exemption_code else "",
                exemption_code=treatment.exemption_code,
            ),
        ),
        net_total=invoice.net_total,
        vat_total=invoice.vat_total,
        gross_total=invoice.gross_total,
        amount_due=invoice.gross_total,
        due_date=invoice.due_date,
        payment_terms=invoicing.late_payment_clause(rate, invoice.language),
        iban=invoice.seller.get("iban", ""),
        bic=invoice.seller.get("bic", ""),
        buyer_reference=invoice.order.client_reference if invoice.order else "",
        delivery_date=delivered,
        billing_period_start=period[0],
        billing_period_end=period[1],
        preceding_invoice=credited.number if credited else "",
        preceding_invoice_date=credited.issue_date if credited else None,
        notes=tuple(notes),
        delivery_country=ship_to.get("country", ""),
        delivery_name=shown.get("name", ""),
        delivery_street=shown.get("street", ""),
        delivery_postcode=shown.get("postcode", ""),
        delivery_city=shown.get("city", ""),
        nature=einvoice.GOODS,
        vat_total_accounting=invoice.vat_total_eur if invoice.currency != "EUR" else None,
    )


def _invoicing_period(invoice: Invoice) -> tuple[Any, Any]:
    """BG-14 for an intra-EU supply invoiced before the goods left (BR-IC-11 accepts it instead
    of an actual delivery date): from the issue date to the planned delivery, if later."""
    start = invoice.issue_date
    planned = None
    if invoice.delivery is not None:
        planned = invoice.delivery.planned_date
    elif invoice.order is not None:
        planned = invoice.order.confirmed_date or invoice.order.requested_date
    return start, max(start, planned) if planned else start


def delivery_date(invoice: Invoice) -> Any:
    """The actual delivery date for the e-invoice (BT-72): the shipment's date when the goods
    have left by the invoice date; otherwise none (never a date that has not happened)."""
    delivery = invoice.delivery
    if delivery and delivery.shipped_on and delivery.shipped_on <= invoice.issue_date:
        return delivery.shipped_on
    return None


def with_facturx(invoice: Invoice, lines: list[InvoiceLine], pdf: bytes) -> bytes:
    """The PDF with its Factur-X XML, checked against the XSD and, where SaxonC runs (the test
    suite), the EN 16931 and French CTC schematrons."""
    xml = einvoice.facturx_xml(facturx_invoice(invoice, lines))  # checked by embed_in_pdf
    return einvoice.embed_in_pdf(pdf, xml)
