"""Invoices, credit notes and payments: drafts, issuing (number, PDF, Factur-X), collection.

Issuing happens in one transaction: the checks, the totals from the trade core, the
gapless number, the PDF with its SHA-256 and the Factur-X XML. If any step fails nothing
is kept and no number is used. An issued invoice is never edited (``Invoice.save``
refuses it); a credit note, numbered in its own sequence, corrects it fully or partly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import INVOICE_RECORDS, Action, Record, require
from comptoir.audit import stamp
from comptoir.trade import invoicing, receivables
from comptoir.trade.errors import TradeInputError
from comptoir.web.pdf import render_pdf

from . import documents, numbering
from .models import (
    Delivery,
    Invoice,
    InvoiceLine,
    Order,
    Payment,
    PaymentAllocation,
    SellerProfile,
)
from .services import eur_rate

TERMS = (
    "currency",
    "incoterm",
    "incoterm_place",
    "payment_days",
    "payment_end_of_month",
    "payment_instrument",
    "language",
)


def _today() -> dt.date:
    return timezone.localdate()


def _line_from_order_line(invoice: Invoice, order_line: Any, quantity: Decimal) -> InvoiceLine:
    product = order_line.product
    language = invoice.language
    net = invoicing.line_net(
        invoicing.Line(quantity, order_line.unit_price, order_line.discount_pct), invoice.currency
    )
    return InvoiceLine(
        invoice=invoice,
        order_line=order_line,
        product=product,
        reference=product.reference,
        description=order_line.description or product.name(language),
        hs_code=product.hs_national or product.hs_code,
        origin_country=product.origin_country,
        quantity=quantity,
        unit_price=order_line.unit_price,
        discount_pct=order_line.discount_pct,
        net_amount=net,
        net_weight_kg=(product.net_weight_kg * quantity).quantize(Decimal("0.001")),
        gross_weight_kg=(product.gross_weight_kg * quantity).quantize(Decimal("0.001")),
    )


def draft_from_delivery(delivery: Delivery, user: Any) -> Invoice:
    """A draft invoice for what a delivery carried, at the order's prices and terms."""
    require(user, Action.CREATE, Record.INVOICE)
    with transaction.atomic():
        if Invoice.objects.filter(delivery=delivery, kind=Invoice.Kind.INVOICE).exists():
            raise ValidationError(_("This delivery already has its invoice."))
        order = delivery.order
        invoice = Invoice(
            client=order.client,
            order=order,
            delivery=delivery,
            **{f: getattr(order, f) for f in TERMS},
        )
        stamp(invoice, user, f"from delivery {delivery.number}")
        invoice.save()
        for line in delivery.lines.select_related("order_line__product"):
            _line_from_order_line(invoice, line.order_line, line.quantity).save()
    return invoice


def draft_from_order(order: Order, user: Any) -> Invoice:
    """A draft invoice for the whole order (e.g. advance payment before shipment)."""
    require(user, Action.CREATE, Record.INVOICE)
    with transaction.atomic():
        if order.status not in (
            Order.Status.CONFIRMED,
            Order.Status.PARTLY_DELIVERED,
            Order.Status.DELIVERED,
        ):
            raise ValidationError(_("Only a confirmed order can be invoiced."))
        invoice = Invoice(client=order.client, order=order, **{f: getattr(order, f) for f in TERMS})
        stamp(invoice, user, f"from order {order.number}")
        invoice.save()
        for order_line in order.lines.select_related("product"):
            _line_from_order_line(invoice, order_line, order_line.quantity).save()
    return invoice


