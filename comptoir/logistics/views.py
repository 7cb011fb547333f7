"""Load plans: enter the goods, compute in the background, see the plan in 3D, print it."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import can_edit
from comptoir.audit import save_form
from comptoir.documents.pdf import pdf_response, render_pdf

from . import drawings, presentation, runner, services
from .forms import EquipmentForm, LineFormSet, LoadPlanForm
from .models import Equipment, LoadPlan


def _language() -> str:
    return translation.get_language() or "en"


def _require_edit(request: HttpRequest) -> None:
    if not can_edit(request.user):
        raise PermissionDenied


def plan_list(request: HttpRequest) -> HttpResponse:
    plans = LoadPlan.objects.select_related("client", "created_by")
    q = request.GET.get("q", "").strip()
    if q:
        plans = plans.filter(
            Q(title__icontains=q) | Q(client__name__icontains=q) | Q(destination__icontains=q)
        )
    status = request.GET.get("status", "")
    if status in LoadPlan.Status.values:
        plans = plans.filter(status=status)
    page = Paginator(plans, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "logistics/plan_list.html",
        {"page": page, "params": request.GET, "statuses": LoadPlan.Status.choices},
    )


def plan_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_edit(request)
    services.ensure_standard_equipment()
    plan = get_object_or_404(LoadPlan, pk=pk) if pk else None
    if plan is not None and plan.is_busy and not runner.is_stale(plan):
        messages.error(request, _("The plan is being computed: wait for the result to change it."))
        return HttpResponseRedirect(plan.get_absolute_url())
    form = LoadPlanForm(request.POST or None, instance=plan or LoadPlan())
    lines = LineFormSet(request.POST or None, instance=plan or LoadPlan(), prefix="lines")
    if request.method == "POST":
        if form.is_valid() and lines.is_valid():
            plan = services.save_plan(form, lines, request.user)
            if "compute" in request.POST:
                runner.start(plan, request.user, _language())
            messages.success(request, _("Load plan %(ref)s saved.") % {"ref": plan.reference})
            return HttpResponseRedirect(plan.get_absolute_url())
        messages.error(request, _("The plan was not saved: correct the fields marked in red."))
    return render(
        request,
        "logistics/plan_form.html",
        {"form": form, "lines": lines, "plan": plan},
    )


def _result_context(plan: LoadPlan) -> dict[str, Any]:
    result = plan.result
    if not result:
        return {}
    language = _language()
    products = {p["key"]: p for p in result["products"]}
    names = {u["code"]: presentation.unit_name(u, language) for u in result["units"]}
    names.update(
        {e.code: e.name(language) for e in Equipment.objects.filter(code__in=_codes(result))}
    )
    units = []
    for index, unit in enumerate(result["units"]):
        units.append(
            {
                "index": index,
                "number": index + 1,
                "name": presentation.unit_name(unit, language),
                "data": unit,
                "top": drawings.top_view(unit, products),
                "side": drawings.side_view(unit, products),
                "layers": drawings.unit_layers(unit, products),
                "steps": presentation.loading_steps(result, unit, language),
                "volume_pct": 100 * unit["volume_utilisation"],
                "weight_pct": 100 * unit["weight_utilisation"],
            }
        )
    patterns = []
    for k, pattern in enumerate(drawings.pallet_patterns(result), start=1):
        patterns.append(
            {
                "letter": chr(64 + k) if k <= 26 else str(k),
                "pattern": pattern,
                "contents": [
                    {
                        "reference": products[key]["reference"],
                        "name": presentation.product_name(products[key], language),
                        "count": count,
                        "colour": products[key]["colour"],
                    }
                    for key, count in pattern.cartons.items()
                ],
                "layers": [
                    {
                        "group": g,
                        "count": len(g.rows),
                        "svg": drawings.pallet_layer_view(result, g.rows),
                    }
                    for g in pattern.layers
                ],
            }
        )
    return {
        "result": result,
        "units": units,
        "patterns": patterns,
        "legend": drawings.legend_rows(result, language),
        "candidates": presentation.candidates(result, names),
        "viewer": presentation.viewer_data(result, language),
        "viewer_labels": json.dumps(
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
            }
        ),
    }


def _codes(result: dict[str, Any]) -> set[str]:
    return {code for c in result.get("candidates", []) for code in c["codes"]}


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(LoadPlan.objects.select_related("client", "created_by"), pk=pk)
    language = _language()
    equipment = {e.code: e.name(language) for e in Equipment.objects.all()}
    context: dict[str, Any] = {
        "plan": plan,
        "lines": plan.lines.select_related("product"),
        "prices": [(equipment.get(code, code), price) for code, price in plan.prices.items()],
        "stale": runner.is_stale(plan),
    }
    context.update(_result_context(plan))
    return render(request, "logistics/plan_detail.html", context)


def plan_compute(request: HttpRequest, pk: int) -> HttpResponse:
    _require_edit(request)
    plan = get_object_or_404(LoadPlan, pk=pk)
    if request.method == "POST":
        if not runner.start(plan, request.user, _language()):
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
    plan = get_object_or_404(LoadPlan.objects.select_related("client", "created_by"), pk=pk)
    if plan.status != LoadPlan.Status.DONE or not plan.result:
        messages.error(request, _("Compute the plan first: the loading list comes from it."))
        return HttpResponseRedirect(plan.get_absolute_url())
    context: dict[str, Any] = {"plan": plan, "lines": plan.lines.select_related("product")}
    context.update(_result_context(plan))
    room = presentation.MAX_PRINTED_STEPS
    for unit in context["units"]:
        steps = presentation.grouped_steps(unit["steps"])
        unit["steps"], unit["steps_left_out"] = steps[: max(room, 0)], steps[max(room, 0) :]
        room -= len(unit["steps"])
    pdf = render_pdf("logistics/loading_list.html", context, request)
    return pdf_response(pdf, f"{plan.reference}-loading-list.pdf")


def equipment_list(request: HttpRequest) -> HttpResponse:
    if can_edit(request.user):
        services.ensure_standard_equipment()
    return render(
        request,
        "logistics/equipment_list.html",
        {"equipment": Equipment.objects.all()},
    )


def equipment_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_edit(request)
    item = get_object_or_404(Equipment, pk=pk) if pk else None
    form = EquipmentForm(request.POST or None, instance=item)
    if request.method == "POST":
        if form.is_valid():
            item = save_form(form, request.user)
            messages.success(request, _("%(name)s saved.") % {"name": item.name(_language())})
            return HttpResponseRedirect(reverse("logistics:equipment_list"))
        messages.error(request, _("Not saved: correct the fields marked in red."))
    return render(request, "logistics/equipment_form.html", {"form": form, "item": item})
