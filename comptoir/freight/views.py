"""Freight screens: requests for quotation, quotes, the comparison and the choice, the
provider's invoice check, the providers' KPIs. Views parse, forms validate, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from comptoir.accounts.roles import acting_user, require_edit
from comptoir.calculators.texts import translate
from comptoir.common.dates import today
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.documents.pdf import pdf_response
from comptoir.shipping.models import Shipment

from . import comparison, mailing, selectors, services
from .forms import (
    ChoiceForm,
    InvoiceForm,
    InvoiceStatusForm,
    QuoteForm,
    RequestForm,
    WeightsForm,
    charge_formset,
    charges_of,
)
from .models import ChargeKind, FreightRequest, ProviderInvoice, Quote


def _errors(request: HttpRequest, exc: ValidationError, form: Any = None) -> None:
    """A service's refusal on the form's fields when it names them, else as messages."""
    if form is not None and hasattr(exc, "error_dict"):
        errors_on_form(form, exc)
        return
    for message in exc.messages:
        messages.error(request, message)


def _get_request(pk: int) -> FreightRequest:
    try:
        return selectors.request_for_page(pk)
    except FreightRequest.DoesNotExist:
        raise Http404 from None


def request_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.request_list(request.GET))
    return render(
        request,
        "freight/request_list.html",
        {"page": page, "statuses": FreightRequest.Status.choices, "q": request.GET.get("q", "")},
    )


def request_create(request: HttpRequest) -> HttpResponse:
    require_edit(request.user)
    shipment_id = request.GET.get("shipment", "")
    if not shipment_id.isdigit():
        raise Http404
    shipment = get_object_or_404(Shipment, pk=int(shipment_id))
    form = RequestForm(request.POST or None, initial={"ready_on": services._ready_on(shipment)})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_request(
                shipment=shipment, values=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Request created: check it, then send it."))
            return HttpResponseRedirect(created.get_absolute_url())
    return render(
        request, "freight/request_form.html", {"form": form, "shipment": shipment, "obj": None}
    )


def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    obj = _get_request(pk)
    form = RequestForm(request.POST or None, initial=RequestForm.initial_for(obj))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_request(request=obj, values=form.values(), user=acting_user(request))
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Request saved."))
            return HttpResponseRedirect(obj.get_absolute_url())
    return render(
        request,
        "freight/request_form.html",
        {"form": form, "shipment": obj.shipment, "obj": obj},
    )


def _steps(table: selectors.ComparisonTable) -> list[str]:
    return [translate(step) for step in table.steps]


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get_request(pk)
    table = selectors.comparison_table(obj)
    rows = [
        {
            "row": row,
            "explanations": {k: translate(v) for k, v in row.explanations.items()},
            "lines": list(row.quote.lines.all()),
        }
        for row in table.rows
    ]
    return render(
        request,
        "freight/request_detail.html",
        {
            "obj": obj,
            "shipment": obj.shipment,
            "recipients": list(obj.recipients.select_related("provider")),
            "table": table,
            "rows": rows,
            "criteria": comparison.CRITERIA,
            "steps": _steps(table),
            "weights_form": WeightsForm(initial=obj.weights),
            "invoices": list(obj.invoices.select_related("provider")),
            "today": today(),
        },
    )


def request_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    require_edit(request.user)
    if request.method != "POST":
        raise Http404
    obj = _get_request(pk)
    user = acting_user(request)
    try:
        if action == "send":
            sent = services.send_request(request=obj, user=user)
            with_mail = [r.provider.name for r in sent if r.email]
            without = [r.provider.name for r in sent if not r.email]
            if with_mail:
                messages.success(
                    request,
                    _("Request sent to %(names)s.") % {"names": ", ".join(with_mail)},
                )
            if without:
                messages.warning(
                    request,
                    _("No e-mail address for %(names)s: send them the PDF yourself.")
                    % {"names": ", ".join(without)},
                )
        elif action == "weights":
            form = WeightsForm(request.POST)
            if not form.is_valid():
                for error in form.errors.as_data().values():
                    for message in error:
                        messages.error(request, " ".join(message.messages))
            else:
                services.set_weights(request=obj, weights=form.values(), user=user)
                messages.success(request, _("Weights saved: the scores are computed again."))
        elif action == "choose":
            quote_id = request.POST.get("quote", "")
            quote = get_object_or_404(
                Quote, pk=int(quote_id) if quote_id.isdigit() else 0, request=obj
            )
            choice = ChoiceForm(request.POST)
            choice.is_valid()
            services.choose_quote(
                request=obj,
                quote=quote,
                user=user,
                reason=choice.cleaned_data.get("reason", ""),
                send_booking=bool(choice.cleaned_data.get("send_booking")),
                inform_others=bool(choice.cleaned_data.get("inform_others")),
            )
            messages.success(
                request,
                _("%(provider)s chosen: the shipment is booked with them.")
                % {"provider": quote.provider.name},
            )
        elif action == "booking":
            services.send_booking(request=obj, user=user)
            messages.success(request, _("Booking sent again."))
        elif action == "cancel":
            services.cancel_request(request=obj, user=user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Request cancelled."))
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return HttpResponseRedirect(obj.get_absolute_url())


def request_pdf(request: HttpRequest, pk: int, recipient_pk: int) -> HttpResponse:
    obj = _get_request(pk)
    recipient = get_object_or_404(obj.recipients.select_related("provider"), pk=recipient_pk)
    recipient.language = recipient.language or recipient.provider.language
    pdf = mailing.request_pdf(recipient, acting_user(request))
    return pdf_response(pdf, f"{obj.number}-{recipient.provider_id}.pdf")


def booking_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get_request(pk)
    if obj.chosen_quote is None:
        raise Http404
    return pdf_response(mailing.booking_pdf(obj, acting_user(request)), f"{obj.number}-booking.pdf")


def _line_initial(lines: Any) -> list[dict[str, Any]]:
    return [
        {
            "kind": line.kind,
            "description": line.description,
            "amount": line.amount,
            "currency": getattr(line, "currency", ""),
        }
        for line in lines
    ]


def quote_edit(request: HttpRequest, pk: int, quote_pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    obj = _get_request(pk)
    quote = get_object_or_404(Quote, pk=quote_pk, request=obj) if quote_pk else None
    initial: dict[str, Any] = {}
    if quote is not None:
        initial = {
            "provider": quote.provider_id,
            "reference": quote.reference,
            "received_on": quote.received_on,
            "currency": quote.currency,
            "transit_days": quote.transit_days,
            "valid_until": quote.valid_until,
            "service_grade": quote.service_grade,
            "carrier_name": quote.carrier_name,
            "conditions": quote.conditions,
        }
    elif request.GET.get("provider", "").isdigit():
        initial = {"provider": int(request.GET["provider"])}
    form = QuoteForm(request.POST or None, request=obj, initial=initial)
    currency = request.POST.get("currency") or (quote.currency if quote else "EUR")
    lines = charge_formset(
        request.POST or None,
        _line_initial(quote.lines.all()) if quote else [],
        currency,
    )
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            saved = services.save_quote(
                request=obj,
                quote=quote,
                values=form.values(charges_of(lines, form.cleaned_data["currency"])),
                user=acting_user(request),
            )
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Quote saved."))
            return HttpResponseRedirect(saved.get_absolute_url())
    return render(
        request,
        "freight/quote_form.html",
        {"form": form, "lines": lines, "obj": obj, "quote": quote},
    )


def invoice_create(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    obj = _get_request(pk)
    quote = obj.chosen_quote
    if quote is None:
        messages.error(request, _("Choose a quote before entering the provider's invoice."))
        return HttpResponseRedirect(obj.get_absolute_url())
    form = InvoiceForm(request.POST or None, initial={"currency": quote.currency})
    currency = request.POST.get("currency") or quote.currency
    lines = charge_formset(request.POST or None, _line_initial(quote.lines.all()), currency)
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            saved = services.save_provider_invoice(
                request=obj,
                values=form.values(charges_of(lines, form.cleaned_data["currency"])),
                user=acting_user(request),
            )
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Invoice entered and checked against the quote."))
            return HttpResponseRedirect(saved.get_absolute_url())
    return render(
        request,
        "freight/invoice_form.html",
        {"form": form, "lines": lines, "obj": obj, "quote": quote, "invoice_lines": True},
    )


def invoice_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.invoice_list(request.GET))
    return render(
        request,
        "freight/invoice_list.html",
        {
            "page": page,
            "statuses": ProviderInvoice.Status.choices,
            "q": request.GET.get("q", ""),
        },
    )


def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        invoice = selectors.invoice_for_page(pk)
    except ProviderInvoice.DoesNotExist:
        raise Http404 from None
    try:
        check = selectors.invoice_check(invoice)
        check_error = ""
    except ValidationError as exc:
        check, check_error = None, " ".join(exc.messages)
    labels = dict(ChargeKind.choices)
    return render(
        request,
        "freight/invoice_detail.html",
        {
            "invoice": invoice,
            "check": check,
            "check_error": check_error,
            "labels": labels,
            "lines": list(invoice.lines.all()),
            "status_form": InvoiceStatusForm(initial={"status": invoice.status}),
        },
    )


def invoice_status(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    if request.method != "POST":
        raise Http404
    invoice = get_object_or_404(ProviderInvoice, pk=pk)
    form = InvoiceStatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_invoice_status(
                invoice=invoice,
                status=form.cleaned_data["status"],
                note=form.cleaned_data.get("note", ""),
                user=acting_user(request),
            )
            messages.success(request, _("Invoice status saved."))
        except ValidationError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("Choose a status."))
    return HttpResponseRedirect(reverse("freight:invoice_detail", args=[pk]))


def provider_kpis(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "freight/provider_kpis.html",
        {"rows": selectors.provider_kpis(), "today": today()},
    )


def panel_context(shipment: Shipment, request: HttpRequest) -> dict[str, Any]:
    """The freight section of the shipment page (registered in ``apps.py``)."""
    return selectors.panel_context(shipment)
