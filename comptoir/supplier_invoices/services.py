"""Writes of the supplier-invoice area: invoices and credit notes with their three-way match,
approval or dispute, payments with the exchange difference, the tolerances, and the landed
cost of a goods receipt that sets the products' cost price.

Every service takes clean values (:mod:`.inputs`), checks the role matrix first and writes in
one transaction with the history's author: a refusal leaves nothing half-saved. Other areas
are changed only through their services (``parties.services.open_task``/``close_tasks``,
``catalog.services.set_cost_price``) and read through their selectors.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.catalog import services as catalog_services
from comptoir.common.dates import today
from comptoir.customs import selectors as customs_selectors
from comptoir.parties import services as parties
from comptoir.purchasing.models import PurchaseOrder, Receipt
from comptoir.sales.selectors import eur_rate
from comptoir.trade import cost_allocation as ca
from comptoir.trade import three_way_match as twm
from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import is_currency

from . import selectors
from .inputs import CostValues, CreditNoteValues, InvoiceValues, PaymentValues, SettingsValues
from .models import (
    CostKind,
    LandedCost,
    LandedCostItem,
    LandedCostLine,
    MatchSettings,
    SupplierInvoice,
    SupplierInvoiceLine,
    SupplierPayment,
)

ZERO = Decimal("0")
CENT = Decimal("0.01")
#: Costly inputs, bounded.
MAX_LINES = twm.MAX_LINES
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_AMOUNT = Decimal("999999999999.99")
#: Invoices matched again together (one read of their orders and receipts per batch).
RECHECK_BATCH = 1000
EDITABLE = (
    SupplierInvoice.Status.TO_CHECK,
    SupplierInvoice.Status.MATCHED,
    SupplierInvoice.Status.DISPUTED,
)
#: Orders an invoice may bill: issued, and not cancelled.
BILLABLE_ORDER = {s for s in PurchaseOrder.Status.values} - {
    PurchaseOrder.Status.DRAFT,
    PurchaseOrder.Status.CANCELLED,
}


def _rate(currency: str, day: dt.date, given: Decimal | None) -> tuple[Decimal, dt.date, str]:
    """EUR per unit of ``currency`` on ``day``: the rate given, else the company's, else the
    ECB's (a ValidationError naming what to do when none is known)."""
    if currency == "EUR":
        return Decimal(1), day, "EUR"
    if given is not None:
        if given <= 0:
            raise ValidationError({"eur_rate": _("An exchange rate must be greater than zero.")})
        return given, day, _("rate entered")
    quote = eur_rate(currency, day)
    return quote.rate, quote.rate_date, str(quote.source)[:120]


