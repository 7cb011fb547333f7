"""Writes of the purchasing area: purchase orders (draft, issue, revision, cancel), the
supplier's confirmation and its decision, payments due, production milestones,
inspections, the goods ready, the inbound shipment, goods receipts and supplier claims.

Every service checks the role matrix first (``PURCHASE_ORDER``, ``GOODS_RECEIPT``,
``SUPPLIER_CLAIM``), writes in one transaction and names the author for the history. The
rules are the trade core's (``trade.purchasing``); shipments are created through
``shipping.services``, tasks through ``parties.services``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import author, stamp
from comptoir.calculators.texts import translate
from comptoir.common.dates import today as local_today
from comptoir.parties import services as parties
from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import ShipmentDetails, ShipmentLineValues
from comptoir.shipping.models import Shipment
from comptoir.suppliers import services as suppliers
from comptoir.trade import purchasing as rules
from comptoir.trade.errors import TradeInputError
from comptoir.trade.incoterms import get_rule
from comptoir.trade.money import is_currency
from comptoir.trade.texts import Text

from . import selectors
from .inputs import (
    ConfirmationValues,
    ConfirmedLineValues,
    InspectionValues,
    LineValues,
    MilestoneValues,
    OrderValues,
    ReceiptLineValues,
    ReceiptValues,
)
from .models import (
    ConfirmationLine,
    Inspection,
    InspectionResult,
    PaymentDue,
    PaymentInstrument,
    ProductionMilestone,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseOrderRevision,
    Receipt,
    ReceiptLine,
    SupplierClaim,
    SupplierConfirmation,
)

#: Bounded input: lines per order, milestones and inspections per order, receipts.
MAX_LINES = 200
MAX_MILESTONES = 30
MAX_INSPECTIONS = 20
MAX_RECEIPTS = 100
MAX_QUANTITY = Decimal("999999999")
MAX_REPORT_BYTES = 10 * 1024 * 1024
Status = PurchaseOrder.Status
#: Orders that may still be revised (after issue) or take a receipt.
REVISABLE = (Status.ISSUED, Status.CONFIRMED, Status.DISPUTED, Status.IN_PRODUCTION, Status.READY)
RECEIVABLE = (
    Status.ISSUED,
    Status.CONFIRMED,
    Status.IN_PRODUCTION,
    Status.READY,
    Status.SHIPPED,
    Status.PARTLY_RECEIVED,
)


def _message(error: TradeInputError) -> str:
    """The core's message in the user's language (a ``Text`` is translated)."""
    message = error.message
    return translate(message) if isinstance(message, Text) else message


def _core_error(error: TradeInputError) -> ValidationError:
    return ValidationError({error.field or "__all__": _message(error)})


def _save(instance: Any, user: Actor, reason: str = "") -> None:
    stamp(instance, user, reason)
    instance.save()


def _lock(order: PurchaseOrder) -> PurchaseOrder:
    return PurchaseOrder.objects.select_for_update().get(pk=order.pk)


# -- the order ------------------------------------------------------------------------------


def _check_values(values: OrderValues, lines: Sequence[LineValues]) -> None:
    errors: dict[str, str] = {}
    if not values.supplier.has_role("supplier"):
        errors["supplier"] = _("%(name)s is not marked as a supplier.") % {
            "name": values.supplier.name
        }
    if not is_currency(values.currency.upper()):
        errors["currency"] = _("Give the currency as its ISO code (e.g. EUR, USD, CNY).")
    try:
        get_rule(values.incoterm.upper(), "incoterm")
    except TradeInputError:
        errors["incoterm"] = _("Choose an Incoterm® 2020 rule (EXW, FCA, FOB, CIF...).")
    if not values.named_place.strip():
        errors["named_place"] = _("An Incoterm® is given with its named place.")
    if values.payment_instrument not in PaymentInstrument.values:
        errors["payment_instrument"] = _("Choose a payment instrument.")
    if values.payment_instrument == PaymentInstrument.DEPOSIT and not (
        Decimal("0") < values.deposit_pct < Decimal("100")
    ):
        errors["deposit_pct"] = _("A deposit is more than 0 and less than 100 %.")
    if values.requested_date and values.requested_date < values.order_date:
        errors["requested_date"] = _("The requested date is before the order date.")
    if not lines:
        errors["lines"] = _("An order has at least one line.")
    elif len(lines) > MAX_LINES:
        errors["lines"] = _("At most %(n)d lines.") % {"n": MAX_LINES}
    for number, line in enumerate(lines, start=1):
        if not Decimal("0") < line.quantity <= MAX_QUANTITY:
            errors[f"lines.{number}.quantity"] = _("Line %(n)d: give a quantity above 0.") % {
                "n": number
            }
        if line.unit_price < 0:
            errors[f"lines.{number}.unit_price"] = _(
                "Line %(n)d: a unit price cannot be negative."
            ) % {"n": number}
    if errors:
        raise ValidationError(errors)


def _apply(order: PurchaseOrder, values: OrderValues) -> None:
    order.supplier = values.supplier
    order.order_date = values.order_date
    order.currency = values.currency.upper()
    order.incoterm = values.incoterm.upper()
    order.named_place = values.named_place.strip()
    order.payment_instrument = values.payment_instrument
    order.deposit_pct = (
        values.deposit_pct
        if values.payment_instrument == PaymentInstrument.DEPOSIT
        else Decimal("0")
    )
    order.balance_trigger = values.balance_trigger
    order.payment_days = values.payment_days
    order.transport_mode = values.transport_mode
    order.delivery_address = values.delivery_address
    order.supplier_reference = values.supplier_reference
    order.requested_date = values.requested_date
    order.receipt_tolerance_pct = values.receipt_tolerance_pct
    order.claim_days = values.claim_days
    order.language = values.language or (values.supplier.language or "en")
    order.terms = values.terms
    order.notes = values.notes
    order.tender_id = values.tender_id
    order.tender_reference = values.tender_reference


def _write_lines(order: PurchaseOrder, lines: Sequence[LineValues], user: Actor) -> None:
    kept = {line.position: line for line in order.lines.all()}
    for position, values in enumerate(lines, start=1):
        line = kept.pop(position, None) or PurchaseOrderLine(order=order, position=position)
        line.product = values.product
        line.quantity = values.quantity
        line.unit = values.unit.strip() or "pcs"
        line.unit_price = values.unit_price
        line.supplier_reference = values.supplier_reference
        line.description = values.description or values.product.name(order.language)
        line.requested_date = values.requested_date or order.requested_date
        _save(line, user)
    for line in kept.values():
        if line.receipts.exists():
            raise ValidationError(
                {
                    "lines": _("Line %(n)d has been received: it cannot be removed.")
                    % {"n": line.position}
                }
            )
        line.delete()


def create_order(*, values: OrderValues, lines: Sequence[LineValues], user: Actor) -> PurchaseOrder:
    """A draft purchase order (no number until it is issued)."""
    require(user, Action.CREATE, Record.PURCHASE_ORDER)
    _check_values(values, lines)
    with transaction.atomic():
        order = PurchaseOrder(created_by=author(user))
        _apply(order, values)
        _save(order, user)
        _write_lines(order, lines, user)
    return order


def update_draft(
    *, order: PurchaseOrder, values: OrderValues, lines: Sequence[LineValues], user: Actor
) -> PurchaseOrder:
    require(user, Action.CHANGE, Record.PURCHASE_ORDER)
    _check_values(values, lines)
    with transaction.atomic():
        target = _lock(order)
        if not target.is_draft:
            raise ValidationError(
                {"__all__": _("This order has been sent: change it as a revision.")}
            )
        _apply(target, values)
        _save(target, user)
        _write_lines(target, lines, user)
    return target


def delete_draft(*, order: PurchaseOrder, user: Actor) -> None:
    require(user, Action.DELETE, Record.PURCHASE_ORDER)
    with transaction.atomic():
        target = _lock(order)
        if not target.is_draft:
            raise ValidationError(
                {"__all__": _("Only a draft can be deleted: cancel a sent order.")}
            )
        stamp(target, user, "draft deleted")
        target.delete()


def _next_number(prefix: str, model: type[PurchaseOrder] | type[Receipt], year: int) -> str:
    start = f"{prefix}-{year}-"
    last = (
        model.objects.select_for_update()
        .filter(number__startswith=start)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    count = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{start}{count:05d}"


def snapshot(order: PurchaseOrder) -> dict[str, Any]:
    """The order as printed, in plain JSON (kept with each revision)."""
    return {
        "number": order.number,
        "revision": order.revision,
        "supplier": order.supplier.name,
        "currency": order.currency,
        "incoterm": order.incoterm,
        "named_place": order.named_place,
        "payment_instrument": order.payment_instrument,
        "deposit_pct": str(order.deposit_pct),
        "balance_trigger": order.balance_trigger,
        "payment_days": order.payment_days,
        "requested_date": order.requested_date.isoformat() if order.requested_date else "",
        "lines": [
            {
                "position": line.position,
                "product": line.product.reference,
                "supplier_reference": line.supplier_reference,
                "description": line.description,
                "quantity": str(line.quantity),
                "unit": line.unit,
                "unit_price": str(line.unit_price),
                "requested_date": line.requested_date.isoformat() if line.requested_date else "",
            }
            for line in selectors.order_lines(order)
        ],
        "total": str(selectors.order_total(order)),
    }


def _events(order: PurchaseOrder) -> dict[str, dt.date | None]:
    arrival = None
    if order.shipment_id:
        milestone = order.shipment.milestones.filter(  # type: ignore[union-attr]
            step="arrival", actual_at__isnull=False
        ).first()
        if milestone is not None and milestone.actual_at is not None:
            arrival = timezone.localdate(milestone.actual_at)
    first_receipt = order.receipts.order_by("received_on").values_list("received_on", flat=True)
    return {
        "order": order.order_date,
        "before_shipment": order.ready_date,
        "bl_copy": order.shipped_on,
        "documents": order.documents_on,
        "arrival": arrival,
        "invoice": order.invoice_date,
        "receipt": first_receipt.first(),
    }


def _schedule(order: PurchaseOrder) -> list[rules.Installment]:
    terms = rules.PaymentTerms(
        instrument=order.payment_instrument,
        total=selectors.order_total(order),
        currency=order.currency,
        deposit_pct=order.deposit_pct,
        trigger=order.balance_trigger,
        days=order.payment_days,
    )
    try:
        return rules.payment_schedule(terms, _events(order))
    except TradeInputError as error:
        raise _core_error(error) from error


def _refresh_payments(order: PurchaseOrder, user: Actor) -> None:
    """Recompute the payments due (terms, total or an event changed); a payment already
    made is kept as it is."""
    installments = _schedule(order)
    existing = {payment.kind: payment for payment in order.payments.all()}
    wanted = {item.kind for item in installments}
    for kind, payment in existing.items():
        if kind not in wanted and payment.paid_on is None:
            payment.delete()
    for item in installments:
        payment = existing.get(item.kind) or PaymentDue(order=order, kind=item.kind)
        if payment.paid_on is not None:
            continue
        payment.percent = item.percent
        payment.amount = item.amount
        payment.currency = order.currency
        payment.trigger = item.trigger
        payment.due_on = item.due_on
        _save(payment, user)


def issue_order(*, order: PurchaseOrder, user: Actor) -> PurchaseOrder:
    """Number the order (``PO-YYYY-NNNNN``, once), keep revision 0 as sent, compute the
    payments due."""
    require(user, Action.ISSUE, Record.PURCHASE_ORDER)
    with transaction.atomic():
        target = _lock(order)
        if not target.is_draft:
            raise ValidationError({"__all__": _("This order has already been issued.")})
        if not target.lines.exists():
            raise ValidationError({"lines": _("An order has at least one line.")})
        target.number = _next_number("PO", PurchaseOrder, target.order_date.year)
        target.status = Status.ISSUED
        target.issued_at = timezone.now()
        target.revision = 0
        _save(target, user, "issued")
        PurchaseOrderRevision.objects.create(
            order=target,
            revision=0,
            issued_at=target.issued_at,
            issued_by=author(user),
            reason="",
            snapshot=snapshot(target),
        )
        _refresh_payments(target, user)
        _record_prices(target, user)
    return target


def _record_prices(order: PurchaseOrder, user: Actor) -> None:
    """Each line's price becomes a point of the supplier's price trend (suppliers area)."""
    for line in selectors.order_lines(order):
        suppliers.record_price(
            order.supplier,
            product=line.product,
            day=order.order_date,
            unit_price=line.unit_price,
            currency=order.currency,
            incoterm=order.incoterm,
            source="order",
            reference=order.number or "",
            user=user,
        )


def revise_order(
    *,
    order: PurchaseOrder,
    values: OrderValues,
    lines: Sequence[LineValues],
    reason: str,
    user: Actor,
) -> PurchaseOrder:
    """Change a sent order: a new revision (same number), with its reason and what is sent."""
    require(user, Action.CHANGE, Record.PURCHASE_ORDER)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the order is revised.")})
    _check_values(values, lines)
    with transaction.atomic():
        target = _lock(order)
        if target.status not in REVISABLE:
            raise ValidationError(
                {
                    "__all__": _("An order in status “%(status)s” cannot be revised.")
                    % {"status": target.get_status_display()}
                }
            )
        if values.supplier.pk != target.supplier_id:
            raise ValidationError(
                {"supplier": _("A sent order keeps its supplier: cancel it and order again.")}
            )
        _apply(target, values)
        target.revision += 1
        target.issued_at = timezone.now()
        target.sent_at = None
        _save(target, user, reason)
        _write_lines(target, lines, user)
        PurchaseOrderRevision.objects.create(
            order=target,
            revision=target.revision,
            issued_at=target.issued_at,
            issued_by=author(user),
            reason=reason.strip()[:300],
            snapshot=snapshot(target),
        )
        _refresh_payments(target, user)
    return target


def cancel_order(*, order: PurchaseOrder, reason: str, user: Actor) -> PurchaseOrder:
    """Cancel a sent order (a manager's decision: the supplier may have started)."""
    require(user, Action.RELEASE, Record.PURCHASE_ORDER)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the order is cancelled.")})
    with transaction.atomic():
        target = _lock(order)
        if target.receipts.exists():
            raise ValidationError(
                {"__all__": _("Goods have been received on this order: close it instead.")}
            )
        if target.status in (Status.CANCELLED, Status.CLOSED):
            raise ValidationError({"__all__": _("This order is already finished.")})
        target.status = Status.CANCELLED
        _save(target, user, reason)
    return target


def close_order(*, order: PurchaseOrder, reason: str, user: Actor) -> PurchaseOrder:
    """Close an order: nothing more expected (a shortage claimed, the rest given up)."""
    require(user, Action.CHANGE, Record.PURCHASE_ORDER)
    with transaction.atomic():
        target = _lock(order)
        if target.status not in (Status.PARTLY_RECEIVED, Status.RECEIVED):
            raise ValidationError(
                {"__all__": _("Only an order with goods received can be closed.")}
            )
        target.status = Status.CLOSED
        _save(target, user, reason or "closed")
    return target


def mark_sent(*, order: PurchaseOrder, user: Actor) -> PurchaseOrder:
    require(user, Action.ISSUE, Record.PURCHASE_ORDER)
    with transaction.atomic():
        target = _lock(order)
        if target.is_draft:
            raise ValidationError({"__all__": _("Issue the order before sending it.")})
        target.sent_at = timezone.now()
        _save(target, user, "sent")
    return target


# -- the supplier's confirmation --------------------------------------------------------------


def _terms(order: PurchaseOrder) -> rules.OrderedTerms:
    return rules.OrderedTerms(
        currency=order.currency,
        incoterm=order.incoterm,
        named_place=order.named_place,
        ready_date=order.confirmed_date or order.requested_date,
        lines=[
            rules.OrderedLine(
                key=line.pk,
                label=f"{line.position}. {line.product.reference}",
                quantity=line.quantity,
                unit_price=line.unit_price,
                date=line.requested_date,
            )
            for line in selectors.order_lines(order)
        ],
    )


def record_confirmation(
    *,
    order: PurchaseOrder,
    values: ConfirmationValues,
    lines: Sequence[ConfirmedLineValues],
    user: Actor,
) -> SupplierConfirmation:
    """The supplier's confirmation, compared with the order. Without difference it is
    accepted at once (the order is confirmed); with differences it waits for a decision."""
    require(user, Action.CHANGE, Record.PURCHASE_ORDER)
    if len(lines) > MAX_LINES:
        raise ValidationError({"lines": _("At most %(n)d lines.") % {"n": MAX_LINES}})
    for item in lines:
        if item.line.order_id != order.pk:
            raise ValidationError({"lines": _("A confirmed line is not on this order.")})
        if item.quantity < 0 or item.unit_price < 0:
            raise ValidationError(
                {"lines": _("Confirmed quantities and prices cannot be negative.")}
            )
    if not is_currency(values.currency.upper()):
        raise ValidationError({"currency": _("Give the currency as its ISO code.")})
    with transaction.atomic():
        target = _lock(order)
        if target.status not in (Status.ISSUED, Status.CONFIRMED, Status.DISPUTED):
            raise ValidationError(
                {"__all__": _("A confirmation is recorded on a sent order not yet in production.")}
            )
        confirmed = rules.ConfirmedTerms(
            currency=values.currency.upper(),
            incoterm=values.incoterm.upper(),
            named_place=values.named_place,
            ready_date=values.ready_date,
            lines=[
                rules.ConfirmedLine(
                    key=item.line.pk,
                    quantity=item.quantity,
                    unit_price=item.unit_price,
                    date=item.date,
                )
                for item in lines
            ],
        )
        try:
            differences = rules.compare_confirmation(_terms(target), confirmed)
        except TradeInputError as error:
            raise _core_error(error) from error
        confirmation = SupplierConfirmation(
            order=target,
            received_on=values.received_on,
            reference=values.reference,
            currency=values.currency.upper(),
            incoterm=values.incoterm.upper(),
            named_place=values.named_place,
            ready_date=values.ready_date,
            differences=[difference.as_dict() for difference in differences],
        )
        _save(confirmation, user)
        for item in lines:
            ConfirmationLine.objects.create(
                confirmation=confirmation,
                line=item.line,
                quantity=item.quantity,
                unit_price=item.unit_price,
                date=item.date,
            )
        if not differences:
            _accept(target, confirmation, user, _("Confirmation as ordered."))
        else:
            target.status = Status.ISSUED
            _save(target, user, "confirmation with differences")
    return confirmation


def _accept(
    order: PurchaseOrder, confirmation: SupplierConfirmation, user: Actor, note: str
) -> None:
    """The confirmation's terms become the order's (a counter-offer accepted)."""
    changed = bool(confirmation.differences)
    for item in confirmation.lines.select_related("line"):
        line = item.line
        line.quantity = item.quantity if item.quantity > 0 else line.quantity
        line.unit_price = item.unit_price
        line.confirmed_date = item.date or confirmation.ready_date or line.requested_date
        _save(line, user, "confirmation accepted")
    order.currency = confirmation.currency
    order.incoterm = confirmation.incoterm
    if confirmation.named_place:
        order.named_place = confirmation.named_place
    order.confirmed_date = confirmation.ready_date or order.requested_date
    order.status = Status.CONFIRMED
    confirmation.status = SupplierConfirmation.Status.ACCEPTED
    confirmation.decision_note = note
    confirmation.decided_by = author(user)
    confirmation.decided_at = timezone.now()
    _save(confirmation, user)
    if changed:
        order.revision += 1
        _save(order, user, "confirmation accepted")
        PurchaseOrderRevision.objects.create(
            order=order,
            revision=order.revision,
            issued_at=timezone.now(),
            issued_by=author(user),
            reason=(_("Supplier's confirmation %(ref)s accepted") % {"ref": confirmation})[:300],
            snapshot=snapshot(order),
        )
    else:
        _save(order, user, "confirmed")
    _refresh_payments(order, user)


def decide_confirmation(
    *, confirmation: SupplierConfirmation, accept: bool, note: str, user: Actor
) -> SupplierConfirmation:
    """Accept the supplier's differences (they become the order's terms, as a revision) or
    dispute them (the order waits for a new confirmation)."""
    require(user, Action.CHANGE, Record.PURCHASE_ORDER)
    if not accept and not note.strip():
        raise ValidationError({"note": _("Say what you dispute, for the supplier.")})
    with transaction.atomic():
        order = _lock(confirmation.order)
        target = SupplierConfirmation.objects.select_for_update().get(pk=confirmation.pk)
        if target.status != SupplierConfirmation.Status.TO_REVIEW:
            raise ValidationError({"__all__": _("This confirmation has already been decided.")})
        if accept:
            _accept(order, target, user, note)
        else:
            target.status = SupplierConfirmation.Status.DISPUTED
            target.decision_note = note
            target.decided_by = author(user)
            target.decided_at = timezone.now()
            _save(target, user)
            order.status = Status.DISPUTED
            _save(order, user, "confirmation disputed")
    return target


# -- payments -----------------------------------------------------------------------------------


def mark_paid(*, payment: PaymentDue, paid_on: dt.date, reference: str, user: Actor) -> PaymentDue:
    require(user, Action.CHANGE, Record.PURCHASE_ORDER)
    if paid_on > local_today() + dt.timedelta(days=1):
        raise ValidationError({"paid_on": _("A payment cannot be dated in the future.")})
    with transaction.atomic():
        target = PaymentDue.objects.select_for_update().get(pk=payment.pk)
        if target.paid_on is not None:
            raise ValidationError({"paid_on": _("This payment is already recorded as made.")})
        target.paid_on = paid_on
        target.paid_reference = reference[:60]
        _save(target, user, "paid")
    return target


def set_payment_event(*, order: PurchaseOrder, event: str, day: dt.date, user: Actor) -> None:
    """Date an event payments wait for: ``bl_copy`` (the B/L date), ``documents``,
    ``invoice`` (the supplier invoices area calls this when it records the invoice)."""
    require(user, Action.CHANGE, Record.PURCHASE_ORDER)
    fields = {"bl_copy": "shipped_on", "documents": "documents_on", "invoice": "invoice_date"}
    if event not in fields:
        raise ValidationError({"event": _("Unknown payment event.")})
    with transaction.atomic():
        target = _lock(order)
        setattr(target, fields[event], day)
        if event == "bl_copy" and target.status in (Status.READY, Status.IN_PRODUCTION):
            target.status = Status.SHIPPED
        _save(target, user, event)
        _refresh_payments(target, user)


# -- follow-up ----------------------------------------------------------------------------------


def _followed(order: PurchaseOrder) -> PurchaseOrder:
    target = _lock(order)
    if target.status in (Status.DRAFT, Status.CANCELLED, Status.CLOSED):
        raise ValidationError({"__all__": _("Issue the order before following it up.")})
    return target


def save_milestone(
    *,
    order: PurchaseOrder,
    values: MilestoneValues,
    user: Actor,
    milestone: ProductionMilestone | None = None,
) -> ProductionMilestone:
    require(user, Action.CHANGE, Record.PURCHASE_ORDER)
    if values.kind not in ProductionMilestone.Kind.values:
        raise ValidationError({"kind": _("Choose a milestone.")})
    if values.actual_on and values.actual_on > local_today():
        raise ValidationError({"actual_on": _("A milestone cannot have happened in the future.")})
    with transaction.atomic():
        target = _followed(order)
        if milestone is None and target.production_milestones.count() >= MAX_MILESTONES:
            raise ValidationError(
                {"kind": _("At most %(n)d milestones per order.") % {"n": MAX_MILESTONES}}
            )
        row = milestone or ProductionMilestone(order=target)
        row.kind = values.kind
        row.label = values.label
        row.planned_on = values.planned_on
        row.actual_on = values.actual_on
        row.note = values.note
        _save(row, user)
        if values.actual_on and target.status in (Status.ISSUED, Status.CONFIRMED):
            target.status = Status.IN_PRODUCTION
            _save(target, user, "production started")
    return row


def record_inspection(*, order: PurchaseOrder, values: InspectionValues, user: Actor) -> Inspection:
    require(user, Action.CHANGE, Record.PURCHASE_ORDER)
    if values.result not in InspectionResult.values:
        raise ValidationError({"result": _("Choose the inspection's result.")})
    if not values.inspector.strip():
        raise ValidationError({"inspector": _("Name the inspector or inspection company.")})
    if values.report is not None and (values.report.size or 0) > MAX_REPORT_BYTES:
        raise ValidationError({"report": _("The report is above 10 MB.")})
    with transaction.atomic():
        target = _followed(order)
        if target.inspections.count() >= MAX_INSPECTIONS:
            raise ValidationError({"__all__": _("Too many inspections on this order.")})
        inspection = Inspection(
            order=target,
            inspector=values.inspector.strip(),
            inspection_date=values.inspection_date,
            result=values.result,
            remarks=values.remarks,
        )
        if values.report is not None:
            inspection.report.save(values.report.name or "report.pdf", values.report, save=False)
        _save(inspection, user)
    return inspection


def set_ready(*, order: PurchaseOrder, ready_on: dt.date, user: Actor) -> PurchaseOrder:
    """The goods are ready for shipment; a failed last inspection stops it."""
    require(user, Action.CHANGE, Record.PURCHASE_ORDER)
    with transaction.atomic():
        target = _followed(order)
        last = target.inspections.order_by("-inspection_date", "-pk").first()
        if last is not None and last.result == InspectionResult.FAIL:
            raise ValidationError(
                {
                    "ready_date": _(
                        "The last inspection failed: record a new inspection before "
                        "releasing the goods."
                    )
                }
            )
        target.ready_date = ready_on
        if target.status in (Status.ISSUED, Status.CONFIRMED, Status.IN_PRODUCTION):
            target.status = Status.READY
        _save(target, user, "ready")
        _refresh_payments(target, user)
    return target


MODE_OF_TRANSPORT = {
    "sea": "sea_fcl",
    "air": "air",
    "road": "road_full",
    "rail": "rail",
    "multimodal": "multimodal",
}


def create_inbound_shipment(
    *, order: PurchaseOrder, mode: str = "", ready_on: dt.date | None = None, user: Actor
) -> Shipment:
    """The inbound shipment (direction import) of the order, created through shipping's
    services with the order's goods, then linked to the order."""
    require(user, Action.CHANGE, Record.PURCHASE_ORDER)
    if order.shipment_id:
        raise ValidationError({"shipment": _("This order already has its shipment.")})
    if order.status in (Status.DRAFT, Status.CANCELLED, Status.CLOSED):
        raise ValidationError({"shipment": _("Issue the order before shipping it.")})
    supplier = order.supplier
    lines = list(selectors.order_lines(order))
    values = [
        ShipmentLineValues(
            description=(line.description or line.product.reference)[:300],
            quantity=line.quantity,
            net_weight_kg=(line.product.net_weight_kg * line.quantity).quantize(Decimal("0.001")),
            gross_weight_kg=(
                (line.product.gross_weight_kg or line.product.net_weight_kg) * line.quantity
            ).quantize(Decimal("0.001")),
            value=line.amount,
            product=line.product,
            hs_code=line.product.hs_code,
            origin_country=line.product.origin_country,
        )
        for line in lines
    ]
    details = ShipmentDetails(
        mode=mode or MODE_OF_TRANSPORT.get(order.transport_mode, "sea_fcl"),
        partner=supplier,
        shipper=supplier,
        incoterm=order.incoterm,
        incoterm_place=order.named_place,
        origin_country=supplier.country,
        destination_country="FR",
        value=selectors.order_total(order),
        currency=order.currency,
        direction="import",
        reference=order.number or "",
        payment_instrument=order.payment_instrument,
        place_of_loading=order.named_place if order.incoterm in ("FOB", "FCA", "FAS") else "",
        goods_description="; ".join(v.description for v in values)[:1000],
    )
    with transaction.atomic():
        target = _lock(order)
        shipment = shipping.create_shipment(
            details=details, lines=values, user=user, ready_on=ready_on or target.ready_date
        )
        target.shipment = shipment
        _save(target, user, "shipment created")
    return shipment


def link_shipment(*, order: PurchaseOrder, shipment: Shipment | None, user: Actor) -> None:
    """Link an existing inbound shipment (several orders may travel together)."""
    require(user, Action.CHANGE, Record.PURCHASE_ORDER)
    if shipment is not None and shipment.direction != "import":
        raise ValidationError({"shipment": _("Link an inbound shipment (direction import).")})
    with transaction.atomic():
        target = _lock(order)
        target.shipment = shipment
        _save(target, user, "shipment linked")


# -- goods receipt ------------------------------------------------------------------------------


def _claim_for(
    *,
    order: PurchaseOrder,
    receipt: Receipt,
    line: PurchaseOrderLine,
    kind: str,
    quantity: Decimal,
    note: str,
    user: Actor,
) -> SupplierClaim:
    require(user, Action.CREATE, Record.SUPPLIER_CLAIM)
    try:
        deadline = rules.claim_deadline(receipt.received_on, order.claim_days)
    except TradeInputError as error:
        raise _core_error(error) from error
    claim = SupplierClaim(
        order=order,
        receipt=receipt,
        line=line,
        kind=kind,
        quantity=quantity,
        amount=(quantity * line.unit_price).quantize(Decimal("0.01")),
        currency=order.currency,
        description=note,
        deadline=deadline.deadline,
        deadline_basis=translate(deadline.rule)[:200],
    )
    _save(claim, user)
    assignee = order.created_by or (user if getattr(user, "pk", None) else None)
    if assignee is not None:
        parties.open_task(
            title=(
                _("Notify %(supplier)s of the %(kind)s on %(order)s")
                % {
                    "supplier": order.supplier.name,
                    "kind": claim.get_kind_display().lower(),
                    "order": order.number,
                }
            )[:200],
            due=deadline.deadline,
            assigned_to=assignee,  # type: ignore[arg-type]
            company=order.supplier,
            notes=order.get_absolute_url(),
            user=author(user),
        )
    return claim


def record_receipt(
    *,
    order: PurchaseOrder,
    values: ReceiptValues,
    lines: Sequence[ReceiptLineValues],
    user: Actor,
) -> Receipt:
    """Goods received against the order, per line; a line above its ordered quantity beyond
    the tolerance refuses the whole receipt (nothing saved). A shortage against what was
    announced, damaged or non-conforming goods open a supplier claim with its deadline."""
    require(user, Action.CREATE, Record.GOODS_RECEIPT)
    if not lines:
        raise ValidationError({"lines": _("Give the quantity received of at least one line.")})
    if len(lines) > MAX_LINES:
        raise ValidationError({"lines": _("At most %(n)d lines.") % {"n": MAX_LINES}})
    if values.quality_result not in InspectionResult.values:
        raise ValidationError({"quality_result": _("Choose the quality control result.")})
    if values.received_on > local_today():
        raise ValidationError({"received_on": _("Goods cannot be received in the future.")})
    with transaction.atomic():
        target = _lock(order)
        if target.status not in RECEIVABLE:
            raise ValidationError(
                {
                    "__all__": _("An order in status “%(status)s” takes no receipt.")
                    % {"status": target.get_status_display()}
                }
            )
        if target.receipts.count() >= MAX_RECEIPTS:
            raise ValidationError({"__all__": _("Too many receipts on this order.")})
        before = selectors.received_quantities(target)
        seen: set[int] = set()
        errors: dict[str, str] = {}
        checks: dict[int, rules.ReceiptCheck] = {}
        for item in lines:
            line = item.line
            field = f"lines.{line.position}.quantity_received"
            if line.order_id != target.pk:
                raise ValidationError({"lines": _("A received line is not on this order.")})
            if line.pk in seen:
                raise ValidationError(
                    {field: _("Line %(n)d is given twice.") % {"n": line.position}}
                )
            seen.add(line.pk)
            accepted = (
                item.quantity_received if item.quantity_accepted is None else item.quantity_accepted
            )
            if accepted < 0 or accepted > item.quantity_received:
                errors[f"lines.{line.position}.quantity_accepted"] = _(
                    "Line %(n)d: the quantity accepted is between 0 and the quantity received."
                ) % {"n": line.position}
            try:
                checks[line.pk] = rules.check_receipt(
                    ordered=line.quantity,
                    received_before=before.get(line.pk, Decimal("0")),
                    received_now=item.quantity_received,
                    unit=line.unit,
                    tolerance_pct=target.receipt_tolerance_pct,
                    field_name=field,
                )
            except TradeInputError as error:
                errors[field] = _("Line %(n)d (%(product)s): %(message)s") % {
                    "n": line.position,
                    "product": line.product.reference,
                    "message": _message(error),
                }
        if errors:
            raise ValidationError(errors)
        receipt = Receipt(
            order=target,
            number=_next_number("GR", Receipt, values.received_on.year),
            received_on=values.received_on,
            shipment=target.shipment,
            delivery_note=values.delivery_note,
            quality_result=values.quality_result,
            remarks=values.remarks,
            created_by=author(user),
        )
        _save(receipt, user)
        for item in lines:
            line = item.line
            accepted = (
                item.quantity_received if item.quantity_accepted is None else item.quantity_accepted
            )
            condition = item.condition
            if accepted < item.quantity_received and condition == "good":
                condition = "nonconforming"
            row = ReceiptLine(
                receipt=receipt,
                line=line,
                quantity_received=item.quantity_received,
                quantity_accepted=accepted,
                condition=condition,
                note=item.note,
            )
            _save(row, user)
            expected = item.quantity_expected
            if expected is None:
                expected = max(line.quantity - before.get(line.pk, Decimal("0")), Decimal("0"))
            if item.quantity_received < expected:
                _claim_for(
                    order=target,
                    receipt=receipt,
                    line=line,
                    kind=SupplierClaim.Kind.SHORTAGE,
                    quantity=expected - item.quantity_received,
                    note=item.note,
                    user=user,
                )
            refused = item.quantity_received - accepted
            if refused > 0:
                _claim_for(
                    order=target,
                    receipt=receipt,
                    line=line,
                    kind=(
                        SupplierClaim.Kind.DAMAGE
                        if condition == "damaged"
                        else SupplierClaim.Kind.NONCONFORMITY
                    ),
                    quantity=refused,
                    note=item.note,
                    user=user,
                )
        after = selectors.received_quantities(target)
        complete = all(after[line.pk] >= line.quantity for line in target.lines.all())
        target.status = Status.RECEIVED if complete else Status.PARTLY_RECEIVED
        _save(target, user, "goods received")
        _refresh_payments(target, user)
        _feed_performance(target, receipt, user)
    return receipt


#: our claim kinds -> the suppliers area's incident kinds
INCIDENT_KINDS = {"shortage": "shortage", "damage": "damage", "nonconformity": "non_conformity"}


def _feed_performance(order: PurchaseOrder, receipt: Receipt, user: Actor) -> None:
    """The supplier's performance is kept by the suppliers area (below us): each receipt
    line is a delivery for the OTIF (promised date: the line's confirmed date, else the
    order's, else the requested one), each claim an incident."""
    for row in receipt.lines.select_related("line"):
        line = row.line
        promised = (
            line.confirmed_date
            or order.confirmed_date
            or line.requested_date
            or order.requested_date
            or order.order_date
        )
        suppliers.record_delivery(
            order.supplier,
            order_ref=order.number or "",
            promised_date=max(promised, order.order_date),
            delivered_date=receipt.received_on,
            quantity_ordered=line.quantity,
            quantity_received=row.quantity_received,
            quantity_accepted=row.quantity_accepted,
            receipt_ref=f"{receipt.number}/{line.position}",
            ordered_on=order.order_date,
            user=user,
        )
    for claim in receipt.claims.select_related("line__product"):
        suppliers.record_incident(
            order.supplier,
            kind=INCIDENT_KINDS[claim.kind],
            date=receipt.received_on,
            reference=f"{order.number} {receipt.number}",
            description=(
                f"{claim.get_kind_display()}: {claim.quantity.normalize():f} "
                f"{claim.line.unit if claim.line else ''} "
                f"{claim.line.product.reference if claim.line else ''}. {claim.description}"
            ).strip(),
            user=user,
        )


def set_claim_status(
    *,
    claim: SupplierClaim,
    status: str,
    user: Actor,
    notified_on: dt.date | None = None,
    outcome: str = "",
    settled_amount: Decimal | None = None,
) -> SupplierClaim:
    require(user, Action.CHANGE, Record.SUPPLIER_CLAIM)
    if status not in SupplierClaim.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    if status == SupplierClaim.Status.NOTIFIED and notified_on is None:
        raise ValidationError({"notified_on": _("Give the date the supplier was notified.")})
    if settled_amount is not None and settled_amount < 0:
        raise ValidationError({"settled_amount": _("An amount cannot be negative.")})
    with transaction.atomic():
        target = SupplierClaim.objects.select_for_update().get(pk=claim.pk)
        target.status = status
        if notified_on is not None:
            target.notified_on = notified_on
        if outcome:
            target.outcome = outcome
        if settled_amount is not None:
            target.settled_amount = settled_amount
        _save(target, user, status)
    return target


# -- daily job ------------------------------------------------------------------------------


def daily_follow_up(day: dt.date) -> int:
    """Tasks for late orders (once per order and confirmed date) and for payments falling
    due in the next 3 days; idempotent (a task with the same title is not opened twice)."""
    from comptoir.parties.models import Task

    opened = 0
    for order in selectors.late_orders(day):
        if order.created_by is None:
            continue
        promised = order.confirmed_date or order.requested_date
        title = (
            _("Late: %(order)s from %(supplier)s was due on %(date)s")
            % {"order": order.number, "supplier": order.supplier.name, "date": promised}
        )[:200]
        if Task.objects.filter(title=title, assigned_to=order.created_by).exists():
            continue
        parties.open_task(
            title=title,
            due=day,
            assigned_to=order.created_by,
            company=order.supplier,
            notes=order.get_absolute_url(),
            user=None,
        )
        opened += 1
    for payment in selectors.unpaid_payments(day + dt.timedelta(days=3)):
        order = payment.order
        if order.created_by is None or order.status == Status.CANCELLED:
            continue
        title = (
            _("Pay %(amount)s %(currency)s to %(supplier)s (%(order)s, %(kind)s)")
            % {
                "amount": payment.amount,
                "currency": payment.currency,
                "supplier": order.supplier.name,
                "order": order.number,
                "kind": payment.get_kind_display().lower(),
            }
        )[:200]
        if Task.objects.filter(title=title, assigned_to=order.created_by).exists():
            continue
        parties.open_task(
            title=title,
            due=payment.due_on or day,
            assigned_to=order.created_by,
            company=order.supplier,
            notes=order.get_absolute_url(),
            user=None,
        )
        opened += 1
    return opened
