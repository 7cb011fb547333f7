"""Recording a payment received from a client."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from comptoir.accounts.roles import (
    acting_user,
    require_edit,
)
from comptoir.common.dates import today
from comptoir.parties import selectors as parties

from .. import billing, selectors
from ..forms import (
    PaymentForm,
)
from .edge import post_errors

# --------------------------------------------------------------------------- payments


def payment_create(request: HttpRequest, client_pk: int) -> HttpResponse:
    require_edit(request.user)
    client = get_object_or_404(parties.companies(), pk=client_pk)
    open_invoices = list(selectors.open_invoices(client).order_by("due_date", "number"))
    preselect = request.GET.get("invoice")
    initial: dict[str, Any] = {"received_on": today(), "currency": client.currency}
    for inv in open_invoices:
        if str(inv.pk) == preselect:
            initial[f"alloc_{inv.pk}"] = inv.balance_due
            initial["amount"] = inv.balance_due
            initial["currency"] = inv.currency
    form = PaymentForm(request.POST or None, invoices=open_invoices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            billing.record_payment(
                client=client,
                received_on=form.cleaned_data["received_on"],
                amount=form.cleaned_data["amount"],
                currency=form.cleaned_data["currency"],
                allocations=form.allocations(),
                user=acting_user(request),
                eur_per_unit=form.cleaned_data.get("eur_rate"),
                reference=form.cleaned_data.get("reference", ""),
            )
        except ValidationError as exc:
            post_errors(request, exc)
        else:
            messages.success(request, _("Payment recorded."))
            return HttpResponseRedirect(client.get_absolute_url())
    elif request.method == "POST":
        messages.error(request, _("Not saved: correct the fields marked in red."))
    balances = {inv.pk: inv.balance_due for inv in open_invoices}
    return render(
        request,
        "sales/payment_form.html",
        {"form": form, "client": client, "balances": balances},
    )