def check_pdf(upload: UploadedFile) -> None:
    """A supplier invoice file is a PDF (from its bytes), 10 MB at most."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // 2**20}}
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError({"file": _("Attach the supplier's invoice as a PDF file.")})


def _difference_rows(result: twm.MatchResult) -> list[dict[str, object]]:
    return [
        {
            "kind": d.kind,
            "position": d.position,
            "expected": d.expected,
            "found": d.found,
            "amount": str(d.amount),
            "within_tolerance": d.within_tolerance,
            "text": str(d.text),
        }
        for d in result.differences
    ]


def _check_values(values: InvoiceValues, invoice: SupplierInvoice | None) -> None:
    errors: dict[str, str] = {}
    order = values.order
    if values.supplier.pk != order.supplier_id:
        errors["supplier"] = _(
            "Order %(order)s was placed with %(supplier)s: an invoice from %(other)s cannot bill it."
        ) % {
            "order": order.number or order.pk,
            "supplier": order.supplier,
            "other": values.supplier,
        }
    if order.status not in BILLABLE_ORDER:
        errors["order"] = _("Order %(order)s is not issued, or cancelled: it cannot be billed.") % {
            "order": order.number or order.pk
        }
    if not values.number.strip():
        errors["number"] = _("Give the supplier's invoice number.")
    elif (
        SupplierInvoice.objects.filter(
            supplier=values.supplier,
            kind=SupplierInvoice.Kind.INVOICE,
            number=values.number.strip(),
        )
        .exclude(pk=invoice.pk if invoice and invoice.pk else 0)
        .exists()
    ):
        errors["number"] = _("Invoice %(number)s of this supplier is already recorded.") % {
            "number": values.number.strip()
        }
    if not is_currency(values.currency):
        errors["currency"] = _("Give the currency as an ISO 4217 code, e.g. USD.")
    if values.invoice_date > today():
        errors["invoice_date"] = _("An invoice cannot be dated in the future.")
    if not values.lines:
        errors["lines"] = _("Give at least one line billing an order line.")
    elif len(values.lines) > MAX_LINES:
        errors["lines"] = _("At most %(n)d lines on one invoice.") % {"n": MAX_LINES}
    else:
        own = set(order.lines.values_list("pk", flat=True))
        for i, line in enumerate(values.lines, start=1):
            if line.order_line_id not in own:
                errors["lines"] = _("Line %(n)d bills a line that is not on order %(order)s.") % {
                    "n": i,
                    "order": order.number or order.pk,
                }
                break
            if line.quantity <= 0 or line.quantity > MAX_AMOUNT:
                errors["lines"] = _("Line %(n)d: the quantity must be greater than zero.") % {
                    "n": i
                }
                break
            if line.unit_price < 0 or line.unit_price > MAX_AMOUNT:
                errors["lines"] = _("Line %(n)d: the unit price cannot be negative.") % {"n": i}
                break
    if values.advance_deducted < 0:
        errors["advance_deducted"] = _("The advance deducted cannot be negative.")
    if not 0 <= values.payment_days <= 365:
        errors["payment_days"] = _("The payment term is between 0 and 365 days.")
    if errors:
        raise ValidationError(errors)


def save_invoice(
    *,
    invoice: SupplierInvoice | None,
    values: InvoiceValues,
    user: Actor,
    file: UploadedFile | None = None,
) -> SupplierInvoice:
    """Record (``invoice`` None) or correct a supplier invoice and match it three ways.

    Refused, naming the field: a supplier other than the order's, a number already recorded
    for the supplier, lines not on the order, a currency without a rate on the invoice date, a
    file that is not a PDF. The match result is stored; the status says whether differences
    remain to be settled.
    """
    require(user, Action.CREATE if invoice is None else Action.CHANGE, Record.SUPPLIER_INVOICE)
    if invoice is not None and invoice.status not in EDITABLE:
        raise ValidationError(_("An approved, paid or cancelled invoice cannot change."))
    if invoice is not None and invoice.is_credit_note:
        raise ValidationError(_("A credit note is recorded on its invoice."))
    _check_values(values, invoice)
    if file is not None:
        check_pdf(file)
    rate, rate_date, source = _rate(values.currency, values.invoice_date, values.eur_rate)
    try:
        result = selectors.compute_match(
            order=values.order,
            currency=values.currency,
            payment_days=values.payment_days,
            end_of_month=values.end_of_month,
            incoterm=values.incoterm,
            named_place=values.named_place,
            lines=values.lines,
            eur_rate=rate,
            exclude=invoice,
        )
    except TradeInputError as exc:
        raise ValidationError({"lines": exc.message}) from None
    total = result.billed
    if values.advance_deducted > total:
        raise ValidationError(
            {"advance_deducted": _("The advance deducted is more than the invoice's total.")}
        )
    with transaction.atomic():
        obj = invoice or SupplierInvoice(created_by=author(user))
        obj.kind = SupplierInvoice.Kind.INVOICE
        obj.supplier = values.supplier
        obj.order = values.order
        obj.number = values.number.strip()
        obj.invoice_date = values.invoice_date
        obj.received_on = values.received_on
        obj.currency = values.currency
        obj.eur_rate = rate
        obj.rate_date = rate_date
        obj.rate_source = source
        obj.incoterm = values.incoterm
        obj.named_place = values.named_place
        obj.payment_days = values.payment_days
        obj.end_of_month = values.end_of_month
        obj.terms_from = values.terms_from
        obj.due_date = twm.invoice_due_date(
            values.invoice_date, values.payment_days, values.end_of_month, values.terms_from
        )
        obj.total = total
        obj.total_eur = (total * rate).quantize(CENT, ROUND_HALF_UP)
        obj.advance_deducted = values.advance_deducted
        obj.owed = result.owed
        obj.differences = _difference_rows(result)
        obj.notes = values.notes
        if obj.status != SupplierInvoice.Status.DISPUTED:
            obj.status = (
                SupplierInvoice.Status.MATCHED
                if result.matched
                else SupplierInvoice.Status.TO_CHECK
            )
        obj.balance_due = total - values.advance_deducted - obj.paid_total - obj.credited_total
        if file is not None:
            obj.file_name = (file.name or "invoice.pdf")[:200]
            obj.file.save(obj.file_name, file, save=False)
        stamp(obj, user, "recorded" if invoice is None else "corrected")
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError:
            raise ValidationError(
                {
                    "number": _("Invoice %(number)s of this supplier is already recorded.")
                    % {"number": obj.number}
                }
            ) from None
        if invoice is not None:
            obj.lines.all().delete()
        for i, (line, checked) in enumerate(zip(values.lines, result.lines, strict=True), start=1):
            row = SupplierInvoiceLine(
                invoice=obj,
                position=i,
                order_line_id=line.order_line_id,
                description=line.description[:250],
                quantity=line.quantity,
                unit_price=line.unit_price,
                amount=checked.billed,
            )
            stamp(row, user)
            row.save()
    return obj


def recheck(*, invoice: SupplierInvoice, user: Actor) -> SupplierInvoice:
    """Match the invoice again (goods received since, a price corrected on the order)."""
    require(user, Action.CHANGE, Record.SUPPLIER_INVOICE)
    if invoice.status not in EDITABLE or invoice.is_credit_note:
        raise ValidationError(_("Only an invoice not yet approved is matched again."))
    result = selectors.match_of(invoice)
    with transaction.atomic():
        _apply_match(invoice, result)
        stamp(invoice, user, "matched again")
        invoice.save()
    return invoice


def _apply_match(invoice: SupplierInvoice, result: twm.MatchResult) -> bool:
    """Store a match result on the invoice; whether anything changed."""
    before = (invoice.differences, invoice.owed, invoice.status)
    invoice.differences = _difference_rows(result)
    invoice.owed = result.owed
    if invoice.status != SupplierInvoice.Status.DISPUTED:
        invoice.status = (
            SupplierInvoice.Status.MATCHED if result.matched else SupplierInvoice.Status.TO_CHECK
        )
    return (invoice.differences, invoice.owed, invoice.status) != before


def recheck_open(*, user: Actor = None) -> int:
    """Match every invoice not yet approved again, in batches read together
    (``selectors.match_many``): after the tolerances change, and each night for the goods
    received since. Only the invoices whose result changed are saved (with their history);
    returns how many."""
    require(user, Action.CHANGE, Record.SUPPLIER_INVOICE)
    open_ids = list(
        SupplierInvoice.objects.filter(status__in=EDITABLE, kind=SupplierInvoice.Kind.INVOICE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    changed = 0
    for start in range(0, len(open_ids), RECHECK_BATCH):
        batch = open_ids[start : start + RECHECK_BATCH]
        results = selectors.match_many(batch)
        with transaction.atomic():
            for invoice in SupplierInvoice.objects.select_for_update().filter(
                pk__in=batch, status__in=EDITABLE
            ):
                result = results.get(invoice.pk)
                if result is not None and _apply_match(invoice, result):
                    stamp(invoice, user, "matched again")
                    invoice.save()
                    changed += 1
    return changed


def recheck_all(day: dt.date | None = None) -> int:
    """The daily job (and the tolerance change): ``recheck_open`` as the system."""
    return recheck_open(user=None)


def needs_manager(invoice: SupplierInvoice) -> bool:
    """Whether approving this invoice is a manager's decision (threshold or differences)."""
    settings = MatchSettings.get()
    threshold = settings.approval_threshold_eur
    return twm.needs_manager(
        invoice.total_eur,
        Decimal(threshold) if threshold is not None else None,
        selectors.match_of(invoice),
    )


