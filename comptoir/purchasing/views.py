"""Purchase orders: the list, the order form (draft or revision), the order page with its
confirmation, payments, follow-up, shipment, receipts and claims, the PDF.

The pages read through :mod:`.selectors`; writes go through :mod:`.services` (thin views,
no write on GET)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import Action, Record, acting_user, allowed, require_edit
from comptoir.common import panels
from comptoir.common.dates import today
from comptoir.common.feedback import form_errors as _form_errors
from comptoir.common.feedback import refused as _refused
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.documents.pdf import pdf_response
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Shipment
from comptoir.tenders.models import Tender
from comptoir.trade import purchasing as rules

from . import documents, selectors, services
from . import from_tender as creating
from .forms import (
    ClaimStatusForm,
    ConfirmationForm,
    ConfirmedLineForm,
    DecisionForm,
    EventForm,
    InspectionForm,
    LineFormSet,
    MilestoneForm,
    OrderForm,
    PaidForm,
    ReadyForm,
    ReasonForm,
    ReceiptForm,
    ReceiptLineForm,
    ShipmentForm,
)
from .inputs import ConfirmedLineValues, ReceiptLineValues
from .models import PurchaseOrder

Status = PurchaseOrder.Status
CANNOT_CANCEL = (
    Status.DRAFT,
    Status.CANCELLED,
    Status.CLOSED,
    Status.RECEIVED,
    Status.PARTLY_RECEIVED,
)


def _order(pk: int) -> PurchaseOrder:
    try:
        return selectors.order_for_page(pk)
    except PurchaseOrder.DoesNotExist:
        raise Http404 from None


def _back(order: PurchaseOrder, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(order.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def order_list(request: HttpRequest) -> HttpResponse:
    day = today()
    return render(
        request,
        "purchasing/order_list.html",
        {
            "page": page_of(request, selectors.order_list(request.GET)),
            "params": request.GET,
            "statuses": PurchaseOrder.Status.choices,
            "late": selectors.late_orders(day)[:50],
            "arrivals": selectors.arrivals_within(day),
            "today": day,
        },
    )


def _edit(request: HttpRequest, order: PurchaseOrder | None) -> HttpResponse:
    require_edit(request.user)
    user = acting_user(request)
    revising = order is not None and not order.is_draft
    if order is None:
        initial: dict[str, Any] = {
            "order_date": today(),
            "currency": "EUR",
            "incoterm": "FCA",
            "balance_trigger": "invoice",
            "payment_days": 30,
        }
        supplier = request.GET.get("supplier", "")
        if supplier.isdigit():
            initial["supplier"] = int(supplier)
        lines_initial: list[dict[str, Any]] = []
    else:
        initial = OrderForm.initial_of(order)
        lines_initial = [
            {
                "product": line.product_id,
                "supplier_reference": line.supplier_reference,
                "description": line.description,
                "quantity": line.quantity,
                "unit": line.unit,
                "unit_price": line.unit_price,
                "requested_date": line.requested_date,
            }
            for line in selectors.order_lines(order)
        ]
    data = request.POST if request.method == "POST" else None
    form = OrderForm(data, initial=initial)
    lines = LineFormSet(data, initial=lines_initial, prefix="lines")
    reason = ReasonForm(data) if revising else None
    if request.method == "POST":
        valid = form.is_valid() & lines.is_valid() & (reason is None or reason.is_valid())
        if valid:
            values = form.values()
            line_values = [
                line.values() for line in lines if line.has_changed() and line.cleaned_data
            ]
            try:
                if order is None:
                    order = services.create_order(values=values, lines=line_values, user=user)
                    messages.success(request, _("Draft purchase order saved."))
                elif revising:
                    assert reason is not None
                    order = services.revise_order(
                        order=order,
                        values=values,
                        lines=line_values,
                        reason=reason.cleaned_data["reason"],
                        user=user,
                    )
                    messages.success(
                        request,
                        _("Revision %(n)d of %(number)s saved: send it to the supplier.")
                        % {"n": order.revision, "number": order.number},
                    )
                else:
                    order = services.update_draft(
                        order=order, values=values, lines=line_values, user=user
                    )
                    messages.success(request, _("Draft purchase order saved."))
                return _back(order)
            except ValidationError as exc:
                errors_on_form(form, exc, lambda name: name if name in form.fields else "__all__")
        messages.error(request, _("The order was not saved: correct the fields marked in red."))
    return render(
        request,
        "purchasing/order_form.html",
        {"form": form, "lines": lines, "reason_form": reason, "order": order},
    )


def order_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


def order_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, _order(pk))


def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order(pk)
    day = today()
    lines = list(selectors.order_lines(order))
    received = selectors.received_quantities(order)
    accepted = selectors.accepted_quantities(order)
    confirmations = list(order.confirmations.prefetch_related("lines"))
    shipment = order.shipment
    return render(
        request,
        "purchasing/order_detail.html",
        {
            "order": order,
            "rows": [
                {
                    "line": line,
                    "received": received.get(line.pk, Decimal("0")),
                    "accepted": accepted.get(line.pk, Decimal("0")),
                    "outstanding": line.quantity - received.get(line.pk, Decimal("0")),
                    "receipt_form": ReceiptLineForm(
                        prefix=f"r{line.pk}",
                        initial={
                            "expected": max(
                                line.quantity - received.get(line.pk, Decimal("0")),
                                Decimal("0"),
                            ),
                            "condition": "good",
                        },
                    ),
                    "confirm_form": ConfirmedLineForm(
                        prefix=f"c{line.pk}",
                        initial={
                            "quantity": line.quantity,
                            "unit_price": line.unit_price,
                            "date": line.requested_date or order.requested_date,
                        },
                    ),
                }
                for line in lines
            ],
            "total": selectors.order_total(order),
            "days_late": rules.days_late(
                confirmed=order.confirmed_date,
                requested=order.requested_date,
                ready=order.ready_date,
                today=day,
            )
            if order.status in selectors.NOT_READY
            else 0,
            "revisions": order.revisions.all(),
            "confirmations": confirmations,
            "payments": selectors.payments_due(order),
            "milestones": order.production_milestones.all(),
            "inspections": order.inspections.all(),
            "receipts": selectors.receipts(order),
            "claims": selectors.claims(order),
            "shipment": shipment,
            "shipment_milestones": shipping_selectors.milestones_in_order(shipment)
            if shipment
            else [],
            "eta": selectors.shipment_eta(shipment),
            "payment_terms": documents.payment_terms_text(order),
            "recipient": documents.recipient(order),
            "confirmation_form": ConfirmationForm(
                initial={
                    "received_on": day,
                    "currency": order.currency,
                    "incoterm": order.incoterm,
                    "named_place": order.named_place,
                    "ready_date": order.requested_date,
                }
            ),
            "decision_form": DecisionForm(),
            "paid_form": PaidForm(initial={"paid_on": day}),
            "event_form": EventForm(initial={"day": day}),
            "milestone_form": MilestoneForm(),
            "inspection_form": InspectionForm(initial={"inspection_date": day}),
            "ready_form": ReadyForm(initial={"ready_on": day}),
            "sections": panels.sections(panels.PURCHASE_ORDER, order, request),
            "receipt_form": ReceiptForm(initial={"received_on": day}),
            "claim_form": ClaimStatusForm(initial={"notified_on": day}),
            "reason_form": ReasonForm(),
            "flags": {
                "revise": order.status in services.REVISABLE,
                "cancel": order.status not in CANNOT_CANCEL,
                "close": order.status in (Status.PARTLY_RECEIVED, Status.RECEIVED),
                "confirm": order.status in (Status.ISSUED, Status.DISPUTED),
                "follow": order.status not in (Status.DRAFT, Status.CANCELLED, Status.CLOSED),
                "receive": order.status in services.RECEIVABLE,
            },
            "may_cancel": allowed(request.user, Action.RELEASE, Record.PURCHASE_ORDER),
            "may_receive": allowed(request.user, Action.CREATE, Record.GOODS_RECEIPT),
            "today": day,
        },
    )


def order_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order(pk)
    return pdf_response(documents.order_pdf(order), documents.order_filename(order))


def _post(
    request: HttpRequest, pk: int, work: Callable[[PurchaseOrder, Any], str], anchor: str = ""
) -> HttpResponse:
    """Run ``work(order, user)`` (a service call) and say what it did or why it refused."""
    order = _order(pk)
    try:
        done = work(order, acting_user(request))
        if done:
            messages.success(request, done)
    except ValidationError as exc:
        _refused(request, exc)
    return _back(order, anchor)


@require_POST
def from_tender(request: HttpRequest, tender_pk: int) -> HttpResponse:
    """The draft orders of a decided tender, one per supplier; back to the tender if refused."""
    user = acting_user(request)
    tender = get_object_or_404(Tender, pk=tender_pk)
    try:
        orders = creating.create_orders_from_tender(tender=tender, order_date=today(), user=user)
    except ValidationError as exc:
        _refused(request, exc)
        return HttpResponseRedirect(reverse("tenders:detail", args=[tender.pk]))
    messages.success(
        request,
        ngettext(
            "%(n)d draft purchase order prepared: check it and issue it.",
            "%(n)d draft purchase orders prepared: check them and issue them.",
            len(orders),
        )
        % {"n": len(orders)},
    )
    if len(orders) == 1:
        return HttpResponseRedirect(orders[0].get_absolute_url())
    return HttpResponseRedirect(reverse("purchasing:order_list") + "?status=draft")


@require_POST
def order_issue(request: HttpRequest, pk: int) -> HttpResponse:
    def work(order: PurchaseOrder, user: Any) -> str:
        issued = services.issue_order(order=order, user=user)
        return _("Purchase order %(number)s issued.") % {"number": issued.number}

    return _post(request, pk, work)


@require_POST
def order_send(request: HttpRequest, pk: int) -> HttpResponse:
    from .tasks import email_purchase_order

    def work(order: PurchaseOrder, user: Any) -> str:
        to = documents.recipient(order)
        if not to:
            raise ValidationError(
                _("The supplier has no e-mail address: add one to its company or a contact.")
            )
        services.mark_sent(order=order, user=user)
        email_purchase_order.enqueue(order.pk, user.pk)
        return _("The order is being sent to %(to)s.") % {"to": to}

    return _post(request, pk, work)


@require_POST
def order_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReasonForm(request.POST)

    def work(order: PurchaseOrder, user: Any) -> str:
        if not form.is_valid():
            raise ValidationError(_("Say why the order is cancelled."))
        services.cancel_order(order=order, reason=form.cleaned_data["reason"], user=user)
        return _("Order cancelled.")

    return _post(request, pk, work)


@require_POST
def order_delete(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order(pk)
    try:
        services.delete_draft(order=order, user=acting_user(request))
    except ValidationError as exc:
        _refused(request, exc)
        return _back(order)
    messages.success(request, _("Draft deleted."))
    return HttpResponseRedirect(reverse("purchasing:order_list"))


@require_POST
def order_close(request: HttpRequest, pk: int) -> HttpResponse:
    def work(order: PurchaseOrder, user: Any) -> str:
        services.close_order(order=order, reason=request.POST.get("reason", "")[:300], user=user)
        return _("Order closed.")

    return _post(request, pk, work)


@require_POST
def confirmation_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = ConfirmationForm(request.POST)

    def work(order: PurchaseOrder, user: Any) -> str:
        if not form.is_valid():
            _form_errors(request, form)
            return ""
        lines = []
        for line in selectors.order_lines(order):
            line_form = ConfirmedLineForm(request.POST, prefix=f"c{line.pk}")
            if not line_form.is_valid():
                _form_errors(request, line_form)
                return ""
            lines.append(
                ConfirmedLineValues(
                    line=line,
                    quantity=line_form.cleaned_data["quantity"],
                    unit_price=line_form.cleaned_data["unit_price"],
                    date=line_form.cleaned_data["date"],
                )
            )
        confirmation = services.record_confirmation(
            order=order, values=form.values(), lines=lines, user=user
        )
        if confirmation.differences:
            return _("Confirmation recorded: %(n)d difference(s) to accept or dispute.") % {
                "n": len(confirmation.differences)
            }
        return _("Confirmation as ordered: the order is confirmed.")

    return _post(request, pk, work, "confirmation")


@require_POST
def confirmation_decide(request: HttpRequest, pk: int, confirmation_pk: int) -> HttpResponse:
    form = DecisionForm(request.POST)

    def work(order: PurchaseOrder, user: Any) -> str:
        confirmation = get_object_or_404(order.confirmations, pk=confirmation_pk)
        if not form.is_valid():
            raise ValidationError(_("Accept or dispute the confirmation."))
        accept = form.cleaned_data["decision"] == "accept"
        services.decide_confirmation(
            confirmation=confirmation,
            accept=accept,
            note=form.cleaned_data["note"],
            user=user,
        )
        return (
            _("Differences accepted: they are now the order's terms.")
            if accept
            else _("Confirmation disputed.")
        )

    return _post(request, pk, work, "confirmation")


@require_POST
def payment_paid(request: HttpRequest, pk: int, payment_pk: int) -> HttpResponse:
    form = PaidForm(request.POST)

    def work(order: PurchaseOrder, user: Any) -> str:
        payment = get_object_or_404(order.payments, pk=payment_pk)
        if not form.is_valid():
            raise ValidationError(_("Give the payment date."))
        services.mark_paid(
            payment=payment,
            paid_on=form.cleaned_data["paid_on"],
            reference=form.cleaned_data["reference"],
            user=user,
        )
        return _("Payment recorded.")

    return _post(request, pk, work, "payments")


@require_POST
def payment_event(request: HttpRequest, pk: int) -> HttpResponse:
    form = EventForm(request.POST)

    def work(order: PurchaseOrder, user: Any) -> str:
        if not form.is_valid():
            _form_errors(request, form)
            return ""
        services.set_payment_event(
            order=order, event=form.cleaned_data["event"], day=form.cleaned_data["day"], user=user
        )
        return _("Date recorded; payments due updated.")

    return _post(request, pk, work, "payments")


@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = MilestoneForm(request.POST)

    def work(order: PurchaseOrder, user: Any) -> str:
        if not form.is_valid():
            _form_errors(request, form)
            return ""
        services.save_milestone(order=order, values=form.values(), user=user)
        return _("Milestone saved.")

    return _post(request, pk, work, "follow-up")


@require_POST
def milestone_done(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    def work(order: PurchaseOrder, user: Any) -> str:
        milestone = get_object_or_404(order.production_milestones, pk=milestone_pk)
        from .inputs import MilestoneValues

        services.save_milestone(
            order=order,
            milestone=milestone,
            values=MilestoneValues(
                kind=milestone.kind,
                label=milestone.label,
                planned_on=milestone.planned_on,
                actual_on=today(),
                note=milestone.note,
            ),
            user=user,
        )
        return _("Milestone saved.")

    return _post(request, pk, work, "follow-up")


@require_POST
def inspection_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = InspectionForm(request.POST, request.FILES)

    def work(order: PurchaseOrder, user: Any) -> str:
        if not form.is_valid():
            _form_errors(request, form)
            return ""
        services.record_inspection(order=order, values=form.values(), user=user)
        return _("Inspection recorded.")

    return _post(request, pk, work, "follow-up")


def inspection_report(request: HttpRequest, pk: int, inspection_pk: int) -> FileResponse:
    order = _order(pk)
    inspection = order.inspections.filter(pk=inspection_pk).first()
    if inspection is None or not inspection.report:
        raise Http404
    try:
        handle = inspection.report.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=inspection.report.name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def order_ready(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReadyForm(request.POST)

    def work(order: PurchaseOrder, user: Any) -> str:
        if not form.is_valid():
            raise ValidationError(_("Give the date the goods are ready."))
        services.set_ready(order=order, ready_on=form.cleaned_data["ready_on"], user=user)
        return _("Goods ready.")

    return _post(request, pk, work, "follow-up")


@require_POST
def order_shipment(request: HttpRequest, pk: int) -> HttpResponse:
    form = ShipmentForm(request.POST)

    def work(order: PurchaseOrder, user: Any) -> str:
        if not form.is_valid():
            raise ValidationError(_("Create or link a shipment."))
        if form.cleaned_data["action"] == "create":
            shipment = services.create_inbound_shipment(order=order, user=user)
            return _("Inbound shipment %(number)s created.") % {"number": shipment.number}
        number = form.cleaned_data["shipment_number"].strip()
        existing = Shipment.objects.filter(number=number).first()
        if existing is None:
            raise ValidationError({"shipment": _("No shipment numbered %(n)s.") % {"n": number}})
        services.link_shipment(order=order, shipment=existing, user=user)
        return _("Linked to shipment %(number)s.") % {"number": existing.number}

    return _post(request, pk, work, "shipment")


@require_POST
def receipt_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReceiptForm(request.POST)

    def work(order: PurchaseOrder, user: Any) -> str:
        if not form.is_valid():
            _form_errors(request, form)
            return ""
        lines = []
        for line in selectors.order_lines(order):
            line_form = ReceiptLineForm(request.POST, prefix=f"r{line.pk}")
            if not line_form.is_valid():
                _form_errors(request, line_form)
                return ""
            data = line_form.cleaned_data
            if data["received"] is None:
                continue
            lines.append(
                ReceiptLineValues(
                    line=line,
                    quantity_received=data["received"],
                    quantity_expected=data["expected"],
                    quantity_accepted=data["accepted"],
                    condition=data["condition"],
                    note=data["note"],
                )
            )
        receipt = services.record_receipt(order=order, values=form.values(), lines=lines, user=user)
        opened = receipt.claims.count()
        done = _("Receipt %(number)s recorded.") % {"number": receipt.number}
        if opened:
            done += " " + _("%(n)d claim(s) to the supplier opened, with their deadline.") % {
                "n": opened
            }
        return done

    return _post(request, pk, work, "receipts")


@require_POST
def claim_status(request: HttpRequest, pk: int, claim_pk: int) -> HttpResponse:
    form = ClaimStatusForm(request.POST)

    def work(order: PurchaseOrder, user: Any) -> str:
        claim = get_object_or_404(order.claims, pk=claim_pk)
        if not form.is_valid():
            _form_errors(request, form)
            return ""
        data = form.cleaned_data
        services.set_claim_status(
            claim=claim,
            status=data["status"],
            notified_on=data["notified_on"],
            outcome=data["outcome"],
            settled_amount=data["settled_amount"],
            user=user,
        )
        return _("Claim updated.")

    return _post(request, pk, work, "claims")
