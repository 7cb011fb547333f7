"""Shipment pages: the list, a shipment with its goods and journey, create and change.

The pages read through :mod:`.selectors` and write through :mod:`.services`; the sections
other areas add (freight quotes, documents, claims) come from :mod:`.panels`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from comptoir.accounts.roles import acting_user, require_edit
from comptoir.common.dates import today
from comptoir.common.pages import page_of
from comptoir.sales.models import Delivery

from . import panels, selectors, services
from .forms import FromDeliveryForm, LineFormSet, ShipmentForm, line_values
from .models import Direction, Mode, Shipment


def _shipment(pk: int) -> Shipment:
    try:
        return selectors.shipment_for_page(pk)
    except Shipment.DoesNotExist:
        raise Http404 from None


def shipment_list(request: HttpRequest) -> HttpResponse:
    shipments = selectors.shipment_list(request.GET, today())
    return render(
        request,
        "shipping/shipment_list.html",
        {
            "page": page_of(request, shipments),
            "params": request.GET,
            "modes": Mode.choices,
            "statuses": Shipment.Status.choices,
            "directions": Direction.choices,
        },
    )


def shipment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shipment = _shipment(pk)
    sections = [
        {"template": panel.template, **panel.context(shipment, request)}
        for panel in panels.panels()
    ]
    return render(
        request,
        "shipping/shipment_detail.html",
        {
            "shipment": shipment,
            "lines": selectors.lines(shipment),
            "containers": shipment.containers.all(),
            "milestones": selectors.milestones_in_order(shipment),
            "events": selectors.recent_events(shipment),
            "deliveries": selectors.deliveries(shipment),
            "sections": sections,
            "today": today(),
        },
    )


def shipment_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Change a shipment, or enter one by hand (an import, goods not delivered by us)."""
    require_edit(request.user)
    shipment = _shipment(pk) if pk else None
    form = ShipmentForm(request.POST or None, instance=shipment or Shipment())
    lines = (
        LineFormSet(request.POST or None, instance=Shipment(), prefix="lines")
        if shipment is None
        else None
    )
    if request.method == "POST" and form.is_valid() and (lines is None or lines.is_valid()):
        user = acting_user(request)
        try:
            with transaction.atomic():
                if shipment is None:
                    assert lines is not None
                    shipment = services.create_shipment(
                        details=form.details(), lines=line_values(lines), user=user
                    )
                    messages.success(request, _("Shipment created."))
                else:
                    shipment = services.save_shipment(
                        shipment=shipment, details=form.details(), user=user
                    )
                    messages.success(request, _("Shipment saved."))
            return HttpResponseRedirect(shipment.get_absolute_url())
        except ValidationError as exc:
            _errors_on_form(form, exc)
    return render(
        request,
        "shipping/shipment_form.html",
        {"form": form, "lines": lines, "shipment": shipment},
    )


def _errors_on_form(form: ShipmentForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        form.add_error(None, exc)


def from_delivery(request: HttpRequest, delivery_pk: int) -> HttpResponse:
    """POST from a delivery page: a shipment with the delivery's goods, packages and terms."""
    require_edit(request.user)
    if request.method != "POST":
        raise Http404
    delivery = get_object_or_404(Delivery.objects.select_related("order__client"), pk=delivery_pk)
    form = FromDeliveryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a mode of transport."))
        return HttpResponseRedirect(delivery.get_absolute_url())
    try:
        shipment = services.create_from_deliveries(
            deliveries=[delivery], mode=form.cleaned_data["mode"], user=acting_user(request)
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return HttpResponseRedirect(delivery.get_absolute_url())
    messages.success(
        request, _("Shipment created: check the parties, places and weights, then ask for quotes.")
    )
    return HttpResponseRedirect(shipment.get_absolute_url())


def shipment_status(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    if request.method != "POST":
        raise Http404
    shipment = _shipment(pk)
    try:
        services.set_status(
            shipment=shipment,
            status=request.POST.get("status", ""),
            reason=request.POST.get("reason", "")[:200],
            user=acting_user(request),
        )
        messages.success(request, _("Shipment status changed."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return HttpResponseRedirect(shipment.get_absolute_url())