def _close_task(invoice: SupplierInvoice, user: Actor, reason: str) -> None:
    if invoice.task is not None and invoice.task.done_at is None:
        parties.close_tasks(tasks=[invoice.task], user=user, reason=reason)


def approve(*, invoice: SupplierInvoice, user: Actor, note: str = "") -> SupplierInvoice:
    """Approve the invoice for payment, after its differences were looked at.

    The match is run again first. An assistant approves a matched invoice within the
    threshold; above it, or with differences beyond the tolerances, a manager approves and
    says why the differences are accepted (``note``).
    """
    require(user, Action.ISSUE, Record.SUPPLIER_INVOICE)
    if invoice.is_credit_note or invoice.status not in EDITABLE:
        raise ValidationError(_("Only an invoice waiting for approval can be approved."))
    result = selectors.match_of(invoice)
    if needs_manager(invoice):
        require(user, Action.RELEASE, Record.SUPPLIER_INVOICE)
    if not result.matched and not note.strip():
        raise ValidationError(
            {"note": _("Say why the differences are accepted as they are before approving.")}
        )
    with transaction.atomic():
        invoice.differences = _difference_rows(result)
        invoice.owed = result.owed
        invoice.status = SupplierInvoice.Status.APPROVED
        invoice.approved_by = author(user)
        invoice.approved_at = timezone.now()
        invoice.approval_note = note.strip()
        stamp(invoice, user, "approved")
        invoice.save()
        _close_task(invoice, user, "invoice approved")
    return invoice


