"""Order screens: list, edit, detail, actions (confirm, release, deliver), PDFs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import (
    acting_user,
    can_manage,
    require_edit,
)
from comptoir.common import panels
from comptoir.common.dates import today
from comptoir.common.pages import page_of
from comptoir.common.params import BadParameter
from comptoir.documents.pdf import pdf_response, render_pdf

from .. import billing, documents, selectors, services
from ..forms import (
    OrderForm,
    OrderLineFormSet,
    line_values,
)
from ..models import Order
from .edge import edit_document, post_errors, posted_date, posted_quantities

# --------------------------------------------------------------------------- orders


def order_list(request: HttpRequest) -> HttpResponse:
    bad = None
    try:
        orders = selectors.order_list(request.GET)
    except BadParameter as exc:  # a date that is not one, a reversed period: said, nothing listed
        orders, bad = Order.objects.none(), exc
    return render(
        request,
        "sales/order_list.html",
        {
            "page": page_of(request, orders),
            "params": request.GET,
            "statuses": Order.Status.choices,
            "bad": bad,
        },
        status=400 if bad else 200,
    )


def order_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    order = get_object_or_404(Order, pk=pk) if pk else None
    if order is not None and order.status not in (Order.Status.DRAFT, Order.Status.ON_HOLD):
        messages.error(request, _("A confirmed order cannot be changed."))
        return HttpResponseRedirect(order.get_absolute_url())
    return edit_document(
        request,
        order,
        Order(),
        OrderForm,
        OrderLineFormSet,
        _save_order,
        "sales/order_form.html",
        lambda o: _("Order %(n)s saved.") % {"n": o.number},
    )


def _save_order(order: Order | None, form: OrderForm, lines: Any, user: User) -> Order:
    return services.save_order(
        order=order,
        client=form.cleaned_data["client"],
        details=form.details(),
        terms=form.terms(),
        lines=line_values(lines),
        user=user,
    )


def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(Order.objects.select_related("client", "offer", "released_by"), pk=pk)
    exposure = None
    exposure_error = ""
    if order.status in (Order.Status.DRAFT, Order.Status.ON_HOLD):
        try:
            exposure = selectors.credit_exposure(order)
        except ValidationError as exc:
            exposure_error = " ".join(exc.messages)
    remaining = selectors.remaining_quantities(order)
    lines = [
        {"line": line, "remaining": remaining.get(line.pk, Decimal("0"))}
        for line in order.lines.select_related("product")
    ]
    return render(
        request,
        "sales/order_detail.html",
        {
            "order": order,
            "lines": lines,
            "amount": selectors.order_amount(order),
            "exposure": exposure,
            "exposure_error": exposure_error,
            "deliveries": order.deliveries.all(),
            "invoices": order.invoices.all(),
            "can_release": can_manage(request.user),
            "in_dunning": selectors.in_dunning(order.client),
            "today": today(),
            "sections": panels.sections(panels.ORDER, order, request),
        },
    )


def order_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    require_edit(request.user)
    if request.method != "POST":
        raise Http404
    order = get_object_or_404(Order, pk=pk)
    user = acting_user(request)
    try:
        if action == "confirm":
            order = services.confirm_order(order=order, user=user)
            if order.status == Order.Status.ON_HOLD:
                messages.warning(request, _("Order on credit hold: a manager must release it."))
            else:
                messages.success(request, _("Order confirmed."))
        elif action == "release":
            services.release_order(order=order, user=user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Order released and confirmed."))
        elif action == "deliver":
            delivery = services.create_delivery(
                order=order,
                user=user,
                planned_date=posted_date(request, "planned_date"),
                quantities=posted_quantities(request, order.lines.all()),
                carrier=request.POST.get("carrier", "")[:120],
            )
            messages.success(request, _("Delivery %(n)s created.") % {"n": delivery.number})
            return HttpResponseRedirect(delivery.get_absolute_url())
        elif action == "invoice":
            invoice = billing.draft_from_order(order=order, user=user)
            messages.success(request, _("Draft invoice created: check it, then issue it."))
            return HttpResponseRedirect(invoice.get_absolute_url())
        else:
            raise Http404
    except ValidationError as exc:
        post_errors(request, exc)
    return HttpResponseRedirect(order.get_absolute_url())


def order_pdf(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    order = get_object_or_404(Order, pk=pk)
    with translation.override(order.language):
        if kind == "confirmation":
            title = _("ORDER CONFIRMATION %(n)s") % {"n": order.number}
        elif kind == "proforma":
            title = _("PRO-FORMA INVOICE %(n)s") % {"n": order.number}
        else:
            raise Http404
        context = documents.commercial_context(order, title) | {"kind": kind}
        pdf = render_pdf("sales/pdf/commercial.html", context)
    return pdf_response(pdf, f"{order.number}-{kind}.pdf")
