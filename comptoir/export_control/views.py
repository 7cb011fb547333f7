"""Export control pages: country measures, licences (with what shipments took), the
controlled products, a product's classification and the allocation of a licence to a
shipment line. Reads through :mod:`.selectors`, writes through :mod:`.services`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import Action, Record, acting_user, allowed
from comptoir.catalog.models import Product
from comptoir.common.dates import current_language, today
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.shipping.models import ShipmentLine
from comptoir.trade import export_control as rules

from . import selectors, services
from .forms import AllocationForm, ClassificationForm, LicenceForm, MeasureForm
from .models import Allocation, CountryMeasure, Licence


def _require(request: HttpRequest, action: Action, record: Record) -> None:
    if not allowed(request.user, action, record):
        raise PermissionDenied


# ------------------------------------------------------------------------ country measures


def measure_list(request: HttpRequest) -> HttpResponse:
    language = current_language()
    measures = selectors.measure_list(request.GET)
    page = page_of(request, measures)
    return render(
        request,
        "export_control/measure_list.html",
        {
            "page": page,
            "rows": [{"measure": m, "title": m.title(language)} for m in page.object_list],
            "kinds": CountryMeasure.Kind.choices,
            "params": request.GET,
        },
    )


def _measure(pk: int) -> CountryMeasure:
    measure = CountryMeasure.objects.filter(pk=pk).first()
    if measure is None:
        raise Http404
    return measure


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _measure(pk)
    language = current_language()
    return render(
        request,
        "export_control/measure_detail.html",
        {
            "measure": measure,
            "title": measure.title(language),
            "description": measure.description(language),
            "in_force": measure in selectors.measures_in_force(measure.country),
        },
    )


def measure_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    measure = _measure(pk) if pk is not None else None
    _require(request, Action.CREATE if measure is None else Action.CHANGE, Record.COUNTRY_MEASURE)
    initial = (
        MeasureForm.initial_of(measure)
        if measure
        else {"country": request.GET.get("country", "").upper()}
    )
    form = MeasureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_measure(
                measure=measure, values=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Country measure saved."))
            return HttpResponseRedirect(saved.get_absolute_url())
    return render(request, "export_control/measure_form.html", {"form": form, "measure": measure})


# ------------------------------------------------------------------------------- licences


def _licence_row(licence: Licence) -> dict[str, object]:
    quantity, value = selectors.usage(licence)
    day = today()
    if licence.suspended:
        state = "suspended"
    elif licence.valid_from > day:
        state = "not_yet"
    elif licence.valid_until is not None and licence.valid_until < day:
        state = "expired"
    elif licence.valid_until is not None and (licence.valid_until - day).days <= (
        services.EXPIRY_NOTICE_DAYS
    ):
        state = "expiring"
    else:
        state = "valid"
    return {
        "licence": licence,
        "state": state,
        "quantity_used": quantity,
        "value_used": value,
        "quantity_left": None
        if licence.quantity_limit is None
        else licence.quantity_limit - quantity,
        "value_left": None if licence.value_limit is None else licence.value_limit - value,
    }


def licence_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.licence_list(request.GET))
    return render(
        request,
        "export_control/licence_list.html",
        {
            "page": page,
            "rows": [_licence_row(licence) for licence in page.object_list],
            "kinds": Licence.Kind.choices,
            "params": request.GET,
        },
    )


def _licence(pk: int) -> Licence:
    licence = Licence.objects.filter(pk=pk).first()
    if licence is None:
        raise Http404
    return licence


def licence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    licence = _licence(pk)
    eu = rules.EU_GENERAL_AUTHORISATIONS.get(licence.eu_authorisation)
    return render(
        request,
        "export_control/licence_detail.html",
        {
            **_licence_row(licence),
            "eu_title": eu[0] if eu else "",
            "products": list(licence.products.all()),
            "end_users": list(licence.end_users.all()),
            "allocations": list(selectors.licence_allocations(licence)),
        },
    )


def licence_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    licence = _licence(pk) if pk is not None else None
    _require(request, Action.CREATE if licence is None else Action.CHANGE, Record.EXPORT_LICENCE)
    initial = LicenceForm.initial_of(licence) if licence else {}
    form = LicenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_licence(
                licence=licence, values=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Licence saved."))
            return HttpResponseRedirect(saved.get_absolute_url())
    return render(
        request,
        "export_control/licence_form.html",
        {"form": form, "licence": licence, "eu_authorisations": rules.EU_GENERAL_AUTHORISATIONS},
    )


# ------------------------------------------------------------------------------- products


def product_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.controlled_products())
    return render(
        request,
        "export_control/product_list.html",
        {
            "page": page,
            "rows": [
                {"classification": c, "regime": rules.regime(c.control_number)}
                for c in page.object_list
            ],
        },
    )


def classify(request: HttpRequest, product_pk: int) -> HttpResponse:
    _require(request, Action.CHANGE, Record.DUAL_USE_CLASSIFICATION)
    product = Product.objects.filter(pk=product_pk).first()
    if product is None:
        raise Http404
    known = selectors.classification(product)
    initial = (
        {
            "control_number": known.control_number,
            "annex_iv": known.annex_iv,
            "basis": known.basis,
            "classified_on": known.classified_on,
        }
        if known
        else {}
    )
    form = ClassificationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.classify_product(
                product=product, values=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Dual-use classification saved."))
            return HttpResponseRedirect(product.get_absolute_url())
    return render(
        request,
        "export_control/classification_form.html",
        {"form": form, "product": product},
    )


# ------------------------------------------------------------------------------ shipments


@require_POST
def allocate(request: HttpRequest, line_pk: int) -> HttpResponse:
    line = ShipmentLine.objects.select_related("shipment", "product").filter(pk=line_pk).first()
    if line is None:
        raise Http404
    back = HttpResponseRedirect(line.shipment.get_absolute_url() + "#export-control")
    form = AllocationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the licence; quantity and value are numbers."))
        return back
    try:
        services.allocate(line=line, values=form.values(), user=acting_user(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Licence allocated."))
    return back


@require_POST
def remove_allocation(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = Allocation.objects.select_related("shipment").filter(pk=pk).first()
    if allocation is None:
        raise Http404
    back = HttpResponseRedirect(allocation.shipment.get_absolute_url() + "#export-control")
    try:
        services.remove_allocation(allocation=allocation, user=acting_user(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Allocation removed."))
    return back
