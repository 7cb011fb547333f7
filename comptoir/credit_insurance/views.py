"""Credit insurance pages: the policies and the covers of their buyers (outstanding against
cover), a cover's history and the insurer's decisions, the invoices to declare, the
threatened-loss declarations and their claim. Reads through :mod:`.selectors`, writes
through :mod:`.services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Record, acting_user, allowed
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.parties.models import Company

from . import selectors, services
from .forms import ClaimForm, CoverDecisionForm, CoverRequestForm, DeclarationForm, PolicyForm
from .models import BuyerCover, Declaration, Policy


def _require(request: HttpRequest, action: Action) -> None:
    if not allowed(request.user, action, Record.CREDIT_INSURANCE):
        raise PermissionDenied


def _policy(pk: int) -> Policy:
    found = Policy.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _cover(pk: int) -> BuyerCover:
    found = BuyerCover.objects.select_related("policy", "buyer").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _declaration(pk: int) -> Declaration:
    found = Declaration.objects.select_related("policy", "buyer").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _cover_rows(policy: Policy) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    in_force = policy == selectors.policy_in_force()
    for cover in selectors.covers(policy):
        position = selectors.buyer_position(cover.buyer) if in_force else None
        rows.append({"cover": cover, "position": position})
    return rows


def home(request: HttpRequest) -> HttpResponse:
    """The policy in force with its buyers, or the list of policies when there is none."""
    policy = selectors.policy_in_force()
    if policy is not None:
        return policy_detail(request, policy.pk)
    return render(
        request,
        "credit_insurance/policy_list.html",
        {
            "policies": list(selectors.policies()),
            "may_create": allowed(request.user, Action.CREATE, Record.CREDIT_INSURANCE),
        },
    )


def policy_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "credit_insurance/policy_list.html",
        {
            "policies": list(selectors.policies()),
            "may_create": allowed(request.user, Action.CREATE, Record.CREDIT_INSURANCE),
        },
    )


def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _policy(pk)
    in_force = selectors.policy_in_force()
    return render(
        request,
        "credit_insurance/policy_detail.html",
        {
            "policy": policy,
            "in_force": in_force is not None and in_force.pk == policy.pk,
            "rows": _cover_rows(policy),
            "declarations": list(policy.declarations.select_related("buyer")[:20]),
            "to_declare": selectors.invoices_to_declare()[:20] if in_force == policy else [],
            "may_create": allowed(request.user, Action.CREATE, Record.CREDIT_INSURANCE),
            "may_change": allowed(request.user, Action.CHANGE, Record.CREDIT_INSURANCE),
        },
    )


def policy_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    policy = _policy(pk) if pk is not None else None
    _require(request, Action.ADMINISTER)
    form = PolicyForm(request.POST or None, initial=PolicyForm.initial_of(policy) if policy else {})
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_policy(
                policy=policy, values=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Policy saved."))
            return HttpResponseRedirect(saved.get_absolute_url())
    return render(request, "credit_insurance/policy_form.html", {"form": form, "policy": policy})


def cover_request(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _policy(pk)
    _require(request, Action.CREATE)
    initial: dict[str, object] = {}
    buyer = request.GET.get("buyer", "")
    if buyer.isdigit() and len(buyer) <= 18:
        initial["buyer"] = int(buyer)
    form = CoverRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cover = services.request_cover(
                policy=policy, request=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Cover request recorded."))
            return HttpResponseRedirect(cover.get_absolute_url())
    return render(request, "credit_insurance/cover_request.html", {"form": form, "policy": policy})


def cover_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cover = _cover(pk)
    form = CoverDecisionForm(request.POST or None, initial={"amount": cover.requested_amount})
    if request.method == "POST":
        _require(request, Action.CHANGE)
        if form.is_valid():
            try:
                services.decide_cover(
                    cover=cover, decision=form.values(), user=acting_user(request)
                )
            except ValidationError as exc:
                errors_on_form(form, exc)
            else:
                messages.success(request, _("The insurer's decision is recorded."))
                return HttpResponseRedirect(cover.get_absolute_url())
    position = selectors.buyer_position(cover.buyer)
    return render(
        request,
        "credit_insurance/cover_detail.html",
        {
            "cover": cover,
            "form": form,
            "events": list(selectors.cover_events(cover)),
            "position": position if position and position.cover == cover else None,
            "may_change": allowed(request.user, Action.CHANGE, Record.CREDIT_INSURANCE),
        },
    )


def to_declare(request: HttpRequest) -> HttpResponse:
    rows = selectors.invoices_to_declare()
    buyer = request.GET.get("buyer", "")
    if buyer.isdigit() and len(buyer) <= 18:
        rows = [r for r in rows if r.invoice.client_id == int(buyer)]
    return render(
        request,
        "credit_insurance/to_declare.html",
        {
            "rows": rows,
            "policy": selectors.policy_in_force(),
            "may_create": allowed(request.user, Action.CREATE, Record.CREDIT_INSURANCE),
        },
    )


def declaration_new(request: HttpRequest, buyer_pk: int) -> HttpResponse:
    _require(request, Action.CREATE)
    policy = selectors.policy_in_force()
    buyer = Company.objects.filter(pk=buyer_pk).first()
    if policy is None or buyer is None:
        raise Http404
    overdue = [
        r.invoice.pk for r in selectors.invoices_to_declare() if r.invoice.client_id == buyer.pk
    ]
    form = DeclarationForm(request.POST or None, buyer=buyer, initial={"invoices": overdue})
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.declare_threatened_loss(
                policy=policy, values=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            errors_on_form(form, exc)
        else:
            messages.success(request, _("Threatened loss declared."))
            return HttpResponseRedirect(saved.get_absolute_url())
    return render(
        request,
        "credit_insurance/declaration_form.html",
        {"form": form, "policy": policy, "buyer": buyer},
    )


def declaration_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.declarations({k: str(v) for k, v in request.GET.items()}))
    return render(
        request,
        "credit_insurance/declaration_list.html",
        {"page": page, "statuses": Declaration.Status.choices, "params": request.GET},
    )


def declaration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration(pk)
    form = ClaimForm(request.POST or None, initial=ClaimForm.initial_of(declaration))
    if request.method == "POST":
        _require(request, Action.CHANGE)
        if form.is_valid():
            try:
                services.update_claim(
                    declaration=declaration, values=form.values(), user=acting_user(request)
                )
            except ValidationError as exc:
                errors_on_form(form, exc)
            else:
                messages.success(request, _("Claim updated."))
                return HttpResponseRedirect(declaration.get_absolute_url())
    return render(
        request,
        "credit_insurance/declaration_detail.html",
        {
            "declaration": declaration,
            "invoices": list(declaration.invoices.all()),
            "form": form,
            "may_change": allowed(request.user, Action.CHANGE, Record.CREDIT_INSURANCE),
        },
    )
