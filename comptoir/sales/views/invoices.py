"""Invoice screens: list and search, detail, actions (issue, credit note, e-mail), PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from comptoir.accounts.roles import (
    acting_user,
    require_edit,
)
from comptoir.common import dates, panels
from comptoir.common.pages import page_of
from comptoir.common.params import BadParameter
from comptoir.documents.pdf import pdf_response

from .. import billing, selectors
from ..forms import (
    IssueForm,
    ReasonForm,
)
from ..models import Invoice
from .edge import post_errors, posted_quantities

# --------------------------------------------------------------------------- invoices


def invoice_list(request: HttpRequest) -> HttpResponse:
    today = dates.today()
    bad = None
    try:
        invoices = selectors.invoice_list(request.GET, today)
    except BadParameter as exc:  # a date that is not one, a reversed period: said, nothing listed
        invoices, bad = Invoice.objects.none(), exc
    return render(
        request,
        "sales/invoice_list.html",
        {"page": page_of(request, invoices), "params": request.GET, "today": today, "bad": bad},
        status=400 if bad else 200,
    )


def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(
        Invoice.objects.select_related("client", "order", "delivery", "credited_invoice"), pk=pk
    )
    draft_totals, issue_needs = billing.draft_outlook(invoice)
    return render(
        request,
        "sales/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.all(),
            "allocations": invoice.allocations.select_related("payment"),
            "credit_notes": invoice.credit_notes.all(),
            "balance": invoice.balance_due if invoice.is_issued else None,
            "pdf_intact": billing.verify_pdf(invoice) if invoice.is_issued else None,
            "reason_form": ReasonForm(),
            "issue_needs": issue_needs,
            "draft_totals": draft_totals,
            "issue_form": IssueForm(),
            "sections": panels.sections(panels.INVOICE, invoice, request),
        },
    )


def invoice_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    require_edit(request.user)
    if request.method != "POST":
        raise Http404
    invoice = get_object_or_404(Invoice, pk=pk)
    user = acting_user(request)
    try:
        if action == "issue":
            form = IssueForm(request.POST)
            data = form.cleaned_data if form.is_valid() else {}
            invoice = billing.issue(
                invoice=invoice,
                user=user,
                review_note=data.get("review_note", ""),
                term_basis=data.get("term_basis", ""),
                term_reason=data.get("term_reason", ""),
            )
            messages.success(request, _("%(n)s issued.") % {"n": invoice.number})
        elif action == "delete":
            client = invoice.client
            billing.delete_draft(invoice=invoice, user=user)
            messages.success(request, _("Draft deleted."))
            return HttpResponseRedirect(client.get_absolute_url())
        elif action == "credit":
            note = billing.draft_credit_note(
                invoice=invoice,
                user=user,
                quantities=posted_quantities(request, invoice.lines.all()),
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("Draft credit note created: check it, then issue it."))
            return HttpResponseRedirect(note.get_absolute_url())
        else:
            raise Http404
    except ValidationError as exc:
        post_errors(request, exc)
    return HttpResponseRedirect(invoice.get_absolute_url())


def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF exactly as issued (the stored bytes, checked against their SHA-256)."""
    invoice = get_object_or_404(Invoice, pk=pk)
    if not invoice.is_issued or not invoice.pdf:
        raise Http404
    if not billing.verify_pdf(invoice):
        raise ValidationError("stored PDF does not match its SHA-256")
    response = pdf_response(bytes(invoice.pdf), f"{invoice.number}.pdf")
    response["X-Content-SHA256"] = invoice.pdf_sha256
    return response
