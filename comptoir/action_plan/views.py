"""Pages of the sales network and the commercial action plan: contracts with their deadlines,
what the law says and their performance; the year's plan with objectives, actions, progress,
the chart and the PDF. Reads through :mod:`.selectors`, writes through :mod:`.services`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import Action as RoleAction
from comptoir.accounts.roles import Record, acting_user, allowed
from comptoir.calculators.texts import translate
from comptoir.common.dates import today
from comptoir.common.values import errors_on_form
from comptoir.documents.pdf import pdf_response

from . import report, selectors, services
from .forms import ActionForm, ContractForm, NoticeForm, ObjectiveForm, PlanForm, year_param
from .models import Action, ActionStatus, Channel, ContractKind, ContractStatus, Objective, Plan


def _require(request: HttpRequest, action: RoleAction, record: Record) -> None:
    if not allowed(request.user, action, record):
        raise PermissionDenied


def _plan(year: int) -> Plan:
    plan = selectors.plan_of(year)
    if plan is None:
        raise Http404
    return plan


def chart(
    monthly: list[Decimal],
    cumulative: list[Decimal],
    target: list[Decimal],
    year: int,
    title: str,
) -> str:
    """The progress chart of a year (months with figures up to today); its figures are
    in the table of :func:`report.progress_months` beside it."""
    return report.progress_chart(monthly, cumulative, target, year, title)


# ---------------------------------------------------------------------------- the index


def index(request: HttpRequest) -> HttpResponse:
    """The plans by year and what is due on the network's contracts."""
    current = selectors.plan_of(today().year)
    return render(
        request,
        "action_plan/index.html",
        {
            "plans": list(selectors.plans()),
            "current": current,
            "progress": selectors.plan_progress(current) if current else None,
            "deadlines": selectors.upcoming_deadlines(),
        },
    )


# ---------------------------------------------------------------------------- contracts


def contract_list(request: HttpRequest) -> HttpResponse:
    params = {k: request.GET.get(k, "")[:20] for k in ("kind", "status", "country")}
    year = year_param(request.GET.get("year"), today().year)
    data = selectors.year_data(year)
    rows = [
        {"contract": c, "performance": selectors.contract_performance(c, data=data)}
        for c in selectors.contracts(params)[:200]
    ]
    return render(
        request,
        "action_plan/contract_list.html",
        {
            "rows": rows,
            "year": year,
            "kinds": ContractKind.choices,
            "statuses": ContractStatus.choices,
            "params": params,
            "deadlines": selectors.upcoming_deadlines(),
        },
    )


def _contract(pk: int) -> Any:
    contract = selectors.contract_or_none(pk)
    if contract is None:
        raise Http404
    return contract


def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract(pk)
    year = year_param(request.GET.get("year"), today().year)
    performance = selectors.contract_performance(contract, year)
    return render(
        request,
        "action_plan/contract_detail.html",
        {
            "contract": contract,
            "performance": performance,
            "year": year,
            "legal": selectors.contract_legal(contract),
            "deadlines": [
                {"day": d.day, "kind": d.kind, "text": translate(d.text)}
                for d in services.contract_deadlines(contract, today())
            ],
            "chart": chart(
                performance.monthly,
                performance.cumulative,
                performance.target_line,
                year,
                _("Revenue against the yearly target"),
            ),
            "months": report.progress_months(
                performance.monthly, performance.cumulative, performance.target_line, year
            ),
            "notice_form": NoticeForm(),
        },
    )


def contract_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    contract = _contract(pk) if pk is not None else None
    _require(
        request,
        RoleAction.CREATE if contract is None else RoleAction.CHANGE,
        Record.NETWORK_CONTRACT,
    )
    initial: dict[str, Any] = ContractForm.initial_of(contract) if contract else {}
    partner = request.GET.get("partner", "")
    if contract is None and partner.isdigit() and len(partner) <= 12:
        initial["partner"] = int(partner)
    form = ContractForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_contract(
                contract=contract,
                values=form.values(),
                user=acting_user(request),
                signed_file=form.cleaned_data.get("signed_file"),
            )
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Contract saved."))
            return HttpResponseRedirect(saved.get_absolute_url())
    return render(request, "action_plan/contract_form.html", {"form": form, "contract": contract})


