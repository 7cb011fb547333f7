"""The document set's screens: the set of a shipment, issue, enter as received, send, PDFs.

Views are thin: forms validate, services write, selectors read.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import Action, Record, acting_user, require
from comptoir.common.values import errors_on_form
from comptoir.documents.pdf import pdf_response
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Shipment

from . import selectors, services
from .forms import ReceivedForm, SendForm
from .models import ShippingDocument
from .panel import panel_context


def _shipment(pk: int) -> Shipment:
    try:
        return shipping_selectors.shipment_for_page(pk)
    except Shipment.DoesNotExist:
        raise Http404 from None


def _back(shipment: Shipment) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("shipping_documents:set", args=[shipment.pk]))


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def document_set(request: HttpRequest, pk: int) -> HttpResponse:
    """The set of one shipment: the checklist, every version, the consistency result."""
    shipment = _shipment(pk)
    return render(
        request,
        "shipping_documents/set.html",
        {"shipment": shipment, "section": panel_context(shipment, request)},
    )


@require_POST
def issue(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    shipment = _shipment(pk)
    try:
        document = services.issue_document(shipment=shipment, kind=kind, user=acting_user(request))
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request, _("%(document)s issued.") % {"document": selectors.label_of(document)}
        )
    return _back(shipment)


def received(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter a document another party issued, with the figures it states."""
    shipment = _shipment(pk)
    require(acting_user(request), Action.CHANGE, Record.SHIPPING_DOCUMENT)
    initial = {"kind": request.GET.get("kind", "")}
    form = ReceivedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.record_received(
                shipment=shipment, values=form.values(), user=acting_user(request)
            )
        except ValidationError as error:
            errors_on_form(form, error)
        else:
            messages.success(
                request, _("%(document)s entered.") % {"document": selectors.label_of(document)}
            )
            return _back(shipment)
    return render(
        request, "shipping_documents/received_form.html", {"shipment": shipment, "form": form}
    )


def _send_values(request: HttpRequest) -> SendForm:
    return SendForm(request.POST)


@require_POST
def send_document(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        document = selectors.document_with_pdf(pk)
    except ShippingDocument.DoesNotExist:
        raise Http404 from None
    form = _send_values(request)
    if not form.is_valid():
        for errs in form.errors.values():
            for text in errs:
                messages.error(request, str(text))
        return _back(document.shipment)
    try:
        services.mark_sent(
            document=document,
            sent_to=form.cleaned_data["sent_to"],
            sent_on=form.cleaned_data["sent_on"],
            override_reason=form.cleaned_data["override_reason"],
            user=acting_user(request),
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("%(document)s marked as sent.") % {"document": document})
    return _back(document.shipment)


@require_POST
def send_set(request: HttpRequest, pk: int) -> HttpResponse:
    shipment = _shipment(pk)
    form = _send_values(request)
    if not form.is_valid():
        for errs in form.errors.values():
            for text in errs:
                messages.error(request, str(text))
        return _back(shipment)
    try:
        services.send_set(
            shipment=shipment,
            sent_to=form.cleaned_data["sent_to"],
            sent_on=form.cleaned_data["sent_on"],
            override_reason=form.cleaned_data["override_reason"],
            user=acting_user(request),
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The document set is marked as sent."))
    return _back(shipment)


def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF as issued (never rendered again: what was sent is what is shown)."""
    try:
        document = selectors.document_with_pdf(pk)
    except ShippingDocument.DoesNotExist:
        raise Http404 from None
    if not document.pdf:
        raise Http404(_("This document has no PDF: it was received from another party."))
    name = f"{document.number}.pdf"
    return pdf_response(bytes(document.pdf), name)


__all__ = ["document_set", "issue", "pdf", "received", "send_document", "send_set"]
