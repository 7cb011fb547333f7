"""Delivery screens: detail, actions (ship, plan the load, invoice), delivery note PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import (
    acting_user,
    require_edit,
)
from comptoir.common.dates import today
from comptoir.documents.pdf import pdf_response, render_pdf

from .. import billing, documents, selectors, services
from ..models import Delivery
from .edge import post_errors, posted_date

# --------------------------------------------------------------------------- deliveries


def delivery_detail(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(
        Delivery.objects.select_related("order__client", "load_plan"), pk=pk
    )
    return render(
        request,
        "sales/delivery_detail.html",
        {
            "delivery": delivery,
            "packages": selectors.delivery_packages(delivery),
            "invoice": selectors.delivery_invoice(delivery),
            "today": today(),
        },
    )


def delivery_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    require_edit(request.user)
    if request.method != "POST":
        raise Http404
    delivery = get_object_or_404(Delivery, pk=pk)
    user = acting_user(request)
    try:
        if action == "ship":
            services.ship_delivery(
                delivery=delivery, user=user, shipped_on=posted_date(request, "shipped_on")
            )
            messages.success(request, _("Delivery shipped."))
        elif action == "invoice":
            invoice = billing.draft_from_delivery(delivery=delivery, user=user)
            messages.success(request, _("Draft invoice created: check it, then issue it."))
            return HttpResponseRedirect(invoice.get_absolute_url())
        elif action == "load-plan":
            plan = services.plan_load_for_delivery(delivery=delivery, user=user)
            messages.success(request, _("Load plan created: check the prices, then compute."))
            return HttpResponseRedirect(reverse("logistics:plan_edit", args=[plan.pk]))
        else:
            raise Http404
    except ValidationError as exc:
        post_errors(request, exc)
    return HttpResponseRedirect(delivery.get_absolute_url())


def delivery_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(Delivery.objects.select_related("order__client"), pk=pk)
    order = delivery.order
    with translation.override(order.language):
        packages = selectors.delivery_packages(delivery)
        context = {
            "delivery": delivery,
            "packages": packages,
            "rows": documents.delivery_rows(packages["rows"], order.language),
            "seller": documents.seller_context(),
            "client": documents.client_block(order.client, order.language),
            "language": order.language,
        }
        pdf = render_pdf("sales/pdf/delivery_note.html", context)
    return pdf_response(pdf, f"{delivery.number}.pdf")
