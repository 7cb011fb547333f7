"""Load plans: enter the goods, compute in the background, see the plan in 3D, print it.

The pages only read (through :mod:`.selectors`); writes go through :mod:`.services` and
:mod:`.runner`, drawings and the loading list come from :mod:`comptoir.documents.loadplan`.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from comptoir.accounts.roles import acting_user, require_edit
from comptoir.common.dates import current_language
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.documents import loadplan
from comptoir.documents.pdf import pdf_response, render_pdf

from . import runner, selectors, services
from .forms import EquipmentForm, LineFormSet, LoadPlanForm
from .models import Equipment, LoadPlan


def _plan(pk: int) -> LoadPlan:
    try:
        return selectors.plan_for_page(pk)
    except LoadPlan.DoesNotExist:
        raise Http404 from None


def plan_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.plans(search=request.GET.get("q", ""), status=request.GET.get("status", ""))
    page = page_of(request, plans)
    return render(
        request,
        "logistics/plan_list.html",
        {"page": page, "params": request.GET, "statuses": LoadPlan.Status.choices},
    )


def plan_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    plan = get_object_or_404(LoadPlan, pk=pk) if pk else None
    if plan is not None and plan.is_busy and not runner.is_stale(plan):
        messages.error(request, _("The plan is being computed: wait for the result to change it."))
        return HttpResponseRedirect(plan.get_absolute_url())
    form = LoadPlanForm(request.POST or None, instance=plan or LoadPlan())
    lines = LineFormSet(request.POST or None, instance=plan or LoadPlan(), prefix="lines")
    if request.method == "POST":
        if form.is_valid() and lines.is_valid():
            user = acting_user(request)
            plan = services.save_plan(
                plan=plan,
                header=form.header(),
                options=form.options(),
                prices=form.freight_prices(),
                lines=lines.line_values(),
                user=user,
            )
            if "compute" in request.POST:
                runner.start(plan=plan, user=user, language=current_language())
            messages.success(request, _("Load plan %(ref)s saved.") % {"ref": plan.reference})
            return HttpResponseRedirect(plan.get_absolute_url())
        messages.error(request, _("The plan was not saved: correct the fields marked in red."))
    return render(
        request,
        "logistics/plan_form.html",
        {"form": form, "lines": lines, "plan": plan},
    )


def _viewer_labels() -> str:
    """The 3D view's button texts, in the reader's language (read by ``loadview.js``)."""
    return json.dumps(
        {
            "rotate": _("Drag to rotate, wheel to zoom"),
            "top": _("Top"),
            "side": _("Side"),
            "front": _("Front"),
            "iso": "3D",
            "reset": _("Reset"),
            "step": _("Loading step"),
            "all": _("All"),
            "of": _("of"),
            "doors": _("Doors"),
            "empty": _("Nothing to show"),
            "byStop": _("Colour by delivery stop"),
        }
    )


def _result_context(plan: LoadPlan) -> dict[str, Any]:
    result = plan.result
    if result is None:
        return {}
    language = current_language()
    names = selectors.equipment_names(language, result.candidate_codes())
    layouts = selectors.axle_layouts({u.code for u in result.units})
    return loadplan.result_context(result, language, names, layouts)


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    context: dict[str, Any] = {
        "plan": plan,
        "lines": selectors.plan_lines(plan),
        "prices": selectors.price_rows(plan, current_language()),
        "stale": runner.is_stale(plan),
    }
    context.update(_result_context(plan))
    if plan.result is not None:
        context["viewer_labels"] = _viewer_labels()
    return render(request, "logistics/plan_detail.html", context)


def plan_compute(request: HttpRequest, pk: int) -> HttpResponse:
    require_edit(request.user)
    plan = get_object_or_404(LoadPlan, pk=pk)
    if request.method == "POST":
        if not runner.start(plan=plan, user=acting_user(request), language=current_language()):
            messages.warning(request, _("The plan is already being computed."))
    return HttpResponseRedirect(plan.get_absolute_url())


def plan_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar (htmx polls it); reloads the page when the computation ends."""
    plan = get_object_or_404(LoadPlan, pk=pk)
    response = render(request, "logistics/_progress.html", {"plan": plan})
    if not plan.is_busy and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


def loading_list_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    if plan.status != LoadPlan.Status.DONE or plan.result is None:
        messages.error(request, _("Compute the plan first: the loading list comes from it."))
        return HttpResponseRedirect(plan.get_absolute_url())
    context: dict[str, Any] = {"plan": plan, "lines": selectors.plan_lines(plan)}
    context.update(_result_context(plan))
    loadplan.limit_printed_steps(context["units"])
    pdf = render_pdf("logistics/loading_list.html", context, request)
    return pdf_response(pdf, f"{plan.reference}-loading-list.pdf")


def equipment_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "logistics/equipment_list.html",
        {"equipment": selectors.equipment()},
    )


def equipment_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    item = get_object_or_404(Equipment, pk=pk) if pk else None
    form = EquipmentForm(request.POST or None, instance=item)
    if request.method == "POST":
        if form.is_valid():
            try:
                item = services.save_equipment(
                    equipment=item, values=form.values(), user=acting_user(request)
                )
            except ValidationError as refusal:
                errors_on_form(form, refusal)
            else:
                messages.success(
                    request, _("%(name)s saved.") % {"name": item.name(current_language())}
                )
                return HttpResponseRedirect(reverse("logistics:equipment_list"))
        messages.error(request, _("Not saved: correct the fields marked in red."))
    return render(request, "logistics/equipment_form.html", {"form": form, "item": item})