def draft_credit_note(
    invoice: Invoice, user: Any, quantities: dict[int, Decimal], reason: str
) -> Invoice:
    """A draft credit note for some lines (quantities) of an issued invoice."""
    require(user, Action.CREATE, Record.CREDIT_NOTE)
    if not invoice.is_issued or invoice.kind != Invoice.Kind.INVOICE:
        raise ValidationError(_("Only an issued invoice can be credited."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the credit note."))
    with transaction.atomic():
        note = Invoice(
            kind=Invoice.Kind.CREDIT_NOTE,
            client=invoice.client,
            order=invoice.order,
            credited_invoice=invoice,
            reason=reason.strip(),
            **{f: getattr(invoice, f) for f in TERMS},
        )
        stamp(note, user, "credit note")
        note.save()
        lines = {line.pk: line for line in invoice.lines.all()}
        added = 0
        for pk, quantity in quantities.items():
            if not quantity:
                continue
            line = lines.get(pk)
            if line is None:
                raise ValidationError(_("Unknown invoice line."))
            if quantity < 0 or quantity > line.quantity:
                raise ValidationError(
                    _("Line %(ref)s: credit between 0 and %(q)s.")
                    % {"ref": line.reference, "q": line.quantity}
                )
            copy = InvoiceLine.objects.get(pk=pk)
            copy.pk = None
            copy.invoice = note
            copy.quantity = quantity
            copy.net_amount = invoicing.line_net(
                invoicing.Line(quantity, line.unit_price, line.discount_pct), invoice.currency
            )
            ratio = quantity / line.quantity
            copy.net_weight_kg = (line.net_weight_kg * ratio).quantize(Decimal("0.001"))
            copy.gross_weight_kg = (line.gross_weight_kg * ratio).quantize(Decimal("0.001"))
            copy.save()
            added += 1
        if not added:
            raise ValidationError(_("Give a quantity to credit on at least one line."))
    return note


def credited_total(invoice: Invoice) -> Decimal:
    total = invoice.credit_notes.filter(status=Invoice.Status.ISSUED).aggregate(
        s=Sum("gross_total")
    )["s"]
    return total or Decimal("0")


def _seller_snapshot(seller: SellerProfile) -> dict[str, Any]:
    return {
        f: getattr(seller, f)
        for f in (
            "legal_name",
            "trade_name",
            "legal_form",
            "street",
            "postcode",
            "city",
            "country",
            "siren",
            "registry",
            "vat_number",
            "eori",
            "iban",
            "bic",
            "bank_name",
            "email",
            "phone",
            "website",
        )
    } | {"ecb_rate": str(seller.ecb_rate)}


def issue(invoice: Invoice, user: Any, issue_date: dt.date | None = None) -> Invoice:
    """Issue a draft invoice or credit note: number, totals, PDF, SHA-256, Factur-X."""
    require(user, Action.ISSUE, INVOICE_RECORDS[invoice.kind])
    day = issue_date or _today()
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.is_issued:
            raise ValidationError(_("This document is already issued."))
        seller = SellerProfile.current()
        if seller is None:
            raise ValidationError(_("Fill in our company (Sales → Our company) before issuing."))
        lines = list(invoice.lines.all())
        if not lines:
            raise ValidationError(_("An invoice needs at least one line."))
        client = invoice.client
        treatment = invoicing.vat_treatment(
            client.country, client.vat_number, domestic_rate=seller.domestic_vat_rate
        )
        if treatment.buyer_vat_required and not client.vat_number:
            raise ValidationError(
                _("The client's VAT number is required for this sale (%(case)s).")
                % {"case": treatment.case}
            )
        totals = invoicing.totals(
            [invoicing.Line(line.quantity, line.unit_price, line.discount_pct) for line in lines],
            treatment.rate,
            invoice.currency,
        )
        if invoice.kind == Invoice.Kind.CREDIT_NOTE:
            original = invoice.credited_invoice
            try:
                invoicing.credit_note_allowed(
                    original.gross_total, credited_total(original), totals.gross
                )
            except TradeInputError as exc:
                raise ValidationError(exc.message) from None
        invoice.vat_case = str(treatment.case)
        invoice.vat_rate = treatment.rate
        invoice.vat_mention = (
            treatment.mention_fr if invoice.language == "fr" else treatment.mention_en
        )
        invoice.net_total, invoice.vat_total, invoice.gross_total = (
            totals.net,
            totals.vat,
            totals.gross,
        )
        invoice.issue_date = day
        invoice.due_date = (
            invoicing.due_date(day, invoice.payment_days, invoice.payment_end_of_month)
            if invoice.kind == Invoice.Kind.INVOICE
            else day
        )
        invoice.eur_rate = (
            Decimal("1") if invoice.currency == "EUR" else eur_rate(invoice.currency, day).rate
        )
        invoice.seller = _seller_snapshot(seller)
        invoice.buyer = documents.party_snapshot(client)
        invoice.number = numbering.take_number(invoice.kind, day.year)
        invoice.status = Invoice.Status.ISSUED
        invoice.issued_at = timezone.now()
        invoice.issued_by = user if getattr(user, "is_authenticated", False) else None
        with translation.override(invoice.language):
            pdf = render_pdf(
                "sales/pdf/invoice.html",
                documents.invoice_context(invoice, lines),
                variant="pdf/a-3b",  # archived for ten years; the Factur-X container
            )
        if documents.wants_facturx(invoice):
            try:
                pdf = documents.with_facturx(invoice, lines, pdf)
            except TradeInputError as exc:
                raise ValidationError(
                    _("The Factur-X data is not valid: %(why)s") % {"why": exc.message}
                ) from None
            invoice.facturx = True
        invoice.pdf = pdf
        invoice.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        invoice.balance_due = totals.gross if invoice.kind == Invoice.Kind.INVOICE else Decimal("0")
        stamp(invoice, user, "issued")
        invoice.save()  # the stored status is still draft, so this last write is allowed
        if invoice.kind == Invoice.Kind.CREDIT_NOTE:
            refresh_balance(invoice.credited_invoice_id)
    return invoice


def verify_pdf(invoice: Invoice) -> bool:
    """True when the stored PDF still matches the SHA-256 recorded at issue."""
    return (
        bool(invoice.pdf) and hashlib.sha256(bytes(invoice.pdf)).hexdigest() == invoice.pdf_sha256
    )


def delete_draft(invoice: Invoice, user: Any) -> None:
    require(user, Action.DELETE, INVOICE_RECORDS[invoice.kind])
    if invoice.is_issued:
        raise ValidationError(_("An issued invoice is never deleted: issue a credit note."))
    with transaction.atomic():
        stamp(invoice, user, "draft deleted")
        invoice.delete()


# --------------------------------------------------------------------------- payments


def open_balance(invoice: Invoice) -> Decimal:
    return invoice.gross_total - invoice.paid_total - credited_total(invoice)


def refresh_balance(invoice_pk: int) -> None:
    """Recompute the stored balance of an invoice (after a payment or a credit note)."""
    invoice = Invoice.objects.get(pk=invoice_pk)
    balance = open_balance(invoice).quantize(Decimal("0.01"))
    Invoice.objects.filter(pk=invoice_pk).update(balance_due=balance)


def record_payment(
    *,
    client: Any,
    received_on: dt.date,
    amount: Decimal,
    currency: str,
    allocations: dict[int, Decimal],
    user: Any,
    eur_per_unit: Decimal | None = None,
    reference: str = "",
    method: str = "transfer",
) -> Payment:
    """Record a payment and match it to invoices (amounts in each invoice's currency).

    A payment in another currency than an invoice's is converted at the rate actually
    obtained (``eur_per_unit`` for the payment currency, given by the bank); the exchange
    difference against the rate booked at issue is computed by the trade core
    (:func:`comptoir.trade.receivables.exchange_difference`) and stored per invoice.
    """
    require(user, Action.CREATE, Record.PAYMENT)
    if amount <= 0:
        raise ValidationError(_("The amount must be positive."))
    if received_on > _today():
        raise ValidationError(_("A payment cannot be received in the future."))
    allocations = {pk: a for pk, a in allocations.items() if a}
    if not allocations:
        raise ValidationError(_("Match the payment to at least one invoice."))
    with transaction.atomic():
        invoices = {
            inv.pk: inv
            for inv in Invoice.objects.select_for_update().filter(
                pk__in=allocations,
                client=client,
                status=Invoice.Status.ISSUED,
                kind=Invoice.Kind.INVOICE,
            )
        }
        if len(invoices) != len(allocations):
            raise ValidationError(_("Payments are matched to issued invoices of this client only."))
        rate = eur_per_unit or (
            Decimal("1") if currency == "EUR" else eur_rate(currency, received_on).rate
        )
        for pk, value in allocations.items():
            invoice = invoices[pk]  # locked: its stored balance is current
            try:
                receivables.apply_payment(invoice.balance_due, value)
            except TradeInputError:
                raise ValidationError(
                    _("%(num)s: %(amount)s is more than the %(balance)s %(cur)s still due.")
                    % {
                        "num": invoice.number,
                        "amount": value,
                        "balance": invoice.balance_due,
                        "cur": invoice.currency,
                    }
                ) from None
        same = {pk: v for pk, v in allocations.items() if invoices[pk].currency == currency}
        foreign = {pk: v for pk, v in allocations.items() if invoices[pk].currency != currency}
        if sum(same.values(), Decimal("0")) > amount:
            raise ValidationError(_("The invoices matched add up to more than the payment."))
        # EUR obtained per unit of each invoice's currency: the payment's rate for invoices in
        # its currency; for the others, what is left of the EUR received, shared in proportion
        # to the EUR booked at issue.
        settled = dict.fromkeys(same, rate)
        if foreign:
            left_eur = (amount - sum(same.values(), Decimal("0"))) * rate
            if left_eur <= 0:
                raise ValidationError(
                    _("Nothing of the payment is left for the invoices in another currency.")
                )
            booked = {pk: v * invoices[pk].eur_rate for pk, v in foreign.items()}
            booked_total = sum(booked.values(), Decimal("0"))
            for pk, value in foreign.items():
                settled[pk] = left_eur * booked[pk] / booked_total / value
        payment = Payment(
            client=client,
            received_on=received_on,
            amount=amount,
            currency=currency,
            eur_rate=rate,
            reference=reference,
            method=method,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        stamp(payment, user)
        payment.save()
        for pk, value in allocations.items():
            invoice = invoices[pk]
            allocation = PaymentAllocation(
                payment=payment,
                invoice=invoice,
                amount=value,
                exchange_difference_eur=receivables.exchange_difference(
                    value, invoice.eur_rate, settled[pk], "EUR"
                ),
            )
            stamp(allocation, user)
            allocation.save()
            # Added in Python, exactly (an SQL "paid + amount" goes through floating point on
            # SQLite); the row is locked until the transaction ends.
            Invoice.objects.filter(pk=invoice.pk).update(
                paid_total=(invoice.paid_total + value).quantize(Decimal("0.01")),
                balance_due=(invoice.balance_due - value).quantize(Decimal("0.01")),
            )
    return payment
