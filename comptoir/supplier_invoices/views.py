"""Supplier-invoice screens: the list, the invoice with its three-way match, approval or
dispute, credit notes and payments, the open payables, the tolerances, and the landed cost of
a goods receipt. Views parse, forms validate, services write."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comptoir.accounts.roles import Action, Record, acting_user, allowed, require_edit
from comptoir.calculators.texts import translate
from comptoir.common.pages import page_of
from comptoir.common.params import BadParameter
from comptoir.common.values import errors_on_form
from comptoir.purchasing.models import PurchaseOrder, Receipt

from . import selectors, services
from .forms import (
    ApproveForm,
    CostForm,
    CreditNoteForm,
    DisputeForm,
    InvoiceForm,
    PaymentForm,
    SettingsForm,
)
from .models import CostKind, LandedCostItem, MatchSettings, SupplierInvoice

KIND_LABELS = {
    "quantity_over_received": gettext_lazy("Quantity above the goods received"),
    "quantity_over_ordered": gettext_lazy("Quantity above the order"),
    "price": gettext_lazy("Unit price"),
    "currency": gettext_lazy("Currency"),
    "terms": gettext_lazy("Payment terms"),
    "incoterm": gettext_lazy("Incoterm"),
    "not_on_order": gettext_lazy("Not on the order"),
}


def _kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def _errors(request: HttpRequest, exc: ValidationError, form: Any = None) -> None:
    if form is not None and hasattr(exc, "error_dict"):
        errors_on_form(form, exc)
        return
    for message in exc.messages:
        messages.error(request, message)


def _invoice(pk: int) -> SupplierInvoice:
    try:
        return selectors.invoice_for_page(pk)
    except SupplierInvoice.DoesNotExist:
        raise Http404 from None


def invoice_list(request: HttpRequest) -> HttpResponse:
    bad = None
    try:
        invoices = selectors.invoice_list(request.GET)
    except BadParameter as exc:  # a date that is not one, a reversed period: said, nothing listed
        invoices, bad = SupplierInvoice.objects.none(), exc
    return render(
        request,
        "supplier_invoices/invoice_list.html",
        {
            "page": page_of(request, invoices),
            "statuses": SupplierInvoice.Status.choices,
            "q": request.GET.get("q", ""),
            "params": request.GET,
            "bad": bad,
            "payables": selectors.open_payables_by_currency(),
        },
        status=400 if bad else 200,
    )


def invoice_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    invoice = _invoice(pk) if pk is not None else None
    if invoice is not None:
        order = invoice.order
    else:
        order_id = request.GET.get("order", "")
        if not order_id.isdigit():
            raise Http404
        order = get_object_or_404(PurchaseOrder, pk=int(order_id))
    form = InvoiceForm(
        request.POST or None,
        request.FILES or None,
        order=order,
        initial=InvoiceForm.initial_for(order, invoice),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_invoice(
                invoice=invoice,
                values=form.values(order.supplier),
                user=acting_user(request),
                file=form.cleaned_data.get("file"),
            )
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            if saved.status == SupplierInvoice.Status.MATCHED:
                messages.success(
                    request, _("Invoice recorded: it matches the order and the receipt.")
                )
            else:
                messages.warning(
                    request, _("Invoice recorded: differences to settle before approval.")
                )
            return HttpResponseRedirect(saved.get_absolute_url())
    return render(
        request,
        "supplier_invoices/invoice_form.html",
        {"form": form, "order": order, "invoice": invoice},
    )


def _number(text: str) -> str:
    """A figure of the match (price, quantity, days) in the reader's format (2,2000 in
    French); a code or a date stays as it is."""
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return text
    return number_format(value, use_l10n=True) if value.is_finite() else text


def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice(pk)
    live = None
    if invoice.status in services.EDITABLE and not invoice.is_credit_note:
        result = selectors.match_of(invoice)
        live = [
            {
                "kind": _kind_label(d.kind),
                "position": d.position,
                "expected": _number(d.expected),
                "found": _number(d.found),
                "amount": d.amount,
                "within_tolerance": d.within_tolerance,
                "text": translate(d.text),
            }
            for d in result.differences
        ]
    stored = [
        dict(
            row,
            kind=_kind_label(str(row["kind"])),
            expected=_number(str(row.get("expected", ""))),
            found=_number(str(row.get("found", ""))),
        )
        for row in invoice.differences
    ]
    needs_manager = live is not None and services.needs_manager(invoice)
    return render(
        request,
        "supplier_invoices/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": list(invoice.lines.select_related("order_line", "order_line__product")),
            "differences": live if live is not None else stored,
            "live": live is not None,
            "payments": list(selectors.payments(invoice)),
            "credit_notes": list(invoice.credit_notes.all()),
            "needs_manager": needs_manager,
            # the approve button only for who may approve this one (the service checks again)
            "may_approve": not needs_manager
            or allowed(request.user, Action.RELEASE, Record.SUPPLIER_INVOICE),
            "approve_form": ApproveForm(),
            "dispute_form": DisputeForm(),
            "credit_form": CreditNoteForm(),
            "payment_form": PaymentForm(initial={"amount": invoice.balance_due}),
            "editable": invoice.status in services.EDITABLE and not invoice.is_credit_note,
        },
    )


def invoice_file(request: HttpRequest, pk: int) -> FileResponse:
    invoice = _invoice(pk)
    if not invoice.file:
        raise Http404
    return FileResponse(
        invoice.file.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=invoice.file_name or "invoice.pdf",
    )


def invoice_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    require_edit(request.user)
    if request.method != "POST":
        raise Http404
    invoice = _invoice(pk)
    user = acting_user(request)
    try:
        if action == "approve":
            approve_form = ApproveForm(request.POST)
            approve_form.is_valid()
            services.approve(
                invoice=invoice, user=user, note=approve_form.cleaned_data.get("note", "")
            )
            messages.success(request, _("Invoice approved for payment."))
        elif action == "dispute":
            dispute_form = DisputeForm(request.POST)
            if not dispute_form.is_valid():
                raise ValidationError(_("Say what is disputed, for the supplier."))
            services.dispute(invoice=invoice, reason=dispute_form.cleaned_data["reason"], user=user)
            messages.success(request, _("Invoice disputed: a task follows the supplier's answer."))
        elif action == "recheck":
            services.recheck(invoice=invoice, user=user)
            messages.success(request, _("Invoice matched again."))
        elif action == "credit-note":
            credit_form = CreditNoteForm(request.POST)
            if not credit_form.is_valid():
                raise ValidationError([e for errs in credit_form.errors.values() for e in errs])
            services.record_credit_note(invoice=invoice, values=credit_form.values(), user=user)
            messages.success(request, _("Credit note recorded."))
        elif action == "payment":
            payment_form = PaymentForm(request.POST)
            if not payment_form.is_valid():
                raise ValidationError([e for errs in payment_form.errors.values() for e in errs])
            payment = services.record_payment(
                invoice=invoice, values=payment_form.values(), user=user
            )
            messages.success(
                request,
                _("Payment recorded; exchange difference %(diff)s EUR.")
                % {"diff": payment.exchange_difference_eur},
            )
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return HttpResponseRedirect(invoice.get_absolute_url())


def payables(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "supplier_invoices/payables.html",
        {"rows": selectors.open_payables(), "totals": selectors.open_payables_by_currency()},
    )


def match_settings(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST or None, instance=MatchSettings.get())
    if request.method == "POST":
        require_edit(request.user)
        if form.is_valid():
            try:
                services.save_settings(values=form.values(), user=acting_user(request))
            except ValidationError as exc:
                _errors(request, exc, form)
            else:
                messages.success(request, _("Tolerances saved."))
                return HttpResponseRedirect(reverse("supplier_invoices:settings"))
    return render(request, "supplier_invoices/settings.html", {"form": form})


# ----------------------------------------------------------------------------- landed cost


def landed_cost_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "supplier_invoices/landed_cost_list.html",
        {
            "page": page_of(request, selectors.landed_cost_list()),
            "waiting": list(selectors.receipts_without_landed_cost()[:50]),
        },
    )


def landed_cost(request: HttpRequest, receipt_pk: int) -> HttpResponse:
    receipt = get_object_or_404(
        Receipt.objects.select_related("order", "order__supplier"), pk=receipt_pk
    )
    landed = selectors.landed_cost_of(receipt)
    kinds = list(CostKind)
    rows = []
    if landed is not None:
        for line in landed.lines.select_related("receipt_line__line", "product"):
            rows.append(
                {
                    "line": line,
                    "shares": [line.shares.get(k.value, "0") for k in kinds],
                }
            )
    return render(
        request,
        "supplier_invoices/landed_cost.html",
        {
            "receipt": receipt,
            "landed": landed,
            "items": list(landed.items.select_related("provider")) if landed else [],
            "rows": rows,
            "kinds": kinds,
            "cost_form": CostForm(),
        },
    )


def landed_cost_action(request: HttpRequest, receipt_pk: int, action: str) -> HttpResponse:
    require_edit(request.user)
    if request.method != "POST":
        raise Http404
    receipt = get_object_or_404(Receipt, pk=receipt_pk)
    user = acting_user(request)
    landed = selectors.landed_cost_of(receipt)
    try:
        if action == "open":
            services.open_landed_cost(receipt=receipt, user=user)
        elif landed is None:
            raise Http404
        elif action == "add":
            form = CostForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errs in form.errors.values() for e in errs])
            services.add_cost(landed_cost=landed, values=form.values(), user=user)
            messages.success(request, _("Cost added and shared."))
        elif action == "remove":
            item_id = request.POST.get("item", "")
            item = get_object_or_404(
                LandedCostItem, pk=int(item_id) if item_id.isdigit() else 0, landed_cost=landed
            )
            services.remove_cost(item=item, user=user)
        elif action == "recompute":
            services.recompute(landed_cost=landed, user=user)
        elif action == "apply":
            done = services.apply_cost_prices(landed_cost=landed, user=user)
            messages.success(
                request,
                _("Cost price set on %(n)d products for the next offers.") % {"n": len(done)},
            )
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return HttpResponseRedirect(reverse("supplier_invoices:landed_cost", args=[receipt.pk]))
