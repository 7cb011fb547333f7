"""Invoices, credit notes and payments: drafts, issuing (number, PDF, Factur-X), collection.

Issuing goes in one pass: the facts of the draft are gathered once (``_gather``: seller and
buyer snapshots, lines, terms, where the goods go or the stored facts of the invoice a credit
note corrects, key rates, the rate for the VAT in EUR), one call into the trade core computes
the whole document (``invoice_document.compute_invoice``), it is rendered once (PDF and
Factur-X, ``documents.invoices``) and stored with the gapless number and the PDF's SHA-256.
If any step fails nothing is kept and no number is used. An issued invoice is never edited (``Invoice.save``
refuses it); a credit note, numbered in its own sequence, corrects it fully or partly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any, TypedDict

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from comptoir.accounts.roles import INVOICE_RECORDS, Action, Record, require
from comptoir.audit import stamp
from comptoir.common.dates import current_language, today
from comptoir.documents import invoices
from comptoir.parties.models import Company
from comptoir.trade import invoice_document, invoicing, receivables
from comptoir.trade.errors import TradeInputError

from . import documents, facts, mentions, numbering, penalties, settlement, taxes
from .models import (
    Delivery,
    Invoice,
    InvoiceLine,
    Order,
    OrderLine,
    Payment,
    PaymentAllocation,
    SellerProfile,
)
from .selectors import eur_rate, packed_weights
from .terms import DOCUMENT_TERMS as TERMS


def _line_from_order_line(
    invoice: Invoice, order_line: OrderLine, quantity: Decimal
) -> InvoiceLine:
    product = order_line.product
    language = invoice.language
    net = invoicing.line_net(
        invoicing.Line(quantity, order_line.unit_price, order_line.discount_pct), invoice.currency
    )
    _cartons, net_weight, gross_weight = packed_weights(product, quantity)
    return InvoiceLine(
        invoice=invoice,
        order_line=order_line,
        product=product,
        reference=product.reference,
        description=order_line.description or product.name(language),
        hs_code=product.cn8 or product.hs_code,
        origin_country=product.origin_country,
        quantity=quantity,
        unit_price=order_line.unit_price,
        discount_pct=order_line.discount_pct,
        net_amount=net,
        net_weight_kg=net_weight,
        gross_weight_kg=gross_weight,
    )


def draft_from_delivery(*, delivery: Delivery, user: User | None) -> Invoice:
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


def draft_from_order(*, order: Order, user: User | None) -> Invoice:
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
    *, invoice: Invoice, user: User | None, quantities: dict[int, Decimal], reason: str
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
    }


class _Stale(Exception):
    """The draft, or the next number, changed while its PDF was rendered: prepare again."""


#: Attempts at rendering the PDF outside the write transaction before holding the lock while
#: rendering (a number is never lost either way).
OPTIMISTIC_ATTEMPTS = 3


def _fingerprint(invoice_pk: int) -> tuple[Any, ...]:
    """What the issued document is made of: if it changes during rendering, render again."""
    head = Invoice.objects.filter(pk=invoice_pk).values_list(
        "client_id", "currency", "payment_days", "payment_end_of_month", "language", "status"
    )
    lines = InvoiceLine.objects.filter(invoice_id=invoice_pk).values_list(
        "pk", "quantity", "unit_price", "discount_pct", "description"
    )
    return (tuple(head), tuple(lines.order_by("pk")))


def _legacy_facts(original: Invoice) -> dict[str, Any]:
    """Facts of an invoice issued before they were stored: its stored case, rate and mention."""
    treatment = invoicing.vat_treatment(
        original.buyer.get("country", "FR"),
        original.buyer.get("vat_number", "") if original.vat_case == "intra_eu_b2b" else "",
        domestic_rate=original.vat_rate or Decimal("20"),
    )
    facts = taxes.facts_from(
        treatment,
        invoicing.Dispatch(
            "FR", original.buyer.get("country", "FR"), original.buyer.get("country", "FR")
        ),
    )
    facts["case"], facts["rate"] = original.vat_case, str(original.vat_rate)
    if original.language == "fr":
        facts["mention_fr"] = original.vat_mention
    else:
        facts["mention_en"] = original.vat_mention
    return facts


class _TaxSource(TypedDict, total=False):
    """The facts that decide a document's VAT: the dispatch of an invoice, or the stored tax
    facts of the invoice a credit note corrects; and the delivery address."""

    dispatch: invoicing.Dispatch
    domestic_rate: Decimal
    stored_tax: dict[str, Any]
    ship_to: dict[str, Any]


def _tax_source(invoice: Invoice, seller: SellerProfile) -> _TaxSource:
    """Where the VAT comes from, as facts fields, and the delivery address: decided from the
    dispatch for an invoice, copied from the invoice it corrects for a credit note (CGI art.
    272-1)."""
    if invoice.kind == Invoice.Kind.CREDIT_NOTE:
        original = invoice.credited_invoice
        assert original is not None  # a credit note always corrects an invoice
        return {
            "stored_tax": dict(original.tax) if original.tax else _legacy_facts(original),
            "ship_to": dict(original.ship_to),
        }
    ship_to = taxes.address_snapshot(taxes.delivery_address(invoice), invoice.client)
    return {
        "dispatch": taxes.dispatch_for(client=invoice.client, order=invoice.order, ship_to=ship_to),
        "domestic_rate": seller.domestic_vat_rate,
        "ship_to": ship_to,
    }


def _gather(
    invoice: Invoice,
    lines: list[InvoiceLine],
    seller: SellerProfile,
    day: dt.date,
    term_basis: str,
    term_reason: str,
) -> tuple[invoice_document.InvoiceFacts, str]:
    """The facts of a draft, read once: (facts, why no rate for the VAT in EUR was found)."""
    source = _tax_source(invoice, seller)
    kind = invoice_document.DocumentKind(invoice.kind)
    credited = (
        invoice.credited_invoice if kind is invoice_document.DocumentKind.CREDIT_NOTE else None
    )
    quote, why = None, ""
    stored_rate = (source.get("stored_tax") or {}).get("vat_eur_rate")
    if invoice.currency != "EUR" and not (credited is not None and stored_rate):
        quote, why = taxes.vat_eur_quote(invoice.currency, day)
    facts = invoice_document.InvoiceFacts(
        kind=kind,
        issue_date=day,
        currency=invoice.currency,
        language=invoice.language,
        lines=documents.line_facts(lines),
        payment_days=invoice.payment_days,
        payment_end_of_month=invoice.payment_end_of_month,
        number=numbering.peek_number(invoice.kind, day.year),
        seller=_seller_snapshot(seller),
        buyer=documents.party_snapshot(invoice.client),
        term_basis=term_basis,
        term_reason=term_reason,
        key_rates=penalties.entered_rates(seller),
        fallback_key_rate=seller.ecb_rate,
        vat_eur_quote=quote,
        credited=invoice_document.CreditedInvoice(
            credited.number or "",
            credited.issue_date,
            credited.gross_total,
            credited_total(credited),
        )
        if credited is not None
        else None,
        reason=invoice.reason,
        **source,
        **documents.delivery_facts(invoice),
    )
    return facts, why


def _compute(facts: invoice_document.InvoiceFacts) -> invoice_document.ComputedInvoice:
    """The one call into the trade core: the whole document from its facts."""
    try:
        return invoice_document.compute_invoice(facts)
    except invoice_document.VatCaseError as exc:
        raise taxes.vat_case_error(exc) from None


def _refuse(
    invoice: Invoice,
    facts: invoice_document.InvoiceFacts,
    computed: invoice_document.ComputedInvoice,
    review_note: str,
    why_no_rate: str,
) -> None:
    """Refuse what cannot be issued, in the order the user fixes it."""
    if computed.review and not review_note.strip():
        raise ValidationError(
            _(
                "The VAT rules cannot settle this sale alone: check the points shown and say what you checked."
            )
        )
    if computed.buyer_vat_missing:
        raise ValidationError(
            _("The client's VAT number is required for this sale (%(case)s).")
            % {"case": computed.tax["case"]}
        )
    excess = computed.term_excess
    if excess is not None and not facts.term_basis:
        raise ValidationError(
            excess.text(current_language())
            + " "
            + _("Give the ground that makes it lawful to issue the invoice.")
        )
    if excess is not None and computed.term_problem is not None:
        raise ValidationError(computed.term_problem.message)
    if computed.credit_problem is not None:
        raise ValidationError(computed.credit_problem.message)
    if computed.vat_eur_missing:
        raise taxes.missing_vat_eur_rate(invoice.currency, facts.issue_date, why_no_rate)


def _store(
    invoice: Invoice,
    facts: invoice_document.InvoiceFacts,
    computed: invoice_document.ComputedInvoice,
    user: User | None,
) -> None:
    """The computed document on the (unsaved) invoice: number, snapshots, figures."""
    excess = computed.term_excess
    invoice.term_basis = facts.term_basis if excess is not None else ""
    invoice.term_reason = facts.term_reason.strip()[:250] if excess is not None else ""
    invoice.vat_total_eur = computed.vat_total_eur
    invoice.tax, invoice.ship_to = computed.tax, dict(facts.ship_to)
    invoice.vat_case, invoice.vat_rate = computed.tax["case"], computed.vat_rate
    invoice.vat_mention = computed.vat_mention
    sums = computed.totals
    invoice.net_total, invoice.vat_total, invoice.gross_total = sums.net, sums.vat, sums.gross
    invoice.issue_date = facts.issue_date
    invoice.due_date = computed.due_date
    invoice.eur_rate = (
        Decimal("1")
        if invoice.currency == "EUR"
        else eur_rate(invoice.currency, facts.issue_date).rate
    )
    invoice.seller = computed.seller
    invoice.buyer = dict(facts.buyer)
    invoice.number = facts.number
    invoice.status = Invoice.Status.ISSUED
    invoice.issued_at = timezone.now()
    invoice.issued_by = user if getattr(user, "is_authenticated", False) else None
    invoice.balance_due = computed.balance_due


def _prepare(
    pk: int, user: User | None, day: dt.date, review_note: str, term_basis: str, term_reason: str
) -> tuple[Invoice, list[InvoiceLine], invoice_document.ComputedInvoice]:
    """The document as it will be issued, with the number it should get; nothing written.

    Facts gathered once, one call into the trade core, the refusals, the values stored."""
    invoice = Invoice.objects.select_related("client", "order", "delivery", "credited_invoice").get(
        pk=pk
    )
    if invoice.is_issued:
        raise ValidationError(_("This document is already issued."))
    seller = SellerProfile.current()
    if seller is None:
        raise ValidationError(_("Fill in our company (Sales → Our company) before issuing."))
    lines = list(invoice.lines.select_related("product").order_by("pk"))
    if not lines:
        raise ValidationError(_("An invoice needs at least one line."))
    facts, why_no_rate = _gather(invoice, lines, seller, day, term_basis, term_reason)
    computed = _compute(facts)
    _refuse(invoice, facts, computed, review_note, why_no_rate)
    invoice.review_note = review_note.strip()
    _store(invoice, facts, computed, user)
    invoice.mentions = mentions.collect(invoice, lines)
    return invoice, lines, computed


def _check_credit(original: Invoice, gross: Decimal) -> None:
    try:
        invoicing.credit_note_allowed(original.gross_total, credited_total(original), gross)
    except TradeInputError as exc:
        raise ValidationError(exc.message) from None


def _render(
    invoice: Invoice, lines: list[InvoiceLine], computed: invoice_document.ComputedInvoice
) -> bytes:
    """The document rendered once: its PDF/A-3 and, for a business in the EU, its Factur-X."""
    context = documents.invoice_context(invoice, lines, computed.payment_clause)
    pdf = invoices.invoice_pdf("sales/pdf/invoice.html", context, invoice.language)
    invoice.facturx = computed.facturx
    if computed.einvoice is not None:
        try:
            pdf = documents.with_facturx(computed.einvoice, pdf)
        except TradeInputError as exc:
            raise ValidationError(
                _("The Factur-X data is not valid: %(why)s") % {"why": exc.message}
            ) from None
    return pdf


def _commit(
    invoice: Invoice,
    lines: list[InvoiceLine],
    computed: invoice_document.ComputedInvoice,
    pdf: bytes | None,
    fingerprint: tuple[Any, ...],
    user: User | None,
) -> Invoice:
    """Write the issued document in one short transaction: the number is taken under the row
    lock and must be the one the PDF carries; ``pdf=None`` renders while holding the lock."""
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if locked.is_issued:
            raise ValidationError(_("This document is already issued."))
        if _fingerprint(invoice.pk) != fingerprint:
            raise _Stale
        credited_pk = invoice.credited_invoice_id
        if invoice.kind == Invoice.Kind.CREDIT_NOTE and credited_pk is not None:
            original = Invoice.objects.select_for_update().get(pk=credited_pk)
            _check_credit(original, invoice.gross_total)
        assert invoice.issue_date is not None  # set by _prepare
        number = numbering.take_number(invoice.kind, invoice.issue_date.year)
        if pdf is None:
            invoice.number = number
            pdf = _render(invoice, lines, computed.numbered(number))
        elif number != invoice.number:
            raise _Stale  # another document took that number meanwhile: rolls back
        invoice.pdf = pdf
        invoice.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        stamp(invoice, user, "issued")
        invoice.save()  # the stored status is still draft, so this last write is allowed
        facts.write_facts([invoice.pk])  # what the reporting sums, as issued
        if invoice.kind == Invoice.Kind.INVOICE and invoice.order_id is not None:
            facts.refresh_invoiced_on([invoice.order_id])  # the backlog's open orders
        if invoice.kind == Invoice.Kind.CREDIT_NOTE and credited_pk is not None:
            refresh_balance(credited_pk)
        # the document (a credit note, an invoice of nothing: settled on its date) and the
        # invoice it credits
        settlement.refresh_settled_on([invoice.pk, *([credited_pk] if credited_pk else [])])
    return invoice


def issue(
    *,
    invoice: Invoice,
    user: User | None,
    issue_date: dt.date | None = None,
    review_note: str = "",
    term_basis: str = "",
    term_reason: str = "",
) -> Invoice:
    """Issue a draft invoice or credit note: tax facts, totals, number, PDF, SHA-256, Factur-X.

    The facts are gathered once (``_gather``), the whole document computed in one call into
    the trade core (``invoice_document.compute_invoice``), rendered once (PDF and Factur-X)
    and stored. Issues take turns (``numbering.issuing_turn``, outside any transaction). The
    PDF is rendered outside the write transaction, with the number the sequence should give;
    the short transaction then takes the number under its row lock and keeps the document
    only if it is that number (otherwise it rolls back and renders again), so write locks
    last milliseconds, nothing is issued without its PDF and no number is lost or used
    twice. ``review_note`` says what the user checked when the VAT rules flagged the sale;
    ``term_basis`` and ``term_reason`` record why a term beyond L441-10 I is lawful.
    """
    require(user, Action.ISSUE, INVOICE_RECORDS[invoice.kind])
    day = issue_date or today()
    pk = invoice.pk
    with numbering.issuing_turn():
        for attempt in range(OPTIMISTIC_ATTEMPTS + 1):
            fingerprint = _fingerprint(pk)
            prepared, lines, computed = _prepare(
                pk, user, day, review_note, term_basis, term_reason
            )
            last = attempt == OPTIMISTIC_ATTEMPTS
            pdf = None if last else _render(prepared, lines, computed)
            try:
                return _commit(prepared, lines, computed, pdf, fingerprint, user)
            except _Stale:
                continue
    raise ValidationError(_("The invoice changed while it was being issued: try again."))


def draft_outlook(invoice: Invoice) -> tuple[invoicing.Totals | None, dict[str, bool]]:
    """What issuing this draft will give and ask, with its VAT case decided once as issuing
    will decide it: the totals (None when the case cannot be decided yet), and what it will
    ask: the VAT points checked (``review``), a ground for a term beyond L441-10 I
    (``term``); nothing for an issued document."""
    seller = SellerProfile.current()
    lines = list(invoice.lines.all())
    if invoice.is_issued or seller is None:
        return None, {}
    source: _TaxSource
    try:
        source = _tax_source(invoice, seller)
    except (ValidationError, TradeInputError):
        source = {}
    facts = invoice_document.InvoiceFacts(
        kind=invoice_document.DocumentKind(invoice.kind),
        issue_date=today(),
        currency=invoice.currency,
        language=invoice.language,
        lines=documents.line_facts(lines),
        payment_days=min(invoice.payment_days, invoicing.MAX_PAYMENT_DAYS),
        payment_end_of_month=invoice.payment_end_of_month,
        **source,
    )
    totals, review, excess = None, False, None
    if source and lines:
        try:
            computed = invoice_document.compute_invoice(facts)
        except invoice_document.VatCaseError:
            pass
        else:
            totals, review = computed.totals, bool(computed.review)
            excess = computed.term_excess
    elif source:
        try:
            review = bool(invoice_document.decide_tax(facts).get("review"))
        except invoice_document.VatCaseError:
            pass
    if invoice.kind != Invoice.Kind.INVOICE:
        return totals, {}
    if excess is None:
        excess = invoicing.payment_term_excess(facts.payment_days, facts.payment_end_of_month)
    term = excess is not None
    return totals, ({"review": review, "term": term} if review or term else {})


def verify_pdf(invoice: Invoice) -> bool:
    """True when the stored PDF still matches the SHA-256 recorded at issue."""
    pdf = invoice.pdf
    return bool(pdf) and hashlib.sha256(bytes(pdf or b"")).hexdigest() == invoice.pdf_sha256


def delete_draft(*, invoice: Invoice, user: User | None) -> None:
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
    client: Company,
    received_on: dt.date,
    amount: Decimal,
    currency: str,
    allocations: dict[int, Decimal],
    user: User | None,
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
    if received_on > today():
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
        settlement.refresh_settled_on(allocations)  # the invoices this payment settles
    return payment