def dispute(*, invoice: SupplierInvoice, reason: str, user: Actor) -> SupplierInvoice:
    """Dispute the invoice with the supplier: the reason is kept and a task follows it up
    (the supplier's answer or credit note expected within a week)."""
    require(user, Action.CHANGE, Record.SUPPLIER_INVOICE)
    if invoice.is_credit_note or invoice.status not in EDITABLE:
        raise ValidationError(_("Only an invoice waiting for approval can be disputed."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say what is disputed, for the supplier.")})
    owner = author(user) or invoice.supplier.portfolio_owner or invoice.order.created_by
    with transaction.atomic():
        invoice.status = SupplierInvoice.Status.DISPUTED
        invoice.dispute_reason = reason.strip()
        if owner is not None and (invoice.task is None or invoice.task.done_at is not None):
            invoice.task = parties.open_task(
                title=(
                    _("Supplier invoice %(number)s disputed with %(supplier)s: get their answer")
                    % {"number": invoice.number, "supplier": invoice.supplier.name}
                )[:200],
                due=today() + dt.timedelta(days=7),
                assigned_to=owner,
                company=invoice.supplier,
                notes=f"{invoice.get_absolute_url()}\n{reason.strip()}"[:2000],
                user=author(user),
            )
        stamp(invoice, user, "disputed")
        invoice.save()
    return invoice


def cancel(*, invoice: SupplierInvoice, reason: str, user: Actor) -> SupplierInvoice:
    """Cancel an invoice the supplier withdrew (replaced by a new one); nothing paid on it."""
    require(user, Action.CHANGE, Record.SUPPLIER_INVOICE)
    if invoice.status not in EDITABLE or invoice.paid_total:
        raise ValidationError(_("Only an invoice not approved nor paid can be cancelled."))
    with transaction.atomic():
        invoice.status = SupplierInvoice.Status.CANCELLED
        invoice.balance_due = ZERO
        invoice.notes = (invoice.notes + "\n" + reason.strip()).strip()
        stamp(invoice, user, "cancelled")
        invoice.save()
        _close_task(invoice, user, "invoice cancelled")
    return invoice


def record_credit_note(
    *, invoice: SupplierInvoice, values: CreditNoteValues, user: Actor
) -> SupplierInvoice:
    """Record the supplier's credit note against one of its invoices: the invoice's balance
    goes down; a credit note larger than what the invoice still carries is refused."""
    require(user, Action.CREATE, Record.SUPPLIER_INVOICE)
    if invoice.is_credit_note or invoice.status == SupplierInvoice.Status.CANCELLED:
        raise ValidationError(_("A credit note is recorded against an invoice."))
    if not values.number.strip():
        raise ValidationError({"number": _("Give the supplier's credit note number.")})
    if not values.reason.strip():
        raise ValidationError({"reason": _("Say what the credit note is for.")})
    try:
        twm.credit_note_room(invoice.total, invoice.credited_total, values.amount)
    except TradeInputError:
        raise ValidationError(
            {
                "amount": _(
                    "The credit note is more than the %(left)s %(currency)s the invoice still carries."
                )
                % {"left": invoice.total - invoice.credited_total, "currency": invoice.currency}
            }
        ) from None
    if values.amount > invoice.balance_due:
        raise ValidationError(
            {"amount": _("More than the balance still due: ask the supplier for a refund instead.")}
        )
    with transaction.atomic():
        invoice = SupplierInvoice.objects.select_for_update().get(pk=invoice.pk)
        note = SupplierInvoice(
            kind=SupplierInvoice.Kind.CREDIT_NOTE,
            supplier=invoice.supplier,
            order=invoice.order,
            credited_invoice=invoice,
            number=values.number.strip(),
            invoice_date=values.invoice_date,
            received_on=today(),
            currency=invoice.currency,
            eur_rate=invoice.eur_rate,
            rate_date=invoice.rate_date,
            rate_source=invoice.rate_source,
            due_date=values.invoice_date,
            total=values.amount,
            total_eur=(values.amount * invoice.eur_rate).quantize(CENT, ROUND_HALF_UP),
            status=SupplierInvoice.Status.APPROVED,
            notes=values.reason.strip(),
            created_by=author(user),
        )
        stamp(note, user, "credit note")
        try:
            with transaction.atomic():
                note.save()
        except IntegrityError:
            raise ValidationError(
                {
                    "number": _("Credit note %(number)s of this supplier is already recorded.")
                    % {"number": note.number}
                }
            ) from None
        invoice.credited_total += values.amount
        invoice.balance_due -= values.amount
        if invoice.balance_due <= 0 and invoice.status == SupplierInvoice.Status.APPROVED:
            invoice.status = SupplierInvoice.Status.PAID
        stamp(invoice, user, f"credit note {note.number}")
        invoice.save()
    return note


def record_payment(
    *, invoice: SupplierInvoice, values: PaymentValues, user: Actor
) -> SupplierPayment:
    """Record a payment (full or partial) of an approved invoice, with the exchange difference
    between the invoice's rate and the payment's (gain or loss in EUR, PCG art. 420-5 ff.)."""
    require(user, Action.CREATE, Record.SUPPLIER_PAYMENT)
    if invoice.is_credit_note:
        raise ValidationError(_("A credit note is not paid: it reduces its invoice."))
    if invoice.status != SupplierInvoice.Status.APPROVED:
        raise ValidationError(_("Only an approved invoice is paid: check and approve it first."))
    if values.amount <= 0:
        raise ValidationError({"amount": _("The amount must be greater than zero.")})
    if values.paid_on > today():
        raise ValidationError({"paid_on": _("A payment cannot be made in the future.")})
    rate, _day, source = _rate(invoice.currency, values.paid_on, values.eur_rate)
    with transaction.atomic():
        invoice = SupplierInvoice.objects.select_for_update().get(pk=invoice.pk)
        if values.amount > invoice.balance_due:
            raise ValidationError(
                {
                    "amount": _("%(amount)s is more than the %(balance)s %(currency)s still due.")
                    % {
                        "amount": values.amount,
                        "balance": invoice.balance_due,
                        "currency": invoice.currency,
                    }
                }
            )
        payment = SupplierPayment(
            invoice=invoice,
            paid_on=values.paid_on,
            amount=values.amount,
            eur_rate=rate,
            rate_source=source,
            amount_eur=(values.amount * rate).quantize(CENT, ROUND_HALF_UP),
            exchange_difference_eur=twm.payable_exchange_difference(
                values.amount, invoice.eur_rate, rate
            ),
            reference=values.reference[:80],
            method=values.method[:40] or "transfer",
            created_by=author(user),
        )
        stamp(payment, user)
        payment.save()
        invoice.paid_total += values.amount
        invoice.balance_due -= values.amount
        if invoice.balance_due <= 0:
            invoice.status = SupplierInvoice.Status.PAID
        stamp(invoice, user, "payment")
        invoice.save()
    return payment


def save_settings(*, values: SettingsValues, user: Actor) -> MatchSettings:
    require(user, Action.ADMINISTER, Record.SUPPLIER_INVOICE)
    errors: dict[str, str] = {}
    for name in ("price_tolerance_pct", "quantity_tolerance_pct"):
        if not ZERO <= getattr(values, name) <= 100:
            errors[name] = _("A percentage between 0 and 100.")
    for name in ("price_tolerance_eur", "approval_threshold_eur"):
        value = getattr(values, name)
        if value is not None and (value < 0 or value > MAX_AMOUNT):
            errors[name] = _("An amount of zero or more.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        settings = MatchSettings.get()
        settings.price_tolerance_pct = values.price_tolerance_pct
        settings.price_tolerance_eur = values.price_tolerance_eur
        settings.quantity_tolerance_pct = values.quantity_tolerance_pct
        settings.approval_threshold_eur = values.approval_threshold_eur
        stamp(settings, user, "tolerances")
        settings.save()
        # the open invoices read against the new tolerances
        transaction.on_commit(recheck_all)
    return settings


# ----------------------------------------------------------------------------- landed cost


def _goods(receipt: Receipt) -> tuple[dict[int, Decimal], str]:
    """EUR value of each receipt line: the quantity accepted at the supplier's invoiced price
    and the invoice's rate; without an invoice yet, the order's price at the receipt date's
    rate (an estimate, said on the page)."""
    invoiced: dict[int, tuple[Decimal, Decimal]] = {}  # order line -> (EUR, quantity)
    for line in SupplierInvoiceLine.objects.filter(
        invoice__order=receipt.order,
        invoice__kind=SupplierInvoice.Kind.INVOICE,
        invoice__status__in=selectors.STANDING,
    ).select_related("invoice"):
        eur, qty = invoiced.get(line.order_line_id, (ZERO, ZERO))
        invoiced[line.order_line_id] = (
            eur + line.quantity * line.unit_price * line.invoice.eur_rate,
            qty + line.quantity,
        )
    out: dict[int, Decimal] = {}
    estimate = False
    order_rate: Decimal | None = None
    for row in receipt.lines.select_related("line"):
        known = invoiced.get(row.line_id)
        if known and known[1] > 0:
            unit_eur = known[0] / known[1]
        else:
            estimate = True
            if order_rate is None:
                order_rate = _rate(receipt.order.currency, receipt.received_on, None)[0]
            unit_eur = Decimal(row.line.unit_price) * order_rate
        out[row.pk] = (row.quantity_accepted * unit_eur).quantize(CENT, ROUND_HALF_UP)
    return out, "estimate" if estimate else "invoice"


def _recompute(landed: LandedCost, user: Actor) -> LandedCost:
    receipt = landed.receipt
    goods, source = _goods(receipt)
    rows = [
        r for r in receipt.lines.select_related("line", "line__product") if r.quantity_accepted > 0
    ]
    if not rows:
        raise ValidationError(_("Nothing was accepted on this receipt: there is nothing to cost."))
    lines = [
        ca.ReceivedLine(
            r.pk,
            r.quantity_accepted,
            goods[r.pk],
            (r.quantity_accepted * r.line.product.gross_weight_kg) if r.line.product_id else ZERO,
            str(r.line.product.reference if r.line.product_id else r.line.description),
        )
        for r in rows
    ]
    items = list(LandedCostItem.objects.filter(landed_cost=landed).order_by("pk"))
    costs = [
        ca.Cost(
            item.kind,
            item.amount_eur,
            item.basis,
            item.label or str(item.get_kind_display()),
            {int(k): Decimal(v) for k, v in item.direct.items()}
            if item.basis == "direct"
            else None,
        )
        for item in items
    ]
    for item in items:
        label = item.label or item.get_kind_display()
        if item.basis == "weight" and any(x.weight_kg <= 0 for x in lines):
            raise ValidationError(
                _(
                    "%(cost)s is shared by weight but some products have no gross weight: give "
                    "their weights in the catalogue or share it by value."
                )
                % {"cost": label}
            )
        if item.basis == "value" and sum((x.goods_eur for x in lines), ZERO) <= 0:
            raise ValidationError(
                _("%(cost)s is shared by value but the goods have no value: share it by quantity.")
                % {"cost": label}
            )
    try:
        result = ca.landed_cost(lines, costs)
    except TradeInputError as exc:
        raise ValidationError(exc.message) from None
    landed.lines.all().delete()
    for row, line in zip(rows, result.lines, strict=True):
        LandedCostLine.objects.create(
            landed_cost=landed,
            receipt_line=row,
            product=row.line.product if row.line.product_id else None,
            quantity=line.quantity,
            weight_kg=next(x.weight_kg for x in lines if x.key == row.pk),
            goods_eur=line.goods,
            shares={k: str(v) for k, v in line.by_kind(costs).items()},
            total_eur=line.total,
            unit_cost=line.unit_cost,
        )
    landed.goods_eur = result.goods
    landed.costs_eur = result.total_costs
    landed.total_eur = result.total
    landed.goods_source = source
    stamp(landed, user, "computed")
    landed.save()
    return landed


def _duty_from_declarations(receipt: Receipt) -> tuple[Decimal, dict[int, Decimal], str] | None:
    """The duty actually paid on the receipt's goods, from the import declarations of its
    shipment: each declaration line's duty and anti-dumping go to the receipt lines of the same
    product, shared by quantity; None when there is no declaration."""
    if receipt.shipment is None:
        return None
    entries = list(customs_selectors.imports_of_shipment(receipt.shipment))
    if not entries:
        return None
    by_product: dict[int, Decimal] = {}
    for entry in entries:
        for line in customs_selectors.lines(entry):
            if line.product_id:
                by_product[line.product_id] = (
                    by_product.get(line.product_id, ZERO) + line.duty + line.anti_dumping
                )
    rows = list(receipt.lines.select_related("line").filter(quantity_accepted__gt=0))
    direct: dict[int, Decimal] = {}
    for product_id, duty in by_product.items():
        mine = [r for r in rows if r.line.product_id == product_id]
        if not mine:
            continue
        parts = ca.share(duty, [r.quantity_accepted for r in mine])
        for r, part in zip(mine, parts, strict=True):
            direct[r.pk] = part
    if not direct:
        return None
    return sum(direct.values(), ZERO), direct, ", ".join(e.number for e in entries)[:120]


def open_landed_cost(*, receipt: Receipt, user: Actor) -> LandedCost:
    """Start the landed cost of a goods receipt: the goods valued, and the duty taken from the
    shipment's import declaration when there is one."""
    require(user, Action.CREATE, Record.LANDED_COST)
    existing = selectors.landed_cost_of(receipt)
    if existing is not None:
        return existing
    with transaction.atomic():
        landed = LandedCost(receipt=receipt, created_by=author(user))
        stamp(landed, user, "opened")
        landed.save()
        duty = _duty_from_declarations(receipt)
        if duty is not None:
            amount, direct, numbers = duty
            item = LandedCostItem(
                landed_cost=landed,
                kind=CostKind.DUTY,
                label=_("Duty from the import declaration"),
                amount=amount,
                currency="EUR",
                amount_eur=amount,
                basis="direct",
                direct={str(k): str(v) for k, v in direct.items()},
                source=numbers,
            )
            stamp(item, user)
            item.save()
        _recompute(landed, user)
    return landed


def add_cost(*, landed_cost: LandedCost, values: CostValues, user: Actor) -> LandedCostItem:
    """Add a cost (in its currency, converted at the rate of its date) and share it again."""
    require(user, Action.CHANGE, Record.LANDED_COST)
    if landed_cost.status == LandedCost.Status.APPLIED:
        raise ValidationError(_("This landed cost was applied to the cost prices: it is closed."))
    errors: dict[str, str] = {}
    if values.kind not in CostKind.values:
        errors["kind"] = _("Choose the kind of cost.")
    if values.basis not in ("value", "weight", "quantity", "direct"):
        errors["basis"] = _("Share the cost by value, weight, quantity or line by line.")
    if not is_currency(values.currency):
        errors["currency"] = _("Give the currency as an ISO 4217 code, e.g. USD.")
    if abs(values.amount) > MAX_AMOUNT or values.amount == 0:
        errors["amount"] = _("Give the amount of the cost.")
    if landed_cost.items.count() >= ca.MAX_COSTS:
        errors["kind"] = _("At most %(n)d costs.") % {"n": ca.MAX_COSTS}
    if errors:
        raise ValidationError(errors)
    day = values.on or landed_cost.receipt.received_on
    rate, rate_date, source = _rate(values.currency, day, values.eur_rate)
    with transaction.atomic():
        item = LandedCostItem(
            landed_cost=landed_cost,
            kind=values.kind,
            label=values.label[:120],
            provider=values.provider,
            reference=values.reference[:60],
            amount=values.amount,
            currency=values.currency,
            eur_rate=rate,
            rate_date=rate_date,
            amount_eur=(values.amount * rate).quantize(CENT, ROUND_HALF_UP),
            basis=values.basis,
            direct={str(k): str(v) for k, v in (values.direct or {}).items()},
            source=source if values.currency != "EUR" else "",
        )
        stamp(item, user)
        item.save()
        _recompute(landed_cost, user)
    return item


def remove_cost(*, item: LandedCostItem, user: Actor) -> None:
    require(user, Action.CHANGE, Record.LANDED_COST)
    landed = item.landed_cost
    if landed.status == LandedCost.Status.APPLIED:
        raise ValidationError(_("This landed cost was applied to the cost prices: it is closed."))
    with transaction.atomic():
        stamp(item, user, "removed")
        item.delete()
        _recompute(landed, user)


def recompute(*, landed_cost: LandedCost, user: Actor) -> LandedCost:
    """Value the goods again (the supplier's invoice arrived since) and share the costs."""
    require(user, Action.CHANGE, Record.LANDED_COST)
    if landed_cost.status == LandedCost.Status.APPLIED:
        raise ValidationError(_("This landed cost was applied to the cost prices: it is closed."))
    with transaction.atomic():
        return _recompute(landed_cost, user)


def apply_cost_prices(*, landed_cost: LandedCost, user: Actor) -> list[tuple[int, Decimal]]:
    """Make each product's real unit cost its cost price for the next offers, dated the
    receipt's day with this landed cost as its source (through the catalog's service). Lines
    of the same product give their weighted average. Refused on an estimate (no supplier
    invoice yet)."""
    require(user, Action.ISSUE, Record.LANDED_COST)
    if landed_cost.goods_source != "invoice":
        raise ValidationError(
            _(
                "The goods are valued from the order, not the supplier's invoice: record the invoice first."
            )
        )
    receipt = landed_cost.receipt
    per_product: dict[int, tuple[Decimal, Decimal]] = {}
    products = {}
    for line in landed_cost.lines.select_related("product"):
        if line.product is None:
            continue
        total, qty = per_product.get(line.product.pk, (ZERO, ZERO))
        per_product[line.product.pk] = (total + line.total_eur, qty + line.quantity)
        products[line.product.pk] = line.product
    if not per_product:
        raise ValidationError(_("No received line names a product of the catalogue."))
    source = _("Landed cost of receipt %(receipt)s (order %(order)s, %(supplier)s)") % {
        "receipt": receipt.number,
        "order": receipt.order.number or receipt.order.pk,
        "supplier": receipt.order.supplier.name,
    }
    done: list[tuple[int, Decimal]] = []
    with transaction.atomic():
        for pk, (total, qty) in per_product.items():
            unit = (total / qty).quantize(Decimal("0.0001"), ROUND_HALF_UP)
            catalog_services.set_cost_price(
                product=products[pk],
                cost_price=unit,
                currency="EUR",
                on=receipt.received_on,
                source=source,
                user=user,
            )
            done.append((pk, unit))
        landed_cost.status = LandedCost.Status.APPLIED
        landed_cost.applied_at = timezone.now()
        stamp(landed_cost, user, "applied")
        landed_cost.save()
    return done
