"""Shipment pages: the list, a shipment with its goods and journey, create and change.

The pages read through :mod:`.selectors` and write through :mod:`.services`; the sections
other areas add (freight quotes, documents, claims) come from :mod:`.panels`.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comptoir.accounts.roles import acting_user, require_edit
from comptoir.common import panels as common_panels
from comptoir.common.dates import today
from comptoir.common.pages import page_of
from comptoir.common.params import BadParameter
from comptoir.common.values import errors_on_form
from comptoir.sales.models import Delivery

from . import panels, selectors, services, status_report, uploads
from .forms import (
    EQUIPMENT_CODES,
    ContainerFormSet,
    EventForm,
    FromDeliveryForm,
    LineFormSet,
    MilestonePlanForm,
    ShipmentForm,
    StatusReportForm,
    container_values,
    line_values,
)
from .models import Direction, Mode, Shipment


def _shipment(pk: int) -> Shipment:
    try:
        return selectors.shipment_for_page(pk)
    except Shipment.DoesNotExist:
        raise Http404 from None


def shipment_list(request: HttpRequest) -> HttpResponse:
    bad = None
    try:
        shipments = selectors.shipment_list(request.GET, today())
    except BadParameter as exc:  # a date that is not one, a reversed period: said, nothing listed
        shipments, bad = Shipment.objects.none(), exc
    return render(
        request,
        "shipping/shipment_list.html",
        {
            "page": page_of(request, shipments),
            "params": request.GET,
            "modes": Mode.choices,
            "statuses": Shipment.Status.choices,
            "directions": Direction.choices,
            "bad": bad,
        },
        status=400 if bad else 200,
    )


def shipment_detail(
    request: HttpRequest, pk: int, event_form: EventForm | None = None
) -> HttpResponse:
    shipment = _shipment(pk)
    sections = common_panels.sections(panels.PAGE, shipment, request)
    containers = list(shipment.containers.all())
    milestones = selectors.milestones_in_order(shipment)
    return render(
        request,
        "shipping/shipment_detail.html",
        {
            "shipment": shipment,
            "lines": selectors.lines(shipment),
            "containers": containers,
            "milestones": milestones,
            "timeline": selectors.timeline(shipment, milestones, today()),
            "events": selectors.recent_events(shipment, limit=PAGE_EVENTS),
            "event_count": selectors.event_count(shipment),
            "notices": selectors.notices(shipment),
            "event_form": event_form
            or EventForm(
                containers=[c.number for c in containers],
                initial={"occurred_at": timezone.localtime().replace(second=0, microsecond=0)},
            ),
            "deliveries": selectors.deliveries(shipment),
            "sections": sections,
            "today": today(),
        },
        status=400 if event_form is not None else 200,
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
            errors_on_form(form, exc)
    return render(
        request,
        "shipping/shipment_form.html",
        {"form": form, "lines": lines, "shipment": shipment},
    )


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


# ----------------------------------------------------------------------------- tracking

#: Events shown on the shipment page; all of them on the events page, by pages.
PAGE_EVENTS = 30


def event_add(request: HttpRequest, pk: int) -> HttpResponse:
    """POST from the shipment page: an event entered by hand (a step dates its milestone, in
    order only: a refusal is shown on the form)."""
    require_edit(request.user)
    if request.method != "POST":
        raise Http404
    shipment = _shipment(pk)
    form = EventForm(
        request.POST, containers=list(shipment.containers.values_list("number", flat=True))
    )
    if form.is_valid():
        try:
            services.record_event(shipment=shipment, event=form.values(), user=acting_user(request))
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Event recorded."))
            return HttpResponseRedirect(shipment.get_absolute_url() + "#timeline")
    return shipment_detail(request, pk, event_form=form)


def event_list(request: HttpRequest, pk: int) -> HttpResponse:
    shipment = _shipment(pk)
    return render(
        request,
        "shipping/event_list.html",
        {"shipment": shipment, "page": page_of(request, selectors.events(shipment), size=100)},
    )


def milestones_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The planned dates and places of the steps."""
    require_edit(request.user)
    shipment = _shipment(pk)
    form = MilestonePlanForm(
        request.POST or None, milestones=selectors.milestones_in_order(shipment)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_milestones(
                shipment=shipment, plans=form.plans(), user=acting_user(request)
            )
        except ValidationError as exc:
            errors_on_form(form, exc, field_for=lambda step: f"{step}_date")
        else:
            messages.success(request, _("Planned dates saved."))
            return HttpResponseRedirect(shipment.get_absolute_url() + "#timeline")
    return render(request, "shipping/milestones_form.html", {"shipment": shipment, "form": form})


def containers_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The containers of a shipment, with their seals, weights and VGM."""
    require_edit(request.user)
    shipment = _shipment(pk)
    initial = [
        {
            "number": c.number,
            "equipment_code": c.equipment_code,
            "seal_number": c.seal_number,
            "packages": c.packages,
            "gross_weight_kg": c.gross_weight_kg,
            "verified_gross_mass_kg": c.verified_gross_mass_kg,
        }
        for c in shipment.containers.all()
    ]
    formset = ContainerFormSet(request.POST or None, initial=initial, prefix="containers")
    if request.method == "POST" and formset.is_valid():
        try:
            services.save_containers(
                shipment=shipment, containers=container_values(formset), user=acting_user(request)
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Containers saved."))
            return HttpResponseRedirect(shipment.get_absolute_url() + "#containers")
    return render(
        request,
        "shipping/containers_form.html",
        {"shipment": shipment, "formset": formset, "equipment_codes": EQUIPMENT_CODES},
    )


def status_report_import(request: HttpRequest) -> HttpResponse:
    """A forwarder's status report: checked first (the preview: each event, the duplicates,
    each refused row), then imported on confirmation from the file kept meanwhile."""
    require_edit(request.user)
    user = acting_user(request)
    zone = getattr(getattr(user, "profile", None), "time_zone", "") or "Europe/Paris"
    form = StatusReportForm(
        request.POST or None, request.FILES or None, initial={"time_zone": zone}
    )
    report, token = None, ""
    if request.method == "POST" and request.POST.get("token"):
        kept = uploads.take(user, request.POST["token"])
        if kept is None:
            messages.error(request, _("The checked file is no longer there: send it again."))
            return HttpResponseRedirect(reverse("shipping:status_report"))
        content, filename, time_zone = kept
        report = services.import_status_report(
            stream=io.BytesIO(content), filename=filename, time_zone=time_zone, user=user
        )
        messages.success(
            request,
            ngettext("%(n)s event imported.", "%(n)s events imported.", report.imported)
            % {"n": report.imported},
        )
        form = StatusReportForm(initial={"time_zone": time_zone})
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        time_zone = form.cleaned_data["time_zone"]
        report = status_report.preview(io.BytesIO(content), upload.name, time_zone)
        if report.importable and not report.fatal:
            token = uploads.keep(user, content, upload.name, time_zone)
    labels = status_report.column_labels()
    return render(
        request,
        "shipping/status_report.html",
        {
            "form": form,
            "report": report,
            "token": token,
            "columns_read": [(header, labels[column]) for column, header in report.columns.items()]
            if report
            else [],
            "aliases": [
                (labels[column], names) for column, names in status_report.COLUMN_ALIASES.items()
            ],
            "max_rows": status_report.MAX_ROWS,
        },
    )
