"""Bank guarantees: the list, the guarantee page (amount in force, last day for a demand,
fees, reductions, amendments, demands, release). Reads through :mod:`.selectors`, writes
through :mod:`.services`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import Action, Record, acting_user, allowed, require_edit
from comptoir.calculators.texts import translate
from comptoir.common.dates import today
from comptoir.common.feedback import refused as _refused
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.parties.models import Company
from comptoir.purchasing import selectors as purchasing_selectors
from comptoir.purchasing.models import PurchaseOrder
from comptoir.sales.models import Order
from comptoir.trade.errors import TradeInputError

from . import selectors, services
from .forms import (
    AmendmentForm,
    DecisionForm,
    DemandForm,
    EventForm,
    GuaranteeForm,
    IssueForm,
    ReductionFormSet,
    ReleaseForm,
    reduction_values,
)
from .models import Demand, Direction, Guarantee, GuaranteeKind, ReductionLine


def _guarantee(pk: int) -> Guarantee:
    try:
        return selectors.guarantee_for_page(pk)
    except Guarantee.DoesNotExist:
        raise Http404 from None


def guarantee_list(request: HttpRequest) -> HttpResponse:
    day = today()
    guarantees = selectors.guarantee_list(request.GET)
    page = page_of(request, guarantees)
    return render(
        request,
        "guarantees/guarantee_list.html",
        {
            "page": page,
            "rows": [
                {
                    "guarantee": g,
                    "in_force": selectors.amount_in_force(g, day).amount if g.is_live else None,
                }
                for g in page
            ],
            "params": request.GET,
            "statuses": Guarantee.Status.choices,
            "directions": Direction.choices,
            "kinds": GuaranteeKind.choices,
            "expiring": selectors.expiring(day, 30)[:20],
            "today": day,
        },
    )


def _initial(request: HttpRequest) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "handled_by": acting_user(request),
        "direction": Direction.GIVEN,
        "kind": GuaranteeKind.PERFORMANCE,
    }
    if (raw := request.GET.get("order", "")).isdigit():
        order = Order.objects.filter(pk=int(raw)).first()
        if order is not None:
            initial.update(partner=order.client, order=order, currency=order.currency)
    if (raw := request.GET.get("partner", "")).isdigit():
        partner = Company.objects.filter(pk=int(raw)).first()
        if partner is not None:
            initial.update(partner=partner, currency=partner.currency)
            if partner.has_role("supplier") and not partner.has_role("client"):
                initial.update(direction=Direction.RECEIVED, kind=GuaranteeKind.ADVANCE_PAYMENT)
    if (raw := request.GET.get("purchase_order", "")).isdigit():
        purchase = purchasing_selectors.order_by_id(int(raw))
        if purchase is not None:
            initial.update(_purchase_initial(purchase))
    return initial


def _purchase_initial(order: PurchaseOrder) -> dict[str, Any]:
    """A guarantee received for a purchase order: an advance-payment guarantee for the
    payment made before shipment (the deposit or the advance), else a performance bond of
    10 % of the order."""
    before = [p.amount for p in purchasing_selectors.payments_due(order) if p.trigger == "order"]
    total = purchasing_selectors.order_total(order)
    return {
        "direction": Direction.RECEIVED,
        "kind": GuaranteeKind.ADVANCE_PAYMENT if before else GuaranteeKind.PERFORMANCE,
        "partner": order.supplier,
        "purchase_order": order,
        "currency": order.currency,
        "amount": sum(before, Decimal("0")) if before else (total / 10).quantize(Decimal("0.01")),
        "underlying": _("Purchase order %(number)s") % {"number": order.number},
    }


def _edit(request: HttpRequest, guarantee: Guarantee | None) -> HttpResponse:
    require_edit(request.user)
    user = acting_user(request)
    if guarantee is None:
        form = GuaranteeForm(request.POST or None, initial=_initial(request), instance=Guarantee())
        formset = ReductionFormSet(request.POST or None, prefix="reductions")
    else:
        form = GuaranteeForm(request.POST or None, instance=guarantee)
        formset = ReductionFormSet(
            request.POST or None,
            prefix="reductions",
            initial=[
                {
                    "on": r.on,
                    "event": r.event,
                    "occurred_on": r.occurred_on,
                    "amount_after": r.amount_after,
                }
                for r in guarantee.reductions.all()
            ],
        )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            if guarantee is None:
                guarantee = services.create_guarantee(
                    values=form.values(), reductions=reduction_values(formset), user=user
                )
                messages.success(
                    request, _("Guarantee %(number)s recorded.") % {"number": guarantee.number}
                )
            else:
                guarantee = services.update_guarantee(
                    guarantee=guarantee,
                    values=form.values(),
                    reductions=reduction_values(formset),
                    user=user,
                )
                messages.success(
                    request, _("Guarantee %(number)s saved.") % {"number": guarantee.number}
                )
            return HttpResponseRedirect(guarantee.get_absolute_url())
        except ValidationError as exc:
            errors_on_form(form, exc)
    if request.method == "POST":
        messages.error(request, _("The guarantee was not saved: correct the fields marked in red."))
    return render(
        request,
        "guarantees/guarantee_form.html",
        {"form": form, "formset": formset, "guarantee": guarantee},
    )


def guarantee_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


def guarantee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, _guarantee(pk))


def guarantee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    guarantee = _guarantee(pk)
    day = today()
    try:
        in_force = selectors.amount_in_force(guarantee, day)
        expiry = selectors.expiry(guarantee)
        fees = selectors.fees(guarantee, day)
        figures_error = ""
    except TradeInputError as exc:  # a record from before a rule tightened
        in_force = expiry = fees = None  # type: ignore[assignment]
        figures_error = exc.message
    return render(
        request,
        "guarantees/guarantee_detail.html",
        {
            "guarantee": guarantee,
            "figures_error": figures_error,
            "in_force": in_force,
            "in_force_steps": [translate(s) for s in in_force.steps] if in_force else [],
            "expiry": expiry,
            "expiry_steps": [translate(s) for s in expiry.steps] if expiry else [],
            "expiry_rule": translate(expiry.rule) if expiry else "",
            "fees": fees,
            "fees_steps": [translate(s) for s in fees.steps] if fees else [],
            "reductions": guarantee.reductions.all(),
            "amendments": guarantee.amendments.all(),
            "demands": guarantee.demands.all(),
            "issue_form": IssueForm(initial={"issued_on": day}),
            "amendment_form": AmendmentForm(initial={"on": day}),
            "demand_form": DemandForm(
                initial={"presented_on": day, "currency": guarantee.currency}
            ),
            "decision_form": DecisionForm(initial={"on": day}),
            "release_form": ReleaseForm(initial={"on": day}),
            "may_release": allowed(request.user, Action.RELEASE, Record.BANK_GUARANTEE),
            "today": day,
        },
    )


def _back(guarantee: Guarantee) -> HttpResponseRedirect:
    return HttpResponseRedirect(guarantee.get_absolute_url())


def _invalid(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@require_POST
def guarantee_issue(request: HttpRequest, pk: int) -> HttpResponse:
    guarantee = _guarantee(pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(guarantee)
    try:
        services.record_issue(
            guarantee=guarantee,
            issued_on=form.cleaned_data["issued_on"],
            bank_reference=form.cleaned_data.get("bank_reference") or "",
            user=acting_user(request),
        )
        messages.success(request, _("Recorded as issued."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(guarantee)


@require_POST
def guarantee_amend(request: HttpRequest, pk: int) -> HttpResponse:
    guarantee = _guarantee(pk)
    form = AmendmentForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(guarantee)
    try:
        services.amend(guarantee=guarantee, values=form.values(), user=acting_user(request))
        messages.success(request, _("Amendment recorded."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(guarantee)


@require_POST
def reduction_event(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    guarantee = _guarantee(pk)
    line = ReductionLine.objects.filter(guarantee=guarantee, pk=line_pk).first()
    if line is None:
        raise Http404
    form = EventForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(guarantee)
    try:
        services.record_event(
            line=line, occurred_on=form.cleaned_data["occurred_on"], user=acting_user(request)
        )
        messages.success(request, _("Event recorded: the amount in force is reduced."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(guarantee)


@require_POST
def guarantee_demand(request: HttpRequest, pk: int) -> HttpResponse:
    guarantee = _guarantee(pk)
    form = DemandForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(guarantee)
    try:
        demand = services.record_demand(
            guarantee=guarantee, values=form.values(), user=acting_user(request)
        )
        if demand.compliant:
            messages.success(request, _("Demand recorded: it complies on its face."))
        else:
            messages.warning(request, _("Demand recorded: it does not comply — see the reasons."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(guarantee)


@require_POST
def demand_decide(request: HttpRequest, pk: int, demand_pk: int) -> HttpResponse:
    guarantee = _guarantee(pk)
    demand = Demand.objects.filter(guarantee=guarantee, pk=demand_pk).first()
    if demand is None:
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(guarantee)
    try:
        services.decide_demand(
            demand=demand,
            outcome=form.cleaned_data["outcome"],
            on=form.cleaned_data["on"],
            paid_amount=form.cleaned_data.get("paid_amount") or Decimal("0"),
            new_expiry_date=form.cleaned_data.get("new_expiry_date"),
            user=acting_user(request),
        )
        messages.success(request, _("Outcome of the demand recorded."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(guarantee)


@require_POST
def guarantee_release(request: HttpRequest, pk: int) -> HttpResponse:
    guarantee = _guarantee(pk)
    form = ReleaseForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(guarantee)
    try:
        services.release(
            guarantee=guarantee,
            on=form.cleaned_data["on"],
            how=form.cleaned_data["how"],
            user=acting_user(request),
        )
        messages.success(request, _("Release recorded."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(guarantee)
