"""Currency pages: the exposure per currency and month (table, chart, spreadsheet), the
hedges and the expected payments. Reads through :mod:`.selectors`, writes through
:mod:`.services`; a GET never writes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import Action, Record, acting_user, allowed
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.documents.exports import export_response

from . import report, selectors, services
from .forms import HedgeForm, HedgeStatusForm, PaymentForm
from .models import ExpectedPayment, Hedge


def _require(request: HttpRequest, action: Action, record: Record) -> None:
    if not allowed(request.user, action, record):
        raise PermissionDenied


def exposure(request: HttpRequest) -> HttpResponse:
    current = selectors.exposure()
    if request.GET.get("format") == "xlsx":
        return export_response(
            request, "xlsx", "currency-exposure", report.header(), report.rows(current)
        )
    sections: list[dict[str, Any]] = []
    for cur in current.currencies:
        sections.append(
            {
                "exposure": cur,
                "chart": report.chart(cur),
                "months": report.month_labels(cur),
                "spot": current.spot.get(cur.currency),
                "budget": current.budget.get(cur.currency),
                "payables": current.payables_in(cur.currency),
            }
        )
    return render(
        request,
        "fx_exposure/exposure.html",
        {
            "current": current,
            "sections": sections,
            "may_hedge": allowed(request.user, Action.CREATE, Record.CURRENCY_HEDGE),
            "may_add_payment": allowed(request.user, Action.CREATE, Record.EXPECTED_PAYMENT),
        },
    )


# --------------------------------------------------------------------------------- hedges


def _hedge(pk: int) -> Hedge:
    found = Hedge.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def hedge_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.hedges({k: str(v) for k, v in request.GET.items()}))
    return render(
        request,
        "fx_exposure/hedge_list.html",
        {
            "page": page,
            "statuses": Hedge.Status.choices,
            "params": request.GET,
            "may_hedge": allowed(request.user, Action.CREATE, Record.CURRENCY_HEDGE),
        },
    )


def hedge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    hedge = _hedge(pk)
    form = HedgeStatusForm(
        request.POST or None, initial={"status": hedge.status, "delivered": hedge.delivered}
    )
    if request.method == "POST":
        _require(request, Action.CHANGE, Record.CURRENCY_HEDGE)
        if form.is_valid():
            try:
                services.set_hedge_status(
                    hedge=hedge, values=form.values(), user=acting_user(request)
                )
            except ValidationError as exc:
                errors_on_form(form, exc)
            else:
                messages.success(request, _("Hedge updated."))
                return HttpResponseRedirect(hedge.get_absolute_url())
    value, spot = selectors.hedge_value(hedge)
    return render(
        request,
        "fx_exposure/hedge_detail.html",
        {
            "hedge": hedge,
            "form": form,
            "value": value,
            "spot": spot,
            "may_change": allowed(request.user, Action.CHANGE, Record.CURRENCY_HEDGE),
        },
    )


def hedge_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    hedge = _hedge(pk) if pk is not None else None
    _require(request, Action.CREATE if hedge is None else Action.CHANGE, Record.CURRENCY_HEDGE)
    initial: dict[str, Any] = HedgeForm.initial_of(hedge) if hedge else {"kind": "forward"}
    form = HedgeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_hedge(
                hedge=hedge, values=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Hedge saved."))
            return HttpResponseRedirect(saved.get_absolute_url())
    return render(request, "fx_exposure/hedge_form.html", {"form": form, "hedge": hedge})


# ---------------------------------------------------------------------- expected payments


def _payment(pk: int) -> ExpectedPayment:
    found = ExpectedPayment.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def payment_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.expected_payments())
    return render(
        request,
        "fx_exposure/payment_list.html",
        {
            "page": page,
            "may_add": allowed(request.user, Action.CREATE, Record.EXPECTED_PAYMENT),
            "may_delete": allowed(request.user, Action.DELETE, Record.EXPECTED_PAYMENT),
        },
    )


def payment_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    payment = _payment(pk) if pk is not None else None
    _require(request, Action.CREATE if payment is None else Action.CHANGE, Record.EXPECTED_PAYMENT)
    initial = PaymentForm.initial_of(payment) if payment else {}
    form = PaymentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_payment(payment=payment, values=form.values(), user=acting_user(request))
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Expected payment saved."))
            return HttpResponseRedirect(reverse("fx_exposure:payment_list"))
    return render(request, "fx_exposure/payment_form.html", {"form": form, "payment": payment})


@require_POST
def payment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    payment = _payment(pk)
    _require(request, Action.DELETE, Record.EXPECTED_PAYMENT)
    services.delete_payment(payment=payment, user=acting_user(request))
    messages.success(request, _("Expected payment removed."))
    return HttpResponseRedirect(reverse("fx_exposure:payment_list"))
