"""Tender screens: the list, a new tender, the tender page (invited suppliers, answers, the
comparison table with its weights, the decision), an answer, the route costs, the build-up
of one answer, the request's PDF. Views parse, forms validate, services write."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from comptoir.accounts.roles import acting_user, require_edit
from comptoir.calculators.texts import translate
from comptoir.common import panels
from comptoir.common.dates import today
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.documents.pdf import pdf_response
from comptoir.trade import tender_comparison as core

from . import mailing, selectors, services
from .forms import (
    AnswerForm,
    CostsForm,
    DecisionForm,
    LineFormSet,
    TenderForm,
    WeightsForm,
    lines_of,
)
from .models import Invitation, Tender


def _errors(request: HttpRequest, exc: ValidationError, form: Any = None) -> None:
    if form is not None and hasattr(exc, "error_dict"):
        errors_on_form(form, exc)
        return
    for message in exc.messages:
        messages.error(request, message)


def _get(pk: int) -> Tender:
    try:
        return selectors.tender_for_page(pk)
    except Tender.DoesNotExist:
        raise Http404 from None


def _invitation(tender: Tender, pk: int) -> Invitation:
    return get_object_or_404(tender.invitations.select_related("supplier"), pk=pk)


def tender_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.tender_list(request.GET))
    return render(
        request,
        "tenders/tender_list.html",
        {"page": page, "statuses": Tender.Status.choices, "q": request.GET.get("q", "")},
    )


def tender_create(request: HttpRequest) -> HttpResponse:
    require_edit(request.user)
    form = TenderForm(request.POST or None, initial={"incoterm": "FCA"})
    lines = LineFormSet(request.POST or None, prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            created = services.create_tender(
                values=form.values(lines_of(lines)), user=acting_user(request)
            )
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Tender created: add the route costs, then send it."))
            return HttpResponseRedirect(created.get_absolute_url())
    return render(request, "tenders/tender_form.html", {"form": form, "lines": lines})


def _figure(value: Decimal, places: int, french: bool) -> str:
    """A figure with grouped thousands, written fast (a long table has a thousand)."""
    text = f"{value:,.{places}f}"
    return text.replace(",", "\u202f").replace(".", ",") if french else text


def _cell(row: selectors.AnswerRow, position: int, french: bool) -> str | None:
    result = row.line_result(position)
    return None if result is None else _figure(result.unit_delivered, 4, french)


def tender_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get(pk)
    table = selectors.comparison(obj)
    day = today()
    rows = []
    for row in table.rows:
        rows.append(
            {
                "row": row,
                "supplier_id": row.invitation.supplier_id,
                "explanations": [
                    (table.labels[c], translate(row.explanations[c]))
                    for c in core.CRITERIA
                    if c in row.explanations
                ],
                "grades": [row.grades.get(c) for c in core.CRITERIA],
                "steps": [translate(s) for s in row.result.steps] if row.result else [],
            }
        )
    french = (get_language() or "en").startswith("fr")
    matrix = [
        {
            "line": line,
            "best": table.best_per_line.get(line.position),
            "cells": [
                (r.invitation.supplier_id, _cell(r, line.position, french))
                for r in table.rows
                if r.result is not None
            ],
        }
        for line in table.lines
    ]
    awards = list(
        obj.awards.select_related("line__product", "answer_line__answer__invitation__supplier")
    )
    return render(
        request,
        "tenders/tender_detail.html",
        {
            "obj": obj,
            "lines": table.lines,
            "invitations": [
                (r.invitation, selectors.invitation_status(r.invitation, day)) for r in table.rows
            ],
            "table": table,
            "rows": rows,
            "priced": [r for r in table.rows if r.result is not None],
            "matrix": matrix,
            "labels": [table.labels[c] for c in core.CRITERIA],
            "weights": [(table.labels[c], table.weights[c]) for c in core.CRITERIA],
            "steps": [translate(s) for s in table.steps],
            "weights_form": WeightsForm(initial=obj.weights),
            "decision_form": DecisionForm(tender=obj, lines=table.lines),
            "awards": awards,
            "today": day,
            "sections": panels.sections(panels.TENDER, obj, request),
        },
    )


def answer_edit(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    require_edit(request.user)
    obj = _get(pk)
    invitation = _invitation(obj, invitation_pk)
    answer = getattr(invitation, "answer", None)
    lines = selectors.lines_of(obj)
    initial: dict[str, Any] = {
        "received_on": today(),
        "currency": invitation.supplier.currency or "EUR",
        "incoterm": obj.incoterm,
        "samples": "none",
        "payment_days": 0,
    }
    if answer is not None:
        initial = {
            name: getattr(answer, name)
            for name in (
                "reference",
                "received_on",
                "currency",
                "incoterm",
                "incoterm_place",
                "origin_country",
                "preference_agreement",
                "lead_time_days",
                "payment_terms",
                "payment_days",
                "valid_until",
                "samples",
                "quality_grade",
                "remarks",
            )
        }
        for line in answer.lines.select_related("line"):
            initial[f"price_{line.line.position}"] = line.unit_price
            initial[f"moq_{line.line.position}"] = line.moq
    form = AnswerForm(request.POST or None, lines=lines, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_answer(
                invitation=invitation, values=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Answer saved: the comparison is computed again."))
            return HttpResponseRedirect(obj.get_absolute_url() + "#comparison")
    return render(
        request,
        "tenders/answer_form.html",
        {"obj": obj, "invitation": invitation, "form": form, "answer": answer},
    )


def costs_edit(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    require_edit(request.user)
    obj = _get(pk)
    invitation = _invitation(obj, invitation_pk)
    initial: dict[str, Any] = {}
    for cost in invitation.costs.all():
        initial[f"{cost.kind}_amount"] = cost.amount
        initial[f"{cost.kind}_basis"] = cost.basis
    form = CostsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_route_costs(
                invitation=invitation, costs=form.values(), user=acting_user(request)
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Route costs saved."))
            return HttpResponseRedirect(obj.get_absolute_url())
    return render(
        request,
        "tenders/costs_form.html",
        {"obj": obj, "invitation": invitation, "form": form},
    )


def answer_detail(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    """The build-up of one answer, line by line, to the cost per unit delivered."""
    obj = _get(pk)
    invitation = _invitation(obj, invitation_pk)
    table = selectors.comparison(obj, explain=True)
    row = table.row_of(invitation.supplier)
    if row is None:
        raise Http404
    lines = []
    if row.result is not None:
        by_position = {line.position: line for line in table.lines}
        for result in row.result.lines:
            line = by_position[int(result.key)]
            lines.append(
                {
                    "line": line,
                    "result": result,
                    "steps": [translate(s) for s in result.steps],
                    "moq_above": line.position in row.moq_above,
                }
            )
    return render(
        request,
        "tenders/answer_detail.html",
        {
            "obj": obj,
            "invitation": invitation,
            "row": row,
            "table": table,
            "lines": lines,
            "steps": [translate(s) for s in row.result.steps] if row.result else [],
        },
    )


def invitation_pdf(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    obj = _get(pk)
    invitation = _invitation(obj, invitation_pk)
    invitation.language = invitation.language or invitation.supplier.language
    pdf = mailing.request_pdf(invitation, acting_user(request))
    return pdf_response(pdf, f"{obj.number}-{invitation.supplier_id}.pdf")


def tender_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    require_edit(request.user)
    if request.method != "POST":
        raise Http404
    obj = _get(pk)
    user = acting_user(request)
    anchor = ""
    try:
        if action == "send":
            sent = services.send_tender(tender=obj, user=user)
            with_mail = [i.supplier.name for i in sent if i.email]
            without = [i.supplier.name for i in sent if not i.email]
            if with_mail:
                messages.success(
                    request, _("Request sent to %(names)s.") % {"names": ", ".join(with_mail)}
                )
            if without:
                messages.warning(
                    request,
                    _("No e-mail address for %(names)s: send them the PDF yourself.")
                    % {"names": ", ".join(without)},
                )
        elif action == "decline":
            invitation_id = request.POST.get("invitation", "")
            invitation = _invitation(obj, int(invitation_id) if invitation_id.isdigit() else 0)
            services.decline(
                invitation=invitation, user=user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("%(name)s declined.") % {"name": invitation.supplier})
        elif action == "weights":
            anchor = "#comparison"
            form = WeightsForm(request.POST)
            if not form.is_valid():
                for error in form.errors.as_data().values():
                    for message in error:
                        messages.error(request, " ".join(message.messages))
            else:
                services.set_weights(tender=obj, weights=form.values(), user=user)
                messages.success(request, _("Weights saved: the scores are computed again."))
        elif action == "decide":
            anchor = "#decision"
            decision = DecisionForm(request.POST, tender=obj, lines=selectors.lines_of(obj))
            if not decision.is_valid():
                for error in decision.errors.as_data().values():
                    for message in error:
                        messages.error(request, " ".join(message.messages))
            else:
                services.decide(tender=obj, values=decision.values(), user=user)
                messages.success(request, _("Decision recorded."))
        elif action == "cancel":
            services.cancel_tender(tender=obj, user=user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Tender cancelled."))
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return HttpResponseRedirect(obj.get_absolute_url() + anchor)