@require_POST
def contract_notice(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract(pk)
    _require(request, RoleAction.CHANGE, Record.NETWORK_CONTRACT)
    form = NoticeForm(request.POST)
    if form.is_valid():
        try:
            services.give_notice(contract=contract, values=form.values(), user=acting_user(request))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Notice recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return HttpResponseRedirect(contract.get_absolute_url())


@require_POST
def contract_end(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _contract(pk)
    _require(request, RoleAction.CHANGE, Record.NETWORK_CONTRACT)
    services.end_contract(contract=contract, user=acting_user(request))
    messages.success(request, _("Contract marked as ended."))
    return HttpResponseRedirect(contract.get_absolute_url())


def contract_file(request: HttpRequest, pk: int) -> FileResponse:
    """The signed copy, to signed-in users only, never from a public media URL."""
    contract = _contract(pk)
    if not contract.signed_file:
        raise Http404
    try:
        handle = contract.signed_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=contract.signed_file_type or "application/octet-stream",
        as_attachment=contract.signed_file_type == "application/pdf",
        filename=contract.signed_file_name or "contract",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# -------------------------------------------------------------------------------- plans


def plan_edit(request: HttpRequest, year: int | None = None) -> HttpResponse:
    plan = _plan(year) if year is not None else None
    _require(request, RoleAction.CREATE if plan is None else RoleAction.CHANGE, Record.ACTION_PLAN)
    initial = PlanForm.initial_of(plan) if plan else {"year": today().year}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_plan(plan=plan, values=form.values(), user=acting_user(request))
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Plan saved."))
            return HttpResponseRedirect(saved.get_absolute_url())
    return render(request, "action_plan/plan_form.html", {"form": form, "plan": plan})


def plan_detail(request: HttpRequest, year: int) -> HttpResponse:
    plan = _plan(year)
    progress = selectors.plan_progress(plan)
    params = {k: request.GET.get(k, "")[:20] for k in ("channel", "status", "owner")}
    return render(
        request,
        "action_plan/plan_detail.html",
        {
            "plan": plan,
            "progress": progress,
            "actions": list(selectors.actions(plan, params)),
            "channels": Channel.choices,
            "statuses": ActionStatus.choices,
            "params": params,
            "chart": chart(
                progress.company.monthly,
                progress.company_cumulative,
                progress.company_target_line,
                plan.year,
                _("Company revenue against the plan's target"),
            ),
            "months": report.progress_months(
                progress.company.monthly,
                progress.company_cumulative,
                progress.company_target_line,
                plan.year,
            ),
        },
    )


def plan_pdf(request: HttpRequest, year: int) -> HttpResponse:
    """The plan as a PDF, in French or English (``?lang=``; the reader's language by default)."""
    plan = _plan(year)
    language = request.GET.get("lang", "")
    if language not in ("fr", "en"):
        language = (translation.get_language() or "fr")[:2]
    with translation.override(language):
        pdf = report.plan_pdf(plan, chart)
    return pdf_response(pdf, f"action-plan-{plan.year}-{language}.pdf")


def objective_edit(request: HttpRequest, year: int, pk: int | None = None) -> HttpResponse:
    plan = _plan(year)
    objective = None
    if pk is not None:
        objective = Objective.objects.filter(plan=plan, pk=pk).first()
        if objective is None:
            raise Http404
    _require(
        request,
        RoleAction.CREATE if objective is None else RoleAction.CHANGE,
        Record.ACTION_PLAN,
    )
    form = ObjectiveForm(
        request.POST or None, initial=ObjectiveForm.initial_of(objective) if objective else {}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_objective(
                plan=plan, objective=objective, values=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Objective saved."))
            return HttpResponseRedirect(plan.get_absolute_url() + "#objectives")
    return render(
        request,
        "action_plan/objective_form.html",
        {"form": form, "plan": plan, "objective": objective},
    )


def _action(plan: Plan, pk: int) -> Action:
    action = Action.objects.filter(plan=plan, pk=pk).select_related("event", "campaign").first()
    if action is None:
        raise Http404
    return action


def action_edit(request: HttpRequest, year: int, pk: int | None = None) -> HttpResponse:
    plan = _plan(year)
    action = _action(plan, pk) if pk is not None else None
    may_change = allowed(
        request.user,
        RoleAction.CREATE if action is None else RoleAction.CHANGE,
        Record.COMMERCIAL_ACTION,
    )
    if action is None and not may_change:
        raise PermissionDenied
    initial: dict[str, Any] = ActionForm.initial_of(action) if action else {}
    if action is None:
        initial.update(
            {
                "owner": request.user.pk,
                "channel": request.GET.get("channel", "")[:12] or None,
                "objective": request.GET.get("objective", "")[:12] or None,
            }
        )
    form = ActionForm(
        request.POST or None, initial=initial, plan=plan, user=request.user, action=action
    )
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.save_action(
                    plan=plan, action=action, values=form.values(), user=acting_user(request)
                )
            except ValidationError as exc:
                errors_on_form(form, exc)
            else:
                messages.success(request, _("Action saved."))
                return HttpResponseRedirect(plan.get_absolute_url() + "#actions")
    return render(
        request,
        "action_plan/action_form.html",
        {
            "form": form,
            "plan": plan,
            "action": action,
            "may_change": may_change,
            "linked": selectors.linked_results(
                action, today(), (translation.get_language() or "en")[:2]
            )
            if action is not None
            else None,
        },
    )


@require_POST
def action_delete(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    plan = _plan(year)
    action = _action(plan, pk)
    _require(request, RoleAction.DELETE, Record.COMMERCIAL_ACTION)
    services.delete_action(action=action, user=acting_user(request))
    messages.success(request, _("Action deleted."))
    return HttpResponseRedirect(reverse("action_plan:plan_detail", args=[plan.year]))
